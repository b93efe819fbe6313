/* fuzz-language.c: the language of a page, from a visitor's
 * Accept-Language header and a request's locale: any bytes give a
 * catalogue, and only English or a catalogue that exists.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "server-catalogue.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The first line is the request's locale, the rest the header. */
  g_autofree gchar *text = fuzz_string (data, size);
  gchar *newline = strchr (text, '\n');
  const gchar *header = newline != NULL ? newline + 1 : NULL;
  const ServerCatalogue *catalogue;
  const gchar *language;

  if (newline != NULL)
    *newline = '\0';
  catalogue = server_catalogue_pick (text, header);
  g_assert (catalogue != NULL);
  language = server_catalogue_language (catalogue);
  /* A name made only of letters, digits and "_": never a path. */
  for (const gchar *p = language; *p != '\0'; p++)
    g_assert (g_ascii_isalnum (*p) || *p == '_');
  g_assert (server_catalogue_gettext (catalogue, "Reveal") != NULL);
  return 0;
}
