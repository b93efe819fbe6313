/* test-password.c: how sharokey-server keeps secret passwords
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"
#include "server.h"

static void
test_hash_format_and_verify (void)
{
  g_autofree gchar *stored = server_password_hash ("correct horse");
  g_autofree gchar *again = server_password_hash ("correct horse");
  g_auto(GStrv) parts = g_strsplit (stored, "$", -1);
  g_auto(GStrv) parts_again = g_strsplit (again, "$", -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 4);
  g_assert_cmpstr (parts[0], ==, "pbkdf2-sha256");
  g_assert_cmpuint (g_ascii_strtoull (parts[1], NULL, 10), >=, 100000);
  g_assert_null (strstr (stored, "correct horse"));
  /* Random salts: the same password never gives the same record. */
  g_assert_cmpstr (parts[2], !=, parts_again[2]);
  g_assert_cmpstr (parts[3], !=, parts_again[3]);

  g_assert_true (server_password_verify ("correct horse", stored));
  g_assert_true (server_password_verify ("correct horse", again));
  g_assert_false (server_password_verify ("correct horsE", stored));
  g_assert_false (server_password_verify ("", stored));
  g_assert_false (server_password_verify (NULL, stored));
}

static void
test_malformed_records (void)
{
  g_autofree gchar *stored = server_password_hash ("abcd");
  g_auto(GStrv) parts = g_strsplit (stored, "$", -1);
  g_autofree gchar *other_scheme = g_strjoin ("$", "pbkdf2-sha1", parts[1], parts[2], parts[3], NULL);
  g_autofree gchar *cheap = g_strjoin ("$", parts[0], "1", parts[2], parts[3], NULL);
  g_autofree gchar *short_hash = g_strjoin ("$", parts[0], parts[1], parts[2], "AAAA", NULL);
  g_autofree gchar *bad_b64 = g_strjoin ("$", parts[0], parts[1], "!!!", parts[3], NULL);

  g_assert_false (server_password_verify ("abcd", NULL));
  g_assert_false (server_password_verify ("abcd", "abcd"));
  g_assert_false (server_password_verify ("abcd", other_scheme));
  g_assert_false (server_password_verify ("abcd", cheap));
  g_assert_false (server_password_verify ("abcd", short_hash));
  g_assert_false (server_password_verify ("abcd", bad_b64));
}

static void
test_constant_time_equal (void)
{
  g_assert_true (server_constant_time_equal ("", ""));
  g_assert_true (server_constant_time_equal ("123456", "123456"));
  g_assert_false (server_constant_time_equal ("123456", "123457"));
  g_assert_false (server_constant_time_equal ("123456", "12345"));
  g_assert_false (server_constant_time_equal ("12345", "123456"));
  g_assert_false (server_constant_time_equal ("", "0"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server/password/hash-and-verify", test_hash_format_and_verify);
  g_test_add_func ("/server/password/malformed-records", test_malformed_records);
  g_test_add_func ("/server/password/constant-time-equal", test_constant_time_equal);
  return g_test_run ();
}
