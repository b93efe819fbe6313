/* server-password.c: secret passwords are kept only as salted PBKDF2 hashes
 *
 * Stored form: "pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64".
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>

#include "sharokey-private.h"
#include "server.h"

#define PASSWORD_ITERATIONS 100000
#define PASSWORD_SALT 16
#define PASSWORD_HASH 32

static gboolean
derive (const gchar  *password,
        const guint8 *salt,
        gsize         salt_len,
        guint         iterations,
        guint8        out[PASSWORD_HASH])
{
  gnutls_datum_t key = { (unsigned char *) password, (unsigned int) strlen (password) };
  gnutls_datum_t salt_datum = { (unsigned char *) salt, (unsigned int) salt_len };

  return gnutls_pbkdf2 (GNUTLS_MAC_SHA256, &key, &salt_datum, iterations,
                        out, PASSWORD_HASH) == 0;
}

gchar *
server_password_hash (const gchar *password)
{
  guint8 salt[PASSWORD_SALT], hash[PASSWORD_HASH];
  GString *out = g_string_new ("pbkdf2-sha256$");

  _sharokey_random_bytes (salt, sizeof salt, FALSE);
  if (!derive (password, salt, sizeof salt, PASSWORD_ITERATIONS, hash))
    g_error ("PBKDF2 failed");
  g_string_append_printf (out, "%u$", PASSWORD_ITERATIONS);
  _sharokey_base64_append (out, salt, sizeof salt);
  g_string_append_c (out, '$');
  _sharokey_base64_append (out, hash, sizeof hash);
  _sharokey_wipe (hash, sizeof hash);
  return g_string_free (out, FALSE);
}

/* Compares without an early exit, so timing does not tell how many
 * leading bytes matched. */
static gboolean
bytes_equal (const guint8 *a,
             const guint8 *b,
             gsize         len)
{
  guint8 diff = 0;

  for (gsize i = 0; i < len; i++)
    diff |= a[i] ^ b[i];
  return diff == 0;
}

/* Hashing first makes the comparison independent of where the strings
 * differ and of their lengths. */
gboolean
server_constant_time_equal (const gchar *a,
                            const gchar *b)
{
  guint8 da[32], db[32];
  gsize la = sizeof da, lb = sizeof db;
  g_autoptr(GChecksum) ca = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GChecksum) cb = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (ca, (const guchar *) a, -1);
  g_checksum_update (cb, (const guchar *) b, -1);
  g_checksum_get_digest (ca, da, &la);
  g_checksum_get_digest (cb, db, &lb);
  return bytes_equal (da, db, sizeof da);
}

gboolean
server_password_verify (const gchar *password,
                        const gchar *stored)
{
  g_auto(GStrv) parts = NULL;
  g_autofree guint8 *salt = NULL, *expected = NULL;
  gsize salt_len = 0, expected_len = 0;
  guint8 hash[PASSWORD_HASH];
  guint64 iterations;
  gboolean ok;

  if (password == NULL || stored == NULL)
    return FALSE;
  parts = g_strsplit (stored, "$", -1);
  if (g_strv_length (parts) != 4 || !g_str_equal (parts[0], "pbkdf2-sha256") ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1000, 10000000, &iterations, NULL))
    return FALSE;
  salt = _sharokey_base64_decode (parts[2], &salt_len);
  expected = _sharokey_base64_decode (parts[3], &expected_len);
  if (salt == NULL || expected == NULL || expected_len != PASSWORD_HASH)
    return FALSE;
  if (!derive (password, salt, salt_len, (guint) iterations, hash))
    return FALSE;
  ok = bytes_equal (hash, expected, PASSWORD_HASH);
  _sharokey_wipe (hash, sizeof hash);
  return ok;
}
