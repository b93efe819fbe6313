/* test-body.c: sharokey-server reads a request body as json-glib would
 *
 * server_body_parse() lifts long base64 strings out of a body before
 * json-glib parses it. Each body here is read both ways, the lifting with
 * every string eligible (lift_min 1) and with the server's own bound, and
 * must give the same object, or be refused with the same message, as
 * json-glib reading the body as it came.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "sharokey-private.h"
#include "server.h"

/* The body as json-glib reads it: nothing lifted. */
static JsonNode *
reference (const gchar  *data,
           gsize         len,
           gchar       **out_message)
{
  g_autofree gchar *copy = g_memdup2 (data, len);
  JsonObject *object = server_body_parse (copy, len, G_MAXSIZE, out_message);
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static void
assert_read_alike (const gchar *data,
                   gsize        len)
{
  g_autofree gchar *expected_message = NULL;
  g_autoptr(JsonNode) expected = reference (data, len, &expected_message);
  const gsize bounds[] = { 1, 4, SERVER_BODY_LIFT_MIN };

  for (gsize i = 0; i < G_N_ELEMENTS (bounds); i++)
    {
      g_autofree gchar *copy = g_memdup2 (data, len);
      g_autofree gchar *message = NULL;
      g_autoptr(JsonObject) object = server_body_parse (copy, len, bounds[i], &message);

      if (expected == NULL)
        {
          g_assert_null (object);
          g_assert_cmpstr (message, ==, expected_message);
        }
      else
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

          g_assert_nonnull (object);
          g_assert_null (message);
          if (!json_node_equal (node, expected))
            {
              g_autofree gchar *got = json_to_string (node, FALSE);
              g_autofree gchar *want = json_to_string (expected, FALSE);
              g_error ("read differently (lift_min %" G_GSIZE_FORMAT "):\n%.300s\nnot\n%.300s",
                       bounds[i], got, want);
            }
        }
    }
}

static void
assert_read_alike_text (const gchar *text)
{
  assert_read_alike (text, strlen (text));
}

/* A base64 string of @n characters. */
static gchar *
blob (gsize n)
{
  static const gchar alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  gchar *text = g_malloc (n + 1);

  for (gsize i = 0; i < n; i++)
    text[i] = alphabet[(i * 7 + i / 64) % 64];
  text[n] = '\0';
  return text;
}

static void
test_create_body (void)
{
  g_autofree gchar *a = blob (1000 * 1000);
  g_autofree gchar *b = blob (300);
  g_autofree gchar *body =
    g_strdup_printf ("{\"content\": \"QUJD\", \"iv\": \"AAAAAAAAAAAAAAAA\", \"key\": \"AbCdEf12\","
                     " \"maximum_views\": 1, \"expiration_hours\": 24, \"description\": \"%s\","
                     " \"attachments\": [{\"name\": \"a.bin\", \"data\": \"%s==\"},"
                     " {\"name\": \"b.bin\", \"data\": \"%s\"}]}", b, a, b);
  g_autofree gchar *copy = g_strdup (body);
  g_autofree gchar *message = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *second;

  assert_read_alike_text (body);
  /* The long strings are whole again, the short ones untouched. */
  object = server_body_parse (copy, strlen (copy), SERVER_BODY_LIFT_MIN, &message);
  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member (object, "description"), ==, b);
  g_assert_cmpstr (json_object_get_string_member (object, "content"), ==, "QUJD");
  second = json_array_get_object_element (json_object_get_array_member (object, "attachments"), 1);
  g_assert_cmpstr (json_object_get_string_member (second, "data"), ==, b);
  g_assert_cmpuint (strlen (json_object_get_string_member (
      json_array_get_object_element (json_object_get_array_member (object, "attachments"), 0),
      "data")), ==, 1000 * 1000 + 2);
}

/* Strings json-glib reads otherwise than as plain text stay with it. */
static void
test_strings_not_lifted (void)
{
  static const gchar * const bodies[] = {
    "{\"a\": \"QUJD\\\"RA\"}",                 /* escaped quote */
    "{\"a\": \"QUJD\\u0041RA\"}",              /* unicode escape */
    "{\"a\": \"QUJD\\\\\", \"b\": \"QUJD\"}",  /* escaped backslash at the end */
    "{\"a\": \"QU JD\"}",                      /* a space */
    "{\"a\": \"QUJD\xc3\xa9\"}",               /* UTF-8 */
    "{\"a\": \"QUJD\xff\"}",                   /* not UTF-8 */
    "{\"a\": \"QUJD\tRA\"}",                   /* raw control character */
    "{\"a\": \"\"}",                           /* empty */
    "{\"a\": \"QUJD",                          /* unterminated */
    "{\"a\": \"QUJD\\",                        /* ends inside an escape */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    assert_read_alike_text (bodies[i]);
}

/* Where json-glib does not read a quoted run as a string value, the
 * marker would not come back: the body is read as it came. */
static void
test_strings_read_otherwise (void)
{
  static const gchar * const bodies[] = {
    "{\"QUJDRA\": 1}",                             /* member name */
    "{\"a\": \"QUJD\", \"a\": \"RUZH\"}",            /* duplicate member */
    "{\"a\": 'x\"QUJD\"y'}",                       /* single-quoted string */
    "{\"a\": 'QUJD'}",
    "{/* \"QUJD\" */ \"a\": \"RUZH\"}",            /* comment */
    "{\"a\": 1 // \"QUJD\"\n}",
    "{\"a\": [\"QUJD\", \"QUJD\", {\"QUJD\": \"QUJD\"}]}",
    "{\"a\": \"QUJD\"} {\"b\": \"RUZH\"}",         /* a second document */
    "{\"a\": \"QUJD\"} \"RUZH\"",
    "[\"QUJD\"]",                                  /* not an object */
    "\"QUJD\"",
    "{\"a\": QUJD}",                               /* bare word */
    "{\"a\" \"QUJD\"}",                            /* missing colon */
    "{\"a\": \"QUJD\" \"RUZH\"}",
    "{\"a\": \"QUJD\",}",
    "{\"a\": \"QUJD\"}\0{\"b\": \"RUZH\"}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    assert_read_alike_text (bodies[i]);
  /* With the NUL inside the length. */
  assert_read_alike ("{\"a\": \"QUJD\"}\0{\"b\": \"RUZH\"}", 27);
  assert_read_alike ("{\"a\": \"QU\0JD\"}", 14);
}

/* A body cannot spell a marker: the nonce is new at each call. */
static void
test_marker_lookalikes (void)
{
  static const gchar * const bodies[] = {
    "{\"a\": \"QUJD\", \"b\": \"-0\"}",
    "{\"a\": \"QUJD\", \"b\": \"AAAAAAAAAAAAAAAAAAAAAA-0\"}",
    "{\"a\": \"QUJD\", \"b\": \"AAAAAAAAAAAAAAAAAAAAAA-1\"}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    assert_read_alike_text (bodies[i]);
}

static void
test_nesting (void)
{
  GString *deep = g_string_new (NULL);
  GString *ok = g_string_new ("{\"a\":");

  for (guint i = 0; i < SHAROKEY_JSON_MAX_DEPTH; i++)
    g_string_append (deep, "{\"QUJD\": \"RUZH\", \"b\":");
  g_string_append (deep, "{}");
  for (guint i = 0; i < SHAROKEY_JSON_MAX_DEPTH; i++)
    g_string_append_c (deep, '}');
  assert_read_alike (deep->str, deep->len);

  /* Brackets inside lifted or escaped strings do not count. */
  for (guint i = 0; i < SHAROKEY_JSON_MAX_DEPTH - 2; i++)
    g_string_append (ok, "[\"[[[{{\", \"QUJD\",");
  g_string_append (ok, "1");
  for (guint i = 0; i < SHAROKEY_JSON_MAX_DEPTH - 2; i++)
    g_string_append_c (ok, ']');
  g_string_append (ok, ", \"c\": \"\\\"[[[[\"}");
  assert_read_alike (ok->str, ok->len);

  assert_read_alike ("", 0);
  assert_read_alike ("   ", 3);
  g_string_free (deep, TRUE);
  g_string_free (ok, TRUE);
}

/* Every byte string of a small alphabet up to a few bytes long: whatever
 * json-glib makes of it, the lifting makes the same. */
static void
test_all_short_bodies (void)
{
  static const gchar alphabet[] = "{}[]\":,\\A=' /*\n";
  const gsize n = sizeof alphabet - 1;
  /* 70 000 bodies; 4 400 under valgrind. */
  const gsize max_len = g_getenv ("SHAROKEY_UNDER_VALGRIND") ? 3 : 4;
  gchar body[16];

  for (gsize len = 1; len <= max_len; len++)
    {
      gsize total = 1;

      for (gsize i = 0; i < len; i++)
        total *= n;
      for (gsize code = 0; code < total; code++)
        {
          gsize rest = code;

          for (gsize i = 0; i < len; i++, rest /= n)
            body[i] = alphabet[rest % n];
          /* Inside an object member, so that most are objects. */
          {
            g_autofree gchar *wrapped = g_strdup_printf ("{\"k\": \"AB\", \"v\": %.*s}", (int) len, body);

            assert_read_alike (body, len);
            assert_read_alike_text (wrapped);
          }
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server/body/create", test_create_body);
  g_test_add_func ("/server/body/strings-not-lifted", test_strings_not_lifted);
  g_test_add_func ("/server/body/strings-read-otherwise", test_strings_read_otherwise);
  g_test_add_func ("/server/body/marker-lookalikes", test_marker_lookalikes);
  g_test_add_func ("/server/body/nesting", test_nesting);
  g_test_add_func ("/server/body/all-short-bodies", test_all_short_bodies);
  return g_test_run ();
}
