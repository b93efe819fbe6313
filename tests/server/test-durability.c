/* test-durability.c: SIGKILL in the middle of a stream of creates loses
 * no secret that was answered 201, and leaves none stored in part.
 *
 * Several clients create secrets with one attachment each, back to back,
 * each on its own connections; the server is killed while they run and
 * restarted on the same database. Every acknowledged secret must then be
 * found, active, with its attachment; a sample of them must open (as the
 * browser viewer would) to its content and its file; and every secret row,
 * acknowledged or not, must have its content and all of its attachments.
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

typedef struct {
  gchar       *api_url;
  const gchar *attachment;
  GMutex       lock;
  GCond        acked;
  GPtrArray   *acks;      /* Ack */
  gboolean     stop;
  guint        failures;  /* creates that got no answer: the kill */
} Stream;

static void
ack_free (gpointer data)
{
  Ack *ack = data;

  g_free (ack->slug);
  g_free (ack->link);
  g_free (ack->content);
  g_free (ack);
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
  Ack *ack;

  sharokey_secret_options_add_attachment (options, stream->attachment);
  body = _sharokey_secret_body_build (content, 1, 1, options, &key_b, &error);
  g_assert_no_error (error);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer test-token-0123456789");
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  response = soup_session_send_and_read (session, msg, NULL, &error);
  /* The kill may cut an answer after its headers: only a whole answer,
   * which names the secret, acknowledges it. */
  if (response != NULL)
    root = _sharokey_json_parse (g_bytes_get_data (response, NULL), g_bytes_get_size (response), NULL);
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

/* A secret row without its content, or without all of its attachments. */
static gint64
count_partial_secrets (const gchar *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 partial = -1;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
      "SELECT COUNT(*) FROM secrets s WHERE s.content IS NULL OR s.key_a IS NULL"
      " OR s.attachments_count != 1"
      " OR (SELECT COUNT(*) FROM attachments a WHERE a.secret_id = s.id) != 1",
      -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    partial = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return partial;
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
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;
  guint acked;

  g_assert_true (g_file_set_contents (attachment, attachment_data, -1, NULL));
  stream.api_url = g_strdup (sharokey_test_server_get_api_url (server));
  stream.attachment = attachment;
  stream.acks = g_ptr_array_new_with_free_func (ack_free);
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
  stream.stop = TRUE;
  /* Killed while the clients keep sending: some creates are in flight. */
  sharokey_test_server_kill (server);
  g_mutex_unlock (&stream.lock);
  for (guint i = 0; i < N_CLIENTS; i++)
    g_thread_join (threads[i]);
  acked = stream.acks->len;
  g_test_message ("%u creates acknowledged before SIGKILL, %u cut short", acked, stream.failures);

  sharokey_test_server_restart (server, args);
  g_assert_cmpint (count_partial_secrets (sharokey_test_server_get_db_path (server)), ==, 0);
  session = soup_session_new_with_options ("timeout", 30, NULL);
  for (guint i = 0; i < acked; i++)
    {
      assert_stored (session, server, g_ptr_array_index (stream.acks, i));
      if (i % OPEN_EVERY == 0 || i == acked - 1)
        assert_opens (server, g_ptr_array_index (stream.acks, i), attachment_data, dir);
    }

  sharokey_test_server_stop (server);
  g_ptr_array_unref (stream.acks);
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
