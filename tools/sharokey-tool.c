/* sharokey-tool.c: the sharokey command: global flags, then one command
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sharokey-program.h"
#include "sharokey-tool.h"

static gboolean print_version;
/* Filled by the flags wherever they are: before the command or among its
 * own flags and arguments. */
static ToolGlobals globals;

/* A flag given twice keeps its last value; the one it replaces is freed
 * (and the token wiped) here. */
static gboolean
set_global (const gchar  *name,
            const gchar  *value,
            gpointer      data,
            GError      **error)
{
  if (g_str_equal (name, "--token"))
    {
      sharokey_wipe_free (globals.token);
      globals.token = g_strdup (value);
      tool_warn (_("a token on the command line can be read by other users while the command runs; "
                   "prefer SHAROKEY_TOKEN, or save it with “sharokey config --token -”"));
    }
  else if (g_str_equal (name, "--api-url"))
    {
      g_free (globals.api_url);
      globals.api_url = g_strdup (value);
    }
  else
    {
      g_free ((gchar *) globals.timeout);
      globals.timeout = g_strdup (value);
    }
  return TRUE;
}

static const GOptionEntry global_entries[] = {
  { "api-url", 0, 0, G_OPTION_ARG_CALLBACK, set_global,
    N_("Base URL of the API (default: https://api.sharokey.com/api/v1)"), N_("URL") },
  { "token", 0, 0, G_OPTION_ARG_CALLBACK, set_global,
    N_("API token; prefer SHAROKEY_TOKEN or the config file, since other users can see command lines"),
    N_("TOKEN") },
  /* A string, checked later like SHAROKEY_TIMEOUT, so that no number
   * can pass for "not given". */
  { "timeout", 0, 0, G_OPTION_ARG_CALLBACK, set_global,
    N_("Seconds to wait for the server (default: 30)"), N_("SECONDS") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &globals.json,
    N_("Print the API's JSON instead of the readable form"), NULL },
  { NULL }
};

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, &print_version,
    N_("Print the version and exit"), NULL },
  { NULL }
};

const GOptionEntry *
tool_global_entries (void)
{
  return global_entries;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gchar *commands = NULL;
  const ToolCommand *command;
  const gchar *nearest;
  int status;

  sharokey_program_init ("sharokey");

  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, main_entries, GETTEXT_PACKAGE);
  /* Stop at the command name: what follows belongs to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_summary (context,
                                _("Share secrets through Sharokey: the secret is encrypted here, "
                                  "and only the link you print can open it."));
  commands = tool_commands_describe ();
  g_option_context_set_description (context, commands);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      status = tool_fail_message (TOOL_EXIT_USAGE, "%s", error->message);
      goto out;
    }

  if (print_version)
    {
      g_print ("sharokey %s (libsharokey-glib %u.%u.%u)\n", PACKAGE_VERSION,
               sharokey_get_major_version (), sharokey_get_minor_version (),
               sharokey_get_micro_version ());
      status = TOOL_EXIT_OK;
      goto out;
    }

  if (argc < 2)
    {
      status = tool_fail_message (TOOL_EXIT_USAGE, _("no command given (see sharokey --help)"));
      goto out;
    }

  command = tool_commands_lookup (argv[1]);
  nearest = command == NULL ? tool_commands_suggest (argv[1]) : NULL;
  if (nearest != NULL)
    {
      /* TRANSLATORS: first what was typed, then the nearest command */
      status = tool_fail_message (TOOL_EXIT_USAGE, _("unknown command “%s”; did you mean “%s”?"),
                                  argv[1], nearest);
      goto out;
    }
  if (command == NULL)
    {
      status = tool_fail_message (TOOL_EXIT_USAGE,
                                  _("unknown command “%s” (see sharokey --help)"), argv[1]);
      goto out;
    }

  /* The command sees its own name as argv[0]. */
  status = command->run (&globals, argc - 1, argv + 1);

out:
  g_free (globals.api_url);
  g_free ((gchar *) globals.timeout);
  sharokey_wipe_free (globals.token);
  return status;
}
