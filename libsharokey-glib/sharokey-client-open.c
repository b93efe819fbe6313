/* sharokey-client-open.c: opening a share link, as the browser viewer does
 *
 *   GET  BASE/api/v1/viewer/SLUG          metadata; never uses a view
 *   POST BASE/api/v1/viewer/SLUG/reveal   checks the password, uses one view
 *                                         and returns the ciphertext and keyA
 *
 * BASE is the link's own origin (and the prefix before /s/), as for the
 * viewer page: the link's host need not be the API's, so the API token is
 * never sent there. keyB stays on this machine; decryption is local.
 * Sharokey's hosted API documents no such endpoint: a server without one
 * answers the metadata step with a 404 (or a page that is not JSON), which
 * is told apart from a secret that is gone by the "GONE" code of
 * sharokey-server's answer, before any view is used.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-client-private.h"

typedef struct {
  gchar *base;
  gchar *slug;
  gchar *key_b;                /* wiped */
  gchar *password;             /* wiped */
  gboolean reveal;             /* open, not only inspect */
  SharokeyLinkInfo *info;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->base);
  g_free (data->slug);
  sharokey_wipe_free (data->key_b);
  sharokey_wipe_free (data->password);
  g_clear_object (&data->info);
  g_free (data);
}

static GError *
no_viewer_error (void)
{
  return g_error_new_literal (SHAROKEY_ERROR, SHAROKEY_ERROR_NO_VIEWER,
                              _("The link's server offers no way to open it outside a browser "
                                "(it has no viewer endpoint); no view was used"));
}

static GError *
gone_error (void)
{
  return g_error_new_literal (SHAROKEY_ERROR, SHAROKEY_ERROR_GONE,
                              _("This secret is no longer available: it was already viewed, "
                                "it expired or it was deleted"));
}

static gboolean
details_has (JsonObject  *details,
             const gchar *field)
{
  return details != NULL && json_object_has_member (details, field);
}

/* The viewer's refusals: a gone secret (sharokey-server marks it GONE), no
 * viewer at all (any other 404, 405, 501), a protection that refused. */
static GError *
viewer_error (guint        status,
              const gchar *retry_after,
              const gchar *body,
              gsize        body_len)
{
  g_autoptr(JsonNode) parsed = NULL;
  SharokeyJsonParseError reason;
  JsonObject *root = NULL, *err, *details;
  const gchar *code;

  parsed = _sharokey_json_parse (body, body_len, &reason);
  if (parsed != NULL && JSON_NODE_HOLDS_OBJECT (parsed))
    root = json_node_get_object (parsed);
  err = _sharokey_json_object (root, "error");
  details = _sharokey_json_object (err, "details");
  code = _sharokey_json_string (err, "code");

  if (status == SOUP_STATUS_GONE ||
      (status == SOUP_STATUS_NOT_FOUND && g_strcmp0 (code, "GONE") == 0))
    return gone_error ();
  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_METHOD_NOT_ALLOWED ||
      status == SOUP_STATUS_NOT_IMPLEMENTED)
    return no_viewer_error ();
  if (status == SOUP_STATUS_FORBIDDEN || status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_autofree gchar *message = NULL;

      if (details_has (details, "password"))
        return g_error_new_literal (SHAROKEY_ERROR, SHAROKEY_ERROR_PASSWORD,
                                    _("The password was refused; no view was used"));
      if (details_has (details, "captcha") || details_has (details, "otp_code"))
        return g_error_new_literal (SHAROKEY_ERROR, SHAROKEY_ERROR_UNSUPPORTED_PROTECTION,
                                    _("This secret asks for a captcha or a one-time code: "
                                      "open the link in a browser"));
      message = _sharokey_response_message (status, root);
      return g_error_new (SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION,
                          _("The server refused to open the secret: %s"), message);
    }
  return _sharokey_error_from_response (status, retry_after, body, body_len);
}

/* The data object of a viewer answer, or NULL. */
static JsonObject *
answer_data (JsonNode *root)
{
  return _sharokey_json_object (json_node_get_object (root), "data");
}

/* --- the reveal step, alone (also for payloads not sealed with keyA+keyB) --- */

void
_sharokey_client_reveal_async (SharokeyClient      *self,
                               const gchar         *base,
                               const gchar         *slug,
                               const gchar         *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree gchar *url = g_strdup_printf ("%s/api/v1/viewer/%s/reveal", base, slug);
  /* The body holds the password: built where it cannot leave copies,
   * wiped when sent. */
  g_autoptr(GBytes) body = _sharokey_secret_field_body ("password", password);

  /* A POST is never retried: each one may use a view. */
  _sharokey_client_send_url_async (self, SOUP_METHOD_POST, url, body, viewer_error,
                                   cancellable, callback, user_data);
}

JsonNode *
_sharokey_client_reveal_finish (SharokeyClient  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_autoptr(JsonNode) root = _sharokey_client_send_finish (self, result, error);
  JsonObject *data;

  if (root == NULL)
    return NULL;
  data = answer_data (root);
  if (data == NULL)
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                           _("The viewer's answer has no data"));
      return NULL;
    }
  return json_node_ref (json_object_get_member (json_node_get_object (root), "data"));
}

/* --- decryption --- */

static gboolean
is_key_a (const gchar *key_a)
{
  if (key_a == NULL || strlen (key_a) != SHAROKEY_KEY_A_LENGTH)
    return FALSE;
  for (const gchar *p = key_a; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

static GBytes *
decrypt_member (SharokeyCipher  *cipher,
                const guint8    *iv,
                const gchar     *text,
                GError         **error)
{
  gsize len = 0;
  g_autofree guint8 *data = text ? _sharokey_base64_decode (text, &len) : NULL;

  if (data == NULL)
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                           _("The viewer's answer holds a ciphertext that is not base64"));
      return NULL;
    }
  return _sharokey_cipher_decrypt (cipher, iv, data, len, error);
}

/* Decrypts the reveal payload with keyA (from the server) + keyB (from
 * the link): one PBKDF2 run for the text and every file, which share the
 * key, salt and IV (§4 of the API contract). */
static SharokeyOpenedSecret *
decrypt_payload (const gchar  *slug,
                 const gchar  *key_b,
                 JsonObject   *data,
                 GError      **error)
{
  const gchar *key_a = _sharokey_json_string (data, "key");
  const gchar *iv_text = _sharokey_json_string (data, "iv");
  const gchar *salt_text = _sharokey_json_string (data, "salt");
  g_autofree guint8 *iv = NULL, *salt = NULL;
  gsize iv_len = 0, salt_len = 0;
  g_autoptr(SharokeyCipher) cipher = NULL;
  g_autoptr(SharokeyOpenedSecret) opened = NULL;
  GBytes *text;
  JsonArray *files = NULL;
  guint64 remaining = 0;
  gchar *key_string;

  if (iv_text)
    iv = _sharokey_base64_decode (iv_text, &iv_len);
  if (salt_text)
    salt = _sharokey_base64_decode (salt_text, &salt_len);
  if (!is_key_a (key_a) || iv == NULL || iv_len != SHAROKEY_IV_LENGTH ||
      salt == NULL || salt_len != SHAROKEY_SALT_LENGTH)
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                           _("The viewer's answer lacks a valid key part, IV or salt"));
      return NULL;
    }

  key_string = g_strconcat (key_a, key_b, NULL);
  cipher = _sharokey_cipher_new (key_string, salt, error);
  sharokey_wipe_free (key_string);
  if (cipher == NULL)
    return NULL;

  text = decrypt_member (cipher, iv, _sharokey_json_string (data, "content"), error);
  if (text == NULL)
    return NULL;
  _sharokey_json_uint64 (data, "remaining_views", &remaining);
  opened = _sharokey_opened_secret_new (slug, text, (gint64) MIN (remaining, G_MAXINT64), error);
  if (opened == NULL)
    return NULL;

  if (json_object_has_member (data, "attachments") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (data, "attachments")))
    files = json_object_get_array_member (data, "attachments");
  for (guint i = 0; files != NULL && i < json_array_get_length (files); i++)
    {
      JsonNode *node = json_array_get_element (files, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const gchar *name = _sharokey_json_string (item, "name");
      GBytes *file;

      if (name == NULL)
        {
          g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                               _("The viewer's answer has a file without a name"));
          return NULL;
        }
      file = decrypt_member (cipher, iv, _sharokey_json_string (item, "data"), error);
      if (file == NULL)
        return NULL;
      _sharokey_opened_secret_add_attachment (opened, name, file);
    }
  return g_steal_pointer (&opened);
}

/* --- inspect, then open --- */

static void
on_revealed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) payload = NULL;
  GError *error = NULL;
  SharokeyOpenedSecret *opened;

  payload = _sharokey_client_reveal_finish (SHAROKEY_CLIENT (source), result, &error);
  if (payload == NULL)
    {
      if (g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PASSWORD))
        {
          g_clear_error (&error);
          error = g_error_new_literal (SHAROKEY_ERROR, SHAROKEY_ERROR_PASSWORD,
                                       _("Wrong password; no view was used"));
        }
      g_task_return_error (task, error);
      return;
    }
  opened = decrypt_payload (data->slug, data->key_b, json_node_get_object (payload), &error);
  if (opened == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, opened, g_object_unref);
}

static void
on_inspected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  SharokeyClient *self = SHAROKEY_CLIENT (source);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  GError *error = NULL;

  root = _sharokey_client_send_finish (self, result, &error);
  /* A page that is not the viewer's JSON (a web app's HTML) is no viewer. */
  if (root == NULL && g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL))
    {
      g_clear_error (&error);
      error = no_viewer_error ();
    }
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  object = answer_data (root);
  if (object == NULL || !json_object_has_member (object, "remaining_views"))
    {
      g_task_return_error (task, no_viewer_error ());
      return;
    }
  data->info = _sharokey_link_info_new (data->slug, object, &error);
  if (data->info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (sharokey_link_info_get_remaining_views (data->info) <= 0)
    {
      g_task_return_error (task, gone_error ());
      return;
    }
  if (!data->reveal)
    {
      g_task_return_pointer (task, g_object_ref (data->info), g_object_unref);
      return;
    }

  /* Everything that would make the reveal fail is refused here, before a
   * view can be used. */
  if (sharokey_link_info_get_requires_captcha (data->info) ||
      sharokey_link_info_get_requires_otp (data->info))
    {
      g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_UNSUPPORTED_PROTECTION,
                               _("This secret asks for a captcha or a one-time code: "
                                 "open the link in a browser"));
      return;
    }
  if (sharokey_link_info_get_requires_password (data->info) &&
      (data->password == NULL || *data->password == '\0'))
    {
      g_task_return_new_error (task, SHAROKEY_ERROR, SHAROKEY_ERROR_PASSWORD,
                               _("This secret is protected by a password: give it to open the secret"));
      return;
    }
  {
    GCancellable *cancellable = g_task_get_cancellable (task);

    _sharokey_client_reveal_async (self, data->base, data->slug,
                                   sharokey_link_info_get_requires_password (data->info) ? data->password : NULL,
                                   cancellable, on_revealed, g_steal_pointer (&task));
  }
}

static void
start (SharokeyClient      *self,
       const gchar         *link,
       gboolean             reveal,
       const gchar         *password,
       gpointer             source_tag,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  OpenData *data = g_new0 (OpenData, 1);
  g_autofree gchar *url = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  data->reveal = reveal;
  data->password = g_strdup (password);
  if (password != NULL && !_sharokey_validate_password (password, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!_sharokey_link_split (link, &data->base, &data->slug, &data->key_b, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  url = g_strdup_printf ("%s/api/v1/viewer/%s", data->base, data->slug);
  _sharokey_client_send_url_async (self, SOUP_METHOD_GET, url, NULL, viewer_error,
                                   cancellable, on_inspected, g_steal_pointer (&task));
}

/**
 * sharokey_client_inspect_link_async:
 * @self: a client
 * @link: a share link, `ACCESS_URL#keyB`
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async) (closure user_data): called when the answer is
 *   ready or the call failed
 * @user_data: data for @callback
 *
 * Asks the server of @link what opening it needs and how many views
 * remain, without using one, so that a program can ask the recipient
 * before [method@Client.open_async] does. Needs no token, and sends none:
 * the call goes to the link's own server, which may not be the API's.
 *
 * @link must be an `https://` link (or `http://` to this machine) with the
 * 24-character keyB in its fragment. A secret that is gone fails with
 * %SHAROKEY_ERROR_GONE; a server that has no viewer endpoint (Sharokey's
 * hosted API documents none) with %SHAROKEY_ERROR_NO_VIEWER. Call
 * [method@Client.inspect_link_finish] to get the result.
 */
void
sharokey_client_inspect_link_async (SharokeyClient      *self,
                                    const gchar         *link,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start (self, link, FALSE, NULL, sharokey_client_inspect_link_async, cancellable, callback, user_data);
}

/**
 * sharokey_client_inspect_link_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.inspect_link_async].
 *
 * Returns: (transfer full): what the link's server tells, or %NULL on error
 */
SharokeyLinkInfo *
sharokey_client_inspect_link_finish (SharokeyClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sharokey_client_inspect_link_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sharokey_client_inspect_link_sync:
 * @self: a client
 * @link: a share link, `ACCESS_URL#keyB`
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * The blocking form of [method@Client.inspect_link_async], on the calling
 * thread.
 *
 * Returns: (transfer full): what the link's server tells, or %NULL on error
 */
SharokeyLinkInfo *
sharokey_client_inspect_link_sync (SharokeyClient  *self,
                                   const gchar     *link,
                                   GCancellable    *cancellable,
                                   GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (SharokeyLinkInfo *, sharokey_client_inspect_link_finish,
             sharokey_client_inspect_link_async (self, link, cancellable, _sharokey_sync_on_result, &sync));
}

/**
 * sharokey_client_open_async:
 * @self: a client
 * @link: a share link, `ACCESS_URL#keyB`
 * @password: (nullable): the secret's password, when it has one
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @callback: (scope async) (closure user_data): called when the secret is
 *   open or the call failed
 * @user_data: data for @callback
 *
 * Opens a share link as the browser viewer does: reads its metadata (as
 * [method@Client.inspect_link_async]), then asks the link's server to
 * reveal the secret, which uses one view, and decrypts the text and the
 * files on this machine with keyA (from the server) and keyB (from the
 * link's fragment). keyB never leaves the process, and the API token is
 * not sent.
 *
 * Whatever would make the reveal fail is checked before it, so that no
 * view is used for nothing: a secret that is gone fails with
 * %SHAROKEY_ERROR_GONE, a server without a viewer endpoint with
 * %SHAROKEY_ERROR_NO_VIEWER, a missing password with
 * %SHAROKEY_ERROR_PASSWORD, a captcha or one-time code with
 * %SHAROKEY_ERROR_UNSUPPORTED_PROTECTION. A wrong password is refused by
 * the server without using a view (%SHAROKEY_ERROR_PASSWORD). The reveal
 * is never sent twice. Call [method@Client.open_finish] to get the result.
 */
void
sharokey_client_open_async (SharokeyClient      *self,
                            const gchar         *link,
                            const gchar         *password,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (SHAROKEY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  start (self, link, TRUE, password, sharokey_client_open_async, cancellable, callback, user_data);
}

/**
 * sharokey_client_open_finish:
 * @self: a client
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError, or %NULL
 *
 * Finishes [method@Client.open_async].
 *
 * Returns: (transfer full): the opened secret, or %NULL on error
 */
SharokeyOpenedSecret *
sharokey_client_open_finish (SharokeyClient  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sharokey_client_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sharokey_client_open_sync:
 * @self: a client
 * @link: a share link, `ACCESS_URL#keyB`
 * @password: (nullable): the secret's password, when it has one
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * The blocking form of [method@Client.open_async], on the calling thread.
 *
 * Returns: (transfer full): the opened secret, or %NULL on error
 */
SharokeyOpenedSecret *
sharokey_client_open_sync (SharokeyClient  *self,
                           const gchar     *link,
                           const gchar     *password,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_return_val_if_fail (SHAROKEY_IS_CLIENT (self), NULL);
  SHAROKEY_SYNC_CALL (SharokeyOpenedSecret *, sharokey_client_open_finish,
             sharokey_client_open_async (self, link, password, cancellable, _sharokey_sync_on_result, &sync));
}
