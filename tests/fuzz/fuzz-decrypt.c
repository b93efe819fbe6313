/* fuzz-decrypt.c: decryption of what a server or a link hands over:
 * sharokey_decrypt() on arbitrary key, content, iv and salt strings (split
 * at NUL bytes), and AES-GCM on arbitrary ciphertext under a fixed key.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static SharokeyCipher *cipher;
  static const guint8 salt[SHAROKEY_SALT_LENGTH] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
  g_autofree gchar *text = g_malloc0 (size + 4);
  const gchar *parts[4];
  gsize at = 0;

  /* Derived once: PBKDF2 would make every run slow. */
  if (cipher == NULL)
    cipher = _sharokey_cipher_new ("abcdefghijklmnopqrstuvwxyz012345", salt, NULL);

  if (size >= SHAROKEY_IV_LENGTH)
    {
      g_autoptr(GBytes) plain = _sharokey_cipher_decrypt (cipher, data, data + SHAROKEY_IV_LENGTH,
                                                          size - SHAROKEY_IV_LENGTH, NULL);

      /* Nothing shorter than the tag can be authentic. */
      g_assert (plain == NULL || size - SHAROKEY_IV_LENGTH >= SHAROKEY_TAG_LENGTH);
    }

  /* key NUL content NUL iv NUL salt: four strings. */
  memcpy (text, data, size);
  for (guint i = 0; i < 4; i++)
    {
      parts[i] = text + at;
      at += strlen (text + at) + 1;
      if (at > size + 1)
        at = size + 1;
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) plain = sharokey_decrypt (parts[0], parts[1], parts[2], parts[3], &error);

    g_assert ((plain == NULL) == (error != NULL));
  }
  return 0;
}
