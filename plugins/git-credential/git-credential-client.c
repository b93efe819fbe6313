/* git-credential-client.c: the Sharokey client the commands share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "git-credential-commands.h"

SharokeyClient *
sharokey_git_client_new (GError **error)
{
  g_autoptr(SharokeyClient) client = sharokey_client_new_from_environment (error);
  const gchar *token;

  if (client == NULL)
    return NULL;

  /* Said here, before git is asked for a credential or anything is sent. */
  token = sharokey_client_get_token (client);
  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION,
                           _("No Sharokey token: set SHAROKEY_TOKEN or “token” in ~/.config/sharokey/config.json"));
      return NULL;
    }
  return g_steal_pointer (&client);
}
