/* fuzz-duration.c: --hours values (24, 24h, 2d, 1w): any text is either a
 * number of hours within the API's bounds or a usage error.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-duration.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree gchar *text = fuzz_string (data, size);
  g_autoptr(GError) error = NULL;
  guint hours = 0;

  if (sharokey_parse_duration ("--hours", text, &hours, &error))
    {
      g_assert_no_error (error);
      g_assert (hours >= SHAROKEY_DURATION_MIN_HOURS && hours <= SHAROKEY_DURATION_MAX_HOURS);
    }
  else
    g_assert (error != NULL && error->domain == G_OPTION_ERROR);
  return 0;
}
