/* test-i18n-library.c: the library's messages come from its catalogue
 *
 * This program never calls bindtextdomain(): the library binds its own
 * domain when it is loaded, and SHAROKEY_LOCALEDIR (set by meson.build)
 * points it at the catalogue in the build tree. Each case runs in a child
 * process: the library reads SHAROKEY_LOCALEDIR once, when it is loaded,
 * and glibc caches translations for the life of a process.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <locale.h>

#include <glib/gstdio.h>

#include <sharokey.h>

/* Prints the message of the library's error for an invalid secret. */
static void
print_validation_error (const gchar *content,
                        guint        views)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sharokey_validate_secret (content, 24, views, NULL, &error));
  g_assert_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION);
  g_print ("%s\n", error->message);
}

/* Reruns the current test in a child whose environment has LANGUAGE set
 * to @language (or unset) and, when @localedir is given, that catalogue
 * directory instead of the one meson.build gives. */
static void
run_in_child (const gchar *language,
              const gchar *localedir)
{
  g_autofree gchar *saved_localedir = g_strdup (g_getenv ("SHAROKEY_LOCALEDIR"));

  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  if (localedir != NULL)
    g_setenv ("SHAROKEY_LOCALEDIR", localedir, TRUE);

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);

  g_setenv ("SHAROKEY_LOCALEDIR", saved_localedir, TRUE);
  g_unsetenv ("LANGUAGE");
}

static void
test_french_content (void)
{
  if (g_test_subprocess ())
    {
      print_validation_error ("", 1);
      return;
    }
  run_in_child ("fr", NULL);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("Le contenu est obligatoire\n");
}

static void
test_french_views (void)
{
  if (g_test_subprocess ())
    {
      print_validation_error ("x", 1001);
      return;
    }
  run_in_child ("fr", NULL);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("Le nombre de vues doit être compris entre 1 et 1000\n");
}

static void
test_english_without_language (void)
{
  if (g_test_subprocess ())
    {
      print_validation_error ("", 1);
      return;
    }
  run_in_child (NULL, NULL);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("Content is required\n");
}

/* French falls back to English when the catalogue directory has no
 * French: the text above came from the directory the library was given. */
static void
test_catalogue_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *empty = NULL;

  if (g_test_subprocess ())
    {
      print_validation_error ("", 1);
      return;
    }
  empty = g_dir_make_tmp ("sharokey-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  run_in_child ("fr", empty);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("Content is required\n");
  g_assert_cmpint (g_rmdir (empty), ==, 0);
}

/* The diagnostics' checks: the name stays English for scripts, the label
 * and the message are in the user's language. With no token and nothing
 * listening on the port, every check fails, and the run needs no server. */
static void
test_french_diagnosis (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL);
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
      g_autoptr(GSocketAddress) bound = NULL;
      g_autoptr(SharokeyClient) client = NULL;
      g_autoptr(SharokeyDiagnosis) report = NULL;
      g_autoptr(SharokeyCheck) first = NULL;
      g_autofree gchar *url = NULL;
      g_autoptr(GError) error = NULL;

      /* A loopback port nothing listens on: bound, then released. */
      g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
      bound = g_socket_get_local_address (socket, NULL);
      url = g_strdup_printf ("http://127.0.0.1:%u/api/v1",
                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
      g_clear_object (&socket);
      client = g_object_new (SHAROKEY_TYPE_CLIENT, "api-url", url, "timeout", 20, NULL);
      report = sharokey_client_test_sync (client, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (report)); i++)
        {
          g_autoptr(SharokeyCheck) check = g_list_model_get_item (G_LIST_MODEL (report), i);

          g_print ("%s|%s|%d\n", sharokey_check_get_name (check), sharokey_check_get_label (check),
                   sharokey_check_get_passed (check));
        }
      first = g_list_model_get_item (G_LIST_MODEL (report), 0);
      g_print ("%s\n", sharokey_check_get_message (first));
      return;
    }
  run_in_child ("fr", NULL);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("Configuration|Configuration|0\n"
                             "Network|Réseau|0\n"
                             "Authentication|Authentification|0\n"
                             "Read Access|Accès en lecture|0\n"
                             "Write Access|Accès en écriture|0\n"
                             "Statistics|Statistiques|0\n"
                             "Le jeton d’API est absent\n");
}

int
main (int    argc,
      char **argv)
{
  /* The application's part: take the locale from the environment. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("SHAROKEY_LOCALEDIR") == NULL)
    g_error ("SHAROKEY_LOCALEDIR must name the built catalogue directory");

  g_test_add_func ("/i18n/library/french-content", test_french_content);
  g_test_add_func ("/i18n/library/french-views", test_french_views);
  g_test_add_func ("/i18n/library/english-without-language", test_english_without_language);
  g_test_add_func ("/i18n/library/catalogue-directory", test_catalogue_directory);
  g_test_add_func ("/i18n/library/french-diagnosis", test_french_diagnosis);

  return g_test_run ();
}
