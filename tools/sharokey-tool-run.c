/* sharokey-tool-run.c: the commands that parse their arguments, check them,
 * make their calls and print the answer; secrets and requests share them
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
tool_run_plain (ToolGlobals     *globals,
                int              argc,
                char           **argv,
                ToolPlainAction  action)
{
  const ToolCommand *command = command_of (argv);
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (!tool_command_parse (command, NULL, &argc, &argv) ||
      !tool_check_arguments (command->name, argc, 0, NULL))
    return TOOL_EXIT_USAGE;

  client = tool_client_new (globals, FALSE, &error);
  if (client == NULL)
    return tool_fail (error);
  return action (globals, client);
}

int
tool_run_identified (ToolGlobals          *globals,
                     int                   argc,
                     char                **argv,
                     const gchar          *what,
                     const gchar          *invalid_message,
                     ToolIdentifiedAction  action)
{
  const ToolCommand *command = command_of (argv);
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gchar *id = NULL;

  if (!tool_command_parse (command, NULL, &argc, &argv) ||
      !tool_check_arguments (command->name, argc, 1, what))
    return TOOL_EXIT_USAGE;
  /* A pasted link or URL names its slug or token: take that. */
  id = argv[1][0] != '\0' ? sharokey_link_get_id (argv[1], &error) : g_strdup ("");
  if (id == NULL || !tool_check_identifier (id, what, invalid_message, &error))
    return tool_fail (error);

  client = tool_client_new (globals, FALSE, &error);
  if (client == NULL)
    return tool_fail (error);
  return action (globals, client, id);
}

/* Appends the JSON of every item of @page to @items. */
static void
add_items (JsonArray    *items,
           SharokeyPage *page)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (page));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (page), i);
      JsonNode *json = SHAROKEY_IS_SECRET (item)
                         ? sharokey_secret_get_json (SHAROKEY_SECRET (item))
                         : sharokey_secret_request_get_json (SHAROKEY_SECRET_REQUEST (item));

      json_array_add_element (items, json_node_copy (json));
    }
}

static void
print_list_json (JsonArray    *items,
                 SharokeyPage *page)
{
  g_autoptr(JsonNode) data = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_array_member (object, "items", json_array_ref (items));
  /* One page: its pagination block as sent; every page: none applies. */
  if (page != NULL && sharokey_page_get_json (page) != NULL)
    json_object_set_member (object, "pagination", json_node_copy (sharokey_page_get_json (page)));
  json_node_take_object (data, object);
  tool_print_envelope (data);
}

int
tool_run_list (ToolGlobals        *globals,
               int                 argc,
               char              **argv,
               const ToolListKind *kind)
{
  g_autofree gchar *limit_text = NULL, *page_text = NULL, *status = NULL;
  g_autofree gchar *creator = NULL, *search = NULL;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, kind->limit_help, N_("N") },
    { "page", 0, 0, G_OPTION_ARG_STRING, &page_text,
      N_("Show page N of the list (default: 1)"), N_("N") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("Show every page of the list"), NULL },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, kind->status_help, N_("active|expired") },
    { "creator", 0, 0, G_OPTION_ARG_STRING, &creator, kind->creator_help, N_("EMAIL") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, kind->search_help, N_("TEXT") },
    { NULL }
  };
  const ToolCommand *command = command_of (argv);
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(SharokeyPage) page = NULL;
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(GError) error = NULL;
  guint64 page_number = 1;
  guint limit = 0;
  guint shown;

  if (!tool_command_parse (command, entries, &argc, &argv) ||
      !tool_check_arguments (command->name, argc, 0, NULL))
    return TOOL_EXIT_USAGE;
  if (page_text != NULL && all)
    return tool_fail_message (TOOL_EXIT_USAGE, _("--page and --all cannot be used together"));
  if (page_text != NULL &&
      !g_ascii_string_to_unsigned (page_text, 10, 1, G_MAXINT32, &page_number, NULL))
    return tool_fail_message (TOOL_EXIT_USAGE, _("The page must be a positive number"));
  if (!tool_check_list_filters (limit_text, status, &limit, &error))
    return tool_fail (error);

  client = tool_client_new (globals, FALSE, &error);
  if (client == NULL)
    return tool_fail (error);

  /* A limit of 0 lets the server choose the size of a page. */
  for (;;)
    {
      g_clear_object (&page);
      page = kind->call (client, limit, (guint) page_number, status, creator, search, NULL, &error);
      if (page == NULL)
        return tool_fail_unaddressed (error);
      add_items (items, page);
      /* A server that ignores `page` would send the same page forever. */
      if (!all || g_list_model_get_n_items (G_LIST_MODEL (page)) == 0 ||
          sharokey_page_get_page (page) != page_number ||
          sharokey_page_get_page (page) >= sharokey_page_get_last_page (page))
        break;
      page_number = sharokey_page_get_page (page) + 1;
    }

  if (globals->json)
    {
      print_list_json (items, all ? NULL : page);
      return TOOL_EXIT_OK;
    }

  shown = json_array_get_length (items);
  if (shown == 0)
    g_print ("%s\n", _(kind->empty));
  else
    tool_print_table (items, kind->members, kind->headers);

  /* More than this page exists: say so where scripts reading the table
   * will not trip on it. */
  if (!all && sharokey_page_get_last_page (page) > 1 && shown < sharokey_page_get_total (page))
    {
      guint total = sharokey_page_get_total (page);

      /* TRANSLATORS: "50 of 62 shown; --all for every page"; keep --all */
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u of %u shown; --all for every page\n",
                               "%u of %u shown; --all for every page\n", total),
                  shown, total);
    }
  return TOOL_EXIT_OK;
}
