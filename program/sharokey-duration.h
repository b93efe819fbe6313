/* sharokey-duration.h: "2h", "1d", "1w" or plain hours, for --hours and the
 * like in sharokey and git-credential-sharokey (not installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The API's bounds: one hour to one year. */
#define SHAROKEY_DURATION_MIN_HOURS 1
#define SHAROKEY_DURATION_MAX_HOURS 8760

/* Parses a number of hours (24, 24h), days (2d) or weeks (1w) into hours
 * between the API's bounds. On failure sets a G_OPTION_ERROR_BAD_VALUE
 * error naming @flag (say "--hours") and the text. */
gboolean sharokey_parse_duration (const gchar  *flag,
                                  const gchar  *text,
                                  guint        *out_hours,
                                  GError      **error);

G_END_DECLS
