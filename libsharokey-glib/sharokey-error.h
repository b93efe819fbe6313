/* sharokey-error.h: the SHAROKEY_ERROR domain
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
 * SHAROKEY_ERROR:
 *
 * The error domain of libsharokey-glib; codes are from [enum@Sharokey.Error].
 */
#define SHAROKEY_ERROR (sharokey_error_quark ())

/**
 * SharokeyError:
 * @SHAROKEY_ERROR_FAILED: any other failure
 * @SHAROKEY_ERROR_VALIDATION: a value was rejected, by the client before
 *   sending or by the server (HTTP 422)
 * @SHAROKEY_ERROR_AUTHENTICATION: the token is missing, invalid or lacks a
 *   permission (HTTP 401/403)
 * @SHAROKEY_ERROR_NOT_FOUND: no such secret or request (HTTP 404)
 * @SHAROKEY_ERROR_ATTACHMENT: an attachment is missing, unreadable, too large,
 *   or there are too many (HTTP 413)
 * @SHAROKEY_ERROR_NETWORK: the server could not be reached (DNS, refused, reset)
 * @SHAROKEY_ERROR_TIMEOUT: the server did not answer in time
 * @SHAROKEY_ERROR_RATE_LIMITED: too many requests (HTTP 429)
 * @SHAROKEY_ERROR_SERVER: the server failed (HTTP 5xx)
 * @SHAROKEY_ERROR_PROTOCOL: the answer is not the expected JSON
 * @SHAROKEY_ERROR_ENCRYPTION: encryption failed, or decryption failed because
 *   the key is wrong or the data was tampered with
 * @SHAROKEY_ERROR_KEYRING_UNAVAILABLE: no keyring can be reached: the library
 *   was built without libsecret, there is no session bus, or no Secret
 *   Service on it (nothing was stored or read)
 * @SHAROKEY_ERROR_KEYRING: the keyring was reached but failed: it stayed
 *   locked, or it refused the operation
 * @SHAROKEY_ERROR_NOT_ANSWERED: the secret request is still open: nobody has
 *   answered it yet
 * @SHAROKEY_ERROR_NOT_SEALED: the secret request was answered with an
 *   ordinary link (Sharokey's own response page), which only the person who
 *   answered holds; open that link instead
 *
 * Error codes in the %SHAROKEY_ERROR domain.
 */
typedef enum {
  SHAROKEY_ERROR_FAILED,
  SHAROKEY_ERROR_VALIDATION,
  SHAROKEY_ERROR_AUTHENTICATION,
  SHAROKEY_ERROR_NOT_FOUND,
  SHAROKEY_ERROR_ATTACHMENT,
  SHAROKEY_ERROR_NETWORK,
  SHAROKEY_ERROR_TIMEOUT,
  SHAROKEY_ERROR_RATE_LIMITED,
  SHAROKEY_ERROR_SERVER,
  SHAROKEY_ERROR_PROTOCOL,
  SHAROKEY_ERROR_ENCRYPTION,
  SHAROKEY_ERROR_KEYRING_UNAVAILABLE,
  SHAROKEY_ERROR_KEYRING,
  SHAROKEY_ERROR_NOT_ANSWERED,
  SHAROKEY_ERROR_NOT_SEALED,
} SharokeyError;

SHAROKEY_AVAILABLE_IN_ALL
GQuark sharokey_error_quark (void);

G_END_DECLS
