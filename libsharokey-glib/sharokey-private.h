/* sharokey-private.h: internals shared inside the project (not installed)
 *
 * The internal static library exports these to sharokey-server, the tools
 * and the tests; the shared library keeps them hidden.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#ifndef SHAROKEY_COMPILATION
#define SHAROKEY_COMPILATION
#endif

#include <glib/gi18n-lib.h>

#include "sharokey.h"

G_BEGIN_DECLS

/* --- crypto internals (sharokey-crypto.c) --- */

#define SHAROKEY_IV_LENGTH 12
#define SHAROKEY_SALT_LENGTH 16
#define SHAROKEY_TAG_LENGTH 16
#define SHAROKEY_AES_KEY_LENGTH 32

/* An AES-256-GCM key derived once from a key string and a salt, so that a
 * message and its attachments share one PBKDF2 run. Wiped when freed. */
typedef struct _SharokeyCipher SharokeyCipher;

SharokeyCipher *_sharokey_cipher_new          (const gchar    *key_string,
                                               const guint8   *salt,
                                               GError        **error);
/* Encrypts @len bytes where they are; the tag goes to @tag (16 bytes). */
gboolean        _sharokey_cipher_encrypt_in_place (SharokeyCipher *cipher,
                                                   const guint8   *iv,
                                                   guint8         *data,
                                                   gsize           len,
                                                   guint8         *tag,
                                                   GError        **error);
/* Another handle on the same key, for another thread. */
SharokeyCipher *_sharokey_cipher_copy         (SharokeyCipher *cipher,
                                               GError        **error);
void            _sharokey_cipher_free         (SharokeyCipher *cipher);
/* Encrypts @len bytes; returns ciphertext||tag (len + 16 bytes). */
guint8         *_sharokey_cipher_encrypt      (SharokeyCipher *cipher,
                                               const guint8   *iv,
                                               const guint8   *data,
                                               gsize           len,
                                               gsize          *out_len,
                                               GError        **error);
/* Decrypts ciphertext||tag; the result is wiped when the GBytes is freed. */
GBytes         *_sharokey_cipher_decrypt      (SharokeyCipher *cipher,
                                               const guint8   *iv,
                                               const guint8   *data,
                                               gsize           len,
                                               GError        **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SharokeyCipher, _sharokey_cipher_free)

gboolean _sharokey_derive_key    (const gchar *key_string,
                                  const guint8 *salt,
                                  gsize        salt_len,
                                  guint8       out_key[SHAROKEY_AES_KEY_LENGTH],
                                  GError     **error);
/* The same with GnuTLS's PBKDF2 only (what _sharokey_derive_key() falls
 * back to), for comparisons. */
gboolean _sharokey_derive_key_gnutls (const gchar *key_string,
                                      const guint8 *salt,
                                      gsize        salt_len,
                                      guint8       out_key[SHAROKEY_AES_KEY_LENGTH],
                                      GError     **error);
/* PBKDF2-HMAC-SHA256, one 32-byte block, with the CPU's SHA instructions
 * (sharokey-pbkdf2.c). FALSE, @out untouched, when this CPU has none or
 * the password is over 64 bytes or the salt over 51: use GnuTLS then. */
gboolean _sharokey_pbkdf2_sha256_fast (const guint8 *password,
                                       gsize         password_len,
                                       const guint8 *salt,
                                       gsize         salt_len,
                                       guint         iterations,
                                       guint8        out[32]);
/* Kernel CSPRNG through gnutls_rnd; aborts if it fails (it never should). */
void     _sharokey_random_bytes  (guint8 *buf, gsize len, gboolean for_key);
void     _sharokey_wipe          (gpointer data, gsize len);
/* Length of the standard base64 (padded) of @len bytes. */
#define SHAROKEY_BASE64_LENGTH(len) (((gsize) (len) + 2) / 3 * 4)
/* Appends standard base64 of @data to @out without an intermediate copy. */
void     _sharokey_base64_append (GString *out, const guint8 *data, gsize len);
/* Writes the SHAROKEY_BASE64_LENGTH (@len) characters of standard base64
 * of @data at @out (no NUL); returns that length. @data may also be the
 * last @len bytes of that room: it is then encoded in place. */
gsize    _sharokey_base64_encode_into (gchar *out, const guint8 *data, gsize len);
/* Strict standard base64 decode: NULL (no error set) when @text is not
 * well-formed base64. */
guint8  *_sharokey_base64_decode (const gchar *text, gsize *out_len);
/* TRUE when the @len bytes of @text are well-formed strict base64, as
 * _sharokey_base64_decode() wants it; @out_len (nullable) is then what it
 * decodes to, in bytes. Decodes nothing. */
gboolean _sharokey_base64_check (const gchar *text, gsize len, gsize *out_len);
/* What well-formed (already checked) base64 @text decodes to, in bytes. */
gsize    _sharokey_base64_decoded_size (const gchar *text);
GBytes  *_sharokey_bytes_new_take_wiped (guint8 *data, gsize len);
/* Same, leaving [@public_from, @public_to) unwiped (ciphertext only). */
GBytes  *_sharokey_bytes_new_take_wiped_except (guint8 *data, gsize len,
                                                gsize public_from, gsize public_to);
/* {"@name":"@value"} ({} without @value) in a buffer that never moves
 * once @value is in it, wiped when freed (sharokey-secret-body.c). */
GBytes  *_sharokey_secret_field_body (const gchar *name, const gchar *value);

/* --- validation internals (sharokey-validation.c) ---
 * Each returns FALSE with a SHAROKEY_ERROR_VALIDATION error whose message is
 * the user-facing sentence; the server reuses them field by field. */
gboolean _sharokey_validate_content      (const gchar *content, GError **error);
gboolean _sharokey_validate_hours        (gint64 hours, GError **error);
gboolean _sharokey_validate_views        (gint64 views, GError **error);
gboolean _sharokey_validate_text         (const gchar *value, const gchar *what, GError **error);
gboolean _sharokey_text_has_hidden_controls (const gchar *value, gboolean allow_newlines);
gboolean _sharokey_validate_password     (const gchar *password, GError **error);
gboolean _sharokey_validate_otp_email    (const gchar *email, GError **error);
gboolean _sharokey_validate_otp_phone    (const gchar *phone, GError **error);
gboolean _sharokey_validate_ip_whitelist (const gchar *list, GError **error);
gboolean _sharokey_validate_geolocation  (const gchar *list, GError **error);
gboolean _sharokey_validate_attachments  (const gchar * const *paths, guint64 *out_total, GError **error);
gboolean _sharokey_validate_email        (const gchar *email, GError **error, const gchar *message);
gboolean _sharokey_validate_locale       (const gchar *locale, GError **error);
gboolean _sharokey_validate_request_hours(gint64 hours, gboolean secret, GError **error);
gboolean _sharokey_validate_request_views(gint64 views, GError **error);
gboolean _sharokey_is_email              (const gchar *email);
gboolean _sharokey_is_country_code       (const gchar *code);
/* TRUE when @address ("a.b.c.d", IPv6, or either with "/len") parses and
 * is public; @out_malformed tells a parse failure from a private range. */
gboolean _sharokey_ip_entry_is_public    (const gchar *entry, gboolean *out_malformed);

/* --- the token in the keyring (sharokey-keyring.c) --- */

/* For the resolver: the token stored for @api_url, or NULL (no keyring,
 * none stored, locked, or no answer within a few seconds). */
gchar *_sharokey_keyring_lookup_for_resolver (const gchar *api_url);

/* --- request bodies (sharokey-secret-body.c, sharokey-request-options.c) --- */

/* Validates, generates a key, encrypts content and attachments and returns
 * the JSON body of POST /secrets. @out_key_b receives keyB (free it with
 * sharokey_wipe_free()). Runs fine in a worker thread. */
GBytes  *_sharokey_secret_body_build (const gchar           *content,
                                      guint                  hours,
                                      guint                  views,
                                      SharokeySecretOptions *options,
                                      gchar                **out_key_b,
                                      GError               **error);
/* Same, with a caller-chosen key string, iv and salt (tests, benchmarks). */
GBytes  *_sharokey_secret_body_build_with_key (const gchar           *content,
                                               guint                  hours,
                                               guint                  views,
                                               SharokeySecretOptions *options,
                                               const gchar           *key_string,
                                               const guint8          *iv,
                                               const guint8          *salt,
                                               GError               **error);
/* JSON body of POST /requests; validates first. */
JsonNode *_sharokey_request_body_build (SharokeyRequestOptions *options,
                                        GError                **error);

/* --- bounded JSON (sharokey-json.c) --- */

/* Deepest nesting of arrays and objects accepted in any JSON that comes
 * from outside: the API's own answers nest four levels. */
#define SHAROKEY_JSON_MAX_DEPTH 64

typedef enum {
  SHAROKEY_JSON_OK,
  SHAROKEY_JSON_EMPTY,      /* no bytes, or only whitespace */
  SHAROKEY_JSON_TOO_DEEP,   /* nests deeper than SHAROKEY_JSON_MAX_DEPTH */
  SHAROKEY_JSON_MALFORMED,
} SharokeyJsonParseError;

/* FALSE when @data nests arrays/objects deeper than @max_depth. Linear,
 * no recursion, safe on any bytes. */
gboolean  _sharokey_json_depth_ok (const gchar *data,
                                   gsize        len,
                                   guint        max_depth);
/* Parses @data after the depth check; NULL (with @out_reason) when empty,
 * too deep or malformed. Never emits a critical. */
JsonNode *_sharokey_json_parse    (const gchar            *data,
                                   gsize                   len,
                                   SharokeyJsonParseError *out_reason);

/* --- answers sealed to the requester (sharokey-request-seal.c) --- */

#define SHAROKEY_P256_POINT_LENGTH 65    /* 0x04 || X || Y */
#define SHAROKEY_P256_SCALAR_LENGTH 32

/* A requester's P-256 key pair; the private half is wiped when freed. */
typedef struct _SharokeyRequestKey SharokeyRequestKey;

SharokeyRequestKey *_sharokey_request_key_generate         (void);
SharokeyRequestKey *_sharokey_request_key_new_from_private (const guint8  *private_key,
                                                            gsize          len,
                                                            GError       **error);
void                _sharokey_request_key_free             (SharokeyRequestKey *key);
/* The uncompressed public point, SHAROKEY_P256_POINT_LENGTH bytes. */
const guint8       *_sharokey_request_key_get_public       (SharokeyRequestKey *key);
void                _sharokey_request_key_get_private      (SharokeyRequestKey *key,
                                                            guint8 out[SHAROKEY_P256_SCALAR_LENGTH]);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SharokeyRequestKey, _sharokey_request_key_free)
/* The requester's private keys on disk (sharokey-request-key-store.c).
 * _path fails with SHAROKEY_ERROR_VALIDATION for a token that cannot be a
 * file name; _load with SHAROKEY_ERROR_FAILED when there is no key;
 * _forget overwrites and unlinks, quietly. */
gchar              *_sharokey_request_key_path             (const gchar         *token,
                                                            GError             **error);
gboolean            _sharokey_request_key_save             (SharokeyRequestKey  *key,
                                                            const gchar         *token,
                                                            GError             **error);
SharokeyRequestKey *_sharokey_request_key_load             (const gchar         *token,
                                                            GError             **error);
void                _sharokey_request_key_forget           (const gchar         *token);
/* TRUE when @data is an uncompressed point on P-256. */
gboolean            _sharokey_request_public_key_valid     (const guint8  *data,
                                                            gsize          len);

/* Encrypts @plaintext to @recipient_public (ephemeral ECDH, HKDF-SHA256,
 * AES-256-GCM). @ephemeral_private and @iv are NULL for fresh random ones;
 * fixed values are for known-answer tests only. */
gboolean _sharokey_request_seal (const guint8  *recipient_public,
                                 gsize          recipient_public_len,
                                 const guint8  *ephemeral_private,
                                 const guint8  *iv,
                                 const guint8  *plaintext,
                                 gsize          len,
                                 guint8         out_ephemeral_public[SHAROKEY_P256_POINT_LENGTH],
                                 guint8         out_iv[SHAROKEY_IV_LENGTH],
                                 guint8       **out_sealed,
                                 gsize         *out_sealed_len,
                                 GError       **error);
/* Opens what _sharokey_request_seal() made for @key; the result is wiped
 * when freed. SHAROKEY_ERROR_ENCRYPTION when anything does not match. */
GBytes  *_sharokey_request_open (SharokeyRequestKey  *key,
                                 const guint8        *ephemeral_public,
                                 gsize                ephemeral_public_len,
                                 const guint8        *iv,
                                 gsize                iv_len,
                                 const guint8        *sealed,
                                 gsize                sealed_len,
                                 GError             **error);

/* Binds the gettext domain once (sharokey-init.c). */
void _sharokey_init_i18n (void);


/* --- the fixed-IV encryption (sharokey-crypto.c) ---
 * Same as sharokey_encrypt(), with a caller-chosen @iv and @salt (either
 * nullable: fresh random). Only for the attachments of a message, which
 * the protocol encrypts with the message's own IV and salt, and for the
 * known-answer tests. */
gboolean _sharokey_encrypt_with_iv (const gchar  *key_string,
                                    GBytes       *plaintext,
                                    GBytes       *iv,
                                    GBytes       *salt,
                                    gchar       **out_content,
                                    gchar       **out_iv,
                                    gchar       **out_salt,
                                    GError      **error);

/* --- members of the API's answers (sharokey-json-fields.c) ---
 * Tolerant readers: numbers may be strings, booleans 0/1; FALSE or NULL
 * when the member is missing or has no usable value. */
const gchar *_sharokey_json_string   (JsonObject  *object, const gchar *member);
/* TRUE when @host is localhost, localhost. or a loopback address
 * (sharokey-share-url.c): the one rule for plain http. */
gboolean     _sharokey_host_is_loopback (const gchar *host);
JsonObject  *_sharokey_json_object   (JsonObject  *object, const gchar *member);
gboolean     _sharokey_json_uint64   (JsonObject  *object, const gchar *member, guint64 *out);
gboolean     _sharokey_json_uint     (JsonObject  *object, const gchar *member, guint *out);
gboolean     _sharokey_json_boolean  (JsonObject  *object, const gchar *member, gboolean *out);
/* ISO 8601; a time without a zone is UTC. (transfer full) */
GDateTime   *_sharokey_json_datetime (JsonObject  *object, const gchar *member);

/* --- typed results, built from the server's JSON (each takes a reference
 * on @json, an object node) --- */
SharokeySecret        *_sharokey_secret_new         (JsonNode    *json,
                                                     const gchar *share_url);
SharokeySecretRequest *_sharokey_secret_request_new (JsonNode    *json);
SharokeyStats         *_sharokey_stats_new          (JsonNode    *json);
SharokeyRequestStats  *_sharokey_request_stats_new  (JsonNode    *json);
/* From the viewer's metadata object (sharokey-link-info.c). */
SharokeyLinkInfo      *_sharokey_link_info_new      (const gchar *slug,
                                                     JsonObject  *data,
                                                     GError     **error);
/* Takes @plaintext; refuses what is not UTF-8 text (sharokey-opened-secret.c). */
SharokeyOpenedSecret  *_sharokey_opened_secret_new  (const gchar *slug,
                                                     GBytes      *plaintext,
                                                     gint64       remaining_views,
                                                     GError     **error);
/* Takes @data. */
void                   _sharokey_opened_secret_add_attachment (SharokeyOpenedSecret *self,
                                                               const gchar          *name,
                                                               GBytes               *data);
/* The diagnostics' results (sharokey-check.c, sharokey-diagnosis.c);
 * @name marked N_(), the label is its translation. */
SharokeyCheck         *_sharokey_check_new          (const gchar *name,
                                                     gboolean     passed,
                                                     const gchar *message);
/* References each check of @checks. */
SharokeyDiagnosis     *_sharokey_diagnosis_new      (GPtrArray   *checks);
/* Takes @items; references @pagination (nullable); @asked: page asked for. */
SharokeyPage          *_sharokey_page_new           (GType        item_type,
                                                     GPtrArray   *items,
                                                     JsonNode    *pagination,
                                                     guint        asked);

/* Copies what a create needs, so that the worker thread never reads an
 * object the caller may change (sharokey-secret-options.c). */
SharokeySecretOptions *_sharokey_secret_options_copy (SharokeySecretOptions *options);

/* Largest timeout of a call, in seconds (a day). */
#define SHAROKEY_MAX_TIMEOUT (24 * 3600)

G_END_DECLS
