/* sharokey-client-private.h: the client's transport internals (not installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "sharokey-private.h"

G_BEGIN_DECLS

/* Largest response body the client accepts. */
#define SHAROKEY_MAX_RESPONSE_SIZE (32 * 1024 * 1024)

/* How often a GET or DELETE is retried after a network or server error. */
#define SHAROKEY_MAX_RETRIES 2

/* A session of @self, created on first use with the current timeout and
 * user agent (transfer full). _sync calls (@for_sync) get their own: the
 * pool of the other one may be full of calls that wait for the caller's
 * context, which does not run during a _sync call, and libsoup wakes the
 * contexts of a session's other calls whenever one of its connections
 * frees up. */
SoupSession *_sharokey_client_dup_session (SharokeyClient *self,
                                           gboolean        for_sync);

/* Checks what must hold before any byte goes on the network: a usable API
 * URL (https, or http to a loopback host) and, when @need_token, a token.
 * @token (nullable) is the caller's snapshot, from
 * sharokey_client_dup_token(): the check and the call see the same one. */
gboolean _sharokey_client_check_ready (SharokeyClient  *self,
                                       const gchar     *token,
                                       gboolean         need_token,
                                       GError         **error);

/* Sends one API call and parses the JSON envelope. @query (nullable) holds
 * key, value, key, value…, NULL (leave unset parameters out). @body (nullable) is sent as
 * application/json. GET and DELETE are retried on network and server
 * errors; nothing else is. @progress (nullable) is called with
 * @progress_data while the body uploads, in the caller's context. */
void      _sharokey_client_send_async  (SharokeyClient        *self,
                                        const gchar           *method,
                                        const gchar           *path,
                                        const gchar * const   *query,
                                        GBytes                *body,
                                        GFileProgressCallback  progress,
                                        gpointer               progress_data,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
JsonNode *_sharokey_client_send_finish (SharokeyClient        *self,
                                        GAsyncResult          *result,
                                        GError               **error);
JsonNode *_sharokey_client_send_sync   (SharokeyClient        *self,
                                        const gchar           *method,
                                        const gchar           *path,
                                        const gchar * const   *query,
                                        GBytes                *body,
                                        GCancellable          *cancellable,
                                        GError               **error);

/* Maps a non-2xx answer to a GError. */
typedef GError *(*SharokeyErrorMapper) (guint        status,
                                        const gchar *retry_after,
                                        const gchar *body,
                                        gsize        body_len);

/* Sends one call to the absolute @url (already checked by the caller),
 * without the API token, for the pages a link points to: the link's host
 * may not be the API's. @map_error (nullable) replaces the usual mapping.
 * Finish with _sharokey_client_send_finish(). */
void      _sharokey_client_send_url_async (SharokeyClient      *self,
                                           const gchar         *method,
                                           const gchar         *url,
                                           GBytes              *body,
                                           SharokeyErrorMapper  map_error,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);

/* The reveal step of a share link alone (sharokey-client-open.c): POSTs
 * {"password"} (nullable) to BASE/api/v1/viewer/SLUG/reveal, using one
 * view, and returns the answer's data object {content, iv, salt, key,
 * attachments, remaining_views} as it is, for payloads that are not
 * encrypted with keyA+keyB. Never retried. @base and @slug as given by
 * _sharokey_link_split(). */
void      _sharokey_client_reveal_async  (SharokeyClient      *self,
                                          const gchar         *base,
                                          const gchar         *slug,
                                          const gchar         *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
JsonNode *_sharokey_client_reveal_finish (SharokeyClient      *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* The server's message (error.message, then message, then "HTTP <status>")
 * and every distinct per-field message of error.details; @root nullable. */
gchar    *_sharokey_response_message     (guint        status,
                                          JsonObject  *root);

/* Error mapping, shared with the tests. */
GError   *_sharokey_error_from_response  (guint        status,
                                          const gchar *retry_after,
                                          const gchar *body,
                                          gsize        body_len);
GError   *_sharokey_error_from_transport (const GError *error,
                                          guint         timeout);

/* TRUE when @url may become a share link: https, or http to a loopback
 * host, visible ASCII, no user information and no fragment; otherwise a
 * SHAROKEY_ERROR_PROTOCOL error (sharokey-share-url.c). */
gboolean _sharokey_share_url_is_acceptable (const gchar  *url,
                                            GError      **error);

/* TRUE when @url may be handed on as a created request's link: the same
 * rule, a fragment allowed; otherwise a SHAROKEY_ERROR_PROTOCOL error,
 * also when there is no link (sharokey-share-url.c). */
gboolean _sharokey_request_url_is_acceptable (const gchar  *url,
                                              GError      **error);

/* TRUE when @url is visible ASCII without fragment or user information,
 * and https, or http to a loopback host (sharokey-share-url.c). */
gboolean _sharokey_web_url_is_safe (const gchar *url);

/* Splits a share link ACCESS_URL#keyB (sharokey-link.c): @out_origin
 * "scheme://host[:port]", @out_slug the last path segment, @out_key_b the
 * fragment (free it with sharokey_wipe_free()). SHAROKEY_ERROR_VALIDATION
 * otherwise; the message never quotes the link. */
gboolean _sharokey_link_split (const gchar  *link,
                               gchar       **out_origin,
                               gchar       **out_slug,
                               gchar       **out_key_b,
                               GError      **error);

/* Rewrites a list envelope of any known shape (data as array, data.items,
 * data.requests, pagination beside data or in meta) into
 * {…, "data": {"items": […], "pagination": {…}}}. Takes @envelope. */
JsonNode *_sharokey_list_normalize (JsonNode  *envelope,
                                    GError   **error);

/* Runs an async call to completion on a private thread-default context. */
typedef struct {
  GMainContext *context;
  GMainContext *outer;       /* the enclosing _sync call's context, if any */
  GAsyncResult *result;
} SharokeySync;

/* TRUE when the calling code runs inside a _sync call's private context. */
gboolean _sharokey_sync_is_current (void);

void _sharokey_sync_begin     (SharokeySync *sync);
void _sharokey_sync_on_result (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data);
void _sharokey_sync_wait      (SharokeySync *sync);
void _sharokey_sync_end       (SharokeySync *sync);

/* The body of every _sync call: runs @start_call (which passes
 * _sharokey_sync_on_result, &sync) and returns @finish's result, of @type. */
#define SHAROKEY_SYNC_CALL(type, finish, start_call) \
  G_STMT_START { \
    SharokeySync sync; \
    type outcome; \
    _sharokey_sync_begin (&sync); \
    start_call; \
    _sharokey_sync_wait (&sync); \
    outcome = finish (self, sync.result, error); \
    _sharokey_sync_end (&sync); \
    return outcome; \
  } G_STMT_END

G_END_DECLS
