/* git-credential-protocol.h: git's credential description (key=value lines)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

/* One credential description as git sends it to a helper. Keys this helper
 * does not use are ignored; the password is wiped when freed. */
typedef struct {
  gchar     *protocol;
  gchar     *host;
  gchar     *path;
  gchar     *username;
  gchar     *password;
  GPtrArray *wwwauth;     /* wwwauth[]: ordered, an empty value resets */
  GPtrArray *capability;  /* capability[] */
  GPtrArray *state;       /* state[] */
  gboolean   quit;
} SharokeyGitCredential;

#define SHAROKEY_GIT_CREDENTIAL_ERROR (sharokey_git_credential_error_quark ())

typedef enum {
  SHAROKEY_GIT_CREDENTIAL_ERROR_NUL,        /* a line holds a NUL byte */
  SHAROKEY_GIT_CREDENTIAL_ERROR_NO_EQUALS,  /* a line has no '=' */
  SHAROKEY_GIT_CREDENTIAL_ERROR_BAD_URL,    /* url= could not be parsed */
  SHAROKEY_GIT_CREDENTIAL_ERROR_IO,
  SHAROKEY_GIT_CREDENTIAL_ERROR_CARRIAGE_RETURN, /* a value holds a CR */
} SharokeyGitCredentialError;

GQuark                 sharokey_git_credential_error_quark (void);

SharokeyGitCredential *sharokey_git_credential_new   (void);
void                   sharokey_git_credential_free  (SharokeyGitCredential *cred);

/* Reads one description from @stream up to a blank line or EOF, then keeps
 * reading to EOF so the writer never blocks. On a malformed line the error
 * names the line number only, never its content. */
gboolean sharokey_git_credential_read       (SharokeyGitCredential *cred,
                                             FILE                  *stream,
                                             GError               **error);
gboolean sharokey_git_credential_read_bytes (SharokeyGitCredential *cred,
                                             const gchar           *data,
                                             gsize                  len,
                                             GError               **error);

/* Sets protocol, host, path and username from @url as git does for url=. */
gboolean sharokey_git_credential_set_url    (SharokeyGitCredential *cred,
                                             const gchar           *url,
                                             GError               **error);

/* "protocol=…\nhost=…\n[path=…\n][username=…\n][password=…\n]" */
gchar   *sharokey_git_credential_to_lines   (const SharokeyGitCredential *cred,
                                             gboolean                     with_password);

/* "protocol://[username@]host[/path]", for people; never the password. */
gchar   *sharokey_git_credential_identity   (const gchar *protocol,
                                             const gchar *host,
                                             const gchar *path,
                                             const gchar *username);

/* Drains @stream to EOF, wiping what it read. */
void     sharokey_git_credential_drain      (FILE *stream);

/* Overwrites and frees a string that may hold a secret. */
void     sharokey_git_credential_wipe_free  (gchar *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SharokeyGitCredential, sharokey_git_credential_free)

G_END_DECLS
