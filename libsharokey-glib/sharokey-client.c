/* sharokey-client.c: SharokeyClient, the asynchronous Sharokey API client
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-client-private.h"
#include "sharokey-crypto-pool.h"

/**
 * SharokeyClient:
 *
 * A client of the Sharokey API.
 *
 * Every call exists as an `_async`/`_finish` pair and as a `_sync` variant.
 * The asynchronous calls run in the thread-default main context of the
 * caller; the synchronous ones run the same code on a private main context,
 * so they never dispatch sources of the caller's loop. Results are typed:
 * a [class@Secret], a [class@SecretRequest], a [class@Page] (a
 * [iface@Gio.ListModel] ready for a `GtkListView`), [class@Stats] or
 * [class@RequestStats]; deletions and [method@Client.health_async] give a
 * boolean. Each object keeps the server's JSON for its item (for example
 * [method@Secret.get_json]), so nothing the server sent is lost.
 *
 * Secrets are encrypted before they leave the process: [method@Client.create_async]
 * generates a fresh key, encrypts the content and the attachments in a
 * worker thread, sends the ciphertext and the first 8 characters of the key
 * (keyA), and returns a [class@Secret] whose [property@Secret:share-url]
 * holds the other 24 (keyB) in its fragment. The server never sees the
 * plaintext nor keyB.
 *
 * The client talks HTTPS, with certificates verified; plain `http://` is
 * accepted only for a loopback host (see [func@validate_api_url]).
 * [property@Client:api-url], [property@Client:timeout],
 * [property@Client:user-agent] and [property@Client:session] define the
 * connection and are set once, at construction; [property@Client:token]
 * may change at any time, from any thread: each call uses the token it
 * found when it started. All calls share one HTTP session with
 * keep-alive, so a client should be reused for many calls.
 *
 * Failures from the API are reported in the %SHAROKEY_ERROR domain (see
 * [error@Sharokey.Error]); failures below HTTP keep their own domain
 * (%G_TLS_ERROR, %G_RESOLVER_ERROR, %G_IO_ERROR), and cancellation is
 * %G_IO_ERROR_CANCELLED.
 */

struct _SharokeyClient {
  GObject parent_instance;

  GMutex lock;               /* guards token and the sessions */
  gchar *token;              /* wiped when replaced */
  gchar *api_url;            /* construct-only, like the three below */
  gboolean api_url_valid;    /* checked once: every call needs the answer */
  guint timeout;
  gchar *user_agent;
  SoupSession *session;      /* the caller's, or ours for calls from a caller's context */
  SoupSession *sync_session; /* for _sync calls: see _sharokey_client_dup_session () */
  gboolean own_session;
};

G_DEFINE_FINAL_TYPE (SharokeyClient, sharokey_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOKEN,
  PROP_API_URL,
  PROP_TIMEOUT,
  PROP_USER_AGENT,
  PROP_SESSION,
  PROP_HAS_TOKEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DEFAULT_USER_AGENT "libsharokey-glib/" PACKAGE_VERSION

static void
sharokey_client_finalize (GObject *object)
{
  SharokeyClient *self = SHAROKEY_CLIENT (object);

  sharokey_wipe_free (self->token);
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
      g_value_take_string (value, sharokey_client_dup_token (self));
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
    case PROP_SESSION:
      g_mutex_lock (&self->lock);
      g_value_set_object (value, self->own_session ? NULL : self->session);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_HAS_TOKEN:
      g_value_set_boolean (value, sharokey_client_get_has_token (self));
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
  const gchar *text;

  switch (prop_id)
    {
    case PROP_TOKEN:
      sharokey_client_set_token (self, g_value_get_string (value));
      break;
    case PROP_API_URL:
      text = g_value_get_string (value);
      g_free (self->api_url);
      self->api_url = g_strdup (text != NULL && *text != '\0' ? text : SHAROKEY_DEFAULT_API_URL);
      self->api_url_valid = sharokey_validate_api_url (self->api_url, NULL);
      break;
    case PROP_TIMEOUT:
      self->timeout = g_value_get_uint (value);
      break;
    case PROP_USER_AGENT:
      text = g_value_get_string (value);
      g_free (self->user_agent);
      self->user_agent = g_strdup (text != NULL && *text != '\0' ? text : DEFAULT_USER_AGENT);
      break;
    case PROP_SESSION:
      g_clear_object (&self->session);
      self->session = g_value_dup_object (value);
      self->own_session = self->session == NULL;
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
   *
   * It may change at any time, from any thread; a call uses the token
   * set when it started. Reading the property returns a copy, as
   * [method@Client.dup_token] does.
   */
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyClient:api-url:
   *
   * The base URL of the API; defaults to %SHAROKEY_DEFAULT_API_URL. A
   * URL that [func@validate_api_url] refuses makes every call fail with
   * %SHAROKEY_ERROR_VALIDATION before anything is sent.
   */
  properties[PROP_API_URL] =
    g_param_spec_string ("api-url", NULL, NULL, SHAROKEY_DEFAULT_API_URL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyClient:timeout:
   *
   * How long, in seconds, a call may take in all, from connecting to the
   * last byte of the answer, retries included, before it fails with
   * %SHAROKEY_ERROR_TIMEOUT; 0 waits forever.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, SHAROKEY_MAX_TIMEOUT, SHAROKEY_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyClient:user-agent:
   *
   * The `User-Agent` header of every call; defaults to
   * `libsharokey-glib/VERSION`. Like [property@Client:timeout], it
   * configures the client's own sessions.
   */
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, DEFAULT_USER_AGENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyClient:session:
   *
   * An HTTP session of the caller's (with its own TLS database, proxy
   * resolver, logger, timeout…) for every call of this client, or %NULL
   * for sessions of the client's own. Reading it gives back the caller's
   * session only.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyClient:has-token:
   *
   * Whether [property@Client:token] is set (and not empty), without
   * revealing it: what a settings page or a "sign in" button binds to.
   */
  properties[PROP_HAS_TOKEN] =
    g_param_spec_boolean ("has-token", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sharokey_client_init (SharokeyClient *self)
{
  g_mutex_init (&self->lock);
  self->api_url = g_strdup (SHAROKEY_DEFAULT_API_URL);
  self->api_url_valid = sharokey_validate_api_url (self->api_url, NULL);
  self->timeout = SHAROKEY_DEFAULT_TIMEOUT;
  self->user_agent = g_strdup (DEFAULT_USER_AGENT);
  self->own_session = TRUE;
}

/**
 * sharokey_client_new:
 * @token: (nullable): the API token, or %NULL to set it later
 *
 * Creates a client of the hosted API (%SHAROKEY_DEFAULT_API_URL) with the
 * default timeout. Use g_object_new() with [property@Client:api-url],
 * [property@Client:timeout] or [property@Client:session] for another
 * connection, or [ctor@Client.new_for_config].
 *
 * Returns: (transfer full): a new client
 */
SharokeyClient *
sharokey_client_new (const gchar *token)
{
  /* Not through a "token" GValue: GLib would free its copy unwiped. */
  SharokeyClient *client = g_object_new (SHAROKEY_TYPE_CLIENT, NULL);

  sharokey_client_set_token (client, token);
  return client;
}

/**
 * sharokey_client_new_for_config:
 * @config: resolved settings
 *
 * Creates a client with the token, API URL and timeout of @config.
 *
 * Returns: (transfer full): a new client
 */
SharokeyClient *
sharokey_client_new_for_config (SharokeyConfig *config)
{
  SharokeyClient *client;

  g_return_val_if_fail (SHAROKEY_IS_CONFIG (config), NULL);

  client = g_object_new (SHAROKEY_TYPE_CLIENT,
                         "api-url", sharokey_config_get_api_url (config),
                         "timeout", sharokey_config_get_timeout (config),
                         NULL);
  sharokey_client_set_token (client, sharokey_config_get_token (config));
  return client;
}

/**
 * sharokey_client_new_from_environment:
 * @error: return location for a #GError, or %NULL
 *
 * Creates a client configured the way the Sharokey tools are: the token,
 * API URL and timeout come from the environment variables
 * `SHAROKEY_TOKEN`, `SHAROKEY_API_URL` and `SHAROKEY_TIMEOUT`, else from
 * `$XDG_CONFIG_HOME/sharokey/config.json` (by default
 * `~/.config/sharokey/config.json`; members `token`, `api_url` and
 * `timeout`), else the defaults. See [func@Config.resolve], which this
 * calls with no explicit values.
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
  g_autoptr(SharokeyConfig) config = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  config = sharokey_config_resolve (NULL, NULL, NULL, error);
  if (config == NULL)
    return NULL;
  if (sharokey_config_get_path_exposed (config))
    g_warning (_("%s is readable by other users; it holds your API token, "
                 "restrict it with: chmod 600 %s"),
               sharokey_config_get_path (config), sharokey_config_get_path (config));
  return sharokey_client_new_for_config (config);
}

/* --- properties --- */

/**
 * sharokey_client_dup_token:
 * @self: a client
 *
 * Gets a copy of the API token. Safe from any thread, even while another
 * one sets a new token. Free it with sharokey_wipe_free().
 *
 * Returns: (transfer full) (nullable): the token, or %NULL if none is set
 */
gchar *
sharokey_client_dup_token (SharokeyClient *self)
{
  gchar *token;

  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);

  g_mutex_lock (&self->lock);
  token = g_strdup (self->token);
  g_mutex_unlock (&self->lock);
  return token;
}

/**
 * sharokey_client_set_token:
 * @self: a client
 * @token: (nullable): the API token, or %NULL
 *
 * Sets the API token used by the calls started from now on; calls in
 * flight keep the one they started with. Safe from any thread;
 * [signal@GObject.Object::notify] is emitted in the calling thread, for
 * [property@Client:has-token] too when it changes.
 */
void
sharokey_client_set_token (SharokeyClient *self,
                           const gchar    *token)
{
  gchar *old;
  gboolean changed, had_token = FALSE;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));

  g_mutex_lock (&self->lock);
  changed = g_strcmp0 (self->token, token) != 0;
  old = changed ? self->token : NULL;
  if (changed)
    {
      had_token = old != NULL && *old != '\0';
      self->token = g_strdup (token);
    }
  g_mutex_unlock (&self->lock);
  if (!changed)
    return;
  sharokey_wipe_free (old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
  if (had_token != (token != NULL && *token != '\0'))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_TOKEN]);
}

/**
 * sharokey_client_get_has_token:
 * @self: a client
 *
 * Gets [property@Client:has-token]: whether a token is set, without
 * copying it. Safe from any thread.
 *
 * Returns: %TRUE when a non-empty token is set
 */
gboolean
sharokey_client_get_has_token (SharokeyClient *self)
{
  gboolean has_token;

  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), FALSE);

  g_mutex_lock (&self->lock);
  has_token = self->token != NULL && *self->token != '\0';
  g_mutex_unlock (&self->lock);
  return has_token;
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

/* --- internals used by the transport --- */

static gboolean
api_url_is_loopback (const gchar *api_url)
{
  g_autoptr(GUri) uri = g_uri_parse (api_url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL &&
         _sharokey_host_is_loopback (g_uri_get_host (uri));
}

SoupSession *
_sharokey_client_dup_session (SharokeyClient *self,
                              gboolean        for_sync)
{
  SoupSession **slot;
  SoupSession *session;

  g_mutex_lock (&self->lock);
  /* A caller's session serves every call: it was given for its settings. */
  slot = (for_sync && self->own_session) ? &self->sync_session : &self->session;
  if (*slot == NULL)
    {
      /* Enough connections for many concurrent creates to one host. */
      *slot = g_object_new (SOUP_TYPE_SESSION,
                            "timeout", self->timeout,
                            "user-agent", self->user_agent,
                            "max-conns", 32,
                            "max-conns-per-host", 16,
                            NULL);
      /* No proxy is ever used for this machine: looking one up would load
       * GIO's proxy modules (GNOME settings, libproxy) at every start. */
      if (api_url_is_loopback (self->api_url))
        soup_session_set_proxy_resolver (*slot, NULL);
    }
  session = g_object_ref (*slot);
  g_mutex_unlock (&self->lock);
  return session;
}

gboolean
_sharokey_client_check_ready (SharokeyClient  *self,
                              const gchar     *token,
                              gboolean         need_token,
                              GError         **error)
{
  if (need_token && (token == NULL || *token == '\0'))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION,
                           _("Token is required"));
      return FALSE;
    }
  /* A set token is sent even where none is needed (health). */
  if (token != NULL)
    for (const guchar *p = (const guchar *) token; *p; p++)
      if (*p <= 0x20 || *p == 0x7f)
        {
          /* Would break, or inject into, the Authorization header. */
          g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                               _("The token contains spaces or control characters"));
          return FALSE;
        }
  /* Checked again only to say what is wrong. */
  return self->api_url_valid || sharokey_validate_api_url (self->api_url, error);
}

/* --- calls: one request, one typed result --- */

/* What a call's answer becomes. */
typedef enum {
  RESULT_SECRET,
  RESULT_SECRET_PAGE,
  RESULT_REQUEST,
  RESULT_REQUEST_PAGE,
  RESULT_STATS,
  RESULT_REQUEST_STATS,
  RESULT_DELETED,
} ResultKind;

typedef struct {
  ResultKind kind;
  guint page;                  /* the page asked for, for lists */
} CallData;

/* The `data` object of an envelope. */
static JsonNode *
envelope_data (JsonNode  *root,
               GError   **error)
{
  JsonNode *data = json_object_get_member (json_node_get_object (root), "data");

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                           _("The server's answer has no data object"));
      return NULL;
    }
  return data;
}

/* A request answer holds the request in `data.request`, or in `data`. */
static JsonNode *
request_item (JsonNode  *root,
              GError   **error)
{
  JsonNode *data = envelope_data (root, error);
  JsonNode *inner;

  if (data == NULL)
    return NULL;
  inner = json_object_get_member (json_node_get_object (data), "request");
  return (inner != NULL && JSON_NODE_HOLDS_OBJECT (inner)) ? inner : data;
}

static SharokeyPage *
page_from (JsonNode  *root,
           gboolean   requests,
           guint      asked,
           GError   **error)
{
  g_autoptr(JsonNode) normalized = _sharokey_list_normalize (json_node_ref (root), error);
  g_autoptr(GPtrArray) items = NULL;
  JsonObject *data;
  JsonArray *array;

  if (normalized == NULL)
    return NULL;
  data = json_node_get_object (json_object_get_member (json_node_get_object (normalized), "data"));
  array = json_object_get_array_member (data, "items");
  items = g_ptr_array_new_full (json_array_get_length (array), g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                               _("The server's list answer has an item that is not an object"));
          return NULL;
        }
      g_ptr_array_add (items, requests ? (gpointer) _sharokey_secret_request_new (element)
                                       : (gpointer) _sharokey_secret_new (element, NULL));
    }
  return _sharokey_page_new (requests ? SHAROKEY_TYPE_SECRET_REQUEST : SHAROKEY_TYPE_SECRET,
                             g_steal_pointer (&items),
                             json_object_get_member (data, "pagination"), asked);
}

/* The typed object of an answer, or NULL with @error. */
static gpointer
result_from (const CallData  *call,
             JsonNode        *root,
             GError         **error)
{
  JsonNode *item;

  switch (call->kind)
    {
    case RESULT_SECRET:
      item = envelope_data (root, error);
      return item ? _sharokey_secret_new (item, NULL) : NULL;
    case RESULT_REQUEST:
      item = request_item (root, error);
      return item ? _sharokey_secret_request_new (item) : NULL;
    case RESULT_STATS:
      item = envelope_data (root, error);
      return item ? _sharokey_stats_new (item) : NULL;
    case RESULT_REQUEST_STATS:
      item = envelope_data (root, error);
      return item ? _sharokey_request_stats_new (item) : NULL;
    case RESULT_SECRET_PAGE:
      return page_from (root, FALSE, call->page, error);
    case RESULT_REQUEST_PAGE:
      return page_from (root, TRUE, call->page, error);
    case RESULT_DELETED:
    default:
      g_assert_not_reached ();
    }
}

static void
on_call_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const CallData *call = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  gpointer object;

  node = _sharokey_client_send_finish (SHAROKEY_CLIENT (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A deletion may be answered with nothing at all. */
  if (call->kind == RESULT_DELETED)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL, "%s",
                               _("The server's answer has no data object"));
      return;
    }
  object = result_from (call, node, &error);
  if (object == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, object, g_object_unref);
}

static void
start_call (SharokeyClient      *self,
            gpointer             source_tag,
            ResultKind           kind,
            guint                page,
            const gchar         *method,
            const gchar         *path,
            const gchar * const *query,
            GBytes              *body,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CallData *call = g_new0 (CallData, 1);

  call->kind = kind;
  call->page = page;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, g_free);
  _sharokey_client_send_async (self, method, path, query, body, NULL, NULL, cancellable,
                               on_call_done, task);
}

static gboolean
valid_result (SharokeyClient  *self,
              GAsyncResult    *result,
              gpointer         source_tag,
              GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return TRUE;
}

static gpointer
object_finish (SharokeyClient  *self,
               GAsyncResult    *result,
               gpointer         source_tag,
               GError         **error)
{
  if (!valid_result (self, result, source_tag, error))
    return NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
boolean_finish (SharokeyClient  *self,
                GAsyncResult    *result,
                gpointer         source_tag,
                GError         **error)
{
  if (!valid_result (self, result, source_tag, error))
    return FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Fails the call in the caller's context when a slug or request token is
 * missing, or is "." or "..": a URL resolves those as path segments, so
 * the call would reach another endpoint (DELETE /secrets/.. is the API's
 * root). Nothing is sent. */
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
  gboolean dot_segment = value != NULL && (g_str_equal (value, ".") || g_str_equal (value, ".."));

  if (value != NULL && *value != '\0' && !dot_segment)
    return FALSE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  if (dot_segment)
    g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                             _("“%s” is not a slug nor a request token"), value);
  else
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
           ResultKind           kind,
           const gchar         *path,
           guint                limit,
           guint                page,
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
  if (page > 0)
    {
      g_ptr_array_add (query, g_strdup ("page"));
      g_ptr_array_add (query, g_strdup_printf ("%u", page));
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

  start_call (self, source_tag, kind, page, SOUP_METHOD_GET, path,
              (const gchar * const *) query->pdata, NULL, cancellable, callback, user_data);
}


/* --- create --- */

typedef struct {
  gchar *content;              /* plaintext: wiped as soon as it is encrypted */
  guint hours;
  guint views;
  SharokeySecretOptions *options;  /* the caller's, copied when the call started */
  gchar *key_b;                /* wiped when freed */
  GFileProgressCallback progress;
  gpointer progress_data;
  GDestroyNotify progress_data_destroy;
} CreateData;

typedef struct {
  GBytes *body;
  gchar *key_b;
} BuiltBody;

static void
create_data_free (CreateData *data)
{
  sharokey_wipe_free (data->content);
  sharokey_wipe_free (data->key_b);
  g_clear_object (&data->options);
  if (data->progress_data_destroy != NULL)
    data->progress_data_destroy (data->progress_data);
  g_free (data);
}

static void
built_body_free (BuiltBody *built)
{
  g_clear_pointer (&built->body, g_bytes_unref);
  sharokey_wipe_free (built->key_b);
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
  JsonNode *item;
  const gchar *access_url;
  gchar *share_url;

  node = _sharokey_client_send_finish (SHAROKEY_CLIENT (source), result, &error);
  if (node == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                             _("The server's answer has no data object"));
      g_task_return_error (task, error);
      return;
    }

  item = envelope_data (node, &error);
  if (item == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  access_url = _sharokey_json_string (json_node_get_object (item), "access_url");
  if (!_sharokey_share_url_is_acceptable (access_url, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The link is the only place keyB ever goes: the secret object holds it
   * (and wipes it), never the server's JSON. */
  share_url = g_strconcat (access_url, "#", data->key_b, NULL);
  g_task_return_pointer (task, _sharokey_secret_new (item, share_url), g_object_unref);
  sharokey_wipe_free (share_url);
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

  g_clear_pointer (&data->content, sharokey_wipe_free);

  built = g_task_propagate_pointer (G_TASK (result), &error);
  if (built == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  data->key_b = g_steal_pointer (&built->key_b);
  _sharokey_client_send_async (SHAROKEY_CLIENT (source), SOUP_METHOD_POST, "/secrets", NULL,
                               built->body, data->progress, data->progress_data,
                               g_task_get_cancellable (task), on_created, task);
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
 * @progress_callback: (nullable) (scope notified) (closure progress_data)
 *   (destroy progress_data_destroy): called while the body uploads, or %NULL
 * @progress_data: data for @progress_callback
 * @progress_data_destroy: (nullable): frees @progress_data when the call is
 *   over, or %NULL
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async) (closure user_data): called when the secret is
 *   created or the call failed
 * @user_data: data for @callback
 *
 * Creates a secret. The content and the options are validated first
 * (nothing is sent when they are invalid, the error is
 * %SHAROKEY_ERROR_VALIDATION or %SHAROKEY_ERROR_ATTACHMENT); then a new key
 * is generated and the content and attachments are encrypted in a worker
 * thread, and the ciphertext is posted. A create is never sent twice.
 *
 * @options is copied when the call starts: changing it afterwards, or
 * sharing it between calls, has no effect on this one.
 *
 * While the body uploads, @progress_callback gets the bytes sent so far
 * and the size of the body, in the thread-default main context of the
 * caller. Each call has its own: two creates never mix their progress.
 *
 * Call [method@Client.create_finish] from @callback to get the result.
 */
void
sharokey_client_create_async (SharokeyClient        *self,
                              const gchar           *content,
                              guint                  hours,
                              guint                  views,
                              SharokeySecretOptions *options,
                              GFileProgressCallback  progress_callback,
                              gpointer               progress_data,
                              GDestroyNotify         progress_data_destroy,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  GError *error = NULL;
  CreateData *data;
  gchar *token;
  gboolean ready;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (options == NULL || SHAROKEY_IS_SECRET_OPTIONS (options));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sharokey_client_create_async);

  data = g_new0 (CreateData, 1);
  data->progress = progress_callback;
  data->progress_data = progress_data;
  data->progress_data_destroy = progress_data_destroy;
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);

  token = sharokey_client_dup_token (self);
  ready = _sharokey_client_check_ready (self, token, TRUE, &error);
  sharokey_wipe_free (token);
  if (!ready)
    {
      g_task_return_error (task, error);
      return;
    }

  data->content = g_strdup (content ? content : "");
  data->hours = hours;
  data->views = views;
  data->options = options ? _sharokey_secret_options_copy (options) : NULL;

  /* Validation, PBKDF2 and AES-GCM run off the caller's thread, on the
   * copy; the worker task reports back to this context, which then sends. */
  worker = g_task_new (self, cancellable, on_body_built, g_steal_pointer (&task));
  g_task_set_source_tag (worker, build_body_thread);
  g_task_set_task_data (worker, data, NULL);
  _sharokey_crypto_pool_run (worker, build_body_thread);

  /* The HTTP session (libsoup's types, its pool) is made while the worker
   * encrypts, not after: a lone create costs the longer of the two, not
   * their sum. Nothing goes on the network before the body is built. */
  g_object_unref (_sharokey_client_dup_session (self, _sharokey_sync_is_current ()));
}

/**
 * sharokey_client_create_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.create_async].
 *
 * The secret's [property@Secret:share-url] is the link to give to the
 * recipient, `access-url#keyB`; it exists only in this object, and is
 * wiped from memory when the object is finalized. Handle it as a
 * secret: anyone with the link can open it.
 *
 * Returns: (transfer full): the new secret, or %NULL on error
 */
SharokeySecret *
sharokey_client_create_finish (SharokeyClient  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  return object_finish (self, result, sharokey_client_create_async, error);
}

/**
 * sharokey_client_create_sync:
 * @self: a client
 * @content: the secret text: valid UTF-8, 1 to 255 characters
 * @hours: hours until the secret expires, 1 to 8760
 * @views: how many times it can be viewed, 1 to 1000
 * @options: (nullable): description, message, protections and attachments,
 *   or %NULL
 * @progress_callback: (nullable) (scope call) (closure progress_data):
 *   called in the calling thread while the body uploads, or %NULL
 * @progress_data: data for @progress_callback
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Creates a secret, blocking the calling thread; see
 * [method@Client.create_async] and [method@Client.create_finish].
 *
 * Returns: (transfer full): the new secret, with its share link, or %NULL
 *   on error
 */
SharokeySecret *
sharokey_client_create_sync (SharokeyClient        *self,
                             const gchar           *content,
                             guint                  hours,
                             guint                  views,
                             SharokeySecretOptions *options,
                             GFileProgressCallback  progress_callback,
                             gpointer               progress_data,
                             GCancellable          *cancellable,
                             GError               **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (SharokeySecret *, sharokey_client_create_finish,
             sharokey_client_create_async (self, content, hours, views, options,
                                           progress_callback, progress_data, NULL, cancellable,
                                           _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_list_async:
 * @self: a client
 * @limit: the largest number of secrets per page, or 0 for the server's default
 * @page: the page to get, from 1, or 0 for the first
 * @status: (nullable): `"active"` or `"expired"`, or %NULL for both
 * @creator: (nullable): only secrets created by this e-mail address, or %NULL
 * @search: (nullable): only secrets whose description contains this text, or %NULL
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async) (closure user_data): called when the answer is ready or the call failed
 * @user_data: data for @callback
 *
 * Lists the secrets of the account, most recent first, one page at a time. Retried on network and server errors. Call [method@Client.list_finish] to get the result.
 */
void
sharokey_client_list_async (SharokeyClient      *self,
                            guint                limit,
                            guint                page,
                            const gchar         *status,
                            const gchar         *creator,
                            const gchar         *search,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  list_call (self, sharokey_client_list_async, RESULT_SECRET_PAGE, "/secrets", limit, page, status, creator, search,
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
 * Whatever the shape of the server's answer, the page holds the secrets of the page asked for and [property@Page:total] tells how many there are in all.
 *
 * Returns: (transfer full): the page: a list model of [class@Secret], with the pagination figures, or %NULL on error
 */
SharokeyPage *
sharokey_client_list_finish (SharokeyClient *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return object_finish (self, result, sharokey_client_list_async, error);
}

/**
 * sharokey_client_list_sync:
 * @self: a client
 * @limit: the largest number of secrets per page, or 0 for the server's default
 * @page: the page to get, from 1, or 0 for the first
 * @status: (nullable): `"active"` or `"expired"`, or %NULL for both
 * @creator: (nullable): only secrets created by this e-mail address, or %NULL
 * @search: (nullable): only secrets whose description contains this text, or %NULL
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * The blocking form of [method@Client.list_async], on the calling thread; see [method@Client.list_finish].
 *
 * Returns: (transfer full): the page: a list model of [class@Secret], with the pagination figures, or %NULL on error
 */
SharokeyPage *
sharokey_client_list_sync (SharokeyClient *self,
                           guint           limit,
                           guint           page,
                           const gchar    *status,
                           const gchar    *creator,
                           const gchar    *search,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (SharokeyPage *, sharokey_client_list_finish,
             sharokey_client_list_async (self, limit, page, status, creator, search, cancellable, _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_get_async:
 * @self: a client
 * @slug: the secret's identifier
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async) (closure user_data): called when the answer is ready or the call failed
 * @user_data: data for @callback
 *
 * Gets the details of a secret (never its content). Fails with %SHAROKEY_ERROR_NOT_FOUND when there is no such secret. Call [method@Client.get_finish] to get the result.
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
  start_call (self, sharokey_client_get_async, RESULT_SECRET, 0, SOUP_METHOD_GET, path, NULL, NULL,
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
 * Returns: (transfer full): the secret, or %NULL on error
 */
SharokeySecret *
sharokey_client_get_finish (SharokeyClient *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  return object_finish (self, result, sharokey_client_get_async, error);
}

/**
 * sharokey_client_get_sync:
 * @self: a client
 * @slug: the secret's identifier
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * The blocking form of [method@Client.get_async], on the calling thread; see [method@Client.get_finish].
 *
 * Returns: (transfer full): the secret, or %NULL on error
 */
SharokeySecret *
sharokey_client_get_sync (SharokeyClient *self,
                          const gchar    *slug,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (SharokeySecret *, sharokey_client_get_finish,
             sharokey_client_get_async (self, slug, cancellable, _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_delete_async:
 * @self: a client
 * @slug: the secret's identifier
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async) (closure user_data): called when the answer is ready or the call failed
 * @user_data: data for @callback
 *
 * Expires a secret now and clears its content on the server. Call [method@Client.delete_finish] to get the result.
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
  start_call (self, sharokey_client_delete_async, RESULT_DELETED, 0, SOUP_METHOD_DELETE, path, NULL, NULL,
              cancellable, callback, user_data);
}

/**
 * sharokey_client_delete_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.delete_async].
 *
 * Returns: %TRUE when the secret is deleted; otherwise %FALSE with @error set
 */
gboolean
sharokey_client_delete_finish (SharokeyClient *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  return boolean_finish (self, result, sharokey_client_delete_async, error);
}

/**
 * sharokey_client_delete_sync:
 * @self: a client
 * @slug: the secret's identifier
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * The blocking form of [method@Client.delete_async], on the calling thread; see [method@Client.delete_finish].
 *
 * Returns: %TRUE when the secret is deleted; otherwise %FALSE with @error set
 */
gboolean
sharokey_client_delete_sync (SharokeyClient *self,
                             const gchar    *slug,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), FALSE);
  SHAROKEY_SYNC_CALL (gboolean, sharokey_client_delete_finish,
             sharokey_client_delete_async (self, slug, cancellable, _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_stats_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async) (closure user_data): called when the answer is ready or the call failed
 * @user_data: data for @callback
 *
 * Gets the secret statistics of the account. Call [method@Client.stats_finish] to get the result.
 */
void
sharokey_client_stats_async (SharokeyClient      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_call (self, sharokey_client_stats_async, RESULT_STATS, 0, SOUP_METHOD_GET, "/secrets-stats", NULL, NULL,
              cancellable, callback, user_data);
}

/**
 * sharokey_client_stats_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.stats_async].
 *
 * Returns: (transfer full): the statistics, or %NULL on error
 */
SharokeyStats *
sharokey_client_stats_finish (SharokeyClient *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  return object_finish (self, result, sharokey_client_stats_async, error);
}

/**
 * sharokey_client_stats_sync:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * The blocking form of [method@Client.stats_async], on the calling thread; see [method@Client.stats_finish].
 *
 * Returns: (transfer full): the statistics, or %NULL on error
 */
SharokeyStats *
sharokey_client_stats_sync (SharokeyClient *self,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (SharokeyStats *, sharokey_client_stats_finish,
             sharokey_client_stats_async (self, cancellable, _sharokey_sync_on_result, &sync));
}

/* --- secret requests --- */

/* The request exists: keep its private key under its token. */
static void
on_request_created (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SharokeyClient *self = SHAROKEY_CLIENT (source);
  g_autoptr(SharokeySecretRequest) request = NULL;
  g_autoptr(GError) save_error = NULL;
  g_autofree gchar *path = NULL;
  GError *error = NULL;
  const gchar *token;

  request = object_finish (self, result, sharokey_client_create_request_async, &error);
  /* Its link is what the caller hands on: the share links' rule, before
   * anything is kept for it. */
  if (request == NULL ||
      !_sharokey_request_url_is_acceptable (sharokey_secret_request_get_url (request), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  token = sharokey_secret_request_get_token (request);
  path = token ? _sharokey_request_key_path (token, NULL) : NULL;
  /* A token that cannot name a file cannot be opened by token either: such
   * a server does not seal answers (sharokey-server's tokens are
   * alphanumeric), and the request is an ordinary one. */
  if (path == NULL)
    g_debug ("request without a usable token: no key kept");
  else if (!_sharokey_request_key_save (g_task_get_task_data (task), token, &save_error))
    {
      g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED,
                               _("Request %s was created, but its key could not be kept, so its "
                                 "answer could not be opened: %s"), token, save_error->message);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&request), g_object_unref);
}

/**
 * sharokey_client_create_request_async:
 * @self: a client
 * @options: what to ask for: expirations, views, message, e-mails, locale
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async) (closure user_data): called when the request is
 *   created or the call failed
 * @user_data: data for @callback
 *
 * Creates a secret request: a link that lets someone send you a secret.
 * @options is validated and read before this returns (nothing is sent
 * when it is invalid): changing it afterwards has no effect on this call.
 *
 * The request carries a fresh public key (`answer_public_key`) whose
 * private half is kept, readable by this user only, in
 * `$XDG_DATA_HOME/sharokey/requests/TOKEN.key`: a server that seals the
 * answer to it (sharokey-server's response page) hands it over with
 * [method@Client.open_request_async], which alone can open it. Servers
 * that do not know the field ignore it.
 * Call [method@Client.create_request_finish] to get the result.
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
  g_autoptr(GTask) task = NULL;
  SharokeyRequestKey *key;
  GString *public_key;
  GError *error = NULL;
  gchar *text;
  gsize len;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (options));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sharokey_client_create_request_async);
  body_node = _sharokey_request_body_build (options, &error);
  if (body_node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  key = _sharokey_request_key_generate ();
  g_task_set_task_data (task, key, (GDestroyNotify) _sharokey_request_key_free);
  public_key = g_string_new (NULL);
  _sharokey_base64_append (public_key, _sharokey_request_key_get_public (key),
                           SHAROKEY_P256_POINT_LENGTH);
  json_object_set_string_member (json_node_get_object (body_node), "answer_public_key", public_key->str);
  g_string_free (public_key, TRUE);

  text = json_to_string (body_node, FALSE);
  len = strlen (text);
  body = g_bytes_new_take (text, len);
  start_call (self, sharokey_client_create_request_async, RESULT_REQUEST, 0, SOUP_METHOD_POST,
              "/requests", NULL, body, cancellable, on_request_created, g_steal_pointer (&task));
}

/**
 * sharokey_client_create_request_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.create_request_async]. The request's
 * [property@SecretRequest:url] is the link to send: an answer without
 * one, or whose link is neither `https://` nor `http://` to a loopback
 * host (or holds user information or characters other than visible
 * ASCII), fails with %SHAROKEY_ERROR_PROTOCOL, as a share link would.
 *
 * Returns: (transfer full): the new request, or %NULL on error
 */
SharokeySecretRequest *
sharokey_client_create_request_finish (SharokeyClient  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  return object_finish (self, result, sharokey_client_create_request_async, error);
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
 * Returns: (transfer full): the new request, or %NULL on error
 */
SharokeySecretRequest *
sharokey_client_create_request_sync (SharokeyClient          *self,
                                     SharokeyRequestOptions  *options,
                                     GCancellable            *cancellable,
                                     GError                 **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (SharokeySecretRequest *, sharokey_client_create_request_finish,
             sharokey_client_create_request_async (self, options, cancellable,
                                                   _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_list_requests_async:
 * @self: a client
 * @limit: the largest number of requests per page, or 0 for the server's default
 * @page: the page to get, from 1, or 0 for the first
 * @status: (nullable): `"active"` or `"expired"`, or %NULL for both
 * @creator: (nullable): only requests created by this e-mail address, or %NULL
 * @search: (nullable): only requests whose description contains this text, or %NULL
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async) (closure user_data): called when the answer is ready or the call failed
 * @user_data: data for @callback
 *
 * Lists the secret requests of the account, most recent first, one page at a time. Call [method@Client.list_requests_finish] to get the result.
 */
void
sharokey_client_list_requests_async (SharokeyClient      *self,
                                     guint                limit,
                                     guint                page,
                                     const gchar         *status,
                                     const gchar         *creator,
                                     const gchar         *search,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  list_call (self, sharokey_client_list_requests_async, RESULT_REQUEST_PAGE, "/requests", limit, page, status, creator, search,
             cancellable, callback, user_data);
}

/**
 * sharokey_client_list_requests_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.list_requests_async].
 *
 * As with [method@Client.list_finish], the page reads any list shape the server answers with.
 *
 * Returns: (transfer full): the page: a list model of [class@SecretRequest], with the pagination figures, or %NULL on error
 */
SharokeyPage *
sharokey_client_list_requests_finish (SharokeyClient *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return object_finish (self, result, sharokey_client_list_requests_async, error);
}

/**
 * sharokey_client_list_requests_sync:
 * @self: a client
 * @limit: the largest number of requests per page, or 0 for the server's default
 * @page: the page to get, from 1, or 0 for the first
 * @status: (nullable): `"active"` or `"expired"`, or %NULL for both
 * @creator: (nullable): only requests created by this e-mail address, or %NULL
 * @search: (nullable): only requests whose description contains this text, or %NULL
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * The blocking form of [method@Client.list_requests_async], on the calling thread; see [method@Client.list_requests_finish].
 *
 * Returns: (transfer full): the page: a list model of [class@SecretRequest], with the pagination figures, or %NULL on error
 */
SharokeyPage *
sharokey_client_list_requests_sync (SharokeyClient *self,
                                    guint           limit,
                                    guint           page,
                                    const gchar    *status,
                                    const gchar    *creator,
                                    const gchar    *search,
                                    GCancellable   *cancellable,
                                    GError        **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (SharokeyPage *, sharokey_client_list_requests_finish,
             sharokey_client_list_requests_async (self, limit, page, status, creator, search, cancellable, _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_get_request_async:
 * @self: a client
 * @token: the request's token (or its numeric id)
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async) (closure user_data): called when the answer is ready or the call failed
 * @user_data: data for @callback
 *
 * Gets the details of a secret request. Call [method@Client.get_request_finish] to get the result.
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

  if (report_missing (self, token, _("Request token is required"), sharokey_client_get_request_async,
                      cancellable, callback, user_data))
    return;
  path = item_path ("/requests", token);
  start_call (self, sharokey_client_get_request_async, RESULT_REQUEST, 0, SOUP_METHOD_GET, path, NULL, NULL,
              cancellable, callback, user_data);
}

/**
 * sharokey_client_get_request_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.get_request_async].
 *
 * Returns: (transfer full): the request, or %NULL on error
 */
SharokeySecretRequest *
sharokey_client_get_request_finish (SharokeyClient *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return object_finish (self, result, sharokey_client_get_request_async, error);
}

/**
 * sharokey_client_get_request_sync:
 * @self: a client
 * @token: the request's token (or its numeric id)
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * The blocking form of [method@Client.get_request_async], on the calling thread; see [method@Client.get_request_finish].
 *
 * Returns: (transfer full): the request, or %NULL on error
 */
SharokeySecretRequest *
sharokey_client_get_request_sync (SharokeyClient *self,
                                  const gchar    *token,
                                  GCancellable   *cancellable,
                                  GError        **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (SharokeySecretRequest *, sharokey_client_get_request_finish,
             sharokey_client_get_request_async (self, token, cancellable, _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_delete_request_async:
 * @self: a client
 * @token: the request's token (or its numeric id)
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async) (closure user_data): called when the answer is ready or the call failed
 * @user_data: data for @callback
 *
 * Expires a secret request now. Call [method@Client.delete_request_finish] to get the result.
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

  if (report_missing (self, token, _("Request token is required"), sharokey_client_delete_request_async,
                      cancellable, callback, user_data))
    return;
  path = item_path ("/requests", token);
  start_call (self, sharokey_client_delete_request_async, RESULT_DELETED, 0, SOUP_METHOD_DELETE, path, NULL, NULL,
              cancellable, callback, user_data);
}

/**
 * sharokey_client_delete_request_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.delete_request_async].
 *
 * Returns: %TRUE when the request is deleted; otherwise %FALSE with @error set
 */
gboolean
sharokey_client_delete_request_finish (SharokeyClient *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  return boolean_finish (self, result, sharokey_client_delete_request_async, error);
}

/**
 * sharokey_client_delete_request_sync:
 * @self: a client
 * @token: the request's token (or its numeric id)
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * The blocking form of [method@Client.delete_request_async], on the calling thread; see [method@Client.delete_request_finish].
 *
 * Returns: %TRUE when the request is deleted; otherwise %FALSE with @error set
 */
gboolean
sharokey_client_delete_request_sync (SharokeyClient *self,
                                     const gchar    *token,
                                     GCancellable   *cancellable,
                                     GError        **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), FALSE);
  SHAROKEY_SYNC_CALL (gboolean, sharokey_client_delete_request_finish,
             sharokey_client_delete_request_async (self, token, cancellable, _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_request_stats_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async) (closure user_data): called when the answer is ready or the call failed
 * @user_data: data for @callback
 *
 * Gets the secret-request statistics of the account. Call [method@Client.request_stats_finish] to get the result.
 */
void
sharokey_client_request_stats_async (SharokeyClient      *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start_call (self, sharokey_client_request_stats_async, RESULT_REQUEST_STATS, 0, SOUP_METHOD_GET, "/requests-stats", NULL, NULL,
              cancellable, callback, user_data);
}

/**
 * sharokey_client_request_stats_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.request_stats_async].
 *
 * Returns: (transfer full): the statistics, or %NULL on error
 */
SharokeyRequestStats *
sharokey_client_request_stats_finish (SharokeyClient *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return object_finish (self, result, sharokey_client_request_stats_async, error);
}

/**
 * sharokey_client_request_stats_sync:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * The blocking form of [method@Client.request_stats_async], on the calling thread; see [method@Client.request_stats_finish].
 *
 * Returns: (transfer full): the statistics, or %NULL on error
 */
SharokeyRequestStats *
sharokey_client_request_stats_sync (SharokeyClient *self,
                                    GCancellable   *cancellable,
                                    GError        **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (SharokeyRequestStats *, sharokey_client_request_stats_finish,
             sharokey_client_request_stats_async (self, cancellable, _sharokey_sync_on_result, &sync));
}

/* --- health --- */

static void
on_health_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  const gchar *status;

  node = _sharokey_client_send_finish (SHAROKEY_CLIENT (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  status = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
             ? _sharokey_json_string (json_node_get_object (node), "status") : NULL;
  if (status != NULL && g_ascii_strcasecmp (status, "ok") != 0)
    {
      g_autofree gchar *shown = g_utf8_make_valid (status, -1);

      g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_SERVER,
                               _("The service says it is not healthy (status “%s”)"), shown);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * sharokey_client_health_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async) (closure user_data): called when the answer is
 *   ready
 * @user_data: data for @callback
 *
 * Asks the server whether it is up (`GET /health`). Needs no token. Call
 * [method@Client.health_finish] to get the answer.
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
  _sharokey_client_send_async (self, SOUP_METHOD_GET, "/health", NULL, NULL, NULL, NULL,
                               cancellable, on_health_done, task);
}

/**
 * sharokey_client_health_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.health_async].
 *
 * Returns: %TRUE when the service answered that it is healthy; otherwise
 *   %FALSE with @error telling why: the transport's own error when it
 *   could not be reached (%G_TLS_ERROR, %G_RESOLVER_ERROR, %G_IO_ERROR…),
 *   a %SHAROKEY_ERROR when it answered with an error or another status
 */
gboolean
sharokey_client_health_finish (SharokeyClient  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  return boolean_finish (self, result, sharokey_client_health_async, error);
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
 * Returns: %TRUE when the service is healthy; otherwise %FALSE with @error
 *   set
 */
gboolean
sharokey_client_health_sync (SharokeyClient  *self,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), FALSE);
  SHAROKEY_SYNC_CALL (gboolean, sharokey_client_health_finish,
             sharokey_client_health_async (self, cancellable, _sharokey_sync_on_result, &sync));
}
