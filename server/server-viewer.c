/* server-viewer.c: what a recipient opens, without a token
 *
 *   GET  /s/{slug}                        the viewer page (never consumes a view)
 *   GET  /api/v1/viewer/{slug}            metadata: message, protections needed
 *   GET  /api/v1/viewer/{slug}/captcha    a new challenge {captcha_id, question}
 *   POST /api/v1/viewer/{slug}/otp        "sends" a one-time code (to the log)
 *   POST /api/v1/viewer/{slug}/reveal     checks protections, consumes one view
 *                                         atomically and returns the payload
 *   GET  /r/{token}                       the page answering a secret request
 *   GET  /api/v1/respond/{token}          what the requester asks for
 *   POST /api/v1/respond/{token}          stores a secret encrypted in the browser, or
 *                                         an answer sealed to the requester's key
 *
 * keyB never reaches the server: the pages read it from location.hash.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "sharokey-private.h"
#include "server.h"
#include "server-catalogue.h"
#include "server-pages.h"
#include "server-resources.h"

#define CHALLENGE_USEC (10 * 60 * G_USEC_PER_SEC)
#define OTP_MAX_ATTEMPTS 5
#define MAX_CHALLENGES 10000
/* Wrong passwords, and wrong one-time codes, allowed per client address,
 * per secret and per minute: counted per secret alone, they would let
 * anyone lock the recipient out. The code limit spans challenges: asking
 * for a new code must not reset the count, or six digits could be guessed
 * by asking again. */
#define PASSWORD_FAILURES_PER_MINUTE 10
#define OTP_FAILURES_PER_MINUTE 10
/* Codes sent per secret and per minute, whoever asks: each one reaches
 * the recipient's mailbox or phone. */
#define OTP_SENDS_PER_MINUTE 3

static const gchar viewer_columns[] =
  "id, slug, message, password_hash, captcha, otp_type, otp_receiver, ip_whitelist,"
  " geolocation, attachments_count, attachment_names, expires_at, maximum_views,"
  " current_views, company, creator";

enum {
  V_ID, V_SLUG, V_MESSAGE, V_PASSWORD, V_CAPTCHA, V_OTP_TYPE, V_OTP_RECEIVER, V_IP,
  V_GEO, V_N_ATTACH, V_ATTACH_NAMES, V_EXPIRES, V_MAX_VIEWS, V_VIEWS, V_COMPANY,
  V_CREATOR
};

/* The viewer's answers speak the page's language (its scripts send the
 * page's Accept-Language); a client that sends none gets the server's. */
static const gchar *
tr (SoupServerMessage *msg,
    const gchar       *msgid)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const gchar *accept = soup_message_headers_get_list (headers, "Accept-Language");

  if (accept == NULL)
    return g_dgettext (GETTEXT_PACKAGE, msgid);
  return server_catalogue_gettext (server_catalogue_pick (NULL, accept), msgid);
}

static void
reply_gone (SoupServerMessage *msg)
{
  server_reply_not_found (msg, tr (msg, N_("This secret does not exist, has expired or has already been viewed")));
}

static sqlite3_stmt *
lookup_active (Server      *server,
               const gchar *slug)
{
  g_autofree gchar *sql = g_strdup_printf ("SELECT %s FROM secrets WHERE slug = ? AND status = 'active'"
                                           " AND content IS NOT NULL", viewer_columns);
  sqlite3_stmt *stmt = server_db_prepare (server, sql);

  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gchar *
receiver_hint (const gchar *type,
               const gchar *receiver)
{
  gsize len;

  if (receiver == NULL)
    return NULL;
  len = strlen (receiver);
  if (g_strcmp0 (type, "phone") == 0)
    return g_strdup_printf ("…%s", receiver + (len > 2 ? len - 2 : 0));
  {
    const gchar *at = strchr (receiver, '@');
    return g_strdup_printf ("%c…%s", receiver[0], at ? at : "");
  }
}

static void
viewer_metadata (Server            *server,
                 SoupServerMessage *msg,
                 sqlite3_stmt      *stmt)
{
  JsonObject *data = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  const gchar *otp_type = (const gchar *) sqlite3_column_text (stmt, V_OTP_TYPE);
  const gchar *names = (const gchar *) sqlite3_column_text (stmt, V_ATTACH_NAMES);
  const gchar *geo = (const gchar *) sqlite3_column_text (stmt, V_GEO);
  g_autofree gchar *expiration = server_iso_time (sqlite3_column_int64 (stmt, V_EXPIRES));
  g_autofree gchar *hint = receiver_hint (otp_type, (const gchar *) sqlite3_column_text (stmt, V_OTP_RECEIVER));

  json_object_set_string_member (data, "slug", (const gchar *) sqlite3_column_text (stmt, V_SLUG));
  server_json_set_column (data, "message", stmt, V_MESSAGE);
  json_object_set_boolean_member (data, "requires_password", sqlite3_column_type (stmt, V_PASSWORD) != SQLITE_NULL);
  json_object_set_boolean_member (data, "requires_captcha", sqlite3_column_int (stmt, V_CAPTCHA) != 0);
  json_object_set_boolean_member (data, "requires_otp", otp_type != NULL);
  if (otp_type)
    {
      json_object_set_string_member (data, "otp_type", otp_type);
      json_object_set_string_member (data, "otp_receiver_hint", hint);
    }
  else
    {
      json_object_set_null_member (data, "otp_type");
      json_object_set_null_member (data, "otp_receiver_hint");
    }
  json_object_set_boolean_member (data, "has_ip_restriction", sqlite3_column_type (stmt, V_IP) != SQLITE_NULL);
  if (geo)
    {
      json_object_set_string_member (data, "geolocation", geo);
      json_object_set_string_member (data, "geolocation_note",
                                     tr (msg, N_("This local server does not geolocate visitors: the country restriction is recorded but not enforced.")));
    }
  else
    {
      json_object_set_null_member (data, "geolocation");
      json_object_set_null_member (data, "geolocation_note");
    }
  json_object_set_int_member (data, "attachments_count", sqlite3_column_int64 (stmt, V_N_ATTACH));
  json_object_set_array_member (data, "attachments", server_attachment_names_json (names));
  json_object_set_string_member (data, "expiration", expiration);
  json_object_set_int_member (data, "remaining_views",
                              sqlite3_column_int64 (stmt, V_MAX_VIEWS) - sqlite3_column_int64 (stmt, V_VIEWS));
  json_node_take_object (node, data);
  server_reply_data (msg, SOUP_STATUS_OK, NULL, node);
}

void
server_challenge_free (gpointer data)
{
  ServerChallenge *challenge = data;

  g_free (challenge->slug);
  if (challenge->answer)
    _sharokey_wipe (challenge->answer, strlen (challenge->answer));
  g_free (challenge->answer);
  g_free (challenge);
}

static void
prune_challenges (GHashTable *table)
{
  GHashTableIter iter;
  gpointer value;
  gint64 now = g_get_monotonic_time ();

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((ServerChallenge *) value)->expires < now)
      g_hash_table_iter_remove (&iter);
}

static guint
random_below (guint n)
{
  guint32 r;
  _sharokey_random_bytes ((guint8 *) &r, sizeof r, FALSE);
  return r % n;
}

static void
viewer_captcha (Server            *server,
                SoupServerMessage *msg,
                const gchar       *slug)
{
  ServerChallenge *challenge = g_new0 (ServerChallenge, 1);
  JsonObject *data = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  guint a = 2 + random_below (18), b = 2 + random_below (18);
  g_autofree gchar *id = server_random_string (20);
  g_autofree gchar *question = g_strdup_printf (tr (msg, N_("How much is %u + %u?")), a, b);

  prune_challenges (server->captchas);
  if (g_hash_table_size (server->captchas) >= MAX_CHALLENGES)
    {
      server_challenge_free (challenge);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "60");
      server_reply_error (msg, 429, "RATE_LIMITED", tr (msg, N_("Too many open challenges; try again later")), NULL);
      return;
    }
  challenge->slug = g_strdup (slug);
  challenge->answer = g_strdup_printf ("%u", a + b);
  challenge->expires = g_get_monotonic_time () + CHALLENGE_USEC;
  g_hash_table_insert (server->captchas, g_strdup (id), challenge);

  json_object_set_string_member (data, "captcha_id", id);
  json_object_set_string_member (data, "question", question);
  json_node_take_object (node, data);
  server_reply_data (msg, SOUP_STATUS_OK, NULL, node);
}

static void
viewer_otp (Server            *server,
            SoupServerMessage *msg,
            sqlite3_stmt      *stmt)
{
  const gchar *slug = (const gchar *) sqlite3_column_text (stmt, V_SLUG);
  const gchar *type = (const gchar *) sqlite3_column_text (stmt, V_OTP_TYPE);
  const gchar *receiver = (const gchar *) sqlite3_column_text (stmt, V_OTP_RECEIVER);
  ServerChallenge *challenge;
  JsonObject *data;
  JsonNode *node;
  g_autofree gchar *hint = NULL;

  if (type == NULL)
    {
      JsonObject *details = json_object_new ();
      const gchar *first = NULL;

      /* 422, like every VALIDATION_ERROR. */
      server_add_detail (details, "otp", tr (msg, N_("This secret is not protected by a one-time code")), &first);
      server_reply_validation (msg, details, first);
      return;
    }
  if (server_rate_exceeded (server, msg, "otp-send", slug, OTP_SENDS_PER_MINUTE, FALSE))
    return;
  server_rate_exceeded (server, msg, "otp-send", slug, OTP_SENDS_PER_MINUTE, TRUE);
  prune_challenges (server->otps);
  /* A code still valid is sent again rather than replaced: anyone may ask
   * for a code, and the recipient's must keep working. */
  challenge = g_hash_table_lookup (server->otps, slug);
  if (challenge == NULL)
    {
      challenge = g_new0 (ServerChallenge, 1);
      challenge->slug = g_strdup (slug);
      challenge->answer = g_strdup_printf ("%06u", random_below (1000000));
      challenge->expires = g_get_monotonic_time () + CHALLENGE_USEC;
      g_hash_table_insert (server->otps, g_strdup (slug), challenge);
    }
  /* The local server sends no e-mail or SMS: the code goes to its log so
   * that whoever runs it can complete the flow. */
  g_message ("one-time code for secret %s (%s %s): %s", slug, type, receiver, challenge->answer);

  hint = receiver_hint (type, receiver);
  data = json_object_new ();
  json_object_set_boolean_member (data, "sent", TRUE);
  json_object_set_string_member (data, "otp_type", type);
  json_object_set_string_member (data, "otp_receiver_hint", hint);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, data);
  server_reply_data (msg, SOUP_STATUS_OK, tr (msg, N_("One-time code sent")), node);
}

static gboolean
ip_allowed (const gchar *whitelist,
            const gchar *client)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (client);
  g_auto(GStrv) entries = NULL;

  if (whitelist == NULL)
    return TRUE;
  if (address == NULL)
    return FALSE;
  entries = g_strsplit (whitelist, ",", -1);
  for (guint i = 0; entries[i]; i++)
    {
      g_autoptr(GInetAddressMask) mask =
        g_inet_address_mask_new_from_string (g_strstrip (entries[i]), NULL);

      if (mask && g_inet_address_mask_matches (mask, address))
        return TRUE;
    }
  return FALSE;
}

static void
deny (SoupServerMessage *msg,
      const gchar       *field,
      const gchar       *message)
{
  JsonObject *details = json_object_new ();

  server_add_detail (details, field, message, NULL);
  server_reply_error (msg, SOUP_STATUS_FORBIDDEN, "PERMISSION_DENIED", message, details);
}

static const gchar *
member_string (JsonObject  *body,
               const gchar *name)
{
  JsonNode *node = json_object_get_member (body, name);

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static gboolean
check_protections (Server            *server,
                   SoupServerMessage *msg,
                   sqlite3_stmt      *stmt,
                   JsonObject        *body)
{
  const gchar *slug = (const gchar *) sqlite3_column_text (stmt, V_SLUG);
  const gchar *client = soup_server_message_get_remote_host (msg);
  g_autofree gchar *throttle = g_strdup_printf ("%s %s", client ? client : "?", slug);

  if (!ip_allowed ((const gchar *) sqlite3_column_text (stmt, V_IP), client ? client : ""))
    {
      g_message ("secret %s: refused to %s (IP whitelist)", slug, client ? client : "?");
      deny (msg, "ip", tr (msg, N_("Your network address is not allowed to open this secret")));
      return FALSE;
    }
  if (sqlite3_column_type (stmt, V_PASSWORD) != SQLITE_NULL)
    {
      const gchar *password = member_string (body, "password");

      if (password == NULL || *password == '\0')
        {
          deny (msg, "password", tr (msg, N_("This secret is protected by a password")));
          return FALSE;
        }
      if (server_rate_exceeded (server, msg, "password", throttle, PASSWORD_FAILURES_PER_MINUTE, FALSE))
        return FALSE;
      if (!server_password_verify (password, (const gchar *) sqlite3_column_text (stmt, V_PASSWORD)))
        {
          server_rate_exceeded (server, msg, "password", throttle, PASSWORD_FAILURES_PER_MINUTE, TRUE);
          deny (msg, "password", tr (msg, N_("Wrong password")));
          return FALSE;
        }
    }
  if (sqlite3_column_int (stmt, V_CAPTCHA))
    {
      const gchar *id = member_string (body, "captcha_id");
      const gchar *answer = member_string (body, "captcha_answer");
      ServerChallenge *challenge = id ? g_hash_table_lookup (server->captchas, id) : NULL;
      gboolean ok;

      if (challenge == NULL || answer == NULL || g_strcmp0 (challenge->slug, slug) != 0 ||
          challenge->expires < g_get_monotonic_time ())
        {
          deny (msg, "captcha", tr (msg, N_("Please solve the captcha")));
          return FALSE;
        }
      {
        g_autofree gchar *trimmed = g_strstrip (g_strdup (answer));
        ok = server_constant_time_equal (trimmed, challenge->answer);
      }
      /* One attempt per challenge. */
      g_hash_table_remove (server->captchas, id);
      if (!ok)
        {
          deny (msg, "captcha", tr (msg, N_("Wrong captcha answer")));
          return FALSE;
        }
    }
  if (sqlite3_column_type (stmt, V_OTP_TYPE) != SQLITE_NULL)
    {
      const gchar *code = member_string (body, "otp_code");
      ServerChallenge *challenge = g_hash_table_lookup (server->otps, slug);

      if (code == NULL || challenge == NULL || challenge->expires < g_get_monotonic_time ())
        {
          deny (msg, "otp_code", tr (msg, N_("Enter the one-time code that was sent to you")));
          return FALSE;
        }
      if (server_rate_exceeded (server, msg, "otp", throttle, OTP_FAILURES_PER_MINUTE, FALSE))
        return FALSE;
      if (!server_constant_time_equal (code, challenge->answer))
        {
          server_rate_exceeded (server, msg, "otp", throttle, OTP_FAILURES_PER_MINUTE, TRUE);
          if (++challenge->attempts >= OTP_MAX_ATTEMPTS)
            g_hash_table_remove (server->otps, slug);
          deny (msg, "otp_code", tr (msg, N_("Wrong one-time code")));
          return FALSE;
        }
      g_hash_table_remove (server->otps, slug);
    }
  return TRUE;
}

/* Consumes one view and returns the payload, in one transaction: the
 * conditional UPDATE lets exactly as many openers through as views remain,
 * and the last one wipes the content. */
static void
viewer_reveal (Server            *server,
               SoupServerMessage *msg,
               sqlite3_stmt      *row,
               JsonObject        *body)
{
  gint64 id = sqlite3_column_int64 (row, V_ID);
  const gchar *geo = (const gchar *) sqlite3_column_text (row, V_GEO);
  const gchar *client = soup_server_message_get_remote_host (msg);
  gint64 now = server_now (server), views = 0, max_views = 0;
  JsonObject *data;
  JsonArray *attachments;
  JsonNode *node;
  sqlite3_stmt *stmt;

  if (!check_protections (server, msg, row, body))
    return;

  server_db_exec (server, "BEGIN IMMEDIATE");
  stmt = server_db_prepare (server,
      "UPDATE secrets SET current_views = current_views + 1, updated_at = ?2"
      " WHERE id = ?1 AND status = 'active' AND content IS NOT NULL"
      " AND expires_at > ?2 AND current_views < maximum_views");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (sqlite3_changes (server->db) != 1)
    {
      server_db_exec (server, "ROLLBACK");
      reply_gone (msg);
      return;
    }

  data = json_object_new ();
  stmt = server_db_prepare (server,
      "SELECT content, iv, salt, key_a, current_views, maximum_views FROM secrets WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_object_set_string_member (data, "content", (const gchar *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (data, "iv", (const gchar *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (data, "salt", (const gchar *) sqlite3_column_text (stmt, 2));
      json_object_set_string_member (data, "key", (const gchar *) sqlite3_column_text (stmt, 3));
      views = sqlite3_column_int64 (stmt, 4);
      max_views = sqlite3_column_int64 (stmt, 5);
    }
  sqlite3_finalize (stmt);

  attachments = json_array_new ();
  stmt = server_db_prepare (server,
      "SELECT name, data, size FROM attachments WHERE secret_id = ? ORDER BY position");
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *item = json_object_new ();
      json_object_set_string_member (item, "name", (const gchar *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (item, "data", (const gchar *) sqlite3_column_text (stmt, 1));
      json_object_set_int_member (item, "size", sqlite3_column_int64 (stmt, 2));
      json_array_add_object_element (attachments, item);
    }
  sqlite3_finalize (stmt);
  json_object_set_array_member (data, "attachments", attachments);
  json_object_set_int_member (data, "remaining_views", max_views - views);
  server_db_exec (server, "COMMIT");

  g_message ("secret %s viewed (%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ") from %s%s",
             (const gchar *) sqlite3_column_text (row, V_SLUG), views, max_views,
             client ? client : "?",
             geo ? " (country restriction recorded, not checked: no geolocation)" : "");
  if (views >= max_views)
    server_db_expire_due (server);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, data);
  server_reply_data (msg, SOUP_STATUS_OK, NULL, node);
}

void
server_viewer_route (Server            *server,
                     SoupServerMessage *msg,
                     const gchar       *rest)
{
  const gchar *method = soup_server_message_get_method (msg);
  g_auto(GStrv) parts = g_strsplit (rest, "/", 3);
  guint n = g_strv_length (parts);
  const gchar *action = n >= 2 ? parts[1] : "";
  sqlite3_stmt *stmt;

  if (n == 0 || n > 2 || parts[0][0] == '\0')
    {
      server_reply_not_found (msg, NULL);
      return;
    }
  stmt = lookup_active (server, parts[0]);

  if (n == 1 && g_str_equal (method, "GET"))
    {
      if (stmt)
        viewer_metadata (server, msg, stmt);
      else
        reply_gone (msg);
    }
  else if (g_str_equal (action, "captcha") &&
           (g_str_equal (method, "GET") || g_str_equal (method, "POST")))
    {
      if (stmt)
        viewer_captcha (server, msg, parts[0]);
      else
        reply_gone (msg);
    }
  else if (g_str_equal (action, "otp") && g_str_equal (method, "POST"))
    {
      if (stmt)
        viewer_otp (server, msg, stmt);
      else
        reply_gone (msg);
    }
  else if (g_str_equal (action, "reveal") && g_str_equal (method, "POST"))
    {
      g_autoptr(JsonObject) body = server_parse_body (msg);

      if (body == NULL)
        ;
      else if (stmt)
        viewer_reveal (server, msg, stmt, body);
      else
        reply_gone (msg);
    }
  else if (n == 1 || g_str_equal (action, "captcha") || g_str_equal (action, "otp") ||
           g_str_equal (action, "reveal"))
    server_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                        _("Method not allowed"), NULL);
  else
    server_reply_not_found (msg, NULL);
  if (stmt)
    sqlite3_finalize (stmt);
}

/* --- answering a request --- */

static const gchar respond_columns[] =
  "id, message, description, secret_expiration_hours, maximum_views,"
  " email_reply, request_expires_at, company, creator, answer_public_key";

enum {
  Q_ID, Q_MESSAGE, Q_DESCRIPTION, Q_SECRET_HOURS, Q_VIEWS, Q_EMAIL_REPLY, Q_EXPIRES,
  Q_COMPANY, Q_CREATOR, Q_PUBLIC_KEY
};

/* The largest sealed answer: 255 characters of 4 UTF-8 bytes, and the tag. */
#define SEALED_CONTENT_MAX (255 * 4 + SHAROKEY_TAG_LENGTH)

static void
respond_describe (SoupServerMessage *msg,
                  sqlite3_stmt      *request)
{
  JsonObject *data = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  server_json_set_column (data, "message", request, Q_MESSAGE);
  server_json_set_column (data, "description", request, Q_DESCRIPTION);
  server_json_set_column (data, "email_reply", request, Q_EMAIL_REPLY);
  server_json_set_column (data, "creator", request, Q_CREATOR);
  json_object_set_int_member (data, "secret_expiration_hours", sqlite3_column_int64 (request, Q_SECRET_HOURS));
  json_object_set_int_member (data, "maximum_views", sqlite3_column_int64 (request, Q_VIEWS));
  server_json_set_time (data, "request_expiration", sqlite3_column_int64 (request, Q_EXPIRES));
  /* Present: the page seals the answer to it (seal.js). */
  server_json_set_column (data, "answer_public_key", request, Q_PUBLIC_KEY);
  json_node_take_object (node, data);
  server_reply_data (msg, SOUP_STATUS_OK, NULL, node);
}

/* Base64 of @min to @max bytes; the decoded bytes, or NULL. */
static guint8 *
sealed_field (JsonObject  *sealed,
              const gchar *field,
              gsize        min,
              gsize        max,
              gsize       *out_len)
{
  const gchar *text = server_body_string (sealed, field, NULL, NULL);
  guint8 *data = text ? _sharokey_base64_decode (text, out_len) : NULL;

  if (data != NULL && (*out_len < min || *out_len > max))
    g_clear_pointer (&data, g_free);
  return data;
}

/* A well-formed `sealed` member: {ephemeral_public_key, iv, content}, all
 * base64, as seal.js makes it. The server cannot check more: it holds
 * nothing that opens it. Returns its compact JSON, or NULL. */
static gchar *
sealed_answer_text (JsonObject *body)
{
  static const gchar * const members[] = { "ephemeral_public_key", "iv", "content" };
  JsonNode *node = json_object_get_member (body, "sealed");
  JsonObject *sealed;
  g_autofree guint8 *point = NULL, *iv = NULL, *content = NULL;
  gsize point_len = 0, iv_len = 0, content_len = 0;
  g_autoptr(JsonNode) copy = NULL;
  JsonObject *out;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  sealed = json_node_get_object (node);
  point = sealed_field (sealed, "ephemeral_public_key", SHAROKEY_P256_POINT_LENGTH,
                        SHAROKEY_P256_POINT_LENGTH, &point_len);
  iv = sealed_field (sealed, "iv", SHAROKEY_IV_LENGTH, SHAROKEY_IV_LENGTH, &iv_len);
  content = sealed_field (sealed, "content", SHAROKEY_TAG_LENGTH + 1, SEALED_CONTENT_MAX, &content_len);
  if (point == NULL || iv == NULL || content == NULL ||
      !_sharokey_request_public_key_valid (point, point_len))
    return NULL;

  /* Only the three members go to the database. */
  out = json_object_new ();
  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    json_object_set_string_member (out, members[i], json_object_get_string_member (sealed, members[i]));
  copy = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (copy, out);
  return json_to_string (copy, FALSE);
}

/* Stores an answer sealed to the requester's key and closes the request.
 * No secret is made: the requester reads the answer from the request. */
static void
respond_store_sealed (Server            *server,
                      SoupServerMessage *msg,
                      sqlite3_stmt      *request,
                      JsonObject        *body)
{
  g_autofree gchar *sealed = sealed_answer_text (body);
  gint64 request_id = sqlite3_column_int64 (request, Q_ID);
  const gchar *reply = (const gchar *) sqlite3_column_text (request, Q_EMAIL_REPLY);
  gint64 now = server_now (server);
  sqlite3_stmt *stmt;
  JsonObject *details, *data;
  const gchar *first = NULL;
  JsonNode *node;

  if (sealed == NULL)
    {
      details = json_object_new ();
      server_add_detail (details, "sealed",
                         tr (msg, N_("This request takes only an answer sealed to the requester's key")),
                         &first);
      server_reply_validation (msg, details, first);
      return;
    }
  stmt = server_db_prepare (server,
      "UPDATE requests SET sealed_answer = ?1, answered_at = ?2, status = 'expired', updated_at = ?2"
      " WHERE id = ?3 AND answered_at IS NULL AND secret_slug IS NULL");
  sqlite3_bind_text (stmt, 1, sealed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, request_id);
  if (sqlite3_step (stmt) != SQLITE_DONE || sqlite3_changes (server->db) != 1)
    {
      sqlite3_finalize (stmt);
      server_reply_not_found (msg, tr (msg, N_("This request does not exist, has expired or has already been answered")));
      return;
    }
  sqlite3_finalize (stmt);

  if (reply == NULL)
    reply = (const gchar *) sqlite3_column_text (request, Q_CREATOR);
  g_message ("notification (not sent, local server): to %s: request %" G_GINT64_FORMAT
             " was answered, sealed to the requester's key", reply, request_id);
  data = json_object_new ();
  json_object_set_boolean_member (data, "sealed", TRUE);
  json_object_set_string_member (data, "email_reply", reply);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, data);
  server_reply_data (msg, SOUP_STATUS_CREATED, tr (msg, N_("Answer sealed for the requester")), node);
}

/* Stores the secret for the requester, with the request's views and hours;
 * the same transaction closes the request. */
static void
respond_store (Server            *server,
               SoupServerMessage *msg,
               sqlite3_stmt      *request)
{
  g_autoptr(JsonObject) body = server_parse_body (msg);
  g_autofree gchar *slug = NULL;
  g_autofree gchar *access_url = NULL;
  gint64 request_id = sqlite3_column_int64 (request, Q_ID);
  const gchar *reply = (const gchar *) sqlite3_column_text (request, Q_EMAIL_REPLY);
  JsonObject *data;
  JsonNode *node;

  if (body == NULL)
    return;
  if (sqlite3_column_type (request, Q_PUBLIC_KEY) != SQLITE_NULL)
    {
      respond_store_sealed (server, msg, request, body);
      return;
    }
  if (!server_secrets_validate (server, msg, body, TRUE))
    return;
  if (!server_secrets_insert (server, body, (const gchar *) sqlite3_column_text (request, Q_COMPANY),
                              (const gchar *) sqlite3_column_text (request, Q_CREATOR), request_id,
                              sqlite3_column_int64 (request, Q_VIEWS),
                              sqlite3_column_int64 (request, Q_SECRET_HOURS), &slug))
    {
      server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "SERVER_ERROR",
                          tr (msg, N_("The secret could not be stored")), NULL);
      return;
    }
  if (reply == NULL)
    reply = (const gchar *) sqlite3_column_text (request, Q_CREATOR);
  g_message ("notification (not sent, local server): to %s: request %" G_GINT64_FORMAT
             " was answered with secret %s; the responder holds the key part of the link",
             reply, request_id, slug);

  access_url = g_strdup_printf ("%s/s/%s", server->public_url, slug);
  data = json_object_new ();
  json_object_set_string_member (data, "slug", slug);
  json_object_set_string_member (data, "access_url", access_url);
  json_object_set_string_member (data, "email_reply", reply);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, data);
  server_reply_data (msg, SOUP_STATUS_CREATED, tr (msg, N_("Secret stored for the requester")), node);
}

void
server_respond_route (Server            *server,
                      SoupServerMessage *msg,
                      const gchar       *rest)
{
  const gchar *method = soup_server_message_get_method (msg);
  g_autofree gchar *sql = NULL;
  sqlite3_stmt *stmt;

  if (rest[0] == '\0' || strchr (rest, '/') != NULL)
    {
      server_reply_not_found (msg, NULL);
      return;
    }
  sql = g_strdup_printf ("SELECT %s FROM requests WHERE token = ? AND status = 'active'"
                         " AND secret_slug IS NULL AND answered_at IS NULL", respond_columns);
  stmt = server_db_prepare (server, sql);
  sqlite3_bind_text (stmt, 1, rest, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    server_reply_not_found (msg, tr (msg, N_("This request does not exist, has expired or has already been answered")));
  else if (g_str_equal (method, "GET"))
    respond_describe (msg, stmt);
  else if (g_str_equal (method, "POST"))
    respond_store (server, msg, stmt);
  else
    server_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                        _("Method not allowed"), NULL);
  sqlite3_finalize (stmt);
}

/* --- static pages --- */

/* The locale the requester chose for the person who answers, or NULL. */
static gchar *
request_locale (Server      *server,
                const gchar *token)
{
  sqlite3_stmt *stmt = server_db_prepare (server, "SELECT locale FROM requests WHERE token = ?");
  gchar *locale = NULL;

  sqlite3_bind_text (stmt, 1, token, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    locale = g_strdup ((const gchar *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return locale;
}

/* @catalogue: NULL for an asset, the page's language for an HTML page. */
static void
serve_resource (SoupServerMessage     *msg,
                const gchar           *name,
                const gchar           *content_type,
                const ServerCatalogue *catalogue)
{
  g_autofree gchar *path = g_strconcat ("/org/sharokey/server/", name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gsize len;
  const gchar *data;

  if (bytes == NULL)
    {
      server_reply_not_found (msg, NULL);
      return;
    }
  data = g_bytes_get_data (bytes, &len);
  if (catalogue)
    {
      gchar *page = server_page_render (data, len, catalogue);
      g_autofree gchar *tag = g_strdelimit (g_strdup (server_catalogue_language (catalogue)), "_", '-');

      g_bytes_unref (bytes);
      len = strlen (page);
      bytes = g_bytes_new_take (page, len);
      data = page;
      soup_message_headers_replace (headers, "Content-Language", tag);
      soup_message_headers_append (headers, "Vary", "Accept-Language");
    }
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; script-src 'self'; style-src 'self';"
                                " connect-src 'self'; img-src 'self' data: blob:;"
                                " base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, data, len);
}

gboolean
server_assets_route (Server            *server,
                     SoupServerMessage *msg,
                     const gchar       *path)
{
  static const struct { const gchar *name; const gchar *type; } assets[] = {
    { "viewer.js", "text/javascript; charset=utf-8" },
    { "respond.js", "text/javascript; charset=utf-8" },
    { "common.js", "text/javascript; charset=utf-8" },
    { "seal.js", "text/javascript; charset=utf-8" },
    { "style.css", "text/css; charset=utf-8" },
  };

  if (g_str_has_prefix (path, "/s/") && path[3] != '\0' && strchr (path + 3, '/') == NULL)
    {
      serve_resource (msg, "viewer.html", "text/html; charset=utf-8",
                      server_catalogue_for_message (msg, NULL));
      return TRUE;
    }
  if (g_str_has_prefix (path, "/r/") && path[3] != '\0' && strchr (path + 3, '/') == NULL)
    {
      g_autofree gchar *locale = request_locale (server, path + 3);

      serve_resource (msg, "respond.html", "text/html; charset=utf-8",
                      server_catalogue_for_message (msg, locale));
      return TRUE;
    }
  if (g_str_has_prefix (path, "/assets/"))
    for (gsize i = 0; i < G_N_ELEMENTS (assets); i++)
      if (g_str_equal (path + strlen ("/assets/"), assets[i].name))
        {
          serve_resource (msg, assets[i].name, assets[i].type, NULL);
          return TRUE;
        }
  return FALSE;
}
