/* test-crypto.c: known-answer vectors, round trips and tamper detection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-crypto-pool.h"
#include "sharokey-private.h"

typedef struct {
  gchar *name;
  gchar *key_string;
  gchar *key_a;
  gchar *key_b;
  gchar *salt;
  gchar *iv;
  gchar *derived_key_hex;
  GBytes *plaintext;
  gchar *ciphertext;
} Vector;

static void
vector_free (gpointer data)
{
  Vector *v = data;

  g_free (v->name);
  g_free (v->key_string);
  g_free (v->key_a);
  g_free (v->key_b);
  g_free (v->salt);
  g_free (v->iv);
  g_free (v->derived_key_hex);
  g_bytes_unref (v->plaintext);
  g_free (v->ciphertext);
  g_free (v);
}

static GPtrArray *
load_vectors (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree gchar *path = g_test_build_filename (G_TEST_DIST, "data", "crypto-vectors.json", NULL);
  GPtrArray *vectors = g_ptr_array_new_with_free_func (vector_free);
  JsonArray *array;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "vectors");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      Vector *v = g_new0 (Vector, 1);

      v->name = g_strdup (json_object_get_string_member (o, "name"));
      v->key_string = g_strdup (json_object_get_string_member (o, "key_string"));
      v->key_a = g_strdup (json_object_get_string_member (o, "key_a"));
      v->key_b = g_strdup (json_object_get_string_member (o, "key_b"));
      v->salt = g_strdup (json_object_get_string_member (o, "salt"));
      v->iv = g_strdup (json_object_get_string_member (o, "iv"));
      v->derived_key_hex = g_strdup (json_object_get_string_member (o, "derived_key_hex"));
      v->ciphertext = g_strdup (json_object_get_string_member (o, "ciphertext"));
      if (json_object_has_member (o, "plaintext_b64"))
        {
          gsize len;
          guchar *raw = g_base64_decode (json_object_get_string_member (o, "plaintext_b64"), &len);
          v->plaintext = g_bytes_new_take (raw, len);
        }
      else
        {
          const gchar *text = json_object_get_string_member (o, "plaintext");
          v->plaintext = g_bytes_new (text, strlen (text));
        }
      g_ptr_array_add (vectors, v);
    }
  g_assert_cmpuint (vectors->len, >=, 7);
  return vectors;
}

static GBytes *
b64_bytes (const gchar *text)
{
  gsize len;
  guchar *raw = g_base64_decode (text, &len);
  return g_bytes_new_take (raw, len);
}

static void
test_vector_derived_key (gconstpointer data)
{
  const Vector *v = data;
  g_autoptr(GBytes) salt = b64_bytes (v->salt);
  guint8 key[SHAROKEY_AES_KEY_LENGTH];
  g_autoptr(GError) error = NULL;
  GString *hex = g_string_new (NULL);

  g_assert_true (strncmp (v->key_a, v->key_string, 8) == 0);
  g_assert_true (_sharokey_derive_key (v->key_string, g_bytes_get_data (salt, NULL),
                                       g_bytes_get_size (salt), key, &error));
  g_assert_no_error (error);
  for (gsize i = 0; i < sizeof key; i++)
    g_string_append_printf (hex, "%02x", key[i]);
  g_assert_cmpstr (hex->str, ==, v->derived_key_hex);
  g_string_free (hex, TRUE);
}

static void
test_vector_encrypt (gconstpointer data)
{
  const Vector *v = data;
  g_autoptr(GBytes) iv = b64_bytes (v->iv);
  g_autoptr(GBytes) salt = b64_bytes (v->salt);
  g_autofree gchar *content = NULL, *out_iv = NULL, *out_salt = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (_sharokey_encrypt_with_iv (v->key_string, v->plaintext, iv, salt,
                                   &content, &out_iv, &out_salt, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (content, ==, v->ciphertext);
  g_assert_cmpstr (out_iv, ==, v->iv);
  g_assert_cmpstr (out_salt, ==, v->salt);
}

static void
test_vector_decrypt (gconstpointer data)
{
  const Vector *v = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autofree gchar *full = g_strconcat (v->key_a, v->key_b, NULL);

  g_assert_cmpstr (full, ==, v->key_string);
  plain = sharokey_decrypt (full, v->ciphertext, v->iv, v->salt, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (plain, v->plaintext));
}

static void
round_trip (gsize len,
            gboolean text)
{
  g_autofree gchar *key = sharokey_generate_key_string ();
  g_autofree guint8 *data = g_malloc (len + 1);
  g_autoptr(GBytes) plaintext = NULL, decrypted = NULL;
  g_autofree gchar *content = NULL, *iv = NULL, *salt = NULL;
  g_autoptr(GError) error = NULL;

  if (text)
    for (gsize i = 0; i < len; i++)
      data[i] = 'a' + i % 26;
  else
    _sharokey_random_bytes (data, len, FALSE);
  plaintext = g_bytes_new (data, len);

  g_assert_true (sharokey_encrypt (key, plaintext, &content, &iv, &salt, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (iv), ==, 16);
  g_assert_cmpuint (strlen (salt), ==, 24);
  g_assert_cmpuint (strlen (content), ==, (len + 16 + 2) / 3 * 4);

  decrypted = sharokey_decrypt (key, content, iv, salt, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (plaintext, decrypted));
}

static void
test_round_trip (gconstpointer data)
{
  gsize len = GPOINTER_TO_SIZE (data);
  round_trip (len, len <= 255);
}

static void
test_fresh_iv_and_salt (void)
{
  g_autofree gchar *key = sharokey_generate_key_string ();
  g_autoptr(GBytes) plaintext = g_bytes_new_static ("same", 4);
  g_autofree gchar *c1 = NULL, *iv1 = NULL, *s1 = NULL, *c2 = NULL, *iv2 = NULL, *s2 = NULL;

  g_assert_true (sharokey_encrypt (key, plaintext, &c1, &iv1, &s1, NULL));
  g_assert_true (sharokey_encrypt (key, plaintext, &c2, &iv2, &s2, NULL));
  g_assert_cmpstr (iv1, !=, iv2);
  g_assert_cmpstr (s1, !=, s2);
  g_assert_cmpstr (c1, !=, c2);
}

static gchar *
flip_b64 (const gchar *b64,
          gsize        byte,
          guint8       mask)
{
  gsize len;
  g_autofree guchar *raw = g_base64_decode (b64, &len);

  g_assert_cmpuint (byte, <, len);
  raw[byte] ^= mask;
  return g_base64_encode (raw, len);
}

static void
assert_decrypt_fails (const gchar *key,
                      const gchar *content,
                      const gchar *iv,
                      const gchar *salt)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = sharokey_decrypt (key, content, iv, salt, &error);

  g_assert_null (plain);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION);
}

static void
test_tamper (gconstpointer data)
{
  const Vector *v = data;
  gsize ct_len = strlen (v->ciphertext) / 4 * 3;
  /* Every PBKDF2 run costs ~100x more under valgrind: sample fewer bytes. */
  gsize stride = g_getenv ("SHAROKEY_UNDER_VALGRIND") ? 29 : 7;

  /* One flipped bit anywhere (ciphertext body, tag, iv, salt, key). */
  for (gsize byte = 0; byte < ct_len - 2; byte += stride)
    {
      g_autofree gchar *bad = flip_b64 (v->ciphertext, byte, 1u << (byte % 8));
      assert_decrypt_fails (v->key_string, bad, v->iv, v->salt);
    }
  for (gsize byte = 0; byte < 12; byte++)
    {
      g_autofree gchar *bad = flip_b64 (v->iv, byte, 0x80);
      assert_decrypt_fails (v->key_string, v->ciphertext, bad, v->salt);
    }
  for (gsize byte = 0; byte < 16; byte += 3)
    {
      g_autofree gchar *bad = flip_b64 (v->salt, byte, 0x01);
      assert_decrypt_fails (v->key_string, v->ciphertext, v->iv, bad);
    }
  for (gsize i = 0; i < SHAROKEY_KEY_LENGTH; i += 5)
    {
      g_autofree gchar *bad = g_strdup (v->key_string);
      bad[i] ^= 0x01;
      assert_decrypt_fails (bad, v->ciphertext, v->iv, v->salt);
    }
}

static void
test_malformed_input (void)
{
  const gchar *key = "KmG5aeFD5TyXM9Rm6YNpk98uHULvwbJn";

  assert_decrypt_fails (key, "not base64!", "b5pJXgOocJTWvPVs", "ClN8zsoiCeVdO+5JiC5dnw==");
  assert_decrypt_fails (key, "AAAA", "b5pJXgOocJTWvPVs", "ClN8zsoiCeVdO+5JiC5dnw==");
  assert_decrypt_fails (key, "1Y1vS0cxLhTL1BKUl1vtcPDFLaG3jriDWSda5yipwYvURbsP/POEmo+rdQ==", "AAAA", "ClN8zsoiCeVdO+5JiC5dnw==");
  assert_decrypt_fails (key, "1Y1vS0cxLhTL1BKUl1vtcPDFLaG3jriDWSda5yipwYvURbsP/POEmo+rdQ==", "b5pJXgOocJTWvPVs", "AAAA");
}

static void
test_wrong_iv_length (void)
{
  g_autoptr(GBytes) plaintext = g_bytes_new_static ("x", 1);
  g_autoptr(GBytes) iv = g_bytes_new_static ("short", 5);
  g_autofree gchar *content = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (_sharokey_encrypt_with_iv ("KmG5aeFD5TyXM9Rm6YNpk98uHULvwbJn", plaintext, iv, NULL,
                                    &content, NULL, NULL, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION);
  g_assert_null (content);
}

static void
test_attachment_shares_iv (void)
{
  /* The protocol encrypts files with the message's key, IV and salt; the
   * attachment vector pins that layout. */
  const gchar *key = "pPtuHczGj9qocAwLvoPp48V3eSDwMl3d";
  g_autoptr(GBytes) file = g_bytes_new_static ("%PDF-1.7 hello", 14);
  g_autoptr(GBytes) msg = g_bytes_new_static ("secret", 6);
  g_autoptr(GBytes) iv = b64_bytes ("yo0SKtFFQ3sWTBqP");
  g_autoptr(GBytes) salt = b64_bytes ("F3nHe0lmYGmnTxltIQvuFw==");
  g_autofree gchar *c1 = NULL, *c2 = NULL;
  g_autofree guchar *r1 = NULL, *r2 = NULL;
  gsize l1, l2;

  g_assert_true (_sharokey_encrypt_with_iv (key, msg, iv, salt, &c1, NULL, NULL, NULL));
  g_assert_true (_sharokey_encrypt_with_iv (key, file, iv, salt, &c2, NULL, NULL, NULL));
  r1 = g_base64_decode (c1, &l1);
  r2 = g_base64_decode (c2, &l2);
  /* Same keystream: ct1 ^ ct2 == pt1 ^ pt2 on the common prefix. This is
   * the nonce reuse the documentation warns about. */
  for (gsize i = 0; i < 6; i++)
    g_assert_cmpint (r1[i] ^ r2[i], ==, "secret"[i] ^ "%PDF-1.7 hello"[i]);
}

static void
test_wipe_free (void)
{
  sharokey_wipe_free (NULL);
  sharokey_wipe_free (g_strdup ("wipe me"));
}

/* The size the server takes from checked base64, against a real decode. */
static void
test_base64_decoded_size (void)
{
  for (gsize n = 0; n < 40; n++)
    {
      g_autofree guint8 *raw = g_malloc (n + 1);
      g_autofree gchar *text = NULL;
      g_autofree guint8 *back = NULL;
      gsize len = 0;

      for (gsize i = 0; i < n; i++)
        raw[i] = (guint8) (i * 37 + n);
      text = g_base64_encode (raw, n);
      back = _sharokey_base64_decode (text, &len);
      g_assert_nonnull (back);
      g_assert_cmpuint (len, ==, n);
      g_assert_cmpuint (_sharokey_base64_decoded_size (text), ==, n);
    }
}

/* Every length and every byte value, against GLib's encoder, and the
 * same encoding made in place (the input at the end of the output). */
static void
test_base64_encode (void)
{
  guint8 data[300];

  for (gsize i = 0; i < sizeof data; i++)
    data[i] = (guint8) (i * 37 + i / 256 * 11);
  for (gsize len = 0; len <= sizeof data; len++)
    {
      g_autofree gchar *expected = g_base64_encode (data, len);
      gsize room = SHAROKEY_BASE64_LENGTH (len);
      g_autofree gchar *out = g_malloc0 (room + 1);
      g_autoptr(GString) appended = g_string_new ("prefix:");

      g_assert_cmpuint (room, ==, strlen (expected));
      g_assert_cmpuint (_sharokey_base64_encode_into (out, data, len), ==, room);
      g_assert_cmpstr (out, ==, expected);

      memset (out, 0, room + 1);
      memcpy (out + room - len, data, len);
      _sharokey_base64_encode_into (out, (const guint8 *) out + room - len, len);
      g_assert_cmpstr (out, ==, expected);

      _sharokey_base64_append (appended, data, len);
      g_assert_cmpuint (appended->len, ==, 7 + room);
      g_assert_cmpstr (appended->str + 7, ==, expected);
    }
}

/* In place, with a tag of its own: the same bytes as the copying call. */
static void
test_encrypt_in_place (void)
{
  const guint8 salt[SHAROKEY_SALT_LENGTH] = { 1, 2, 3 };
  const guint8 iv[SHAROKEY_IV_LENGTH] = { 4, 5, 6 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeyCipher) cipher = _sharokey_cipher_new ("pPtuHczGj9qocAwLvoPp48V3eSDwMl3d", salt, &error);
  g_autoptr(SharokeyCipher) copy = NULL;
  g_autofree guint8 *expected = NULL;
  guint8 data[1000 + SHAROKEY_TAG_LENGTH];
  gsize expected_len = 0;

  g_assert_no_error (error);
  for (gsize i = 0; i < 1000; i++)
    data[i] = (guint8) i;
  expected = _sharokey_cipher_encrypt (cipher, iv, data, 1000, &expected_len, &error);
  g_assert_no_error (error);
  copy = _sharokey_cipher_copy (cipher, &error);
  g_assert_no_error (error);
  g_assert_true (_sharokey_cipher_encrypt_in_place (copy, iv, data, 1000, data + 1000, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (data, sizeof data, expected, expected_len);
}

typedef struct {
  gint runs[64];
  gint nested_runs[64];
} ShareCount;

static void
count_nested (guint    index,
              gpointer data)
{
  g_atomic_int_inc (&((ShareCount *) data)->nested_runs[index]);
}

static void
count_run (guint    index,
           gpointer data)
{
  g_atomic_int_inc (&((ShareCount *) data)->runs[index]);
}

static void
share_from_pool (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  _sharokey_crypto_pool_share (64, count_nested, task_data);
  g_task_return_boolean (task, TRUE);
}

static void
on_shared (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  (*(guint *) user_data)++;
}

/* Each item runs once; from inside the pool too, with every thread of
 * the pool doing the same at once (none may wait for another). */
static void
test_pool_share (void)
{
  ShareCount count = { { 0 }, { 0 } };
  guint n_pool_calls = 2 * g_get_num_processors () + 1, done = 0;

  _sharokey_crypto_pool_share (64, count_run, &count);
  for (guint i = 0; i < 64; i++)
    g_assert_cmpint (count.runs[i], ==, 1);
  _sharokey_crypto_pool_share (0, count_run, &count);
  _sharokey_crypto_pool_share (1, count_run, &count);
  g_assert_cmpint (count.runs[0], ==, 2);

  for (guint i = 0; i < n_pool_calls; i++)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, on_shared, &done);

      g_task_set_task_data (task, &count, NULL);
      _sharokey_crypto_pool_run (task, share_from_pool);
    }
  while (done < n_pool_calls)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 64; i++)
    g_assert_cmpint (count.nested_runs[i], ==, (gint) n_pool_calls);
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) vectors = NULL;

  g_test_init (&argc, &argv, NULL);
  vectors = load_vectors ();

  for (guint i = 0; i < vectors->len; i++)
    {
      Vector *v = g_ptr_array_index (vectors, i);
      g_autofree gchar *p1 = g_strdup_printf ("/crypto/vector/%s/derived-key", v->name);
      g_autofree gchar *p2 = g_strdup_printf ("/crypto/vector/%s/encrypt", v->name);
      g_autofree gchar *p3 = g_strdup_printf ("/crypto/vector/%s/decrypt", v->name);
      g_autofree gchar *p4 = g_strdup_printf ("/crypto/vector/%s/tamper", v->name);

      g_test_add_data_func (p1, v, test_vector_derived_key);
      g_test_add_data_func (p2, v, test_vector_encrypt);
      g_test_add_data_func (p3, v, test_vector_decrypt);
      g_test_add_data_func (p4, v, test_tamper);
    }
  g_test_add_data_func ("/crypto/round-trip/0", GSIZE_TO_POINTER (0), test_round_trip);
  g_test_add_data_func ("/crypto/round-trip/1", GSIZE_TO_POINTER (1), test_round_trip);
  g_test_add_data_func ("/crypto/round-trip/255", GSIZE_TO_POINTER (255), test_round_trip);
  g_test_add_data_func ("/crypto/round-trip/1MB-binary", GSIZE_TO_POINTER (1024 * 1024), test_round_trip);
  g_test_add_func ("/crypto/fresh-iv-and-salt", test_fresh_iv_and_salt);
  g_test_add_func ("/crypto/malformed-input", test_malformed_input);
  g_test_add_func ("/crypto/wrong-iv-length", test_wrong_iv_length);
  g_test_add_func ("/crypto/attachment-shares-iv", test_attachment_shares_iv);
  g_test_add_func ("/crypto/wipe-free", test_wipe_free);
  g_test_add_func ("/crypto/base64-decoded-size", test_base64_decoded_size);
  g_test_add_func ("/crypto/base64-encode", test_base64_encode);
  g_test_add_func ("/crypto/encrypt-in-place", test_encrypt_in_place);
  g_test_add_func ("/crypto/pool-share", test_pool_share);

  return g_test_run ();
}
