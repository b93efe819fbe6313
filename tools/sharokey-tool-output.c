/* sharokey-tool-output.c: JSON, field lists and tables on standard output
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "sharokey-tool.h"

/* Byte-exact, retried on EINTR and short writes. */
gboolean
tool_write_stdout (const gchar *data,
                   gsize        len)
{
  fflush (stdout);
  while (len > 0)
    {
      ssize_t written = write (STDOUT_FILENO, data, len);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += written;
      len -= (gsize) written;
    }
  return TRUE;
}

void
tool_print_json (JsonNode *node)
{
  gchar *text = json_to_string (node, TRUE);
  gchar *shown = sharokey_printable_json (text);

  g_print ("%s\n", shown);
  /* A create's answer holds the share link: leave no copy behind. */
  explicit_bzero (text, strlen (text));
  explicit_bzero (shown, strlen (shown));
  g_free (text);
  g_free (shown);
}

/* The `data` object of an envelope; a bare object is its own data. */
JsonObject *
tool_envelope_data (JsonNode *node)
{
  JsonObject *object;
  JsonNode *data;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  data = json_object_get_member (object, "data");
  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    return json_node_get_object (data);
  if (data == NULL)
    return object;
  return NULL;
}

static gchar *
node_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("-");

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return g_strdup (json_node_get_string (node));
        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          return g_strdup_printf ("%g", json_node_get_double (node));
        default:
          break;
        }
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      /* Attachments and the like: their names, comma separated. */
      JsonArray *array = json_node_get_array (node);
      GString *text;

      if (json_array_get_length (array) == 0)
        return g_strdup ("-");
      text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree gchar *part = NULL;

          if (JSON_NODE_HOLDS_OBJECT (element) &&
              json_object_has_member (json_node_get_object (element), "name"))
            part = node_text (json_object_get_member (json_node_get_object (element), "name"));
          else
            part = node_text (element);
          if (i > 0)
            g_string_append (text, ", ");
          g_string_append (text, part);
        }
      return g_string_free (text, FALSE);
    }

  return json_to_string (node, FALSE);
}

gchar *
tool_json_member_text (JsonObject  *object,
                       const gchar *member)
{
  return node_text (object != NULL ? json_object_get_member (object, member) : NULL);
}

/* Control characters (newlines included), escape sequences and bidi
 * overrides from the server never reach the terminal, and a message stays
 * on one line. */
gchar *
tool_printable (const gchar *text)
{
  return sharokey_printable (text);
}

void
tool_print_fields (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint width = 0;

  for (GList *l = members; l != NULL; l = l->next)
    width = MAX (width, (guint) strlen (l->data));

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree gchar *value = tool_json_member_text (object, l->data);
      g_autofree gchar *shown = tool_printable (value);
      g_autofree gchar *label = g_strconcat (l->data, ":", NULL);

      g_print ("%-*s %s\n", (int) width + 1, label, shown);
    }
}

/* The API's status words, in the user's language; others as they are. */
const gchar *
tool_status_text (const gchar *status)
{
  if (g_strcmp0 (status, "active") == 0)
    return C_("status of a secret or request", "active");
  if (g_strcmp0 (status, "expired") == 0)
    return C_("status of a secret or request", "expired");
  return status;
}

/* Columns a string takes on a terminal: two for East Asian wide characters,
 * none for combining marks, so that table columns line up. */
glong
tool_display_width (const gchar *text)
{
  glong width = 0;

  for (const gchar *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

#define CELL_MAX_WIDTH 40

/* An ISO 8601 time from the server, as local minutes: "2026-11-27 14:05".
 * Anything else stays as it is. */
static gchar *
readable_time (const gchar *text)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (text, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (text);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static gchar *
cell (JsonNode    *row,
      const gchar *member)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (row) ? json_node_get_object (row) : NULL;
  g_autofree gchar *text = NULL;
  g_autofree gchar *clean = NULL;

  /* "current/maximum" views read better together. */
  if (object != NULL && g_str_equal (member, "views"))
    {
      g_autofree gchar *current = tool_json_member_text (object, "current_views");
      g_autofree gchar *maximum = tool_json_member_text (object, "maximum_views");
      text = g_strdup_printf ("%s/%s", current, maximum);
    }
  else if (g_str_has_suffix (member, "expiration"))
    {
      g_autofree gchar *iso = tool_json_member_text (object, member);
      text = readable_time (iso);
    }
  else if (g_str_equal (member, "status"))
    {
      g_autofree gchar *status = tool_json_member_text (object, member);
      gboolean fulfilled = FALSE;

      /* An answered request is closed ("expired") on the server; what
       * its owner wants to see is that it was answered. */
      if (object != NULL && json_object_has_member (object, "fulfilled") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "fulfilled")))
        fulfilled = json_object_get_boolean_member (object, "fulfilled");
      text = g_strdup (fulfilled ? C_("status of a request", "fulfilled") : tool_status_text (status));
    }
  else
    text = tool_json_member_text (object, member);

  clean = tool_printable (text);
  if (tool_display_width (clean) > CELL_MAX_WIDTH)
    {
      /* Cut where the text fills all but one column, left for "…". */
      glong width = 0;
      gchar *p = clean;

      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);
          glong w = g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;

          if (width + w > CELL_MAX_WIDTH - 1)
            break;
          width += w;
          p = g_utf8_next_char (p);
        }
      *p = '\0';
      return g_strconcat (clean, "…", NULL);
    }
  return g_steal_pointer (&clean);
}

/* Prints @text, then spaces up to @width columns and one more (unless
 * @last). */
static void
print_padded (const gchar *text,
              glong        width,
              gboolean     last)
{
  g_print ("%s", text);
  if (!last)
    for (glong pad = width - tool_display_width (text); pad > -2; pad--)
      g_print (" ");
}

void
tool_print_table (JsonArray           *items,
                  const gchar * const *members,
                  const gchar * const *headers)
{
  guint columns = g_strv_length ((gchar **) members);
  guint rows = json_array_get_length (items);
  g_autofree glong *widths = g_new0 (glong, columns);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < columns; c++)
    widths[c] = tool_display_width (_(headers[c]));

  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < columns; c++)
      {
        gchar *text = cell (json_array_get_element (items, r), members[c]);
        widths[c] = MAX (widths[c], tool_display_width (text));
        g_ptr_array_add (cells, text);
      }

  for (guint c = 0; c < columns; c++)
    print_padded (_(headers[c]), widths[c], c + 1 == columns);
  g_print ("\n");
  for (guint r = 0; r < rows; r++)
    {
      for (guint c = 0; c < columns; c++)
        print_padded (g_ptr_array_index (cells, r * columns + c), widths[c], c + 1 == columns);
      g_print ("\n");
    }
}

void
tool_print_envelope (JsonNode *data)
{
  g_autoptr(JsonObject) envelope = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  json_object_set_boolean_member (envelope, "success", TRUE);
  json_object_set_member (envelope, "data", json_node_ref (data));
  json_node_set_object (root, envelope);
  tool_print_json (root);
}

void
tool_print_item (ToolGlobals *globals,
                 JsonNode    *item)
{
  if (globals->json)
    tool_print_envelope (item);
  else
    tool_print_fields (json_node_get_object (item));
}
