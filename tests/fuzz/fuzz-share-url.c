/* fuzz-share-url.c: the rule for the access URL a share link is made of,
 * and for the link of a created request: what they accept is visible
 * ASCII, an http(s) URL with a host and no user information; an access
 * URL has no fragment either, and every access URL is a request link.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-client-private.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree gchar *url = fuzz_string (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) request_error = NULL;
  gboolean request_ok = _sharokey_request_url_is_acceptable (url, &request_error);

  if (request_ok)
    {
      g_assert (g_ascii_strncasecmp (url, "https://", 8) == 0 ||
                g_ascii_strncasecmp (url, "http://", 7) == 0);
      for (const gchar *p = url; *p != '\0'; p++)
        g_assert ((guchar) *p > 0x20 && (guchar) *p < 0x7f);
    }
  else
    g_assert (g_error_matches (request_error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL));

  if (!_sharokey_share_url_is_acceptable (url, &error))
    {
      g_assert (g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL));
      return 0;
    }
  g_assert (request_ok);
  g_assert (g_ascii_strncasecmp (url, "https://", 8) == 0 ||
            g_ascii_strncasecmp (url, "http://", 7) == 0);
  for (const gchar *p = url; *p != '\0'; p++)
    g_assert ((guchar) *p > 0x20 && (guchar) *p < 0x7f && *p != '#');
  return 0;
}
