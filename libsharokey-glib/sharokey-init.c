/* sharokey-init.c: one-time library set-up
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <locale.h>

#include "sharokey-private.h"

void
_sharokey_init_i18n (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* SHAROKEY_LOCALEDIR: a catalogue that is not installed (the test suite). */
      const gchar *localedir = g_getenv ("SHAROKEY_LOCALEDIR");

      bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&done, 1);
    }
}

/* Messages of the library are translated even when the application only
 * calls plain functions (sharokey_encrypt) that have no class_init. */
__attribute__((constructor)) static void
sharokey_constructor (void)
{
  _sharokey_init_i18n ();
}

/**
 * sharokey_get_major_version:
 *
 * Gets the major version of the library in use, which may differ from
 * %SHAROKEY_MAJOR_VERSION, the one the code was compiled against.
 *
 * Returns: the major version of the library loaded at run time
 */
guint
sharokey_get_major_version (void)
{
  return SHAROKEY_MAJOR_VERSION;
}

/**
 * sharokey_get_minor_version:
 *
 * Gets the minor version of the library in use, which may differ from
 * %SHAROKEY_MINOR_VERSION, the one the code was compiled against.
 *
 * Returns: the minor version of the library loaded at run time
 */
guint
sharokey_get_minor_version (void)
{
  return SHAROKEY_MINOR_VERSION;
}

/**
 * sharokey_get_micro_version:
 *
 * Gets the micro version of the library in use, which may differ from
 * %SHAROKEY_MICRO_VERSION, the one the code was compiled against.
 *
 * Returns: the micro version of the library loaded at run time
 */
guint
sharokey_get_micro_version (void)
{
  return SHAROKEY_MICRO_VERSION;
}

/**
 * sharokey_check_version:
 * @required_major: the required major version
 * @required_minor: the required minor version
 * @required_micro: the required micro version
 *
 * Checks at run time that the loaded library is compatible with the given
 * version: same major version, and at least the given minor and micro.
 *
 * Returns: (nullable): %NULL when compatible, otherwise a static string
 *   saying why not
 */
const gchar *
sharokey_check_version (guint required_major,
                        guint required_minor,
                        guint required_micro)
{
  if (required_major > SHAROKEY_MAJOR_VERSION)
    return _("libsharokey-glib version too old (major mismatch)");
  if (required_major != SHAROKEY_MAJOR_VERSION)
    return _("libsharokey-glib version too new (major mismatch)");
  if (required_minor > SHAROKEY_MINOR_VERSION)
    return _("libsharokey-glib version too old (minor mismatch)");
  if (required_minor == SHAROKEY_MINOR_VERSION &&
      required_micro > SHAROKEY_MICRO_VERSION)
    return _("libsharokey-glib version too old (micro mismatch)");
  return NULL;
}
