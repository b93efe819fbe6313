/* sharokey-client-open-request.c: the requester reads the answer to a request
 *
 * A request made by this library carries the requester's public key; the
 * response page of sharokey-server seals the answer to it, and GET
 * /requests/{token} returns that sealed answer to the requester. Opening
 * it takes the private key kept since the request was made; once opened,
 * the key file is wiped and the request deleted on the server, which
 * erases the sealed answer. A request answered through a page that does
 * not seal (Sharokey's hosted one) ends with an ordinary link that only
 * the person who answered holds: the caller is told so.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-client-private.h"

typedef struct {
  gchar *token;
  GBytes *answer;
} OpenRequest;

static void
open_request_free (OpenRequest *data)
{
  g_free (data->token);
  g_clear_pointer (&data->answer, g_bytes_unref);
  g_free (data);
}

/* Base64 member @name of @sealed, decoded; NULL when absent or invalid. */
static guint8 *
sealed_member (JsonObject  *sealed,
               const gchar *name,
               gsize       *out_len)
{
  const gchar *text = _sharokey_json_string (sealed, name);

  *out_len = 0;
  return text ? _sharokey_base64_decode (text, out_len) : NULL;
}

static GBytes *
open_sealed (const gchar  *token,
             JsonObject   *sealed,
             GError      **error)
{
  g_autoptr(SharokeyRequestKey) key = NULL;
  g_autofree guint8 *ephemeral = NULL, *iv = NULL, *content = NULL;
  gsize ephemeral_len, iv_len, content_len;

  ephemeral = sealed_member (sealed, "ephemeral_public_key", &ephemeral_len);
  iv = sealed_member (sealed, "iv", &iv_len);
  content = sealed_member (sealed, "content", &content_len);
  if (ephemeral == NULL || iv == NULL || content == NULL)
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                           _("The server's sealed answer is malformed"));
      return NULL;
    }
  key = _sharokey_request_key_load (token, error);
  if (key == NULL)
    return NULL;
  return _sharokey_request_open (key, ephemeral, ephemeral_len, iv, iv_len,
                                 content, content_len, error);
}

static void
on_deleted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenRequest *data = g_task_get_task_data (task);

  /* The answer is read and its key gone: a request left on the server
   * holds nothing anyone can open, so a failed delete is not the
   * caller's failure. */
  sharokey_client_delete_request_finish (SHAROKEY_CLIENT (source), result, NULL);
  g_task_return_pointer (task, g_steal_pointer (&data->answer), (GDestroyNotify) g_bytes_unref);
}

static void
on_request (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenRequest *data = g_task_get_task_data (task);
  g_autoptr(SharokeySecretRequest) request = NULL;
  GError *error = NULL;
  JsonObject *object;
  JsonNode *sealed;
  const gchar *slug;

  request = sharokey_client_get_request_finish (SHAROKEY_CLIENT (source), result, &error);
  if (request == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  object = json_node_get_object (sharokey_secret_request_get_json (request));
  sealed = json_object_get_member (object, "sealed_answer");

  if (sealed != NULL && JSON_NODE_HOLDS_OBJECT (sealed))
    {
      data->answer = open_sealed (data->token, json_node_get_object (sealed), &error);
      if (data->answer == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      GCancellable *cancellable = g_task_get_cancellable (task);

      _sharokey_request_key_forget (data->token);
      sharokey_client_delete_request_async (SHAROKEY_CLIENT (source), data->token, cancellable,
                                            on_deleted, g_steal_pointer (&task));
      return;
    }

  switch (sharokey_secret_request_get_status (request))
    {
    case SHAROKEY_SECRET_REQUEST_STATUS_ACTIVE:
      g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_ANSWERED,
                               _("Request %s has not been answered yet"), data->token);
      return;
    case SHAROKEY_SECRET_REQUEST_STATUS_FULFILLED:
      /* Whatever the answer was, this key opens nothing any more. */
      _sharokey_request_key_forget (data->token);
      slug = sharokey_secret_request_get_secret_slug (request);
      if (_sharokey_json_string (object, "answer_public_key") == NULL && slug != NULL)
        g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_SEALED,
                                 _("Request %s was answered with an ordinary link (secret %s): "
                                   "only the person who answered has the whole link; ask them "
                                   "for it and open it with “sharokey open LINK”"),
                                 data->token, slug);
      else
        g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND,
                                 _("The answer to request %s is no longer available: "
                                   "it was already opened, or it expired"), data->token);
      return;
    case SHAROKEY_SECRET_REQUEST_STATUS_EXPIRED:
    case SHAROKEY_SECRET_REQUEST_STATUS_UNKNOWN:
    default:
      _sharokey_request_key_forget (data->token);
      g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND,
                               _("Request %s expired without an answer"), data->token);
      return;
    }
}

/**
 * sharokey_client_open_request_async:
 * @self: a client
 * @token: the request's token
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async) (closure user_data): called when the answer is
 *   read or the call failed
 * @user_data: data for @callback
 *
 * Reads the answer to a secret request made with this library on this
 * computer: fetches the request, opens the answer sealed to the request's
 * key (kept in the user's data directory since
 * [method@Client.create_request_async]), then wipes that key and deletes
 * the request on the server. An answer opens once.
 *
 * Sealed answers are text only. The call fails with
 * %SHAROKEY_ERROR_NOT_ANSWERED while nobody has answered,
 * %SHAROKEY_ERROR_NOT_SEALED when the request was answered with an
 * ordinary link (Sharokey's hosted response page): open that link, which
 * only the person who answered holds, instead;
 * %SHAROKEY_ERROR_NOT_FOUND when the request expired or its answer was
 * already opened; %SHAROKEY_ERROR_FAILED when the key is not on this
 * computer. Call [method@Client.open_request_finish] to get the result.
 */
void
sharokey_client_open_request_async (SharokeyClient      *self,
                                    const gchar         *token,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree gchar *path = NULL;
  OpenRequest *data;
  GError *error = NULL;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sharokey_client_open_request_async);
  /* A token that cannot name a key file cannot be one of ours. */
  path = _sharokey_request_key_path (token, &error);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data = g_new0 (OpenRequest, 1);
  data->token = g_strdup (token);
  g_task_set_task_data (task, data, (GDestroyNotify) open_request_free);
  sharokey_client_get_request_async (self, token, cancellable, on_request, g_steal_pointer (&task));
}

/**
 * sharokey_client_open_request_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.open_request_async].
 *
 * Returns: (transfer full): the answer's text, UTF-8 without a trailing
 *   NUL, or %NULL on error. Its memory is wiped when it is freed.
 */
GBytes *
sharokey_client_open_request_finish (SharokeyClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sharokey_client_open_request_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sharokey_client_open_request_sync:
 * @self: a client
 * @token: the request's token
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * The blocking form of [method@Client.open_request_async], on the calling
 * thread; see [method@Client.open_request_finish].
 *
 * Returns: (transfer full): the answer's text, or %NULL on error
 */
GBytes *
sharokey_client_open_request_sync (SharokeyClient  *self,
                                   const gchar     *token,
                                   GCancellable    *cancellable,
                                   GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (GBytes *, sharokey_client_open_request_finish,
             sharokey_client_open_request_async (self, token, cancellable,
                                                 _sharokey_sync_on_result, &sync));
}
