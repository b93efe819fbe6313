/* sharokey-secret-request.c: SharokeySecretRequest, a request for a secret
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-private.h"

/**
 * SharokeySecretRequest:
 *
 * A secret request: a link that lets someone send you a secret, as the API
 * describes it.
 *
 * Objects come from [method@Client.create_request_finish],
 * [method@Client.get_request_finish] and, as the items of a [class@Page],
 * [method@Client.list_requests_finish]. Their properties are read-only and
 * never change. The server's JSON for the item stays reachable through
 * [method@SecretRequest.get_json].
 *
 * [property@SecretRequest:status] tells an answered request
 * ([enum@Sharokey.SecretRequestStatus.FULFILLED]) from one that expired
 * unanswered, whichever way the server says it (a `fulfilled` flag, a
 * `secret_slug`, or the status itself).
 */

struct _SharokeySecretRequest {
  GObject parent_instance;

  JsonNode *json;
  guint64 id;
  SharokeySecretRequestStatus status;
  guint maximum_views;
  guint secret_expiration_hours;
  guint request_expiration_hours;
  GDateTime *secret_expiration;
  GDateTime *request_expiration;
  GDateTime *created_at;
};

G_DEFINE_FINAL_TYPE (SharokeySecretRequest, sharokey_secret_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATUS,
  PROP_TOKEN,
  PROP_URL,
  PROP_SECRET_SLUG,
  PROP_MESSAGE,
  PROP_DESCRIPTION,
  PROP_CREATOR,
  PROP_EMAIL_TO,
  PROP_EMAIL_REPLY,
  PROP_LOCALE,
  PROP_MAXIMUM_VIEWS,
  PROP_SECRET_EXPIRATION_HOURS,
  PROP_REQUEST_EXPIRATION_HOURS,
  PROP_SECRET_EXPIRATION,
  PROP_REQUEST_EXPIRATION,
  PROP_CREATED_AT,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static JsonObject *
item (SharokeySecretRequest *self)
{
  return json_node_get_object (self->json);
}

static void
sharokey_secret_request_finalize (GObject *object)
{
  SharokeySecretRequest *self = SHAROKEY_SECRET_REQUEST (object);

  json_node_unref (self->json);
  g_clear_pointer (&self->secret_expiration, g_date_time_unref);
  g_clear_pointer (&self->request_expiration, g_date_time_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  G_OBJECT_CLASS (sharokey_secret_request_parent_class)->finalize (object);
}

static void
sharokey_secret_request_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SharokeySecretRequest *self = SHAROKEY_SECRET_REQUEST (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint64 (value, self->id);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, sharokey_secret_request_get_token (self));
      break;
    case PROP_URL:
      g_value_set_string (value, sharokey_secret_request_get_url (self));
      break;
    case PROP_SECRET_SLUG:
      g_value_set_string (value, sharokey_secret_request_get_secret_slug (self));
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, sharokey_secret_request_get_message (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, sharokey_secret_request_get_description (self));
      break;
    case PROP_CREATOR:
      g_value_set_string (value, sharokey_secret_request_get_creator (self));
      break;
    case PROP_EMAIL_TO:
      g_value_set_string (value, sharokey_secret_request_get_email_to (self));
      break;
    case PROP_EMAIL_REPLY:
      g_value_set_string (value, sharokey_secret_request_get_email_reply (self));
      break;
    case PROP_LOCALE:
      g_value_set_string (value, sharokey_secret_request_get_locale (self));
      break;
    case PROP_MAXIMUM_VIEWS:
      g_value_set_uint (value, self->maximum_views);
      break;
    case PROP_SECRET_EXPIRATION_HOURS:
      g_value_set_uint (value, self->secret_expiration_hours);
      break;
    case PROP_REQUEST_EXPIRATION_HOURS:
      g_value_set_uint (value, self->request_expiration_hours);
      break;
    case PROP_SECRET_EXPIRATION:
      g_value_set_boxed (value, self->secret_expiration);
      break;
    case PROP_REQUEST_EXPIRATION:
      g_value_set_boxed (value, self->request_expiration);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sharokey_secret_request_class_init (SharokeySecretRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sharokey_secret_request_finalize;
  object_class->get_property = sharokey_secret_request_get_property;

  /**
   * SharokeySecretRequest:id:
   *
   * The request's numeric identifier, or 0 when the server sent none.
   */
  properties[PROP_ID] =
    g_param_spec_uint64 ("id", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:status:
   *
   * Where the request stands.
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, SHAROKEY_TYPE_SECRET_REQUEST_STATUS,
                       SHAROKEY_SECRET_REQUEST_STATUS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:token:
   *
   * The request's token, which [method@Client.get_request_async] and [method@Client.delete_request_async] take.
   */
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:url:
   *
   * The link to give the person who will provide the secret.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:secret-slug:
   *
   * The slug of the secret that answered the request, once it is [enum@Sharokey.SecretRequestStatus.FULFILLED].
   */
  properties[PROP_SECRET_SLUG] =
    g_param_spec_string ("secret-slug", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:message:
   *
   * The message shown to the person asked.
   */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:description:
   *
   * The description its creator gave, for their own lists.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:creator:
   *
   * The e-mail address of the account that created it.
   */
  properties[PROP_CREATOR] =
    g_param_spec_string ("creator", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:email-to:
   *
   * The address the request was e-mailed to.
   */
  properties[PROP_EMAIL_TO] =
    g_param_spec_string ("email-to", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:email-reply:
   *
   * Where the answer is announced.
   */
  properties[PROP_EMAIL_REPLY] =
    g_param_spec_string ("email-reply", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:locale:
   *
   * The language of the e-mails, `en` or `fr`.
   */
  properties[PROP_LOCALE] =
    g_param_spec_string ("locale", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:maximum-views:
   *
   * How many times the provided secret can be opened.
   */
  properties[PROP_MAXIMUM_VIEWS] =
    g_param_spec_uint ("maximum-views", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:secret-expiration-hours:
   *
   * How many hours the provided secret lives.
   */
  properties[PROP_SECRET_EXPIRATION_HOURS] =
    g_param_spec_uint ("secret-expiration-hours", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:request-expiration-hours:
   *
   * How many hours the request stays open.
   */
  properties[PROP_REQUEST_EXPIRATION_HOURS] =
    g_param_spec_uint ("request-expiration-hours", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:secret-expiration:
   *
   * When the provided secret expires (in UTC).
   */
  properties[PROP_SECRET_EXPIRATION] =
    g_param_spec_boxed ("secret-expiration", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:request-expiration:
   *
   * When the request expires (in UTC).
   */
  properties[PROP_REQUEST_EXPIRATION] =
    g_param_spec_boxed ("request-expiration", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretRequest:created-at:
   *
   * When the request was created (in UTC).
   */
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sharokey_secret_request_init (SharokeySecretRequest *self)
{
  self->json = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (self->json, json_object_new ());
}

static SharokeySecretRequestStatus
status_from (JsonObject *object)
{
  const gchar *text = _sharokey_json_string (object, "status");
  const gchar *slug = _sharokey_json_string (object, "secret_slug");
  gboolean flag;

  /* Answered is answered, whatever the request's own status became. */
  if ((_sharokey_json_boolean (object, "fulfilled", &flag) && flag) ||
      (slug != NULL && *slug != '\0') ||
      g_strcmp0 (text, "fulfilled") == 0 || g_strcmp0 (text, "answered") == 0 ||
      g_strcmp0 (text, "completed") == 0)
    return SHAROKEY_SECRET_REQUEST_STATUS_FULFILLED;
  if (g_strcmp0 (text, "active") == 0)
    return SHAROKEY_SECRET_REQUEST_STATUS_ACTIVE;
  if (g_strcmp0 (text, "expired") == 0 || g_strcmp0 (text, "cancelled") == 0)
    return SHAROKEY_SECRET_REQUEST_STATUS_EXPIRED;
  if (text == NULL && _sharokey_json_boolean (object, "is_active", &flag))
    return flag ? SHAROKEY_SECRET_REQUEST_STATUS_ACTIVE : SHAROKEY_SECRET_REQUEST_STATUS_EXPIRED;
  return SHAROKEY_SECRET_REQUEST_STATUS_UNKNOWN;
}

/* Takes a reference on @json, an object node. */
SharokeySecretRequest *
_sharokey_secret_request_new (JsonNode *json)
{
  SharokeySecretRequest *self = g_object_new (SHAROKEY_TYPE_SECRET_REQUEST, NULL);
  JsonObject *object;

  g_return_val_if_fail (JSON_NODE_HOLDS_OBJECT (json), self);

  json_node_unref (self->json);
  self->json = json_node_ref (json);
  object = json_node_get_object (json);

  _sharokey_json_uint64 (object, "id", &self->id);
  self->status = status_from (object);
  _sharokey_json_uint (object, "maximum_views", &self->maximum_views);
  _sharokey_json_uint (object, "secret_expiration_hours", &self->secret_expiration_hours);
  _sharokey_json_uint (object, "request_expiration_hours", &self->request_expiration_hours);
  self->secret_expiration = _sharokey_json_datetime (object, "secret_expiration");
  self->request_expiration = _sharokey_json_datetime (object, "request_expiration");
  if (self->request_expiration == NULL)
    self->request_expiration = _sharokey_json_datetime (object, "expires_at");
  self->created_at = _sharokey_json_datetime (object, "created_at");
  return self;
}

/**
 * sharokey_secret_request_get_id:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:id].
 *
 * Returns: the numeric identifier, or 0
 */
guint64
sharokey_secret_request_get_id (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), 0);
  return self->id;
}

/**
 * sharokey_secret_request_get_status:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:status].
 *
 * Returns: where the request stands
 */
SharokeySecretRequestStatus
sharokey_secret_request_get_status (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), SHAROKEY_SECRET_REQUEST_STATUS_UNKNOWN);
  return self->status;
}

/**
 * sharokey_secret_request_get_token:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:token].
 *
 * Returns: (nullable): the token
 */
const gchar *
sharokey_secret_request_get_token (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), NULL);
  return _sharokey_json_string (item (self), "token");
}

/**
 * sharokey_secret_request_get_url:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:url].
 *
 * Returns: (nullable): the request link
 */
const gchar *
sharokey_secret_request_get_url (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), NULL);
  return _sharokey_json_string (item (self), "url");
}

/**
 * sharokey_secret_request_get_secret_slug:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:secret-slug].
 *
 * Returns: (nullable): the secret's slug, or %NULL
 */
const gchar *
sharokey_secret_request_get_secret_slug (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), NULL);
  return _sharokey_json_string (item (self), "secret_slug");
}

/**
 * sharokey_secret_request_get_message:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:message].
 *
 * Returns: (nullable): the message, or %NULL
 */
const gchar *
sharokey_secret_request_get_message (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), NULL);
  return _sharokey_json_string (item (self), "message");
}

/**
 * sharokey_secret_request_get_description:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:description].
 *
 * Returns: (nullable): the description, or %NULL
 */
const gchar *
sharokey_secret_request_get_description (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), NULL);
  return _sharokey_json_string (item (self), "description");
}

/**
 * sharokey_secret_request_get_creator:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:creator].
 *
 * Returns: (nullable): the creator, or %NULL
 */
const gchar *
sharokey_secret_request_get_creator (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), NULL);
  return _sharokey_json_string (item (self), "creator");
}

/**
 * sharokey_secret_request_get_email_to:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:email-to].
 *
 * Returns: (nullable): the address, or %NULL
 */
const gchar *
sharokey_secret_request_get_email_to (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), NULL);
  return _sharokey_json_string (item (self), "email_to");
}

/**
 * sharokey_secret_request_get_email_reply:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:email-reply].
 *
 * Returns: (nullable): the address, or %NULL
 */
const gchar *
sharokey_secret_request_get_email_reply (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), NULL);
  return _sharokey_json_string (item (self), "email_reply");
}

/**
 * sharokey_secret_request_get_locale:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:locale].
 *
 * Returns: (nullable): the locale, or %NULL
 */
const gchar *
sharokey_secret_request_get_locale (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), NULL);
  return _sharokey_json_string (item (self), "locale");
}

/**
 * sharokey_secret_request_get_maximum_views:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:maximum-views].
 *
 * Returns: how many times the provided secret can be opened, or 0 when the server did not say
 */
guint
sharokey_secret_request_get_maximum_views (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), 0);
  return self->maximum_views;
}

/**
 * sharokey_secret_request_get_secret_expiration_hours:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:secret-expiration-hours].
 *
 * Returns: how many hours the provided secret lives, or 0 when the server did not say
 */
guint
sharokey_secret_request_get_secret_expiration_hours (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), 0);
  return self->secret_expiration_hours;
}

/**
 * sharokey_secret_request_get_request_expiration_hours:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:request-expiration-hours].
 *
 * Returns: how many hours the request stays open, or 0 when the server did not say
 */
guint
sharokey_secret_request_get_request_expiration_hours (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), 0);
  return self->request_expiration_hours;
}

/**
 * sharokey_secret_request_get_secret_expiration:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:secret-expiration].
 *
 * Returns: (nullable) (transfer none): when the provided secret expires (in UTC), or %NULL when the server did
 *   not say
 */
GDateTime *
sharokey_secret_request_get_secret_expiration (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), NULL);
  return self->secret_expiration;
}

/**
 * sharokey_secret_request_get_request_expiration:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:request-expiration].
 *
 * Returns: (nullable) (transfer none): when the request expires (in UTC), or %NULL when the server did
 *   not say
 */
GDateTime *
sharokey_secret_request_get_request_expiration (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), NULL);
  return self->request_expiration;
}

/**
 * sharokey_secret_request_get_created_at:
 * @self: a secret request
 *
 * Gets [property@SecretRequest:created-at].
 *
 * Returns: (nullable) (transfer none): when the request was created (in UTC), or %NULL when the server did
 *   not say
 */
GDateTime *
sharokey_secret_request_get_created_at (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), NULL);
  return self->created_at;
}

/**
 * sharokey_secret_request_get_json:
 * @self: a secret request
 *
 * Gets the server's JSON object for this request, exactly as it came
 * (`data.request`, or `data` itself, of a create or get answer, or one
 * item of a list).
 *
 * Returns: (transfer none): a JSON object node; do not change it
 */
JsonNode *
sharokey_secret_request_get_json (SharokeySecretRequest *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_REQUEST (self), NULL);
  return self->json;
}
