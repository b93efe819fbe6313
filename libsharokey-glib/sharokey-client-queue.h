/* sharokey-client-queue.h: the calls of a session that wait for a
 * connection (not installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _SharokeyClientQueue SharokeyClientQueue;
typedef struct _SharokeyQueueTimer SharokeyQueueTimer;

/* One call's place: waiting, holding a slot, or neither. Lives in the
 * call's data; only the queue touches its fields. */
typedef struct {
  GList link;
  GMainContext *context;
  gint64 deadline;              /* monotonic time, or 0 for none */
  GSourceFunc start;
  GSourceFunc expire;
  gpointer data;
  SharokeyQueueTimer *timer;
  gboolean waiting;
  gboolean holds_slot;
} SharokeyQueueTicket;

/* The queue of @session, created on first use with as many slots as the
 * session opens connections to one host (transfer none: it lives as long
 * as @session). */
SharokeyClientQueue *_sharokey_client_queue_get      (SoupSession         *session);

/* TRUE when @ticket holds a slot now. Otherwise it waits: once a slot is
 * its own, @start (@data) runs in @context; if @deadline (monotonic
 * time, 0 for none) comes first, it leaves the queue and @expire (@data)
 * runs in @context instead. */
gboolean             _sharokey_client_queue_enter    (SharokeyClientQueue *queue,
                                                      SharokeyQueueTicket *ticket,
                                                      GMainContext        *context,
                                                      gint64               deadline,
                                                      GSourceFunc          start,
                                                      GSourceFunc          expire,
                                                      gpointer             data);

/* Takes a waiting @ticket out of the queue: TRUE when it was waiting,
 * FALSE when it already got its slot or expired (its @start or @expire
 * is on its way). Any thread. */
gboolean             _sharokey_client_queue_withdraw (SharokeyClientQueue *queue,
                                                      SharokeyQueueTicket *ticket);

/* Gives back the slot of @ticket, if it holds one, to the first waiting
 * call. */
void                 _sharokey_client_queue_leave    (SharokeyClientQueue *queue,
                                                      SharokeyQueueTicket *ticket);

G_END_DECLS
