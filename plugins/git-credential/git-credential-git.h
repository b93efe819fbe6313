/* git-credential-git.h: what the helper asks of git itself
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include "git-credential-protocol.h"

G_BEGIN_DECLS

/* Runs `git credential fill` with url=@url on its standard input and reads
 * the complete credential from its standard output. Nothing secret is
 * ever on the child's command line. */
SharokeyGitCredential *sharokey_git_fill        (const gchar  *url,
                                                 GError      **error);

/* Runs `git credential approve` with @cred on its standard input, so that
 * git stores it in the helpers the user configured; the password goes to
 * no command line. */
gboolean               sharokey_git_approve     (const SharokeyGitCredential  *cred,
                                                 GError                      **error);

/* `git config --type=bool --get KEY`; @default_value when unset. */
gboolean               sharokey_git_config_bool (const gchar  *key,
                                                 gboolean      default_value);

G_END_DECLS
