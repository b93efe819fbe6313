/* sharokey-json-member.h: reading members of the server's JSON without
 * trusting their types (not installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The string value of @member of @object (nullable), or NULL when it is
 * missing or anything but a string. json-glib's
 * json_object_get_string_member_with_default() emits a critical on an
 * object or an array, which a hostile server could send. */
const gchar *sharokey_json_member_string (JsonObject  *object,
                                          const gchar *member);

G_END_DECLS
