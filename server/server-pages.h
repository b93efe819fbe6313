/* server-pages.h: the viewer and request pages, in the visitor's language
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "server-catalogue.h"

G_BEGIN_DECLS

/* @template with its placeholders replaced by the texts of @catalogue. */
gchar *server_page_render (const gchar           *template,
                           gsize                  length,
                           const ServerCatalogue *catalogue);

G_END_DECLS
