/* fuzz-pbkdf2.c: the SHA-instruction PBKDF2 against GnuTLS's
 *
 * Input: one byte of password length, one of iteration count (1..4), then
 * the password, then the rest as salt. Where the fast path declines (no SHA
 * instructions, or a password or salt longer than it takes), the harness
 * checks only that it declined for a reason.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <gnutls/crypto.h>

#include "sharokey-private.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  gsize password_len, salt_len;
  guint iterations;
  guint8 fast[32], reference[32];
  gnutls_datum_t password, salt;

  if (size < 2)
    return 0;
  password_len = MIN ((gsize) data[0], size - 2);
  iterations = 1 + data[1] % 4;
  salt_len = size - 2 - password_len;
  password = (gnutls_datum_t) { (guchar *) data + 2, (guint) password_len };
  salt = (gnutls_datum_t) { (guchar *) data + 2 + password_len, (guint) salt_len };

  g_assert_cmpint (gnutls_pbkdf2 (GNUTLS_MAC_SHA256, &password, &salt, iterations,
                                  reference, sizeof reference), ==, 0);
  if (_sharokey_pbkdf2_sha256_fast (password.data, password_len, salt.data, salt_len,
                                    iterations, fast))
    g_assert_cmpmem (fast, sizeof fast, reference, sizeof reference);
  else
    g_assert_true (password_len > 64 || salt_len > 51
                   || !_sharokey_pbkdf2_sha256_fast ((const guint8 *) "p", 1, (const guint8 *) "s", 1, 1, fast));
  return 0;
}
