/* sharokey-client.h: the Sharokey API client
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SHAROKEY_H_INSIDE__) && !defined(SHAROKEY_COMPILATION)
#error "Only <sharokey.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "sharokey-version-macros.h"
#include "sharokey-secret-options.h"
#include "sharokey-request-options.h"
#include "sharokey-config.h"
#include "sharokey-secret.h"
#include "sharokey-secret-request.h"
#include "sharokey-stats.h"
#include "sharokey-link-info.h"
#include "sharokey-opened-secret.h"
#include "sharokey-page.h"
#include "sharokey-diagnosis.h"

G_BEGIN_DECLS

/**
 * SHAROKEY_DEFAULT_API_URL:
 *
 * The hosted Sharokey API.
 */
#define SHAROKEY_DEFAULT_API_URL "https://api.sharokey.com/api/v1"

/**
 * SHAROKEY_DEFAULT_TIMEOUT:
 *
 * Default timeout of a request, in seconds.
 */
#define SHAROKEY_DEFAULT_TIMEOUT 30

#define SHAROKEY_TYPE_CLIENT (sharokey_client_get_type ())

SHAROKEY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SharokeyClient, sharokey_client, SHAROKEY, CLIENT, GObject)

SHAROKEY_AVAILABLE_IN_ALL
SharokeyClient *sharokey_client_new                  (const gchar     *token);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyClient *sharokey_client_new_for_config       (SharokeyConfig  *config);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyClient *sharokey_client_new_from_environment (GError         **error);

SHAROKEY_AVAILABLE_IN_ALL
gchar          *sharokey_client_dup_token            (SharokeyClient  *self);
SHAROKEY_AVAILABLE_IN_ALL
void            sharokey_client_set_token            (SharokeyClient  *self,
                                                      const gchar     *token);
SHAROKEY_AVAILABLE_IN_ALL
const gchar    *sharokey_client_get_api_url          (SharokeyClient  *self);
SHAROKEY_AVAILABLE_IN_ALL
guint           sharokey_client_get_timeout          (SharokeyClient  *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar    *sharokey_client_get_user_agent       (SharokeyClient  *self);
SHAROKEY_AVAILABLE_IN_ALL
gboolean        sharokey_client_get_has_token        (SharokeyClient  *self);

SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_create_async (SharokeyClient        *self,
                                                      const gchar           *content,
                                                      guint                 hours,
                                                      guint                 views,
                                                      SharokeySecretOptions *options,
                                                      GFileProgressCallback progress_callback,
                                                      gpointer              progress_data,
                                                      GDestroyNotify        progress_data_destroy,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
SHAROKEY_AVAILABLE_IN_ALL
SharokeySecret         *sharokey_client_create_finish (SharokeyClient *self,
                                                       GAsyncResult   *result,
                                                       GError         **error);
SHAROKEY_AVAILABLE_IN_ALL
SharokeySecret         *sharokey_client_create_sync (SharokeyClient        *self,
                                                     const gchar           *content,
                                                     guint                 hours,
                                                     guint                 views,
                                                     SharokeySecretOptions *options,
                                                     GFileProgressCallback progress_callback,
                                                     gpointer              progress_data,
                                                     GCancellable          *cancellable,
                                                     GError                **error);

SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_list_async (SharokeyClient      *self,
                                                    guint               limit,
                                                    guint               page,
                                                    const gchar         *status,
                                                    const gchar         *creator,
                                                    const gchar         *search,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyPage           *sharokey_client_list_finish (SharokeyClient *self,
                                                     GAsyncResult   *result,
                                                     GError         **error);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyPage           *sharokey_client_list_sync (SharokeyClient *self,
                                                   guint          limit,
                                                   guint          page,
                                                   const gchar    *status,
                                                   const gchar    *creator,
                                                   const gchar    *search,
                                                   GCancellable   *cancellable,
                                                   GError         **error);

SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_get_async (SharokeyClient      *self,
                                                   const gchar         *slug,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
SHAROKEY_AVAILABLE_IN_ALL
SharokeySecret         *sharokey_client_get_finish (SharokeyClient *self,
                                                    GAsyncResult   *result,
                                                    GError         **error);
SHAROKEY_AVAILABLE_IN_ALL
SharokeySecret         *sharokey_client_get_sync (SharokeyClient *self,
                                                  const gchar    *slug,
                                                  GCancellable   *cancellable,
                                                  GError         **error);

SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_delete_async (SharokeyClient      *self,
                                                      const gchar         *slug,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
SHAROKEY_AVAILABLE_IN_ALL
gboolean                sharokey_client_delete_finish (SharokeyClient *self,
                                                       GAsyncResult   *result,
                                                       GError         **error);
SHAROKEY_AVAILABLE_IN_ALL
gboolean                sharokey_client_delete_sync (SharokeyClient *self,
                                                     const gchar    *slug,
                                                     GCancellable   *cancellable,
                                                     GError         **error);

SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_stats_async (SharokeyClient      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyStats          *sharokey_client_stats_finish (SharokeyClient *self,
                                                      GAsyncResult   *result,
                                                      GError         **error);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyStats          *sharokey_client_stats_sync (SharokeyClient *self,
                                                    GCancellable   *cancellable,
                                                    GError         **error);

SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_test_async (SharokeyClient      *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyDiagnosis      *sharokey_client_test_finish (SharokeyClient *self,
                                                     GAsyncResult   *result,
                                                     GError         **error);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyDiagnosis      *sharokey_client_test_sync (SharokeyClient *self,
                                                   GCancellable   *cancellable,
                                                   GError         **error);

SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_health_async (SharokeyClient      *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
SHAROKEY_AVAILABLE_IN_ALL
gboolean                sharokey_client_health_finish (SharokeyClient *self,
                                                       GAsyncResult   *result,
                                                       GError         **error);
SHAROKEY_AVAILABLE_IN_ALL
gboolean                sharokey_client_health_sync (SharokeyClient *self,
                                                     GCancellable   *cancellable,
                                                     GError         **error);

SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_create_request_async (SharokeyClient         *self,
                                                              SharokeyRequestOptions *options,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
SHAROKEY_AVAILABLE_IN_ALL
SharokeySecretRequest  *sharokey_client_create_request_finish (SharokeyClient *self,
                                                               GAsyncResult   *result,
                                                               GError         **error);
SHAROKEY_AVAILABLE_IN_ALL
SharokeySecretRequest  *sharokey_client_create_request_sync (SharokeyClient         *self,
                                                             SharokeyRequestOptions *options,
                                                             GCancellable           *cancellable,
                                                             GError                 **error);

SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_list_requests_async (SharokeyClient      *self,
                                                             guint               limit,
                                                             guint               page,
                                                             const gchar         *status,
                                                             const gchar         *creator,
                                                             const gchar         *search,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback callback,
                                                             gpointer            user_data);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyPage           *sharokey_client_list_requests_finish (SharokeyClient *self,
                                                              GAsyncResult   *result,
                                                              GError         **error);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyPage           *sharokey_client_list_requests_sync (SharokeyClient *self,
                                                            guint          limit,
                                                            guint          page,
                                                            const gchar    *status,
                                                            const gchar    *creator,
                                                            const gchar    *search,
                                                            GCancellable   *cancellable,
                                                            GError         **error);

SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_get_request_async (SharokeyClient      *self,
                                                           const gchar         *token,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback callback,
                                                           gpointer            user_data);
SHAROKEY_AVAILABLE_IN_ALL
SharokeySecretRequest  *sharokey_client_get_request_finish (SharokeyClient *self,
                                                            GAsyncResult   *result,
                                                            GError         **error);
SHAROKEY_AVAILABLE_IN_ALL
SharokeySecretRequest  *sharokey_client_get_request_sync (SharokeyClient *self,
                                                          const gchar    *token,
                                                          GCancellable   *cancellable,
                                                          GError         **error);

SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_open_request_async (SharokeyClient      *self,
                                                            const gchar         *token,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer            user_data);
SHAROKEY_AVAILABLE_IN_ALL
GBytes                 *sharokey_client_open_request_finish (SharokeyClient *self,
                                                             GAsyncResult   *result,
                                                             GError         **error);
SHAROKEY_AVAILABLE_IN_ALL
GBytes                 *sharokey_client_open_request_sync (SharokeyClient *self,
                                                           const gchar    *token,
                                                           GCancellable   *cancellable,
                                                           GError         **error);

SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_delete_request_async (SharokeyClient      *self,
                                                              const gchar         *token,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback callback,
                                                              gpointer            user_data);
SHAROKEY_AVAILABLE_IN_ALL
gboolean                sharokey_client_delete_request_finish (SharokeyClient *self,
                                                               GAsyncResult   *result,
                                                               GError         **error);
SHAROKEY_AVAILABLE_IN_ALL
gboolean                sharokey_client_delete_request_sync (SharokeyClient *self,
                                                             const gchar    *token,
                                                             GCancellable   *cancellable,
                                                             GError         **error);

SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_request_stats_async (SharokeyClient      *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback callback,
                                                             gpointer            user_data);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyRequestStats   *sharokey_client_request_stats_finish (SharokeyClient *self,
                                                              GAsyncResult   *result,
                                                              GError         **error);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyRequestStats   *sharokey_client_request_stats_sync (SharokeyClient *self,
                                                            GCancellable   *cancellable,
                                                            GError         **error);

SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_test_connection_async (SharokeyClient      *self,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback callback,
                                                               gpointer            user_data);
SHAROKEY_AVAILABLE_IN_ALL
gboolean                sharokey_client_test_connection_finish (SharokeyClient *self,
                                                                GAsyncResult   *result,
                                                                GError         **error);
SHAROKEY_AVAILABLE_IN_ALL
gboolean                sharokey_client_test_connection_sync (SharokeyClient *self,
                                                              GCancellable   *cancellable,
                                                              GError         **error);

/* Opening a share link (sharokey-client-open.c) */
SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_inspect_link_async (SharokeyClient      *self,
                                                            const gchar         *link,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyLinkInfo       *sharokey_client_inspect_link_finish (SharokeyClient *self,
                                                             GAsyncResult   *result,
                                                             GError        **error);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyLinkInfo       *sharokey_client_inspect_link_sync (SharokeyClient *self,
                                                           const gchar    *link,
                                                           GCancellable   *cancellable,
                                                           GError        **error);
SHAROKEY_AVAILABLE_IN_ALL
void                    sharokey_client_open_async (SharokeyClient      *self,
                                                    const gchar         *link,
                                                    const gchar         *password,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyOpenedSecret   *sharokey_client_open_finish (SharokeyClient *self,
                                                     GAsyncResult   *result,
                                                     GError        **error);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyOpenedSecret   *sharokey_client_open_sync (SharokeyClient *self,
                                                   const gchar    *link,
                                                   const gchar    *password,
                                                   GCancellable   *cancellable,
                                                   GError        **error);

G_END_DECLS
