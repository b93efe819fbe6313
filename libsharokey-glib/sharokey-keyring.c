/* sharokey-keyring.c: the API token in the keyring, through libsecret
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"

#ifdef HAVE_LIBSECRET
#include <libsecret/secret.h>
#endif

/* The resolver waits at most this long for a keyring that is running but
 * does not answer; a missing bus or service fails at once. */
#define RESOLVER_DEADLINE_MS 5000
/* How long reaching a Secret Service may take: connecting to the bus,
 * starting the service if need be, opening a session with it. What comes
 * after (an unlock prompt the user answers) is not bounded. */
#define REACH_TIMEOUT_MS 5000
#define SECRET_SERVICE_NAME "org.freedesktop.secrets"

/**
 * sharokey_keyring_is_available:
 *
 * Tells whether this build of the library can use a keyring: it was built
 * with libsecret. Whether a Secret Service can be reached is only known
 * when a call is made: it then fails with
 * %SHAROKEY_ERROR_KEYRING_UNAVAILABLE.
 *
 * Returns: %TRUE when built with keyring support
 */
gboolean
sharokey_keyring_is_available (void)
{
#ifdef HAVE_LIBSECRET
  return TRUE;
#else
  return FALSE;
#endif
}

/**
 * sharokey_keyring_normalize_api_url:
 * @api_url: (nullable): an API URL, or %NULL for %SHAROKEY_DEFAULT_API_URL
 * @error: return location for a #GError, or %NULL
 *
 * Gives the form of an API URL under which its token is kept in the
 * keyring: the scheme and host in lower case, without the scheme's default
 * port, a fragment or trailing slashes. Two URLs that reach the same API
 * share one token.
 *
 * Returns: (transfer full): the normalized URL, or %NULL with a
 *   %SHAROKEY_ERROR_VALIDATION error when [func@validate_api_url] refuses
 *   @api_url
 */
gchar *
sharokey_keyring_normalize_api_url (const gchar  *api_url,
                                    GError      **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree gchar *scheme = NULL, *host = NULL, *path = NULL;
  gint port;
  gsize len;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (api_url == NULL || *api_url == '\0')
    api_url = SHAROKEY_DEFAULT_API_URL;
  if (!sharokey_validate_api_url (api_url, error))
    return NULL;
  uri = g_uri_parse (api_url, G_URI_FLAGS_ENCODED, error);
  if (uri == NULL)
    return NULL;

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  port = g_uri_get_port (uri);
  if ((port == 443 && g_str_equal (scheme, "https")) || (port == 80 && g_str_equal (scheme, "http")))
    port = -1;
  path = g_strdup (g_uri_get_path (uri));
  len = strlen (path);
  /* The client joins paths after dropping them (build_url). */
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';
  return g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, host, port,
                     path, g_uri_get_query (uri), NULL);
}

typedef enum {
  KEYRING_STORE,
  KEYRING_LOOKUP,
  KEYRING_CLEAR,
} KeyringOp;

typedef struct {
  KeyringOp op;
  gchar *api_url;       /* normalized */
  gchar *token;         /* wiped */
  gboolean quiet;       /* the resolver: no activation, no unlock prompt */
#ifdef HAVE_LIBSECRET
  GDBusConnection *bus;
  SecretService *service;
  GCancellable *reach_cancellable;   /* by the caller, or after REACH_TIMEOUT_MS */
  GCancellable *caller_cancellable;
  gulong caller_handler;
  GSource *reach_timeout;
  gboolean reach_timed_out;
#endif
} KeyringCall;

/* Passes a cancellation on to the cancellable in @user_data. */
static void
on_caller_cancelled (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

#ifdef HAVE_LIBSECRET
/* The service answered in time: the bound no longer applies. */
static void
reach_done (KeyringCall *call)
{
  if (call->reach_timeout != NULL)
    {
      g_source_destroy (call->reach_timeout);
      g_clear_pointer (&call->reach_timeout, g_source_unref);
    }
  if (call->caller_handler != 0)
    g_cancellable_disconnect (call->caller_cancellable, call->caller_handler);
  call->caller_handler = 0;
}
#endif

static void
keyring_call_free (gpointer data)
{
  KeyringCall *call = data;

  g_free (call->api_url);
  sharokey_wipe_free (call->token);
#ifdef HAVE_LIBSECRET
  reach_done (call);
  g_clear_object (&call->bus);
  g_clear_object (&call->service);
  g_clear_object (&call->reach_cancellable);
  g_clear_object (&call->caller_cancellable);
#endif
  g_free (call);
}

#ifdef HAVE_LIBSECRET

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    SHAROKEY_KEYRING_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "api-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static GHashTable *
call_attributes (KeyringCall *call)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "api-url", call->api_url);
  return attributes;
}

/* The same name libsecret talks to. */
static const gchar *
service_bus_name (void)
{
  const gchar *name = g_getenv ("SECRET_SERVICE_BUS_NAME");

  return name != NULL && *name != '\0' ? name : SECRET_SERVICE_NAME;
}

/* Without an address GDBus would try to autolaunch a bus (dbus-launch,
 * X11): a process with no session must fail at once instead. */
static gboolean
session_bus_known (void)
{
  const gchar *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  const gchar *runtime_dir = g_getenv ("XDG_RUNTIME_DIR");
  g_autofree gchar *socket_path = NULL;

  if (address != NULL && *address != '\0')
    return TRUE;
  if (runtime_dir == NULL || !g_path_is_absolute (runtime_dir))
    return FALSE;
  socket_path = g_build_filename (runtime_dir, "bus", NULL);
  return g_file_test (socket_path, G_FILE_TEST_EXISTS);
}

/* The bus could not be reached, or no service answered on it. */
static gboolean
is_unreachable (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    return TRUE;
  if (error->domain != G_DBUS_ERROR)
    return FALSE;
  switch (error->code)
    {
    case G_DBUS_ERROR_SERVICE_UNKNOWN:
    case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
    case G_DBUS_ERROR_NO_REPLY:
    case G_DBUS_ERROR_TIMEOUT:
    case G_DBUS_ERROR_TIMED_OUT:
    case G_DBUS_ERROR_DISCONNECTED:
    case G_DBUS_ERROR_NO_SERVER:
    case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
    case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
    case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
    case G_DBUS_ERROR_SPAWN_FAILED:
    case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Reports a failure of the bus or of the keyring in SHAROKEY_ERROR. */
static void
return_keyring_error (GTask  *task,
                      GError *error)
{
  KeyringCall *call = g_task_get_task_data (task);

  if (call->reach_timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_KEYRING_UNAVAILABLE,
                               _("No keyring (Secret Service) answered within %d seconds"),
                               REACH_TIMEOUT_MS / 1000);
      g_error_free (error);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  /* "GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: " says nothing more. */
  g_dbus_error_strip_remote_error (error);
  if (is_unreachable (error))
    g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_KEYRING_UNAVAILABLE,
                             /* TRANSLATORS: %s is the reason, from D-Bus */
                             _("No keyring (Secret Service) can be reached: %s"),
                             error->message);
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_KEYRING, "%s",
                             _("The keyring is locked"));
  else
    g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_KEYRING,
                             /* TRANSLATORS: %s is the keyring's reason */
                             _("The keyring failed: %s"), error->message);
  g_error_free (error);
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_service_store_finish (SECRET_SERVICE (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else if (error != NULL)
    return_keyring_error (task, error);
  else
    g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_KEYRING, "%s",
                             _("The keyring did not store the token"));
}

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeyringCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  GList *items = secret_service_search_finish (SECRET_SERVICE (source), result, &error);
  g_autoptr(SecretValue) value = NULL;

  if (error != NULL)
    {
      return_keyring_error (task, error);
      return;
    }
  if (items != NULL)
    value = secret_item_get_secret (items->data);
  if (items != NULL && value == NULL && !call->quiet)
    g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_KEYRING, "%s",
                             _("The keyring is locked"));
  else if (value != NULL)
    g_task_return_pointer (task, g_strdup (secret_value_get_text (value)),
                           (GDestroyNotify) sharokey_wipe_free);
  else
    /* Nothing stored, or (for the resolver) locked: no token from here. */
    g_task_return_pointer (task, NULL, NULL);
  g_list_free_full (items, g_object_unref);
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean removed = secret_service_clear_finish (SECRET_SERVICE (source), result, &error);

  if (error != NULL)
    return_keyring_error (task, error);
  else
    g_task_return_boolean (task, removed);
}

static void
on_service (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KeyringCall *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GHashTable) attributes = NULL;
  GError *error = NULL;

  call->service = secret_service_open_finish (result, &error);
  if (call->service == NULL)
    {
      return_keyring_error (task, error);
      return;
    }
  reach_done (call);

  attributes = call_attributes (call);
  switch (call->op)
    {
    case KEYRING_STORE:
      {
        g_autoptr(SecretValue) value = secret_value_new (call->token, -1, "text/plain");
        /* TRANSLATORS: the item's label in the keyring; %s is the API URL */
        g_autofree gchar *label = g_strdup_printf (_("Sharokey API token for %s"), call->api_url);

        secret_service_store (call->service, token_schema (), attributes,
                              SECRET_COLLECTION_DEFAULT, label, value, cancellable,
                              on_stored, g_steal_pointer (&task));
      }
      break;
    case KEYRING_LOOKUP:
      secret_service_search (call->service, token_schema (), attributes,
                             SECRET_SEARCH_LOAD_SECRETS | (call->quiet ? 0 : SECRET_SEARCH_UNLOCK),
                             cancellable, on_searched, g_steal_pointer (&task));
      break;
    case KEYRING_CLEAR:
    default:
      secret_service_clear (call->service, token_schema (), attributes, cancellable,
                            on_cleared, g_steal_pointer (&task));
      break;
    }
}

static void
open_service (GTask *task)
{
  KeyringCall *call = g_task_get_task_data (task);

  /* With its session, so that a service that does not answer is found
   * out within the bound. */
  secret_service_open (SECRET_TYPE_SERVICE, NULL, SECRET_SERVICE_OPEN_SESSION,
                       call->reach_cancellable, on_service, task);
}

static void
on_started (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source),
                                                             result, &error);

  if (reply == NULL)
    {
      return_keyring_error (task, error);
      g_object_unref (task);
      return;
    }
  open_service (task);
}

static void
on_name_owner (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  KeyringCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source),
                                                             result, &error);
  gboolean owned = FALSE;

  if (reply == NULL)
    {
      return_keyring_error (task, error);
      g_object_unref (task);
      return;
    }
  g_variant_get (reply, "(b)", &owned);
  if (owned)
    {
      open_service (task);
      return;
    }
  /* The resolver never starts a daemon: that could prompt, or hang. */
  if (call->quiet)
    {
      g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_KEYRING_UNAVAILABLE, "%s",
                               _("No keyring (Secret Service) is running"));
      g_object_unref (task);
      return;
    }
  /* Started by the bus, within a bound. */
  g_dbus_connection_call (call->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "StartServiceByName",
                          g_variant_new ("(su)", service_bus_name (), 0), G_VARIANT_TYPE ("(u)"),
                          G_DBUS_CALL_FLAGS_NONE, REACH_TIMEOUT_MS,
                          call->reach_cancellable, on_started, task);
}

static void
on_bus (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  GTask *task = user_data;
  KeyringCall *call = g_task_get_task_data (task);
  GError *error = NULL;

  call->bus = g_bus_get_finish (result, &error);
  if (call->bus == NULL)
    {
      return_keyring_error (task, error);
      g_object_unref (task);
      return;
    }
  g_dbus_connection_call (call->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          g_variant_new ("(s)", service_bus_name ()), G_VARIANT_TYPE ("(b)"),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, REACH_TIMEOUT_MS,
                          call->reach_cancellable, on_name_owner, task);
}

static gboolean
on_reach_timeout (gpointer user_data)
{
  KeyringCall *call = user_data;

  call->reach_timed_out = TRUE;
  g_cancellable_cancel (call->reach_cancellable);
  g_clear_pointer (&call->reach_timeout, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* Connects to the session bus, then finds (or starts) the Secret Service,
 * all within REACH_TIMEOUT_MS. */
static void
reach_service (GTask *task)
{
  KeyringCall *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  call->reach_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      call->caller_cancellable = g_object_ref (cancellable);
      call->caller_handler = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (on_caller_cancelled),
                                                    g_object_ref (call->reach_cancellable),
                                                    g_object_unref);
    }
  /* GLib keeps the shared bus connection of a g_bus_get () cancelled
   * before it connected, and gives its error to the next callers: a call
   * cancelled already must not get that far. */
  if (g_cancellable_is_cancelled (call->reach_cancellable))
    {
      GError *error = NULL;

      g_cancellable_set_error_if_cancelled (call->reach_cancellable, &error);
      return_keyring_error (task, error);
      g_object_unref (task);
      return;
    }
  call->reach_timeout = g_timeout_source_new (REACH_TIMEOUT_MS);
  g_source_set_callback (call->reach_timeout, on_reach_timeout, call, NULL);
  g_source_attach (call->reach_timeout, g_task_get_context (task));
  g_bus_get (G_BUS_TYPE_SESSION, call->reach_cancellable, on_bus, task);
}

#endif /* HAVE_LIBSECRET */

static void
keyring_call_async (KeyringOp            op,
                    const gchar         *api_url,
                    const gchar         *token,
                    gboolean             quiet,
                    GCancellable        *cancellable,
                    gpointer             source_tag,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  KeyringCall *call = g_new0 (KeyringCall, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, keyring_call_free);
  call->op = op;
  call->quiet = quiet;
  call->token = g_strdup (token);
  call->api_url = sharokey_keyring_normalize_api_url (api_url, &error);
  if (call->api_url == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (op == KEYRING_STORE && (token == NULL || *token == '\0' || !g_utf8_validate (token, -1, NULL)))
    {
      g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION, "%s",
                               _("Token is required"));
      g_object_unref (task);
      return;
    }

#ifdef HAVE_LIBSECRET
  if (!session_bus_known ())
    {
      g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_KEYRING_UNAVAILABLE, "%s",
                               _("No keyring (Secret Service): there is no session bus"));
      g_object_unref (task);
      return;
    }
  reach_service (task);
#else
  g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_KEYRING_UNAVAILABLE, "%s",
                           _("This build of libsharokey-glib has no keyring support (libsecret)"));
  g_object_unref (task);
#endif
}

static void
on_sync_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
on_sync_deadline (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs a call to its end in a context of its own, so that the caller's
 * main loop does not run meanwhile; with @deadline_ms, cancelled then. */
static GAsyncResult *
keyring_call_sync (KeyringOp     op,
                   const gchar  *api_url,
                   const gchar  *token,
                   gboolean      quiet,
                   guint         deadline_ms,
                   GCancellable *cancellable,
                   gpointer      source_tag,
                   gboolean     *timed_out)
{
  GMainContext *context = g_main_context_new ();
  g_autoptr(GCancellable) bounded = g_cancellable_new ();
  GAsyncResult *result = NULL;
  GSource *deadline = NULL;
  gulong handler = 0;

  g_main_context_push_thread_default (context);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                     g_object_ref (bounded), g_object_unref);
  if (deadline_ms > 0)
    {
      deadline = g_timeout_source_new (deadline_ms);
      g_source_set_callback (deadline, on_sync_deadline, bounded, NULL);
      g_source_attach (deadline, context);
    }
  keyring_call_async (op, api_url, token, quiet, bounded, source_tag, on_sync_done, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  if (timed_out != NULL)
    *timed_out = deadline != NULL && g_source_is_destroyed (deadline) &&
                 (cancellable == NULL || !g_cancellable_is_cancelled (cancellable));
  if (deadline != NULL)
    {
      g_source_destroy (deadline);
      g_source_unref (deadline);
    }
  g_cancellable_disconnect (cancellable, handler);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  return result;
}

/**
 * sharokey_keyring_store_token_async:
 * @api_url: (nullable): the API URL the token is for, or %NULL for
 *   %SHAROKEY_DEFAULT_API_URL
 * @token: the API token
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token is stored
 * @user_data: data for @callback
 *
 * Stores @token in the user's default keyring (Secret Service) for
 * @api_url, replacing the one stored there before. The item has the
 * schema %SHAROKEY_KEYRING_SCHEMA_NAME and its attribute `api-url` is
 * the URL as [func@keyring_normalize_api_url] gives it. The keyring may
 * ask the user to unlock it.
 *
 * A `token` in the configuration file ranks above the keyring (see
 * [func@Config.resolve]): remove it there so that it does not hide the
 * stored one.
 */
void
sharokey_keyring_store_token_async (const gchar         *api_url,
                                    const gchar         *token,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  keyring_call_async (KEYRING_STORE, api_url, token, FALSE, cancellable,
                      sharokey_keyring_store_token_async, callback, user_data);
}

/**
 * sharokey_keyring_store_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [func@keyring_store_token_async].
 *
 * Returns: %TRUE when stored; otherwise %FALSE with
 *   %SHAROKEY_ERROR_KEYRING_UNAVAILABLE (no keyring could be reached:
 *   nothing was stored), %SHAROKEY_ERROR_KEYRING (it stayed locked or
 *   refused), %SHAROKEY_ERROR_VALIDATION (a bad API URL or an empty
 *   token) or %G_IO_ERROR_CANCELLED
 */
gboolean
sharokey_keyring_store_token_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sharokey_keyring_store_token_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sharokey_keyring_store_token_sync:
 * @api_url: (nullable): the API URL the token is for, or %NULL for
 *   %SHAROKEY_DEFAULT_API_URL
 * @token: the API token
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError, or %NULL
 *
 * Stores @token in the keyring for @api_url, blocking: see
 * [func@keyring_store_token_async].
 *
 * Returns: %TRUE when stored; otherwise %FALSE with an error, as
 *   [func@keyring_store_token_finish]
 */
gboolean
sharokey_keyring_store_token_sync (const gchar   *api_url,
                                   const gchar   *token,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_autoptr(GAsyncResult) result = keyring_call_sync (KEYRING_STORE, api_url, token, FALSE, 0,
                                                      cancellable,
                                                      sharokey_keyring_store_token_async, NULL);

  return sharokey_keyring_store_token_finish (result, error);
}

/**
 * sharokey_keyring_lookup_token_async:
 * @api_url: (nullable): the API URL, or %NULL for %SHAROKEY_DEFAULT_API_URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer
 * @user_data: data for @callback
 *
 * Looks up the token stored in the keyring for @api_url. The keyring may
 * ask the user to unlock it. To find the token the way every Sharokey
 * program does, use [func@Config.resolve] instead.
 */
void
sharokey_keyring_lookup_token_async (const gchar         *api_url,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  keyring_call_async (KEYRING_LOOKUP, api_url, NULL, FALSE, cancellable,
                      sharokey_keyring_lookup_token_async, callback, user_data);
}

/**
 * sharokey_keyring_lookup_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [func@keyring_lookup_token_async]. Free the token with
 * sharokey_wipe_free().
 *
 * Returns: (transfer full) (nullable): the token, or %NULL: with no
 *   error when none is stored for the URL, else with the errors of
 *   [func@keyring_store_token_finish]
 */
gchar *
sharokey_keyring_lookup_token_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sharokey_keyring_lookup_token_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sharokey_keyring_lookup_token_sync:
 * @api_url: (nullable): the API URL, or %NULL for %SHAROKEY_DEFAULT_API_URL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError, or %NULL
 *
 * Looks up the token stored in the keyring for @api_url, blocking: see
 * [func@keyring_lookup_token_async].
 *
 * Returns: (transfer full) (nullable): the token, or %NULL, as
 *   [func@keyring_lookup_token_finish]
 */
gchar *
sharokey_keyring_lookup_token_sync (const gchar   *api_url,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_autoptr(GAsyncResult) result = keyring_call_sync (KEYRING_LOOKUP, api_url, NULL, FALSE, 0,
                                                      cancellable,
                                                      sharokey_keyring_lookup_token_async, NULL);

  return sharokey_keyring_lookup_token_finish (result, error);
}

/**
 * sharokey_keyring_clear_token_async:
 * @api_url: (nullable): the API URL, or %NULL for %SHAROKEY_DEFAULT_API_URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Removes the token stored in the keyring for @api_url.
 */
void
sharokey_keyring_clear_token_async (const gchar         *api_url,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  keyring_call_async (KEYRING_CLEAR, api_url, NULL, FALSE, cancellable,
                      sharokey_keyring_clear_token_async, callback, user_data);
}

/**
 * sharokey_keyring_clear_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [func@keyring_clear_token_async].
 *
 * Returns: %TRUE when a token was removed; %FALSE with no error when
 *   none was stored, else with the errors of
 *   [func@keyring_store_token_finish]
 */
gboolean
sharokey_keyring_clear_token_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sharokey_keyring_clear_token_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sharokey_keyring_clear_token_sync:
 * @api_url: (nullable): the API URL, or %NULL for %SHAROKEY_DEFAULT_API_URL
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError, or %NULL
 *
 * Removes the token stored in the keyring for @api_url, blocking.
 *
 * Returns: as [func@keyring_clear_token_finish]
 */
gboolean
sharokey_keyring_clear_token_sync (const gchar   *api_url,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_autoptr(GAsyncResult) result = keyring_call_sync (KEYRING_CLEAR, api_url, NULL, FALSE, 0,
                                                      cancellable,
                                                      sharokey_keyring_clear_token_async, NULL);

  return sharokey_keyring_clear_token_finish (result, error);
}

/* The resolver's look-up: never prompts, never starts a daemon, gives up
 * after a bound; any failure only means "no token from the keyring". */
gchar *
_sharokey_keyring_lookup_for_resolver (const gchar *api_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gboolean timed_out = FALSE;
  gchar *token;

  if (!sharokey_keyring_is_available ())
    return NULL;
  result = keyring_call_sync (KEYRING_LOOKUP, api_url, NULL, TRUE, RESOLVER_DEADLINE_MS, NULL,
                              sharokey_keyring_lookup_token_async, &timed_out);
  token = sharokey_keyring_lookup_token_finish (result, &error);
  if (error != NULL)
    g_debug ("No token from the keyring: %s%s", error->message,
             timed_out ? " (it did not answer in time)" : "");
  return token;
}
