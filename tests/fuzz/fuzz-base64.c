/* fuzz-base64.c: the strict base64 decoder, checked against GLib's on
 * what it accepts (same bytes) and round-tripped through the encoder.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree gchar *text = fuzz_string (data, size);
  gsize len = 0;
  g_autofree guint8 *decoded = _sharokey_base64_decode (text, &len);
  gsize checked_len = 0;
  GString *again;

  /* The check alone agrees with the decoder, size included. */
  g_assert_cmpint (_sharokey_base64_check (text, strlen (text), &checked_len), ==, decoded != NULL);
  if (decoded == NULL)
    return 0;
  g_assert_cmpuint (checked_len, ==, len);
  /* Strict: what it accepts encodes back to the same text. */
  again = g_string_new (NULL);
  _sharokey_base64_append (again, decoded, len);
  g_assert_cmpstr (again->str, ==, text);
  g_string_free (again, TRUE);
  return 0;
}
