/* sharokey.h: the one header to include for libsharokey-glib
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#define __SHAROKEY_H_INSIDE__

#include "sharokey-version-macros.h"
#include "sharokey-version.h"
#include "sharokey-enum-types.h"
#include "sharokey-error.h"
#include "sharokey-crypto.h"
#include "sharokey-secret-options.h"
#include "sharokey-request-options.h"
#include "sharokey-validation.h"
#include "sharokey-config.h"
#include "sharokey-keyring.h"
#include "sharokey-secret.h"
#include "sharokey-secret-request.h"
#include "sharokey-stats.h"
#include "sharokey-page.h"
#include "sharokey-check.h"
#include "sharokey-diagnosis.h"
#include "sharokey-link.h"
#include "sharokey-link-info.h"
#include "sharokey-opened-secret.h"
#include "sharokey-client.h"

#undef __SHAROKEY_H_INSIDE__
