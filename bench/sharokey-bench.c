/* sharokey-bench.c: figures for the client
 *
 *   - PBKDF2-HMAC-SHA256 (10 000 iterations) derivations per second
 *   - AES-256-GCM encryption throughput
 *   - creates per second against a local sharokey-server, 1 and 16 in flight
 *   - peak RSS of one create with 10 files of 1 MB, against its body size
 *     (measured in a child process, so earlier work does not count)
 *
 *   sharokey-bench [--creates N] [--parallel P]
 *
 * The server binary comes from env SHAROKEY_SERVER (meson sets it).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "sharokey-client-private.h"
#include "sharokey-test-server.h"
#include "bench-server.h"

static gint opt_creates = 200;
static gint opt_parallel = 16;
static gchar *opt_rss_child;      /* internal: API URL for the RSS child */

static GOptionEntry entries[] = {
  { "creates", 0, 0, G_OPTION_ARG_INT, &opt_creates, "Number of creates to time", "N" },
  { "parallel", 0, 0, G_OPTION_ARG_INT, &opt_parallel, "Creates in flight", "P" },
  { "rss-child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &opt_rss_child, NULL, NULL },
  { NULL }
};

static gdouble
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (gdouble) G_USEC_PER_SEC;
}

static glong
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static void
bench_pbkdf2 (void)
{
  g_autofree gchar *key = sharokey_generate_key_string ();
  guint8 salt[SHAROKEY_SALT_LENGTH] = { 0 };
  guint8 out[SHAROKEY_AES_KEY_LENGTH];
  gint64 start = g_get_monotonic_time ();
  guint n = 0;

  while (seconds_since (start) < 1.0)
    {
      g_assert (_sharokey_derive_key (key, salt, sizeof salt, out, NULL));
      n++;
    }
  g_print ("PBKDF2-HMAC-SHA256 x%d: %.1f derivations/s (%.2f ms each)\n",
           SHAROKEY_PBKDF2_ITERATIONS, n / seconds_since (start), 1000.0 * seconds_since (start) / n);
  _sharokey_wipe (out, sizeof out);
}

static void
bench_aes_gcm (void)
{
  g_autofree gchar *key = sharokey_generate_key_string ();
  guint8 salt[SHAROKEY_SALT_LENGTH] = { 0 }, iv[SHAROKEY_IV_LENGTH] = { 0 };
  g_autoptr(SharokeyCipher) cipher = _sharokey_cipher_new (key, salt, NULL);
  gsize size = 10 * 1000 * 1000;
  g_autofree guint8 *data = g_malloc0 (size);
  gint64 start = g_get_monotonic_time ();
  guint n = 0;

  while (seconds_since (start) < 1.0)
    {
      gsize len = 0;
      g_autofree guint8 *ct = _sharokey_cipher_encrypt (cipher, iv, data, size, &len, NULL);

      g_assert (ct != NULL && len == size + SHAROKEY_TAG_LENGTH);
      n++;
    }
  g_print ("AES-256-GCM encrypt: %.1f MB/s\n", n * (size / 1e6) / seconds_since (start));
}

typedef struct {
  SharokeyClient *client;
  guint total;
  guint parallel;
  guint started;
  guint finished;
  guint failed;
} Run;

static void start_create (Run *run);

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeySecret) secret = sharokey_client_create_finish (run->client, result, &error);

  if (secret == NULL)
    {
      if (run->failed++ == 0)
        g_printerr ("create failed: %s\n", error->message);
    }
  run->finished++;
  if (run->started < run->total)
    start_create (run);
}

static void
start_create (Run *run)
{
  run->started++;
  sharokey_client_create_async (run->client, "benchmark secret", 1, 1, NULL, NULL, NULL, NULL,
                                NULL, on_created, run);
}

/* Returns FALSE when a create failed or the run did not finish: the
 * figures would be meaningless. */
static gboolean
bench_creates (SharokeyClient *client,
               guint           total,
               guint           parallel)
{
  Run run = { client, total, parallel, 0, 0, 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + 300 * G_USEC_PER_SEC;

  for (guint i = 0; i < parallel && i < total; i++)
    start_create (&run);
  while (run.finished < total && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_print ("creates, %u in flight: %u in %.2f s = %.1f creates/s (%u failed)\n",
           parallel, run.finished, seconds_since (start), run.finished / seconds_since (start),
           run.failed);
  return run.failed == 0 && run.finished == total;
}

static void
on_progress (goffset  sent,
             goffset  total,
             gpointer user_data)
{
  *(guint64 *) user_data = (guint64) total;
}

/* Child: one create with 10 files of 1 MB; prints the figures. */
static int
rss_child (const gchar *api_url)
{
  g_autoptr(SharokeyClient) client = g_object_new (SHAROKEY_TYPE_CLIENT, "token", "test-token-0123456789",
                                                   "api-url", api_url, NULL);
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeySecret) warm = NULL, created = NULL;
  g_autofree gchar *dir = g_dir_make_tmp ("sharokey-bench-XXXXXX", NULL);
  gsize file_size = 1000 * 1000;
  g_autofree guint8 *data = g_malloc (file_size);
  guint64 body_size = 0;
  glong before, after;

  for (gsize i = 0; i < file_size; i++)
    data[i] = (guint8) (i * 7 + i / 251);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree gchar *name = g_strdup_printf ("file-%u.bin", i);
      g_autofree gchar *path = g_build_filename (dir, name, NULL);

      g_assert (g_file_set_contents (path, (const gchar *) data, file_size, NULL));
      sharokey_secret_options_add_attachment (options, path);
    }
  g_clear_pointer (&data, g_free);

  /* warm the session, TLS-free loopback connection and thread pool */
  warm = sharokey_client_create_sync (client, "warm-up", 1, 1, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  before = peak_rss_kib ();
  created = sharokey_client_create_sync (client, "with ten files", 1, 1, options,
                                         on_progress, &body_size, NULL, &error);
  g_assert_no_error (error);
  after = peak_rss_kib ();

  g_print ("create with 10 x 1 MB files: body %.1f MB, peak RSS %.1f MB before, %.1f MB after "
           "(growth %.1f MB = %.2f x the body)\n",
           body_size / 1e6, before * 1024 / 1e6, after * 1024 / 1e6,
           (after - before) * 1024 / 1e6, (after - before) * 1024.0 / (gdouble) body_size);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree gchar *name = g_strdup_printf ("file-%u.bin", i);
      g_autofree gchar *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
  return 0;
}

static gboolean
bench_rss (const gchar *self_path,
           const gchar *api_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                                                   self_path, "--rss-child", api_url, NULL);

  if (child == NULL || !g_subprocess_wait_check (child, NULL, &error))
    {
      g_printerr ("RSS measurement failed: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeyClient) client = NULL;
  SharokeyTestServer *server;
  const gchar *args[] = { "--rate-limit", "100000", NULL };
  gboolean ok;

  setlocale (LC_ALL, "");
  g_option_context_set_summary (context,
    "Measures PBKDF2 derivations per second, AES-256-GCM throughput, creates\n"
    "per second against a local sharokey-server (1 and --parallel in flight)\n"
    "and the peak memory of a create with 10 attachments of 1 MB.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("sharokey-bench: %s\n", error->message);
      return 2;
    }
  if (opt_rss_child != NULL)
    return rss_child (opt_rss_child);
  if (opt_creates < 1 || opt_parallel < 1)
    {
      g_printerr ("sharokey-bench: --creates and --parallel must be at least 1\n");
      return 2;
    }
  if (g_getenv ("SHAROKEY_SERVER") == NULL)
    g_setenv ("SHAROKEY_SERVER", SHAROKEY_SERVER_PATH, TRUE);

  bench_pbkdf2 ();
  bench_aes_gcm ();

  server = sharokey_test_server_start (args);
  client = g_object_new (SHAROKEY_TYPE_CLIENT,
                         "token", sharokey_test_server_get_token (server),
                         "api-url", sharokey_test_server_get_api_url (server),
                         NULL);
  ok = bench_creates (client, MIN (opt_creates, 50), 1);
  ok = bench_creates (client, opt_creates, opt_parallel) && ok;
  bench_server_print_rows (sharokey_test_server_get_api_url (server), sharokey_test_server_get_token (server));
  ok = bench_rss (argv[0], sharokey_test_server_get_api_url (server)) && ok;
  sharokey_test_server_stop (server);
  return ok ? 0 : 1;
}
