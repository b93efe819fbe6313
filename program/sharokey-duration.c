/* sharokey-duration.c: "2h", "1d", "1w" or plain hours
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sharokey-duration.h"

gboolean
sharokey_parse_duration (const gchar  *flag,
                         const gchar  *text,
                         guint        *out_hours,
                         GError      **error)
{
  g_autofree gchar *digits = NULL;
  guint64 count = 0, unit = 1;
  gsize len = text != NULL ? strlen (text) : 0;

  if (len > 0)
    {
      switch (g_ascii_tolower (text[len - 1]))
        {
        case 'h': unit = 1; len--; break;
        case 'd': unit = 24; len--; break;
        case 'w': unit = 24 * 7; len--; break;
        default: break;
        }
    }
  digits = g_strndup (text != NULL ? text : "", len);

  /* Digits only: no sign, no spaces, no "1.5d". */
  if (len == 0 || strspn (digits, "0123456789") != len ||
      !g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT32, &count, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* TRANSLATORS: first an option such as --hours, then what was given */
                   _("%s: “%s” is not a duration: give hours (24 or 24h), days (2d) or weeks (1w)"),
                   flag, text != NULL ? text : "");
      return FALSE;
    }
  if (count * unit < SHAROKEY_DURATION_MIN_HOURS || count * unit > SHAROKEY_DURATION_MAX_HOURS)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* TRANSLATORS: %s is an option such as --hours */
                   _("%s must be between 1 hour and 365 days (8760h, 365d or 52w)"), flag);
      return FALSE;
    }
  *out_hours = (guint) (count * unit);
  return TRUE;
}
