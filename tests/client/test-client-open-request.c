/* test-client-open-request.c: requests answered sealed to the requester
 *
 * Against a real sharokey-server: create_request keeps a private key
 * (0600, in a 0700 directory) and sends its public half; an answer sealed
 * to it (as the response page's seal.js makes it, here with the library's
 * own seal) opens with open_request once, after which the key file is
 * gone; an open request, an unsealed answer, an answer sealed to another
 * key, a missing key and a token that cannot be a file name each fail
 * with their own error.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sharokey-client-private.h"
#include "sharokey-test-server.h"

#define ANSWER "sealed answer – ünïcode ✓"

typedef struct {
  SharokeyTestServer *server;
  SharokeyClient *client;
} Fixture;

static gchar *data_home;   /* XDG_DATA_HOME of the whole run */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = sharokey_test_server_start (NULL);
  f->client = g_object_new (SHAROKEY_TYPE_CLIENT,
                            "token", sharokey_test_server_get_token (f->server),
                            "api-url", sharokey_test_server_get_api_url (f->server), NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  sharokey_test_server_stop (f->server);
}

static gchar *
key_path (const gchar *token)
{
  return g_strdup_printf ("%s/sharokey/requests/%s.key", data_home, token);
}

static SharokeySecretRequest *
create_request (Fixture *f)
{
  g_autoptr(SharokeyRequestOptions) options = sharokey_request_options_new ();
  g_autoptr(GError) error = NULL;
  SharokeySecretRequest *request;

  request = sharokey_client_create_request_sync (f->client, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);
  return request;
}

/* POSTs @body to the response page's endpoint; returns the HTTP status. */
static guint
post_answer (Fixture     *f,
             const gchar *token,
             const gchar *body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree gchar *url = g_strdup_printf ("%s/api/v1/respond/%s",
                                           sharokey_test_server_get_base_url (f->server), token);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new_static (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  return soup_message_get_status (msg);
}

static gchar *
base64 (const guint8 *data,
        gsize         len)
{
  GString *out = g_string_new (NULL);

  _sharokey_base64_append (out, data, len);
  return g_string_free (out, FALSE);
}

/* Seals ANSWER to @public_b64, as seal.js does, and posts it. */
static guint
answer_sealed (Fixture     *f,
               const gchar *token,
               const gchar *public_b64)
{
  g_autofree guint8 *public_key = NULL, *sealed = NULL;
  g_autofree gchar *ephemeral_b64 = NULL, *iv_b64 = NULL, *sealed_b64 = NULL, *body = NULL;
  guint8 ephemeral[SHAROKEY_P256_POINT_LENGTH], iv[SHAROKEY_IV_LENGTH];
  gsize public_len = 0, sealed_len = 0;
  g_autoptr(GError) error = NULL;

  public_key = _sharokey_base64_decode (public_b64, &public_len);
  g_assert_nonnull (public_key);
  g_assert_true (_sharokey_request_seal (public_key, public_len, NULL, NULL,
                                         (const guint8 *) ANSWER, strlen (ANSWER),
                                         ephemeral, iv, &sealed, &sealed_len, &error));
  g_assert_no_error (error);
  ephemeral_b64 = base64 (ephemeral, sizeof ephemeral);
  iv_b64 = base64 (iv, sizeof iv);
  sealed_b64 = base64 (sealed, sealed_len);
  body = g_strdup_printf ("{\"sealed\":{\"ephemeral_public_key\":\"%s\",\"iv\":\"%s\",\"content\":\"%s\"}}",
                          ephemeral_b64, iv_b64, sealed_b64);
  return post_answer (f, token, body);
}

static const gchar *
public_key_of (SharokeySecretRequest *request)
{
  JsonObject *object = json_node_get_object (sharokey_secret_request_get_json (request));

  return json_object_get_string_member (object, "answer_public_key");
}

static void
test_sealed_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SharokeySecretRequest) request = create_request (f);
  const gchar *token = sharokey_secret_request_get_token (request);
  g_autofree gchar *path = key_path (token);
  g_autofree gchar *dir = g_path_get_dirname (path);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(SharokeySecretRequest) listed = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  /* The key: kept for this user only, its public half sent. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, ==, SHAROKEY_P256_SCALAR_LENGTH);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_nonnull (public_key_of (request));

  answer = sharokey_client_open_request_sync (f->client, token, NULL, &error);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_ANSWERED);
  g_assert_null (answer);
  g_clear_error (&error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_cmpuint (answer_sealed (f, token, public_key_of (request)), ==, 201);
  /* Answered once only. */
  g_assert_cmpuint (answer_sealed (f, token, public_key_of (request)), ==, 404);
  listed = sharokey_client_get_request_sync (f->client, token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sharokey_secret_request_get_status (listed), ==,
                   SHAROKEY_SECRET_REQUEST_STATUS_FULFILLED);

  answer = sharokey_client_open_request_sync (f->client, token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                   ANSWER, strlen (ANSWER));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&answer, g_bytes_unref);

  /* The server erased it: nothing opens twice. */
  answer = sharokey_client_open_request_sync (f->client, token, NULL, &error);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND);
  g_assert_null (answer);
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SharokeySecretRequest) request = create_request (f);
  const gchar *token = sharokey_secret_request_get_token (request);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (answer_sealed (f, token, public_key_of (request)), ==, 201);
  sharokey_client_open_request_async (f->client, token, NULL, on_opened, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  answer = sharokey_client_open_request_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                   ANSWER, strlen (ANSWER));
}

static void
test_missing_key (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SharokeySecretRequest) request = create_request (f);
  const gchar *token = sharokey_secret_request_get_token (request);
  g_autofree gchar *path = key_path (token);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (answer_sealed (f, token, public_key_of (request)), ==, 201);
  g_assert_cmpint (g_unlink (path), ==, 0);
  answer = sharokey_client_open_request_sync (f->client, token, NULL, &error);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "not on this computer"));
}

static void
test_sealed_to_another_key (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SharokeySecretRequest) request = create_request (f);
  g_autoptr(SharokeySecretRequest) other = create_request (f);
  const gchar *token = sharokey_secret_request_get_token (request);
  g_autofree gchar *path = key_path (token);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (answer_sealed (f, token, public_key_of (other)), ==, 201);
  answer = sharokey_client_open_request_sync (f->client, token, NULL, &error);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION);
  g_assert_null (answer);
  /* Kept: the key is not to blame. */
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A request without a public key (made by another client, as on the
 * hosted service) is answered with an ordinary secret: its link is the
 * responder's, and the caller is told so. */
static void
test_unsealed_answer (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *request;
  const gchar *token;

  created = _sharokey_client_send_sync (f->client, "POST", "/requests", NULL, body, NULL, &error);
  g_assert_no_error (error);
  request = json_object_get_object_member (json_object_get_object_member (json_node_get_object (created), "data"),
                                           "request");
  token = json_object_get_string_member (request, "token");
  g_assert_true (json_object_get_null_member (request, "answer_public_key"));
  /* The sealed form is refused; an ordinary secret is what it takes. */
  g_assert_cmpuint (post_answer (f, token, "{\"sealed\":{}}"), ==, 422);
  g_assert_cmpuint (post_answer (f, token,
                                 "{\"content\":\"AAAAAAAAAAAAAAAAAAAAAAAA\",\"iv\":\"AAAAAAAAAAAAAAAA\","
                                 "\"salt\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"key\":\"AbCdEf12\"}"), ==, 201);

  answer = sharokey_client_open_request_sync (f->client, token, NULL, &error);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_SEALED);
  g_assert_null (answer);
}

static void
test_bad_token (Fixture       *f,
                gconstpointer  data)
{
  static const gchar * const tokens[] = { "", "../x", "a/b", ".key", "a b" };

  for (gsize i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(GError) error = NULL;

      answer = sharokey_client_open_request_sync (f->client, tokens[i], NULL, &error);
      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
    }
}

/* Leaves no key behind. */
static void
remove_data_home (void)
{
  g_autofree gchar *keys = g_build_filename (data_home, "sharokey", "requests", NULL);
  g_autofree gchar *parent = g_build_filename (data_home, "sharokey", NULL);
  g_autoptr(GDir) dir = g_dir_open (keys, 0, NULL);
  const gchar *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree gchar *file = g_build_filename (keys, name, NULL);

      g_unlink (file);
    }
  g_rmdir (keys);
  g_rmdir (parent);
  g_rmdir (data_home);
}

int
main (int argc, char **argv)
{
  int status;

  /* Before anything reads it: g_get_user_data_dir() keeps the first value. */
  data_home = g_dir_make_tmp ("sharokey-open-request-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/client/open-request/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("sealed-round-trip", test_sealed_round_trip);
  ADD ("async", test_async);
  ADD ("missing-key", test_missing_key);
  ADD ("sealed-to-another-key", test_sealed_to_another_key);
  ADD ("unsealed-answer", test_unsealed_answer);
  ADD ("bad-token", test_bad_token);
#undef ADD

  status = g_test_run ();
  remove_data_home ();
  g_free (data_home);
  return status;
}
