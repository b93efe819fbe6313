/* sharokey-crypto-pool.c: the threads that encrypt secrets
 *
 * GTask's own pool keeps its pending work sorted by priority (each new
 * task costs a walk of all those before it) and grows past the number of
 * cores when its threads stay busy: thousands of creates started at once
 * would cost more each, and fight for the cores. Encryption is pure CPU,
 * so it gets one thread per core and a plain first-in, first-out queue.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-crypto-pool.h"

typedef struct {
  GTask *task;
  GTaskThreadFunc func;
} Job;

static void
run_job (gpointer job_data,
         gpointer pool_data)
{
  Job *job = job_data;
  GTask *task = job->task;

  job->func (task, g_task_get_source_object (task), g_task_get_task_data (task),
             g_task_get_cancellable (task));
  g_object_unref (task);
  g_free (job);
}

static GThreadPool *
crypto_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      /* Shared threads: GLib starts them on demand and retires them
       * when idle, as for its other pools. */
      GThreadPool *created = g_thread_pool_new (run_job, NULL, (gint) g_get_num_processors (),
                                                FALSE, NULL);

      g_once_init_leave (&pool, created);
    }
  return pool;
}

void
_sharokey_crypto_pool_run (GTask           *task,
                           GTaskThreadFunc  func)
{
  Job *job = g_new (Job, 1);

  job->task = g_object_ref (task);
  job->func = func;
  /* As GTask does: a thread that cannot start now leaves the job queued
   * for the next one that can. */
  g_thread_pool_push (crypto_pool (), job, NULL);
}
