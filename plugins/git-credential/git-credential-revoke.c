/* git-credential-revoke.c: expiring the links of a credential
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sharokey.h>

#include "sharokey-exit-status.h"
#include "sharokey-printable.h"
#include "git-credential-commands.h"
#include "git-credential-index.h"
#include "git-credential-protocol.h"

gboolean
sharokey_git_revoke_matching (SharokeyGitMatch how,
                              const gchar  *protocol,
                              const gchar  *host,
                              const gchar  *path,
                              const gchar  *username,
                              FILE         *report,
                              guint        *n_revoked,
                              GError      **error)
{
  g_autofree gchar *index_path = sharokey_git_index_default_path ();
  g_autoptr(SharokeyGitIndex) index = NULL;
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(GError) first_error = NULL;
  GPtrArray *shares;
  guint i;

  *n_revoked = 0;

  /* Nothing was ever shared from here: nothing to do, and no need for a
   * token or a state directory. */
  if (host == NULL || *host == '\0' ||
      !g_file_test (index_path, G_FILE_TEST_EXISTS))
    return TRUE;

  index = sharokey_git_index_open (index_path, error);
  if (index == NULL)
    return FALSE;

  shares = sharokey_git_index_get_shares (index);
  for (i = 0; i < shares->len; i++)
    {
      SharokeyGitShare *share = g_ptr_array_index (shares, i);

      if (share->revoked == 0 &&
          sharokey_git_share_matches (share, how, protocol, host, path, username))
        g_ptr_array_add (matches, share);
    }
  if (matches->len == 0)
    return TRUE;

  client = sharokey_git_client_new (error);
  if (client == NULL)
    return FALSE;

  for (i = 0; i < matches->len; i++)
    {
      SharokeyGitShare *share = g_ptr_array_index (matches, i);
      g_autoptr(GError) local = NULL;
      gboolean deleted;

      deleted = sharokey_client_delete_sync (client, share->slug, NULL, &local);
      /* Already gone on the server is as good as expired now. */
      if (deleted || g_error_matches (local, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND))
        {
          share->revoked = g_get_real_time () / G_USEC_PER_SEC;
          (*n_revoked)++;
          if (report != NULL)
            {
              g_autofree gchar *identity =
                sharokey_git_credential_identity (share->protocol, share->host,
                                                  share->path, share->username);
              g_autofree gchar *slug = sharokey_printable (share->slug);

              /* TRANSLATORS: first the link's slug, then the credential */
              fprintf (report, _("Revoked %s (%s)\n"), slug, identity);
            }
        }
      else if (first_error == NULL)
        {
          first_error = g_error_new (local->domain, local->code,
                                     _("Could not revoke %s: %s"),
                                     share->slug, local->message);
        }
    }

  if (!sharokey_git_index_save (index, error))
    return FALSE;

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  return TRUE;
}

gint
sharokey_git_command_revoke (gint    argc,
                             gchar **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SharokeyGitCredential) pattern = NULL;
  g_autoptr(GError) error = NULL;
  guint n_revoked = 0;

  /* TRANSLATORS: the command stays as it is; translate the argument name */
  context = g_option_context_new (N_("revoke URL"));
  g_option_context_set_summary (context, _("Expires now every link shared for URL."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sharokey_git_print_error ("%s", error->message);
      return 2;
    }
  if (argc != 2)
    {
      sharokey_git_print_error (_("Usage: git credential-sharokey revoke URL"));
      return 2;
    }
  pattern = sharokey_git_parse_url_pattern (argv[1]);
  if (pattern == NULL)
    return 2;

  if (!sharokey_git_revoke_matching (SHAROKEY_GIT_MATCH_PATTERN, pattern->protocol, pattern->host,
                                     pattern->path, pattern->username,
                                     stdout, &n_revoked, &error))
    {
      sharokey_git_print_error ("%s", error->message);
      return sharokey_exit_status_for_error (error);
    }
  if (n_revoked == 0)
    {
      g_autofree gchar *identity =
        sharokey_git_credential_identity (pattern->protocol, pattern->host,
                                          pattern->path, pattern->username);
      g_print (_("No outstanding link for %s\n"), identity);
    }
  return 0;
}
