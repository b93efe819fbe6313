/* sharokey-stats.h: account statistics of secrets and of secret requests
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

#define SHAROKEY_TYPE_STATS (sharokey_stats_get_type ())

SHAROKEY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SharokeyStats, sharokey_stats, SHAROKEY, STATS, GObject)

SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_stats_get_total_secrets (SharokeyStats *self);
SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_stats_get_active_secrets (SharokeyStats *self);
SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_stats_get_expired_secrets (SharokeyStats *self);
SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_stats_get_total_views (SharokeyStats *self);
SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_stats_get_secrets_with_password (SharokeyStats *self);
SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_stats_get_secrets_created_today (SharokeyStats *self);
SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_stats_get_secrets_created_this_week (SharokeyStats *self);
SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_stats_get_secrets_created_this_month (SharokeyStats *self);
SHAROKEY_AVAILABLE_IN_ALL
JsonNode *sharokey_stats_get_json (SharokeyStats *self);

#define SHAROKEY_TYPE_REQUEST_STATS (sharokey_request_stats_get_type ())

SHAROKEY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SharokeyRequestStats, sharokey_request_stats, SHAROKEY, REQUEST_STATS, GObject)

SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_request_stats_get_total_requests (SharokeyRequestStats *self);
SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_request_stats_get_active_requests (SharokeyRequestStats *self);
SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_request_stats_get_expired_requests (SharokeyRequestStats *self);
SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_request_stats_get_fulfilled_requests (SharokeyRequestStats *self);
SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_request_stats_get_requests_created_today (SharokeyRequestStats *self);
SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_request_stats_get_requests_created_this_week (SharokeyRequestStats *self);
SHAROKEY_AVAILABLE_IN_ALL
guint64   sharokey_request_stats_get_requests_created_this_month (SharokeyRequestStats *self);
SHAROKEY_AVAILABLE_IN_ALL
JsonNode *sharokey_request_stats_get_json (SharokeyRequestStats *self);

G_END_DECLS
