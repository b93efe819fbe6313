/* test-client-open.c: sharokey_client_open_* and inspect_link_* against a
 * real sharokey-server: text and files byte for byte, views counted, a gone
 * secret, passwords, a server without viewer, links refused before any
 * byte is sent, and the helpers that take links and file names apart.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sharokey-private.h"
#include "sharokey-test-server.h"
#include "client-test-util.h"

static SharokeyTestServer *server;

static SharokeyClient *
owner_new (void)
{
  return g_object_new (SHAROKEY_TYPE_CLIENT,
                       "token", sharokey_test_server_get_token (server),
                       "api-url", sharokey_test_server_get_api_url (server),
                       NULL);
}

/* A secret of @text with @views views, @password and @files (nullable). */
static SharokeySecret *
make_secret (SharokeyClient      *owner,
             const gchar         *text,
             guint                views,
             const gchar         *password,
             const gchar * const *files)
{
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GError) error = NULL;
  SharokeySecret *secret;

  if (password)
    sharokey_secret_options_set_password (options, password);
  if (files)
    sharokey_secret_options_set_attachments (options, files);
  secret = sharokey_client_create_sync (owner, text, 1, views, options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return secret;
}

static guint64
views_used (SharokeyClient *owner,
            const gchar    *slug)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeySecret) secret = sharokey_client_get_sync (owner, slug, NULL, &error);

  g_assert_no_error (error);
  return sharokey_secret_get_current_views (secret);
}

static void
test_open_text_and_files (void)
{
  g_autoptr(SharokeyClient) owner = owner_new ();
  g_autoptr(SharokeyClient) recipient = sharokey_client_new (NULL);
  g_autofree gchar *dir = g_dir_make_tmp ("sharokey-open-XXXXXX", NULL);
  g_autofree gchar *notes = g_build_filename (dir, "notes.txt", NULL);
  g_autofree gchar *blob = g_build_filename (dir, "blob.bin", NULL);
  const gchar *files[] = { notes, blob, NULL };
  guint8 bytes[3000];
  g_autoptr(SharokeySecret) secret = NULL;
  g_autoptr(SharokeyLinkInfo) info = NULL;
  g_autoptr(SharokeyOpenedSecret) opened = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const gchar *link;

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) (i * 7 + 3);
  g_assert_true (g_file_set_contents (notes, "some notes\n", -1, NULL));
  g_assert_true (g_file_set_contents (blob, (const gchar *) bytes, sizeof bytes, NULL));
  secret = make_secret (owner, "the text é", 2, NULL, files);
  link = sharokey_secret_get_share_url (secret);

  info = sharokey_client_inspect_link_sync (recipient, link, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sharokey_link_info_get_remaining_views (info), ==, 2);
  g_assert_false (sharokey_link_info_get_requires_password (info));
  g_assert_cmpuint (g_strv_length ((GStrv) sharokey_link_info_get_attachment_names (info)), ==, 2);
  g_assert_cmpstr (sharokey_link_info_get_attachment_names (info)[1], ==, "blob.bin");
  g_assert_cmpuint (views_used (owner, sharokey_secret_get_slug (secret)), ==, 0);

  opened = sharokey_client_open_sync (recipient, link, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sharokey_opened_secret_get_text (opened), ==, "the text é");
  g_assert_cmpint (sharokey_opened_secret_get_remaining_views (opened), ==, 1);
  g_assert_cmpuint (sharokey_opened_secret_get_n_attachments (opened), ==, 2);
  g_assert_cmpstr (sharokey_opened_secret_get_attachment_name (opened, 0), ==, "notes.txt");
  {
    gsize len;
    const guint8 *data = g_bytes_get_data (sharokey_opened_secret_get_attachment_data (opened, 1), &len);

    g_assert_cmpmem (data, len, bytes, sizeof bytes);
  }
  g_clear_object (&opened);

  sharokey_client_open_async (recipient, link, NULL, NULL, client_test_store_result, &result);
  client_test_await (&result);
  opened = sharokey_client_open_finish (recipient, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sharokey_opened_secret_get_remaining_views (opened), ==, 0);
  g_clear_object (&opened);

  opened = sharokey_client_open_sync (recipient, link, NULL, NULL, &error);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_GONE);
  g_assert_null (opened);

  g_unlink (notes);
  g_unlink (blob);
  g_rmdir (dir);
}

static void
test_open_password (void)
{
  g_autoptr(SharokeyClient) owner = owner_new ();
  g_autoptr(SharokeyClient) recipient = sharokey_client_new (NULL);
  g_autoptr(SharokeySecret) secret = make_secret (owner, "gated", 1, "correct horse", NULL);
  const gchar *link = sharokey_secret_get_share_url (secret);
  g_autoptr(SharokeyOpenedSecret) opened = NULL;
  g_autoptr(GError) error = NULL;

  opened = sharokey_client_open_sync (recipient, link, NULL, NULL, &error);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PASSWORD);
  g_clear_error (&error);
  opened = sharokey_client_open_sync (recipient, link, "wrong password", NULL, &error);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PASSWORD);
  g_clear_error (&error);
  g_assert_cmpuint (views_used (owner, sharokey_secret_get_slug (secret)), ==, 0);
  opened = sharokey_client_open_sync (recipient, link, "correct horse", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sharokey_opened_secret_get_text (opened), ==, "gated");
}

static void
test_open_no_viewer (void)
{
  g_autoptr(SharokeyClient) owner = owner_new ();
  g_autoptr(SharokeyClient) recipient = sharokey_client_new (NULL);
  g_autoptr(SharokeySecret) secret = make_secret (owner, "kept", 1, NULL, NULL);
  const gchar *link = sharokey_secret_get_share_url (secret);
  g_autofree gchar *elsewhere = g_strdup_printf ("%s/elsewhere/s/%s%s",
                                                 sharokey_test_server_get_base_url (server),
                                                 sharokey_secret_get_slug (secret), strchr (link, '#'));
  g_autoptr(SharokeyOpenedSecret) opened = NULL;
  g_autoptr(GError) error = NULL;

  opened = sharokey_client_open_sync (recipient, elsewhere, NULL, NULL, &error);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_NO_VIEWER);
  g_assert_cmpuint (views_used (owner, sharokey_secret_get_slug (secret)), ==, 0);
}

static void
test_open_refuses_bad_links (void)
{
  g_autoptr(SharokeyClient) recipient = sharokey_client_new (NULL);
  const gchar *key = "AbCdEfGhIjKlMnOpQrStUvWx";
  const gchar *bad[] = {
    "http://127.0.0.1:1/s/ABC",                            /* no key */
    "http://127.0.0.1:1/s/ABC#short",                      /* key too short */
    "http://127.0.0.1:1/s/ABC#AbCdEfGhIjKlMnOpQrStUv-x",   /* not alphanumeric */
    "http://example.com/s/ABC#AbCdEfGhIjKlMnOpQrStUvWx",   /* plain http elsewhere */
    "https://user@example.com/s/ABC#AbCdEfGhIjKlMnOpQrStUvWx",
    "javascript:alert(1)//#AbCdEfGhIjKlMnOpQrStUvWx",
    "https://example.com/s/..#AbCdEfGhIjKlMnOpQrStUvWx",
    "",
  };

  /* Port 1 listens to nothing: a call that went out would fail otherwise. */
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const gchar *link = bad[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(SharokeyOpenedSecret) opened =
        sharokey_client_open_sync (recipient, link, NULL, NULL, &error);

      g_test_message ("link %" G_GSIZE_FORMAT, i);
      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
      /* The message never quotes the key. */
      g_assert_null (strstr (error->message, key));
    }
}

static void
test_link_get_id (void)
{
  const struct { const gchar *link; const gchar *id; } good[] = {
    { "ABC123", "ABC123" },
    { "https://host.example/s/ABC123#AbCdEfGhIjKlMnOpQrStUvWx", "ABC123" },
    { "https://app.sharokey.com/ABC123XY", "ABC123XY" },
    { "http://127.0.0.1:8080/r/tok_en-1/", "tok_en-1" },
    { "https://host.example/api/v1/respond/tok?x=1", "tok" },
  };
  const gchar *bad[] = { "", "a/b", "ftp://host/x", "https://host.example/", "https://host.example/s/..",
                         "https://host.example/s/a%2Fb" };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree gchar *id = sharokey_link_get_id (good[i].link, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (id, ==, good[i].id);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree gchar *id = sharokey_link_get_id (bad[i], &error);

      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
      g_assert_null (id);
    }
}

static void
test_file_name_from_untrusted (void)
{
  const struct { const gchar *name; const gchar *safe; } cases[] = {
    { "report.pdf", "report.pdf" },
    { "../../etc/passwd", "___.._etc_passwd" },   /* safe: no separator, no leading dot */
    { ".bashrc", "_bashrc" },
    { "..", "__" },
    { "", "attachment" },
    { NULL, "attachment" },
    { "a\033[31mb\007", "a_[31mb_" },
    { "invoice\342\200\256fdp.exe", "invoice_fdp.exe" },   /* U+202E */
    { "x\\y", "x_y" },
    { "bad\377utf8", "bad_utf8" },
    { "café.txt", "café.txt" },
  };
  g_autofree gchar *long_name = g_strnfill (300, 'a');
  g_autofree gchar *cut = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree gchar *safe = sharokey_file_name_from_untrusted (cases[i].name);

      g_assert_cmpstr (safe, ==, cases[i].safe);
    }
  cut = sharokey_file_name_from_untrusted (long_name);
  g_assert_cmpuint (strlen (cut), ==, 200);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  server = sharokey_test_server_start (NULL);

  g_test_add_func ("/client/open/text-and-files", test_open_text_and_files);
  g_test_add_func ("/client/open/password", test_open_password);
  g_test_add_func ("/client/open/no-viewer", test_open_no_viewer);
  g_test_add_func ("/client/open/bad-links", test_open_refuses_bad_links);
  g_test_add_func ("/client/open/link-get-id", test_link_get_id);
  g_test_add_func ("/client/open/file-name-from-untrusted", test_file_name_from_untrusted);

  status = g_test_run ();
  sharokey_test_server_stop (server);
  return status;
}
