/* sharokey-exit-status.h: the exit statuses of sharokey, pass sharokey and
 * git-credential-sharokey, one table for the three (docs/exit-codes.md)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sharokey.h>

G_BEGIN_DECLS

typedef enum {
  SHAROKEY_EXIT_OK = 0,
  SHAROKEY_EXIT_FAILURE = 1,
  SHAROKEY_EXIT_USAGE = 2,          /* usage or validation: nothing was sent */
  SHAROKEY_EXIT_AUTHENTICATION = 3, /* no token, wrong token, missing permission */
  SHAROKEY_EXIT_NOT_FOUND = 4,
  SHAROKEY_EXIT_NETWORK = 5,        /* network, timeout, rate limit, server, protocol */
  SHAROKEY_EXIT_NOT_ANSWERED = 6,   /* a secret request nobody has answered yet */
} SharokeyExitStatus;

/* The status for a failure reported by the library (or GOption). */
static inline int
sharokey_exit_status_for_error (const GError *error)
{
  if (error->domain == G_OPTION_ERROR)
    return SHAROKEY_EXIT_USAGE;
  /* Failures below HTTP keep their own domain (docs/reference/errors.md). */
  if (error->domain == G_TLS_ERROR || error->domain == G_RESOLVER_ERROR ||
      (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED))
    return SHAROKEY_EXIT_NETWORK;
  if (error->domain != SHAROKEY_ERROR)
    return SHAROKEY_EXIT_FAILURE;

  switch ((SharokeyError) error->code)
    {
    case SHAROKEY_ERROR_VALIDATION:
    case SHAROKEY_ERROR_ATTACHMENT:
      return SHAROKEY_EXIT_USAGE;
    case SHAROKEY_ERROR_AUTHENTICATION:
      return SHAROKEY_EXIT_AUTHENTICATION;
    case SHAROKEY_ERROR_NOT_FOUND:
      return SHAROKEY_EXIT_NOT_FOUND;
    case SHAROKEY_ERROR_NETWORK:
    case SHAROKEY_ERROR_TIMEOUT:
    case SHAROKEY_ERROR_RATE_LIMITED:
    case SHAROKEY_ERROR_SERVER:
    case SHAROKEY_ERROR_PROTOCOL:
      return SHAROKEY_EXIT_NETWORK;
    case SHAROKEY_ERROR_NOT_ANSWERED:
      return SHAROKEY_EXIT_NOT_ANSWERED;
    case SHAROKEY_ERROR_FAILED:
    case SHAROKEY_ERROR_ENCRYPTION:
    case SHAROKEY_ERROR_NOT_SEALED:
    default:
      return SHAROKEY_EXIT_FAILURE;
    }
}

G_END_DECLS
