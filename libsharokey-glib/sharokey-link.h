/* sharokey-link.h: what a pasted link or URL names, and safe names for
 * what it carries
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

SHAROKEY_AVAILABLE_IN_ALL
gchar *sharokey_link_get_id              (const gchar  *link,
                                          GError      **error);
SHAROKEY_AVAILABLE_IN_ALL
gchar *sharokey_file_name_from_untrusted (const gchar  *name);

G_END_DECLS
