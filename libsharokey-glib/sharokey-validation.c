/* sharokey-validation.c: every limit of the API, checked before sending
 *
 * The messages are those users of Sharokey's SDKs already know.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "sharokey-private.h"

#define MAX_TEXT 255

static gboolean
fail (GError      **error,
      gint          code,
      const gchar  *message)
{
  g_set_error_literal (error, SHAROKEY_ERROR, code, message);
  return FALSE;
}

static gboolean
is_set (const gchar *value)
{
  return value != NULL && *value != '\0';
}

static const gchar *
unless_empty (const gchar *value)
{
  return is_set (value) ? value : NULL;
}

gboolean
_sharokey_validate_content (const gchar  *content,
                            GError      **error)
{
  if (!is_set (content))
    return fail (error, SHAROKEY_ERROR_VALIDATION, _("Content is required"));
  if (!g_utf8_validate (content, -1, NULL))
    return fail (error, SHAROKEY_ERROR_VALIDATION, _("Content must be valid UTF-8"));
  if (g_utf8_strlen (content, -1) > MAX_TEXT)
    return fail (error, SHAROKEY_ERROR_VALIDATION, _("Content must be 255 characters or less"));
  return TRUE;
}

gboolean
_sharokey_validate_hours (gint64   hours,
                          GError **error)
{
  if (hours < 1 || hours > 8760)
    return fail (error, SHAROKEY_ERROR_VALIDATION, _("Hours must be between 1 and 8760"));
  return TRUE;
}

gboolean
_sharokey_validate_views (gint64   views,
                          GError **error)
{
  if (views < 1 || views > 1000)
    return fail (error, SHAROKEY_ERROR_VALIDATION, _("Views must be between 1 and 1000"));
  return TRUE;
}

/* Control characters (C0, DEL, C1) and the bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make
 * text read differently from what it is; tab and newline are allowed in
 * free text (@allow_newlines). @value is valid UTF-8. */
gboolean
_sharokey_text_has_hidden_controls (const gchar *value,
                                    gboolean     allow_newlines)
{
  for (const gchar *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (allow_newlines && (c == '\n' || c == '\t'))
        continue;
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
          (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
        return TRUE;
    }
  return FALSE;
}

/* @what is "Description" or "Message". */
gboolean
_sharokey_validate_text (const gchar  *value,
                         const gchar  *what,
                         GError      **error)
{
  if (value == NULL)
    return TRUE;
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                   /* TRANSLATORS: %s is "Description" or "Message" */
                   _("%s must be valid UTF-8"), what);
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > MAX_TEXT)
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                   /* TRANSLATORS: %s is "Description" or "Message" */
                   _("%s must be 255 characters or less"), what);
      return FALSE;
    }
  if (_sharokey_text_has_hidden_controls (value, TRUE))
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                   /* TRANSLATORS: %s is "Description" or "Message" */
                   _("%s must not contain control characters or bidirectional overrides"), what);
      return FALSE;
    }
  return TRUE;
}

gboolean
_sharokey_validate_password (const gchar  *password,
                             GError      **error)
{
  glong len;

  if (password == NULL)
    return TRUE;
  len = g_utf8_validate (password, -1, NULL) ? g_utf8_strlen (password, -1) : -1;
  if (len < 4 || len > 100)
    return fail (error, SHAROKEY_ERROR_VALIDATION,
                 _("Password must be between 4 and 100 characters"));
  return TRUE;
}

gboolean
_sharokey_is_email (const gchar *email)
{
  const gchar *at, *dot;

  /* The SDKs' rule ^[^\s@]+@[^\s@]+\.[^\s@]+$, within RFC 5321's length. */
  if (!is_set (email) || strlen (email) > 254)
    return FALSE;
  for (const gchar *p = email; *p; p++)
    if (g_ascii_isspace (*p) || (guchar) *p < 0x20)
      return FALSE;
  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

gboolean
_sharokey_validate_email (const gchar  *email,
                          GError      **error,
                          const gchar  *message)
{
  if (email == NULL || _sharokey_is_email (email))
    return TRUE;
  return fail (error, SHAROKEY_ERROR_VALIDATION, message);
}

gboolean
_sharokey_validate_otp_email (const gchar  *email,
                              GError      **error)
{
  return _sharokey_validate_email (email, error, _("Invalid email format for OTP"));
}

gboolean
_sharokey_validate_otp_phone (const gchar  *phone,
                              GError      **error)
{
  gsize digits;

  if (phone == NULL)
    return TRUE;
  digits = strlen (phone) - (phone[0] == '+' ? 1 : 0);
  if (phone[0] != '+' || digits < 8 || digits > 15 ||
      strspn (phone + 1, "0123456789") != digits)
    return fail (error, SHAROKEY_ERROR_VALIDATION,
                 _("Invalid phone format for OTP. Use format: +33674747474"));
  return TRUE;
}

static gboolean
ipv6_is_unique_local (GInetAddress *address)
{
  const guint8 *bytes = g_inet_address_to_bytes (address);
  return (bytes[0] & 0xfe) == 0xfc; /* fc00::/7 */
}

static gboolean
ipv4_is_reserved (GInetAddress *address)
{
  const guint8 *b = g_inet_address_to_bytes (address);

  /* GLib knows RFC 1918, loopback, link-local and multicast; add the
   * "this network", shared (CGNAT) and reserved/broadcast blocks. */
  return b[0] == 0 ||
         (b[0] == 100 && (b[1] & 0xc0) == 64) ||
         b[0] >= 240;
}

gboolean
_sharokey_ip_entry_is_public (const gchar *entry,
                              gboolean    *out_malformed)
{
  g_autoptr(GInetAddressMask) mask = NULL;
  GInetAddress *address;
  const gchar *slash;

  *out_malformed = TRUE;
  if (!is_set (entry) || strlen (entry) > 64)
    return FALSE;
  slash = strchr (entry, '/');
  /* GLib accepts "a.b.c.d/0..32" and rejects host bits beyond the prefix.
   * A prefix over 128 fits no address, and GLib would give it to a property
   * whose range ends at 128, with a warning: refuse it first. */
  if (slash != NULL && (slash[1] == '\0' || strlen (slash + 1) > 3 ||
                        strspn (slash + 1, "0123456789") != strlen (slash + 1) ||
                        g_ascii_strtoull (slash + 1, NULL, 10) > 128))
    return FALSE;
  mask = g_inet_address_mask_new_from_string (entry, NULL);
  if (mask == NULL)
    return FALSE;
  *out_malformed = FALSE;

  address = g_inet_address_mask_get_address (mask);
  if (slash != NULL && g_inet_address_mask_get_length (mask) == 0)
    return FALSE;
  if (g_inet_address_get_is_any (address) ||
      g_inet_address_get_is_loopback (address) ||
      g_inet_address_get_is_link_local (address) ||
      g_inet_address_get_is_site_local (address) ||
      g_inet_address_get_is_multicast (address))
    return FALSE;
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    return !ipv6_is_unique_local (address);
  return !ipv4_is_reserved (address);
}

gboolean
_sharokey_validate_ip_whitelist (const gchar  *list,
                                 GError      **error)
{
  g_auto(GStrv) entries = NULL;

  if (list == NULL)
    return TRUE;
  if (strlen (list) > MAX_TEXT)
    return fail (error, SHAROKEY_ERROR_VALIDATION, _("IP whitelist must be 255 characters or less"));

  entries = g_strsplit (list, ",", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      gchar *entry = g_strstrip (entries[i]);
      gboolean malformed;

      if (_sharokey_ip_entry_is_public (entry, &malformed))
        continue;
      if (malformed)
        g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                     _("Invalid IP format: %s. Use format: 192.168.1.1 or 192.168.1.0/24"), entry);
      else
        g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                     _("IP address must be public: %s"), entry);
      return FALSE;
    }
  return TRUE;
}

/* ISO 3166-1 alpha-2, officially assigned codes. */
static const gchar country_codes[] =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ "
  "BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR "
  "CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR "
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU "
  "ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ "
  "LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
  "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF "
  "PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI "
  "SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR "
  "TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

gboolean
_sharokey_is_country_code (const gchar *code)
{
  gchar upper[3];

  if (code == NULL || strlen (code) != 2 ||
      !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1]))
    return FALSE;
  upper[0] = g_ascii_toupper (code[0]);
  upper[1] = g_ascii_toupper (code[1]);
  upper[2] = '\0';
  /* Entries are "XX" separated by single spaces. */
  for (gsize i = 0; i + 1 < sizeof country_codes; i += 3)
    if (country_codes[i] == upper[0] && country_codes[i + 1] == upper[1])
      return TRUE;
  return FALSE;
}

gboolean
_sharokey_validate_geolocation (const gchar  *list,
                                GError      **error)
{
  g_auto(GStrv) codes = NULL;

  if (list == NULL)
    return TRUE;
  if (strlen (list) > MAX_TEXT)
    return fail (error, SHAROKEY_ERROR_VALIDATION, _("Geolocation must be 255 characters or less"));

  codes = g_strsplit (list, ",", -1);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      gchar *code = g_strstrip (codes[i]);

      if (!_sharokey_is_country_code (code))
        {
          g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                       _("Invalid country code: %s. Use ISO 2-letter codes like FR,US,CA"),
                       g_utf8_validate (code, -1, NULL) ? code : "?");
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_sharokey_validate_attachments (const gchar * const  *paths,
                                guint64              *out_total,
                                GError              **error)
{
  guint64 total = 0;
  guint n;

  if (out_total != NULL)
    *out_total = 0;
  if (paths == NULL)
    return TRUE;

  n = g_strv_length ((gchar **) paths);
  if (n > SHAROKEY_MAX_ATTACHMENTS)
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT,
                   _("Too many attachments. Maximum 10 files allowed, got %u"), n);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;

      info = g_file_query_info (file,
                                G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                G_FILE_ATTRIBUTE_ACCESS_CAN_READ,
                                G_FILE_QUERY_INFO_NONE, NULL, &local_error);
      if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT,
                       _("%s is a directory: attach the files in it, or an archive of it"),
                       paths[i]);
          return FALSE;
        }
      if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        {
          g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT,
                       _("File not found: %s"), paths[i]);
          return FALSE;
        }
      if (!g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
        {
          g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT,
                       _("File not readable: %s"), paths[i]);
          return FALSE;
        }
      total += (guint64) g_file_info_get_size (info);
    }

  if (total > SHAROKEY_MAX_ATTACHMENTS_SIZE)
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_ATTACHMENT,
                   _("Total attachments size too large: %.1fMB. Maximum 10MB allowed"),
                   total / (1024.0 * 1024.0));
      return FALSE;
    }
  if (out_total != NULL)
    *out_total = total;
  return TRUE;
}

gboolean
_sharokey_validate_locale (const gchar  *locale,
                           GError      **error)
{
  if (locale == NULL || g_str_equal (locale, "en") || g_str_equal (locale, "fr"))
    return TRUE;
  return fail (error, SHAROKEY_ERROR_VALIDATION, _("Locale must be en or fr"));
}

gboolean
_sharokey_validate_request_hours (gint64    hours,
                                  gboolean  secret,
                                  GError  **error)
{
  if (hours >= 1 && hours <= 8760)
    return TRUE;
  return fail (error, SHAROKEY_ERROR_VALIDATION,
               secret ? _("Secret expiration hours must be between 1 and 8760")
                      : _("Request expiration hours must be between 1 and 8760"));
}

gboolean
_sharokey_validate_request_views (gint64   views,
                                  GError **error)
{
  if (views >= 1 && views <= 1000)
    return TRUE;
  return fail (error, SHAROKEY_ERROR_VALIDATION, _("Maximum views must be between 1 and 1000"));
}

/**
 * sharokey_validate_secret:
 * @content: the secret text
 * @hours: lifetime in hours, 1 to 8760
 * @views: how many times it can be opened, 1 to 1000
 * @options: (nullable): optional settings
 * @error: return location for a #GError
 *
 * Checks everything a create would send against the API's limits, without
 * touching the network. [method@Sharokey.Client.create_async] calls it
 * first; tools call it to reject bad input early.
 *
 * Attachment problems are %SHAROKEY_ERROR_ATTACHMENT, all others
 * %SHAROKEY_ERROR_VALIDATION.
 *
 * Returns: %TRUE when everything is acceptable
 */
gboolean
sharokey_validate_secret (const gchar            *content,
                          guint                   hours,
                          guint                   views,
                          SharokeySecretOptions  *options,
                          GError                **error)
{
  g_return_val_if_fail (options == NULL || SHAROKEY_IS_SECRET_OPTIONS (options), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_sharokey_validate_content (content, error) ||
      !_sharokey_validate_hours (hours, error) ||
      !_sharokey_validate_views (views, error))
    return FALSE;
  if (options == NULL)
    return TRUE;

  /* An empty option is an unset one, as in the body (nothing is sent). */
  return _sharokey_validate_text (sharokey_secret_options_get_description (options), _("Description"), error) &&
         _sharokey_validate_text (sharokey_secret_options_get_message (options), _("Message"), error) &&
         _sharokey_validate_password (unless_empty (sharokey_secret_options_get_password (options)), error) &&
         _sharokey_validate_otp_email (unless_empty (sharokey_secret_options_get_otp_email (options)), error) &&
         _sharokey_validate_otp_phone (unless_empty (sharokey_secret_options_get_otp_phone (options)), error) &&
         _sharokey_validate_ip_whitelist (unless_empty (sharokey_secret_options_get_ip_whitelist (options)), error) &&
         _sharokey_validate_geolocation (unless_empty (sharokey_secret_options_get_geolocation (options)), error) &&
         _sharokey_validate_attachments (sharokey_secret_options_get_attachments (options), NULL, error);
}

/**
 * sharokey_validate_request:
 * @options: the request's settings
 * @error: return location for a #GError
 *
 * Checks a secret request against the API's limits, without touching the
 * network.
 *
 * Returns: %TRUE when everything is acceptable
 */
gboolean
sharokey_validate_request (SharokeyRequestOptions  *options,
                           GError                 **error)
{
  g_return_val_if_fail (SHAROKEY_IS_REQUEST_OPTIONS (options), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _sharokey_validate_request_hours (sharokey_request_options_get_secret_expiration_hours (options), TRUE, error) &&
         _sharokey_validate_request_hours (sharokey_request_options_get_request_expiration_hours (options), FALSE, error) &&
         _sharokey_validate_request_views (sharokey_request_options_get_maximum_views (options), error) &&
         _sharokey_validate_text (sharokey_request_options_get_description (options), _("Description"), error) &&
         _sharokey_validate_text (sharokey_request_options_get_message (options), _("Message"), error) &&
         _sharokey_validate_email (sharokey_request_options_get_email_to (options), error,
                                   _("Email to must be a valid email address")) &&
         _sharokey_validate_email (sharokey_request_options_get_email_reply (options), error,
                                   _("Email reply must be a valid email address")) &&
         _sharokey_validate_locale (sharokey_request_options_get_locale (options), error);
}

/**
 * sharokey_validate_api_url:
 * @api_url: the base URL of an API
 * @error: return location for a #GError, or %NULL
 *
 * Checks an API URL the way every call does before anything is sent: it
 * must be an absolute `https://` URL, or `http://` to a loopback host
 * (`localhost`, `localhost.`, `127.0.0.0/8` or `::1`), since plain HTTP
 * would carry the token in clear.
 *
 * Returns: %TRUE when @api_url can be used; otherwise %FALSE with a
 *   %SHAROKEY_ERROR_VALIDATION error
 */
gboolean
sharokey_validate_api_url (const gchar  *api_url,
                           GError      **error)
{
  g_autoptr(GUri) uri = NULL;
  const gchar *scheme, *host;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  uri = api_url != NULL ? g_uri_parse (api_url, G_URI_FLAGS_NONE, NULL) : NULL;
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  /* User information would be sent to the server and printed in errors:
   * the token goes in its own header, and the URL is echoed only without it. */
  if (uri != NULL && g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("The API URL must not hold a user name or password"));
      return FALSE;
    }
  if (scheme == NULL || host == NULL || host[0] == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                   _("The API URL must be an http or https URL: %s"), api_url ? api_url : "");
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !_sharokey_host_is_loopback (host))
    {
      g_set_error_literal (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                           _("The API URL must use https (plain http only reaches this machine)"));
      return FALSE;
    }
  return TRUE;
}

/**
 * sharokey_validate_timeout:
 * @text: (nullable): a timeout in seconds, as text (a flag, a variable)
 * @out_seconds: (out) (optional): return location for the timeout
 * @error: return location for a #GError, or %NULL
 *
 * Reads a timeout the way [func@Config.resolve] does: a whole number of
 * seconds from 1 to 86400 (a day), in decimal digits only.
 *
 * Returns: %TRUE with @out_seconds set when @text is acceptable;
 *   otherwise %FALSE with a %SHAROKEY_ERROR_VALIDATION error
 */
gboolean
sharokey_validate_timeout (const gchar  *text,
                           guint        *out_seconds,
                           GError      **error)
{
  guint64 value = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, SHAROKEY_MAX_TIMEOUT, &value, NULL))
    {
      g_set_error (error, SHAROKEY_ERROR, SHAROKEY_ERROR_VALIDATION,
                   _("Timeout must be a number of seconds between 1 and %d"), SHAROKEY_MAX_TIMEOUT);
      return FALSE;
    }
  if (out_seconds != NULL)
    *out_seconds = (guint) value;
  return TRUE;
}
