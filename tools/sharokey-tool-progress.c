/* sharokey-tool-progress.c: an upload progress line on a terminal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "sharokey-tool.h"

struct _ToolProgress {
  SharokeySecretOptions *options;
  gulong handler;
  gboolean shown;
  guint last_percent;
};

static void
on_progress (SharokeySecretOptions *options,
             guint64                sent,
             guint64                total,
             ToolProgress          *progress)
{
  g_autofree gchar *sent_text = NULL;
  g_autofree gchar *total_text = NULL;
  guint percent;

  if (total == 0)
    return;
  percent = (guint) MIN (100, sent * 100 / total);
  if (progress->shown && percent == progress->last_percent && sent < total)
    return;

  sent_text = g_format_size (sent);
  total_text = g_format_size (total);
  /* \r and "erase to end of line" keep it on one line. */
  g_printerr ("\r%s\033[K", "");
  g_printerr (_("Uploading: %3u%% (%s of %s)"), percent, sent_text, total_text);
  progress->shown = TRUE;
  progress->last_percent = percent;
}

/* Shows progress only when standard error is a terminal: a log file
 * gains nothing from carriage returns. */
ToolProgress *
tool_progress_attach (SharokeySecretOptions *options)
{
  ToolProgress *progress;

  if (!isatty (STDERR_FILENO))
    return NULL;

  progress = g_new0 (ToolProgress, 1);
  progress->options = g_object_ref (options);
  progress->handler = g_signal_connect (options, "progress", G_CALLBACK (on_progress), progress);
  return progress;
}

void
tool_progress_finish (ToolProgress *progress)
{
  if (progress == NULL)
    return;
  if (progress->shown)
    g_printerr ("\n");
  g_signal_handler_disconnect (progress->options, progress->handler);
  g_object_unref (progress->options);
  g_free (progress);
}
