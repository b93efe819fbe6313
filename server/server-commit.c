/* server-commit.c: group commit — an answer leaves once what it reflects is on disk
 *
 * Why: with synchronous=FULL each commit waited for its own fsync of the
 * write-ahead log, on the server's only thread, so the disk's fsyncs per
 * second capped the creates per second of every client together.
 *
 * Now the connection runs with synchronous=NORMAL: a commit is written to
 * the log (in the OS cache, which already survives kill -9) and returns.
 * The answer of the call that committed is set, then held (the message is
 * paused) until a thread of this file has fdatasync()ed the log; every
 * answer that got ready while one fdatasync ran shares the next one. So a
 * 2xx still means "on disk, survives power loss", the main thread never
 * waits for the disk, and one fsync serves as many writes as arrived
 * meanwhile.
 *
 * An answer is held whenever the connection changed rows that are not yet
 * known to be on disk, even when the call itself only read: it might show
 * what a later power loss would undo. SQLite still syncs the log itself at
 * the moments its own consistency needs (WAL header, checkpoints).
 *
 * The same thread also copies the log into the database (a passive
 * checkpoint, on its own connection, a few times a second), which SQLite
 * would otherwise do on the main thread during a commit, with two fsyncs.
 * A passive checkpoint never waits for the main thread, so under a steady
 * stream of writes it never catches up with the end of the log, and the
 * log would grow without end: past RESTART_FRAMES, the checkpoint holds
 * new writes back until it is done (a few ms of the main thread, once per
 * RESTART_FRAMES pages), and the log starts again from its beginning.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "sharokey-private.h"
#include "server.h"

/* How often the log is copied into the database, at most. */
#define CHECKPOINT_USEC (G_USEC_PER_SEC / 4)
/* 4 KiB pages: 16 MiB of log. */
#define RESTART_FRAMES 4096

struct _ServerCommit {
  GMainContext *context;   /* where answers are released */
  int           log_fd;    /* our own descriptor of the write-ahead log */
  GThread      *thread;
  sqlite3      *checkpoint_db;     /* used by the thread only */
  GMutex        checkpoint_lock;   /* one checkpoint at a time */

  GMutex        lock;
  GCond         wake;
  GPtrArray    *waiting;          /* messages for the next fdatasync */
  gint64        waiting_changes;  /* total changes that fdatasync covers */
  GList        *batches;          /* synced, not yet released on the main thread */
  gboolean      stopping;

  /* main thread only */
  gint64        synced_changes;   /* total changes known to be on disk */
  gboolean      broken;           /* the log could not be synced once */
};

typedef struct {
  ServerCommit *commit;
  Server       *server;
  GPtrArray    *messages;
  gint64        changes;
  int           sync_errno;     /* 0: on disk */
  GSource      *source;
} Batch;

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  g_ptr_array_unref (batch->messages);
  g_free (batch);
}

static void
reply_not_stored (SoupServerMessage *msg)
{
  server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "SERVER_ERROR",
                      _("The change could not be written to disk"), NULL);
}

/* Main thread: the batch is on disk (or failed); its answers leave. */
static gboolean
batch_release (gpointer data)
{
  Batch *batch = data;
  ServerCommit *commit = batch->commit;

  g_mutex_lock (&commit->lock);
  commit->batches = g_list_remove (commit->batches, batch);
  g_mutex_unlock (&commit->lock);

  if (batch->sync_errno != 0 && !commit->broken)
    {
      /* Linux may drop the pages a failed fsync could not write: no later
       * write can be acknowledged from this log any more. */
      g_warning ("cannot sync the database log: %s; no write will be acknowledged"
                 " until the server is restarted", g_strerror (batch->sync_errno));
      commit->broken = TRUE;
    }
  else if (batch->sync_errno == 0)
    commit->synced_changes = MAX (commit->synced_changes, batch->changes);

  for (guint i = 0; i < batch->messages->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (batch->messages, i);

      if (batch->sync_errno != 0)
        reply_not_stored (msg);
      soup_server_message_unpause (msg);
    }
  return G_SOURCE_REMOVE;
}

static gpointer
commit_thread (gpointer data)
{
  ServerCommit *commit = data;
  gint64 last_checkpoint = g_get_monotonic_time ();
  int log_frames = 0;

  g_mutex_lock (&commit->lock);
  for (;;)
    {
      Batch *batch;
      int rc;

      while (commit->waiting->len == 0 && !commit->stopping)
        g_cond_wait (&commit->wake, &commit->lock);
      if (commit->stopping)
        break;

      batch = g_new0 (Batch, 1);
      batch->commit = commit;
      batch->messages = g_steal_pointer (&commit->waiting);
      batch->changes = commit->waiting_changes;
      commit->waiting = g_ptr_array_new_with_free_func (g_object_unref);
      g_mutex_unlock (&commit->lock);

      /* Every message of the batch was added after its commit returned:
       * this call covers all of them. */
      do
        rc = fdatasync (commit->log_fd);
      while (rc != 0 && errno == EINTR);
      batch->sync_errno = rc == 0 ? 0 : errno;

      g_mutex_lock (&commit->lock);
      batch->source = g_idle_source_new ();
      g_source_set_priority (batch->source, G_PRIORITY_DEFAULT);
      g_source_set_callback (batch->source, batch_release, batch, batch_free);
      commit->batches = g_list_prepend (commit->batches, batch);
      g_source_attach (batch->source, commit->context);
      g_source_unref (batch->source);

      if (g_get_monotonic_time () - last_checkpoint >= CHECKPOINT_USEC)
        {
          g_mutex_unlock (&commit->lock);
          server_commit_checkpoint_lock (commit);
          if (sqlite3_wal_checkpoint_v2 (commit->checkpoint_db, NULL,
                                         log_frames >= RESTART_FRAMES ? SQLITE_CHECKPOINT_RESTART
                                                                      : SQLITE_CHECKPOINT_PASSIVE,
                                         &log_frames, NULL) != SQLITE_OK)
            log_frames = 0;
          server_commit_checkpoint_unlock (commit);
          last_checkpoint = g_get_monotonic_time ();
          g_mutex_lock (&commit->lock);
        }
    }
  g_mutex_unlock (&commit->lock);
  return NULL;
}

gboolean
server_commit_start (Server       *server,
                     const gchar  *db_path,
                     GError      **error)
{
  g_autofree gchar *log_path = g_strconcat (db_path, "-wal", NULL);
  ServerCommit *commit;
  int fd;

  /* SQLite created the log when it opened the database in WAL mode. */
  fd = open (log_path, O_RDWR | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot open %s: %s"), log_path, g_strerror (saved));
      return FALSE;
    }
  commit = g_new0 (ServerCommit, 1);
  /* A connection finds the log when it first reads the database. */
  if (sqlite3_open_v2 (db_path, &commit->checkpoint_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK ||
      sqlite3_exec (commit->checkpoint_db, "PRAGMA journal_mode=WAL;", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_busy_timeout (commit->checkpoint_db, 5000) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot open database %s: %s"),
                   db_path, commit->checkpoint_db ? sqlite3_errmsg (commit->checkpoint_db) : "out of memory");
      sqlite3_close (commit->checkpoint_db);
      close (fd);
      g_free (commit);
      return FALSE;
    }
  /* Checkpoints are this file's thread's job from now on. */
  sqlite3_wal_autocheckpoint (server->db, 0);
  commit->context = g_main_context_ref_thread_default ();
  commit->log_fd = fd;
  g_mutex_init (&commit->checkpoint_lock);
  g_mutex_init (&commit->lock);
  g_cond_init (&commit->wake);
  commit->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  commit->synced_changes = sqlite3_total_changes64 (server->db);
  commit->thread = g_thread_new ("sharokey-commit", commit_thread, commit);
  server->commit = commit;
  return TRUE;
}

/* Messages still held are dropped unanswered: none was acknowledged. */
void
server_commit_stop (Server *server)
{
  ServerCommit *commit = server->commit;

  if (commit == NULL)
    return;
  g_mutex_lock (&commit->lock);
  commit->stopping = TRUE;
  g_cond_signal (&commit->wake);
  g_mutex_unlock (&commit->lock);
  g_thread_join (commit->thread);

  while (commit->batches != NULL)
    {
      Batch *batch = commit->batches->data;

      commit->batches = g_list_delete_link (commit->batches, commit->batches);
      g_source_destroy (batch->source);  /* frees the batch */
    }
  g_ptr_array_unref (commit->waiting);
  sqlite3_close (commit->checkpoint_db);
  g_mutex_clear (&commit->checkpoint_lock);
  g_mutex_clear (&commit->lock);
  g_cond_clear (&commit->wake);
  close (commit->log_fd);
  g_main_context_unref (commit->context);
  g_free (commit);
  server->commit = NULL;
}

void
server_commit_answer (Server            *server,
                      SoupServerMessage *msg)
{
  ServerCommit *commit = server->commit;
  gint64 changes;

  if (commit == NULL)
    return;
  changes = sqlite3_total_changes64 (server->db);
  if (changes <= commit->synced_changes)
    return;
  if (commit->broken)
    {
      reply_not_stored (msg);
      return;
    }
  soup_server_message_pause (msg);
  g_mutex_lock (&commit->lock);
  g_ptr_array_add (commit->waiting, g_object_ref (msg));
  commit->waiting_changes = changes;
  g_cond_signal (&commit->wake);
  g_mutex_unlock (&commit->lock);
}

void
server_commit_synced (Server *server)
{
  if (server->commit != NULL && !server->commit->broken)
    server->commit->synced_changes = sqlite3_total_changes64 (server->db);
}

/* SQLite refuses a second checkpoint while one runs (SQLITE_BUSY, without
 * waiting): the truncating one of a destroying call waits here instead. */
void
server_commit_checkpoint_lock (ServerCommit *commit)
{
  if (commit != NULL)
    g_mutex_lock (&commit->checkpoint_lock);
}

void
server_commit_checkpoint_unlock (ServerCommit *commit)
{
  if (commit != NULL)
    g_mutex_unlock (&commit->checkpoint_lock);
}
