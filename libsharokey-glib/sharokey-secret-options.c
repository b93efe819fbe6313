/* sharokey-secret-options.c: optional settings of a secret
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-private.h"

/**
 * SharokeySecretOptions:
 *
 * The optional settings of a secret: description, message for the
 * recipient, protections (captcha, password, one-time code) and
 * restrictions (IP addresses, countries), and attached files.
 *
 * Content, lifetime and view limit are arguments of
 * [method@Sharokey.Client.create_async]; everything else lives here.
 */

struct _SharokeySecretOptions {
  GObject parent_instance;

  gchar *description;
  gchar *message;
  gchar *password;
  gboolean captcha;
  gchar *otp_email;
  gchar *otp_phone;
  gchar *ip_whitelist;
  gchar *geolocation;
  GStrv attachments;
};

G_DEFINE_FINAL_TYPE (SharokeySecretOptions, sharokey_secret_options, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  PROP_MESSAGE,
  PROP_PASSWORD,
  PROP_CAPTCHA,
  PROP_OTP_EMAIL,
  PROP_OTP_PHONE,
  PROP_IP_WHITELIST,
  PROP_GEOLOCATION,
  PROP_ATTACHMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sharokey_secret_options_finalize (GObject *object)
{
  SharokeySecretOptions *self = SHAROKEY_SECRET_OPTIONS (object);

  g_free (self->description);
  g_free (self->message);
  sharokey_wipe_free (self->password);
  g_free (self->otp_email);
  g_free (self->otp_phone);
  g_free (self->ip_whitelist);
  g_free (self->geolocation);
  g_strfreev (self->attachments);

  G_OBJECT_CLASS (sharokey_secret_options_parent_class)->finalize (object);
}

static void
sharokey_secret_options_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SharokeySecretOptions *self = SHAROKEY_SECRET_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_PASSWORD:
      g_value_set_string (value, self->password);
      break;
    case PROP_CAPTCHA:
      g_value_set_boolean (value, self->captcha);
      break;
    case PROP_OTP_EMAIL:
      g_value_set_string (value, self->otp_email);
      break;
    case PROP_OTP_PHONE:
      g_value_set_string (value, self->otp_phone);
      break;
    case PROP_IP_WHITELIST:
      g_value_set_string (value, self->ip_whitelist);
      break;
    case PROP_GEOLOCATION:
      g_value_set_string (value, self->geolocation);
      break;
    case PROP_ATTACHMENTS:
      g_value_set_boxed (value, self->attachments);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sharokey_secret_options_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SharokeySecretOptions *self = SHAROKEY_SECRET_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      sharokey_secret_options_set_description (self, g_value_get_string (value));
      break;
    case PROP_MESSAGE:
      sharokey_secret_options_set_message (self, g_value_get_string (value));
      break;
    case PROP_PASSWORD:
      sharokey_secret_options_set_password (self, g_value_get_string (value));
      break;
    case PROP_CAPTCHA:
      sharokey_secret_options_set_captcha (self, g_value_get_boolean (value));
      break;
    case PROP_OTP_EMAIL:
      sharokey_secret_options_set_otp_email (self, g_value_get_string (value));
      break;
    case PROP_OTP_PHONE:
      sharokey_secret_options_set_otp_phone (self, g_value_get_string (value));
      break;
    case PROP_IP_WHITELIST:
      sharokey_secret_options_set_ip_whitelist (self, g_value_get_string (value));
      break;
    case PROP_GEOLOCATION:
      sharokey_secret_options_set_geolocation (self, g_value_get_string (value));
      break;
    case PROP_ATTACHMENTS:
      sharokey_secret_options_set_attachments (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sharokey_secret_options_class_init (SharokeySecretOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sharokey_secret_options_finalize;
  object_class->get_property = sharokey_secret_options_get_property;
  object_class->set_property = sharokey_secret_options_set_property;

  /**
   * SharokeySecretOptions:description:
   *
   * A description of the secret, visible to the server and in lists.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretOptions:message:
   *
   * A message shown to the recipient next to the secret, in clear.
   */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretOptions:password:
   *
   * A password the recipient must type; the server checks it (it is not part of the encryption).
   */
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretOptions:captcha:
   *
   * Whether the recipient must solve a captcha.
   */
  properties[PROP_CAPTCHA] =
    g_param_spec_boolean ("captcha", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretOptions:otp-email:
   *
   * An e-mail address that receives a one-time code the recipient must type.
   */
  properties[PROP_OTP_EMAIL] =
    g_param_spec_string ("otp-email", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretOptions:otp-phone:
   *
   * A phone number in international format (`+` then 8 to 15 digits) that receives a one-time code by SMS.
   */
  properties[PROP_OTP_PHONE] =
    g_param_spec_string ("otp-phone", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretOptions:ip-whitelist:
   *
   * Comma-separated public IPv4/IPv6 addresses or CIDR ranges allowed to open the secret.
   */
  properties[PROP_IP_WHITELIST] =
    g_param_spec_string ("ip-whitelist", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretOptions:geolocation:
   *
   * Comma-separated ISO 3166-1 alpha-2 country codes allowed to open the secret.
   */
  properties[PROP_GEOLOCATION] =
    g_param_spec_string ("geolocation", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeySecretOptions:attachments:
   *
   * Paths of files to attach (at most 10, 10 MB in all).
   */
  properties[PROP_ATTACHMENTS] =
    g_param_spec_boxed ("attachments", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sharokey_secret_options_init (SharokeySecretOptions *self)
{
}

SharokeySecretOptions *
_sharokey_secret_options_copy (SharokeySecretOptions *options)
{
  SharokeySecretOptions *copy = sharokey_secret_options_new ();

  copy->description = g_strdup (options->description);
  copy->message = g_strdup (options->message);
  copy->password = g_strdup (options->password);
  copy->captcha = options->captcha;
  copy->otp_email = g_strdup (options->otp_email);
  copy->otp_phone = g_strdup (options->otp_phone);
  copy->ip_whitelist = g_strdup (options->ip_whitelist);
  copy->geolocation = g_strdup (options->geolocation);
  copy->attachments = g_strdupv (options->attachments);
  return copy;
}

/**
 * sharokey_secret_options_new:
 *
 * Creates options with nothing set.
 *
 * Returns: (transfer full): new options
 */
SharokeySecretOptions *
sharokey_secret_options_new (void)
{
  return g_object_new (SHAROKEY_TYPE_SECRET_OPTIONS, NULL);
}

/**
 * sharokey_secret_options_add_attachment:
 * @self: a #SharokeySecretOptions
 * @path: (type filename): path of a file to attach
 *
 * Appends a file to #SharokeySecretOptions:attachments.
 */
void
sharokey_secret_options_add_attachment (SharokeySecretOptions *self,
                                        const gchar           *path)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self));
  g_return_if_fail (path != NULL);

  builder = g_strv_builder_new ();
  if (self->attachments != NULL)
    g_strv_builder_addv (builder, (const gchar **) self->attachments);
  g_strv_builder_add (builder, path);
  g_strfreev (self->attachments);
  self->attachments = g_strv_builder_end (builder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTACHMENTS]);
}

static gboolean
is_set (const gchar *value)
{
  return value != NULL && *value != '\0';
}

/**
 * sharokey_secret_options_get_protection:
 * @self: a #SharokeySecretOptions
 *
 * Tells which protection a secret created with these options gets. When
 * several are set, only the strongest applies (captcha < password <
 * OTP by e-mail < OTP by SMS), and only its fields are sent.
 *
 * Returns: the protection that applies
 */
SharokeyProtection
sharokey_secret_options_get_protection (SharokeySecretOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self), SHAROKEY_PROTECTION_NONE);

  if (is_set (self->otp_phone))
    return SHAROKEY_PROTECTION_OTP_PHONE;
  if (is_set (self->otp_email))
    return SHAROKEY_PROTECTION_OTP_EMAIL;
  if (is_set (self->password))
    return SHAROKEY_PROTECTION_PASSWORD;
  if (self->captcha)
    return SHAROKEY_PROTECTION_CAPTCHA;
  return SHAROKEY_PROTECTION_NONE;
}



/**
 * sharokey_secret_options_get_description:
 * @self: a #SharokeySecretOptions
 *
 * Gets #SharokeySecretOptions:description.
 *
 * Returns: (nullable): a description of the secret, visible to the server and in lists
 */
const gchar *
sharokey_secret_options_get_description (SharokeySecretOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self), NULL);
  return self->description;
}

/**
 * sharokey_secret_options_set_description:
 * @self: a #SharokeySecretOptions
 * @description: (nullable): the new value
 *
 * Sets #SharokeySecretOptions:description.
 */
void
sharokey_secret_options_set_description (SharokeySecretOptions *self,
                                        const gchar *description)
{
  g_return_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * sharokey_secret_options_get_message:
 * @self: a #SharokeySecretOptions
 *
 * Gets #SharokeySecretOptions:message.
 *
 * Returns: (nullable): a message shown to the recipient next to the secret, in clear
 */
const gchar *
sharokey_secret_options_get_message (SharokeySecretOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self), NULL);
  return self->message;
}

/**
 * sharokey_secret_options_set_message:
 * @self: a #SharokeySecretOptions
 * @message: (nullable): the new value
 *
 * Sets #SharokeySecretOptions:message.
 */
void
sharokey_secret_options_set_message (SharokeySecretOptions *self,
                                    const gchar *message)
{
  g_return_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self));

  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

/**
 * sharokey_secret_options_get_password:
 * @self: a #SharokeySecretOptions
 *
 * Gets #SharokeySecretOptions:password.
 *
 * Returns: (nullable): a password the recipient must type; the server checks it (it is not part of the encryption)
 */
const gchar *
sharokey_secret_options_get_password (SharokeySecretOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self), NULL);
  return self->password;
}

/**
 * sharokey_secret_options_set_password:
 * @self: a #SharokeySecretOptions
 * @password: (nullable): the new value
 *
 * Sets #SharokeySecretOptions:password.
 */
void
sharokey_secret_options_set_password (SharokeySecretOptions *self,
                                     const gchar *password)
{
  g_return_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self));

  if (g_strcmp0 (self->password, password) == 0)
    return;
  sharokey_wipe_free (self->password);
  self->password = g_strdup (password);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSWORD]);
}

/**
 * sharokey_secret_options_get_captcha:
 * @self: a #SharokeySecretOptions
 *
 * Gets #SharokeySecretOptions:captcha.
 *
 * Returns: whether the recipient must solve a captcha
 */
gboolean
sharokey_secret_options_get_captcha (SharokeySecretOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self), FALSE);
  return self->captcha;
}

/**
 * sharokey_secret_options_set_captcha:
 * @self: a #SharokeySecretOptions
 * @captcha: the new value
 *
 * Sets #SharokeySecretOptions:captcha.
 */
void
sharokey_secret_options_set_captcha (SharokeySecretOptions *self,
                                    gboolean captcha)
{
  g_return_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self));

  if (self->captcha == !!captcha)
    return;
  self->captcha = !!captcha;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTCHA]);
}

/**
 * sharokey_secret_options_get_otp_email:
 * @self: a #SharokeySecretOptions
 *
 * Gets #SharokeySecretOptions:otp-email.
 *
 * Returns: (nullable): an e-mail address that receives a one-time code the recipient must type
 */
const gchar *
sharokey_secret_options_get_otp_email (SharokeySecretOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self), NULL);
  return self->otp_email;
}

/**
 * sharokey_secret_options_set_otp_email:
 * @self: a #SharokeySecretOptions
 * @otp_email: (nullable): the new value
 *
 * Sets #SharokeySecretOptions:otp-email.
 */
void
sharokey_secret_options_set_otp_email (SharokeySecretOptions *self,
                                      const gchar *otp_email)
{
  g_return_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self));

  if (g_strcmp0 (self->otp_email, otp_email) == 0)
    return;
  g_free (self->otp_email);
  self->otp_email = g_strdup (otp_email);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OTP_EMAIL]);
}

/**
 * sharokey_secret_options_get_otp_phone:
 * @self: a #SharokeySecretOptions
 *
 * Gets #SharokeySecretOptions:otp-phone.
 *
 * Returns: (nullable): a phone number in international format (`+` then 8 to 15 digits) that receives a one-time code by SMS
 */
const gchar *
sharokey_secret_options_get_otp_phone (SharokeySecretOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self), NULL);
  return self->otp_phone;
}

/**
 * sharokey_secret_options_set_otp_phone:
 * @self: a #SharokeySecretOptions
 * @otp_phone: (nullable): the new value
 *
 * Sets #SharokeySecretOptions:otp-phone.
 */
void
sharokey_secret_options_set_otp_phone (SharokeySecretOptions *self,
                                      const gchar *otp_phone)
{
  g_return_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self));

  if (g_strcmp0 (self->otp_phone, otp_phone) == 0)
    return;
  g_free (self->otp_phone);
  self->otp_phone = g_strdup (otp_phone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OTP_PHONE]);
}

/**
 * sharokey_secret_options_get_ip_whitelist:
 * @self: a #SharokeySecretOptions
 *
 * Gets #SharokeySecretOptions:ip-whitelist.
 *
 * Returns: (nullable): comma-separated public IPv4/IPv6 addresses or CIDR ranges allowed to open the secret
 */
const gchar *
sharokey_secret_options_get_ip_whitelist (SharokeySecretOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self), NULL);
  return self->ip_whitelist;
}

/**
 * sharokey_secret_options_set_ip_whitelist:
 * @self: a #SharokeySecretOptions
 * @ip_whitelist: (nullable): the new value
 *
 * Sets #SharokeySecretOptions:ip-whitelist.
 */
void
sharokey_secret_options_set_ip_whitelist (SharokeySecretOptions *self,
                                         const gchar *ip_whitelist)
{
  g_return_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self));

  if (g_strcmp0 (self->ip_whitelist, ip_whitelist) == 0)
    return;
  g_free (self->ip_whitelist);
  self->ip_whitelist = g_strdup (ip_whitelist);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IP_WHITELIST]);
}

/**
 * sharokey_secret_options_get_geolocation:
 * @self: a #SharokeySecretOptions
 *
 * Gets #SharokeySecretOptions:geolocation.
 *
 * Returns: (nullable): comma-separated ISO 3166-1 alpha-2 country codes allowed to open the secret
 */
const gchar *
sharokey_secret_options_get_geolocation (SharokeySecretOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self), NULL);
  return self->geolocation;
}

/**
 * sharokey_secret_options_set_geolocation:
 * @self: a #SharokeySecretOptions
 * @geolocation: (nullable): the new value
 *
 * Sets #SharokeySecretOptions:geolocation.
 */
void
sharokey_secret_options_set_geolocation (SharokeySecretOptions *self,
                                        const gchar *geolocation)
{
  g_return_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self));

  if (g_strcmp0 (self->geolocation, geolocation) == 0)
    return;
  g_free (self->geolocation);
  self->geolocation = g_strdup (geolocation);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEOLOCATION]);
}
/**
 * sharokey_secret_options_get_attachments:
 * @self: a #SharokeySecretOptions
 *
 * Gets #SharokeySecretOptions:attachments.
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1) (element-type filename): the attached paths
 */
const gchar * const *
sharokey_secret_options_get_attachments (SharokeySecretOptions *self)
{
  g_return_val_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self), NULL);
  return (const gchar * const *) self->attachments;
}

/**
 * sharokey_secret_options_set_attachments:
 * @self: a #SharokeySecretOptions
 * @attachments: (nullable) (array zero-terminated=1) (element-type filename): paths of files to attach
 *
 * Sets #SharokeySecretOptions:attachments.
 */
void
sharokey_secret_options_set_attachments (SharokeySecretOptions *self,
                                         const gchar * const   *attachments)
{
  g_return_if_fail (SHAROKEY_IS_SECRET_OPTIONS (self));

  if (self->attachments == NULL && attachments == NULL)
    return;
  g_strfreev (self->attachments);
  self->attachments = g_strdupv ((gchar **) attachments);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTACHMENTS]);
}
