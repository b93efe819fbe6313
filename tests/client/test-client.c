/* test-client.c: every SharokeyClient call, sync and async, against a real
 * sharokey-server on a loopback port with a fresh database
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sharokey-client-private.h"
#include "client-test-util.h"
#include "sharokey-test-server.h"

static SharokeyTestServer *shared_server;

/* --- helpers --- */

static SharokeyClient *
client_for (SharokeyTestServer *server,
            const gchar        *token)
{
  return g_object_new (SHAROKEY_TYPE_CLIENT,
                       "token", token ? token : sharokey_test_server_get_token (server),
                       "api-url", sharokey_test_server_get_api_url (server),
                       "timeout", 20,
                       NULL);
}

static SharokeyClient *
shared_client (void)
{
  return client_for (shared_server, NULL);
}

static gboolean
tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static JsonObject *
data_of (JsonNode *envelope)
{
  JsonObject *root;

  g_assert_nonnull (envelope);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (envelope));
  root = json_node_get_object (envelope);
  g_assert_true (json_object_get_boolean_member_with_default (root, "success", FALSE));
  return json_object_get_object_member (root, "data");
}

/* The server's JSON of a typed result. */
static JsonObject *
json_of (gpointer object)
{
  gpointer node;

  g_assert_nonnull (object);
  if (SHAROKEY_IS_SECRET (object))
    node = sharokey_secret_get_json (object);
  else if (SHAROKEY_IS_SECRET_REQUEST (object))
    node = sharokey_secret_request_get_json (object);
  else if (SHAROKEY_IS_STATS (object))
    node = sharokey_stats_get_json (object);
  else
    node = sharokey_request_stats_get_json (object);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* keyB of a share link, checked for shape. */
static const gchar *
check_share_url (SharokeySecret *secret)
{
  const gchar *access_url = sharokey_secret_get_access_url (secret);
  const gchar *share_url = sharokey_secret_get_share_url (secret);
  const gchar *key_b;

  /* the key never goes into the server's JSON */
  g_assert_false (json_object_has_member (json_of (secret), "share_url"));
  g_assert_nonnull (access_url);
  g_assert_nonnull (share_url);
  g_assert_true (g_str_has_prefix (share_url, access_url));
  g_assert_cmpint (share_url[strlen (access_url)], ==, '#');
  key_b = share_url + strlen (access_url) + 1;
  g_assert_cmpuint (strlen (key_b), ==, SHAROKEY_KEY_B_LENGTH);
  for (const gchar *p = key_b; *p; p++)
    g_assert_true (g_ascii_isalnum (*p));
  return key_b;
}

/* Opens a link the way the viewer does; returns the plaintext and sets
 * @out_status to the opener's exit status. */
static GBytes *
open_link (const gchar *share_url,
           const gchar *password,
           const gchar *attachments_dir,
           gint        *out_status)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) input = g_bytes_new (share_url, strlen (share_url));
  g_autoptr(GError) error = NULL;
  GBytes *output = NULL;
  const gchar *opener = g_getenv ("SHAROKEY_TEST_OPEN");

  g_assert_nonnull (opener);
  if (password != NULL)
    g_subprocess_launcher_setenv (launcher, "SHAROKEY_TEST_PASSWORD", password, TRUE);
  if (attachments_dir != NULL)
    process = g_subprocess_launcher_spawn (launcher, &error, opener, "--attachments", attachments_dir, NULL);
  else
    process = g_subprocess_launcher_spawn (launcher, &error, opener, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, input, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  *out_status = g_subprocess_get_exit_status (process);
  return output;
}

static void
assert_opens_to (const gchar *share_url,
                 const gchar *password,
                 const gchar *plaintext)
{
  gint status = -1;
  g_autoptr(GBytes) output = open_link (share_url, password, NULL, &status);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpmem (g_bytes_get_data (output, NULL), g_bytes_get_size (output),
                   plaintext, strlen (plaintext));
}

static gchar *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  gchar *dir = g_dir_make_tmp ("sharokey-client-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const gchar *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const gchar *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree gchar *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static gchar *
write_random_file (const gchar *dir,
                   const gchar *name,
                   gsize        size)
{
  gchar *path = g_build_filename (dir, name, NULL);
  g_autofree guint8 *data = g_malloc (size);
  g_autoptr(GError) error = NULL;

  /* Content does not need to be secret here, only varied. */
  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) ((i * 2654435761u) >> 13);
  g_assert_true (g_file_set_contents (path, (const gchar *) data, (gssize) size, &error));
  g_assert_no_error (error);
  return path;
}

/* --- create --- */

static void
test_create_sync (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeySecret) created = NULL;
  g_autoptr(SharokeySecret) details = NULL;
  const gchar *plaintext = "h\xc3\xa9llo w\xc3\xb6rld \xe2\x9c\x93 \"quoted\"\n  line two ";
  const gchar *slug;
  GDateTime *expiration;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  sharokey_secret_options_set_description (options, "sync create");
  sharokey_secret_options_set_message (options, "for you");
  created = sharokey_client_create_sync (client, plaintext, 24, 2, options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  slug = sharokey_secret_get_slug (created);
  g_assert_nonnull (slug);
  check_share_url (created);
  g_assert_cmpstr (sharokey_secret_get_description (created), ==, "sync create");
  g_assert_cmpuint (sharokey_secret_get_maximum_views (created), ==, 2);
  g_assert_cmpuint (sharokey_secret_get_current_views (created), ==, 0);
  g_assert_cmpint (sharokey_secret_get_status (created), ==, SHAROKEY_SECRET_STATUS_ACTIVE);
  /* 24 hours from now, give or take the call */
  expiration = sharokey_secret_get_expiration (created);
  g_assert_nonnull (expiration);
  g_assert_cmpint (g_date_time_difference (expiration, now) / G_TIME_SPAN_HOUR, >=, 23);
  g_assert_cmpint (g_date_time_difference (expiration, now) / G_TIME_SPAN_HOUR, <=, 24);

  details = sharokey_client_get_sync (client, slug, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sharokey_secret_get_slug (details), ==, slug);
  g_assert_cmpstr (sharokey_secret_get_message (details), ==, "for you");
  /* only create's result carries the link */
  g_assert_null (sharokey_secret_get_share_url (details));
  g_assert_true (g_date_time_equal (sharokey_secret_get_expiration (details), expiration));

  assert_opens_to (sharokey_secret_get_share_url (created), NULL, plaintext);
}

static void
test_create_async (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SharokeySecret) created = NULL;
  gint status = -1;
  g_autoptr(GBytes) refused = NULL;

  sharokey_secret_options_set_password (options, "open sesame");
  sharokey_client_create_async (client, "async secret", 1, 1, options, NULL, NULL, NULL, NULL,
                                client_test_store_result, &result);
  /* the options were copied when the call started */
  sharokey_secret_options_set_password (options, NULL);
  client_test_await (&result);
  created = sharokey_client_create_finish (client, result, &error);
  g_assert_no_error (error);
  check_share_url (created);
  g_assert_true (sharokey_secret_get_has_password (created));

  /* the wrong password opens nothing and consumes no view */
  refused = open_link (sharokey_secret_get_share_url (created), "wrong", NULL, &status);
  g_assert_cmpint (status, !=, 0);
  assert_opens_to (sharokey_secret_get_share_url (created), "open sesame", "async secret");
}

#define MANY_CREATES 20    /* more than the client's connections (16) */

/* More creates than connections, all started at once: the ones that wait
 * for a connection are sent in turn, and each link opens to its own
 * content. */
static void
test_create_many_at_once (void)
{
  /* Each timeout runs from the start of its call, its wait included: the
   * last ones wait for all the others, which a busy machine (valgrind)
   * can make slow. */
  g_autoptr(SharokeyClient) client = g_object_new (SHAROKEY_TYPE_CLIENT,
                                                   "token", sharokey_test_server_get_token (shared_server),
                                                   "api-url", sharokey_test_server_get_api_url (shared_server),
                                                   "timeout", 600,
                                                   NULL);
  GAsyncResult *results[MANY_CREATES] = { NULL, };
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < MANY_CREATES; i++)
    {
      g_autofree gchar *content = g_strdup_printf ("secret number %u", i);

      sharokey_client_create_async (client, content, 1, 1, NULL, NULL, NULL, NULL, NULL,
                                    client_test_store_result, &results[i]);
    }
  for (guint i = 0; i < MANY_CREATES; i++)
    {
      g_autoptr(GError) error = NULL;
      SharokeySecret *secret;

      client_test_await (&results[i]);
      secret = sharokey_client_create_finish (client, results[i], &error);
      g_assert_no_error (error);
      check_share_url (secret);
      g_ptr_array_add (created, secret);
      g_clear_object (&results[i]);
    }
  for (guint i = 0; i < MANY_CREATES; i += MANY_CREATES / 3)
    {
      g_autofree gchar *content = g_strdup_printf ("secret number %u", i);

      assert_opens_to (sharokey_secret_get_share_url (created->pdata[i]), NULL, content);
    }
}

typedef struct {
  GThread *thread;
  guint64 last_sent;
  guint64 total;
  guint count;
  GCancellable *cancel_midway;
  gboolean freed;
} Progress;

static void
on_progress (goffset  sent,
             goffset  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpint (sent, >=, 0);
  g_assert_cmpint (total, >, 0);
  /* in the caller's thread, monotonic, never past the total */
  g_assert_true (g_thread_self () == progress->thread);
  g_assert_cmpuint (sent, >=, progress->last_sent);
  g_assert_cmpuint (sent, <=, total);
  if (progress->count > 0)
    g_assert_cmpuint (total, ==, progress->total);
  progress->last_sent = sent;
  progress->total = total;
  progress->count++;
  if (progress->cancel_midway != NULL && sent > 0 && sent < total)
    g_cancellable_cancel (progress->cancel_midway);
}

/* Stands for the GDestroyNotify of a progress callback's data. */
static void progress_done (gpointer user_data);

static void
test_create_attachments (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SharokeySecret) created = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autofree gchar *dir = make_temp_dir ();
  g_autofree gchar *out_dir = make_temp_dir ();
  g_autofree gchar *big = write_random_file (dir, "big.bin", 3 * 1024 * 1024);
  g_autofree gchar *small = write_random_file (dir, "small notes.txt", 1000);
  Progress progress = { g_thread_self (), 0, 0, 0, NULL };
  gint status = -1;

  sharokey_secret_options_add_attachment (options, big);
  sharokey_secret_options_add_attachment (options, small);

  sharokey_client_create_async (client, "with files", 1, 1, options, on_progress, &progress,
                                progress_done, NULL, client_test_store_result, &result);
  client_test_await (&result);
  created = sharokey_client_create_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sharokey_secret_get_attachments_count (created), ==, 2);

  /* base64 of 3 MB alone is 4 MB: the total is the whole body */
  g_assert_cmpuint (progress.count, >=, 2);
  g_assert_cmpuint (progress.total, >, 4 * 1024 * 1024);
  g_assert_cmpuint (progress.last_sent, ==, progress.total);

  output = open_link (sharokey_secret_get_share_url (created), NULL, out_dir, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpmem (g_bytes_get_data (output, NULL), g_bytes_get_size (output), "with files", 10);
  for (guint i = 0; i < 2; i++)
    {
      const gchar *name = i == 0 ? "big.bin" : "small notes.txt";
      g_autofree gchar *original = g_build_filename (dir, name, NULL);
      g_autofree gchar *opened = g_build_filename (out_dir, name, NULL);
      g_autofree gchar *a = NULL, *b = NULL;
      gsize a_len = 0, b_len = 0;

      g_assert_true (g_file_get_contents (original, &a, &a_len, NULL));
      g_assert_true (g_file_get_contents (opened, &b, &b_len, NULL));
      g_assert_cmpmem (a, a_len, b, b_len);
    }
  /* the progress data was freed once the call was over */
  g_clear_object (&result);
  g_assert_true (progress.freed);
  remove_dir (dir);
  remove_dir (out_dir);
}

static void
progress_done (gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_false (progress->freed);
  progress->freed = TRUE;
}

/* Decrypts through the reveal endpoint with the library's own decrypt. */
static void
test_create_reveal_decrypt (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeySecret) created = NULL;
  g_autoptr(JsonNode) revealed = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GBytes) plaintext = NULL;
  g_autofree gchar *path = NULL;
  g_autofree gchar *key = NULL;
  JsonObject *payload;

  created = sharokey_client_create_sync (client, "decrypt me", 1, 1, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  path = g_strdup_printf ("/viewer/%s/reveal", sharokey_secret_get_slug (created));
  revealed = _sharokey_client_send_sync (client, "POST", path, NULL, body, NULL, &error);
  g_assert_no_error (error);
  payload = data_of (revealed);
  key = g_strconcat (json_object_get_string_member (payload, "key"), check_share_url (created), NULL);
  plaintext = sharokey_decrypt (key, json_object_get_string_member (payload, "content"),
                                json_object_get_string_member (payload, "iv"),
                                json_object_get_string_member (payload, "salt"), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plaintext, NULL), g_bytes_get_size (plaintext), "decrypt me", 10);

  /* one view only: the second reveal finds nothing */
  g_clear_pointer (&revealed, json_node_unref);
  revealed = _sharokey_client_send_sync (client, "POST", path, NULL, body, NULL, &error);
  g_assert_null (revealed);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND);
}

/* --- list, get, delete, stats --- */

static gchar *
unique_marker (const gchar *prefix)
{
  g_autofree gchar *key = sharokey_generate_key_string ();

  return g_strdup_printf ("%s-%.12s", prefix, key);
}

static guint
items_count (SharokeyPage *page)
{
  g_assert_nonnull (page);
  return g_list_model_get_n_items (G_LIST_MODEL (page));
}

static void
check_list_calls (SharokeyTestServer *server)
{
  g_autoptr(SharokeyClient) client = client_for (server, NULL);
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autofree gchar *marker = unique_marker ("list");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SharokeyPage) all = NULL, one = NULL, found = NULL, active = NULL;
  g_autoptr(SharokeyPage) first = NULL, second = NULL, third = NULL;
  g_autoptr(SharokeySecret) newest = NULL, oldest = NULL;

  sharokey_secret_options_set_description (options, marker);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SharokeySecret) created = sharokey_client_create_sync (client, "listed", 1, 1, options,
                                                                       NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  all = sharokey_client_list_sync (client, 0, 0, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items_count (all), >=, 3);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (all)) == SHAROKEY_TYPE_SECRET);

  one = sharokey_client_list_sync (client, 1, 0, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items_count (one), ==, 1);
  g_assert_cmpuint (sharokey_page_get_total (one), ==, items_count (all));

  sharokey_client_list_async (client, 50, 0, "active", "alice@example.com", marker, NULL, client_test_store_result, &result);
  client_test_await (&result);
  found = sharokey_client_list_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items_count (found), ==, 3);
  g_assert_cmpuint (sharokey_page_get_total (found), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SharokeySecret) item = g_list_model_get_item (G_LIST_MODEL (found), i);

      g_assert_cmpstr (sharokey_secret_get_description (item), ==, marker);
      g_assert_cmpint (sharokey_secret_get_status (item), ==, SHAROKEY_SECRET_STATUS_ACTIVE);
      g_assert_nonnull (sharokey_secret_get_expiration (item));
      g_assert_null (sharokey_secret_get_share_url (item));
    }

  /* pages of two: the server's `page` parameter walks the list */
  first = sharokey_client_list_sync (client, 2, 1, NULL, NULL, marker, NULL, &error);
  g_assert_no_error (error);
  second = sharokey_client_list_sync (client, 2, 2, NULL, NULL, marker, NULL, &error);
  g_assert_no_error (error);
  third = sharokey_client_list_sync (client, 2, 3, NULL, NULL, marker, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items_count (first), ==, 2);
  g_assert_cmpuint (items_count (second), ==, 1);
  g_assert_cmpuint (items_count (third), ==, 0);
  g_assert_cmpuint (sharokey_page_get_page (second), ==, 2);
  g_assert_cmpuint (sharokey_page_get_last_page (first), ==, 2);
  g_assert_cmpuint (sharokey_page_get_total (second), ==, 3);
  newest = g_list_model_get_item (G_LIST_MODEL (first), 0);
  oldest = g_list_model_get_item (G_LIST_MODEL (second), 0);
  g_assert_cmpstr (sharokey_secret_get_slug (newest), !=, sharokey_secret_get_slug (oldest));

  active = sharokey_client_list_sync (client, 0, 0, "expired", NULL, marker, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items_count (active), ==, 0);
}

static void
test_list (void)
{
  check_list_calls (shared_server);
}

static void
test_list_docs_shape (void)
{
  const gchar *args[] = { "--list-shape", "docs", NULL };
  SharokeyTestServer *server = sharokey_test_server_start (args);
  g_autoptr(SharokeyClient) client = client_for (server, NULL);
  g_autoptr(SharokeyRequestOptions) request = sharokey_request_options_new ();
  g_autoptr(SharokeySecretRequest) created = NULL;
  g_autoptr(SharokeyPage) requests = NULL;
  g_autoptr(GError) error = NULL;

  check_list_calls (server);

  created = sharokey_client_create_request_sync (client, request, NULL, &error);
  g_assert_no_error (error);
  requests = sharokey_client_list_requests_sync (client, 10, 0, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items_count (requests), ==, 1);
  sharokey_test_server_stop (server);
}

static void
test_get_delete (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SharokeySecret) first = NULL, second = NULL, got = NULL, after = NULL;
  g_autoptr(GBytes) gone = NULL;
  const gchar *slug;
  gint status = -1;

  first = sharokey_client_create_sync (client, "to delete", 1, 3, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  second = sharokey_client_create_sync (client, "to delete too", 1, 3, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  slug = sharokey_secret_get_slug (first);

  sharokey_client_get_async (client, slug, NULL, client_test_store_result, &result);
  client_test_await (&result);
  got = sharokey_client_get_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sharokey_secret_get_status (got), ==, SHAROKEY_SECRET_STATUS_ACTIVE);
  g_assert_false (json_object_has_member (json_of (got), "content"));
  g_clear_object (&result);

  g_assert_true (sharokey_client_delete_sync (client, slug, NULL, &error));
  g_assert_no_error (error);
  after = sharokey_client_get_sync (client, slug, NULL, &error);
  if (after != NULL)
    g_assert_cmpint (sharokey_secret_get_status (after), ==, SHAROKEY_SECRET_STATUS_EXPIRED);
  else
    g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  gone = open_link (sharokey_secret_get_share_url (first), NULL, NULL, &status);
  g_assert_cmpint (status, ==, 4);

  sharokey_client_delete_async (client, sharokey_secret_get_slug (second),
                                NULL, client_test_store_result, &result);
  client_test_await (&result);
  g_assert_true (sharokey_client_delete_finish (client, result, &error));
  g_assert_no_error (error);
}

static void
test_stats (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SharokeySecret) created = NULL;
  g_autoptr(SharokeyStats) before = NULL, after = NULL;
  guint64 total;

  before = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_no_error (error);
  total = sharokey_stats_get_total_secrets (before);
  g_assert_cmpint (json_object_get_int_member (json_of (before), "total_secrets"), ==, total);

  created = sharokey_client_create_sync (client, "counted", 1, 1, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  sharokey_client_stats_async (client, NULL, client_test_store_result, &result);
  client_test_await (&result);
  after = sharokey_client_stats_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sharokey_stats_get_total_secrets (after), ==, total + 1);
  g_assert_cmpuint (sharokey_stats_get_active_secrets (after), ==, sharokey_stats_get_active_secrets (before) + 1);
}

/* --- requests --- */

static const gchar *
request_token (SharokeySecretRequest *request)
{
  g_assert_nonnull (request);
  return sharokey_secret_request_get_token (request);
}

static void
test_requests (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(SharokeyRequestOptions) options = sharokey_request_options_new ();
  g_autofree gchar *marker = unique_marker ("req");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SharokeySecretRequest) created = NULL, created_async = NULL, got = NULL, got_async = NULL;
  g_autoptr(SharokeySecretRequest) missing = NULL, after = NULL;
  g_autoptr(SharokeyPage) listed = NULL, listed_async = NULL;
  g_autoptr(SharokeyRequestStats) stats = NULL, stats_async = NULL;
  const gchar *token;

  sharokey_request_options_set_description (options, marker);
  sharokey_request_options_set_message (options, "Please send the VPN key");
  sharokey_request_options_set_locale (options, "fr");

  created = sharokey_client_create_request_sync (client, options, NULL, &error);
  g_assert_no_error (error);
  token = request_token (created);
  g_assert_nonnull (token);
  g_assert_cmpint (sharokey_secret_request_get_status (created), ==, SHAROKEY_SECRET_REQUEST_STATUS_ACTIVE);
  g_assert_cmpstr (sharokey_secret_request_get_locale (created), ==, "fr");
  g_assert_nonnull (sharokey_secret_request_get_url (created));
  g_assert_nonnull (sharokey_secret_request_get_request_expiration (created));

  sharokey_client_create_request_async (client, options, NULL, client_test_store_result, &result);
  client_test_await (&result);
  created_async = sharokey_client_create_request_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request_token (created_async), !=, token);
  g_clear_object (&result);

  got = sharokey_client_get_request_sync (client, token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request_token (got), ==, token);
  sharokey_client_get_request_async (client, request_token (created_async), NULL, client_test_store_result, &result);
  client_test_await (&result);
  got_async = sharokey_client_get_request_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  listed = sharokey_client_list_requests_sync (client, 0, 0, NULL, NULL, marker, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items_count (listed), ==, 2);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (listed)) == SHAROKEY_TYPE_SECRET_REQUEST);
  sharokey_client_list_requests_async (client, 1, 0, "active", NULL, NULL, NULL, client_test_store_result, &result);
  client_test_await (&result);
  listed_async = sharokey_client_list_requests_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items_count (listed_async), ==, 1);
  g_clear_object (&result);

  stats = sharokey_client_request_stats_sync (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sharokey_request_stats_get_total_requests (stats), >=, 2);
  sharokey_client_request_stats_async (client, NULL, client_test_store_result, &result);
  client_test_await (&result);
  stats_async = sharokey_client_request_stats_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  g_assert_true (sharokey_client_delete_request_sync (client, token, NULL, &error));
  g_assert_no_error (error);
  /* cancelled, not answered */
  after = sharokey_client_get_request_sync (client, token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sharokey_secret_request_get_status (after), ==, SHAROKEY_SECRET_REQUEST_STATUS_EXPIRED);
  sharokey_client_delete_request_async (client, request_token (created_async), NULL, client_test_store_result, &result);
  client_test_await (&result);
  g_assert_true (sharokey_client_delete_request_finish (client, result, &error));
  g_assert_no_error (error);

  missing = sharokey_client_get_request_sync (client, "no-such-request-token", NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND);
}

/* --- health and diagnostics --- */

static void
test_health (void)
{
  g_autoptr(SharokeyClient) client = client_for (shared_server, NULL);
  g_autoptr(SharokeyClient) anonymous = client_for (shared_server, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_true (sharokey_client_health_sync (client, NULL, &error));
  g_assert_no_error (error);

  /* no token needed */
  sharokey_client_set_token (anonymous, NULL);
  sharokey_client_health_async (anonymous, NULL, client_test_store_result, &result);
  client_test_await (&result);
  g_assert_true (sharokey_client_health_finish (anonymous, result, &error));
  g_assert_no_error (error);
}

static void
check_report (SharokeyDiagnosis *report,
              guint              expected_passed,
              gboolean           expected[6])
{
  static const gchar *names[] = {
    "Configuration", "Network", "Authentication", "Read Access", "Write Access", "Statistics",
  };
  gboolean passed = FALSE;
  guint n_passed = 0, n_items = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (report)) == SHAROKEY_TYPE_CHECK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (report)), ==, 6);
  g_assert_cmpuint (sharokey_diagnosis_get_n_passed (report), ==, expected_passed);
  g_assert_cmpint (sharokey_diagnosis_get_passed (report), ==, expected_passed == 6);
  g_object_get (report, "n-items", &n_items, "n-passed", &n_passed, "passed", &passed, NULL);
  g_assert_cmpuint (n_items, ==, 6);
  g_assert_cmpuint (n_passed, ==, expected_passed);
  g_assert_cmpint (passed, ==, expected_passed == 6);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (report), 6));
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(SharokeyCheck) check = g_list_model_get_item (G_LIST_MODEL (report), i);
      g_autofree gchar *name = NULL, *message = NULL;
      gboolean check_passed = FALSE;

      g_assert_cmpstr (sharokey_check_get_name (check), ==, names[i]);
      /* in the user's language; English here, where no catalogue is bound */
      g_assert_cmpstr (sharokey_check_get_label (check), ==, names[i]);
      g_assert_cmpint (sharokey_check_get_passed (check), ==, expected[i]);
      g_assert_nonnull (sharokey_check_get_message (check));
      g_assert_cmpstr (sharokey_check_get_message (check), !=, "");
      g_object_get (check, "name", &name, "passed", &check_passed, "message", &message, NULL);
      g_assert_cmpstr (name, ==, names[i]);
      g_assert_cmpint (check_passed, ==, expected[i]);
      g_assert_cmpstr (message, ==, sharokey_check_get_message (check));
    }
}

static const gchar *
check_message (SharokeyDiagnosis *report,
               guint              position)
{
  g_autoptr(SharokeyCheck) check = g_list_model_get_item (G_LIST_MODEL (report), position);

  /* The report holds its own reference. */
  return sharokey_check_get_message (check);
}

static void
test_diagnostics_pass (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SharokeyDiagnosis) report = NULL, report_async = NULL;
  g_autoptr(SharokeyStats) before = NULL, after = NULL;
  gboolean all[6] = { TRUE, TRUE, TRUE, TRUE, TRUE, TRUE };

  before = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_no_error (error);

  report = sharokey_client_test_sync (client, NULL, &error);
  g_assert_no_error (error);
  check_report (report, 6, all);
  g_assert_cmpstr (check_message (report, 0), ==, "API token is configured");
  g_assert_cmpstr (check_message (report, 4), ==, "Secret creation/deletion OK");

  sharokey_client_test_async (client, NULL, client_test_store_result, &result);
  client_test_await (&result);
  report_async = sharokey_client_test_finish (client, result, &error);
  g_assert_no_error (error);
  check_report (report_async, 6, all);
  g_clear_object (&result);

  /* the write check leaves nothing on the account, not even an expired
   * secret in the list */
  after = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sharokey_stats_get_total_secrets (after), ==,
                    sharokey_stats_get_total_secrets (before));

  g_assert_true (sharokey_client_test_connection_sync (client, NULL, &error));
  g_assert_no_error (error);
  sharokey_client_test_connection_async (client, NULL, client_test_store_result, &result);
  client_test_await (&result);
  g_assert_true (sharokey_client_test_connection_finish (client, result, &error));
  g_assert_no_error (error);
}

static void
test_diagnostics_bad_token (void)
{
  g_autoptr(SharokeyClient) client = client_for (shared_server, "not-the-token");
  g_autoptr(SharokeyClient) no_token = client_for (shared_server, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SharokeyDiagnosis) report = NULL, report_none = NULL;
  gboolean expected[6] = { TRUE, TRUE, FALSE, FALSE, FALSE, FALSE };
  gboolean expected_none[6] = { FALSE, TRUE, FALSE, FALSE, FALSE, FALSE };

  report = sharokey_client_test_sync (client, NULL, &error);
  g_assert_no_error (error);
  check_report (report, 2, expected);
  g_assert_cmpstr (check_message (report, 2), ==, "Invalid token");

  sharokey_client_set_token (no_token, NULL);
  sharokey_client_test_async (no_token, NULL, client_test_store_result, &result);
  client_test_await (&result);
  report_none = sharokey_client_test_finish (no_token, result, &error);
  g_assert_no_error (error);
  check_report (report_none, 1, expected_none);
  g_assert_cmpstr (check_message (report_none, 0), ==, "API token is missing");
  /* no token: not "Invalid token", which would mislead */
  g_assert_true (g_str_has_prefix (check_message (report_none, 2), "Auth error: "));
  g_clear_object (&result);

  g_assert_false (sharokey_client_test_connection_sync (client, NULL, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION);
  g_clear_error (&error);
  sharokey_client_test_connection_async (client, NULL, client_test_store_result, &result);
  client_test_await (&result);
  g_assert_false (sharokey_client_test_connection_finish (client, result, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION);
}

/* A loopback port nothing listens on: bound, then released. */
static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* The server is down: every check that needs it fails, each saying why,
 * and the report is still the answer. */
static void
test_diagnostics_server_down (void)
{
  g_autofree gchar *url = g_strdup_printf ("http://127.0.0.1:%u/api/v1", closed_port ());
  g_autoptr(SharokeyClient) client = g_object_new (SHAROKEY_TYPE_CLIENT, "token", "tok-down",
                                                   "api-url", url, "timeout", 20, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SharokeyDiagnosis) report = NULL, report_async = NULL;
  gboolean expected[6] = { TRUE, FALSE, FALSE, FALSE, FALSE, FALSE };
  static const gchar *prefixes[] = {
    NULL, "Network error: ", "Auth error: ", "Read error: ", "Write error: ", "Stats error: ",
  };

  report = sharokey_client_test_sync (client, NULL, &error);
  g_assert_no_error (error);
  check_report (report, 1, expected);
  for (guint i = 1; i < 6; i++)
    {
      const gchar *message = check_message (report, i);

      if (!g_str_has_prefix (message, prefixes[i]))
        g_error ("check %u: %s", i, message);
      g_assert_cmpuint (strlen (message), >, strlen (prefixes[i]));
    }
  /* one prefix, even when the transport's message already has one */
  g_assert_false (g_str_has_prefix (check_message (report, 1) + strlen (prefixes[1]), prefixes[1]));

  sharokey_client_test_async (client, NULL, client_test_store_result, &result);
  client_test_await (&result);
  report_async = sharokey_client_test_finish (client, result, &error);
  g_assert_no_error (error);
  check_report (report_async, 1, expected);
}

/* Cancelled, the call fails: there is no report. */
static void
test_diagnostics_cancelled (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SharokeyDiagnosis) report = NULL;

  sharokey_client_test_async (client, cancellable, client_test_store_result, &result);
  g_cancellable_cancel (cancellable);
  client_test_await (&result);
  report = sharokey_client_test_finish (client, result, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* --- errors --- */

static void
test_error_401 (void)
{
  g_autoptr(SharokeyClient) client = client_for (shared_server, "wrong-token");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gpointer node;

  node = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION);
  g_assert_true (g_str_has_prefix (error->message, "Invalid token or authentication failed"));
  g_assert_null (strstr (error->message, "wrong-token"));
  g_clear_error (&error);

  sharokey_client_create_async (client, "never stored", 1, 1, NULL, NULL, NULL, NULL, NULL, client_test_store_result, &result);
  client_test_await (&result);
  node = sharokey_client_create_finish (client, result, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION);
}

static void
test_error_404 (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gpointer node;

  node = sharokey_client_get_sync (client, "NOSUCHSLUG", NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* slugs are escaped into the path, never interpreted */
  node = sharokey_client_get_sync (client, "../secrets-stats", NULL, &error);
  g_assert_null (node);
  g_assert_true (g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND) ||
                 g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION));
  g_clear_error (&error);

  sharokey_client_delete_async (client, "NOSUCHSLUG", NULL, client_test_store_result, &result);
  client_test_await (&result);
  g_assert_false (sharokey_client_delete_finish (client, result, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND);
}

static void
test_error_422 (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(GError) error = NULL;
  /* what the client's own encryption would never produce: the content
   * and iv are not base64, the key is not 8 characters */
  static const gchar raw[] =
    "{\"content\":\"!!!\",\"iv\":\"short\",\"salt\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"key\":\"abc\","
    "\"maximum_views\":1,\"expiration_hours\":1}";
  static const gchar raw_limits[] =
    "{\"content\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"iv\":\"AAAAAAAAAAAAAAAA\",\"salt\":\"AAAAAAAAAAAAAAAAAAAAAA==\","
    "\"key\":\"abcdefgh\",\"maximum_views\":0,\"expiration_hours\":99999}";
  g_autoptr(GBytes) body = g_bytes_new_static (raw, strlen (raw));
  g_autoptr(GBytes) limits = g_bytes_new_static (raw_limits, strlen (raw_limits));
  gpointer node;

  node = _sharokey_client_send_sync (client, "POST", "/secrets", NULL, body, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  /* the server's field messages, joined */
  g_assert_nonnull (strstr (error->message, "content"));
  g_assert_nonnull (strstr (error->message, "key"));
  g_assert_nonnull (strstr (error->message, "; "));
  g_clear_error (&error);

  /* limits the client checks before sending */
  node = _sharokey_client_send_sync (client, "POST", "/secrets", NULL, limits, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "Views must be between 1 and 1000"));
  g_assert_nonnull (strstr (error->message, "Hours must be between 1 and 8760"));
}

static void
test_error_413 (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(GError) error = NULL;
  gsize size = 16 * 1024 * 1024;
  gchar *raw = g_malloc (size);
  g_autoptr(GBytes) body = NULL;
  gpointer node;

  memset (raw, ' ', size);
  raw[0] = '{';
  raw[size - 1] = '}';
  body = g_bytes_new_take (raw, size);
  node = _sharokey_client_send_sync (client, "POST", "/secrets", NULL, body, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT);
}

static void
test_error_429 (void)
{
  const gchar *args[] = { "--rate-limit", "5", NULL };
  SharokeyTestServer *server = sharokey_test_server_start (args);
  g_autoptr(SharokeyClient) client = client_for (server, NULL);
  g_autoptr(GError) error = NULL;
  guint ok = 0;

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(SharokeyStats) stats = sharokey_client_stats_sync (client, NULL, &error);

      if (stats == NULL)
        break;
      ok++;
    }
  g_assert_cmpuint (ok, ==, 5);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_RATE_LIMITED);
  g_assert_true (g_regex_match_simple ("retry after [0-9]+ seconds", error->message, 0, 0));
  sharokey_test_server_stop (server);
}

/* --- cancellation --- */

static void
test_cancel_create (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GCancellable) early = g_cancellable_new ();
  g_autoptr(GCancellable) midway = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SharokeyStats) before = NULL, after = NULL;
  g_autofree gchar *dir = make_temp_dir ();
  g_autofree gchar *big = write_random_file (dir, "big.bin", 6 * 1024 * 1024);
  Progress progress = { g_thread_self (), 0, 0, 0, midway };
  gpointer node;

  before = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_no_error (error);

  /* cancelled while the worker thread encrypts */
  sharokey_client_create_async (client, "cancelled early", 1, 1, NULL, NULL, NULL, NULL, early, client_test_store_result, &result);
  g_cancellable_cancel (early);
  client_test_await (&result);
  node = sharokey_client_create_finish (client, result, &error);
  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* cancelled in the middle of the upload */
  sharokey_secret_options_add_attachment (options, big);
  sharokey_client_create_async (client, "cancelled midway", 1, 1, options, on_progress, &progress, NULL,
                                midway, client_test_store_result, &result);
  client_test_await (&result);
  node = sharokey_client_create_finish (client, result, &error);
  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_cancellable_is_cancelled (midway));
  g_assert_cmpuint (progress.last_sent, <, progress.total);
  g_clear_error (&error);

  /* neither reached the database */
  after = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sharokey_stats_get_total_secrets (after), ==, sharokey_stats_get_total_secrets (before));
  remove_dir (dir);
}

/* --- load --- */

typedef struct {
  SharokeyClient *client;
  guint started;
  guint finished;
  guint in_flight;
  guint max_in_flight;
  GHashTable *slugs;
  GHashTable *keys;
  GError *error;
} Load;

#define LOAD_TOTAL 200
#define LOAD_PARALLEL 16

static void start_one (Load *load);

static void
on_load_created (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(SharokeySecret) secret = NULL;
  GError *error = NULL;

  load->in_flight--;
  load->finished++;
  secret = sharokey_client_create_finish (load->client, result, &error);
  if (secret == NULL)
    {
      if (load->error == NULL)
        load->error = error;
      else
        g_error_free (error);
    }
  else
    {
      g_hash_table_add (load->slugs, g_strdup (sharokey_secret_get_slug (secret)));
      g_hash_table_add (load->keys, g_strdup (check_share_url (secret)));
    }
  if (load->started < LOAD_TOTAL)
    start_one (load);
}

static void
start_one (Load *load)
{
  g_autofree gchar *content = g_strdup_printf ("load secret %u", load->started);

  load->started++;
  load->in_flight++;
  load->max_in_flight = MAX (load->max_in_flight, load->in_flight);
  sharokey_client_create_async (load->client, content, 1, 1, NULL, NULL, NULL, NULL, NULL,
                                on_load_created, load);
}

static void
test_load (void)
{
  SharokeyTestServer *server = sharokey_test_server_start (NULL);
  g_autoptr(SharokeyClient) client = client_for (server, NULL);
  Load load = { client, 0, 0, 0, 0, NULL, NULL, NULL };
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  guint ticker = g_timeout_add (50, tick, NULL);

  load.slugs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  load.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < LOAD_PARALLEL; i++)
    start_one (&load);
  while (load.finished < LOAD_TOTAL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (ticker);

  g_assert_no_error (load.error);
  g_assert_cmpuint (load.max_in_flight, ==, LOAD_PARALLEL);
  g_assert_cmpuint (g_hash_table_size (load.slugs), ==, LOAD_TOTAL);
  g_assert_cmpuint (g_hash_table_size (load.keys), ==, LOAD_TOTAL);
  g_hash_table_unref (load.slugs);
  g_hash_table_unref (load.keys);
  sharokey_test_server_stop (server);
}

/* --- TLS --- */

static void
test_tls_untrusted (void)
{
  g_autofree gchar *cert = g_test_build_filename (G_TEST_DIST, "client", "untrusted-cert.pem", NULL);
  g_autofree gchar *key = g_test_build_filename (G_TEST_DIST, "client", "untrusted-key.pem", NULL);
  const gchar *args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
  SharokeyTestServer *server = sharokey_test_server_start (args);
  g_autoptr(SharokeyClient) client = NULL;
  g_autofree gchar *https_url = NULL;
  g_autoptr(GError) error = NULL;
  gpointer node;

  /* the server speaks HTTPS with a self-signed certificate: nothing may
   * be sent over a connection whose certificate is not trusted */
  https_url = g_strconcat ("https://", sharokey_test_server_get_api_url (server) + strlen ("http://"), NULL);
  client = g_object_new (SHAROKEY_TYPE_CLIENT, "token", sharokey_test_server_get_token (server),
                         "api-url", https_url, "timeout", 20, NULL);
  node = sharokey_client_create_sync (client, "over untrusted TLS", 1, 1, NULL, NULL, NULL, NULL, &error);
  g_assert_null (node);
  /* the TLS layer's own error reaches the caller */
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_clear_error (&error);

  node = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_clear_error (&error);

  g_assert_false (sharokey_client_health_sync (client, NULL, &error));
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  sharokey_test_server_stop (server);
}

/* --- main contexts and threads --- */

static gboolean
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_sync_keeps_caller_loop_still (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SharokeyStats) warm = NULL, stats = NULL;
  g_autoptr(SharokeySecret) created = NULL;
  gboolean fired = FALSE;
  guint id;

  /* an async call first: the client now has a connection, and libsoup a
   * queue, in the default context */
  sharokey_client_stats_async (client, NULL, client_test_store_result, &result);
  client_test_await (&result);
  warm = sharokey_client_stats_finish (client, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;

  /* a _sync call must not dispatch the caller's default-context sources */
  id = g_idle_add (set_flag, &fired);
  stats = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_no_error (error);
  created = sharokey_client_create_sync (client, "quiet", 1, 1, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (fired);
  g_source_remove (id);

  /* … nor wake anything up there */
  g_assert_false (g_main_context_pending (NULL));
}

static gpointer
sync_in_thread (gpointer user_data)
{
  SharokeyClient *client = user_data;
  GError *error = NULL;
  gpointer node;

  node = sharokey_client_create_sync (client, "from a thread", 1, 1, NULL, NULL, NULL, NULL, &error);
  if (node == NULL)
    return error;
  g_object_unref (node);
  node = sharokey_client_list_sync (client, 1, 0, NULL, NULL, NULL, NULL, &error);
  if (node == NULL)
    return error;
  g_object_unref (node);
  return NULL;
}

static void
test_sync_from_threads (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeyStats) warm = NULL;
  GThread *threads[4];

  /* one session used from the main thread and from workers */
  warm = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("client-sync", sync_in_thread, client);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      GError *thread_error = g_thread_join (threads[i]);

      g_assert_no_error (thread_error);
    }
}

typedef struct {
  SharokeyClient *client;
  gchar *attachment;
  GMutex lock;
  GHashTable *connections;   /* ids of the connections that carried a call */
  Progress progress;
  guint calls_done;
  gboolean finished;
  GError *error;
} SyncRun;

#define SYNC_RUN_CALLS 20    /* more than max-conns-per-host (16) */

static void
on_got_headers (SoupMessage *msg,
                gpointer     user_data)
{
  SyncRun *run = user_data;

  g_mutex_lock (&run->lock);
  g_hash_table_add (run->connections, GSIZE_TO_POINTER (soup_message_get_connection_id (msg)));
  g_mutex_unlock (&run->lock);
}

static void
on_request_queued (SoupSession *session,
                   SoupMessage *msg,
                   gpointer     user_data)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers), user_data);
}

static gpointer
sync_run_thread (gpointer user_data)
{
  SyncRun *run = user_data;
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  GError *error = NULL;

  run->progress.thread = g_thread_self ();
  sharokey_secret_options_add_attachment (options, run->attachment);

  for (guint i = 0; i < SYNC_RUN_CALLS && error == NULL; i++)
    {
      g_autoptr(GObject) object = NULL;

      if (i == 0)
        object = G_OBJECT (sharokey_client_create_sync (run->client, "sync with a file", 1, 1, options,
                                                        on_progress, &run->progress, NULL, &error));
      else
        object = G_OBJECT (sharokey_client_stats_sync (run->client, NULL, &error));
      g_atomic_int_inc (&run->calls_done);
    }
  g_mutex_lock (&run->lock);
  run->error = error;
  run->finished = TRUE;
  g_mutex_unlock (&run->lock);
  return NULL;
}

static void
test_sync_without_default_context (void)
{
  g_autoptr(SharokeyClient) client = shared_client ();
  g_autoptr(SoupSession) session = _sharokey_client_dup_session (client, TRUE);
  g_autofree gchar *dir = make_temp_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SharokeyStats) warm = NULL;
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  SyncRun run = { client, NULL, };
  GThread *thread;
  gboolean finished = FALSE;

  run.attachment = write_random_file (dir, "notes.bin", 300 * 1000);
  run.connections = g_hash_table_new (NULL, NULL);
  g_mutex_init (&run.lock);
  g_signal_connect (session, "request-queued", G_CALLBACK (on_request_queued), &run);

  /* An async call first: the pooled connection is born in the default
   * context. */
  sharokey_client_stats_async (client, NULL, client_test_store_result, &result);
  client_test_await (&result);
  warm = sharokey_client_stats_finish (client, result, &error);
  g_assert_no_error (error);

  /* While this thread owns the default context and never runs it, a
   * worker makes more _sync calls than a host gets connections: each must
   * give its connection back, and none may need the default context. */
  g_assert_true (g_main_context_acquire (NULL));
  thread = g_thread_new ("client-sync-run", sync_run_thread, &run);
  while (!finished)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("_sync calls stuck after %u of %u", g_atomic_int_get (&run.calls_done), SYNC_RUN_CALLS);
      g_usleep (10 * 1000);
      g_mutex_lock (&run.lock);
      finished = run.finished;
      g_mutex_unlock (&run.lock);
    }
  g_thread_join (thread);
  g_main_context_release (NULL);

  g_assert_no_error (run.error);
  g_assert_cmpuint (run.calls_done, ==, SYNC_RUN_CALLS);
  /* sharokey-server keeps the connection alive, and each call gave it
   * back before the next began: one connection carried them all */
  g_assert_cmpuint (g_hash_table_size (run.connections), ==, 1);
  /* the upload's progress came to the calling thread, up to the total */
  g_assert_cmpuint (run.progress.count, >=, 2);
  g_assert_cmpuint (run.progress.last_sent, ==, run.progress.total);

  g_signal_handlers_disconnect_by_data (session, &run);
  g_hash_table_unref (run.connections);
  g_mutex_clear (&run.lock);
  g_free (run.attachment);
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/create/sync", test_create_sync);
  g_test_add_func ("/client/create/async", test_create_async);
  g_test_add_func ("/client/create/attachments-progress", test_create_attachments);
  g_test_add_func ("/client/create/reveal-decrypt", test_create_reveal_decrypt);
  g_test_add_func ("/client/create/many-at-once", test_create_many_at_once);
  g_test_add_func ("/client/list", test_list);
  g_test_add_func ("/client/list/docs-shape", test_list_docs_shape);
  g_test_add_func ("/client/get-delete", test_get_delete);
  g_test_add_func ("/client/stats", test_stats);
  g_test_add_func ("/client/requests", test_requests);
  g_test_add_func ("/client/health", test_health);
  g_test_add_func ("/client/test/pass", test_diagnostics_pass);
  g_test_add_func ("/client/test/bad-token", test_diagnostics_bad_token);
  g_test_add_func ("/client/test/server-down", test_diagnostics_server_down);
  g_test_add_func ("/client/test/cancelled", test_diagnostics_cancelled);
  g_test_add_func ("/client/errors/401", test_error_401);
  g_test_add_func ("/client/errors/404", test_error_404);
  g_test_add_func ("/client/errors/422", test_error_422);
  g_test_add_func ("/client/errors/413", test_error_413);
  g_test_add_func ("/client/errors/429", test_error_429);
  g_test_add_func ("/client/cancel/create", test_cancel_create);
  g_test_add_func ("/client/load/200-creates", test_load);
  g_test_add_func ("/client/tls/untrusted-certificate", test_tls_untrusted);
  g_test_add_func ("/client/context/sync-keeps-caller-loop-still", test_sync_keeps_caller_loop_still);
  g_test_add_func ("/client/context/sync-from-threads", test_sync_from_threads);
  g_test_add_func ("/client/context/sync-without-default-context", test_sync_without_default_context);

  shared_server = sharokey_test_server_start (NULL);
  status = g_test_run ();
  sharokey_test_server_stop (shared_server);
  return status;
}
