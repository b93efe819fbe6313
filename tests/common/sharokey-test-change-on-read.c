/* sharokey-test-change-on-read.c: makes a file change under a reader
 *
 * Loaded with LD_PRELOAD into a program under test. The first read() of
 * the file named by SHAROKEY_TEST_CHANGE_FILE first changes that file on
 * disk, as another program could between the reader's fstat() and its
 * read(): SHAROKEY_TEST_CHANGE=grow appends one byte, =shrink cuts it to
 * half its size. Every other read() is passed through unchanged.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int changed;

static int
is_target (int fd, const char *path)
{
  char link[64], target[PATH_MAX];
  ssize_t len;

  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  len = readlink (link, target, sizeof target - 1);
  if (len < 0)
    return 0;
  target[len] = '\0';
  return strcmp (target, path) == 0;
}

static void
change (const char *path, const char *how)
{
  struct stat st;

  if (strcmp (how, "grow") == 0)
    {
      int fd = open (path, O_WRONLY | O_APPEND | O_CLOEXEC);

      if (fd >= 0)
        {
          (void) syscall (SYS_write, fd, "+", 1);
          close (fd);
        }
    }
  else if (strcmp (how, "shrink") == 0 && stat (path, &st) == 0)
    (void) truncate (path, st.st_size / 2);
}

ssize_t
read (int fd, void *buf, size_t count)
{
  const char *path = getenv ("SHAROKEY_TEST_CHANGE_FILE");
  const char *how = getenv ("SHAROKEY_TEST_CHANGE");

  if (path != NULL && how != NULL && !__atomic_load_n (&changed, __ATOMIC_ACQUIRE)
      && is_target (fd, path) && !__atomic_exchange_n (&changed, 1, __ATOMIC_ACQ_REL))
    change (path, how);
  return syscall (SYS_read, fd, buf, count);
}
