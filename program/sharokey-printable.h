/* sharokey-printable.h: text from the server made safe for a terminal
 * (not installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text (any bytes) as one line of valid UTF-8 without terminal escape
 * sequences (ESC and C1 introduced, dropped whole), control characters
 * (line breaks and tabs become spaces), bidirectional embeddings,
 * overrides and isolates, nor other invisible format characters. Every
 * string that came from a server goes through it before it is printed. */
gchar *sharokey_printable      (const gchar *text);

/* TRUE when sharokey_printable() would leave @text as it is. */
gboolean sharokey_is_printable (const gchar *text);

/* @json (the output of json_to_string()) with those same characters, which
 * can only sit inside its strings, written as \uXXXX escapes: the same
 * JSON value, safe to print. */
gchar *sharokey_printable_json (const gchar *json);

G_END_DECLS
