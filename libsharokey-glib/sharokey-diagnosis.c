/* sharokey-diagnosis.c: SharokeyDiagnosis, the report of the diagnostics
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-private.h"

/**
 * SharokeyDiagnosis:
 *
 * The report of [method@Client.test_async]: a [iface@Gio.ListModel] of
 * [class@Check], one per check in the order they ran, so that it binds
 * straight to a `GtkListView`. [property@Diagnosis:n-passed] counts the
 * checks that passed and [property@Diagnosis:passed] tells whether all
 * did. A diagnosis never changes once returned.
 */

struct _SharokeyDiagnosis {
  GObject parent_instance;

  GPtrArray *checks;
  guint n_passed;
};

static void sharokey_diagnosis_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SharokeyDiagnosis, sharokey_diagnosis, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      sharokey_diagnosis_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_N_PASSED,
  PROP_PASSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
diagnosis_get_item_type (GListModel *model)
{
  return SHAROKEY_TYPE_CHECK;
}

static guint
diagnosis_get_n_items (GListModel *model)
{
  return SHAROKEY_DIAGNOSIS (model)->checks->len;
}

static gpointer
diagnosis_get_item (GListModel *model,
                    guint       position)
{
  SharokeyDiagnosis *self = SHAROKEY_DIAGNOSIS (model);

  if (position >= self->checks->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->checks, position));
}

static void
sharokey_diagnosis_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = diagnosis_get_item_type;
  iface->get_n_items = diagnosis_get_n_items;
  iface->get_item = diagnosis_get_item;
}

static void
sharokey_diagnosis_finalize (GObject *object)
{
  SharokeyDiagnosis *self = SHAROKEY_DIAGNOSIS (object);

  g_ptr_array_unref (self->checks);

  G_OBJECT_CLASS (sharokey_diagnosis_parent_class)->finalize (object);
}

static void
sharokey_diagnosis_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SharokeyDiagnosis *self = SHAROKEY_DIAGNOSIS (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->checks->len);
      break;
    case PROP_N_PASSED:
      g_value_set_uint (value, self->n_passed);
      break;
    case PROP_PASSED:
      g_value_set_boolean (value, sharokey_diagnosis_get_passed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sharokey_diagnosis_class_init (SharokeyDiagnosisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sharokey_diagnosis_finalize;
  object_class->get_property = sharokey_diagnosis_get_property;

  /**
   * SharokeyDiagnosis:n-items:
   *
   * The number of checks that ran (six).
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyDiagnosis:n-passed:
   *
   * The number of checks that passed.
   */
  properties[PROP_N_PASSED] =
    g_param_spec_uint ("n-passed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyDiagnosis:passed:
   *
   * Whether every check passed.
   */
  properties[PROP_PASSED] =
    g_param_spec_boolean ("passed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sharokey_diagnosis_init (SharokeyDiagnosis *self)
{
  self->checks = g_ptr_array_new_with_free_func (g_object_unref);
}

static gpointer
ref_check (gconstpointer check,
           gpointer      user_data)
{
  return g_object_ref ((gpointer) check);
}

/* References the SharokeyChecks of @checks, in the order they ran. */
SharokeyDiagnosis *
_sharokey_diagnosis_new (GPtrArray *checks)
{
  SharokeyDiagnosis *self = g_object_new (SHAROKEY_TYPE_DIAGNOSIS, NULL);

  g_ptr_array_extend (self->checks, checks, ref_check, NULL);
  for (guint i = 0; i < self->checks->len; i++)
    if (sharokey_check_get_passed (g_ptr_array_index (self->checks, i)))
      self->n_passed++;
  return self;
}

/**
 * sharokey_diagnosis_get_n_passed:
 * @self: a diagnosis
 *
 * Gets [property@Diagnosis:n-passed]. The number of checks is
 * [method@Gio.ListModel.get_n_items].
 *
 * Returns: how many checks passed
 */
guint
sharokey_diagnosis_get_n_passed (SharokeyDiagnosis *self)
{
  g_return_val_if_fail (SHAROKEY_IS_DIAGNOSIS (self), 0);
  return self->n_passed;
}

/**
 * sharokey_diagnosis_get_passed:
 * @self: a diagnosis
 *
 * Gets [property@Diagnosis:passed].
 *
 * Returns: %TRUE when every check passed
 */
gboolean
sharokey_diagnosis_get_passed (SharokeyDiagnosis *self)
{
  g_return_val_if_fail (SHAROKEY_IS_DIAGNOSIS (self), FALSE);
  return self->checks->len > 0 && self->n_passed == self->checks->len;
}
