/* git-credential-sharokey.c: entry point of the credential helper
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * git runs `git-credential-sharokey [options] ACTION` with the action last;
 * people run `git credential-sharokey COMMAND …`.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "sharokey-exit-status.h"
#include "sharokey-printable.h"
#include "sharokey-program.h"
#include "sharokey-suggest.h"
#include "git-credential-commands.h"
#include "git-credential-protocol.h"

void
sharokey_git_print_error (const gchar *format,
                          ...)
{
  g_autofree gchar *message = NULL;
  g_autofree gchar *line = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Errors quote the server: one line, nothing a terminal would obey. */
  line = g_strchomp (sharokey_printable (message));
  g_printerr ("%s: %s\n", g_get_prgname (), line);
}

SharokeyGitCredential *
sharokey_git_parse_url_pattern (const gchar *url)
{
  g_autoptr(SharokeyGitCredential) pattern = sharokey_git_credential_new ();
  g_autoptr(GError) error = NULL;

  if (!sharokey_git_credential_set_url (pattern, url, &error))
    {
      sharokey_git_print_error ("%s", error->message);
      return NULL;
    }
  /* Without a host a pattern would match every link. */
  if (pattern->host == NULL || *pattern->host == '\0')
    {
      sharokey_git_print_error (_("The URL has no host"));
      return NULL;
    }
  return g_steal_pointer (&pattern);
}

static void
print_help (FILE *stream)
{
  fprintf (stream, "%s",
           _("Usage:\n"
             "  git credential-sharokey share URL [--hours DURATION] [--views N]\n"
             "        [--password-fd FD | --password P | --otp-email E | --otp-phone P |\n"
             "         --captcha] [--ip-whitelist L] [--geolocation L] [--message T]\n"
             "        [--format git|password]\n"
             "  git credential-sharokey request URL --email-to ADDR\n"
             "        [--email-reply ADDR] [--locale en|fr]\n"
             "  git credential-sharokey receive TOKEN URL\n"
             "  git credential-sharokey list [URL]\n"
             "  git credential-sharokey revoke URL\n"
             "\n"
             "--password P puts the password on the command line of git and of\n"
             "this helper, where other users can read it: prefer --password-fd FD,\n"
             "which reads it from that file descriptor (3< FILE, or 3< <(pass …)).\n"
             "\n"
             "As a helper (credential.helper = sharokey), git runs it with\n"
             "get, store or erase: get and store do nothing; erase expires\n"
             "the links shared for the rejected credential, unless\n"
             "credential.sharokeyRevokeOnErase is false.\n"
             "\n"
             "The links it creates are listed in\n"
             "$XDG_STATE_HOME/sharokey/git-shares.json. The token comes from\n"
             "SHAROKEY_TOKEN, ~/.config/sharokey/config.json or the keyring\n"
             "(see “sharokey config”).\n"
             "Run “git credential-sharokey COMMAND --help” for a command's options.\n"));
}

/* The commands people run, for "did you mean …?". */
static const gchar * const commands[] = { "share", "request", "receive", "list", "revoke", "help", NULL };

/* git runs a helper as `git-credential-sharokey [OPTION…] ACTION` with the
 * credential on a pipe, and asks helpers to ignore actions they do not
 * know (gitcredentials(7): room for future ones). A person who mistypes a
 * command gets an error instead. Ignored: a single lowercase word (a-z and
 * '-') that comes last, after options only, is not a typo of one of this
 * helper's commands, and arrives with standard input not a terminal.
 * Anything else is a usage error. */
static gboolean
is_git_action (int          argc,
               char       **argv,
               gboolean     stdin_tty)
{
  const gchar *action = argv[argc - 1];

  if (stdin_tty || *action == '\0' || *action == '-' || sharokey_suggest (action, commands) != NULL)
    return FALSE;
  for (const gchar *p = action; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && *p != '-')
      return FALSE;
  for (int i = 1; i < argc - 1; i++)
    if (argv[i][0] != '-')
      return FALSE;
  return TRUE;
}

static int
unknown_command (const gchar *word)
{
  const gchar *nearest = sharokey_suggest (word, commands);

  if (word[0] == '-')
    sharokey_git_print_error (_("unknown option “%s” (see git credential-sharokey --help)"),
                              word);
  else if (nearest != NULL)
    /* TRANSLATORS: first what was typed, then the nearest command */
    sharokey_git_print_error (_("unknown command “%s”; did you mean “%s”?"), word, nearest);
  else
    sharokey_git_print_error (_("unknown command “%s” (see git credential-sharokey --help)"),
                              word);
  return SHAROKEY_EXIT_USAGE;
}

int
main (int    argc,
      char **argv)
{
  const gchar *command, *action;
  gboolean stdin_tty;

  sharokey_program_init ("git-credential-sharokey");

  if (argc < 2)
    {
      print_help (stderr);
      return SHAROKEY_EXIT_USAGE;
    }

  command = argv[1];
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") ||
      g_str_equal (command, "help"))
    {
      print_help (stdout);
      return 0;
    }
  if (g_str_equal (command, "--version"))
    {
      g_print ("git-credential-sharokey %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_str_equal (command, "share"))
    return sharokey_git_command_share (argc - 1, argv + 1);
  if (g_str_equal (command, "request"))
    return sharokey_git_command_request (argc - 1, argv + 1);
  if (g_str_equal (command, "receive"))
    return sharokey_git_command_receive (argc - 1, argv + 1);
  if (g_str_equal (command, "list"))
    return sharokey_git_command_list (argc - 1, argv + 1);
  if (g_str_equal (command, "revoke"))
    return sharokey_git_command_revoke (argc - 1, argv + 1);

  /* git's action comes last, after any options from credential.helper. */
  action = argv[argc - 1];
  stdin_tty = isatty (STDIN_FILENO);
  if (g_str_equal (action, "get") || g_str_equal (action, "store") ||
      g_str_equal (action, "erase") || is_git_action (argc, argv, stdin_tty))
    return sharokey_git_helper_action (action, stdin_tty);
  /* The first word that is not an option is what the person meant. */
  for (int i = 1; i < argc; i++)
    if (argv[i][0] != '-')
      return unknown_command (argv[i]);
  return unknown_command (action);
}
