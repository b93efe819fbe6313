/* sharokey-test-make-secret.c: a secret encrypted by the library, for tests
 *
 *   sharokey-test-make-secret [--hours N] [--views N] [--password P]
 *       [--captcha] [--otp-email E] [--ip-whitelist L] [--geolocation L]
 *       [--description D] [--message M] [--attach FILE]...
 *       [--post API_URL] < plaintext
 *
 * Reads the plaintext bytes on stdin and builds the POST /secrets body with
 * _sharokey_secret_body_build. Without --post it prints that body; with
 * --post it sends it (token from env SHAROKEY_TOKEN) and prints the share
 * URL access_url#keyB.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "sharokey-private.h"

static gint opt_hours = 24;
static gint opt_views = 1;
static gchar *opt_password, *opt_otp_email, *opt_ip, *opt_geo, *opt_description, *opt_message, *opt_post;
static gboolean opt_captcha;
static gchar **opt_attach;

static const GOptionEntry entries[] = {
  { "hours", 0, 0, G_OPTION_ARG_INT, &opt_hours, "Expiration hours", "N" },
  { "views", 0, 0, G_OPTION_ARG_INT, &opt_views, "Maximum views", "N" },
  { "password", 0, 0, G_OPTION_ARG_STRING, &opt_password, "Password", "P" },
  { "captcha", 0, 0, G_OPTION_ARG_NONE, &opt_captcha, "Captcha", NULL },
  { "otp-email", 0, 0, G_OPTION_ARG_STRING, &opt_otp_email, "OTP e-mail", "E" },
  { "ip-whitelist", 0, 0, G_OPTION_ARG_STRING, &opt_ip, "IP whitelist", "L" },
  { "geolocation", 0, 0, G_OPTION_ARG_STRING, &opt_geo, "Countries", "L" },
  { "description", 0, 0, G_OPTION_ARG_STRING, &opt_description, "Description", "D" },
  { "message", 0, 0, G_OPTION_ARG_STRING, &opt_message, "Message", "M" },
  { "attach", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_attach, "Attachment", "FILE" },
  { "post", 0, 0, G_OPTION_ARG_STRING, &opt_post, "API base URL to post to", "URL" },
  { NULL }
};

static int
fail (const gchar *message)
{
  g_printerr ("sharokey-test-make-secret: %s\n", message);
  return 1;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SharokeySecretOptions) options = sharokey_secret_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GString) input = g_string_new (NULL);
  gchar *key_b = NULL;
  gchar buf[4096];
  gsize n;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);

  while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
    g_string_append_len (input, buf, n);

  sharokey_secret_options_set_password (options, opt_password);
  sharokey_secret_options_set_captcha (options, opt_captcha);
  sharokey_secret_options_set_otp_email (options, opt_otp_email);
  sharokey_secret_options_set_ip_whitelist (options, opt_ip);
  sharokey_secret_options_set_geolocation (options, opt_geo);
  sharokey_secret_options_set_description (options, opt_description);
  sharokey_secret_options_set_message (options, opt_message);
  sharokey_secret_options_set_attachments (options, (const gchar * const *) opt_attach);

  body = _sharokey_secret_body_build (input->str, opt_hours, opt_views, options, &key_b, &error);
  if (body == NULL)
    return fail (error->message);

  if (opt_post == NULL)
    {
      fwrite (g_bytes_get_data (body, NULL), 1, g_bytes_get_size (body), stdout);
      sharokey_wipe_free (key_b);
      return 0;
    }

  {
    g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
    g_autofree gchar *url = g_strdup_printf ("%s/secrets", opt_post);
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
    g_autofree gchar *auth = g_strdup_printf ("Bearer %s", g_getenv ("SHAROKEY_TOKEN") ? g_getenv ("SHAROKEY_TOKEN") : "");
    g_autoptr(GBytes) response = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *data;

    if (msg == NULL)
      return fail ("invalid --post URL");
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
    response = soup_session_send_and_read (session, msg, NULL, &error);
    if (response == NULL)
      return fail (error->message);
    if (soup_message_get_status (msg) != SOUP_STATUS_CREATED ||
        !json_parser_load_from_data (parser, g_bytes_get_data (response, NULL),
                                     g_bytes_get_size (response), NULL))
      {
        g_autofree gchar *text = g_strdup_printf ("HTTP %u: %.*s", soup_message_get_status (msg),
                                                  (int) g_bytes_get_size (response),
                                                  (const gchar *) g_bytes_get_data (response, NULL));
        return fail (text);
      }
    data = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "data");
    g_print ("%s#%s\n", json_object_get_string_member (data, "access_url"), key_b);
  }
  sharokey_wipe_free (key_b);
  return 0;
}
