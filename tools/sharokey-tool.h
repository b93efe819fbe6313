/* sharokey-tool.h: declarations shared by the files of the sharokey tool
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <sharokey.h>

#include "sharokey-exit-status.h"
#include "sharokey-printable.h"
#include "sharokey-secret-input.h"

G_BEGIN_DECLS

/* Exit statuses; scripts and the pass extension rely on them. The table
 * is shared with git-credential-sharokey and pass sharokey. */
typedef enum {
  TOOL_EXIT_OK = SHAROKEY_EXIT_OK,
  TOOL_EXIT_FAILURE = SHAROKEY_EXIT_FAILURE,
  TOOL_EXIT_USAGE = SHAROKEY_EXIT_USAGE,
  TOOL_EXIT_AUTHENTICATION = SHAROKEY_EXIT_AUTHENTICATION,
  TOOL_EXIT_NOT_FOUND = SHAROKEY_EXIT_NOT_FOUND,
  TOOL_EXIT_NETWORK = SHAROKEY_EXIT_NETWORK,
  TOOL_EXIT_NOT_ANSWERED = SHAROKEY_EXIT_NOT_ANSWERED,
} ToolExit;

/* The global flags, given before or after the command. */
typedef struct {
  gchar *api_url;
  gchar *token;
  const gchar *timeout;  /* as given, checked when resolved; NULL when not given */
  gboolean json;
} ToolGlobals;

typedef int (*ToolCommandFunc) (ToolGlobals *globals,
                                int          argc,
                                char       **argv);

typedef struct {
  const gchar *name;
  ToolCommandFunc run;
  const gchar *parameters;  /* N_() */
  const gchar *summary;     /* N_() */
  const gchar *description; /* N_(), or NULL */
} ToolCommand;

/* --- sharokey-tool-errors.c --- */
int      tool_exit_code_for_error   (const GError *error);
int      tool_fail                  (const GError *error);
/* tool_fail() for a call that names no secret or request. */
int      tool_fail_unaddressed      (const GError *error);
int      tool_fail_message          (int           code,
                                     const gchar  *format,
                                     ...) G_GNUC_PRINTF (2, 3);
void     tool_warn                  (const gchar  *format,
                                     ...) G_GNUC_PRINTF (1, 2);

/* --- sharokey-tool.c --- */
/* The global flags, which every command accepts too. */
const GOptionEntry *tool_global_entries (void);

/* --- sharokey-tool-commands.c --- */
const ToolCommand *tool_commands_lookup  (const gchar *name);
/* The command nearest to a mistyped @name, or NULL. */
const gchar       *tool_commands_suggest (const gchar *name);
gchar             *tool_commands_describe (void);
/* Parses a command's own flags; on --help prints and exits 0, on a bad flag
 * prints `sharokey: message` and returns FALSE (the caller exits 2). */
gboolean tool_command_parse (const ToolCommand  *command,
                             const GOptionEntry *entries,
                             int                *argc,
                             char             ***argv);

gboolean tool_check_arguments    (const gchar  *command,
                                  int           argc,
                                  int           wanted,
                                  const gchar  *what);
/* @what names the identifier (SLUG, TOKEN); @message is for an empty one. */
gboolean tool_check_identifier   (const gchar  *value,
                                  const gchar  *what,
                                  const gchar  *message,
                                  GError      **error);
/* Checks --limit (text, NULL when not given; *out_limit 0 then) and --status. */
gboolean tool_check_list_filters (const gchar  *limit_text,
                                  const gchar  *status,
                                  guint        *out_limit,
                                  GError      **error);

/* --- sharokey-tool-settings.c --- */
/* The library's resolver (SharokeyConfig) fed with the global flags; warns
 * when the config file can be read by other users. */
SharokeyConfig *tool_config_resolve         (ToolGlobals  *globals,
                                             GError      **error);
/* Saves the config file's object, which `config` read with
 * sharokey_config_load_file() and edited. */
gboolean        tool_settings_save_file     (JsonObject   *object,
                                             GError      **error);
gchar          *tool_mask_token             (const gchar  *token);
/* A client from the resolved settings; a missing token is an
 * authentication error unless @allow_no_token. */
SharokeyClient *tool_client_new             (ToolGlobals  *globals,
                                             gboolean      allow_no_token,
                                             GError      **error);

/* --- sharokey-tool-output.c --- */
gboolean    tool_write_stdout    (const gchar *data,
                                  gsize        len);
void        tool_print_json      (JsonNode    *node);
/* Prints {"success": true, "data": @data}: the API's answer for --json. */
void        tool_print_envelope  (JsonNode    *data);
JsonObject *tool_envelope_data   (JsonNode    *node);
gchar      *tool_json_member_text (JsonObject *object,
                                   const gchar *member);
gchar      *tool_printable       (const gchar *text);
/* Terminal columns: 2 for wide characters, 0 for combining marks. */
glong       tool_display_width   (const gchar *text);
const gchar *tool_status_text    (const gchar *status);
void        tool_print_fields    (JsonObject  *object);
void        tool_print_table     (JsonArray   *items,
                                  const gchar * const *members,
                                  const gchar * const *headers);
/* An item's JSON: the envelope with --json, else its fields. */
void        tool_print_item      (ToolGlobals *globals,
                                  JsonNode    *item);

/* --- sharokey-tool-run.c --- */
/* What a command does once its argument is checked and its client made;
 * returns the exit status. */
typedef int (*ToolPlainAction)      (ToolGlobals    *globals,
                                     SharokeyClient *client);
typedef int (*ToolIdentifiedAction) (ToolGlobals    *globals,
                                     SharokeyClient *client,
                                     const gchar    *identifier);
typedef SharokeyPage *(*ToolListCall) (SharokeyClient  *client,
                                       guint            limit,
                                       guint            page,
                                       const gchar     *status,
                                       const gchar     *creator,
                                       const gchar     *search,
                                       GCancellable    *cancellable,
                                       GError         **error);

/* What differs between `list` and `list-requests`. */
typedef struct {
  ToolListCall call;
  const gchar * const *members;   /* columns: JSON members of an item */
  const gchar * const *headers;   /* N_() */
  const gchar *empty;             /* N_(): "No secrets." */
  const gchar *limit_help;    /* N_() */
  const gchar *status_help;   /* N_() */
  const gchar *creator_help;  /* N_() */
  const gchar *search_help;   /* N_() */
} ToolListKind;

/* A command without arguments nor flags: `stats`, `request-stats`. */
int tool_run_plain      (ToolGlobals          *globals,
                         int                   argc,
                         char                **argv,
                         ToolPlainAction       action);
/* A command on one SLUG or TOKEN. */
int tool_run_identified (ToolGlobals          *globals,
                         int                   argc,
                         char                **argv,
                         const gchar          *what,
                         const gchar          *invalid_message,
                         ToolIdentifiedAction  action);
int tool_run_list       (ToolGlobals          *globals,
                         int                   argc,
                         char                **argv,
                         const ToolListKind   *kind);

/* --- sharokey-tool-terminal.c --- */
/* FALSE under NO_COLOR (set and not empty) or TERM=dumb. */
gboolean     tool_colour_wanted     (void);
/* TRUE when @fd is a terminal that understands cursor controls (not
 * TERM=dumb). */
gboolean     tool_terminal_controls (int      fd);
/* TRUE when @answer (stripped in place) to a [y/N] question starts with
 * y or with the translation of "y" (context "yes/no answer"). */
gboolean     tool_answer_is_yes     (gchar   *answer);
/* ✅/❌, or plain ✓/✗ when colour is not wanted. */
const gchar *tool_check_mark        (gboolean success);

/* --- sharokey-tool-progress.c --- */
/* NULL unless standard error is a terminal; counts @options' files in
 * their own bytes. tool_progress_update is a
 * GFileProgressCallback for create, with the ToolProgress as its data. */
typedef struct _ToolProgress ToolProgress;
ToolProgress *tool_progress_new    (SharokeySecretOptions *options);
void          tool_progress_update (goffset       sent,
                                    goffset       total,
                                    gpointer      progress);
void          tool_progress_finish (ToolProgress *progress);

/* --- the commands --- */
int tool_cmd_create          (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_list            (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_get             (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_open            (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_delete          (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_stats           (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_test            (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_create_request  (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_list_requests   (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_get_request     (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_open_request    (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_delete_request  (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_request_stats   (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_config          (ToolGlobals *globals, int argc, char **argv);

G_END_DECLS
