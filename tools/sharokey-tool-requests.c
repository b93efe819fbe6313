/* sharokey-tool-requests.c: create-request, list-requests, get-request,
 * open-request, delete-request and request-stats
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "sharokey-duration.h"
#include "sharokey-tool.h"

int
tool_cmd_create_request (ToolGlobals *globals,
                         int          argc,
                         char       **argv)
{
  guint secret_hours = 24, request_hours = 48;
  gint views = 1;
  g_autofree gchar *secret_hours_text = NULL, *request_hours_text = NULL;
  g_autofree gchar *message = NULL, *description = NULL;
  g_autofree gchar *email_to = NULL, *email_reply = NULL, *locale = NULL;
  const GOptionEntry entries[] = {
    { "message", 0, 0, G_OPTION_ARG_STRING, &message,
      N_("A message shown to the person you ask"), N_("TEXT") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description,
      N_("A description for yourself, shown in lists"), N_("TEXT") },
    { "secret-hours", 0, 0, G_OPTION_ARG_STRING, &secret_hours_text,
      N_("How long the provided secret lives: hours (24 or 24h), days (2d) or weeks (1w), "
         "up to 365 days (default: 24h)"), N_("DURATION") },
    { "request-hours", 0, 0, G_OPTION_ARG_STRING, &request_hours_text,
      N_("How long the request stays open: hours (48 or 48h), days (2d) or weeks (1w), "
         "up to 365 days (default: 48h)"), N_("DURATION") },
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
  g_autoptr(SharokeySecretRequest) request = NULL;

  if (!tool_command_parse (tool_commands_lookup ("create-request"), entries, &argc, &argv) ||
      !tool_check_arguments ("create-request", argc, 0, NULL))
    return TOOL_EXIT_USAGE;
  if ((secret_hours_text != NULL &&
       !sharokey_parse_duration ("--secret-hours", secret_hours_text, &secret_hours, &error)) ||
      (request_hours_text != NULL &&
       !sharokey_parse_duration ("--request-hours", request_hours_text, &request_hours, &error)))
    return tool_fail (error);

  options = sharokey_request_options_new ();
  sharokey_request_options_set_message (options, message);
  sharokey_request_options_set_description (options, description);
  sharokey_request_options_set_secret_expiration_hours (options, secret_hours);
  sharokey_request_options_set_request_expiration_hours (options, request_hours);
  sharokey_request_options_set_maximum_views (options, (guint) views);
  sharokey_request_options_set_email_to (options, email_to);
  sharokey_request_options_set_email_reply (options, email_reply);
  sharokey_request_options_set_locale (options, locale);

  if (!sharokey_validate_request (options, &error))
    return tool_fail (error);

  client = tool_client_new (globals, FALSE, &error);
  if (client == NULL)
    return tool_fail (error);
  request = sharokey_client_create_request_sync (client, options, NULL, &error);
  if (request == NULL)
    return tool_fail_unaddressed (error);

  if (globals->json)
    {
      tool_print_envelope (sharokey_secret_request_get_json (request));
      return TOOL_EXIT_OK;
    }

  /* The library refused a request without an https (or loopback http) link. */
  g_print ("%s\n", sharokey_secret_request_get_url (request));
  return TOOL_EXIT_OK;
}

static int
get_request (ToolGlobals    *globals,
             SharokeyClient *client,
             const gchar    *token)
{
  g_autoptr(SharokeySecretRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  request = sharokey_client_get_request_sync (client, token, NULL, &error);
  if (request == NULL)
    return tool_fail (error);
  tool_print_item (globals, sharokey_secret_request_get_json (request));
  return TOOL_EXIT_OK;
}

/* The answer goes to standard output only, followed by one newline. */
static int
open_request (ToolGlobals    *globals,
              SharokeyClient *client,
              const gchar    *token)
{
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  gsize len;

  answer = sharokey_client_open_request_sync (client, token, NULL, &error);
  if (answer == NULL)
    return tool_fail (error);
  data = g_bytes_get_data (answer, &len);
  /* Straight to the descriptor: stdio's buffer would keep a copy. */
  if (!tool_write_stdout ((const gchar *) data, len) || !tool_write_stdout ("\n", 1))
    return tool_fail_message (TOOL_EXIT_FAILURE,
                              _("The answer could not be written to standard output, and it "
                                "cannot be opened again"));
  return TOOL_EXIT_OK;
}

static int
delete_request (ToolGlobals    *globals,
                SharokeyClient *client,
                const gchar    *token)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *done = NULL;

  if (!sharokey_client_delete_request_sync (client, token, NULL, &error))
    return tool_fail (error);
  if (globals->json)
    {
      g_autoptr(JsonNode) data = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "token", token);
      json_node_take_object (data, object);
      tool_print_envelope (data);
      return TOOL_EXIT_OK;
    }
  done = g_strdup_printf (_("Secret request %s deleted."), token);
  g_print ("%s\n", done);
  return TOOL_EXIT_OK;
}

static int
request_stats (ToolGlobals    *globals,
               SharokeyClient *client)
{
  g_autoptr(SharokeyRequestStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  stats = sharokey_client_request_stats_sync (client, NULL, &error);
  if (stats == NULL)
    return tool_fail_unaddressed (error);
  tool_print_item (globals, sharokey_request_stats_get_json (stats));
  return TOOL_EXIT_OK;
}

int
tool_cmd_list_requests (ToolGlobals *globals,
                        int          argc,
                        char       **argv)
{
  static const gchar * const members[] = { "token", "description", "status", "request_expiration", NULL };
  static const gchar * const headers[] = { N_("TOKEN"), N_("DESCRIPTION"), N_("STATUS"), N_("EXPIRES"), NULL };
  static const ToolListKind requests = {
    sharokey_client_list_requests_sync, members, headers, N_("No secret requests."),
    N_("Show at most N requests per page (1 to 1000)"),
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
                              _("Request token must be a non-empty string"), get_request);
}

int
tool_cmd_open_request (ToolGlobals *globals,
                       int          argc,
                       char       **argv)
{
  return tool_run_identified (globals, argc, argv, _("TOKEN"),
                              _("Request token must be a non-empty string"), open_request);
}

int
tool_cmd_delete_request (ToolGlobals *globals,
                         int          argc,
                         char       **argv)
{
  return tool_run_identified (globals, argc, argv, _("TOKEN"),
                              _("Request token must be a non-empty string"), delete_request);
}

int
tool_cmd_request_stats (ToolGlobals *globals,
                        int          argc,
                        char       **argv)
{
  return tool_run_plain (globals, argc, argv, request_stats);
}
