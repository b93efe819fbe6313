/* server-body.c: the JSON object of a request body
 *
 * A create carries up to 10 MiB of attachments as base64 strings: 13 MiB of
 * JSON. json-glib 1.6 reads a string token one character at a time into a
 * growing buffer, checks it as UTF-8 and copies it again, and the nesting
 * bound of _sharokey_json_parse() scans the whole body twice more. So
 * before json-glib sees a large body, one pass over it lifts out every long
 * string made of base64 characters only (nothing json-glib would unescape
 * or refuse), leaving in its place a short marker: what json-glib parses,
 * with the same checks, is then a few hundred bytes, and each marker of the
 * tree is given its string back, copied once.
 *
 * A marker holds a random nonce of the call, so a body cannot spell one.
 * When the tree does not hold each marker exactly once, as a whole string
 * value (json-glib read that part otherwise: a comment, a single-quoted
 * string, a member name, a duplicate member), the body is parsed again as
 * it came: the result is always json-glib's own reading of the body.
 *
 * The body of a large upload is collected here as it arrives, in one
 * buffer of its announced size, rather than as libsoup's chunks that would
 * then be copied into one more buffer.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"
#include "server.h"

#define COLLECTED "sharokey-body-collected"
#define NONCE_LENGTH 22   /* 131 bits */

/* Per byte inside a string: STOP ends the plain run (quote, backslash),
 * OTHER is not a base64 character. */
enum { STOP = 1, OTHER = 2 };

static guint8 string_class[256];

static void
init_string_class (void)
{
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      for (guint c = 0; c < 256; c++)
        string_class[c] = g_ascii_isalnum (c) || c == '+' || c == '/' || c == '=' ? 0 : OTHER;
      string_class['"'] = STOP | OTHER;
      string_class['\\'] = STOP | OTHER;
      g_once_init_leave (&ready, 1);
    }
}

typedef struct {
  gsize start;   /* first byte of the string, after its quote */
  gsize len;
} Span;

/* A colon follows @i, after blanks: the string before it names a member. */
static gboolean
is_member_name (const gchar *data,
                gsize        len,
                gsize        i)
{
  while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
    i++;
  return i < len && data[i] == ':';
}

/* Copies @data into @skeleton with each string value (not a member name)
 * of at least @lift_min base64 characters replaced by NONCE-INDEX, and
 * records where it was in @spans.
 * Strings are found as _sharokey_json_depth_ok() finds them (a quote
 * outside a string opens one; inside, a backslash hides the next byte), so
 * the skeleton nests and ends exactly as @data does. */
static void
lift_strings (const gchar *data,
              gsize        len,
              gsize        lift_min,
              const gchar *nonce,
              GString     *skeleton,
              GArray      *spans)
{
  const guint8 *p = (const guint8 *) data;
  gsize copied = 0, i = 0;

  while (i < len)
    {
      const gchar *quote = memchr (data + i, '"', len - i);
      gsize start, j;
      guint seen = 0;

      if (quote == NULL)
        break;
      start = j = (gsize) (quote - data) + 1;
      while (j < len && !(string_class[p[j]] & STOP))
        seen |= string_class[p[j++]];
      if (j < len && p[j] == '"' && seen == 0 && j - start >= lift_min &&
          !is_member_name (data, len, j + 1))
        {
          Span span = { start, j - start };

          g_string_append_len (skeleton, data + copied, (gssize) (start - copied));
          g_string_append_printf (skeleton, "%s-%u", nonce, spans->len);
          g_array_append_val (spans, span);
          copied = j;
        }
      /* The rest of the string, escapes included. */
      while (j < len && p[j] != '"')
        j += p[j] == '\\' ? 2 : 1;
      i = j + 1;
    }
  /* Without a lifted string, the body itself is parsed: no copy. */
  if (spans->len > 0 && copied < len)
    g_string_append_len (skeleton, data + copied, (gssize) (len - copied));
}

/* The index of marker @text, or -1 when it holds no nonce; -2 when it holds
 * it otherwise than as a whole marker. */
static gint
marker_index (const gchar *text,
              const gchar *nonce,
              guint        n_markers)
{
  guint64 index;

  if (strstr (text, nonce) == NULL)
    return -1;
  if (strncmp (text, nonce, NONCE_LENGTH) != 0 || text[NONCE_LENGTH] != '-' ||
      !g_ascii_string_to_unsigned (text + NONCE_LENGTH + 1, 10, 0, n_markers - 1, &index, NULL) ||
      (index > 0 && text[NONCE_LENGTH + 1] == '0'))
    return -2;
  return (gint) index;
}

/* Finds the string node of each marker in @node, into @found; FALSE when a
 * marker is missing from a value, repeated, or the nonce shows elsewhere.
 * The depth is bounded by SHAROKEY_JSON_MAX_DEPTH. */
static gboolean
find_markers (JsonNode    *node,
              const gchar *nonce,
              JsonNode   **found,
              guint        n_markers)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const gchar *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (marker_index (name, nonce, n_markers) != -1 ||
              !find_markers (member, nonce, found, n_markers))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!find_markers (json_array_get_element (array, i), nonce, found, n_markers))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      {
        gint index;

        if (json_node_get_value_type (node) != G_TYPE_STRING)
          return TRUE;
        index = marker_index (json_node_get_string (node), nonce, n_markers);
        if (index == -1)
          return TRUE;
        if (index < 0 || found[index] != NULL)
          return FALSE;
        found[index] = node;
        return TRUE;
      }
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static gboolean
all_found (JsonNode **found,
           guint      n_markers)
{
  for (guint i = 0; i < n_markers; i++)
    if (found[i] == NULL)
      return FALSE;
  return TRUE;
}

/* The parsed root, or NULL with @out_reason. */
static JsonNode *
parse_lifted (gchar                  *data,
              gsize                   len,
              gsize                   lift_min,
              SharokeyJsonParseError *out_reason)
{
  g_autofree gchar *nonce = server_random_string (NONCE_LENGTH);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GString) skeleton = NULL;
  g_autofree JsonNode **found = NULL;
  JsonNode *root;

  init_string_class ();
  skeleton = g_string_sized_new (MIN (len, 4096) + 1);
  lift_strings (data, len, lift_min, nonce, skeleton, spans);
  if (spans->len == 0)
    return _sharokey_json_parse (data, len, out_reason);

  /* Nests, ends and fails exactly as @data would. */
  root = _sharokey_json_parse (skeleton->str, skeleton->len, out_reason);
  if (root == NULL)
    return NULL;
  found = g_new0 (JsonNode *, spans->len);
  if (!find_markers (root, nonce, found, spans->len) || !all_found (found, spans->len))
    {
      /* json-glib read a marker otherwise than as a string value. */
      json_node_unref (root);
      return _sharokey_json_parse (data, len, out_reason);
    }
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);

      data[span->start + span->len] = '\0';  /* its closing quote */
      json_node_set_string (found[i], data + span->start);
    }
  return root;
}

JsonObject *
server_body_parse (gchar        *data,
                   gsize         len,
                   gsize         lift_min,
                   gchar       **out_message)
{
  g_autoptr(JsonNode) root = NULL;
  SharokeyJsonParseError reason;

  if (len == 0)
    return json_object_new ();
  root = parse_lifted (data, len, lift_min, &reason);
  if (reason == SHAROKEY_JSON_TOO_DEEP)
    {
      *out_message = g_strdup_printf (_("The request body nests deeper than %d levels"),
                                      SHAROKEY_JSON_MAX_DEPTH);
      return NULL;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      *out_message = g_strdup (_("The request body must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* The JSON object held by @data, or NULL with a translated @out_message.
 * An empty body counts as an empty object; nesting is bounded before
 * json-glib sees a byte, since it recurses without a limit. */
JsonObject *
server_body_from_bytes (const gchar  *data,
                        gsize         len,
                        gchar       **out_message)
{
  g_autofree gchar *copy = g_memdup2 (data, len);

  return server_body_parse (copy, len, SERVER_BODY_LIFT_MIN, out_message);
}

/* --- collecting a large body --- */

void
server_body_collect (SoupServerMessage *msg,
                     goffset            length)
{
  GByteArray *collected = g_byte_array_sized_new (length > 0 ? (guint) length : 0);

  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_object_set_data_full (G_OBJECT (msg), COLLECTED, collected,
                          (GDestroyNotify) g_byte_array_unref);
}

void
server_body_collect_chunk (SoupServerMessage *msg,
                           GBytes            *chunk)
{
  GByteArray *collected = g_object_get_data (G_OBJECT (msg), COLLECTED);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (chunk, &len);

  if (collected != NULL)
    g_byte_array_append (collected, data, (guint) len);
}

/* Returns the JSON object of the request body, or replies 422 and returns
 * NULL. */
JsonObject *
server_parse_body (SoupServerMessage *msg)
{
  g_autoptr(GByteArray) collected = g_object_steal_data (G_OBJECT (msg), COLLECTED);
  g_autofree gchar *message = NULL;
  JsonObject *object;

  if (collected != NULL)
    object = server_body_parse ((gchar *) collected->data, collected->len,
                                SERVER_BODY_LIFT_MIN, &message);
  else
    {
      g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      gsize len = 0;
      const gchar *data = g_bytes_get_data (bytes, &len);

      object = server_body_from_bytes (data, len, &message);
    }
  if (object == NULL)
    {
      JsonObject *details = json_object_new ();
      server_add_detail (details, "body", message, NULL);
      server_reply_validation (msg, details, message);
    }
  return object;
}
