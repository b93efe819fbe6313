/* sharokey-tool-config.c: the config command
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "sharokey-tool.h"

/* Where a setting comes from, as `config --show` prints it: the variable
 * for the environment, else a translated word. */
/* Drops the file's token, wiped: json-glib frees strings as they are. */
static void
remove_file_token (JsonObject *file)
{
  const gchar *old = json_object_get_string_member_with_default (file, "token", NULL);

  if (old != NULL)
    explicit_bzero ((gchar *) old, strlen (old));
  json_object_remove_member (file, "token");
}

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
    case SHAROKEY_CONFIG_SOURCE_KEYRING:
      return _("keyring");
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

typedef enum {
  STORE_AUTO,      /* the keyring when it can be used, else the file */
  STORE_KEYRING,
  STORE_FILE,
} TokenStore;

static gboolean
parse_store (const gchar  *text,
             TokenStore   *out,
             GError      **error)
{
  if (g_str_equal (text, "keyring"))
    *out = STORE_KEYRING;
  else if (g_str_equal (text, "file"))
    *out = STORE_FILE;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--store must be “keyring” or “file”, not “%s”"), text);
      return FALSE;
    }
  return TRUE;
}

/* The API URL a token is kept for in the keyring: the one this command
 * saves, else the one in effect. */
static gchar *
token_api_url (ToolGlobals  *globals,
               const gchar  *api_url,
               GError      **error)
{
  g_autoptr(SharokeyConfig) config = NULL;

  if (api_url != NULL)
    return g_strdup (api_url);
  /* Only the URL is wanted: a placeholder token spares the keyring a
   * look-up for the token about to be replaced. */
  config = sharokey_config_resolve ("placeholder", globals->api_url, globals->timeout, error);
  return config != NULL ? g_strdup (sharokey_config_get_api_url (config)) : NULL;
}

/* Stores @token in the keyring or, per @store, the file object; says
 * where it went. Only one copy is kept: the other place's is removed. */
static gboolean
save_token (const gchar  *token,
            TokenStore    store,
            const gchar  *key_url,
            JsonObject   *file,
            gboolean     *in_keyring,
            gboolean     *file_changed,
            GError      **error)
{
  g_autofree gchar *path = sharokey_config_get_default_path ();
  g_autoptr(GError) keyring_error = NULL;

  *in_keyring = FALSE;
  if (store != STORE_FILE)
    {
      if (sharokey_keyring_store_token_sync (key_url, token, NULL, &keyring_error))
        *in_keyring = TRUE;
      else if (store == STORE_KEYRING)
        {
          /* Chosen explicitly: nothing is written anywhere else. */
          g_propagate_error (error, g_steal_pointer (&keyring_error));
          return FALSE;
        }
    }

  if (*in_keyring)
    {
      g_printerr (_("Token saved in the keyring for %s\n"), key_url);
      /* The file's token would win over the keyring's. */
      if (json_object_has_member (file, "token"))
        {
          remove_file_token (file);
          *file_changed = TRUE;
          g_printerr (_("Removed the token from %s: the keyring’s copy replaces it\n"), path);
        }
      return TRUE;
    }

  json_object_set_string_member (file, "token", token);
  *file_changed = TRUE;
  if (keyring_error != NULL)
    /* TRANSLATORS: the first %s is why the keyring cannot be used, the
     * second the path of the config file */
    g_printerr (_("sharokey: %s: the token is saved in %s (mode 0600) instead\n"),
                keyring_error->message, path);
  return TRUE;
}

/* With --store file, a token the keyring kept for the same URL would be
 * a second, diverging copy. */
static void
clear_keyring_copy (const gchar *key_url)
{
  g_autoptr(GError) error = NULL;

  if (sharokey_keyring_clear_token_sync (key_url, NULL, &error))
    g_printerr (_("Removed the token the keyring held for %s: the config file’s copy replaces it\n"),
                key_url);
  else if (error != NULL)
    g_debug ("Keyring not cleared: %s", error->message);
}

/* --clear-token: from the file object and from the keyring. */
static gboolean
clear_token (const gchar  *key_url,
             JsonObject   *file,
             gboolean     *file_changed,
             GError      **error)
{
  g_autofree gchar *path = sharokey_config_get_default_path ();
  g_autoptr(GError) keyring_error = NULL;
  gboolean removed = FALSE;

  if (json_object_has_member (file, "token"))
    {
      remove_file_token (file);
      g_printerr (_("Removed the token from %s\n"), path);
      removed = *file_changed = TRUE;
    }
  if (sharokey_keyring_clear_token_sync (key_url, NULL, &keyring_error))
    {
      g_printerr (_("Removed the token from the keyring for %s\n"), key_url);
      removed = TRUE;
    }
  else if (g_error_matches (keyring_error, SHAROKEY_ERROR, SHAROKEY_ERROR_KEYRING_UNAVAILABLE))
    /* TRANSLATORS: %s is why no keyring can be reached */
    g_printerr (_("sharokey: %s: no token removed from a keyring\n"), keyring_error->message);
  else if (keyring_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&keyring_error));
      return FALSE;
    }
  if (!removed)
    g_printerr (_("No token was saved for %s\n"), key_url);
  return TRUE;
}

int
tool_cmd_config (ToolGlobals *globals,
                 int          argc,
                 char       **argv)
{
  gchar *token = NULL;
  g_autofree gchar *api_url = NULL, *timeout_text = NULL, *store_text = NULL;
  g_autofree gchar *key_url = NULL;
  gboolean show_flag = FALSE, clear_flag = FALSE;
  const GOptionEntry entries[] = {
    { "token", 0, 0, G_OPTION_ARG_STRING, &token,
      N_("Save this API token: in the keyring when one can be used, else in the config file; "
         "“-” reads it from standard input, which keeps it out of the process list"),
      N_("TOKEN") },
    { "store", 0, 0, G_OPTION_ARG_STRING, &store_text,
      N_("Where --token saves the token: “keyring” (Secret Service) or “file” (the config file)"),
      N_("keyring|file") },
    { "clear-token", 0, 0, G_OPTION_ARG_NONE, &clear_flag,
      N_("Remove the saved token, from the config file and from the keyring"), NULL },
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
  TokenStore store = STORE_AUTO;
  gboolean in_keyring = FALSE, file_changed = FALSE;
  guint timeout = 0;
  int status = TOOL_EXIT_USAGE;

  if (!tool_command_parse (tool_commands_lookup ("config"), entries, &argc, &argv) ||
      !tool_check_arguments ("config", argc, 0, NULL))
    goto out;

  if (store_text != NULL && !parse_store (store_text, &store, &error))
    {
      status = tool_fail (error);
      goto out;
    }
  if (store_text != NULL && token == NULL)
    {
      status = tool_fail_message (TOOL_EXIT_USAGE, _("--store goes with --token"));
      goto out;
    }
  if (clear_flag && token != NULL)
    {
      status = tool_fail_message (TOOL_EXIT_USAGE, _("--clear-token and --token cannot be used together"));
      goto out;
    }

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
  else if (token != NULL)
    tool_warn (_("a token on the command line can be read by other users while the command runs; "
                 "use “--token -” to read it from standard input"));

  /* Check everything before the file or the keyring is touched. */
  if ((token != NULL && token[0] == '\0') ||
      (token != NULL && !g_utf8_validate (token, -1, NULL)))
    {
      status = tool_fail_message (TOOL_EXIT_USAGE, _("Token is required"));
      goto out;
    }
  if ((api_url != NULL && !sharokey_validate_api_url (api_url, &error)) ||
      (timeout_text != NULL && !sharokey_validate_timeout (timeout_text, &timeout, &error)))
    {
      status = tool_fail (error);
      goto out;
    }

  if (token != NULL || api_url != NULL || timeout_text != NULL || clear_flag)
    {
      g_autofree gchar *path = sharokey_config_get_default_path ();

      file = sharokey_config_load_file (&error);
      if (file == NULL)
        {
          status = tool_fail (error);
          goto out;
        }
      if (token != NULL || clear_flag)
        {
          key_url = token_api_url (globals, api_url, &error);
          if (key_url == NULL)
            {
              status = tool_fail (error);
              goto out;
            }
        }
      if ((token != NULL &&
           !save_token (token, store, key_url, file, &in_keyring, &file_changed, &error)) ||
          (clear_flag && !clear_token (key_url, file, &file_changed, &error)))
        {
          status = tool_fail (error);
          goto out;
        }
      if (api_url != NULL)
        json_object_set_string_member (file, "api_url", api_url);
      if (timeout_text != NULL)
        json_object_set_int_member (file, "timeout", timeout);
      file_changed |= api_url != NULL || timeout_text != NULL;
      if (file_changed && !tool_settings_save_file (file, &error))
        {
          status = tool_fail (error);
          goto out;
        }
      if (token != NULL && store == STORE_FILE)
        clear_keyring_copy (key_url);
      if (!show_flag && file_changed &&
          ((token != NULL && !in_keyring) || api_url != NULL || timeout_text != NULL))
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
  if (file != NULL && json_object_has_member (file, "token"))
    remove_file_token (file);
  return status;
}
