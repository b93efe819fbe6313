/* test-body.c: the POST /secrets body, protection priority and attachments
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sharokey-private.h"

static const gchar *key_string = "KmG5aeFD5TyXM9Rm6YNpk98uHULvwbJn";
static const guint8 iv[12] = { 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab };
static const guint8 salt[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };

static JsonObject *
parse_body (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const gchar *data = g_bytes_get_data (body, &len);

  json_parser_load_from_data (parser, data, len, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_minimal_body (void)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;

  body = _sharokey_secret_body_build_with_key ("Hello, Sharokey! é", 24, 1, NULL,
                                               "AbCdEf12GhIjKlMnOpQrStUvWxYz3456", iv, salt, &error);
  g_assert_no_error (error);
  o = parse_body (body);

  /* The published test vector of Sharokey's encryption. */
  g_assert_cmpstr (json_object_get_string_member (o, "content"), ==,
                   "srtENy8TNWc7FXhl+aE9i+oTr039Y/Z005KtK+jMVNx2E4c=");
  g_assert_cmpstr (json_object_get_string_member (o, "iv"), ==, "oKGio6Slpqeoqaqr");
  g_assert_cmpstr (json_object_get_string_member (o, "salt"), ==, "AAECAwQFBgcICQoLDA0ODw==");
  g_assert_cmpstr (json_object_get_string_member (o, "key"), ==, "AbCdEf12");
  g_assert_cmpint (json_object_get_int_member (o, "maximum_views"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "expiration_hours"), ==, 24);
  g_assert_cmpuint (json_object_get_size (o), ==, 6);

  plain = sharokey_decrypt ("AbCdEf12GhIjKlMnOpQrStUvWxYz3456",
                            json_object_get_string_member (o, "content"),
                            json_object_get_string_member (o, "iv"),
                            json_object_get_string_member (o, "salt"), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), "Hello, Sharokey! é", 19);
}

static void
test_random_body_returns_key_b (void)
{
  g_autoptr(GError) error = NULL;
  gchar *key_b = NULL;
  g_autoptr(GBytes) body = _sharokey_secret_body_build ("multi\nline \"quoted\" \\", 2, 3, NULL, &key_b, &error);
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autofree gchar *full = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (key_b), ==, SHAROKEY_KEY_B_LENGTH);
  o = parse_body (body);
  /* keyB never appears in the body. */
  g_assert_null (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), key_b));
  full = g_strconcat (json_object_get_string_member (o, "key"), key_b, NULL);
  plain = sharokey_decrypt (full, json_object_get_string_member (o, "content"),
                            json_object_get_string_member (o, "iv"),
                            json_object_get_string_member (o, "salt"), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain),
                   "multi\nline \"quoted\" \\", strlen ("multi\nline \"quoted\" \\"));
  sharokey_wipe_free (key_b);
}

static void
test_invalid_builds_nothing (void)
{
  g_autoptr(GError) error = NULL;
  gchar *key_b = NULL;
  g_autoptr(GBytes) body = _sharokey_secret_body_build ("x", 0, 1, NULL, &key_b, &error);

  g_assert_null (body);
  g_assert_null (key_b);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
}

static void
test_optional_fields (void)
{
  g_autoptr(SharokeySecretOptions) options = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) o = NULL;

  options = g_object_new (SHAROKEY_TYPE_SECRET_OPTIONS,
                          "description", "Deploy key for \"prod\"",
                          "message", "Ask me for the host",
                          "ip-whitelist", "203.0.113.5",
                          "geolocation", "FR,US",
                          NULL);
  body = _sharokey_secret_body_build_with_key ("s", 5, 7, options, key_string, iv, salt, NULL);
  o = parse_body (body);
  g_assert_cmpstr (json_object_get_string_member (o, "description"), ==, "Deploy key for \"prod\"");
  g_assert_cmpstr (json_object_get_string_member (o, "message"), ==, "Ask me for the host");
  g_assert_cmpstr (json_object_get_string_member (o, "ip_whitelist"), ==, "203.0.113.5");
  g_assert_cmpstr (json_object_get_string_member (o, "geolocation"), ==, "FR,US");
  g_assert_false (json_object_has_member (o, "attachments"));
  g_assert_false (json_object_has_member (o, "attachments_total_size"));
  g_assert_false (json_object_has_member (o, "password"));
  g_assert_false (json_object_has_member (o, "captcha"));
  g_assert_false (json_object_has_member (o, "otp_type"));
}

/* Bit i of @mask sets protection i: captcha, password, otp-email, otp-phone. */
static void
test_priority (gconstpointer data)
{
  guint mask = GPOINTER_TO_UINT (data);
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) o = NULL;
  SharokeyProtection expected = SHAROKEY_PROTECTION_NONE;

  if (mask & 1)
    {
      sharokey_secret_options_set_captcha (options, TRUE);
      expected = SHAROKEY_PROTECTION_CAPTCHA;
    }
  if (mask & 2)
    {
      sharokey_secret_options_set_password (options, "hunter22");
      expected = SHAROKEY_PROTECTION_PASSWORD;
    }
  if (mask & 4)
    {
      sharokey_secret_options_set_otp_email (options, "bob@example.com");
      expected = SHAROKEY_PROTECTION_OTP_EMAIL;
    }
  if (mask & 8)
    {
      sharokey_secret_options_set_otp_phone (options, "+33674747474");
      expected = SHAROKEY_PROTECTION_OTP_PHONE;
    }
  g_assert_cmpint (sharokey_secret_options_get_protection (options), ==, expected);

  body = _sharokey_secret_body_build_with_key ("s", 1, 1, options, key_string, iv, salt, NULL);
  o = parse_body (body);

  g_assert_cmpint (json_object_has_member (o, "captcha"), ==, expected == SHAROKEY_PROTECTION_CAPTCHA);
  g_assert_cmpint (json_object_has_member (o, "password"), ==, expected == SHAROKEY_PROTECTION_PASSWORD);
  g_assert_cmpint (json_object_has_member (o, "otp_type"), ==,
                   expected == SHAROKEY_PROTECTION_OTP_EMAIL || expected == SHAROKEY_PROTECTION_OTP_PHONE);
  g_assert_cmpint (json_object_has_member (o, "otp_receiver"), ==, json_object_has_member (o, "otp_type"));
  g_assert_false (json_object_has_member (o, "otp_email"));
  g_assert_false (json_object_has_member (o, "otp_phone"));

  switch (expected)
    {
    case SHAROKEY_PROTECTION_CAPTCHA:
      g_assert_true (json_object_get_boolean_member (o, "captcha"));
      break;
    case SHAROKEY_PROTECTION_PASSWORD:
      g_assert_cmpstr (json_object_get_string_member (o, "password"), ==, "hunter22");
      break;
    case SHAROKEY_PROTECTION_OTP_EMAIL:
      g_assert_cmpstr (json_object_get_string_member (o, "otp_type"), ==, "email");
      g_assert_cmpstr (json_object_get_string_member (o, "otp_receiver"), ==, "bob@example.com");
      break;
    case SHAROKEY_PROTECTION_OTP_PHONE:
      g_assert_cmpstr (json_object_get_string_member (o, "otp_type"), ==, "phone");
      g_assert_cmpstr (json_object_get_string_member (o, "otp_receiver"), ==, "+33674747474");
      break;
    case SHAROKEY_PROTECTION_NONE:
    default:
      break;
    }
  /* The losing protections leave no trace anywhere in the body. */
  if (expected != SHAROKEY_PROTECTION_PASSWORD && (mask & 2))
    g_assert_null (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "hunter22"));
}

static void
test_attachments (void)
{
  g_autofree gchar *dir = g_dir_make_tmp ("sharokey-body-XXXXXX", NULL);
  g_autofree gchar *a = g_build_filename (dir, "notes é.txt", NULL);
  g_autofree gchar *b = g_build_filename (dir, "blob.bin", NULL);
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(GError) error = NULL;
  guint8 blob[3000];
  JsonArray *files;

  for (gsize i = 0; i < sizeof blob; i++)
    blob[i] = (guint8) (i * 7);
  g_assert_true (g_file_set_contents (a, "first file\n", -1, NULL));
  g_assert_true (g_file_set_contents (b, (const gchar *) blob, sizeof blob, NULL));
  sharokey_secret_options_add_attachment (options, a);
  sharokey_secret_options_add_attachment (options, b);

  body = _sharokey_secret_body_build_with_key ("see files", 1, 1, options, key_string, iv, salt, &error);
  g_assert_no_error (error);
  o = parse_body (body);
  files = json_object_get_array_member (o, "attachments");
  g_assert_cmpuint (json_array_get_length (files), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "attachments_total_size"), ==, 11 + sizeof blob);

  for (guint i = 0; i < 2; i++)
    {
      JsonObject *f = json_array_get_object_element (files, i);
      g_autoptr(GBytes) plain = sharokey_decrypt (key_string, json_object_get_string_member (f, "data"),
                                                  json_object_get_string_member (o, "iv"),
                                                  json_object_get_string_member (o, "salt"), &error);
      g_assert_no_error (error);
      if (i == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (f, "name"), ==, "notes é.txt");
          g_assert_cmpint (json_object_get_int_member (f, "size"), ==, 11);
          g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), "first file\n", 11);
        }
      else
        {
          g_assert_cmpstr (json_object_get_string_member (f, "name"), ==, "blob.bin");
          g_assert_cmpint (json_object_get_int_member (f, "size"), ==, sizeof blob);
          g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), blob, sizeof blob);
        }
    }
  g_unlink (a);
  g_unlink (b);
  g_rmdir (dir);
}

/* A file may hold more than validation saw: /proc files report a size of
 * 0 and are not empty. The body carries the sizes actually read. */
static void
test_attachment_size_as_read (void)
{
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = NULL;
  JsonObject *file;

  sharokey_secret_options_add_attachment (options, "/proc/self/status");
  body = _sharokey_secret_body_build_with_key ("see file", 1, 1, options, key_string, iv, salt, &error);
  g_assert_no_error (error);
  o = parse_body (body);
  file = json_array_get_object_element (json_object_get_array_member (o, "attachments"), 0);
  plain = sharokey_decrypt (key_string, json_object_get_string_member (file, "data"),
                            json_object_get_string_member (o, "iv"),
                            json_object_get_string_member (o, "salt"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (plain), >, 0);
  g_assert_cmpint (json_object_get_int_member (file, "size"), ==, g_bytes_get_size (plain));
  g_assert_cmpint (json_object_get_int_member (o, "attachments_total_size"), ==, g_bytes_get_size (plain));
}

/* Files large enough to be read when their turn comes, of every length
 * modulo 3 (base64 padding), between small ones read when opened: each
 * "data" is exactly what encrypting that file alone gives, whichever
 * thread encoded it, and two builds give the same body. */
static void
test_attachments_in_parallel (void)
{
  g_autofree gchar *dir = g_dir_make_tmp ("sharokey-body-XXXXXX", NULL);
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GBytes) body = NULL, again = NULL;
  g_autoptr(GBytes) iv_bytes = g_bytes_new_static (iv, sizeof iv);
  g_autoptr(GBytes) salt_bytes = g_bytes_new_static (salt, sizeof salt);
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const gsize sizes[] = { 300 * 1024, 5, 64 * 1024, 64 * 1024 + 1, 200 * 1024 + 2,
                          0, 1024 * 1024, 70 * 1024 + 1, 3, 150 * 1024 };
  guint64 total = 0;
  JsonArray *files;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree gchar *name = g_strdup_printf ("part %u.bin", i);
      gchar *path = g_build_filename (dir, name, NULL);
      guint8 *data = g_malloc (MAX (sizes[i], 1));

      for (gsize j = 0; j < sizes[i]; j++)
        data[j] = (guint8) (j * 13 + i + j / 4093);
      g_assert_true (g_file_set_contents (path, (const gchar *) data, (gssize) sizes[i], NULL));
      g_ptr_array_add (contents, g_bytes_new_take (data, sizes[i]));
      g_ptr_array_add (paths, path);
      sharokey_secret_options_add_attachment (options, path);
      total += sizes[i];
    }
  sharokey_secret_options_set_password (options, "after the files");

  body = _sharokey_secret_body_build_with_key ("see files", 1, 1, options, key_string, iv, salt, &error);
  g_assert_no_error (error);
  again = _sharokey_secret_body_build_with_key ("see files", 1, 1, options, key_string, iv, salt, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (body, again));

  o = parse_body (body);
  g_assert_cmpstr (json_object_get_string_member (o, "password"), ==, "after the files");
  g_assert_cmpint (json_object_get_int_member (o, "attachments_total_size"), ==, (gint64) total);
  files = json_object_get_array_member (o, "attachments");
  g_assert_cmpuint (json_array_get_length (files), ==, G_N_ELEMENTS (sizes));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      JsonObject *f = json_array_get_object_element (files, i);
      g_autofree gchar *name = g_strdup_printf ("part %u.bin", i);
      g_autofree gchar *alone = NULL;

      g_assert_true (_sharokey_encrypt_with_iv (key_string, contents->pdata[i], iv_bytes, salt_bytes,
                                                &alone, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (f, "name"), ==, name);
      g_assert_cmpint (json_object_get_int_member (f, "size"), ==, (gint64) sizes[i]);
      g_assert_cmpstr (json_object_get_string_member (f, "data"), ==, alone);
    }

  for (guint i = 0; i < paths->len; i++)
    g_unlink (paths->pdata[i]);
  g_rmdir (dir);
}

/* A file that cannot be read, after others that can: nothing is built,
 * and the error names the file. */
static void
test_attachment_unreadable (void)
{
  g_autofree gchar *dir = g_dir_make_tmp ("sharokey-body-XXXXXX", NULL);
  g_autofree gchar *good = g_build_filename (dir, "good.bin", NULL);
  g_autofree gchar *gone = g_build_filename (dir, "gone.bin", NULL);
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gchar *data = g_strnfill (100 * 1024, 'g');

  g_assert_true (g_file_set_contents (good, data, -1, NULL));
  g_assert_true (g_file_set_contents (gone, data, -1, NULL));
  sharokey_secret_options_add_attachment (options, good);
  sharokey_secret_options_add_attachment (options, gone);
  /* Validation passes, then the file goes away before it is read. */
  g_assert_true (sharokey_validate_secret ("s", 1, 1, options, &error));
  g_assert_no_error (error);
  g_unlink (gone);
  body = _sharokey_secret_body_build_with_key ("s", 1, 1, options, key_string, iv, salt, &error);
  g_assert_null (body);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT);
  g_unlink (good);
  g_rmdir (dir);
}

/* The password is written last, into room reserved beforehand, so the
 * body's buffer never moves (leaving a copy behind) once it holds the
 * password, however large the attachments turn out to be. */
static void
test_password_last (void)
{
  g_autofree gchar *dir = g_dir_make_tmp ("sharokey-body-XXXXXX", NULL);
  g_autofree gchar *path = g_build_filename (dir, "a.txt", NULL);
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  const gchar *suffix = ",\"password\":\"pw \\\"quoted\\\" \\u0001\"}";
  const gchar *text;
  gsize len;

  g_assert_true (g_file_set_contents (path, "some file", -1, NULL));
  sharokey_secret_options_add_attachment (options, path);
  sharokey_secret_options_add_attachment (options, "/proc/self/status");
  sharokey_secret_options_set_password (options, "pw \"quoted\" \x01");
  sharokey_secret_options_set_description (options, "described");
  body = _sharokey_secret_body_build_with_key ("s", 1, 1, options, key_string, iv, salt, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (body, &len);
  g_assert_cmpuint (len, >, strlen (suffix));
  g_assert_cmpmem (text + len - strlen (suffix), strlen (suffix), suffix, strlen (suffix));
  g_assert_null (g_strstr_len (text, len - strlen (suffix), "pw \\\"quoted"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_request_body (void)
{
  g_autoptr(SharokeyRequestOptions) options = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *o;

  options = g_object_new (SHAROKEY_TYPE_REQUEST_OPTIONS,
                          "message", "Please send the VPN key",
                          "email-to", "carol@example.com",
                          "locale", "fr",
                          "maximum-views", 2,
                          NULL);
  node = _sharokey_request_body_build (options, &error);
  g_assert_no_error (error);
  o = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (o, "secret_expiration_hours"), ==, 24);
  g_assert_cmpint (json_object_get_int_member (o, "request_expiration_hours"), ==, 48);
  g_assert_cmpint (json_object_get_int_member (o, "maximum_views"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "message"), ==, "Please send the VPN key");
  g_assert_cmpstr (json_object_get_string_member (o, "email_to"), ==, "carol@example.com");
  g_assert_cmpstr (json_object_get_string_member (o, "locale"), ==, "fr");
  g_assert_false (json_object_has_member (o, "email_reply"));
  g_assert_false (json_object_has_member (o, "description"));
}

static guint outgrown;

static GLogWriterOutput
count_outgrown (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        strstr (fields[i].value, "outgrew its estimate") != NULL)
      outgrown++;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* The body is written into one buffer sized up front: no growth, hence no
 * copy, even with every field at its largest. */
static void
test_fits_its_estimate (void)
{
  g_autofree gchar *dir = g_dir_make_tmp ("sharokey-body-XXXXXX", NULL);
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GBytes) minimal = NULL, full = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gchar *text = g_strnfill (255, '"');
  g_autofree gchar *password = g_strnfill (100, '\x01');
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree gchar *name = g_strdup_printf ("file \"%u\".bin", i);
      gchar *path = g_build_filename (dir, name, NULL);
      g_autofree gchar *data = g_strnfill (1000 * i + 1, 'x');

      g_assert_true (g_file_set_contents (path, data, -1, NULL));
      sharokey_secret_options_add_attachment (options, path);
      g_ptr_array_add (paths, path);
    }
  g_object_set (options, "description", text, "message", text, "password", password,
                "ip-whitelist", "203.0.113.5", "geolocation", "FR", NULL);

  g_log_set_debug_enabled (TRUE);
  outgrown = 0;
  minimal = _sharokey_secret_body_build_with_key ("s", 1, 1, NULL, key_string, iv, salt, &error);
  g_assert_no_error (error);
  full = _sharokey_secret_body_build_with_key (text, 1, 1, options, key_string, iv, salt, &error);
  g_assert_no_error (error);
  g_log_set_debug_enabled (FALSE);
  g_assert_cmpuint (outgrown, ==, 0);

  for (guint i = 0; i < paths->len; i++)
    g_unlink (paths->pdata[i]);
  g_ptr_array_unref (paths);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_log_writer_default_set_use_stderr (TRUE);
  g_log_set_writer_func (count_outgrown, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/body/minimal", test_minimal_body);
  g_test_add_func ("/body/random-key", test_random_body_returns_key_b);
  g_test_add_func ("/body/invalid-builds-nothing", test_invalid_builds_nothing);
  g_test_add_func ("/body/optional-fields", test_optional_fields);
  for (guint mask = 0; mask < 16; mask++)
    {
      g_autofree gchar *path = g_strdup_printf ("/body/priority/%s%s%s%s%s",
                                                mask & 1 ? "captcha+" : "",
                                                mask & 2 ? "password+" : "",
                                                mask & 4 ? "otp-email+" : "",
                                                mask & 8 ? "otp-phone+" : "",
                                                mask == 0 ? "none" : "");
      if (g_str_has_suffix (path, "+"))
        path[strlen (path) - 1] = '\0';
      g_test_add_data_func (path, GUINT_TO_POINTER (mask), test_priority);
    }
  g_test_add_func ("/body/attachments", test_attachments);
  g_test_add_func ("/body/attachment-size-as-read", test_attachment_size_as_read);
  g_test_add_func ("/body/attachments-in-parallel", test_attachments_in_parallel);
  g_test_add_func ("/body/attachment-unreadable", test_attachment_unreadable);
  g_test_add_func ("/body/password-last", test_password_last);
  g_test_add_func ("/body/fits-its-estimate", test_fits_its_estimate);
  g_test_add_func ("/body/request", test_request_body);

  return g_test_run ();
}
