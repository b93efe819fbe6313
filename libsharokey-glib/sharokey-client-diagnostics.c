/* sharokey-client-diagnostics.c: test() and test_connection()
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-client-private.h"

#define N_CHECKS 6

typedef struct {
  JsonArray *details;
  guint passed;
} Diagnosis;

static void
diagnosis_free (Diagnosis *diagnosis)
{
  json_array_unref (diagnosis->details);
  g_free (diagnosis);
}

static void
add_check (GTask       *task,
           const gchar *name,
           gboolean     success,
           const gchar *message)
{
  Diagnosis *diagnosis = g_task_get_task_data (task);
  JsonObject *check = json_object_new ();

  json_object_set_string_member (check, "name", name);
  json_object_set_boolean_member (check, "success", success);
  json_object_set_string_member (check, "message", message);
  json_array_add_object_element (diagnosis->details, check);
  if (success)
    diagnosis->passed++;
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
  Diagnosis *diagnosis = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;

  node = sharokey_client_stats_finish (SHAROKEY_CLIENT (source), result, &error);
  if (stop_if_cancelled (task))
    return;
  if (node != NULL)
    add_check (task, "Statistics", TRUE, _("Statistics endpoint OK"));
  else
    {
      g_autofree gchar *message = g_strdup_printf (_("Stats error: %s"), error->message);

      add_check (task, "Statistics", FALSE, message);
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "passed");
  json_builder_add_int_value (builder, diagnosis->passed);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, N_CHECKS);
  json_builder_set_member_name (builder, "details");
  {
    JsonNode *details = json_node_new (JSON_NODE_ARRAY);

    json_node_set_array (details, diagnosis->details);
    json_builder_add_value (builder, details);
  }
  json_builder_end_object (builder);
  g_task_return_pointer (task, json_builder_get_root (builder), (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

static void
write_failed (GTask        *task,
              const GError *error)
{
  g_autofree gchar *message = g_strdup_printf (_("Write error: %s"), error->message);

  add_check (task, "Write Access", FALSE, message);
}

static void
on_write_deleted (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = sharokey_client_delete_finish (SHAROKEY_CLIENT (source), result, &error);
  if (stop_if_cancelled (task))
    return;
  if (node != NULL)
    add_check (task, "Write Access", TRUE, _("Secret creation/deletion OK"));
  else
    write_failed (task, error);
  sharokey_client_stats_async (SHAROKEY_CLIENT (source), g_task_get_cancellable (task),
                               on_statistics, task);
}

static void
on_write_created (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *data = NULL;
  const gchar *slug = NULL;

  node = sharokey_client_create_finish (SHAROKEY_CLIENT (source), result, &error);
  if (stop_if_cancelled (task))
    return;
  if (node != NULL)
    {
      JsonNode *data_node = json_object_get_member (json_node_get_object (node), "data");

      if (data_node != NULL && JSON_NODE_HOLDS_OBJECT (data_node))
        data = json_node_get_object (data_node);
      if (data != NULL)
        slug = _sharokey_object_get_string (data, "slug");
      if (slug == NULL)
        g_set_error_literal (&error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                             _("The server's answer has no slug"));
    }
  if (slug == NULL)
    {
      write_failed (task, error);
      sharokey_client_stats_async (SHAROKEY_CLIENT (source), g_task_get_cancellable (task),
                                   on_statistics, task);
      return;
    }
  sharokey_client_delete_async (SHAROKEY_CLIENT (source), slug, g_task_get_cancellable (task),
                                on_write_deleted, task);
}

static void
on_read_access (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();

  node = sharokey_client_list_finish (SHAROKEY_CLIENT (source), result, &error);
  if (stop_if_cancelled (task))
    return;
  if (node != NULL)
    add_check (task, "Read Access", TRUE, _("Secrets listing OK"));
  else
    {
      g_autofree gchar *message = g_strdup_printf (_("Read error: %s"), error->message);

      add_check (task, "Read Access", FALSE, message);
    }

  sharokey_secret_options_set_description (options, "libsharokey-glib test");
  sharokey_client_create_async (SHAROKEY_CLIENT (source), "SDK test secret - safe to delete",
                                1, 1, options, g_task_get_cancellable (task),
                                on_write_created, task);
}

/* With no token at all, "Invalid token" would mislead: say it is missing. */
static gboolean
no_token (SharokeyClient *client)
{
  const gchar *token = sharokey_client_get_token (client);

  return token == NULL || *token == '\0';
}

static void
on_authentication (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = sharokey_client_stats_finish (SHAROKEY_CLIENT (source), result, &error);
  if (stop_if_cancelled (task))
    return;
  if (node != NULL)
    add_check (task, "Authentication", TRUE, _("Token authentication OK"));
  else if (g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION) &&
           !no_token (SHAROKEY_CLIENT (source)))
    add_check (task, "Authentication", FALSE, _("Invalid token"));
  else
    {
      g_autofree gchar *message = g_strdup_printf (_("Auth error: %s"), error->message);

      add_check (task, "Authentication", FALSE, message);
    }
  sharokey_client_list_async (SHAROKEY_CLIENT (source), 1, NULL, NULL, NULL,
                              g_task_get_cancellable (task), on_read_access, task);
}

static void
on_network (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  const gchar *status;

  node = sharokey_client_health_finish (SHAROKEY_CLIENT (source), result, &error);
  if (stop_if_cancelled (task))
    return;
  object = node ? json_node_get_object (node) : NULL;
  status = _sharokey_object_get_string (object, "status");
  if (node != NULL && g_strcmp0 (status, "error") != 0)
    add_check (task, "Network", TRUE, _("Server connectivity OK"));
  else
    {
      const gchar *reason = _sharokey_object_get_string (object, "message");
      g_autofree gchar *prefix = g_strdup_printf (_("Network error: %s"), "");
      g_autofree gchar *message = NULL;

      if (error != NULL)
        reason = error->message;
      if (reason == NULL)
        reason = "";
      /* A transport failure already reads "Network error: …". */
      message = g_str_has_prefix (reason, prefix) ? g_strdup (reason)
                                                  : g_strdup_printf (_("Network error: %s"), reason);

      add_check (task, "Network", FALSE, message);
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
 * `Write Access` (creates a one-hour, one-view secret, then deletes it)
 * and `Statistics` ([method@Client.stats_async]). Every check runs even
 * when an earlier one failed. Call [method@Client.test_finish] to get the
 * report.
 */
void
sharokey_client_test_async (SharokeyClient      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Diagnosis *diagnosis;
  const gchar *token;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sharokey_client_test_async);
  diagnosis = g_new0 (Diagnosis, 1);
  diagnosis->details = json_array_new ();
  g_task_set_task_data (task, diagnosis, (GDestroyNotify) diagnosis_free);

  token = sharokey_client_get_token (self);
  if (token != NULL && *token != '\0')
    add_check (task, "Configuration", TRUE, _("API token is configured"));
  else
    add_check (task, "Configuration", FALSE, _("API token is missing"));

  sharokey_client_health_async (self, cancellable, on_network, task);
}

/**
 * sharokey_client_test_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.test_async]. The report is
 * `{"passed": n, "total": 6, "details": [{"name", "success", "message"}, …]}`,
 * with the checks in the order they ran. Failed checks are part of the
 * report; the call itself fails only when it was cancelled.
 *
 * Returns: (transfer full): the report, or %NULL when cancelled
 */
JsonNode *
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
JsonNode *
sharokey_client_test_sync (SharokeyClient  *self,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (sharokey_client_test_finish,
                      sharokey_client_test_async (self, cancellable, _sharokey_sync_on_result, &sync));
}

static void
on_connection_tested (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  node = sharokey_client_stats_finish (SHAROKEY_CLIENT (source), result, &error);
  if (node == NULL)
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
