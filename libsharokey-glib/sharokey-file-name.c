/* sharokey-file-name.c: a safe file name from a name the sender chose
 *
 * Attachment names come from whoever made the secret, through a server
 * that may be hostile: "../.ssh/authorized_keys", ".bashrc", a name with
 * terminal escapes or a right-to-left override. Every program that saves
 * an attachment goes through this one rule.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"

/* Long enough for any real name, short enough for every file system
 * (255 bytes) once a " (99)" suffix is added. */
#define MAX_NAME_BYTES 200

static gboolean
is_unsafe (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return c == '/' || c == '\\' || g_unichar_iscntrl (c) ||
         type == G_UNICODE_FORMAT ||            /* bidi overrides, zero-width */
         type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR ||
         type == G_UNICODE_UNASSIGNED || type == G_UNICODE_SURROGATE ||
         type == G_UNICODE_PRIVATE_USE;
}

/**
 * sharokey_file_name_from_untrusted:
 * @name: (nullable): a file name as the sender gave it, e.g.
 *   [method@OpenedSecret.get_attachment_name]
 *
 * Makes a name that is safe to create in a directory: no path separator
 * (`/` or `\`), no control or invisible formatting character (each becomes
 * `_`), no leading dot (so neither a hidden file nor `.` or `..`), valid
 * UTF-8, at most 200 bytes; an empty name becomes `attachment`.
 *
 * It does not check whether the file exists: create it with `O_EXCL`.
 *
 * Returns: (transfer full): the safe name
 */
gchar *
sharokey_file_name_from_untrusted (const gchar *name)
{
  g_autofree gchar *valid = g_utf8_make_valid (name ? name : "", -1);
  GString *safe = g_string_new (NULL);
  gboolean leading = TRUE;

  for (const gchar *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize before = safe->len;

      if (is_unsafe (c) || (leading && c == '.') || c == 0xFFFD)
        g_string_append_c (safe, '_');
      else
        g_string_append_unichar (safe, c);
      leading = leading && c == '.';
      if (safe->len > MAX_NAME_BYTES)
        {
          g_string_truncate (safe, before);
          break;
        }
    }
  if (safe->len == 0)
    g_string_assign (safe, "attachment");
  return g_string_free (safe, FALSE);
}
