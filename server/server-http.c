/* server-http.c: routing, authentication, rate limiting and the envelopes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"
#include "server.h"

#define API_PREFIX "/api/v1"
#define BODY_LIMIT "sharokey-body-limit"
#define UPLOADER "sharokey-uploader"
/* Bodies over SERVER_MAX_SMALL_BODY in flight at once. */
#define MAX_UPLOADS_PER_ACCOUNT 4
#define MAX_UPLOADS_PER_REQUEST 2
#define BODY_SEEN "sharokey-body-seen"

gchar *
server_iso_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autofree gchar *base = NULL;

  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00.000000Z");
  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%06" G_GINT64_FORMAT "Z", base, usec % G_USEC_PER_SEC);
}

JsonNode *
server_meta (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree gchar *now = server_iso_time (g_get_real_time ());

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, "v1");
  json_builder_set_member_name (builder, "timestamp");
  json_builder_add_string_value (builder, now);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
set_common_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
}

void
server_reply_json (SoupServerMessage *msg,
                   guint              status,
                   JsonNode          *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize len = 0;
  gchar *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);
  json_node_unref (root);
  set_common_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, len);
}

void
server_reply_data (SoupServerMessage *msg,
                   guint              status,
                   const gchar       *message,
                   JsonNode          *data)
{
  JsonObject *root = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_boolean_member (root, "success", TRUE);
  if (message != NULL)
    json_object_set_string_member (root, "message", message);
  json_object_set_member (root, "data", data);
  json_object_set_member (root, "meta", server_meta ());
  json_node_take_object (node, root);
  server_reply_json (msg, status, node);
}

void
server_reply_error (SoupServerMessage *msg,
                    guint              status,
                    const gchar       *code,
                    const gchar       *message,
                    JsonObject        *details)
{
  JsonObject *root = json_object_new ();
  JsonObject *error = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree gchar *now = server_iso_time (g_get_real_time ());
  g_autofree gchar *rnd = server_random_string (16);
  g_autofree gchar *request_id = g_strconcat ("req_", rnd, NULL);

  json_object_set_boolean_member (root, "success", FALSE);
  json_object_set_string_member (root, "message", message);
  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "message", message);
  if (details != NULL)
    json_object_set_object_member (error, "details", details);
  json_object_set_object_member (root, "error", error);
  json_object_set_string_member (root, "timestamp", now);
  json_object_set_string_member (root, "request_id", request_id);
  json_node_take_object (node, root);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "X-Request-Id", request_id);
  server_reply_json (msg, status, node);
}

void
server_add_detail (JsonObject   *details,
                   const gchar  *field,
                   const gchar  *message,
                   const gchar **first)
{
  JsonArray *list;

  if (!json_object_has_member (details, field))
    json_object_set_array_member (details, field, json_array_new ());
  list = json_object_get_array_member (details, field);
  json_array_add_string_element (list, message);
  if (first != NULL && *first == NULL)
    *first = json_array_get_string_element (list, json_array_get_length (list) - 1);
}

void
server_reply_validation (SoupServerMessage *msg,
                         JsonObject        *details,
                         const gchar       *first_message)
{
  g_autofree gchar *message = g_strdup (first_message ? first_message : _("The given data was invalid"));

  server_reply_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "VALIDATION_ERROR", message, details);
}

void
server_reply_not_found (SoupServerMessage *msg,
                        const gchar       *message)
{
  server_reply_error (msg, SOUP_STATUS_NOT_FOUND, "NOT_FOUND",
                      message ? message : _("Not found"), NULL);
}

/* An optional string field: NULL when absent, JSON null or "" (the SDKs
 * send empty optional fields). Any other type is filed in @details
 * (nullable) and read as NULL. */
const gchar *
server_body_string (JsonObject   *body,
                    const gchar  *field,
                    JsonObject   *details,
                    const gchar **first)
{
  JsonNode *node = json_object_get_member (body, field);
  const gchar *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      if (details != NULL)
        {
          g_autofree gchar *message = g_strdup_printf (_("The %s field must be a string"), field);
          server_add_detail (details, field, message, first);
        }
      return NULL;
    }
  value = json_node_get_string (node);
  return value[0] != '\0' ? value : NULL;
}

static gboolean
is_decimal (const gchar *text)
{
  if (*text == '-')
    text++;
  if (!g_ascii_isdigit (*text))
    return FALSE;
  while (g_ascii_isdigit (*text))
    text++;
  return *text == '\0';
}

/* An optional integer field, sent as a number or a numeric string (some
 * SDKs send strings). Returns FALSE when it is absent or null, and when it
 * is not an integer, which is then filed in @details (nullable). */
gboolean
server_body_int (JsonObject   *body,
                 const gchar  *field,
                 gint64       *out,
                 JsonObject   *details,
                 const gchar **first)
{
  JsonNode *node = json_object_get_member (body, field);
  g_autofree gchar *message = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64)
        {
          *out = json_node_get_int (node);
          return TRUE;
        }
      if (type == G_TYPE_DOUBLE)
        {
          gdouble d = json_node_get_double (node);
          if (d >= (gdouble) G_MININT64 && d < (gdouble) G_MAXINT64 && d == (gdouble) (gint64) d)
            {
              *out = (gint64) d;
              return TRUE;
            }
        }
      /* Digits with an optional minus: GLib would also take "+5" and " 5". */
      if (type == G_TYPE_STRING &&
          is_decimal (json_node_get_string (node)) &&
          g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64, out, NULL))
        return TRUE;
    }
  if (details != NULL)
    {
      message = g_strdup_printf (_("The %s field must be an integer"), field);
      server_add_detail (details, field, message, first);
    }
  return FALSE;
}

/* A text column as a string member, SQL NULL as JSON null. */
void
server_json_set_column (JsonObject   *obj,
                        const gchar  *name,
                        sqlite3_stmt *stmt,
                        int           col)
{
  const gchar *value = (const gchar *) sqlite3_column_text (stmt, col);

  if (value != NULL)
    json_object_set_string_member (obj, name, value);
  else
    json_object_set_null_member (obj, name);
}

void
server_json_set_time (JsonObject  *obj,
                      const gchar *name,
                      gint64       usec)
{
  g_autofree gchar *text = server_iso_time (usec);

  json_object_set_string_member (obj, name, text);
}

/* --- rate limiting: fixed one-minute windows per key --- */

static void
reply_rate_limited (Server            *server,
                    SoupServerMessage *msg,
                    ServerRateWindow  *window,
                    guint              limit,
                    gint64             now)
{
  gint64 left = window->window_start + 60 * G_USEC_PER_SEC - now;
  gint64 seconds = MAX (1, (left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  g_autofree gchar *retry = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);
  JsonObject *details = json_object_new ();

  json_object_set_int_member (details, "retry_after", seconds);
  json_object_set_int_member (details, "limit", limit);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Retry-After", retry);
  server_reply_error (msg, 429, "RATE_LIMITED",
                      _("Rate limit exceeded. Please wait and try again."), details);
}

/* Counts one event under @kind:@key when @count is TRUE; replies 429 and
 * returns TRUE when @limit events already happened in this minute. */
gboolean
server_rate_exceeded (Server            *server,
                      SoupServerMessage *msg,
                      const gchar       *kind,
                      const gchar       *key,
                      guint              limit,
                      gboolean           count)
{
  g_autofree gchar *full_key = g_strconcat (kind, ":", key, NULL);
  ServerRateWindow *window = g_hash_table_lookup (server->rate, full_key);
  gint64 now = g_get_monotonic_time ();

  if (window == NULL || now - window->window_start >= 60 * G_USEC_PER_SEC)
    {
      if (window == NULL)
        {
          window = g_new0 (ServerRateWindow, 1);
          g_hash_table_insert (server->rate, g_steal_pointer (&full_key), window);
        }
      window->window_start = now;
      window->count = 0;
    }
  if (count)
    {
      window->count++;
      return FALSE;
    }
  if (window->count >= limit)
    {
      reply_rate_limited (server, msg, window, limit, now);
      return TRUE;
    }
  return FALSE;
}

/* Forgets windows older than a minute (called by the periodic sweep). */
void
server_rate_prune (Server *server)
{
  GHashTableIter iter;
  gpointer value;
  gint64 now = g_get_monotonic_time ();

  g_hash_table_iter_init (&iter, server->rate);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (now - ((ServerRateWindow *) value)->window_start >= 60 * G_USEC_PER_SEC)
      g_hash_table_iter_remove (&iter);
}

static gboolean
rate_limited (Server            *server,
              SoupServerMessage *msg,
              const gchar       *kind,
              const gchar       *key)
{
  if (server_rate_exceeded (server, msg, kind, key, server->rate_limit, FALSE))
    return TRUE;
  server_rate_exceeded (server, msg, kind, key, server->rate_limit, TRUE);
  return FALSE;
}

static const gchar *
client_address (SoupServerMessage *msg)
{
  const gchar *host = soup_server_message_get_remote_host (msg);
  return host ? host : "unknown";
}

/* The account of the request's bearer token, or NULL; sets @out_token to
 * the token when non-NULL. Counts nothing. */
static ServerAccount *
lookup_token_full (Server             *server,
                   SoupServerMessage  *msg,
                   const gchar       **out_token)
{
  const gchar *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                      "Authorization");
  const gchar *token;

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;
  token = header + 7;
  while (*token == ' ')
    token++;
  if (out_token != NULL)
    *out_token = token;
  return g_hash_table_lookup (server->tokens, token);
}

static ServerAccount *
lookup_token (Server            *server,
              SoupServerMessage *msg)
{
  return lookup_token_full (server, msg, NULL);
}

static ServerAccount *
authenticate (Server            *server,
              SoupServerMessage *msg)
{
  const gchar *token = NULL;
  ServerAccount *account = lookup_token_full (server, msg, &token);
  g_autofree gchar *key = NULL;

  if (account != NULL)
    key = g_strconcat ("token:", token, NULL);
  if (account == NULL)
    {
      /* Wrong tokens are limited per client address, so that tokens
       * cannot be guessed at the speed of the network. */
      if (rate_limited (server, msg, "auth-failure", client_address (msg)))
        return NULL;
      server_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "AUTHENTICATION_ERROR",
                          _("Token is invalid or expired"), NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer");
      return NULL;
    }
  if (rate_limited (server, msg, "request", key))
    return NULL;
  return account;
}

/* One path segment, non-empty, without further slashes. */
static gboolean
single_segment (const gchar *rest)
{
  return rest[0] != '\0' && strchr (rest, '/') == NULL && strlen (rest) <= 128;
}

/* --- before the body: the route and the token decide how much of it may
 * come, and a request refused on its headers alone is answered at once
 * (server-connections.c), without its body being read. --- */

static void
reply_too_large (SoupServerMessage *msg,
                 gsize              limit)
{
  g_autofree gchar *message =
    g_strdup_printf (_("The request body is larger than %d bytes"), (gint) limit);

  server_reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE", message, NULL);
}

static gboolean
request_is_open (Server      *server,
                 const gchar *token)
{
  sqlite3_stmt *stmt = server_db_prepare (server,
      "SELECT 1 FROM requests WHERE token = ? AND status = 'active' AND secret_slug IS NULL");
  gboolean open;

  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
  open = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return open;
}

/* The largest body the route of @msg takes, or 0 after replying 401 (or
 * 429) to a request that needs a token and has no valid one. Only a create
 * with a valid token, or the answer to an open request, may carry
 * attachments; @out_uploader then names who sends it. */
static gsize
body_limit (Server            *server,
            SoupServerMessage *msg,
            gchar            **out_uploader)
{
  const gchar *method = soup_server_message_get_method (msg);
  const gchar *path = g_uri_get_path (soup_server_message_get_uri (msg));
  gboolean is_post = g_strcmp0 (method, "POST") == 0;
  ServerAccount *account;

  if (!g_str_has_prefix (path, API_PREFIX "/"))
    return SERVER_MAX_PUBLIC_BODY;
  path += strlen (API_PREFIX);
  if (g_str_equal (path, "/health") || g_str_has_prefix (path, "/viewer/"))
    return SERVER_MAX_PUBLIC_BODY;
  if (g_str_has_prefix (path, "/respond/"))
    {
      const gchar *token = path + strlen ("/respond/");

      if (!is_post || !single_segment (token) || !request_is_open (server, token))
        return SERVER_MAX_PUBLIC_BODY;
      *out_uploader = g_strconcat ("request ", token, NULL);
      return SERVER_MAX_BODY;
    }
  account = lookup_token (server, msg);
  if (account == NULL)
    {
      authenticate (server, msg);
      return 0;
    }
  if (!is_post || !g_str_equal (path, "/secrets"))
    return SERVER_MAX_SMALL_BODY;
  *out_uploader = g_strconcat ("account ", account->email, " ", account->company, NULL);
  return SERVER_MAX_BODY;
}

/* --- large uploads in flight, per account or per request: each may hold
 * 15 MiB of memory until its body is in --- */

static void
upload_done (SoupServerMessage *msg,
             gpointer           user_data)
{
  Server *server = user_data;
  g_autofree gchar *uploader = g_object_steal_data (G_OBJECT (msg), UPLOADER);
  guint n;

  if (uploader == NULL)
    return;
  n = GPOINTER_TO_UINT (g_hash_table_lookup (server->uploads, uploader));
  if (n <= 1)
    g_hash_table_remove (server->uploads, uploader);
  else
    g_hash_table_insert (server->uploads, g_strdup (uploader), GUINT_TO_POINTER (n - 1));
}

/* Counts one more upload of @uploader until @msg is answered or its
 * connection closes; FALSE when @max are already in flight. */
static gboolean
upload_start (Server            *server,
              SoupServerMessage *msg,
              const gchar       *uploader,
              guint              max)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (server->uploads, uploader));

  if (n >= max)
    return FALSE;
  g_hash_table_insert (server->uploads, g_strdup (uploader), GUINT_TO_POINTER (n + 1));
  g_object_set_data_full (G_OBJECT (msg), UPLOADER, g_strdup (uploader), g_free);
  g_signal_connect (msg, "finished", G_CALLBACK (upload_done), server);
  g_signal_connect (msg, "disconnected", G_CALLBACK (upload_done), server);
  return TRUE;
}

static void
got_headers (SoupServerMessage *msg,
             gpointer           user_data)
{
  Server *server = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree gchar *uploader = NULL;
  gboolean chunked = soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH;
  goffset length = soup_message_headers_get_content_length (headers);
  gsize limit;

  server_connection_got_headers (server, msg);
  if (g_object_get_data (G_OBJECT (msg), SERVER_OVER_CAPACITY))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "1");
      server_reply_error (msg, 429, "RATE_LIMITED",
                          _("Too many connections from your address; try again later"), NULL);
      server_connection_reject (server, msg);
      return;
    }
  limit = body_limit (server, msg, &uploader);
  g_object_set_data (G_OBJECT (msg), BODY_LIMIT, GSIZE_TO_POINTER (limit));
  if (limit == 0)
    {
      server_connection_reject (server, msg);
      return;
    }
  if (!chunked && length > (goffset) limit)
    {
      reply_too_large (msg, limit);
      server_connection_reject (server, msg);
      return;
    }
  if (uploader != NULL && (chunked || length > SERVER_MAX_SMALL_BODY))
    {
      if (!upload_start (server, msg, uploader,
                         g_str_has_prefix (uploader, "request ") ? MAX_UPLOADS_PER_REQUEST
                                                                 : MAX_UPLOADS_PER_ACCOUNT))
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Retry-After", "5");
          server_reply_error (msg, 429, "RATE_LIMITED",
                              _("Too many uploads in progress; try again later"), NULL);
          server_connection_reject (server, msg);
          return;
        }
      server_body_collect (msg, chunked ? 0 : length);
    }
}

/* A chunked body has no announced length: counted as it comes. A large
 * body is collected here. */
static void
got_chunk (SoupServerMessage *msg,
           GBytes            *chunk,
           gpointer           user_data)
{
  gsize seen = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), BODY_SEEN));
  gsize limit = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), BODY_LIMIT));

  if (seen > limit)
    return;  /* already refused */
  seen += g_bytes_get_size (chunk);
  g_object_set_data (G_OBJECT (msg), BODY_SEEN, GSIZE_TO_POINTER (seen));
  if (seen > limit)
    {
      reply_too_large (msg, limit);
      server_connection_reject (user_data, msg);
      return;
    }
  server_body_collect_chunk (msg, chunk);
}

static void
got_body (SoupServerMessage *msg,
          gpointer           user_data)
{
  server_connection_got_body (user_data, msg);
}

static void
request_started (SoupServer        *soup,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  server_connection_started (user_data, msg);
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers), user_data);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk), user_data);
  g_signal_connect (msg, "got-body", G_CALLBACK (got_body), user_data);
}

static gboolean
has_scope (Server            *server,
           SoupServerMessage *msg,
           ServerAccount     *account,
           const gchar       *scope)
{
  JsonObject *details;

  if (account->scopes == NULL || g_strv_contains ((const gchar * const *) account->scopes, scope))
    return TRUE;
  details = json_object_new ();
  server_add_detail (details, "required_scope", scope, NULL);
  server_reply_error (msg, SOUP_STATUS_FORBIDDEN, "PERMISSION_DENIED",
                      _("Insufficient permissions for this operation"), details);
  return FALSE;
}

static void
method_not_allowed (SoupServerMessage *msg)
{
  server_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                      _("Method not allowed"), NULL);
}

static void
reply_health (SoupServerMessage *msg)
{
  JsonObject *root = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree gchar *now = server_iso_time (g_get_real_time ());

  json_object_set_boolean_member (root, "success", TRUE);
  json_object_set_string_member (root, "status", "ok");
  json_object_set_string_member (root, "version", PACKAGE_VERSION);
  json_object_set_string_member (root, "timestamp", now);
  json_node_take_object (node, root);
  server_reply_json (msg, SOUP_STATUS_OK, node);
}

static void
route_api (Server            *server,
           SoupServerMessage *msg,
           const gchar       *method,
           const gchar       *path,
           GHashTable        *query)
{
  ServerAccount *account;
  gboolean is_get = g_str_equal (method, "GET");
  gboolean is_post = g_str_equal (method, "POST");
  gboolean is_delete = g_str_equal (method, "DELETE");
  const gchar *rest;

  if (g_str_equal (path, "/health"))
    {
      if (is_get)
        reply_health (msg);
      else
        method_not_allowed (msg);
      return;
    }
  if (g_str_has_prefix (path, "/viewer/"))
    {
      if (!rate_limited (server, msg, "request", client_address (msg)))
        server_viewer_route (server, msg, path + strlen ("/viewer/"));
      return;
    }
  if (g_str_has_prefix (path, "/respond/"))
    {
      if (!rate_limited (server, msg, "request", client_address (msg)))
        server_respond_route (server, msg, path + strlen ("/respond/"));
      return;
    }

  account = authenticate (server, msg);
  if (account == NULL)
    return;

  if (g_str_equal (path, "/secrets"))
    {
      if (is_post && has_scope (server, msg, account, "secrets:create"))
        {
          g_autoptr(JsonObject) body = server_parse_body (msg);
          if (body != NULL)
            server_secrets_create (server, msg, account, body, 0);
        }
      else if (is_get && has_scope (server, msg, account, "secrets:read"))
        server_secrets_list (server, msg, account, query);
      else if (!is_post && !is_get)
        method_not_allowed (msg);
    }
  else if (g_str_has_prefix (path, "/secrets/") &&
           single_segment (rest = path + strlen ("/secrets/")))
    {
      if (is_get && has_scope (server, msg, account, "secrets:read"))
        server_secrets_get (server, msg, account, rest);
      else if (is_delete && has_scope (server, msg, account, "secrets:delete"))
        server_secrets_delete (server, msg, account, rest);
      else if (!is_get && !is_delete)
        method_not_allowed (msg);
    }
  else if (g_str_equal (path, "/secrets-stats"))
    {
      if (is_get && has_scope (server, msg, account, "stats:read"))
        server_secrets_stats (server, msg, account);
      else if (!is_get)
        method_not_allowed (msg);
    }
  else if (g_str_equal (path, "/requests"))
    {
      if (is_post && has_scope (server, msg, account, "requests:create"))
        {
          g_autoptr(JsonObject) body = server_parse_body (msg);
          if (body != NULL)
            server_requests_create (server, msg, account, body);
        }
      else if (is_get && has_scope (server, msg, account, "requests:read"))
        server_requests_list (server, msg, account, query);
      else if (!is_post && !is_get)
        method_not_allowed (msg);
    }
  else if (g_str_has_prefix (path, "/requests/") &&
           single_segment (rest = path + strlen ("/requests/")))
    {
      if (is_get && has_scope (server, msg, account, "requests:read"))
        server_requests_get (server, msg, account, rest);
      else if (is_delete && has_scope (server, msg, account, "requests:delete"))
        server_requests_delete (server, msg, account, rest);
      else if (!is_get && !is_delete)
        method_not_allowed (msg);
    }
  else if (g_str_equal (path, "/requests-stats"))
    {
      if (is_get && has_scope (server, msg, account, "stats:read"))
        server_requests_stats (server, msg, account);
      else if (!is_get)
        method_not_allowed (msg);
    }
  else
    server_reply_not_found (msg, NULL);
}

static void
handle (SoupServer        *soup,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Server *server = user_data;
  const gchar *method = soup_server_message_get_method (msg);

  server_db_expire_if_due (server);

  if (g_str_equal (path, "/health"))
    route_api (server, msg, method, "/health", query);
  else if (g_str_has_prefix (path, API_PREFIX "/"))
    route_api (server, msg, method, path + strlen (API_PREFIX), query);
  else if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))
    {
      if (!server_assets_route (server, msg, path))
        server_reply_not_found (msg, NULL);
      else
        set_common_headers (msg);
    }
  else
    method_not_allowed (msg);
  /* Every statement of the route is finalized: the log can be emptied
   * before the answer leaves. */
  server_db_purge_destroyed (server);
  server_commit_answer (server, msg);
}

void
server_http_setup (Server *server)
{
  g_signal_connect (server->soup, "request-started", G_CALLBACK (request_started), server);
  soup_server_add_handler (server->soup, NULL, handle, server, NULL);
}
