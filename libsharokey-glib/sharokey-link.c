/* sharokey-link.c: the slug or token a pasted link names, and the parts of
 * a share link
 *
 * Recipients paste whatever they were sent: a share link
 * (https://host/s/SLUG#keyB, or Sharokey's https://app.sharokey.com/SLUG#keyB),
 * a viewer URL, a request page (/r/TOKEN, /respond/TOKEN) or the bare
 * identifier. The identifier is always the last segment of the path.
 * Messages never quote the link: its fragment is keyB.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-client-private.h"

/* Slugs and tokens are made of unreserved URI characters; "." and ".."
 * would walk the API's own path. */
static gboolean
is_identifier (const gchar *segment,
               gsize        len)
{
  if (len == 0 || (len == 1 && segment[0] == '.') ||
      (len == 2 && segment[0] == '.' && segment[1] == '.'))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (segment[i]) && strchr ("-._~", segment[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* The last non-empty segment of @path, or NULL. */
static gchar *
last_segment (const gchar *path)
{
  const gchar *end = path + strlen (path);
  const gchar *start;

  while (end > path && end[-1] == '/')
    end--;
  start = end;
  while (start > path && start[-1] != '/')
    start--;
  if (!is_identifier (start, (gsize) (end - start)))
    return NULL;
  return g_strndup (start, (gsize) (end - start));
}

/**
 * sharokey_link_get_id:
 * @link: a slug or request token, or a link naming one
 *
 * Gets the identifier a link names, so that a program can take whatever
 * the user pasted: a share link (`https://host/s/SLUG#keyB`, or
 * `https://app.sharokey.com/SLUG#keyB`), a viewer URL, a request page
 * (`https://host/r/TOKEN`, `…/respond/TOKEN`) or the bare slug or token,
 * which is returned as it is.
 *
 * The identifier of a URL is the last segment of its path; its query and
 * fragment are ignored.
 *
 * Returns: (transfer full): the slug or token, or %NULL with a
 *   %SHAROKEY_ERROR_VALIDATION error (whose message never quotes @link)
 */
gchar *
sharokey_link_get_id (const gchar  *link,
                      GError      **error)
{
  g_autoptr(GUri) uri = NULL;
  const gchar *scheme;
  gchar *id;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (link == NULL || *link == '\0')
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("Give a slug, a token or a link"));
      return NULL;
    }
  if (strstr (link, "://") == NULL)
    {
      if (strchr (link, '/') != NULL)
        {
          g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                               _("Give a slug, a token or a whole link (https://…), not a path"));
          return NULL;
        }
      /* "SLUG#keyB" pasted without its URL would send keyB to the API. */
      if (!is_identifier (link, strlen (link)))
        {
          g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                               _("A slug or token is made of letters, digits, “-”, “_”, “.” and “~”; "
                                 "give it alone, or the whole link"));
          return NULL;
        }
      return g_strdup (link);
    }

  uri = g_uri_parse (link, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("The link is not an https:// or http:// URL"));
      return NULL;
    }
  id = last_segment (g_uri_get_path (uri));
  if (id == NULL)
    g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                         _("The link names no secret or request: its path does not end in one"));
  return id;
}

gboolean
_sharokey_link_split (const gchar  *link,
                      gchar       **out_origin,
                      gchar       **out_slug,
                      gchar       **out_key_b,
                      GError      **error)
{
  const gchar *hash = link ? strchr (link, '#') : NULL;
  g_autofree gchar *base = NULL;
  g_autofree gchar *slug = NULL;
  g_autofree gchar *root = NULL;
  g_autoptr(GUri) uri = NULL;
  const gchar *path, *viewer;
  gsize key_len;

  if (hash == NULL || hash[1] == '\0')
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("The link has no key: copy the whole link, with the part after #"));
      return FALSE;
    }
  key_len = strlen (hash + 1);
  for (gsize i = 0; i < key_len; i++)
    if (!g_ascii_isalnum (hash[1 + i]))
      key_len = 0;
  if (key_len != SHAROKEY_KEY_B_LENGTH)
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                   _("The key after # in the link must be %d letters and digits"),
                   SHAROKEY_KEY_B_LENGTH);
      return FALSE;
    }

  base = g_strndup (link, (gsize) (hash - link));
  if (!_sharokey_web_url_is_safe (base))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("The link must be an https:// link (or http:// to this machine)"));
      return FALSE;
    }
  uri = g_uri_parse (base, G_URI_FLAGS_ENCODED, NULL);
  path = g_uri_get_path (uri);
  slug = sharokey_link_get_id (base, error);
  if (slug == NULL)
    return FALSE;

  /* The viewer page finds its API the same way: whatever precedes /s/ is
   * the server's prefix; Sharokey's own links (/SLUG) have none. */
  viewer = g_strrstr (path, "/s/");
  root = g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "", NULL, NULL);
  if (out_origin)
    *out_origin = viewer ? g_strdup_printf ("%s%.*s", root, (int) (viewer - path), path)
                         : g_steal_pointer (&root);
  if (out_slug)
    *out_slug = g_steal_pointer (&slug);
  if (out_key_b)
    *out_key_b = g_strdup (hash + 1);
  return TRUE;
}
