/* server-secrets.c: POST/GET /secrets, GET/DELETE /secrets/{slug}, /secrets-stats
 *
 * The server never trusts a client: every field is checked with the same
 * limits the library enforces, reusing its validators.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"
#include "server.h"

#define MAX_CONTENT_BYTES (255 * 4)
#define HOUR_USEC ((gint64) 3600 * G_USEC_PER_SEC)

/* --- field readers: each records its own error in @details --- */

typedef struct {
  JsonObject  *body;
  JsonObject  *details;
  const gchar *first;
} Checker;

static void
bad (Checker     *c,
     const gchar *field,
     const gchar *message)
{
  server_add_detail (c->details, field, message, &c->first);
}

static const gchar *
opt_string (Checker     *c,
            const gchar *field)
{
  return server_body_string (c->body, field, c->details, &c->first);
}

static gboolean
opt_int (Checker     *c,
         const gchar *field,
         gint64      *out)
{
  return server_body_int (c->body, field, out, c->details, &c->first);
}

/* Runs one of the library's validators (written with &check_error) and
 * files its message under @field. */
#define CHECK(c, field, call) \
  G_STMT_START { \
    g_autoptr(GError) check_error = NULL; \
    if (!(call)) \
      bad ((c), (field), check_error ? check_error->message : _("Invalid value")); \
  } G_STMT_END

static gsize
b64_decoded_len (Checker     *c,
                 const gchar *field,
                 const gchar *value)
{
  gsize len = 0;
  g_autofree gchar *message = NULL;

  /* Checked, not decoded: only the size matters here. */
  if (value != NULL && _sharokey_base64_check (value, strlen (value), &len))
    return len;
  message = g_strdup_printf (_("The %s field must be valid base64"), field);
  bad (c, field, message);
  return 0;
}

static gboolean
is_key_a (const gchar *key)
{
  if (key == NULL || strlen (key) != SHAROKEY_KEY_A_LENGTH)
    return FALSE;
  for (const gchar *p = key; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

static void
check_attachments (Checker *c)
{
  JsonNode *node = json_object_get_member (c->body, "attachments");
  JsonArray *list;
  gint64 total = 0, declared;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      /* A size announced for files that are not there. */
      if (opt_int (c, "attachments_total_size", &declared))
        bad (c, "attachments_total_size", _("The attachments_total_size field needs attachments"));
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      bad (c, "attachments", _("The attachments field must be an array"));
      return;
    }
  list = json_node_get_array (node);
  n = json_array_get_length (list);
  if (n > SERVER_MAX_ATTACHMENTS)
    {
      g_autofree gchar *message =
        g_strdup_printf (_("Too many attachments. Maximum 10 files allowed, got %u"), n);
      bad (c, "attachments", message);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (list, i);
      g_autofree gchar *field = g_strdup_printf ("attachments.%u", i);
      JsonObject *obj;
      const gchar *name, *data;
      gsize len = 0;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          bad (c, field, _("Each attachment must be an object with name and data"));
          continue;
        }
      obj = json_node_get_object (item);
      /* Not json_object_get_string_member_with_default(): it is critical
       * about members that are arrays or objects. */
      name = server_body_string (obj, "name", NULL, NULL);
      data = server_body_string (obj, "data", NULL, NULL);
      if (name == NULL || name[0] == '\0' || !g_utf8_validate (name, -1, NULL) ||
          g_utf8_strlen (name, -1) > 255 || strchr (name, '/') != NULL ||
          _sharokey_text_has_hidden_controls (name, FALSE))
        {
          g_autofree gchar *f = g_strconcat (field, ".name", NULL);
          bad (c, f, _("Each attachment needs a file name of 1 to 255 characters without '/' or control characters"));
        }
      if (data == NULL)
        {
          g_autofree gchar *f = g_strconcat (field, ".data", NULL);
          bad (c, f, _("Each attachment needs its encrypted data"));
          continue;
        }
      {
        g_autofree gchar *f = g_strconcat (field, ".data", NULL);
        len = b64_decoded_len (c, f, data);
        if (len > 0 && len < SHAROKEY_TAG_LENGTH)
          bad (c, f, _("The attachment data is too short to hold an authentication tag"));
        if (len >= SHAROKEY_TAG_LENGTH)
          total += (gint64) (len - SHAROKEY_TAG_LENGTH);
      }
    }
  if (total > SERVER_MAX_ATTACHMENTS_SIZE)
    {
      g_autofree gchar *message =
        g_strdup_printf (_("Total attachments size too large: %.1fMB. Maximum 10MB allowed"),
                         total / (1024.0 * 1024.0));
      bad (c, "attachments", message);
    }
  if (opt_int (c, "attachments_total_size", &declared) &&
      (declared < 0 || declared > SERVER_MAX_ATTACHMENTS_SIZE))
    bad (c, "attachments_total_size", _("Total attachments size too large. Maximum 10MB allowed"));
}

static void
check_protections (Checker *c)
{
  const gchar *otp_type = opt_string (c, "otp_type");
  const gchar *otp_receiver = opt_string (c, "otp_receiver");
  const gchar *otp_email = opt_string (c, "otp_email");
  const gchar *otp_phone = opt_string (c, "otp_phone");

  CHECK (c, "password", _sharokey_validate_password (opt_string (c, "password"), &check_error));

  if (otp_email != NULL && otp_phone != NULL)
    bad (c, "otp_email", _("Cannot use both otp_email and otp_phone simultaneously"));
  if (otp_type != NULL)
    {
      if (g_str_equal (otp_type, "email"))
        CHECK (c, "otp_receiver", _sharokey_validate_otp_email (otp_receiver, &check_error));
      else if (g_str_equal (otp_type, "phone"))
        CHECK (c, "otp_receiver", _sharokey_validate_otp_phone (otp_receiver, &check_error));
      else
        bad (c, "otp_type", _("The otp_type field must be email or phone"));
      if (otp_receiver == NULL)
        bad (c, "otp_receiver", _("The otp_receiver field is required with otp_type"));
    }
  else if (otp_receiver != NULL)
    bad (c, "otp_type", _("The otp_type field is required with otp_receiver"));
  CHECK (c, "otp_email", _sharokey_validate_otp_email (otp_email, &check_error));
  CHECK (c, "otp_phone", _sharokey_validate_otp_phone (otp_phone, &check_error));
  CHECK (c, "ip_whitelist", _sharokey_validate_ip_whitelist (opt_string (c, "ip_whitelist"), &check_error));
  CHECK (c, "geolocation", _sharokey_validate_geolocation (opt_string (c, "geolocation"), &check_error));
}

gboolean
server_secrets_validate (Server            *server,
                         SoupServerMessage *msg,
                         JsonObject        *body,
                         gboolean           from_request)
{
  Checker c = { body, json_object_new (), NULL };
  const gchar *content, *iv, *salt, *key;
  gint64 value;
  gsize len;

  content = opt_string (&c, "content");
  if (content == NULL)
    {
      if (!json_object_has_member (c.details, "content"))
        bad (&c, "content", _("Content is required"));
    }
  else if ((len = b64_decoded_len (&c, "content", content)) > 0 &&
           (len <= SHAROKEY_TAG_LENGTH || len > MAX_CONTENT_BYTES + SHAROKEY_TAG_LENGTH))
    bad (&c, "content", _("Content must be 255 characters or less"));

  iv = opt_string (&c, "iv");
  if (iv == NULL || b64_decoded_len (&c, "iv", iv) != SHAROKEY_IV_LENGTH)
    if (!json_object_has_member (c.details, "iv"))
      bad (&c, "iv", _("The iv field must be the base64 of 12 bytes"));
  salt = opt_string (&c, "salt");
  if (salt == NULL || b64_decoded_len (&c, "salt", salt) != SHAROKEY_SALT_LENGTH)
    if (!json_object_has_member (c.details, "salt"))
      bad (&c, "salt", _("The salt field must be the base64 of 16 bytes"));
  key = opt_string (&c, "key");
  if (!is_key_a (key) && !json_object_has_member (c.details, "key"))
    bad (&c, "key", _("The key field must be 8 letters or digits"));

  if (!from_request)
    {
      if (opt_int (&c, "maximum_views", &value))
        CHECK (&c, "maximum_views", _sharokey_validate_views (value, &check_error));
      else if (!json_object_has_member (c.details, "maximum_views"))
        bad (&c, "maximum_views", _("Views must be between 1 and 1000"));
      if (opt_int (&c, "expiration_hours", &value))
        CHECK (&c, "expiration_hours", _sharokey_validate_hours (value, &check_error));
      else if (!json_object_has_member (c.details, "expiration_hours"))
        bad (&c, "expiration_hours", _("Hours must be between 1 and 8760"));
    }

  CHECK (&c, "description", _sharokey_validate_text (opt_string (&c, "description"), _("Description"), &check_error));
  CHECK (&c, "message", _sharokey_validate_text (opt_string (&c, "message"), _("Message"), &check_error));
  check_protections (&c);
  check_attachments (&c);

  if (c.first != NULL)
    {
      server_reply_validation (msg, c.details, c.first);
      return FALSE;
    }
  json_object_unref (c.details);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const gchar  *value)
{
  if (value != NULL && value[0] != '\0')
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* A field of an already validated body. */
static const gchar *
body_string (JsonObject  *body,
             const gchar *field)
{
  return server_body_string (body, field, NULL, NULL);
}

/* Inserts a validated body; only the strongest protection is kept, as the
 * library would have sent it. A @request_id > 0 is the request this
 * secret answers: it is closed at the same time. */
gboolean
server_secrets_insert (Server       *server,
                       JsonObject   *body,
                       const gchar  *company,
                       const gchar  *creator,
                       gint64        request_id,
                       gint64        views,
                       gint64        hours,
                       gchar       **out_slug)
{
  g_autofree gchar *slug = NULL;
  g_autofree gchar *password_hash = NULL;
  g_autoptr(JsonArray) names = json_array_new ();
  g_autoptr(JsonNode) names_node = json_node_new (JSON_NODE_ARRAY);
  g_autofree gchar *names_text = NULL;
  const gchar *otp_type = body_string (body, "otp_type");
  const gchar *otp_receiver = body_string (body, "otp_receiver");
  const gchar *password = body_string (body, "password");
  JsonNode *attachments_node = json_object_get_member (body, "attachments");
  JsonArray *attachments = attachments_node && JSON_NODE_HOLDS_ARRAY (attachments_node)
                           ? json_node_get_array (attachments_node) : NULL;
  guint n_attachments = attachments ? json_array_get_length (attachments) : 0;
  gboolean captcha = FALSE;
  gint64 now = server_now (server), total = 0, secret_id;
  sqlite3_stmt *stmt;
  int rc;

  if (otp_type == NULL && body_string (body, "otp_phone") != NULL)
    {
      otp_type = "phone";
      otp_receiver = body_string (body, "otp_phone");
    }
  else if (otp_type == NULL && body_string (body, "otp_email") != NULL)
    {
      otp_type = "email";
      otp_receiver = body_string (body, "otp_email");
    }
  if (otp_type != NULL)
    password = NULL;
  else if (password == NULL)
    {
      JsonNode *node = json_object_get_member (body, "captcha");
      captcha = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                ((json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node)) ||
                 (json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) != 0) ||
                 (json_node_get_value_type (node) == G_TYPE_STRING &&
                  (g_str_equal (json_node_get_string (node), "true") || g_str_equal (json_node_get_string (node), "1"))));
    }
  if (password != NULL)
    password_hash = server_password_hash (password);

  for (guint i = 0; i < n_attachments; i++)
    {
      JsonObject *obj = json_array_get_object_element (attachments, i);
      /* Checked as base64 already: its size is enough here. */
      gsize len = _sharokey_base64_decoded_size (json_object_get_string_member (obj, "data"));

      json_array_add_string_element (names, json_object_get_string_member (obj, "name"));
      total += (gint64) len - SHAROKEY_TAG_LENGTH;
    }
  json_node_set_array (names_node, names);
  names_text = json_to_string (names_node, FALSE);

  server_db_exec (server, "BEGIN IMMEDIATE");
  for (guint attempt = 0; ; attempt++)
    {
      g_free (slug);
      slug = server_random_string (10);
      stmt = server_db_prepare (server,
          "INSERT INTO secrets (slug, company, creator, content, iv, salt, key_a,"
          " maximum_views, expiration_hours, expires_at, description, message,"
          " password_hash, captcha, otp_type, otp_receiver, ip_whitelist, geolocation,"
          " attachments_count, attachments_total_size, attachment_names, request_id,"
          " created_at, updated_at)"
          " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?23)");
      bind_text (stmt, 1, slug);
      bind_text (stmt, 2, company);
      bind_text (stmt, 3, creator);
      bind_text (stmt, 4, body_string (body, "content"));
      bind_text (stmt, 5, body_string (body, "iv"));
      bind_text (stmt, 6, body_string (body, "salt"));
      bind_text (stmt, 7, body_string (body, "key"));
      sqlite3_bind_int64 (stmt, 8, views);
      sqlite3_bind_int64 (stmt, 9, hours);
      sqlite3_bind_int64 (stmt, 10, now + hours * HOUR_USEC);
      bind_text (stmt, 11, body_string (body, "description"));
      bind_text (stmt, 12, body_string (body, "message"));
      bind_text (stmt, 13, password_hash);
      sqlite3_bind_int (stmt, 14, captcha);
      bind_text (stmt, 15, otp_type);
      bind_text (stmt, 16, otp_type ? otp_receiver : NULL);
      bind_text (stmt, 17, body_string (body, "ip_whitelist"));
      bind_text (stmt, 18, body_string (body, "geolocation"));
      sqlite3_bind_int (stmt, 19, n_attachments);
      sqlite3_bind_int64 (stmt, 20, total);
      bind_text (stmt, 21, n_attachments ? names_text : NULL);
      if (request_id > 0)
        sqlite3_bind_int64 (stmt, 22, request_id);
      sqlite3_bind_int64 (stmt, 23, now);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc == SQLITE_DONE)
        break;
      if (rc != SQLITE_CONSTRAINT || attempt > 5)
        {
          g_warning ("cannot store secret: %s", sqlite3_errmsg (server->db));
          server_db_exec (server, "ROLLBACK");
          return FALSE;
        }
    }
  secret_id = sqlite3_last_insert_rowid (server->db);

  for (guint i = 0; i < n_attachments; i++)
    {
      JsonObject *obj = json_array_get_object_element (attachments, i);
      gsize len = _sharokey_base64_decoded_size (json_object_get_string_member (obj, "data"));

      stmt = server_db_prepare (server,
          "INSERT INTO attachments (secret_id, position, name, data, size) VALUES (?,?,?,?,?)");
      sqlite3_bind_int64 (stmt, 1, secret_id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, json_object_get_string_member (obj, "name"));
      sqlite3_bind_text (stmt, 4, json_object_get_string_member (obj, "data"), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, (gint64) len - SHAROKEY_TAG_LENGTH);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          g_warning ("cannot store attachment: %s", sqlite3_errmsg (server->db));
          server_db_exec (server, "ROLLBACK");
          return FALSE;
        }
    }
  if (request_id > 0)
    {
      /* Answering a request closes it in the same transaction, so that a
       * crash cannot leave it open with its secret already stored. */
      stmt = server_db_prepare (server,
          "UPDATE requests SET secret_slug = ?1, status = 'expired', updated_at = ?2 WHERE id = ?3");
      bind_text (stmt, 1, slug);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, request_id);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          g_warning ("cannot close request: %s", sqlite3_errmsg (server->db));
          server_db_exec (server, "ROLLBACK");
          return FALSE;
        }
    }
  if (!server_db_exec (server, "COMMIT"))
    {
      server_db_exec (server, "ROLLBACK");
      return FALSE;
    }
  *out_slug = g_steal_pointer (&slug);
  return TRUE;
}

/* --- reading --- */

/* [{"name": …}] from the JSON list of names stored with a secret. */
JsonArray *
server_attachment_names_json (const gchar *stored_names)
{
  JsonArray *attachments = json_array_new ();
  g_autoptr(JsonNode) parsed = stored_names ? _sharokey_json_parse (stored_names, strlen (stored_names), NULL) : NULL;

  if (parsed != NULL && JSON_NODE_HOLDS_ARRAY (parsed))
    {
      JsonArray *list = json_node_get_array (parsed);

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *item = json_object_new ();
          json_object_set_string_member (item, "name", json_array_get_string_element (list, i));
          json_array_add_object_element (attachments, item);
        }
    }
  return attachments;
}

/* The columns server_secret_json() reads, in the order of COL_*. */
#define SECRET_COLUMNS \
  "slug, creator, maximum_views, current_views, expiration_hours, expires_at," \
  " description, message, password_hash IS NOT NULL, captcha, otp_type," \
  " ip_whitelist, geolocation, attachments_count, attachments_total_size," \
  " attachment_names, status, created_at, updated_at, id"

enum {
  COL_SLUG, COL_CREATOR, COL_MAX_VIEWS, COL_VIEWS, COL_HOURS, COL_EXPIRES,
  COL_DESCRIPTION, COL_MESSAGE, COL_HAS_PASSWORD, COL_CAPTCHA, COL_OTP_TYPE,
  COL_IP, COL_GEO, COL_N_ATTACH, COL_ATTACH_SIZE, COL_ATTACH_NAMES, COL_STATUS,
  COL_CREATED, COL_UPDATED, COL_ID
};

JsonNode *
server_secret_json (Server       *server,
                    sqlite3_stmt *stmt,
                    gboolean      created)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  const gchar *slug = (const gchar *) sqlite3_column_text (stmt, COL_SLUG);
  const gchar *status = (const gchar *) sqlite3_column_text (stmt, COL_STATUS);
  const gchar *names = (const gchar *) sqlite3_column_text (stmt, COL_ATTACH_NAMES);
  const gchar *otp_type = (const gchar *) sqlite3_column_text (stmt, COL_OTP_TYPE);
  gint64 max_views = sqlite3_column_int64 (stmt, COL_MAX_VIEWS);
  gint64 views = sqlite3_column_int64 (stmt, COL_VIEWS);
  gint64 n_attach = sqlite3_column_int64 (stmt, COL_N_ATTACH);
  gboolean expired = g_strcmp0 (status, "active") != 0;
  g_autofree gchar *access_url = g_strdup_printf ("%s/s/%s", server->public_url, slug);

  json_object_set_string_member (obj, "slug", slug);
  server_json_set_column (obj, "description", stmt, COL_DESCRIPTION);
  server_json_set_column (obj, "message", stmt, COL_MESSAGE);
  json_object_set_string_member (obj, "creator", (const gchar *) sqlite3_column_text (stmt, COL_CREATOR));
  json_object_set_int_member (obj, "maximum_views", max_views);
  json_object_set_int_member (obj, "current_views", views);
  json_object_set_int_member (obj, "remaining_views", expired ? 0 : MAX (0, max_views - views));
  if (created)
    json_object_set_int_member (obj, "expires_in_hours", sqlite3_column_int64 (stmt, COL_HOURS));
  server_json_set_time (obj, "expiration", sqlite3_column_int64 (stmt, COL_EXPIRES));
  json_object_set_boolean_member (obj, "has_password", sqlite3_column_int (stmt, COL_HAS_PASSWORD));
  json_object_set_boolean_member (obj, "has_captcha", sqlite3_column_int (stmt, COL_CAPTCHA));
  json_object_set_boolean_member (obj, "captcha", sqlite3_column_int (stmt, COL_CAPTCHA));
  json_object_set_boolean_member (obj, "has_otp", otp_type != NULL);
  server_json_set_column (obj, "otp_type", stmt, COL_OTP_TYPE);
  json_object_set_boolean_member (obj, "has_ip_restriction", sqlite3_column_text (stmt, COL_IP) != NULL);
  server_json_set_column (obj, "ip_whitelist", stmt, COL_IP);
  json_object_set_boolean_member (obj, "has_geo_restriction", sqlite3_column_text (stmt, COL_GEO) != NULL);
  server_json_set_column (obj, "geolocation", stmt, COL_GEO);
  json_object_set_boolean_member (obj, "has_attachments", n_attach > 0);
  json_object_set_int_member (obj, "attachments_count", n_attach);
  json_object_set_array_member (obj, "attachments", server_attachment_names_json (names));
  json_object_set_boolean_member (obj, "is_expired", expired);
  json_object_set_string_member (obj, "status", expired ? "expired" : "active");
  json_object_set_string_member (obj, "access_url", access_url);
  server_json_set_time (obj, "created_at", sqlite3_column_int64 (stmt, COL_CREATED));
  server_json_set_time (obj, "updated_at", sqlite3_column_int64 (stmt, COL_UPDATED));
  json_node_take_object (node, obj);
  return node;
}

static sqlite3_stmt *
lookup (Server        *server,
        ServerAccount *account,
        const gchar   *slug)
{
  sqlite3_stmt *stmt = server_db_prepare (server,
      "SELECT " SECRET_COLUMNS " FROM secrets WHERE slug = ? AND company = ?");

  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account->company, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

void
server_secrets_create (Server            *server,
                       SoupServerMessage *msg,
                       ServerAccount     *account,
                       JsonObject        *body,
                       gint64             request_id)
{
  g_autofree gchar *slug = NULL;
  sqlite3_stmt *stmt;
  gint64 views = 0, hours = 0;

  if (!server_secrets_validate (server, msg, body, FALSE))
    return;
  /* Already validated: both are present and in range. */
  server_body_int (body, "maximum_views", &views, NULL, NULL);
  server_body_int (body, "expiration_hours", &hours, NULL, NULL);

  if (!server_secrets_insert (server, body, account->company, account->email,
                              request_id, views, hours, &slug))
    {
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "SERVER_ERROR",
                          _("The secret could not be stored"), NULL);
      return;
    }
  stmt = lookup (server, account, slug);
  g_message ("secret %s created by %s", slug, account->email);
  server_reply_data (msg, SOUP_STATUS_CREATED, _("Secret created successfully"),
                     server_secret_json (server, stmt, TRUE));
  sqlite3_finalize (stmt);
}

void
server_secrets_get (Server            *server,
                    SoupServerMessage *msg,
                    ServerAccount     *account,
                    const gchar       *slug)
{
  sqlite3_stmt *stmt = lookup (server, account, slug);

  if (stmt == NULL)
    {
      server_reply_not_found (msg, _("Secret not found"));
      return;
    }
  server_reply_data (msg, SOUP_STATUS_OK, _("Secret retrieved successfully"),
                     server_secret_json (server, stmt, FALSE));
  sqlite3_finalize (stmt);
}

void
server_secrets_delete (Server            *server,
                       SoupServerMessage *msg,
                       ServerAccount     *account,
                       const gchar       *slug)
{
  sqlite3_stmt *stmt = server_db_prepare (server,
      "UPDATE secrets SET status = 'expired', updated_at = ? WHERE slug = ? AND company = ?");

  sqlite3_bind_int64 (stmt, 1, server_now (server));
  sqlite3_bind_text (stmt, 2, slug, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, account->company, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (sqlite3_changes (server->db) == 0)
    {
      server_reply_not_found (msg, _("Secret not found"));
      return;
    }
  /* Wipes the content right away. */
  server_db_expire_due (server);
  stmt = lookup (server, account, slug);
  g_message ("secret %s expired by %s", slug, account->email);
  server_reply_data (msg, SOUP_STATUS_OK, _("Secret expired successfully"),
                     server_secret_json (server, stmt, FALSE));
  sqlite3_finalize (stmt);
}

/* --- lists and statistics --- */

static JsonNode *
secret_row_json (Server       *server,
                 sqlite3_stmt *stmt)
{
  return server_secret_json (server, stmt, FALSE);
}

void
server_secrets_list (Server            *server,
                     SoupServerMessage *msg,
                     ServerAccount     *account,
                     GHashTable        *query)
{
  static const ServerListKind kind = {
    "secrets", SECRET_COLUMNS, "description LIKE ?4 ESCAPE '\\'", secret_row_json,
    N_("Secrets retrieved successfully"),
  };

  server_list (server, msg, account, query, &kind);
}

static gint64
count (Server        *server,
       ServerAccount *account,
       const gchar   *condition)
{
  return server_db_count (server, "COUNT(*)", "secrets", account->company, condition, 0);
}

void
server_secrets_stats (Server            *server,
                      SoupServerMessage *msg,
                      ServerAccount     *account)
{
  JsonObject *data = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (data, "total_secrets", count (server, account, "1"));
  json_object_set_int_member (data, "active_secrets", count (server, account, "status = 'active'"));
  json_object_set_int_member (data, "expired_secrets", count (server, account, "status != 'active'"));
  json_object_set_int_member (data, "total_views",
                              server_db_count (server, "COALESCE(SUM(current_views), 0)", "secrets",
                                               account->company, "1", 0));
  json_object_set_int_member (data, "secrets_with_password",
                              count (server, account, "password_hash IS NOT NULL"));
  server_stats_add_created (server, data, "secrets", account->company);
  json_node_take_object (node, data);
  server_reply_data (msg, SOUP_STATUS_OK, _("Secrets statistics retrieved successfully"), node);
}
