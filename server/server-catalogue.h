/* server-catalogue.h: translations chosen per HTTP request
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A language's messages; English, the source text, has none. Catalogues
 * live as long as the process and never change: any thread may use them. */
typedef struct _ServerCatalogue ServerCatalogue;

/* @preferred (a request's locale) when its catalogue exists, else the
 * best language of @accept_language (an Accept-Language header, q-values
 * honoured) that has one or is English, else English. */
const ServerCatalogue *server_catalogue_pick          (const gchar *preferred,
                                                       const gchar *accept_language);
/* The same, with the Accept-Language of @msg. */
const ServerCatalogue *server_catalogue_for_message   (SoupServerMessage *msg,
                                                       const gchar       *preferred);
/* "en", "fr", "fr_CH" */
const gchar           *server_catalogue_language      (const ServerCatalogue *catalogue);
/* The C expression of n giving the index of a plural form. */
const gchar           *server_catalogue_plural_rule   (const ServerCatalogue *catalogue);
const gchar           *server_catalogue_gettext       (const ServerCatalogue *catalogue,
                                                       const gchar           *msgid);
/* Every form of a plural message (borrowed strings), in the catalogue's order. */
GPtrArray             *server_catalogue_plural_forms  (const ServerCatalogue *catalogue,
                                                       const gchar           *singular,
                                                       const gchar           *plural);

G_END_DECLS
