/* sharokey-secret-request.h: a secret request as the API describes it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SHAROKEY_H_INSIDE__) && !defined(SHAROKEY_COMPILATION)
#error "Only <sharokey.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>
#include "sharokey-version-macros.h"

G_BEGIN_DECLS

/**
 * SharokeySecretRequestStatus:
 * @SHAROKEY_SECRET_REQUEST_STATUS_UNKNOWN: the server gave no status this
 *   library knows; the item's JSON has what it sent
 * @SHAROKEY_SECRET_REQUEST_STATUS_ACTIVE: the request waits for an answer
 * @SHAROKEY_SECRET_REQUEST_STATUS_EXPIRED: the request expired or was
 *   cancelled without being answered
 * @SHAROKEY_SECRET_REQUEST_STATUS_FULFILLED: someone answered it: the
 *   secret is [property@SecretRequest:secret-slug]
 *
 * Where a secret request stands.
 */
typedef enum {
  SHAROKEY_SECRET_REQUEST_STATUS_UNKNOWN,
  SHAROKEY_SECRET_REQUEST_STATUS_ACTIVE,
  SHAROKEY_SECRET_REQUEST_STATUS_EXPIRED,
  SHAROKEY_SECRET_REQUEST_STATUS_FULFILLED,
} SharokeySecretRequestStatus;

#define SHAROKEY_TYPE_SECRET_REQUEST (sharokey_secret_request_get_type ())

SHAROKEY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SharokeySecretRequest, sharokey_secret_request, SHAROKEY, SECRET_REQUEST, GObject)

SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_secret_request_get_token                    (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
guint64      sharokey_secret_request_get_id                       (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_secret_request_get_url                      (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
SharokeySecretRequestStatus sharokey_secret_request_get_status    (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_secret_request_get_secret_slug              (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_secret_request_get_message                  (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_secret_request_get_description              (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_secret_request_get_creator                  (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_secret_request_get_email_to                 (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_secret_request_get_email_reply              (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_secret_request_get_locale                   (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
guint        sharokey_secret_request_get_maximum_views            (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
guint        sharokey_secret_request_get_secret_expiration_hours  (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
guint        sharokey_secret_request_get_request_expiration_hours (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
GDateTime   *sharokey_secret_request_get_secret_expiration        (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
GDateTime   *sharokey_secret_request_get_request_expiration       (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
GDateTime   *sharokey_secret_request_get_created_at               (SharokeySecretRequest *self);
SHAROKEY_AVAILABLE_IN_ALL
JsonNode    *sharokey_secret_request_get_json                     (SharokeySecretRequest *self);

G_END_DECLS
