/* test-client-transport.c: what a real sharokey-server cannot be made to
 * do: stall, fail with 5xx, answer too much or not JSON, refuse the port.
 * Small SoupServers run in their own thread and main context, so both the
 * sync and the async calls of the client can reach them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-client-private.h"
#include "client-test-util.h"

typedef enum {
  MODE_FAIL_TWICE,          /* 500, 500, then a good answer */
  MODE_ALWAYS_500,
  MODE_HUGE_LENGTH,         /* 33 MiB with Content-Length */
  MODE_HUGE_CHUNKED,        /* 33 MiB, chunked */
  MODE_NOT_JSON,
  MODE_SUCCESS_FALSE,
  MODE_RESET,               /* closes the connection without an answer */
  MODE_REDIRECT,            /* 302 to another path of the same server */
} Mode;

typedef struct {
  Mode mode;
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  gchar *api_url;
  gint requests;            /* atomic */
  GMutex lock;
  GCond cond;
  gboolean ready;
} MockServer;

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  MockServer *mock = user_data;
  gint n = g_atomic_int_add (&mock->requests, 1);
  static const gchar good[] = "{\"success\":true,\"data\":{\"items\":[],\"pagination\":{\"total\":0}}}";

  switch (mock->mode)
    {
    case MODE_FAIL_TWICE:
      if (n < 2)
        soup_server_message_set_status (msg, 500, NULL);
      else
        {
          soup_server_message_set_status (msg, 200, NULL);
          soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, good, strlen (good));
        }
      break;
    case MODE_ALWAYS_500:
      soup_server_message_set_status (msg, 503, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"message\":\"Down for maintenance\"}", 34);
      break;
    case MODE_HUGE_LENGTH:
    case MODE_HUGE_CHUNKED:
      {
        gsize size = 33 * 1024 * 1024;
        gchar *body = g_malloc (size);

        memset (body, ' ', size);
        soup_server_message_set_status (msg, 200, NULL);
        if (mock->mode == MODE_HUGE_CHUNKED)
          soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                             SOUP_ENCODING_CHUNKED);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, size);
      }
      break;
    case MODE_NOT_JSON:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<html>hi</html>", 15);
      break;
    case MODE_SUCCESS_FALSE:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"success\":false,\"message\":\"Nope\"}", 34);
      break;
    case MODE_RESET:
      {
        GIOStream *stream = soup_server_message_steal_connection (msg);

        g_io_stream_close (stream, NULL, NULL);
        g_object_unref (stream);
      }
      break;
    case MODE_REDIRECT:
      if (g_str_has_suffix (path, "/elsewhere"))
        {
          soup_server_message_set_status (msg, 200, NULL);
          soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, good, strlen (good));
        }
      else
        soup_server_message_set_redirect (msg, 302, "/api/v1/elsewhere");
      break;
    default:
      g_assert_not_reached ();
    }
}

static gpointer
mock_thread (gpointer user_data)
{
  MockServer *mock = user_data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (mock->context);
  mock->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (mock->server, NULL, on_request, mock, NULL);
  soup_server_listen_local (mock->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (mock->server);
  mock->api_url = g_strdup_printf ("http://127.0.0.1:%d/api/v1", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&mock->lock);
  mock->ready = TRUE;
  g_cond_signal (&mock->cond);
  g_mutex_unlock (&mock->lock);

  g_main_loop_run (mock->loop);

  soup_server_disconnect (mock->server);
  g_clear_object (&mock->server);
  g_main_context_pop_thread_default (mock->context);
  return NULL;
}

static MockServer *
mock_start (Mode mode)
{
  MockServer *mock = g_new0 (MockServer, 1);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  mock->mode = mode;
  mock->context = g_main_context_new ();
  mock->loop = g_main_loop_new (mock->context, FALSE);
  g_mutex_init (&mock->lock);
  g_cond_init (&mock->cond);
  mock->thread = g_thread_new ("mock-server", mock_thread, mock);
  g_mutex_lock (&mock->lock);
  while (!mock->ready)
    g_assert_true (g_cond_wait_until (&mock->cond, &mock->lock, deadline));
  g_mutex_unlock (&mock->lock);
  return mock;
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
mock_stop (MockServer *mock)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, quit_loop, mock->loop, NULL);
  g_source_attach (source, mock->context);
  g_source_unref (source);
  g_thread_join (mock->thread);
  g_main_loop_unref (mock->loop);
  g_main_context_unref (mock->context);
  g_mutex_clear (&mock->lock);
  g_cond_clear (&mock->cond);
  g_free (mock->api_url);
  g_free (mock);
}

static SharokeyClient *
client_for (const gchar *api_url,
            guint        timeout)
{
  return g_object_new (SHAROKEY_TYPE_CLIENT, "token", "tok-transport", "api-url", api_url,
                       "timeout", timeout, NULL);
}

/* --- tests --- */

/* A server that stalls: the kernel completes the handshake, nobody ever
 * accepts or answers. Returns its API URL; it lives as long as @socket. */
static gchar *
stalled_server (GSocket **socket)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (*socket, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_set_listen_backlog (*socket, 64);
  g_socket_listen (*socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (*socket, &error);
  g_assert_no_error (error);
  return g_strdup_printf ("http://127.0.0.1:%u/api/v1",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

static void
test_timeout (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autofree gchar *url = stalled_server (&socket);
  g_autoptr(SharokeyClient) client = client_for (url, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gpointer node;
  gint64 start;

  start = g_get_monotonic_time ();
  node = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&error);

  sharokey_client_create_async (client, "stalled", 1, 1, NULL, NULL, NULL, NULL, NULL, client_test_store_result, &result);
  client_test_await (&result);
  node = sharokey_client_create_finish (client, result, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_TIMEOUT);
}

#define BUSY_CALLS 16       /* max-conns-per-host */

typedef struct {
  const gchar *url;
  GError *sync_error;
  gint sync_done;           /* atomic */
} BusyRun;

/* In a thread with its own context, as the caller's: async calls take
 * every connection to the host and wait there for the context to run;
 * then a _sync call, during which that context does not run. */
static gpointer
busy_thread (gpointer user_data)
{
  BusyRun *run = user_data;
  GMainContext *context = g_main_context_new ();
  SharokeyClient *client;
  GAsyncResult *results[BUSY_CALLS] = { NULL, };
  gpointer node;
  gint64 end;

  g_main_context_push_thread_default (context);
  client = client_for (run->url, 1);
  for (guint i = 0; i < BUSY_CALLS; i++)
    sharokey_client_stats_async (client, NULL, client_test_store_result, &results[i]);
  /* let them connect and send their requests */
  end = g_get_monotonic_time () + G_USEC_PER_SEC / 4;
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (context, FALSE);
      g_usleep (1000);
    }

  node = sharokey_client_stats_sync (client, NULL, &run->sync_error);
  g_assert_null (node);
  g_atomic_int_set (&run->sync_done, 1);

  for (guint i = 0; i < BUSY_CALLS; i++)
    {
      g_autoptr(GError) error = NULL;

      client_test_await (&results[i]);
      g_assert_null (sharokey_client_stats_finish (client, results[i], &error));
      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_TIMEOUT);
      g_object_unref (results[i]);
    }
  g_object_unref (client);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  return NULL;
}

static void
test_sync_beside_busy_async (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autofree gchar *url = stalled_server (&socket);
  BusyRun run = { url, NULL, 0 };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  GThread *thread = g_thread_new ("busy", busy_thread, &run);

  /* the _sync call gets a connection of its own, and times out */
  while (!g_atomic_int_get (&run.sync_done))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the _sync call waits for connections held by async calls");
      g_usleep (10 * 1000);
    }
  g_thread_join (thread);
  g_assert_error (run.sync_error, SHAROKEY_ERROR, SHAROKEY_ERROR_TIMEOUT);
  g_error_free (run.sync_error);
}

#define QUEUED_CALLS (BUSY_CALLS + 8)

/* Calls beyond the connections wait for one in the client: their timeout
 * runs from their start, not from their turn. */
static void
test_queued_timeout (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autofree gchar *url = stalled_server (&socket);
  g_autoptr(SharokeyClient) client = client_for (url, 1);
  GAsyncResult *results[QUEUED_CALLS] = { NULL, };

  for (guint i = 0; i < QUEUED_CALLS; i++)
    sharokey_client_stats_async (client, NULL, client_test_store_result, &results[i]);
  for (guint i = 0; i < QUEUED_CALLS; i++)
    {
      g_autoptr(GError) error = NULL;

      client_test_await (&results[i]);
      g_assert_null (sharokey_client_stats_finish (client, results[i], &error));
      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_TIMEOUT);
      g_object_unref (results[i]);
    }
}

/* A call cancelled while it waits for a connection ends at once; the
 * calls that hold the connections are not disturbed. */
static void
test_queued_cancel (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autofree gchar *url = stalled_server (&socket);
  g_autoptr(SharokeyClient) client = client_for (url, 60);
  g_autoptr(GCancellable) others = g_cancellable_new ();
  g_autoptr(GCancellable) last = g_cancellable_new ();
  g_autoptr(GAsyncResult) last_result = NULL;
  g_autoptr(GError) last_error = NULL;
  GAsyncResult *results[QUEUED_CALLS] = { NULL, };
  gint64 end;

  for (guint i = 0; i < QUEUED_CALLS; i++)
    sharokey_client_stats_async (client, others, client_test_store_result, &results[i]);
  sharokey_client_stats_async (client, last, client_test_store_result, &last_result);
  /* let the first ones connect and send their requests */
  end = g_get_monotonic_time () + G_USEC_PER_SEC / 4;
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  g_cancellable_cancel (last);
  client_test_await (&last_result);
  g_assert_null (sharokey_client_stats_finish (client, last_result, &last_error));
  g_assert_error (last_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* the server never answers: none of the others has ended */
  for (guint i = 0; i < QUEUED_CALLS; i++)
    g_assert_null (results[i]);

  g_cancellable_cancel (others);
  for (guint i = 0; i < QUEUED_CALLS; i++)
    {
      g_autoptr(GError) error = NULL;

      client_test_await (&results[i]);
      g_assert_null (sharokey_client_stats_finish (client, results[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_object_unref (results[i]);
    }
}

static guint16
unused_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  /* Closed when the socket goes away: nobody listens there any more. */
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_refused (void)
{
  g_autofree gchar *url = g_strdup_printf ("http://127.0.0.1:%u/api/v1", unused_port ());
  g_autoptr(SharokeyClient) client = client_for (url, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gpointer node;

  /* the transport's own error, not a SHAROKEY_ERROR with its text pasted in */
  node = sharokey_client_get_sync (client, "ABCDEFGH", NULL, &error);
  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_clear_error (&error);

  sharokey_client_list_async (client, 0, 0, NULL, NULL, NULL, NULL, client_test_store_result, &result);
  client_test_await (&result);
  node = sharokey_client_list_finish (client, result, &error);
  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_clear_error (&error);

  /* an unreachable service is not healthy, and says why */
  g_assert_false (sharokey_client_health_sync (client, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_retry_get (void)
{
  MockServer *mock = mock_start (MODE_FAIL_TWICE);
  g_autoptr(SharokeyClient) client = client_for (mock->api_url, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeyPage) node = NULL;

  /* two 500s, then success: the GET went out three times */
  node = sharokey_client_list_sync (client, 0, 0, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpint (g_atomic_int_get (&mock->requests), ==, 3);
  mock_stop (mock);
}

static void
test_retry_limit (void)
{
  MockServer *mock = mock_start (MODE_ALWAYS_500);
  g_autoptr(SharokeyClient) client = client_for (mock->api_url, 5);
  g_autoptr(SharokeyRequestOptions) request = sharokey_request_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gpointer node;

  /* DELETE: the first attempt plus two retries, then SERVER */
  sharokey_client_delete_async (client, "ABCDEFGH", NULL, client_test_store_result, &result);
  client_test_await (&result);
  g_assert_false (sharokey_client_delete_finish (client, result, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "Down for maintenance");
  g_assert_cmpint (g_atomic_int_get (&mock->requests), ==, 1 + SHAROKEY_MAX_RETRIES);
  g_clear_error (&error);

  /* a create is never sent twice */
  g_atomic_int_set (&mock->requests, 0);
  node = sharokey_client_create_sync (client, "only once", 1, 1, NULL, NULL, NULL, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_SERVER);
  g_assert_cmpint (g_atomic_int_get (&mock->requests), ==, 1);
  g_clear_error (&error);

  /* nor is any other POST */
  g_atomic_int_set (&mock->requests, 0);
  node = sharokey_client_create_request_sync (client, request, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_SERVER);
  g_assert_cmpint (g_atomic_int_get (&mock->requests), ==, 1);
  mock_stop (mock);
}

static void
test_retry_cancelled_during_backoff (void)
{
  MockServer *mock = mock_start (MODE_ALWAYS_500);
  g_autoptr(SharokeyClient) client = client_for (mock->api_url, 5);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  sharokey_client_stats_async (client, cancellable, client_test_store_result, &result);
  /* wait for the first failure, then cancel while the client waits to retry */
  while (g_atomic_int_get (&mock->requests) < 1)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_cancellable_cancel (cancellable);
  client_test_await (&result);
  g_assert_null (sharokey_client_stats_finish (client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_atomic_int_get (&mock->requests), <, 1 + SHAROKEY_MAX_RETRIES);
  mock_stop (mock);
}

static void
check_protocol_error (Mode mode)
{
  MockServer *mock = mock_start (mode);
  g_autoptr(SharokeyClient) client = client_for (mock->api_url, 10);
  g_autoptr(GError) error = NULL;
  gpointer node;

  node = sharokey_client_stats_sync (client, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL);
  /* not retried: only NETWORK and SERVER are */
  g_assert_cmpint (g_atomic_int_get (&mock->requests), ==, 1);
  mock_stop (mock);
}

typedef struct {
  SharokeyClient *client;
  guint done;               /* atomic */
  gboolean all_protocol;
} AbandonRun;

#define ABANDON_CALLS 20    /* more than max-conns-per-host (16) */

static gpointer
abandon_thread (gpointer user_data)
{
  AbandonRun *run = user_data;

  run->all_protocol = TRUE;
  for (guint i = 0; i < ABANDON_CALLS; i++)
    {
      g_autoptr(GError) error = NULL;
      SharokeyStats *stats = sharokey_client_stats_sync (run->client, NULL, &error);

      if (stats != NULL || !g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL))
        run->all_protocol = FALSE;
      g_clear_object (&stats);
      g_atomic_int_inc (&run->done);
    }
  return NULL;
}

/* An answer given up on (too large) must not keep its connection: after
 * max-conns-per-host of them, the next _sync call would wait forever. */
static void
check_abandoned_answers (Mode mode)
{
  MockServer *mock = mock_start (mode);
  g_autoptr(SharokeyClient) client = client_for (mock->api_url, 10);
  AbandonRun run = { client, 0, FALSE };
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  GThread *thread = g_thread_new ("abandon", abandon_thread, &run);

  while (g_atomic_int_get (&run.done) < ABANDON_CALLS)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("_sync calls stuck after %u abandoned answers", g_atomic_int_get (&run.done));
      g_usleep (10 * 1000);
    }
  g_thread_join (thread);
  g_assert_true (run.all_protocol);
  mock_stop (mock);
}

static void
test_abandoned_answers (void)
{
  check_abandoned_answers (MODE_HUGE_LENGTH);
  check_abandoned_answers (MODE_HUGE_CHUNKED);
}

static void
test_too_large (void)
{
  check_protocol_error (MODE_HUGE_LENGTH);
  check_protocol_error (MODE_HUGE_CHUNKED);
}

static void
test_not_json (void)
{
  check_protocol_error (MODE_NOT_JSON);
}

static void
test_success_false (void)
{
  MockServer *mock = mock_start (MODE_SUCCESS_FALSE);
  g_autoptr(SharokeyClient) client = client_for (mock->api_url, 10);
  g_autoptr(GError) error = NULL;
  gpointer node;

  node = sharokey_client_get_request_sync (client, "tok123", NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "Nope");
  mock_stop (mock);
}

static void
test_reset (void)
{
  MockServer *mock = mock_start (MODE_RESET);
  g_autoptr(SharokeyClient) client = client_for (mock->api_url, 10);
  g_autoptr(GError) error = NULL;
  gpointer node;

  /* a reset is an I/O error, so a GET is retried; it keeps its domain */
  node = sharokey_client_get_sync (client, "ABCDEFGH", NULL, &error);
  g_assert_null (node);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_cmpint (g_atomic_int_get (&mock->requests), ==, 1 + SHAROKEY_MAX_RETRIES);
  mock_stop (mock);
}

static void
test_no_redirect (void)
{
  MockServer *mock = mock_start (MODE_REDIRECT);
  g_autoptr(SharokeyClient) client = client_for (mock->api_url, 10);
  g_autoptr(GError) error = NULL;
  gpointer node;

  /* the token is not carried to wherever a redirect points */
  node = sharokey_client_list_sync (client, 0, 0, NULL, NULL, NULL, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "HTTP 302");
  g_assert_cmpint (g_atomic_int_get (&mock->requests), ==, 1);
  mock_stop (mock);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/transport/timeout", test_timeout);
  g_test_add_func ("/client/transport/sync-beside-busy-async", test_sync_beside_busy_async);
  g_test_add_func ("/client/transport/refused", test_refused);
  g_test_add_func ("/client/transport/retry-get", test_retry_get);
  g_test_add_func ("/client/transport/retry-limit", test_retry_limit);
  g_test_add_func ("/client/transport/retry-cancelled", test_retry_cancelled_during_backoff);
  g_test_add_func ("/client/transport/queued-timeout", test_queued_timeout);
  g_test_add_func ("/client/transport/queued-cancel", test_queued_cancel);
  g_test_add_func ("/client/transport/too-large", test_too_large);
  g_test_add_func ("/client/transport/abandoned-answers", test_abandoned_answers);
  g_test_add_func ("/client/transport/not-json", test_not_json);
  g_test_add_func ("/client/transport/success-false", test_success_false);
  g_test_add_func ("/client/transport/reset", test_reset);
  g_test_add_func ("/client/transport/no-redirect", test_no_redirect);

  return g_test_run ();
}
