/* sharokey-stats.c: SharokeyStats and SharokeyRequestStats, the counters
 * of an account
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-private.h"

/**
 * SharokeyStats:
 *
 * The secret statistics of an account, from [method@Client.stats_finish].
 *
 * Each counter is a read-only property; a counter the server did not send
 * reads 0 (numbers sent as strings are read too). The server's JSON stays
 * reachable through [method@Stats.get_json].
 */

struct _SharokeyStats {
  GObject parent_instance;

  JsonNode *json;
  guint64 counters[8];
};

G_DEFINE_FINAL_TYPE (SharokeyStats, sharokey_stats, G_TYPE_OBJECT)

static const gchar * const sharokey_stats_members[] = {
  "total_secrets",
  "active_secrets",
  "expired_secrets",
  "total_views",
  "secrets_with_password",
  "secrets_created_today",
  "secrets_created_this_week",
  "secrets_created_this_month",
};

static GParamSpec *sharokey_stats_properties[G_N_ELEMENTS (sharokey_stats_members) + 1];

static void
sharokey_stats_finalize (GObject *object)
{
  json_node_unref (SHAROKEY_STATS (object)->json);
  G_OBJECT_CLASS (sharokey_stats_parent_class)->finalize (object);
}

static void
sharokey_stats_get_property (GObject    *object,
                 guint       prop_id,
                 GValue     *value,
                 GParamSpec *pspec)
{
  if (prop_id == 0 || prop_id > G_N_ELEMENTS (sharokey_stats_members))
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_value_set_uint64 (value, SHAROKEY_STATS (object)->counters[prop_id - 1]);
}

static void
sharokey_stats_class_init (SharokeyStatsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sharokey_stats_finalize;
  object_class->get_property = sharokey_stats_get_property;

  /**
   * SharokeyStats:total-secrets:
   *
   * How many secrets ever created.
   */
  sharokey_stats_properties[1] =
    g_param_spec_uint64 ("total-secrets", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyStats:active-secrets:
   *
   * How many secrets that can still be opened.
   */
  sharokey_stats_properties[2] =
    g_param_spec_uint64 ("active-secrets", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyStats:expired-secrets:
   *
   * How many secrets that expired, were used up or deleted.
   */
  sharokey_stats_properties[3] =
    g_param_spec_uint64 ("expired-secrets", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyStats:total-views:
   *
   * How many times any secret was opened.
   */
  sharokey_stats_properties[4] =
    g_param_spec_uint64 ("total-views", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyStats:secrets-with-password:
   *
   * How many secrets protected by a password.
   */
  sharokey_stats_properties[5] =
    g_param_spec_uint64 ("secrets-with-password", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyStats:secrets-created-today:
   *
   * How many secrets created in the last 24 hours.
   */
  sharokey_stats_properties[6] =
    g_param_spec_uint64 ("secrets-created-today", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyStats:secrets-created-this-week:
   *
   * How many secrets created in the last 7 days.
   */
  sharokey_stats_properties[7] =
    g_param_spec_uint64 ("secrets-created-this-week", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyStats:secrets-created-this-month:
   *
   * How many secrets created in the last 30 days.
   */
  sharokey_stats_properties[8] =
    g_param_spec_uint64 ("secrets-created-this-month", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, G_N_ELEMENTS (sharokey_stats_properties), sharokey_stats_properties);
}

static void
sharokey_stats_init (SharokeyStats *self)
{
  self->json = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (self->json, json_object_new ());
}

/* Takes a reference on @json, an object node. */
SharokeyStats *
_sharokey_stats_new (JsonNode *json)
{
  SharokeyStats *self = g_object_new (SHAROKEY_TYPE_STATS, NULL);

  g_return_val_if_fail (JSON_NODE_HOLDS_OBJECT (json), self);

  json_node_unref (self->json);
  self->json = json_node_ref (json);
  for (gsize i = 0; i < G_N_ELEMENTS (sharokey_stats_members); i++)
    _sharokey_json_uint64 (json_node_get_object (json), sharokey_stats_members[i], &self->counters[i]);
  return self;
}

/**
 * sharokey_stats_get_total_secrets:
 * @self: the stats
 *
 * Gets [property@Stats:total-secrets].
 *
 * Returns: how many secrets ever created
 */
guint64
sharokey_stats_get_total_secrets (SharokeyStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_STATS (self), 0);
  return self->counters[0];
}

/**
 * sharokey_stats_get_active_secrets:
 * @self: the stats
 *
 * Gets [property@Stats:active-secrets].
 *
 * Returns: how many secrets that can still be opened
 */
guint64
sharokey_stats_get_active_secrets (SharokeyStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_STATS (self), 0);
  return self->counters[1];
}

/**
 * sharokey_stats_get_expired_secrets:
 * @self: the stats
 *
 * Gets [property@Stats:expired-secrets].
 *
 * Returns: how many secrets that expired, were used up or deleted
 */
guint64
sharokey_stats_get_expired_secrets (SharokeyStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_STATS (self), 0);
  return self->counters[2];
}

/**
 * sharokey_stats_get_total_views:
 * @self: the stats
 *
 * Gets [property@Stats:total-views].
 *
 * Returns: how many times any secret was opened
 */
guint64
sharokey_stats_get_total_views (SharokeyStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_STATS (self), 0);
  return self->counters[3];
}

/**
 * sharokey_stats_get_secrets_with_password:
 * @self: the stats
 *
 * Gets [property@Stats:secrets-with-password].
 *
 * Returns: how many secrets protected by a password
 */
guint64
sharokey_stats_get_secrets_with_password (SharokeyStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_STATS (self), 0);
  return self->counters[4];
}

/**
 * sharokey_stats_get_secrets_created_today:
 * @self: the stats
 *
 * Gets [property@Stats:secrets-created-today].
 *
 * Returns: how many secrets created in the last 24 hours
 */
guint64
sharokey_stats_get_secrets_created_today (SharokeyStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_STATS (self), 0);
  return self->counters[5];
}

/**
 * sharokey_stats_get_secrets_created_this_week:
 * @self: the stats
 *
 * Gets [property@Stats:secrets-created-this-week].
 *
 * Returns: how many secrets created in the last 7 days
 */
guint64
sharokey_stats_get_secrets_created_this_week (SharokeyStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_STATS (self), 0);
  return self->counters[6];
}

/**
 * sharokey_stats_get_secrets_created_this_month:
 * @self: the stats
 *
 * Gets [property@Stats:secrets-created-this-month].
 *
 * Returns: how many secrets created in the last 30 days
 */
guint64
sharokey_stats_get_secrets_created_this_month (SharokeyStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_STATS (self), 0);
  return self->counters[7];
}

/**
 * sharokey_stats_get_json:
 * @self: the stats
 *
 * Gets the server's JSON object for these statistics (the answer's
 * `data`), exactly as it came.
 *
 * Returns: (transfer none): a JSON object node; do not change it
 */
JsonNode *
sharokey_stats_get_json (SharokeyStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_STATS (self), NULL);
  return self->json;
}

/**
 * SharokeyRequestStats:
 *
 * The secret-request statistics of an account, from [method@Client.request_stats_finish].
 *
 * Each counter is a read-only property; a counter the server did not send
 * reads 0 (numbers sent as strings are read too). The server's JSON stays
 * reachable through [method@RequestStats.get_json].
 */

struct _SharokeyRequestStats {
  GObject parent_instance;

  JsonNode *json;
  guint64 counters[7];
};

G_DEFINE_FINAL_TYPE (SharokeyRequestStats, sharokey_request_stats, G_TYPE_OBJECT)

static const gchar * const sharokey_request_stats_members[] = {
  "total_requests",
  "active_requests",
  "expired_requests",
  "fulfilled_requests",
  "requests_created_today",
  "requests_created_this_week",
  "requests_created_this_month",
};

static GParamSpec *sharokey_request_stats_properties[G_N_ELEMENTS (sharokey_request_stats_members) + 1];

static void
sharokey_request_stats_finalize (GObject *object)
{
  json_node_unref (SHAROKEY_REQUEST_STATS (object)->json);
  G_OBJECT_CLASS (sharokey_request_stats_parent_class)->finalize (object);
}

static void
sharokey_request_stats_get_property (GObject    *object,
                 guint       prop_id,
                 GValue     *value,
                 GParamSpec *pspec)
{
  if (prop_id == 0 || prop_id > G_N_ELEMENTS (sharokey_request_stats_members))
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_value_set_uint64 (value, SHAROKEY_REQUEST_STATS (object)->counters[prop_id - 1]);
}

static void
sharokey_request_stats_class_init (SharokeyRequestStatsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sharokey_request_stats_finalize;
  object_class->get_property = sharokey_request_stats_get_property;

  /**
   * SharokeyRequestStats:total-requests:
   *
   * How many requests ever created.
   */
  sharokey_request_stats_properties[1] =
    g_param_spec_uint64 ("total-requests", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyRequestStats:active-requests:
   *
   * How many requests still waiting for an answer.
   */
  sharokey_request_stats_properties[2] =
    g_param_spec_uint64 ("active-requests", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyRequestStats:expired-requests:
   *
   * How many requests no longer open.
   */
  sharokey_request_stats_properties[3] =
    g_param_spec_uint64 ("expired-requests", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyRequestStats:fulfilled-requests:
   *
   * How many requests that were answered.
   */
  sharokey_request_stats_properties[4] =
    g_param_spec_uint64 ("fulfilled-requests", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyRequestStats:requests-created-today:
   *
   * How many requests created in the last 24 hours.
   */
  sharokey_request_stats_properties[5] =
    g_param_spec_uint64 ("requests-created-today", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyRequestStats:requests-created-this-week:
   *
   * How many requests created in the last 7 days.
   */
  sharokey_request_stats_properties[6] =
    g_param_spec_uint64 ("requests-created-this-week", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * SharokeyRequestStats:requests-created-this-month:
   *
   * How many requests created in the last 30 days.
   */
  sharokey_request_stats_properties[7] =
    g_param_spec_uint64 ("requests-created-this-month", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, G_N_ELEMENTS (sharokey_request_stats_properties), sharokey_request_stats_properties);
}

static void
sharokey_request_stats_init (SharokeyRequestStats *self)
{
  self->json = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (self->json, json_object_new ());
}

/* Takes a reference on @json, an object node. */
SharokeyRequestStats *
_sharokey_request_stats_new (JsonNode *json)
{
  SharokeyRequestStats *self = g_object_new (SHAROKEY_TYPE_REQUEST_STATS, NULL);

  g_return_val_if_fail (JSON_NODE_HOLDS_OBJECT (json), self);

  json_node_unref (self->json);
  self->json = json_node_ref (json);
  for (gsize i = 0; i < G_N_ELEMENTS (sharokey_request_stats_members); i++)
    _sharokey_json_uint64 (json_node_get_object (json), sharokey_request_stats_members[i], &self->counters[i]);
  return self;
}

/**
 * sharokey_request_stats_get_total_requests:
 * @self: the request statistics
 *
 * Gets [property@RequestStats:total-requests].
 *
 * Returns: how many requests ever created
 */
guint64
sharokey_request_stats_get_total_requests (SharokeyRequestStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_STATS (self), 0);
  return self->counters[0];
}

/**
 * sharokey_request_stats_get_active_requests:
 * @self: the request statistics
 *
 * Gets [property@RequestStats:active-requests].
 *
 * Returns: how many requests still waiting for an answer
 */
guint64
sharokey_request_stats_get_active_requests (SharokeyRequestStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_STATS (self), 0);
  return self->counters[1];
}

/**
 * sharokey_request_stats_get_expired_requests:
 * @self: the request statistics
 *
 * Gets [property@RequestStats:expired-requests].
 *
 * Returns: how many requests no longer open
 */
guint64
sharokey_request_stats_get_expired_requests (SharokeyRequestStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_STATS (self), 0);
  return self->counters[2];
}

/**
 * sharokey_request_stats_get_fulfilled_requests:
 * @self: the request statistics
 *
 * Gets [property@RequestStats:fulfilled-requests].
 *
 * Returns: how many requests that were answered
 */
guint64
sharokey_request_stats_get_fulfilled_requests (SharokeyRequestStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_STATS (self), 0);
  return self->counters[3];
}

/**
 * sharokey_request_stats_get_requests_created_today:
 * @self: the request statistics
 *
 * Gets [property@RequestStats:requests-created-today].
 *
 * Returns: how many requests created in the last 24 hours
 */
guint64
sharokey_request_stats_get_requests_created_today (SharokeyRequestStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_STATS (self), 0);
  return self->counters[4];
}

/**
 * sharokey_request_stats_get_requests_created_this_week:
 * @self: the request statistics
 *
 * Gets [property@RequestStats:requests-created-this-week].
 *
 * Returns: how many requests created in the last 7 days
 */
guint64
sharokey_request_stats_get_requests_created_this_week (SharokeyRequestStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_STATS (self), 0);
  return self->counters[5];
}

/**
 * sharokey_request_stats_get_requests_created_this_month:
 * @self: the request statistics
 *
 * Gets [property@RequestStats:requests-created-this-month].
 *
 * Returns: how many requests created in the last 30 days
 */
guint64
sharokey_request_stats_get_requests_created_this_month (SharokeyRequestStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_STATS (self), 0);
  return self->counters[6];
}

/**
 * sharokey_request_stats_get_json:
 * @self: the request statistics
 *
 * Gets the server's JSON object for these statistics (the answer's
 * `data`), exactly as it came.
 *
 * Returns: (transfer none): a JSON object node; do not change it
 */
JsonNode *
sharokey_request_stats_get_json (SharokeyRequestStats *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_STATS (self), NULL);
  return self->json;
}
