/* sharokey-program.h: start-up shared by the project's programs (not installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Disables core dumps and ptrace attachment, sets the locale and the
 * gettext domain, names the program, and keeps the standard descriptors
 * open. Call first thing in main(). */
void sharokey_program_init (const gchar *prgname);

/* Where the compiled catalogues are read: $SHAROKEY_LOCALEDIR when set,
 * else the installed locale directory. */
const gchar *sharokey_program_localedir (void);

G_END_DECLS
