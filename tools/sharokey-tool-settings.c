/* sharokey-tool-settings.c: token, API URL and timeout from flag,
 * environment or ~/.config/sharokey/config.json (in that order), through
 * the library's resolver; the config file as `config` saves it
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

gboolean
tool_settings_save_file (JsonObject  *object,
                         GError     **error)
{
  g_autofree gchar *path = sharokey_config_get_default_path ();
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

SharokeyConfig *
tool_config_resolve (ToolGlobals  *globals,
                     GError      **error)
{
  SharokeyConfig *config = sharokey_config_resolve (globals->token, globals->api_url,
                                                    globals->timeout, error);

  /* It holds a token: other users must not read it. */
  if (config != NULL && sharokey_config_get_path_exposed (config))
    tool_warn (_("%s can be read by other users; run “chmod 600” on it"),
               sharokey_config_get_path (config));
  return config;
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
  g_autoptr(SharokeyConfig) config = NULL;
  g_autofree gchar *user_agent = NULL;

  config = tool_config_resolve (globals, error);
  if (config == NULL)
    return NULL;

  if (sharokey_config_get_token (config) == NULL && !allow_no_token)
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION,
                           _("No API token: set SHAROKEY_TOKEN or run “sharokey config --token -”"));
      return NULL;
    }

  user_agent = g_strdup_printf ("sharokey/%s libsharokey-glib/%u.%u.%u", PACKAGE_VERSION,
                                sharokey_get_major_version (), sharokey_get_minor_version (),
                                sharokey_get_micro_version ());
  return g_object_new (SHAROKEY_TYPE_CLIENT,
                       "token", sharokey_config_get_token (config),
                       "api-url", sharokey_config_get_api_url (config),
                       "timeout", sharokey_config_get_timeout (config),
                       "user-agent", user_agent,
                       NULL);
}
