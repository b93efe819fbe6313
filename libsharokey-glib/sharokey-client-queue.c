/* sharokey-client-queue.c: the calls of a session that wait for a
 * connection
 *
 * libsoup rescans every queued message each time a connection frees up,
 * so handing it thousands of messages at once makes each call cost more
 * the more there are. The client hands it only as many as it has
 * connections to the API host; the others wait here, in order, and each
 * costs the same whatever the length of the queue.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "sharokey-client-queue.h"

struct _SharokeyClientQueue {
  GMutex lock;
  GQueue waiting;       /* of SharokeyQueueTicket, by their link */
  guint free_slots;
};

static GQuark
queue_quark (void)
{
  return g_quark_from_static_string ("sharokey-client-queue");
}

static void
queue_free (SharokeyClientQueue *queue)
{
  /* Every waiting call holds a reference on the session. */
  g_warn_if_fail (g_queue_is_empty (&queue->waiting));
  g_mutex_clear (&queue->lock);
  g_free (queue);
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
      g_mutex_init (&queue->lock);
      g_queue_init (&queue->waiting);
      queue->free_slots = MAX (1, MIN (max_conns, max_conns_per_host));
      g_object_set_qdata_full (G_OBJECT (session), queue_quark (), queue,
                               (GDestroyNotify) queue_free);
    }
  g_mutex_unlock (&creating);
  return queue;
}

gboolean
_sharokey_client_queue_enter (SharokeyClientQueue *queue,
                              SharokeyQueueTicket *ticket,
                              GMainContext        *context,
                              GSourceFunc          start,
                              gpointer             start_data)
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
      ticket->start = start;
      ticket->start_data = start_data;
      ticket->link.data = ticket;
      ticket->waiting = TRUE;
      g_queue_push_tail_link (&queue->waiting, &ticket->link);
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
    {
      g_queue_unlink (&queue->waiting, &ticket->link);
      ticket->waiting = FALSE;
    }
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
      next = g_queue_pop_head_link (&queue->waiting)->data;
      next->waiting = FALSE;
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
      g_source_set_callback (source, next->start, next->start_data, NULL);
      g_source_attach (source, next->context);
      g_source_unref (source);
    }
}
