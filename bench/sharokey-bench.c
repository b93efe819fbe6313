/* sharokey-bench.c: figures for the client
 *
 *   - PBKDF2-HMAC-SHA256 (10 000 iterations) derivations per second
 *   - AES-256-GCM encryption throughput
 *   - `sharokey create` as a process (start to link) next to
 *     `sharokey --version` and `sharokey list`, medians
 *   - creates per second against a local sharokey-server, 1 and 16 in flight
 *   - a burst of creates all started at once: wall time and client CPU
 *   - client CPU per create at 10, 100, 1 000 and 10 000 in flight
 *   - wall time and peak RSS of one create with 10 files of 1 MB, against
 *     its body size (measured in a child process, so earlier work does not
 *     count)
 *
 *   sharokey-bench [--creates N] [--parallel P] [--burst N] [--in-flight LIST]
 *                  [--process-runs N] [--attachments N] [--api-url URL]
 *
 * The server runs as a separate process: the CPU figures (getrusage of
 * this process) are the client's alone. The server binary comes from env
 * SHAROKEY_SERVER, the command-line tool from env SHAROKEY_TOOL (meson
 * sets both).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>

#include "sharokey-client-private.h"
#include "sharokey-test-server.h"
#include "bench-server.h"

static gint opt_creates = 200;
static gint opt_parallel = 16;
static gint opt_burst = 1000;
static gchar *opt_in_flight = NULL;
static gint opt_process_runs = 21;
static gint opt_attachments = 10;
static gchar *opt_api_url;
static gchar *opt_rss_child;      /* internal: API URL for the RSS child */

static GOptionEntry entries[] = {
  { "creates", 0, 0, G_OPTION_ARG_INT, &opt_creates, "Number of creates to time", "N" },
  { "parallel", 0, 0, G_OPTION_ARG_INT, &opt_parallel, "Creates in flight", "P" },
  { "burst", 0, 0, G_OPTION_ARG_INT, &opt_burst,
    "Creates all started at once, for wall time and client CPU (default 1000)", "N" },
  { "in-flight", 0, 0, G_OPTION_ARG_STRING, &opt_in_flight,
    "Comma-separated numbers of creates in flight for the client CPU per create "
    "(default 10,100,1000,10000)", "LIST" },
  { "process-runs", 0, 0, G_OPTION_ARG_INT, &opt_process_runs,
    "Runs of each sharokey process for the start-up medians (default 21)", "N" },
  { "attachments", 0, 0, G_OPTION_ARG_INT, &opt_attachments,
    "Files of 1 MB in the attachment create (default 10)", "N" },
  { "api-url", 0, 0, G_OPTION_ARG_STRING, &opt_api_url,
    "Use this running server (token from env SHAROKEY_TOKEN) instead of starting one", "URL" },
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

/* CPU time, in seconds, of this process (RUSAGE_SELF: every thread) or of
 * the calling thread (RUSAGE_THREAD: the main loop's HTTP, JSON and
 * GObject work, everything but the crypto pool). */
static gdouble
cpu_seconds_of (gint who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

#define cpu_seconds() cpu_seconds_of (RUSAGE_SELF)
#define thread_cpu_seconds() cpu_seconds_of (RUSAGE_THREAD)

static void
bench_pbkdf2 (void)
{
  const struct {
    const gchar *name;
    gboolean (*derive) (const gchar *, const guint8 *, gsize, guint8 *, GError **);
  } ways[] = {
    { "library", _sharokey_derive_key },
    { "GnuTLS", _sharokey_derive_key_gnutls },
  };
  g_autofree gchar *key = sharokey_generate_key_string ();
  guint8 salt[SHAROKEY_SALT_LENGTH] = { 0 };
  guint8 out[SHAROKEY_AES_KEY_LENGTH];
  gboolean fast = !gnutls_fips140_mode_enabled () &&
                  _sharokey_pbkdf2_sha256_fast ((const guint8 *) key, strlen (key), salt, sizeof salt, 1, out);

  for (gsize i = 0; i < G_N_ELEMENTS (ways); i++)
    {
      gdouble start = thread_cpu_seconds ();
      guint n = 0;

      while (thread_cpu_seconds () - start < 1.0)
        {
          g_assert (ways[i].derive (key, salt, sizeof salt, out, NULL));
          n++;
        }
      g_print ("PBKDF2-HMAC-SHA256 x%d, %s%s: %.2f ms of CPU each\n",
               SHAROKEY_PBKDF2_ITERATIONS, ways[i].name,
               i == 0 ? (fast ? " (SHA instructions)" : " (GnuTLS: no SHA instructions, or FIPS mode)") : "",
               1000.0 * (thread_cpu_seconds () - start) / n);
    }
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

static gint
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;

  return (x > y) - (x < y);
}

static gdouble
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, gdouble, values->len / 2);
}

/* --- sharokey as a process --- */

/* Milliseconds from spawning `sharokey ARGS` to its exit, or -1. */
static gdouble
time_process (GSubprocessLauncher *launcher,
              const gchar * const *argv)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  child = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (child == NULL || !g_subprocess_wait_check (child, NULL, &error))
    {
      g_printerr ("%s %s failed: %s\n", argv[0], argv[1], error->message);
      return -1;
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Interleaved runs (the machine may be busy with other work): --version,
 * create, list, again and again; medians. The token goes through the
 * environment, never argv. */
static gboolean
bench_process (const gchar *api_url,
               const gchar *token)
{
  const gchar *tool = g_getenv ("SHAROKEY_TOOL");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree gchar *home = g_dir_make_tmp ("sharokey-bench-home-XXXXXX", NULL);
  const gchar *version[] = { tool, "--version", NULL };
  const gchar *create[] = { tool, "create", "benchmark secret", NULL };
  const gchar *list[] = { tool, "list", NULL };
  const gchar * const *commands[] = { version, create, list };
  g_autoptr(GArray) version_ms = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) create_ms = g_array_new (FALSE, FALSE, sizeof (gdouble));
  g_autoptr(GArray) list_ms = g_array_new (FALSE, FALSE, sizeof (gdouble));
  GArray *times[] = { version_ms, create_ms, list_ms };

  if (tool == NULL || home == NULL)
    {
      g_printerr ("SHAROKEY_TOOL is not set\n");
      return FALSE;
    }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_setenv (launcher, "SHAROKEY_API_URL", api_url, TRUE);
  g_subprocess_launcher_setenv (launcher, "SHAROKEY_TOKEN", token, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", home, TRUE);

  for (gint run = 0; run < opt_process_runs + 1; run++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        gdouble ms = time_process (launcher, commands[c]);

        if (ms < 0)
          return FALSE;
        if (run > 0)          /* the first run warms the page cache */
          g_array_append_val (times[c], ms);
      }
  g_rmdir (home);

  g_print ("sharokey as a process, median of %d: --version %.1f ms, create %.1f ms "
           "(%.2f x --version), list %.1f ms\n",
           opt_process_runs, median (version_ms), median (create_ms),
           median (create_ms) / median (version_ms), median (list_ms));
  return TRUE;
}

/* --- creates from one process --- */

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

/* @total creates, @parallel in flight (all started at once when they are
 * equal), for at most 600 s. Returns FALSE when a create failed or the
 * run did not finish: the figures would be meaningless. */
static gboolean
run_creates (SharokeyClient *client,
             guint           total,
             guint           parallel,
             gdouble        *wall,
             gdouble        *cpu,
             gdouble        *thread_cpu)
{
  Run *run = g_new0 (Run, 1);
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + 600 * G_USEC_PER_SEC;
  gdouble cpu_start = cpu_seconds ();
  gdouble thread_cpu_start = thread_cpu_seconds ();
  gboolean ok;

  run->client = client;
  run->total = total;
  run->parallel = parallel;
  for (guint i = 0; i < parallel && i < total; i++)
    start_create (run);
  while (run->finished < total && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  *wall = seconds_since (start);
  *cpu = cpu_seconds () - cpu_start;
  *thread_cpu = thread_cpu_seconds () - thread_cpu_start;
  ok = run->failed == 0 && run->finished == total;
  if (!ok)
    g_printerr ("(%u of %u creates failed, %u did not finish in 600 s)\n",
             run->failed, total, total - run->finished);
  if (run->finished < total)
    {
      /* The calls still running hold it: they start no more. */
      run->total = run->started;
      return FALSE;
    }
  g_free (run);
  return ok;
}

static gboolean
bench_creates (SharokeyClient *client,
               guint           total,
               guint           parallel)
{
  gdouble wall, cpu, thread_cpu;
  gboolean ok = run_creates (client, total, parallel, &wall, &cpu, &thread_cpu);

  g_print ("creates, %u in flight: %u in %.2f s = %.1f creates/s\n",
           parallel, total, wall, total / wall);
  return ok;
}

static gboolean
bench_burst (SharokeyClient *client,
             guint           total)
{
  gdouble wall, cpu, thread_cpu;
  gboolean ok = run_creates (client, total, total, &wall, &cpu, &thread_cpu);

  g_print ("%u creates all started at once: %.2f s wall, %.2f s client CPU "
           "(%.0f creates/s, %.2f ms CPU each, %.2f ms of it in the main loop's thread)%s\n",
           total, wall, cpu, total / wall, 1000 * cpu / total, 1000 * thread_cpu / total,
           ok ? "" : " (incomplete)");
  return ok;
}

/* Client CPU per create with N in flight: N started at once, kept at N
 * until at least --burst are done (a handful would be noise). */
static gboolean
bench_in_flight (SharokeyClient *client,
                 const guint    *levels,
                 guint           n_levels)
{
  gdouble lowest = G_MAXDOUBLE, highest = 0;
  gboolean ok = TRUE;

  g_print ("client CPU per create by creates in flight:");
  for (guint i = 0; i < n_levels; i++)
    {
      guint total = MAX (levels[i], (guint) opt_burst);
      gdouble wall, cpu, thread_cpu, per_create;
      gboolean complete = run_creates (client, total, levels[i], &wall, &cpu, &thread_cpu);

      ok = complete && ok;
      per_create = 1000 * cpu / total;
      lowest = MIN (lowest, per_create);
      highest = MAX (highest, per_create);
      g_print ("%s %u: %.2f ms%s", i == 0 ? "" : ",", levels[i], per_create,
               complete ? "" : " (incomplete)");
    }
  g_print (" (highest %+.0f %% over lowest)\n", 100 * (highest / lowest - 1));
  return ok;
}

/* --- attachments --- */

static void
on_progress (goffset  sent,
             goffset  total,
             gpointer user_data)
{
  *(guint64 *) user_data = (guint64) total;
}

/* Child: one create with --attachments files of 1 MB; prints the figures. */
static int
rss_child (const gchar *api_url)
{
  const gchar *token = g_getenv ("SHAROKEY_TOKEN");
  g_autoptr(SharokeyClient) client = g_object_new (SHAROKEY_TYPE_CLIENT,
                                                   "token", token ? token : "test-token-0123456789",
                                                   "api-url", api_url, NULL);
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeySecret) warm = NULL, created = NULL;
  g_autofree gchar *dir = g_dir_make_tmp ("sharokey-bench-XXXXXX", NULL);
  gsize file_size = 1000 * 1000;
  g_autofree guint8 *data = g_malloc (file_size);
  guint64 body_size = 0;
  glong before, after;
  gint64 start;
  gdouble wall, cpu;

  for (gsize i = 0; i < file_size; i++)
    data[i] = (guint8) (i * 7 + i / 251);
  for (gint i = 0; i < opt_attachments; i++)
    {
      g_autofree gchar *name = g_strdup_printf ("file-%d.bin", i);
      g_autofree gchar *path = g_build_filename (dir, name, NULL);

      g_assert (g_file_set_contents (path, (const gchar *) data, file_size, NULL));
      sharokey_secret_options_add_attachment (options, path);
    }
  g_clear_pointer (&data, g_free);

  /* warm the session, TLS-free loopback connection and thread pool */
  warm = sharokey_client_create_sync (client, "warm-up", 1, 1, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  before = peak_rss_kib ();
  cpu = cpu_seconds ();
  start = g_get_monotonic_time ();
  created = sharokey_client_create_sync (client, "with attachments", 1, 1, options,
                                         on_progress, &body_size, NULL, &error);
  wall = seconds_since (start);
  cpu = cpu_seconds () - cpu;
  g_assert_no_error (error);
  after = peak_rss_kib ();

  /* The CPU time is the client's alone (the server is another process):
   * on a busy machine it says more than the wall time. */
  g_print ("create with %d x 1 MB files: %.2f s wall, peak RSS %.1f MiB "
           "(%.1f MiB before; growth %.2f x the %.1f MB body), client CPU %.0f ms\n",
           opt_attachments, wall, after / 1024.0, before / 1024.0,
           (after - before) * 1024.0 / (gdouble) body_size, body_size / 1e6, 1000 * cpu);

  for (gint i = 0; i < opt_attachments; i++)
    {
      g_autofree gchar *name = g_strdup_printf ("file-%d.bin", i);
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
  g_autofree gchar *attachments = g_strdup_printf ("%d", opt_attachments);
  g_autoptr(GSubprocess) child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                                                   self_path, "--rss-child", api_url,
                                                   "--attachments", attachments, NULL);

  if (child == NULL || !g_subprocess_wait_check (child, NULL, &error))
    {
      g_printerr ("RSS measurement failed: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* "10,100,1000" into @levels; FALSE when it is not a list of numbers of
 * at least 1. */
static gboolean
parse_levels (const gchar *text,
              GArray      *levels)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 value;
      guint level;

      if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 1, G_MAXINT, &value, NULL))
        return FALSE;
      level = (guint) value;
      g_array_append_val (levels, level);
    }
  return levels->len > 0;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(GArray) levels = g_array_new (FALSE, FALSE, sizeof (guint));
  SharokeyTestServer *server = NULL;
  const gchar *args[] = { "--rate-limit", "100000000", NULL };
  const gchar *api_url, *token;
  gboolean ok;

  setlocale (LC_ALL, "");
  /* Each row as soon as it is measured, even into a pipe or a log. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_set_summary (context,
    "Measures PBKDF2 derivations per second, AES-256-GCM throughput, the\n"
    "time of sharokey create as a process next to sharokey --version, creates\n"
    "per second against a local sharokey-server (1 and --parallel in flight),\n"
    "the wall time and client CPU of --burst creates started at once, the\n"
    "client CPU per create by creates in flight (--in-flight), and the wall\n"
    "time and peak memory of a create with --attachments files of 1 MB.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("sharokey-bench: %s\n", error->message);
      return 2;
    }
  if (opt_rss_child != NULL)
    return rss_child (opt_rss_child);
  if (opt_creates < 1 || opt_parallel < 1 || opt_burst < 1 || opt_process_runs < 1 ||
      opt_attachments < 1)
    {
      g_printerr ("sharokey-bench: --creates, --parallel, --burst, --process-runs and "
                  "--attachments must be at least 1\n");
      return 2;
    }
  if (!parse_levels (opt_in_flight ? opt_in_flight : "10,100,1000,10000", levels))
    {
      g_printerr ("sharokey-bench: --in-flight takes numbers of at least 1, separated by commas\n");
      return 2;
    }
  if (g_getenv ("SHAROKEY_SERVER") == NULL)
    g_setenv ("SHAROKEY_SERVER", SHAROKEY_SERVER_PATH, TRUE);
  if (g_getenv ("SHAROKEY_TOOL") == NULL)
    g_setenv ("SHAROKEY_TOOL", SHAROKEY_TOOL_PATH, TRUE);

  bench_pbkdf2 ();
  bench_aes_gcm ();

  if (opt_api_url != NULL)
    {
      api_url = opt_api_url;
      token = g_getenv ("SHAROKEY_TOKEN");
      if (token == NULL)
        {
          g_printerr ("sharokey-bench: --api-url needs the token in env SHAROKEY_TOKEN\n");
          return 2;
        }
    }
  else
    {
      server = sharokey_test_server_start (args);
      api_url = sharokey_test_server_get_api_url (server);
      token = sharokey_test_server_get_token (server);
    }
  /* The last of 10 000 creates started at once waits for all the others:
   * its time would run out with the default timeout. */
  client = g_object_new (SHAROKEY_TYPE_CLIENT, "token", token, "api-url", api_url,
                         "timeout", SHAROKEY_MAX_TIMEOUT, NULL);

  ok = bench_process (api_url, token);
  ok = bench_creates (client, MIN (opt_creates, 50), 1) && ok;
  ok = bench_creates (client, opt_creates, opt_parallel) && ok;
  ok = bench_burst (client, opt_burst) && ok;
  ok = bench_in_flight (client, (const guint *) levels->data, levels->len) && ok;
  ok = bench_rss (argv[0], api_url) && ok;

  bench_server_print_rows (api_url, token);

  if (server != NULL)
    sharokey_test_server_stop (server);
  return ok ? 0 : 1;
}
