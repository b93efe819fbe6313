/* sharokey-client.c: placeholder until the client lands (issue: SharokeyClient)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-private.h"

struct _SharokeyClient {
  GObject parent_instance;
  gchar *token;
  gchar *api_url;
  guint timeout;
  gchar *user_agent;
};

G_DEFINE_FINAL_TYPE (SharokeyClient, sharokey_client, G_TYPE_OBJECT)

static void sharokey_client_class_init (SharokeyClientClass *klass) {}
static void sharokey_client_init (SharokeyClient *self) {}

SharokeyClient *
sharokey_client_new_from_environment (GError         **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

const gchar    *
sharokey_client_get_token            (SharokeyClient  *self)
{
  return 0;
}

void
sharokey_client_set_token            (SharokeyClient  *self,
                                                      const gchar     *token)
{
}

const gchar    *
sharokey_client_get_api_url          (SharokeyClient  *self)
{
  return 0;
}

void
sharokey_client_set_api_url          (SharokeyClient  *self,
                                                      const gchar     *api_url)
{
}

guint
sharokey_client_get_timeout          (SharokeyClient  *self)
{
  return 0;
}

void
sharokey_client_set_timeout          (SharokeyClient  *self,
                                                      guint            timeout)
{
}

const gchar    *
sharokey_client_get_user_agent       (SharokeyClient  *self)
{
  return 0;
}

void
sharokey_client_set_user_agent       (SharokeyClient  *self,
                                                      const gchar     *user_agent)
{
}

JsonNode       *
sharokey_client_get_config           (SharokeyClient  *self)
{
  return 0;
}

void
sharokey_client_create_async (SharokeyClient           *self,
                                        const gchar              *content,
                                        guint                    hours,
                                        guint                    views,
                                        SharokeySecretOptions    *options,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data)
{
}

JsonNode *
sharokey_client_create_finish (SharokeyClient           *self,
                                         GAsyncResult             *result,
                                         GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

JsonNode *
sharokey_client_create_sync (SharokeyClient           *self,
                                       const gchar              *content,
                                       guint                    hours,
                                       guint                    views,
                                       SharokeySecretOptions    *options,
                                       GCancellable             *cancellable,
                                       GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

void
sharokey_client_list_async (SharokeyClient           *self,
                                      guint                    limit,
                                      const gchar              *status,
                                      const gchar              *creator,
                                      const gchar              *search,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data)
{
}

JsonNode *
sharokey_client_list_finish (SharokeyClient           *self,
                                       GAsyncResult             *result,
                                       GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

JsonNode *
sharokey_client_list_sync (SharokeyClient           *self,
                                     guint                    limit,
                                     const gchar              *status,
                                     const gchar              *creator,
                                     const gchar              *search,
                                     GCancellable             *cancellable,
                                     GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

void
sharokey_client_get_async (SharokeyClient           *self,
                                     const gchar              *slug,
                                     GCancellable             *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data)
{
}

JsonNode *
sharokey_client_get_finish (SharokeyClient           *self,
                                      GAsyncResult             *result,
                                      GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

JsonNode *
sharokey_client_get_sync (SharokeyClient           *self,
                                    const gchar              *slug,
                                    GCancellable             *cancellable,
                                    GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

void
sharokey_client_delete_async (SharokeyClient           *self,
                                        const gchar              *slug,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data)
{
}

JsonNode *
sharokey_client_delete_finish (SharokeyClient           *self,
                                         GAsyncResult             *result,
                                         GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

JsonNode *
sharokey_client_delete_sync (SharokeyClient           *self,
                                       const gchar              *slug,
                                       GCancellable             *cancellable,
                                       GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

void
sharokey_client_stats_async (SharokeyClient           *self,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data)
{
}

JsonNode *
sharokey_client_stats_finish (SharokeyClient           *self,
                                        GAsyncResult             *result,
                                        GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

JsonNode *
sharokey_client_stats_sync (SharokeyClient           *self,
                                      GCancellable             *cancellable,
                                      GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

void
sharokey_client_test_async (SharokeyClient           *self,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data)
{
}

JsonNode *
sharokey_client_test_finish (SharokeyClient           *self,
                                       GAsyncResult             *result,
                                       GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

JsonNode *
sharokey_client_test_sync (SharokeyClient           *self,
                                     GCancellable             *cancellable,
                                     GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

void
sharokey_client_health_async (SharokeyClient           *self,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data)
{
}

JsonNode *
sharokey_client_health_finish (SharokeyClient           *self,
                                         GAsyncResult             *result,
                                         GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

JsonNode *
sharokey_client_health_sync (SharokeyClient           *self,
                                       GCancellable             *cancellable,
                                       GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

void
sharokey_client_create_request_async (SharokeyClient           *self,
                                                SharokeyRequestOptions   *options,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback      callback,
                                                gpointer                 user_data)
{
}

JsonNode *
sharokey_client_create_request_finish (SharokeyClient           *self,
                                                 GAsyncResult             *result,
                                                 GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

JsonNode *
sharokey_client_create_request_sync (SharokeyClient           *self,
                                               SharokeyRequestOptions   *options,
                                               GCancellable             *cancellable,
                                               GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

void
sharokey_client_list_requests_async (SharokeyClient           *self,
                                               guint                    limit,
                                               const gchar              *status,
                                               const gchar              *creator,
                                               const gchar              *search,
                                               GCancellable             *cancellable,
                                               GAsyncReadyCallback      callback,
                                               gpointer                 user_data)
{
}

JsonNode *
sharokey_client_list_requests_finish (SharokeyClient           *self,
                                                GAsyncResult             *result,
                                                GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

JsonNode *
sharokey_client_list_requests_sync (SharokeyClient           *self,
                                              guint                    limit,
                                              const gchar              *status,
                                              const gchar              *creator,
                                              const gchar              *search,
                                              GCancellable             *cancellable,
                                              GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

void
sharokey_client_get_request_async (SharokeyClient           *self,
                                             const gchar              *token,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data)
{
}

JsonNode *
sharokey_client_get_request_finish (SharokeyClient           *self,
                                              GAsyncResult             *result,
                                              GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

JsonNode *
sharokey_client_get_request_sync (SharokeyClient           *self,
                                            const gchar              *token,
                                            GCancellable             *cancellable,
                                            GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

void
sharokey_client_delete_request_async (SharokeyClient           *self,
                                                const gchar              *token,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback      callback,
                                                gpointer                 user_data)
{
}

JsonNode *
sharokey_client_delete_request_finish (SharokeyClient           *self,
                                                 GAsyncResult             *result,
                                                 GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

JsonNode *
sharokey_client_delete_request_sync (SharokeyClient           *self,
                                               const gchar              *token,
                                               GCancellable             *cancellable,
                                               GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

void
sharokey_client_request_stats_async (SharokeyClient           *self,
                                               GCancellable             *cancellable,
                                               GAsyncReadyCallback      callback,
                                               gpointer                 user_data)
{
}

JsonNode *
sharokey_client_request_stats_finish (SharokeyClient           *self,
                                                GAsyncResult             *result,
                                                GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

JsonNode *
sharokey_client_request_stats_sync (SharokeyClient           *self,
                                              GCancellable             *cancellable,
                                              GError                   **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

void
sharokey_client_test_connection_async  (SharokeyClient          *self,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data)
{
}

gboolean
sharokey_client_test_connection_finish (SharokeyClient          *self,
                                                  GAsyncResult            *result,
                                                  GError                 **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}

gboolean
sharokey_client_test_connection_sync   (SharokeyClient          *self,
                                                  GCancellable            *cancellable,
                                                  GError                 **error)
{
  g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED, "not implemented");
  return 0;
}
