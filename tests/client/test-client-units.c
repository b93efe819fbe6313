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
  g_autoptr(GError) other = g_error_new_literal (g_quark_from_static_string ("test-other-error"), 3,
                                                 "Strange failure");
  g_autoptr(GError) m_other = _sharokey_error_from_transport (other, 30);

  g_assert_error (m_cancelled, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (m_timed_out, SHAROKEY_ERROR, SHAROKEY_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (m_timed_out->message, "7"));
  /* below HTTP, errors keep their own domain, code and message */
  g_assert_error (m_refused, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpstr (m_refused->message, ==, "Connection refused");
  g_assert_error (m_dns, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
  g_assert_error (m_tls, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_error (m_parsing, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL);
  /* what has no better domain is a network error */
  g_assert_error (m_other, SHAROKEY_ERROR, SHAROKEY_ERROR_NETWORK);
  g_assert_nonnull (strstr (m_other->message, "Strange failure"));
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

/* --- typed results from the known answer shapes --- */

static SharokeyPage *
page_of (const gchar *text,
         gboolean     requests,
         guint        asked)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = _sharokey_list_normalize (parse (text), &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *data;
  JsonArray *array;

  g_assert_no_error (error);
  data = json_object_get_object_member (json_node_get_object (node), "data");
  array = json_object_get_array_member (data, "items");
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (items, requests
                     ? (gpointer) _sharokey_secret_request_new (json_array_get_element (array, i))
                     : (gpointer) _sharokey_secret_new (json_array_get_element (array, i), NULL));
  return _sharokey_page_new (requests ? SHAROKEY_TYPE_SECRET_REQUEST : SHAROKEY_TYPE_SECRET,
                             g_steal_pointer (&items), json_object_get_member (data, "pagination"), asked);
}

static void
test_typed_secret (void)
{
  g_autoptr(JsonNode) docs = parse ("{\"slug\":\"ABC123XY\",\"description\":\"d\",\"message\":\"m\","
                                    "\"creator\":\"u@example.com\",\"maximum_views\":3,\"current_views\":1,"
                                    "\"expiration\":\"2024-01-16T10:30:00.000000Z\",\"has_password\":true,"
                                    "\"captcha\":false,\"otp_type\":\"email\",\"ip_whitelist\":\"203.0.113.5\","
                                    "\"geolocation\":\"FR,US\",\"attachments_count\":2,\"status\":\"active\","
                                    "\"access_url\":\"https://app.sharokey.com/ABC123XY\","
                                    "\"created_at\":\"2024-01-15T10:30:00.000000Z\",\"extra\":7}");
  /* the other forms in use: numbers as strings, has_captcha, expires_at,
   * is_expired, remaining_views, attachments without a count */
  g_autoptr(JsonNode) other = parse ("{\"slug\":\"X\",\"maximum_views\":\"5\",\"remaining_views\":\"2\","
                                     "\"has_captcha\":1,\"expires_at\":\"2024-02-01T00:00:00\","
                                     "\"is_expired\":true,\"attachments\":[{\"name\":\"a\"},{\"name\":\"b\"}]}");
  g_autoptr(JsonNode) odd = parse ("{\"status\":\"archived\",\"maximum_views\":\"null\",\"expiration\":\"soon\"}");
  g_autoptr(SharokeySecret) secret = _sharokey_secret_new (docs, "https://app.sharokey.com/ABC123XY#key");
  g_autoptr(SharokeySecret) secret2 = _sharokey_secret_new (other, NULL);
  g_autoptr(SharokeySecret) secret3 = _sharokey_secret_new (odd, NULL);
  g_autoptr(GDateTime) expiration = NULL;
  g_autofree gchar *slug = NULL;
  SharokeySecretStatus status;

  g_assert_cmpstr (sharokey_secret_get_slug (secret), ==, "ABC123XY");
  g_assert_cmpstr (sharokey_secret_get_description (secret), ==, "d");
  g_assert_cmpstr (sharokey_secret_get_message (secret), ==, "m");
  g_assert_cmpstr (sharokey_secret_get_creator (secret), ==, "u@example.com");
  g_assert_cmpuint (sharokey_secret_get_maximum_views (secret), ==, 3);
  g_assert_cmpuint (sharokey_secret_get_current_views (secret), ==, 1);
  g_assert_cmpint (g_date_time_get_day_of_month (sharokey_secret_get_expiration (secret)), ==, 16);
  g_assert_cmpint (g_date_time_get_hour (sharokey_secret_get_expiration (secret)), ==, 10);
  g_assert_cmpint (g_date_time_get_utc_offset (sharokey_secret_get_expiration (secret)), ==, 0);
  g_assert_cmpint (g_date_time_get_day_of_month (sharokey_secret_get_created_at (secret)), ==, 15);
  g_assert_cmpint (sharokey_secret_get_status (secret), ==, SHAROKEY_SECRET_STATUS_ACTIVE);
  g_assert_true (sharokey_secret_get_has_password (secret));
  g_assert_false (sharokey_secret_get_captcha (secret));
  g_assert_cmpstr (sharokey_secret_get_otp_type (secret), ==, "email");
  g_assert_cmpstr (sharokey_secret_get_ip_whitelist (secret), ==, "203.0.113.5");
  g_assert_cmpstr (sharokey_secret_get_geolocation (secret), ==, "FR,US");
  g_assert_cmpuint (sharokey_secret_get_attachments_count (secret), ==, 2);
  g_assert_cmpstr (sharokey_secret_get_access_url (secret), ==, "https://app.sharokey.com/ABC123XY");
  g_assert_cmpstr (sharokey_secret_get_share_url (secret), ==, "https://app.sharokey.com/ABC123XY#key");
  /* the JSON is the server's, members unknown to the library included */
  g_assert_true (sharokey_secret_get_json (secret) == docs);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (sharokey_secret_get_json (secret)), "extra"), ==, 7);

  /* the same through GObject properties */
  g_object_get (secret, "slug", &slug, "status", &status, "expiration", &expiration, NULL);
  g_assert_cmpstr (slug, ==, "ABC123XY");
  g_assert_cmpint (status, ==, SHAROKEY_SECRET_STATUS_ACTIVE);
  g_assert_true (g_date_time_equal (expiration, sharokey_secret_get_expiration (secret)));

  g_assert_cmpuint (sharokey_secret_get_maximum_views (secret2), ==, 5);
  g_assert_cmpuint (sharokey_secret_get_current_views (secret2), ==, 3);
  g_assert_true (sharokey_secret_get_captcha (secret2));
  g_assert_cmpint (g_date_time_get_month (sharokey_secret_get_expiration (secret2)), ==, 2);
  g_assert_cmpint (sharokey_secret_get_status (secret2), ==, SHAROKEY_SECRET_STATUS_EXPIRED);
  g_assert_cmpuint (sharokey_secret_get_attachments_count (secret2), ==, 2);
  g_assert_null (sharokey_secret_get_share_url (secret2));
  g_assert_null (sharokey_secret_get_description (secret2));

  /* nothing is made up from what cannot be read */
  g_assert_cmpint (sharokey_secret_get_status (secret3), ==, SHAROKEY_SECRET_STATUS_UNKNOWN);
  g_assert_cmpuint (sharokey_secret_get_maximum_views (secret3), ==, 0);
  g_assert_null (sharokey_secret_get_expiration (secret3));
  g_assert_null (sharokey_secret_get_slug (secret3));
}

static void
test_typed_request (void)
{
  g_autoptr(JsonNode) waiting = parse ("{\"id\":12,\"token\":\"abc123token456\",\"status\":\"active\","
                                       "\"url\":\"https://x/r/abc\",\"maximum_views\":\"2\","
                                       "\"secret_expiration_hours\":24,\"request_expiration_hours\":48,"
                                       "\"request_expiration\":\"2024-01-17T10:30:00Z\",\"email_to\":\"a@b.co\","
                                       "\"email_reply\":\"me@b.co\",\"locale\":\"fr\",\"secret_slug\":null}");
  /* an answered request is closed by the server: still FULFILLED */
  g_autoptr(JsonNode) answered = parse ("{\"token\":\"t\",\"status\":\"expired\",\"fulfilled\":true,"
                                        "\"secret_slug\":\"SLUG1\"}");
  g_autoptr(JsonNode) by_slug = parse ("{\"token\":\"t\",\"status\":\"expired\",\"secret_slug\":\"SLUG2\"}");
  g_autoptr(JsonNode) unanswered = parse ("{\"token\":\"t\",\"status\":\"expired\",\"fulfilled\":false}");
  g_autoptr(JsonNode) dts = parse ("{\"token\":\"t\",\"is_active\":false,\"expires_at\":\"2024-03-01T00:00:00Z\"}");
  g_autoptr(SharokeySecretRequest) r1 = _sharokey_secret_request_new (waiting);
  g_autoptr(SharokeySecretRequest) r2 = _sharokey_secret_request_new (answered);
  g_autoptr(SharokeySecretRequest) r3 = _sharokey_secret_request_new (by_slug);
  g_autoptr(SharokeySecretRequest) r4 = _sharokey_secret_request_new (unanswered);
  g_autoptr(SharokeySecretRequest) r5 = _sharokey_secret_request_new (dts);

  g_assert_cmpuint (sharokey_secret_request_get_id (r1), ==, 12);
  g_assert_cmpstr (sharokey_secret_request_get_token (r1), ==, "abc123token456");
  g_assert_cmpstr (sharokey_secret_request_get_url (r1), ==, "https://x/r/abc");
  g_assert_cmpint (sharokey_secret_request_get_status (r1), ==, SHAROKEY_SECRET_REQUEST_STATUS_ACTIVE);
  g_assert_null (sharokey_secret_request_get_secret_slug (r1));
  g_assert_cmpuint (sharokey_secret_request_get_maximum_views (r1), ==, 2);
  g_assert_cmpuint (sharokey_secret_request_get_secret_expiration_hours (r1), ==, 24);
  g_assert_cmpuint (sharokey_secret_request_get_request_expiration_hours (r1), ==, 48);
  g_assert_cmpint (g_date_time_get_day_of_month (sharokey_secret_request_get_request_expiration (r1)), ==, 17);
  g_assert_cmpstr (sharokey_secret_request_get_email_to (r1), ==, "a@b.co");
  g_assert_cmpstr (sharokey_secret_request_get_email_reply (r1), ==, "me@b.co");
  g_assert_cmpstr (sharokey_secret_request_get_locale (r1), ==, "fr");
  g_assert_true (sharokey_secret_request_get_json (r1) == waiting);

  g_assert_cmpint (sharokey_secret_request_get_status (r2), ==, SHAROKEY_SECRET_REQUEST_STATUS_FULFILLED);
  g_assert_cmpstr (sharokey_secret_request_get_secret_slug (r2), ==, "SLUG1");
  g_assert_cmpint (sharokey_secret_request_get_status (r3), ==, SHAROKEY_SECRET_REQUEST_STATUS_FULFILLED);
  g_assert_cmpint (sharokey_secret_request_get_status (r4), ==, SHAROKEY_SECRET_REQUEST_STATUS_EXPIRED);
  g_assert_cmpint (sharokey_secret_request_get_status (r5), ==, SHAROKEY_SECRET_REQUEST_STATUS_EXPIRED);
  g_assert_cmpint (g_date_time_get_month (sharokey_secret_request_get_request_expiration (r5)), ==, 3);
}

static void
test_typed_stats (void)
{
  g_autoptr(JsonNode) secrets = parse ("{\"total_secrets\":1247,\"active_secrets\":89,\"expired_secrets\":1158,"
                                       "\"total_views\":\"5432\",\"secrets_with_password\":156,"
                                       "\"secrets_created_today\":12,\"secrets_created_this_week\":87,"
                                       "\"secrets_created_this_month\":234}");
  g_autoptr(JsonNode) requests = parse ("{\"total_requests\":9,\"active_requests\":4,\"fulfilled_requests\":3}");
  g_autoptr(SharokeyStats) stats = _sharokey_stats_new (secrets);
  g_autoptr(SharokeyRequestStats) request_stats = _sharokey_request_stats_new (requests);
  guint64 views = 0;

  g_assert_cmpuint (sharokey_stats_get_total_secrets (stats), ==, 1247);
  g_assert_cmpuint (sharokey_stats_get_active_secrets (stats), ==, 89);
  g_assert_cmpuint (sharokey_stats_get_expired_secrets (stats), ==, 1158);
  g_assert_cmpuint (sharokey_stats_get_total_views (stats), ==, 5432);
  g_assert_cmpuint (sharokey_stats_get_secrets_with_password (stats), ==, 156);
  g_assert_cmpuint (sharokey_stats_get_secrets_created_today (stats), ==, 12);
  g_assert_cmpuint (sharokey_stats_get_secrets_created_this_week (stats), ==, 87);
  g_assert_cmpuint (sharokey_stats_get_secrets_created_this_month (stats), ==, 234);
  g_object_get (stats, "total-views", &views, NULL);
  g_assert_cmpuint (views, ==, 5432);
  g_assert_true (sharokey_stats_get_json (stats) == secrets);

  g_assert_cmpuint (sharokey_request_stats_get_total_requests (request_stats), ==, 9);
  g_assert_cmpuint (sharokey_request_stats_get_active_requests (request_stats), ==, 4);
  g_assert_cmpuint (sharokey_request_stats_get_fulfilled_requests (request_stats), ==, 3);
  g_assert_cmpuint (sharokey_request_stats_get_expired_requests (request_stats), ==, 0);
}

static void
test_typed_pages (void)
{
  g_autoptr(SharokeyPage) a = page_of ("{\"success\":true,\"data\":[{\"slug\":\"A1\"},{\"slug\":\"A2\"}],"
                                       "\"pagination\":{\"current_page\":2,\"per_page\":50,\"total\":125,\"last_page\":3}}",
                                       FALSE, 2);
  g_autoptr(SharokeyPage) b = page_of ("{\"data\":{\"items\":[{\"slug\":\"B1\"}],\"pagination\":{\"total\":\"1\"}}}",
                                       FALSE, 1);
  g_autoptr(SharokeyPage) d = page_of ("{\"data\":{\"requests\":[{\"token\":\"t1\"},{\"token\":\"t2\"}]}}", TRUE, 1);
  g_autoptr(SharokeySecret) first = NULL;
  guint total = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (a)) == SHAROKEY_TYPE_SECRET);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (a)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (a), 0);
  g_assert_cmpstr (sharokey_secret_get_slug (first), ==, "A1");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (a), 2));
  g_assert_cmpuint (sharokey_page_get_total (a), ==, 125);
  g_assert_cmpuint (sharokey_page_get_page (a), ==, 2);
  g_assert_cmpuint (sharokey_page_get_per_page (a), ==, 50);
  g_assert_cmpuint (sharokey_page_get_last_page (a), ==, 3);
  g_object_get (a, "total", &total, NULL);
  g_assert_cmpuint (total, ==, 125);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (sharokey_page_get_json (a)), "last_page"), ==, 3);

  g_assert_cmpuint (sharokey_page_get_total (b), ==, 1);
  g_assert_cmpuint (sharokey_page_get_last_page (b), ==, 1);

  /* no pagination block: the page is the whole list */
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (d)) == SHAROKEY_TYPE_SECRET_REQUEST);
  g_assert_null (sharokey_page_get_json (d));
  g_assert_cmpuint (sharokey_page_get_total (d), ==, 2);
  g_assert_cmpuint (sharokey_page_get_last_page (d), ==, 1);
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
  g_autoptr(SharokeyClient) custom = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupSession) got_session = NULL;
  g_autofree gchar *ua = NULL;
  g_autofree gchar *token = NULL;
  g_autofree gchar *token_prop = NULL;
  guint notified = 0, has_token_notified = 0;
  gboolean has_token_prop = FALSE;

  token = sharokey_client_dup_token (client);
  g_assert_cmpstr (token, ==, "tok-abc");
  g_assert_cmpstr (sharokey_client_get_api_url (client), ==, SHAROKEY_DEFAULT_API_URL);
  g_assert_cmpuint (sharokey_client_get_timeout (client), ==, SHAROKEY_DEFAULT_TIMEOUT);
  g_assert_cmpstr (sharokey_client_get_user_agent (client), ==, "libsharokey-glib/" PACKAGE_VERSION);
  g_object_get (client, "session", &got_session, NULL);
  g_assert_null (got_session);

  /* the connection is set at construction */
  custom = g_object_new (SHAROKEY_TYPE_CLIENT, "api-url", "http://127.0.0.1:9/api/v1", "timeout", 5,
                         "user-agent", "tests/1", "session", session, NULL);
  g_object_get (custom, "user-agent", &ua, "session", &got_session, NULL);
  g_assert_cmpstr (ua, ==, "tests/1");
  g_assert_true (got_session == session);
  g_assert_cmpstr (sharokey_client_get_api_url (custom), ==, "http://127.0.0.1:9/api/v1");
  g_assert_cmpuint (sharokey_client_get_timeout (custom), ==, 5);
  g_assert_true (g_object_class_find_property (G_OBJECT_GET_CLASS (custom), "api-url")->flags &
                 G_PARAM_CONSTRUCT_ONLY);

  /* the token changes at runtime */
  g_assert_true (sharokey_client_get_has_token (client));
  g_signal_connect (client, "notify::token", G_CALLBACK (on_notify), &notified);
  g_signal_connect (client, "notify::has-token", G_CALLBACK (on_notify), &has_token_notified);
  sharokey_client_set_token (client, "tok-def");
  sharokey_client_set_token (client, "tok-def");     /* no change, no notify */
  g_assert_cmpuint (notified, ==, 1);
  /* still a token: has-token did not change */
  g_assert_cmpuint (has_token_notified, ==, 0);
  g_object_get (client, "token", &token_prop, "has-token", &has_token_prop, NULL);
  g_assert_cmpstr (token_prop, ==, "tok-def");
  g_assert_true (has_token_prop);

  /* has-token tells whether one is set, never what it is; empty is none */
  g_assert_true (g_object_class_find_property (G_OBJECT_GET_CLASS (client), "has-token")->value_type ==
                 G_TYPE_BOOLEAN);
  sharokey_client_set_token (client, NULL);
  g_assert_false (sharokey_client_get_has_token (client));
  g_assert_cmpuint (has_token_notified, ==, 1);
  sharokey_client_set_token (client, "");
  g_assert_false (sharokey_client_get_has_token (client));
  g_assert_cmpuint (has_token_notified, ==, 1);
  sharokey_client_set_token (client, "tok-ghi");
  g_assert_true (sharokey_client_get_has_token (client));
  g_assert_cmpuint (has_token_notified, ==, 2);
  g_assert_cmpuint (notified, ==, 4);
}

static void
check_url (const gchar *url,
           gboolean     accepted)
{
  g_autoptr(SharokeyClient) client = g_object_new (SHAROKEY_TYPE_CLIENT, "api-url", url, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) direct = NULL;

  g_assert_cmpint (_sharokey_client_check_ready (client, "tok", TRUE, &error), ==, accepted);
  g_assert_cmpint (sharokey_validate_api_url (url, &direct), ==, accepted);
  if (!accepted)
    {
      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
      g_assert_error (direct, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
    }
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
  check_url ("http://localhost.:8080/api/v1", TRUE);
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
  g_autoptr(SharokeyClient) client = g_object_new (SHAROKEY_TYPE_CLIENT,
                                                   "api-url", "http://127.0.0.1:9/api/v1", NULL);
  g_autoptr(SharokeyClient) plain_http = g_object_new (SHAROKEY_TYPE_CLIENT, "token", "tok",
                                                       "api-url", "http://api.sharokey.com/api/v1", NULL);
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(SharokeyRequestOptions) request = sharokey_request_options_new ();
  g_autoptr(GError) error = NULL;
  gpointer object;
  gboolean ok;

  object = sharokey_client_create_sync (client, "hello", 1, 1, NULL, NULL, NULL, NULL, &error);
  g_assert_null (object);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION);
  g_assert_cmpstr (error->message, ==, "Token is required");
  g_clear_error (&error);

  /* every call but health needs the token */
  for (guint i = 0; i < 10; i++)
    {
      object = NULL;
      ok = FALSE;
      switch (i)
        {
        case 0: object = sharokey_client_list_sync (client, 0, 0, NULL, NULL, NULL, NULL, &error); break;
        case 1: object = sharokey_client_get_sync (client, "ABCDEFGH", NULL, &error); break;
        case 2: ok = sharokey_client_delete_sync (client, "ABCDEFGH", NULL, &error); break;
        case 3: object = sharokey_client_stats_sync (client, NULL, &error); break;
        case 4: object = sharokey_client_create_request_sync (client, request, NULL, &error); break;
        case 5: object = sharokey_client_list_requests_sync (client, 5, 2, "active", NULL, NULL, NULL, &error); break;
        case 6: object = sharokey_client_get_request_sync (client, "req-token", NULL, &error); break;
        case 7: ok = sharokey_client_delete_request_sync (client, "req-token", NULL, &error); break;
        case 8: object = sharokey_client_request_stats_sync (client, NULL, &error); break;
        default: ok = sharokey_client_test_connection_sync (client, NULL, &error);
        }
      g_assert_null (object);
      g_assert_false (ok);
      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION);
      g_assert_cmpstr (error->message, ==, "Token is required");
      g_clear_error (&error);
    }

  sharokey_client_set_token (client, "tok");
  object = sharokey_client_create_sync (client, "hello", 0, 1, NULL, NULL, NULL, NULL, &error);
  g_assert_null (object);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);

  object = sharokey_client_create_sync (client, "", 1, 1, NULL, NULL, NULL, NULL, &error);
  g_assert_null (object);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);

  sharokey_secret_options_add_attachment (options, "/nonexistent/file.txt");
  object = sharokey_client_create_sync (client, "hello", 1, 1, options, NULL, NULL, NULL, &error);
  g_assert_null (object);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT);
  g_clear_error (&error);

  sharokey_request_options_set_maximum_views (request, 0);
  object = sharokey_client_create_request_sync (client, request, NULL, &error);
  g_assert_null (object);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);

  object = sharokey_client_get_sync (client, "", NULL, &error);
  g_assert_null (object);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);

  g_assert_false (sharokey_client_delete_request_sync (client, NULL, NULL, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);

  object = sharokey_client_stats_sync (plain_http, NULL, &error);
  g_assert_null (object);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);

  sharokey_client_set_token (client, "tok\r\nX-Injected: 1");
  object = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_null (object);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_assert_null (strstr (error->message, "Injected"));
  g_clear_error (&error);

  /* health needs no token, but sends a set one: it is checked there too */
  g_assert_false (sharokey_client_health_sync (client, NULL, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_assert_cmpstr (error->message, ==, "The token contains spaces or control characters");
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

/* The client's token, kept until the next call (tests only). */
static const gchar *
token_of (SharokeyClient *client)
{
  static gchar *last;

  g_free (last);
  last = sharokey_client_dup_token (client);
  return last;
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
  g_assert_cmpstr (token_of (from_file), ==, "file-token");
  g_assert_cmpstr (sharokey_client_get_api_url (from_file), ==, "http://127.0.0.1:1111/api/v1");
  g_assert_cmpuint (sharokey_client_get_timeout (from_file), ==, 12);

  /* the environment wins over the file, setting by setting */
  g_setenv ("SHAROKEY_TOKEN", "env-token", TRUE);
  partial = sharokey_client_new_from_environment (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (token_of (partial), ==, "env-token");
  g_assert_cmpstr (sharokey_client_get_api_url (partial), ==, "http://127.0.0.1:1111/api/v1");
  g_assert_cmpuint (sharokey_client_get_timeout (partial), ==, 12);

  g_setenv ("SHAROKEY_API_URL", "http://127.0.0.1:2222/api/v1", TRUE);
  g_setenv ("SHAROKEY_TIMEOUT", "3", TRUE);
  from_env = sharokey_client_new_from_environment (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (token_of (from_env), ==, "env-token");
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
  g_assert_null (token_of (empty));
  g_assert_cmpstr (sharokey_client_get_api_url (empty), ==, SHAROKEY_DEFAULT_API_URL);
  g_assert_cmpuint (sharokey_client_get_timeout (empty), ==, SHAROKEY_DEFAULT_TIMEOUT);

  g_setenv ("XDG_CONFIG_HOME", xdg_config, TRUE);
  via_xdg = sharokey_client_new_from_environment (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (token_of (via_xdg), ==, "xdg-token");
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
  g_assert_cmpstr (token_of (client), ==, "shared-token");

  clear_env ();
  remove_home (home);
}

/* The one resolver: each setting's value and where it came from. */
static void
test_config_sources (void)
{
  g_autofree gchar *home = make_config_home ("{\"token\":\"file-token\",\"timeout\":12}", 0644);
  g_autofree gchar *bad = make_config_home ("{\"api_url\":\"http://example.com/api/v1\",\"timeout\":\"x\"}", 0600);
  g_autoptr(SharokeyConfig) config = NULL;
  g_autoptr(SharokeyConfig) flags = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gchar *expected_path = NULL;

  clear_env ();
  g_setenv ("HOME", home, TRUE);
  g_setenv ("SHAROKEY_API_URL", "http://localhost.:8080/api/v1", TRUE);
  config = sharokey_config_resolve (NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sharokey_config_get_token (config), ==, "file-token");
  g_assert_cmpint (sharokey_config_get_token_source (config), ==, SHAROKEY_CONFIG_SOURCE_CONFIG_FILE);
  g_assert_cmpstr (sharokey_config_get_api_url (config), ==, "http://localhost.:8080/api/v1");
  g_assert_cmpint (sharokey_config_get_api_url_source (config), ==, SHAROKEY_CONFIG_SOURCE_ENVIRONMENT);
  g_assert_cmpuint (sharokey_config_get_timeout (config), ==, 12);
  g_assert_cmpint (sharokey_config_get_timeout_source (config), ==, SHAROKEY_CONFIG_SOURCE_CONFIG_FILE);
  expected_path = g_build_filename (home, ".config", "sharokey", "config.json", NULL);
  g_assert_cmpstr (sharokey_config_get_path (config), ==, expected_path);
  g_assert_true (sharokey_config_get_path_exposed (config));

  /* explicit values win; empty ones count as unset */
  flags = sharokey_config_resolve ("flag-token", "", "7", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sharokey_config_get_token (flags), ==, "flag-token");
  g_assert_cmpint (sharokey_config_get_token_source (flags), ==, SHAROKEY_CONFIG_SOURCE_COMMAND_LINE);
  g_assert_cmpint (sharokey_config_get_api_url_source (flags), ==, SHAROKEY_CONFIG_SOURCE_ENVIRONMENT);
  g_assert_cmpuint (sharokey_config_get_timeout (flags), ==, 7);
  g_assert_cmpint (sharokey_config_get_timeout_source (flags), ==, SHAROKEY_CONFIG_SOURCE_COMMAND_LINE);
  g_clear_object (&flags);
  g_unsetenv ("SHAROKEY_API_URL");
  flags = sharokey_config_resolve (NULL, NULL, NULL, &error);
  g_assert_cmpstr (sharokey_config_get_api_url (flags), ==, SHAROKEY_DEFAULT_API_URL);
  g_assert_cmpint (sharokey_config_get_api_url_source (flags), ==, SHAROKEY_CONFIG_SOURCE_DEFAULT);

  /* a bad value names the file that set it */
  g_setenv ("HOME", bad, TRUE);
  g_assert_null (sharokey_config_resolve (NULL, NULL, NULL, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_assert_true (g_str_has_suffix (error->message,
                                   "config.json: The API URL must use https (plain http only reaches this machine)"));
  g_clear_error (&error);
  g_assert_null (sharokey_config_resolve (NULL, "https://h.example/api/v1", NULL, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "config.json: Timeout must be"));

  clear_env ();
  remove_home (home);
  remove_home (bad);
}

/* The file as a program that edits it reads it: every member as written,
 * nothing when there is no file, the resolver's errors otherwise. */
static void
test_config_load_file (void)
{
  g_autofree gchar *home = make_config_home ("{\"token\":\"file-token\",\"timeout\":\"12\","
                                             "\"editor\":{\"theme\":\"dark\"}}", 0600);
  g_autofree gchar *empty = make_config_home (NULL, 0600);
  g_autofree gchar *deep_json = g_strnfill (100000, '[');
  g_autofree gchar *deep = make_config_home (deep_json, 0600);
  g_autofree gchar *list = make_config_home ("[1, 2]", 0600);
  g_autoptr(JsonObject) file = NULL;
  g_autoptr(JsonObject) none = NULL;
  g_autoptr(GError) error = NULL;
  const gchar *homes[] = { deep, list };

  clear_env ();
  g_setenv ("HOME", home, TRUE);
  file = sharokey_config_load_file (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (file, "token"), ==, "file-token");
  g_assert_cmpstr (json_object_get_string_member (file, "timeout"), ==, "12");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (file, "editor"),
                                                  "theme"), ==, "dark");

  g_setenv ("HOME", empty, TRUE);
  none = sharokey_config_load_file (&error);
  g_assert_no_error (error);
  g_assert_nonnull (none);
  g_assert_cmpuint (json_object_get_size (none), ==, 0);

  /* nested without end or not an object: as the resolver says it */
  for (gsize i = 0; i < G_N_ELEMENTS (homes); i++)
    {
      g_autoptr(JsonObject) refused = NULL;
      g_autoptr(SharokeyConfig) config = NULL;
      g_autoptr(GError) resolve_error = NULL;

      g_setenv ("HOME", homes[i], TRUE);
      refused = sharokey_config_load_file (&error);
      g_assert_null (refused);
      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
      g_assert_true (g_str_has_suffix (error->message, "is not a JSON object: fix it, or remove it "
                                                       "and run “sharokey config” again"));
      config = sharokey_config_resolve (NULL, NULL, NULL, &resolve_error);
      g_assert_null (config);
      g_assert_cmpstr (resolve_error->message, ==, error->message);
      g_clear_error (&error);
    }

  clear_env ();
  remove_home (home);
  remove_home (empty);
  remove_home (deep);
  remove_home (list);
}

/* What comes from outside is strict JSON: anything json-glib 1.6 would read
 * otherwise than the scan does (and partly leak: the memcheck runs catch
 * that) is malformed before it reaches json-glib. */
static void
test_json_strict (void)
{
  static const gchar *const malformed[] = {
    "1 [2]", "{} {}", "\"a\" {}", "/\"/\"\"{}", "{\"a\":1} // comment", "{/* c */\"a\":1}",
    "{'a':1}", "{\"a\":NaN}", "{\"a\":tru}", "[1,]x", "{\"a\":1}\f",
  };
  const gchar *strict = "{\"a\":[1,-2.5e+3,true,false,null,\"x/y//z /* c */\"],\r\n\t\"b\":{}}";
  g_autoptr(JsonNode) root = NULL;
  SharokeyJsonParseError reason;
  JsonArray *array;

  for (gsize i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      JsonNode *node = _sharokey_json_parse (malformed[i], strlen (malformed[i]), &reason);

      if (node != NULL)
        g_error ("accepted %s", malformed[i]);
      g_assert_cmpint (reason, ==, SHAROKEY_JSON_MALFORMED);
    }
  root = _sharokey_json_parse (strict, strlen (strict), &reason);
  g_assert_nonnull (root);
  g_assert_cmpint (reason, ==, SHAROKEY_JSON_OK);
  array = json_object_get_array_member (json_node_get_object (root), "a");
  g_assert_cmpuint (json_array_get_length (array), ==, 6);
  g_assert_cmpfloat (json_array_get_double_element (array, 1), ==, -2500.0);
  g_assert_cmpstr (json_array_get_string_element (array, 5), ==, "x/y//z /* c */");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/units/error-mapping", test_error_mapping);
  g_test_add_func ("/client/units/transport-mapping", test_transport_mapping);
  g_test_add_func ("/client/units/list-shapes", test_list_shapes);
  g_test_add_func ("/client/units/json-strict", test_json_strict);
  g_test_add_func ("/client/units/typed/secret", test_typed_secret);
  g_test_add_func ("/client/units/typed/request", test_typed_request);
  g_test_add_func ("/client/units/typed/stats", test_typed_stats);
  g_test_add_func ("/client/units/typed/pages", test_typed_pages);
  g_test_add_func ("/client/units/properties", test_properties);
  g_test_add_func ("/client/units/url-checks", test_url_checks);
  g_test_add_func ("/client/units/fails-before-network", test_fails_before_network);
  g_test_add_func ("/client/units/environment/precedence", test_environment_precedence);
  g_test_add_func ("/client/units/environment/xdg-and-defaults", test_environment_xdg_and_defaults);
  g_test_add_func ("/client/units/environment/errors", test_environment_errors);
  g_test_add_func ("/client/units/environment/permissions", test_environment_permissions);
  g_test_add_func ("/client/units/config/sources", test_config_sources);
  g_test_add_func ("/client/units/config/load-file", test_config_load_file);

  return g_test_run ();
}
