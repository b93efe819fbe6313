/* sharokey-link-info.c: SharokeyLinkInfo, a link's metadata
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-private.h"

/**
 * SharokeyLinkInfo:
 *
 * What the server of a share link tells about its secret before anyone
 * opens it, from [method@Client.inspect_link_finish]: how many views
 * remain and which protections opening it needs. Reading it never uses a
 * view, so a program can ask the recipient before
 * [method@Client.open_async] uses one. It never changes once returned.
 */

struct _SharokeyLinkInfo {
  GObject parent_instance;

  gchar *slug;
  gchar *message;
  gint64 remaining_views;
  gboolean requires_password;
  gboolean requires_captcha;
  gboolean requires_otp;
  GStrv attachment_names;
  GDateTime *expiration;
};

G_DEFINE_FINAL_TYPE (SharokeyLinkInfo, sharokey_link_info, G_TYPE_OBJECT)

static void
sharokey_link_info_finalize (GObject *object)
{
  SharokeyLinkInfo *self = SHAROKEY_LINK_INFO (object);

  g_free (self->slug);
  g_free (self->message);
  g_strfreev (self->attachment_names);
  g_clear_pointer (&self->expiration, g_date_time_unref);
  G_OBJECT_CLASS (sharokey_link_info_parent_class)->finalize (object);
}

static void
sharokey_link_info_class_init (SharokeyLinkInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sharokey_link_info_finalize;
}

static void
sharokey_link_info_init (SharokeyLinkInfo *self)
{
}

/* @data: the viewer's metadata object; NULL with a PROTOCOL error when
 * it lacks what a viewer always says (remaining_views). */
SharokeyLinkInfo *
_sharokey_link_info_new (const gchar  *slug,
                         JsonObject   *data,
                         GError      **error)
{
  SharokeyLinkInfo *self;
  guint64 views = 0;
  JsonArray *names = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  /* Read as open reads it (sharokey-client-open.c). */
  if (!_sharokey_json_uint64 (data, "remaining_views", &views))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL,
                           _("The viewer's answer does not say how many views remain"));
      return NULL;
    }

  self = g_object_new (SHAROKEY_TYPE_LINK_INFO, NULL);
  self->slug = g_strdup (slug);
  self->message = g_strdup (_sharokey_json_string (data, "message"));
  self->remaining_views = (gint64) MIN (views, (guint64) G_MAXINT64);
  _sharokey_json_boolean (data, "requires_password", &self->requires_password);
  _sharokey_json_boolean (data, "requires_captcha", &self->requires_captcha);
  _sharokey_json_boolean (data, "requires_otp", &self->requires_otp);
  self->expiration = _sharokey_json_datetime (data, "expiration");
  if (json_object_has_member (data, "attachments") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (data, "attachments")))
    names = json_object_get_array_member (data, "attachments");
  for (guint i = 0; names != NULL && i < json_array_get_length (names); i++)
    {
      JsonNode *item = json_array_get_element (names, i);
      const gchar *name = NULL;

      if (JSON_NODE_HOLDS_OBJECT (item))
        name = _sharokey_json_string (json_node_get_object (item), "name");
      else if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        name = json_node_get_string (item);
      if (name != NULL)
        g_strv_builder_add (builder, name);
    }
  self->attachment_names = g_strv_builder_end (builder);
  return self;
}

/**
 * sharokey_link_info_get_slug:
 * @self: a #SharokeyLinkInfo
 *
 * Gets the slug of the secret, taken from the link.
 *
 * Returns: the secret's slug, taken from the link
 */
const gchar *
sharokey_link_info_get_slug (SharokeyLinkInfo *self)
{
  g_return_val_if_fail (SHAROKEY_IS_LINK_INFO (self), NULL);
  return self->slug;
}

/**
 * sharokey_link_info_get_message:
 * @self: a #SharokeyLinkInfo
 *
 * Gets the message the sender left for the recipient. It comes from the
 * server as it is: quote it with care on a terminal.
 *
 * Returns: (nullable): the message, or %NULL
 */
const gchar *
sharokey_link_info_get_message (SharokeyLinkInfo *self)
{
  g_return_val_if_fail (SHAROKEY_IS_LINK_INFO (self), NULL);
  return self->message;
}

/**
 * sharokey_link_info_get_remaining_views:
 * @self: a #SharokeyLinkInfo
 *
 * Gets how many views remain; reading it used none.
 *
 * Returns: how many times the secret can still be opened
 */
gint64
sharokey_link_info_get_remaining_views (SharokeyLinkInfo *self)
{
  g_return_val_if_fail (SHAROKEY_IS_LINK_INFO (self), 0);
  return self->remaining_views;
}

/**
 * sharokey_link_info_get_requires_password:
 * @self: a #SharokeyLinkInfo
 *
 * Gets whether [method@Client.open_async] needs the password of the secret.
 *
 * Returns: whether opening the secret needs its password
 */
gboolean
sharokey_link_info_get_requires_password (SharokeyLinkInfo *self)
{
  g_return_val_if_fail (SHAROKEY_IS_LINK_INFO (self), FALSE);
  return self->requires_password;
}

/**
 * sharokey_link_info_get_requires_captcha:
 * @self: a #SharokeyLinkInfo
 *
 * Gets whether the secret asks for a captcha, which only the browser viewer answers.
 *
 * Returns: whether opening the secret needs a captcha (browser only)
 */
gboolean
sharokey_link_info_get_requires_captcha (SharokeyLinkInfo *self)
{
  g_return_val_if_fail (SHAROKEY_IS_LINK_INFO (self), FALSE);
  return self->requires_captcha;
}

/**
 * sharokey_link_info_get_requires_otp:
 * @self: a #SharokeyLinkInfo
 *
 * Gets whether the secret asks for a one-time code, which only the browser viewer answers.
 *
 * Returns: whether opening the secret needs a one-time code (browser only)
 */
gboolean
sharokey_link_info_get_requires_otp (SharokeyLinkInfo *self)
{
  g_return_val_if_fail (SHAROKEY_IS_LINK_INFO (self), FALSE);
  return self->requires_otp;
}

/**
 * sharokey_link_info_get_attachment_names:
 * @self: a #SharokeyLinkInfo
 *
 * Gets the names of the attached files, as the sender gave them: they are
 * not fit to be used as file names as they are.
 *
 * Returns: (transfer none) (array zero-terminated=1): the names
 */
const gchar * const *
sharokey_link_info_get_attachment_names (SharokeyLinkInfo *self)
{
  g_return_val_if_fail (SHAROKEY_IS_LINK_INFO (self), NULL);
  return (const gchar * const *) self->attachment_names;
}

/**
 * sharokey_link_info_get_expiration:
 * @self: a #SharokeyLinkInfo
 *
 * Gets when the secret expires.
 *
 * Returns: (transfer none) (nullable): when the secret expires, or %NULL
 */
GDateTime *
sharokey_link_info_get_expiration (SharokeyLinkInfo *self)
{
  g_return_val_if_fail (SHAROKEY_IS_LINK_INFO (self), NULL);
  return self->expiration;
}
