/* sharokey-tool-requests.c: create-request, list-requests, get-request,
 * delete-request and request-stats
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sharokey-tool.h"

/* The request object of an answer: `data.request`, else `data`. */
static JsonObject *
request_object (JsonNode *node)
{
  JsonObject *data = tool_envelope_data (node);

  if (data != NULL && json_object_has_member (data, "request") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (data, "request")))
    return json_object_get_object_member (data, "request");
  return data;
}

int
tool_cmd_create_request (ToolGlobals *globals,
                         int          argc,
                         char       **argv)
{
  gint secret_hours = 24, request_hours = 48, views = 1;
  g_autofree gchar *message = NULL, *description = NULL;
  g_autofree gchar *email_to = NULL, *email_reply = NULL, *locale = NULL;
  const GOptionEntry entries[] = {
    { "message", 0, 0, G_OPTION_ARG_STRING, &message,
      N_("A message shown to the person you ask"), N_("TEXT") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description,
      N_("A description for yourself, shown in lists"), N_("TEXT") },
    { "secret-hours", 0, 0, G_OPTION_ARG_INT, &secret_hours,
      N_("Hours the provided secret lives, 1 to 8760 (default: 24)"), N_("N") },
    { "request-hours", 0, 0, G_OPTION_ARG_INT, &request_hours,
      N_("Hours the request stays open, 1 to 8760 (default: 48)"), N_("N") },
    { "views", 0, 0, G_OPTION_ARG_INT, &views,
      N_("How many times the provided secret can be opened, 1 to 1000 (default: 1)"), N_("N") },
    { "email-to", 0, 0, G_OPTION_ARG_STRING, &email_to,
      N_("E-mail the request to this address"), N_("EMAIL") },
    { "email-reply", 0, 0, G_OPTION_ARG_STRING, &email_reply,
      N_("Where the answer is announced by e-mail"), N_("EMAIL") },
    { "locale", 0, 0, G_OPTION_ARG_STRING, &locale,
      N_("Language of the e-mail: en or fr"), N_("en|fr") },
    { NULL }
  };
  g_autoptr(SharokeyRequestOptions) options = NULL;
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *request;
  const gchar *url = NULL;

  if (!tool_command_parse (tool_commands_lookup ("create-request"), entries, &argc, &argv) ||
      !tool_check_arguments ("create-request", argc, 0, NULL))
    return TOOL_EXIT_USAGE;

  options = sharokey_request_options_new ();
  sharokey_request_options_set_message (options, message);
  sharokey_request_options_set_description (options, description);
  sharokey_request_options_set_secret_expiration_hours (options, (guint) secret_hours);
  sharokey_request_options_set_request_expiration_hours (options, (guint) request_hours);
  sharokey_request_options_set_maximum_views (options, (guint) views);
  sharokey_request_options_set_email_to (options, email_to);
  sharokey_request_options_set_email_reply (options, email_reply);
  sharokey_request_options_set_locale (options, locale);

  if (!sharokey_validate_request (options, &error))
    return tool_fail (error);

  client = tool_client_new (globals, FALSE, &error);
  if (client == NULL)
    return tool_fail (error);
  node = sharokey_client_create_request_sync (client, options, NULL, &error);
  if (node == NULL)
    return tool_fail_unaddressed (error);

  if (globals->json)
    {
      tool_print_json (node);
      return TOOL_EXIT_OK;
    }

  request = request_object (node);
  if (request != NULL)
    url = sharokey_json_member_string (request, "url");
  if (url == NULL)
    return tool_fail_message (TOOL_EXIT_NETWORK, _("The server's answer has no request link"));
  if (!sharokey_is_web_link (url))
    return tool_fail_message (TOOL_EXIT_NETWORK,
                              _("The server's request link is not an https:// link "
                                "(nor http:// to this machine)"));
  g_print ("%s\n", url);
  return TOOL_EXIT_OK;
}

static void
print_request_list (JsonNode *node,
                    gpointer  user_data)
{
  static const gchar * const members[] = { "token", "description", "status", "request_expiration", NULL };
  static const gchar * const headers[] = { N_("TOKEN"), N_("DESCRIPTION"), N_("STATUS"), N_("EXPIRES"), NULL };
  JsonArray *items = tool_envelope_items (node, "requests");

  if (items == NULL || json_array_get_length (items) == 0)
    g_print ("%s\n", _("No secret requests."));
  else
    tool_print_table (items, members, headers);
}

static void
print_request (JsonNode *node,
               gpointer  token)
{
  /* Request answers may nest the request one level down. */
  tool_print_data (node, (gpointer) "request");
}

static void
print_request_deleted (JsonNode *node,
                       gpointer  token)
{
  g_autofree gchar *done = g_strdup_printf (_("Secret request %s deleted."), (const gchar *) token);

  g_print ("%s\n", done);
}

int
tool_cmd_list_requests (ToolGlobals *globals,
                        int          argc,
                        char       **argv)
{
  static const ToolListKind requests = {
    sharokey_client_list_requests_sync, print_request_list,
    N_("Show at most N requests (1 to 1000)"),
    N_("Only active or only expired requests"),
    N_("Only requests created by this e-mail address"),
    N_("Only requests whose description contains TEXT"),
  };

  return tool_run_list (globals, argc, argv, &requests);
}

int
tool_cmd_get_request (ToolGlobals *globals,
                      int          argc,
                      char       **argv)
{
  return tool_run_identified (globals, argc, argv, _("TOKEN"),
                              _("Request token must be a non-empty string"),
                              sharokey_client_get_request_sync, print_request);
}

int
tool_cmd_delete_request (ToolGlobals *globals,
                         int          argc,
                         char       **argv)
{
  return tool_run_identified (globals, argc, argv, _("TOKEN"),
                              _("Request token must be a non-empty string"),
                              sharokey_client_delete_request_sync, print_request_deleted);
}

int
tool_cmd_request_stats (ToolGlobals *globals,
                        int          argc,
                        char       **argv)
{
  return tool_run_plain (globals, argc, argv, sharokey_client_request_stats_sync, tool_print_data);
}
