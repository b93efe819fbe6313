/* git-credential-client.c: the Sharokey client the commands share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "git-credential-commands.h"
#include "sharokey-exit-status.h"

/* The same resolver as the library and the sharokey tool. */
SharokeyClient *
sharokey_git_client_new (GError **error)
{
  g_autoptr(SharokeyConfig) config = sharokey_config_resolve (NULL, NULL, NULL, error);

  if (config == NULL)
    return NULL;
  if (sharokey_config_get_path_exposed (config))
    sharokey_git_print_error (_("%s can be read by other users; run “chmod 600” on it"),
                              sharokey_config_get_path (config));

  /* Said here, before git is asked for a credential or anything is sent. */
  if (sharokey_config_get_token (config) == NULL)
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION,
                           _("No Sharokey token: set SHAROKEY_TOKEN, or save one with “sharokey config --token -” "
                             "(in the keyring or ~/.config/sharokey/config.json)"));
      return NULL;
    }
  return sharokey_client_new_for_config (config);
}

int
sharokey_git_fail_call (const GError *error)
{
  /* The transport keeps its own domain; its message alone lacks context. */
  if (error->domain == G_TLS_ERROR || error->domain == G_RESOLVER_ERROR ||
      (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED))
    /* TRANSLATORS: %s is the system's reason, like "Connection refused" */
    sharokey_git_print_error (_("Cannot reach the server: %s"), error->message);
  else
    sharokey_git_print_error ("%s", error->message);
  /* A call that names no secret cannot miss one: a 404 means a wrong API
   * URL, as for `sharokey` (and the helper never exits 4). */
  if (g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND))
    return SHAROKEY_EXIT_NETWORK;
  return sharokey_exit_status_for_error (error);
}
