/* sharokey-error.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-private.h"

G_DEFINE_QUARK (sharokey-error-quark, sharokey_error)
