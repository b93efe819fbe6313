/* sharokey-tool-terminal.c: what the terminal can show: colour (NO_COLOR,
 * TERM=dumb) and cursor controls
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "sharokey-tool.h"

static gboolean
term_is_dumb (void)
{
  const gchar *term = g_getenv ("TERM");

  return term == NULL || *term == '\0' || g_str_equal (term, "dumb");
}

/* https://no-color.org: any non-empty value turns colour off. */
gboolean
tool_colour_wanted (void)
{
  const gchar *no_color = g_getenv ("NO_COLOR");

  if (no_color != NULL && *no_color != '\0')
    return FALSE;
  /* Unlike cursor controls, colour needs no TERM: a pipe keeps its emoji. */
  return g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;
}

gboolean
tool_terminal_controls (int fd)
{
  return isatty (fd) && !term_is_dumb ();
}

gboolean
tool_answer_is_yes (gchar *answer)
{
  const gchar *yes = C_("yes/no answer", "y");

  g_strstrip (answer);
  return answer[0] != '\0' &&
         (g_ascii_strncasecmp (answer, "y", 1) == 0 ||
          g_ascii_strncasecmp (answer, yes, strlen (yes)) == 0);
}

/* The emoji are drawn in colour; their text-style cousins are not. */
const gchar *
tool_check_mark (gboolean success)
{
  if (tool_colour_wanted ())
    return success ? "✅" : "❌";
  return success ? "✓" : "✗";
}
