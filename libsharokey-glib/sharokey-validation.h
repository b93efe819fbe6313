/* sharokey-validation.h: the checks made before anything is sent
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SHAROKEY_H_INSIDE__) && !defined(SHAROKEY_COMPILATION)
#error "Only <sharokey.h> can be included directly."
#endif

#include <glib.h>
#include "sharokey-version-macros.h"
#include "sharokey-secret-options.h"
#include "sharokey-request-options.h"

G_BEGIN_DECLS

/**
 * SHAROKEY_MAX_ATTACHMENTS:
 *
 * The largest number of files one secret can carry.
 */
#define SHAROKEY_MAX_ATTACHMENTS 10

/**
 * SHAROKEY_MAX_ATTACHMENTS_SIZE:
 *
 * The largest total size, in bytes, of the files of one secret (10 MB).
 */
#define SHAROKEY_MAX_ATTACHMENTS_SIZE (10 * 1024 * 1024)

SHAROKEY_AVAILABLE_IN_ALL
gboolean sharokey_validate_secret          (const gchar            *content,
                                            guint                   hours,
                                            guint                   views,
                                            SharokeySecretOptions  *options,
                                            GError                **error);

SHAROKEY_AVAILABLE_IN_ALL
gboolean sharokey_validate_request         (SharokeyRequestOptions *options,
                                            GError                **error);

SHAROKEY_AVAILABLE_IN_ALL
gboolean sharokey_validate_api_url         (const gchar            *api_url,
                                            GError                **error);

SHAROKEY_AVAILABLE_IN_ALL
gboolean sharokey_validate_timeout         (const gchar            *text,
                                            guint                  *out_seconds,
                                            GError                **error);

G_END_DECLS
