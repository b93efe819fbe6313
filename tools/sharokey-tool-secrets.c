/* sharokey-tool-secrets.c: create, list, get, delete, stats and test
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "sharokey-tool.h"

/* --- create --- */

typedef struct {
  GMainLoop *loop;
  GCancellable *cancellable;
  gboolean interrupted;
  JsonNode *result;
  GError *error;
} CreateWait;

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CreateWait *wait = user_data;

  wait->result = sharokey_client_create_finish (SHAROKEY_CLIENT (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
on_interrupt (gpointer user_data)
{
  CreateWait *wait = user_data;

  wait->interrupted = TRUE;
  g_cancellable_cancel (wait->cancellable);
  return G_SOURCE_CONTINUE;
}

int
tool_cmd_create (ToolGlobals *globals,
                 int          argc,
                 char       **argv)
{
  gint hours = 24, views = 1;
  gchar *description = NULL, *message = NULL, *password = NULL, *password_fd_text = NULL;
  gchar *otp_email = NULL, *otp_phone = NULL, *ip_whitelist = NULL, *geolocation = NULL;
  gboolean captcha = FALSE;
  gchar **attachments = NULL;
  const GOptionEntry entries[] = {
    { "hours", 0, 0, G_OPTION_ARG_INT, &hours,
      N_("Hours before the secret expires, 1 to 8760 (default: 24)"), N_("N") },
    { "views", 0, 0, G_OPTION_ARG_INT, &views,
      N_("How many times the secret can be opened, 1 to 1000 (default: 1)"), N_("N") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description,
      N_("A description for yourself, shown in lists"), N_("TEXT") },
    { "message", 0, 0, G_OPTION_ARG_STRING, &message,
      N_("A message shown to the recipient"), N_("TEXT") },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password,
      N_("A password the recipient must type (checked by the server; not part of the "
         "encryption). Other users can see it in the process list; prefer --password-fd"),
      N_("PASSWORD") },
    { "password-fd", 0, 0, G_OPTION_ARG_STRING, &password_fd_text,
      N_("Read that password from file descriptor FD until its end (one trailing newline "
         "is dropped), which keeps it out of the process list"),
      N_("FD") },
    { "captcha", 0, 0, G_OPTION_ARG_NONE, &captcha,
      N_("The recipient must solve a captcha"), NULL },
    { "otp-email", 0, 0, G_OPTION_ARG_STRING, &otp_email,
      N_("Send a one-time code to this e-mail address"), N_("EMAIL") },
    { "otp-phone", 0, 0, G_OPTION_ARG_STRING, &otp_phone,
      N_("Send a one-time code by SMS to this number, like +33674747474"), N_("PHONE") },
    { "ip-whitelist", 0, 0, G_OPTION_ARG_STRING, &ip_whitelist,
      N_("Comma-separated public IP addresses or CIDR ranges allowed to open it"), N_("LIST") },
    { "geolocation", 0, 0, G_OPTION_ARG_STRING, &geolocation,
      N_("Comma-separated ISO country codes allowed to open it, like FR,US"), N_("LIST") },
    { "attach", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &attachments,
      N_("Attach a file (repeatable; at most 10 files, 10 MB in all)"), N_("FILE") },
    { NULL }
  };
  const ToolCommand *command = tool_commands_lookup ("create");
  g_autoptr(SharokeySecretOptions) options = NULL;
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  gchar *content = NULL;
  CreateWait wait = { NULL, };
  ToolProgress *progress = NULL;
  JsonObject *data;
  const gchar *share_url = NULL;
  guint sigint;
  int status = TOOL_EXIT_USAGE;

  if (!tool_command_parse (command, entries, &argc, &argv) ||
      !tool_check_arguments ("create", argc, 1, _("CONTENT (or - to read it from standard input)")))
    goto out;

  if (password_fd_text != NULL)
    {
      int fd = -1;

      if (password != NULL)
        {
          status = tool_fail_message (TOOL_EXIT_USAGE,
                                      _("--password and --password-fd cannot be used together"));
          goto out;
        }
      if (!sharokey_parse_password_fd (password_fd_text, &fd, &error))
        {
          status = tool_fail (error);
          goto out;
        }
      if (fd == STDIN_FILENO && g_str_equal (argv[1], "-"))
        {
          status = tool_fail_message (TOOL_EXIT_USAGE,
                                      _("--password-fd 0 cannot be used with “-”: "
                                        "both would read standard input"));
          goto out;
        }
      password = sharokey_read_password_fd (fd, &error);
      if (password == NULL)
        {
          status = tool_fail (error);
          goto out;
        }
    }

  /* An empty value (`--ip-whitelist "$UNSET"`) would silently create a
   * link without the protection or restriction asked for. */
  {
    const struct { const gchar *flag; const gchar *value; } guarded[] = {
      { "--password", password }, { "--otp-email", otp_email }, { "--otp-phone", otp_phone },
      { "--ip-whitelist", ip_whitelist }, { "--geolocation", geolocation },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (guarded); i++)
      if (guarded[i].value != NULL && guarded[i].value[0] == '\0')
        {
          /* TRANSLATORS: %s is an option such as --password */
          status = tool_fail_message (TOOL_EXIT_USAGE, _("%s is empty"), guarded[i].flag);
          goto out;
        }
  }

  if (g_str_equal (argv[1], "-"))
    {
      content = sharokey_read_secret_fd (STDIN_FILENO, _("Secret: "), &error);
      if (content == NULL)
        {
          status = tool_fail (error);
          goto out;
        }
    }
  else
    content = g_strdup (argv[1]);

  options = sharokey_secret_options_new ();
  sharokey_secret_options_set_description (options, description);
  sharokey_secret_options_set_message (options, message);
  sharokey_secret_options_set_password (options, password);
  sharokey_secret_options_set_captcha (options, captcha);
  sharokey_secret_options_set_otp_email (options, otp_email);
  sharokey_secret_options_set_otp_phone (options, otp_phone);
  sharokey_secret_options_set_ip_whitelist (options, ip_whitelist);
  sharokey_secret_options_set_geolocation (options, geolocation);
  sharokey_secret_options_set_attachments (options, (const gchar * const *) attachments);

  /* Negative numbers wrap to huge ones, which the checks reject. */
  if (!sharokey_validate_secret (content, (guint) hours, (guint) views, options, &error))
    {
      status = tool_fail (error);
      goto out;
    }

  client = tool_client_new (globals, FALSE, &error);
  if (client == NULL)
    {
      status = tool_fail (error);
      goto out;
    }

  if (attachments != NULL && attachments[0] != NULL)
    {
      tool_warn (_("Sharokey encrypts attached files with the same key and nonce as the "
                   "message; whoever holds the stored data and can guess how a file begins "
                   "can recover the start of the message. Share very sensitive text without "
                   "attachments."));
      progress = tool_progress_attach (options);
    }

  cancellable = g_cancellable_new ();
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  wait.cancellable = cancellable;
  sigint = g_unix_signal_add (SIGINT, on_interrupt, &wait);
  sharokey_client_create_async (client, content, (guint) hours, (guint) views, options,
                                cancellable, on_created, &wait);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  tool_progress_finish (progress);

  if (wait.result == NULL)
    {
      status = tool_fail_unaddressed (wait.error);
      g_clear_error (&wait.error);
      goto out;
    }

  data = tool_envelope_data (wait.result);
  if (data != NULL && json_object_has_member (data, "share_url"))
    share_url = json_object_get_string_member_with_default (data, "share_url", NULL);

  if (globals->json)
    {
      tool_print_json (wait.result);
      status = TOOL_EXIT_OK;
    }
  else if (share_url == NULL)
    status = tool_fail_message (TOOL_EXIT_NETWORK, _("The server's answer has no share link"));
  else
    {
      g_autofree gchar *line = g_strconcat (share_url, "\n", NULL);

      if (tool_write_stdout (line, strlen (line)))
        status = TOOL_EXIT_OK;
      else
        {
          /* The link is the only way to the secret: if it cannot be
           * printed, nobody can open the secret, so it goes. */
          const gchar *error_text = g_strerror (errno);
          g_autofree gchar *slug = tool_json_member_text (data, "slug");
          g_autoptr(JsonNode) deleted = sharokey_client_delete_sync (client, slug, NULL, NULL);

          status = tool_fail_message (TOOL_EXIT_FAILURE,
                                      _("Cannot write the link to standard output (%s); "
                                        "the secret was deleted"),
                                      error_text);
        }
      explicit_bzero (line, strlen (line));
    }
  json_node_unref (wait.result);

out:
  sharokey_secret_free (content);
  sharokey_secret_free (password);
  g_free (password_fd_text);
  g_free (description);
  g_free (message);
  g_free (otp_email);
  g_free (otp_phone);
  g_free (ip_whitelist);
  g_free (geolocation);
  g_strfreev (attachments);
  if (wait.interrupted)
    {
      /* The secrets are wiped; now die of the signal, so that a shell
       * loop or script running us stops too instead of going on. */
      signal (SIGINT, SIG_DFL);
      raise (SIGINT);
    }
  return status;
}

/* --- list, get, delete, stats --- */

static void
print_secret_list (JsonNode *node,
                   gpointer  user_data)
{
  static const gchar * const members[] = { "slug", "description", "views", "status", "expiration", NULL };
  static const gchar * const headers[] = { N_("SLUG"), N_("DESCRIPTION"), N_("VIEWS"),
                                           N_("STATUS"), N_("EXPIRES"), NULL };
  JsonArray *items = tool_envelope_items (node, "secrets");

  if (items == NULL || json_array_get_length (items) == 0)
    g_print ("%s\n", _("No secrets."));
  else
    tool_print_table (items, members, headers);
}

static void
print_secret (JsonNode *node,
              gpointer  slug)
{
  tool_print_data (node, NULL);
}

static void
print_secret_deleted (JsonNode *node,
                      gpointer  slug)
{
  g_autofree gchar *done = g_strdup_printf (_("Secret %s deleted."), (const gchar *) slug);

  g_print ("%s\n", done);
}

int
tool_cmd_list (ToolGlobals *globals,
               int          argc,
               char       **argv)
{
  static const ToolListKind secrets = {
    sharokey_client_list_sync, print_secret_list,
    N_("Show at most N secrets (1 to 1000)"),
    N_("Only active or only expired secrets"),
    N_("Only secrets created by this e-mail address"),
    N_("Only secrets whose description contains TEXT"),
  };

  return tool_run_list (globals, argc, argv, &secrets);
}

int
tool_cmd_get (ToolGlobals *globals,
              int          argc,
              char       **argv)
{
  return tool_run_identified (globals, argc, argv, _("SLUG"), _("Secret slug is required"),
                              sharokey_client_get_sync, print_secret);
}

int
tool_cmd_delete (ToolGlobals *globals,
                 int          argc,
                 char       **argv)
{
  return tool_run_identified (globals, argc, argv, _("SLUG"), _("Secret slug is required"),
                              sharokey_client_delete_sync, print_secret_deleted);
}

int
tool_cmd_stats (ToolGlobals *globals,
                int          argc,
                char       **argv)
{
  return tool_run_plain (globals, argc, argv, sharokey_client_stats_sync, tool_print_data);
}

/* --- test --- */

int
tool_cmd_test (ToolGlobals *globals,
               int          argc,
               char       **argv)
{
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *report;
  JsonArray *details = NULL;
  gint64 passed, total;

  if (!tool_command_parse (tool_commands_lookup ("test"), NULL, &argc, &argv) ||
      !tool_check_arguments ("test", argc, 0, NULL))
    return TOOL_EXIT_USAGE;

  /* A missing token is the first check's failure, not an early exit. */
  client = tool_client_new (globals, TRUE, &error);
  if (client == NULL)
    return tool_fail (error);
  node = sharokey_client_test_sync (client, NULL, &error);
  if (node == NULL)
    return tool_fail (error);

  report = tool_envelope_data (node);
  if (report == NULL)
    return tool_fail_message (TOOL_EXIT_NETWORK, _("The diagnostics returned no report"));
  if (json_object_has_member (report, "details") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (report, "details")))
    details = json_object_get_array_member (report, "details");
  passed = json_object_get_int_member_with_default (report, "passed", 0);
  total = json_object_get_int_member_with_default (report, "total", 6);

  if (globals->json)
    tool_print_json (node);
  else
    {
      for (guint i = 0; details != NULL && i < json_array_get_length (details); i++)
        {
          JsonNode *element = json_array_get_element (details, i);
          JsonObject *check;
          g_autofree gchar *name = NULL, *message = NULL;
          g_autofree gchar *name_line = NULL, *message_line = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          check = json_node_get_object (element);
          name = tool_json_member_text (check, "name");
          message = tool_json_member_text (check, "message");
          /* A failed check quotes the server: one line per check, whatever it said. */
          name_line = tool_printable (name);
          message_line = tool_printable (message);
          g_print ("%s %s: %s\n",
                   json_object_get_boolean_member_with_default (check, "success", FALSE) ? "✅" : "❌",
                   name_line, message_line);
        }
      g_print (_("%d of %d checks passed\n"), (int) passed, (int) total);
    }

  return passed == total && total > 0 ? TOOL_EXIT_OK : TOOL_EXIT_FAILURE;
}
