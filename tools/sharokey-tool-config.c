/* sharokey-tool-config.c: the config command
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "sharokey-tool.h"

/* Environment variable names stay as they are; the rest is translated. */
static const gchar *
source (const gchar *name)
{
  return g_str_has_prefix (name, "SHAROKEY_") ? name : _(name);
}

static void
show (ToolGlobals  *globals,
      ToolSettings *settings)
{
  g_autofree gchar *path = tool_settings_config_path ();
  g_autofree gchar *masked = settings->token != NULL ? tool_mask_token (settings->token) : NULL;

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "config_file");
      json_builder_add_string_value (builder, path);
      json_builder_set_member_name (builder, "api_url");
      json_builder_add_string_value (builder, settings->api_url);
      json_builder_set_member_name (builder, "timeout");
      json_builder_add_int_value (builder, settings->timeout);
      json_builder_set_member_name (builder, "has_token");
      json_builder_add_boolean_value (builder, settings->token != NULL);
      json_builder_set_member_name (builder, "token");
      if (masked != NULL)
        json_builder_add_string_value (builder, masked);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      tool_print_json (root);
      return;
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    g_print ("%-12s %s\n", _("Config file:"), path);
  else
    {
      /* TRANSLATORS: %s is the path of the config file, which does not exist yet */
      g_autofree gchar *missing = g_strdup_printf (_("%s (not created yet)"), path);

      g_print ("%-12s %s\n", _("Config file:"), missing);
    }
  g_print ("%-12s %s (%s)\n", _("API URL:"), settings->api_url, source (settings->api_url_source));
  g_print ("%-12s %u (%s)\n", _("Timeout:"), settings->timeout, source (settings->timeout_source));
  if (masked != NULL)
    g_print ("%-12s %s (%s)\n", _("Token:"), masked, source (settings->token_source));
  else
    g_print ("%-12s %s\n", _("Token:"), _("not set"));
}

int
tool_cmd_config (ToolGlobals *globals,
                 int          argc,
                 char       **argv)
{
  gchar *token = NULL;
  g_autofree gchar *api_url = NULL, *timeout_text = NULL;
  gboolean show_flag = FALSE;
  const GOptionEntry entries[] = {
    { "token", 0, 0, G_OPTION_ARG_STRING, &token,
      N_("Save this API token; “-” reads it from standard input, which keeps it out of the process list"),
      N_("TOKEN") },
    { "api-url", 0, 0, G_OPTION_ARG_STRING, &api_url,
      N_("Save this API base URL"), N_("URL") },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &timeout_text,
      N_("Save this timeout, in seconds"), N_("SECONDS") },
    { "show", 0, 0, G_OPTION_ARG_NONE, &show_flag,
      N_("Show the settings in effect and where each comes from (the token masked)"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) file = NULL;
  ToolSettings settings;
  guint timeout = 0;
  int status = TOOL_EXIT_USAGE;

  if (!tool_command_parse (tool_commands_lookup ("config"), entries, &argc, &argv) ||
      !tool_check_arguments ("config", argc, 0, NULL))
    goto out;

  if (token != NULL && g_str_equal (token, "-"))
    {
      sharokey_secret_free (token);
      token = sharokey_read_secret_fd (STDIN_FILENO, _("API token: "), &error);
      if (token == NULL)
        {
          status = tool_fail (error);
          goto out;
        }
      g_strstrip (token);
    }

  /* Check everything before the file is touched. */
  if ((token != NULL && token[0] == '\0') ||
      (token != NULL && !g_utf8_validate (token, -1, NULL)))
    {
      status = tool_fail_message (TOOL_EXIT_USAGE, _("Token is required"));
      goto out;
    }
  if ((api_url != NULL && !tool_check_api_url (api_url, &error)) ||
      (timeout_text != NULL && !tool_parse_timeout (timeout_text, &timeout, &error)))
    {
      status = tool_fail (error);
      goto out;
    }

  if (token != NULL || api_url != NULL || timeout_text != NULL)
    {
      g_autofree gchar *path = tool_settings_config_path ();

      file = tool_settings_load_file (&error);
      if (file == NULL)
        {
          status = tool_fail (error);
          goto out;
        }
      if (token != NULL)
        json_object_set_string_member (file, "token", token);
      if (api_url != NULL)
        json_object_set_string_member (file, "api_url", api_url);
      if (timeout_text != NULL)
        json_object_set_int_member (file, "timeout", timeout);
      if (!tool_settings_save_file (file, &error))
        {
          status = tool_fail (error);
          goto out;
        }
      if (!show_flag)
        g_printerr (_("Saved %s\n"), path);
    }
  else
    show_flag = TRUE;

  if (show_flag)
    {
      if (!tool_settings_resolve (globals, &settings, &error))
        {
          status = tool_fail (error);
          goto out;
        }
      show (globals, &settings);
      tool_settings_clear (&settings);
    }
  status = TOOL_EXIT_OK;

out:
  sharokey_secret_free (token);
  return status;
}
