/* sharokey-check.h: one check of the diagnostics
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SHAROKEY_H_INSIDE__) && !defined(SHAROKEY_COMPILATION)
#error "Only <sharokey.h> can be included directly."
#endif

#include <glib-object.h>
#include "sharokey-version-macros.h"

G_BEGIN_DECLS

#define SHAROKEY_TYPE_CHECK (sharokey_check_get_type ())

SHAROKEY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SharokeyCheck, sharokey_check, SHAROKEY, CHECK, GObject)

SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_check_get_name    (SharokeyCheck *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_check_get_label   (SharokeyCheck *self);
SHAROKEY_AVAILABLE_IN_ALL
gboolean     sharokey_check_get_passed  (SharokeyCheck *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_check_get_message (SharokeyCheck *self);

G_END_DECLS
