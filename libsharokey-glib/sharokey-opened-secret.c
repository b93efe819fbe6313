/* sharokey-opened-secret.c: SharokeyOpenedSecret, the decrypted secret
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"

/**
 * SharokeyOpenedSecret:
 *
 * A secret opened from its share link by [method@Client.open_finish]: its
 * text and attached files, decrypted on this machine, and the views that
 * remain after this one. The text is wiped when the object is finalized,
 * the files when the last reference to their [struct@GLib.Bytes] goes.
 *
 * Attachment names are the sender's, as they are: a program that saves the
 * files must make them safe file names first.
 */

struct _SharokeyOpenedSecret {
  GObject parent_instance;

  gchar *slug;
  GBytes *text;                /* NUL-terminated, wiped when freed */
  gint64 remaining_views;
  GPtrArray *names;
  GPtrArray *files;            /* of GBytes, wiped when freed */
};

G_DEFINE_FINAL_TYPE (SharokeyOpenedSecret, sharokey_opened_secret, G_TYPE_OBJECT)

static void
sharokey_opened_secret_finalize (GObject *object)
{
  SharokeyOpenedSecret *self = SHAROKEY_OPENED_SECRET (object);

  g_free (self->slug);
  g_clear_pointer (&self->text, g_bytes_unref);
  g_ptr_array_unref (self->names);
  g_ptr_array_unref (self->files);
  G_OBJECT_CLASS (sharokey_opened_secret_parent_class)->finalize (object);
}

static void
sharokey_opened_secret_class_init (SharokeyOpenedSecretClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sharokey_opened_secret_finalize;
}

static void
sharokey_opened_secret_init (SharokeyOpenedSecret *self)
{
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
}

/* Takes @plaintext (wiped bytes); NULL with an ENCRYPTION error when it is
 * not text: the content of a secret is UTF-8. */
SharokeyOpenedSecret *
_sharokey_opened_secret_new (const gchar  *slug,
                             GBytes       *plaintext,
                             gint64        remaining_views,
                             GError      **error)
{
  g_autoptr(GBytes) owned = plaintext;
  SharokeyOpenedSecret *self;
  gsize len;
  const gchar *data = g_bytes_get_data (plaintext, &len);
  guint8 *copy;

  if (!g_utf8_validate_len (data, len, NULL) || memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ENCRYPTION,
                           _("The decrypted secret is not text"));
      return NULL;
    }
  self = g_object_new (SHAROKEY_TYPE_OPENED_SECRET, NULL);
  self->slug = g_strdup (slug);
  self->remaining_views = MAX (remaining_views, 0);
  copy = g_malloc (len + 1);
  if (len > 0)
    memcpy (copy, data, len);
  copy[len] = '\0';
  self->text = _sharokey_bytes_new_take_wiped (copy, len + 1);
  return self;
}

/* Takes @data (wiped bytes). */
void
_sharokey_opened_secret_add_attachment (SharokeyOpenedSecret *self,
                                        const gchar          *name,
                                        GBytes               *data)
{
  g_ptr_array_add (self->names, g_strdup (name));
  g_ptr_array_add (self->files, data);
}

/**
 * sharokey_opened_secret_get_slug:
 * @self: a #SharokeyOpenedSecret
 *
 * Returns: the secret's slug
 */
const gchar *
sharokey_opened_secret_get_slug (SharokeyOpenedSecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_OPENED_SECRET (self), NULL);
  return self->slug;
}

/**
 * sharokey_opened_secret_get_text:
 * @self: a #SharokeyOpenedSecret
 *
 * Gets the secret's text. It is wiped when @self is finalized: copy it
 * only where it must go.
 *
 * Returns: the text (UTF-8)
 */
const gchar *
sharokey_opened_secret_get_text (SharokeyOpenedSecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_OPENED_SECRET (self), NULL);
  return g_bytes_get_data (self->text, NULL);
}

/**
 * sharokey_opened_secret_get_remaining_views:
 * @self: a #SharokeyOpenedSecret
 *
 * Returns: how many times the secret can still be opened after this view;
 *   0 when the server has now deleted it
 */
gint64
sharokey_opened_secret_get_remaining_views (SharokeyOpenedSecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_OPENED_SECRET (self), 0);
  return self->remaining_views;
}

/**
 * sharokey_opened_secret_get_n_attachments:
 * @self: a #SharokeyOpenedSecret
 *
 * Returns: the number of attached files
 */
guint
sharokey_opened_secret_get_n_attachments (SharokeyOpenedSecret *self)
{
  g_return_val_if_fail (SHAROKEY_IS_OPENED_SECRET (self), 0);
  return self->files->len;
}

/**
 * sharokey_opened_secret_get_attachment_name:
 * @self: a #SharokeyOpenedSecret
 * @index: the file's position, below
 *   [method@OpenedSecret.get_n_attachments]
 *
 * Gets a file's name as the sender gave it. It may hold path separators,
 * control characters or a leading dot: never use it as a path as it is.
 *
 * Returns: the name
 */
const gchar *
sharokey_opened_secret_get_attachment_name (SharokeyOpenedSecret *self,
                                            guint                 index)
{
  g_return_val_if_fail (SHAROKEY_IS_OPENED_SECRET (self), NULL);
  g_return_val_if_fail (index < self->names->len, NULL);
  return self->names->pdata[index];
}

/**
 * sharokey_opened_secret_get_attachment_data:
 * @self: a #SharokeyOpenedSecret
 * @index: the file's position, below
 *   [method@OpenedSecret.get_n_attachments]
 *
 * Returns: (transfer none): the file's decrypted bytes, wiped when the
 *   last reference goes
 */
GBytes *
sharokey_opened_secret_get_attachment_data (SharokeyOpenedSecret *self,
                                            guint                 index)
{
  g_return_val_if_fail (SHAROKEY_IS_OPENED_SECRET (self), NULL);
  g_return_val_if_fail (index < self->files->len, NULL);
  return self->files->pdata[index];
}
