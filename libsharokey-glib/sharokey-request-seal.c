/* sharokey-request-seal.c: answers that only the requester can open
 *
 * A secret request made with a key pair lets the person who answers it
 * encrypt the answer to the requester's public key, so the server that
 * stores and relays it never holds anything that opens it:
 *
 *   shared = X coordinate of ECDH(P-256, ephemeral private, requester public)
 *   key    = HKDF-SHA256(ikm = shared, salt = 32 zero bytes,
 *                        info = "sharokey-request-v1" || requester public || ephemeral public)
 *   sealed = AES-256-GCM(key, fresh 12-byte IV, no associated data)
 *
 * Public keys are uncompressed points (0x04 || X || Y, 65 bytes), the
 * "raw" format of WebCrypto, which the response page uses. GnuTLS 3.7 has
 * no ECDH derive call, so the curve arithmetic is Nettle's (hogweed);
 * HKDF and AES-GCM are GnuTLS's, as everywhere else in the library.
 * docs/reference/security.md has the design and its threat model.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <gmp.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <nettle/ecc.h>
#include <nettle/ecc-curve.h>

#include "sharokey-private.h"

#define HKDF_INFO_LABEL "sharokey-request-v1"

struct _SharokeyRequestKey
{
  struct ecc_scalar private_key;
  guint8 public_key[SHAROKEY_P256_POINT_LENGTH];
};

static const struct ecc_curve *
curve (void)
{
  return nettle_get_secp_256r1 ();
}

/* Nettle asks for randomness through a callback; it only ever needs it
 * for private scalars, so it gets the key-grade generator. */
static void
random_for_nettle (void    *ctx,
                   size_t   len,
                   uint8_t *dst)
{
  _sharokey_random_bytes (dst, len, TRUE);
}

/* mpz_clear frees limbs without wiping them. */
static void
mpz_clear_wiped (mpz_t z)
{
  gsize limbs = mpz_size (z);

  if (limbs > 0)
    _sharokey_wipe (mpz_limbs_modify (z, (mp_size_t) limbs), limbs * sizeof (mp_limb_t));
  mpz_clear (z);
}

static void
scalar_clear_wiped (struct ecc_scalar *s)
{
  _sharokey_wipe (s->p, ecc_size (curve ()) * sizeof (mp_limb_t));
  ecc_scalar_clear (s);
}

/* Big-endian, left-padded to @len bytes. */
static void
mpz_to_bytes (const mpz_t z,
              guint8     *out,
              gsize       len)
{
  gsize count = 0;

  memset (out, 0, len);
  g_assert (mpz_sizeinbase (z, 256) <= len);
  mpz_export (out + len - (mpz_sizeinbase (z, 256)), &count, 1, 1, 1, 0, z);
  g_assert (count <= len);
}

static void
point_to_bytes (const struct ecc_point *p,
                guint8                  out[SHAROKEY_P256_POINT_LENGTH])
{
  mpz_t x, y;

  mpz_inits (x, y, NULL);
  ecc_point_get (p, x, y);
  out[0] = 0x04;
  mpz_to_bytes (x, out + 1, SHAROKEY_P256_SCALAR_LENGTH);
  mpz_to_bytes (y, out + 1 + SHAROKEY_P256_SCALAR_LENGTH, SHAROKEY_P256_SCALAR_LENGTH);
  mpz_clears (x, y, NULL);
}

/* FALSE unless @data is an uncompressed point of P-256 (on the curve). */
static gboolean
point_from_bytes (struct ecc_point *p,
                  const guint8     *data,
                  gsize             len)
{
  mpz_t x, y;
  gboolean ok;

  if (len != SHAROKEY_P256_POINT_LENGTH || data[0] != 0x04)
    return FALSE;
  mpz_inits (x, y, NULL);
  mpz_import (x, SHAROKEY_P256_SCALAR_LENGTH, 1, 1, 1, 0, data + 1);
  mpz_import (y, SHAROKEY_P256_SCALAR_LENGTH, 1, 1, 1, 0, data + 1 + SHAROKEY_P256_SCALAR_LENGTH);
  ok = ecc_point_set (p, x, y) != 0;
  mpz_clears (x, y, NULL);
  return ok;
}

gboolean
_sharokey_request_public_key_valid (const guint8 *data,
                                    gsize         len)
{
  struct ecc_point p;
  gboolean ok;

  ecc_point_init (&p, curve ());
  ok = point_from_bytes (&p, data, len);
  ecc_point_clear (&p);
  return ok;
}

static gboolean
scalar_from_bytes (struct ecc_scalar *s,
                   const guint8      *data,
                   gsize              len)
{
  mpz_t z;
  gboolean ok;

  if (len != SHAROKEY_P256_SCALAR_LENGTH)
    return FALSE;
  mpz_init (z);
  mpz_import (z, len, 1, 1, 1, 0, data);
  ok = ecc_scalar_set (s, z) != 0;   /* refuses 0 and values ≥ the order */
  mpz_clear_wiped (z);
  return ok;
}

static void
public_from_scalar (const struct ecc_scalar *s,
                    guint8                   out[SHAROKEY_P256_POINT_LENGTH])
{
  struct ecc_point p;

  ecc_point_init (&p, curve ());
  ecc_point_mul_g (&p, s);
  point_to_bytes (&p, out);
  ecc_point_clear (&p);
}

SharokeyRequestKey *
_sharokey_request_key_generate (void)
{
  SharokeyRequestKey *key = g_new0 (SharokeyRequestKey, 1);

  ecc_scalar_init (&key->private_key, curve ());
  ecc_scalar_random (&key->private_key, NULL, random_for_nettle);
  public_from_scalar (&key->private_key, key->public_key);
  return key;
}

SharokeyRequestKey *
_sharokey_request_key_new_from_private (const guint8  *private_key,
                                        gsize          len,
                                        GError       **error)
{
  SharokeyRequestKey *key = g_new0 (SharokeyRequestKey, 1);

  ecc_scalar_init (&key->private_key, curve ());
  if (!scalar_from_bytes (&key->private_key, private_key, len))
    {
      _sharokey_request_key_free (key);
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                           _("The request key is not a valid P-256 private key"));
      return NULL;
    }
  public_from_scalar (&key->private_key, key->public_key);
  return key;
}

void
_sharokey_request_key_free (SharokeyRequestKey *key)
{
  if (key == NULL)
    return;
  scalar_clear_wiped (&key->private_key);
  g_free (key);
}

const guint8 *
_sharokey_request_key_get_public (SharokeyRequestKey *key)
{
  return key->public_key;
}

void
_sharokey_request_key_get_private (SharokeyRequestKey *key,
                                   guint8              out[SHAROKEY_P256_SCALAR_LENGTH])
{
  mpz_t z;

  mpz_init (z);
  ecc_scalar_get (&key->private_key, z);
  mpz_to_bytes (z, out, SHAROKEY_P256_SCALAR_LENGTH);
  mpz_clear_wiped (z);
}

/* ECDH, then HKDF: the AES-256 key shared by @scalar's owner and the owner
 * of @peer. @recipient_public and @ephemeral_public go into the HKDF info
 * so that a key cannot be replayed under another pair. */
static gboolean
derive_key (const struct ecc_scalar *scalar,
            const struct ecc_point  *peer,
            const guint8            *recipient_public,
            const guint8            *ephemeral_public,
            guint8                   out_key[SHAROKEY_AES_KEY_LENGTH],
            GError                 **error)
{
  static const guint8 zero_salt[32] = { 0 };
  guint8 info[sizeof HKDF_INFO_LABEL - 1 + 2 * SHAROKEY_P256_POINT_LENGTH];
  guint8 shared[SHAROKEY_P256_SCALAR_LENGTH];
  guint8 prk[32];
  gnutls_datum_t ikm = { shared, sizeof shared };
  gnutls_datum_t salt = { (guchar *) zero_salt, sizeof zero_salt };
  gnutls_datum_t prk_datum = { prk, sizeof prk };
  gnutls_datum_t info_datum = { info, sizeof info };
  struct ecc_point product;
  mpz_t x, y;
  int ret;

  ecc_point_init (&product, curve ());
  ecc_point_mul (&product, scalar, peer);
  mpz_inits (x, y, NULL);
  ecc_point_get (&product, x, y);
  mpz_to_bytes (x, shared, sizeof shared);
  mpz_clear_wiped (x);
  mpz_clear_wiped (y);
  _sharokey_wipe (product.p, 2 * ecc_size (curve ()) * sizeof (mp_limb_t));
  ecc_point_clear (&product);

  memcpy (info, HKDF_INFO_LABEL, sizeof HKDF_INFO_LABEL - 1);
  memcpy (info + sizeof HKDF_INFO_LABEL - 1, recipient_public, SHAROKEY_P256_POINT_LENGTH);
  memcpy (info + sizeof HKDF_INFO_LABEL - 1 + SHAROKEY_P256_POINT_LENGTH,
          ephemeral_public, SHAROKEY_P256_POINT_LENGTH);

  ret = gnutls_hkdf_extract (GNUTLS_MAC_SHA256, &ikm, &salt, prk);
  if (ret == 0)
    ret = gnutls_hkdf_expand (GNUTLS_MAC_SHA256, &prk_datum, &info_datum,
                              out_key, SHAROKEY_AES_KEY_LENGTH);
  _sharokey_wipe (shared, sizeof shared);
  _sharokey_wipe (prk, sizeof prk);
  if (ret < 0)
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                   _("Key derivation failed: %s"), gnutls_strerror (ret));
      return FALSE;
    }
  return TRUE;
}

static gnutls_aead_cipher_hd_t
aead_new (guint8   key[SHAROKEY_AES_KEY_LENGTH],
          GError **error)
{
  gnutls_datum_t key_datum = { key, SHAROKEY_AES_KEY_LENGTH };
  gnutls_aead_cipher_hd_t handle = NULL;
  int ret = gnutls_aead_cipher_init (&handle, GNUTLS_CIPHER_AES_256_GCM, &key_datum);

  _sharokey_wipe (key, SHAROKEY_AES_KEY_LENGTH);
  if (ret < 0)
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                   _("Cannot set up AES-256-GCM: %s"), gnutls_strerror (ret));
      return NULL;
    }
  return handle;
}

gboolean
_sharokey_request_seal (const guint8  *recipient_public,
                        gsize          recipient_public_len,
                        const guint8  *ephemeral_private,
                        const guint8  *iv,
                        const guint8  *plaintext,
                        gsize          len,
                        guint8         out_ephemeral_public[SHAROKEY_P256_POINT_LENGTH],
                        guint8         out_iv[SHAROKEY_IV_LENGTH],
                        guint8       **out_sealed,
                        gsize         *out_sealed_len,
                        GError       **error)
{
  struct ecc_point recipient;
  struct ecc_scalar ephemeral;
  guint8 key[SHAROKEY_AES_KEY_LENGTH];
  gnutls_aead_cipher_hd_t handle;
  gsize sealed_len = len + SHAROKEY_TAG_LENGTH;
  guint8 *sealed;
  gboolean ok;
  int ret;

  ecc_point_init (&recipient, curve ());
  ecc_scalar_init (&ephemeral, curve ());
  if (!point_from_bytes (&recipient, recipient_public, recipient_public_len))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                           _("The request's public key is not a P-256 point"));
      ok = FALSE;
      goto out;
    }
  if (ephemeral_private == NULL)
    ecc_scalar_random (&ephemeral, NULL, random_for_nettle);
  else if (!scalar_from_bytes (&ephemeral, ephemeral_private, SHAROKEY_P256_SCALAR_LENGTH))
    g_error ("invalid fixed ephemeral key");   /* tests only pass valid ones */
  public_from_scalar (&ephemeral, out_ephemeral_public);

  if (iv != NULL)
    memcpy (out_iv, iv, SHAROKEY_IV_LENGTH);
  else
    _sharokey_random_bytes (out_iv, SHAROKEY_IV_LENGTH, FALSE);

  ok = derive_key (&ephemeral, &recipient, recipient_public, out_ephemeral_public, key, error);
  if (!ok || (handle = aead_new (key, error)) == NULL)
    {
      ok = FALSE;
      goto out;
    }
  sealed = g_malloc (sealed_len);
  ret = gnutls_aead_cipher_encrypt (handle, out_iv, SHAROKEY_IV_LENGTH, NULL, 0,
                                    SHAROKEY_TAG_LENGTH, plaintext, len, sealed, &sealed_len);
  gnutls_aead_cipher_deinit (handle);
  if (ret < 0)
    {
      g_free (sealed);
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                   _("Encryption failed: %s"), gnutls_strerror (ret));
      ok = FALSE;
      goto out;
    }
  *out_sealed = sealed;
  *out_sealed_len = sealed_len;

out:
  _sharokey_wipe (key, sizeof key);   /* aead_new wipes it, but not on every path */
  scalar_clear_wiped (&ephemeral);
  ecc_point_clear (&recipient);
  return ok;
}

GBytes *
_sharokey_request_open (SharokeyRequestKey  *key,
                        const guint8        *ephemeral_public,
                        gsize                ephemeral_public_len,
                        const guint8        *iv,
                        gsize                iv_len,
                        const guint8        *sealed,
                        gsize                sealed_len,
                        GError             **error)
{
  struct ecc_point ephemeral;
  guint8 aes_key[SHAROKEY_AES_KEY_LENGTH];
  gnutls_aead_cipher_hd_t handle;
  guint8 *plain = NULL;
  gsize plain_len;
  int ret;

  ecc_point_init (&ephemeral, curve ());
  if (iv_len != SHAROKEY_IV_LENGTH || sealed_len < SHAROKEY_TAG_LENGTH ||
      !point_from_bytes (&ephemeral, ephemeral_public, ephemeral_public_len))
    {
      ecc_point_clear (&ephemeral);
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                           _("The sealed answer is malformed"));
      return NULL;
    }
  if (!derive_key (&key->private_key, &ephemeral, key->public_key, ephemeral_public,
                   aes_key, error))
    {
      ecc_point_clear (&ephemeral);
      return NULL;
    }
  ecc_point_clear (&ephemeral);
  if ((handle = aead_new (aes_key, error)) == NULL)
    return NULL;

  plain_len = sealed_len - SHAROKEY_TAG_LENGTH;
  plain = g_malloc (MAX (plain_len, 1));
  ret = gnutls_aead_cipher_decrypt (handle, iv, iv_len, NULL, 0, SHAROKEY_TAG_LENGTH,
                                    sealed, sealed_len, plain, &plain_len);
  gnutls_aead_cipher_deinit (handle);
  if (ret < 0)
    {
      _sharokey_wipe (plain, MAX (sealed_len - SHAROKEY_TAG_LENGTH, 1));
      g_free (plain);
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                           _("The answer cannot be opened with this request's key "
                             "(wrong key, or the answer was altered)"));
      return NULL;
    }
  return _sharokey_bytes_new_take_wiped (plain, plain_len);
}
