/* sharokey-test-server.c: starts and stops a real sharokey-server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "sharokey-test-server.h"

#define START_TIMEOUT_USEC (15 * G_USEC_PER_SEC)
#define STOP_TIMEOUT_USEC (10 * G_USEC_PER_SEC)
#define TOKEN "test-token-0123456789"
#define ACCOUNT "alice@example.com"

struct _SharokeyTestServer {
  gchar *dir;
  gchar *db_path;
  gchar *port_file;
  gchar *tokens_path;
  gchar *log_path;
  gchar *api_url;
  gchar *base_url;
  GPid pid;
  gboolean running;
};

/* A crashed or killed test must not leave servers behind. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
launch (SharokeyTestServer  *server,
        const gchar * const *extra_args)
{
  const gchar *binary = g_getenv ("SHAROKEY_SERVER");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree gchar *text = NULL;
  gint64 deadline;
  int log_fd;
  guint64 port = 0;

  if (binary == NULL)
    g_error ("SHAROKEY_SERVER is not set");
  g_unlink (server->port_file);

  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, "--listen");
  g_ptr_array_add (argv, "127.0.0.1");
  g_ptr_array_add (argv, "--port");
  g_ptr_array_add (argv, "0");
  g_ptr_array_add (argv, "--port-file");
  g_ptr_array_add (argv, server->port_file);
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, server->db_path);
  g_ptr_array_add (argv, "--tokens-file");
  g_ptr_array_add (argv, server->tokens_path);
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  log_fd = g_open (server->log_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (log_fd < 0)
    g_error ("cannot open %s: %s", server->log_path, g_strerror (errno));
  if (!g_spawn_async_with_fds (NULL, (gchar **) argv->pdata, NULL,
                               G_SPAWN_DO_NOT_REAP_CHILD, child_setup, NULL, &server->pid,
                               -1, log_fd, log_fd, &error))
    g_error ("cannot start %s: %s", binary, error->message);
  close (log_fd);
  server->running = TRUE;

  deadline = g_get_monotonic_time () + START_TIMEOUT_USEC;
  while (!g_file_get_contents (server->port_file, &text, NULL, NULL))
    {
      int status;

      if (waitpid (server->pid, &status, WNOHANG) == server->pid)
        {
          g_autofree gchar *log = NULL;
          g_file_get_contents (server->log_path, &log, NULL, NULL);
          server->running = FALSE;
          g_error ("sharokey-server exited at start: %s", log ? log : "");
        }
      if (g_get_monotonic_time () > deadline)
        g_error ("sharokey-server did not start within %d s", (int) (START_TIMEOUT_USEC / G_USEC_PER_SEC));
      g_usleep (10000);
    }
  if (!g_ascii_string_to_unsigned (g_strstrip (text), 10, 1, 65535, &port, NULL))
    g_error ("bad port file content");
  g_free (server->api_url);
  g_free (server->base_url);
  server->base_url = g_strdup_printf ("http://127.0.0.1:%u", (guint) port);
  server->api_url = g_strdup_printf ("%s/api/v1", server->base_url);
}

SharokeyTestServer *
sharokey_test_server_start (const gchar * const *extra_args)
{
  return sharokey_test_server_start_with_tokens (NULL, extra_args);
}

SharokeyTestServer *
sharokey_test_server_start_with_tokens (const gchar         *more_tokens,
                                        const gchar * const *extra_args)
{
  SharokeyTestServer *server = g_new0 (SharokeyTestServer, 1);
  g_autoptr(GError) error = NULL;
  g_autofree gchar *tokens = NULL;

  server->dir = g_dir_make_tmp ("sharokey-server-XXXXXX", &error);
  if (server->dir == NULL)
    g_error ("cannot create a temporary directory: %s", error->message);
  server->db_path = g_build_filename (server->dir, "sharokey.db", NULL);
  server->port_file = g_build_filename (server->dir, "port", NULL);
  server->tokens_path = g_build_filename (server->dir, "tokens", NULL);
  server->log_path = g_build_filename (server->dir, "server.log", NULL);
  /* Tokens never go on the server's command line, where every user sees them. */
  tokens = g_strconcat (TOKEN " " ACCOUNT "\n", more_tokens ? more_tokens : "", NULL);
  if (!g_file_set_contents_full (server->tokens_path, tokens, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("cannot write %s: %s", server->tokens_path, error->message);
  launch (server, extra_args);
  return server;
}

void
sharokey_test_server_restart (SharokeyTestServer  *server,
                              const gchar * const *extra_args)
{
  g_assert_false (server->running);
  launch (server, extra_args);
}

const gchar *
sharokey_test_server_get_api_url (SharokeyTestServer *server)
{
  return server->api_url;
}

const gchar *
sharokey_test_server_get_base_url (SharokeyTestServer *server)
{
  return server->base_url;
}

const gchar *
sharokey_test_server_get_token (SharokeyTestServer *server)
{
  return TOKEN;
}

const gchar *
sharokey_test_server_get_db_path (SharokeyTestServer *server)
{
  return server->db_path;
}

const gchar *
sharokey_test_server_get_log_path (SharokeyTestServer *server)
{
  return server->log_path;
}

GPid
sharokey_test_server_get_pid (SharokeyTestServer *server)
{
  return server->pid;
}

/* Waits (bounded) for the child; TRUE when it was reaped. */
static gboolean
reap (SharokeyTestServer *server,
      gint64              timeout)
{
  gint64 deadline = g_get_monotonic_time () + timeout;
  int status;

  while (g_get_monotonic_time () < deadline)
    {
      pid_t r = waitpid (server->pid, &status, WNOHANG);
      if (r == server->pid || (r < 0 && errno == ECHILD))
        {
          server->running = FALSE;
          g_spawn_close_pid (server->pid);
          return TRUE;
        }
      g_usleep (10000);
    }
  return FALSE;
}

void
sharokey_test_server_kill (SharokeyTestServer *server)
{
  if (!server->running)
    return;
  kill (server->pid, SIGKILL);
  if (!reap (server, STOP_TIMEOUT_USEC))
    g_error ("sharokey-server did not die on SIGKILL");
}

static void
remove_dir (const gchar *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const gchar *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree gchar *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

void
sharokey_test_server_stop (SharokeyTestServer *server)
{
  if (server == NULL)
    return;
  if (server->running)
    {
      kill (server->pid, SIGTERM);
      if (!reap (server, STOP_TIMEOUT_USEC))
        sharokey_test_server_kill (server);
    }
  remove_dir (server->dir);
  g_free (server->dir);
  g_free (server->db_path);
  g_free (server->port_file);
  g_free (server->tokens_path);
  g_free (server->log_path);
  g_free (server->api_url);
  g_free (server->base_url);
  g_free (server);
}
