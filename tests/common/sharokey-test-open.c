/* sharokey-test-open.c: opens a share link exactly as the browser viewer does
 *
 * Reads ONE share URL (http://HOST:PORT/s/SLUG#KEYB) on stdin, POSTs to the
 * viewer's reveal endpoint (consuming one view), decrypts with keyA+keyB
 * and writes the plaintext bytes to stdout, unchanged.
 *
 *   sharokey-test-open [--attachments DIR]
 *   env SHAROKEY_TEST_PASSWORD: password of a protected secret
 *
 * Exit status: 0 opened, 4 gone or not found, 1 any other error.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "sharokey-private.h"

#define EXIT_GONE 4

static int
fail (const gchar *message)
{
  g_printerr ("sharokey-test-open: %s\n", message);
  return 1;
}

static gchar *
read_stdin_line (void)
{
  GString *line = g_string_new (NULL);
  int c;

  while ((c = getchar ()) != EOF && c != '\n' && line->len < 4096)
    g_string_append_c (line, (gchar) c);
  g_strstrip (line->str);
  return g_string_free (line, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autofree gchar *url = NULL;
  g_autofree gchar *attachments_dir = NULL;
  g_autofree gchar *base = NULL, *slug = NULL, *reveal_url = NULL, *key_string = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GBytes) plaintext = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) request_root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gchar *request_body = NULL;
  const gchar *password = g_getenv ("SHAROKEY_TEST_PASSWORD");
  const gchar *hash, *marker, *content, *iv, *salt, *key_a;
  JsonObject *root, *data;
  JsonArray *attachments;
  guint status;
  gsize len;

  if (argc == 3 && g_str_equal (argv[1], "--attachments"))
    attachments_dir = g_strdup (argv[2]);
  else if (argc != 1)
    return fail ("usage: sharokey-test-open [--attachments DIR] < share-url");

  url = read_stdin_line ();
  hash = strchr (url, '#');
  marker = g_strrstr (url, "/s/");
  if (hash == NULL || marker == NULL || marker > hash || strlen (hash + 1) != SHAROKEY_KEY_B_LENGTH)
    return fail ("expected a share URL http://HOST:PORT/s/SLUG#KEYB on stdin");
  base = g_strndup (url, marker - url);
  slug = g_strndup (marker + 3, hash - marker - 3);
  reveal_url = g_strdup_printf ("%s/api/v1/viewer/%s/reveal", base, slug);

  json_builder_begin_object (builder);
  if (password != NULL)
    {
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, password);
    }
  json_builder_end_object (builder);
  request_root = json_builder_get_root (builder);
  json_generator_set_root (generator, request_root);
  request_body = json_generator_to_data (generator, &len);

  session = soup_session_new_with_options ("timeout", 60, NULL);
  msg = soup_message_new ("POST", reveal_url);
  if (msg == NULL)
    return fail ("invalid URL");
  {
    g_autoptr(GBytes) body = g_bytes_new (request_body, len);
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
  }
  response = soup_session_send_and_read (session, msg, NULL, &error);
  if (response == NULL)
    return fail (error->message);
  status = soup_message_get_status (msg);
  if (status == SOUP_STATUS_NOT_FOUND)
    {
      g_printerr ("sharokey-test-open: the secret is gone\n");
      return EXIT_GONE;
    }
  if (status != SOUP_STATUS_OK)
    {
      g_autofree gchar *text = g_strdup_printf ("HTTP %u: %.*s", status,
                                                (int) g_bytes_get_size (response),
                                                (const gchar *) g_bytes_get_data (response, NULL));
      return fail (text);
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (response, NULL),
                                   g_bytes_get_size (response), &error))
    return fail (error->message);
  root = json_node_get_object (json_parser_get_root (parser));
  data = json_object_get_object_member (root, "data");
  content = json_object_get_string_member_with_default (data, "content", NULL);
  iv = json_object_get_string_member_with_default (data, "iv", NULL);
  salt = json_object_get_string_member_with_default (data, "salt", NULL);
  key_a = json_object_get_string_member_with_default (data, "key", NULL);
  if (content == NULL || iv == NULL || salt == NULL || key_a == NULL)
    return fail ("incomplete payload");

  key_string = g_strconcat (key_a, hash + 1, NULL);
  plaintext = sharokey_decrypt (key_string, content, iv, salt, &error);
  if (plaintext == NULL)
    {
      sharokey_wipe_free (g_steal_pointer (&key_string));
      return fail (error->message);
    }

  attachments = json_object_get_array_member (data, "attachments");
  for (guint i = 0; attachments_dir != NULL && attachments != NULL &&
                    i < json_array_get_length (attachments); i++)
    {
      JsonObject *item = json_array_get_object_element (attachments, i);
      const gchar *name = json_object_get_string_member (item, "name");
      g_autofree gchar *safe = g_path_get_basename (name);
      g_autofree gchar *path = g_build_filename (attachments_dir, safe, NULL);
      g_autoptr(GBytes) file = sharokey_decrypt (key_string, json_object_get_string_member (item, "data"),
                                                 iv, salt, &error);

      if (file == NULL ||
          !g_file_set_contents (path, g_bytes_get_data (file, NULL), g_bytes_get_size (file), &error))
        {
          sharokey_wipe_free (g_steal_pointer (&key_string));
          return fail (error->message);
        }
    }
  sharokey_wipe_free (g_steal_pointer (&key_string));

  {
    const guint8 *bytes = g_bytes_get_data (plaintext, &len);
    if (len > 0 && fwrite (bytes, 1, len, stdout) != len)
      return fail ("cannot write to stdout");
  }
  return fflush (stdout) == 0 ? 0 : 1;
}
