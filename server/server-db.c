/* server-db.c: the SQLite store of sharokey-server
 *
 * WAL mode with synchronous=NORMAL: a commit is written to the log without
 * waiting for the disk, and server-commit.c holds every answer until the log
 * is synced, so that a create answered 201 survives a crash of the server
 * and a power loss. A destroyed secret leaves no trace in the files
 * (server_db_purge_destroyed).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sharokey-private.h"
#include "server.h"

static const gchar schema[] =
  "CREATE TABLE IF NOT EXISTS secrets ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  slug TEXT NOT NULL UNIQUE,"
  "  company TEXT NOT NULL,"
  "  creator TEXT NOT NULL,"
  "  content TEXT, iv TEXT, salt TEXT, key_a TEXT,"
  "  maximum_views INTEGER NOT NULL,"
  "  current_views INTEGER NOT NULL DEFAULT 0,"
  "  expiration_hours INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL,"
  "  description TEXT, message TEXT,"
  "  password_hash TEXT,"
  "  captcha INTEGER NOT NULL DEFAULT 0,"
  "  otp_type TEXT, otp_receiver TEXT,"
  "  ip_whitelist TEXT, geolocation TEXT,"
  "  attachments_count INTEGER NOT NULL DEFAULT 0,"
  "  attachments_total_size INTEGER NOT NULL DEFAULT 0,"
  "  attachment_names TEXT,"
  "  status TEXT NOT NULL DEFAULT 'active',"
  "  request_id INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS secrets_company ON secrets (company, created_at);"
  "CREATE INDEX IF NOT EXISTS secrets_due ON secrets (status, expires_at);"
  "CREATE TABLE IF NOT EXISTS attachments ("
  "  secret_id INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  data TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  PRIMARY KEY (secret_id, position));"
  "CREATE TABLE IF NOT EXISTS requests ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  token TEXT NOT NULL UNIQUE,"
  "  company TEXT NOT NULL,"
  "  creator TEXT NOT NULL,"
  "  message TEXT, description TEXT,"
  "  secret_expiration_hours INTEGER NOT NULL,"
  "  request_expiration_hours INTEGER NOT NULL,"
  "  maximum_views INTEGER NOT NULL,"
  "  email_to TEXT, email_reply TEXT, locale TEXT,"
  "  request_expires_at INTEGER NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'active',"
  "  secret_slug TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS requests_company ON requests (company, created_at);"
  "CREATE INDEX IF NOT EXISTS requests_due ON requests (status, request_expires_at);";

/* Columns added since the first schema; a database made before them gets
 * them on open ("duplicate column" errors on newer ones are expected). */
static const gchar * const added_columns[] = {
  /* answers sealed to the requester (docs/reference/security.md) */
  "ALTER TABLE requests ADD COLUMN answer_public_key TEXT",
  "ALTER TABLE requests ADD COLUMN sealed_answer TEXT",
  "ALTER TABLE requests ADD COLUMN answered_at INTEGER",
};

/* The server's clock, which tests may shift. */
gint64
server_now (Server *server)
{
  gint64 offset = server->clock_offset;

  if (server->clock_file != NULL)
    {
      g_autofree gchar *text = NULL;
      gint64 extra;

      if (g_file_get_contents (server->clock_file, &text, NULL, NULL) &&
          g_ascii_string_to_signed (g_strstrip (text), 10, -G_MAXINT32, G_MAXINT32, &extra, NULL))
        offset += extra;
    }
  return g_get_real_time () + offset * G_USEC_PER_SEC;
}

gboolean
server_db_open (Server       *server,
                const gchar  *path,
                GError      **error)
{
  g_autofree gchar *dir = g_path_get_dirname (path);
  char *errmsg = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Cannot create %s: %s"), dir, g_strerror (errno));
      return FALSE;
    }
  if (sqlite3_open_v2 (path, &server->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot open database %s: %s"),
                   path, server->db ? sqlite3_errmsg (server->db) : "out of memory");
      sqlite3_close (server->db);
      server->db = NULL;
      return FALSE;
    }
  g_chmod (path, 0600);
  sqlite3_busy_timeout (server->db, 5000);
  if (sqlite3_exec (server->db,
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;",
                    NULL, NULL, &errmsg) != SQLITE_OK ||
      sqlite3_exec (server->db, schema, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot set up database %s: %s"),
                   path, errmsg ? errmsg : "?");
      sqlite3_free (errmsg);
      sqlite3_close (server->db);
      server->db = NULL;
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (added_columns); i++)
    sqlite3_exec (server->db, added_columns[i], NULL, NULL, NULL);
  /* Finds the sealed answers whose time is up without a scan (see
   * server_db_expire_if_due); needs the columns above. */
  sqlite3_exec (server->db, "CREATE INDEX IF NOT EXISTS requests_sealed_due ON requests"
                " (answered_at + secret_expiration_hours * 3600000000) WHERE sealed_answer IS NOT NULL",
                NULL, NULL, NULL);
  return TRUE;
}

void
server_db_close (Server *server)
{
  if (server->db == NULL)
    return;
  sqlite3_exec (server->db, "PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL, NULL);
  sqlite3_close_v2 (server->db);
  server->db = NULL;
}

sqlite3_stmt *
server_db_prepare (Server      *server,
                   const gchar *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (server->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("SQL error in \"%s\": %s", sql, sqlite3_errmsg (server->db));
  return stmt;
}

gboolean
server_db_exec (Server      *server,
                const gchar *sql)
{
  char *errmsg = NULL;

  if (sqlite3_exec (server->db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_warning ("database error: %s", errmsg ? errmsg : "?");
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

/* Wipes the ciphertext, keyA and attachments of every secret that has run
 * out of time or views, and closes expired requests. Called before each
 * request is handled and by the periodic sweep, so expired content never
 * leaves the server. */
void
server_db_expire_due (Server *server)
{
  gint64 now = server_now (server);
  sqlite3_stmt *stmt;

  server_db_exec (server, "BEGIN IMMEDIATE");
  stmt = server_db_prepare (server,
      "DELETE FROM attachments WHERE secret_id IN (SELECT id FROM secrets"
      " WHERE content IS NOT NULL AND (status != 'active' OR expires_at <= ?1"
      " OR current_views >= maximum_views))");
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  stmt = server_db_prepare (server,
      "UPDATE secrets SET content = NULL, iv = NULL, salt = NULL, key_a = NULL,"
      " status = 'expired', updated_at = ?1"
      " WHERE content IS NOT NULL AND (status != 'active' OR expires_at <= ?1"
      " OR current_views >= maximum_views)");
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (sqlite3_changes (server->db) > 0)
    server->wipe_pending = TRUE;
  stmt = server_db_prepare (server,
      "UPDATE requests SET status = 'expired', updated_at = ?1"
      " WHERE status = 'active' AND request_expires_at <= ?1");
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  /* A sealed answer lives as long as the secret the request asked for. */
  stmt = server_db_prepare (server,
      "UPDATE requests SET sealed_answer = NULL, updated_at = ?1"
      " WHERE sealed_answer IS NOT NULL"
      " AND answered_at + secret_expiration_hours * 3600000000 <= ?1");
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (sqlite3_changes (server->db) > 0)
    server->wipe_pending = TRUE;
  server_db_exec (server, "COMMIT");
}

/* Before each call: only what time alone can make due, found through the
 * indexes, so that the cost of a call does not grow with the number of
 * secrets stored. The calls that use up views or destroy a secret wipe it
 * themselves (server_db_expire_due), and the periodic sweep catches the
 * rest. */
void
server_db_expire_if_due (Server *server)
{
  sqlite3_stmt *stmt = server_db_prepare (server,
      "SELECT EXISTS (SELECT 1 FROM secrets WHERE status = 'active' AND expires_at <= ?1)"
      " OR EXISTS (SELECT 1 FROM requests WHERE status = 'active' AND request_expires_at <= ?1)"
      " OR EXISTS (SELECT 1 FROM requests WHERE sealed_answer IS NOT NULL"
      "            AND answered_at + secret_expiration_hours * 3600000000 <= ?1)");
  gboolean due;

  sqlite3_bind_int64 (stmt, 1, server_now (server));
  due = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  if (due)
    server_db_expire_due (server);
}

/* After a secret is destroyed, its ciphertext is still in the write-ahead
 * log (the frames of its insert and of each view), and maybe in freed
 * pages of the database. secure_delete zeroes what the wipe frees; a
 * checkpoint copies those zeroed pages into the database and TRUNCATE
 * empties the log, so that no file of the data directory keeps the
 * content. Needs no statement open on the connection. */
void
server_db_purge_destroyed (Server *server)
{
  int log_frames = -1, checkpointed = -1;
  int rc;

  if (!server->wipe_pending)
    return;
  server_commit_checkpoint_lock (server->commit);
  rc = sqlite3_wal_checkpoint_v2 (server->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
                                  &log_frames, &checkpointed);
  server_commit_checkpoint_unlock (server->commit);
  if (rc != SQLITE_OK)
    {
      /* Left pending: retried after the next request and by the sweep. */
      g_warning ("database checkpoint failed: %s", sqlite3_errmsg (server->db));
      return;
    }
  server->wipe_pending = FALSE;
  /* The checkpoint synced the log, then the database. */
  server_commit_synced (server);
}

gint64
server_db_count (Server      *server,
                 const gchar *select,
                 const gchar *table,
                 const gchar *company,
                 const gchar *condition,
                 gint64       since)
{
  g_autofree gchar *sql = g_strdup_printf ("SELECT %s FROM %s WHERE company = ?1 AND (%s)",
                                           select, table, condition);
  sqlite3_stmt *stmt = server_db_prepare (server, sql);
  gint64 result = 0;

  sqlite3_bind_text (stmt, 1, company, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, since);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return result;
}

/* Slugs and request tokens: uniform over A–Z a–z 0–9 (rejection sampling). */
gchar *
server_random_string (gsize length)
{
  static const gchar charset[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  gchar *out = g_malloc (length + 1);
  gsize n = 0;

  while (n < length)
    {
      guint8 buf[32];

      _sharokey_random_bytes (buf, sizeof buf, FALSE);
      for (gsize i = 0; i < sizeof buf && n < length; i++)
        if (buf[i] < 248)  /* 248 = 4 × 62 */
          out[n++] = charset[buf[i] % 62];
    }
  out[length] = '\0';
  return out;
}
