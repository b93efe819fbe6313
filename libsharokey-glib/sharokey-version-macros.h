/* sharokey-version-macros.h: symbol visibility for the public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SHAROKEY_H_INSIDE__) && !defined(SHAROKEY_COMPILATION)
#error "Only <sharokey.h> can be included directly."
#endif

#include <glib.h>

/* The library is built with -fvisibility=hidden: only what carries this
 * macro is exported. */
#if defined(SHAROKEY_COMPILATION) && defined(__GNUC__)
# define _SHAROKEY_EXTERN __attribute__((visibility("default"))) extern
#else
# define _SHAROKEY_EXTERN extern
#endif

#define SHAROKEY_AVAILABLE_IN_ALL _SHAROKEY_EXTERN
