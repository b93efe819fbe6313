/* fuzz-credential.c: git's credential protocol as the helper reads it from
 * git (key=value lines, url=, NUL bytes, long lines), and back to lines.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "git-credential-protocol.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SharokeyGitCredential) cred = sharokey_git_credential_new ();
  g_autoptr(SharokeyGitCredential) from_url = sharokey_git_credential_new ();
  g_autofree gchar *text = fuzz_string (data, size);
  g_autoptr(GError) error = NULL;

  if (sharokey_git_credential_read_bytes (cred, (const gchar *) data, size, &error))
    {
      g_autofree gchar *lines = sharokey_git_credential_to_lines (cred, TRUE);
      g_autoptr(SharokeyGitCredential) again = sharokey_git_credential_new ();
      g_autofree gchar *identity = sharokey_git_credential_identity (cred->protocol, cred->host,
                                                                     cred->path, cred->username);

      /* What it writes, it reads back. */
      g_assert (sharokey_git_credential_read_bytes (again, lines, strlen (lines), NULL));
      g_assert_cmpstr (again->password, ==, cred->password);
    }
  else
    g_assert (error != NULL);
  g_clear_error (&error);
  (void) sharokey_git_credential_set_url (from_url, text, &error);
  return 0;
}
