/* fuzz-server-body.c: libFuzzer harness for sharokey-server's request bodies
 *
 * The bytes go where a POST body goes, without a network: the body reader
 * (nesting bound, then json-glib; the same with every string value lifted
 * out first, which must read alike), the field readers, the validation of a
 * secret and the creation of a request in an in-memory database. A
 * critical or a warning counts as a crash.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Every field a route reads, with the names an attacker would try. */
static const gchar * const fields[] = {
  "content", "iv", "salt", "key", "maximum_views", "expiration_hours", "description",
  "message", "password", "captcha", "otp_type", "otp_receiver", "otp_email", "otp_phone",
  "ip_whitelist", "geolocation", "attachments", "attachments_total_size",
  "secret_expiration_hours", "request_expiration_hours", "email_to", "email_reply",
  "locale", "captcha_id", "captcha_answer", "otp_code", "", "\xff",
};

/* Criticals and warnings abort (SIGABRT, which libFuzzer catches and
 * saves the input for; GLib's own fatal path would trap instead); the
 * server's ordinary messages are dropped. */
static void
on_log (const gchar    *domain,
        GLogLevelFlags  level,
        const gchar    *message,
        gpointer        data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_printerr ("%s: %s\n", domain ? domain : "", message);
      abort ();
    }
}

static Server *
fuzz_server (void)
{
  static Server server;
  static ServerAccount account = { (gchar *) "fuzz@example.com", (gchar *) "fuzz", NULL };
  static gboolean ready;
  g_autoptr(GError) error = NULL;

  if (ready)
    return &server;
  g_log_set_default_handler (on_log, NULL);
  server.public_url = (gchar *) "http://127.0.0.1:1";
  server.tokens = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (server.tokens, (gpointer) "fuzz-token-0123456789", &account);
  if (!server_db_open (&server, ":memory:", &error))
    g_error ("%s", error->message);
  ready = TRUE;
  return &server;
}

static void
read_fields (JsonObject *body)
{
  g_autoptr(JsonObject) details = json_object_new ();
  const gchar *first = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gint64 value;

      server_body_string (body, fields[i], details, &first);
      server_body_int (body, fields[i], &value, details, &first);
      server_body_string (body, fields[i], NULL, NULL);
      server_body_int (body, fields[i], &value, NULL, NULL);
    }
}

/* Read with every string value lifted out, the body is what it is read
 * with none lifted (server-body.c). */
static void
check_lifting (const gchar *data,
               gsize        size,
               JsonObject  *expected,
               const gchar *expected_message)
{
  g_autofree gchar *copy = g_memdup2 (data, size);
  g_autofree gchar *plain_copy = g_memdup2 (data, size);
  g_autofree gchar *message = NULL;
  g_autofree gchar *plain_message = NULL;
  g_autoptr(JsonObject) lifted = server_body_parse (copy, size, 1, &message);
  g_autoptr(JsonObject) plain = server_body_parse (plain_copy, size, G_MAXSIZE, &plain_message);

  g_assert ((expected == NULL) == (plain == NULL));
  g_assert ((lifted == NULL) == (plain == NULL));
  g_assert_cmpstr (message, ==, plain_message);
  g_assert_cmpstr (expected_message, ==, plain_message);
  if (plain != NULL)
    {
      g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), plain);
      g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), lifted);
      g_autoptr(JsonNode) c = json_node_init_object (json_node_alloc (), expected);

      g_assert (json_node_equal (a, b));
      g_assert (json_node_equal (a, c));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  Server *server = fuzz_server ();
  ServerAccount *account = g_hash_table_lookup (server->tokens, "fuzz-token-0123456789");
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(SoupServerMessage) validated = NULL;
  g_autoptr(SoupServerMessage) requested = NULL;
  g_autofree gchar *message = NULL;
  static guint runs;

  body = server_body_from_bytes ((const gchar *) data, size, &message);
  check_lifting ((const gchar *) data, size, body, message);
  if (body == NULL)
    {
      g_assert (message != NULL && message[0] != '\0');
      return 0;
    }
  read_fields (body);

  validated = g_object_new (SOUP_TYPE_SERVER_MESSAGE, NULL);
  if (!server_secrets_validate (server, validated, body, FALSE))
    g_assert_cmpuint (soup_server_message_get_status (validated), ==, 422);

  requested = g_object_new (SOUP_TYPE_SERVER_MESSAGE, NULL);
  server_requests_create (server, requested, account, body);
  g_assert_cmpuint (soup_server_message_get_status (requested), !=, 0);

  /* Keeps the in-memory database small over millions of runs. */
  if (++runs % 1000 == 0)
    server_db_exec (server, "DELETE FROM requests");
  return 0;
}
