/* sharokey-suggest.c: "did you mean …?" for a mistyped command
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-suggest.h"

/* Edits (insertion, deletion, substitution, swap of neighbours) from @a to
 * @b, byte-wise: command names are ASCII. */
static gsize
osa_distance (const gchar *a,
              const gchar *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree gsize *d = g_new0 (gsize, (la + 1) * (lb + 1));
#define D(i, j) d[(i) * (lb + 1) + (j)]

  for (gsize i = 0; i <= la; i++)
    D (i, 0) = i;
  for (gsize j = 0; j <= lb; j++)
    D (0, j) = j;
  for (gsize i = 1; i <= la; i++)
    for (gsize j = 1; j <= lb; j++)
      {
        gsize cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;
        gsize best = MIN (D (i - 1, j) + 1, D (i, j - 1) + 1);

        best = MIN (best, D (i - 1, j - 1) + cost);
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          best = MIN (best, D (i - 2, j - 2) + 1);
        D (i, j) = best;
      }
  return D (la, lb);
#undef D
}

const gchar *
sharokey_suggest (const gchar         *word,
                  const gchar * const *candidates)
{
  const gchar *best = NULL;
  gsize best_distance = G_MAXSIZE;
  gboolean tie = FALSE;
  /* One edit for short words, two for longer ones: beyond that the
   * "suggestion" is a guess, not a typo. */
  gsize limit;

  if (word == NULL || *word == '\0' || strlen (word) > 64)
    return NULL;
  limit = strlen (word) <= 4 ? 1 : 2;
  for (gsize i = 0; candidates[i] != NULL; i++)
    {
      gsize distance = osa_distance (word, candidates[i]);

      if (distance < best_distance)
        {
          best = candidates[i];
          best_distance = distance;
          tie = FALSE;
        }
      else if (distance == best_distance)
        tie = TRUE;
    }
  /* A prefix long enough to be meant ("creat", "revo") counts as near. */
  if (best_distance > limit && strlen (word) >= 3)
    for (gsize i = 0; candidates[i] != NULL; i++)
      if (g_str_has_prefix (candidates[i], word))
        return candidates[i];
  if (best == NULL || tie || best_distance == 0 || best_distance > limit)
    return NULL;
  return best;
}
