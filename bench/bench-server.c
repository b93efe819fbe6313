/* bench-server.c: creates per second that a running sharokey-server keeps up
 *
 * The figure must be the server's, so the clients cost little (the row
 * says how much: their CPU time per create, mostly the kernel's TCP work):
 * one body is encrypted once with the library, and each client is a thread
 * that writes the same POST /secrets and reads the answer, back to back,
 * with blocking sockets (no JSON, no encryption, no main loop per create).
 * The first rows open a new connection per create (each request says
 * "Connection: close"), as separate processes would; the keep-alive rows
 * send every create of a client on one connection, as a long-running
 * program with the library does. Clients come from several loopback
 * addresses (127.0.0.2, 127.0.0.3, …) so that the server's cap on
 * connections per client address (default 32) does not refuse 64 of them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "sharokey-private.h"
#include "bench-server.h"

#define ROW_SECONDS 2
#define SOURCE_ADDRESSES 8
#define RESPONSE_BUFFER (64 * 1024)

typedef struct {
  GMutex    lock;
  GCond     cond;
  guint     ready;      /* clients connected and warmed up */
  gboolean  go;
  gint64    deadline;   /* monotonic µs */
} Start;

typedef struct {
  Start          *start;
  struct in_addr  server;
  guint16         port;
  guint           index;
  GBytes         *request;
  gboolean        keep_alive;
  guint           created;
  guint           failed;
  gint64          cpu_usec;   /* of the timed creates */
  gchar          *error;
} Client;

static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
client_connect (Client *client)
{
  struct sockaddr_in local = { .sin_family = AF_INET };
  struct sockaddr_in remote = { .sin_family = AF_INET, .sin_port = htons (client->port),
                                .sin_addr = client->server };
  int one = 1;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  if (fd < 0)
    return -1;
  /* The whole of 127/8 is this machine: one source address per group of
   * clients. */
  if ((ntohl (client->server.s_addr) >> 24) == 127)
    {
      local.sin_addr.s_addr = htonl (0x7f000002u + client->index % SOURCE_ADDRESSES);
      if (bind (fd, (struct sockaddr *) &local, sizeof local) != 0)
        {
          close (fd);
          return -1;
        }
    }
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect (fd, (struct sockaddr *) &remote, sizeof remote) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

/* Reads one whole response; returns its status, or 0 when the connection
 * broke or the response cannot be framed (no Content-Length). Sets
 * @out_close when the server closes the connection after it. */
static guint
read_response (int       fd,
               gchar    *buf,
               gboolean *out_close)
{
  gsize have = 0, header_len, need;
  guint64 content_length = 0;
  guint status = 0;
  const gchar *end, *line;

  while ((end = g_strstr_len (buf, have, "\r\n\r\n")) == NULL)
    {
      ssize_t n;

      if (have == RESPONSE_BUFFER)
        return 0;
      n = read (fd, buf + have, RESPONSE_BUFFER - have);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return 0;
      have += n;
    }
  header_len = end + 4 - buf;
  if (sscanf (buf, "HTTP/1.%*d %u", &status) != 1)
    return 0;
  for (line = buf; line < end; line = strstr (line, "\r\n") + 2)
    if (g_ascii_strncasecmp (line, "Content-Length:", 15) == 0)
      content_length = g_ascii_strtoull (line + 15, NULL, 10);
    else if (g_ascii_strncasecmp (line, "Connection: close", 17) == 0)
      *out_close = TRUE;
  need = header_len + content_length;
  /* The body is not kept: only its end matters. */
  while (have < need)
    {
      ssize_t n = read (fd, buf, MIN (RESPONSE_BUFFER, need - have));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return 0;
      have += n;
    }
  return status;
}

/* One create; reconnects first when *@fd is closed (-1), and closes it
 * after an answer that says so (or always, without keep-alive). Returns
 * the status, 0 when the connection broke. */
static guint
create_once (Client *client,
             int    *fd,
             gchar  *buf)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (client->request, &len);
  gboolean close_after = FALSE;
  guint status = 0;

  if (*fd < 0 && (*fd = client_connect (client)) < 0)
    return 0;
  if (write_all (*fd, data, len))
    status = read_response (*fd, buf, &close_after);
  if (status == 0 || close_after || !client->keep_alive)
    {
      close (*fd);
      *fd = -1;
    }
  return status;
}

static gpointer
client_run (gpointer user_data)
{
  Client *client = user_data;
  Start *start = client->start;
  g_autofree gchar *buf = g_malloc (RESPONSE_BUFFER);
  guint status;
  gint64 cpu_start;
  int fd = -1;

  /* Warmed up before the clock starts. */
  if ((status = create_once (client, &fd, buf)) != 201)
    client->error = status == 0 ? g_strdup_printf ("cannot create: %s", g_strerror (errno))
                                : g_strdup_printf ("warm-up create answered %u", status);
  g_mutex_lock (&start->lock);
  start->ready++;
  g_cond_broadcast (&start->cond);
  while (!start->go)
    g_cond_wait (&start->cond, &start->lock);
  g_mutex_unlock (&start->lock);

  cpu_start = thread_cpu_usec ();
  while (client->error == NULL && g_get_monotonic_time () < start->deadline)
    {
      status = create_once (client, &fd, buf);
      if (status == 201)
        client->created++;
      else if (client->failed++ == 0)
        client->error = status == 0 ? g_strdup_printf ("a create failed: %s", g_strerror (errno))
                                    : g_strdup_printf ("a create answered %u", status);
    }
  if (fd >= 0)
    close (fd);
  client->cpu_usec = thread_cpu_usec () - cpu_start;
  return NULL;
}

static void
print_row (struct in_addr  server,
           guint16         port,
           GBytes         *request,
           gboolean        keep_alive,
           guint           n_clients)
{
  Start start = { 0 };
  g_autofree Client *clients = g_new0 (Client, n_clients);
  g_autofree GThread **threads = g_new0 (GThread *, n_clients);
  guint created = 0, failed = 0;
  gint64 cpu_usec = 0;
  const gchar *error = NULL;
  gint64 begin;
  gdouble seconds;

  g_mutex_init (&start.lock);
  g_cond_init (&start.cond);
  for (guint i = 0; i < n_clients; i++)
    {
      clients[i] = (Client) { .start = &start, .server = server, .port = port, .index = i, .request = request,
                              .keep_alive = keep_alive };
      threads[i] = g_thread_new ("bench-client", client_run, &clients[i]);
    }
  g_mutex_lock (&start.lock);
  while (start.ready < n_clients)
    g_cond_wait (&start.cond, &start.lock);
  begin = g_get_monotonic_time ();
  start.deadline = begin + ROW_SECONDS * G_USEC_PER_SEC;
  start.go = TRUE;
  g_cond_broadcast (&start.cond);
  g_mutex_unlock (&start.lock);
  for (guint i = 0; i < n_clients; i++)
    g_thread_join (threads[i]);
  seconds = (g_get_monotonic_time () - begin) / (gdouble) G_USEC_PER_SEC;

  for (guint i = 0; i < n_clients; i++)
    {
      created += clients[i].created;
      failed += clients[i].failed;
      cpu_usec += clients[i].cpu_usec;
      if (error == NULL)
        error = clients[i].error;
    }
  g_print ("server creates/s, %2u client%s (raw POSTs of one body encrypted once,"
           " %s; client CPU %.2f ms per create): %.0f creates/s"
           " (%u in %.2f s, %u failed)\n",
           n_clients, n_clients > 1 ? "s" : " ",
           keep_alive ? "kept-alive connections" : "a connection per create",
           created ? cpu_usec / 1000.0 / created : 0.0,
           created / seconds, created, seconds, failed);
  if (error != NULL)
    g_printerr ("server creates: %s\n", error);
  for (guint i = 0; i < n_clients; i++)
    g_free (clients[i].error);
  g_mutex_clear (&start.lock);
  g_cond_clear (&start.cond);
}

/* The whole POST /secrets, headers and body, sent as is by every client. */
static GBytes *
build_request (GUri        *uri,
               const gchar *token,
               gboolean     keep_alive)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gchar *key_b = NULL;
  GString *request;

  body = _sharokey_secret_body_build ("benchmark secret", 1, 1, NULL, &key_b, &error);
  if (body == NULL)
    {
      g_printerr ("server creates: %s\n", error->message);
      return NULL;
    }
  sharokey_wipe_free (key_b);
  request = g_string_new (NULL);
  g_string_append_printf (request,
                          "POST %s/secrets HTTP/1.1\r\n"
                          "Host: %s:%d\r\n"
                          "Authorization: Bearer %s\r\n"
                          "Content-Type: application/json\r\n"
                          "%s"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                          g_uri_get_path (uri), g_uri_get_host (uri), g_uri_get_port (uri),
                          token, keep_alive ? "" : "Connection: close\r\n", g_bytes_get_size (body));
  g_string_append_len (request, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return g_string_free_to_bytes (request);
}

void
bench_server_print_rows (const gchar *api_url,
                         const gchar *token)
{
  static const guint clients[] = { 1, 8, 64 };
  g_autoptr(GUri) uri = g_uri_parse (api_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) request_keep_alive = NULL;
  struct in_addr server;

  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 ||
      g_uri_get_port (uri) <= 0 || inet_pton (AF_INET, g_uri_get_host (uri), &server) != 1)
    {
      g_print ("server creates/s: skipped (needs a plain http URL with an IPv4 address and a port)\n");
      return;
    }
  request = build_request (uri, token, FALSE);
  request_keep_alive = build_request (uri, token, TRUE);
  if (request == NULL || request_keep_alive == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (clients); i++)
    print_row (server, (guint16) g_uri_get_port (uri), request, FALSE, clients[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (clients); i++)
    print_row (server, (guint16) g_uri_get_port (uri), request_keep_alive, TRUE, clients[i]);
}
