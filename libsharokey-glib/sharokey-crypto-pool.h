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

typedef void (*SharokeyCryptoItemFunc) (guint    index,
                                        gpointer data);

/* Calls @func for each index below @n_items, on the calling thread and
 * on as many of the pool's threads as are idle, and returns once every
 * call has returned. Items are independent and may run in any order.
 * Safe from a pool thread: the caller never waits for an item that no
 * thread has begun. */
void _sharokey_crypto_pool_share (guint                  n_items,
                                  SharokeyCryptoItemFunc func,
                                  gpointer               data);

G_END_DECLS
