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

  return g_test_run ();
}
