/* fuzz-response.c: an answer body as the client reads it: bounded JSON
 * parsing, the error mapping of every status, and list normalisation.
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
  static const guint statuses[] = { 400, 401, 403, 404, 413, 422, 429, 500, 503, 302 };
  const gchar *body = (const gchar *) data;
  g_autoptr(JsonNode) root = NULL;
  SharokeyJsonParseError reason;

  /* The status comes from the first byte; the rest is the body. */
  if (size > 0)
    {
      GError *error = _sharokey_error_from_response (statuses[data[0] % G_N_ELEMENTS (statuses)],
                                                     size > 1 && data[1] & 1 ? "30" : NULL,
                                                     body + 1, size - 1);

      g_assert (error != NULL && error->domain == SHAROKEY_ERROR);
      g_error_free (error);
    }

  root = _sharokey_json_parse (body, size, &reason);
  g_assert ((root != NULL) == (reason == SHAROKEY_JSON_OK));
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autoptr(GError) error = NULL;
      JsonNode *normalized = _sharokey_list_normalize (json_node_ref (root), &error);

      g_assert ((normalized == NULL) == (error != NULL));
      if (normalized != NULL)
        json_node_unref (normalized);
      (void) _sharokey_json_string (json_node_get_object (root), "message");
    }
  return 0;
}
