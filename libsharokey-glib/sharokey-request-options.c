/* sharokey-request-options.c: settings of a secret request
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-private.h"

/**
 * SharokeyRequestOptions:
 *
 * What a secret request asks for: a link that lets someone else send you a
 * secret, encrypted in their browser.
 */

struct _SharokeyRequestOptions {
  GObject parent_instance;

  gchar *message;
  gchar *description;
  guint secret_expiration_hours;
  guint request_expiration_hours;
  guint maximum_views;
  gchar *email_to;
  gchar *email_reply;
  gchar *locale;
};

G_DEFINE_FINAL_TYPE (SharokeyRequestOptions, sharokey_request_options, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MESSAGE,
  PROP_DESCRIPTION,
  PROP_SECRET_EXPIRATION_HOURS,
  PROP_REQUEST_EXPIRATION_HOURS,
  PROP_MAXIMUM_VIEWS,
  PROP_EMAIL_TO,
  PROP_EMAIL_REPLY,
  PROP_LOCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sharokey_request_options_finalize (GObject *object)
{
  SharokeyRequestOptions *self = SHAROKEY_REQUEST_OPTIONS (object);

  g_free (self->message);
  g_free (self->description);
  g_free (self->email_to);
  g_free (self->email_reply);
  g_free (self->locale);

  G_OBJECT_CLASS (sharokey_request_options_parent_class)->finalize (object);
}

static void
sharokey_request_options_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SharokeyRequestOptions *self = SHAROKEY_REQUEST_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_SECRET_EXPIRATION_HOURS:
      g_value_set_uint (value, self->secret_expiration_hours);
      break;
    case PROP_REQUEST_EXPIRATION_HOURS:
      g_value_set_uint (value, self->request_expiration_hours);
      break;
    case PROP_MAXIMUM_VIEWS:
      g_value_set_uint (value, self->maximum_views);
      break;
    case PROP_EMAIL_TO:
      g_value_set_string (value, self->email_to);
      break;
    case PROP_EMAIL_REPLY:
      g_value_set_string (value, self->email_reply);
      break;
    case PROP_LOCALE:
      g_value_set_string (value, self->locale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sharokey_request_options_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SharokeyRequestOptions *self = SHAROKEY_REQUEST_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      sharokey_request_options_set_message (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      sharokey_request_options_set_description (self, g_value_get_string (value));
      break;
    case PROP_SECRET_EXPIRATION_HOURS:
      sharokey_request_options_set_secret_expiration_hours (self, g_value_get_uint (value));
      break;
    case PROP_REQUEST_EXPIRATION_HOURS:
      sharokey_request_options_set_request_expiration_hours (self, g_value_get_uint (value));
      break;
    case PROP_MAXIMUM_VIEWS:
      sharokey_request_options_set_maximum_views (self, g_value_get_uint (value));
      break;
    case PROP_EMAIL_TO:
      sharokey_request_options_set_email_to (self, g_value_get_string (value));
      break;
    case PROP_EMAIL_REPLY:
      sharokey_request_options_set_email_reply (self, g_value_get_string (value));
      break;
    case PROP_LOCALE:
      sharokey_request_options_set_locale (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sharokey_request_options_class_init (SharokeyRequestOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sharokey_request_options_finalize;
  object_class->get_property = sharokey_request_options_get_property;
  object_class->set_property = sharokey_request_options_set_property;

  /**
   * SharokeyRequestOptions:message:
   *
   * A message shown to the person asked for the secret.
   */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyRequestOptions:description:
   *
   * A description of the request, visible in lists.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyRequestOptions:secret-expiration-hours:
   *
   * Lifetime in hours (1 to 8760) of the secret the recipient will create.
   */
  properties[PROP_SECRET_EXPIRATION_HOURS] =
    g_param_spec_uint ("secret-expiration-hours", NULL, NULL,
                       0, G_MAXUINT, 24,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyRequestOptions:request-expiration-hours:
   *
   * Lifetime in hours (1 to 8760) of the request link.
   */
  properties[PROP_REQUEST_EXPIRATION_HOURS] =
    g_param_spec_uint ("request-expiration-hours", NULL, NULL,
                       0, G_MAXUINT, 48,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyRequestOptions:maximum-views:
   *
   * How many times (1 to 1000) the supplied secret can be opened.
   */
  properties[PROP_MAXIMUM_VIEWS] =
    g_param_spec_uint ("maximum-views", NULL, NULL,
                       0, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyRequestOptions:email-to:
   *
   * E-mail address of the person asked for the secret.
   */
  properties[PROP_EMAIL_TO] =
    g_param_spec_string ("email-to", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyRequestOptions:email-reply:
   *
   * E-mail address to notify when the secret is supplied.
   */
  properties[PROP_EMAIL_REPLY] =
    g_param_spec_string ("email-reply", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyRequestOptions:locale:
   *
   * Language of the e-mails: `en` or `fr`.
   */
  properties[PROP_LOCALE] =
    g_param_spec_string ("locale", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sharokey_request_options_init (SharokeyRequestOptions *self)
{
  self->secret_expiration_hours = 24;
  self->request_expiration_hours = 48;
  self->maximum_views = 1;
}

/**
 * sharokey_request_options_new:
 *
 * Creates request options with the defaults: the secret lives 24 hours,
 * the request 48 hours, and the secret opens once.
 *
 * Returns: (transfer full): new options
 */
SharokeyRequestOptions *
sharokey_request_options_new (void)
{
  return g_object_new (SHAROKEY_TYPE_REQUEST_OPTIONS, NULL);
}

/**
 * sharokey_request_options_get_message:
 * @self: a #SharokeyRequestOptions
 *
 * Gets #SharokeyRequestOptions:message.
 *
 * Returns: (nullable): a message shown to the person asked for the secret
 */
const gchar *
sharokey_request_options_get_message (SharokeyRequestOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self), NULL);
  return self->message;
}

/**
 * sharokey_request_options_set_message:
 * @self: a #SharokeyRequestOptions
 * @message: (nullable): the new value
 *
 * Sets #SharokeyRequestOptions:message.
 */
void
sharokey_request_options_set_message (SharokeyRequestOptions *self,
                                     const gchar *message)
{
  g_return_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self));

  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

/**
 * sharokey_request_options_get_description:
 * @self: a #SharokeyRequestOptions
 *
 * Gets #SharokeyRequestOptions:description.
 *
 * Returns: (nullable): a description of the request, visible in lists
 */
const gchar *
sharokey_request_options_get_description (SharokeyRequestOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self), NULL);
  return self->description;
}

/**
 * sharokey_request_options_set_description:
 * @self: a #SharokeyRequestOptions
 * @description: (nullable): the new value
 *
 * Sets #SharokeyRequestOptions:description.
 */
void
sharokey_request_options_set_description (SharokeyRequestOptions *self,
                                         const gchar *description)
{
  g_return_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * sharokey_request_options_get_secret_expiration_hours:
 * @self: a #SharokeyRequestOptions
 *
 * Gets #SharokeyRequestOptions:secret-expiration-hours.
 *
 * Returns: lifetime in hours (1 to 8760) of the secret the recipient will create
 */
guint
sharokey_request_options_get_secret_expiration_hours (SharokeyRequestOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self), 0);
  return self->secret_expiration_hours;
}

/**
 * sharokey_request_options_set_secret_expiration_hours:
 * @self: a #SharokeyRequestOptions
 * @hours: the new value
 *
 * Sets #SharokeyRequestOptions:secret-expiration-hours.
 */
void
sharokey_request_options_set_secret_expiration_hours (SharokeyRequestOptions *self,
                                                     guint secret_expiration_hours)
{
  g_return_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self));

  if (self->secret_expiration_hours == secret_expiration_hours)
    return;
  self->secret_expiration_hours = secret_expiration_hours;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECRET_EXPIRATION_HOURS]);
}

/**
 * sharokey_request_options_get_request_expiration_hours:
 * @self: a #SharokeyRequestOptions
 *
 * Gets #SharokeyRequestOptions:request-expiration-hours.
 *
 * Returns: lifetime in hours (1 to 8760) of the request link
 */
guint
sharokey_request_options_get_request_expiration_hours (SharokeyRequestOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self), 0);
  return self->request_expiration_hours;
}

/**
 * sharokey_request_options_set_request_expiration_hours:
 * @self: a #SharokeyRequestOptions
 * @hours: the new value
 *
 * Sets #SharokeyRequestOptions:request-expiration-hours.
 */
void
sharokey_request_options_set_request_expiration_hours (SharokeyRequestOptions *self,
                                                      guint request_expiration_hours)
{
  g_return_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self));

  if (self->request_expiration_hours == request_expiration_hours)
    return;
  self->request_expiration_hours = request_expiration_hours;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_EXPIRATION_HOURS]);
}

/**
 * sharokey_request_options_get_maximum_views:
 * @self: a #SharokeyRequestOptions
 *
 * Gets #SharokeyRequestOptions:maximum-views.
 *
 * Returns: how many times (1 to 1000) the supplied secret can be opened
 */
guint
sharokey_request_options_get_maximum_views (SharokeyRequestOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self), 0);
  return self->maximum_views;
}

/**
 * sharokey_request_options_set_maximum_views:
 * @self: a #SharokeyRequestOptions
 * @views: the new value
 *
 * Sets #SharokeyRequestOptions:maximum-views.
 */
void
sharokey_request_options_set_maximum_views (SharokeyRequestOptions *self,
                                           guint maximum_views)
{
  g_return_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self));

  if (self->maximum_views == maximum_views)
    return;
  self->maximum_views = maximum_views;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAXIMUM_VIEWS]);
}

/**
 * sharokey_request_options_get_email_to:
 * @self: a #SharokeyRequestOptions
 *
 * Gets #SharokeyRequestOptions:email-to.
 *
 * Returns: (nullable): e-mail address of the person asked for the secret
 */
const gchar *
sharokey_request_options_get_email_to (SharokeyRequestOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self), NULL);
  return self->email_to;
}

/**
 * sharokey_request_options_set_email_to:
 * @self: a #SharokeyRequestOptions
 * @email_to: (nullable): the new value
 *
 * Sets #SharokeyRequestOptions:email-to.
 */
void
sharokey_request_options_set_email_to (SharokeyRequestOptions *self,
                                      const gchar *email_to)
{
  g_return_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self));

  if (g_strcmp0 (self->email_to, email_to) == 0)
    return;
  g_free (self->email_to);
  self->email_to = g_strdup (email_to);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL_TO]);
}

/**
 * sharokey_request_options_get_email_reply:
 * @self: a #SharokeyRequestOptions
 *
 * Gets #SharokeyRequestOptions:email-reply.
 *
 * Returns: (nullable): e-mail address to notify when the secret is supplied
 */
const gchar *
sharokey_request_options_get_email_reply (SharokeyRequestOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self), NULL);
  return self->email_reply;
}

/**
 * sharokey_request_options_set_email_reply:
 * @self: a #SharokeyRequestOptions
 * @email_reply: (nullable): the new value
 *
 * Sets #SharokeyRequestOptions:email-reply.
 */
void
sharokey_request_options_set_email_reply (SharokeyRequestOptions *self,
                                         const gchar *email_reply)
{
  g_return_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self));

  if (g_strcmp0 (self->email_reply, email_reply) == 0)
    return;
  g_free (self->email_reply);
  self->email_reply = g_strdup (email_reply);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL_REPLY]);
}

/**
 * sharokey_request_options_get_locale:
 * @self: a #SharokeyRequestOptions
 *
 * Gets #SharokeyRequestOptions:locale.
 *
 * Returns: (nullable): language of the e-mails: `en` or `fr`
 */
const gchar *
sharokey_request_options_get_locale (SharokeyRequestOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self), NULL);
  return self->locale;
}

/**
 * sharokey_request_options_set_locale:
 * @self: a #SharokeyRequestOptions
 * @locale: (nullable): the new value
 *
 * Sets #SharokeyRequestOptions:locale.
 */
void
sharokey_request_options_set_locale (SharokeyRequestOptions *self,
                                    const gchar *locale)
{
  g_return_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (self));

  if (g_strcmp0 (self->locale, locale) == 0)
    return;
  g_free (self->locale);
  self->locale = g_strdup (locale);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCALE]);
}
