/* sharokey-client.c: SharokeyClient, the asynchronous Sharokey API client
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "sharokey-client-private.h"

/**
 * SharokeyClient:
 *
 * A client of the Sharokey API.
 *
 * Every call exists as an `_async`/`_finish` pair and as a `_sync` variant.
 * The asynchronous calls run in the thread-default main context of the
 * caller; the synchronous ones run the same code on a private main context,
 * so they never dispatch sources of the caller's loop. Results are the
 * API's JSON response envelope, `{"success": true, "message": …, "data": …}`.
 *
 * Secrets are encrypted before they leave the process: [method@Client.create_async]
 * generates a fresh key, encrypts the content and the attachments in a
 * worker thread, sends the ciphertext and the first 8 characters of the key
 * (keyA), and returns a share link whose fragment holds the other 24
 * (keyB). The server never sees the plaintext nor keyB.
 *
 * The client talks HTTPS, with certificates verified; plain `http://` is
 * accepted only for a loopback host (`localhost`, `127.0.0.0/8`, `::1`).
 * All calls share one HTTP session with keep-alive, so a client should be
 * reused for many calls.
 *
 * Failures are reported in the %SHAROKEY_ERROR domain (see
 * [error@Sharokey.Error]); cancellation is reported as
 * %G_IO_ERROR_CANCELLED.
 */

struct _SharokeyClient {
  GObject parent_instance;

  GMutex lock;               /* guards the fields below and the session */
  gchar *token;
  gchar *api_url;
  guint timeout;
  gchar *user_agent;
  SoupSession *session;      /* for calls from a caller's context */
  SoupSession *sync_session; /* for _sync calls: see _sharokey_client_dup_session () */
};

G_DEFINE_FINAL_TYPE (SharokeyClient, sharokey_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOKEN,
  PROP_API_URL,
  PROP_TIMEOUT,
  PROP_USER_AGENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DEFAULT_USER_AGENT "libsharokey-glib/" PACKAGE_VERSION
#define MAX_TIMEOUT (24 * 3600)

static void
sharokey_client_finalize (GObject *object)
{
  SharokeyClient *self = SHAROKEY_CLIENT (object);

  sharokey_secret_free (self->token);
  g_free (self->api_url);
  g_free (self->user_agent);
  g_clear_object (&self->session);
  g_clear_object (&self->sync_session);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (sharokey_client_parent_class)->finalize (object);
}

static void
sharokey_client_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SharokeyClient *self = SHAROKEY_CLIENT (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_API_URL:
      g_value_set_string (value, self->api_url);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sharokey_client_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SharokeyClient *self = SHAROKEY_CLIENT (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      sharokey_client_set_token (self, g_value_get_string (value));
      break;
    case PROP_API_URL:
      sharokey_client_set_api_url (self, g_value_get_string (value));
      break;
    case PROP_TIMEOUT:
      sharokey_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_USER_AGENT:
      sharokey_client_set_user_agent (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sharokey_client_class_init (SharokeyClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  _sharokey_init_i18n ();

  object_class->finalize = sharokey_client_finalize;
  object_class->get_property = sharokey_client_get_property;
  object_class->set_property = sharokey_client_set_property;

  /**
   * SharokeyClient:token:
   *
   * The API token sent as `Authorization: Bearer` on every call. Every
   * call but [method@Client.health_async] fails with
   * %SHAROKEY_ERROR_AUTHENTICATION, before anything is sent, while it is
   * unset.
   */
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyClient:api-url:
   *
   * The base URL of the API, without a trailing slash; defaults to
   * %SHAROKEY_DEFAULT_API_URL. A plain `http://` URL is refused at call
   * time unless its host is a loopback address.
   */
  properties[PROP_API_URL] =
    g_param_spec_string ("api-url", NULL, NULL, SHAROKEY_DEFAULT_API_URL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyClient:timeout:
   *
   * How long, in seconds, a call may take in all, from connecting to the
   * last byte of the answer, retries included, before it fails with
   * %SHAROKEY_ERROR_TIMEOUT; 0 waits forever.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, MAX_TIMEOUT, SHAROKEY_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyClient:user-agent:
   *
   * The `User-Agent` header of every call; defaults to
   * `libsharokey-glib/VERSION`.
   */
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, DEFAULT_USER_AGENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sharokey_client_init (SharokeyClient *self)
{
  g_mutex_init (&self->lock);
  self->api_url = g_strdup (SHAROKEY_DEFAULT_API_URL);
  self->timeout = SHAROKEY_DEFAULT_TIMEOUT;
  self->user_agent = g_strdup (DEFAULT_USER_AGENT);
}

/**
 * sharokey_client_new:
 * @token: (nullable): the API token, or %NULL to set it later
 *
 * Creates a client of the hosted API (%SHAROKEY_DEFAULT_API_URL) with the
 * default timeout.
 *
 * Returns: (transfer full): a new client
 */
SharokeyClient *
sharokey_client_new (const gchar *token)
{
  return g_object_new (SHAROKEY_TYPE_CLIENT, "token", token, NULL);
}

/* --- configuration from the environment --- */

static gchar *
config_file_path (void)
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

static gboolean
parse_timeout (const gchar  *text,
               guint        *out,
               const gchar  *origin,
               GError      **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, MAX_TIMEOUT, &value, NULL))
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                   _("Invalid timeout in %s: it must be a number of seconds between 1 and %d"),
                   origin, MAX_TIMEOUT);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
load_config_file (SharokeyClient  *self,
                  const gchar     *path,
                  GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autofree gchar *display = g_filename_display_name (path);
  gchar *contents = NULL;
  gsize length = 0;
  GStatBuf st;
  JsonObject *root;
  JsonNode *node;

  if (g_stat (path, &st) != 0)
    return TRUE;                       /* no file: nothing to read */

  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    g_warning (_("%s is readable by other users; it holds your API token, "
                 "restrict it with: chmod 600 %s"), display, display);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                   _("Cannot read %s: %s"), display, local_error->message);
      return FALSE;
    }
  /* Bounded, and an empty file is no critical. */
  parsed = _sharokey_json_parse (contents, length, NULL);
  _sharokey_wipe (contents, length);
  g_free (contents);
  if (parsed == NULL || !JSON_NODE_HOLDS_OBJECT (parsed))
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                   _("Invalid configuration file %s: it must be a JSON object"), display);
      return FALSE;
    }
  root = json_node_get_object (parsed);

  node = json_object_get_member (root, "token");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    sharokey_client_set_token (self, json_node_get_string (node));

  node = json_object_get_member (root, "api_url");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    sharokey_client_set_api_url (self, json_node_get_string (node));

  node = json_object_get_member (root, "timeout");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      g_autofree gchar *text = NULL;
      guint timeout;

      /* Numbers may be written as strings. */
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (json_node_get_value_type (node) == G_TYPE_DOUBLE &&
               json_node_get_double (node) == (gint64) json_node_get_double (node))
        text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) json_node_get_double (node));
      else if (json_node_get_value_type (node) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (node));
      else
        text = g_strdup ("");
      if (!parse_timeout (text, &timeout, display, error))
        return FALSE;
      sharokey_client_set_timeout (self, timeout);
    }
  return TRUE;
}

/**
 * sharokey_client_new_from_environment:
 * @error: return location for a #GError, or %NULL
 *
 * Creates a client configured the way the Sharokey tools are. Settings are
 * read, lowest priority first, from `$XDG_CONFIG_HOME/sharokey/config.json`
 * (by default `~/.config/sharokey/config.json`; members `token`, `api_url`
 * and `timeout`), then from the environment variables `SHAROKEY_TOKEN`,
 * `SHAROKEY_API_URL` and `SHAROKEY_TIMEOUT`.
 *
 * A configuration file that other users may read triggers a warning,
 * since it holds the token. A missing token is not an error here: calls
 * that need one fail with %SHAROKEY_ERROR_AUTHENTICATION.
 *
 * Returns: (transfer full): a new client, or %NULL if the configuration
 *   file cannot be read or a setting is invalid
 */
SharokeyClient *
sharokey_client_new_from_environment (GError **error)
{
  g_autoptr(SharokeyClient) self = sharokey_client_new (NULL);
  g_autofree gchar *path = config_file_path ();
  const gchar *value;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_config_file (self, path, error))
    return NULL;

  value = g_getenv ("SHAROKEY_TOKEN");
  if (value != NULL && *value != '\0')
    sharokey_client_set_token (self, value);
  value = g_getenv ("SHAROKEY_API_URL");
  if (value != NULL && *value != '\0')
    sharokey_client_set_api_url (self, value);
  value = g_getenv ("SHAROKEY_TIMEOUT");
  if (value != NULL && *value != '\0')
    {
      guint timeout;

      if (!parse_timeout (value, &timeout, "SHAROKEY_TIMEOUT", error))
        return NULL;
      sharokey_client_set_timeout (self, timeout);
    }
  return g_steal_pointer (&self);
}

/* --- properties --- */

/**
 * sharokey_client_get_token:
 * @self: a client
 *
 * Gets the API token.
 *
 * Returns: (nullable): the token, or %NULL if none is set
 */
const gchar *
sharokey_client_get_token (SharokeyClient *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  return self->token;
}

/**
 * sharokey_client_set_token:
 * @self: a client
 * @token: (nullable): the API token, or %NULL
 *
 * Sets the API token used by the calls started from now on.
 */
void
sharokey_client_set_token (SharokeyClient *self,
                           const gchar    *token)
{
  gchar *old;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;
  g_mutex_lock (&self->lock);
  old = self->token;
  self->token = g_strdup (token);
  g_mutex_unlock (&self->lock);
  sharokey_secret_free (old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

/**
 * sharokey_client_get_api_url:
 * @self: a client
 *
 * Gets the base URL of the API.
 *
 * Returns: the API URL
 */
const gchar *
sharokey_client_get_api_url (SharokeyClient *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  return self->api_url;
}

/**
 * sharokey_client_set_api_url:
 * @self: a client
 * @api_url: (nullable): the base URL of the API, or %NULL for
 *   %SHAROKEY_DEFAULT_API_URL
 *
 * Sets the base URL of the API, e.g. `https://api.sharokey.com/api/v1`.
 * The URL is checked when a call starts.
 */
void
sharokey_client_set_api_url (SharokeyClient *self,
                             const gchar    *api_url)
{
  gchar *old;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));

  if (api_url == NULL || *api_url == '\0')
    api_url = SHAROKEY_DEFAULT_API_URL;
  if (g_strcmp0 (self->api_url, api_url) == 0)
    return;
  g_mutex_lock (&self->lock);
  old = self->api_url;
  self->api_url = g_strdup (api_url);
  g_mutex_unlock (&self->lock);
  g_free (old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_URL]);
}

/**
 * sharokey_client_get_timeout:
 * @self: a client
 *
 * Gets the timeout of a call.
 *
 * Returns: the timeout in seconds; 0 means none
 */
guint
sharokey_client_get_timeout (SharokeyClient *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), 0);
  return self->timeout;
}

/* The session carries the timeout and the user agent, and libsoup wants
 * those set before any request: a change starts a new session, while calls
 * in flight keep the old one alive. */
static void
drop_session (SharokeyClient *self)
{
  SoupSession *old, *old_sync;

  g_mutex_lock (&self->lock);
  old = g_steal_pointer (&self->session);
  old_sync = g_steal_pointer (&self->sync_session);
  g_mutex_unlock (&self->lock);
  g_clear_object (&old);
  g_clear_object (&old_sync);
}

/**
 * sharokey_client_set_timeout:
 * @self: a client
 * @timeout: the timeout in seconds, or 0 for none
 *
 * Sets how long a call may take in all (see #SharokeyClient:timeout), for
 * the calls started from now on.
 */
void
sharokey_client_set_timeout (SharokeyClient *self,
                             guint           timeout)
{
  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (timeout <= MAX_TIMEOUT);

  if (self->timeout == timeout)
    return;
  self->timeout = timeout;
  drop_session (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * sharokey_client_get_user_agent:
 * @self: a client
 *
 * Gets the `User-Agent` sent with every call.
 *
 * Returns: the user agent
 */
const gchar *
sharokey_client_get_user_agent (SharokeyClient *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  return self->user_agent;
}

/**
 * sharokey_client_set_user_agent:
 * @self: a client
 * @user_agent: (nullable): the user agent, or %NULL for the default
 *
 * Sets the `User-Agent` sent with the calls started from now on.
 */
void
sharokey_client_set_user_agent (SharokeyClient *self,
                                const gchar    *user_agent)
{
  gchar *old;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));

  if (user_agent == NULL || *user_agent == '\0')
    user_agent = DEFAULT_USER_AGENT;
  if (g_strcmp0 (self->user_agent, user_agent) == 0)
    return;
  g_mutex_lock (&self->lock);
  old = self->user_agent;
  self->user_agent = g_strdup (user_agent);
  g_mutex_unlock (&self->lock);
  g_free (old);
  drop_session (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_AGENT]);
}

/**
 * sharokey_client_get_config:
 * @self: a client
 *
 * Describes the client's configuration without revealing the token:
 * `{"api_url": …, "timeout": …, "has_token": …}`.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
sharokey_client_get_config (SharokeyClient *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "api_url");
  json_builder_add_string_value (builder, self->api_url);
  json_builder_set_member_name (builder, "timeout");
  json_builder_add_int_value (builder, self->timeout);
  json_builder_set_member_name (builder, "has_token");
  json_builder_add_boolean_value (builder, self->token != NULL && *self->token != '\0');
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* --- internals used by the transport --- */

SoupSession *
_sharokey_client_dup_session (SharokeyClient *self,
                              gboolean        for_sync)
{
  SoupSession **slot = for_sync ? &self->sync_session : &self->session;
  SoupSession *session;

  g_mutex_lock (&self->lock);
  if (*slot == NULL)
    /* Enough connections for many concurrent creates to one host. */
    *slot = g_object_new (SOUP_TYPE_SESSION,
                          "timeout", self->timeout,
                          "user-agent", self->user_agent,
                          "max-conns", 32,
                          "max-conns-per-host", 16,
                          NULL);
  session = g_object_ref (*slot);
  g_mutex_unlock (&self->lock);
  return session;
}

gboolean
_sharokey_client_check_ready (SharokeyClient  *self,
                              gboolean         need_token,
                              GError         **error)
{
  g_autoptr(GUri) uri = NULL;
  const gchar *scheme, *host;

  if (need_token && (self->token == NULL || *self->token == '\0'))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION,
                           _("Token is required"));
      return FALSE;
    }
  /* A set token is sent even where none is needed (health). */
  if (self->token != NULL)
    for (const guchar *p = (const guchar *) self->token; *p; p++)
      if (*p <= 0x20 || *p == 0x7f)
        {
          /* Would break, or inject into, the Authorization header. */
          g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                               _("The token contains spaces or control characters"));
          return FALSE;
        }

  uri = g_uri_parse (self->api_url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  host = uri ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || *host == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("The API URL must be an http:// or https:// URL"));
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !_sharokey_host_is_loopback (host))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("Plain http:// is only allowed for a loopback address; use https://"));
      return FALSE;
    }
  return TRUE;
}

/* --- simple calls: one request, one envelope --- */

typedef enum {
  CALL_PLAIN,
  CALL_LIST,
} CallKind;

static void
on_simple_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  JsonNode *node;

  node = _sharokey_client_send_finish (SHAROKEY_CLIENT (source), result, &error);
  if (node != NULL && GPOINTER_TO_INT (g_task_get_task_data (task)) == CALL_LIST)
    node = _sharokey_list_normalize (node, &error);
  if (node == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

static void
simple_call (SharokeyClient      *self,
             gpointer             source_tag,
             CallKind             kind,
             const gchar         *method,
             const gchar         *path,
             const gchar * const *query,
             GBytes              *body,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, GINT_TO_POINTER (kind), NULL);
  _sharokey_client_send_async (self, method, path, query, body, NULL, cancellable,
                               on_simple_done, task);
}

static JsonNode *
simple_finish (SharokeyClient  *self,
               GAsyncResult    *result,
               gpointer         source_tag,
               GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Fails the call in the caller's context when an argument is missing. */
static gboolean
report_missing (SharokeyClient      *self,
                const gchar         *value,
                const gchar         *message,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  if (value != NULL && *value != '\0')
    return FALSE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION, "%s", message);
  return TRUE;
}

static gchar *
item_path (const gchar *collection,
           const gchar *id)
{
  g_autofree gchar *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strconcat (collection, "/", escaped, NULL);
}

static void
list_call (SharokeyClient      *self,
           gpointer             source_tag,
           const gchar         *path,
           guint                limit,
           const gchar         *status,
           const gchar         *creator,
           const gchar         *search,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GPtrArray) query = g_ptr_array_new_with_free_func (g_free);

  if (limit > 0)
    {
      g_ptr_array_add (query, g_strdup ("limit"));
      g_ptr_array_add (query, g_strdup_printf ("%u", limit));
    }
#define ADD_QUERY(name, value) \
  if (value != NULL && *value != '\0') \
    { \
      g_ptr_array_add (query, g_strdup (name)); \
      g_ptr_array_add (query, g_strdup (value)); \
    }
  ADD_QUERY ("status", status)
  ADD_QUERY ("creator", creator)
  ADD_QUERY ("search", search)
#undef ADD_QUERY
  g_ptr_array_add (query, NULL);

  simple_call (self, source_tag, CALL_LIST, SOUP_METHOD_GET, path,
               (const gchar * const *) query->pdata, NULL,
               cancellable, callback, user_data);
}


/* --- create --- */

typedef struct {
  gchar *content;              /* plaintext: wiped as soon as it is encrypted */
  guint hours;
  guint views;
  SharokeySecretOptions *options;
  gchar *key_b;                /* wiped when freed */
} CreateData;

typedef struct {
  GBytes *body;
  gchar *key_b;
} BuiltBody;

static void
create_data_free (CreateData *data)
{
  sharokey_secret_free (data->content);
  sharokey_secret_free (data->key_b);
  g_clear_object (&data->options);
  g_free (data);
}

static void
built_body_free (BuiltBody *built)
{
  g_clear_pointer (&built->body, g_bytes_unref);
  sharokey_secret_free (built->key_b);
  g_free (built);
}

static void
build_body_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CreateData *data = task_data;
  BuiltBody *built = g_new0 (BuiltBody, 1);
  GError *error = NULL;

  built->body = _sharokey_secret_body_build (data->content, data->hours, data->views,
                                             data->options, &built->key_b, &error);
  if (built->body == NULL)
    {
      built_body_free (built);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, built, (GDestroyNotify) built_body_free);
}

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CreateData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  JsonNode *data_node;
  JsonObject *object;
  const gchar *access_url;
  gchar *share_url;

  node = _sharokey_client_send_finish (SHAROKEY_CLIENT (source), result, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data_node = json_object_get_member (json_node_get_object (node), "data");
  object = (data_node && JSON_NODE_HOLDS_OBJECT (data_node)) ? json_node_get_object (data_node) : NULL;
  access_url = _sharokey_object_get_string (object, "access_url");
  if (!_sharokey_share_url_is_acceptable (access_url, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The link is the only place keyB ever goes. */
  share_url = g_strconcat (access_url, "#", data->key_b, NULL);
  json_object_set_string_member (object, "share_url", share_url);
  sharokey_secret_free (share_url);
  g_task_return_pointer (task, g_steal_pointer (&node), (GDestroyNotify) json_node_unref);
}

static void
on_body_built (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  CreateData *data = g_task_get_task_data (task);
  BuiltBody *built;
  GError *error = NULL;

  g_clear_pointer (&data->content, sharokey_secret_free);

  built = g_task_propagate_pointer (G_TASK (result), &error);
  if (built == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  data->key_b = g_steal_pointer (&built->key_b);
  _sharokey_client_send_async (SHAROKEY_CLIENT (source), SOUP_METHOD_POST, "/secrets", NULL,
                               built->body, data->options, g_task_get_cancellable (task),
                               on_created, task);
  built_body_free (built);
}

/**
 * sharokey_client_create_async:
 * @self: a client
 * @content: the secret text: valid UTF-8, 1 to 255 characters
 * @hours: hours until the secret expires, 1 to 8760
 * @views: how many times it can be viewed, 1 to 1000
 * @options: (nullable): description, message, protections and attachments,
 *   or %NULL
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async): called when the secret is created or the call
 *   failed
 * @user_data: data for @callback
 *
 * Creates a secret. The content and the options are validated first
 * (nothing is sent when they are invalid, the error is
 * %SHAROKEY_ERROR_VALIDATION or %SHAROKEY_ERROR_ATTACHMENT); then a new key
 * is generated and the content and attachments are encrypted in a worker
 * thread, and the ciphertext is posted. A create is never sent twice.
 *
 * While the body uploads, @options emits
 * [signal@SecretOptions::progress] in the thread-default main context of
 * the caller. Do not change @options until the call completes.
 *
 * Call [method@Client.create_finish] from @callback to get the result.
 */
void
sharokey_client_create_async (SharokeyClient        *self,
                              const gchar           *content,
                              guint                  hours,
                              guint                  views,
                              SharokeySecretOptions *options,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  GError *error = NULL;
  CreateData *data;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (options == NULL || SHAROKEY_IS_SECRET_OPTIONS (options));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sharokey_client_create_async);

  if (!_sharokey_client_check_ready (self, TRUE, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (CreateData, 1);
  data->content = g_strdup (content ? content : "");
  data->hours = hours;
  data->views = views;
  data->options = options ? g_object_ref (options) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);

  /* Validation, PBKDF2 and AES-GCM run off the caller's thread; the worker
   * task reports back to this context, which then sends. */
  worker = g_task_new (self, cancellable, on_body_built, g_steal_pointer (&task));
  g_task_set_source_tag (worker, build_body_thread);
  g_task_set_task_data (worker, data, NULL);
  g_task_run_in_thread (worker, build_body_thread);
}

/**
 * sharokey_client_create_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.create_async].
 *
 * The result is the API's envelope; its `data` object describes the
 * secret (`slug`, `access_url`, `expiration`, …) and has a `share_url`
 * member added by the client: `access_url#keyB`, the link to give to the
 * recipient. Handle it as a secret: anyone with the link can open it.
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_create_finish (SharokeyClient  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  return simple_finish (self, result, sharokey_client_create_async, error);
}

/**
 * sharokey_client_create_sync:
 * @self: a client
 * @content: the secret text: valid UTF-8, 1 to 255 characters
 * @hours: hours until the secret expires, 1 to 8760
 * @views: how many times it can be viewed, 1 to 1000
 * @options: (nullable): description, message, protections and attachments,
 *   or %NULL
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Creates a secret, blocking the calling thread; see
 * [method@Client.create_async] and [method@Client.create_finish].
 * [signal@SecretOptions::progress] is emitted in the calling thread.
 *
 * Returns: (transfer full): the response envelope, with `data.share_url`
 *   added, or %NULL on error
 */
JsonNode *
sharokey_client_create_sync (SharokeyClient        *self,
                             const gchar           *content,
                             guint                  hours,
                             guint                  views,
                             SharokeySecretOptions *options,
                             GCancellable          *cancellable,
                             GError               **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (sharokey_client_create_finish,
             sharokey_client_create_async (self, content, hours, views, options, cancellable,
                                           _sharokey_sync_on_result, &sync));
}

/* --- secrets --- */

/**
 * sharokey_client_list_async:
 * @self: a client
 * @limit: the largest number of secrets to return, or 0 for the server's
 *   default
 * @status: (nullable): `"active"` or `"expired"`, or %NULL for both
 * @creator: (nullable): only secrets created by this e-mail address, or %NULL
 * @search: (nullable): only secrets whose description contains this text,
 *   or %NULL
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async): called when the list is ready or the call failed
 * @user_data: data for @callback
 *
 * Lists the secrets of the account, most recent first. Retried on network
 * and server errors. Call [method@Client.list_finish] to get the result.
 */
void
sharokey_client_list_async (SharokeyClient      *self,
                            guint                limit,
                            const gchar         *status,
                            const gchar         *creator,
                            const gchar         *search,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  list_call (self, sharokey_client_list_async, "/secrets", limit, status, creator, search,
             cancellable, callback, user_data);
}

/**
 * sharokey_client_list_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.list_async].
 *
 * Whatever the shape of the server's answer, the envelope returned has
 * `data.items`, the array of secrets, and `data.pagination` when the
 * server sent pagination figures.
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_list_finish (SharokeyClient  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  return simple_finish (self, result, sharokey_client_list_async, error);
}

/**
 * sharokey_client_list_sync:
 * @self: a client
 * @limit: the largest number of secrets to return, or 0 for the server's
 *   default
 * @status: (nullable): `"active"` or `"expired"`, or %NULL for both
 * @creator: (nullable): only secrets created by this e-mail address, or %NULL
 * @search: (nullable): only secrets whose description contains this text,
 *   or %NULL
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Lists the secrets of the account, blocking the calling thread; see
 * [method@Client.list_finish] for the result.
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_list_sync (SharokeyClient  *self,
                           guint            limit,
                           const gchar     *status,
                           const gchar     *creator,
                           const gchar     *search,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (sharokey_client_list_finish,
             sharokey_client_list_async (self, limit, status, creator, search, cancellable,
                                         _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_get_async:
 * @self: a client
 * @slug: the secret's identifier
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async): called when the details are ready or the call
 *   failed
 * @user_data: data for @callback
 *
 * Gets the details of a secret (never its content). Fails with
 * %SHAROKEY_ERROR_NOT_FOUND when there is no such secret. Call
 * [method@Client.get_finish] to get the result.
 */
void
sharokey_client_get_async (SharokeyClient      *self,
                           const gchar         *slug,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree gchar *path = NULL;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (report_missing (self, slug, _("Secret slug is required"), sharokey_client_get_async,
                      cancellable, callback, user_data))
    return;
  path = item_path ("/secrets", slug);
  simple_call (self, sharokey_client_get_async, CALL_PLAIN, SOUP_METHOD_GET, path, NULL, NULL,
               cancellable, callback, user_data);
}

/**
 * sharokey_client_get_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.get_async].
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_get_finish (SharokeyClient  *self,
                            GAsyncResult    *result,
                            GError         **error)
{
  return simple_finish (self, result, sharokey_client_get_async, error);
}

/**
 * sharokey_client_get_sync:
 * @self: a client
 * @slug: the secret's identifier
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Gets the details of a secret, blocking the calling thread.
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_get_sync (SharokeyClient  *self,
                          const gchar     *slug,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (sharokey_client_get_finish,
             sharokey_client_get_async (self, slug, cancellable, _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_delete_async:
 * @self: a client
 * @slug: the secret's identifier
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async): called when the secret is deleted or the call
 *   failed
 * @user_data: data for @callback
 *
 * Expires a secret now and clears its content on the server. Call
 * [method@Client.delete_finish] to get the result.
 */
void
sharokey_client_delete_async (SharokeyClient      *self,
                              const gchar         *slug,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree gchar *path = NULL;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (report_missing (self, slug, _("Secret slug is required"), sharokey_client_delete_async,
                      cancellable, callback, user_data))
    return;
  path = item_path ("/secrets", slug);
  simple_call (self, sharokey_client_delete_async, CALL_PLAIN, SOUP_METHOD_DELETE, path, NULL,
               NULL, cancellable, callback, user_data);
}

/**
 * sharokey_client_delete_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.delete_async].
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_delete_finish (SharokeyClient  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  return simple_finish (self, result, sharokey_client_delete_async, error);
}

/**
 * sharokey_client_delete_sync:
 * @self: a client
 * @slug: the secret's identifier
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Expires a secret now, blocking the calling thread.
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_delete_sync (SharokeyClient  *self,
                             const gchar     *slug,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (sharokey_client_delete_finish,
             sharokey_client_delete_async (self, slug, cancellable, _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_stats_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async): called when the statistics are ready or the
 *   call failed
 * @user_data: data for @callback
 *
 * Gets the secret statistics of the account (`total_secrets`,
 * `active_secrets`, `expired_secrets`, `total_views`, …). Call
 * [method@Client.stats_finish] to get the result.
 */
void
sharokey_client_stats_async (SharokeyClient      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  simple_call (self, sharokey_client_stats_async, CALL_PLAIN, SOUP_METHOD_GET, "/secrets-stats",
               NULL, NULL, cancellable, callback, user_data);
}

/**
 * sharokey_client_stats_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.stats_async].
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_stats_finish (SharokeyClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  return simple_finish (self, result, sharokey_client_stats_async, error);
}

/**
 * sharokey_client_stats_sync:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Gets the secret statistics of the account, blocking the calling thread.
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_stats_sync (SharokeyClient  *self,
                            GCancellable    *cancellable,
                            GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (sharokey_client_stats_finish,
             sharokey_client_stats_async (self, cancellable, _sharokey_sync_on_result, &sync));
}

/* --- secret requests --- */

/**
 * sharokey_client_create_request_async:
 * @self: a client
 * @options: what to ask for: expirations, views, message, e-mails, locale
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async): called when the request is created or the call
 *   failed
 * @user_data: data for @callback
 *
 * Creates a secret request: a link that lets someone send you a secret.
 * @options is validated first; nothing is sent when it is invalid. Call
 * [method@Client.create_request_finish] to get the result.
 */
void
sharokey_client_create_request_async (SharokeyClient         *self,
                                      SharokeyRequestOptions *options,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  g_autoptr(JsonNode) body_node = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  gchar *text;
  gsize len;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (options));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  body_node = _sharokey_request_body_build (options, &error);
  if (body_node == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, sharokey_client_create_request_async);
      g_task_return_error (task, error);
      return;
    }
  text = json_to_string (body_node, FALSE);
  len = strlen (text);
  body = g_bytes_new_take (text, len);
  simple_call (self, sharokey_client_create_request_async, CALL_PLAIN, SOUP_METHOD_POST,
               "/requests", NULL, body, cancellable, callback, user_data);
}

/**
 * sharokey_client_create_request_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.create_request_async]. The request (`token`,
 * `url`, …) is in `data.request`, or in `data` itself with some servers.
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_create_request_finish (SharokeyClient  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  return simple_finish (self, result, sharokey_client_create_request_async, error);
}

/**
 * sharokey_client_create_request_sync:
 * @self: a client
 * @options: what to ask for: expirations, views, message, e-mails, locale
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Creates a secret request, blocking the calling thread.
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_create_request_sync (SharokeyClient          *self,
                                     SharokeyRequestOptions  *options,
                                     GCancellable            *cancellable,
                                     GError                 **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (sharokey_client_create_request_finish,
             sharokey_client_create_request_async (self, options, cancellable,
                                                   _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_list_requests_async:
 * @self: a client
 * @limit: the largest number of requests to return, or 0 for the server's
 *   default
 * @status: (nullable): `"active"` or `"expired"`, or %NULL for both
 * @creator: (nullable): only requests created by this e-mail address, or
 *   %NULL
 * @search: (nullable): only requests whose description contains this text,
 *   or %NULL
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async): called when the list is ready or the call failed
 * @user_data: data for @callback
 *
 * Lists the secret requests of the account, most recent first. Call
 * [method@Client.list_requests_finish] to get the result.
 */
void
sharokey_client_list_requests_async (SharokeyClient      *self,
                                     guint                limit,
                                     const gchar         *status,
                                     const gchar         *creator,
                                     const gchar         *search,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  list_call (self, sharokey_client_list_requests_async, "/requests", limit, status, creator,
             search, cancellable, callback, user_data);
}

/**
 * sharokey_client_list_requests_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.list_requests_async]. As with
 * [method@Client.list_finish], the requests are in `data.items` and the
 * pagination figures, when sent, in `data.pagination`.
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_list_requests_finish (SharokeyClient  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return simple_finish (self, result, sharokey_client_list_requests_async, error);
}

/**
 * sharokey_client_list_requests_sync:
 * @self: a client
 * @limit: the largest number of requests to return, or 0 for the server's
 *   default
 * @status: (nullable): `"active"` or `"expired"`, or %NULL for both
 * @creator: (nullable): only requests created by this e-mail address, or
 *   %NULL
 * @search: (nullable): only requests whose description contains this text,
 *   or %NULL
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Lists the secret requests of the account, blocking the calling thread.
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_list_requests_sync (SharokeyClient  *self,
                                    guint            limit,
                                    const gchar     *status,
                                    const gchar     *creator,
                                    const gchar     *search,
                                    GCancellable    *cancellable,
                                    GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (sharokey_client_list_requests_finish,
             sharokey_client_list_requests_async (self, limit, status, creator, search,
                                                  cancellable, _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_get_request_async:
 * @self: a client
 * @token: the request's token (or its numeric id)
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async): called when the details are ready or the call
 *   failed
 * @user_data: data for @callback
 *
 * Gets the details of a secret request. Call
 * [method@Client.get_request_finish] to get the result.
 */
void
sharokey_client_get_request_async (SharokeyClient      *self,
                                   const gchar         *token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree gchar *path = NULL;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (report_missing (self, token, _("Request token is required"),
                      sharokey_client_get_request_async, cancellable, callback, user_data))
    return;
  path = item_path ("/requests", token);
  simple_call (self, sharokey_client_get_request_async, CALL_PLAIN, SOUP_METHOD_GET, path,
               NULL, NULL, cancellable, callback, user_data);
}

/**
 * sharokey_client_get_request_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.get_request_async].
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_get_request_finish (SharokeyClient  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  return simple_finish (self, result, sharokey_client_get_request_async, error);
}

/**
 * sharokey_client_get_request_sync:
 * @self: a client
 * @token: the request's token (or its numeric id)
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Gets the details of a secret request, blocking the calling thread.
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_get_request_sync (SharokeyClient  *self,
                                  const gchar     *token,
                                  GCancellable    *cancellable,
                                  GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (sharokey_client_get_request_finish,
             sharokey_client_get_request_async (self, token, cancellable,
                                                _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_delete_request_async:
 * @self: a client
 * @token: the request's token (or its numeric id)
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async): called when the request is deleted or the call
 *   failed
 * @user_data: data for @callback
 *
 * Expires a secret request now. Call
 * [method@Client.delete_request_finish] to get the result.
 */
void
sharokey_client_delete_request_async (SharokeyClient      *self,
                                      const gchar         *token,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree gchar *path = NULL;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (report_missing (self, token, _("Request token is required"),
                      sharokey_client_delete_request_async, cancellable, callback, user_data))
    return;
  path = item_path ("/requests", token);
  simple_call (self, sharokey_client_delete_request_async, CALL_PLAIN, SOUP_METHOD_DELETE, path,
               NULL, NULL, cancellable, callback, user_data);
}

/**
 * sharokey_client_delete_request_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.delete_request_async].
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_delete_request_finish (SharokeyClient  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  return simple_finish (self, result, sharokey_client_delete_request_async, error);
}

/**
 * sharokey_client_delete_request_sync:
 * @self: a client
 * @token: the request's token (or its numeric id)
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Expires a secret request now, blocking the calling thread.
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_delete_request_sync (SharokeyClient  *self,
                                     const gchar     *token,
                                     GCancellable    *cancellable,
                                     GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (sharokey_client_delete_request_finish,
             sharokey_client_delete_request_async (self, token, cancellable,
                                                   _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_request_stats_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async): called when the statistics are ready or the
 *   call failed
 * @user_data: data for @callback
 *
 * Gets the secret-request statistics of the account (`total_requests`,
 * `active_requests`, …). Call [method@Client.request_stats_finish] to get
 * the result.
 */
void
sharokey_client_request_stats_async (SharokeyClient      *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  simple_call (self, sharokey_client_request_stats_async, CALL_PLAIN, SOUP_METHOD_GET,
               "/requests-stats", NULL, NULL, cancellable, callback, user_data);
}

/**
 * sharokey_client_request_stats_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.request_stats_async].
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_request_stats_finish (SharokeyClient  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return simple_finish (self, result, sharokey_client_request_stats_async, error);
}

/**
 * sharokey_client_request_stats_sync:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Gets the secret-request statistics, blocking the calling thread.
 *
 * Returns: (transfer full): the response envelope, or %NULL on error
 */
JsonNode *
sharokey_client_request_stats_sync (SharokeyClient  *self,
                                    GCancellable    *cancellable,
                                    GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (sharokey_client_request_stats_finish,
             sharokey_client_request_stats_async (self, cancellable, _sharokey_sync_on_result, &sync));
}

/* --- health and diagnostics --- */

static void
on_health_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  node = _sharokey_client_send_finish (SHAROKEY_CLIENT (source), result, &error);
  if (node == NULL)
    {
      g_autoptr(JsonBuilder) builder = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* A server problem is the answer, not a failure. */
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, "error");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
    }
  g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

/**
 * sharokey_client_health_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async): called when the answer is ready
 * @user_data: data for @callback
 *
 * Asks the server whether it is up. Needs no token. Call
 * [method@Client.health_finish] to get the result.
 */
void
sharokey_client_health_async (SharokeyClient      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sharokey_client_health_async);
  _sharokey_client_send_async (self, SOUP_METHOD_GET, "/health", NULL, NULL, NULL, cancellable,
                               on_health_done, task);
}

/**
 * sharokey_client_health_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.health_async]. This never fails because of the
 * server or the network: when the server cannot be reached or answers
 * with an error, the result is `{"status": "error", "message": …}`. It
 * fails only when the call was cancelled.
 *
 * Returns: (transfer full): the server's answer, e.g.
 *   `{"success": true, "status": "ok", …}`, or %NULL when cancelled
 */
JsonNode *
sharokey_client_health_finish (SharokeyClient  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  return simple_finish (self, result, sharokey_client_health_async, error);
}

/**
 * sharokey_client_health_sync:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Asks the server whether it is up, blocking the calling thread; see
 * [method@Client.health_finish].
 *
 * Returns: (transfer full): the server's answer, or
 *   `{"status": "error", "message": …}`; %NULL only when cancelled
 */
JsonNode *
sharokey_client_health_sync (SharokeyClient  *self,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (sharokey_client_health_finish,
             sharokey_client_health_async (self, cancellable, _sharokey_sync_on_result, &sync));
}
