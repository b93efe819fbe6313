/* sharokey-tool-config.c: the config command
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "sharokey-tool.h"

/* Where a setting comes from, as `config --show` prints it: the variable
 * for the environment, else a translated word. */
static const gchar *
source_text (SharokeyConfigSource  source,
             const gchar          *variable)
{
  switch (source)
    {
    case SHAROKEY_CONFIG_SOURCE_ENVIRONMENT:
      return variable;
    case SHAROKEY_CONFIG_SOURCE_CONFIG_FILE:
      return _("config file");
    case SHAROKEY_CONFIG_SOURCE_COMMAND_LINE:
      return _("command line");
    case SHAROKEY_CONFIG_SOURCE_DEFAULT:
    default:
      return _("default");
    }
}

/* The same, for --json: stable names scripts can compare. */
static const gchar *
source_name (SharokeyConfigSource source)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (SHAROKEY_TYPE_CONFIG_SOURCE);

  return g_enum_get_value (klass, source)->value_nick;
}

static void
show (ToolGlobals    *globals,
      SharokeyConfig *config)
{
  const gchar *path = sharokey_config_get_path (config);
  const gchar *token = sharokey_config_get_token (config);
  g_autofree gchar *masked = token != NULL ? tool_mask_token (token) : NULL;

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "config_file");
      json_builder_add_string_value (builder, path);
      json_builder_set_member_name (builder, "api_url");
      json_builder_add_string_value (builder, sharokey_config_get_api_url (config));
      json_builder_set_member_name (builder, "api_url_source");
      json_builder_add_string_value (builder, source_name (sharokey_config_get_api_url_source (config)));
      json_builder_set_member_name (builder, "timeout");
      json_builder_add_int_value (builder, sharokey_config_get_timeout (config));
      json_builder_set_member_name (builder, "timeout_source");
      json_builder_add_string_value (builder, source_name (sharokey_config_get_timeout_source (config)));
      json_builder_set_member_name (builder, "has_token");
      json_builder_add_boolean_value (builder, token != NULL);
      json_builder_set_member_name (builder, "token");
      if (masked != NULL)
        json_builder_add_string_value (builder, masked);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "token_source");
      if (token != NULL)
        json_builder_add_string_value (builder, source_name (sharokey_config_get_token_source (config)));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      tool_print_json (root);
      return;
    }

  {
    const gchar *labels[] = { _("Config file:"), _("API URL:"), _("Timeout:"), _("Token:") };
    g_autofree gchar *file_value = NULL, *api_url_value = NULL, *timeout_value = NULL;
    g_autofree gchar *token_value = NULL;
    const gchar *values[G_N_ELEMENTS (labels)];
    glong width = 0;

    if (g_file_test (path, G_FILE_TEST_EXISTS))
      file_value = g_strdup (path);
    else
      /* TRANSLATORS: %s is the path of the config file, which does not exist yet */
      file_value = g_strdup_printf (_("%s (not created yet)"), path);
    api_url_value = g_strdup_printf ("%s (%s)", sharokey_config_get_api_url (config),
                                     source_text (sharokey_config_get_api_url_source (config),
                                                  "SHAROKEY_API_URL"));
    timeout_value = g_strdup_printf ("%u (%s)", sharokey_config_get_timeout (config),
                                     source_text (sharokey_config_get_timeout_source (config),
                                                  "SHAROKEY_TIMEOUT"));
    if (masked != NULL)
      token_value = g_strdup_printf ("%s (%s)", masked,
                                     source_text (sharokey_config_get_token_source (config),
                                                  "SHAROKEY_TOKEN"));
    else
      token_value = g_strdup (_("not set"));
    values[0] = file_value;
    values[1] = api_url_value;
    values[2] = timeout_value;
    values[3] = token_value;

    /* Padded by terminal columns, not bytes: translated labels may hold
     * accents or wide characters. */
    for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
      width = MAX (width, tool_display_width (labels[i]));
    for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
      {
        g_print ("%s", labels[i]);
        for (glong pad = width - tool_display_width (labels[i]); pad >= 0; pad--)
          g_print (" ");
        g_print ("%s\n", values[i]);
      }
  }
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
  guint timeout = 0;
  int status = TOOL_EXIT_USAGE;

  if (!tool_command_parse (tool_commands_lookup ("config"), entries, &argc, &argv) ||
      !tool_check_arguments ("config", argc, 0, NULL))
    goto out;

  if (token != NULL && g_str_equal (token, "-"))
    {
      sharokey_wipe_free (token);
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
  if ((api_url != NULL && !sharokey_validate_api_url (api_url, &error)) ||
      (timeout_text != NULL && !tool_parse_timeout (timeout_text, &timeout, &error)))
    {
      status = tool_fail (error);
      goto out;
    }

  if (token != NULL || api_url != NULL || timeout_text != NULL)
    {
      g_autofree gchar *path = sharokey_config_get_default_path ();

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
      g_autoptr(SharokeyConfig) config = tool_config_resolve (globals, &error);

      if (config == NULL)
        {
          status = tool_fail (error);
          goto out;
        }
      show (globals, config);
    }
  status = TOOL_EXIT_OK;

out:
  sharokey_wipe_free (token);
  return status;
}
