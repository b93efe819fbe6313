/* git-credential-list.c: `list`
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sharokey.h>

#include "sharokey-exit-status.h"
#include "sharokey-printable.h"
#include "git-credential-commands.h"
#include "git-credential-index.h"
#include "git-credential-protocol.h"

/* Counters may come as numbers or as strings: Sharokey's SDKs accept both. */
static gchar *
member_text (JsonObject  *obj,
             const gchar *member)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return g_strdup ("-");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return g_strdup ("-");
    }
}

/* "2024-01-16T10:30Z": minutes are enough for people. */
static gchar *
short_time (gchar *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);
  gchar *text;

  if (dt == NULL)
    return iso;
  text = g_date_time_format (dt, "%Y-%m-%dT%H:%MZ");
  g_free (iso);
  return text;
}

/* An empty answer would look like a failure: say that nothing matched. */
static gint
print_no_link (SharokeyGitCredential *pattern)
{
  g_autofree gchar *identity = NULL;

  if (pattern == NULL)
    {
      g_print ("%s\n", _("No link shared from this machine yet"));
      return 0;
    }
  identity = sharokey_git_credential_identity (pattern->protocol, pattern->host,
                                               pattern->path, pattern->username);
  g_print (_("No link for %s\n"), identity);
  return 0;
}

gint
sharokey_git_command_list (gint    argc,
                           gchar **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeyGitCredential) pattern = NULL;
  g_autoptr(SharokeyGitIndex) index = NULL;
  g_autoptr(SharokeyClient) client = NULL;
  g_autofree gchar *index_path = sharokey_git_index_default_path ();
  /* Printed once every link has been looked up: a failure prints no
   * table, only its message, like sharokey's list. */
  g_autoptr(GString) table = g_string_new (NULL);
  GPtrArray *shares;
  guint i;

  /* TRANSLATORS: the command stays as it is; translate the argument name */
  context = g_option_context_new (N_("list [URL]"));
  g_option_context_set_summary (context, _("Lists the links shared for URL, or all of them."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sharokey_git_print_error ("%s", error->message);
      return 2;
    }
  if (argc > 2)
    {
      sharokey_git_print_error (_("Usage: git credential-sharokey list [URL]"));
      return 2;
    }
  if (argc == 2)
    {
      pattern = sharokey_git_parse_url_pattern (argv[1]);
      if (pattern == NULL)
        return 2;
    }

  if (!g_file_test (index_path, G_FILE_TEST_EXISTS))
    return print_no_link (pattern);
  index = sharokey_git_index_open (index_path, &error);
  if (index == NULL)
    {
      sharokey_git_print_error ("%s", error->message);
      return 1;
    }
  shares = sharokey_git_index_get_shares (index);

  for (i = 0; i < shares->len; i++)
    {
      SharokeyGitShare *share = g_ptr_array_index (shares, i);
      g_autoptr(SharokeySecret) secret = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree gchar *identity = NULL;
      g_autofree gchar *expiration = NULL;
      g_autofree gchar *current = NULL;
      g_autofree gchar *maximum = NULL;
      g_autofree gchar *status = NULL;
      JsonObject *data = NULL;

      if (pattern != NULL &&
          !sharokey_git_share_matches (share, SHAROKEY_GIT_MATCH_PATTERN, pattern->protocol, pattern->host,
                                       pattern->path, pattern->username))
        continue;

      if (client == NULL)
        {
          client = sharokey_git_client_new (&error);
          if (client == NULL)
            {
              sharokey_git_print_error ("%s", error->message);
              return sharokey_exit_status_for_error (error);
            }
          /* TRANSLATORS: column headings of `list`; keep them one word each */
          g_string_append_printf (table, "%-12s %-20s %-7s %-8s %s\n", _("SLUG"), _("EXPIRES"),
                                  _("VIEWS"), _("STATUS"), _("CREDENTIAL"));
        }

      secret = sharokey_client_get_sync (client, share->slug, NULL, &local);
      if (secret != NULL)
        data = json_node_get_object (sharokey_secret_get_json (secret));

      identity = sharokey_git_credential_identity (share->protocol, share->host,
                                                   share->path, share->username);
      expiration = short_time (member_text (data, "expiration"));
      current = member_text (data, "current_views");
      maximum = member_text (data, "maximum_views");
      if (data != NULL)
        status = member_text (data, "status");
      else if (g_error_matches (local, SHAROKEY_ERROR, SHAROKEY_ERROR_NOT_FOUND))
        status = g_strdup (_("gone"));
      else
        {
          /* A wrong token or an unreachable server would give every row
           * an unknown status: the table would only hide the failure. */
          sharokey_git_print_error ("%s: %s", share->slug, local->message);
          return sharokey_exit_status_for_error (local);
        }

      /* Every field but the identity comes from the server. */
      {
        g_autofree gchar *row = g_strdup_printf ("%-12s %-20s %3s/%-3s %-8s %s", share->slug,
                                                 expiration, current, maximum, status, identity);
        g_autofree gchar *shown = sharokey_printable (row);

        g_string_append_printf (table, "%s\n", shown);
      }
    }
  /* The heading comes with the first row. */
  if (client == NULL)
    return print_no_link (pattern);
  g_print ("%s", table->str);
  return 0;
}
