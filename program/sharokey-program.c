/* sharokey-program.c: start-up shared by sharokey, sharokey-server and
 * git-credential-sharokey
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "sharokey-program.h"

/* A closed standard descriptor would be taken by the next file or socket
 * opened, and a link written there (to the server, say). Hold each with
 * /dev/null, read-only for standard output so that printing a link fails
 * loudly instead of vanishing. */
static void
hold_standard_fds (void)
{
  for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++)
    if (fcntl (fd, F_GETFD) < 0 && errno == EBADF)
      {
        int null_fd = open ("/dev/null", fd == STDOUT_FILENO ? O_RDONLY : O_RDWR);

        if (null_fd >= 0 && null_fd != fd)
          {
            dup2 (null_fd, fd);
            close (null_fd);
          }
      }
}

/* In the C locale GOption would refuse any non-ASCII argument ("Invalid
 * byte sequence"), as in a bare container or a cron job. Take arguments
 * and output as UTF-8 there instead, as Python does (PEP 538). */
static void
coerce_c_locale (void)
{
  const char *ctype = setlocale (LC_CTYPE, NULL);

  if (ctype != NULL && (strcmp (ctype, "C") == 0 || strcmp (ctype, "POSIX") == 0))
    setlocale (LC_CTYPE, "C.UTF-8");
}

/* The programs hold plaintexts, keys, tokens and passwords in memory: no
 * core file may keep them, and no process of another user (nor a non-root
 * one of the same user) may attach to read them, as ssh-agent and
 * gpg-agent do. Not dumpable also makes /proc/PID/mem and environ
 * unreadable to other processes of the user. */
static void
keep_memory_private (void)
{
  const struct rlimit no_core = { 0, 0 };

  setrlimit (RLIMIT_CORE, &no_core);
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
}

const gchar *
sharokey_program_localedir (void)
{
  /* SHAROKEY_LOCALEDIR: a catalogue that is not installed (the test suite). */
  const gchar *localedir = g_getenv ("SHAROKEY_LOCALEDIR");

  return localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR;
}

void
sharokey_program_init (const gchar *prgname)
{
  keep_memory_private ();
  hold_standard_fds ();
  setlocale (LC_ALL, "");
  coerce_c_locale ();
  bindtextdomain (GETTEXT_PACKAGE, sharokey_program_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (prgname);
}
