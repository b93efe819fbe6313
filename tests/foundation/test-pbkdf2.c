/* test-pbkdf2.c: the SHA-instruction PBKDF2 against RFC 7914's vectors and
 * against GnuTLS for every password and salt length it accepts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <gnutls/crypto.h>

#include "sharokey-private.h"

/* Is the fast path used on this machine? When it is not (no SHA
 * instructions), every test checks that it declines and that the key
 * derivation still gives GnuTLS's answer. */
static gboolean
fast_path_runs (void)
{
  guint8 out[32];
  gboolean runs = _sharokey_pbkdf2_sha256_fast ((const guint8 *) "p", 1, (const guint8 *) "s", 1, 1, out);

  if (!runs)
    g_test_message ("this CPU has no SHA instructions: only the fallback is checked");
  return runs;
}

static void
gnutls_derive (const guint8 *password,
               gsize         password_len,
               const guint8 *salt,
               gsize         salt_len,
               guint         iterations,
               guint8        out[32])
{
  gnutls_datum_t p = { (guchar *) password, (guint) password_len };
  gnutls_datum_t s = { (guchar *) salt, (guint) salt_len };

  g_assert_cmpint (gnutls_pbkdf2 (GNUTLS_MAC_SHA256, &p, &s, iterations, out, 32), ==, 0);
}

static gchar *
hex (const guint8 *data,
     gsize         len)
{
  GString *text = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (text, "%02x", data[i]);
  return g_string_free (text, FALSE);
}

/* RFC 7914 section 11 (the first 32 bytes of each 64-byte answer). */
static void
test_rfc7914 (void)
{
  static const struct {
    const gchar *password, *salt;
    guint iterations;
    const gchar *expected;
  } vectors[] = {
    { "passwd", "salt", 1, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc" },
    { "Password", "NaCl", 80000, "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      guint8 out[32];
      g_autofree gchar *got = NULL;

      if (!_sharokey_pbkdf2_sha256_fast ((const guint8 *) vectors[i].password, strlen (vectors[i].password),
                                         (const guint8 *) vectors[i].salt, strlen (vectors[i].salt),
                                         vectors[i].iterations, out))
        gnutls_derive ((const guint8 *) vectors[i].password, strlen (vectors[i].password),
                       (const guint8 *) vectors[i].salt, strlen (vectors[i].salt),
                       vectors[i].iterations, out);
      got = hex (out, sizeof out);
      g_assert_cmpstr (got, ==, vectors[i].expected);
    }
}

/* Every password length 0..64 and salt length 0..51 (the whole domain of
 * the fast path), random bytes, 1 to 3 iterations, and Sharokey's own
 * 32-character key with a 16-byte salt at 10 000 iterations. */
static void
test_matches_gnutls (void)
{
  gboolean runs = fast_path_runs ();
  guint8 password[64], salt[51];
  guint compared = 0;

  for (gsize p = 0; p <= sizeof password; p++)
    for (gsize s = 0; s <= sizeof salt; s++)
      {
        guint8 fast[32], reference[32];
        guint iterations = 1 + (p + s) % 3;

        _sharokey_random_bytes (password, sizeof password, FALSE);
        _sharokey_random_bytes (salt, sizeof salt, FALSE);
        gnutls_derive (password, p, salt, s, iterations, reference);
        g_assert_cmpint (_sharokey_pbkdf2_sha256_fast (password, p, salt, s, iterations, fast), ==, runs);
        if (runs)
          g_assert_cmpmem (fast, sizeof fast, reference, sizeof reference);
        compared += runs;
      }
  g_assert_cmpuint (compared, ==, runs ? 65 * 52 : 0);

  for (guint i = 0; i < 4; i++)
    {
      g_autofree gchar *key = sharokey_generate_key_string ();
      guint8 derived[32], reference[32];

      _sharokey_random_bytes (salt, SHAROKEY_SALT_LENGTH, FALSE);
      g_assert_true (_sharokey_derive_key (key, salt, SHAROKEY_SALT_LENGTH, derived, NULL));
      gnutls_derive ((const guint8 *) key, strlen (key), salt, SHAROKEY_SALT_LENGTH,
                     SHAROKEY_PBKDF2_ITERATIONS, reference);
      g_assert_cmpmem (derived, sizeof derived, reference, sizeof reference);
    }
}

/* Outside its domain the fast path declines without writing, and the key
 * derivation falls back to GnuTLS with the same answer. */
static void
test_declines (void)
{
  guint8 password[200], salt[100], untouched[32], out[32];
  struct { gsize password_len, salt_len; guint iterations; } cases[] = {
    { 65, 16, 2 }, { 200, 16, 2 }, { 32, 52, 2 }, { 32, 100, 2 }, { 32, 16, 0 },
  };

  _sharokey_random_bytes (password, sizeof password, FALSE);
  _sharokey_random_bytes (salt, sizeof salt, FALSE);
  /* A key string may only hold printable characters, with no NUL. */
  for (gsize i = 0; i < sizeof password; i++)
    password[i] = 'A' + password[i] % 26;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      memset (untouched, 0xa5, sizeof untouched);
      memcpy (out, untouched, sizeof out);
      g_assert_false (_sharokey_pbkdf2_sha256_fast (password, cases[i].password_len, salt, cases[i].salt_len,
                                                    cases[i].iterations, out));
      g_assert_cmpmem (out, sizeof out, untouched, sizeof untouched);
    }

  for (gsize i = 0; i < 4; i++)
    {
      g_autofree gchar *key = g_strndup ((const gchar *) password, cases[i].password_len);
      guint8 reference[32];

      g_assert_true (_sharokey_derive_key (key, salt, cases[i].salt_len, out, NULL));
      gnutls_derive (password, cases[i].password_len, salt, cases[i].salt_len,
                     SHAROKEY_PBKDF2_ITERATIONS, reference);
      g_assert_cmpmem (out, sizeof out, reference, sizeof reference);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pbkdf2/rfc7914", test_rfc7914);
  g_test_add_func ("/pbkdf2/matches-gnutls", test_matches_gnutls);
  g_test_add_func ("/pbkdf2/declines", test_declines);
  return g_test_run ();
}
