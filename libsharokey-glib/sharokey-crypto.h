/* sharokey-crypto.h: Sharokey's client-side encryption
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SHAROKEY_H_INSIDE__) && !defined(SHAROKEY_COMPILATION)
#error "Only <sharokey.h> can be included directly."
#endif

#include <glib.h>
#include "sharokey-version-macros.h"

G_BEGIN_DECLS

/**
 * SHAROKEY_KEY_LENGTH:
 *
 * Length of a full key string: keyA followed by keyB.
 */
#define SHAROKEY_KEY_LENGTH 32

/**
 * SHAROKEY_KEY_A_LENGTH:
 *
 * Length of keyA, the part of the key that is sent to the server.
 */
#define SHAROKEY_KEY_A_LENGTH 8

/**
 * SHAROKEY_KEY_B_LENGTH:
 *
 * Length of keyB, the part of the key that only travels in the link's fragment.
 */
#define SHAROKEY_KEY_B_LENGTH 24

/**
 * SHAROKEY_PBKDF2_ITERATIONS:
 *
 * PBKDF2-HMAC-SHA256 iterations used to derive the AES key.
 */
#define SHAROKEY_PBKDF2_ITERATIONS 10000

SHAROKEY_AVAILABLE_IN_ALL
gchar   *sharokey_generate_key_string (void);

SHAROKEY_AVAILABLE_IN_ALL
gboolean sharokey_encrypt             (const gchar  *key_string,
                                       GBytes       *plaintext,
                                       gchar       **out_content,
                                       gchar       **out_iv,
                                       gchar       **out_salt,
                                       GError      **error);

SHAROKEY_AVAILABLE_IN_ALL
GBytes  *sharokey_decrypt             (const gchar  *key_string,
                                       const gchar  *content,
                                       const gchar  *iv,
                                       const gchar  *salt,
                                       GError      **error);

SHAROKEY_AVAILABLE_IN_ALL
void     sharokey_wipe_free           (gchar        *secret);

G_END_DECLS
