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

/* Runs `git credential approve` with @cred on its standard input. */
static gboolean
approve (const SharokeyGitCredential  *cred,
         GError                      **error)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GBytes) input = NULL;
  gchar *lines;
  gsize len;
  gboolean ok;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, error,
                            "git", "credential", "approve", NULL);
  if (child == NULL)
    return FALSE;
  lines = sharokey_git_credential_to_lines (cred, TRUE);
  len = strlen (lines);
  input = g_bytes_new_with_free_func (lines, len, (GDestroyNotify) sharokey_git_credential_wipe_free, lines);
  ok = g_subprocess_communicate (child, input, NULL, NULL, NULL, error);
  if (ok && (!g_subprocess_get_if_exited (child) || g_subprocess_get_exit_status (child) != 0))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("“git credential approve” failed"));
      ok = FALSE;
    }
  return ok;
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
  answer = sharokey_client_open_request_sync (client, argv[1], NULL, &error);
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
  if (!approve (cred, &error))
    {
      sharokey_git_print_error (_("Cannot store the credential for %s: %s"), identity, error->message);
      return SHAROKEY_EXIT_FAILURE;
    }
  /* TRANSLATORS: %s is protocol://[user@]host[/path], without a password */
  g_printerr (_("Stored the credential for %s with “git credential approve”.\n"), identity);
  return 0;
}
