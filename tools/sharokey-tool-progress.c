/* sharokey-tool-progress.c: an upload progress line on a terminal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sharokey-tool.h"

struct _ToolProgress {
  gboolean shown;
  guint last_percent;
  guint64 file_bytes;     /* what the user attached, before base64 */
  gboolean controls;      /* the terminal knows "erase to end of line" */
  glong last_width;
};

static guint64
attached_bytes (SharokeySecretOptions *options)
{
  const gchar * const *paths = sharokey_secret_options_get_attachments (options);
  guint64 total = 0;

  for (gsize i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      GStatBuf st;

      if (g_stat (paths[i], &st) == 0)
        total += (guint64) st.st_size;
    }
  return total;
}

void
tool_progress_update (goffset  sent,
                      goffset  total,
                      gpointer user_data)
{
  ToolProgress *progress = user_data;
  g_autofree gchar *sent_text = NULL;
  g_autofree gchar *total_text = NULL;
  g_autofree gchar *line = NULL;
  guint64 file_total, file_sent;
  glong width;
  guint percent;

  if (total <= 0)
    return;
  percent = (guint) MIN (100, sent * 100 / total);
  if (progress->shown && percent == progress->last_percent && sent < total)
    return;

  /* The body is base64 and JSON, a third larger than the files: show
   * the files' own sizes, which is what the user knows. */
  file_total = progress->file_bytes > 0 ? progress->file_bytes : (guint64) total;
  file_sent = (guint64) ((double) sent / (double) total * (double) file_total);
  sent_text = g_format_size (MIN (file_sent, file_total));
  total_text = g_format_size (file_total);
  line = g_strdup_printf (_("Uploading: %3u%% (%s of %s)"), percent, sent_text, total_text);
  width = tool_display_width (line);
  /* \r and "erase to end of line" keep it on one line; a terminal without
   * cursor controls (TERM=dumb) gets spaces over the previous line. */
  if (progress->controls)
    g_printerr ("\r%s\033[K", line);
  else
    g_printerr ("\r%s%*s", line, (int) MAX (0, progress->last_width - width), "");
  progress->last_width = width;
  progress->shown = TRUE;
  progress->last_percent = percent;
}

/* Shows progress only when standard error is a terminal: a log file
 * gains nothing from carriage returns. */
ToolProgress *
tool_progress_new (SharokeySecretOptions *options)
{
  ToolProgress *progress;

  if (!isatty (STDERR_FILENO))
    return NULL;

  progress = g_new0 (ToolProgress, 1);
  progress->file_bytes = attached_bytes (options);
  progress->controls = tool_terminal_controls (STDERR_FILENO);
  return progress;
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
