/* sharokey-tool-progress.c: an upload progress line on a terminal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "sharokey-tool.h"

struct _ToolProgress {
  gboolean shown;
  guint last_percent;
};

void
tool_progress_update (goffset  sent,
                      goffset  total,
                      gpointer user_data)
{
  ToolProgress *progress = user_data;
  g_autofree gchar *sent_text = NULL;
  g_autofree gchar *total_text = NULL;
  guint percent;

  if (total <= 0)
    return;
  percent = (guint) MIN (100, sent * 100 / total);
  if (progress->shown && percent == progress->last_percent && sent < total)
    return;

  sent_text = g_format_size ((guint64) sent);
  total_text = g_format_size ((guint64) total);
  /* \r and "erase to end of line" keep it on one line. */
  g_printerr ("\r%s\033[K", "");
  g_printerr (_("Uploading: %3u%% (%s of %s)"), percent, sent_text, total_text);
  progress->shown = TRUE;
  progress->last_percent = percent;
}

/* Shows progress only when standard error is a terminal: a log file
 * gains nothing from carriage returns. */
ToolProgress *
tool_progress_new (void)
{
  if (!isatty (STDERR_FILENO))
    return NULL;
  return g_new0 (ToolProgress, 1);
}

void
tool_progress_finish (ToolProgress *progress)
{
  if (progress == NULL)
    return;
  if (progress->shown)
    g_printerr ("\n");
  g_free (progress);
}
