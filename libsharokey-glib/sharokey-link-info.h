/* sharokey-link-info.h: what a link's viewer tells before a view is used
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

#define SHAROKEY_TYPE_LINK_INFO (sharokey_link_info_get_type ())

SHAROKEY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SharokeyLinkInfo, sharokey_link_info, SHAROKEY, LINK_INFO, GObject)

SHAROKEY_AVAILABLE_IN_ALL
const gchar         *sharokey_link_info_get_slug              (SharokeyLinkInfo *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar         *sharokey_link_info_get_message           (SharokeyLinkInfo *self);
SHAROKEY_AVAILABLE_IN_ALL
gint64               sharokey_link_info_get_remaining_views   (SharokeyLinkInfo *self);
SHAROKEY_AVAILABLE_IN_ALL
gboolean             sharokey_link_info_get_requires_password (SharokeyLinkInfo *self);
SHAROKEY_AVAILABLE_IN_ALL
gboolean             sharokey_link_info_get_requires_captcha  (SharokeyLinkInfo *self);
SHAROKEY_AVAILABLE_IN_ALL
gboolean             sharokey_link_info_get_requires_otp      (SharokeyLinkInfo *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar * const *sharokey_link_info_get_attachment_names  (SharokeyLinkInfo *self);
SHAROKEY_AVAILABLE_IN_ALL
GDateTime           *sharokey_link_info_get_expiration        (SharokeyLinkInfo *self);

G_END_DECLS
