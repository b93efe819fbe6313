/* sharokey-crypto-pool.h: the threads that encrypt secrets (not installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Runs @func on @task in one of as many threads as there are cores, in
 * the order of the calls; @func returns the task's outcome, which
 * reaches the task's context as usual. Use it in place of
 * g_task_run_in_thread() for CPU-bound work (PBKDF2, AES-GCM). */
void _sharokey_crypto_pool_run (GTask           *task,
                                GTaskThreadFunc  func);

G_END_DECLS
