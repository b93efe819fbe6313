/* sharokey-crypto.c: PBKDF2-HMAC-SHA256 + AES-256-GCM, as Sharokey's SDKs do it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>

#include "sharokey-private.h"

static const gchar key_charset[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

struct _SharokeyCipher {
  gnutls_aead_cipher_hd_t handle;
  /* Kept (and wiped when freed) so that threads encrypting attachments
   * at the same time each get a handle of their own: a handle holds the
   * state of the message it encrypts. */
  guint8 key[SHAROKEY_AES_KEY_LENGTH];
};

void
_sharokey_wipe (gpointer data,
                gsize    len)
{
  if (data != NULL && len > 0)
    gnutls_memset (data, 0, len);
}

void
_sharokey_random_bytes (guint8   *buf,
                        gsize     len,
                        gboolean  for_key)
{
  /* gnutls_rnd reads the kernel CSPRNG (getrandom); failure means the
   * library cannot work safely at all. */
  if (gnutls_rnd (for_key ? GNUTLS_RND_KEY : GNUTLS_RND_RANDOM, buf, len) != 0)
    g_error ("gnutls_rnd failed: no secure random numbers available");
}

typedef struct {
  gpointer data;
  gsize len;
  gsize public_from;           /* a range left as it is */
  gsize public_to;
} WipedBlock;

static void
wiped_block_free (gpointer user_data)
{
  WipedBlock *block = user_data;
  guint8 *data = block->data;

  _sharokey_wipe (data, block->public_from);
  _sharokey_wipe (data + block->public_to, block->len - block->public_to);
  g_free (block->data);
  g_free (block);
}

/* Takes @data (allocated with g_malloc); it is wiped before being freed,
 * except for [@public_from, @public_to): megabytes of ciphertext in a
 * secret's body need no wiping, and cost as much to wipe as to encode. */
GBytes *
_sharokey_bytes_new_take_wiped_except (guint8 *data,
                                       gsize   len,
                                       gsize   public_from,
                                       gsize   public_to)
{
  WipedBlock *block = g_new (WipedBlock, 1);

  g_return_val_if_fail (public_from <= public_to && public_to <= len, NULL);

  block->data = data;
  block->len = len;
  block->public_from = public_from;
  block->public_to = public_to;
  return g_bytes_new_with_free_func (data, len, wiped_block_free, block);
}

/* Takes @data (allocated with g_malloc); it is wiped before being freed. */
GBytes *
_sharokey_bytes_new_take_wiped (guint8 *data,
                                gsize   len)
{
  return _sharokey_bytes_new_take_wiped_except (data, len, len, len);
}

/**
 * sharokey_wipe_free:
 * @secret: (nullable) (transfer full): a string holding secret material
 *
 * Overwrites a secret string (a key string, keyB, a password) with zeroes
 * and frees it. Use it for every secret string the library returns.
 */
void
sharokey_wipe_free (gchar *secret)
{
  if (secret == NULL)
    return;
  _sharokey_wipe (secret, strlen (secret));
  g_free (secret);
}

/**
 * sharokey_generate_key_string:
 *
 * Generates a new random key string: 32 characters from `A-Za-z0-9`,
 * uniformly distributed, from the kernel's CSPRNG. The first
 * %SHAROKEY_KEY_A_LENGTH characters are keyA, which is sent to the server;
 * the last %SHAROKEY_KEY_B_LENGTH are keyB, which only travels in the
 * fragment of the share link.
 *
 * Returns: (transfer full): the key string; free it with
 *   sharokey_wipe_free()
 */
gchar *
sharokey_generate_key_string (void)
{
  gchar *key = g_malloc (SHAROKEY_KEY_LENGTH + 1);
  guint8 pool[64];
  gsize filled = 0;

  while (filled < SHAROKEY_KEY_LENGTH)
    {
      _sharokey_random_bytes (pool, sizeof pool, TRUE);
      for (gsize i = 0; i < sizeof pool && filled < SHAROKEY_KEY_LENGTH; i++)
        {
          /* 248 = 4 * 62: rejecting larger bytes removes the modulo bias. */
          if (pool[i] < 248)
            key[filled++] = key_charset[pool[i] % 62];
        }
    }
  key[SHAROKEY_KEY_LENGTH] = '\0';
  _sharokey_wipe (pool, sizeof pool);
  return key;
}

gboolean
_sharokey_derive_key_gnutls (const gchar  *key_string,
                             const guint8 *salt,
                             gsize         salt_len,
                             guint8        out_key[SHAROKEY_AES_KEY_LENGTH],
                             GError      **error)
{
  gnutls_datum_t password = { (guchar *) key_string, (guint) strlen (key_string) };
  gnutls_datum_t salt_datum = { (guchar *) salt, (guint) salt_len };
  int ret;

  ret = gnutls_pbkdf2 (GNUTLS_MAC_SHA256, &password, &salt_datum,
                       SHAROKEY_PBKDF2_ITERATIONS, out_key, SHAROKEY_AES_KEY_LENGTH);
  if (ret < 0)
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                   _("Key derivation failed: %s"), gnutls_strerror (ret));
      return FALSE;
    }
  return TRUE;
}

gboolean
_sharokey_derive_key (const gchar  *key_string,
                      const guint8 *salt,
                      gsize         salt_len,
                      guint8        out_key[SHAROKEY_AES_KEY_LENGTH],
                      GError      **error)
{
  /* A system that runs GnuTLS in FIPS 140 mode wants its validated module
   * to do the derivation: the faster path is for everyone else. */
  if (!gnutls_fips140_mode_enabled ()
      && _sharokey_pbkdf2_sha256_fast ((const guint8 *) key_string, strlen (key_string), salt, salt_len,
                                       SHAROKEY_PBKDF2_ITERATIONS, out_key))
    return TRUE;
  return _sharokey_derive_key_gnutls (key_string, salt, salt_len, out_key, error);
}

static SharokeyCipher *
cipher_new_for_key (const guint8  *key,
                    GError       **error)
{
  SharokeyCipher *cipher = g_new0 (SharokeyCipher, 1);
  gnutls_datum_t key_datum = { cipher->key, sizeof cipher->key };
  int ret;

  memcpy (cipher->key, key, sizeof cipher->key);
  ret = gnutls_aead_cipher_init (&cipher->handle, GNUTLS_CIPHER_AES_256_GCM, &key_datum);
  if (ret < 0)
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                   _("Cannot set up AES-256-GCM: %s"), gnutls_strerror (ret));
      _sharokey_wipe (cipher->key, sizeof cipher->key);
      g_free (cipher);
      return NULL;
    }
  return cipher;
}

SharokeyCipher *
_sharokey_cipher_new (const gchar   *key_string,
                      const guint8  *salt,
                      GError       **error)
{
  guint8 key[SHAROKEY_AES_KEY_LENGTH];
  SharokeyCipher *cipher;

  if (key_string == NULL || *key_string == '\0')
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                           _("The key is empty"));
      return NULL;
    }
  if (!_sharokey_derive_key (key_string, salt, SHAROKEY_SALT_LENGTH, key, error))
    return NULL;

  cipher = cipher_new_for_key (key, error);
  _sharokey_wipe (key, sizeof key);
  return cipher;
}

SharokeyCipher *
_sharokey_cipher_copy (SharokeyCipher  *cipher,
                       GError         **error)
{
  return cipher_new_for_key (cipher->key, error);
}

void
_sharokey_cipher_free (SharokeyCipher *cipher)
{
  if (cipher == NULL)
    return;
  /* gnutls_aead_cipher_deinit wipes the expanded key schedule. */
  gnutls_aead_cipher_deinit (cipher->handle);
  _sharokey_wipe (cipher->key, sizeof cipher->key);
  g_free (cipher);
}

gboolean
_sharokey_cipher_encrypt_in_place (SharokeyCipher *cipher,
                                   const guint8   *iv,
                                   guint8         *data,
                                   gsize           len,
                                   guint8         *tag,
                                   GError        **error)
{
  giovec_t iov = { data, len };
  gsize tag_len = SHAROKEY_TAG_LENGTH;
  int ret;

  ret = gnutls_aead_cipher_encryptv2 (cipher->handle, iv, SHAROKEY_IV_LENGTH, NULL, 0,
                                      &iov, 1, tag, &tag_len);
  if (ret < 0)
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                   _("Encryption failed: %s"), gnutls_strerror (ret));
      return FALSE;
    }
  return TRUE;
}

guint8 *
_sharokey_cipher_encrypt (SharokeyCipher *cipher,
                          const guint8   *iv,
                          const guint8   *data,
                          gsize           len,
                          gsize          *out_len,
                          GError        **error)
{
  guint8 *ct = g_malloc (len + SHAROKEY_TAG_LENGTH);

  if (len > 0)   /* an empty text may come as NULL */
    memcpy (ct, data, len);
  if (!_sharokey_cipher_encrypt_in_place (cipher, iv, ct, len, ct + len, error))
    {
      _sharokey_wipe (ct, len);   /* still the plaintext */
      g_free (ct);
      return NULL;
    }
  *out_len = len + SHAROKEY_TAG_LENGTH;
  return ct;
}

GBytes *
_sharokey_cipher_decrypt (SharokeyCipher *cipher,
                          const guint8   *iv,
                          const guint8   *data,
                          gsize           len,
                          GError        **error)
{
  gsize pt_len;
  guint8 *pt;
  int ret;

  if (len < SHAROKEY_TAG_LENGTH)
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                           _("Decryption failed: the ciphertext is too short"));
      return NULL;
    }
  pt_len = len - SHAROKEY_TAG_LENGTH;
  pt = g_malloc (pt_len + 1);
  ret = gnutls_aead_cipher_decrypt (cipher->handle, iv, SHAROKEY_IV_LENGTH,
                                    NULL, 0, SHAROKEY_TAG_LENGTH,
                                    data, len, pt, &pt_len);
  if (ret < 0)
    {
      _sharokey_wipe (pt, len - SHAROKEY_TAG_LENGTH);
      g_free (pt);
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                           _("Decryption failed: wrong key or damaged data"));
      return NULL;
    }
  pt[pt_len] = '\0'; /* convenient for text; not part of the bytes */
  return _sharokey_bytes_new_take_wiped (pt, pt_len);
}

/* Three bytes at a time through a table: g_base64_encode_step() works a
 * byte at a time, and a create with files encodes up to 13 MB. Each
 * group of three bytes is read before its four characters are written,
 * so @data may sit at the end of @out's room (encoding in place). */
gsize
_sharokey_base64_encode_into (gchar        *out,
                              const guint8 *data,
                              gsize         len)
{
  static const gchar alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  gchar *o = out;
  gsize i = 0;

  for (; i + 3 <= len; i += 3, o += 4)
    {
      guint32 v = (guint32) data[i] << 16 | (guint32) data[i + 1] << 8 | data[i + 2];

      o[0] = alphabet[v >> 18];
      o[1] = alphabet[(v >> 12) & 0x3f];
      o[2] = alphabet[(v >> 6) & 0x3f];
      o[3] = alphabet[v & 0x3f];
    }
  if (i < len)
    {
      guint32 v = (guint32) data[i] << 16 | (i + 1 < len ? (guint32) data[i + 1] << 8 : 0);

      o[0] = alphabet[v >> 18];
      o[1] = alphabet[(v >> 12) & 0x3f];
      o[2] = i + 1 < len ? alphabet[(v >> 6) & 0x3f] : '=';
      o[3] = '=';
      o += 4;
    }
  return (gsize) (o - out);
}

void
_sharokey_base64_append (GString      *out,
                         const guint8 *data,
                         gsize         len)
{
  gsize old_len = out->len;

  g_string_set_size (out, old_len + SHAROKEY_BASE64_LENGTH (len));
  _sharokey_base64_encode_into (out->str + old_len, data, len);
}

/* 1 for the 64 characters of the standard alphabet. */
static const guint8 base64_alphabet[256] = {
  ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
  ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
  ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
  ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
  ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
  ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1,
  ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,
  ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['+'] = 1, ['/'] = 1,
};

gboolean
_sharokey_base64_check (const gchar *text,
                        gsize        len,
                        gsize       *out_len)
{
  const guint8 *p = (const guint8 *) text;
  gsize pad = 0, body;

  if (len % 4 != 0)
    return FALSE;
  if (len >= 1 && text[len - 1] == '=')
    pad = len >= 2 && text[len - 2] == '=' ? 2 : 1;
  body = len - pad;
  /* One table look-up per character, no branch but the loop's: a create
   * carries up to 13 MB of it. */
  {
    guint ok = 1;

    for (gsize i = 0; i < body; i++)
      ok &= base64_alphabet[p[i]];
    if (!ok)
      return FALSE;
  }
  /* The bits the padding leaves unused are zero in canonical base64, so
   * one byte string has one encoding ("aGl=" is not another "hi"). */
  if (pad > 0)
    {
      static const gchar alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      gsize value = (gsize) (strchr (alphabet, text[body - 1]) - alphabet);

      if ((value & (pad == 1 ? 0x3 : 0xf)) != 0)
        return FALSE;
    }
  if (out_len != NULL)
    *out_len = len / 4 * 3 - pad;
  return TRUE;
}

guint8 *
_sharokey_base64_decode (const gchar *text,
                         gsize       *out_len)
{
  gsize len;

  /* g_base64_decode skips junk silently; the protocol wants strict input. */
  if (text == NULL)
    return NULL;
  len = strlen (text);
  if (!_sharokey_base64_check (text, len, NULL))
    return NULL;
  if (len == 0)
    {
      *out_len = 0;
      return g_malloc0 (1);
    }
  return g_base64_decode (text, out_len);
}

/* The size of what well-formed @text decodes to, without decoding it. */
gsize
_sharokey_base64_decoded_size (const gchar *text)
{
  gsize len = strlen (text);
  gsize pad = len >= 2 && text[len - 1] == '=' ? (text[len - 2] == '=' ? 2 : 1) : 0;

  return len / 4 * 3 - pad;
}

static gboolean
take_fixed (GBytes       *given,
            gsize         expected,
            guint8       *out,
            const gchar  *what,
            GError      **error)
{
  gsize len;
  const guint8 *data;

  if (given == NULL)
    {
      _sharokey_random_bytes (out, expected, FALSE);
      return TRUE;
    }
  data = g_bytes_get_data (given, &len);
  if (len != expected)
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                   /* TRANSLATORS: %s is "IV" or "salt" */
                   _("The %s must be %u bytes long"), what, (guint) expected);
      return FALSE;
    }
  memcpy (out, data, len);
  return TRUE;
}

/* The fixed-IV form: only the body builder (which encrypts attachments
 * with the message's own IV and salt, as the protocol wants) and the
 * known-answer tests may choose the IV. */
gboolean
_sharokey_encrypt_with_iv (const gchar  *key_string,
                           GBytes       *plaintext,
                           GBytes       *iv,
                           GBytes       *salt,
                           gchar       **out_content,
                           gchar       **out_iv,
                           gchar       **out_salt,
                           GError      **error)
{
  g_autoptr(SharokeyCipher) cipher = NULL;
  guint8 iv_buf[SHAROKEY_IV_LENGTH];
  guint8 salt_buf[SHAROKEY_SALT_LENGTH];
  g_autofree guint8 *ct = NULL;
  const guint8 *pt;
  gsize pt_len, ct_len;
  GString *b64;

  g_return_val_if_fail (key_string != NULL, FALSE);
  g_return_val_if_fail (plaintext != NULL, FALSE);
  g_return_val_if_fail (out_content != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!take_fixed (iv, SHAROKEY_IV_LENGTH, iv_buf, "IV", error) ||
      !take_fixed (salt, SHAROKEY_SALT_LENGTH, salt_buf, "salt", error))
    return FALSE;

  cipher = _sharokey_cipher_new (key_string, salt_buf, error);
  if (cipher == NULL)
    return FALSE;

  pt = g_bytes_get_data (plaintext, &pt_len);
  ct = _sharokey_cipher_encrypt (cipher, iv_buf, pt, pt_len, &ct_len, error);
  if (ct == NULL)
    return FALSE;

  b64 = g_string_sized_new ((ct_len / 3 + 1) * 4 + 8);
  _sharokey_base64_append (b64, ct, ct_len);
  *out_content = g_string_free (b64, FALSE);
  if (out_iv != NULL)
    *out_iv = g_base64_encode (iv_buf, sizeof iv_buf);
  if (out_salt != NULL)
    *out_salt = g_base64_encode (salt_buf, sizeof salt_buf);
  return TRUE;
}

/**
 * sharokey_encrypt:
 * @key_string: the full key string (keyA followed by keyB)
 * @plaintext: the bytes to encrypt
 * @out_content: (out) (transfer full): base64 of ciphertext followed by the
 *   16-byte GCM tag
 * @out_iv: (out) (optional) (transfer full): base64 of the fresh IV
 * @out_salt: (out) (optional) (transfer full): base64 of the fresh salt
 * @error: return location for a #GError
 *
 * Encrypts as Sharokey does: the AES-256 key is PBKDF2-HMAC-SHA256 of the
 * UTF-8 key string with a fresh random 16-byte salt and
 * %SHAROKEY_PBKDF2_ITERATIONS iterations; the cipher is AES-256-GCM with a
 * fresh random 12-byte IV and no associated data. The IV is never chosen
 * by the caller, so it is never reused by mistake.
 *
 * Returns: %TRUE on success
 */
gboolean
sharokey_encrypt (const gchar  *key_string,
                  GBytes       *plaintext,
                  gchar       **out_content,
                  gchar       **out_iv,
                  gchar       **out_salt,
                  GError      **error)
{
  return _sharokey_encrypt_with_iv (key_string, plaintext, NULL, NULL,
                                    out_content, out_iv, out_salt, error);
}

/**
 * sharokey_decrypt:
 * @key_string: the full key string (keyA followed by keyB)
 * @content: base64 of ciphertext followed by the 16-byte GCM tag
 * @iv: base64 of the 12-byte IV
 * @salt: base64 of the 16-byte salt
 * @error: return location for a #GError
 *
 * Decrypts what sharokey_encrypt() produced. A wrong key, a changed byte or
 * malformed base64 gives %SHAROKEY_ERROR_ENCRYPTION, never garbage.
 *
 * Returns: (transfer full): the plaintext; its memory is wiped when the
 *   last reference is dropped
 */
GBytes *
sharokey_decrypt (const gchar  *key_string,
                  const gchar  *content,
                  const gchar  *iv,
                  const gchar  *salt,
                  GError      **error)
{
  g_autoptr(SharokeyCipher) cipher = NULL;
  g_autofree guint8 *ct = NULL, *iv_buf = NULL, *salt_buf = NULL;
  gsize ct_len = 0, iv_len = 0, salt_len = 0;

  g_return_val_if_fail (key_string != NULL, NULL);
  g_return_val_if_fail (content != NULL && iv != NULL && salt != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ct = _sharokey_base64_decode (content, &ct_len);
  iv_buf = _sharokey_base64_decode (iv, &iv_len);
  salt_buf = _sharokey_base64_decode (salt, &salt_len);
  if (ct == NULL || iv_buf == NULL || salt_buf == NULL ||
      iv_len != SHAROKEY_IV_LENGTH || salt_len != SHAROKEY_SALT_LENGTH)
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                           _("Decryption failed: malformed content, IV or salt"));
      return NULL;
    }

  cipher = _sharokey_cipher_new (key_string, salt_buf, error);
  if (cipher == NULL)
    return NULL;
  return _sharokey_cipher_decrypt (cipher, iv_buf, ct, ct_len, error);
}
