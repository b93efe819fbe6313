/* sharokey-request-key-store.c: the requester's private keys on disk
 *
 * Each request made by this user keeps its private key (the 32-byte P-256
 * scalar, raw) in $XDG_DATA_HOME/sharokey/requests/<token>.key until its
 * answer is read: the directory is 0700, the file 0600 and created with
 * O_EXCL (never written through a link an attacker left there). Reading
 * the answer overwrites the file with zeros before unlinking it.
 * docs/reference/security.md has the design.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "sharokey-private.h"

#define TOKEN_MAX_LENGTH 128

/* The token becomes a file name: letters, digits, "-" and "_" only. */
static gboolean
token_is_file_safe (const gchar *token)
{
  gsize len = token ? strlen (token) : 0;

  if (len == 0 || len > TOKEN_MAX_LENGTH)
    return FALSE;
  for (const gchar *p = token; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

gchar *
_sharokey_request_key_path (const gchar  *token,
                            GError      **error)
{
  if (!token_is_file_safe (token))
    {
      /* Not quoted: a pasted link would put its key in the message. */
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("That is not a request token (letters, digits, “-” and “_” only)"));
      return NULL;
    }
  return g_strdup_printf ("%s/sharokey/requests/%s.key", g_get_user_data_dir (), token);
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
_sharokey_request_key_save (SharokeyRequestKey  *key,
                            const gchar         *token,
                            GError             **error)
{
  g_autofree gchar *path = _sharokey_request_key_path (token, error);
  g_autofree gchar *dir = NULL;
  guint8 scalar[SHAROKEY_P256_SCALAR_LENGTH];
  gboolean ok;
  int fd, saved_errno;

  if (path == NULL)
    return FALSE;
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  /* The server gave this token again: GET /requests/TOKEN now names the
   * new request, which the old key cannot open. */
  if (fd < 0 && errno == EEXIST)
    {
      _sharokey_request_key_forget (token);
      fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    }
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  _sharokey_request_key_get_private (key, scalar);
  ok = write_all (fd, scalar, sizeof scalar) && fsync (fd) == 0;
  saved_errno = errno;
  _sharokey_wipe (scalar, sizeof scalar);
  close (fd);
  if (!ok)
    {
      g_unlink (path);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot write %s: %s"), path, g_strerror (saved_errno));
    }
  return ok;
}

SharokeyRequestKey *
_sharokey_request_key_load (const gchar  *token,
                            GError      **error)
{
  g_autofree gchar *path = _sharokey_request_key_path (token, error);
  guint8 scalar[SHAROKEY_P256_SCALAR_LENGTH + 1];
  SharokeyRequestKey *key;
  gssize n;
  int fd;

  if (path == NULL)
    return NULL;
  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0)
    {
      if (errno == ENOENT)
        g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED,
                     _("The key of request %s is not on this computer (%s): only the account "
                       "and computer that made the request can open its answer"), token, path);
      else
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                     _("Cannot read %s: %s"), path, g_strerror (errno));
      return NULL;
    }
  do
    n = read (fd, scalar, sizeof scalar);
  while (n < 0 && errno == EINTR);
  close (fd);
  if (n != SHAROKEY_P256_SCALAR_LENGTH)
    {
      _sharokey_wipe (scalar, sizeof scalar);
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_FAILED,
                   _("The key file %s is damaged"), path);
      return NULL;
    }
  key = _sharokey_request_key_new_from_private (scalar, SHAROKEY_P256_SCALAR_LENGTH, error);
  _sharokey_wipe (scalar, sizeof scalar);
  return key;
}

void
_sharokey_request_key_forget (const gchar *token)
{
  static const guint8 zeros[SHAROKEY_P256_SCALAR_LENGTH] = { 0 };
  g_autofree gchar *path = _sharokey_request_key_path (token, NULL);
  int fd;

  if (path == NULL)
    return;
  /* Overwritten first: an unlinked file's blocks stay readable on disk. */
  fd = g_open (path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      if (write_all (fd, zeros, sizeof zeros))
        fsync (fd);
      close (fd);
    }
  g_unlink (path);
}
