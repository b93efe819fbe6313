/* bench-server.h: creates per second that a running sharokey-server keeps up
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prints one row per number of clients (1, 8 and 64): the creates per
 * second the server at @api_url (plain http, loopback) answers 201, each
 * client on its own connection sending creates back to back. */
void bench_server_print_rows (const gchar *api_url,
                              const gchar *token);

G_END_DECLS
