/* sharokey-printable.c: text from the server made safe for a terminal
 *
 * A hostile server could otherwise retitle the terminal, hide text,
 * forge a hyperlink (OSC 8), or reorder what is shown with bidi overrides
 * ("Trojan Source") in a description, a message or an error.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "sharokey-printable.h"

#define ESC 0x1b

/* Controls (C0, DEL, C1), format characters (bidi embeddings, overrides,
 * isolates and marks, zero-width characters, the BOM…) and the Unicode
 * line and paragraph separators. */
static gboolean
is_unsafe (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SURROGATE:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' ||
         c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Skips a control string (OSC, DCS, SOS, PM, APC) up to its terminator:
 * BEL, ST (ESC \ or U+009C), or the end of the text. */
static const gchar *
skip_string (const gchar *p)
{
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x07 || c == 0x9c)
        return g_utf8_next_char (p);
      if (c == ESC && p[1] == '\\')
        return p + 2;
      p = g_utf8_next_char (p);
    }
  return p;
}

/* Skips the parameters, intermediates and final byte of a CSI. */
static const gchar *
skip_csi (const gchar *p)
{
  while ((guchar) *p >= 0x20 && (guchar) *p <= 0x3f)
    p++;
  if ((guchar) *p >= 0x40 && (guchar) *p <= 0x7e)
    p++;
  return p;
}

/* @p is at ESC or a C1 control: returns what follows the whole sequence. */
static const gchar *
skip_sequence (const gchar *p)
{
  gunichar c = g_utf8_get_char (p);

  p = g_utf8_next_char (p);
  if (c == ESC)
    {
      guchar kind = (guchar) *p;

      if (kind == '[')
        return skip_csi (p + 1);
      if (kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_')
        return skip_string (p + 1);
      /* nF: intermediates, then a final byte */
      while ((guchar) *p >= 0x20 && (guchar) *p <= 0x2f)
        p++;
      if ((guchar) *p >= 0x30 && (guchar) *p <= 0x7e)
        p++;
      return p;
    }
  if (c == 0x9b)
    return skip_csi (p);
  if (c == 0x90 || c == 0x98 || c == 0x9d || c == 0x9e || c == 0x9f)
    return skip_string (p);
  return p;
}

gchar *
sharokey_printable (const gchar *text)
{
  g_autofree gchar *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));
  const gchar *p = valid;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const gchar *next = g_utf8_next_char (p);

      if (is_line_break (c))
        g_string_append_c (out, ' ');
      else if (c == ESC || (c >= 0x80 && c <= 0x9f))
        next = skip_sequence (p);
      else if (!is_unsafe (c))
        g_string_append_len (out, p, next - p);
      p = next;
    }
  return g_string_free (out, FALSE);
}

gboolean
sharokey_is_printable (const gchar *text)
{
  g_autofree gchar *shown = sharokey_printable (text);

  return g_strcmp0 (shown, text) == 0;
}

static void
append_escape (GString  *out,
               gunichar  c)
{
  if (c > 0xffff)
    {
      c -= 0x10000;
      g_string_append_printf (out, "\\u%04x\\u%04x", 0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
    }
  else
    g_string_append_printf (out, "\\u%04x", c);
}

gchar *
sharokey_printable_json (const gchar *json)
{
  g_autofree gchar *valid = g_utf8_make_valid (json != NULL ? json : "", -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const gchar *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Raw whitespace is the layout: strings hold it escaped. */
      if (c != '\n' && c != '\t' && c != '\r' && is_unsafe (c))
        append_escape (out, c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
