/* server-requests.c: POST/GET /requests, GET/DELETE /requests/{token}, /requests-stats
 *
 * A request is a link (PUBLIC_URL/r/{token}) through which someone else
 * deposits a secret for the requester; see server-viewer.c for that page.
 * A request made with an `answer_public_key` is answered sealed to that
 * key: GET /requests/{token} hands the sealed answer to the requester,
 * DELETE erases it (docs/reference/security.md).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"
#include "server.h"

#define HOUR_USEC ((gint64) 3600 * G_USEC_PER_SEC)

/* The columns request_object() reads, in the order of R_*. */
#define REQUEST_COLUMNS \
  "id, token, message, description, secret_expiration_hours, request_expiration_hours," \
  " maximum_views, email_to, email_reply, locale, creator, request_expires_at, status," \
  " secret_slug, created_at, updated_at, answer_public_key, sealed_answer, answered_at"

enum {
  R_ID, R_TOKEN, R_MESSAGE, R_DESCRIPTION, R_SECRET_HOURS, R_REQUEST_HOURS,
  R_VIEWS, R_EMAIL_TO, R_EMAIL_REPLY, R_LOCALE, R_CREATOR, R_EXPIRES, R_STATUS,
  R_SECRET_SLUG, R_CREATED, R_UPDATED, R_PUBLIC_KEY, R_SEALED_ANSWER, R_ANSWERED
};

/* data.sealed_answer: the object the response page posted, as stored. */
static void
set_sealed_answer (JsonObject   *obj,
                   sqlite3_stmt *stmt)
{
  const gchar *text = (const gchar *) sqlite3_column_text (stmt, R_SEALED_ANSWER);
  g_autoptr(JsonNode) answer = text ? _sharokey_json_parse (text, strlen (text), NULL) : NULL;

  if (answer != NULL && JSON_NODE_HOLDS_OBJECT (answer))
    json_object_set_member (obj, "sealed_answer", g_steal_pointer (&answer));
  else
    json_object_set_null_member (obj, "sealed_answer");
}

/* @with_answer: a single request for its owner (lists leave the answer out). */
static JsonObject *
request_object (Server       *server,
                sqlite3_stmt *stmt,
                gboolean      with_answer)
{
  JsonObject *obj = json_object_new ();
  const gchar *token = (const gchar *) sqlite3_column_text (stmt, R_TOKEN);
  const gchar *secret_slug = (const gchar *) sqlite3_column_text (stmt, R_SECRET_SLUG);
  g_autofree gchar *url = g_strdup_printf ("%s/r/%s", server->public_url, token);
  gint64 created = sqlite3_column_int64 (stmt, R_CREATED);

  json_object_set_int_member (obj, "id", sqlite3_column_int64 (stmt, R_ID));
  json_object_set_string_member (obj, "token", token);
  server_json_set_column (obj, "message", stmt, R_MESSAGE);
  server_json_set_column (obj, "description", stmt, R_DESCRIPTION);
  json_object_set_int_member (obj, "secret_expiration_hours", sqlite3_column_int64 (stmt, R_SECRET_HOURS));
  json_object_set_int_member (obj, "request_expiration_hours", sqlite3_column_int64 (stmt, R_REQUEST_HOURS));
  json_object_set_int_member (obj, "maximum_views", sqlite3_column_int64 (stmt, R_VIEWS));
  server_json_set_column (obj, "email_to", stmt, R_EMAIL_TO);
  server_json_set_column (obj, "email_reply", stmt, R_EMAIL_REPLY);
  server_json_set_column (obj, "locale", stmt, R_LOCALE);
  server_json_set_column (obj, "creator", stmt, R_CREATOR);
  server_json_set_time (obj, "secret_expiration", created + sqlite3_column_int64 (stmt, R_SECRET_HOURS) * HOUR_USEC);
  server_json_set_time (obj, "request_expiration", sqlite3_column_int64 (stmt, R_EXPIRES));
  json_object_set_string_member (obj, "status", (const gchar *) sqlite3_column_text (stmt, R_STATUS));
  json_object_set_boolean_member (obj, "is_active",
                                  g_strcmp0 ((const gchar *) sqlite3_column_text (stmt, R_STATUS), "active") == 0);
  json_object_set_boolean_member (obj, "fulfilled",
                                  secret_slug != NULL || sqlite3_column_type (stmt, R_ANSWERED) != SQLITE_NULL);
  server_json_set_column (obj, "answer_public_key", stmt, R_PUBLIC_KEY);
  if (with_answer)
    set_sealed_answer (obj, stmt);
  server_json_set_column (obj, "secret_slug", stmt, R_SECRET_SLUG);
  if (secret_slug != NULL)
    {
      g_autofree gchar *access_url = g_strdup_printf ("%s/s/%s", server->public_url, secret_slug);
      json_object_set_string_member (obj, "secret_access_url", access_url);
    }
  else
    json_object_set_null_member (obj, "secret_access_url");
  json_object_set_string_member (obj, "url", url);
  server_json_set_time (obj, "created_at", created);
  server_json_set_time (obj, "updated_at", sqlite3_column_int64 (stmt, R_UPDATED));
  return obj;
}

/* data = the request's fields plus data.request (both readings in use). */
static JsonNode *
request_data (Server       *server,
              sqlite3_stmt *stmt)
{
  JsonObject *data = request_object (server, stmt, TRUE);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_object_member (data, "request", request_object (server, stmt, TRUE));
  json_node_take_object (node, data);
  return node;
}

static sqlite3_stmt *
lookup (Server        *server,
        ServerAccount *account,
        const gchar   *token)
{
  sqlite3_stmt *stmt = server_db_prepare (server,
      "SELECT " REQUEST_COLUMNS " FROM requests"
      " WHERE company = ?1 AND (token = ?2 OR (?3 > 0 AND id = ?3))");
  guint64 id = 0;

  sqlite3_bind_text (stmt, 1, account->company, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, token, -1, SQLITE_TRANSIENT);
  if (!g_ascii_string_to_unsigned (token, 10, 1, G_MAXINT64, &id, NULL))
    id = 0;
  sqlite3_bind_int64 (stmt, 3, (gint64) id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

/* An optional integer with a default; FALSE when it is not an integer. */
static gboolean
read_int (JsonObject   *body,
          const gchar  *field,
          gint64        fallback,
          gint64       *out,
          JsonObject   *details,
          const gchar **first)
{
  if (server_body_int (body, field, out, details, first))
    return TRUE;
  *out = fallback;
  return !json_object_has_member (details, field);
}

static gboolean
public_key_valid (const gchar *text)
{
  gsize len = 0;
  g_autofree guint8 *point = _sharokey_base64_decode (text, &len);

  return point != NULL && _sharokey_request_public_key_valid (point, len);
}

static void
check (JsonObject   *details,
       const gchar  *field,
       gboolean      ok,
       GError      **error,
       const gchar **first)
{
  /* @error is read after @ok was computed (the validator has run). */
  if (!ok && *error != NULL)
    server_add_detail (details, field, (*error)->message, first);
  g_clear_error (error);
}

void
server_requests_create (Server            *server,
                        SoupServerMessage *msg,
                        ServerAccount     *account,
                        JsonObject        *body)
{
  JsonObject *details = json_object_new ();
  const gchar *first = NULL;
  const gchar *message, *description, *email_to, *email_reply, *locale, *public_key;
  g_autofree gchar *token = NULL;
  gint64 secret_hours, request_hours, views, now = server_now (server);
  GError *error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (read_int (body, "secret_expiration_hours", 24, &secret_hours, details, &first))
    check (details, "secret_expiration_hours",
           _sharokey_validate_request_hours (secret_hours, TRUE, &error), &error, &first);
  if (read_int (body, "request_expiration_hours", 48, &request_hours, details, &first))
    check (details, "request_expiration_hours",
           _sharokey_validate_request_hours (request_hours, FALSE, &error), &error, &first);
  if (read_int (body, "maximum_views", 1, &views, details, &first))
    check (details, "maximum_views", _sharokey_validate_request_views (views, &error), &error, &first);
  message = server_body_string (body, "message", details, &first);
  check (details, "message", _sharokey_validate_text (message, _("Message"), &error), &error, &first);
  description = server_body_string (body, "description", details, &first);
  check (details, "description", _sharokey_validate_text (description, _("Description"), &error), &error, &first);
  email_to = server_body_string (body, "email_to", details, &first);
  check (details, "email_to",
         _sharokey_validate_email (email_to, &error, _("Email to must be a valid email address")),
         &error, &first);
  email_reply = server_body_string (body, "email_reply", details, &first);
  check (details, "email_reply",
         _sharokey_validate_email (email_reply, &error, _("Email reply must be a valid email address")),
         &error, &first);
  locale = server_body_string (body, "locale", details, &first);
  check (details, "locale", _sharokey_validate_locale (locale, &error), &error, &first);
  public_key = server_body_string (body, "answer_public_key", details, &first);
  if (public_key != NULL && !public_key_valid (public_key))
    server_add_detail (details, "answer_public_key",
                       _("The answer public key must be the base64 of an uncompressed P-256 point"),
                       &first);

  if (first != NULL)
    {
      server_reply_validation (msg, details, first);
      return;
    }
  json_object_unref (details);

  for (guint attempt = 0; ; attempt++)
    {
      g_free (token);
      token = server_random_string (24);
      stmt = server_db_prepare (server,
          "INSERT INTO requests (token, company, creator, message, description,"
          " secret_expiration_hours, request_expiration_hours, maximum_views, email_to,"
          " email_reply, locale, request_expires_at, created_at, updated_at, answer_public_key)"
          " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?13,?14)");
      sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, account->company, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, account->email, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, message, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, description, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 6, secret_hours);
      sqlite3_bind_int64 (stmt, 7, request_hours);
      sqlite3_bind_int64 (stmt, 8, views);
      sqlite3_bind_text (stmt, 9, email_to, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, email_reply, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 11, locale, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 12, now + request_hours * HOUR_USEC);
      sqlite3_bind_int64 (stmt, 13, now);
      sqlite3_bind_text (stmt, 14, public_key, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc == SQLITE_DONE)
        break;
      if (rc != SQLITE_CONSTRAINT || attempt > 5)
        {
          server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "SERVER_ERROR",
                              _("The request could not be stored"), NULL);
          return;
        }
    }

  g_message ("request %" G_GINT64_FORMAT " created by %s", (gint64) sqlite3_last_insert_rowid (server->db),
             account->email);
  if (email_to != NULL)
    g_message ("notification (not sent, local server): to %s: %s asks you for a secret at %s/r/%s",
               email_to, account->email, server->public_url, token);

  stmt = lookup (server, account, token);
  server_reply_data (msg, SOUP_STATUS_CREATED, _("Request created successfully"),
                     request_data (server, stmt));
  sqlite3_finalize (stmt);
}

void
server_requests_get (Server            *server,
                     SoupServerMessage *msg,
                     ServerAccount     *account,
                     const gchar       *token)
{
  sqlite3_stmt *stmt = lookup (server, account, token);

  if (stmt == NULL)
    {
      server_reply_not_found (msg, _("Request not found"));
      return;
    }
  server_reply_data (msg, SOUP_STATUS_OK, _("Request retrieved successfully"),
                     request_data (server, stmt));
  sqlite3_finalize (stmt);
}

void
server_requests_delete (Server            *server,
                        SoupServerMessage *msg,
                        ServerAccount     *account,
                        const gchar       *token)
{
  sqlite3_stmt *stmt = lookup (server, account, token);
  sqlite3_stmt *update;
  gint64 id;

  if (stmt == NULL)
    {
      server_reply_not_found (msg, _("Request not found"));
      return;
    }
  id = sqlite3_column_int64 (stmt, R_ID);
  sqlite3_finalize (stmt);
  /* A sealed answer goes with the request: the requester deletes it
   * once read, and nothing of it stays in the files. */
  update = server_db_prepare (server, "UPDATE requests SET status = 'expired', sealed_answer = NULL,"
                                      " updated_at = ? WHERE id = ?");
  sqlite3_bind_int64 (update, 1, server_now (server));
  sqlite3_bind_int64 (update, 2, id);
  sqlite3_step (update);
  sqlite3_finalize (update);
  server->wipe_pending = TRUE;

  stmt = lookup (server, account, token);
  server_reply_data (msg, SOUP_STATUS_OK, _("Request expired successfully"),
                     request_data (server, stmt));
  sqlite3_finalize (stmt);
}

static JsonNode *
request_row_json (Server       *server,
                  sqlite3_stmt *stmt)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, request_object (server, stmt, FALSE));
  return node;
}

void
server_requests_list (Server            *server,
                      SoupServerMessage *msg,
                      ServerAccount     *account,
                      GHashTable        *query)
{
  static const ServerListKind kind = {
    "requests", REQUEST_COLUMNS,
    "description LIKE ?4 ESCAPE '\\' OR message LIKE ?4 ESCAPE '\\'", request_row_json,
    N_("Requests retrieved successfully"),
  };

  server_list (server, msg, account, query, &kind);
}

static gint64
count (Server        *server,
       ServerAccount *account,
       const gchar   *condition)
{
  return server_db_count (server, "COUNT(*)", "requests", account->company, condition, 0);
}

void
server_requests_stats (Server            *server,
                       SoupServerMessage *msg,
                       ServerAccount     *account)
{
  JsonObject *data = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (data, "total_requests", count (server, account, "1"));
  json_object_set_int_member (data, "active_requests", count (server, account, "status = 'active'"));
  json_object_set_int_member (data, "expired_requests", count (server, account, "status != 'active'"));
  json_object_set_int_member (data, "fulfilled_requests", count (server, account,
                                                                    "secret_slug IS NOT NULL OR answered_at IS NOT NULL"));
  server_stats_add_created (server, data, "requests", account->company);
  json_node_take_object (node, data);
  server_reply_data (msg, SOUP_STATUS_OK, _("Requests statistics retrieved successfully"), node);
}
