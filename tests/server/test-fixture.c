/* test-fixture.c: the C test fixture starts, restarts and stops a real
 * sharokey-server, which reads its token from a private file, and what it
 * stores survives SIGKILL.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "sharokey-private.h"
#include "sharokey-test-server.h"

static JsonObject *
call (SharokeyTestServer *server,
      const gchar        *method,
      const gchar        *path,
      const gchar        *body,
      guint              *status)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  g_autofree gchar *url = g_strconcat (sharokey_test_server_get_api_url (server), path, NULL);
  g_autofree gchar *auth = g_strdup_printf ("Bearer %s", sharokey_test_server_get_token (server));
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  response = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (response, NULL),
                                             g_bytes_get_size (response), &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gchar *
create_secret (SharokeyTestServer *server)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree gchar *text = NULL;
  gchar *key_b = NULL;
  guint status;

  body = _sharokey_secret_body_build ("fixture secret", 1, 1, NULL, &key_b, &error);
  g_assert_no_error (error);
  sharokey_wipe_free (key_b);
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  answer = call (server, "POST", "/secrets", text, &status);
  g_assert_cmpuint (status, ==, 201);
  return g_strdup (json_object_get_string_member (json_object_get_object_member (answer, "data"), "slug"));
}

/* The token reaches the server in a private file, not on its command line
 * (which every user of the machine may read). */
static void
assert_token_not_on_command_line (SharokeyTestServer *server)
{
  g_autofree gchar *proc = g_strdup_printf ("/proc/%d/cmdline", (int) sharokey_test_server_get_pid (server));
  g_autofree gchar *dir = g_path_get_dirname (sharokey_test_server_get_db_path (server));
  g_autofree gchar *tokens = g_build_filename (dir, "tokens", NULL);
  g_autofree gchar *cmdline = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  gsize len;

  g_assert_true (g_file_get_contents (proc, &cmdline, &len, &error));
  g_assert_no_error (error);
  for (gsize i = 0; i < len; i++)
    if (cmdline[i] == '\0')
      cmdline[i] = ' ';
  g_assert_nonnull (strstr (cmdline, " --tokens-file "));
  g_assert_null (strstr (cmdline, sharokey_test_server_get_token (server)));
  g_assert_cmpint (g_stat (tokens, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_start_stop (void)
{
  SharokeyTestServer *server = sharokey_test_server_start (NULL);
  g_autoptr(JsonObject) answer = NULL;
  g_autofree gchar *db = g_strdup (sharokey_test_server_get_db_path (server));
  GPid pid = sharokey_test_server_get_pid (server);
  guint status;

  g_assert_true (g_str_has_prefix (sharokey_test_server_get_api_url (server), "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (sharokey_test_server_get_api_url (server), "/api/v1"));
  g_assert_cmpstr (sharokey_test_server_get_token (server), ==, "test-token-0123456789");
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  assert_token_not_on_command_line (server);

  answer = call (server, "GET", "/secrets-stats", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (json_object_get_boolean_member (answer, "success"));

  sharokey_test_server_stop (server);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_assert_cmpint (kill (pid, 0), ==, -1);
}

static void
test_kill_restart (void)
{
  const gchar *docs_args[] = { "--list-shape", "docs", NULL };
  SharokeyTestServer *server = sharokey_test_server_start (NULL);
  g_autofree gchar *slug = create_secret (server);
  g_autofree gchar *path = g_strconcat ("/secrets/", slug, NULL);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) list = NULL;
  guint status;

  sharokey_test_server_kill (server);
  sharokey_test_server_restart (server, docs_args);
  assert_token_not_on_command_line (server);
  answer = call (server, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (answer, "data"), "status"),
                   ==, "active");
  /* The extra arguments of the restart apply. */
  list = call (server, "GET", "/secrets", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list, "data")), ==, 1);
  sharokey_test_server_stop (server);
}

static void
test_extra_args (void)
{
  const gchar *args[] = { "--rate-limit", "1", NULL };
  SharokeyTestServer *server = sharokey_test_server_start (args);
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  guint status;

  first = call (server, "GET", "/secrets", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  second = call (server, "GET", "/secrets", NULL, &status);
  g_assert_cmpuint (status, ==, 429);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (second, "error"), "code"),
                   ==, "RATE_LIMITED");
  sharokey_test_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server/fixture/start-stop", test_start_stop);
  g_test_add_func ("/server/fixture/kill-restart", test_kill_restart);
  g_test_add_func ("/server/fixture/extra-args", test_extra_args);
  return g_test_run ();
}
