/* sharokey-client-diagnostics.c: test() and test_connection()
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-client-private.h"

/* The checks so far (SharokeyCheck), the task's data. */
static void
add_check (GTask       *task,
           const gchar *name,
           gboolean     passed,
           const gchar *message)
{
  GPtrArray *checks = g_task_get_task_data (task);

  g_ptr_array_add (checks, _sharokey_check_new (name, passed, message));
}

/* TRUE (and the task returned) when the caller cancelled. */
static gboolean
stop_if_cancelled (GTask *task)
{
  if (!g_task_return_error_if_cancelled (task))
    return FALSE;
  g_object_unref (task);
  return TRUE;
}

static void
on_statistics (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(SharokeyStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  stats = sharokey_client_stats_finish (SHAROKEY_CLIENT (source), result, &error);
  if (stop_if_cancelled (task))
    return;
  if (stats != NULL)
    add_check (task, N_("Statistics"), TRUE, _("Statistics endpoint OK"));
  else
    {
      g_autofree gchar *message = g_strdup_printf (_("Stats error: %s"), error->message);

      add_check (task, N_("Statistics"), FALSE, message);
    }

  g_task_return_pointer (task, _sharokey_diagnosis_new (g_task_get_task_data (task)),
                         g_object_unref);
  g_object_unref (task);
}

static void
write_failed (GTask        *task,
              const GError *error)
{
  g_autofree gchar *message = g_strdup_printf (_("Write error: %s"), error->message);

  add_check (task, N_("Write Access"), FALSE, message);
}

/* Write Access leaves nothing on the account: a DELETE only expires a
 * secret, which then stays in the user's list. Instead, two calls the
 * server must refuse after it has checked the permission: creating an
 * empty secret (422, where a token without the right gets 403) and
 * deleting a slug that cannot exist (404, or 403). */
static void
on_delete_probed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = _sharokey_client_send_finish (SHAROKEY_CLIENT (source), result, &error);
  if (stop_if_cancelled (task))
    return;
  if (g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND))
    add_check (task, N_("Write Access"), TRUE, _("Secret creation/deletion OK"));
  else
    {
      if (error == NULL)
        g_set_error_literal (&error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                             _("The server deleted a secret that does not exist"));
      write_failed (task, error);
    }
  sharokey_client_stats_async (SHAROKEY_CLIENT (source), g_task_get_cancellable (task),
                               on_statistics, task);
}

static void
on_create_probed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  guint8 random[8];
  g_autofree gchar *hex = NULL;
  g_autofree gchar *path = NULL;

  node = _sharokey_client_send_finish (SHAROKEY_CLIENT (source), result, &error);
  if (stop_if_cancelled (task))
    return;
  if (!g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION))
    {
      if (error == NULL)
        g_set_error_literal (&error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                             _("The server accepted a secret without content"));
      write_failed (task, error);
      sharokey_client_stats_async (SHAROKEY_CLIENT (source), g_task_get_cancellable (task),
                                   on_statistics, task);
      return;
    }

  _sharokey_random_bytes (random, sizeof random, FALSE);
  hex = g_malloc (2 * sizeof random + 1);
  for (gsize i = 0; i < sizeof random; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", random[i]);
  path = g_strconcat ("/secrets/libsharokey-glib-probe-", hex, NULL);
  _sharokey_client_send_async (SHAROKEY_CLIENT (source), SOUP_METHOD_DELETE, path, NULL, NULL,
                               NULL, NULL, g_task_get_cancellable (task), on_delete_probed, task);
}

static void
on_read_access (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(SharokeyPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = sharokey_client_list_finish (SHAROKEY_CLIENT (source), result, &error);
  if (stop_if_cancelled (task))
    return;
  if (page != NULL)
    add_check (task, N_("Read Access"), TRUE, _("Secrets listing OK"));
  else
    {
      g_autofree gchar *message = g_strdup_printf (_("Read error: %s"), error->message);

      add_check (task, N_("Read Access"), FALSE, message);
    }

  {
    g_autoptr(GBytes) empty = g_bytes_new_static ("{}", 2);

    _sharokey_client_send_async (SHAROKEY_CLIENT (source), SOUP_METHOD_POST, "/secrets", NULL,
                                 empty, NULL, NULL, g_task_get_cancellable (task),
                                 on_create_probed, task);
  }
}

static void
on_authentication (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(SharokeyStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  stats = sharokey_client_stats_finish (SHAROKEY_CLIENT (source), result, &error);
  if (stop_if_cancelled (task))
    return;
  if (stats != NULL)
    add_check (task, N_("Authentication"), TRUE, _("Token authentication OK"));
  /* With no token at all, "Invalid token" would mislead: say it is missing. */
  else if (g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION) &&
           sharokey_client_get_has_token (SHAROKEY_CLIENT (source)))
    add_check (task, N_("Authentication"), FALSE, _("Invalid token"));
  else
    {
      g_autofree gchar *message = g_strdup_printf (_("Auth error: %s"), error->message);

      add_check (task, N_("Authentication"), FALSE, message);
    }
  sharokey_client_list_async (SHAROKEY_CLIENT (source), 1, 0, NULL, NULL, NULL,
                              g_task_get_cancellable (task), on_read_access, task);
}

static void
on_network (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (sharokey_client_health_finish (SHAROKEY_CLIENT (source), result, &error))
    add_check (task, N_("Network"), TRUE, _("Server connectivity OK"));
  else if (stop_if_cancelled (task))
    return;
  else
    {
      const gchar *reason = error->message;
      g_autofree gchar *prefix = g_strdup_printf (_("Network error: %s"), "");
      g_autofree gchar *message = NULL;

      /* A transport failure may already read "Network error: …". */
      message = g_str_has_prefix (reason, prefix) ? g_strdup (reason)
                                                  : g_strdup_printf (_("Network error: %s"), reason);

      add_check (task, N_("Network"), FALSE, message);
    }
  sharokey_client_stats_async (SHAROKEY_CLIENT (source), g_task_get_cancellable (task),
                               on_authentication, task);
}

/**
 * sharokey_client_test_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async): called when every check has run
 * @user_data: data for @callback
 *
 * Runs six diagnostics, in this order: `Configuration` (a token is set),
 * `Network` ([method@Client.health_async]), `Authentication`
 * ([method@Client.stats_async]), `Read Access` (a list of one secret),
 * `Write Access` (asks to create an empty secret and to delete one that
 * cannot exist: the server refuses both once it has checked the token's
 * rights, so nothing is left on the account) and `Statistics`
 * ([method@Client.stats_async]). Every check runs even
 * when an earlier one failed. Call [method@Client.test_finish] to get the
 * report, a [class@Diagnosis].
 */
void
sharokey_client_test_async (SharokeyClient      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sharokey_client_test_async);
  g_task_set_task_data (task, g_ptr_array_new_with_free_func (g_object_unref),
                        (GDestroyNotify) g_ptr_array_unref);

  if (sharokey_client_get_has_token (self))
    add_check (task, N_("Configuration"), TRUE, _("API token is configured"));
  else
    add_check (task, N_("Configuration"), FALSE, _("API token is missing"));

  sharokey_client_health_async (self, cancellable, on_network, task);
}

/**
 * sharokey_client_test_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.test_async]. The report holds the six
 * [class@Check]s in the order they ran; each [property@Check:name] is the
 * English name above, its [property@Check:label] the same in the user's
 * language. Failed checks are part of the report; the call itself fails
 * only when it was cancelled.
 *
 * Returns: (transfer full): the report, or %NULL when cancelled
 */
SharokeyDiagnosis *
sharokey_client_test_finish (SharokeyClient  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sharokey_client_test_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sharokey_client_test_sync:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Runs the six diagnostics of [method@Client.test_async], blocking the
 * calling thread.
 *
 * Returns: (transfer full): the report, or %NULL when cancelled
 */
SharokeyDiagnosis *
sharokey_client_test_sync (SharokeyClient  *self,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (SharokeyDiagnosis *, sharokey_client_test_finish,
                      sharokey_client_test_async (self, cancellable, _sharokey_sync_on_result, &sync));
}

static void
on_connection_tested (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SharokeyStats) stats = NULL;
  GError *error = NULL;

  stats = sharokey_client_stats_finish (SHAROKEY_CLIENT (source), result, &error);
  if (stats == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * sharokey_client_test_connection_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async): called when the answer is known
 * @user_data: data for @callback
 *
 * Checks that the server can be reached and accepts the token, by asking
 * for the account's statistics. Call
 * [method@Client.test_connection_finish] to get the answer.
 */
void
sharokey_client_test_connection_async (SharokeyClient      *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sharokey_client_test_connection_async);
  sharokey_client_stats_async (self, cancellable, on_connection_tested, task);
}

/**
 * sharokey_client_test_connection_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.test_connection_async].
 *
 * Returns: %TRUE when the server answered and accepted the token;
 *   otherwise %FALSE with @error telling why
 */
gboolean
sharokey_client_test_connection_finish (SharokeyClient  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sharokey_client_test_connection_async, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sharokey_client_test_connection_sync:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * Checks that the server can be reached and accepts the token, blocking
 * the calling thread.
 *
 * Returns: %TRUE when the server answered and accepted the token;
 *   otherwise %FALSE with @error telling why
 */
gboolean
sharokey_client_test_connection_sync (SharokeyClient  *self,
                                      GCancellable    *cancellable,
                                      GError         **error)
{
  SharokeySync sync;
  gboolean ok;

  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), FALSE);

  _sharokey_sync_begin (&sync);
  sharokey_client_test_connection_async (self, cancellable, _sharokey_sync_on_result, &sync);
  _sharokey_sync_wait (&sync);
  ok = sharokey_client_test_connection_finish (self, sync.result, error);
  _sharokey_sync_end (&sync);
  return ok;
}
