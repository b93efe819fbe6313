/* git-credential-helper.c: git's get, store and erase actions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * This helper hands credentials to people, not to git: `get` answers
 * nothing (git goes on to the next helper or prompts), `store` keeps
 * nothing, and `erase`, git's word that a credential was rejected, expires
 * the links still holding it. None of them writes to standard output.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sharokey-exit-status.h"
#include "git-credential-commands.h"
#include "git-credential-git.h"
#include "git-credential-protocol.h"

static gint
erase (SharokeyGitCredential *cred)
{
  g_autoptr(GError) error = NULL;
  guint n_revoked = 0;

  /* An erase without a host would match every link: it matches none. */
  if (cred->host == NULL || *cred->host == '\0')
    return 0;
  if (!sharokey_git_config_bool ("credential.sharokeyRevokeOnErase", TRUE))
    return 0;

  if (!sharokey_git_revoke_matching (SHAROKEY_GIT_MATCH_CREDENTIAL, cred->protocol, cred->host, cred->path,
                                     cred->username, NULL, &n_revoked, &error))
    {
      sharokey_git_print_error ("%s", error->message);
      return sharokey_exit_status_for_error (error);
    }
  return 0;
}

gint
sharokey_git_helper_action (const gchar *action,
                            gboolean     stdin_tty)
{
  g_autoptr(SharokeyGitCredential) cred = NULL;
  g_autoptr(GError) error = NULL;
  gboolean known = g_str_equal (action, "get") ||
                   g_str_equal (action, "store") ||
                   g_str_equal (action, "erase");

  if (!known)
    {
      /* Ignored silently, as git asks of helpers; git's input is still
       * read so that git never blocks writing it. */
      if (!stdin_tty)
        sharokey_git_credential_drain (stdin);
      return 0;
    }

  cred = sharokey_git_credential_new ();
  if (!sharokey_git_credential_read (cred, stdin, &error))
    {
      sharokey_git_print_error ("%s", error->message);
      return 1;
    }
  if (cred->quit)
    return 0;

  if (g_str_equal (action, "erase"))
    return erase (cred);
  return 0;
}
