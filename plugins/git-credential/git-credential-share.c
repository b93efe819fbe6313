/* git-credential-share.c: `share` and `request`
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <sharokey.h>

#include "sharokey-duration.h"
#include "sharokey-exit-status.h"
#include "sharokey-printable.h"
#include "sharokey-secret-input.h"
#include "git-credential-commands.h"
#include "git-credential-git.h"
#include "git-credential-index.h"
#include "git-credential-protocol.h"

#define DEFAULT_HOURS 24
#define DEFAULT_VIEWS 1

gint
sharokey_git_command_share (gint    argc,
                            gchar **argv)
{
  guint hours = DEFAULT_HOURS;
  gint views = DEFAULT_VIEWS;
  g_autofree gchar *hours_text = NULL;
  g_autoptr(SharokeyWipedText) password = NULL;
  g_autofree gchar *password_fd_text = NULL;
  g_autofree gchar *otp_email = NULL;
  g_autofree gchar *otp_phone = NULL;
  gboolean captcha = FALSE;
  g_autofree gchar *ip_whitelist = NULL;
  g_autofree gchar *geolocation = NULL;
  g_autofree gchar *message = NULL;
  g_autofree gchar *format = NULL;
  const GOptionEntry entries[] = {
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours_text,
      N_("Time before the link expires: hours (24 or 24h), days (2d) or weeks (1w), up to 365 days (default 24h)"),
      N_("DURATION") },
    { "views", 0, 0, G_OPTION_ARG_INT, &views, N_("Times the link can be opened (default 1)"), N_("N") },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password,
      N_("Password the recipient must type; other users can see it in the process list of git "
         "and of the helper: prefer --password-fd"), N_("P") },
    { "password-fd", 0, 0, G_OPTION_ARG_STRING, &password_fd_text,
      N_("Read that password from file descriptor FD until its end (one trailing newline is "
         "dropped), which keeps it out of the process list"), N_("FD") },
    { "otp-email", 0, 0, G_OPTION_ARG_STRING, &otp_email, N_("Send a one-time code to this e-mail address"), N_("E") },
    { "otp-phone", 0, 0, G_OPTION_ARG_STRING, &otp_phone, N_("Send a one-time code to this phone number"), N_("P") },
    { "captcha", 0, 0, G_OPTION_ARG_NONE, &captcha, N_("The recipient solves a captcha"), NULL },
    { "ip-whitelist", 0, 0, G_OPTION_ARG_STRING, &ip_whitelist, N_("Comma-separated addresses or ranges allowed to open it"), N_("L") },
    { "geolocation", 0, 0, G_OPTION_ARG_STRING, &geolocation, N_("Comma-separated country codes allowed to open it"), N_("L") },
    { "message", 0, 0, G_OPTION_ARG_STRING, &message, N_("Message shown to the recipient"), N_("T") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("git (credential lines, the default) or password"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeyGitCredential) target = NULL;
  g_autoptr(SharokeyGitCredential) cred = NULL;
  g_autoptr(SharokeySecretOptions) options = NULL;
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(SharokeyGitIndex) index = NULL;
  g_autoptr(SharokeySecret) secret = NULL;
  g_autofree gchar *index_path = NULL;
  gchar *content = NULL;
  gboolean password_only;
  const gchar *slug, *share_url;
  SharokeyGitShare *share;

  /* TRANSLATORS: the command stays as it is; translate the argument name */
  context = g_option_context_new (N_("share URL"));
  g_option_context_set_summary (context, _("Shares the Git credential for URL as a one-time link."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sharokey_git_print_error ("%s", error->message);
      return 2;
    }
  if (argc != 2)
    {
      sharokey_git_print_error (_("Usage: git credential-sharokey share URL [OPTION…]"));
      return 2;
    }
  if (format != NULL && !g_str_equal (format, "git") && !g_str_equal (format, "password"))
    {
      sharokey_git_print_error (_("--format must be “git” or “password”"));
      return 2;
    }
  password_only = format != NULL && g_str_equal (format, "password");
  if (hours_text != NULL && !sharokey_parse_duration ("--hours", hours_text, &hours, &error))
    {
      sharokey_git_print_error ("%s", error->message);
      return SHAROKEY_EXIT_USAGE;
    }
  if (views <= 0)
    {
      sharokey_git_print_error (_("--views must be positive"));
      return 2;
    }
  /* An empty value (`--ip-whitelist "$UNSET"`) would silently share
   * without the protection or restriction asked for. */
  {
    const struct { const gchar *flag; const gchar *value; } guarded[] = {
      { "--password", password }, { "--otp-email", otp_email }, { "--otp-phone", otp_phone },
      { "--ip-whitelist", ip_whitelist }, { "--geolocation", geolocation },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (guarded); i++)
      if (guarded[i].value != NULL && guarded[i].value[0] == '\0')
        {
          /* TRANSLATORS: %s is an option such as --password */
          sharokey_git_print_error (_("%s is empty"), guarded[i].flag);
          return 2;
        }
  }

  target = sharokey_git_parse_url_pattern (argv[1]);
  if (target == NULL)
    return 2;

  if (password_fd_text != NULL)
    {
      int fd = -1;

      if (password != NULL)
        {
          sharokey_git_print_error (_("--password and --password-fd cannot be used together"));
          return 2;
        }
      if (!sharokey_parse_password_fd (password_fd_text, &fd, &error) ||
          (password = sharokey_read_password_fd (fd, &error)) == NULL)
        {
          sharokey_git_print_error ("%s", error->message);
          return sharokey_exit_status_for_error (error);
        }
    }

  options = sharokey_secret_options_new ();
  if (password != NULL)
    sharokey_secret_options_set_password (options, password);
  if (otp_email != NULL)
    sharokey_secret_options_set_otp_email (options, otp_email);
  if (otp_phone != NULL)
    sharokey_secret_options_set_otp_phone (options, otp_phone);
  sharokey_secret_options_set_captcha (options, captcha);
  if (ip_whitelist != NULL)
    sharokey_secret_options_set_ip_whitelist (options, ip_whitelist);
  if (geolocation != NULL)
    sharokey_secret_options_set_geolocation (options, geolocation);
  if (message != NULL)
    sharokey_secret_options_set_message (options, message);

  /* The settings and the token first: no point asking git (or the user)
   * for a credential that cannot be sent. The content is checked again
   * once known. */
  if (!sharokey_validate_secret ("-", hours, (guint) views, options, &error))
    {
      sharokey_git_print_error ("%s", error->message);
      return 2;
    }

  client = sharokey_git_client_new (&error);
  if (client == NULL)
    {
      sharokey_git_print_error ("%s", error->message);
      return sharokey_exit_status_for_error (error);
    }

  cred = sharokey_git_fill (argv[1], &error);
  if (cred == NULL)
    {
      sharokey_git_print_error ("%s", error->message);
      return SHAROKEY_EXIT_FAILURE;
    }

  if (password_only)
    content = g_strdup (cred->password);
  else
    content = sharokey_git_credential_to_lines (cred, TRUE);

  secret = sharokey_client_create_sync (client, content, hours,
                                        (guint) views, options, NULL, NULL, NULL, &error);
  sharokey_git_credential_wipe_free (content);
  if (secret == NULL)
    {
      return sharokey_git_fail_call (error);
    }

  slug = sharokey_secret_get_slug (secret);
  share_url = sharokey_secret_get_share_url (secret);
  /* The slug goes into the index and later into a path and a terminal. */
  if (slug == NULL || share_url == NULL || !sharokey_is_printable (slug) || strchr (slug, '/') != NULL ||
      g_str_equal (slug, ".") || g_str_equal (slug, ".."))
    {
      sharokey_git_print_error (_("The server's answer has no link"));
      return SHAROKEY_EXIT_NETWORK;
    }

  /* A link the index does not know could never be revoked by erase:
   * better to expire it at once than to hand it out. */
  index_path = sharokey_git_index_default_path ();
  index = sharokey_git_index_open (index_path, &error);
  if (index != NULL)
    {
      share = g_new0 (SharokeyGitShare, 1);
      share->slug = g_strdup (slug);
      share->protocol = g_strdup (cred->protocol);
      share->host = g_strdup (cred->host);
      share->path = g_strdup (cred->path);
      share->username = g_strdup (cred->username);
      share->created = g_get_real_time () / G_USEC_PER_SEC;
      sharokey_git_index_add (index, share);
    }
  if (index == NULL || !sharokey_git_index_save (index, &error))
    {
      sharokey_client_delete_sync (client, slug, NULL, NULL);
      sharokey_git_print_error ("%s", error->message);
      return 1;
    }

  /* The link is the only way to the secret: if it cannot be printed,
   * nobody can open the secret, so it goes. */
  if (printf ("%s\n", share_url) < 0 || fflush (stdout) != 0)
    {
      const gchar *error_text = g_strerror (errno);

      if (!sharokey_client_delete_sync (client, slug, NULL, NULL))
        {
          sharokey_git_print_error (_("Cannot write the link to standard output (%s), and the "
                                      "secret could not be deleted: run “sharokey delete %s”"),
                                    error_text, slug);
          return SHAROKEY_EXIT_NETWORK;
        }
      sharokey_git_print_error (_("Cannot write the link to standard output (%s); the secret "
                                  "was deleted"), error_text);
      return 1;
    }
  /* The link holds keyB: the secret object wipes it when freed. */
  return 0;
}

/* What a request token is made of, for the library to keep its key. */
#define TOKEN_CHARACTERS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

gint
sharokey_git_command_request (gint    argc,
                              gchar **argv)
{
  guint hours = DEFAULT_HOURS;
  guint request_hours = 48;
  gint views = DEFAULT_VIEWS;
  g_autofree gchar *hours_text = NULL;
  g_autofree gchar *request_hours_text = NULL;
  g_autofree gchar *email_to = NULL;
  g_autofree gchar *email_reply = NULL;
  g_autofree gchar *locale = NULL;
  const GOptionEntry entries[] = {
    { "email-to", 0, 0, G_OPTION_ARG_STRING, &email_to, N_("Who is asked for the credential (required)"), N_("ADDR") },
    { "email-reply", 0, 0, G_OPTION_ARG_STRING, &email_reply, N_("Where the answer is announced"), N_("ADDR") },
    { "locale", 0, 0, G_OPTION_ARG_STRING, &locale, N_("Language of the e-mail: en or fr"), N_("LOCALE") },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours_text,
      N_("How long the supplied credential stays readable: hours (24h), days (2d) or weeks (1w) (default 24h)"),
      N_("DURATION") },
    { "request-hours", 0, 0, G_OPTION_ARG_STRING, &request_hours_text,
      N_("How long the request stays open: hours (48h), days (2d) or weeks (1w) (default 48h)"),
      N_("DURATION") },
    { "views", 0, 0, G_OPTION_ARG_INT, &views, N_("Times the supplied credential can be read (default 1)"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SharokeyGitCredential) target = NULL;
  g_autoptr(SharokeyRequestOptions) options = NULL;
  g_autoptr(SharokeyClient) client = NULL;
  g_autoptr(SharokeySecretRequest) request = NULL;
  g_autofree gchar *identity = NULL;
  g_autofree gchar *text = NULL;
  const gchar *token;

  /* TRANSLATORS: the command stays as it is; translate the argument name */
  context = g_option_context_new (N_("request URL"));
  g_option_context_set_summary (context, _("Asks someone to send the Git credential for URL."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sharokey_git_print_error ("%s", error->message);
      return 2;
    }
  if (argc != 2 || email_to == NULL)
    {
      sharokey_git_print_error (_("Usage: git credential-sharokey request URL --email-to ADDR [OPTION…]"));
      return 2;
    }
  if ((hours_text != NULL && !sharokey_parse_duration ("--hours", hours_text, &hours, &error)) ||
      (request_hours_text != NULL &&
       !sharokey_parse_duration ("--request-hours", request_hours_text, &request_hours, &error)))
    {
      sharokey_git_print_error ("%s", error->message);
      return SHAROKEY_EXIT_USAGE;
    }
  if (views <= 0)
    {
      sharokey_git_print_error (_("--views must be positive"));
      return 2;
    }
  target = sharokey_git_parse_url_pattern (argv[1]);
  if (target == NULL)
    return 2;

  /* The identity only: a password written into the URL stays here. */
  identity = sharokey_git_credential_identity (target->protocol, target->host,
                                               target->path, target->username);
  text = g_strdup_printf (_("Git credential for %s"), identity);
  if (g_utf8_strlen (text, -1) > 255)
    {
      sharokey_git_print_error (_("The URL is too long"));
      return 2;
    }

  options = sharokey_request_options_new ();
  sharokey_request_options_set_message (options, text);
  sharokey_request_options_set_description (options, text);
  sharokey_request_options_set_email_to (options, email_to);
  if (email_reply != NULL)
    sharokey_request_options_set_email_reply (options, email_reply);
  if (locale != NULL)
    sharokey_request_options_set_locale (options, locale);
  sharokey_request_options_set_secret_expiration_hours (options, hours);
  sharokey_request_options_set_request_expiration_hours (options, request_hours);
  sharokey_request_options_set_maximum_views (options, (guint) views);

  /* Bad settings are a usage error, as for share, found before the token
   * is looked for or anything is sent. */
  if (!sharokey_validate_request (options, &error))
    {
      sharokey_git_print_error ("%s", error->message);
      return 2;
    }

  client = sharokey_git_client_new (&error);
  if (client == NULL)
    {
      sharokey_git_print_error ("%s", error->message);
      return sharokey_exit_status_for_error (error);
    }

  request = sharokey_client_create_request_sync (client, options, NULL, &error);
  if (request == NULL)
    {
      return sharokey_git_fail_call (error);
    }

  /* The library refused a request without an https (or loopback http) link. */
  g_print ("%s\n", sharokey_secret_request_get_url (request));
  token = sharokey_secret_request_get_token (request);
  /* Only a token receive can take (the server's text goes to no terminal
   * as it is); other servers' requests end with an ordinary link. */
  if (token != NULL && *token != '\0' && strspn (token, TOKEN_CHARACTERS) == strlen (token))
    /* TRANSLATORS: the first %s is the request's token, the second the URL
     * given to request (without a password); keep the command as it is */
    sharokey_git_print_error (_("once answered, store the credential with: "
                                "git credential-sharokey receive %s %s"), token, identity);
  return 0;
}
