/* test-validation.c: every limit at, below and above its bound
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "sharokey-private.h"

typedef enum {
  FILES_NONE,
  FILES_TEN_SMALL,
  FILES_ELEVEN,
  FILES_EXACT_LIMIT,       /* two files adding up to exactly 10 MB */
  FILES_OVER_LIMIT,        /* 10 MB + 1 byte */
  FILES_MISSING,
  FILES_DIRECTORY,
} FilesCase;

typedef struct {
  const gchar *name;
  const gchar *content;      /* NULL means "fill with content_chars" */
  glong content_chars;
  guint hours;
  guint views;
  const gchar *description;
  const gchar *message;
  const gchar *password;
  const gchar *otp_email;
  const gchar *otp_phone;
  const gchar *ip_whitelist;
  const gchar *geolocation;
  FilesCase files;
  gint code;                 /* -1: valid */
  const gchar *message_prefix;
} Case;

#define OK -1
#define V SHAROKEY_ERROR_VALIDATION
#define A SHAROKEY_ERROR_ATTACHMENT

static const Case cases[] = {
  { "content-ok", "hello", 0, 24, 1, .code = OK },
  { "content-empty", "", 0, 24, 1, .code = V, .message_prefix = "Content is required" },
  { "content-null", NULL, 0, 24, 1, .code = V, .message_prefix = "Content is required" },
  { "content-255-chars", NULL, 255, 24, 1, .code = OK },
  { "content-256-chars", NULL, 256, 24, 1, .code = V, .message_prefix = "Content must be 255 characters or less" },
  { "content-255-multibyte", NULL, -255, 24, 1, .code = OK },
  { "content-256-multibyte", NULL, -256, 24, 1, .code = V, .message_prefix = "Content must be 255 characters or less" },
  { "content-not-utf8", "ab\xff\xfe", 0, 24, 1, .code = V, .message_prefix = "Content must be valid UTF-8" },
  { "hours-0", "x", 0, 0, 1, .code = V, .message_prefix = "Hours must be between 1 and 8760" },
  { "hours-1", "x", 0, 1, 1, .code = OK },
  { "hours-8760", "x", 0, 8760, 1, .code = OK },
  { "hours-8761", "x", 0, 8761, 1, .code = V, .message_prefix = "Hours must be between 1 and 8760" },
  { "views-0", "x", 0, 24, 0, .code = V, .message_prefix = "Views must be between 1 and 1000" },
  { "views-1", "x", 0, 24, 1, .code = OK },
  { "views-1000", "x", 0, 24, 1000, .code = OK },
  { "views-1001", "x", 0, 24, 1001, .code = V, .message_prefix = "Views must be between 1 and 1000" },
  { "description-255", "x", 0, 24, 1, .description = "@255", .code = OK },
  { "description-256", "x", 0, 24, 1, .description = "@256", .code = V, .message_prefix = "Description must be 255 characters or less" },
  { "message-255", "x", 0, 24, 1, .message = "@255", .code = OK },
  { "message-256", "x", 0, 24, 1, .message = "@256", .code = V, .message_prefix = "Message must be 255 characters or less" },
  { "message-newline-tab", "x", 0, 24, 1, .message = "line 1\n\tline 2", .code = OK },
  { "message-escape", "x", 0, 24, 1, .message = "a\x1b[2Jb", .code = V, .message_prefix = "Message must not contain control characters" },
  { "message-c1", "x", 0, 24, 1, .message = "a\xc2\x85" "b", .code = V, .message_prefix = "Message must not contain control characters" },
  { "message-rlo", "x", 0, 24, 1, .message = "pay \xe2\x80\xaegnp.exe", .code = V, .message_prefix = "Message must not contain control characters" },
  { "description-lri", "x", 0, 24, 1, .description = "a\xe2\x81\xa6" "b", .code = V, .message_prefix = "Description must not contain control characters" },
  { "description-pdi", "x", 0, 24, 1, .description = "a\xe2\x81\xa9" "b", .code = V, .message_prefix = "Description must not contain control characters" },
  { "description-lre", "x", 0, 24, 1, .description = "a\xe2\x80\xaa" "b", .code = V, .message_prefix = "Description must not contain control characters" },
  { "description-rtl-text", "x", 0, 24, 1, .description = "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", .code = OK },
  { "password-3", "x", 0, 24, 1, .password = "abc", .code = V, .message_prefix = "Password must be between 4 and 100 characters" },
  { "password-4", "x", 0, 24, 1, .password = "abcd", .code = OK },
  { "password-100", "x", 0, 24, 1, .password = "@100", .code = OK },
  { "password-101", "x", 0, 24, 1, .password = "@101", .code = V, .message_prefix = "Password must be between 4 and 100 characters" },
  { "otp-email-ok", "x", 0, 24, 1, .otp_email = "bob@example.com", .code = OK },
  { "otp-email-no-at", "x", 0, 24, 1, .otp_email = "bob.example.com", .code = V, .message_prefix = "Invalid email format for OTP" },
  { "otp-email-no-dot", "x", 0, 24, 1, .otp_email = "bob@example", .code = V, .message_prefix = "Invalid email format for OTP" },
  { "otp-email-space", "x", 0, 24, 1, .otp_email = "bob smith@example.com", .code = V, .message_prefix = "Invalid email format for OTP" },
  { "otp-email-two-at", "x", 0, 24, 1, .otp_email = "a@b@example.com", .code = V, .message_prefix = "Invalid email format for OTP" },
  { "otp-phone-ok", "x", 0, 24, 1, .otp_phone = "+33674747474", .code = OK },
  { "otp-phone-8-digits", "x", 0, 24, 1, .otp_phone = "+12345678", .code = OK },
  { "otp-phone-7-digits", "x", 0, 24, 1, .otp_phone = "+1234567", .code = V, .message_prefix = "Invalid phone format for OTP" },
  { "otp-phone-15-digits", "x", 0, 24, 1, .otp_phone = "+123456789012345", .code = OK },
  { "otp-phone-16-digits", "x", 0, 24, 1, .otp_phone = "+1234567890123456", .code = V, .message_prefix = "Invalid phone format for OTP" },
  { "otp-phone-no-plus", "x", 0, 24, 1, .otp_phone = "33674747474", .code = V, .message_prefix = "Invalid phone format for OTP" },
  { "otp-phone-letters", "x", 0, 24, 1, .otp_phone = "+3367474747a", .code = V, .message_prefix = "Invalid phone format for OTP" },
  { "ip-v4-public", "x", 0, 24, 1, .ip_whitelist = "203.0.113.5,198.51.100.10", .code = OK },
  { "ip-doc-cidr", "x", 0, 24, 1, .ip_whitelist = "203.0.113.0/24", .code = OK },
  { "ip-v6-public", "x", 0, 24, 1, .ip_whitelist = "2001:db8::1, 2001:db8::/32", .code = OK },
  { "ip-rfc1918-10", "x", 0, 24, 1, .ip_whitelist = "10.1.2.3", .code = V, .message_prefix = "IP address must be public: 10.1.2.3" },
  { "ip-rfc1918-192", "x", 0, 24, 1, .ip_whitelist = "203.0.113.5,192.168.1.0/24", .code = V, .message_prefix = "IP address must be public: 192.168.1.0/24" },
  { "ip-rfc1918-172", "x", 0, 24, 1, .ip_whitelist = "172.16.0.1", .code = V, .message_prefix = "IP address must be public" },
  { "ip-loopback", "x", 0, 24, 1, .ip_whitelist = "127.0.0.1", .code = V, .message_prefix = "IP address must be public" },
  { "ip-link-local", "x", 0, 24, 1, .ip_whitelist = "169.254.10.10", .code = V, .message_prefix = "IP address must be public" },
  { "ip-multicast", "x", 0, 24, 1, .ip_whitelist = "224.0.0.1", .code = V, .message_prefix = "IP address must be public" },
  { "ip-unspecified", "x", 0, 24, 1, .ip_whitelist = "0.0.0.0", .code = V, .message_prefix = "IP address must be public" },
  { "ip-v6-loopback", "x", 0, 24, 1, .ip_whitelist = "::1", .code = V, .message_prefix = "IP address must be public" },
  { "ip-v6-unique-local", "x", 0, 24, 1, .ip_whitelist = "fd12:3456::1", .code = V, .message_prefix = "IP address must be public" },
  { "ip-v6-link-local", "x", 0, 24, 1, .ip_whitelist = "fe80::1", .code = V, .message_prefix = "IP address must be public" },
  { "ip-octet-256", "x", 0, 24, 1, .ip_whitelist = "203.0.113.256", .code = V, .message_prefix = "Invalid IP format: 203.0.113.256" },
  { "ip-garbage", "x", 0, 24, 1, .ip_whitelist = "example.com", .code = V, .message_prefix = "Invalid IP format: example.com" },
  { "ip-cidr-33", "x", 0, 24, 1, .ip_whitelist = "203.0.113.0/33", .code = V, .message_prefix = "Invalid IP format" },
  { "ip-cidr-huge", "x", 0, 24, 1, .ip_whitelist = "10.0.0.0/22222222228", .code = V, .message_prefix = "Invalid IP format" },
  { "ip-cidr-4-digits", "x", 0, 24, 1, .ip_whitelist = "2001:db8::/0032", .code = V, .message_prefix = "Invalid IP format" },
  { "ip-cidr-129", "x", 0, 24, 1, .ip_whitelist = "2001:db8::/129", .code = V, .message_prefix = "Invalid IP format" },
  { "ip-cidr-v4-222", "x", 0, 24, 1, .ip_whitelist = "10.0.0.0/222", .code = V, .message_prefix = "Invalid IP format" },
  { "ip-cidr-v6-128", "x", 0, 24, 1, .ip_whitelist = "2001:db8::1/128", .code = OK },
  { "ip-cidr-empty", "x", 0, 24, 1, .ip_whitelist = "203.0.113.0/", .code = V, .message_prefix = "Invalid IP format" },
  { "ip-cidr-host-bits", "x", 0, 24, 1, .ip_whitelist = "203.0.113.5/24", .code = V, .message_prefix = "Invalid IP format" },
  { "ip-empty-entry", "x", 0, 24, 1, .ip_whitelist = "203.0.113.5,,198.51.100.1", .code = V, .message_prefix = "Invalid IP format" },
  { "ip-256-chars", "x", 0, 24, 1, .ip_whitelist = "@ip256", .code = V, .message_prefix = "IP whitelist must be 255 characters or less" },
  { "geo-ok", "x", 0, 24, 1, .geolocation = "FR,US,ca", .code = OK },
  { "geo-unknown", "x", 0, 24, 1, .geolocation = "FR,XX", .code = V, .message_prefix = "Invalid country code: XX" },
  { "geo-three-letters", "x", 0, 24, 1, .geolocation = "FRA", .code = V, .message_prefix = "Invalid country code: FRA" },
  { "geo-digits", "x", 0, 24, 1, .geolocation = "F1", .code = V, .message_prefix = "Invalid country code" },
  { "geo-256-chars", "x", 0, 24, 1, .geolocation = "@geo256", .code = V, .message_prefix = "Geolocation must be 255 characters or less" },
  /* empty means unset, as in the body */
  { "password-empty", "x", 0, 24, 1, .password = "", .code = OK },
  { "otp-email-empty", "x", 0, 24, 1, .otp_email = "", .code = OK },
  { "otp-phone-empty", "x", 0, 24, 1, .otp_phone = "", .code = OK },
  { "ip-empty", "x", 0, 24, 1, .ip_whitelist = "", .code = OK },
  { "geo-empty", "x", 0, 24, 1, .geolocation = "", .code = OK },
  { "files-ten", "x", 0, 24, 1, .files = FILES_TEN_SMALL, .code = OK },
  { "files-eleven", "x", 0, 24, 1, .files = FILES_ELEVEN, .code = A, .message_prefix = "Too many attachments. Maximum 10 files allowed, got 11" },
  { "files-10MB", "x", 0, 24, 1, .files = FILES_EXACT_LIMIT, .code = OK },
  { "files-10MB-plus-1", "x", 0, 24, 1, .files = FILES_OVER_LIMIT, .code = A, .message_prefix = "Total attachments size too large" },
  { "files-missing", "x", 0, 24, 1, .files = FILES_MISSING, .code = A, .message_prefix = "File not found: " },
  /* The message follows the directory's path. */
  { "files-directory", "x", 0, 24, 1, .files = FILES_DIRECTORY, .code = A,
    .message_prefix = " is a directory: attach the files in it, or an archive of it" },
};

static gchar *tmpdir;

static gchar *
repeat (const gchar *unit,
        glong        n)
{
  GString *s = g_string_new (NULL);

  for (glong i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

/* "@N" stands for N 'a' characters; "@ip256"/"@geo256" for long lists. */
static gchar *
expand (const gchar *spec)
{
  if (spec == NULL || spec[0] != '@')
    return g_strdup (spec);
  if (g_str_equal (spec, "@ip256"))
    {
      g_autofree gchar *base = repeat ("203.0.113.100,", 19);
      base[256] = '\0';
      return g_strdup (base);
    }
  if (g_str_equal (spec, "@geo256"))
    {
      g_autofree gchar *base = repeat ("FR,", 86);
      base[256] = '\0';
      return g_strdup (base);
    }
  return repeat ("a", g_ascii_strtoll (spec + 1, NULL, 10));
}

static gchar *
make_file (const gchar *name,
           gsize        size)
{
  gchar *path = g_build_filename (tmpdir, name, NULL);
  g_autofree gchar *data = g_malloc0 (size + 1);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
  return path;
}

static void
builder_take (GStrvBuilder *b,
              gchar        *path)
{
  g_strv_builder_add (b, path);
  g_free (path);
}

static GStrv
make_files (FilesCase files)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  switch (files)
    {
    case FILES_NONE:
      return NULL;
    case FILES_TEN_SMALL:
    case FILES_ELEVEN:
      for (guint i = 0; i < (files == FILES_ELEVEN ? 11u : 10u); i++)
        {
          g_autofree gchar *name = g_strdup_printf ("small-%u.txt", i);
          builder_take (b, make_file (name, 100));
        }
      break;
    case FILES_EXACT_LIMIT:
    case FILES_OVER_LIMIT:
      builder_take (b, make_file ("big-1.bin", 5 * 1024 * 1024));
      builder_take (b, make_file ("big-2.bin", 5 * 1024 * 1024 + (files == FILES_OVER_LIMIT)));
      break;
    case FILES_MISSING:
      builder_take (b, make_file ("present.txt", 10));
      builder_take (b, g_build_filename (tmpdir, "does-not-exist.pdf", NULL));
      break;
    case FILES_DIRECTORY:
      g_strv_builder_add (b, tmpdir);
      break;
    default:
      g_assert_not_reached ();
    }
  return g_strv_builder_end (b);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autofree gchar *content = NULL, *description = expand (c->description);
  g_autofree gchar *message = expand (c->message), *password = expand (c->password);
  g_autofree gchar *ip = expand (c->ip_whitelist), *geo = expand (c->geolocation);
  g_auto(GStrv) files = make_files (c->files);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (c->content_chars > 0)
    content = repeat ("a", c->content_chars);
  else if (c->content_chars < 0)
    content = repeat ("é", -c->content_chars);  /* 2 bytes, 1 character */
  else
    content = g_strdup (c->content);

  g_object_set (options,
                "description", description, "message", message, "password", password,
                "otp-email", c->otp_email, "otp-phone", c->otp_phone,
                "ip-whitelist", ip, "geolocation", geo, "attachments", files,
                NULL);

  ok = sharokey_validate_secret (content, c->hours, c->views, options, &error);
  if (c->code == OK)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, SHAROKEY_ERROR, c->code);
      g_autofree gchar *expected = c->files == FILES_DIRECTORY
                                   ? g_strconcat (tmpdir, c->message_prefix, NULL)
                                   : g_strdup (c->message_prefix);

      if (!g_str_has_prefix (error->message, expected))
        g_error ("message \"%s\" does not start with \"%s\"", error->message, expected);
    }
}

static void
test_unreadable_file (void)
{
  /* As root every file is readable: check as "nobody" in a subprocess. */
  if (g_test_subprocess ())
    {
      g_autofree gchar *path = g_build_filename (tmpdir, "secret.key", NULL);
      const gchar *paths[] = { path, NULL };
      g_autofree gchar *expected = g_strdup_printf ("File not readable: %s", path);
      g_autoptr(GError) error = NULL;

      if (geteuid () == 0 && setuid (65534) != 0)
        g_error ("cannot drop privileges");
      g_assert_false (_sharokey_validate_attachments (paths, NULL, &error));
      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT);
      g_assert_cmpstr (error->message, ==, expected);
      return;
    }
  {
    g_autofree gchar *path = make_file ("secret.key", 10);
    g_assert_cmpint (g_chmod (path, 0), ==, 0);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
  }
}

static void
test_request_cases (void)
{
  struct {
    const gchar *prop;
    guint value;
    gboolean ok;
    const gchar *message;
  } numbers[] = {
    { "secret-expiration-hours", 0, FALSE, "Secret expiration hours must be between 1 and 8760" },
    { "secret-expiration-hours", 1, TRUE, NULL },
    { "secret-expiration-hours", 8760, TRUE, NULL },
    { "secret-expiration-hours", 8761, FALSE, "Secret expiration hours must be between 1 and 8760" },
    { "request-expiration-hours", 0, FALSE, "Request expiration hours must be between 1 and 8760" },
    { "request-expiration-hours", 8760, TRUE, NULL },
    { "request-expiration-hours", 8761, FALSE, "Request expiration hours must be between 1 and 8760" },
    { "maximum-views", 0, FALSE, "Maximum views must be between 1 and 1000" },
    { "maximum-views", 1000, TRUE, NULL },
    { "maximum-views", 1001, FALSE, "Maximum views must be between 1 and 1000" },
  };
  struct {
    const gchar *prop;
    const gchar *value;
    const gchar *message;
  } strings[] = {
    { "email-to", "carol@example.com", NULL },
    { "email-to", "carol", "Email to must be a valid email address" },
    { "email-reply", "me@example", "Email reply must be a valid email address" },
    { "locale", "fr", NULL },
    { "locale", "de", "Locale must be en or fr" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr(SharokeyRequestOptions) o = sharokey_request_options_new ();
      g_autoptr(GError) error = NULL;

      g_object_set (o, numbers[i].prop, numbers[i].value, NULL);
      g_assert_cmpint (sharokey_validate_request (o, &error), ==, numbers[i].ok);
      if (!numbers[i].ok)
        {
          g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
          g_assert_cmpstr (error->message, ==, numbers[i].message);
        }
    }
  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autoptr(SharokeyRequestOptions) o = sharokey_request_options_new ();
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_object_set (o, strings[i].prop, strings[i].value, NULL);
      ok = sharokey_validate_request (o, &error);
      if (strings[i].message == NULL)
        g_assert_no_error (error);
      else
        g_assert_cmpstr (error->message, ==, strings[i].message);
      g_assert_cmpint (ok, ==, strings[i].message == NULL);
    }
}

static void
test_request_defaults (void)
{
  g_autoptr(SharokeyRequestOptions) o = sharokey_request_options_new ();

  g_assert_cmpuint (sharokey_request_options_get_secret_expiration_hours (o), ==, 24);
  g_assert_cmpuint (sharokey_request_options_get_request_expiration_hours (o), ==, 48);
  g_assert_cmpuint (sharokey_request_options_get_maximum_views (o), ==, 1);
  g_assert_true (sharokey_validate_request (o, NULL));
}

/* The one reader of a timeout: the resolver's and `sharokey config`'s. */
static void
test_timeout (void)
{
  static const struct { const gchar *text; guint seconds; } timeouts[] = {
    { "1", 1 }, { "30", 30 }, { "86400", 86400 },
    { "0", 0 }, { "86401", 0 }, { "-5", 0 }, { "+5", 0 }, { " 5", 0 }, { "5 ", 0 },
    { "5s", 0 }, { "0x10", 0 }, { "", 0 }, { "99999999999999999999", 0 }, { NULL, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (timeouts); i++)
    {
      g_autoptr(GError) error = NULL;
      guint seconds = 12345;
      gboolean ok = sharokey_validate_timeout (timeouts[i].text, &seconds, &error);

      if (ok != (timeouts[i].seconds > 0))
        g_error ("\"%s\": %s", timeouts[i].text ? timeouts[i].text : "(null)", ok ? "accepted" : "refused");
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (seconds, ==, timeouts[i].seconds);
        }
      else
        {
          g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
          g_assert_cmpstr (error->message, ==, "Timeout must be a number of seconds between 1 and 86400");
          /* left alone on failure */
          g_assert_cmpuint (seconds, ==, 12345);
        }
    }
  g_assert_true (sharokey_validate_timeout ("60", NULL, NULL));
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* A subprocess (files-unreadable) works in its parent's folder. */
  if (g_test_subprocess ())
    tmpdir = g_strdup (g_getenv ("SHAROKEY_TEST_TMPDIR"));
  else
    tmpdir = g_dir_make_tmp ("sharokey-validation-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  g_chmod (tmpdir, 0755);
  g_setenv ("SHAROKEY_TEST_TMPDIR", tmpdir, TRUE);

  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 40);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *path = g_strdup_printf ("/validation/secret/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/validation/secret/files-unreadable", test_unreadable_file);
  g_test_add_func ("/validation/request/limits", test_request_cases);
  g_test_add_func ("/validation/request/defaults", test_request_defaults);
  g_test_add_func ("/validation/timeout", test_timeout);

  ret = g_test_run ();
  if (!g_test_subprocess ())
  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmpdir);
    g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
    GFileInfo *info;
    while (e && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));
        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return ret;
}
