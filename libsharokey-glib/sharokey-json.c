/* sharokey-json.c: JSON parsing with a nesting bound
 *
 * json-glib 1.6 parses recursively without a limit, so a few hundred
 * kilobytes of "[[[[" overflow the stack. Every JSON document that comes
 * from outside the process (an answer, a request body, a config file) is
 * scanned here first and refused when it nests deeper than the bound.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"

/* Depth of the deepest array/object of @data, counting only brackets that
 * are outside strings; stops early once @max_depth is exceeded. */
gboolean
_sharokey_json_depth_ok (const gchar *data,
                         gsize        len,
                         guint        max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      gchar c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;                /* skip the escaped character, even '"' */
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return FALSE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

static gboolean
is_blank (const gchar *data,
          gsize        len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* TRUE for input that json-glib 1.6 misreads and partly leaks, so that it
 * never reaches it. Both are malformed JSON anyway:
 * - an array or object after the document's first value ("1 [2]",
 *   "{} {}"): json-glib parses it, then drops it without freeing it;
 * - outside strings, a character that no JSON token has: json-glib's
 *   scanner also reads comments and identifiers, and a '/' there can take
 *   the quote after it, so the document it builds differs from this scan. */
static gboolean
misread_by_json_glib (const gchar *data,
                      gsize        len)
{
  gboolean in_string = FALSE, seen_value = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      gchar c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        continue;
      /* Structure, strings, numbers, and the letters of true/false/null. */
      if (strchr ("{}[],:\"0123456789-+.eEtruefalsn", c) == NULL || c == '\0')
        return TRUE;
      if (c == '[' || c == '{')
        {
          if (depth == 0 && seen_value)
            return TRUE;
          depth++;
        }
      else if (c == ']' || c == '}')
        {
          if (depth > 0)
            depth--;
        }
      else if (c == '"')
        in_string = TRUE;
      seen_value = TRUE;
    }
  return FALSE;
}

JsonNode *
_sharokey_json_parse (const gchar          *data,
                      gsize                 len,
                      SharokeyJsonParseError *out_reason)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  SharokeyJsonParseError unused;

  if (out_reason == NULL)
    out_reason = &unused;

  if (data == NULL || is_blank (data, len))
    {
      *out_reason = SHAROKEY_JSON_EMPTY;
      return NULL;
    }
  if (!_sharokey_json_depth_ok (data, len, SHAROKEY_JSON_MAX_DEPTH))
    {
      *out_reason = SHAROKEY_JSON_TOO_DEEP;
      return NULL;
    }
  if (misread_by_json_glib (data, len))
    {
      *out_reason = SHAROKEY_JSON_MALFORMED;
      return NULL;
    }
  /* Mutable: the client completes answers (share_url, normalised lists). */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    {
      *out_reason = SHAROKEY_JSON_MALFORMED;
      return NULL;
    }
  *out_reason = SHAROKEY_JSON_OK;
  return json_node_ref (root);
}
