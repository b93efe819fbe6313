/* sharokey-tool-run.c: the commands that parse their arguments, check them,
 * make one call and print its answer; secrets and requests share them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sharokey-tool.h"

/* The command sees its own name as argv[0]. */
static const ToolCommand *
command_of (char **argv)
{
  return tool_commands_lookup (argv[0]);
}

int
tool_run_plain (ToolGlobals   *globals,
                int            argc,
                char         **argv,
                ToolPlainCall  call,
                ToolPrintFunc  readable)
{
  const ToolCommand *command = command_of (argv);
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (!tool_command_parse (command, NULL, &argc, &argv) ||
      !tool_check_arguments (command->name, argc, 0, NULL))
    return TOOL_EXIT_USAGE;

  client = tool_client_new (globals, FALSE, &error);
  if (client == NULL)
    return tool_fail (error);
  node = call (client, NULL, &error);
  if (node == NULL)
    return tool_fail_unaddressed (error);
  return tool_finish (globals, node, error, readable, NULL);
}

int
tool_run_identified (ToolGlobals        *globals,
                     int                 argc,
                     char              **argv,
                     const gchar        *what,
                     const gchar        *invalid_message,
                     ToolIdentifiedCall  call,
                     ToolPrintFunc       readable)
{
  const ToolCommand *command = command_of (argv);
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (!tool_command_parse (command, NULL, &argc, &argv) ||
      !tool_check_arguments (command->name, argc, 1, what))
    return TOOL_EXIT_USAGE;
  if (!tool_check_identifier (argv[1], what, invalid_message, &error))
    return tool_fail (error);

  client = tool_client_new (globals, FALSE, &error);
  if (client == NULL)
    return tool_fail (error);
  node = call (client, argv[1], NULL, &error);
  return tool_finish (globals, node, error, readable, argv[1]);
}

int
tool_run_list (ToolGlobals        *globals,
               int                 argc,
               char              **argv,
               const ToolListKind *kind)
{
  g_autofree gchar *limit_text = NULL, *status = NULL, *creator = NULL, *search = NULL;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, kind->limit_help, N_("N") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, kind->status_help, N_("active|expired") },
    { "creator", 0, 0, G_OPTION_ARG_STRING, &creator, kind->creator_help, N_("EMAIL") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, kind->search_help, N_("TEXT") },
    { NULL }
  };
  const ToolCommand *command = command_of (argv);
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  guint limit = 0;

  if (!tool_command_parse (command, entries, &argc, &argv) ||
      !tool_check_arguments (command->name, argc, 0, NULL))
    return TOOL_EXIT_USAGE;
  if (!tool_check_list_filters (limit_text, status, &limit, &error))
    return tool_fail (error);

  client = tool_client_new (globals, FALSE, &error);
  if (client == NULL)
    return tool_fail (error);
  /* A limit of 0 lets the server choose. */
  node = kind->call (client, limit, status, creator, search, NULL, &error);
  if (node == NULL)
    return tool_fail_unaddressed (error);
  return tool_finish (globals, node, error, kind->readable, NULL);
}
