/* test-keyring-api.c: the sharokey_keyring_* calls and the resolver,
 * against a real gnome-keyring-daemon on a private session bus (run by
 * keyring-session.sh keyring, in a throw-away HOME)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <sharokey.h>

#define URL "http://127.0.0.1:8777/api/v1"

static void
assert_lookup (const gchar *api_url,
               const gchar *expected)
{
  g_autoptr(GError) error = NULL;
  gchar *token = sharokey_keyring_lookup_token_sync (api_url, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, expected);
  sharokey_wipe_free (token);
}

static void
test_available (void)
{
  g_assert_true (sharokey_keyring_is_available ());
}

static void
test_normalize (void)
{
  const gchar *same[] = {
    "http://127.0.0.1:8777/api/v1", "http://127.0.0.1:8777/api/v1/",
    "HTTP://127.0.0.1:8777/api/v1//", "http://127.0.0.1:8777/api/v1#part",
  };
  g_autoptr(GError) error = NULL;
  g_autofree gchar *https = NULL, *fallback = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree gchar *normalized = sharokey_keyring_normalize_api_url (same[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, URL);
    }
  https = sharokey_keyring_normalize_api_url ("https://API.Example.COM:443/api/v1/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (https, ==, "https://api.example.com/api/v1");
  fallback = sharokey_keyring_normalize_api_url (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fallback, ==, SHAROKEY_DEFAULT_API_URL);

  g_assert_null (sharokey_keyring_normalize_api_url ("http://example.com/api/v1", &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;

  assert_lookup (URL, NULL);
  g_assert_true (sharokey_keyring_store_token_sync (URL "/", "first-token", NULL, &error));
  g_assert_no_error (error);
  /* Any spelling of the URL finds it; another URL does not. */
  assert_lookup (URL, "first-token");
  assert_lookup ("HTTP://127.0.0.1:8777/api/v1//", "first-token");
  assert_lookup ("http://127.0.0.1:8778/api/v1", NULL);
  assert_lookup (NULL, NULL);

  /* Stored again: replaced, not added. */
  g_assert_true (sharokey_keyring_store_token_sync (URL, "second-token", NULL, &error));
  g_assert_no_error (error);
  assert_lookup (URL, "second-token");

  g_assert_true (sharokey_keyring_clear_token_sync (URL, NULL, &error));
  g_assert_no_error (error);
  assert_lookup (URL, NULL);
  /* Nothing left to remove: FALSE, and no error. */
  g_assert_false (sharokey_keyring_clear_token_sync (URL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_refused_arguments (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sharokey_keyring_store_token_sync (URL, "", NULL, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_false (sharokey_keyring_store_token_sync ("ftp://127.0.0.1/api/v1", "a-token", NULL, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_null (sharokey_keyring_lookup_token_sync ("http://example.com/api/v1", NULL, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_clear_error (&error);
  assert_lookup (URL, NULL);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_async (void)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gchar *token;

  sharokey_keyring_store_token_async (URL, "async-token", NULL, on_done, &result);
  g_assert_true (sharokey_keyring_store_token_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  sharokey_keyring_lookup_token_async (URL, NULL, on_done, &result);
  token = sharokey_keyring_lookup_token_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "async-token");
  sharokey_wipe_free (token);
  g_clear_object (&result);

  sharokey_keyring_clear_token_async (URL, NULL, on_done, &result);
  g_assert_true (sharokey_keyring_clear_token_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  assert_lookup (URL, NULL);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (sharokey_keyring_store_token_sync (URL, "never-stored", cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  sharokey_keyring_store_token_async (URL, "never-stored", cancellable, on_done, &result);
  g_assert_false (sharokey_keyring_store_token_finish (wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);
  assert_lookup (URL, NULL);
}

static void
write_config (const gchar *json)
{
  g_autofree gchar *path = sharokey_config_get_default_path ();
  g_autofree gchar *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  if (json == NULL)
    g_remove (path);
  else
    {
      g_file_set_contents_full (path, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
      g_assert_no_error (error);
    }
}

static void
assert_resolved (const gchar          *api_url,
                 const gchar          *token,
                 SharokeyConfigSource  source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeyConfig) config = sharokey_config_resolve (NULL, api_url, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sharokey_config_get_token (config), ==, token);
  g_assert_cmpint (sharokey_config_get_token_source (config), ==, source);
}

static void
test_resolver_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeyClient) client = NULL;
  g_autofree gchar *client_token = NULL;

  write_config (NULL);
  g_unsetenv ("SHAROKEY_TOKEN");
  g_unsetenv ("SHAROKEY_API_URL");
  g_assert_true (sharokey_keyring_store_token_sync (URL, "keyring-token", NULL, &error));
  g_assert_no_error (error);

  /* Last in the order, for the API URL in effect only. */
  assert_resolved (URL "/", "keyring-token", SHAROKEY_CONFIG_SOURCE_KEYRING);
  assert_resolved ("http://127.0.0.1:8778/api/v1", NULL, SHAROKEY_CONFIG_SOURCE_DEFAULT);
  assert_resolved (NULL, NULL, SHAROKEY_CONFIG_SOURCE_DEFAULT);

  /* The API URL from the file picks the keyring's item. */
  write_config ("{\"api_url\": \"" URL "\"}");
  assert_resolved (NULL, "keyring-token", SHAROKEY_CONFIG_SOURCE_KEYRING);
  client = sharokey_client_new_from_environment (&error);
  g_assert_no_error (error);
  client_token = sharokey_client_dup_token (client);
  g_assert_cmpstr (client_token, ==, "keyring-token");

  /* The file, then the environment, win over it. */
  write_config ("{\"api_url\": \"" URL "\", \"token\": \"file-token\"}");
  assert_resolved (NULL, "file-token", SHAROKEY_CONFIG_SOURCE_CONFIG_FILE);
  g_setenv ("SHAROKEY_TOKEN", "env-token", TRUE);
  assert_resolved (NULL, "env-token", SHAROKEY_CONFIG_SOURCE_ENVIRONMENT);
  g_unsetenv ("SHAROKEY_TOKEN");
  write_config (NULL);

  g_assert_true (sharokey_keyring_clear_token_sync (URL, NULL, &error));
  assert_resolved (URL, NULL, SHAROKEY_CONFIG_SOURCE_DEFAULT);
}

/* No session bus at all: a clear error at once, and no token (no hang,
 * no bus autolaunch). */
static void
test_no_session_bus (void)
{
  g_autofree gchar *address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_autofree gchar *runtime_dir = g_strdup (g_getenv ("XDG_RUNTIME_DIR"));
  g_autoptr(GError) error = NULL;

  g_assert_true (sharokey_keyring_store_token_sync (URL, "hidden-token", NULL, &error));
  g_assert_no_error (error);

  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_unsetenv ("XDG_RUNTIME_DIR");
  g_assert_false (sharokey_keyring_store_token_sync (URL, "a-token", NULL, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_KEYRING_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_null (sharokey_keyring_lookup_token_sync (URL, NULL, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_KEYRING_UNAVAILABLE);
  g_clear_error (&error);
  assert_resolved (URL, NULL, SHAROKEY_CONFIG_SOURCE_DEFAULT);

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
  assert_lookup (URL, "hidden-token");
  g_assert_true (sharokey_keyring_clear_token_sync (URL, NULL, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* keyring-session.sh gives a throw-away HOME and a private bus. */
  if (g_getenv ("SHAROKEY_KEYRING_TEST_ROOT") == NULL)
    {
      g_printerr ("run through tests/keyring/keyring-session.sh keyring\n");
      return 1;
    }

  g_test_add_func ("/keyring/available", test_available);
  g_test_add_func ("/keyring/normalize", test_normalize);
  g_test_add_func ("/keyring/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/keyring/refused-arguments", test_refused_arguments);
  g_test_add_func ("/keyring/async", test_async);
  g_test_add_func ("/keyring/cancelled", test_cancelled);
  g_test_add_func ("/keyring/resolver-order", test_resolver_order);
  g_test_add_func ("/keyring/no-session-bus", test_no_session_bus);
  return g_test_run ();
}
