/* sharokey-page.c: SharokeyPage, one page of a list of secrets or requests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-private.h"

/**
 * SharokeyPage:
 *
 * One page of a list: the items the server sent, as a [iface@Gio.ListModel]
 * of [class@Secret] (from [method@Client.list_finish]) or of
 * [class@SecretRequest] (from [method@Client.list_requests_finish]), and
 * the figures of the answer's pagination block.
 *
 * A page is the list model itself, so it binds straight to a
 * `GtkListView`, `GtkDropDown` or any other consumer of a
 * [iface@Gio.ListModel], while [property@Page:total] and
 * [property@Page:last-page] tell whether more pages exist. One object
 * rather than a model plus an out-parameter reads the same in C, Python
 * (`page = client.list_finish (result)`, then iterate it), JavaScript and
 * Vala. A page never changes once returned.
 *
 * The server may answer in any of the known list shapes (`data` as an
 * array or `data.items`/`data.requests`, the pagination block beside
 * `data`, inside it, or in `meta`); the page reads them all. When the
 * server sends no pagination block, the page is all there is:
 * [property@Page:total] is the number of items.
 */

struct _SharokeyPage {
  GObject parent_instance;

  GType item_type;
  GPtrArray *items;
  JsonNode *json;              /* the pagination block, or NULL */
  guint total;
  guint page;
  guint per_page;
  guint last_page;
};

static void sharokey_page_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SharokeyPage, sharokey_page, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sharokey_page_list_model_init))

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  PROP_TOTAL,
  PROP_PAGE,
  PROP_PER_PAGE,
  PROP_LAST_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
page_get_item_type (GListModel *model)
{
  return SHAROKEY_PAGE (model)->item_type;
}

static guint
page_get_n_items (GListModel *model)
{
  return SHAROKEY_PAGE (model)->items->len;
}

static gpointer
page_get_item (GListModel *model,
               guint       position)
{
  SharokeyPage *self = SHAROKEY_PAGE (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
sharokey_page_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = page_get_item_type;
  iface->get_n_items = page_get_n_items;
  iface->get_item = page_get_item;
}

static void
sharokey_page_finalize (GObject *object)
{
  SharokeyPage *self = SHAROKEY_PAGE (object);

  g_ptr_array_unref (self->items);
  g_clear_pointer (&self->json, json_node_unref);

  G_OBJECT_CLASS (sharokey_page_parent_class)->finalize (object);
}

static void
sharokey_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SharokeyPage *self = SHAROKEY_PAGE (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, self->item_type);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    case PROP_PER_PAGE:
      g_value_set_uint (value, self->per_page);
      break;
    case PROP_LAST_PAGE:
      g_value_set_uint (value, self->last_page);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sharokey_page_class_init (SharokeyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sharokey_page_finalize;
  object_class->get_property = sharokey_page_get_property;

  /**
   * SharokeyPage:item-type:
   *
   * The type of the items: [class@Secret] or [class@SecretRequest].
   */
  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyPage:n-items:
   *
   * The number of items on this page.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyPage:total:
   *
   * How many items the whole list holds, all pages together.
   */
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyPage:page:
   *
   * The number of this page, from 1.
   */
  properties[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 1,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyPage:per-page:
   *
   * How many items a full page holds.
   */
  properties[PROP_PER_PAGE] =
    g_param_spec_uint ("per-page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyPage:last-page:
   *
   * The number of the last page; more pages exist while
   * [property@Page:page] is lower.
   */
  properties[PROP_LAST_PAGE] =
    g_param_spec_uint ("last-page", NULL, NULL, 0, G_MAXUINT, 1,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sharokey_page_init (SharokeyPage *self)
{
  self->item_type = G_TYPE_OBJECT;
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->page = 1;
  self->last_page = 1;
}

/* Takes @items (objects of @item_type); @pagination (nullable) is the
 * answer's pagination block, referenced; @asked is the page asked for. */
SharokeyPage *
_sharokey_page_new (GType      item_type,
                    GPtrArray *items,
                    JsonNode  *pagination,
                    guint      asked)
{
  SharokeyPage *self = g_object_new (SHAROKEY_TYPE_PAGE, NULL);
  JsonObject *block = NULL;
  guint value;

  self->item_type = item_type;
  g_ptr_array_extend_and_steal (self->items, items);
  if (pagination != NULL && JSON_NODE_HOLDS_OBJECT (pagination))
    {
      self->json = json_node_ref (pagination);
      block = json_node_get_object (pagination);
    }

  self->page = asked > 0 ? asked : 1;
  if (_sharokey_json_uint (block, "current_page", &value) && value > 0)
    self->page = value;
  if (!_sharokey_json_uint (block, "per_page", &self->per_page))
    self->per_page = self->items->len;
  if (!_sharokey_json_uint (block, "total", &self->total))
    self->total = (self->page - 1) * self->per_page + self->items->len;
  if (!_sharokey_json_uint (block, "last_page", &self->last_page) || self->last_page == 0)
    self->last_page = self->per_page > 0 ? MAX (1, (self->total + self->per_page - 1) / self->per_page)
                                         : self->page;
  return self;
}

/**
 * sharokey_page_get_total:
 * @self: a page
 *
 * Gets [property@Page:total].
 *
 * Returns: how many items the whole list holds
 */
guint
sharokey_page_get_total (SharokeyPage *self)
{
  g_return_val_if_fail (SHAROKEY_IS_PAGE (self), 0);
  return self->total;
}

/**
 * sharokey_page_get_page:
 * @self: a page
 *
 * Gets [property@Page:page].
 *
 * Returns: the number of this page, from 1
 */
guint
sharokey_page_get_page (SharokeyPage *self)
{
  g_return_val_if_fail (SHAROKEY_IS_PAGE (self), 0);
  return self->page;
}

/**
 * sharokey_page_get_per_page:
 * @self: a page
 *
 * Gets [property@Page:per-page].
 *
 * Returns: how many items a full page holds
 */
guint
sharokey_page_get_per_page (SharokeyPage *self)
{
  g_return_val_if_fail (SHAROKEY_IS_PAGE (self), 0);
  return self->per_page;
}

/**
 * sharokey_page_get_last_page:
 * @self: a page
 *
 * Gets [property@Page:last-page].
 *
 * Returns: the number of the last page
 */
guint
sharokey_page_get_last_page (SharokeyPage *self)
{
  g_return_val_if_fail (SHAROKEY_IS_PAGE (self), 0);
  return self->last_page;
}

/**
 * sharokey_page_get_json:
 * @self: a page
 *
 * Gets the answer's pagination block (`current_page`, `per_page`, `total`,
 * `last_page`), exactly as the server sent it. Each item keeps its own
 * JSON: see [method@Secret.get_json].
 *
 * Returns: (transfer none) (nullable): a JSON object node, or %NULL when
 *   the server sent no pagination block
 */
JsonNode *
sharokey_page_get_json (SharokeyPage *self)
{
  g_return_val_if_fail (SHAROKEY_IS_PAGE (self), NULL);
  return self->json;
}
