/* sharokey-secret.h: a secret as the API describes it
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
 * SharokeySecretStatus:
 * @SHAROKEY_SECRET_STATUS_UNKNOWN: the server gave no status this library
 *   knows; the item's JSON has what it sent
 * @SHAROKEY_SECRET_STATUS_ACTIVE: the secret can still be opened
 * @SHAROKEY_SECRET_STATUS_EXPIRED: the secret expired, was opened as often as
 *   allowed, or was deleted; its content is gone
 *
 * Whether a secret can still be opened.
 */
typedef enum {
  SHAROKEY_SECRET_STATUS_UNKNOWN,
  SHAROKEY_SECRET_STATUS_ACTIVE,
  SHAROKEY_SECRET_STATUS_EXPIRED,
} SharokeySecretStatus;

#define SHAROKEY_TYPE_SECRET (sharokey_secret_get_type ())

SHAROKEY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SharokeySecret, sharokey_secret, SHAROKEY, SECRET, GObject)

SHAROKEY_AVAILABLE_IN_ALL
const gchar          *sharokey_secret_get_slug              (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar          *sharokey_secret_get_description       (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar          *sharokey_secret_get_message           (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar          *sharokey_secret_get_creator           (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
guint                 sharokey_secret_get_maximum_views     (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
guint                 sharokey_secret_get_current_views     (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
GDateTime            *sharokey_secret_get_expiration        (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
GDateTime            *sharokey_secret_get_created_at        (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
SharokeySecretStatus  sharokey_secret_get_status            (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
gboolean              sharokey_secret_get_has_password      (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
gboolean              sharokey_secret_get_captcha           (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar          *sharokey_secret_get_otp_type          (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar          *sharokey_secret_get_ip_whitelist      (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar          *sharokey_secret_get_geolocation       (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
guint                 sharokey_secret_get_attachments_count (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar          *sharokey_secret_get_access_url        (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar          *sharokey_secret_get_share_url         (SharokeySecret *self);
SHAROKEY_AVAILABLE_IN_ALL
JsonNode             *sharokey_secret_get_json              (SharokeySecret *self);

G_END_DECLS
