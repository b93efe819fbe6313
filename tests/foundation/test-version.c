/* test-version.c: the version macros and the run-time version check, as an
 * application sees them (built against the shared library and the public
 * header only)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sharokey.h>

static void
test_runtime_matches_headers (void)
{
  g_autofree gchar *text = g_strdup_printf ("%u.%u.%u", SHAROKEY_MAJOR_VERSION,
                                            SHAROKEY_MINOR_VERSION, SHAROKEY_MICRO_VERSION);

  g_assert_cmpuint (sharokey_get_major_version (), ==, SHAROKEY_MAJOR_VERSION);
  g_assert_cmpuint (sharokey_get_minor_version (), ==, SHAROKEY_MINOR_VERSION);
  g_assert_cmpuint (sharokey_get_micro_version (), ==, SHAROKEY_MICRO_VERSION);
  g_assert_cmpstr (SHAROKEY_VERSION_S, ==, text);
}

static void
test_check_version (void)
{
  const guint major = SHAROKEY_MAJOR_VERSION;
  const guint minor = SHAROKEY_MINOR_VERSION;
  const guint micro = SHAROKEY_MICRO_VERSION;

  /* the version itself and anything older within the major version */
  g_assert_null (sharokey_check_version (major, minor, micro));
  g_assert_null (sharokey_check_version (major, 0, 0));
  if (micro > 0)
    g_assert_null (sharokey_check_version (major, minor, micro - 1));
  if (minor > 0)
    g_assert_null (sharokey_check_version (major, minor - 1, micro + 99));

  /* anything newer, and any other major version */
  g_assert_nonnull (sharokey_check_version (major, minor, micro + 1));
  g_assert_nonnull (sharokey_check_version (major, minor + 1, 0));
  g_assert_nonnull (sharokey_check_version (major + 1, 0, 0));
  if (major > 0)
    g_assert_nonnull (sharokey_check_version (major - 1, minor, micro));
}

static void
test_check_version_macro (void)
{
  g_assert_true (SHAROKEY_CHECK_VERSION (SHAROKEY_MAJOR_VERSION, SHAROKEY_MINOR_VERSION,
                                         SHAROKEY_MICRO_VERSION));
  g_assert_true (SHAROKEY_CHECK_VERSION (SHAROKEY_MAJOR_VERSION, 0, 0));
  g_assert_false (SHAROKEY_CHECK_VERSION (SHAROKEY_MAJOR_VERSION, SHAROKEY_MINOR_VERSION,
                                          SHAROKEY_MICRO_VERSION + 1));
  g_assert_false (SHAROKEY_CHECK_VERSION (SHAROKEY_MAJOR_VERSION, SHAROKEY_MINOR_VERSION + 1, 0));
  g_assert_false (SHAROKEY_CHECK_VERSION (SHAROKEY_MAJOR_VERSION + 1, 0, 0));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/version/runtime-matches-headers", test_runtime_matches_headers);
  g_test_add_func ("/version/check-version", test_check_version);
  g_test_add_func ("/version/check-version-macro", test_check_version_macro);

  return g_test_run ();
}
