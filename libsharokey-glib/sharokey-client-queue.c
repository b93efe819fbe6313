/* sharokey-client-queue.c: the calls of a session that wait for a
 * connection
 *
 * libsoup rescans every queued message each time a connection frees up,
 * and a main context walks every attached source at each iteration: with
 * thousands of calls handed to libsoup at once, each with its deadline
 * source, every call costs more the more there are. The client hands
 * libsoup only as many calls as it has connections to the API host; the
 * others wait here, in order, with no source of their own, and each costs
 * the same whatever the length of the queue.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-client-queue.h"

struct _SharokeyClientQueue {
  gatomicrefcount refs;
  GMutex lock;
  GQueue waiting;       /* of SharokeyQueueTicket, by their link */
  guint free_slots;
  GSList *timers;       /* one per context with waiting calls that have a deadline */
};

/* Wakes a context at the earliest deadline of its waiting calls. */
struct _SharokeyQueueTimer {
  GSource source;
  SharokeyClientQueue *queue;   /* a reference */
  GMainContext *context;
  guint waiters;
};

static SharokeyClientQueue *
queue_ref (SharokeyClientQueue *queue)
{
  g_atomic_ref_count_inc (&queue->refs);
  return queue;
}

static void
queue_unref (SharokeyClientQueue *queue)
{
  if (!g_atomic_ref_count_dec (&queue->refs))
    return;
  /* Every waiting call holds a reference on the session. */
  g_warn_if_fail (g_queue_is_empty (&queue->waiting));
  g_mutex_clear (&queue->lock);
  g_free (queue);
}

static GQuark
queue_quark (void)
{
  return g_quark_from_static_string ("sharokey-client-queue");
}

SharokeyClientQueue *
_sharokey_client_queue_get (SoupSession *session)
{
  static GMutex creating;
  SharokeyClientQueue *queue;

  g_mutex_lock (&creating);
  queue = g_object_get_qdata (G_OBJECT (session), queue_quark ());
  if (queue == NULL)
    {
      guint max_conns = 0, max_conns_per_host = 0;

      /* Every call of a client goes to its one API host. */
      g_object_get (session, "max-conns", &max_conns, "max-conns-per-host", &max_conns_per_host, NULL);
      queue = g_new0 (SharokeyClientQueue, 1);
      g_atomic_ref_count_init (&queue->refs);
      g_mutex_init (&queue->lock);
      g_queue_init (&queue->waiting);
      queue->free_slots = MAX (1, MIN (max_conns, max_conns_per_host));
      g_object_set_qdata_full (G_OBJECT (session), queue_quark (), queue,
                               (GDestroyNotify) queue_unref);
    }
  g_mutex_unlock (&creating);
  return queue;
}

/* --- deadlines of waiting calls --- */

static gboolean timer_dispatch (GSource     *source,
                                GSourceFunc  callback,
                                gpointer     user_data);

static void
timer_finalize (GSource *source)
{
  queue_unref (((SharokeyQueueTimer *) source)->queue);
}

static GSourceFuncs timer_funcs = {
  .dispatch = timer_dispatch,
  .finalize = timer_finalize,
};

/* Called with the lock held. */
static void
timer_add (SharokeyClientQueue *queue,
           SharokeyQueueTicket *ticket)
{
  SharokeyQueueTimer *timer = NULL;
  gint64 ready;

  for (GSList *l = queue->timers; l != NULL && timer == NULL; l = l->next)
    if (((SharokeyQueueTimer *) l->data)->context == ticket->context)
      timer = l->data;
  if (timer == NULL)
    {
      timer = (SharokeyQueueTimer *) g_source_new (&timer_funcs, sizeof (SharokeyQueueTimer));
      timer->queue = queue_ref (queue);
      timer->context = ticket->context;
      g_source_set_static_name (&timer->source, "sharokey-client-queue deadlines");
      g_source_attach (&timer->source, ticket->context);
      queue->timers = g_slist_prepend (queue->timers, timer);
    }
  timer->waiters++;
  ticket->timer = timer;
  ready = g_source_get_ready_time (&timer->source);
  if (ready < 0 || ticket->deadline < ready)
    g_source_set_ready_time (&timer->source, ticket->deadline);
}

/* Takes @ticket out of the queue. Called with the lock held. */
static void
unlink_ticket (SharokeyClientQueue *queue,
               SharokeyQueueTicket *ticket)
{
  SharokeyQueueTimer *timer = ticket->timer;

  g_queue_unlink (&queue->waiting, &ticket->link);
  ticket->waiting = FALSE;
  ticket->timer = NULL;
  /* A timer whose ready time has passed finds nothing to do: it is not
   * moved on for every call that leaves. */
  if (timer != NULL && --timer->waiters == 0)
    {
      queue->timers = g_slist_remove (queue->timers, timer);
      g_source_destroy (&timer->source);
      g_source_unref (&timer->source);
    }
}

static gboolean
timer_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  SharokeyQueueTimer *timer = (SharokeyQueueTimer *) source;
  SharokeyClientQueue *queue = timer->queue;
  gint64 now = g_source_get_time (source);
  gint64 next = G_MAXINT64;
  GSList *expired = NULL;
  GList *l;

  g_mutex_lock (&queue->lock);
  g_source_set_ready_time (source, -1);
  l = queue->waiting.head;
  while (l != NULL)
    {
      SharokeyQueueTicket *ticket = l->data;

      l = l->next;
      if (ticket->timer != timer)
        continue;
      if (ticket->deadline > now)
        next = MIN (next, ticket->deadline);
      else
        expired = g_slist_prepend (expired, ticket);
    }
  /* The timer itself may go with its last ticket: keep it until the end. */
  g_source_ref (source);
  for (GSList *e = expired; e != NULL; e = e->next)
    unlink_ticket (queue, e->data);
  if (next != G_MAXINT64 && !g_source_is_destroyed (source))
    g_source_set_ready_time (source, next);
  g_mutex_unlock (&queue->lock);

  expired = g_slist_reverse (expired);
  for (GSList *e = expired; e != NULL; e = e->next)
    {
      SharokeyQueueTicket *ticket = e->data;

      ticket->expire (ticket->data);
    }
  g_slist_free (expired);
  g_source_unref (source);
  return G_SOURCE_CONTINUE;
}

/* --- slots --- */

gboolean
_sharokey_client_queue_enter (SharokeyClientQueue *queue,
                              SharokeyQueueTicket *ticket,
                              GMainContext        *context,
                              gint64               deadline,
                              GSourceFunc          start,
                              GSourceFunc          expire,
                              gpointer             data)
{
  gboolean now;

  g_mutex_lock (&queue->lock);
  now = queue->free_slots > 0;
  if (now)
    {
      queue->free_slots--;
      ticket->holds_slot = TRUE;
    }
  else
    {
      ticket->context = context;
      ticket->deadline = deadline;
      ticket->start = start;
      ticket->expire = expire;
      ticket->data = data;
      ticket->link.data = ticket;
      ticket->waiting = TRUE;
      g_queue_push_tail_link (&queue->waiting, &ticket->link);
      if (deadline > 0)
        timer_add (queue, ticket);
    }
  g_mutex_unlock (&queue->lock);
  return now;
}

gboolean
_sharokey_client_queue_withdraw (SharokeyClientQueue *queue,
                                 SharokeyQueueTicket *ticket)
{
  gboolean was_waiting;

  g_mutex_lock (&queue->lock);
  was_waiting = ticket->waiting;
  if (was_waiting)
    unlink_ticket (queue, ticket);
  g_mutex_unlock (&queue->lock);
  return was_waiting;
}

void
_sharokey_client_queue_leave (SharokeyClientQueue *queue,
                              SharokeyQueueTicket *ticket)
{
  SharokeyQueueTicket *next = NULL;

  g_mutex_lock (&queue->lock);
  if (!ticket->holds_slot)
    {
      g_mutex_unlock (&queue->lock);
      return;
    }
  ticket->holds_slot = FALSE;
  if (!g_queue_is_empty (&queue->waiting))
    {
      /* The slot goes straight to the next call: none can overtake it. */
      next = queue->waiting.head->data;
      unlink_ticket (queue, next);
      next->holds_slot = TRUE;
    }
  else
    queue->free_slots++;
  g_mutex_unlock (&queue->lock);

  if (next != NULL)
    {
      /* It starts from its own context, which may be another thread's. */
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, next->start, next->data, NULL);
      g_source_attach (source, next->context);
      g_source_unref (source);
    }
}
