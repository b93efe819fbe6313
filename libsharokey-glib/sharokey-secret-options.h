/* sharokey-secret-options.h: optional settings of a secret
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SHAROKEY_H_INSIDE__) && !defined(SHAROKEY_COMPILATION)
#error "Only <sharokey.h> can be included directly."
#endif

#include <glib-object.h>
#include "sharokey-version-macros.h"

G_BEGIN_DECLS

/**
 * SharokeyProtection:
 * @SHAROKEY_PROTECTION_NONE: no protection beyond the link itself
 * @SHAROKEY_PROTECTION_CAPTCHA: the recipient solves a captcha
 * @SHAROKEY_PROTECTION_PASSWORD: the recipient types a password
 * @SHAROKEY_PROTECTION_OTP_EMAIL: the recipient types a code sent by e-mail
 * @SHAROKEY_PROTECTION_OTP_PHONE: the recipient types a code sent by SMS
 *
 * The protection a secret gets. When several are set, only the strongest
 * applies, in the order of this enumeration.
 */
typedef enum {
  SHAROKEY_PROTECTION_NONE,
  SHAROKEY_PROTECTION_CAPTCHA,
  SHAROKEY_PROTECTION_PASSWORD,
  SHAROKEY_PROTECTION_OTP_EMAIL,
  SHAROKEY_PROTECTION_OTP_PHONE,
} SharokeyProtection;

#define SHAROKEY_TYPE_SECRET_OPTIONS (sharokey_secret_options_get_type ())

SHAROKEY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SharokeySecretOptions, sharokey_secret_options, SHAROKEY, SECRET_OPTIONS, GObject)

SHAROKEY_AVAILABLE_IN_ALL
SharokeySecretOptions *sharokey_secret_options_new             (void);

SHAROKEY_AVAILABLE_IN_ALL
const gchar        *sharokey_secret_options_get_description    (SharokeySecretOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void                sharokey_secret_options_set_description    (SharokeySecretOptions *self,
                                                                const gchar           *description);
SHAROKEY_AVAILABLE_IN_ALL
const gchar        *sharokey_secret_options_get_message        (SharokeySecretOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void                sharokey_secret_options_set_message        (SharokeySecretOptions *self,
                                                                const gchar           *message);
SHAROKEY_AVAILABLE_IN_ALL
const gchar        *sharokey_secret_options_get_password       (SharokeySecretOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void                sharokey_secret_options_set_password       (SharokeySecretOptions *self,
                                                                const gchar           *password);
SHAROKEY_AVAILABLE_IN_ALL
gboolean            sharokey_secret_options_get_captcha        (SharokeySecretOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void                sharokey_secret_options_set_captcha        (SharokeySecretOptions *self,
                                                                gboolean               captcha);
SHAROKEY_AVAILABLE_IN_ALL
const gchar        *sharokey_secret_options_get_otp_email      (SharokeySecretOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void                sharokey_secret_options_set_otp_email      (SharokeySecretOptions *self,
                                                                const gchar           *otp_email);
SHAROKEY_AVAILABLE_IN_ALL
const gchar        *sharokey_secret_options_get_otp_phone      (SharokeySecretOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void                sharokey_secret_options_set_otp_phone      (SharokeySecretOptions *self,
                                                                const gchar           *otp_phone);
SHAROKEY_AVAILABLE_IN_ALL
const gchar        *sharokey_secret_options_get_ip_whitelist   (SharokeySecretOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void                sharokey_secret_options_set_ip_whitelist   (SharokeySecretOptions *self,
                                                                const gchar           *ip_whitelist);
SHAROKEY_AVAILABLE_IN_ALL
const gchar        *sharokey_secret_options_get_geolocation    (SharokeySecretOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void                sharokey_secret_options_set_geolocation    (SharokeySecretOptions *self,
                                                                const gchar           *geolocation);
SHAROKEY_AVAILABLE_IN_ALL
const gchar * const *sharokey_secret_options_get_attachments   (SharokeySecretOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void                sharokey_secret_options_set_attachments    (SharokeySecretOptions *self,
                                                                const gchar * const   *attachments);
SHAROKEY_AVAILABLE_IN_ALL
void                sharokey_secret_options_add_attachment     (SharokeySecretOptions *self,
                                                                const gchar           *path);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyProtection  sharokey_secret_options_get_protection     (SharokeySecretOptions *self);

G_END_DECLS
