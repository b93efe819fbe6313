/* sharokey-test-server.h: a real sharokey-server for tests
 *
 * Each server runs on a free loopback port with a fresh database in its own
 * temporary directory and accepts the token "test-token-0123456789" (account
 * alice@example.com), which it reads from a tokens file (mode 0600) in that
 * directory, never from its command line. The binary comes from env
 * SHAROKEY_SERVER.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SharokeyTestServer SharokeyTestServer;

/* Starts a server; @extra_args (nullable, NULL-terminated) are appended to
 * its command line. Waits (bounded) until it listens; aborts the test on
 * failure. */
SharokeyTestServer *sharokey_test_server_start     (const gchar * const *extra_args);
/* The same, with @more_tokens (nullable): more lines of its tokens file,
 * "TOKEN EMAIL [COMPANY [SCOPES]]\n", after the fixture's own token. */
SharokeyTestServer *sharokey_test_server_start_with_tokens (const gchar         *more_tokens,
                                                            const gchar * const *extra_args);
/* Starts the server again on the same database (after _kill), with new
 * @extra_args; the port may change. */
void                sharokey_test_server_restart   (SharokeyTestServer  *server,
                                                    const gchar * const *extra_args);
const gchar        *sharokey_test_server_get_api_url  (SharokeyTestServer *server); /* http://127.0.0.1:P/api/v1 */
const gchar        *sharokey_test_server_get_base_url (SharokeyTestServer *server); /* http://127.0.0.1:P */
const gchar        *sharokey_test_server_get_token    (SharokeyTestServer *server); /* "test-token-0123456789" */
const gchar        *sharokey_test_server_get_db_path  (SharokeyTestServer *server);
/* The server's stderr (its log: one-time codes, notifications). */
const gchar        *sharokey_test_server_get_log_path (SharokeyTestServer *server);
GPid                sharokey_test_server_get_pid      (SharokeyTestServer *server);
/* SIGTERM, bounded wait, removes the temporary directory, frees @server. */
void                sharokey_test_server_stop      (SharokeyTestServer  *server);
/* SIGKILL and reap; keeps the database (for restart tests). */
void                sharokey_test_server_kill      (SharokeyTestServer  *server);

G_END_DECLS
