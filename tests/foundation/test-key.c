/* test-key.c: key strings are uniform over A-Za-z0-9 and never repeat
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"

#define N_KEYS 100000
#define N_SYMBOLS 62

static const gchar charset[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/* Chi-square critical value for 61 degrees of freedom at p = 0.0001:
 * a fair generator exceeds it once in ten thousand runs. */
#define CHI_SQUARE_BOUND 111.0

static gdouble
chi_square (const guint64 counts[N_SYMBOLS],
            guint64       total)
{
  gdouble expected = (gdouble) total / N_SYMBOLS;
  gdouble chi = 0;

  for (guint i = 0; i < N_SYMBOLS; i++)
    chi += (counts[i] - expected) * (counts[i] - expected) / expected;
  return chi;
}

static void
test_uniform_and_unique (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint64 counts[N_SYMBOLS] = { 0 };
  guint n = g_test_slow () ? N_KEYS * 10 : N_KEYS;
  gdouble chi;

  for (guint i = 0; i < n; i++)
    {
      gchar *key = sharokey_generate_key_string ();

      g_assert_cmpuint (strlen (key), ==, SHAROKEY_KEY_LENGTH);
      for (guint j = 0; j < SHAROKEY_KEY_LENGTH; j++)
        {
          const gchar *at = strchr (charset, key[j]);
          g_assert_nonnull (at);
          counts[at - charset]++;
        }
      g_assert_true (g_hash_table_add (seen, key));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);

  chi = chi_square (counts, (guint64) n * SHAROKEY_KEY_LENGTH);
  g_test_message ("chi-square over %u keys: %.2f (bound %.1f)", n, chi, CHI_SQUARE_BOUND);
  g_assert_cmpfloat (chi, <, CHI_SQUARE_BOUND);
}

static void
test_bound_detects_modulo_bias (void)
{
  /* The same statistic over "byte % 62" (what browser SDKs do) must fail:
   * otherwise the bound above would prove nothing. */
  guint64 counts[N_SYMBOLS] = { 0 };
  guint64 total = (guint64) N_KEYS * SHAROKEY_KEY_LENGTH;
  guint8 buf[4096];

  for (guint64 done = 0; done < total; )
    {
      _sharokey_random_bytes (buf, sizeof buf, FALSE);
      for (gsize i = 0; i < sizeof buf && done < total; i++, done++)
        counts[buf[i] % N_SYMBOLS]++;
    }
  g_assert_cmpfloat (chi_square (counts, total), >, CHI_SQUARE_BOUND);
}

static void
test_key_parts (void)
{
  g_autofree gchar *key = sharokey_generate_key_string ();

  g_assert_cmpint (SHAROKEY_KEY_A_LENGTH + SHAROKEY_KEY_B_LENGTH, ==, SHAROKEY_KEY_LENGTH);
  g_assert_cmpuint (strspn (key, charset), ==, SHAROKEY_KEY_LENGTH);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/key/uniform-and-unique", test_uniform_and_unique);
  g_test_add_func ("/key/bound-detects-modulo-bias", test_bound_detects_modulo_bias);
  g_test_add_func ("/key/parts", test_key_parts);

  return g_test_run ();
}
