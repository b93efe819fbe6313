/* fuzz-validators.c: every field validator on arbitrary text; each either
 * accepts or sets a SHAROKEY_ERROR_VALIDATION error, never both or neither.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-private.h"
#include "fuzz.h"

#define CHECK(call) \
  G_STMT_START { \
    GError *error = NULL; \
    gboolean ok = (call); \
    g_assert (ok == (error == NULL)); \
    g_assert (ok || error->domain == SHAROKEY_ERROR); \
    g_clear_error (&error); \
  } G_STMT_END

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree gchar *text = fuzz_string (data, size);
  gint64 number = g_ascii_strtoll (text, NULL, 10);
  gboolean malformed;

  CHECK (_sharokey_validate_content (text, &error));
  CHECK (_sharokey_validate_text (text, "description", &error));
  CHECK (_sharokey_validate_password (text, &error));
  CHECK (_sharokey_validate_otp_email (text, &error));
  CHECK (_sharokey_validate_otp_phone (text, &error));
  CHECK (_sharokey_validate_ip_whitelist (text, &error));
  CHECK (_sharokey_validate_geolocation (text, &error));
  CHECK (_sharokey_validate_email (text, &error, "bad e-mail"));
  CHECK (_sharokey_validate_locale (text, &error));
  CHECK (_sharokey_validate_hours (number, &error));
  CHECK (_sharokey_validate_views (number, &error));
  CHECK (_sharokey_validate_request_hours (number, size & 1, &error));
  CHECK (_sharokey_validate_request_views (number, &error));
  (void) _sharokey_is_email (text);
  (void) _sharokey_is_country_code (text);
  (void) _sharokey_ip_entry_is_public (text, &malformed);
  return 0;
}
