/* sharokey-secret-input.h: secrets read from a file descriptor, never
 * from the command line (not installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sharokey.h>

G_BEGIN_DECLS

/* Reads a secret from @fd to its end, or one line without echo after
 * @prompt when @fd is a terminal; drops one trailing newline. A closed
 * descriptor or a NUL byte is a SHAROKEY_ERROR_VALIDATION error. */
gchar    *sharokey_read_secret_fd    (int           fd,
                                      const gchar  *prompt,
                                      GError      **error);

/* The FD of `--password-fd FD`; SHAROKEY_ERROR_VALIDATION when it is not
 * a descriptor number. */
gboolean  sharokey_parse_password_fd (const gchar  *text,
                                      int          *out_fd,
                                      GError      **error);
/* A password from @fd (see sharokey_read_secret_fd()); an empty one is a
 * SHAROKEY_ERROR_VALIDATION error. Free it with sharokey_wipe_free(). */
gchar    *sharokey_read_password_fd  (int           fd,
                                      GError      **error);

G_END_DECLS
