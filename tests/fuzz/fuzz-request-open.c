/* fuzz-request-open.c: a sealed answer as a hostile server may give it to
 * the requester: any ephemeral point (off the curve, at infinity, of the
 * wrong length), any IV, any sealed text. Nothing opens without the key,
 * and nothing crashes.
 *
 * Input: the first byte picks the point's length, then the point, 12 bytes
 * of IV, and the sealed text.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-private.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A fixed private scalar: the fuzzer plays the server, not the owner. */
  static const guint8 scalar[SHAROKEY_P256_SCALAR_LENGTH] = {
    0x1c, 0x2a, 0x3b, 0x4c, 0x5d, 0x6e, 0x7f, 0x80, 0x91, 0xa2, 0xb3, 0xc4, 0xd5, 0xe6, 0xf7, 0x08,
    0x19, 0x2a, 0x3b, 0x4c, 0x5d, 0x6e, 0x7f, 0x80, 0x91, 0xa2, 0xb3, 0xc4, 0xd5, 0xe6, 0xf7, 0x08,
  };
  g_autoptr(SharokeyRequestKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) opened = NULL;
  gsize point_len, iv_len = 12;

  if (size < 1)
    return 0;
  key = _sharokey_request_key_new_from_private (scalar, sizeof scalar, NULL);
  g_assert (key != NULL);
  point_len = data[0] % (SHAROKEY_P256_POINT_LENGTH + 2);
  data++, size--;
  if (size < point_len + iv_len)
    return 0;
  opened = _sharokey_request_open (key, data, point_len, data + point_len, iv_len,
                                   data + point_len + iv_len, size - point_len - iv_len, &error);
  /* Forging a GCM tag is beyond a fuzzer: a result is a bug. */
  g_assert (opened == NULL);
  g_assert (g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION));
  return 0;
}
