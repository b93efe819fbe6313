/* sharokey-opened-secret.h: a secret opened from its link
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

#define SHAROKEY_TYPE_OPENED_SECRET (sharokey_opened_secret_get_type ())

SHAROKEY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SharokeyOpenedSecret, sharokey_opened_secret, SHAROKEY, OPENED_SECRET, GObject)

SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_opened_secret_get_slug            (SharokeyOpenedSecret *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_opened_secret_get_text            (SharokeyOpenedSecret *self);
SHAROKEY_AVAILABLE_IN_ALL
gint64       sharokey_opened_secret_get_remaining_views (SharokeyOpenedSecret *self);
SHAROKEY_AVAILABLE_IN_ALL
guint        sharokey_opened_secret_get_n_attachments   (SharokeyOpenedSecret *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_opened_secret_get_attachment_name (SharokeyOpenedSecret *self,
                                                         guint                 index);
SHAROKEY_AVAILABLE_IN_ALL
GBytes      *sharokey_opened_secret_get_attachment_data (SharokeyOpenedSecret *self,
                                                         guint                 index);

G_END_DECLS
