/* sharokey-config.h: where the token, API URL and timeout come from
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SHAROKEY_H_INSIDE__) && !defined(SHAROKEY_COMPILATION)
#error "Only <sharokey.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>
#include "sharokey-version-macros.h"

G_BEGIN_DECLS

/**
 * SharokeyConfigSource:
 * @SHAROKEY_CONFIG_SOURCE_DEFAULT: nothing set it: the built-in default
 * @SHAROKEY_CONFIG_SOURCE_CONFIG_FILE: the configuration file
 * @SHAROKEY_CONFIG_SOURCE_ENVIRONMENT: an environment variable
 *   (`SHAROKEY_TOKEN`, `SHAROKEY_API_URL`, `SHAROKEY_TIMEOUT`)
 * @SHAROKEY_CONFIG_SOURCE_COMMAND_LINE: a value the program was given
 *   explicitly, such as a command-line flag
 * @SHAROKEY_CONFIG_SOURCE_KEYRING: the keyring (Secret Service), for the
 *   token only; it ranks below the configuration file
 *
 * Where a setting of a [class@Config] comes from. From
 * %SHAROKEY_CONFIG_SOURCE_DEFAULT to %SHAROKEY_CONFIG_SOURCE_COMMAND_LINE,
 * lowest priority first; %SHAROKEY_CONFIG_SOURCE_KEYRING, added later,
 * ranks between the default and the configuration file.
 */
typedef enum {
  SHAROKEY_CONFIG_SOURCE_DEFAULT,
  SHAROKEY_CONFIG_SOURCE_CONFIG_FILE,
  SHAROKEY_CONFIG_SOURCE_ENVIRONMENT,
  SHAROKEY_CONFIG_SOURCE_COMMAND_LINE,
  SHAROKEY_CONFIG_SOURCE_KEYRING,
} SharokeyConfigSource;

#define SHAROKEY_TYPE_CONFIG (sharokey_config_get_type ())

SHAROKEY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SharokeyConfig, sharokey_config, SHAROKEY, CONFIG, GObject)

SHAROKEY_AVAILABLE_IN_ALL
SharokeyConfig       *sharokey_config_resolve            (const gchar    *token,
                                                          const gchar    *api_url,
                                                          const gchar    *timeout,
                                                          GError        **error);
SHAROKEY_AVAILABLE_IN_ALL
const gchar          *sharokey_config_get_token          (SharokeyConfig *self);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyConfigSource  sharokey_config_get_token_source   (SharokeyConfig *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar          *sharokey_config_get_api_url        (SharokeyConfig *self);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyConfigSource  sharokey_config_get_api_url_source (SharokeyConfig *self);
SHAROKEY_AVAILABLE_IN_ALL
guint                 sharokey_config_get_timeout        (SharokeyConfig *self);
SHAROKEY_AVAILABLE_IN_ALL
SharokeyConfigSource  sharokey_config_get_timeout_source (SharokeyConfig *self);
SHAROKEY_AVAILABLE_IN_ALL
const gchar          *sharokey_config_get_path           (SharokeyConfig *self);
SHAROKEY_AVAILABLE_IN_ALL
gboolean              sharokey_config_get_path_exposed   (SharokeyConfig *self);

SHAROKEY_AVAILABLE_IN_ALL
gchar                *sharokey_config_get_default_path   (void);
SHAROKEY_AVAILABLE_IN_ALL
JsonObject           *sharokey_config_load_file          (GError        **error);

G_END_DECLS
