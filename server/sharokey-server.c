/* sharokey-server.c: a local Sharokey-compatible API server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "sharokey-private.h"
#include "sharokey-program.h"
#include "server.h"

#define SWEEP_SECONDS 60
#define LISTEN_BACKLOG 256
#define MIN_TOKEN_LENGTH 16

static gchar *opt_listen = NULL;
static gint opt_port = 8080;
static gchar *opt_port_file = NULL;
static gchar *opt_db = NULL;
static gchar **opt_tokens = NULL;
static gchar *opt_tokens_file = NULL;
static gchar *opt_public_url = NULL;
static gint opt_rate_limit = 1000;
static gchar *opt_list_shape = NULL;
static gchar *opt_tls_cert = NULL;
static gchar *opt_tls_key = NULL;
static gboolean opt_version = FALSE;
static gint opt_header_timeout = 10;
static gint opt_body_timeout = 120;
static gint opt_connections_per_address = 32;

static const GOptionEntry entries[] = {
  { "listen", 0, 0, G_OPTION_ARG_STRING, &opt_listen, N_("Address to listen on (default 127.0.0.1)"), N_("ADDR") },
  { "port", 0, 0, G_OPTION_ARG_INT, &opt_port, N_("Port to listen on; 0 picks a free one (default 8080)"), N_("N") },
  { "port-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_port_file, N_("Write the port to FILE once listening"), N_("FILE") },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, N_("SQLite database (default $XDG_DATA_HOME/sharokey-server/sharokey.db)"), N_("PATH") },
  { "token", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_tokens, N_("Accept this API token, for account EMAIL (repeatable)"), N_("TOKEN[:EMAIL]") },
  { "tokens-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_tokens_file, N_("Read tokens from FILE: lines \"TOKEN EMAIL [COMPANY [SCOPES]]\""), N_("FILE") },
  { "public-url", 0, 0, G_OPTION_ARG_STRING, &opt_public_url, N_("Base URL of the links given out (default http://ADDR:PORT)"), N_("URL") },
  { "rate-limit", 0, 0, G_OPTION_ARG_INT, &opt_rate_limit, N_("Requests per minute allowed per token or client (default 1000)"), N_("N") },
  { "list-shape", 0, 0, G_OPTION_ARG_STRING, &opt_list_shape, N_("List responses: \"items\" (data.items, default) or \"docs\" (data[] + pagination)"), N_("SHAPE") },
  { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_cert, N_("Serve HTTPS with this PEM certificate"), N_("FILE") },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_key, N_("Private key of --tls-cert"), N_("FILE") },
  { "header-timeout", 0, 0, G_OPTION_ARG_INT, &opt_header_timeout, N_("Seconds a client has to send the request headers (default 10)"), N_("SECONDS") },
  { "body-timeout", 0, 0, G_OPTION_ARG_INT, &opt_body_timeout, N_("Seconds a client has to send the request body, and then to read the answer (default 120)"), N_("SECONDS") },
  { "connections-per-address", 0, 0, G_OPTION_ARG_INT, &opt_connections_per_address, N_("Open connections allowed per client address (default 32)"), N_("N") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, N_("Show the version and exit"), NULL },
  { NULL }
};

static void
account_free (gpointer data)
{
  ServerAccount *account = data;

  g_free (account->email);
  g_free (account->company);
  g_strfreev (account->scopes);
  g_free (account);
}

static gboolean
add_token (Server       *server,
           const gchar  *token,
           const gchar  *email,
           const gchar  *company,
           const gchar  *scopes,
           GError      **error)
{
  ServerAccount *account;

  /* Short tokens could be guessed, even at the rate allowed to failures. */
  if (token == NULL || strlen (token) < MIN_TOKEN_LENGTH || strpbrk (token, " \t\r\n") != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("A token must have at least %d characters and no spaces"), MIN_TOKEN_LENGTH);
      return FALSE;
    }
  if (email != NULL && !_sharokey_is_email (email))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Invalid account e-mail: %s"), email);
      return FALSE;
    }
  account = g_new0 (ServerAccount, 1);
  account->email = g_strdup (email ? email : "user@localhost");
  account->company = g_strdup (company ? company : account->email);
  account->scopes = scopes ? g_strsplit (scopes, ",", -1) : NULL;
  g_hash_table_replace (server->tokens, g_strdup (token), account);
  return TRUE;
}

static gboolean
load_tokens_file (Server       *server,
                  const gchar  *path,
                  GError      **error)
{
  g_autofree gchar *text = NULL;
  g_auto(GStrv) lines = NULL;
  GStatBuf st;

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
    g_printerr (_("sharokey-server: warning: %s is readable by other users\n"), path);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      gchar *line = g_strstrip (lines[i]);
      g_autoptr(GError) local_error = NULL;

      if (line[0] == '\0' || line[0] == '#')
        continue;
      fields = g_regex_split_simple ("\\s+", line, 0, 0);
      if (g_strv_length (fields) < 2 || g_strv_length (fields) > 4 ||
          !add_token (server, fields[0], fields[1], fields[2] ? fields[2] : NULL,
                      fields[2] && fields[3] ? fields[3] : NULL, &local_error))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s:%u: expected \"TOKEN EMAIL [COMPANY [SCOPES]]\"%s%s"), path, i + 1,
                       local_error ? ": " : "", local_error ? local_error->message : "");
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
on_quit_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
on_sweep (gpointer user_data)
{
  server_db_expire_due (user_data);
  server_db_purge_destroyed (user_data);
  server_rate_prune (user_data);
  return G_SOURCE_CONTINUE;
}

static void
die (const gchar *message)
{
  g_printerr ("sharokey-server: %s\n", message);
  exit (1);
}

static gchar *
host_for_url (GInetAddress *address)
{
  g_autofree gchar *text = g_inet_address_to_string (address);

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[%s]", text);
  return g_steal_pointer (&text);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocket) listen_socket = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autofree gchar *db_path = NULL;
  g_autofree gchar *host = NULL;
  const gchar *env;
  gboolean https;
  guint port = 0;
  guint64 sweep_seconds = SWEEP_SECONDS;
  Server server = { 0 };

  sharokey_program_init ("sharokey-server");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
      _("A local Sharokey-compatible API server with a browser viewer."));
  g_option_context_set_description (context,
      _("The API is served under /api/v1 and links open at PUBLIC_URL/s/SLUG.\n"
        "SIGINT and SIGTERM stop the server cleanly (exit status 0).\n"
        "\n"
        "Environment (for tests):\n"
        "  SHAROKEY_SERVER_CLOCK_OFFSET=SECONDS   shift the clock\n"
        "  SHAROKEY_SERVER_CLOCK_FILE=FILE        add the seconds found in FILE, read at each use\n"
        "  SHAROKEY_SERVER_SWEEP_SECONDS=N        interval of the expiry sweep (default 60)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die (error->message);
  if (opt_version)
    {
      g_print ("sharokey-server %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (argc > 1)
    die (_("unexpected argument; see --help"));
  if (opt_port < 0 || opt_port > 65535)
    die (_("--port must be between 0 and 65535"));
  if (opt_rate_limit < 1)
    die (_("--rate-limit must be at least 1"));
  if (opt_header_timeout < 1 || opt_header_timeout > 3600)
    die (_("--header-timeout must be between 1 and 3600 seconds"));
  if (opt_body_timeout < 1 || opt_body_timeout > 3600)
    die (_("--body-timeout must be between 1 and 3600 seconds"));
  if (opt_connections_per_address < 1)
    die (_("--connections-per-address must be at least 1"));
  if (opt_list_shape != NULL && !g_str_equal (opt_list_shape, "items") &&
      !g_str_equal (opt_list_shape, "docs"))
    die (_("--list-shape must be \"items\" or \"docs\""));
  if (opt_public_url != NULL && !g_str_has_prefix (opt_public_url, "http://") &&
      !g_str_has_prefix (opt_public_url, "https://"))
    die (_("--public-url must start with http:// or https://"));
  if ((opt_tls_cert == NULL) != (opt_tls_key == NULL))
    die (_("--tls-cert and --tls-key go together"));

  address = g_inet_address_new_from_string (opt_listen ? opt_listen : "127.0.0.1");
  if (address == NULL)
    die (_("--listen needs a numeric IPv4 or IPv6 address"));

  server.tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, account_free);
  server.rate = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  server.rate_limit = opt_rate_limit;
  server.list_docs = opt_list_shape != NULL && g_str_equal (opt_list_shape, "docs");
  server.captchas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, server_challenge_free);
  server.otps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, server_challenge_free);
  server.header_timeout = opt_header_timeout;
  server.body_timeout = opt_body_timeout;
  server.max_per_address = opt_connections_per_address;
  server_connections_init (&server);
  if ((env = g_getenv ("SHAROKEY_SERVER_CLOCK_OFFSET")) != NULL &&
      !g_ascii_string_to_signed (env, 10, -G_MAXINT32, G_MAXINT32, &server.clock_offset, NULL))
    die (_("SHAROKEY_SERVER_CLOCK_OFFSET must be a number of seconds"));
  server.clock_file = g_strdup (g_getenv ("SHAROKEY_SERVER_CLOCK_FILE"));
  if ((env = g_getenv ("SHAROKEY_SERVER_SWEEP_SECONDS")) != NULL &&
      !g_ascii_string_to_unsigned (env, 10, 1, 86400, &sweep_seconds, NULL))
    die (_("SHAROKEY_SERVER_SWEEP_SECONDS must be a number of seconds"));

  for (guint i = 0; opt_tokens != NULL && opt_tokens[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (opt_tokens[i], ":", 2);
      if (!add_token (&server, parts[0], parts[0] ? parts[1] : NULL, NULL, NULL, &error))
        die (error->message);
    }
  if (opt_tokens_file != NULL && !load_tokens_file (&server, opt_tokens_file, &error))
    die (error->message);
  if (g_hash_table_size (server.tokens) == 0)
    g_printerr (_("sharokey-server: warning: no --token or --tokens-file given; every API call will be refused\n"));

  db_path = opt_db ? g_strdup (opt_db)
                   : g_build_filename (g_get_user_data_dir (), "sharokey-server", "sharokey.db", NULL);
  if (!server_db_open (&server, db_path, &error) ||
      !server_commit_start (&server, db_path, &error))
    die (error->message);

  https = opt_tls_cert != NULL;
  /* No version: it would only tell an attacker which flaws to try. */
  server.soup = soup_server_new ("server-header", "sharokey-server", NULL);
  if (https)
    {
      cert = g_tls_certificate_new_from_files (opt_tls_cert, opt_tls_key, &error);
      /* GIO's message names neither file: say which pair was refused. */
      if (cert == NULL)
        {
          g_autofree gchar *message = g_strdup_printf ("--tls-cert %s --tls-key %s: %s",
                                                       opt_tls_cert, opt_tls_key, error->message);
          die (message);
        }
    }
  server_http_setup (&server);

  /* Our own socket, for a listen backlog that absorbs bursts of
   * simultaneous openers (GSocket's default is 10). */
  socket_address = g_inet_socket_address_new (address, opt_port);
  listen_socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM,
                                G_SOCKET_PROTOCOL_TCP, &error);
  if (listen_socket == NULL)
    die (error->message);
  g_socket_set_listen_backlog (listen_socket, LISTEN_BACKLOG);
  if (!g_socket_bind (listen_socket, socket_address, TRUE, &error) ||
      !g_socket_listen (listen_socket, &error) ||
      (bound = g_socket_get_local_address (listen_socket, &error)) == NULL)
    die (error->message);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  /* Accepted here, not by libsoup's listener (server-connections.c). */
  server_connections_listen (&server, listen_socket, cert);

  /* Tokens, passwords and payloads would cross the network in clear. */
  if (!https && !g_inet_address_get_is_loopback (address))
    g_printerr (_("sharokey-server: warning: serving plain HTTP beyond this machine; give --tls-cert and --tls-key\n"));

  /* Links must name a reachable host, not "any". */
  if (g_inet_address_get_is_any (address))
    {
      g_autoptr(GInetAddress) loopback =
        g_inet_address_new_loopback (g_inet_address_get_family (address));
      host = host_for_url (loopback);
      if (opt_public_url == NULL)
        g_printerr (_("sharokey-server: warning: listening on all addresses; give --public-url so that links name this host\n"));
    }
  else
    host = host_for_url (address);
  if (opt_public_url != NULL)
    {
      gsize len = strlen (opt_public_url);
      while (len > 0 && opt_public_url[len - 1] == '/')
        len--;
      server.public_url = g_strndup (opt_public_url, len);
    }
  else
    server.public_url = g_strdup_printf ("%s://%s:%u", https ? "https" : "http", host, port);

  /* Before anyone learns the port: a SIGTERM sent as soon as the port
   * file appears must still stop the server cleanly. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_quit_signal, loop);
  g_unix_signal_add (SIGTERM, on_quit_signal, loop);

  if (opt_port_file != NULL)
    {
      g_autofree gchar *text = g_strdup_printf ("%u\n", port);
      if (!g_file_set_contents (opt_port_file, text, -1, &error))
        die (error->message);
    }
  g_print ("%s://%s:%u/api/v1\n", https ? "https" : "http", host, port);
  fflush (stdout);
  /* For the admin reading the log: where the data lives, and where links
   * point. Untranslated, like every other line of the log. */
  g_message ("listening on %s://%s:%u, links at %s, database %s",
             https ? "https" : "http", host, port, server.public_url, db_path);

  g_timeout_add_seconds (sweep_seconds, on_sweep, &server);
  on_sweep (&server);
  g_main_loop_run (loop);

  server_commit_stop (&server);
  soup_server_disconnect (server.soup);
  g_object_unref (server.soup);
  server_connections_free (&server);
  server_db_close (&server);
  g_hash_table_destroy (server.tokens);
  g_hash_table_destroy (server.rate);
  g_hash_table_destroy (server.captchas);
  g_hash_table_destroy (server.otps);
  g_free (server.public_url);
  g_free (server.clock_file);
  return 0;
}
