/* replay-main.c: runs a fuzz harness on every file of the corpus folders
 * given as arguments, once each: the regression test of the normal build.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>

#include "fuzz.h"

static guint
replay_dir (const gchar *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const gchar *name;

  if (dir == NULL)
    g_error ("%s", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  /* In a stable order, so that a failure names the same input each time. */
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree gchar *file = g_build_filename (path, names->pdata[i], NULL);
      g_autofree gchar *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (file, &contents, &len, &error))
        g_error ("%s", error->message);
      printf ("# %s\n", file);
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
    }
  return names->len;
}

int
main (int    argc,
      char **argv)
{
  guint total = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS_DIR…\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    total += replay_dir (argv[i]);
  if (total == 0)
    {
      fprintf (stderr, "no input in the corpus\n");
      return 1;
    }
  printf ("replayed %u inputs\n", total);
  return 0;
}
