/* sharokey-share-url.c: which access URLs from the server become share links,
 * and which request links are handed on
 *
 * The share link is printed, pasted and clicked: a hostile or broken server
 * must not turn it into a `javascript:` link, a link to another host hidden
 * behind user information, or a string of terminal escape sequences. It
 * follows the rule of the API URL itself: https, or plain http to this
 * machine.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-client-private.h"

gboolean
_sharokey_host_is_loopback (const gchar *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* The one rule for a link this library prints or follows: visible ASCII
 * (a URI has nothing else), no user information (another host hidden
 * behind it), and https, or plain http to this machine. A share link also
 * has no fragment of the server's, since keyB goes there. */
static gboolean
web_url_is_safe (const gchar *url,
                 gboolean     fragment_allowed)
{
  g_autoptr(GUri) uri = NULL;
  const gchar *scheme, *host;

  if (url == NULL || *url == '\0')
    return FALSE;
  for (const gchar *p = url; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p >= 0x7f || (*p == '#' && !fragment_allowed))
      return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0' || g_uri_get_userinfo (uri) != NULL)
    return FALSE;
  return g_ascii_strcasecmp (scheme, "https") == 0 ||
         (g_ascii_strcasecmp (scheme, "http") == 0 && _sharokey_host_is_loopback (host));
}

gboolean
_sharokey_web_url_is_safe (const gchar *url)
{
  return web_url_is_safe (url, FALSE);
}

gboolean
_sharokey_share_url_is_acceptable (const gchar  *url,
                                   GError      **error)
{
  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                           _("The server's answer has no access URL"));
      return FALSE;
    }
  if (_sharokey_web_url_is_safe (url))
    return TRUE;

  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                       _("The server's access URL is not an https:// link "
                         "(nor http:// to this machine)"));
  return FALSE;
}

gboolean
_sharokey_request_url_is_acceptable (const gchar  *url,
                                     GError      **error)
{
  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                           _("The server's answer has no request link"));
      return FALSE;
    }
  /* It carries no key: a fragment of the server's is harmless. */
  if (web_url_is_safe (url, TRUE))
    return TRUE;

  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                       _("The server's request link is not an https:// link "
                         "(nor http:// to this machine)"));
  return FALSE;
}
