/* sharokey-tool-commands.c: the command table and per-command flag parsing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sharokey-suggest.h"
#include "sharokey-tool.h"

static const ToolCommand commands[] = {
  { "create", tool_cmd_create, N_("CONTENT|-"),
    N_("Encrypt a secret and print its share link"),
    N_("CONTENT is the secret itself. “-” reads it from standard input instead (one trailing\n"
       "newline is dropped), which keeps it out of the process list and the shell history.\n"
       "Only the share link and a newline go to standard output.") },
  { "list", tool_cmd_list, "",
    N_("List your secrets") },
  { "get", tool_cmd_get, N_("SLUG"),
    N_("Show the details of a secret") },
  { "delete", tool_cmd_delete, N_("SLUG"),
    N_("Expire a secret and erase its content") },
  { "stats", tool_cmd_stats, "",
    N_("Show statistics about your secrets") },
  { "test", tool_cmd_test, "",
    N_("Check configuration, network, token and permissions"),
    N_("Runs six checks and prints one line for each. Exits 0 only when all pass.") },
  { "create-request", tool_cmd_create_request, "",
    N_("Ask someone for a secret and print the request link"),
    N_("Defaults: the secret lives 24 hours and opens once; the request stays open 48 hours.") },
  { "list-requests", tool_cmd_list_requests, "",
    N_("List your secret requests") },
  { "get-request", tool_cmd_get_request, N_("TOKEN"),
    N_("Show the details of a secret request") },
  { "open-request", tool_cmd_open_request, N_("TOKEN"),
    N_("Print the answer to one of your secret requests"),
    N_("Opens the answer sealed to the key this computer kept when the request was made,\n"
       "prints it on standard output, then wipes the key and deletes the request: an\n"
       "answer opens once. Exits 6 while nobody has answered. A request answered on\n"
       "Sharokey's own page ends with an ordinary link, which the person who answered\n"
       "sends you.") },
  { "delete-request", tool_cmd_delete_request, N_("TOKEN"),
    N_("Cancel a secret request") },
  { "request-stats", tool_cmd_request_stats, "",
    N_("Show statistics about your secret requests") },
  { "config", tool_cmd_config, "",
    N_("Save the token (in the keyring or the config file), API URL and timeout, or show them"),
    N_("The file is ~/.config/sharokey/config.json, written with mode 0600. Settings are\n"
       "taken from the global flags first, then SHAROKEY_TOKEN, SHAROKEY_API_URL and\n"
       "SHAROKEY_TIMEOUT, then this file, and the token last from the keyring.\n"
       "--token saves the token in the keyring (Secret Service) when one can be used,\n"
       "else in the file; only one copy is kept. Without flags, config shows the\n"
       "settings in effect.") },
};

const ToolCommand *
tool_commands_lookup (const gchar *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

const gchar *
tool_commands_suggest (const gchar *name)
{
  const gchar *names[G_N_ELEMENTS (commands) + 1];

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    names[i] = commands[i].name;
  names[G_N_ELEMENTS (commands)] = NULL;
  return sharokey_suggest (name, names);
}

gchar *
tool_commands_describe (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-16s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (text, '\n');
  g_string_append (text, _("Run “sharokey COMMAND --help” for the flags of a command.\n"
                           "The token comes from --token, else SHAROKEY_TOKEN, else "
                           "~/.config/sharokey/config.json, else the keyring (see “sharokey config”).\n"
                           "Exit status: 0 success, 1 failure, 2 usage or validation error, "
                           "3 authentication, 4 not found, 5 network, timeout, rate limit or "
                           "server error."));
  g_string_append_c (text, '\n');
  g_string_append (text, _("The global flags may also come after the command and its arguments."));
  return g_string_free (text, FALSE);
}

/* `sharokey create - --json` is as natural as `sharokey --json create -`:
 * every command takes the global flags too, in a group of their own. A
 * command's own flag of the same name (config --token) wins. */
static void
add_global_flags (GOptionContext     *context,
                  const GOptionEntry *entries)
{
  GOptionGroup *group = g_option_group_new ("global", _("Global flags:"),
                                            _("Show the global flags"), NULL, NULL);
  const GOptionEntry *global = tool_global_entries ();
  GOptionEntry kept[8] = { { NULL } };
  gsize n = 0;

  for (gsize i = 0; global[i].long_name != NULL && n + 1 < G_N_ELEMENTS (kept); i++)
    {
      gboolean shadowed = FALSE;

      for (gsize j = 0; entries != NULL && entries[j].long_name != NULL; j++)
        shadowed |= g_str_equal (entries[j].long_name, global[i].long_name);
      if (!shadowed)
        kept[n++] = global[i];
    }
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  /* The group keeps a copy of the entries. */
  g_option_group_add_entries (group, kept);
  g_option_context_add_group (context, group);
}

gboolean
tool_command_parse (const ToolCommand  *command,
                    const GOptionEntry *entries,
                    int                *argc,
                    char             ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gchar *prgname = g_strdup_printf ("sharokey %s", command->name);

  /* GOption shows the program name in the usage line. */
  g_set_prgname (prgname);

  context = g_option_context_new (command->parameters[0] != '\0'
                                  ? _(command->parameters) : NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (command->description != NULL)
    g_option_context_set_description (context, _(command->description));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_global_flags (context, entries);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_set_prgname ("sharokey");
      tool_fail_message (TOOL_EXIT_USAGE, "%s", error->message);
      return FALSE;
    }
  g_set_prgname ("sharokey");

  /* GOption leaves the "--" that ends the flags; drop it so that
   * `create -- -text` takes "-text" as the content. */
  if (*argc > 1 && g_str_equal ((*argv)[1], "--"))
    {
      for (int i = 1; i < *argc; i++)
        (*argv)[i] = (*argv)[i + 1];
      (*argc)--;
    }
  return TRUE;
}

/* Checks the argument count of a command that takes @wanted arguments. */
gboolean
tool_check_arguments (const gchar *command,
                      int          argc,
                      int          wanted,
                      const gchar *what)
{
  if (argc - 1 == wanted)
    return TRUE;
  if (argc - 1 < wanted)
    tool_fail_message (TOOL_EXIT_USAGE, _("%s: missing %s (see sharokey %s --help)"),
                       command, what, command);
  else
    tool_fail_message (TOOL_EXIT_USAGE, _("%s: too many arguments (see sharokey %s --help)"),
                       command, command);
  return FALSE;
}

gboolean
tool_check_identifier (const gchar  *value,
                       const gchar  *what,
                       const gchar  *message,
                       GError      **error)
{
  /* A pasted link is the likely mistake; never quote it: it may hold keyB. */
  if (strchr (value, '/') != NULL)
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                   _("Give the %s alone, not a link or a path"), what);
      return FALSE;
    }
  if (value[0] == '\0' || !g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION, message);
      return FALSE;
    }
  return TRUE;
}

gboolean
tool_check_list_filters (const gchar  *limit_text,
                         const gchar  *status,
                         guint        *out_limit,
                         GError      **error)
{
  guint64 limit = 0;

  if (limit_text != NULL && !g_ascii_string_to_unsigned (limit_text, 10, 1, 1000, &limit, NULL))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("Limit must be between 1 and 1000"));
      return FALSE;
    }
  if (status != NULL && !g_str_equal (status, "active") && !g_str_equal (status, "expired"))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("Status must be active or expired"));
      return FALSE;
    }
  *out_limit = (guint) limit;
  return TRUE;
}
