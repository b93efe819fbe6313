/* sharokey-secret-input.c: reading a secret from standard input or another
 * file descriptor, so that it never has to be a command-line argument;
 * shared by sharokey and git-credential-sharokey
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "sharokey-secret-input.h"

/* Far above any valid secret (255 characters), so that an over-long
 * input still gets the validator's message, yet memory stays bounded. */
#define SECRET_INPUT_MAX (64 * 1024)

/* Reads at most SECRET_INPUT_MAX + 1 bytes into a buffer that is wiped when it
 * grows. A terminal reads one line without echo. */
static guint8 *
read_all (int       fd,
          gboolean  one_line,
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
      got = read (fd, buf + len, one_line ? 1 : size - len);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved_errno = errno;
          /* A descriptor that is not open is the caller's mistake (exit 2). */
          /* Any other failure is local (G_FILE_ERROR), never taken for the
           * network, as G_IO_ERROR would be. */
          GQuark domain = saved_errno == EBADF ? SHAROKEY_ERROR : G_FILE_ERROR;
          gint code = saved_errno == EBADF ? (gint) SHAROKEY_ERROR_VALIDATION
                                           : (gint) g_file_error_from_errno (saved_errno);

          explicit_bzero (buf, size);
          g_free (buf);

          if (fd == STDIN_FILENO)
            g_set_error (error, domain, code, _("Cannot read standard input: %s"),
                         g_strerror (saved_errno));
          else
            g_set_error (error, domain, code, _("Cannot read file descriptor %d: %s"),
                         fd, g_strerror (saved_errno));
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

/* The terminal to give its echo back if a signal ends the program while
 * it waits at a hidden prompt: a shell without line editing (dash, a
 * script) would otherwise be left without echo. */
static int echo_fd = -1;
static struct termios echo_saved;
static const int echo_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static struct sigaction echo_previous[G_N_ELEMENTS (echo_signals)];

static void
restore_echo_and_reraise (int signum)
{
  /* Only async-signal-safe calls here. */
  tcsetattr (echo_fd, TCSAFLUSH, &echo_saved);
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
guard_echo (int                   fd,
            const struct termios *saved)
{
  struct sigaction action = { 0 };

  echo_fd = fd;
  echo_saved = *saved;
  action.sa_handler = restore_echo_and_reraise;
  sigemptyset (&action.sa_mask);
  for (gsize i = 0; i < G_N_ELEMENTS (echo_signals); i++)
    sigaction (echo_signals[i], &action, &echo_previous[i]);
}

static void
unguard_echo (void)
{
  if (echo_fd < 0)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (echo_signals); i++)
    sigaction (echo_signals[i], &echo_previous[i], NULL);
  echo_fd = -1;
}

gchar *
sharokey_read_secret_fd (int           fd,
                         const gchar  *prompt,
                         GError      **error)
{
  gboolean tty = isatty (fd);
  struct termios saved, quiet;
  gboolean restore = FALSE;
  guint8 *buf;
  gchar *secret;
  gsize len = 0, size = 0;

  if (tty && tcgetattr (fd, &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      guard_echo (fd, &saved);
      restore = tcsetattr (fd, TCSAFLUSH, &quiet) == 0;
      g_printerr ("%s", prompt);
    }

  buf = read_all (fd, tty, &len, &size, error);

  if (restore)
    {
      tcsetattr (fd, TCSAFLUSH, &saved);
      /* Ended by Ctrl-D rather than Enter: end the prompt's line, so that
       * what follows does not run on after it. */
      if (buf != NULL && (len == 0 || buf[len - 1] != '\n'))
        g_printerr ("\n");
    }
  unguard_echo ();
  if (buf == NULL)
    return NULL;

  /* One trailing newline is the shell's (or a Windows editor's CR LF),
   * not the secret's. */
  if (len > 0 && buf[len - 1] == '\n')
    {
      len--;
      if (len > 0 && buf[len - 1] == '\r')
        len--;
    }

  if (memchr (buf, '\0', len) != NULL)
    {
      explicit_bzero (buf, size);
      g_free (buf);
      /* The string would silently end at the NUL. */
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("The text read contains a NUL byte"));
      return NULL;
    }

  secret = g_malloc (len + 1);
  memcpy (secret, buf, len);
  secret[len] = '\0';
  explicit_bzero (buf, size);
  g_free (buf);
  return secret;
}

gboolean
sharokey_parse_password_fd (const gchar  *text,
                            int          *out_fd,
                            GError      **error)
{
  guint64 fd = 0;

  /* Not quoted back: it may be the password, given by mistake. */
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT, &fd, NULL))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("--password-fd needs a file descriptor number"));
      return FALSE;
    }
  *out_fd = (int) fd;
  return TRUE;
}

gchar *
sharokey_read_password_fd (int      fd,
                           GError **error)
{
  gchar *password = sharokey_read_secret_fd (fd, _("Password: "), error);

  /* `3< <(pass show gates/x | head -n 1)` gives nothing when the entry
   * is missing: that must not make an unprotected link. */
  if (password != NULL && password[0] == '\0')
    {
      g_free (password);
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                   _("The password read from file descriptor %d is empty"), fd);
      return NULL;
    }
  return password;
}
