/* test-durability.c: SIGKILL in the middle of a stream of creates loses
 * no secret that was answered 201, and leaves none stored in part.
 *
 * Several clients create secrets with one attachment each, back to back,
 * each on its own connections; the server is killed while they run and
 * restarted on the same database. The kill comes at a moment when at least
 * one create was sent in full and not yet answered (the clients count the
 * requests written and the answers read), so that one really is in flight.
 * Every acknowledged secret must then be found, active, with its
 * attachment; a sample of them must open (as the browser viewer would) to
 * its content and its file; each create in flight at the kill that got no
 * answer must be either whole (found and opening) or absent; and every
 * secret row, acknowledged or not, must have its content and all of its
 * attachments, and no attachment may be left without its secret.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "sharokey-private.h"
#include "sharokey-test-server.h"

#define N_CLIENTS 6
/* Kill once this many creates were acknowledged. */
#define ACKS_BEFORE_KILL 60
#define WAIT_USEC (60 * G_USEC_PER_SEC)

/* Opened in full: one acknowledged secret in OPEN_EVERY (each open is a
 * process), and the last one. */
#define OPEN_EVERY 16

typedef struct {
  gchar *slug;
  gchar *link;     /* /s/SLUG#KEYB: the port changes with the restart */
  gchar *content;
} Ack;

/* A create a client has on the wire, sent in full and not answered yet. */
typedef struct {
  gboolean  sent;
  gchar    *content;
  gchar    *iv;       /* base64, as sent: how the database names it */
  gchar    *key_b;
} InFlight;

typedef struct {
  gchar       *api_url;
  const gchar *attachment;
  GMutex       lock;
  GCond        acked;
  GPtrArray   *acks;      /* Ack */
  gboolean     stop;
  guint        failures;  /* creates that got no answer: the kill */
  guint        sent;      /* requests written in full */
  guint        answered;  /* whole answers read */
  InFlight     in_flight[N_CLIENTS];
  /* Armed, the next request written in full kills the server: it cannot
   * have been answered then. */
  SharokeyTestServer *server;
  gboolean     kill_armed;
  gboolean     killed;
  GCond        killed_cond;
  GPtrArray   *in_flight_at_kill;  /* InFlight copies */
  guint        sent_at_kill;
  guint        answered_at_kill;
} Stream;

/* What "wrote-body" needs to mark a client's create as sent. */
typedef struct {
  Stream *stream;
  guint   client;
} Sender;

static void
ack_free (gpointer data)
{
  Ack *ack = data;

  g_free (ack->slug);
  g_free (ack->link);
  g_free (ack->content);
  g_free (ack);
}

static void
in_flight_clear (InFlight *in_flight)
{
  in_flight->sent = FALSE;
  g_clear_pointer (&in_flight->content, g_free);
  g_clear_pointer (&in_flight->iv, g_free);
  g_clear_pointer (&in_flight->key_b, sharokey_wipe_free);
}

static void
in_flight_free (gpointer data)
{
  in_flight_clear (data);
  g_free (data);
}

/* SIGKILL now; what the clients had sent and not had answered is kept.
 * Called with the lock held, so no answer is read in between. */
static void
kill_server_locked (Stream *stream)
{
  for (guint i = 0; i < N_CLIENTS; i++)
    if (stream->in_flight[i].sent)
      {
        InFlight *copy = g_new0 (InFlight, 1);

        copy->content = g_strdup (stream->in_flight[i].content);
        copy->iv = g_strdup (stream->in_flight[i].iv);
        copy->key_b = g_strdup (stream->in_flight[i].key_b);
        g_ptr_array_add (stream->in_flight_at_kill, copy);
      }
  stream->sent_at_kill = stream->sent;
  stream->answered_at_kill = stream->answered;
  sharokey_test_server_kill (stream->server);
  stream->killed = TRUE;
  stream->stop = TRUE;
  g_cond_broadcast (&stream->killed_cond);
}

/* The request's last byte is written: from now on the create is in flight
 * until its answer is read. */
static void
wrote_body_cb (SoupMessage *msg,
               gpointer     data)
{
  Sender *sender = data;
  Stream *stream = sender->stream;

  g_mutex_lock (&stream->lock);
  stream->sent++;
  stream->in_flight[sender->client].sent = TRUE;
  if (stream->kill_armed && !stream->killed)
    kill_server_locked (stream);
  g_mutex_unlock (&stream->lock);
}

/* The iv member of a create's body. */
static gchar *
body_iv (GBytes *body)
{
  g_autoptr(JsonNode) root = _sharokey_json_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL);

  g_assert_nonnull (root);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "iv"));
}

/* One create; returns its Ack on 201, NULL when it got no whole answer.
 * Any answer other than 201 fails the test: the server is not overloaded. */
static Ack *
create_one (SoupSession *session,
            Stream      *stream,
            guint        client,
            guint        n)
{
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autofree gchar *content = g_strdup_printf ("durable %u-%u", client, n);
  g_autofree gchar *url = g_strconcat (stream->api_url, "/secrets", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gchar *key_b = NULL;
  const gchar *access_url;
  Sender sender = { stream, client };
  InFlight *in_flight = &stream->in_flight[client];
  Ack *ack;

  sharokey_secret_options_add_attachment (options, stream->attachment);
  body = _sharokey_secret_body_build (content, 1, 1, options, &key_b, &error);
  g_assert_no_error (error);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer test-token-0123456789");
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  g_signal_connect (msg, "wrote-body", G_CALLBACK (wrote_body_cb), &sender);
  g_mutex_lock (&stream->lock);
  in_flight_clear (in_flight);
  in_flight->content = g_strdup (content);
  in_flight->iv = body_iv (body);
  in_flight->key_b = g_strdup (key_b);
  g_mutex_unlock (&stream->lock);
  response = soup_session_send_and_read (session, msg, NULL, &error);
  /* The kill may cut an answer after its headers: only a whole answer,
   * which names the secret, acknowledges it. */
  if (response != NULL)
    root = _sharokey_json_parse (g_bytes_get_data (response, NULL), g_bytes_get_size (response), NULL);
  g_mutex_lock (&stream->lock);
  in_flight->sent = FALSE;
  if (root != NULL)
    stream->answered++;
  g_mutex_unlock (&stream->lock);
  if (root == NULL)
    return NULL;
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
  access_url = json_object_get_string_member (json_object_get_object_member (json_node_get_object (root), "data"),
                                              "access_url");
  ack = g_new0 (Ack, 1);
  g_assert_nonnull (access_url);
  g_assert_nonnull (g_strrstr (access_url, "/s/"));
  ack->slug = g_strdup (g_strrstr (access_url, "/s/") + 3);
  ack->link = g_strconcat (g_strrstr (access_url, "/s/"), "#", key_b, NULL);
  ack->content = g_steal_pointer (&content);
  sharokey_wipe_free (g_steal_pointer (&key_b));
  return ack;
}

static gpointer
client_run (gpointer data)
{
  Stream *stream = data;
  static gint next_client;
  guint client = g_atomic_int_add (&next_client, 1);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);

  for (guint n = 0; ; n++)
    {
      Ack *ack = create_one (session, stream, client, n);

      g_mutex_lock (&stream->lock);
      if (ack != NULL)
        {
          g_ptr_array_add (stream->acks, ack);
          g_cond_signal (&stream->acked);
        }
      else
        stream->failures++;
      if (ack == NULL || stream->stop)
        {
          g_mutex_unlock (&stream->lock);
          return NULL;
        }
      g_mutex_unlock (&stream->lock);
    }
}

/* The one number that @sql (a SELECT COUNT(*)) gives on the database. */
static gint64
count_rows (const gchar *db_path,
            const gchar *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

/* A secret row without its content, or without all of its attachments. */
#define PARTIAL_SECRETS \
  "SELECT COUNT(*) FROM secrets s WHERE s.content IS NULL OR s.key_a IS NULL" \
  " OR s.attachments_count != 1" \
  " OR (SELECT COUNT(*) FROM attachments a WHERE a.secret_id = s.id) != 1"
/* Attachment rows whose secret is not there. */
#define ORPHAN_ATTACHMENTS \
  "SELECT COUNT(*) FROM attachments a WHERE NOT EXISTS (SELECT 1 FROM secrets s WHERE s.id = a.secret_id)"

/* The slug of the secret stored with @iv, or NULL when there is none. */
static gchar *
slug_of_iv (const gchar *db_path,
            const gchar *iv)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gchar *slug = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT slug FROM secrets WHERE iv = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, iv, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    slug = g_strdup ((const gchar *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return slug;
}

static gboolean
acked_content (GPtrArray   *acks,
               const gchar *content)
{
  for (guint i = 0; i < acks->len; i++)
    if (g_str_equal (((Ack *) g_ptr_array_index (acks, i))->content, content))
      return TRUE;
  return FALSE;
}

/* The API knows @ack: active, with its one attachment. */
static void
assert_stored (SoupSession        *session,
               SharokeyTestServer *server,
               Ack                *ack)
{
  g_autofree gchar *url = g_strconcat (sharokey_test_server_get_api_url (server), "/secrets/", ack->slug, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *data;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer test-token-0123456789");
  response = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) != 200)
    g_error ("the acknowledged secret \"%s\" is not found after the restart (%u)",
             ack->content, soup_message_get_status (msg));
  root = _sharokey_json_parse (g_bytes_get_data (response, NULL), g_bytes_get_size (response), NULL);
  g_assert_nonnull (root);
  data = json_object_get_object_member (json_node_get_object (root), "data");
  g_assert_cmpstr (json_object_get_string_member (data, "status"), ==, "active");
  g_assert_cmpint (json_object_get_int_member (data, "attachments_count"), ==, 1);
}

/* Opens @ack as the viewer does; its content and file must come back. */
static void
assert_opens (SharokeyTestServer *server,
              Ack                *ack,
              const gchar        *attachment_data,
              const gchar        *dir)
{
  g_autofree gchar *share_url = g_strconcat (sharokey_test_server_get_base_url (server), ack->link, NULL);
  g_autoptr(GSubprocess) open = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gchar *out_dir = g_build_filename (dir, "opened", NULL);
  g_autofree gchar *file = g_build_filename (out_dir, "file.txt", NULL);
  g_autofree gchar *file_data = NULL;

  g_assert_cmpint (g_mkdir_with_parents (out_dir, 0700), ==, 0);
  input = g_bytes_new (share_url, strlen (share_url));
  open = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                           g_getenv ("SHAROKEY_TEST_OPEN"), "--attachments", out_dir, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (open, input, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (open));
  if (g_subprocess_get_exit_status (open) != 0)
    g_error ("the acknowledged secret \"%s\" did not open after the restart", ack->content);
  g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out),
                   ack->content, strlen (ack->content));
  g_assert_true (g_file_get_contents (file, &file_data, NULL, NULL));
  g_assert_cmpstr (file_data, ==, attachment_data);
  g_assert_cmpint (g_remove (file), ==, 0);
}

static void
test_sigkill_during_creates (void)
{
  const gchar *args[] = { "--rate-limit", "100000", NULL };
  const gchar *attachment_data = "the attached file, stored in the same transaction\n";
  g_autofree gchar *dir = g_dir_make_tmp ("sharokey-durability-XXXXXX", NULL);
  g_autofree gchar *attachment = g_build_filename (dir, "file.txt", NULL);
  g_autofree gchar *opened = g_build_filename (dir, "opened", NULL);
  SharokeyTestServer *server = sharokey_test_server_start (args);
  g_autoptr(SoupSession) session = NULL;
  GThread *threads[N_CLIENTS];
  Stream stream = { 0 };
  GPtrArray *in_flight;
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;
  const gchar *db_path;
  guint acked, sent, answered;
  guint n_answered_anyway = 0, n_whole = 0;

  g_assert_true (g_file_set_contents (attachment, attachment_data, -1, NULL));
  stream.api_url = g_strdup (sharokey_test_server_get_api_url (server));
  stream.attachment = attachment;
  stream.acks = g_ptr_array_new_with_free_func (ack_free);
  stream.in_flight_at_kill = g_ptr_array_new_with_free_func (in_flight_free);
  stream.server = server;
  g_cond_init (&stream.killed_cond);
  g_mutex_init (&stream.lock);
  g_cond_init (&stream.acked);
  for (guint i = 0; i < N_CLIENTS; i++)
    threads[i] = g_thread_new ("durability-client", client_run, &stream);

  g_mutex_lock (&stream.lock);
  while (stream.acks->len < ACKS_BEFORE_KILL && stream.failures == 0)
    if (!g_cond_wait_until (&stream.acked, &stream.lock, deadline))
      break;
  g_assert_cmpuint (stream.failures, ==, 0);
  g_assert_cmpuint (stream.acks->len, >=, ACKS_BEFORE_KILL);
  /* Killed while the clients keep sending, by the next request written in
   * full: that create at least is in flight. */
  stream.kill_armed = TRUE;
  while (!stream.killed)
    if (!g_cond_wait_until (&stream.killed_cond, &stream.lock, deadline))
      break;
  g_assert_true (stream.killed);
  g_mutex_unlock (&stream.lock);
  in_flight = stream.in_flight_at_kill;
  sent = stream.sent_at_kill;
  answered = stream.answered_at_kill;
  g_assert_cmpuint (in_flight->len, >, 0);
  g_assert_cmpuint (sent, >, answered);
  for (guint i = 0; i < N_CLIENTS; i++)
    g_thread_join (threads[i]);
  acked = stream.acks->len;

  sharokey_test_server_restart (server, args);
  db_path = sharokey_test_server_get_db_path (server);
  g_assert_cmpint (count_rows (db_path, PARTIAL_SECRETS), ==, 0);
  g_assert_cmpint (count_rows (db_path, ORPHAN_ATTACHMENTS), ==, 0);
  session = soup_session_new_with_options ("timeout", 30, NULL);
  for (guint i = 0; i < acked; i++)
    {
      assert_stored (session, server, g_ptr_array_index (stream.acks, i));
      if (i % OPEN_EVERY == 0 || i == acked - 1)
        assert_opens (server, g_ptr_array_index (stream.acks, i), attachment_data, dir);
    }

  /* A create in flight at the kill whose answer was already on its way is
   * among the acknowledged; one that got none is whole or absent. */
  for (guint i = 0; i < in_flight->len; i++)
    {
      InFlight *cut = g_ptr_array_index (in_flight, i);
      g_autofree gchar *slug = NULL;

      if (acked_content (stream.acks, cut->content))
        {
          n_answered_anyway++;
          continue;
        }
      slug = slug_of_iv (db_path, cut->iv);
      if (slug != NULL)
        {
          Ack whole = { slug, g_strconcat ("/s/", slug, "#", cut->key_b, NULL), cut->content };

          assert_stored (session, server, &whole);
          assert_opens (server, &whole, attachment_data, dir);
          g_free (whole.link);
          n_whole++;
        }
    }
  g_test_message ("%u creates acknowledged before SIGKILL (%u sent, %u answered at the kill), %u cut short; "
                  "%u in flight at the kill: %u answered anyway, %u stored whole, %u absent",
                  acked, sent, answered, stream.failures, in_flight->len, n_answered_anyway, n_whole,
                  in_flight->len - n_answered_anyway - n_whole);

  sharokey_test_server_stop (server);
  g_ptr_array_unref (stream.acks);
  g_ptr_array_unref (stream.in_flight_at_kill);
  g_cond_clear (&stream.killed_cond);
  for (guint i = 0; i < N_CLIENTS; i++)
    in_flight_clear (&stream.in_flight[i]);
  g_mutex_clear (&stream.lock);
  g_cond_clear (&stream.acked);
  g_free (stream.api_url);
  g_remove (attachment);
  g_rmdir (opened);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server/durability/sigkill-during-creates", test_sigkill_during_creates);
  return g_test_run ();
}
