/* fuzz-link.c: what a recipient pastes or a sender names: the identifier
 * of a link (sharokey_link_get_id), the parts of a share link
 * (_sharokey_link_split) and the file name an attachment is saved under
 * (sharokey_file_name_from_untrusted).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-client-private.h"
#include "fuzz.h"

/* The key of a link (letters and digits after #, 16 or more of them, so
 * that no word of a message can match) is never in an error message. */
static void
assert_key_not_quoted (const gchar *link,
                       const GError *error)
{
  const gchar *hash = strchr (link, '#');
  gsize n = 0;

  if (hash == NULL)
    return;
  while (g_ascii_isalnum (hash[1 + n]))
    n++;
  if (n >= 16)
    {
      g_autofree gchar *key = g_strndup (hash + 1, n);

      g_assert (strstr (error->message, key) == NULL);
    }
}

static void
check_id (const gchar *link)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *id = sharokey_link_get_id (link, &error);

  if (id == NULL)
    {
      g_assert (g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION));
      assert_key_not_quoted (link, error);
      return;
    }
  g_assert (id[0] != '\0' && strchr (id, '/') == NULL);
  /* A bare identifier comes back as it is (the calls check identifiers
   * before they go out); from a URL, only its last path segment. */
  if (strstr (link, "://") == NULL)
    g_assert_cmpstr (id, ==, link);
  else
    g_assert (strchr (id, '#') == NULL && strchr (id, '?') == NULL);
}

static void
check_split (const gchar *link)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *origin = NULL, *slug = NULL;
  gchar *key_b = NULL;

  if (!_sharokey_link_split (link, &origin, &slug, &key_b, &error))
    {
      g_assert (g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION));
      assert_key_not_quoted (link, error);
      return;
    }
  g_assert_cmpuint (strlen (key_b), ==, SHAROKEY_KEY_B_LENGTH);
  for (const gchar *p = key_b; *p != '\0'; p++)
    g_assert (g_ascii_isalnum (*p));
  g_assert (g_str_has_prefix (origin, "https://") || g_str_has_prefix (origin, "http://"));
  g_assert (strchr (origin, '#') == NULL);
  g_assert (slug[0] != '\0' && strchr (slug, '/') == NULL);
  sharokey_wipe_free (key_b);
}

static void
check_file_name (const gchar *name)
{
  g_autofree gchar *safe = sharokey_file_name_from_untrusted (name);

  g_assert (safe[0] != '\0' && safe[0] != '.');
  g_assert (g_utf8_validate (safe, -1, NULL));
  g_assert_cmpuint (strlen (safe), <=, 200);
  for (const gchar *p = safe; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert (c != '/' && c != '\\' && !g_unichar_iscntrl (c));
      g_assert (g_unichar_type (c) != G_UNICODE_FORMAT);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree gchar *text = fuzz_string (data, size);

  check_id (text);
  check_split (text);
  /* A name arrives as JSON text: any bytes, not only UTF-8. */
  check_file_name (text);
  return 0;
}
