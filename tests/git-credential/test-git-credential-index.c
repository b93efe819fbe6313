/* test-git-credential-index.c: the share index file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <sys/stat.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "git-credential-index.h"

typedef struct {
  gchar *dir;
  gchar *path;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("gitcred-index-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "state", "sharokey", "git-shares.json", NULL);
}

static void
remove_tree (const gchar *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const gchar *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree gchar *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static SharokeyGitShare *
new_share (const gchar *slug, const gchar *protocol, const gchar *host,
           const gchar *path, const gchar *username)
{
  SharokeyGitShare *share = g_new0 (SharokeyGitShare, 1);

  share->slug = g_strdup (slug);
  share->protocol = g_strdup (protocol);
  share->host = g_strdup (host);
  share->path = g_strdup (path);
  share->username = g_strdup (username);
  share->created = 1700000000;
  return share;
}

static void
test_roundtrip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  {
    g_autoptr(SharokeyGitIndex) index = sharokey_git_index_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sharokey_git_index_get_shares (index)->len, ==, 0);
    sharokey_git_index_add (index, new_share ("AAA", "https", "h", "p.git", "bob"));
    sharokey_git_index_add (index, new_share ("BBB", "https", "other", NULL, NULL));
    g_assert_true (sharokey_git_index_save (index, &error));
    g_assert_no_error (error);
  }

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree gchar *dir = g_path_get_dirname (f->path);
    g_assert_cmpint (g_stat (dir, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0077, ==, 0);
  }

  {
    g_autoptr(SharokeyGitIndex) index = sharokey_git_index_open (f->path, &error);
    GPtrArray *shares;
    SharokeyGitShare *a, *b;

    g_assert_no_error (error);
    shares = sharokey_git_index_get_shares (index);
    g_assert_cmpuint (shares->len, ==, 2);
    a = g_ptr_array_index (shares, 0);
    b = g_ptr_array_index (shares, 1);
    g_assert_cmpstr (a->slug, ==, "AAA");
    g_assert_cmpstr (a->path, ==, "p.git");
    g_assert_cmpstr (a->username, ==, "bob");
    g_assert_cmpint (a->created, ==, 1700000000);
    g_assert_cmpint (a->revoked, ==, 0);
    g_assert_cmpstr (b->host, ==, "other");
    g_assert_null (b->path);
    g_assert_null (b->username);

    a->revoked = 1700000100;
    g_assert_true (sharokey_git_index_save (index, &error));
  }

  {
    g_autoptr(SharokeyGitIndex) index = sharokey_git_index_open (f->path, &error);
    SharokeyGitShare *a = g_ptr_array_index (sharokey_git_index_get_shares (index), 0);
    g_assert_cmpint (a->revoked, ==, 1700000100);
  }
}

/* An index left readable by others is made private by the next write. */
static void
test_mode_repaired (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *dir = g_path_get_dirname (f->path);
  GStatBuf st;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents_full (f->path, "{\"version\":1,\"shares\":[]}", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0644, &error));
  {
    g_autoptr(SharokeyGitIndex) index = sharokey_git_index_open (f->path, &error);
    g_assert_no_error (error);
    sharokey_git_index_add (index, new_share ("CCC", "https", "h", NULL, NULL));
    g_assert_true (sharokey_git_index_save (index, &error));
  }
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_corrupt_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *dir = g_path_get_dirname (f->path);
  g_autofree gchar *after = NULL;
  SharokeyGitIndex *index;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (f->path, "[1, 2", -1, &error));
  index = sharokey_git_index_open (f->path, &error);
  g_assert_null (index);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  /* Left as it was, for a person to look at. */
  g_assert_true (g_file_get_contents (f->path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "[1, 2");
}

static void
test_matches (void)
{
  g_autoptr(SharokeyGitShare) s = new_share ("S", "https", "h:8080", "team/app.git", "bob");
  g_autoptr(SharokeyGitShare) nopath = new_share ("T", "https", "h:8080", NULL, "bob");
  g_autoptr(SharokeyGitShare) nouser = new_share ("U", "https", "h:8080", NULL, NULL);

  const SharokeyGitMatch P = SHAROKEY_GIT_MATCH_PATTERN;
  const SharokeyGitMatch C = SHAROKEY_GIT_MATCH_CREDENTIAL;

  /* A person's URL: what it names must be equal, the rest is free. */
  g_assert_true (sharokey_git_share_matches (s, P, "https", "h:8080", "team/app.git", "bob"));
  g_assert_true (sharokey_git_share_matches (s, P, "https", "h:8080", NULL, "bob"));
  g_assert_true (sharokey_git_share_matches (s, P, "https", "h:8080", NULL, NULL));
  g_assert_true (sharokey_git_share_matches (s, P, NULL, "h:8080", NULL, NULL));
  g_assert_false (sharokey_git_share_matches (s, P, "http", "h:8080", NULL, NULL));
  g_assert_false (sharokey_git_share_matches (s, P, "https", "h", NULL, NULL));
  g_assert_false (sharokey_git_share_matches (s, P, "https", "h:8080", "other.git", NULL));
  g_assert_false (sharokey_git_share_matches (s, P, "https", "h:8080", NULL, "alice"));
  /* The host-wide credential git fills for https://h:8080/team/app.git. */
  g_assert_true (sharokey_git_share_matches (nopath, P, "https", "h:8080", "team/app.git", "bob"));
  g_assert_true (sharokey_git_share_matches (nopath, P, "https", "h:8080", "team/app.git", NULL));
  g_assert_false (sharokey_git_share_matches (nopath, P, "https", "h:8080", "team/app.git", "alice"));

  /* A rejected credential: same protocol and username, path if sent. */
  g_assert_true (sharokey_git_share_matches (s, C, "https", "h:8080", "team/app.git", "bob"));
  g_assert_true (sharokey_git_share_matches (s, C, "https", "h:8080", NULL, "bob"));
  g_assert_false (sharokey_git_share_matches (s, C, "https", "h:8080", NULL, NULL));
  g_assert_false (sharokey_git_share_matches (s, C, NULL, "h:8080", NULL, "bob"));
  g_assert_false (sharokey_git_share_matches (s, C, "https", "h:8080", NULL, "alice"));
  g_assert_false (sharokey_git_share_matches (s, C, "https", "h:8080", "other.git", "bob"));
  g_assert_false (sharokey_git_share_matches (nopath, C, "https", "h:8080", "team/app.git", "bob"));
  g_assert_true (sharokey_git_share_matches (nouser, C, "https", "h:8080", NULL, NULL));
  g_assert_false (sharokey_git_share_matches (nouser, C, "https", "h:8080", NULL, "bob"));

  /* Without a host, nothing: never "everything". */
  for (guint i = 0; i < 2; i++)
    {
      SharokeyGitMatch how = i == 0 ? P : C;

      g_assert_false (sharokey_git_share_matches (s, how, "https", NULL, NULL, "bob"));
      g_assert_false (sharokey_git_share_matches (s, how, "https", "", NULL, "bob"));
      g_assert_false (sharokey_git_share_matches (s, how, NULL, NULL, NULL, NULL));
      g_assert_false (sharokey_git_share_matches (nouser, how, "https", NULL, NULL, NULL));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/git-credential/index/roundtrip", Fixture, NULL, setup, test_roundtrip, teardown);
  g_test_add ("/git-credential/index/mode-repaired", Fixture, NULL, setup, test_mode_repaired, teardown);
  g_test_add ("/git-credential/index/corrupt-refused", Fixture, NULL, setup, test_corrupt_refused, teardown);
  g_test_add_func ("/git-credential/index/matches", test_matches);

  return g_test_run ();
}
