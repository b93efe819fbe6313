/* git-credential-protocol.c: reader of git's credential description
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Follows git's own credential_read(): one key=value per line, split at the
 * first '=', values kept byte for byte (only the line end, LF or CR LF, is
 * removed, as git's strbuf_getline does), a blank line or EOF ends it.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "git-credential-protocol.h"

/* Longer lines are refused: no real credential attribute comes near it, and
 * the reader never holds more than this much of its input. */
#define MAX_LINE (64 * 1024)

G_DEFINE_QUARK (sharokey-git-credential-error-quark, sharokey_git_credential_error)

/* Reads from a FILE or from memory through one small buffer it wipes. */
typedef struct {
  FILE        *stream;
  const gchar *data;
  gsize        data_len;
  gsize        data_pos;
  guchar       chunk[4096];
  gsize        pos;
  gsize        len;
  gboolean     eof;
} Reader;

static gint
reader_getc (Reader *r)
{
  if (r->pos == r->len)
    {
      if (r->eof)
        return EOF;
      if (r->stream != NULL)
        r->len = fread (r->chunk, 1, sizeof r->chunk, r->stream);
      else
        {
          r->len = MIN (sizeof r->chunk, r->data_len - r->data_pos);
          memcpy (r->chunk, r->data + r->data_pos, r->len);
          r->data_pos += r->len;
        }
      r->pos = 0;
      if (r->len == 0)
        {
          r->eof = TRUE;
          return EOF;
        }
    }
  return r->chunk[r->pos++];
}

typedef struct {
  gchar    *buf;        /* MAX_LINE + 1 bytes, NUL-terminated after read */
  gsize     len;
  gboolean  too_long;
  gboolean  has_nul;
} Line;

/* Returns FALSE at EOF when nothing was read. */
static gboolean
reader_line (Reader *r,
             Line   *line)
{
  gint c;
  gboolean any = FALSE;

  line->len = 0;
  line->too_long = FALSE;
  line->has_nul = FALSE;

  while ((c = reader_getc (r)) != EOF)
    {
      any = TRUE;
      if (c == '\n')
        break;
      if (c == '\0')
        line->has_nul = TRUE;
      if (line->len < MAX_LINE)
        line->buf[line->len++] = (gchar) c;
      else
        line->too_long = TRUE;
    }

  if (!line->too_long && line->len > 0 && line->buf[line->len - 1] == '\r')
    line->len--;
  line->buf[line->len] = '\0';
  return any;
}

void
sharokey_git_credential_wipe_free (gchar *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

SharokeyGitCredential *
sharokey_git_credential_new (void)
{
  SharokeyGitCredential *cred = g_new0 (SharokeyGitCredential, 1);

  cred->wwwauth = g_ptr_array_new_with_free_func (g_free);
  cred->capability = g_ptr_array_new_with_free_func (g_free);
  cred->state = g_ptr_array_new_with_free_func (g_free);
  return cred;
}

void
sharokey_git_credential_free (SharokeyGitCredential *cred)
{
  if (cred == NULL)
    return;
  g_free (cred->protocol);
  g_free (cred->host);
  g_free (cred->path);
  g_free (cred->username);
  sharokey_git_credential_wipe_free (cred->password);
  g_ptr_array_unref (cred->wwwauth);
  g_ptr_array_unref (cred->capability);
  g_ptr_array_unref (cred->state);
  g_free (cred);
}

static void
replace (gchar       **field,
         const gchar  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* git_config_bool(): true, yes, on, or a non-zero integer. */
static gboolean
parse_bool (const gchar *value)
{
  gchar *end = NULL;
  gint64 n;

  if (g_ascii_strcasecmp (value, "true") == 0 ||
      g_ascii_strcasecmp (value, "yes") == 0 ||
      g_ascii_strcasecmp (value, "on") == 0)
    return TRUE;
  n = g_ascii_strtoll (value, &end, 10);
  return end != value && *end == '\0' && n != 0;
}

/* git's url_decode_mem(): %XX becomes that byte, anything else (a '%' not
 * followed by two hex digits included) is kept as it is. Returns NULL when
 * the result would hold a NUL byte, which no C string can carry. */
static gchar *
url_decode (const gchar *start,
            const gchar *end)
{
  GString *out = g_string_sized_new (end - start);
  const gchar *p;

  for (p = start; p < end; p++)
    {
      if (*p == '%' && end - p >= 3 &&
          g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          gchar c = (gchar) (g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2]));

          if (c == '\0')
            {
              explicit_bzero (out->str, out->len);
              g_string_free (out, TRUE);
              return NULL;
            }
          g_string_append_c (out, c);
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* git's check_url_component(): a decoded line break (LF, or CR as git
 * 2.48.1 on also refuses) would let the URL add lines of its own to a
 * credential description. */
static gboolean
url_component_ok (const gchar *component)
{
  return component == NULL || strpbrk (component, "\r\n") == NULL;
}

gboolean
sharokey_git_credential_set_url (SharokeyGitCredential  *cred,
                                 const gchar            *url,
                                 GError                **error)
{
  const gchar *proto_end, *cp, *at, *colon, *slash, *host;
  g_autofree gchar *decoded_host = NULL;
  g_autofree gchar *decoded_user = NULL;
  gchar *decoded_password = NULL;
  g_autofree gchar *decoded_path = NULL;
  gboolean bad = FALSE;

  /* As git's credential_from_url() does, case by case:
   *   proto://host/…   proto://user@host/…   proto://user:pass@host/…
   * with the first '@' and the first ':' of the rest, and the host ended by
   * the first '/', '?' or '#'. */
  proto_end = strstr (url, "://");
  if (proto_end == NULL || proto_end == url)
    {
      g_set_error_literal (error, SHAROKEY_GIT_CREDENTIAL_ERROR,
                           SHAROKEY_GIT_CREDENTIAL_ERROR_BAD_URL,
                           _("The URL has no scheme"));
      return FALSE;
    }

  cp = proto_end + 3;
  at = strchr (cp, '@');
  colon = strchr (cp, ':');
  slash = cp + strcspn (cp, "/?#");

  if (at == NULL || slash <= at)
    host = cp;
  else if (colon == NULL || at <= colon)
    {
      decoded_user = url_decode (cp, at);
      bad |= decoded_user == NULL;
      host = at + 1;
    }
  else
    {
      decoded_user = url_decode (cp, colon);
      decoded_password = url_decode (colon + 1, at);
      bad |= decoded_user == NULL || decoded_password == NULL;
      host = at + 1;
    }

  decoded_host = url_decode (host, slash);
  bad |= decoded_host == NULL;

  /* git drops the path's leading and trailing slashes, and an empty path. */
  while (*slash == '/')
    slash++;
  if (*slash != '\0')
    {
      decoded_path = url_decode (slash, slash + strlen (slash));
      if (decoded_path == NULL)
        bad = TRUE;
      else
        {
          gsize n = strlen (decoded_path);

          while (n > 1 && decoded_path[n - 1] == '/')
            decoded_path[--n] = '\0';
        }
    }

  if (bad ||
      !url_component_ok (decoded_user) || !url_component_ok (decoded_password) ||
      !url_component_ok (decoded_host) || !url_component_ok (decoded_path))
    {
      sharokey_git_credential_wipe_free (decoded_password);
      g_set_error_literal (error, SHAROKEY_GIT_CREDENTIAL_ERROR,
                           SHAROKEY_GIT_CREDENTIAL_ERROR_BAD_URL,
                           _("The URL holds an encoded line break or NUL byte"));
      return FALSE;
    }

  /* Like git, url= replaces the whole description. */
  g_free (cred->protocol);
  cred->protocol = g_strndup (url, proto_end - url);
  g_free (cred->host);
  cred->host = g_steal_pointer (&decoded_host);
  g_free (cred->path);
  cred->path = g_steal_pointer (&decoded_path);
  g_free (cred->username);
  cred->username = g_steal_pointer (&decoded_user);
  sharokey_git_credential_wipe_free (cred->password);
  cred->password = decoded_password;
  return TRUE;
}

static void
list_add (GPtrArray   *list,
          const gchar *value)
{
  if (*value == '\0')
    g_ptr_array_set_size (list, 0);
  else
    g_ptr_array_add (list, g_strdup (value));
}

static gboolean
apply_line (SharokeyGitCredential  *cred,
            gchar                  *line,
            guint                   lineno,
            GError                **error)
{
  gchar *eq = strchr (line, '=');
  const gchar *key = line;
  const gchar *value;

  if (eq == NULL)
    {
      g_set_error (error, SHAROKEY_GIT_CREDENTIAL_ERROR,
                   SHAROKEY_GIT_CREDENTIAL_ERROR_NO_EQUALS,
                   _("Invalid credential input: line %u has no “=”"), lineno);
      return FALSE;
    }
  *eq = '\0';
  value = eq + 1;

  if (g_str_equal (key, "protocol"))
    replace (&cred->protocol, value);
  else if (g_str_equal (key, "host"))
    replace (&cred->host, value);
  else if (g_str_equal (key, "path"))
    replace (&cred->path, value);
  else if (g_str_equal (key, "username"))
    replace (&cred->username, value);
  else if (g_str_equal (key, "password"))
    {
      sharokey_git_credential_wipe_free (cred->password);
      cred->password = g_strdup (value);
    }
  else if (g_str_equal (key, "url"))
    {
      g_autoptr(GError) local = NULL;

      if (!sharokey_git_credential_set_url (cred, value, &local))
        {
          g_set_error (error, SHAROKEY_GIT_CREDENTIAL_ERROR,
                       SHAROKEY_GIT_CREDENTIAL_ERROR_BAD_URL,
                       _("Invalid credential input: line %u: %s"),
                       lineno, local->message);
          return FALSE;
        }
    }
  else if (g_str_equal (key, "wwwauth[]"))
    list_add (cred->wwwauth, value);
  else if (g_str_equal (key, "capability[]"))
    list_add (cred->capability, value);
  else if (g_str_equal (key, "state[]"))
    list_add (cred->state, value);
  else if (g_str_equal (key, "quit"))
    cred->quit = parse_bool (value);
  /* Any other key is ignored so that newer versions of git keep working. */

  return TRUE;
}

static gboolean
read_all (SharokeyGitCredential  *cred,
          Reader                 *reader,
          GError                **error)
{
  Line line = { 0, };
  guint lineno = 0;
  gboolean ended = FALSE;
  gboolean ok = TRUE;

  line.buf = g_malloc (MAX_LINE + 1);

  while (reader_line (reader, &line))
    {
      /* Past the end or past an error: keep reading so git never blocks. */
      if (ended || !ok)
        continue;
      lineno++;

      if (line.has_nul)
        {
          g_set_error (error, SHAROKEY_GIT_CREDENTIAL_ERROR,
                       SHAROKEY_GIT_CREDENTIAL_ERROR_NUL,
                       _("Invalid credential input: line %u contains a NUL byte"),
                       lineno);
          ok = FALSE;
        }
      else if (line.too_long)
        {
          g_set_error (error, SHAROKEY_GIT_CREDENTIAL_ERROR,
                       SHAROKEY_GIT_CREDENTIAL_ERROR_IO,
                       _("Invalid credential input: line %u is longer than %u bytes"),
                       lineno, (guint) MAX_LINE);
          ok = FALSE;
        }
      else if (memchr (line.buf, '\r', line.len) != NULL)
        {
          /* A CR besides that of a CRLF ending (removed above). git 2.48.1
           * and later refuse to send one, since a reader that ends lines at
           * CR would see a new key there; and a value ending in CR could not
           * be written back as it was read. */
          g_set_error (error, SHAROKEY_GIT_CREDENTIAL_ERROR,
                       SHAROKEY_GIT_CREDENTIAL_ERROR_CARRIAGE_RETURN,
                       _("Invalid credential input: line %u contains a carriage return"),
                       lineno);
          ok = FALSE;
        }
      else if (line.len == 0)
        ended = TRUE;
      else
        ok = apply_line (cred, line.buf, lineno, error);
    }

  if (ok && reader->stream != NULL && ferror (reader->stream))
    {
      g_set_error_literal (error, SHAROKEY_GIT_CREDENTIAL_ERROR,
                           SHAROKEY_GIT_CREDENTIAL_ERROR_IO,
                           _("Could not read the credential input"));
      ok = FALSE;
    }

  explicit_bzero (line.buf, MAX_LINE + 1);
  g_free (line.buf);
  explicit_bzero (reader->chunk, sizeof reader->chunk);
  return ok;
}

gboolean
sharokey_git_credential_read (SharokeyGitCredential  *cred,
                              FILE                   *stream,
                              GError                **error)
{
  Reader *reader = g_new0 (Reader, 1);
  gboolean ok;

  reader->stream = stream;
  ok = read_all (cred, reader, error);
  g_free (reader);
  return ok;
}

gboolean
sharokey_git_credential_read_bytes (SharokeyGitCredential  *cred,
                                    const gchar            *data,
                                    gsize                   len,
                                    GError                **error)
{
  Reader *reader = g_new0 (Reader, 1);
  gboolean ok;

  reader->data = data;
  reader->data_len = len;
  ok = read_all (cred, reader, error);
  g_free (reader);
  return ok;
}

void
sharokey_git_credential_drain (FILE *stream)
{
  guchar chunk[4096];

  while (fread (chunk, 1, sizeof chunk, stream) > 0)
    ;
  explicit_bzero (chunk, sizeof chunk);
}

gchar *
sharokey_git_credential_to_lines (const SharokeyGitCredential *cred,
                                  gboolean                     with_password)
{
  GString *out = g_string_new (NULL);

  if (cred->protocol != NULL)
    g_string_append_printf (out, "protocol=%s\n", cred->protocol);
  if (cred->host != NULL)
    g_string_append_printf (out, "host=%s\n", cred->host);
  if (cred->path != NULL)
    g_string_append_printf (out, "path=%s\n", cred->path);
  if (cred->username != NULL)
    g_string_append_printf (out, "username=%s\n", cred->username);
  if (with_password && cred->password != NULL)
    {
      /* Sized up front so the buffer holding the password is never
       * reallocated, which would leave a copy behind. */
      g_string_set_size (out, out->len + strlen (cred->password) + 16);
      g_string_truncate (out, out->len - strlen (cred->password) - 16);
      g_string_append (out, "password=");
      g_string_append (out, cred->password);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

gchar *
sharokey_git_credential_identity (const gchar *protocol,
                                  const gchar *host,
                                  const gchar *path,
                                  const gchar *username)
{
  return g_strdup_printf ("%s://%s%s%s%s%s",
                          protocol != NULL ? protocol : "",
                          username != NULL ? username : "",
                          username != NULL ? "@" : "",
                          host != NULL ? host : "",
                          path != NULL ? "/" : "",
                          path != NULL ? path : "");
}
