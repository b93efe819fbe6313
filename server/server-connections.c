/* server-connections.c: what a client may hold open, and for how long
 *
 * Connections are accepted here rather than by libsoup's own listener,
 * which in libsoup 3.2 keeps a reference to every socket it accepts (a
 * few hundred bytes lost per connection) and stops listening for good the
 * first time accept() fails (EMFILE): here a failed accept only pauses
 * listening for a moment. Each accepted connection is handed to libsoup
 * with soup_server_accept_iostream() and tracked until it closes.
 *
 * A plain-HTTP connection is kept alive between requests: a client that
 * makes many calls pays for one TCP connection, not one per call.
 * libsoup 3.2 keeps a connection alive only when it has a listener of its
 * own (an unreachable one is given to it), and it leaks a kept-alive
 * connection that the client closes while it is idle: no message owns it
 * any more, nothing watches its socket, and it stays in CLOSE-WAIT until
 * the server stops (fixed in libsoup 3.3). So an idle connection is
 * watched here: when the client closes it, or it stays idle for
 * header_timeout, it is taken back from libsoup through the last message
 * answered on it, which frees libsoup's side, and closed. A TLS
 * connection answers "Connection: close": its close_notify arrives as
 * data, which cannot be told from a next request without reading it.
 *
 * The headers must arrive within header_timeout of the accept, the body
 * within body_timeout and the answer be read within body_timeout again, or
 * the connection is shut down: libsoup, which is reading or writing it,
 * sees the end of the stream and frees it. One client address may hold
 * max_per_address connections; the next ones are answered 429.
 *
 * A request refused from its headers alone (wrong token, body too large)
 * is answered before its body is read: the connection is taken from
 * libsoup, the answer written, and the rest of the body ignored.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>

#include "server.h"

/* After a refusal, what the client still sends is read and dropped for
 * this long, so that the answer is not lost to a reset (RFC 9112 §9.6). */
#define LINGER_MSEC 2000
#define LINGER_BUFFER 16384
#define CONNECTION_KEY "sharokey-connection"

/* After a failed accept (out of descriptors), listening resumes after: */
#define ACCEPT_RETRY_MSEC 100

typedef struct {
  Server         *server;
  GSocket        *socket;
  GSocketAddress *remote;   /* the key: libsoup gives it back with each message */
  gchar          *address;
  gboolean        over_capacity;
  gboolean        tls;
  guint           deadline; /* source of the header, body, answer or idle timeout */
  /* Between two requests: the last message answered (a reference), and
   * the source that sees the client close. */
  SoupServerMessage *idle;
  GSource        *idle_watch;
} ServerConnection;

static void
drop_deadline (ServerConnection *conn)
{
  if (conn->deadline != 0)
    g_source_remove (conn->deadline);
  conn->deadline = 0;
}

static void
drop_idle (ServerConnection *conn)
{
  if (conn->idle_watch != NULL)
    g_source_destroy (conn->idle_watch);
  g_clear_pointer (&conn->idle_watch, g_source_unref);
  g_clear_object (&conn->idle);
}

static void
connection_free (gpointer data)
{
  ServerConnection *conn = data;

  drop_deadline (conn);
  drop_idle (conn);
  g_object_unref (conn->socket);
  g_object_unref (conn->remote);
  g_free (conn->address);
  g_free (conn);
}

void
server_connections_init (Server *server)
{
  server->connections = g_hash_table_new_full (NULL, NULL, NULL, connection_free);
  server->per_address = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server->uploads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* The connection of @msg has closed (or was taken over). */
static void
on_disconnected (SoupServerMessage *msg,
                 gpointer           data)
{
  Server *server = data;
  gpointer key = g_object_get_data (G_OBJECT (msg), CONNECTION_KEY);
  ServerConnection *conn = key ? g_hash_table_lookup (server->connections, key) : NULL;
  guint n;

  if (conn == NULL)
    return;
  n = GPOINTER_TO_UINT (g_hash_table_lookup (server->per_address, conn->address));
  if (n <= 1)
    g_hash_table_remove (server->per_address, conn->address);
  else
    g_hash_table_insert (server->per_address, g_strdup (conn->address), GUINT_TO_POINTER (n - 1));
  g_hash_table_remove (server->connections, key);
}

void
server_connections_free (Server *server)
{
  if (server->listen_source != NULL)
    g_source_destroy (server->listen_source);
  g_clear_pointer (&server->listen_source, g_source_unref);
  g_clear_object (&server->listen_socket);
  g_clear_object (&server->tls_certificate);
  g_clear_pointer (&server->connections, g_hash_table_destroy);
  g_clear_pointer (&server->per_address, g_hash_table_destroy);
  g_clear_pointer (&server->uploads, g_hash_table_destroy);
}

/* Ends the connection under libsoup's feet: its next read sees the end of
 * the stream, and it frees the connection as it would for any client that
 * went away. */
static void
cut (ServerConnection *conn,
     const gchar      *why)
{
  g_message ("connection from %s closed: %s", conn->address, why);
  drop_deadline (conn);
  g_socket_shutdown (conn->socket, TRUE, TRUE, NULL);
}

/* Takes an idle connection back from libsoup and closes it. libsoup
 * itself would not notice that its client is gone (see the top). */
static void
release_idle (ServerConnection *conn,
              const gchar      *why)
{
  SoupServerMessage *last = g_steal_pointer (&conn->idle);
  GIOStream *stream;

  g_debug ("idle connection from %s closed: %s", conn->address, why);
  drop_deadline (conn);
  drop_idle (conn);
  /* Frees libsoup's side of the connection and, through "disconnected",
   * this one: @conn is gone after this. */
  stream = soup_server_message_steal_connection (last);
  if (stream != NULL)
    {
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
  g_object_unref (last);
}

static gboolean
on_header_timeout (gpointer data)
{
  ServerConnection *conn = data;

  conn->deadline = 0;
  if (conn->idle != NULL)
    release_idle (conn, "no new request in time");
  else
    cut (conn, "request headers not received in time");
  return G_SOURCE_REMOVE;
}

static gboolean
on_body_timeout (gpointer data)
{
  ServerConnection *conn = data;

  conn->deadline = 0;
  cut (conn, "request body not received in time");
  return G_SOURCE_REMOVE;
}

static ServerConnection *
lookup (Server            *server,
        SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote ? g_hash_table_lookup (server->connections, remote) : NULL;
}

/* --- accepting --- */

static void listen_again (Server *server);

static void
hand_over (Server  *server,
           GSocket *socket)
{
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  ServerConnection *conn;
  guint n;

  if (local == NULL || remote == NULL)
    return;
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  stream = G_IO_STREAM (g_socket_connection_factory_create_connection (socket));
  if (server->tls_certificate != NULL)
    {
      g_autoptr(GError) error = NULL;
      GIOStream *tls = g_tls_server_connection_new (stream, server->tls_certificate, &error);

      if (tls == NULL)
        {
          g_warning ("cannot set up TLS: %s", error->message);
          return;
        }
      g_object_unref (stream);
      stream = tls;
    }

  conn = g_new0 (ServerConnection, 1);
  conn->server = server;
  conn->socket = g_object_ref (socket);
  conn->remote = g_object_ref (remote);
  conn->address = G_IS_INET_SOCKET_ADDRESS (remote)
    ? g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)))
    : g_strdup ("unknown");
  n = GPOINTER_TO_UINT (g_hash_table_lookup (server->per_address, conn->address)) + 1;
  g_hash_table_insert (server->per_address, g_strdup (conn->address), GUINT_TO_POINTER (n));
  conn->over_capacity = n > server->max_per_address;
  conn->tls = server->tls_certificate != NULL;
  g_hash_table_insert (server->connections, remote, conn);
  conn->deadline = g_timeout_add_seconds (server->header_timeout, on_header_timeout, conn);

  /* Emits request-started for its first message, synchronously. */
  soup_server_accept_iostream (server->soup, stream, local, remote, NULL);
}

static gboolean
on_listen_retry (gpointer data)
{
  listen_again (data);
  return G_SOURCE_REMOVE;
}

static gboolean
on_incoming (GSocket      *listener,
             GIOCondition  condition,
             gpointer      data)
{
  Server *server = data;
  static gboolean failing;

  /* A bounded batch, so that a flood cannot starve the main loop. */
  for (guint i = 0; i < 64; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listener, NULL, &error);

      if (socket != NULL)
        {
          failing = FALSE;
          hand_over (server, socket);
          continue;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        break;
      /* Out of descriptors, most likely: the waiting clients stay in the
       * backlog until some connection closes. Logged once per episode. */
      if (!failing)
        g_message ("cannot accept a connection: %s", error->message);
      failing = TRUE;
      g_clear_pointer (&server->listen_source, g_source_unref);
      g_timeout_add (ACCEPT_RETRY_MSEC, on_listen_retry, server);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
listen_again (Server *server)
{
  server->listen_source = g_socket_create_source (server->listen_socket, G_IO_IN, NULL);
  g_source_set_callback (server->listen_source, (GSourceFunc) (GCallback) on_incoming, server, NULL);
  g_source_attach (server->listen_source, NULL);
}

/* --- between two requests --- */

/* The socket of an idle connection is readable: the next request, which
 * libsoup reads, or the client's end of the connection. This runs before
 * libsoup's own watch of the socket (a higher priority), while its next
 * message still waits for a first byte. */
static gboolean
on_idle_readable (GSocket      *socket,
                  GIOCondition  condition,
                  gpointer      data)
{
  ServerConnection *conn = data;
  gchar byte;
  gssize n = recv (g_socket_get_fd (socket), &byte, 1, MSG_PEEK | MSG_DONTWAIT);

  if (n > 0)
    {
      g_clear_pointer (&conn->idle_watch, g_source_unref);
      return G_SOURCE_REMOVE;
    }
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
    return G_SOURCE_CONTINUE;
  release_idle (conn, n == 0 ? "closed by the client" : g_strerror (errno));
  return G_SOURCE_REMOVE;
}

/* An answer went out. If libsoup keeps the connection for the next
 * request (it frees @conn right after this otherwise), the connection is
 * watched until that request comes, and has header_timeout for it. */
static void
on_request_finished (SoupServer        *soup,
                     SoupServerMessage *msg,
                     gpointer           data)
{
  Server *server = data;
  ServerConnection *conn = lookup (server, msg);

  if (conn == NULL || conn->tls || !server->keep_alive)
    return;
  drop_deadline (conn);
  drop_idle (conn);
  conn->idle = g_object_ref (msg);
  conn->idle_watch = g_socket_create_source (conn->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_priority (conn->idle_watch, G_PRIORITY_HIGH);
  g_source_set_callback (conn->idle_watch, (GSourceFunc) (GCallback) on_idle_readable, conn, NULL);
  g_source_attach (conn->idle_watch, NULL);
  conn->deadline = g_timeout_add_seconds (server->header_timeout, on_header_timeout, conn);
}

/* libsoup 3.2 keeps connections alive only when it has a listener of its
 * own: it gets a Unix socket whose name is removed as soon as it listens,
 * so that nobody can ever reach it. */
static gboolean
give_libsoup_a_listener (Server  *server,
                         GError **error)
{
  g_autofree gchar *dir = g_dir_make_tmp ("sharokey-server-XXXXXX", error);
  g_autofree gchar *path = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  gboolean ok;

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "unreachable", NULL);
  address = g_unix_socket_address_new (path);
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, error);
  ok = socket != NULL &&
       g_socket_bind (socket, address, FALSE, error) &&
       g_socket_listen (socket, error);
  g_unlink (path);
  g_rmdir (dir);
  return ok && soup_server_listen_socket (server->soup, socket, 0, error);
}

/* Accepts the connections of @socket (bound and listening), over TLS when
 * @certificate is given. */
void
server_connections_listen (Server          *server,
                           GSocket         *socket,
                           GTlsCertificate *certificate)
{
  g_autoptr(GError) error = NULL;

  g_socket_set_blocking (socket, FALSE);
  server->listen_socket = g_object_ref (socket);
  server->tls_certificate = certificate ? g_object_ref (certificate) : NULL;
  server->keep_alive = give_libsoup_a_listener (server, &error);
  if (!server->keep_alive)
    g_message ("connections will not be kept alive: %s", error->message);
  g_signal_connect (server->soup, "request-finished", G_CALLBACK (on_request_finished), server);
  listen_again (server);
}

/* A new message: on a new connection, or the next request on a kept-alive
 * one (the header timeout set when the previous answer went still runs). */
void
server_connection_started (Server            *server,
                           SoupServerMessage *msg)
{
  ServerConnection *conn = lookup (server, msg);

  if (conn == NULL || conn->tls || !server->keep_alive)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Connection", "close");
  if (conn == NULL)
    return;
  drop_idle (conn);
  g_object_set_data_full (G_OBJECT (msg), CONNECTION_KEY, g_object_ref (conn->remote), g_object_unref);
  g_signal_connect (msg, "disconnected", G_CALLBACK (on_disconnected), server);
  /* Answered 429 once its headers are in (server-http.c). */
  if (conn->over_capacity)
    g_object_set_data (G_OBJECT (msg), SERVER_OVER_CAPACITY, GINT_TO_POINTER (1));
}

void
server_connection_got_headers (Server            *server,
                               SoupServerMessage *msg)
{
  ServerConnection *conn = lookup (server, msg);

  if (conn == NULL)
    return;
  drop_deadline (conn);
  conn->deadline = g_timeout_add_seconds (server->body_timeout, on_body_timeout, conn);
}

static gboolean
on_answer_timeout (gpointer data)
{
  ServerConnection *conn = data;

  conn->deadline = 0;
  cut (conn, "answer not read in time");
  return G_SOURCE_REMOVE;
}

/* The answer (up to the size of a secret with its attachments) must be
 * read as fast as the body had to be sent, or it stays in memory. */
void
server_connection_got_body (Server            *server,
                            SoupServerMessage *msg)
{
  ServerConnection *conn = lookup (server, msg);

  if (conn == NULL)
    return;
  drop_deadline (conn);
  conn->deadline = g_timeout_add_seconds (server->body_timeout, on_answer_timeout, conn);
}

/* --- answering from the headers --- */

typedef struct {
  GIOStream *stream;
  GSocket   *socket;
  guint      linger;
  guint8     buffer[LINGER_BUFFER];
} Rejection;

static void
rejection_free (Rejection *rejection)
{
  if (rejection->linger != 0)
    g_source_remove (rejection->linger);
  g_io_stream_close (rejection->stream, NULL, NULL);
  g_object_unref (rejection->stream);
  g_object_unref (rejection->socket);
  g_free (rejection);
}

static void on_discarded (GObject *source, GAsyncResult *result, gpointer data);

static void
discard_more (Rejection *rejection)
{
  g_input_stream_read_async (g_io_stream_get_input_stream (rejection->stream),
                             rejection->buffer, sizeof rejection->buffer,
                             G_PRIORITY_DEFAULT, NULL, on_discarded, rejection);
}

static gboolean
on_linger_over (gpointer data)
{
  Rejection *rejection = data;

  /* The pending read fails with "closed" and frees the rest. */
  rejection->linger = 0;
  g_socket_shutdown (rejection->socket, TRUE, TRUE, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_discarded (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Rejection *rejection = data;

  if (g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL) > 0 &&
      rejection->linger != 0)
    discard_more (rejection);
  else
    rejection_free (rejection);
}

static void
on_answer_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  Rejection *rejection = data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      rejection_free (rejection);
      return;
    }
  g_output_stream_flush (G_OUTPUT_STREAM (source), NULL, NULL);
  if (!G_IS_TLS_CONNECTION (rejection->stream))
    g_socket_shutdown (rejection->socket, FALSE, TRUE, NULL);
  rejection->linger = g_timeout_add (LINGER_MSEC, on_linger_over, rejection);
  discard_more (rejection);
}

/* The status line, headers and body that @msg holds, as HTTP/1.1 bytes. */
static GBytes *
serialize_answer (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) content = soup_message_body_flatten (body);
  guint status = soup_server_message_get_status (msg);
  GString *out = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gsize len = 0;
  gconstpointer data = g_bytes_get_data (content, &len);

  g_string_append_printf (out, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "Content-Length") != 0 &&
        g_ascii_strcasecmp (name, "Connection") != 0)
      g_string_append_printf (out, "%s: %s\r\n", name, value);
  g_string_append_printf (out, "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n", len);
  g_string_append_len (out, data, len);
  return g_string_free_to_bytes (out);
}

static gboolean
send_rejection (gpointer data)
{
  SoupServerMessage *msg = data;
  Server *server = g_object_get_data (G_OBJECT (msg), "sharokey-server");
  ServerConnection *conn = lookup (server, msg);
  g_autoptr(GBytes) answer = serialize_answer (msg);
  Rejection *rejection;
  GIOStream *stream;
  GSocket *socket;

  if (conn == NULL)
    return G_SOURCE_REMOVE;
  socket = g_object_ref (conn->socket);
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    {
      g_socket_shutdown (socket, TRUE, TRUE, NULL);
      g_object_unref (socket);
      return G_SOURCE_REMOVE;
    }
  rejection = g_new0 (Rejection, 1);
  rejection->stream = stream;
  rejection->socket = socket;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                                   G_PRIORITY_DEFAULT, NULL, on_answer_written, rejection);
  /* write_all_async copies nothing: keep the bytes with the stream. */
  g_object_set_data_full (G_OBJECT (stream), "sharokey-answer", g_bytes_ref (answer),
                          (GDestroyNotify) g_bytes_unref);
  return G_SOURCE_REMOVE;
}

/* Sends the answer already set on @msg without reading its body: libsoup
 * is stopped now (inside its own reading, the connection cannot be taken
 * from it) and the connection taken over from the main loop. */
void
server_connection_reject (Server            *server,
                          SoupServerMessage *msg)
{
  ServerConnection *conn = lookup (server, msg);

  if (conn != NULL)
    drop_deadline (conn);
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_object_set_data (G_OBJECT (msg), "sharokey-server", server);
  soup_server_message_pause (msg);
  g_idle_add_full (G_PRIORITY_HIGH, send_rejection, g_object_ref (msg), g_object_unref);
}
