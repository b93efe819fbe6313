/* fuzz.h: what every harness of tests/fuzz defines
 *
 * Each harness is built twice: with clang and -Dfuzzing=true as a libFuzzer
 * binary, and in the normal build with replay-main.c, which runs it on its
 * checked-in corpus as a regression test (meson test --suite fuzz).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* @data as a NUL-terminated string (the harness frees it). */
static inline gchar *
fuzz_string (const uint8_t *data,
             size_t         size)
{
  return g_strndup ((const gchar *) data, size);
}
