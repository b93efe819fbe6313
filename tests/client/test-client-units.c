/* test-client-units.c: SharokeyClient parts that need no server: error
 * mapping, list shapes, configuration, URL and token checks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sharokey-client-private.h"

static GError *
map (guint        status,
     const gchar *retry_after,
     const gchar *body)
{
  return _sharokey_error_from_response (status, retry_after, body, body ? strlen (body) : 0);
}

static void
test_error_mapping (void)
{
  g_autoptr(GError) e401 = map (401, NULL, "{\"success\":false,\"message\":\"Token is invalid or expired\","
                                "\"error\":{\"code\":\"AUTHENTICATION_ERROR\",\"message\":\"Token is invalid or expired\"}}");
  g_autoptr(GError) e401_bare = map (401, NULL, "");
  g_autoptr(GError) e403 = map (403, NULL, "{\"message\":\"Insufficient permissions\"}");
  g_autoptr(GError) e404 = map (404, NULL, "{\"message\":\"top\",\"error\":{\"message\":\"Secret not found\"}}");
  g_autoptr(GError) e404_top = map (404, NULL, "{\"message\":\"Not here\"}");
  g_autoptr(GError) e422 = map (422, NULL,
                                "{\"success\":false,\"message\":\"Content is required\",\"error\":{\"code\":\"VALIDATION_ERROR\","
                                "\"message\":\"Content is required\",\"details\":{\"content\":[\"Content is required\"],"
                                "\"expiration_hours\":[\"Hours must be between 1 and 8760\"]}}}");
  g_autoptr(GError) e422_laravel = map (422, NULL, "{\"message\":\"The given data was invalid.\","
                                        "\"errors\":{\"key\":[\"The key field is required.\"]}}");
  g_autoptr(GError) e413 = map (413, NULL, "{\"message\":\"Payload too large\"}");
  g_autoptr(GError) e429 = map (429, "17", "{\"message\":\"Too many requests\"}");
  g_autoptr(GError) e429_bare = map (429, NULL, NULL);
  g_autoptr(GError) e500 = map (500, NULL, "<html>oops</html>");
  g_autoptr(GError) e503 = map (503, NULL, "{\"error\":{\"message\":\"Maintenance\"}}");
  g_autoptr(GError) e418 = map (418, NULL, "[1,2]");

  g_assert_error (e401, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION);
  g_assert_true (g_str_has_prefix (e401->message, "Invalid token or authentication failed"));
  g_assert_nonnull (strstr (e401->message, "Token is invalid or expired"));
  g_assert_error (e401_bare, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION);
  g_assert_cmpstr (e401_bare->message, ==, "Invalid token or authentication failed");
  g_assert_error (e403, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION);

  g_assert_error (e404, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND);
  g_assert_cmpstr (e404->message, ==, "Secret not found");       /* error.message first */
  g_assert_cmpstr (e404_top->message, ==, "Not here");           /* then message */

  g_assert_error (e422, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_assert_cmpstr (e422->message, ==, "Content is required; Hours must be between 1 and 8760");
  g_assert_error (e422_laravel, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_assert_cmpstr (e422_laravel->message, ==, "The given data was invalid.; The key field is required.");

  g_assert_error (e413, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT);
  g_assert_error (e429, SHAROKEY_ERROR, SHAROKEY_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (e429->message, "Too many requests"));
  g_assert_nonnull (strstr (e429->message, "17"));
  g_assert_error (e429_bare, SHAROKEY_ERROR, SHAROKEY_ERROR_RATE_LIMITED);
  g_assert_cmpstr (e429_bare->message, ==, "HTTP 429");

  g_assert_error (e500, SHAROKEY_ERROR, SHAROKEY_ERROR_SERVER);
  g_assert_cmpstr (e500->message, ==, "HTTP 500");                /* then HTTP <status> */
  g_assert_error (e503, SHAROKEY_ERROR, SHAROKEY_ERROR_SERVER);
  g_assert_cmpstr (e503->message, ==, "Maintenance");
  g_assert_error (e418, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED);
  g_assert_cmpstr (e418->message, ==, "HTTP 418");
}

static void
test_transport_mapping (void)
{
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  g_autoptr(GError) timed_out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Socket I/O timed out");
  g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "Connection refused");
  g_autoptr(GError) dns = g_error_new_literal (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "Name not found");
  g_autoptr(GError) tls = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "Unacceptable certificate");
  g_autoptr(GError) parsing = g_error_new_literal (SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING, "Could not parse");
  g_autoptr(GError) m_cancelled = _sharokey_error_from_transport (cancelled, 30);
  g_autoptr(GError) m_timed_out = _sharokey_error_from_transport (timed_out, 7);
  g_autoptr(GError) m_refused = _sharokey_error_from_transport (refused, 30);
  g_autoptr(GError) m_dns = _sharokey_error_from_transport (dns, 30);
  g_autoptr(GError) m_tls = _sharokey_error_from_transport (tls, 30);
  g_autoptr(GError) m_parsing = _sharokey_error_from_transport (parsing, 30);

  g_assert_error (m_cancelled, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (m_timed_out, SHAROKEY_ERROR, SHAROKEY_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (m_timed_out->message, "7"));
  g_assert_error (m_refused, SHAROKEY_ERROR, SHAROKEY_ERROR_NETWORK);
  g_assert_nonnull (strstr (m_refused->message, "Connection refused"));
  g_assert_error (m_dns, SHAROKEY_ERROR, SHAROKEY_ERROR_NETWORK);
  g_assert_error (m_tls, SHAROKEY_ERROR, SHAROKEY_ERROR_NETWORK);
  g_assert_error (m_parsing, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL);
}

static JsonNode *
parse (const gchar *text)
{
  return json_from_string (text, NULL);
}

static JsonObject *
normalized_data (const gchar *text,
                 guint        expected_items,
                 JsonNode   **out_node)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = _sharokey_list_normalize (parse (text), &error);
  JsonObject *data;

  g_assert_no_error (error);
  g_assert_nonnull (node);
  data = json_object_get_object_member (json_node_get_object (node), "data");
  g_assert_nonnull (data);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (data, "items")), ==, expected_items);
  *out_node = node;
  return data;
}

static void
test_list_shapes (void)
{
  g_autoptr(JsonNode) a = NULL, b = NULL, c = NULL, d = NULL, e = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *data;

  /* A: data[] with pagination beside it */
  data = normalized_data ("{\"success\":true,\"message\":\"Secrets retrieved successfully\",\"data\":[{\"slug\":\"A1\"},{\"slug\":\"A2\"}],"
                          "\"pagination\":{\"current_page\":1,\"per_page\":50,\"total\":125,\"last_page\":3}}", 2, &a);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (data, "pagination"), "total"), ==, 125);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (a), "message"), ==,
                   "Secrets retrieved successfully");

  /* B: data.items + data.pagination, numbers as strings kept as sent */
  data = normalized_data ("{\"success\":true,\"data\":{\"items\":[{\"slug\":\"B1\",\"maximum_views\":\"3\"}],"
                          "\"pagination\":{\"total\":\"1\"}}}", 1, &b);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (data, "pagination"), "total"), ==, "1");

  /* C: data[] with the figures in meta */
  data = normalized_data ("{\"data\":[{\"slug\":\"C1\"}],\"meta\":{\"current_page\":1,\"per_page\":10,\"total\":1,\"last_page\":1}}", 1, &c);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (data, "pagination"), "per_page"), ==, 10);

  /* D: data.requests for secret requests */
  data = normalized_data ("{\"success\":true,\"data\":{\"requests\":[{\"token\":\"t1\"},{\"token\":\"t2\"},{\"token\":\"t3\"}]}}", 3, &d);
  g_assert_false (json_object_has_member (data, "pagination"));

  /* a meta without figures is not pagination */
  data = normalized_data ("{\"data\":[],\"meta\":{\"version\":\"v1\"}}", 0, &e);
  g_assert_false (json_object_has_member (data, "pagination"));

  g_assert_null (_sharokey_list_normalize (parse ("{\"success\":true,\"data\":{\"slug\":\"x\"}}"), &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_null (_sharokey_list_normalize (parse ("{\"success\":true}"), &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_properties (void)
{
  g_autoptr(SharokeyClient) client = sharokey_client_new ("tok-abc");
  g_autoptr(JsonNode) config = NULL;
  g_autofree gchar *text = NULL;
  g_autofree gchar *ua = NULL;
  guint notified = 0;
  JsonObject *object;

  g_assert_cmpstr (sharokey_client_get_token (client), ==, "tok-abc");
  g_assert_cmpstr (sharokey_client_get_api_url (client), ==, SHAROKEY_DEFAULT_API_URL);
  g_assert_cmpuint (sharokey_client_get_timeout (client), ==, SHAROKEY_DEFAULT_TIMEOUT);
  g_assert_cmpstr (sharokey_client_get_user_agent (client), ==, "libsharokey-glib/" PACKAGE_VERSION);

  g_signal_connect (client, "notify", G_CALLBACK (on_notify), &notified);
  sharokey_client_set_timeout (client, 5);
  sharokey_client_set_timeout (client, 5);            /* no change, no notify */
  sharokey_client_set_api_url (client, "http://127.0.0.1:9/api/v1");
  sharokey_client_set_user_agent (client, "tests/1");
  sharokey_client_set_token (client, "tok-def");
  g_assert_cmpuint (notified, ==, 4);
  g_object_get (client, "user-agent", &ua, NULL);
  g_assert_cmpstr (ua, ==, "tests/1");
  sharokey_client_set_api_url (client, NULL);
  g_assert_cmpstr (sharokey_client_get_api_url (client), ==, SHAROKEY_DEFAULT_API_URL);

  config = sharokey_client_get_config (client);
  object = json_node_get_object (config);
  g_assert_cmpstr (json_object_get_string_member (object, "api_url"), ==, SHAROKEY_DEFAULT_API_URL);
  g_assert_cmpint (json_object_get_int_member (object, "timeout"), ==, 5);
  g_assert_true (json_object_get_boolean_member (object, "has_token"));
  text = json_to_string (config, FALSE);
  g_assert_null (strstr (text, "tok-def"));

  sharokey_client_set_token (client, NULL);
  g_clear_pointer (&config, json_node_unref);
  config = sharokey_client_get_config (client);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (config), "has_token"));
}

static void
check_url (const gchar *url,
           gboolean     accepted)
{
  g_autoptr(SharokeyClient) client = sharokey_client_new ("tok");
  g_autoptr(GError) error = NULL;

  sharokey_client_set_api_url (client, url);
  g_assert_cmpint (_sharokey_client_check_ready (client, TRUE, &error), ==, accepted);
  if (!accepted)
    g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
}

static void
test_url_checks (void)
{
  check_url ("https://api.sharokey.com/api/v1", TRUE);
  check_url ("https://example.org:8443/api/v1/", TRUE);
  check_url ("http://127.0.0.1:8080/api/v1", TRUE);
  check_url ("http://127.1.2.3/api/v1", TRUE);
  check_url ("http://[::1]:8080/api/v1", TRUE);
  check_url ("http://localhost:8080/api/v1", TRUE);
  check_url ("HTTP://LOCALHOST/api/v1", TRUE);
  check_url ("http://api.sharokey.com/api/v1", FALSE);
  check_url ("http://10.0.0.1/api/v1", FALSE);
  check_url ("http://128.0.0.1/api/v1", FALSE);
  check_url ("http://localhost.example.com/api/v1", FALSE);
  check_url ("ftp://127.0.0.1/api/v1", FALSE);
  check_url ("not a url", FALSE);
}

/* Every check below fails before a connection is attempted: the API URL
 * points at a port nobody listens on, so reaching the network would give
 * SHAROKEY_ERROR_NETWORK instead. */
static void
test_fails_before_network (void)
{
  g_autoptr(SharokeyClient) client = sharokey_client_new (NULL);
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(SharokeyRequestOptions) request = sharokey_request_options_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  sharokey_client_set_api_url (client, "http://127.0.0.1:9/api/v1");

  node = sharokey_client_create_sync (client, "hello", 1, 1, NULL, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION);
  g_assert_cmpstr (error->message, ==, "Token is required");
  g_clear_error (&error);

  /* every call but health needs the token */
  for (guint i = 0; i < 10; i++)
    {
      switch (i)
        {
        case 0: node = sharokey_client_list_sync (client, 0, NULL, NULL, NULL, NULL, &error); break;
        case 1: node = sharokey_client_get_sync (client, "ABCDEFGH", NULL, &error); break;
        case 2: node = sharokey_client_delete_sync (client, "ABCDEFGH", NULL, &error); break;
        case 3: node = sharokey_client_stats_sync (client, NULL, &error); break;
        case 4: node = sharokey_client_create_request_sync (client, request, NULL, &error); break;
        case 5: node = sharokey_client_list_requests_sync (client, 5, "active", NULL, NULL, NULL, &error); break;
        case 6: node = sharokey_client_get_request_sync (client, "req-token", NULL, &error); break;
        case 7: node = sharokey_client_delete_request_sync (client, "req-token", NULL, &error); break;
        case 8: node = sharokey_client_request_stats_sync (client, NULL, &error); break;
        default:
          node = NULL;
          g_assert_false (sharokey_client_test_connection_sync (client, NULL, &error));
        }
      g_assert_null (node);
      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION);
      g_assert_cmpstr (error->message, ==, "Token is required");
      g_clear_error (&error);
    }

  sharokey_client_set_token (client, "tok");
  node = sharokey_client_create_sync (client, "hello", 0, 1, NULL, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);

  node = sharokey_client_create_sync (client, "", 1, 1, NULL, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);

  sharokey_secret_options_add_attachment (options, "/nonexistent/file.txt");
  node = sharokey_client_create_sync (client, "hello", 1, 1, options, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT);
  g_clear_error (&error);

  sharokey_request_options_set_maximum_views (request, 0);
  node = sharokey_client_create_request_sync (client, request, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);

  node = sharokey_client_get_sync (client, "", NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);

  node = sharokey_client_delete_request_sync (client, NULL, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);

  sharokey_client_set_api_url (client, "http://api.sharokey.com/api/v1");
  node = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);

  sharokey_client_set_api_url (client, "http://127.0.0.1:9/api/v1");
  sharokey_client_set_token (client, "tok\r\nX-Injected: 1");
  node = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_assert_null (strstr (error->message, "Injected"));
  g_clear_error (&error);

  /* health needs no token, but sends a set one: it is checked there too */
  node = sharokey_client_health_sync (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "message"), ==,
                   "The token contains spaces or control characters");
  json_node_unref (node);
}

/* --- new_from_environment --- */

static gchar *
make_config_home (const gchar *json,
                  gint         mode)
{
  g_autoptr(GError) error = NULL;
  gchar *home = g_dir_make_tmp ("sharokey-client-env-XXXXXX", &error);
  g_autofree gchar *dir = NULL, *file = NULL;

  g_assert_no_error (error);
  dir = g_build_filename (home, ".config", "sharokey", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  if (json != NULL)
    {
      file = g_build_filename (dir, "config.json", NULL);
      g_assert_true (g_file_set_contents (file, json, -1, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_chmod (file, mode), ==, 0);
    }
  return home;
}

static void
remove_home (const gchar *home)
{
  g_autofree gchar *file = g_build_filename (home, ".config", "sharokey", "config.json", NULL);
  g_autofree gchar *dir = g_build_filename (home, ".config", "sharokey", NULL);
  g_autofree gchar *config = g_build_filename (home, ".config", NULL);

  g_remove (file);
  g_rmdir (dir);
  g_rmdir (config);
  g_rmdir (home);
}

static void
clear_env (void)
{
  g_unsetenv ("SHAROKEY_TOKEN");
  g_unsetenv ("SHAROKEY_API_URL");
  g_unsetenv ("SHAROKEY_TIMEOUT");
  g_unsetenv ("XDG_CONFIG_HOME");
}

static void
test_environment_precedence (void)
{
  g_autofree gchar *home = make_config_home ("{\"token\":\"file-token\",\"api_url\":\"http://127.0.0.1:1111/api/v1\","
                                             "\"timeout\":\"12\"}", 0600);
  g_autoptr(SharokeyClient) from_file = NULL;
  g_autoptr(SharokeyClient) from_env = NULL;
  g_autoptr(SharokeyClient) partial = NULL;
  g_autoptr(GError) error = NULL;

  clear_env ();
  g_setenv ("HOME", home, TRUE);

  /* the file alone */
  from_file = sharokey_client_new_from_environment (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (sharokey_client_get_token (from_file), ==, "file-token");
  g_assert_cmpstr (sharokey_client_get_api_url (from_file), ==, "http://127.0.0.1:1111/api/v1");
  g_assert_cmpuint (sharokey_client_get_timeout (from_file), ==, 12);

  /* the environment wins over the file, setting by setting */
  g_setenv ("SHAROKEY_TOKEN", "env-token", TRUE);
  partial = sharokey_client_new_from_environment (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (sharokey_client_get_token (partial), ==, "env-token");
  g_assert_cmpstr (sharokey_client_get_api_url (partial), ==, "http://127.0.0.1:1111/api/v1");
  g_assert_cmpuint (sharokey_client_get_timeout (partial), ==, 12);

  g_setenv ("SHAROKEY_API_URL", "http://127.0.0.1:2222/api/v1", TRUE);
  g_setenv ("SHAROKEY_TIMEOUT", "3", TRUE);
  from_env = sharokey_client_new_from_environment (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (sharokey_client_get_token (from_env), ==, "env-token");
  g_assert_cmpstr (sharokey_client_get_api_url (from_env), ==, "http://127.0.0.1:2222/api/v1");
  g_assert_cmpuint (sharokey_client_get_timeout (from_env), ==, 3);

  clear_env ();
  remove_home (home);
}

static void
test_environment_xdg_and_defaults (void)
{
  g_autofree gchar *home = make_config_home (NULL, 0600);
  g_autofree gchar *xdg = make_config_home ("{\"token\":\"xdg-token\",\"timeout\":45}", 0600);
  g_autofree gchar *xdg_config = g_build_filename (xdg, ".config", NULL);
  g_autoptr(SharokeyClient) empty = NULL;
  g_autoptr(SharokeyClient) via_xdg = NULL;
  g_autoptr(GError) error = NULL;

  clear_env ();
  g_setenv ("HOME", home, TRUE);
  empty = sharokey_client_new_from_environment (&error);
  g_assert_no_error (error);
  g_assert_null (sharokey_client_get_token (empty));
  g_assert_cmpstr (sharokey_client_get_api_url (empty), ==, SHAROKEY_DEFAULT_API_URL);
  g_assert_cmpuint (sharokey_client_get_timeout (empty), ==, SHAROKEY_DEFAULT_TIMEOUT);

  g_setenv ("XDG_CONFIG_HOME", xdg_config, TRUE);
  via_xdg = sharokey_client_new_from_environment (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (sharokey_client_get_token (via_xdg), ==, "xdg-token");
  g_assert_cmpuint (sharokey_client_get_timeout (via_xdg), ==, 45);

  clear_env ();
  remove_home (home);
  remove_home (xdg);
}

static void
test_environment_errors (void)
{
  g_autofree gchar *home = make_config_home ("{\"token\": ", 0600);
  g_autofree gchar *good = make_config_home ("{\"token\":\"t\"}", 0600);
  g_autoptr(GError) error = NULL;
  SharokeyClient *client;

  clear_env ();
  g_setenv ("HOME", home, TRUE);
  client = sharokey_client_new_from_environment (&error);
  g_assert_null (client);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);

  g_setenv ("HOME", good, TRUE);
  g_setenv ("SHAROKEY_TIMEOUT", "soon", TRUE);
  client = sharokey_client_new_from_environment (&error);
  g_assert_null (client);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "SHAROKEY_TIMEOUT"));
  g_clear_error (&error);

  clear_env ();
  remove_home (home);
  remove_home (good);
}

static void
test_environment_permissions (void)
{
  g_autofree gchar *home = make_config_home ("{\"token\":\"shared-token\"}", 0644);
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(GError) error = NULL;

  clear_env ();
  g_setenv ("HOME", home, TRUE);
  g_test_expect_message ("Sharokey", G_LOG_LEVEL_WARNING, "*readable by other users*");
  client = sharokey_client_new_from_environment (&error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpstr (sharokey_client_get_token (client), ==, "shared-token");

  clear_env ();
  remove_home (home);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/units/error-mapping", test_error_mapping);
  g_test_add_func ("/client/units/transport-mapping", test_transport_mapping);
  g_test_add_func ("/client/units/list-shapes", test_list_shapes);
  g_test_add_func ("/client/units/properties", test_properties);
  g_test_add_func ("/client/units/url-checks", test_url_checks);
  g_test_add_func ("/client/units/fails-before-network", test_fails_before_network);
  g_test_add_func ("/client/units/environment/precedence", test_environment_precedence);
  g_test_add_func ("/client/units/environment/xdg-and-defaults", test_environment_xdg_and_defaults);
  g_test_add_func ("/client/units/environment/errors", test_environment_errors);
  g_test_add_func ("/client/units/environment/permissions", test_environment_permissions);

  return g_test_run ();
}
