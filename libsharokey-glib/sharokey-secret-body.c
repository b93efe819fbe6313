/* sharokey-secret-body.c: the JSON bodies of POST /secrets and POST /requests
 *
 * The secret body is written straight into one buffer sized up front: the
 * base64 of each attachment is appended without intermediate copies, and
 * since the buffer holds the password in clear it is wiped when freed (and
 * never reallocated behind our back, which would leave copies around).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "sharokey-private.h"

static gboolean
is_set (const gchar *value)
{
  return value != NULL && *value != '\0';
}

static gsize
b64_len (gsize len)
{
  return (len + 2) / 3 * 4;
}

static void
append_json_string (GString     *out,
                    const gchar *value)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) value; *p; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (gchar) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_string_field (GString     *out,
                     const gchar *name,
                     const gchar *value)
{
  g_string_append_printf (out, ",\"%s\":", name);
  append_json_string (out, value);
}

/* Reads, encrypts and appends one file; adds its size to *@total. The
 * size is what was read, not what validation saw: a file may change in
 * between. */
static gboolean
append_attachment (GString         *out,
                   SharokeyCipher  *cipher,
                   const guint8    *iv,
                   const gchar     *path,
                   gboolean         first,
                   guint64         *total,
                   GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree gchar *name = g_file_get_basename (file);
  g_autofree gchar *display = g_filename_display_name (name);
  g_autofree guint8 *ct = NULL;
  g_autoptr(GError) local_error = NULL;
  gchar *data = NULL;
  gsize len = 0, ct_len = 0;

  if (!g_file_load_contents (file, NULL, &data, &len, NULL, &local_error))
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT,
                   _("Failed to process file %s: %s"), display, local_error->message);
      return FALSE;
    }
  *total += len;
  if (*total > SHAROKEY_MAX_ATTACHMENTS_SIZE)
    {
      _sharokey_wipe (data, len);
      g_free (data);
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT,
                   _("Total attachments size too large: %.1fMB. Maximum 10MB allowed"),
                   *total / (1024.0 * 1024.0));
      return FALSE;
    }
  ct = _sharokey_cipher_encrypt (cipher, iv, (const guint8 *) data, len, &ct_len, error);
  _sharokey_wipe (data, len);
  g_free (data);
  if (ct == NULL)
    return FALSE;

  g_string_append (out, first ? "{\"name\":" : ",{\"name\":");
  append_json_string (out, display);
  g_string_append (out, ",\"data\":\"");
  _sharokey_base64_append (out, ct, ct_len);
  g_string_append_printf (out, "\",\"size\":%" G_GSIZE_FORMAT "}", len);
  return TRUE;
}

static gsize
estimate_size (const gchar           *content,
               SharokeySecretOptions *options,
               guint64                attachments_total)
{
  const gchar * const *paths = options ? sharokey_secret_options_get_attachments (options) : NULL;
  gsize size = 1024 + b64_len (strlen (content) + SHAROKEY_TAG_LENGTH);

  if (options != NULL)
    {
      /* Every text field may grow sixfold when escaped. */
      const gchar *fields[] = {
        sharokey_secret_options_get_description (options),
        sharokey_secret_options_get_message (options),
        sharokey_secret_options_get_password (options),
        sharokey_secret_options_get_otp_email (options),
        sharokey_secret_options_get_otp_phone (options),
        sharokey_secret_options_get_ip_whitelist (options),
        sharokey_secret_options_get_geolocation (options),
      };
      for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
        size += fields[i] ? strlen (fields[i]) * 6 + 32 : 0;
    }
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    size += 6 * strlen (paths[i]) + 64 + b64_len (SHAROKEY_TAG_LENGTH);
  return size + b64_len (attachments_total) + 3 * SHAROKEY_MAX_ATTACHMENTS;
}

static void
wipe_string (GString *out)
{
  _sharokey_wipe (out->str, out->allocated_len);
  g_string_free (out, TRUE);
}

/* Makes room for @extra more bytes now, so that appending them cannot
 * move the buffer: a move would leave a copy of what it holds (the
 * password) in freed memory. */
static void
reserve (GString *out,
         gsize    extra)
{
  gsize len = out->len;

  if (len + extra < out->allocated_len)
    return;
  g_string_set_size (out, len + extra);
  g_string_truncate (out, len);
}

static gsize
escaped_room (const gchar *value)
{
  /* A JSON-escaped byte takes at most 6 ("\u00XX"); plus name and quotes. */
  return (value ? strlen (value) * 6 : 0) + 32;
}

/* {"@name":"@value"}, or {} without @value, in a buffer sized before
 * @value goes in and wiped when freed: for a password sent alone (the
 * viewer's reveal step). */
GBytes *
_sharokey_secret_field_body (const gchar *name,
                             const gchar *value)
{
  GString *out = g_string_sized_new (strlen (name) + escaped_room (value));
  gsize len;

  g_string_append_c (out, '{');
  if (value != NULL && *value != '\0')
    {
      append_string_field (out, name, value);
      out->str[1] = ' ';      /* the field's leading comma */
    }
  g_string_append_c (out, '}');
  len = out->len;
  return _sharokey_bytes_new_take_wiped ((guint8 *) g_string_free (out, FALSE), len);
}

/* Only the strongest protection is sent. It goes last, after the
 * attachments whose size is only known once read, into room reserved
 * beforehand: the buffer never moves once the password is in it. */
static void
append_protection (GString               *out,
                   SharokeySecretOptions *options)
{
  const gchar *password = sharokey_secret_options_get_password (options);
  const gchar *otp_email = sharokey_secret_options_get_otp_email (options);
  const gchar *otp_phone = sharokey_secret_options_get_otp_phone (options);

  reserve (out, escaped_room (password) + escaped_room (otp_email) +
                escaped_room (otp_phone) + 64);
  switch (sharokey_secret_options_get_protection (options))
    {
    case SHAROKEY_PROTECTION_OTP_PHONE:
      append_string_field (out, "otp_type", "phone");
      append_string_field (out, "otp_receiver", otp_phone);
      break;
    case SHAROKEY_PROTECTION_OTP_EMAIL:
      append_string_field (out, "otp_type", "email");
      append_string_field (out, "otp_receiver", otp_email);
      break;
    case SHAROKEY_PROTECTION_PASSWORD:
      append_string_field (out, "password", password);
      break;
    case SHAROKEY_PROTECTION_CAPTCHA:
      g_string_append (out, ",\"captcha\":true");
      break;
    case SHAROKEY_PROTECTION_NONE:
    default:
      break;
    }
  g_string_append_c (out, '}');
}

GBytes *
_sharokey_secret_body_build_with_key (const gchar           *content,
                                      guint                  hours,
                                      guint                  views,
                                      SharokeySecretOptions *options,
                                      const gchar           *key_string,
                                      const guint8          *iv,
                                      const guint8          *salt,
                                      GError               **error)
{
  g_autoptr(SharokeyCipher) cipher = NULL;
  g_autofree guint8 *ct = NULL;
  const gchar * const *paths = NULL;
  guint64 attachments_total = 0;
  gsize ct_len, capacity, allocated;
  gchar key_a[SHAROKEY_KEY_A_LENGTH + 1];
  GString *out;

  g_return_val_if_fail (key_string != NULL && strlen (key_string) == SHAROKEY_KEY_LENGTH, NULL);

  if (!sharokey_validate_secret (content, hours, views, options, error))
    return NULL;
  if (options != NULL &&
      !_sharokey_validate_attachments (sharokey_secret_options_get_attachments (options),
                                       &attachments_total, error))
    return NULL;

  cipher = _sharokey_cipher_new (key_string, salt, error);
  if (cipher == NULL)
    return NULL;
  ct = _sharokey_cipher_encrypt (cipher, iv, (const guint8 *) content, strlen (content), &ct_len, error);
  if (ct == NULL)
    return NULL;

  capacity = estimate_size (content, options, attachments_total);
  out = g_string_sized_new (capacity);
  allocated = out->allocated_len;

  g_string_append (out, "{\"content\":\"");
  _sharokey_base64_append (out, ct, ct_len);
  g_string_append (out, "\",\"iv\":\"");
  _sharokey_base64_append (out, iv, SHAROKEY_IV_LENGTH);
  g_string_append (out, "\",\"salt\":\"");
  _sharokey_base64_append (out, salt, SHAROKEY_SALT_LENGTH);
  g_string_append (out, "\"");
  memcpy (key_a, key_string, SHAROKEY_KEY_A_LENGTH);
  key_a[SHAROKEY_KEY_A_LENGTH] = '\0';
  append_string_field (out, "key", key_a);
  _sharokey_wipe (key_a, sizeof key_a);
  g_string_append_printf (out, ",\"maximum_views\":%u,\"expiration_hours\":%u", views, hours);

  if (options != NULL)
    {
      const gchar *description = sharokey_secret_options_get_description (options);
      const gchar *message = sharokey_secret_options_get_message (options);
      const gchar *ip_whitelist = sharokey_secret_options_get_ip_whitelist (options);
      const gchar *geolocation = sharokey_secret_options_get_geolocation (options);

      if (is_set (description))
        append_string_field (out, "description", description);
      if (is_set (message))
        append_string_field (out, "message", message);


      if (is_set (ip_whitelist))
        append_string_field (out, "ip_whitelist", ip_whitelist);
      if (is_set (geolocation))
        append_string_field (out, "geolocation", geolocation);

      paths = sharokey_secret_options_get_attachments (options);
    }

  if (paths != NULL && paths[0] != NULL)
    {
      guint64 read_total = 0;

      g_string_append (out, ",\"attachments\":[");
      for (guint i = 0; paths[i] != NULL; i++)
        if (!append_attachment (out, cipher, iv, paths[i], i == 0, &read_total, error))
          {
            wipe_string (out);
            return NULL;
          }
      g_string_append_printf (out, "],\"attachments_total_size\":%" G_GUINT64_FORMAT, read_total);
    }
  if (options != NULL)
    append_protection (out, options);
  else
    g_string_append_c (out, '}');

  /* Each growth copies the whole body (and frees the old buffer). */
  if (out->allocated_len != allocated)
    g_debug ("secret body outgrew its estimate (%" G_GSIZE_FORMAT " > %" G_GSIZE_FORMAT ")",
             out->len, capacity);
  {
    gsize len = out->len;
    return _sharokey_bytes_new_take_wiped ((guint8 *) g_string_free (out, FALSE), len);
  }
}

GBytes *
_sharokey_secret_body_build (const gchar           *content,
                             guint                  hours,
                             guint                  views,
                             SharokeySecretOptions *options,
                             gchar                **out_key_b,
                             GError               **error)
{
  gchar *key_string;
  guint8 iv[SHAROKEY_IV_LENGTH], salt[SHAROKEY_SALT_LENGTH];
  GBytes *body;

  g_return_val_if_fail (out_key_b != NULL, NULL);

  /* Validate before spending any randomness or CPU on PBKDF2. */
  if (!sharokey_validate_secret (content, hours, views, options, error))
    return NULL;

  key_string = sharokey_generate_key_string ();
  _sharokey_random_bytes (iv, sizeof iv, FALSE);
  _sharokey_random_bytes (salt, sizeof salt, FALSE);
  body = _sharokey_secret_body_build_with_key (content, hours, views, options,
                                               key_string, iv, salt, error);
  if (body != NULL)
    *out_key_b = g_strdup (key_string + SHAROKEY_KEY_A_LENGTH);
  sharokey_wipe_free (key_string);
  return body;
}

JsonNode *
_sharokey_request_body_build (SharokeyRequestOptions  *options,
                              GError                 **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  const gchar *value;

  if (!sharokey_validate_request (options, error))
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "secret_expiration_hours");
  json_builder_add_int_value (builder, sharokey_request_options_get_secret_expiration_hours (options));
  json_builder_set_member_name (builder, "request_expiration_hours");
  json_builder_add_int_value (builder, sharokey_request_options_get_request_expiration_hours (options));
  json_builder_set_member_name (builder, "maximum_views");
  json_builder_add_int_value (builder, sharokey_request_options_get_maximum_views (options));

#define ADD_OPTIONAL(name, getter) \
  if (is_set (value = getter (options))) \
    { \
      json_builder_set_member_name (builder, name); \
      json_builder_add_string_value (builder, value); \
    }
  ADD_OPTIONAL ("message", sharokey_request_options_get_message)
  ADD_OPTIONAL ("description", sharokey_request_options_get_description)
  ADD_OPTIONAL ("email_to", sharokey_request_options_get_email_to)
  ADD_OPTIONAL ("email_reply", sharokey_request_options_get_email_reply)
  ADD_OPTIONAL ("locale", sharokey_request_options_get_locale)
#undef ADD_OPTIONAL

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
