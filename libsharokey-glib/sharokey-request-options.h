/* sharokey-request-options.h: settings of a secret request
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

#define SHAROKEY_TYPE_REQUEST_OPTIONS (sharokey_request_options_get_type ())

SHAROKEY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SharokeyRequestOptions, sharokey_request_options, SHAROKEY, REQUEST_OPTIONS, GObject)

SHAROKEY_AVAILABLE_IN_ALL
SharokeyRequestOptions *sharokey_request_options_new (void);

SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_request_options_get_message                  (SharokeyRequestOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void         sharokey_request_options_set_message                  (SharokeyRequestOptions *self,
                                                                    const gchar            *message);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_request_options_get_description              (SharokeyRequestOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void         sharokey_request_options_set_description              (SharokeyRequestOptions *self,
                                                                    const gchar            *description);
SHAROKEY_AVAILABLE_IN_ALL
guint        sharokey_request_options_get_secret_expiration_hours  (SharokeyRequestOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void         sharokey_request_options_set_secret_expiration_hours  (SharokeyRequestOptions *self,
                                                                    guint                   hours);
SHAROKEY_AVAILABLE_IN_ALL
guint        sharokey_request_options_get_request_expiration_hours (SharokeyRequestOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void         sharokey_request_options_set_request_expiration_hours (SharokeyRequestOptions *self,
                                                                    guint                   hours);
SHAROKEY_AVAILABLE_IN_ALL
guint        sharokey_request_options_get_maximum_views            (SharokeyRequestOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void         sharokey_request_options_set_maximum_views            (SharokeyRequestOptions *self,
                                                                    guint                   views);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_request_options_get_email_to                 (SharokeyRequestOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void         sharokey_request_options_set_email_to                 (SharokeyRequestOptions *self,
                                                                    const gchar            *email_to);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_request_options_get_email_reply              (SharokeyRequestOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void         sharokey_request_options_set_email_reply              (SharokeyRequestOptions *self,
                                                                    const gchar            *email_reply);
SHAROKEY_AVAILABLE_IN_ALL
const gchar *sharokey_request_options_get_locale                   (SharokeyRequestOptions *self);
SHAROKEY_AVAILABLE_IN_ALL
void         sharokey_request_options_set_locale                   (SharokeyRequestOptions *self,
                                                                    const gchar            *locale);

G_END_DECLS
