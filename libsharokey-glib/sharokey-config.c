/* sharokey-config.c: SharokeyConfig, the one resolver of the token, API URL
 * and timeout for the library, the sharokey tool and the git helper
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <sys/stat.h>
#include <glib/gstdio.h>

#include "sharokey-private.h"

/**
 * SharokeyConfig:
 *
 * The settings that define a connection, resolved the way every Sharokey
 * program does it, and where each one came from.
 *
 * Each setting is taken from the first of: a value given explicitly (a
 * command-line flag), the environment (`SHAROKEY_TOKEN`,
 * `SHAROKEY_API_URL`, `SHAROKEY_TIMEOUT`), the configuration file
 * `$XDG_CONFIG_HOME/sharokey/config.json` (by default
 * `~/.config/sharokey/config.json`, members `token`, `api_url` and
 * `timeout`), and the defaults (%SHAROKEY_DEFAULT_API_URL,
 * %SHAROKEY_DEFAULT_TIMEOUT). When none of these gives a token, it is
 * looked up in the keyring (Secret Service) for the resolved API URL, as
 * [func@keyring_store_token_async] stored it. Empty values count as unset.
 *
 * A config never changes once resolved. Give its values to a
 * [class@Client] with [ctor@Client.new_for_config].
 */

struct _SharokeyConfig {
  GObject parent_instance;

  gchar *token;                /* wiped when finalized */
  gchar *api_url;
  guint timeout;
  SharokeyConfigSource token_source;
  SharokeyConfigSource api_url_source;
  SharokeyConfigSource timeout_source;
  gchar *path;
  gboolean path_exposed;
};

G_DEFINE_FINAL_TYPE (SharokeyConfig, sharokey_config, G_TYPE_OBJECT)

static void
sharokey_config_finalize (GObject *object)
{
  SharokeyConfig *self = SHAROKEY_CONFIG (object);

  sharokey_wipe_free (self->token);
  g_free (self->api_url);
  g_free (self->path);

  G_OBJECT_CLASS (sharokey_config_parent_class)->finalize (object);
}

static void
sharokey_config_class_init (SharokeyConfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sharokey_config_finalize;
}

static void
sharokey_config_init (SharokeyConfig *self)
{
  self->api_url = g_strdup (SHAROKEY_DEFAULT_API_URL);
  self->timeout = SHAROKEY_DEFAULT_TIMEOUT;
}

/**
 * sharokey_config_get_default_path:
 *
 * Gets the path of the configuration file: `sharokey/config.json` in
 * `$XDG_CONFIG_HOME`, else in `$HOME/.config`. The variables are read
 * on every call.
 *
 * Returns: (transfer full) (type filename): the path, which may not exist
 */
gchar *
sharokey_config_get_default_path (void)
{
  const gchar *xdg = g_getenv ("XDG_CONFIG_HOME");
  const gchar *home = g_getenv ("HOME");

  /* Read the variables each time: GLib caches its own answers. */
  if (xdg != NULL && g_path_is_absolute (xdg))
    return g_build_filename (xdg, "sharokey", "config.json", NULL);
  if (home != NULL && g_path_is_absolute (home))
    return g_build_filename (home, ".config", "sharokey", "config.json", NULL);
  return g_build_filename (g_get_user_config_dir (), "sharokey", "config.json", NULL);
}

/* The file's object; NULL with no error when there is no file. */
static JsonObject *
read_file (const gchar  *path,
           GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gchar *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED,
                     _("Cannot read %s: %s"), path, local_error->message);
      return NULL;
    }
  root = _sharokey_json_parse (contents, length, NULL);
  /* The file holds the token: wipe this copy of it. */
  _sharokey_wipe (contents, length);
  g_free (contents);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                   _("%s is not a JSON object: fix it, or remove it and run "
                     "“sharokey config” again"), path);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* The file's object, or NULL with no error when there is no file. */
static JsonObject *
load_file (SharokeyConfig  *self,
           GError         **error)
{
  GStatBuf st;

  if (g_stat (self->path, &st) != 0)
    return NULL;
  /* It holds a token: other users must not read it. */
  self->path_exposed = (st.st_mode & (S_IRWXG | S_IRWXO)) != 0;
  return read_file (self->path, error);
}

/**
 * sharokey_config_load_file:
 * @error: return location for a #GError, or %NULL
 *
 * Reads the configuration file ([func@Config.get_default_path]) the way
 * [func@Config.resolve] does, for a program that edits it: its members
 * as written, unknown ones included, so that they can be saved back. A
 * file that cannot be read fails with %SHAROKEY_ERROR_FAILED, one that is
 * not a JSON object with %SHAROKEY_ERROR_VALIDATION.
 *
 * The object may hold the token (member `token`): wipe that string before
 * the object goes.
 *
 * Returns: (transfer full): the file's object, empty when there is no
 *   file yet; %NULL on error
 */
JsonObject *
sharokey_config_load_file (GError **error)
{
  g_autofree gchar *path = sharokey_config_get_default_path ();
  GError *local_error = NULL;
  JsonObject *file;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = read_file (path, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return file != NULL ? file : json_object_new ();
}

/* The file's timeout as text: numbers may be written as strings. */
static gchar *
file_timeout (JsonObject *file)
{
  JsonNode *node = json_object_get_member (file, "timeout");
  guint64 value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (_sharokey_json_uint64 (file, "timeout", &value))
    return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  return g_strdup ("");   /* present but not a number: refused below */
}

static const gchar *
nonempty (const gchar *value)
{
  return value != NULL && *value != '\0' ? value : NULL;
}

/* Picks the first set value of @given (explicit), @env, @file. */
static const gchar *
pick (const gchar          *given,
      const gchar          *env,
      const gchar          *file,
      SharokeyConfigSource *source)
{
  if (nonempty (given))
    {
      *source = SHAROKEY_CONFIG_SOURCE_COMMAND_LINE;
      return given;
    }
  if (nonempty (env))
    {
      *source = SHAROKEY_CONFIG_SOURCE_ENVIRONMENT;
      return env;
    }
  if (nonempty (file))
    {
      *source = SHAROKEY_CONFIG_SOURCE_CONFIG_FILE;
      return file;
    }
  *source = SHAROKEY_CONFIG_SOURCE_DEFAULT;
  return NULL;
}

/* A bad value names where it was set: a flag names itself. */
static void
prefix_origin (SharokeyConfig        *self,
               GError               **error,
               SharokeyConfigSource   source,
               const gchar           *variable)
{
  if (source == SHAROKEY_CONFIG_SOURCE_ENVIRONMENT)
    g_prefix_error (error, "%s: ", variable);
  else if (source == SHAROKEY_CONFIG_SOURCE_CONFIG_FILE)
    g_prefix_error (error, "%s: ", self->path);
}

/**
 * sharokey_config_resolve:
 * @token: (nullable): a token given explicitly, which wins over the
 *   environment and the file, or %NULL
 * @api_url: (nullable): an API URL given explicitly, or %NULL
 * @timeout: (nullable): a timeout in seconds given explicitly, as text,
 *   or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Resolves the token, the API URL and the timeout, each from the first
 * place that sets it (see [class@Config]).
 *
 * The API URL must be `https://`, or `http://` to a loopback host
 * (`localhost`, `localhost.`, `127.0.0.0/8`, `::1`); the timeout a whole
 * number of seconds from 1 to 86400. A token is looked up in the keyring
 * only when no other place gives one, and only when a Secret Service is
 * already running: that never prompts nor starts a daemon, and gives up
 * after a few seconds if the service does not answer. A bad value fails with
 * %SHAROKEY_ERROR_VALIDATION, its message prefixed by the variable or the
 * file that set it. A configuration file that is not a JSON object fails
 * the same way. A missing token is not an error here.
 *
 * Returns: (transfer full): the resolved settings, or %NULL on error
 */
SharokeyConfig *
sharokey_config_resolve (const gchar  *token,
                         const gchar  *api_url,
                         const gchar  *timeout,
                         GError      **error)
{
  g_autoptr(SharokeyConfig) self = g_object_new (SHAROKEY_TYPE_CONFIG, NULL);
  g_autoptr(JsonObject) file = NULL;
  g_autofree gchar *file_timeout_text = NULL;
  GError *local_error = NULL;
  const gchar *value;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->path = sharokey_config_get_default_path ();
  file = load_file (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  value = pick (token, g_getenv ("SHAROKEY_TOKEN"),
                file ? _sharokey_json_string (file, "token") : NULL, &self->token_source);
  self->token = g_strdup (value);
  /* The parsed file's copy would be freed unwiped with the object. */
  if (file != NULL && _sharokey_json_string (file, "token") != NULL)
    {
      gchar *in_file = (gchar *) _sharokey_json_string (file, "token");

      _sharokey_wipe (in_file, strlen (in_file));
    }

  value = pick (api_url, g_getenv ("SHAROKEY_API_URL"),
                file ? _sharokey_json_string (file, "api_url") : NULL, &self->api_url_source);
  if (value != NULL)
    {
      g_free (self->api_url);
      self->api_url = g_strdup (value);
    }
  if (!sharokey_validate_api_url (self->api_url, error))
    {
      prefix_origin (self, error, self->api_url_source, "SHAROKEY_API_URL");
      return NULL;
    }

  /* Last, the keyring: the token stored for the URL in effect. */
  if (self->token == NULL)
    {
      self->token = _sharokey_keyring_lookup_for_resolver (self->api_url);
      if (self->token != NULL)
        self->token_source = SHAROKEY_CONFIG_SOURCE_KEYRING;
    }

  file_timeout_text = file ? file_timeout (file) : NULL;
  value = pick (timeout, g_getenv ("SHAROKEY_TIMEOUT"), file_timeout_text, &self->timeout_source);
  /* A timeout given but empty is as wrong as "soon". */
  if (timeout != NULL && *timeout == '\0')
    {
      value = timeout;
      self->timeout_source = SHAROKEY_CONFIG_SOURCE_COMMAND_LINE;
    }
  else if (value == NULL && file_timeout_text != NULL)
    {
      value = file_timeout_text;
      self->timeout_source = SHAROKEY_CONFIG_SOURCE_CONFIG_FILE;
    }
  if (value != NULL && !sharokey_validate_timeout (value, &self->timeout, error))
    {
      prefix_origin (self, error, self->timeout_source, "SHAROKEY_TIMEOUT");
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * sharokey_config_get_token:
 * @self: a config
 *
 * Gets the API token. Handle it as a password.
 *
 * Returns: (nullable): the token, or %NULL when nothing sets one
 */
const gchar *
sharokey_config_get_token (SharokeyConfig *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CONFIG (self), NULL);
  return self->token;
}

/**
 * sharokey_config_get_token_source:
 * @self: a config
 *
 * Tells where the token comes from.
 *
 * Returns: the token's source; %SHAROKEY_CONFIG_SOURCE_DEFAULT when unset
 */
SharokeyConfigSource
sharokey_config_get_token_source (SharokeyConfig *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CONFIG (self), SHAROKEY_CONFIG_SOURCE_DEFAULT);
  return self->token_source;
}

/**
 * sharokey_config_get_api_url:
 * @self: a config
 *
 * Gets the base URL of the API.
 *
 * Returns: the API URL
 */
const gchar *
sharokey_config_get_api_url (SharokeyConfig *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CONFIG (self), NULL);
  return self->api_url;
}

/**
 * sharokey_config_get_api_url_source:
 * @self: a config
 *
 * Tells where the API URL comes from.
 *
 * Returns: the API URL's source
 */
SharokeyConfigSource
sharokey_config_get_api_url_source (SharokeyConfig *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CONFIG (self), SHAROKEY_CONFIG_SOURCE_DEFAULT);
  return self->api_url_source;
}

/**
 * sharokey_config_get_timeout:
 * @self: a config
 *
 * Gets the timeout of a call.
 *
 * Returns: the timeout, in seconds
 */
guint
sharokey_config_get_timeout (SharokeyConfig *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CONFIG (self), 0);
  return self->timeout;
}

/**
 * sharokey_config_get_timeout_source:
 * @self: a config
 *
 * Tells where the timeout comes from.
 *
 * Returns: the timeout's source
 */
SharokeyConfigSource
sharokey_config_get_timeout_source (SharokeyConfig *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CONFIG (self), SHAROKEY_CONFIG_SOURCE_DEFAULT);
  return self->timeout_source;
}

/**
 * sharokey_config_get_path:
 * @self: a config
 *
 * Gets the path of the configuration file that was read, or would have
 * been had it existed.
 *
 * Returns: (type filename): the path
 */
const gchar *
sharokey_config_get_path (SharokeyConfig *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CONFIG (self), NULL);
  return self->path;
}

/**
 * sharokey_config_get_path_exposed:
 * @self: a config
 *
 * Tells whether the configuration file can be read by other users. It
 * holds the token: a program should warn and suggest `chmod 600`.
 *
 * Returns: %TRUE when the file exists and its group or others have any
 *   permission on it
 */
gboolean
sharokey_config_get_path_exposed (SharokeyConfig *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CONFIG (self), FALSE);
  return self->path_exposed;
}
