/* sharokey-secret-body.c: the JSON bodies of POST /secrets and POST /requests
 *
 * The secret body is written straight into one buffer sized up front:
 * each attachment's base64 is encoded in its place, without intermediate
 * copies, and since the buffer holds the password in clear it is wiped
 * when freed (and never reallocated behind our back, which would leave
 * copies around).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sharokey-crypto-pool.h"
#include "sharokey-private.h"

static gboolean
is_set (const gchar *value)
{
  return value != NULL && *value != '\0';
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

/* --- attachments ---
 *
 * Each file is opened and sized first, so that the body's buffer is
 * sized once and each file's base64 has its place in it; then the files
 * are read, encrypted and encoded into their places, several at a time
 * on the crypto pool. */

/* A file that says it is smaller than this (or is not a regular file:
 * /proc and /sys give sizes that are not their content's) is read whole
 * when it is opened; a larger one is read when its turn comes, and must
 * then hold exactly what it said. */
#define READ_WHOLE_BELOW (64 * 1024)

typedef struct {
  gchar *display;              /* the name sent */
  gint fd;                     /* -1 once read */
  guint8 *early;               /* content read when opened (wiped), or NULL */
  gsize size;                  /* bytes sent */
  gsize offset;                /* of its base64 in the body */
} Attachment;

typedef struct {
  Attachment *files;
  guint n_files;
  SharokeyCipher *cipher;
  const guint8 *iv;
  gchar *body;
  gint failed;                 /* set once: the others stop early */
  GMutex lock;
  GError *error;               /* the first failure, under @lock */
} Fill;

static void
attachment_clear (Attachment *file)
{
  if (file->fd >= 0)
    g_close (file->fd, NULL);
  file->fd = -1;
  if (file->early != NULL)
    _sharokey_wipe (file->early, file->size);
  g_clear_pointer (&file->early, g_free);
  g_clear_pointer (&file->display, g_free);
}

static void
attachments_free (Attachment *files,
                  guint       n_files)
{
  for (guint i = 0; i < n_files; i++)
    attachment_clear (&files[i]);
  g_free (files);
}

static void
set_file_error (GError      **error,
                const gchar  *display,
                const gchar  *reason)
{
  g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT,
               _("Failed to process file %s: %s"), display, reason);
}

/* Reads @fd up to its end into a buffer that grows without leaving
 * copies of what it held behind. */
static guint8 *
read_to_end (gint    fd,
             gsize  *out_len,
             gint   *out_errno)
{
  gsize allocated = 4096, len = 0;
  guint8 *data = g_malloc (allocated);

  for (;;)
    {
      gssize got;

      if (len == allocated)
        {
          guint8 *larger;

          if (allocated > SHAROKEY_MAX_ATTACHMENTS_SIZE)
            break;      /* too large anyway: the total check says so */
          larger = g_malloc (allocated * 2);
          memcpy (larger, data, len);
          _sharokey_wipe (data, len);
          g_free (data);
          data = larger;
          allocated *= 2;
        }
      got = read (fd, data + len, allocated - len);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          *out_errno = errno;
          _sharokey_wipe (data, len);
          g_free (data);
          return NULL;
        }
      if (got == 0)
        break;
      len += (gsize) got;
    }
  *out_len = len;
  return data;
}

static gboolean
attachment_open (Attachment   *file,
                 const gchar  *path,
                 GError      **error)
{
  g_autofree gchar *name = g_path_get_basename (path);
  struct stat st;
  gint saved_errno = 0;

  file->display = g_filename_display_name (name);
  file->fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (file->fd < 0 || fstat (file->fd, &st) != 0)
    {
      set_file_error (error, file->display, g_strerror (errno));
      return FALSE;
    }
  if (S_ISREG (st.st_mode) && st.st_size >= READ_WHOLE_BELOW)
    {
      file->size = (gsize) MIN ((guint64) st.st_size, G_MAXSIZE / 2);
      return TRUE;
    }
  file->early = read_to_end (file->fd, &file->size, &saved_errno);
  g_close (file->fd, NULL);
  file->fd = -1;
  if (file->early == NULL)
    {
      set_file_error (error, file->display, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Exactly @len bytes, then the end of the file. */
static gboolean
read_exactly (gint     fd,
              guint8  *data,
              gsize    len,
              gint    *out_errno)
{
  gsize done = 0;
  guint8 extra;
  gssize got;

  while (done < len)
    {
      got = read (fd, data + done, len - done);
      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        {
          *out_errno = got < 0 ? errno : 0;
          return FALSE;
        }
      done += (gsize) got;
    }
  do
    got = read (fd, &extra, 1);
  while (got < 0 && errno == EINTR);
  *out_errno = got < 0 ? errno : 0;
  return got == 0;
}

static void
fill_failed (Fill   *fill,
             GError *error)
{
  g_atomic_int_set (&fill->failed, 1);
  g_mutex_lock (&fill->lock);
  if (fill->error == NULL)
    fill->error = g_steal_pointer (&error);
  g_mutex_unlock (&fill->lock);
  g_clear_error (&error);
}

/* Reads, encrypts and encodes one file into its place in the body, with
 * no buffer of its own: the file is read into the end of its place,
 * encrypted there, and its base64 written from the start of the place,
 * which never overtakes the bytes still to encode. Fresh memory is what
 * costs most here (each new page is a fault), so none is used. Runs in
 * any thread, beside the others. */
static void
fill_attachment (guint    index,
                 gpointer user_data)
{
  Fill *fill = user_data;
  Attachment *file = &fill->files[index];
  g_autoptr(SharokeyCipher) cipher = NULL;
  gsize ct_len = file->size + SHAROKEY_TAG_LENGTH;
  gchar *place = fill->body + file->offset;
  guint8 *data = (guint8 *) place + SHAROKEY_BASE64_LENGTH (ct_len) - ct_len;
  GError *error = NULL;
  gint read_errno = 0;

  if (g_atomic_int_get (&fill->failed))
    return;
  if (file->early != NULL)
    memcpy (data, file->early, file->size);
  else if (!read_exactly (file->fd, data, file->size, &read_errno))
    {
      /* Its size was taken when it was opened: a file that changes in
       * between would not fit its place in the body. */
      set_file_error (&error, file->display,
                      read_errno != 0 ? g_strerror (read_errno) : _("it changed while it was read"));
      goto out;
    }
  cipher = _sharokey_cipher_copy (fill->cipher, &error);
  if (cipher == NULL ||
      !_sharokey_cipher_encrypt_in_place (cipher, fill->iv, data, file->size, data + file->size, &error))
    goto out;
  _sharokey_base64_encode_into (place, data, ct_len);

out:
  if (file->fd >= 0)
    g_close (file->fd, NULL);
  file->fd = -1;
  /* The body is wiped when freed, plaintext left by a failure with it. */
  if (error != NULL)
    fill_failed (fill, error);
}

/* Opens and sizes every file, and checks their total. */
static Attachment *
attachments_open (const gchar * const  *paths,
                  guint                *out_n,
                  guint64              *out_total,
                  GError              **error)
{
  guint n = g_strv_length ((gchar **) paths);
  Attachment *files = g_new0 (Attachment, n);
  guint64 total = 0;

  for (guint i = 0; i < n; i++)
    files[i].fd = -1;
  for (guint i = 0; i < n; i++)
    {
      if (!attachment_open (&files[i], paths[i], error))
        goto failed;
      total += files[i].size;
    }
  /* What is read now, not what validation saw: a file may change in
   * between, and /proc files say they are empty. */
  if (total > SHAROKEY_MAX_ATTACHMENTS_SIZE)
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT,
                   _("Total attachments size too large: %.1fMB. Maximum 10MB allowed"),
                   total / (1024.0 * 1024.0));
      goto failed;
    }
  *out_n = n;
  *out_total = total;
  return files;

failed:
  attachments_free (files, n);
  return NULL;
}

/* Writes the attachments' JSON with a hole of the right size for each
 * file's base64, then fills the holes. */
static gboolean
append_attachments (GString         *out,
                    SharokeyCipher  *cipher,
                    const guint8    *iv,
                    Attachment      *files,
                    guint            n_files,
                    guint64          total,
                    GError         **error)
{
  Fill fill = { files, n_files, cipher, iv, NULL, 0, { 0 }, NULL };

  g_string_append (out, ",\"attachments\":[");
  for (guint i = 0; i < n_files; i++)
    {
      g_string_append (out, i == 0 ? "{\"name\":" : ",{\"name\":");
      append_json_string (out, files[i].display);
      g_string_append (out, ",\"data\":\"");
      files[i].offset = out->len;
      g_string_set_size (out, out->len + SHAROKEY_BASE64_LENGTH (files[i].size + SHAROKEY_TAG_LENGTH));
      g_string_append_printf (out, "\",\"size\":%" G_GSIZE_FORMAT "}", files[i].size);
    }
  g_string_append_printf (out, "],\"attachments_total_size\":%" G_GUINT64_FORMAT, total);

  fill.body = out->str;
  g_mutex_init (&fill.lock);
  _sharokey_crypto_pool_share (n_files, fill_attachment, &fill);
  g_mutex_clear (&fill.lock);
  if (fill.error != NULL)
    {
      g_propagate_error (error, fill.error);
      return FALSE;
    }
  return TRUE;
}

static gsize
estimate_size (const gchar           *content,
               SharokeySecretOptions *options,
               guint64                attachments_total)
{
  const gchar * const *paths = options ? sharokey_secret_options_get_attachments (options) : NULL;
  gsize size = 1024 + SHAROKEY_BASE64_LENGTH (strlen (content) + SHAROKEY_TAG_LENGTH);

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
    size += 6 * strlen (paths[i]) + 64 + SHAROKEY_BASE64_LENGTH (SHAROKEY_TAG_LENGTH);
  return size + SHAROKEY_BASE64_LENGTH (attachments_total) + 3 * SHAROKEY_MAX_ATTACHMENTS;
}

/* A body with files is megabytes of memory written once: on a fault per
 * 4 KiB page, touching it costs more than encrypting it. Large pages,
 * where the system offers them, make that a few faults. */
static void
advise_large_pages (GString *out)
{
#ifdef MADV_HUGEPAGE
  const guintptr huge = 2 * 1024 * 1024;
  guintptr start = ((guintptr) out->str + huge - 1) & ~(huge - 1);
  guintptr end = ((guintptr) out->str + out->allocated_len) & ~(huge - 1);

  if (end > start)
    madvise ((gpointer) start, end - start, MADV_HUGEPAGE);
#endif
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
  Attachment *files = NULL;
  guint n_files = 0;
  guint64 attachments_total = 0;
  gsize ct_len, capacity, allocated;
  gchar key_a[SHAROKEY_KEY_A_LENGTH + 1];
  gsize files_from = 0, files_to = 0;
  gboolean ok = TRUE;
  GString *out;

  g_return_val_if_fail (key_string != NULL && strlen (key_string) == SHAROKEY_KEY_LENGTH, NULL);

  if (!sharokey_validate_secret (content, hours, views, options, error))
    return NULL;
  if (options != NULL)
    paths = sharokey_secret_options_get_attachments (options);
  if (paths != NULL && paths[0] != NULL)
    {
      files = attachments_open (paths, &n_files, &attachments_total, error);
      if (files == NULL)
        return NULL;
    }

  cipher = _sharokey_cipher_new (key_string, salt, error);
  if (cipher != NULL)
    ct = _sharokey_cipher_encrypt (cipher, iv, (const guint8 *) content, strlen (content), &ct_len, error);
  if (ct == NULL)
    {
      attachments_free (files, n_files);
      return NULL;
    }

  capacity = estimate_size (content, options, attachments_total);
  out = g_string_sized_new (capacity);
  allocated = out->allocated_len;
  if (files != NULL)
    advise_large_pages (out);

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
    }

  if (files != NULL)
    {
      files_from = out->len;
      ok = append_attachments (out, cipher, iv, files, n_files, attachments_total, error);
      files_to = out->len;
      attachments_free (files, n_files);
    }
  if (!ok)
    {
      wipe_string (out);
      return NULL;
    }
  if (options != NULL)
    append_protection (out, options);
  else
    g_string_append_c (out, '}');

  /* Each growth copies the whole body (and frees the old buffer). */
  if (out->allocated_len != allocated)
    g_debug ("secret body outgrew its estimate (%" G_GSIZE_FORMAT " > %" G_GSIZE_FORMAT ")",
             out->len, capacity);
  /* Names and ciphertext need no wiping: keyA comes before them, the
   * password after. (A failure above wiped everything.) */
  {
    gsize len = out->len;
    return _sharokey_bytes_new_take_wiped_except ((guint8 *) g_string_free (out, FALSE), len,
                                                  files_from, files_to);
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
