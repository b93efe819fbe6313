/* sharokey-tool-secrets.c: create, list, get, delete, stats and test
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "sharokey-duration.h"
#include "sharokey-tool.h"

/* --- create --- */

typedef struct {
  GMainLoop *loop;
  GCancellable *cancellable;
  gboolean interrupted;
  SharokeySecret *result;
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

/* The API takes 255 characters of text; more is a file's job. */
#define CONTENT_MAX_CHARACTERS 255

static gboolean
too_long (const gchar *content)
{
  return g_utf8_validate (content, -1, NULL) &&
         g_utf8_strlen (content, -1) > CONTENT_MAX_CHARACTERS;
}

/* Says what to do instead, and what it costs (the nonce reuse). */
static int
fail_too_long (const gchar *content)
{
  glong length = g_utf8_strlen (content, -1);

  return tool_fail_message (TOOL_EXIT_USAGE,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Content must be 255 characters or less (this is %ld "
                                         "character). To share a longer text, put it in a file "
                                         "and attach it (--attach FILE) with a short note as the "
                                         "content. The cost: attached files are encrypted with "
                                         "the note's key and nonce, so whoever holds the stored "
                                         "data can recover the note from a file whose start is "
                                         "guessable, and as many bytes of the file as the note "
                                         "has from a guessable note; keep the note short and "
                                         "not secret.",
                                         "Content must be 255 characters or less (this is %ld "
                                         "characters). To share a longer text, put it in a file "
                                         "and attach it (--attach FILE) with a short note as the "
                                         "content. The cost: attached files are encrypted with "
                                         "the note's key and nonce, so whoever holds the stored "
                                         "data can recover the note from a file whose start is "
                                         "guessable, and as many bytes of the file as the note "
                                         "has from a guessable note; keep the note short and "
                                         "not secret.",
                                         (gulong) length),
                            length);
}

/* `sharokey create creds.txt` would share the nine characters of the
 * name. Warn (without quoting it: it is the secret, if it was meant);
 * on a terminal, ask. Elsewhere, a script may mean it: go on. */
static gboolean
confirm_content_not_path (const gchar *content)
{
  gchar answer[16] = "";

  if (!g_file_test (content, G_FILE_TEST_EXISTS))
    return TRUE;
  tool_warn (_("the content given is the name of an existing file: the secret will be that "
               "name, not what the file holds. To share the file, use --attach FILE; to share "
               "its text, use “sharokey create - < FILE”."));
  if (!isatty (STDIN_FILENO) || !isatty (STDERR_FILENO))
    return TRUE;
  /* TRANSLATORS: [y/N] with the letter of "yes" in your language, which
     must be the translation of "y" (context "yes/no answer") too */
  g_printerr ("%s", _("Share the name itself anyway? [y/N] "));
  if (fgets (answer, sizeof answer, stdin) == NULL)
    {
      g_printerr ("\n");
      return FALSE;
    }
  return tool_answer_is_yes (answer);
}

int
tool_cmd_create (ToolGlobals *globals,
                 int          argc,
                 char       **argv)
{
  gint views = 1;
  guint hours = 24;
  g_autofree gchar *hours_text = NULL;
  gchar *description = NULL, *message = NULL, *password = NULL, *password_fd_text = NULL;
  gchar *otp_email = NULL, *otp_phone = NULL, *ip_whitelist = NULL, *geolocation = NULL;
  gboolean captcha = FALSE;
  gchar **attachments = NULL;
  const GOptionEntry entries[] = {
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours_text,
      N_("Time before the secret expires: hours (24 or 24h), days (2d) or weeks (1w), "
         "from 1 hour to 365 days (default: 24h)"), N_("DURATION") },
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
  const gchar *share_url = NULL;
  guint sigint;
  int status = TOOL_EXIT_USAGE;

  if (!tool_command_parse (command, entries, &argc, &argv) ||
      !tool_check_arguments ("create", argc, 1, _("CONTENT (or - to read it from standard input)")))
    goto out;
  if (hours_text != NULL && !sharokey_parse_duration ("--hours", hours_text, &hours, &error))
    {
      status = tool_fail (error);
      goto out;
    }

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
    {
      /* With files attached the content is a note, and naming the file
       * in it ("see notes.txt") is natural. */
      if ((attachments == NULL || attachments[0] == NULL) && !confirm_content_not_path (argv[1]))
        {
          status = tool_fail_message (TOOL_EXIT_FAILURE, _("Nothing was sent."));
          goto out;
        }
      content = g_strdup (argv[1]);
    }

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
  if (!sharokey_validate_secret (content, hours, (guint) views, options, &error))
    {
      status = too_long (content) ? fail_too_long (content) : tool_fail (error);
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
      progress = tool_progress_new (options);
    }

  cancellable = g_cancellable_new ();
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  wait.cancellable = cancellable;
  sigint = g_unix_signal_add (SIGINT, on_interrupt, &wait);
  sharokey_client_create_async (client, content, hours, (guint) views, options,
                                progress != NULL ? tool_progress_update : NULL, progress, NULL,
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

  share_url = sharokey_secret_get_share_url (wait.result);

  if (globals->json)
    {
      /* The API's answer, and the link the client made from it. */
      g_autoptr(JsonNode) data = json_node_copy (sharokey_secret_get_json (wait.result));

      json_object_set_string_member (json_node_get_object (data), "share_url", share_url);
      tool_print_envelope (data);
      /* The copy holds keyB too. */
      explicit_bzero ((gchar *) json_object_get_string_member (json_node_get_object (data), "share_url"),
                      strlen (share_url));
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
          const gchar *slug = sharokey_secret_get_slug (wait.result);

          if (sharokey_client_delete_sync (client, slug, NULL, NULL))
            status = tool_fail_message (TOOL_EXIT_FAILURE,
                                        _("Cannot write the link to standard output (%s); "
                                          "the secret was deleted"),
                                        error_text);
          else
            status = tool_fail_message (TOOL_EXIT_NETWORK,
                                        _("Cannot write the link to standard output (%s), and the "
                                          "secret could not be deleted: run “sharokey delete %s”"),
                                        error_text, slug);
        }
      explicit_bzero (line, strlen (line));
    }
  g_object_unref (wait.result);

out:
  sharokey_wipe_free (content);
  sharokey_wipe_free (password);
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

static int
get_secret (ToolGlobals    *globals,
            SharokeyClient *client,
            const gchar    *slug)
{
  g_autoptr(SharokeySecret) secret = NULL;
  g_autoptr(GError) error = NULL;

  secret = sharokey_client_get_sync (client, slug, NULL, &error);
  if (secret == NULL)
    return tool_fail (error);
  tool_print_item (globals, sharokey_secret_get_json (secret));
  return TOOL_EXIT_OK;
}

static int
delete_secret (ToolGlobals    *globals,
               SharokeyClient *client,
               const gchar    *slug)
{
  g_autoptr(GError) error = NULL;
  g_autofree gchar *done = NULL;

  if (!sharokey_client_delete_sync (client, slug, NULL, &error))
    return tool_fail (error);
  if (globals->json)
    {
      g_autoptr(JsonNode) data = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "slug", slug);
      json_node_take_object (data, object);
      tool_print_envelope (data);
      return TOOL_EXIT_OK;
    }
  done = g_strdup_printf (_("Secret %s deleted."), slug);
  g_print ("%s\n", done);
  return TOOL_EXIT_OK;
}

static int
secret_stats (ToolGlobals    *globals,
              SharokeyClient *client)
{
  g_autoptr(SharokeyStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  stats = sharokey_client_stats_sync (client, NULL, &error);
  if (stats == NULL)
    return tool_fail_unaddressed (error);
  tool_print_item (globals, sharokey_stats_get_json (stats));
  return TOOL_EXIT_OK;
}

int
tool_cmd_list (ToolGlobals *globals,
               int          argc,
               char       **argv)
{
  static const gchar * const members[] = { "slug", "description", "views", "status", "expiration", NULL };
  static const gchar * const headers[] = { N_("SLUG"), N_("DESCRIPTION"), N_("VIEWS"),
                                           N_("STATUS"), N_("EXPIRES"), NULL };
  static const ToolListKind secrets = {
    sharokey_client_list_sync, members, headers, N_("No secrets."),
    N_("Show at most N secrets per page (1 to 1000)"),
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
                              get_secret);
}

int
tool_cmd_delete (ToolGlobals *globals,
                 int          argc,
                 char       **argv)
{
  return tool_run_identified (globals, argc, argv, _("SLUG"), _("Secret slug is required"),
                              delete_secret);
}

int
tool_cmd_stats (ToolGlobals *globals,
                int          argc,
                char       **argv)
{
  return tool_run_plain (globals, argc, argv, secret_stats);
}

/* --- test --- */

/* --json: {"passed", "total", "details": [{"name", "label", "success",
 * "message"}]}, the form scripts have always read. */
static JsonNode *
diagnosis_to_json (SharokeyDiagnosis *diagnosis)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint total = g_list_model_get_n_items (G_LIST_MODEL (diagnosis));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "passed");
  json_builder_add_int_value (builder, sharokey_diagnosis_get_n_passed (diagnosis));
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_set_member_name (builder, "details");
  json_builder_begin_array (builder);
  for (guint i = 0; i < total; i++)
    {
      g_autoptr(SharokeyCheck) check = g_list_model_get_item (G_LIST_MODEL (diagnosis), i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, sharokey_check_get_name (check));
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, sharokey_check_get_label (check));
      json_builder_set_member_name (builder, "success");
      json_builder_add_boolean_value (builder, sharokey_check_get_passed (check));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, sharokey_check_get_message (check));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
tool_cmd_test (ToolGlobals *globals,
               int          argc,
               char       **argv)
{
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeyDiagnosis) diagnosis = NULL;
  guint total;

  if (!tool_command_parse (tool_commands_lookup ("test"), NULL, &argc, &argv) ||
      !tool_check_arguments ("test", argc, 0, NULL))
    return TOOL_EXIT_USAGE;

  /* A missing token is the first check's failure, not an early exit. */
  client = tool_client_new (globals, TRUE, &error);
  if (client == NULL)
    return tool_fail (error);
  diagnosis = sharokey_client_test_sync (client, NULL, &error);
  if (diagnosis == NULL)
    return tool_fail (error);
  total = g_list_model_get_n_items (G_LIST_MODEL (diagnosis));

  if (globals->json)
    {
      g_autoptr(JsonNode) node = diagnosis_to_json (diagnosis);

      tool_print_json (node);
    }
  else
    {
      for (guint i = 0; i < total; i++)
        {
          g_autoptr(SharokeyCheck) check = g_list_model_get_item (G_LIST_MODEL (diagnosis), i);
          /* A failed check quotes the server: one line per check, whatever it said. */
          g_autofree gchar *name_line = tool_printable (sharokey_check_get_label (check));
          g_autofree gchar *message_line = tool_printable (sharokey_check_get_message (check));

          g_print ("%s %s: %s\n", tool_check_mark (sharokey_check_get_passed (check)),
                   name_line, message_line);
        }
      g_print (_("%d of %d checks passed\n"), (int) sharokey_diagnosis_get_n_passed (diagnosis),
               (int) total);
    }

  return sharokey_diagnosis_get_passed (diagnosis) ? TOOL_EXIT_OK : TOOL_EXIT_FAILURE;
}
