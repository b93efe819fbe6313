/* test-request-seal.c: answers sealed to a requester's P-256 key
 *
 * The known answers come from an independent implementation
 * (scripts/make-request-seal-vectors.py, python3-cryptography): sealing
 * with the vector's fixed ephemeral key and IV must give its bytes exactly,
 * and opening them must give the plaintext back.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"

typedef struct {
  gchar *name;
  GBytes *recipient_private, *recipient_public;
  GBytes *ephemeral_private, *ephemeral_public;
  GBytes *iv, *plaintext, *sealed;
} Vector;

static GBytes *
member_bytes (JsonObject  *object,
              const gchar *name)
{
  gsize len = 0;
  guchar *data = g_base64_decode (json_object_get_string_member (object, name), &len);

  return g_bytes_new_take (data, len);
}

static void
vector_free (gpointer data)
{
  Vector *v = data;

  g_free (v->name);
  g_bytes_unref (v->recipient_private);
  g_bytes_unref (v->recipient_public);
  g_bytes_unref (v->ephemeral_private);
  g_bytes_unref (v->ephemeral_public);
  g_bytes_unref (v->iv);
  g_bytes_unref (v->plaintext);
  g_bytes_unref (v->sealed);
  g_free (v);
}

static GPtrArray *
load_vectors (void)
{
  g_autofree gchar *path = g_test_build_filename (G_TEST_DIST, "data", "request-seal-vectors.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
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
      v->recipient_private = member_bytes (o, "recipient_private");
      v->recipient_public = member_bytes (o, "recipient_public");
      v->ephemeral_private = member_bytes (o, "ephemeral_private");
      v->ephemeral_public = member_bytes (o, "ephemeral_public");
      v->iv = member_bytes (o, "iv");
      v->plaintext = member_bytes (o, "plaintext");
      v->sealed = member_bytes (o, "sealed");
      g_ptr_array_add (vectors, v);
    }
  g_assert_cmpuint (vectors->len, >=, 3);
  return vectors;
}

static SharokeyRequestKey *
vector_key (const Vector *v)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const guint8 *d = g_bytes_get_data (v->recipient_private, &len);
  SharokeyRequestKey *key = _sharokey_request_key_new_from_private (d, len, &error);

  g_assert_no_error (error);
  return key;
}

static void
assert_bytes_equal (GBytes       *expected,
                    const guint8 *data,
                    gsize         len)
{
  gsize expected_len;
  const guint8 *expected_data = g_bytes_get_data (expected, &expected_len);

  g_assert_cmpmem (data, len, expected_data, expected_len);
}

static void
test_vector_public_key (gconstpointer data)
{
  const Vector *v = data;
  g_autoptr(SharokeyRequestKey) key = vector_key (v);
  guint8 d[SHAROKEY_P256_SCALAR_LENGTH];

  assert_bytes_equal (v->recipient_public, _sharokey_request_key_get_public (key),
                      SHAROKEY_P256_POINT_LENGTH);
  _sharokey_request_key_get_private (key, d);
  assert_bytes_equal (v->recipient_private, d, sizeof d);
}

static void
test_vector_seal (gconstpointer data)
{
  const Vector *v = data;
  g_autoptr(GError) error = NULL;
  guint8 epk[SHAROKEY_P256_POINT_LENGTH], iv[SHAROKEY_IV_LENGTH];
  g_autofree guint8 *sealed = NULL;
  gsize sealed_len = 0, plain_len, pub_len;
  const guint8 *plain = g_bytes_get_data (v->plaintext, &plain_len);
  const guint8 *pub = g_bytes_get_data (v->recipient_public, &pub_len);

  g_assert_true (_sharokey_request_seal (pub, pub_len,
                                         g_bytes_get_data (v->ephemeral_private, NULL),
                                         g_bytes_get_data (v->iv, NULL),
                                         plain, plain_len, epk, iv,
                                         &sealed, &sealed_len, &error));
  g_assert_no_error (error);
  assert_bytes_equal (v->ephemeral_public, epk, sizeof epk);
  assert_bytes_equal (v->iv, iv, sizeof iv);
  assert_bytes_equal (v->sealed, sealed, sealed_len);
}

static GBytes *
open_vector (const Vector  *v,
             GBytes        *sealed,
             GError       **error)
{
  g_autoptr(SharokeyRequestKey) key = vector_key (v);
  gsize epk_len, iv_len, sealed_len;
  const guint8 *epk = g_bytes_get_data (v->ephemeral_public, &epk_len);
  const guint8 *iv = g_bytes_get_data (v->iv, &iv_len);
  const guint8 *sealed_data = g_bytes_get_data (sealed, &sealed_len);

  return _sharokey_request_open (key, epk, epk_len, iv, iv_len, sealed_data, sealed_len, error);
}

static void
test_vector_open (gconstpointer data)
{
  const Vector *v = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = open_vector (v, v->sealed, &error);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (plain, v->plaintext));
}

/* Every single-bit change of the sealed bytes is refused. */
static void
test_vector_tamper (gconstpointer data)
{
  const Vector *v = data;
  gsize len;
  const guint8 *sealed = g_bytes_get_data (v->sealed, &len);

  for (gsize bit = 0; bit < len * 8; bit += MAX (1, len * 8 / 97))
    {
      g_autofree guint8 *copy = g_memdup2 (sealed, len);
      g_autoptr(GBytes) altered = NULL;
      g_autoptr(GBytes) plain = NULL;
      g_autoptr(GError) error = NULL;

      copy[bit / 8] ^= (guint8) (1u << (bit % 8));
      altered = g_bytes_new (copy, len);
      plain = open_vector (v, altered, &error);
      g_assert_null (plain);
      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION);
    }
}

static void
test_round_trip_random (void)
{
  g_autoptr(SharokeyRequestKey) key = _sharokey_request_key_generate ();
  g_autoptr(SharokeyRequestKey) other = _sharokey_request_key_generate ();
  const gchar *text = "correct horse battery staple";
  guint8 epk[SHAROKEY_P256_POINT_LENGTH], epk2[SHAROKEY_P256_POINT_LENGTH];
  guint8 iv[SHAROKEY_IV_LENGTH], iv2[SHAROKEY_IV_LENGTH];
  g_autofree guint8 *sealed = NULL;
  g_autofree guint8 *sealed2 = NULL;
  gsize sealed_len = 0, sealed2_len = 0;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) wrong = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (_sharokey_request_seal (_sharokey_request_key_get_public (key),
                                         SHAROKEY_P256_POINT_LENGTH, NULL, NULL,
                                         (const guint8 *) text, strlen (text),
                                         epk, iv, &sealed, &sealed_len, &error));
  g_assert_no_error (error);
  /* A second seal of the same text uses a fresh ephemeral key and IV. */
  g_assert_true (_sharokey_request_seal (_sharokey_request_key_get_public (key),
                                         SHAROKEY_P256_POINT_LENGTH, NULL, NULL,
                                         (const guint8 *) text, strlen (text),
                                         epk2, iv2, &sealed2, &sealed2_len, NULL));
  g_assert_true (memcmp (epk, epk2, sizeof epk) != 0);
  g_assert_true (memcmp (iv, iv2, sizeof iv) != 0);
  g_assert_true (memcmp (sealed, sealed2, sealed_len) != 0);

  plain = _sharokey_request_open (key, epk, sizeof epk, iv, sizeof iv, sealed, sealed_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), text, strlen (text));

  /* Another requester's key cannot open it. */
  wrong = _sharokey_request_open (other, epk, sizeof epk, iv, sizeof iv, sealed, sealed_len, &error);
  g_assert_null (wrong);
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION);
}

static void
test_invalid_points (void)
{
  g_autoptr(SharokeyRequestKey) key = _sharokey_request_key_generate ();
  guint8 point[SHAROKEY_P256_POINT_LENGTH];
  guint8 epk[SHAROKEY_P256_POINT_LENGTH], iv[SHAROKEY_IV_LENGTH] = { 0 };
  guint8 sealed[SHAROKEY_TAG_LENGTH] = { 0 };
  g_autofree guint8 *out = NULL;
  gsize out_len = 0;

  memcpy (point, _sharokey_request_key_get_public (key), sizeof point);
  point[SHAROKEY_P256_POINT_LENGTH - 1] ^= 1;   /* off the curve */

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) plain = NULL;
      guint8 bad[SHAROKEY_P256_POINT_LENGTH];
      gsize bad_len = sizeof bad;

      memcpy (bad, point, sizeof bad);
      if (i == 1)
        bad[0] = 0x02;                  /* compressed form: not accepted */
      if (i == 2)
        {
          memcpy (bad, _sharokey_request_key_get_public (key), sizeof bad);
          bad_len = 33;                 /* truncated */
        }
      g_assert_false (_sharokey_request_seal (bad, bad_len, NULL, NULL, (const guint8 *) "x", 1,
                                              epk, iv, &out, &out_len, &error));
      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION);
      g_clear_error (&error);
      plain = _sharokey_request_open (key, bad, bad_len, iv, sizeof iv, sealed, sizeof sealed, &error);
      g_assert_null (plain);
      g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION);
    }
}

static void
test_invalid_private (void)
{
  guint8 zero[SHAROKEY_P256_SCALAR_LENGTH] = { 0 };
  guint8 too_big[SHAROKEY_P256_SCALAR_LENGTH];
  g_autoptr(GError) error = NULL;

  memset (too_big, 0xFF, sizeof too_big);   /* above the group order */
  g_assert_null (_sharokey_request_key_new_from_private (zero, sizeof zero, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION);
  g_clear_error (&error);
  g_assert_null (_sharokey_request_key_new_from_private (too_big, sizeof too_big, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION);
  g_clear_error (&error);
  g_assert_null (_sharokey_request_key_new_from_private (zero, 31, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION);
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
      g_autofree gchar *base = g_strdelimit (g_strdup (v->name), " ", '-');
      g_autofree gchar *p1 = g_strdup_printf ("/request-seal/vector/%s/public-key", base);
      g_autofree gchar *p2 = g_strdup_printf ("/request-seal/vector/%s/seal", base);
      g_autofree gchar *p3 = g_strdup_printf ("/request-seal/vector/%s/open", base);
      g_autofree gchar *p4 = g_strdup_printf ("/request-seal/vector/%s/tamper", base);

      g_test_add_data_func (p1, v, test_vector_public_key);
      g_test_add_data_func (p2, v, test_vector_seal);
      g_test_add_data_func (p3, v, test_vector_open);
      g_test_add_data_func (p4, v, test_vector_tamper);
    }
  g_test_add_func ("/request-seal/round-trip-random", test_round_trip_random);
  g_test_add_func ("/request-seal/invalid-points", test_invalid_points);
  g_test_add_func ("/request-seal/invalid-private", test_invalid_private);
  return g_test_run ();
}
