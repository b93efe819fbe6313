/* git-credential-git.c: running git as a child
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "git-credential-git.h"

SharokeyGitCredential *
sharokey_git_fill (const gchar  *url,
                   GError      **error)
{
  g_autoptr(SharokeyGitCredential) cred = sharokey_git_credential_new ();
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autofree gchar *request_text = NULL;
  const gchar *data;
  gsize len;
  gboolean ok;

  if (strpbrk (url, "\n\r") != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The URL must not contain a line break"));
      return NULL;
    }

  /* stderr stays the terminal's: git prompts there (or on /dev/tty). */
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                            error, "git", "credential", "fill", NULL);
  if (child == NULL)
    return NULL;

  request_text = g_strdup_printf ("url=%s\n\n", url);
  request = g_bytes_new_take (g_steal_pointer (&request_text), strlen (url) + 6);
  ok = g_subprocess_communicate (child, request, NULL, &response, NULL, error);
  /* A URL may carry a password of its own. */
  explicit_bzero ((gpointer) g_bytes_get_data (request, NULL), g_bytes_get_size (request));
  if (!ok)
    return NULL;

  data = g_bytes_get_data (response, &len);
  if (!g_subprocess_get_if_exited (child) || g_subprocess_get_exit_status (child) != 0)
    {
      explicit_bzero ((gpointer) data, len);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("“git credential fill” did not supply a credential"));
      return NULL;
    }

  ok = sharokey_git_credential_read_bytes (cred, data, len, error);
  /* GBytes owns a private copy; wipe it before it goes back to malloc. */
  explicit_bzero ((gpointer) data, len);
  if (!ok)
    return NULL;

  if (cred->password == NULL || cred->host == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("“git credential fill” did not supply a password"));
      return NULL;
    }
  return g_steal_pointer (&cred);
}

gboolean
sharokey_git_approve (const SharokeyGitCredential  *cred,
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

gboolean
sharokey_git_config_bool (const gchar *key,
                          gboolean     default_value)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autofree gchar *out = NULL;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                            NULL, "git", "config", "--type=bool", "--get", key,
                            NULL);
  if (child == NULL ||
      !g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, NULL) ||
      !g_subprocess_get_if_exited (child) ||
      g_subprocess_get_exit_status (child) != 0 ||
      out == NULL)
    return default_value;

  g_strchomp (out);
  if (g_str_equal (out, "true"))
    return TRUE;
  if (g_str_equal (out, "false"))
    return FALSE;
  return default_value;
}
