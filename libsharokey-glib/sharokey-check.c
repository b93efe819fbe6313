/* sharokey-check.c: SharokeyCheck, one check of the diagnostics
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-private.h"

/**
 * SharokeyCheck:
 *
 * One check of the diagnostics of [method@Client.test_async]: its name,
 * whether it passed and what it found. A [class@Diagnosis] holds the six
 * of them, in the order they ran. A check never changes once returned.
 */

struct _SharokeyCheck {
  GObject parent_instance;

  gchar *name;
  gchar *label;
  gboolean passed;
  gchar *message;
};

G_DEFINE_FINAL_TYPE (SharokeyCheck, sharokey_check, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_LABEL,
  PROP_PASSED,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sharokey_check_finalize (GObject *object)
{
  SharokeyCheck *self = SHAROKEY_CHECK (object);

  g_free (self->name);
  g_free (self->label);
  g_free (self->message);

  G_OBJECT_CLASS (sharokey_check_parent_class)->finalize (object);
}

static void
sharokey_check_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SharokeyCheck *self = SHAROKEY_CHECK (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_PASSED:
      g_value_set_boolean (value, self->passed);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sharokey_check_class_init (SharokeyCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sharokey_check_finalize;
  object_class->get_property = sharokey_check_get_property;

  /**
   * SharokeyCheck:name:
   *
   * The check's name in English, the same in every locale, for scripts:
   * `Configuration`, `Network`, `Authentication`, `Read Access`,
   * `Write Access` or `Statistics`.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyCheck:label:
   *
   * The check's name in the user's language, to show.
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyCheck:passed:
   *
   * Whether the check passed.
   */
  properties[PROP_PASSED] =
    g_param_spec_boolean ("passed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * SharokeyCheck:message:
   *
   * What the check found, in the user's language: a short confirmation,
   * or why it failed. A failure may quote the server: it is one line,
   * but quote it with care on a terminal.
   */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sharokey_check_init (SharokeyCheck *self)
{
}

/* @name is the English name (marked N_() by the caller); the label is
 * the same in the user's language. */
SharokeyCheck *
_sharokey_check_new (const gchar *name,
                     gboolean     passed,
                     const gchar *message)
{
  SharokeyCheck *self = g_object_new (SHAROKEY_TYPE_CHECK, NULL);

  self->name = g_strdup (name);
  self->label = g_strdup (g_dgettext (GETTEXT_PACKAGE, name));
  self->passed = passed;
  self->message = g_strdup (message);
  return self;
}

/**
 * sharokey_check_get_name:
 * @self: a check
 *
 * Gets [property@Check:name].
 *
 * Returns: the check's English name
 */
const gchar *
sharokey_check_get_name (SharokeyCheck *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CHECK (self), NULL);
  return self->name;
}

/**
 * sharokey_check_get_label:
 * @self: a check
 *
 * Gets [property@Check:label].
 *
 * Returns: the check's name in the user's language
 */
const gchar *
sharokey_check_get_label (SharokeyCheck *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CHECK (self), NULL);
  return self->label;
}

/**
 * sharokey_check_get_passed:
 * @self: a check
 *
 * Gets [property@Check:passed].
 *
 * Returns: %TRUE when the check passed
 */
gboolean
sharokey_check_get_passed (SharokeyCheck *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CHECK (self), FALSE);
  return self->passed;
}

/**
 * sharokey_check_get_message:
 * @self: a check
 *
 * Gets [property@Check:message].
 *
 * Returns: what the check found
 */
const gchar *
sharokey_check_get_message (SharokeyCheck *self)
{
  g_return_val_if_fail (SHAROKEY_IS_CHECK (self), NULL);
  return self->message;
}
