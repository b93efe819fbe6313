/* server.h: state shared by the parts of sharokey-server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Largest request body: 10 MiB of attachments, base64-encoded, with their
 * tags and the JSON around them. Anything larger is refused with 413
 * without being buffered. */
#define SERVER_MAX_BODY (15 * 1024 * 1024)
/* Bodies of the public routes (viewer, request pages) and of the
 * authenticated routes other than a create: a few fields each. */
#define SERVER_MAX_PUBLIC_BODY (8 * 1024)
#define SERVER_MAX_SMALL_BODY (64 * 1024)
#define SERVER_MAX_ATTACHMENTS 10
#define SERVER_MAX_ATTACHMENTS_SIZE (10 * 1024 * 1024)

typedef struct {
  gchar  *email;
  gchar  *company;
  GStrv   scopes;    /* NULL: every scope */
} ServerAccount;

typedef struct {
  gint64 window_start;  /* monotonic µs */
  guint  count;
} ServerRateWindow;

typedef struct _ServerCommit ServerCommit;

typedef struct {
  SoupServer  *soup;
  sqlite3     *db;
  GHashTable  *tokens;      /* token → ServerAccount */
  gchar       *public_url;  /* no trailing slash */
  guint        rate_limit;  /* requests per minute and per token / client */
  GHashTable  *rate;        /* key → ServerRateWindow */
  gboolean     list_docs;   /* shape A (data[] + pagination) instead of B */
  GHashTable  *captchas;    /* id → ServerChallenge */
  GHashTable  *otps;        /* slug → ServerChallenge */
  gint64       clock_offset;  /* seconds added to the real clock */
  gchar       *clock_file;    /* optional file holding an extra offset */
  gboolean     wipe_pending;  /* a secret was destroyed: purge the WAL */
  ServerCommit *commit;       /* NULL: answers are not held (server-commit.c) */
  GSocket     *listen_socket;
  GSource     *listen_source;
  GTlsCertificate *tls_certificate;  /* NULL: plain HTTP */
  GHashTable  *connections;   /* remote GSocketAddress → ServerConnection (server-connections.c) */
  GHashTable  *per_address;   /* client address → open connections */
  GHashTable  *uploads;       /* account or request → large bodies in flight */
  guint        header_timeout;   /* seconds to send the request headers */
  guint        body_timeout;     /* seconds to send the request body */
  guint        max_per_address;  /* open connections per client address */
  gboolean     keep_alive;       /* libsoup keeps plain-HTTP connections for the next request */
} Server;

typedef struct {
  gchar  *slug;
  gchar  *answer;
  gint64  expires;   /* monotonic µs */
  guint   attempts;
} ServerChallenge;

/* sharokey-server.c */
gint64       server_now               (Server *server);  /* µs since epoch */

/* server-body.c */
/* Strings shorter than this are left to json-glib. */
#define SERVER_BODY_LIFT_MIN 256
/* The JSON object of @data, which it may overwrite (@len bytes, mutable),
 * or NULL with a translated @out_message; strings of base64 characters of
 * at least @lift_min bytes skip json-glib's scanner. */
JsonObject  *server_body_parse        (gchar *data, gsize len, gsize lift_min, gchar **out_message);
JsonObject  *server_body_from_bytes   (const gchar *data, gsize len, gchar **out_message);
/* Returns the JSON object of the request body, or replies 422. */
JsonObject  *server_parse_body        (SoupServerMessage *msg);
/* A large body is kept in one buffer of @length bytes as it arrives
 * (server_body_collect_chunk from got-chunk), not as libsoup's chunks. */
void         server_body_collect      (SoupServerMessage *msg, goffset length);
void         server_body_collect_chunk (SoupServerMessage *msg, GBytes *chunk);

/* server-commit.c */
gboolean     server_commit_start      (Server *server, const gchar *db_path, GError **error);
void         server_commit_stop       (Server *server);
/* Last step of every call: holds the answer of @msg until every change
 * made so far is on disk. */
void         server_commit_answer     (Server *server, SoupServerMessage *msg);
/* Every change made so far is on disk (a checkpoint synced it). */
void         server_commit_synced     (Server *server);
void         server_commit_checkpoint_lock   (ServerCommit *commit);
void         server_commit_checkpoint_unlock (ServerCommit *commit);

/* server-connections.c */
#define SERVER_OVER_CAPACITY "sharokey-over-capacity"  /* data set on a message */
void         server_connections_init  (Server *server);
void         server_connections_free  (Server *server);
void         server_connections_listen (Server *server, GSocket *socket, GTlsCertificate *certificate);
void         server_connection_started (Server *server, SoupServerMessage *msg);
void         server_connection_got_headers (Server *server, SoupServerMessage *msg);
void         server_connection_got_body (Server *server, SoupServerMessage *msg);
void         server_connection_reject (Server *server, SoupServerMessage *msg);

/* server-db.c */
gboolean     server_db_open           (Server *server, const gchar *path, GError **error);
void         server_db_close          (Server *server);
sqlite3_stmt *server_db_prepare       (Server *server, const gchar *sql);
gboolean     server_db_exec           (Server *server, const gchar *sql);
void         server_db_expire_due     (Server *server);
void         server_db_expire_if_due  (Server *server);
void         server_db_purge_destroyed (Server *server);
gchar       *server_random_string     (gsize length);
/* SELECT @select FROM @table WHERE company = ?1 AND (@condition), where
 * @condition may use ?2, bound to @since. */
gint64       server_db_count          (Server *server, const gchar *select, const gchar *table,
                                       const gchar *company, const gchar *condition, gint64 since);

/* server-http.c */
void         server_http_setup        (Server *server);
gchar       *server_iso_time          (gint64 usec);
void         server_reply_json        (SoupServerMessage *msg, guint status, JsonNode *root);
void         server_reply_data        (SoupServerMessage *msg, guint status,
                                       const gchar *message, JsonNode *data);
void         server_reply_error       (SoupServerMessage *msg, guint status,
                                       const gchar *code, const gchar *message,
                                       JsonObject *details);
void         server_reply_validation  (SoupServerMessage *msg, JsonObject *details,
                                       const gchar *first_message);
void         server_reply_not_found   (SoupServerMessage *msg, const gchar *message);
void         server_add_detail        (JsonObject *details, const gchar *field,
                                       const gchar *message, const gchar **first);
JsonNode    *server_meta              (void);
gboolean     server_rate_exceeded     (Server *server, SoupServerMessage *msg, const gchar *kind,
                                       const gchar *key, guint limit, gboolean count);
void         server_rate_prune        (Server *server);
const gchar *server_body_string       (JsonObject *body, const gchar *field,
                                       JsonObject *details, const gchar **first);
gboolean     server_body_int          (JsonObject *body, const gchar *field, gint64 *out,
                                       JsonObject *details, const gchar **first);
void         server_json_set_column   (JsonObject *obj, const gchar *name,
                                       sqlite3_stmt *stmt, int col);
void         server_json_set_time     (JsonObject *obj, const gchar *name, gint64 usec);

/* server-list.c */
typedef struct {
  const gchar *table;
  const gchar *columns;
  const gchar *search_condition;  /* SQL matching ?4, the LIKE pattern of search */
  JsonNode   *(*row_to_json)      (Server *server, sqlite3_stmt *stmt);
  const gchar *message;           /* N_() */
} ServerListKind;

void         server_list              (Server *server, SoupServerMessage *msg, ServerAccount *account,
                                       GHashTable *query, const ServerListKind *kind);
void         server_stats_add_created (Server *server, JsonObject *data, const gchar *table,
                                       const gchar *company);

/* server-password.c */
gchar       *server_password_hash     (const gchar *password);
gboolean     server_password_verify   (const gchar *password, const gchar *stored);
gboolean     server_constant_time_equal (const gchar *a, const gchar *b);

/* server-secrets.c */
void         server_secrets_create    (Server *server, SoupServerMessage *msg, ServerAccount *account,
                                       JsonObject *body, gint64 request_id);
void         server_secrets_list      (Server *server, SoupServerMessage *msg, ServerAccount *account,
                                       GHashTable *query);
void         server_secrets_get       (Server *server, SoupServerMessage *msg, ServerAccount *account,
                                       const gchar *slug);
void         server_secrets_delete    (Server *server, SoupServerMessage *msg, ServerAccount *account,
                                       const gchar *slug);
void         server_secrets_stats     (Server *server, SoupServerMessage *msg, ServerAccount *account);
/* Validates a secret body; on failure replies 422 and returns FALSE. */
gboolean     server_secrets_validate  (Server *server, SoupServerMessage *msg, JsonObject *body,
                                       gboolean from_request);
gboolean     server_secrets_insert    (Server *server, JsonObject *body, const gchar *company,
                                       const gchar *creator, gint64 request_id,
                                       gint64 views, gint64 hours, gchar **out_slug);
JsonNode    *server_secret_json       (Server *server, sqlite3_stmt *stmt, gboolean created);
JsonArray   *server_attachment_names_json (const gchar *stored_names);

/* server-requests.c */
void         server_requests_create   (Server *server, SoupServerMessage *msg, ServerAccount *account,
                                       JsonObject *body);
void         server_requests_list     (Server *server, SoupServerMessage *msg, ServerAccount *account,
                                       GHashTable *query);
void         server_requests_get      (Server *server, SoupServerMessage *msg, ServerAccount *account,
                                       const gchar *token);
void         server_requests_delete   (Server *server, SoupServerMessage *msg, ServerAccount *account,
                                       const gchar *token);
void         server_requests_stats    (Server *server, SoupServerMessage *msg, ServerAccount *account);

/* server-viewer.c */
void         server_viewer_route      (Server *server, SoupServerMessage *msg, const gchar *rest);
void         server_respond_route     (Server *server, SoupServerMessage *msg, const gchar *rest);
void         server_challenge_free    (gpointer challenge);
gboolean     server_assets_route      (Server *server, SoupServerMessage *msg, const gchar *path);

G_END_DECLS
