/* sharokey-tool-input.c: reading a secret from standard input
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "sharokey-tool.h"

/* Far above any valid secret (255 characters), so that an over-long
 * input still gets the validator's message, yet memory stays bounded. */
#define SECRET_INPUT_MAX (64 * 1024)

/* Reads at most SECRET_INPUT_MAX + 1 bytes into a buffer that is wiped when it
 * grows. A terminal reads one line without echo. */
static guint8 *
read_all (gboolean  one_line,
          gsize    *out_len,
          gsize    *out_size,
          GError  **error)
{
  gsize size = 256, len = 0;
  guint8 *buf = g_malloc (size);

  for (;;)
    {
      ssize_t got;

      if (len == size)
        {
          guint8 *bigger;

          if (size > SECRET_INPUT_MAX)
            break;
          bigger = g_malloc (size * 2);
          memcpy (bigger, buf, len);
          explicit_bzero (buf, size);
          g_free (buf);
          buf = bigger;
          size *= 2;
        }
      got = read (STDIN_FILENO, buf + len, one_line ? 1 : size - len);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved_errno = errno;
          explicit_bzero (buf, size);
          g_free (buf);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot read standard input: %s"), g_strerror (saved_errno));
          return NULL;
        }
      if (got == 0)
        break;
      len += (gsize) got;
      if (one_line && buf[len - 1] == '\n')
        break;
    }

  *out_len = len;
  *out_size = size;
  return buf;
}

gchar *
tool_read_secret_stdin (const gchar  *prompt,
                        GError      **error)
{
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  gboolean restore = FALSE;
  guint8 *buf;
  gchar *secret;
  gsize len = 0, size = 0;

  if (tty && tcgetattr (STDIN_FILENO, &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      restore = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
      g_printerr ("%s", prompt);
    }

  buf = read_all (tty, &len, &size, error);

  if (restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  if (buf == NULL)
    return NULL;

  /* One trailing newline is the shell's, not the secret's. */
  if (len > 0 && buf[len - 1] == '\n')
    len--;

  if (memchr (buf, '\0', len) != NULL)
    {
      explicit_bzero (buf, size);
      g_free (buf);
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("Content must be valid UTF-8"));
      return NULL;
    }

  secret = g_malloc (len + 1);
  memcpy (secret, buf, len);
  secret[len] = '\0';
  explicit_bzero (buf, size);
  g_free (buf);
  return secret;
}
