/* sharokey-tool-open.c: `sharokey open`, the recipient's side of a link
 *
 * Says how many views remain and asks before using one; the text goes to
 * standard output, the files into --output-dir under safe names, never
 * over an existing file. Nothing is asked and nothing is sent until every
 * local check has passed, so a mistake never costs a view.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sharokey-tool.h"

/* Tries "name", then "name (2)"… up to this many. */
#define MAX_NAME_TRIES 100

/* The terminal the user answers on: the one standard error shows, so that
 * standard input can carry the link (`sharokey open -`) and standard
 * output the text. -1 when standard error is not a terminal (a script, a
 * test). */
static int
open_terminal (void)
{
  const gchar *name = isatty (STDERR_FILENO) ? ttyname (STDERR_FILENO) : NULL;

  if (name == NULL)
    return -1;
  return g_open (name, O_RDWR | O_CLOEXEC | O_NOCTTY, 0);
}

/* TRUE when the user answers yes; anything else, or end of input, is no. */
static gboolean
confirm (int terminal)
{
  gchar answer[16] = { 0 };
  gsize len = 0;
  gchar c;

  /* TRANSLATORS: [y/N] with the letter of "yes" in your language, which
     must be the translation of "y" (context "yes/no answer") too */
  g_printerr ("%s", _("Open it now? [y/N] "));
  while (read (terminal, &c, 1) == 1 && c != '\n')
    if (len + 1 < sizeof answer)
      answer[len++] = c;
  return tool_answer_is_yes (answer);
}

static void
describe (SharokeyLinkInfo *info)
{
  const gchar *message = sharokey_link_info_get_message (info);
  const gchar * const *names = sharokey_link_info_get_attachment_names (info);
  gint64 views = sharokey_link_info_get_remaining_views (info);

  if (message != NULL && *message != '\0')
    {
      g_autofree gchar *shown = tool_printable (message);

      g_printerr (_("Message from the sender: %s\n"), shown);
    }
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree gchar *shown = tool_printable (names[i]);

      g_printerr (_("Attached file: %s\n"), shown);
    }
  gulong shown = (gulong) CLAMP (views, 0, G_MAXLONG);

  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "This secret can be opened %lu more time; opening it uses one view.\n",
                           "This secret can be opened %lu more times; opening it uses one view.\n",
                           shown),
              shown);
}

/* Creates @name in @dir_fd, never over anything that exists (O_EXCL, no
 * symbolic link followed); on a clash tries "name (2)" and on. Returns the
 * name used, or NULL with @error. */
static gchar *
save_file (int           dir_fd,
           const gchar  *dir,
           const gchar  *name,
           GBytes       *data,
           GError      **error)
{
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data, &len);

  for (guint n = 1; n <= MAX_NAME_TRIES; n++)
    {
      g_autofree gchar *candidate = NULL;
      gsize done = 0;
      int fd;

      if (n == 1)
        candidate = g_strdup (name);
      else
        {
          /* Before the extension, so that "report (2).pdf" still opens. */
          const gchar *dot = strrchr (name, '.');

          if (dot == NULL || dot == name)
            candidate = g_strdup_printf ("%s (%u)", name, n);
          else
            candidate = g_strdup_printf ("%.*s (%u)%s", (int) (dot - name), name, n, dot);
        }
      fd = openat (dir_fd, candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
      if (fd < 0 && errno == EEXIST)
        continue;
      if (fd < 0)
        {
          int saved = errno;
          g_autofree gchar *shown = tool_printable (candidate);

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Cannot create %s in %s: %s"), shown, dir, g_strerror (saved));
          return NULL;
        }
      while (done < len)
        {
          ssize_t written = write (fd, bytes + done, len - done);

          if (written < 0 && errno == EINTR)
            continue;
          if (written < 0)
            {
              int saved = errno;
              g_autofree gchar *shown = tool_printable (candidate);

              close (fd);
              g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                           _("Cannot write %s: %s"), shown, g_strerror (saved));
              return NULL;
            }
          done += (gsize) written;
        }
      if (close (fd) != 0)
        {
          int saved = errno;
          g_autofree gchar *shown = tool_printable (candidate);

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Cannot write %s: %s"), shown, g_strerror (saved));
          return NULL;
        }
      return g_steal_pointer (&candidate);
    }
  {
    g_autofree gchar *shown = tool_printable (name);

    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                 _("Cannot save %s: %u files of that name already exist in %s"),
                 shown, MAX_NAME_TRIES, dir);
  }
  return NULL;
}

int
tool_cmd_open (ToolGlobals *globals,
               int          argc,
               char       **argv)
{
  g_autofree gchar *output_dir = NULL, *password_fd_text = NULL;
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &output_dir,
      N_("Save the attached files in DIR (an existing directory); an existing file is "
         "never replaced: the new one gets a name like “name (2)”"), N_("DIR") },
    { "password-fd", 0, 0, G_OPTION_ARG_STRING, &password_fd_text,
      N_("Read the secret's password from file descriptor FD until its end (one trailing "
         "newline is dropped); without it, a terminal asks for it"), N_("FD") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Open without asking first (needed when standard error is not a terminal)"), NULL },
    { NULL }
  };
  const ToolCommand *command = tool_commands_lookup ("open");
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(SharokeyLinkInfo) info = NULL;
  g_autoptr(SharokeyOpenedSecret) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) files = NULL;
  gchar *link = NULL, *password = NULL;
  int password_fd = -1, terminal = -1, dir_fd = -1;
  int status = TOOL_EXIT_USAGE;
  guint n_files;

  if (!tool_command_parse (command, entries, &argc, &argv) ||
      !tool_check_arguments ("open", argc, 1, _("LINK (or - to read it from standard input)")))
    goto out;

  if (password_fd_text != NULL)
    {
      if (!sharokey_parse_password_fd (password_fd_text, &password_fd, &error))
        {
          status = tool_fail (error);
          goto out;
        }
      if (password_fd == STDIN_FILENO && g_str_equal (argv[1], "-"))
        {
          status = tool_fail_message (TOOL_EXIT_USAGE,
                                      _("--password-fd 0 cannot be used with “-”: "
                                        "both would read standard input"));
          goto out;
        }
    }
  if (output_dir != NULL)
    {
      dir_fd = g_open (output_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
      if (dir_fd < 0)
        {
          int saved = errno;

          status = tool_fail_message (TOOL_EXIT_USAGE, _("--output-dir: %s: %s"),
                                      output_dir, g_strerror (saved));
          goto out;
        }
    }

  /* Without a terminal to ask on, only --yes may use a view: a script
   * that forgot it must not burn a secret. */
  terminal = yes ? -1 : open_terminal ();
  if (!yes && terminal < 0)
    {
      status = tool_fail_message (TOOL_EXIT_USAGE,
                                  _("Opening the secret uses one of its views: add --yes to open "
                                    "it without a terminal to confirm on"));
      goto out;
    }

  /* The link holds keyB: “-” keeps it out of the process list. */
  if (g_str_equal (argv[1], "-"))
    {
      link = sharokey_read_secret_fd (STDIN_FILENO, _("Link: "), &error);
      if (link == NULL)
        {
          status = tool_fail (error);
          goto out;
        }
      g_strstrip (link);
    }
  else
    link = g_strdup (argv[1]);

  client = tool_client_new (globals, TRUE, &error);
  if (client == NULL)
    {
      status = tool_fail (error);
      goto out;
    }

  info = sharokey_client_inspect_link_sync (client, link, NULL, &error);
  if (info == NULL)
    {
      status = tool_fail (error);
      goto out;
    }
  n_files = g_strv_length ((GStrv) sharokey_link_info_get_attachment_names (info));
  if (n_files > 0 && dir_fd < 0)
    {
      status = tool_fail_message (TOOL_EXIT_USAGE,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "This secret has %u attached file: give --output-dir DIR "
                                               "to save it (no view was used)",
                                               "This secret has %u attached files: give --output-dir DIR "
                                               "to save them (no view was used)", n_files),
                                  n_files);
      goto out;
    }
  describe (info);

  if (terminal >= 0 && !confirm (terminal))
    {
      status = tool_fail_message (TOOL_EXIT_FAILURE, _("Not opened; no view was used"));
      goto out;
    }

  if (sharokey_link_info_get_requires_password (info))
    {
      if (password_fd >= 0)
        password = sharokey_read_password_fd (password_fd, &error);
      else if (terminal >= 0)
        password = sharokey_read_password_fd (terminal, &error);
      else
        {
          status = tool_fail_message (TOOL_EXIT_AUTHENTICATION,
                                      _("This secret is protected by a password: give it with "
                                        "--password-fd FD (no view was used)"));
          goto out;
        }
      if (password == NULL)
        {
          status = tool_fail (error);
          goto out;
        }
    }

  opened = sharokey_client_open_sync (client, link, password, NULL, &error);
  if (opened == NULL)
    {
      status = tool_fail (error);
      goto out;
    }

  /* The view is used: save every file that can be, then say what failed. */
  status = TOOL_EXIT_OK;
  files = json_array_new ();
  for (guint i = 0; i < sharokey_opened_secret_get_n_attachments (opened); i++)
    {
      g_autofree gchar *safe =
        sharokey_file_name_from_untrusted (sharokey_opened_secret_get_attachment_name (opened, i));
      g_autofree gchar *saved =
        save_file (dir_fd, output_dir, safe, sharokey_opened_secret_get_attachment_data (opened, i), &error);

      if (saved == NULL)
        {
          tool_warn ("%s", error->message);
          g_clear_error (&error);
          status = TOOL_EXIT_FAILURE;
          continue;
        }
      {
        g_autofree gchar *path = g_build_filename (output_dir, saved, NULL);
        g_autofree gchar *shown = tool_printable (path);
        JsonObject *file = json_object_new ();

        g_printerr (_("Saved %s\n"), shown);
        json_object_set_string_member (file, "name", sharokey_opened_secret_get_attachment_name (opened, i));
        json_object_set_string_member (file, "path", path);
        json_array_add_object_element (files, file);
      }
    }

  if (globals->json)
    {
      g_autoptr(JsonNode) data = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "slug", sharokey_opened_secret_get_slug (opened));
      json_object_set_string_member (object, "text", sharokey_opened_secret_get_text (opened));
      json_object_set_int_member (object, "remaining_views",
                                  sharokey_opened_secret_get_remaining_views (opened));
      json_object_set_array_member (object, "files", g_steal_pointer (&files));
      json_node_take_object (data, object);
      tool_print_envelope (data);
      /* json-glib frees its strings as they are. */
      explicit_bzero ((gchar *) json_object_get_string_member (object, "text"),
                      strlen (json_object_get_string_member (object, "text")));
    }
  else
    {
      const gchar *text = sharokey_opened_secret_get_text (opened);

      if (!tool_write_stdout (text, strlen (text)) || !tool_write_stdout ("\n", 1))
        status = tool_fail_message (TOOL_EXIT_FAILURE, _("Cannot write the secret to standard output"));
    }
  {
    gulong left = (gulong) CLAMP (sharokey_opened_secret_get_remaining_views (opened), 0, G_MAXLONG);

    if (left == 0)
      g_printerr ("%s\n", _("No views remain: the secret is now deleted from the server."));
    else
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%lu view remains.\n", "%lu views remain.\n", left),
                  left);
  }

out:
  if (terminal >= 0)
    close (terminal);
  if (dir_fd >= 0)
    close (dir_fd);
  sharokey_wipe_free (link);
  sharokey_wipe_free (password);
  return status;
}
