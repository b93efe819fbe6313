/* sharokey-diagnosis.h: the report of the diagnostics, as a GListModel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SHAROKEY_H_INSIDE__) && !defined(SHAROKEY_COMPILATION)
#error "Only <sharokey.h> can be included directly."
#endif

#include <gio/gio.h>
#include "sharokey-version-macros.h"
#include "sharokey-check.h"

G_BEGIN_DECLS

#define SHAROKEY_TYPE_DIAGNOSIS (sharokey_diagnosis_get_type ())

SHAROKEY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SharokeyDiagnosis, sharokey_diagnosis, SHAROKEY, DIAGNOSIS, GObject)

SHAROKEY_AVAILABLE_IN_ALL
guint          sharokey_diagnosis_get_n_passed (SharokeyDiagnosis *self);
SHAROKEY_AVAILABLE_IN_ALL
gboolean       sharokey_diagnosis_get_passed   (SharokeyDiagnosis *self);

G_END_DECLS
