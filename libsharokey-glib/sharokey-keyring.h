/* sharokey-keyring.h: the API token in the keyring (Secret Service)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SHAROKEY_H_INSIDE__) && !defined(SHAROKEY_COMPILATION)
#error "Only <sharokey.h> can be included directly."
#endif

#include <gio/gio.h>
#include "sharokey-version-macros.h"

G_BEGIN_DECLS

/**
 * SHAROKEY_KEYRING_SCHEMA_NAME:
 *
 * The name of the Secret Service schema of the tokens; each item has one
 * attribute, `api-url`, the normalized API URL it is for.
 */
#define SHAROKEY_KEYRING_SCHEMA_NAME "org.sharokey.Token"

SHAROKEY_AVAILABLE_IN_ALL
gboolean  sharokey_keyring_is_available       (void);

SHAROKEY_AVAILABLE_IN_ALL
gchar    *sharokey_keyring_normalize_api_url  (const gchar          *api_url,
                                               GError              **error);

SHAROKEY_AVAILABLE_IN_ALL
void      sharokey_keyring_store_token_async  (const gchar          *api_url,
                                               const gchar          *token,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
SHAROKEY_AVAILABLE_IN_ALL
gboolean  sharokey_keyring_store_token_finish (GAsyncResult         *result,
                                               GError              **error);
SHAROKEY_AVAILABLE_IN_ALL
gboolean  sharokey_keyring_store_token_sync   (const gchar          *api_url,
                                               const gchar          *token,
                                               GCancellable         *cancellable,
                                               GError              **error);

SHAROKEY_AVAILABLE_IN_ALL
void      sharokey_keyring_lookup_token_async  (const gchar          *api_url,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
SHAROKEY_AVAILABLE_IN_ALL
gchar    *sharokey_keyring_lookup_token_finish (GAsyncResult         *result,
                                                GError              **error);
SHAROKEY_AVAILABLE_IN_ALL
gchar    *sharokey_keyring_lookup_token_sync   (const gchar          *api_url,
                                                GCancellable         *cancellable,
                                                GError              **error);

SHAROKEY_AVAILABLE_IN_ALL
void      sharokey_keyring_clear_token_async  (const gchar          *api_url,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
SHAROKEY_AVAILABLE_IN_ALL
gboolean  sharokey_keyring_clear_token_finish (GAsyncResult         *result,
                                               GError              **error);
SHAROKEY_AVAILABLE_IN_ALL
gboolean  sharokey_keyring_clear_token_sync   (const gchar          *api_url,
                                               GCancellable         *cancellable,
                                               GError              **error);

G_END_DECLS
