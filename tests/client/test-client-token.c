/* test-client-token.c: the token changes at runtime, from one thread, while
 * _sync calls run on others and another thread reads it; run under
 * valgrind and ASan (suite memcheck), nothing may be reported
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-client-private.h"
#include "sharokey-test-server.h"

#define CALLERS 3
#define CALLS_PER_CALLER 12
#define WRONG_TOKEN "wrong-token-0123456789"

typedef struct {
  SharokeyClient *client;
  const gchar *good_token;
  gint running;              /* atomic: callers still calling */
  gint succeeded;            /* atomic */
  gint refused;              /* atomic: answered 401 with the wrong token */
  gint unexpected;           /* atomic */
} Race;

static gpointer
caller_thread (gpointer user_data)
{
  Race *race = user_data;

  for (guint i = 0; i < CALLS_PER_CALLER; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) result = NULL;
      gboolean ok;

      switch (i % 3)
        {
        case 0:
          result = G_OBJECT (sharokey_client_stats_sync (race->client, NULL, &error));
          ok = result != NULL;
          break;
        case 1:
          result = G_OBJECT (sharokey_client_list_sync (race->client, 2, 1, NULL, NULL, NULL, NULL, &error));
          ok = result != NULL;
          break;
        default:
          result = G_OBJECT (sharokey_client_create_sync (race->client, "raced", 1, 1, NULL,
                                                          NULL, NULL, NULL, &error));
          ok = result != NULL;
        }
      /* Each call used one whole token: the right one, or the wrong one,
       * never a freed or half-written string. */
      if (ok)
        g_atomic_int_inc (&race->succeeded);
      else if (g_error_matches (error, SHAROKEY_ERROR, SHAROKEY_ERROR_AUTHENTICATION))
        g_atomic_int_inc (&race->refused);
      else
        {
          g_printerr ("# unexpected: %s\n", error->message);
          g_atomic_int_inc (&race->unexpected);
        }
    }
  g_atomic_int_dec_and_test (&race->running);
  return NULL;
}

static gpointer
reader_thread (gpointer user_data)
{
  Race *race = user_data;
  guint reads = 0;

  while (g_atomic_int_get (&race->running) > 0 || reads < 100)
    {
      gchar *token = sharokey_client_dup_token (race->client);
      gchar *property = NULL;

      g_object_get (race->client, "token", &property, NULL);
      if (g_strcmp0 (token, race->good_token) != 0 && g_strcmp0 (token, WRONG_TOKEN) != 0)
        g_atomic_int_inc (&race->unexpected);
      if (g_strcmp0 (property, race->good_token) != 0 && g_strcmp0 (property, WRONG_TOKEN) != 0)
        g_atomic_int_inc (&race->unexpected);
      sharokey_wipe_free (token);
      g_free (property);
      reads++;
      g_thread_yield ();
    }
  return NULL;
}

static void
test_token_changes_during_sync_calls (void)
{
  SharokeyTestServer *server = sharokey_test_server_start (NULL);
  Race race = { NULL, sharokey_test_server_get_token (server), CALLERS, 0, 0, 0 };
  GThread *callers[CALLERS];
  GThread *reader;
  guint flips = 0;

  race.client = g_object_new (SHAROKEY_TYPE_CLIENT,
                              "token", race.good_token,
                              "api-url", sharokey_test_server_get_api_url (server),
                              "timeout", 60,
                              NULL);
  for (guint i = 0; i < CALLERS; i++)
    callers[i] = g_thread_new ("token-caller", caller_thread, &race);
  reader = g_thread_new ("token-reader", reader_thread, &race);

  /* This thread keeps replacing the token while the calls run. */
  while (g_atomic_int_get (&race.running) > 0)
    {
      sharokey_client_set_token (race.client, flips % 2 == 0 ? WRONG_TOKEN : race.good_token);
      flips++;
      g_usleep (500);
    }
  for (guint i = 0; i < CALLERS; i++)
    g_thread_join (callers[i]);
  g_thread_join (reader);

  g_test_message ("%u token changes; %d calls succeeded, %d refused", flips,
                  race.succeeded, race.refused);
  g_assert_cmpint (race.unexpected, ==, 0);
  g_assert_cmpint (race.succeeded + race.refused, ==, CALLERS * CALLS_PER_CALLER);
  g_assert_cmpuint (flips, >, 1);

  /* The token in place now is the one the next call uses. */
  sharokey_client_set_token (race.client, race.good_token);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SharokeyStats) stats = sharokey_client_stats_sync (race.client, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (stats);
  }
  g_object_unref (race.client);
  sharokey_test_server_stop (server);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/token/changes-while-sync-calls-run", test_token_changes_during_sync_calls);

  return g_test_run ();
}
