/* sharokey-tool-settings.c: token, API URL and timeout from flag,
 * environment or ~/.config/sharokey/config.json (in that order)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sharokey-tool.h"

gchar *
tool_settings_config_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "sharokey", "config.json", NULL);
}

/* Returns an empty object when there is no file yet. */
JsonObject *
tool_settings_load_file (GError **error)
{
  g_autofree gchar *path = tool_settings_config_path ();
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gchar *data = NULL;
  gsize len = 0;
  JsonNode *root;
  gboolean ok;

  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return json_object_new ();
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED,
                   _("Cannot read %s: %s"), path, local_error->message);
      return NULL;
    }

  {
    GStatBuf st;

    /* It holds a token: other users must not read it. */
    if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
      tool_warn (_("%s can be read by other users; run “chmod 600” on it"), path);
  }

  parser = json_parser_new ();
  ok = json_parser_load_from_data (parser, data, len, NULL);
  /* The file holds the token: wipe our copy of it. */
  memset (data, 0, len);
  g_free (data);

  root = ok ? json_parser_get_root (parser) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                   _("%s is not a JSON object: fix it, or remove it and run "
                     "“sharokey config” again"), path);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

gboolean
tool_settings_save_file (JsonObject  *object,
                         GError     **error)
{
  g_autofree gchar *path = tool_settings_config_path ();
  g_autofree gchar *dir = g_path_get_dirname (path);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) local_error = NULL;
  gchar *data;
  gsize len;
  gboolean ok;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED,
                   _("Cannot create %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  json_node_set_object (root, object);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &len);

  /* Written to a temporary file created 0600, then renamed over the old
   * one, so a reader never sees half a file nor a moment of wider mode. */
  ok = g_file_set_contents_full (path, data, (gssize) len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error);
  memset (data, 0, len);
  g_free (data);
  if (!ok)
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED,
                   _("Cannot write %s: %s"), path, local_error->message);
      return FALSE;
    }
  /* The umask may only have narrowed it; make it exactly 0600. */
  g_chmod (path, 0600);
  return TRUE;
}

gboolean
tool_parse_timeout (const gchar  *text,
                    guint        *out,
                    GError      **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 86400, &value, NULL))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("Timeout must be a number of seconds between 1 and 86400"));
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
host_is_loopback (const gchar *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Refuses what can never work before anything is sent: not an absolute
 * http(s) URL, or plain http to a host other than this machine. */
gboolean
tool_check_api_url (const gchar  *api_url,
                    GError      **error)
{
  g_autoptr(GUri) uri = g_uri_parse (api_url, G_URI_FLAGS_NONE, NULL);
  const gchar *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  const gchar *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (scheme == NULL || host == NULL || host[0] == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                   _("The API URL must be an http or https URL: %s"), api_url);
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (host))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("The API URL must use https (plain http only reaches this machine)"));
      return FALSE;
    }
  return TRUE;
}

static const gchar *
file_string (JsonObject  *file,
             const gchar *member)
{
  JsonNode *node = json_object_get_member (file, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
tool_settings_resolve (ToolGlobals   *globals,
                       ToolSettings  *settings,
                       GError       **error)
{
  g_autoptr(JsonObject) file = NULL;
  const gchar *value;
  JsonNode *node;

  memset (settings, 0, sizeof *settings);

  file = tool_settings_load_file (error);
  if (file == NULL)
    return FALSE;

  /* Token: flag, then environment, then file. */
  if (globals->token != NULL && globals->token[0] != '\0')
    {
      settings->token = g_strdup (globals->token);
      settings->token_source = N_("command line");
    }
  else if ((value = g_getenv ("SHAROKEY_TOKEN")) != NULL && value[0] != '\0')
    {
      settings->token = g_strdup (value);
      settings->token_source = "SHAROKEY_TOKEN";
    }
  else if ((value = file_string (file, "token")) != NULL && value[0] != '\0')
    {
      settings->token = g_strdup (value);
      settings->token_source = N_("config file");
    }

  if (globals->api_url != NULL)
    {
      settings->api_url = g_strdup (globals->api_url);
      settings->api_url_source = N_("command line");
    }
  else if ((value = g_getenv ("SHAROKEY_API_URL")) != NULL && value[0] != '\0')
    {
      settings->api_url = g_strdup (value);
      settings->api_url_source = "SHAROKEY_API_URL";
    }
  else if ((value = file_string (file, "api_url")) != NULL && value[0] != '\0')
    {
      settings->api_url = g_strdup (value);
      settings->api_url_source = N_("config file");
    }
  else
    {
      settings->api_url = g_strdup (SHAROKEY_DEFAULT_API_URL);
      settings->api_url_source = N_("default");
    }

  settings->timeout = SHAROKEY_DEFAULT_TIMEOUT;
  settings->timeout_source = N_("default");
  if (globals->timeout != NULL)
    {
      if (!tool_parse_timeout (globals->timeout, &settings->timeout, error))
        goto fail;
      settings->timeout_source = N_("command line");
    }
  else if ((value = g_getenv ("SHAROKEY_TIMEOUT")) != NULL && value[0] != '\0')
    {
      if (!tool_parse_timeout (value, &settings->timeout, error))
        {
          /* Set long ago, perhaps: say where the bad value is. */
          g_prefix_error (error, "SHAROKEY_TIMEOUT: ");
          goto fail;
        }
      settings->timeout_source = "SHAROKEY_TIMEOUT";
    }
  else if ((node = json_object_get_member (file, "timeout")) != NULL &&
           JSON_NODE_HOLDS_VALUE (node))
    {
      g_autofree gchar *text = NULL;

      if (json_node_get_value_type (node) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (text == NULL || !tool_parse_timeout (text, &settings->timeout, error))
        {
          g_clear_error (error);
          g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                               _("The timeout in the config file must be a number of seconds between 1 and 86400"));
          goto fail;
        }
      settings->timeout_source = N_("config file");
    }

  if (!tool_check_api_url (settings->api_url, error))
    {
      if (g_strcmp0 (settings->api_url_source, "SHAROKEY_API_URL") == 0)
        g_prefix_error (error, "SHAROKEY_API_URL: ");
      else if (g_strcmp0 (settings->api_url_source, N_("config file")) == 0)
        {
          g_autofree gchar *path = tool_settings_config_path ();

          g_prefix_error (error, "%s: ", path);
        }
      goto fail;
    }
  return TRUE;

fail:
  tool_settings_clear (settings);
  return FALSE;
}

void
tool_settings_clear (ToolSettings *settings)
{
  g_clear_pointer (&settings->token, sharokey_secret_free);
  g_clear_pointer (&settings->api_url, g_free);
}

/* Enough to recognise a token, never enough to use it. */
gchar *
tool_mask_token (const gchar *token)
{
  gsize len = strlen (token);
  g_autofree gchar *shown = NULL;

  /* Long tokens keep their first 4 characters; short ones show nothing. */
  shown = len >= 20 ? g_strdup_printf ("%.4s…****", token) : g_strdup ("******");
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u character)", "%s (%u characters)", len),
                          shown, (guint) len);
}

SharokeyClient *
tool_client_new (ToolGlobals  *globals,
                 gboolean      allow_no_token,
                 GError      **error)
{
  ToolSettings settings;
  SharokeyClient *client;
  g_autofree gchar *user_agent = NULL;

  if (!tool_settings_resolve (globals, &settings, error))
    return NULL;

  if (settings.token == NULL && !allow_no_token)
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION,
                           _("No API token: set SHAROKEY_TOKEN or run “sharokey config --token -”"));
      tool_settings_clear (&settings);
      return NULL;
    }

  client = sharokey_client_new (settings.token);
  sharokey_client_set_api_url (client, settings.api_url);
  sharokey_client_set_timeout (client, settings.timeout);
  user_agent = g_strdup_printf ("sharokey/%s libsharokey-glib/%u.%u.%u", PACKAGE_VERSION,
                                sharokey_get_major_version (), sharokey_get_minor_version (),
                                sharokey_get_micro_version ());
  sharokey_client_set_user_agent (client, user_agent);
  tool_settings_clear (&settings);
  return client;
}
