/* test-client-log.c: with G_MESSAGES_DEBUG=all, a whole run of the client
 * logs neither the API token, nor keyB, nor the plaintext
 *
 * Every message of the process (the library, libsoup, GIO) goes through a
 * writer that keeps a copy, then on to the default writer.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-client-private.h"
#include "client-test-util.h"
#include "sharokey-test-server.h"

#define TOKEN "tok-Zq8Lm3Np5Rt7Vx9Bc2Df"
#define PLAINTEXT "plaintext-Wj4Hk6Ly8Mz0"

static GMutex log_lock;
static GString *captured;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autofree gchar *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);

  g_mutex_lock (&log_lock);
  g_string_append (captured, line);
  g_string_append_c (captured, '\n');
  g_mutex_unlock (&log_lock);
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
test_no_secret_in_debug_log (void)
{
  SharokeyTestServer *server = sharokey_test_server_start_with_tokens (TOKEN " bob@example.com\n", NULL);
  const gchar *api_url = sharokey_test_server_get_api_url (server);
  g_autoptr(SharokeyClient) client = g_object_new (SHAROKEY_TYPE_CLIENT, "token", TOKEN,
                                                   "api-url", api_url, NULL);
  g_autoptr(SharokeyClient) bad = g_object_new (SHAROKEY_TYPE_CLIENT, "token", TOKEN "x",
                                                "api-url", api_url, NULL);
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(SharokeyRequestOptions) request = sharokey_request_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SharokeySecret) created = NULL, got = NULL;
  g_autoptr(SharokeyPage) listed = NULL;
  g_autoptr(SharokeyStats) stats = NULL, failed = NULL;
  g_autoptr(SharokeySecretRequest) req = NULL;
  g_autoptr(SharokeyDiagnosis) report = NULL;
  g_autofree gchar *key_b = NULL;
  const gchar *share_url, *slug;
  gsize log_len;

  g_assert_true (g_log_get_debug_enabled ());

  sharokey_secret_options_set_password (options, "pw-Tg5Rf4Ed3Ws2");
  sharokey_client_create_async (client, PLAINTEXT, 1, 2, options, NULL, NULL, NULL, NULL,
                                client_test_store_result, &result);
  client_test_await (&result);
  created = sharokey_client_create_finish (client, result, &error);
  g_assert_no_error (error);
  share_url = sharokey_secret_get_share_url (created);
  slug = sharokey_secret_get_slug (created);
  key_b = g_strdup (strchr (share_url, '#') + 1);

  listed = sharokey_client_list_sync (client, 5, 1, "active", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  got = sharokey_client_get_sync (client, slug, NULL, &error);
  g_assert_no_error (error);
  stats = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_no_error (error);
  req = sharokey_client_create_request_sync (client, request, NULL, &error);
  g_assert_no_error (error);
  report = sharokey_client_test_sync (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sharokey_client_delete_sync (client, slug, NULL, &error));
  g_assert_no_error (error);
  failed = sharokey_client_stats_sync (bad, NULL, &error);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION);
  g_assert_null (strstr (error->message, TOKEN));

  g_mutex_lock (&log_lock);
  log_len = captured->len;
  /* the run was logged (so the check below means something) … */
  g_assert_nonnull (strstr (captured->str, "POST /secrets"));
  g_assert_nonnull (strstr (captured->str, "GET /secrets-stats"));
  /* … and no secret made it into the log */
  g_assert_null (strstr (captured->str, TOKEN));
  g_assert_null (strstr (captured->str, "Bearer"));
  g_assert_null (strstr (captured->str, key_b));
  g_assert_null (strstr (captured->str, PLAINTEXT));
  g_assert_null (strstr (captured->str, "pw-Tg5Rf4Ed3Ws2"));
  g_mutex_unlock (&log_lock);
  g_assert_cmpuint (log_len, >, 0);

  sharokey_test_server_stop (server);
}

int
main (int argc, char **argv)
{
  captured = g_string_new (NULL);
  /* Debug lines on stdout would break the TAP stream. */
  g_log_writer_default_set_use_stderr (TRUE);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  /* as with G_MESSAGES_DEBUG=all, even if the environment lacks it */
  g_log_set_debug_enabled (TRUE);

  g_test_add_func ("/client/log/no-secrets", test_no_secret_in_debug_log);

  return g_test_run ();
}
