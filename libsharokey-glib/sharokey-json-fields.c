/* sharokey-json-fields.c: reading the members of the API's answers
 *
 * The sources of the API disagree on types: numbers may come as strings
 * ("3", or "null" for none), booleans as 0/1, times with or without a zone.
 * These readers accept every form seen and say FALSE (or NULL) for anything
 * else, so a typed object never holds a made-up value.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-private.h"

static JsonNode *
value_member (JsonObject  *object,
              const gchar *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return (node != NULL && JSON_NODE_HOLDS_VALUE (node)) ? node : NULL;
}

const gchar *
_sharokey_json_string (JsonObject  *object,
                       const gchar *member)
{
  JsonNode *node = value_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
_sharokey_json_object (JsonObject  *object,
                       const gchar *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return (node != NULL && JSON_NODE_HOLDS_OBJECT (node)) ? json_node_get_object (node) : NULL;
}

gboolean
_sharokey_json_uint64 (JsonObject  *object,
                       const gchar *member,
                       guint64     *out)
{
  JsonNode *node = value_member (object, member);

  if (node == NULL)
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      if (json_node_get_int (node) < 0)
        return FALSE;
      *out = (guint64) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      {
        gdouble d = json_node_get_double (node);

        if (d < 0 || d > (gdouble) G_MAXINT64 || d != (gdouble) (gint64) d)
          return FALSE;
        *out = (guint64) d;
        return TRUE;
      }
    case G_TYPE_STRING:
      return g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXUINT64,
                                         out, NULL);
    default:
      return FALSE;
    }
}

gboolean
_sharokey_json_uint (JsonObject  *object,
                     const gchar *member,
                     guint       *out)
{
  guint64 value;

  if (!_sharokey_json_uint64 (object, member, &value) || value > G_MAXUINT)
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

gboolean
_sharokey_json_boolean (JsonObject  *object,
                        const gchar *member,
                        gboolean    *out)
{
  JsonNode *node = value_member (object, member);
  const gchar *text;

  if (node == NULL)
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      *out = json_node_get_boolean (node);
      return TRUE;
    case G_TYPE_INT64:
      *out = json_node_get_int (node) != 0;
      return TRUE;
    case G_TYPE_STRING:
      text = json_node_get_string (node);
      if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1"))
        *out = TRUE;
      else if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0"))
        *out = FALSE;
      else
        return FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

GDateTime *
_sharokey_json_datetime (JsonObject  *object,
                         const gchar *member)
{
  const gchar *text = _sharokey_json_string (object, member);
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  /* The API speaks UTC; a time without a zone is read as UTC too. */
  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (text, utc);
}
