/* git-credential-commands.h: the helper's actions and commands
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <stdio.h>
#include <glib.h>
#include <sharokey.h>

#include "git-credential-index.h"
#include "git-credential-protocol.h"

G_BEGIN_DECLS

/* A string that held a secret (a password): g_autoptr() frees it wiped. */
typedef gchar SharokeyWipedText;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SharokeyWipedText, sharokey_wipe_free)

/* Each returns the process exit status and reports errors on stderr. */

/* git's actions (get, store, erase and any other); @stdin_tty tells whether
 * standard input is a terminal, in which case unknown actions don't read it. */
gint sharokey_git_helper_action (const gchar *action,
                                 gboolean     stdin_tty);

gint sharokey_git_command_share   (gint argc, gchar **argv);
gint sharokey_git_command_request (gint argc, gchar **argv);
gint sharokey_git_command_receive (gint argc, gchar **argv);
gint sharokey_git_command_list    (gint argc, gchar **argv);
gint sharokey_git_command_revoke  (gint argc, gchar **argv);

/* From the configuration file and environment; fails without a token. */
SharokeyClient *sharokey_git_client_new (GError **error);

/* Prints a failed share or request call's error on stderr (a transport
 * failure says the server could not be reached) and returns the exit
 * status (docs/exit-codes.md). */
int sharokey_git_fail_call (const GError *error);

/* "git-credential-sharokey: MESSAGE" on stderr */
void sharokey_git_print_error     (const gchar *format,
                                   ...) G_GNUC_PRINTF (1, 2);

/* A URL given on the command line, as git reads url=; it must name a host.
 * On an error, says so on stderr and returns NULL. */
SharokeyGitCredential *sharokey_git_parse_url_pattern (const gchar *url);

/* Expires every outstanding indexed link that matches (see
 * sharokey_git_share_matches()) and marks it revoked in the index. With
 * @report, prints one line per revoked link there. */
gboolean sharokey_git_revoke_matching (SharokeyGitMatch how,
                                       const gchar  *protocol,
                                       const gchar  *host,
                                       const gchar  *path,
                                       const gchar  *username,
                                       FILE         *report,
                                       guint        *n_revoked,
                                       GError      **error);

G_END_DECLS
