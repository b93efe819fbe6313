/* git-credential-receive.c: `receive`, the end of `request`
 *
 * Opens the answer to a request made by `request` (sealed to the key this
 * computer kept, see sharokey_client_open_request_async()) and hands it
 * to git with `git credential approve`, which stores it in the helpers the
 * user configured. The password goes from memory to git's standard input
 * only, never to a command line or a file of ours.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "git-credential-commands.h"
#include "git-credential-git.h"
#include "sharokey-exit-status.h"

/* The answer as a password: one trailing line end dropped; NULL (wiped)
 * when it still holds a line break or a NUL, which git's protocol cannot
 * carry. */
static gchar *
password_from_answer (GBytes *answer)
{
  gsize len;
  const gchar *data = g_bytes_get_data (answer, &len);

  if (len > 0 && data[len - 1] == '\n')
    len--;
  if (len > 0 && data[len - 1] == '\r')
    len--;
  if (len == 0 || memchr (data, '\n', len) || memchr (data, '\r', len) || memchr (data, '\0', len))
    return NULL;
  return g_strndup (data, len);
}

gint
sharokey_git_command_receive (gint    argc,
                              gchar **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeyGitCredential) cred = NULL;
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autofree gchar *identity = NULL;
  g_autofree gchar *token = NULL;

  /* TRANSLATORS: the command stays as it is; translate the argument names */
  context = g_option_context_new (N_("receive TOKEN URL"));
  g_option_context_set_summary (context,
                                _("Opens the answer to a request made with “request” and stores it "
                                  "as the password for URL with “git credential approve”."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sharokey_git_print_error ("%s", error->message);
      return SHAROKEY_EXIT_USAGE;
    }
  if (argc != 3)
    {
      sharokey_git_print_error (_("Usage: git credential-sharokey receive TOKEN URL"));
      return SHAROKEY_EXIT_USAGE;
    }
  /* The token, or the request link that ends with it. */
  token = sharokey_link_get_id (argv[1], &error);
  if (token == NULL)
    {
      sharokey_git_print_error ("%s", error->message);
      return SHAROKEY_EXIT_USAGE;
    }
  cred = sharokey_git_parse_url_pattern (argv[2]);
  if (cred == NULL)
    return SHAROKEY_EXIT_USAGE;
  identity = sharokey_git_credential_identity (cred->protocol, cred->host, cred->path, cred->username);

  client = sharokey_git_client_new (&error);
  if (client == NULL)
    {
      sharokey_git_print_error ("%s", error->message);
      return sharokey_exit_status_for_error (error);
    }
  answer = sharokey_client_open_request_sync (client, token, NULL, &error);
  if (answer == NULL)
    {
      sharokey_git_print_error ("%s", error->message);
      return sharokey_exit_status_for_error (error);
    }
  g_clear_pointer (&cred->password, sharokey_git_credential_wipe_free);
  cred->password = password_from_answer (answer);
  if (cred->password == NULL)
    {
      sharokey_git_print_error (_("The answer is empty or holds a line break, which a Git "
                                  "password cannot; it was not stored"));
      return SHAROKEY_EXIT_FAILURE;
    }
  if (!sharokey_git_approve (cred, &error))
    {
      sharokey_git_print_error (_("Cannot store the credential for %s: %s"), identity, error->message);
      return SHAROKEY_EXIT_FAILURE;
    }
  /* TRANSLATORS: %s is protocol://[user@]host[/path], without a password */
  sharokey_git_print_error (_("stored the credential for %s with “git credential approve”"), identity);
  return 0;
}
