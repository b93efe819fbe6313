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
static gchar *global_api_url;
static gchar *global_token;
static gchar *global_timeout;
static gboolean global_json;

static const GOptionEntry global_entries[] = {
  { "api-url", 0, 0, G_OPTION_ARG_STRING, &global_api_url,
    N_("Base URL of the API (default: https://api.sharokey.com/api/v1)"), N_("URL") },
  { "token", 0, 0, G_OPTION_ARG_STRING, &global_token,
    N_("API token; prefer SHAROKEY_TOKEN or the config file, since other users can see command lines"),
    N_("TOKEN") },
  /* A string, checked later like SHAROKEY_TIMEOUT, so that no number
   * can pass for "not given". */
  { "timeout", 0, 0, G_OPTION_ARG_STRING, &global_timeout,
    N_("Seconds to wait for the server (default: 30)"), N_("SECONDS") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &global_json,
    N_("Print the API's JSON instead of the readable form"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, &print_version,
    N_("Print the version and exit"), NULL },
  { NULL }
};

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gchar *commands = NULL;
  const ToolCommand *command;
  ToolGlobals globals = { NULL, };
  int status;

  sharokey_program_init ("sharokey");

  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
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
  if (command == NULL)
    {
      status = tool_fail_message (TOOL_EXIT_USAGE,
                                  _("unknown command “%s” (see sharokey --help)"), argv[1]);
      goto out;
    }

  globals.api_url = global_api_url;
  globals.token = global_token;
  globals.timeout = global_timeout;
  globals.json = global_json;

  /* The command sees its own name as argv[0]. */
  status = command->run (&globals, argc - 1, argv + 1);

out:
  g_free (global_api_url);
  g_free (global_timeout);
  sharokey_secret_free (global_token);
  return status;
}
