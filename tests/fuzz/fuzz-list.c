/* fuzz-list.c: list normalisation on arbitrary JSON objects (shapes A-D
 * and everything else), and the normalised envelope's own invariants.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-client-private.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = _sharokey_json_parse ((const gchar *) data, size, NULL);
  JsonNode *normalized;
  JsonObject *list;

  if (root == NULL)
    return 0;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      json_node_unref (root);
      return 0;
    }
  normalized = _sharokey_list_normalize (root, &error);
  if (normalized == NULL)
    {
      g_assert (g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_PROTOCOL));
      return 0;
    }
  /* Whatever came in, data.items is an array now. */
  list = json_object_get_object_member (json_node_get_object (normalized), "data");
  g_assert (JSON_NODE_HOLDS_ARRAY (json_object_get_member (list, "items")));
  json_node_unref (normalized);
  return 0;
}
