/* test-git-credential-protocol.c: git's credential description reader
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "git-credential-protocol.h"

typedef struct {
  const gchar *name;
  const gchar *input;
  gsize        input_len;    /* 0: strlen (input) */
  gint         error_code;   /* -1: success */
  const gchar *protocol;
  const gchar *host;
  const gchar *path;
  const gchar *username;
  const gchar *password;
  const gchar *wwwauth;      /* items joined with '|' */
  const gchar *capability;
  gboolean     quit;
} Golden;

#define OK -1

static const Golden goldens[] = {
  { "basic", "protocol=https\nhost=example.com\nusername=bob\npassword=secr3t\n\n", 0, OK,
    "https", "example.com", NULL, "bob", "secr3t", "", "", FALSE },
  { "split-at-first-equals", "host=h\npassword=a=b==c=\n", 0, OK,
    NULL, "h", NULL, NULL, "a=b==c=", "", "", FALSE },
  { "never-trimmed", "username= bob \npassword=\t pw \t\nhost= h\n", 0, OK,
    NULL, " h", NULL, " bob ", "\t pw \t", "", "", FALSE },
  { "crlf-line-end", "host=example.com\r\npassword=p\r\n", 0, OK,
    NULL, "example.com", NULL, NULL, "p", "", "", FALSE },
  { "inner-cr-refused", "password=a\rb\n", 0, SHAROKEY_GIT_CREDENTIAL_ERROR_CARRIAGE_RETURN,
    NULL, NULL, NULL, NULL, NULL, "", "", FALSE },
  { "cr-before-crlf-refused", "host=h\r\npassword=x\r\r\n", 0, SHAROKEY_GIT_CREDENTIAL_ERROR_CARRIAGE_RETURN,
    NULL, NULL, NULL, NULL, NULL, "", "", FALSE },
  { "crlf-blank-line-ends", "host=a\r\n\r\nhost=b\n", 0, OK,
    NULL, "a", NULL, NULL, NULL, "", "", FALSE },
  { "eof-ends-without-newline", "protocol=https\nhost=h", 0, OK,
    "https", "h", NULL, NULL, NULL, "", "", FALSE },
  { "blank-line-ends", "host=a\n\nhost=b\npassword=late\n", 0, OK,
    NULL, "a", NULL, NULL, NULL, "", "", FALSE },
  { "empty-input", "", 0, OK,
    NULL, NULL, NULL, NULL, NULL, "", "", FALSE },
  { "unknown-keys-ignored", "foo=bar\npassword_expiry_utc=1\noauth_refresh_token=t\nephemeral=1\n=x\nhost=a\n", 0, OK,
    NULL, "a", NULL, NULL, NULL, "", "", FALSE },
  { "later-value-wins", "host=a\nhost=b\nusername=u\nusername=\n", 0, OK,
    NULL, "b", NULL, "", NULL, "", "", FALSE },
  { "path", "protocol=https\nhost=h\npath=team/app.git\n", 0, OK,
    "https", "h", "team/app.git", NULL, NULL, "", "", FALSE },
  { "multi-valued", "wwwauth[]=Basic realm=\"x\"\nwwwauth[]=Bearer\ncapability[]=authtype\n", 0, OK,
    NULL, NULL, NULL, NULL, NULL, "Basic realm=\"x\"|Bearer", "authtype", FALSE },
  { "multi-valued-reset", "capability[]=authtype\ncapability[]=\ncapability[]=state\nwwwauth[]=A\nwwwauth[]=\n", 0, OK,
    NULL, NULL, NULL, NULL, NULL, "", "state", FALSE },
  { "quit-1", "host=a\nquit=1\n", 0, OK,
    NULL, "a", NULL, NULL, NULL, "", "", TRUE },
  { "quit-true", "quit=true\n", 0, OK,
    NULL, NULL, NULL, NULL, NULL, "", "", TRUE },
  { "quit-0", "quit=0\n", 0, OK,
    NULL, NULL, NULL, NULL, NULL, "", "", FALSE },
  { "url", "url=https://bob:pw@example.com:8080/team/app.git/\n", 0, OK,
    "https", "example.com:8080", "team/app.git", "bob", "pw", "", "", FALSE },
  { "url-decoded", "url=https://b%40ob@example.com/a%20b\n", 0, OK,
    "https", "example.com", "a b", "b@ob", NULL, "", "", FALSE },
  { "url-then-override", "url=https://a.example\nhost=b.example\n", 0, OK,
    "https", "b.example", NULL, NULL, NULL, "", "", FALSE },
  { "url-no-host", "url=cert:///etc/cert.pem\n", 0, OK,
    "cert", "", "etc/cert.pem", NULL, NULL, "", "", FALSE },
  /* Exactly as git's credential_from_url() reads them (checked against
   * `git credential fill`): the first '@', the host ended by '/', '?' or
   * '#', bad escapes kept, the path's slashes trimmed at both ends. */
  { "url-first-at", "url=https://a@b@host/x\n", 0, OK,
    "https", "b@host", "x", "a", NULL, "", "", FALSE },
  { "url-colon-after-at", "url=https://u@host:8080/x\n", 0, OK,
    "https", "host:8080", "x", "u", NULL, "", "", FALSE },
  { "url-encoded-colon", "url=https://u:p%3a@host\n", 0, OK,
    "https", "host", NULL, "u", "p:", "", "", FALSE },
  { "url-bad-escape-kept", "url=https://h%zzost/p%4\n", 0, OK,
    "https", "h%zzost", "p%4", NULL, NULL, "", "", FALSE },
  { "url-query-ends-host", "url=https://host?q=1/x\n", 0, OK,
    "https", "host", "?q=1/x", NULL, NULL, "", "", FALSE },
  { "url-slashes-trimmed", "url=https://host//a//b//\n", 0, OK,
    "https", "host", "a//b", NULL, NULL, "", "", FALSE },
  { "url-only-slashes", "url=https://host///\n", 0, OK,
    "https", "host", NULL, NULL, NULL, "", "", FALSE },
  { "url-encoded-newline", "url=https://ho%0ast/\n", 0, SHAROKEY_GIT_CREDENTIAL_ERROR_BAD_URL,
    NULL, NULL, NULL, NULL, NULL, "", "", FALSE },
  { "url-encoded-newline-in-path", "url=https://host/a%0Apassword=x\n", 0, SHAROKEY_GIT_CREDENTIAL_ERROR_BAD_URL,
    NULL, NULL, NULL, NULL, NULL, "", "", FALSE },
  { "url-encoded-cr", "url=https://ho%0dst/\n", 0, SHAROKEY_GIT_CREDENTIAL_ERROR_BAD_URL,
    NULL, NULL, NULL, NULL, NULL, "", "", FALSE },
  { "url-encoded-nul", "url=https://u:p%00w@host\n", 0, SHAROKEY_GIT_CREDENTIAL_ERROR_BAD_URL,
    NULL, NULL, NULL, NULL, NULL, "", "", FALSE },
  { "url-no-scheme", "url=example.com/x\n", 0, SHAROKEY_GIT_CREDENTIAL_ERROR_BAD_URL,
    NULL, NULL, NULL, NULL, NULL, "", "", FALSE },
  { "no-equals", "host=a\njust some words\n", 0, SHAROKEY_GIT_CREDENTIAL_ERROR_NO_EQUALS,
    NULL, NULL, NULL, NULL, NULL, "", "", FALSE },
  { "nul-byte", "host=a\npassword=x\0y\n", 20, SHAROKEY_GIT_CREDENTIAL_ERROR_NUL,
    NULL, NULL, NULL, NULL, NULL, "", "", FALSE },
  { "nul-after-end-ignored", "host=a\n\n\0garbage without equals\n", 32, OK,
    NULL, "a", NULL, NULL, NULL, "", "", FALSE },
};

static gchar *
join (GPtrArray *list)
{
  g_ptr_array_add (list, NULL);
  gchar *joined = g_strjoinv ("|", (gchar **) list->pdata);
  g_ptr_array_set_size (list, list->len - 1);
  return joined;
}

static void
test_golden (gconstpointer data)
{
  const Golden *g = data;
  gsize len = g->input_len != 0 ? g->input_len : strlen (g->input);
  g_autoptr(SharokeyGitCredential) cred = sharokey_git_credential_new ();
  g_autoptr(GError) error = NULL;
  g_autofree gchar *wwwauth = NULL;
  g_autofree gchar *capability = NULL;
  gboolean ok;

  ok = sharokey_git_credential_read_bytes (cred, g->input, len, &error);
  if (g->error_code != OK)
    {
      g_assert_false (ok);
      g_assert_error (error, SHAROKEY_GIT_CREDENTIAL_ERROR, g->error_code);
      return;
    }
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpstr (cred->protocol, ==, g->protocol);
  g_assert_cmpstr (cred->host, ==, g->host);
  g_assert_cmpstr (cred->path, ==, g->path);
  g_assert_cmpstr (cred->username, ==, g->username);
  g_assert_cmpstr (cred->password, ==, g->password);
  wwwauth = join (cred->wwwauth);
  capability = join (cred->capability);
  g_assert_cmpstr (wwwauth, ==, g->wwwauth);
  g_assert_cmpstr (capability, ==, g->capability);
  g_assert_cmpint (cred->quit, ==, g->quit);
}

/* The same input through a FILE, as the helper reads standard input. */
static void
test_stream_matches_bytes (void)
{
  static const gchar input[] = "protocol=https\nhost=h\nusername=u\npassword=p w=\n\nignored\n";
  g_autoptr(SharokeyGitCredential) cred = sharokey_git_credential_new ();
  g_autoptr(GError) error = NULL;
  FILE *stream = fmemopen ((gpointer) input, sizeof input - 1, "r");

  g_assert_nonnull (stream);
  g_assert_true (sharokey_git_credential_read (cred, stream, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cred->protocol, ==, "https");
  g_assert_cmpstr (cred->password, ==, "p w=");
  /* Everything was read, also past the blank line. */
  g_assert_cmpint (fgetc (stream), ==, EOF);
  g_assert_true (feof (stream));
  fclose (stream);
}

/* Error messages name the line, never what it holds. */
static void
test_errors_do_not_echo (void)
{
  static const struct { const gchar *input; gsize len; } cases[] = {
    { "host=a\nhunter2-topsecret\n", 0 },
    { "password=hunter2-topsecret\0\n", 28 },
    { "url=hunter2-topsecret\n", 0 },
    { "url=https://u:hunter2-topsecret%0a@h\n", 0 },
    { "password=hunter2-topsecret\r\r\n", 0 },
    { "url=https://u:hunter2-topsecret%0D@h\n", 0 },
    { "url=https://u:hunter2-topsecret%00@h\n", 0 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SharokeyGitCredential) cred = sharokey_git_credential_new ();
      g_autoptr(GError) error = NULL;
      gsize len = cases[i].len != 0 ? cases[i].len : strlen (cases[i].input);

      g_assert_false (sharokey_git_credential_read_bytes (cred, cases[i].input, len, &error));
      g_assert_nonnull (error);
      g_assert_null (strstr (error->message, "hunter2"));
      g_assert_null (strstr (error->message, "topsecret"));
    }
}

static void
test_line_1mb (void)
{
  gsize big = 1024 * 1024;
  GString *input = g_string_new ("protocol=https\npassword=");
  g_autoptr(SharokeyGitCredential) cred = sharokey_git_credential_new ();
  g_autoptr(GError) error = NULL;
  FILE *stream;

  for (gsize i = 0; i < big; i++)
    g_string_append_c (input, 'a');
  g_string_append (input, "\nhost=after\n");

  stream = fmemopen (input->str, input->len, "r");
  g_assert_nonnull (stream);
  g_assert_false (sharokey_git_credential_read (cred, stream, &error));
  g_assert_error (error, SHAROKEY_GIT_CREDENTIAL_ERROR, SHAROKEY_GIT_CREDENTIAL_ERROR_IO);
  g_assert_null (strstr (error->message, "aaaa"));
  g_assert_null (cred->password);
  /* Nothing after the bad line is taken, but all of it is read. */
  g_assert_null (cred->host);
  g_assert_cmpint (fgetc (stream), ==, EOF);
  fclose (stream);
  g_string_free (input, TRUE);
}

/* Long but within the limit: kept whole. */
static void
test_line_60k (void)
{
  g_autofree gchar *value = g_strnfill (60 * 1024, 'w');
  g_autofree gchar *input = g_strdup_printf ("wwwauth[]=%s\nhost=h\n", value);
  g_autoptr(SharokeyGitCredential) cred = sharokey_git_credential_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sharokey_git_credential_read_bytes (cred, input, strlen (input), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cred->wwwauth->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (cred->wwwauth, 0), ==, value);
  g_assert_cmpstr (cred->host, ==, "h");
}

static gboolean
clean_value (const gchar *value)
{
  return value == NULL || strpbrk (value, "\r\n") == NULL;
}

/* Random inputs made of the protocol's own pieces: never a crash, and
 * whatever is accepted holds no line break, LF or CR (so it can be written
 * back as it was read). */
static void
test_random_inputs (void)
{
  static const gchar *const pieces[] = {
    "protocol", "host", "path", "username", "password", "url", "quit",
    "wwwauth[]", "capability[]", "state[]", "x", "=", "==", "\n", "\n\n",
    "\r", "\r\n", "https://", "@", ":", "/", "?", "#", "%", "%4", "%41", "%00",
    "%0a", "%0D", "1", " ",
  };
  guint round;

  for (round = 0; round < 3000; round++)
    {
      g_autoptr(SharokeyGitCredential) cred = sharokey_git_credential_new ();
      g_autoptr(GError) error = NULL;
      GString *input = g_string_new (NULL);
      guint n = g_test_rand_int_range (0, 40);
      guint i;

      for (i = 0; i < n; i++)
        {
          if (g_test_rand_int_range (0, 50) == 0)
            g_string_append_c (input, '\0');
          else
            g_string_append (input, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
        }

      if (sharokey_git_credential_read_bytes (cred, input->str, input->len, &error))
        {
          g_assert_no_error (error);
          g_assert_true (clean_value (cred->protocol));
          g_assert_true (clean_value (cred->host));
          g_assert_true (clean_value (cred->path));
          g_assert_true (clean_value (cred->username));
          g_assert_true (clean_value (cred->password));
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == SHAROKEY_GIT_CREDENTIAL_ERROR);
        }
      g_string_free (input, TRUE);
    }
}

static void
test_to_lines (void)
{
  g_autoptr(SharokeyGitCredential) cred = sharokey_git_credential_new ();
  g_autoptr(SharokeyGitCredential) again = sharokey_git_credential_new ();
  g_autoptr(GError) error = NULL;
  g_autofree gchar *with = NULL;
  g_autofree gchar *without = NULL;
  static const gchar input[] = "password= p=w \nusername=bob\nhost=h:8080\nprotocol=https\npath=a/b.git\n";

  g_assert_true (sharokey_git_credential_read_bytes (cred, input, strlen (input), &error));
  with = sharokey_git_credential_to_lines (cred, TRUE);
  without = sharokey_git_credential_to_lines (cred, FALSE);
  g_assert_cmpstr (with, ==, "protocol=https\nhost=h:8080\npath=a/b.git\nusername=bob\npassword= p=w \n");
  g_assert_cmpstr (without, ==, "protocol=https\nhost=h:8080\npath=a/b.git\nusername=bob\n");

  /* What `share` sends reads back to the same credential. */
  g_assert_true (sharokey_git_credential_read_bytes (again, with, strlen (with), &error));
  g_assert_cmpstr (again->password, ==, " p=w ");
  g_assert_cmpstr (again->path, ==, "a/b.git");
}

static void
test_identity (void)
{
  g_autofree gchar *full = sharokey_git_credential_identity ("https", "h", "p.git", "bob");
  g_autofree gchar *bare = sharokey_git_credential_identity ("https", "h", NULL, NULL);

  g_assert_cmpstr (full, ==, "https://bob@h/p.git");
  g_assert_cmpstr (bare, ==, "https://h");
}

int
main (int argc, char **argv)
{
  guint i;

  g_test_init (&argc, &argv, NULL);

  for (i = 0; i < G_N_ELEMENTS (goldens); i++)
    {
      g_autofree gchar *path = g_strdup_printf ("/git-credential/protocol/golden/%s", goldens[i].name);
      g_test_add_data_func (path, &goldens[i], test_golden);
    }
  g_test_add_func ("/git-credential/protocol/stream-drained", test_stream_matches_bytes);
  g_test_add_func ("/git-credential/protocol/errors-do-not-echo", test_errors_do_not_echo);
  g_test_add_func ("/git-credential/protocol/line-1mb-rejected", test_line_1mb);
  g_test_add_func ("/git-credential/protocol/line-60k-kept", test_line_60k);
  g_test_add_func ("/git-credential/protocol/random-inputs", test_random_inputs);
  g_test_add_func ("/git-credential/protocol/to-lines", test_to_lines);
  g_test_add_func ("/git-credential/protocol/identity", test_identity);

  return g_test_run ();
}
