/* git-credential-index.c: the links this helper created, as a JSON file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * `erase` and `revoke` need to know which links hold which credential; the
 * server cannot tell (it only sees ciphertext), so the helper keeps this
 * index. It holds identities and slugs only.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "git-credential-index.h"

#define LOCK_WAIT_MS 10000

struct _SharokeyGitIndex {
  gchar     *path;
  gint       lock_fd;
  GPtrArray *shares;
};

void
sharokey_git_share_free (SharokeyGitShare *share)
{
  if (share == NULL)
    return;
  g_free (share->slug);
  g_free (share->protocol);
  g_free (share->host);
  g_free (share->path);
  g_free (share->username);
  g_free (share);
}

gchar *
sharokey_git_index_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "sharokey",
                           "git-shares.json", NULL);
}

static gint64
parse_time (JsonObject  *obj,
            const gchar *member)
{
  const gchar *text = json_object_get_string_member_with_default (obj, member, NULL);
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return 0;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

static gchar *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format_iso8601 (dt);
}

static gchar *
dup_member (JsonObject  *obj,
            const gchar *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gboolean
load (SharokeyGitIndex  *index,
      GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;
  JsonArray *array;
  guint i;

  if (!json_parser_load_from_file (parser, index->path, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Could not read %s: %s"), index->path, local->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "shares") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "shares")))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("%s is not a share index"), index->path);
      return FALSE;
    }

  array = json_object_get_array_member (json_node_get_object (root), "shares");
  for (i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *obj;
      SharokeyGitShare *share;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      obj = json_node_get_object (node);
      share = g_new0 (SharokeyGitShare, 1);
      share->slug = dup_member (obj, "slug");
      share->protocol = dup_member (obj, "protocol");
      share->host = dup_member (obj, "host");
      share->path = dup_member (obj, "path");
      share->username = dup_member (obj, "username");
      share->created = parse_time (obj, "created");
      share->revoked = parse_time (obj, "revoked");
      if (share->slug == NULL || share->host == NULL)
        {
          sharokey_git_share_free (share);
          continue;
        }
      g_ptr_array_add (index->shares, share);
    }
  return TRUE;
}

/* flock() with a bounded wait, so two helpers never lose each other's
 * additions and a stuck one never blocks git forever. */
static gboolean
lock (SharokeyGitIndex  *index,
      GError           **error)
{
  g_autofree gchar *lock_path = g_strconcat (index->path, ".lock", NULL);
  gint waited = 0;

  index->lock_fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (index->lock_fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not open %s: %s"), lock_path, g_strerror (saved));
      return FALSE;
    }

  while (flock (index->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      if ((errno != EWOULDBLOCK && errno != EINTR) || waited >= LOCK_WAIT_MS)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       _("Could not lock %s"), lock_path);
          return FALSE;
        }
      g_usleep (50 * 1000);
      waited += 50;
    }
  return TRUE;
}

SharokeyGitIndex *
sharokey_git_index_open (const gchar  *path,
                         GError      **error)
{
  g_autoptr(SharokeyGitIndex) index = g_new0 (SharokeyGitIndex, 1);
  g_autofree gchar *dir = g_path_get_dirname (path);

  index->path = g_strdup (path);
  index->lock_fd = -1;
  index->shares = g_ptr_array_new_with_free_func ((GDestroyNotify) sharokey_git_share_free);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create %s: %s"), dir, g_strerror (saved));
      return NULL;
    }

  if (!lock (index, error) || !load (index, error))
    return NULL;

  return g_steal_pointer (&index);
}

GPtrArray *
sharokey_git_index_get_shares (SharokeyGitIndex *index)
{
  return index->shares;
}

void
sharokey_git_index_add (SharokeyGitIndex *index,
                        SharokeyGitShare *share)
{
  g_ptr_array_add (index->shares, share);
}

static void
add_string (JsonBuilder *builder,
            const gchar *member,
            const gchar *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

gboolean
sharokey_git_index_save (SharokeyGitIndex  *index,
                         GError           **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree gchar *text = NULL;
  gsize len;
  guint i;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "shares");
  json_builder_begin_array (builder);
  for (i = 0; i < index->shares->len; i++)
    {
      SharokeyGitShare *share = g_ptr_array_index (index->shares, i);
      g_autofree gchar *created = format_time (share->created);

      json_builder_begin_object (builder);
      add_string (builder, "slug", share->slug);
      add_string (builder, "protocol", share->protocol);
      add_string (builder, "host", share->host);
      add_string (builder, "path", share->path);
      add_string (builder, "username", share->username);
      add_string (builder, "created", created);
      if (share->revoked != 0)
        {
          g_autofree gchar *revoked = format_time (share->revoked);
          add_string (builder, "revoked", revoked);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &len);

  /* A temporary file created 0600 in the same directory, fsynced and
   * renamed: readers see the old index or the new one, never half. */
  if (!g_file_set_contents_full (index->path, text, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  /* An index made by an older or foreign writer gets the right mode too. */
  if (g_chmod (index->path, 0600) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not change the mode of %s: %s"), index->path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

void
sharokey_git_index_close (SharokeyGitIndex *index)
{
  if (index == NULL)
    return;
  if (index->lock_fd >= 0)
    close (index->lock_fd);   /* releases the flock */
  g_ptr_array_unref (index->shares);
  g_free (index->path);
  g_free (index);
}

gboolean
sharokey_git_share_matches (const SharokeyGitShare *share,
                            SharokeyGitMatch        how,
                            const gchar            *protocol,
                            const gchar            *host,
                            const gchar            *path,
                            const gchar            *username)
{
  gboolean exact = how == SHAROKEY_GIT_MATCH_CREDENTIAL;

  if (host == NULL || *host == '\0')
    return FALSE;
  if (g_strcmp0 (share->host, host) != 0)
    return FALSE;
  if ((exact || protocol != NULL) && g_strcmp0 (share->protocol, protocol) != 0)
    return FALSE;
  /* A share without a path holds the host's credential, the one git uses
   * for every path there (git drops http paths unless
   * credential.useHttpPath is set), so a person's URL with a path still
   * names it. */
  if (path != NULL && g_strcmp0 (share->path, path) != 0 &&
      (exact || share->path != NULL))
    return FALSE;
  if ((exact || username != NULL) && g_strcmp0 (share->username, username) != 0)
    return FALSE;
  return TRUE;
}
