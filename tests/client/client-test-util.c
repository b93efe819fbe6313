/* client-test-util.c: helpers shared by the SharokeyClient tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "client-test-util.h"

#define AWAIT_SECONDS 60

void
client_test_store_result (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
client_test_await (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + AWAIT_SECONDS * G_USEC_PER_SEC;
  GMainContext *context = g_main_context_ref_thread_default ();
  GSource *ticker = g_timeout_source_new (50);

  /* The ticker wakes the loop up, so the deadline is checked even when
   * nothing else happens. */
  g_source_set_callback (ticker, tick, NULL, NULL);
  g_source_attach (ticker, context);
  while (*slot == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (context, TRUE);
    }
  g_source_destroy (ticker);
  g_source_unref (ticker);
  g_main_context_unref (context);
}
