/* sharokey-suggest.h: "did you mean …?" for a mistyped command (not installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The candidate nearest to @word by Damerau–Levenshtein distance (optimal
 * string alignment, as git's help.autocorrect), or NULL when none is close
 * enough to be a typo of it. */
const gchar *sharokey_suggest (const gchar         *word,
                               const gchar * const *candidates);

G_END_DECLS
