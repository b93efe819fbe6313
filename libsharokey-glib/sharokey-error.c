/* sharokey-error.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-private.h"

/**
 * sharokey_error_quark:
 *
 * Gets the quark of the error domain of libsharokey-glib.
 *
 * Returns: the quark of %SHAROKEY_ERROR
 */
G_DEFINE_QUARK (sharokey-error-quark, sharokey_error)
