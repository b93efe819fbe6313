/* git-credential-index.h: the links this helper created
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One shared credential: where the link is and whose credential it holds.
 * Never the secret and never the link's key. */
typedef struct {
  gchar  *slug;
  gchar  *protocol;
  gchar  *host;
  gchar  *path;       /* nullable */
  gchar  *username;   /* nullable */
  gint64  created;    /* Unix seconds */
  gint64  revoked;    /* Unix seconds, 0 while outstanding */
} SharokeyGitShare;

typedef struct _SharokeyGitIndex SharokeyGitIndex;

void              sharokey_git_share_free         (SharokeyGitShare *share);

/* $XDG_STATE_HOME/sharokey/git-shares.json */
gchar            *sharokey_git_index_default_path (void);

/* Locks the index (waiting a bounded time for another instance) and loads
 * it; a missing file is an empty index. */
SharokeyGitIndex *sharokey_git_index_open         (const gchar       *path,
                                                   GError           **error);
GPtrArray        *sharokey_git_index_get_shares   (SharokeyGitIndex  *index);
void              sharokey_git_index_add          (SharokeyGitIndex  *index,
                                                   SharokeyGitShare  *share);
/* Writes a new file with mode 0600 and renames it over the old one. */
gboolean          sharokey_git_index_save         (SharokeyGitIndex  *index,
                                                   GError           **error);
void              sharokey_git_index_close        (SharokeyGitIndex  *index);

typedef enum {
  /* A URL given by a person: fields it names must be equal, except that a
   * share without a path (a credential for the whole host) matches any
   * path. */
  SHAROKEY_GIT_MATCH_PATTERN,
  /* A credential git rejected: protocol and username must be equal (absent
   * only matches absent), path too when git sends one. */
  SHAROKEY_GIT_MATCH_CREDENTIAL,
} SharokeyGitMatch;

/* Either way the host must be equal, and without a host nothing matches. */
gboolean          sharokey_git_share_matches      (const SharokeyGitShare *share,
                                                   SharokeyGitMatch        how,
                                                   const gchar            *protocol,
                                                   const gchar            *host,
                                                   const gchar            *path,
                                                   const gchar            *username);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SharokeyGitIndex, sharokey_git_index_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SharokeyGitShare, sharokey_git_share_free)

G_END_DECLS
