/* server-list.c: GET /secrets and GET /requests, and what their statistics share
 *
 * Both lists take the same query (limit, page, status, creator, search),
 * show only the caller's company, most recent first, and answer in the
 * shape chosen with --list-shape.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"
#include "server.h"

#define DEFAULT_LIMIT 50
#define MAX_LIMIT 1000
#define DAY_USEC ((gint64) 24 * 3600 * G_USEC_PER_SEC)

typedef struct {
  gint64       limit;
  gint64       page;
  const gchar *status;   /* NULL: any */
  const gchar *creator;  /* NULL: anyone of the company */
  gchar       *pattern;  /* LIKE pattern of search, or NULL */
} ListQuery;

static void
list_query_clear (ListQuery *q)
{
  g_free (q->pattern);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListQuery, list_query_clear)

/* search is matched as a substring: LIKE wildcards in it are escaped. */
static gchar *
like_pattern (const gchar *text)
{
  GString *out = g_string_new ("%");

  for (const gchar *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

static const gchar *
query_value (GHashTable  *query,
             const gchar *name)
{
  const gchar *value = query ? g_hash_table_lookup (query, name) : NULL;

  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* Parses the query; replies 422 and returns FALSE on bad values. */
static gboolean
list_query_parse (SoupServerMessage *msg,
                  GHashTable        *query,
                  ListQuery         *q)
{
  JsonObject *details = json_object_new ();
  const gchar *first = NULL;
  const gchar *value;

  q->limit = DEFAULT_LIMIT;
  q->page = 1;
  if ((value = query_value (query, "limit")) != NULL &&
      !g_ascii_string_to_signed (value, 10, 1, MAX_LIMIT, &q->limit, NULL))
    server_add_detail (details, "limit", _("The limit must be between 1 and 1000"), &first);
  if ((value = query_value (query, "page")) != NULL &&
      !g_ascii_string_to_signed (value, 10, 1, G_MAXINT32, &q->page, NULL))
    server_add_detail (details, "page", _("The page must be a positive integer"), &first);
  if ((value = query_value (query, "status")) != NULL)
    {
      if (g_str_equal (value, "active") || g_str_equal (value, "expired"))
        q->status = value;
      else
        server_add_detail (details, "status", _("The status must be active or expired"), &first);
    }
  q->creator = query_value (query, "creator");
  if ((value = query_value (query, "search")) != NULL)
    q->pattern = like_pattern (value);
  if (first != NULL)
    {
      server_reply_validation (msg, details, first);
      return FALSE;
    }
  json_object_unref (details);
  return TRUE;
}

static void
reply_list (Server            *server,
            SoupServerMessage *msg,
            const gchar       *message,
            JsonArray         *items,
            const ListQuery   *q,
            gint64             total)
{
  JsonObject *pagination = json_object_new ();
  JsonObject *root = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (pagination, "current_page", q->page);
  json_object_set_int_member (pagination, "per_page", q->limit);
  json_object_set_int_member (pagination, "total", total);
  json_object_set_int_member (pagination, "last_page", MAX (1, (total + q->limit - 1) / q->limit));

  json_object_set_boolean_member (root, "success", TRUE);
  json_object_set_string_member (root, "message", message);
  if (server->list_docs)
    {
      json_object_set_array_member (root, "data", items);
      json_object_set_object_member (root, "pagination", pagination);
    }
  else
    {
      JsonObject *data = json_object_new ();
      json_object_set_array_member (data, "items", items);
      json_object_set_object_member (data, "pagination", pagination);
      json_object_set_object_member (root, "data", data);
    }
  json_object_set_member (root, "meta", server_meta ());
  json_node_take_object (node, root);
  server_reply_json (msg, SOUP_STATUS_OK, node);
}

static void
bind_list_query (sqlite3_stmt    *stmt,
                 ServerAccount   *account,
                 const ListQuery *q)
{
  sqlite3_bind_text (stmt, 1, account->company, -1, SQLITE_TRANSIENT);
  if (q->status != NULL)
    sqlite3_bind_text (stmt, 2, q->status, -1, SQLITE_TRANSIENT);
  if (q->creator != NULL)
    sqlite3_bind_text (stmt, 3, q->creator, -1, SQLITE_TRANSIENT);
  if (q->pattern != NULL)
    sqlite3_bind_text (stmt, 4, q->pattern, -1, SQLITE_TRANSIENT);
}

void
server_list (Server               *server,
             SoupServerMessage    *msg,
             ServerAccount        *account,
             GHashTable           *query,
             const ServerListKind *kind)
{
  g_auto(ListQuery) q = { 0 };
  g_autofree gchar *where = NULL, *count_sql = NULL, *page_sql = NULL;
  JsonArray *items;
  gint64 total = 0;
  sqlite3_stmt *stmt;

  if (!list_query_parse (msg, query, &q))
    return;

  /* Unset parameters stay NULL and disable their condition. */
  where = g_strdup_printf ("company = ?1 AND (?2 IS NULL OR status = ?2)"
                           " AND (?3 IS NULL OR creator = ?3) AND (?4 IS NULL OR %s)",
                           kind->search_condition);
  count_sql = g_strdup_printf ("SELECT COUNT(*) FROM %s WHERE %s", kind->table, where);
  page_sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s ORDER BY created_at DESC, id DESC"
                              " LIMIT ?5 OFFSET ?6", kind->columns, kind->table, where);

  stmt = server_db_prepare (server, count_sql);
  bind_list_query (stmt, account, &q);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    total = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  stmt = server_db_prepare (server, page_sql);
  bind_list_query (stmt, account, &q);
  sqlite3_bind_int64 (stmt, 5, q.limit);
  sqlite3_bind_int64 (stmt, 6, (q.page - 1) * q.limit);
  items = json_array_new ();
  while (sqlite3_step (stmt) == SQLITE_ROW)
    json_array_add_element (items, kind->row_to_json (server, stmt));
  sqlite3_finalize (stmt);

  reply_list (server, msg, _(kind->message), items, &q, total);
}

/* {PREFIX}_created_today, _this_week and _this_month: the last 1, 7 and 30
 * days, as Sharokey's statistics count them. */
void
server_stats_add_created (Server      *server,
                          JsonObject  *data,
                          const gchar *table,
                          const gchar *company)
{
  static const struct { const gchar *suffix; gint64 days; } windows[] = {
    { "today", 1 }, { "this_week", 7 }, { "this_month", 30 },
  };
  gint64 now = server_now (server);

  for (gsize i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      g_autofree gchar *name = g_strdup_printf ("%s_created_%s", table, windows[i].suffix);

      json_object_set_int_member (data, name,
                                  server_db_count (server, "COUNT(*)", table, company, "created_at > ?2",
                                                   now - windows[i].days * DAY_USEC));
    }
}
