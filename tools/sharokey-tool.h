/* sharokey-tool.h: declarations shared by the files of the sharokey tool
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <sharokey.h>

#include "sharokey-json-member.h"
#include "sharokey-printable.h"
#include "sharokey-secret-input.h"

G_BEGIN_DECLS

/* Exit statuses; scripts and the pass extension rely on them. */
typedef enum {
  TOOL_EXIT_OK = 0,
  TOOL_EXIT_FAILURE = 1,
  TOOL_EXIT_USAGE = 2,
  TOOL_EXIT_AUTHENTICATION = 3,
  TOOL_EXIT_NOT_FOUND = 4,
  TOOL_EXIT_NETWORK = 5,
} ToolExit;

/* The global flags given before the command. */
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

/* --- sharokey-tool-commands.c --- */
const ToolCommand *tool_commands_lookup  (const gchar *name);
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
typedef struct {
  gchar *token;
  gchar *api_url;
  guint timeout;
  const gchar *token_source;   /* "flag", "environment", "config file" or NULL */
  const gchar *api_url_source;
  const gchar *timeout_source;
} ToolSettings;

gchar          *tool_settings_config_path   (void);
JsonObject     *tool_settings_load_file     (GError      **error);
gboolean        tool_settings_save_file     (JsonObject   *object,
                                             GError      **error);
gboolean        tool_settings_resolve       (ToolGlobals  *globals,
                                             ToolSettings *settings,
                                             GError      **error);
void            tool_settings_clear         (ToolSettings *settings);
gboolean        tool_check_api_url          (const gchar  *api_url,
                                             GError      **error);
gboolean        tool_parse_timeout          (const gchar  *text,
                                             guint        *out,
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
JsonObject *tool_envelope_data   (JsonNode    *node);
JsonArray  *tool_envelope_items  (JsonNode    *node,
                                  const gchar *alt_member);
gchar      *tool_json_member_text (JsonObject *object,
                                   const gchar *member);
gchar      *tool_printable       (const gchar *text);
void        tool_print_fields    (JsonObject  *object);
void        tool_print_table     (JsonArray   *items,
                                  const gchar * const *members,
                                  const gchar * const *headers);

typedef void (*ToolPrintFunc) (JsonNode *node, gpointer user_data);
/* Prints a call's answer (the JSON with --json, else @readable's form)
 * and returns the exit status; takes @node. */
int         tool_finish          (ToolGlobals  *globals,
                                  JsonNode     *node,
                                  GError       *error,
                                  ToolPrintFunc readable,
                                  gpointer      user_data);
/* Fields of `data`, or of `data.<user_data>` when that is an object. */
void        tool_print_data      (JsonNode    *node,
                                  gpointer     user_data);

/* --- sharokey-tool-run.c --- */
typedef JsonNode *(*ToolPlainCall)      (SharokeyClient  *client,
                                         GCancellable    *cancellable,
                                         GError         **error);
typedef JsonNode *(*ToolIdentifiedCall) (SharokeyClient  *client,
                                         const gchar     *identifier,
                                         GCancellable    *cancellable,
                                         GError         **error);
typedef JsonNode *(*ToolListCall)       (SharokeyClient  *client,
                                         guint            limit,
                                         const gchar     *status,
                                         const gchar     *creator,
                                         const gchar     *search,
                                         GCancellable    *cancellable,
                                         GError         **error);

/* What differs between `list` and `list-requests`. */
typedef struct {
  ToolListCall call;
  ToolPrintFunc readable;
  const gchar *limit_help;    /* N_() */
  const gchar *status_help;   /* N_() */
  const gchar *creator_help;  /* N_() */
  const gchar *search_help;   /* N_() */
} ToolListKind;

/* A command without arguments nor flags: `stats`, `request-stats`. */
int tool_run_plain      (ToolGlobals        *globals,
                         int                 argc,
                         char              **argv,
                         ToolPlainCall       call,
                         ToolPrintFunc       readable);
/* A command on one SLUG or TOKEN; @readable gets it as user data. */
int tool_run_identified (ToolGlobals        *globals,
                         int                 argc,
                         char              **argv,
                         const gchar        *what,
                         const gchar        *invalid_message,
                         ToolIdentifiedCall  call,
                         ToolPrintFunc       readable);
int tool_run_list       (ToolGlobals        *globals,
                         int                 argc,
                         char              **argv,
                         const ToolListKind *kind);

/* --- sharokey-tool-progress.c --- */
typedef struct _ToolProgress ToolProgress;
ToolProgress *tool_progress_attach (SharokeySecretOptions *options);
void          tool_progress_finish (ToolProgress          *progress);

/* --- the commands --- */
int tool_cmd_create          (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_list            (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_get             (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_delete          (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_stats           (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_test            (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_create_request  (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_list_requests   (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_get_request     (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_delete_request  (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_request_stats   (ToolGlobals *globals, int argc, char **argv);
int tool_cmd_config          (ToolGlobals *globals, int argc, char **argv);

G_END_DECLS
