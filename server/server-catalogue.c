/* server-catalogue.c: the language of each visitor, read from sharokey.mo
 *
 * The viewer and request pages speak the visitor's language, not the
 * server's, so the language is chosen per HTTP request. glibc's gettext
 * cannot switch safely per request: its language comes from the LANGUAGE
 * variable, which is process-wide (setenv while another thread reads the
 * environment is a data race, and GLib's worker threads do read it), or
 * from a uselocale() locale, which only exists if that locale (fr_FR.UTF-8)
 * is installed on the server, which a minimal system does not have. So the
 * pages read the same compiled catalogue that gettext reads, with GLib:
 * each language is loaded once, under a lock, and never changes afterwards,
 * so any thread may translate with it. (libsoup runs the handlers in the
 * main loop's thread today; nothing here depends on that.)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "server-catalogue.h"
#include "sharokey-program.h"

#define MO_MAGIC 0x950412de
#define MO_MAGIC_SWAPPED 0xde120495
/* Languages looked up from one Accept-Language header, and languages
 * remembered as missing: a visitor cannot make the server look for, or
 * remember, an unbounded number of names. */
#define MAX_TAGS 10
#define MAX_REMEMBERED 64

typedef struct {
  const gchar *text;   /* the forms, each ending with NUL */
  guint32      length; /* of all the forms, without the last NUL */
} Translation;

struct _ServerCatalogue {
  gchar      *language;     /* "en" (the source text), "fr", "pt_BR" */
  gchar      *plural_rule;  /* a C expression of n giving the form's index */
  GBytes     *data;         /* the .mo file; the tables point into it */
  GHashTable *messages;     /* msgid → Translation */
};

static const ServerCatalogue english = { (gchar *) "en", (gchar *) "n != 1", NULL, NULL };

G_LOCK_DEFINE_STATIC (catalogues);
static GHashTable *catalogues;  /* name → ServerCatalogue, or the table itself for "missing" */

static gboolean
read_u32 (const guint8 *data,
          gsize         size,
          gsize         offset,
          gboolean      swapped,
          guint32      *out)
{
  guint32 value;

  if (offset > size || size - offset < 4)
    return FALSE;
  memcpy (&value, data + offset, 4);
  *out = swapped ? GUINT32_SWAP_LE_BE (value) : value;
  return TRUE;
}

/* The string of the table entry @index: its length, then its offset. */
static const gchar *
read_string (const guint8 *data,
             gsize         size,
             guint32       table,
             guint32       index,
             gboolean      swapped,
             guint32      *length)
{
  guint32 offset;
  gsize entry = (gsize) table + (gsize) index * 8;

  if (!read_u32 (data, size, entry, swapped, length) ||
      !read_u32 (data, size, entry + 4, swapped, &offset) ||
      offset > size || size - offset <= *length || data[offset + *length] != '\0')
    return NULL;
  return (const gchar *) data + offset;
}

/* Each form (they are separated by NUL) is UTF-8. */
static gboolean
forms_valid (const Translation *translation)
{
  const gchar *end = translation->text + translation->length;

  for (const gchar *form = translation->text; form <= end; form += strlen (form) + 1)
    if (!g_utf8_validate (form, -1, NULL))
      return FALSE;
  return TRUE;
}

/* "nplurals=2; plural=(n > 1);" → "(n > 1)" */
static gchar *
plural_rule_of_header (const gchar *header)
{
  const gchar *line = strstr (header, "Plural-Forms:");
  const gchar *rule, *end;

  if (line == NULL || (rule = strstr (line, "plural=")) == NULL)
    return NULL;
  rule += strlen ("plural=");
  end = rule + strcspn (rule, ";\n");
  return g_strstrip (g_strndup (rule, end - rule));
}

static ServerCatalogue *
catalogue_load (const gchar *language)
{
  g_autofree gchar *path = g_build_filename (sharokey_program_localedir (), language, "LC_MESSAGES",
                                             GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GHashTable) messages = NULL;
  g_autofree gchar *rule = NULL;
  ServerCatalogue *catalogue;
  const guint8 *data;
  gsize size;
  guint32 magic, count, originals, translations;
  gboolean swapped;

  if (file == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (file);
  data = g_bytes_get_data (bytes, &size);
  if (!read_u32 (data, size, 0, FALSE, &magic) || (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED))
    goto invalid;
  swapped = magic == MO_MAGIC_SWAPPED;
  if (!read_u32 (data, size, 8, swapped, &count) || !read_u32 (data, size, 12, swapped, &originals) ||
      !read_u32 (data, size, 16, swapped, &translations))
    goto invalid;

  messages = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint32 i = 0; i < count; i++)
    {
      guint32 msgid_length;
      Translation translation;
      const gchar *msgid = read_string (data, size, originals, i, swapped, &msgid_length);

      translation.text = read_string (data, size, translations, i, swapped, &translation.length);
      if (msgid == NULL || translation.text == NULL || !forms_valid (&translation))
        goto invalid;
      if (*msgid == '\0')
        {
          /* The header: the pages need UTF-8, as msgfmt writes it from fr.po. */
          if (strstr (translation.text, "charset=UTF-8") == NULL)
            goto invalid;
          rule = plural_rule_of_header (translation.text);
          continue;
        }
      /* A plural msgid is "singular\0plural": the singular is the key. */
      g_hash_table_insert (messages, (gpointer) msgid, g_memdup2 (&translation, sizeof translation));
    }

  catalogue = g_new0 (ServerCatalogue, 1);
  catalogue->language = g_strdup (language);
  catalogue->plural_rule = rule ? g_steal_pointer (&rule) : g_strdup (english.plural_rule);
  catalogue->data = g_steal_pointer (&bytes);
  catalogue->messages = g_steal_pointer (&messages);
  return catalogue;

invalid:
  g_warning ("%s is not a valid message catalogue; its language is not served", path);
  return NULL;
}

/* The catalogue of @language ("fr", "fr_CH"), loaded on first use. */
static const ServerCatalogue *
catalogue_get (const gchar *language)
{
  gpointer found;
  ServerCatalogue *loaded = NULL;

  G_LOCK (catalogues);
  if (catalogues == NULL)
    catalogues = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_lookup_extended (catalogues, language, NULL, &found))
    {
      loaded = catalogue_load (language);
      if (loaded)
        g_hash_table_insert (catalogues, loaded->language, loaded);
      else if (g_hash_table_size (catalogues) < MAX_REMEMBERED)
        g_hash_table_insert (catalogues, g_strdup (language), catalogues);
      found = loaded;
    }
  G_UNLOCK (catalogues);
  return found == catalogues ? NULL : found;
}

/* A language tag of Accept-Language or a request's locale ("fr-CH", "fr",
 * "en-US", "*"): its catalogue, English for English and "*", or NULL. */
static const ServerCatalogue *
catalogue_for_tag (const gchar *tag)
{
  g_auto(GStrv) subtags = NULL;
  g_autofree gchar *language = NULL;
  gsize length;

  if (g_str_equal (tag, "*"))
    return &english;
  /* ";q=1" is a tag too, an empty one: it names no language. */
  if (*tag == '\0')
    return NULL;
  subtags = g_strsplit_set (tag, "-_", 3);
  length = strlen (subtags[0]);
  if (length < 2 || length > 3)
    return NULL;
  for (const gchar *c = tag; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      return NULL;
  language = g_ascii_strdown (subtags[0], -1);
  if (g_str_equal (language, "en"))
    return &english;
  if (subtags[1] != NULL && strlen (subtags[1]) == 2)
    {
      g_autofree gchar *region = g_ascii_strup (subtags[1], -1);
      g_autofree gchar *regional = g_strconcat (language, "_", region, NULL);
      const ServerCatalogue *catalogue = catalogue_get (regional);

      if (catalogue)
        return catalogue;
    }
  return catalogue_get (language);
}

const ServerCatalogue *
server_catalogue_pick (const gchar *preferred,
                       const gchar *accept_language)
{
  const ServerCatalogue *catalogue = NULL;
  GSList *tags;
  guint n = 0;

  if (preferred != NULL && *preferred != '\0' && (catalogue = catalogue_for_tag (preferred)))
    return catalogue;
  if (accept_language == NULL)
    return &english;
  /* Sorted by quality, highest first; q=0 means "not this one". */
  tags = soup_header_parse_quality_list (accept_language, NULL);
  for (GSList *l = tags; l != NULL && catalogue == NULL && n < MAX_TAGS; l = l->next, n++)
    catalogue = catalogue_for_tag (l->data);
  soup_header_free_list (tags);
  return catalogue ? catalogue : &english;
}

const ServerCatalogue *
server_catalogue_for_message (SoupServerMessage *msg,
                              const gchar       *preferred)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  return server_catalogue_pick (preferred, soup_message_headers_get_list (headers, "Accept-Language"));
}

const gchar *
server_catalogue_language (const ServerCatalogue *catalogue)
{
  return catalogue->language;
}

const gchar *
server_catalogue_plural_rule (const ServerCatalogue *catalogue)
{
  return catalogue->plural_rule;
}

const gchar *
server_catalogue_gettext (const ServerCatalogue *catalogue,
                          const gchar           *msgid)
{
  const Translation *translation;

  if (catalogue->messages == NULL ||
      (translation = g_hash_table_lookup (catalogue->messages, msgid)) == NULL ||
      *translation->text == '\0')
    return msgid;
  return translation->text;
}

GPtrArray *
server_catalogue_plural_forms (const ServerCatalogue *catalogue,
                               const gchar           *singular,
                               const gchar           *plural)
{
  GPtrArray *forms = g_ptr_array_new ();
  const Translation *translation = NULL;

  if (catalogue->messages != NULL)
    translation = g_hash_table_lookup (catalogue->messages, singular);
  if (translation == NULL || *translation->text == '\0')
    {
      g_ptr_array_add (forms, (gpointer) singular);
      g_ptr_array_add (forms, (gpointer) plural);
      return forms;
    }
  for (const gchar *form = translation->text; form <= translation->text + translation->length;
       form += strlen (form) + 1)
    g_ptr_array_add (forms, (gpointer) form);
  return forms;
}
