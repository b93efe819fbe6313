/* test-hostile-library.c: every call of SharokeyClient against
 * hostile_server.py: each ends with the documented error (or a result),
 * never a crash, a stack overflow or a critical (the suite runs with
 * G_DEBUG=fatal-criticals, under valgrind and under ASan/UBSan).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sharokey-client-private.h"

#define OK (-1)            /* the call succeeds */

static GSubprocess *hostile;
static guint16 hostile_port;

static void
start_hostile_server (void)
{
  const gchar *script = g_getenv ("SHAROKEY_HOSTILE_SERVER");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree gchar *line = NULL;

  g_assert_nonnull (script);
  hostile = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                              &error, "python3", script, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (hostile));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  hostile_port = (guint16) g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (hostile_port, >, 0);
}

static void
stop_hostile_server (void)
{
  /* Its standard input closing ends it. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (hostile), NULL, NULL);
  g_subprocess_wait (hostile, NULL, NULL);
  g_clear_object (&hostile);
}

static SharokeyClient *
client_for (const gchar *mode,
            guint        timeout)
{
  g_autofree gchar *url = g_strdup_printf ("http://127.0.0.1:%u/%s/api/v1", hostile_port, mode);
  return g_object_new (SHAROKEY_TYPE_CLIENT, "token", "tok-hostile", "api-url", url,
                       "timeout", timeout, NULL);
}

/* @result is the call's typed result (a GObject), or for delete calls
 * GINT_TO_POINTER of their boolean; the caller gave up its reference. */
static void
assert_outcome (const gchar *mode,
                const gchar *call,
                gpointer     result,
                gboolean     is_object,
                GError      *error,
                gint         expected)
{
  if (expected == OK)
    {
      if (error != NULL)
        g_error ("%s on %s: unexpected error %s", call, mode, error->message);
      g_assert_nonnull (result);
      if (is_object)
        {
          g_assert_true (G_IS_OBJECT (result));
          g_object_unref (result);
        }
      return;
    }
  if (is_object && result != NULL)
    g_object_unref (result);
  if (result != NULL)
    g_error ("%s on %s: succeeded, expected error %d", call, mode, expected);
  if (!g_error_matches (error, SHAROKEY_ERROR, expected))
    g_error ("%s on %s: error %s %d (%s), expected %d", call, mode,
             error ? g_quark_to_string (error->domain) : "none", error ? error->code : 0,
             error ? error->message : "", expected);
  /* Server text in a message never spans lines. */
  g_assert_null (strchr (error->message, '\n'));
  g_error_free (error);
}

typedef struct {
  const gchar *mode;
  gint create;
  gint lists;               /* list, list_requests */
  gint deletes;             /* delete, delete_request */
  gint others;              /* get, create_request, get_request (and stats unless below) */
  gboolean costly;          /* each answer is 33 MiB: create and list are enough */
  gint stats;               /* stats, request_stats, when not as the others (0: as them) */
  gint create_request;      /* create_request, when not as the others (0: as them): a
                             * request without a usable link is refused */
} Expectation;

#define P SHAROKEY_ERROR_PROTOCOL
static const Expectation expectations[] = {
  { "deep", P, P, P, P },
  { "deep-401", P, P, P, P },
  { "deep-500", P, P, P, P },
  { "not-object", P, P, P, P },
  { "misread", P, P, P, P },
  { "comment", P, P, P, P },
  { "oversize", P, P, P, P },
  { "oversize-chunked", P, P, P, P, TRUE },
  { "blank-500", SHAROKEY_ERROR_SERVER, SHAROKEY_ERROR_SERVER, SHAROKEY_ERROR_SERVER, SHAROKEY_ERROR_SERVER },
  { "empty-401", SHAROKEY_ERROR_AUTHENTICATION, SHAROKEY_ERROR_AUTHENTICATION,
    SHAROKEY_ERROR_AUTHENTICATION, SHAROKEY_ERROR_AUTHENTICATION },
  { "empty-404", SHAROKEY_ERROR_NOT_FOUND, SHAROKEY_ERROR_NOT_FOUND, SHAROKEY_ERROR_NOT_FOUND,
    SHAROKEY_ERROR_NOT_FOUND },
  { "empty", P, P, OK, P },
  { "blank", P, P, OK, P },
  { "no-content", P, P, OK, P },
  { "types", P, P, OK, OK, FALSE, P, P },
  { "null", P, P, OK, P },
  { "null-fields", P, P, OK, OK, FALSE, 0, P },
  { "escape", P, OK, OK, OK, FALSE, 0, P },
  { "escape-error", SHAROKEY_ERROR_VALIDATION, SHAROKEY_ERROR_VALIDATION, SHAROKEY_ERROR_VALIDATION,
    SHAROKEY_ERROR_VALIDATION },
  { "bidi", OK, OK, OK, OK },
  { "javascript", P, OK, OK, OK, FALSE, 0, P },
  { "userinfo", P, OK, OK, OK, FALSE, 0, P },
};
#undef P

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
await (GAsyncResult **slot)
{
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (*slot == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  return *slot;
}

static void
test_mode (gconstpointer user_data)
{
  const Expectation *e = user_data;
  g_autoptr(SharokeyClient) client = client_for (e->mode, 30);
  g_autoptr(SharokeyRequestOptions) request = sharokey_request_options_new ();
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(SharokeyDiagnosis) report = NULL;
  GError *error = NULL;
  gboolean connected, healthy;

#define CALL(name, expected, expr) \
  G_STMT_START { \
    gpointer result_; \
    error = NULL; \
    result_ = (expr); \
    assert_outcome (e->mode, name, result_, TRUE, g_steal_pointer (&error), expected); \
  } G_STMT_END
#define CALL_BOOLEAN(name, expected, expr) \
  G_STMT_START { \
    gboolean done_; \
    error = NULL; \
    done_ = (expr); \
    assert_outcome (e->mode, name, GINT_TO_POINTER (done_), FALSE, g_steal_pointer (&error), expected); \
  } G_STMT_END
  CALL ("create", e->create, sharokey_client_create_sync (client, "hostile", 1, 1, NULL, NULL, NULL, NULL, &error));
  CALL ("list", e->lists, sharokey_client_list_sync (client, 0, 0, NULL, NULL, NULL, NULL, &error));
  if (e->costly)
    return;
  CALL ("get", e->others, sharokey_client_get_sync (client, "ABC123", NULL, &error));
  CALL_BOOLEAN ("delete", e->deletes, sharokey_client_delete_sync (client, "ABC123", NULL, &error));
  CALL ("stats", e->stats ? e->stats : e->others, sharokey_client_stats_sync (client, NULL, &error));
  CALL ("create-request", e->create_request ? e->create_request : e->others,
        sharokey_client_create_request_sync (client, request, NULL, &error));
  CALL ("list-requests", e->lists, sharokey_client_list_requests_sync (client, 0, 0, NULL, NULL, NULL, NULL, &error));
  CALL ("get-request", e->others, sharokey_client_get_request_sync (client, "tok123", NULL, &error));
  CALL_BOOLEAN ("delete-request", e->deletes, sharokey_client_delete_request_sync (client, "tok123", NULL, &error));
  CALL ("request-stats", e->stats ? e->stats : e->others,
        sharokey_client_request_stats_sync (client, NULL, &error));

  /* The same calls, asynchronously, in the caller's context. */
  sharokey_client_create_async (client, "hostile", 1, 1, NULL, NULL, NULL, NULL, NULL, store_result, &created);
  sharokey_client_list_async (client, 0, 0, NULL, NULL, NULL, NULL, store_result, &listed);
  CALL ("create (async)", e->create, sharokey_client_create_finish (client, await (&created), &error));
  CALL ("list (async)", e->lists, sharokey_client_list_finish (client, await (&listed), &error));
#undef CALL
#undef CALL_BOOLEAN

  /* Health says no with an error, never with a crash; the diagnostics
   * report the problem as their answer. */
  healthy = sharokey_client_health_sync (client, NULL, &error);
  g_assert_true (healthy || error != NULL);
  g_clear_error (&error);
  report = sharokey_client_test_sync (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (report)), ==, 6);
  connected = sharokey_client_test_connection_sync (client, NULL, &error);
  /* test_connection asks for the statistics. */
  g_assert_true (connected == ((e->stats ? e->stats : e->others) == OK));
  g_clear_error (&error);
}

/* One byte a second: the timeout bounds the whole call, so each ends with
 * SHAROKEY_ERROR_TIMEOUT after about 2 s (the bound below is a hang
 * guard, not a speed test). */
static void
test_drip (void)
{
  g_autoptr(SharokeyClient) client = client_for ("drip", 2);
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(GError) error = NULL;
  gint64 began;
  g_autoptr(SharokeyPage) page = NULL;
  g_autoptr(SharokeySecret) secret = NULL;

  began = g_get_monotonic_time ();
  page = sharokey_client_list_sync (client, 0, 0, NULL, NULL, NULL, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - began, <, 15 * G_USEC_PER_SEC);
  g_clear_error (&error);

  began = g_get_monotonic_time ();
  sharokey_client_create_async (client, "dripped", 1, 1, NULL, NULL, NULL, NULL, NULL, store_result, &created);
  secret = sharokey_client_create_finish (client, await (&created), &error);
  g_assert_null (secret);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - began, <, 15 * G_USEC_PER_SEC);
}

/* A create with a large attachment against a front end that never answers
 * "Expect: 100-continue": the client does not ask for it, so the upload
 * goes through (it would otherwise wait for the timeout). */
static void
test_large_upload_without_expect (void)
{
  g_autoptr(SharokeyClient) client = client_for ("ignore-expect", 20);
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autofree gchar *dir = g_dir_make_tmp ("sharokey-upload-XXXXXX", NULL);
  g_autofree gchar *path = g_build_filename (dir, "big.bin", NULL);
  g_autofree gchar *data = g_malloc0 (600 * 1024);
  const gchar *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeySecret) secret = NULL;

  g_assert_true (g_file_set_contents (path, data, 600 * 1024, NULL));
  sharokey_secret_options_set_attachments (options, paths);
  secret = sharokey_client_create_sync (client, "with a file", 1, 1, options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (secret);
  g_unlink (path);
  g_rmdir (dir);
}

/* A caller's cancellation stays a cancellation, not a timeout. */
static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_drip_cancelled (void)
{
  g_autoptr(SharokeyClient) client = client_for ("drip", 30);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeyPage) page = NULL;

  sharokey_client_list_async (client, 0, 0, NULL, NULL, NULL, cancellable, store_result, &listed);
  g_timeout_add (500, cancel_soon, cancellable);
  page = sharokey_client_list_finish (client, await (&listed), &error);
  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct {
  const gchar *url;
  gboolean     ok;
} UrlCase;

/* Each URL of @cases is accepted or refused (a protocol error) as it says. */
static void
check_url_rules (const UrlCase *cases,
                 gsize          n_cases,
                 gboolean     (*is_acceptable) (const gchar *url, GError **error))
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = is_acceptable (cases[i].url, &error);

      if (ok != cases[i].ok)
        g_error ("%s: %s, expected %s", cases[i].url ? cases[i].url : "(null)",
                 ok ? "accepted" : "refused", cases[i].ok ? "accepted" : "refused");
      if (!ok)
        g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL);
    }
}

static void
test_share_url_rules (void)
{
  static const UrlCase cases[] = {
    { "https://app.sharokey.com/ABC123XY", TRUE },
    { "HTTPS://app.sharokey.com/s/x", TRUE },
    { "http://127.0.0.1:8080/s/x", TRUE },
    { "http://localhost/s/x", TRUE },
    { "http://[::1]:9/s/x", TRUE },
    { "http://app.sharokey.com/s/x", FALSE },
    { "javascript:alert(1)//", FALSE },
    { "data:text/html,<script>", FALSE },
    { "file:///etc/passwd", FALSE },
    { "https://app.sharokey.com@evil.example/s/x", FALSE },
    { "https://app.sharokey.com/s/x#fragment", FALSE },
    { "https://app.sharokey.com/s/\x1b[2Jx", FALSE },
    { "https://app.sharokey.com/s/\xe2\x80\xaex", FALSE },
    { "https://app.sharokey.com/s/a b", FALSE },
    { "https:///s/x", FALSE },
    { "//app.sharokey.com/s/x", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  check_url_rules (cases, G_N_ELEMENTS (cases), _sharokey_share_url_is_acceptable);
}

/* A created request's link: the share links' rule, but a fragment is
 * harmless there (it carries no key); none at all is refused too. */
static void
test_request_url_rules (void)
{
  static const UrlCase cases[] = {
    { "https://app.sharokey.com/r/tok123", TRUE },
    { "https://app.sharokey.com/#/requests/tok123", TRUE },
    { "http://127.0.0.1:8080/r/tok123", TRUE },
    { "http://[::1]/r/x", TRUE },
    { "http://app.sharokey.com/r/x", FALSE },
    { "javascript:alert(1)//", FALSE },
    { "https://app.sharokey.com@evil.example/r/x", FALSE },
    { "https://app.example.com/r/\x1b]0;x\x07tok", FALSE },
    { "https://app.sharokey.com/r/\xe2\x80\xaex", FALSE },
    { "https:///r/x", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  check_url_rules (cases, G_N_ELEMENTS (cases), _sharokey_request_url_is_acceptable);
}

/* A server whose created request has a link no one should follow: the
 * call fails with a clear error, and no key is kept for the request. */
static void
test_hostile_request_link (void)
{
  static const gchar *modes[] = { "javascript", "userinfo", "escape", "ignore-expect" };
  /* The hostile server's request token there; ignore-expect's link is a
   * good one. */
  g_autofree gchar *key = g_build_filename (g_get_user_data_dir (), "sharokey", "requests",
                                            "tok.key", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(SharokeyClient) client = client_for (modes[i], 30);
      g_autoptr(SharokeyRequestOptions) options = sharokey_request_options_new ();
      g_autoptr(SharokeySecretRequest) request = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      g_unlink (key);
      sharokey_client_create_request_async (client, options, NULL, store_result, &result);
      request = sharokey_client_create_request_finish (client, await (&result), &error);
      if (g_str_equal (modes[i], "ignore-expect"))
        {
          /* the control: a good link, and its key is kept */
          g_assert_no_error (error);
          g_assert_cmpstr (sharokey_secret_request_get_url (request), ==,
                           "https://app.example.com/r/tok123");
          g_assert_true (g_file_test (key, G_FILE_TEST_EXISTS));
          g_unlink (key);
          continue;
        }
      g_assert_null (request);
      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL);
      g_assert_cmpstr (error->message, ==,
                       "The server's request link is not an https:// link (nor http:// to this machine)");
      g_assert_false (g_file_test (key, G_FILE_TEST_EXISTS));
    }
}

/* The configuration file is outside data too: empty, blank or nested
 * without end, it is a clean SHAROKEY_ERROR_VALIDATION, no critical. */
static void
test_config_file (void)
{
  g_autofree gchar *dir = g_dir_make_tmp ("sharokey-config-XXXXXX", NULL);
  g_autofree gchar *folder = g_build_filename (dir, "sharokey", NULL);
  g_autofree gchar *path = g_build_filename (folder, "config.json", NULL);
  g_autofree gchar *deep = g_strnfill (100000, '[');
  const gchar *contents[] = { "", " \n\t ", deep, "{} {\"token\": []}" };
  g_autofree gchar *saved = g_strdup (g_getenv ("XDG_CONFIG_HOME"));

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  for (gsize i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SharokeyClient) client = NULL;

      g_assert_true (g_file_set_contents_full (path, contents[i], -1, G_FILE_SET_CONTENTS_NONE,
                                               0600, NULL));
      client = sharokey_client_new_from_environment (&error);
      g_assert_null (client);
      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
    }
  if (saved != NULL)
    g_setenv ("XDG_CONFIG_HOME", saved, TRUE);
  else
    g_unsetenv ("XDG_CONFIG_HOME");
  g_unlink (path);
  g_rmdir (folder);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  start_hostile_server ();

  g_test_add_func ("/hostile/share-url-rules", test_share_url_rules);
  g_test_add_func ("/hostile/request-url-rules", test_request_url_rules);
  g_test_add_func ("/hostile/request-link", test_hostile_request_link);
  g_test_add_func ("/hostile/config-file", test_config_file);
  for (gsize i = 0; i < G_N_ELEMENTS (expectations); i++)
    {
      g_autofree gchar *path = g_strdup_printf ("/hostile/mode/%s", expectations[i].mode);

      g_test_add_data_func (path, &expectations[i], test_mode);
    }
  g_test_add_func ("/hostile/drip-timeout", test_drip);
  g_test_add_func ("/hostile/drip-cancelled", test_drip_cancelled);
  g_test_add_func ("/hostile/large-upload-without-expect", test_large_upload_without_expect);

  status = g_test_run ();
  stop_hostile_server ();
  return status;
}
