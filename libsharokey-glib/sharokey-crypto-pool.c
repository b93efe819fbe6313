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
  void (*helper) (gpointer data);   /* instead of @task and @func */
  gpointer helper_data;
} Job;

static void
run_job (gpointer job_data,
         gpointer pool_data)
{
  Job *job = job_data;
  GTask *task = job->task;

  if (job->helper != NULL)
    {
      job->helper (job->helper_data);
      g_free (job);
      return;
    }
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
  Job *job = g_new0 (Job, 1);

  job->task = g_object_ref (task);
  job->func = func;
  /* As GTask does: a thread that cannot start now leaves the job queued
   * for the next one that can. */
  g_thread_pool_push (crypto_pool (), job, NULL);
}

/* --- one piece of work shared among the pool's idle threads --- */

typedef struct {
  gint ref_count;
  guint n_items;
  gint next;                   /* the next item to claim */
  guint done;                  /* under @lock */
  GMutex lock;
  GCond all_done;
  SharokeyCryptoItemFunc func;
  gpointer data;
} Shared;

static void
shared_unref (Shared *shared)
{
  if (!g_atomic_int_dec_and_test (&shared->ref_count))
    return;
  g_mutex_clear (&shared->lock);
  g_cond_clear (&shared->all_done);
  g_free (shared);
}

/* Runs the items nobody has claimed yet. */
static void
run_items (Shared *shared)
{
  guint i;

  while ((i = (guint) g_atomic_int_add (&shared->next, 1)) < shared->n_items)
    {
      shared->func (i, shared->data);
      g_mutex_lock (&shared->lock);
      if (++shared->done == shared->n_items)
        g_cond_signal (&shared->all_done);
      g_mutex_unlock (&shared->lock);
    }
}

static void
help (gpointer data)
{
  run_items (data);
  shared_unref (data);
}

void
_sharokey_crypto_pool_share (guint                  n_items,
                             SharokeyCryptoItemFunc func,
                             gpointer               data)
{
  Shared *shared;
  guint helpers;

  if (n_items == 0)
    return;
  helpers = MIN (n_items, g_get_num_processors ()) - 1;
  if (helpers == 0)
    {
      for (guint i = 0; i < n_items; i++)
        func (i, data);
      return;
    }

  shared = g_new0 (Shared, 1);
  shared->ref_count = 1 + (gint) helpers;
  shared->n_items = n_items;
  shared->func = func;
  shared->data = data;
  g_mutex_init (&shared->lock);
  g_cond_init (&shared->all_done);
  for (guint i = 0; i < helpers; i++)
    {
      Job *job = g_new0 (Job, 1);

      job->helper = help;
      job->helper_data = shared;
      g_thread_pool_push (crypto_pool (), job, NULL);
    }

  /* The caller works too, and waits only for items a helper has begun:
   * a helper that starts late finds nothing left and leaves, so this
   * never waits on a pool whose threads are all callers like this one. */
  run_items (shared);
  g_mutex_lock (&shared->lock);
  while (shared->done < n_items)
    g_cond_wait (&shared->all_done, &shared->lock);
  g_mutex_unlock (&shared->lock);
  shared_unref (shared);
}
