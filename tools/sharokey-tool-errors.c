/* sharokey-tool-errors.c: one-line error messages and exit statuses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sharokey-tool.h"

/* A failure below HTTP: the library keeps the transport's own domain. */
static gboolean
is_transport_error (const GError *error)
{
  return error->domain == G_TLS_ERROR || error->domain == G_RESOLVER_ERROR ||
         (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED);
}

int
tool_exit_code_for_error (const GError *error)
{
  return sharokey_exit_status_for_error (error);
}

/* Keeps an error on one line, whatever the server put in it, and keeps
 * its control characters away from the terminal. */
static gchar *
one_line (const gchar *message)
{
  return g_strchomp (tool_printable (message));
}

int
tool_fail (const GError *error)
{
  g_autofree gchar *line = one_line (error->message);

  /* The transport's message alone ("Connection refused") lacks context. */
  if (is_transport_error (error))
    {
      /* TRANSLATORS: %s is the system's reason, like "Connection refused" */
      g_autofree gchar *text = g_strdup_printf (_("Cannot reach the server: %s"), line);

      g_printerr ("sharokey: %s\n", text);
    }
  else
    g_printerr ("sharokey: %s\n", line);
  return tool_exit_code_for_error (error);
}

/* For a call that names no secret or request (create, list, stats…), a
 * "not found" can only mean that the API URL is wrong, often without
 * its /api/v1: say so, and count it as a protocol error, not exit 4. */
int
tool_fail_unaddressed (const GError *error)
{
  g_autofree gchar *line = NULL;

  if (!g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND))
    return tool_fail (error);
  line = one_line (error->message);
  /* TRANSLATORS: %s is the server's own message, like "Not found" */
  return tool_fail_message (TOOL_EXIT_NETWORK,
                            _("The server has no such API endpoint (%s): check the API URL "
                              "with “sharokey config --show”; it usually ends in /api/v1"),
                            line);
}

int
tool_fail_message (int          code,
                   const gchar *format,
                   ...)
{
  g_autofree gchar *message = NULL;
  g_autofree gchar *line = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  line = one_line (message);
  g_printerr ("sharokey: %s\n", line);
  return code;
}

void
tool_warn (const gchar *format,
           ...)
{
  g_autofree gchar *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("sharokey: %s %s\n", _("warning:"), message);
}
