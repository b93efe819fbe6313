/* sharokey-page.h: one page of a list, as a GListModel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SHAROKEY_H_INSIDE__) && !defined(SHAROKEY_COMPILATION)
#error "Only <sharokey.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "sharokey-version-macros.h"

G_BEGIN_DECLS

#define SHAROKEY_TYPE_PAGE (sharokey_page_get_type ())

SHAROKEY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SharokeyPage, sharokey_page, SHAROKEY, PAGE, GObject)

SHAROKEY_AVAILABLE_IN_ALL
guint     sharokey_page_get_total     (SharokeyPage *self);
SHAROKEY_AVAILABLE_IN_ALL
guint     sharokey_page_get_page      (SharokeyPage *self);
SHAROKEY_AVAILABLE_IN_ALL
guint     sharokey_page_get_per_page  (SharokeyPage *self);
SHAROKEY_AVAILABLE_IN_ALL
guint     sharokey_page_get_last_page (SharokeyPage *self);
SHAROKEY_AVAILABLE_IN_ALL
JsonNode *sharokey_page_get_json      (SharokeyPage *self);

G_END_DECLS
