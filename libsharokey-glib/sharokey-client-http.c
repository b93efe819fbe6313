/* sharokey-client-http.c: one API call over libsoup, with retries and the
 * mapping of every failure to a SHAROKEY_ERROR code
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-client-private.h"
#include "sharokey-client-queue.h"

/* Read at a time when the answer has no Content-Length. */
#define READ_CHUNK (64 * 1024)
#define BACKOFF_MS 250

typedef struct {
  SoupSession *session;
  gchar *method;
  gchar *url;
  gchar *authorization;        /* "Bearer <token>", wiped when freed */
  SharokeyErrorMapper map_error;
  GBytes *body;
  GFileProgressCallback progress;
  gpointer progress_data;
  guint timeout;
  guint attempt;

  GTask *task;                 /* the call (not a reference) */
  SoupMessage *msg;
  gboolean msg_finished;       /* libsoup is done with msg and its connection */
  GInputStream *stream;
  GByteArray *buffer;
  goffset expected;            /* the answer's Content-Length, -1 for none */
  guint64 sent;
  guint64 total;

  /* The call's place among the session's calls that wait for a
   * connection: from its start to its outcome, it holds one. */
  SharokeyClientQueue *queue;
  SharokeyQueueTicket ticket;

  GSource *backoff;
  GSource *cancelled;

  /* The whole call, retries included, ends at the deadline: it cancels
   * @cancellable, which the caller's cancellable also cancels. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong caller_handler;
  gint64 deadline_at;          /* monotonic time, 0 for none */
  GSource *deadline;
  gulong waiting_handler;      /* cancels a call that waits for a connection */
  gboolean timed_out;

  /* The outcome, kept until msg is finished (see complete ()). */
  gboolean done;
  JsonNode *result;
  GError *error;
  GSource *finish_wait;
} SendData;

static void start_attempt (GTask *task);

static void
send_data_clear_attempt (SendData *data)
{
  if (data->msg != NULL)
    g_signal_handlers_disconnect_by_data (data->msg, data);
  g_clear_object (&data->msg);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
}

static void
send_data_free (SendData *data)
{
  send_data_clear_attempt (data);
  if (data->queue != NULL)
    _sharokey_client_queue_leave (data->queue, &data->ticket);
  if (data->backoff != NULL)
    g_source_destroy (data->backoff);
  g_clear_pointer (&data->backoff, g_source_unref);
  if (data->cancelled != NULL)
    g_source_destroy (data->cancelled);
  g_clear_pointer (&data->cancelled, g_source_unref);
  if (data->finish_wait != NULL)
    g_source_destroy (data->finish_wait);
  g_clear_pointer (&data->finish_wait, g_source_unref);
  if (data->deadline != NULL)
    g_source_destroy (data->deadline);
  g_clear_pointer (&data->deadline, g_source_unref);
  if (data->waiting_handler != 0)
    g_cancellable_disconnect (data->cancellable, data->waiting_handler);
  if (data->caller_cancellable != NULL)
    g_cancellable_disconnect (data->caller_cancellable, data->caller_handler);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->result, json_node_unref);
  g_clear_error (&data->error);
  g_clear_object (&data->session);
  g_clear_pointer (&data->body, g_bytes_unref);
  sharokey_wipe_free (data->authorization);
  g_free (data->method);
  g_free (data->url);
  g_free (data);
}

/* --- error mapping --- */

static void
add_unique (GPtrArray   *messages,
            const gchar *message)
{
  if (message == NULL || *message == '\0')
    return;
  for (guint i = 0; i < messages->len; i++)
    if (g_str_equal (messages->pdata[i], message))
      return;
  g_ptr_array_add (messages, (gpointer) message);
}

/* The server's message (error.message, then message, then "HTTP <status>"),
 * followed by every distinct per-field message of error.details. */
gchar *
_sharokey_response_message (guint        status,
                            JsonObject  *root)
{
  JsonObject *err = _sharokey_json_object (root, "error");
  JsonObject *details = _sharokey_json_object (err, "details");
  const gchar *message = _sharokey_json_string (err, "message");
  g_autoptr(GPtrArray) messages = g_ptr_array_new ();

  if (message == NULL)
    message = _sharokey_json_string (root, "message");
  /* Laravel's default validation envelope keeps them in "errors". */
  if (details == NULL)
    details = _sharokey_json_object (root, "errors");

  add_unique (messages, message);
  if (details != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (details);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (details, l->data);

          if (JSON_NODE_HOLDS_ARRAY (node))
            {
              JsonArray *array = json_node_get_array (node);

              for (guint i = 0; i < json_array_get_length (array); i++)
                {
                  JsonNode *item = json_array_get_element (array, i);

                  if (JSON_NODE_HOLDS_VALUE (item) &&
                      json_node_get_value_type (item) == G_TYPE_STRING)
                    add_unique (messages, json_node_get_string (item));
                }
            }
          else if (JSON_NODE_HOLDS_VALUE (node) &&
                   json_node_get_value_type (node) == G_TYPE_STRING)
            add_unique (messages, json_node_get_string (node));
        }
    }

  if (messages->len == 0)
    return g_strdup_printf ("HTTP %u", status);
  g_ptr_array_add (messages, NULL);
  return g_strjoinv ("; ", (gchar **) messages->pdata);
}

static GError *
too_deep_error (guint status)
{
  return g_error_new (SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                      _("The server's answer (HTTP %u) nests deeper than %d levels"),
                      status, SHAROKEY_JSON_MAX_DEPTH);
}

GError *
_sharokey_error_from_response (guint        status,
                               const gchar *retry_after,
                               const gchar *body,
                               gsize        body_len)
{
  g_autoptr(JsonNode) parsed = NULL;
  g_autofree gchar *message = NULL;
  SharokeyJsonParseError reason;
  JsonObject *root = NULL;

  /* An empty or non-JSON error body (a proxy's HTML page) still maps by
   * its status; only one built to exhaust the parser is refused. */
  parsed = _sharokey_json_parse (body, body_len, &reason);
  if (reason == SHAROKEY_JSON_TOO_DEEP)
    return too_deep_error (status);
  if (parsed != NULL && JSON_NODE_HOLDS_OBJECT (parsed))
    root = json_node_get_object (parsed);

  message = _sharokey_response_message (status, root);

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      if (root != NULL && !g_str_has_prefix (message, "HTTP "))
        return g_error_new (SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION,
                            _("Invalid token or authentication failed: %s"), message);
      return g_error_new_literal (SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION,
                                  _("Invalid token or authentication failed"));
    }
  if (status == SOUP_STATUS_NOT_FOUND)
    return g_error_new_literal (SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND, message);
  if (status == SOUP_STATUS_UNPROCESSABLE_ENTITY || status == SOUP_STATUS_BAD_REQUEST)
    return g_error_new_literal (SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION, message);
  if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    return g_error_new_literal (SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT, message);
  if (status == 429)
    {
      if (retry_after != NULL && *retry_after != '\0')
        return g_error_new (SHAROKEY_ERROR, SHAROKEY_ERROR_RATE_LIMITED,
                            _("%s (retry after %s seconds)"), message, retry_after);
      return g_error_new_literal (SHAROKEY_ERROR, SHAROKEY_ERROR_RATE_LIMITED, message);
    }
  if (status >= 500 && status < 600)
    return g_error_new_literal (SHAROKEY_ERROR, SHAROKEY_ERROR_SERVER, message);
  return g_error_new_literal (SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, message);
}

/* Failures below HTTP keep their own domain and code (G_TLS_ERROR,
 * G_RESOLVER_ERROR, G_IO_ERROR), as libsoup gives them: callers can tell
 * an untrusted certificate from a refused connection. Only what has no
 * better domain becomes a SHAROKEY_ERROR. */
GError *
_sharokey_error_from_transport (const GError *error,
                                guint         timeout)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (SHAROKEY_ERROR, SHAROKEY_ERROR_TIMEOUT,
                        _("The server did not answer within %u seconds"), timeout);
  if (error->domain == SOUP_SESSION_ERROR)
    return g_error_new (SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                        _("Invalid response from the server: %s"), error->message);
  if (error->domain == G_IO_ERROR || error->domain == G_TLS_ERROR ||
      error->domain == G_RESOLVER_ERROR)
    return g_error_copy (error);
  return g_error_new (SHAROKEY_ERROR, SHAROKEY_ERROR_NETWORK,
                      _("Network error: %s"), error->message);
}

/* The deadline cancels the call through its own cancellable: that
 * cancellation is a timeout, unless the caller cancelled too. */
static GError *
call_error (SendData     *data,
            const GError *error)
{
  if (data->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (data->caller_cancellable))
    return g_error_new (SHAROKEY_ERROR, SHAROKEY_ERROR_TIMEOUT,
                        _("The server did not answer within %u seconds"), data->timeout);
  return _sharokey_error_from_transport (error, data->timeout);
}

static GError *
too_large_error (void)
{
  return g_error_new (SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                      _("The server's answer is larger than %d MiB"),
                      SHAROKEY_MAX_RESPONSE_SIZE / (1024 * 1024));
}

/* --- the end of a call --- */

/* How long a finished call waits for libsoup to let go of its message. */
#define FINISH_WAIT_MS 10000

static void
return_outcome (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  send_data_clear_attempt (data);
  if (data->finish_wait != NULL)
    g_source_destroy (data->finish_wait);
  g_clear_pointer (&data->finish_wait, g_source_unref);
  /* libsoup is done with the connection: the next call may have it. */
  if (data->queue != NULL)
    _sharokey_client_queue_leave (data->queue, &data->ticket);
  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&data->result), (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

static gboolean
on_return_now (gpointer user_data)
{
  return_outcome (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
on_finish_wait_over (gpointer user_data)
{
  SendData *data = g_task_get_task_data (user_data);

  g_debug ("%s: libsoup did not finish the message in time", data->method);
  return_outcome (user_data);
  return G_SOURCE_REMOVE;
}

/* Returns the outcome from the task's context after @delay_ms (0: at the
 * next iteration). */
static void
schedule_return (SendData    *data,
                 guint        delay_ms,
                 GSourceFunc  func)
{
  if (data->finish_wait != NULL)
    g_source_destroy (data->finish_wait);
  g_clear_pointer (&data->finish_wait, g_source_unref);
  data->finish_wait = delay_ms > 0 ? g_timeout_source_new (delay_ms) : g_idle_source_new ();
  g_source_set_callback (data->finish_wait, func, data->task, NULL);
  g_source_attach (data->finish_wait, g_task_get_context (data->task));
}

static void
on_msg_finished (SoupMessage *msg,
                 gpointer     user_data)
{
  SendData *data = user_data;

  data->msg_finished = TRUE;
  /* Not from inside libsoup's signal: it releases the connection just
   * after emitting it. */
  if (data->done)
    schedule_return (data, 0, on_return_now);
}

/* Ends the call with @result or @error (takes either; one is NULL), but
 * only once libsoup has finished the message and so released its
 * connection. It does so while the context runs: a _sync call stops
 * running its private context once it has the outcome, so an unfinished
 * message would keep its connection busy for good, and the call after
 * max-conns-per-host of those would wait forever. */
static void
complete (GTask    *task,
          JsonNode *result,
          GError   *error)
{
  SendData *data = g_task_get_task_data (task);

  data->done = TRUE;
  data->result = result;
  data->error = error;
  if (data->deadline != NULL)
    g_source_destroy (data->deadline);
  g_clear_pointer (&data->deadline, g_source_unref);
  /* Nothing more is read. Dropping the stream of an answer given up on
   * before its end (too large) makes libsoup close that connection. */
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);

  if (data->msg == NULL || data->msg_finished)
    {
      return_outcome (task);
      return;
    }
  schedule_return (data, FINISH_WAIT_MS, on_finish_wait_over);
}

/* --- retries --- */

static gboolean
is_retryable (SendData     *data,
              const GError *error)
{
  if (data->attempt >= SHAROKEY_MAX_RETRIES)
    return FALSE;
  /* A create or any other POST is never sent twice. */
  if (!g_str_equal (data->method, SOUP_METHOD_GET) &&
      !g_str_equal (data->method, SOUP_METHOD_DELETE))
    return FALSE;
  /* A refused or reset connection and a DNS hiccup may pass; a
   * certificate or a name that does not exist will not. */
  return g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_NETWORK) ||
         g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_SERVER) ||
         g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE) ||
         (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED);
}

static void
backoff_done (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;

  g_source_destroy (data->backoff);
  g_clear_pointer (&data->backoff, g_source_unref);
  if (data->cancelled != NULL)
    {
      g_source_destroy (data->cancelled);
      g_clear_pointer (&data->cancelled, g_source_unref);
    }

  if (!g_cancellable_set_error_if_cancelled (data->cancellable, &error))
    {
      data->attempt++;
      start_attempt (task);
      return;
    }
  complete (task, NULL, call_error (data, error));
  g_error_free (error);
}

static gboolean
on_backoff_elapsed (gpointer user_data)
{
  backoff_done (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
on_backoff_cancelled (GCancellable *cancellable,
                      gpointer      user_data)
{
  backoff_done (user_data);
  return G_SOURCE_REMOVE;
}

/* Takes ownership of @task and @error. */
static void
fail_or_retry (GTask  *task,
               GError *error)
{
  SendData *data = g_task_get_task_data (task);
  GCancellable *cancellable = data->cancellable;

  if (!is_retryable (data, error))
    {
      complete (task, NULL, error);
      return;
    }
  send_data_clear_attempt (data);

  g_debug ("%s failed (%s), retrying", data->method, error->message);
  g_error_free (error);

  /* Wait BACKOFF_MS, then twice that, unless the caller cancels or the
   * deadline passes first. */
  data->backoff = g_timeout_source_new (BACKOFF_MS << data->attempt);
  g_source_set_callback (data->backoff, on_backoff_elapsed, task, NULL);
  g_source_attach (data->backoff, g_task_get_context (task));
  data->cancelled = g_cancellable_source_new (cancellable);
  g_source_set_callback (data->cancelled, G_SOURCE_FUNC (on_backoff_cancelled), task, NULL);
  g_source_attach (data->cancelled, g_task_get_context (task));
}

/* --- the exchange --- */

static void
finish_response (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  guint status = soup_message_get_status (data->msg);
  const gchar *body = (const gchar *) data->buffer->data;
  gsize len = data->buffer->len;
  g_autoptr(JsonNode) root = NULL;
  SharokeyJsonParseError reason;

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
      const gchar *retry_after = soup_message_headers_get_one (headers, "Retry-After");

      fail_or_retry (task, data->map_error (status, retry_after, body, len));
      return;
    }

  root = _sharokey_json_parse (body, len, &reason);
  if (reason == SHAROKEY_JSON_EMPTY && g_str_equal (data->method, SOUP_METHOD_DELETE))
    {
      /* A 204, or an empty 2xx, is how many servers say "deleted". */
      JsonObject *object = json_object_new ();

      json_object_set_boolean_member (object, "success", TRUE);
      root = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (root, object);
    }
  else if (reason == SHAROKEY_JSON_EMPTY)
    {
      fail_or_retry (task, g_error_new (SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                                        _("The server's answer (HTTP %u) is empty"), status));
      return;
    }
  else if (reason == SHAROKEY_JSON_TOO_DEEP)
    {
      fail_or_retry (task, too_deep_error (status));
      return;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail_or_retry (task, g_error_new (SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                                        _("The server's answer (HTTP %u) is not a JSON object"),
                                        status));
      return;
    }

  /* A 2xx answer must not say it failed. */
  {
    JsonNode *success = json_object_get_member (json_node_get_object (root), "success");

    if (success != NULL && JSON_NODE_HOLDS_VALUE (success) &&
        json_node_get_value_type (success) == G_TYPE_BOOLEAN &&
        !json_node_get_boolean (success))
      {
        g_autofree gchar *message = _sharokey_response_message (status, json_node_get_object (root));

        fail_or_retry (task, g_error_new_literal (SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, message));
        return;
      }
  }

  complete (task, g_steal_pointer (&root), NULL);
}

static void
on_closed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  /* The whole body is in; only a cancellation matters here. */
  if (!g_input_stream_close_finish (G_INPUT_STREAM (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fail_or_retry (task, call_error (g_task_get_task_data (task), error));
      return;
    }
  finish_response (task);
}

static void read_more (GTask *task);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n < 0)
    {
      GError *mapped = call_error (data, error);

      g_error_free (error);
      fail_or_retry (task, mapped);
      return;
    }
  if (n == 0)
    {
      /* Closing ends the exchange cleanly, so the connection goes back
       * to the pool for the next call (see complete ()). */
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT,
                                  data->cancellable, on_closed, task);
      return;
    }
  g_byte_array_set_size (data->buffer, data->buffer->len + (guint) n);
  if (data->buffer->len > SHAROKEY_MAX_RESPONSE_SIZE)
    {
      fail_or_retry (task, too_large_error ());
      return;
    }
  read_more (task);
}

/* Reads the answer straight into the buffer, with no allocation per
 * read: as much as Content-Length says is left (the whole answer at
 * once, most often). The end of the stream is read too: only then does
 * libsoup keep the connection for the next call. */
static void
read_more (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  guint have = data->buffer->len;
  gsize room;

  /* One byte more than expected sees the end of the stream; one past the
   * limit tells an answer that is too large. */
  room = data->expected >= (goffset) have ? (gsize) (data->expected - have) + 1
                                          : MIN (READ_CHUNK, SHAROKEY_MAX_RESPONSE_SIZE + 1 - have);
  g_byte_array_set_size (data->buffer, have + (guint) room);
  g_byte_array_set_size (data->buffer, have);
  g_input_stream_read_async (data->stream, data->buffer->data + have, room, G_PRIORITY_DEFAULT,
                             data->cancellable, on_read, task);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  goffset length;

  data->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (data->stream == NULL)
    {
      GError *mapped = call_error (data, error);

      /* An untrusted certificate stays untrusted: no point retrying. */
      if (error->domain == G_TLS_ERROR)
        data->attempt = SHAROKEY_MAX_RETRIES;

      g_error_free (error);
      fail_or_retry (task, mapped);
      return;
    }

  g_debug ("%s: HTTP %u", data->method, soup_message_get_status (data->msg));

  headers = soup_message_get_response_headers (data->msg);
  length = soup_message_headers_get_content_length (headers);
  if (length > SHAROKEY_MAX_RESPONSE_SIZE)
    {
      fail_or_retry (task, too_large_error ());
      return;
    }

  data->expected = soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
                   ? length : -1;
  data->buffer = g_byte_array_sized_new (length > 0 ? (guint) length : 4096);
  read_more (task);
}

static void
on_wrote_body_data (SoupMessage *msg,
                    guint        chunk_size,
                    gpointer     user_data)
{
  SendData *data = user_data;

  data->sent = MIN (data->sent + chunk_size, data->total);
  data->progress ((goffset) data->sent, (goffset) data->total, data->progress_data);
}

static void
start_attempt (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  data->msg = soup_message_new (data->method, data->url);
  if (data->msg == NULL)
    {
      complete (task, NULL, g_error_new_literal (SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                                                 _("Invalid API URL")));
      return;
    }

  data->msg_finished = FALSE;
  g_signal_connect (data->msg, "finished", G_CALLBACK (on_msg_finished), data);

  /* A redirect would carry the token to wherever it points. A POST may
   * go on an idle kept-alive connection too (libsoup opens a new one for
   * each otherwise); libsoup still never sends it twice: it resends a
   * message whose reused connection turned out closed only for
   * idempotent methods. */
  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_IDEMPOTENT);
  headers = soup_message_get_request_headers (data->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (data->authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", data->authorization);

  if (data->body != NULL)
    {
      /* No "Expect: 100-continue": no official client sends it, and a
       * front end that never answers 100 would stall every large upload. */
      soup_message_set_request_body_from_bytes (data->msg, "application/json", data->body);
      if (data->progress != NULL)
        {
          data->sent = 0;
          data->total = g_bytes_get_size (data->body);
          g_signal_connect (data->msg, "wrote-body-data", G_CALLBACK (on_wrote_body_data), data);
          data->progress (0, (goffset) data->total, data->progress_data);
        }
    }

  soup_session_send_async (data->session, data->msg, G_PRIORITY_DEFAULT,
                           data->cancellable, on_sent, task);
}

static gchar *
build_url (SharokeyClient      *self,
           const gchar         *path,
           const gchar * const *query)
{
  const gchar *base = sharokey_client_get_api_url (self);
  gsize base_len = strlen (base);
  GString *url;

  while (base_len > 0 && base[base_len - 1] == '/')
    base_len--;
  url = g_string_new_len (base, (gssize) base_len);
  g_string_append (url, path);
  for (guint i = 0; query != NULL && query[i] != NULL && query[i + 1] != NULL; i += 2)
    {
      g_string_append_c (url, i == 0 ? '?' : '&');
      g_string_append_uri_escaped (url, query[i], NULL, FALSE);
      g_string_append_c (url, '=');
      g_string_append_uri_escaped (url, query[i + 1], NULL, FALSE);
    }
  return g_string_free (url, FALSE);
}

static void
on_caller_cancelled (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

static gboolean
on_deadline (gpointer user_data)
{
  SendData *data = g_task_get_task_data (user_data);

  g_debug ("%s: no complete answer within %u seconds", data->method, data->timeout);
  data->timed_out = TRUE;
  g_clear_pointer (&data->deadline, g_source_unref);
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

/* --- waiting for a connection --- */

/* The deadline runs from the start of the call; a waiting call has no
 * source of its own (see sharokey-client-queue.c), so its timer is set
 * only once it goes on the network. */
static void
start_with_deadline (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  if (data->deadline_at > 0)
    {
      gint64 left = MAX (0, data->deadline_at - g_get_monotonic_time ());

      data->deadline = g_timeout_source_new ((guint) MIN ((left + 999) / 1000, G_MAXUINT));
      g_source_set_callback (data->deadline, on_deadline, task, NULL);
      g_source_attach (data->deadline, g_task_get_context (task));
    }
  start_attempt (task);
}

static void
stop_waiting_for_cancel (SendData *data)
{
  if (data->waiting_handler != 0)
    g_cancellable_disconnect (data->cancellable, data->waiting_handler);
  data->waiting_handler = 0;
}

static gboolean
on_slot_granted (gpointer user_data)
{
  GTask *task = user_data;

  stop_waiting_for_cancel (g_task_get_task_data (task));
  start_with_deadline (task);
  return G_SOURCE_REMOVE;
}

/* Out of time before its turn: ends as it would have in libsoup's queue. */
static gboolean
on_expired_waiting (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError *cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");

  g_debug ("%s: no complete answer within %u seconds", data->method, data->timeout);
  stop_waiting_for_cancel (data);
  data->timed_out = TRUE;
  complete (task, NULL, call_error (data, cancelled));
  g_error_free (cancelled);
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled_waiting_now (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;

  stop_waiting_for_cancel (data);
  g_cancellable_set_error_if_cancelled (data->cancellable, &error);
  complete (task, NULL, call_error (data, error));
  g_error_free (error);
  return G_SOURCE_REMOVE;
}

/* Cancelled before its turn, in whatever thread cancelled it. */
static void
on_cancelled_waiting (GCancellable *cancellable,
                      gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);
  GSource *source;

  /* Already given its slot or out of time: on_slot_granted () or
   * on_expired_waiting () is on its way. */
  if (!_sharokey_client_queue_withdraw (data->queue, &data->ticket))
    return;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, on_cancelled_waiting_now, task, NULL);
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

/* Starts the call once the session has a connection for it. */
static void
start_when_connection_free (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  GMainContext *context = g_task_get_context (task);

  data->queue = _sharokey_client_queue_get (data->session);
  if (_sharokey_client_queue_enter (data->queue, &data->ticket, context, data->deadline_at,
                                    on_slot_granted, on_expired_waiting, task))
    {
      start_with_deadline (task);
      return;
    }
  /* Runs at once if the call is already cancelled. */
  data->waiting_handler = g_cancellable_connect (data->cancellable, G_CALLBACK (on_cancelled_waiting),
                                                 task, NULL);
}

/* Starts a call to @url (taken) with @authorization (taken, nullable). */
static void
start_call (GTask                 *task,
            SharokeyClient        *self,
            const gchar           *method,
            gchar                 *url,
            gchar                 *authorization,
            SharokeyErrorMapper    map_error,
            GBytes                *body,
            GFileProgressCallback  progress,
            gpointer               progress_data,
            GCancellable          *cancellable)
{
  SendData *data = g_new0 (SendData, 1);

  data->task = task;
  data->session = _sharokey_client_dup_session (self, _sharokey_sync_is_current ());
  data->method = g_strdup (method);
  data->url = url;
  data->authorization = authorization;
  data->map_error = map_error;
  data->body = body ? g_bytes_ref (body) : NULL;
  data->progress = progress;
  data->progress_data = progress_data;
  data->timeout = sharokey_client_get_timeout (self);
  data->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                    data->cancellable, NULL);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  /* The timeout bounds the whole call, from waiting for a connection to
   * the last byte of the answer, retries included, not each read: a
   * server that drips its answer would otherwise hold the caller for
   * ever. */
  if (data->timeout > 0)
    data->deadline_at = g_get_monotonic_time () + (gint64) data->timeout * G_USEC_PER_SEC;
  start_when_connection_free (task);
}

void
_sharokey_client_send_async (SharokeyClient        *self,
                             const gchar           *method,
                             const gchar           *path,
                             const gchar * const   *query,
                             GBytes                *body,
                             GFileProgressCallback  progress,
                             gpointer               progress_data,
                             GCancellable          *cancellable,
                             GAsyncReadyCallback    callback,
                             gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gchar *token = sharokey_client_dup_token (self);
  gchar *authorization = NULL;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _sharokey_client_send_async);

  /* /health is the only call that needs no token. */
  if (!_sharokey_client_check_ready (self, token, !g_str_equal (path, "/health"), &error))
    {
      sharokey_wipe_free (token);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (token != NULL && *token != '\0')
    authorization = g_strconcat ("Bearer ", token, NULL);
  sharokey_wipe_free (token);

  /* Only the kind of call: paths carry request tokens, headers the API token. */
  {
    const gchar *end = strchr (path + 1, '/');
    gint len = end ? (gint) (end - path) : (gint) strlen (path);

    g_debug ("%s %.*s", method, len, path);
  }
  start_call (g_steal_pointer (&task), self, method, build_url (self, path, query), authorization,
              _sharokey_error_from_response, body, progress, progress_data, cancellable);
}

void
_sharokey_client_send_url_async (SharokeyClient      *self,
                                 const gchar         *method,
                                 const gchar         *url,
                                 GBytes              *body,
                                 SharokeyErrorMapper  map_error,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (method != NULL && url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _sharokey_client_send_async);
  /* The URL names a secret: the log says only the kind of call. */
  g_debug ("%s (link)", method);
  start_call (task, self, method, g_strdup (url), NULL,
              map_error ? map_error : _sharokey_error_from_response,
              body, NULL, NULL, cancellable);
}

JsonNode *
_sharokey_client_send_finish (SharokeyClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _sharokey_client_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

JsonNode *
_sharokey_client_send_sync (SharokeyClient       *self,
                            const gchar          *method,
                            const gchar          *path,
                            const gchar * const  *query,
                            GBytes               *body,
                            GCancellable         *cancellable,
                            GError              **error)
{
  SharokeySync sync;
  JsonNode *node;

  _sharokey_sync_begin (&sync);
  _sharokey_client_send_async (self, method, path, query, body, NULL, NULL, cancellable,
                               _sharokey_sync_on_result, &sync);
  _sharokey_sync_wait (&sync);
  node = _sharokey_client_send_finish (self, sync.result, error);
  _sharokey_sync_end (&sync);
  return node;
}

/* --- lists --- */

static JsonNode *
pagination_from (JsonObject *object)
{
  JsonNode *node = object ? json_object_get_member (object, "pagination") : NULL;

  return (node != NULL && JSON_NODE_HOLDS_OBJECT (node)) ? json_node_copy (node) : NULL;
}

JsonNode *
_sharokey_list_normalize (JsonNode  *envelope,
                          GError   **error)
{
  g_autoptr(JsonNode) owned = envelope;
  JsonObject *root = json_node_get_object (envelope);
  JsonNode *data = json_object_get_member (root, "data");
  JsonNode *items = NULL, *pagination = NULL;
  JsonObject *normalized;

  if (data != NULL && JSON_NODE_HOLDS_ARRAY (data))
    items = data;                                       /* shapes A, C, D */
  else if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    {
      JsonObject *object = json_node_get_object (data);

      items = json_object_get_member (object, "items");  /* shapes B, D */
      if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
        items = json_object_get_member (object, "requests");
      pagination = pagination_from (object);
    }

  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_clear_pointer (&pagination, json_node_unref);
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                           _("The server's list answer has no items"));
      return NULL;
    }

  if (pagination == NULL)
    pagination = pagination_from (root);                /* shape A */
  if (pagination == NULL)
    {
      JsonObject *meta = _sharokey_json_object (root, "meta"); /* shape C */

      if (meta != NULL && (json_object_has_member (meta, "total") ||
                           json_object_has_member (meta, "current_page")))
        {
          pagination = json_node_new (JSON_NODE_OBJECT);
          json_node_set_object (pagination, meta);
        }
    }

  normalized = json_object_new ();
  json_object_set_member (normalized, "items", json_node_copy (items));
  if (pagination != NULL)
    json_object_set_member (normalized, "pagination", pagination);
  json_object_set_object_member (root, "data", normalized);
  return g_steal_pointer (&owned);
}

/* --- sync helpers --- */

/* The private context of the innermost _sync call of this thread. */
static GPrivate current_sync_context;

gboolean
_sharokey_sync_is_current (void)
{
  GMainContext *context = g_main_context_get_thread_default ();

  return context != NULL && context == g_private_get (&current_sync_context);
}

void
_sharokey_sync_begin (SharokeySync *sync)
{
  sync->context = g_main_context_new ();
  sync->outer = g_private_get (&current_sync_context);
  sync->result = NULL;
  g_main_context_push_thread_default (sync->context);
  g_private_set (&current_sync_context, sync->context);
}

void
_sharokey_sync_on_result (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  SharokeySync *sync = user_data;

  sync->result = g_object_ref (result);
  g_main_context_wakeup (sync->context);
}

void
_sharokey_sync_wait (SharokeySync *sync)
{
  /* Every call ends by its deadline (the client's timeout), or when
   * cancelled: see _sharokey_client_send_async (). */
  while (sync->result == NULL)
    g_main_context_iteration (sync->context, TRUE);
}

void
_sharokey_sync_end (SharokeySync *sync)
{
  g_private_set (&current_sync_context, sync->outer);
  g_main_context_pop_thread_default (sync->context);
  /* Let sources that were released during the call go away (bounded). */
  for (guint i = 0; i < 100 && g_main_context_iteration (sync->context, FALSE); i++)
    ;
  g_clear_object (&sync->result);
  g_main_context_unref (sync->context);
}
