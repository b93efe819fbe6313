/* server-pages.c: the viewer and request pages, in the visitor's language
 *
 * The HTML templates (viewer.html, respond.html) hold placeholders: {{lang}}
 * for <html lang>, {{texts}} for the page's messages as JSON (read by the
 * scripts, which build their sentences from them) and {{ID}} for the text
 * of ID in the table below. Every text goes through the catalogue of the
 * request, so po/fr.po translates the pages like the programs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "server-pages.h"

/* Here ngettext () only marks a plural message for xgettext: the table keeps
 * both English forms, and the page picks the form with the catalogue's
 * plural rule once it knows the number. */
#undef ngettext
#define ngettext(singular, plural, n) singular, plural

typedef struct {
  const gchar *id;
  const gchar *text;
  const gchar *plural;  /* NULL: not a plural message */
} PageText;

static const PageText page_texts[] = {
  /* Both pages */
  { "loading", N_("Loading…"), NULL },
  { "unreachable", N_("The server cannot be reached."), NULL },
  { "http-error", N_("The server answered with an error (HTTP %d)."), NULL },
  { "rate-limited", N_("Too many attempts: wait a minute, then try again."), NULL },
  { "size-bytes", N_("%s B"), NULL },
  { "size-kb", N_("%s KB"), NULL },
  { "size-mb", N_("%s MB"), NULL },

  /* The viewer */
  { "viewer-title", N_("Sharokey: a secret was shared with you"), NULL },
  { "viewer-noscript", N_("This page needs JavaScript: it decrypts the secret in your browser."), NULL },
  { "viewer-gone-title", N_("This secret is no longer available"), NULL },
  { "viewer-gone", N_("It does not exist, has expired or has already been viewed."), NULL },
  { "viewer-failure-title", N_("The secret cannot be shown"), NULL },
  { "viewer-intro-title", N_("A secret was shared with you"), NULL },
  { "password", N_("Password"), NULL },
  { "captcha", N_("Captcha"), NULL },
  { "otp-send", N_("Send me a one-time code"), NULL },
  { "otp-code", N_("One-time code"), NULL },
  { "otp-sent", N_("A code was sent to %s. (This local server writes it to its log instead of sending it.)"), NULL },
  { "reveal-note", N_("Revealing uses one of the allowed views."), NULL },
  { "reveal", N_("Reveal the secret"), NULL },
  { "secret-title", N_("The secret"), NULL },
  { "secret-shown", N_("The secret is shown."), NULL },
  { "copy", N_("Copy to clipboard"), NULL },
  { "copied", N_("Copied."), NULL },
  { "attached-files", N_("Attached files"), NULL },
  { "viewer-footer", N_("Decrypted in your browser: the key after “#” in the link never reaches the server."), NULL },
  { "views-until", ngettext ("It can be opened %d more time, until %s.",
                             "It can be opened %d more times, until %s.", 0) },
  { "files-attached", ngettext ("%d file attached.", "%d files attached.", 0) },
  { "remaining", ngettext ("This secret can be opened %d more time.",
                           "This secret can be opened %d more times.", 0) },
  { "destroyed", N_("This secret has now been destroyed on the server."), NULL },
  { "wrong-key", N_("The key in the link does not open this secret: the link may be incomplete or altered."
                    " This attempt has used one of its views."), NULL },
  { "incomplete-link", N_("This link is incomplete: the key after “#” is missing or damaged."), NULL },
  { "no-decrypt", N_("This browser cannot decrypt here: open the link over HTTPS (or on this computer)."), NULL },

  /* The request page */
  { "respond-title", N_("Sharokey: someone asks you for a secret"), NULL },
  { "respond-noscript", N_("This page needs JavaScript: it encrypts your secret in your browser."), NULL },
  { "respond-gone-title", N_("This request is no longer open"), NULL },
  { "respond-gone", N_("It does not exist, has expired or has already been answered."), NULL },
  { "respond-failure-title", N_("Something went wrong"), NULL },
  { "asker", N_("%s asks you for a secret"), NULL },
  { "secret-field", N_("Your secret (255 characters at most)"), NULL },
  { "files-field", N_("Files (optional, 10 files and 10 MB at most)"), NULL },
  { "send", N_("Encrypt and send"), NULL },
  { "done-title", N_("Your secret is stored, encrypted"), NULL },
  { "done-text", N_("The server only holds the encrypted text. Send this link to the person who asked;"
                    " it is the only way to open the secret:"), NULL },
  { "share-url", N_("Link to the secret"), NULL },
  { "copy-link", N_("Copy the link"), NULL },
  { "mail-to", N_("Send it by e-mail to %s"), NULL },
  { "mail-subject", N_("The secret you asked for"), NULL },
  { "respond-footer", N_("Encrypted in your browser before it is sent: the server never sees the text or the full key."), NULL },
  { "opens", ngettext ("It can be opened %d time.", "It can be opened %d times.", 0) },
  { "expires-after", ngettext ("It expires %d hour after you send it.",
                               "It expires %d hours after you send it.", 0) },
  { "type-first", N_("Type the secret first."), NULL },
  { "too-long", N_("The secret must be 255 characters or less."), NULL },
  { "too-many-files", N_("Too many files: %d at most."), NULL },
  { "files-too-large", N_("The files are larger than 10 MB in total."), NULL },
  { "no-encrypt", N_("This browser cannot encrypt here: open the link over HTTPS (or on this computer)."), NULL },
  /* …answering a request sealed to the requester's key */
  { "sealed-note", N_("Your answer is sealed in your browser to a key that only the person who asked holds:"
                      " the server stores it but cannot open it. Text only, no files."), NULL },
  { "sealed-done-title", N_("Your answer is sealed and sent"), NULL },
  { "sealed-done-text", N_("Only the person who asked can open it; there is no link to pass on."), NULL },
};

static const PageText *
page_text (const gchar *id,
           gsize        length)
{
  for (gsize i = 0; i < G_N_ELEMENTS (page_texts); i++)
    if (strlen (page_texts[i].id) == length && strncmp (page_texts[i].id, id, length) == 0)
      return &page_texts[i];
  return NULL;
}

/* "fr_CH" → "fr-CH", as <html lang> and Accept-Language write it. */
static gchar *
language_tag (const ServerCatalogue *catalogue)
{
  return g_strdelimit (g_strdup (server_catalogue_language (catalogue)), "_", '-');
}

/* {"lang": "fr", "plural": "(n > 1)", "texts": {ID: text or [forms]}},
 * safe inside <script type="application/json">: no "<" is left. */
static void
append_texts_json (GString               *out,
                   const ServerCatalogue *catalogue)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree gchar *json = NULL;
  g_autofree gchar *tag = language_tag (catalogue);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "lang");
  json_builder_add_string_value (builder, tag);
  json_builder_set_member_name (builder, "plural");
  json_builder_add_string_value (builder, server_catalogue_plural_rule (catalogue));
  json_builder_set_member_name (builder, "texts");
  json_builder_begin_object (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (page_texts); i++)
    {
      json_builder_set_member_name (builder, page_texts[i].id);
      if (page_texts[i].plural == NULL)
        json_builder_add_string_value (builder, server_catalogue_gettext (catalogue, page_texts[i].text));
      else
        {
          g_autoptr(GPtrArray) forms = server_catalogue_plural_forms (catalogue, page_texts[i].text,
                                                                      page_texts[i].plural);
          json_builder_begin_array (builder);
          for (guint f = 0; f < forms->len; f++)
            json_builder_add_string_value (builder, g_ptr_array_index (forms, f));
          json_builder_end_array (builder);
        }
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  for (const gchar *c = json; *c; c++)
    if (*c == '<')
      g_string_append (out, "\\u003c");
    else
      g_string_append_c (out, *c);
}

gchar *
server_page_render (const gchar           *template,
                    gsize                  length,
                    const ServerCatalogue *catalogue)
{
  GString *out = g_string_sized_new (length + 4096);
  const gchar *end = template + length;
  const gchar *p = template;

  while (p < end)
    {
      const gchar *open = g_strstr_len (p, end - p, "{{");
      const gchar *close = open ? g_strstr_len (open, end - open, "}}") : NULL;
      const gchar *id;
      gsize id_length;
      const PageText *text;

      if (close == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, open - p);
      id = open + 2;
      id_length = close - id;
      p = close + 2;
      if (id_length == 4 && strncmp (id, "lang", 4) == 0)
        {
          g_autofree gchar *tag = language_tag (catalogue);
          g_string_append (out, tag);
        }
      else if (id_length == 5 && strncmp (id, "texts", 5) == 0)
        append_texts_json (out, catalogue);
      else if ((text = page_text (id, id_length)) != NULL && text->plural == NULL)
        {
          g_autofree gchar *escaped = g_markup_escape_text (server_catalogue_gettext (catalogue, text->text), -1);
          g_string_append (out, escaped);
        }
      else
        g_critical ("page template: unknown text {{%.*s}}", (int) id_length, id);
    }
  return g_string_free (out, FALSE);
}
