/* sharokey-secret.c: SharokeySecret, a secret as the API describes it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"

/**
 * SharokeySecret:
 *
 * A secret as the API describes it: never its content, which only the
 * holder of the share link can decrypt.
 *
 * Objects come from [method@Client.create_finish], [method@Client.get_finish]
 * and, as the items of a [class@Page], [method@Client.list_finish]. Their
 * properties are read-only and never change, so they bind directly to a
 * widget. The server's own JSON for the item stays reachable through
 * [method@Secret.get_json], members this library does not model included.
 *
 * The sources of the API disagree on some members; the properties read
 * every known form (numbers as strings, `has_captcha` for `captcha`,
 * `expires_at` for `expiration`, `attachments` counted when
 * `attachments_count` is missing). A member the server did not send reads
 * as %NULL, 0 or %FALSE.
 */

struct _SharokeySecret {
  GObject parent_instance;

  JsonNode *json;
  GDateTime *expiration;
  GDateTime *created_at;
  SharokeySecretStatus status;
  guint maximum_views;
  guint current_views;
  guint attachments_count;
  gboolean has_password;
  gboolean captcha;
  gchar *share_url;            /* access_url#keyB: wiped when finalized */
};

G_DEFINE_FINAL_TYPE (SharokeySecret, sharokey_secret, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SLUG,
  PROP_DESCRIPTION,
  PROP_MESSAGE,
  PROP_CREATOR,
  PROP_MAXIMUM_VIEWS,
  PROP_CURRENT_VIEWS,
  PROP_EXPIRATION,
  PROP_CREATED_AT,
  PROP_STATUS,
  PROP_HAS_PASSWORD,
  PROP_CAPTCHA,
  PROP_OTP_TYPE,
  PROP_IP_WHITELIST,
  PROP_GEOLOCATION,
  PROP_ATTACHMENTS_COUNT,
  PROP_ACCESS_URL,
  PROP_SHARE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static JsonObject *
item (SharokeySecret *self)
{
  return json_node_get_object (self->json);
}

static void
sharokey_secret_finalize (GObject *object)
{
  SharokeySecret *self = SHAROKEY_SECRET (object);

  sharokey_wipe_free (self->share_url);
  json_node_unref (self->json);
  g_clear_pointer (&self->expiration, g_date_time_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  G_OBJECT_CLASS (sharokey_secret_parent_class)->finalize (object);
}

static void
sharokey_secret_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SharokeySecret *self = SHAROKEY_SECRET (object);

  switch (prop_id)
    {
    case PROP_SLUG:
      g_value_set_string (value, sharokey_secret_get_slug (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, sharokey_secret_get_description (self));
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, sharokey_secret_get_message (self));
      break;
    case PROP_CREATOR:
      g_value_set_string (value, sharokey_secret_get_creator (self));
      break;
    case PROP_MAXIMUM_VIEWS:
      g_value_set_uint (value, self->maximum_views);
      break;
    case PROP_CURRENT_VIEWS:
      g_value_set_uint (value, self->current_views);
      break;
    case PROP_EXPIRATION:
      g_value_set_boxed (value, self->expiration);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_HAS_PASSWORD:
      g_value_set_boolean (value, self->has_password);
      break;
    case PROP_CAPTCHA:
      g_value_set_boolean (value, self->captcha);
      break;
    case PROP_OTP_TYPE:
      g_value_set_string (value, sharokey_secret_get_otp_type (self));
      break;
    case PROP_IP_WHITELIST:
      g_value_set_string (value, sharokey_secret_get_ip_whitelist (self));
      break;
    case PROP_GEOLOCATION:
      g_value_set_string (value, sharokey_secret_get_geolocation (self));
      break;
    case PROP_ATTACHMENTS_COUNT:
      g_value_set_uint (value, self->attachments_count);
      break;
    case PROP_ACCESS_URL:
      g_value_set_string (value, sharokey_secret_get_access_url (self));
      break;
    case PROP_SHARE_URL:
      g_value_set_string (value, self->share_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define STRING_PROP(id, name) \
  properties[id] = g_param_spec_string (name, NULL, NULL, NULL, \
                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
#define UINT_PROP(id, name) \
  properties[id] = g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0, \
                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
#define BOOLEAN_PROP(id, name) \
  properties[id] = g_param_spec_boolean (name, NULL, NULL, FALSE, \
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
#define TIME_PROP(id, name) \
  properties[id] = g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME, \
                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
sharokey_secret_class_init (SharokeySecretClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sharokey_secret_finalize;
  object_class->get_property = sharokey_secret_get_property;

  /**
   * SharokeySecret:slug:
   *
   * The secret's identifier, as used by [method@Client.get_async] and
   * [method@Client.delete_async].
   */
  STRING_PROP (PROP_SLUG, "slug");
  /**
   * SharokeySecret:description:
   *
   * The description its creator gave, for their own lists.
   */
  STRING_PROP (PROP_DESCRIPTION, "description");
  /**
   * SharokeySecret:message:
   *
   * The message shown to the recipient.
   */
  STRING_PROP (PROP_MESSAGE, "message");
  /**
   * SharokeySecret:creator:
   *
   * The e-mail address of the account that created it.
   */
  STRING_PROP (PROP_CREATOR, "creator");
  /**
   * SharokeySecret:maximum-views:
   *
   * How many times the secret can be opened.
   */
  UINT_PROP (PROP_MAXIMUM_VIEWS, "maximum-views");
  /**
   * SharokeySecret:current-views:
   *
   * How many times it has been opened.
   */
  UINT_PROP (PROP_CURRENT_VIEWS, "current-views");
  /**
   * SharokeySecret:expiration:
   *
   * When the secret expires (in UTC).
   */
  TIME_PROP (PROP_EXPIRATION, "expiration");
  /**
   * SharokeySecret:created-at:
   *
   * When the secret was created (in UTC).
   */
  TIME_PROP (PROP_CREATED_AT, "created-at");
  /**
   * SharokeySecret:status:
   *
   * Whether the secret can still be opened.
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, SHAROKEY_TYPE_SECRET_STATUS,
                       SHAROKEY_SECRET_STATUS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecret:has-password:
   *
   * Whether the recipient must type a password.
   */
  BOOLEAN_PROP (PROP_HAS_PASSWORD, "has-password");
  /**
   * SharokeySecret:captcha:
   *
   * Whether the recipient must solve a captcha.
   */
  BOOLEAN_PROP (PROP_CAPTCHA, "captcha");
  /**
   * SharokeySecret:otp-type:
   *
   * `"email"` or `"phone"` when the recipient must type a one-time code
   * sent that way, else %NULL.
   */
  STRING_PROP (PROP_OTP_TYPE, "otp-type");
  /**
   * SharokeySecret:ip-whitelist:
   *
   * The comma-separated addresses allowed to open it, or %NULL.
   */
  STRING_PROP (PROP_IP_WHITELIST, "ip-whitelist");
  /**
   * SharokeySecret:geolocation:
   *
   * The comma-separated country codes allowed to open it, or %NULL.
   */
  STRING_PROP (PROP_GEOLOCATION, "geolocation");
  /**
   * SharokeySecret:attachments-count:
   *
   * How many files are attached.
   */
  UINT_PROP (PROP_ATTACHMENTS_COUNT, "attachments-count");
  /**
   * SharokeySecret:access-url:
   *
   * The secret's page, without the key: it cannot decrypt anything.
   */
  STRING_PROP (PROP_ACCESS_URL, "access-url");
  /**
   * SharokeySecret:share-url:
   *
   * The link to give the recipient, `access-url#keyB`. Only the object
   * returned by [method@Client.create_finish] has it: the key never
   * leaves the process that made it, and is wiped from memory when the
   * object is finalized. Anyone holding the link can open the secret.
   */
  STRING_PROP (PROP_SHARE_URL, "share-url");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sharokey_secret_init (SharokeySecret *self)
{
  self->json = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (self->json, json_object_new ());
}

static SharokeySecretStatus
status_from (JsonObject *object)
{
  const gchar *text = _sharokey_json_string (object, "status");
  gboolean flag;

  if (g_strcmp0 (text, "active") == 0)
    return SHAROKEY_SECRET_STATUS_ACTIVE;
  if (g_strcmp0 (text, "expired") == 0)
    return SHAROKEY_SECRET_STATUS_EXPIRED;
  if (text == NULL && _sharokey_json_boolean (object, "is_expired", &flag))
    return flag ? SHAROKEY_SECRET_STATUS_EXPIRED : SHAROKEY_SECRET_STATUS_ACTIVE;
  if (text == NULL && _sharokey_json_boolean (object, "is_active", &flag))
    return flag ? SHAROKEY_SECRET_STATUS_ACTIVE : SHAROKEY_SECRET_STATUS_EXPIRED;
  return SHAROKEY_SECRET_STATUS_UNKNOWN;
}

/* Takes a reference on @json, an object node; @share_url (nullable) is
 * copied. */
SharokeySecret *
_sharokey_secret_new (JsonNode    *json,
                      const gchar *share_url)
{
  SharokeySecret *self = g_object_new (SHAROKEY_TYPE_SECRET, NULL);
  JsonObject *object;
  JsonNode *attachments;
  guint remaining;

  g_return_val_if_fail (JSON_NODE_HOLDS_OBJECT (json), self);

  json_node_unref (self->json);
  self->json = json_node_ref (json);
  object = json_node_get_object (json);

  _sharokey_json_uint (object, "maximum_views", &self->maximum_views);
  if (!_sharokey_json_uint (object, "current_views", &self->current_views) &&
      _sharokey_json_uint (object, "remaining_views", &remaining) &&
      remaining <= self->maximum_views)
    self->current_views = self->maximum_views - remaining;

  self->expiration = _sharokey_json_datetime (object, "expiration");
  if (self->expiration == NULL)
    self->expiration = _sharokey_json_datetime (object, "expires_at");
  self->created_at = _sharokey_json_datetime (object, "created_at");
  self->status = status_from (object);

  _sharokey_json_boolean (object, "has_password", &self->has_password);
  if (!_sharokey_json_boolean (object, "captcha", &self->captcha))
    _sharokey_json_boolean (object, "has_captcha", &self->captcha);

  attachments = json_object_get_member (object, "attachments");
  if (!_sharokey_json_uint (object, "attachments_count", &self->attachments_count) &&
      attachments != NULL && JSON_NODE_HOLDS_ARRAY (attachments))
    self->attachments_count = json_array_get_length (json_node_get_array (attachments));

  self->share_url = g_strdup (share_url);
  return self;
}

/**
 * sharokey_secret_get_slug:
 * @self: a secret
 *
 * Gets [property@Secret:slug].
 *
 * Returns: (nullable): the secret's identifier
 */
const gchar *
sharokey_secret_get_slug (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), NULL);
  return _sharokey_json_string (item (self), "slug");
}

/**
 * sharokey_secret_get_description:
 * @self: a secret
 *
 * Gets [property@Secret:description].
 *
 * Returns: (nullable): the description, or %NULL
 */
const gchar *
sharokey_secret_get_description (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), NULL);
  return _sharokey_json_string (item (self), "description");
}

/**
 * sharokey_secret_get_message:
 * @self: a secret
 *
 * Gets [property@Secret:message].
 *
 * Returns: (nullable): the message for the recipient, or %NULL
 */
const gchar *
sharokey_secret_get_message (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), NULL);
  return _sharokey_json_string (item (self), "message");
}

/**
 * sharokey_secret_get_creator:
 * @self: a secret
 *
 * Gets [property@Secret:creator].
 *
 * Returns: (nullable): the creator's e-mail address, or %NULL
 */
const gchar *
sharokey_secret_get_creator (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), NULL);
  return _sharokey_json_string (item (self), "creator");
}

/**
 * sharokey_secret_get_maximum_views:
 * @self: a secret
 *
 * Gets [property@Secret:maximum-views].
 *
 * Returns: how many times the secret can be opened
 */
guint
sharokey_secret_get_maximum_views (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), 0);
  return self->maximum_views;
}

/**
 * sharokey_secret_get_current_views:
 * @self: a secret
 *
 * Gets [property@Secret:current-views].
 *
 * Returns: how many times the secret has been opened
 */
guint
sharokey_secret_get_current_views (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), 0);
  return self->current_views;
}

/**
 * sharokey_secret_get_expiration:
 * @self: a secret
 *
 * Gets [property@Secret:expiration].
 *
 * Returns: (nullable) (transfer none): when the secret expires, or %NULL
 *   when the server did not say
 */
GDateTime *
sharokey_secret_get_expiration (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), NULL);
  return self->expiration;
}

/**
 * sharokey_secret_get_created_at:
 * @self: a secret
 *
 * Gets [property@Secret:created-at].
 *
 * Returns: (nullable) (transfer none): when the secret was created, or
 *   %NULL when the server did not say
 */
GDateTime *
sharokey_secret_get_created_at (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), NULL);
  return self->created_at;
}

/**
 * sharokey_secret_get_status:
 * @self: a secret
 *
 * Gets [property@Secret:status].
 *
 * Returns: whether the secret can still be opened
 */
SharokeySecretStatus
sharokey_secret_get_status (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), SHAROKEY_SECRET_STATUS_UNKNOWN);
  return self->status;
}

/**
 * sharokey_secret_get_has_password:
 * @self: a secret
 *
 * Gets [property@Secret:has-password].
 *
 * Returns: whether the recipient must type a password
 */
gboolean
sharokey_secret_get_has_password (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), FALSE);
  return self->has_password;
}

/**
 * sharokey_secret_get_captcha:
 * @self: a secret
 *
 * Gets [property@Secret:captcha].
 *
 * Returns: whether the recipient must solve a captcha
 */
gboolean
sharokey_secret_get_captcha (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), FALSE);
  return self->captcha;
}

/**
 * sharokey_secret_get_otp_type:
 * @self: a secret
 *
 * Gets [property@Secret:otp-type].
 *
 * Returns: (nullable): `"email"`, `"phone"`, or %NULL
 */
const gchar *
sharokey_secret_get_otp_type (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), NULL);
  return _sharokey_json_string (item (self), "otp_type");
}

/**
 * sharokey_secret_get_ip_whitelist:
 * @self: a secret
 *
 * Gets [property@Secret:ip-whitelist].
 *
 * Returns: (nullable): the allowed addresses, or %NULL
 */
const gchar *
sharokey_secret_get_ip_whitelist (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), NULL);
  return _sharokey_json_string (item (self), "ip_whitelist");
}

/**
 * sharokey_secret_get_geolocation:
 * @self: a secret
 *
 * Gets [property@Secret:geolocation].
 *
 * Returns: (nullable): the allowed country codes, or %NULL
 */
const gchar *
sharokey_secret_get_geolocation (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), NULL);
  return _sharokey_json_string (item (self), "geolocation");
}

/**
 * sharokey_secret_get_attachments_count:
 * @self: a secret
 *
 * Gets [property@Secret:attachments-count].
 *
 * Returns: how many files are attached
 */
guint
sharokey_secret_get_attachments_count (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), 0);
  return self->attachments_count;
}

/**
 * sharokey_secret_get_access_url:
 * @self: a secret
 *
 * Gets [property@Secret:access-url].
 *
 * Returns: (nullable): the secret's page, without the key
 */
const gchar *
sharokey_secret_get_access_url (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), NULL);
  return _sharokey_json_string (item (self), "access_url");
}

/**
 * sharokey_secret_get_share_url:
 * @self: a secret
 *
 * Gets [property@Secret:share-url]: the link to give the recipient. Handle
 * it as the secret itself.
 *
 * Returns: (nullable): the share link, or %NULL unless @self was returned
 *   by [method@Client.create_finish]
 */
const gchar *
sharokey_secret_get_share_url (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), NULL);
  return self->share_url;
}

/**
 * sharokey_secret_get_json:
 * @self: a secret
 *
 * Gets the server's JSON object for this secret, exactly as it came (the
 * `data` of a create or get answer, or one item of a list). It never holds
 * the share link, which the server never sees.
 *
 * Returns: (transfer none): a JSON object node; do not change it
 */
JsonNode *
sharokey_secret_get_json (SharokeySecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET (self), NULL);
  return self->json;
}
