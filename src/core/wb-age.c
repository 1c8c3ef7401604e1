/* wb-age.c — the age v1 file format (X25519 recipients only)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Implements https://age-encryption.org/v1 (C2SP age spec) so that bundles
 * open with the stock `age` command:
 *
 *   age-encryption.org/v1
 *   -> X25519 <share, base64>
 *   <wrapped file key, base64, 64-column lines, last line short>
 *   --- <HMAC-SHA256 of the header up to "---", base64>
 *   <16-byte nonce><ChaCha20-Poly1305 STREAM, 64 KiB chunks>
 *
 * Base64 is standard, unpadded and must be canonical.  libsodium 1.0.18
 * has no HKDF, so HKDF-SHA256 is built from its HMAC-SHA256.  All secrets
 * (file key, shared secrets, wrap and MAC keys) live in sodium_malloc()
 * memory; the payload key is a WbKey.
 */

#define G_LOG_DOMAIN "wb-age"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "wb-age.h"
#include "wb-core-private.h"
#include "wb-key.h"

#define VERSION_LINE     "age-encryption.org/v1"
#define VERSION_PREFIX   "age-encryption.org/"
#define FILE_KEY_BYTES   16
#define NONCE_BYTES      16
#define TAG_BYTES        crypto_aead_chacha20poly1305_ietf_ABYTES
#define ENC_CHUNK        (WB_AGE_CHUNK_SIZE + TAG_BYTES)
/* One byte of look-ahead tells a full final chunk from a full middle one. */
#define READ_BUF_SIZE    (ENC_CHUNK + 1)
#define COLUMNS          64
/* A header with thousands of recipients still fits; anything bigger is
 * refused before it can cost much memory. */
#define MAX_HEADER_BYTES (1024 * 1024)

#define HRP_RECIPIENT    "age"
#define HRP_IDENTITY     "age-secret-key-"
#define BECH32_MAX       128

G_DEFINE_QUARK (wb-age-error-quark, wb_age_error)

/* Secret temporaries, kept together in guarded memory and wiped by
 * sodium_free(). */
typedef struct
{
  guint8 file_key[FILE_KEY_BYTES];
  guint8 ephemeral[crypto_scalarmult_BYTES];
  guint8 shared[crypto_scalarmult_BYTES];
  guint8 wrap_key[32];
  guint8 mac_key[32];
  guint8 payload_key[32];
} AgeSecrets;

static AgeSecrets *
age_secrets_new (void)
{
  AgeSecrets *s;

  wb_core_ensure_sodium ();
  s = sodium_malloc (sizeof *s);
  if (s == NULL)
    g_error ("sodium_malloc failed: out of memory or mlock limit reached");
  return s;
}

static void
age_secrets_free (AgeSecrets *s)
{
  if (s != NULL)
    sodium_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AgeSecrets, age_secrets_free)

struct _WbAgeWriter
{
  GOutputStream *output;
  WbKey         *payload_key;
  guint8         nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES];
  guint8        *plain;          /* buffered plaintext, up to one chunk */
  gsize          plain_len;
  guint8        *cipher;
  gboolean       finished;
  gboolean       failed;
};

struct _WbAgeReader
{
  GInputStream *input;
  guint8       *buf;             /* ciphertext read ahead, READ_BUF_SIZE */
  gsize         pos;
  gsize         len;
  gboolean      eof;
  guint8       *plain;           /* the last authenticated chunk */
  gsize         plain_pos;
  gsize         plain_len;
  WbKey        *payload_key;
  guint8        nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES];
  gboolean      first_chunk;
  gboolean      done;
  GError       *error;           /* sticky: once failed, always failed */
};

typedef struct
{
  char   **args;                 /* args[0] is the stanza type */
  guint    n_args;
  guint8  *body;
  gsize    body_len;
} Stanza;

static void
stanza_free (gpointer data)
{
  Stanza *s = data;

  g_strfreev (s->args);
  g_free (s->body);
  g_free (s);
}

/* ---------------------------------------------------------------- HKDF */

static void
hkdf_sha256 (const guint8 *ikm,
             gsize         ikm_len,
             const guint8 *salt,
             gsize         salt_len,
             const char   *info,
             guint8        out[32])
{
  static const guint8 empty[1] = { 0 };
  static const guint8 one = 1;
  crypto_auth_hmacsha256_state state;
  guint8 prk[crypto_auth_hmacsha256_BYTES];

  /* RFC 5869: an absent salt is HashLen zero bytes, which HMAC treats
   * exactly like an empty key. */
  crypto_auth_hmacsha256_init (&state, salt_len > 0 ? salt : empty, salt_len);
  crypto_auth_hmacsha256_update (&state, ikm, ikm_len);
  crypto_auth_hmacsha256_final (&state, prk);

  crypto_auth_hmacsha256_init (&state, prk, sizeof prk);
  crypto_auth_hmacsha256_update (&state, (const guint8 *) info, strlen (info));
  crypto_auth_hmacsha256_update (&state, &one, 1);
  crypto_auth_hmacsha256_final (&state, out);

  sodium_memzero (prk, sizeof prk);
  sodium_memzero (&state, sizeof state);
}

/* -------------------------------------------------------------- base64 */

static const char b64_alphabet[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int
b64_value (guint8 c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

static void
b64_encode (GString      *out,
            const guint8 *in,
            gsize         len)
{
  gsize i;

  for (i = 0; i + 3 <= len; i += 3)
    {
      guint32 v = (in[i] << 16) | (in[i + 1] << 8) | in[i + 2];

      g_string_append_c (out, b64_alphabet[(v >> 18) & 63]);
      g_string_append_c (out, b64_alphabet[(v >> 12) & 63]);
      g_string_append_c (out, b64_alphabet[(v >> 6) & 63]);
      g_string_append_c (out, b64_alphabet[v & 63]);
    }
  if (len - i == 1)
    {
      g_string_append_c (out, b64_alphabet[in[i] >> 2]);
      g_string_append_c (out, b64_alphabet[(in[i] & 3) << 4]);
    }
  else if (len - i == 2)
    {
      guint32 v = (in[i] << 8) | in[i + 1];

      g_string_append_c (out, b64_alphabet[(v >> 10) & 63]);
      g_string_append_c (out, b64_alphabet[(v >> 4) & 63]);
      g_string_append_c (out, b64_alphabet[(v << 2) & 63]);
    }
}

/* Strict unpadded decoding: only the 64 alphabet characters, and the
 * unused low bits of the last character must be zero (canonical). */
static guint8 *
b64_decode (const char *in,
            gsize       len,
            gsize      *out_len)
{
  g_autofree guint8 *out = NULL;
  guint32 acc = 0;
  guint bits = 0;
  gsize n = 0;

  if (len % 4 == 1)
    return NULL;

  out = g_malloc (len * 3 / 4 + 1);
  for (gsize i = 0; i < len; i++)
    {
      int v = b64_value ((guint8) in[i]);

      if (v < 0)
        return NULL;
      acc = (acc << 6) | (guint32) v;
      bits += 6;
      if (bits >= 8)
        {
          bits -= 8;
          out[n++] = (acc >> bits) & 0xff;
        }
    }
  if ((acc & ((1u << bits) - 1)) != 0)
    return NULL;

  *out_len = n;
  return g_steal_pointer (&out);
}

/* -------------------------------------------------------------- bech32 */

static const char bech32_charset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

static guint32
bech32_polymod_step (guint32 pre)
{
  guint8 b = pre >> 25;

  return ((pre & 0x1ffffff) << 5) ^
    (-((b >> 0) & 1) & 0x3b6a57b2u) ^
    (-((b >> 1) & 1) & 0x26508e6du) ^
    (-((b >> 2) & 1) & 0x1ea119fau) ^
    (-((b >> 3) & 1) & 0x3d4233ddu) ^
    (-((b >> 4) & 1) & 0x2a1462b3u);
}

static guint32
bech32_hrp_checksum (const char *hrp)
{
  guint32 chk = 1;
  gsize i;

  for (i = 0; hrp[i] != '\0'; i++)
    chk = bech32_polymod_step (chk) ^ ((guint8) hrp[i] >> 5);
  chk = bech32_polymod_step (chk);
  for (i = 0; hrp[i] != '\0'; i++)
    chk = bech32_polymod_step (chk) ^ ((guint8) hrp[i] & 0x1f);
  return chk;
}

/* Writes hrp "1" data checksum into @out (at least BECH32_MAX bytes),
 * in upper case if @upper.  age drops BIP-173's 90-character limit. */
static void
bech32_encode (const char   *hrp,
               const guint8  data[32],
               gboolean      upper,
               char         *out)
{
  guint8 five[52];
  guint32 acc = 0, chk;
  guint bits = 0;
  gsize n = 0, o = 0;

  for (gsize i = 0; i < 32; i++)
    {
      acc = (acc << 8) | data[i];
      bits += 8;
      while (bits >= 5)
        {
          bits -= 5;
          five[n++] = (acc >> bits) & 0x1f;
        }
    }
  if (bits > 0)
    five[n++] = (acc << (5 - bits)) & 0x1f;
  g_assert (n == sizeof five);

  chk = bech32_hrp_checksum (hrp);
  for (gsize i = 0; i < n; i++)
    chk = bech32_polymod_step (chk) ^ five[i];
  for (gsize i = 0; i < 6; i++)
    chk = bech32_polymod_step (chk);
  chk ^= 1;

  for (gsize i = 0; hrp[i] != '\0'; i++)
    out[o++] = upper ? g_ascii_toupper (hrp[i]) : hrp[i];
  out[o++] = '1';
  for (gsize i = 0; i < n; i++)
    out[o++] = bech32_charset[five[i]];
  for (gsize i = 0; i < 6; i++)
    out[o++] = bech32_charset[(chk >> ((5 - i) * 5)) & 0x1f];
  out[o] = '\0';

  if (upper)
    for (gsize i = 0; i < o; i++)
      out[i] = g_ascii_toupper (out[i]);

  sodium_memzero (five, sizeof five);
  sodium_memzero (&acc, sizeof acc);
}

static gboolean
bech32_decode (const char *text,
               const char *want_hrp,
               guint8      out[32])
{
  char lower[BECH32_MAX];
  guint8 five[BECH32_MAX];
  gboolean has_lower = FALSE, has_upper = FALSE, ok = FALSE;
  gsize len, sep, hrp_len, n_five, n = 0;
  guint32 chk = 1, acc = 0;
  guint bits = 0;

  len = strnlen (text, BECH32_MAX);
  if (len >= BECH32_MAX)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = text[i];

      if (c < 33 || c > 126)
        goto out;
      has_lower |= g_ascii_islower (c);
      has_upper |= g_ascii_isupper (c);
      lower[i] = g_ascii_tolower (c);
    }
  lower[len] = '\0';
  if (has_lower && has_upper)
    goto out;

  sep = len;
  for (gsize i = len; i > 0; i--)
    if (lower[i - 1] == '1')
      {
        sep = i - 1;
        break;
      }
  hrp_len = strlen (want_hrp);
  if (sep != hrp_len || memcmp (lower, want_hrp, hrp_len) != 0)
    goto out;
  if (len - sep - 1 < 6)
    goto out;

  n_five = len - sep - 1;
  for (gsize i = 0; i < n_five; i++)
    {
      const char *p = strchr (bech32_charset, lower[sep + 1 + i]);

      if (p == NULL || *p == '\0')
        goto out;
      five[i] = p - bech32_charset;
    }

  lower[sep] = '\0';
  chk = bech32_hrp_checksum (lower);
  for (gsize i = 0; i < n_five; i++)
    chk = bech32_polymod_step (chk) ^ five[i];
  if (chk != 1)
    goto out;

  /* 5 → 8 bits; the padding must be shorter than 5 bits and all zero. */
  for (gsize i = 0; i < n_five - 6; i++)
    {
      acc = (acc << 5) | five[i];
      bits += 5;
      if (bits >= 8)
        {
          bits -= 8;
          if (n == 32)
            goto out;
          out[n++] = (acc >> bits) & 0xff;
        }
    }
  if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0 || n != 32)
    goto out;

  ok = TRUE;

out:
  if (!ok)
    sodium_memzero (out, 32);
  sodium_memzero (lower, sizeof lower);
  sodium_memzero (five, sizeof five);
  sodium_memzero (&acc, sizeof acc);
  return ok;
}

/* ---------------------------------------------------------------- keys */

WbKey *
wb_age_identity_new (void)
{
  return wb_key_new_random ();
}

WbKey *
wb_age_identity_parse (const char  *text,
                       GError     **error)
{
  g_autoptr(AgeSecrets) s = age_secrets_new ();

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!bech32_decode (text, HRP_IDENTITY, s->ephemeral))
    {
      g_set_error_literal (error, WB_AGE_ERROR, WB_AGE_ERROR_INVALID_KEY,
                           _("This is not a valid age identity"));
      return NULL;
    }
  return wb_key_new_from (s->ephemeral, WB_KEY_BYTES);
}

void
wb_age_identity_encode (const WbKey *identity,
                        char         out[WB_AGE_IDENTITY_STRING_SIZE])
{
  char tmp[BECH32_MAX];

  g_return_if_fail (identity != NULL);
  g_return_if_fail (out != NULL);

  bech32_encode (HRP_IDENTITY, wb_key_get_data (identity), TRUE, tmp);
  g_assert (strlen (tmp) + 1 == WB_AGE_IDENTITY_STRING_SIZE);
  memcpy (out, tmp, WB_AGE_IDENTITY_STRING_SIZE);
  sodium_memzero (tmp, sizeof tmp);
}

void
wb_age_identity_to_recipient (const WbKey    *identity,
                              WbAgeRecipient *recipient)
{
  g_return_if_fail (identity != NULL);
  g_return_if_fail (recipient != NULL);

  wb_core_ensure_sodium ();
  crypto_scalarmult_base (recipient->key, wb_key_get_data (identity));
}

gboolean
wb_age_recipient_parse (const char     *text,
                        WbAgeRecipient *recipient,
                        GError        **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (recipient != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bech32_decode (text, HRP_RECIPIENT, recipient->key))
    {
      g_set_error_literal (error, WB_AGE_ERROR, WB_AGE_ERROR_INVALID_KEY,
                           _("This is not a valid age recipient"));
      return FALSE;
    }
  return TRUE;
}

char *
wb_age_recipient_encode (const WbAgeRecipient *recipient)
{
  char tmp[BECH32_MAX];

  g_return_val_if_fail (recipient != NULL, NULL);

  bech32_encode (HRP_RECIPIENT, recipient->key, FALSE, tmp);
  return g_strdup (tmp);
}

/* ----------------------------------------------------------------- STREAM */

static void
nonce_set_last (guint8   nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES],
                gboolean last)
{
  nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES - 1] = last ? 1 : 0;
}

static gboolean
nonce_increment (guint8 nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES])
{
  /* An 11-byte big-endian counter; it cannot wrap in practice, but a
   * wrapped counter would reuse nonces, so refuse rather than continue. */
  for (int i = crypto_aead_chacha20poly1305_ietf_NPUBBYTES - 2; i >= 0; i--)
    if (++nonce[i] != 0)
      return TRUE;
  return FALSE;
}

/* ----------------------------------------------------------------- writer */

WbAgeWriter *
wb_age_writer_new (GOutputStream         *output,
                   const WbAgeRecipient  *recipients,
                   guint                  n_recipients,
                   GCancellable          *cancellable,
                   GError               **error)
{
  g_autoptr(AgeSecrets) s = NULL;
  g_autoptr(GString) header = NULL;
  g_autoptr(WbAgeWriter) writer = NULL;
  guint8 mac[crypto_auth_hmacsha256_BYTES];
  guint8 nonce[NONCE_BYTES];

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), NULL);
  g_return_val_if_fail (recipients != NULL, NULL);
  g_return_val_if_fail (n_recipients > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  s = age_secrets_new ();
  randombytes_buf (s->file_key, sizeof s->file_key);

  header = g_string_new (VERSION_LINE "\n");
  for (guint i = 0; i < n_recipients; i++)
    {
      guint8 share[crypto_scalarmult_BYTES];
      guint8 salt[2 * crypto_scalarmult_BYTES];
      guint8 body[FILE_KEY_BYTES + TAG_BYTES];
      static const guint8 zero_nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES] = { 0 };

      randombytes_buf (s->ephemeral, sizeof s->ephemeral);
      crypto_scalarmult_base (share, s->ephemeral);
      if (crypto_scalarmult (s->shared, s->ephemeral, recipients[i].key) != 0)
        {
          g_set_error_literal (error, WB_AGE_ERROR, WB_AGE_ERROR_INVALID_KEY,
                               _("This is not a valid age recipient"));
          return NULL;
        }
      memcpy (salt, share, sizeof share);
      memcpy (salt + sizeof share, recipients[i].key, WB_AGE_PUBLIC_KEY_BYTES);
      hkdf_sha256 (s->shared, sizeof s->shared, salt, sizeof salt,
                   "age-encryption.org/v1/X25519", s->wrap_key);
      crypto_aead_chacha20poly1305_ietf_encrypt (body, NULL, s->file_key, sizeof s->file_key,
                                                 NULL, 0, NULL, zero_nonce, s->wrap_key);

      g_string_append (header, "-> X25519 ");
      b64_encode (header, share, sizeof share);
      g_string_append_c (header, '\n');
      /* 32 bytes are 43 characters: one short line ends the body. */
      b64_encode (header, body, sizeof body);
      g_string_append_c (header, '\n');
    }

  g_string_append (header, "---");
  hkdf_sha256 (s->file_key, sizeof s->file_key, NULL, 0, "header", s->mac_key);
  crypto_auth_hmacsha256 (mac, (const guint8 *) header->str, header->len, s->mac_key);
  g_string_append_c (header, ' ');
  b64_encode (header, mac, sizeof mac);
  g_string_append_c (header, '\n');

  randombytes_buf (nonce, sizeof nonce);
  hkdf_sha256 (s->file_key, sizeof s->file_key, nonce, sizeof nonce, "payload", s->payload_key);

  writer = g_new0 (WbAgeWriter, 1);
  writer->output = g_object_ref (output);
  writer->payload_key = wb_key_new_from (s->payload_key, WB_KEY_BYTES);
  writer->plain = g_malloc (WB_AGE_CHUNK_SIZE);
  writer->cipher = g_malloc (ENC_CHUNK);

  if (!g_output_stream_write_all (output, header->str, header->len, NULL, cancellable, error) ||
      !g_output_stream_write_all (output, nonce, sizeof nonce, NULL, cancellable, error))
    return NULL;

  return g_steal_pointer (&writer);
}

static gboolean
writer_seal (WbAgeWriter   *writer,
             gboolean       last,
             GCancellable  *cancellable,
             GError       **error)
{
  unsigned long long clen = 0;

  nonce_set_last (writer->nonce, last);
  crypto_aead_chacha20poly1305_ietf_encrypt (writer->cipher, &clen,
                                             writer->plain, writer->plain_len,
                                             NULL, 0, NULL, writer->nonce,
                                             wb_key_get_data (writer->payload_key));
  sodium_memzero (writer->plain, writer->plain_len);
  writer->plain_len = 0;
  if (!nonce_increment (writer->nonce))
    {
      g_set_error_literal (error, WB_AGE_ERROR, WB_AGE_ERROR_FAILED,
                           _("The file is too large to encrypt"));
      return FALSE;
    }
  return g_output_stream_write_all (writer->output, writer->cipher, clen, NULL, cancellable, error);
}

gboolean
wb_age_writer_write (WbAgeWriter   *writer,
                     const void    *data,
                     gsize          len,
                     GCancellable  *cancellable,
                     GError       **error)
{
  const guint8 *p = data;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (!writer->finished, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (writer->failed)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("An earlier write to the encrypted file failed"));
      return FALSE;
    }

  while (len > 0)
    {
      gsize n;

      /* A full chunk is sealed only once more data arrives: the final
       * chunk may be full, but must carry the last-chunk flag. */
      if (writer->plain_len == WB_AGE_CHUNK_SIZE &&
          !writer_seal (writer, FALSE, cancellable, error))
        {
          writer->failed = TRUE;
          return FALSE;
        }

      n = MIN (len, WB_AGE_CHUNK_SIZE - writer->plain_len);
      memcpy (writer->plain + writer->plain_len, p, n);
      writer->plain_len += n;
      p += n;
      len -= n;
    }

  return TRUE;
}

gboolean
wb_age_writer_finish (WbAgeWriter   *writer,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (!writer->finished, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer->finished = TRUE;
  if (writer->failed)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("An earlier write to the encrypted file failed"));
      return FALSE;
    }
  return writer_seal (writer, TRUE, cancellable, error);
}

void
wb_age_writer_free (WbAgeWriter *writer)
{
  if (writer == NULL)
    return;

  g_clear_object (&writer->output);
  g_clear_pointer (&writer->payload_key, wb_key_unref);
  if (writer->plain != NULL)
    sodium_memzero (writer->plain, WB_AGE_CHUNK_SIZE);
  g_free (writer->plain);
  g_free (writer->cipher);
  g_free (writer);
}

/* ----------------------------------------------------------------- reader */

static gboolean
header_invalid (GError     **error,
                const char  *why)
{
  /* The reason is structural only, never key or content bytes. */
  g_debug ("age header rejected: %s", why);
  g_set_error_literal (error, WB_AGE_ERROR, WB_AGE_ERROR_HEADER_INVALID,
                       _("The encrypted file is damaged or is not an age file"));
  return FALSE;
}

static gboolean
reader_fill_once (WbAgeReader   *reader,
                  GCancellable  *cancellable,
                  GError       **error)
{
  gssize n;

  if (reader->pos > 0)
    {
      memmove (reader->buf, reader->buf + reader->pos, reader->len - reader->pos);
      reader->len -= reader->pos;
      reader->pos = 0;
    }
  if (reader->eof || reader->len == READ_BUF_SIZE)
    return TRUE;

  n = g_input_stream_read (reader->input, reader->buf + reader->len,
                           READ_BUF_SIZE - reader->len, cancellable, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    reader->eof = TRUE;
  reader->len += n;
  return TRUE;
}

static gboolean
reader_fill (WbAgeReader   *reader,
             gsize          want,
             GCancellable  *cancellable,
             GError       **error)
{
  while (reader->len - reader->pos < want && !reader->eof)
    if (!reader_fill_once (reader, cancellable, error))
      return FALSE;
  return TRUE;
}

/* Returns the next header line without its LF, appending it with the LF
 * to @header.  Valid until the next call. */
static gboolean
reader_line (WbAgeReader   *reader,
             GByteArray    *header,
             const char   **line,
             gsize         *line_len,
             GCancellable  *cancellable,
             GError       **error)
{
  for (;;)
    {
      guint8 *start = reader->buf + reader->pos;
      guint8 *nl = memchr (start, '\n', reader->len - reader->pos);

      if (nl != NULL)
        {
          *line = (const char *) start;
          *line_len = nl - start;
          reader->pos += *line_len + 1;
          g_byte_array_append (header, start, *line_len + 1);
          if (header->len > MAX_HEADER_BYTES)
            return header_invalid (error, "header too large");
          return TRUE;
        }
      if (reader->eof)
        return header_invalid (error, "header truncated");
      if (reader->pos == 0 && reader->len == READ_BUF_SIZE)
        return header_invalid (error, "header line too long");
      if (!reader_fill_once (reader, cancellable, error))
        return FALSE;
    }
}

static gboolean
has_prefix (const char *line,
            gsize       len,
            const char *prefix)
{
  gsize n = strlen (prefix);

  return len >= n && memcmp (line, prefix, n) == 0;
}

static Stanza *
parse_stanza_args (const char *line,
                   gsize       len)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  Stanza *s;
  gsize start = 0;

  /* "-> " then arguments separated by single spaces, each a non-empty
   * run of visible ASCII. */
  for (gsize i = 0; i <= len; i++)
    {
      if (i == len || line[i] == ' ')
        {
          if (i == start)
            return NULL;
          g_ptr_array_add (args, g_strndup (line + start, i - start));
          start = i + 1;
        }
      else if ((guint8) line[i] < 0x21 || (guint8) line[i] > 0x7e)
        return NULL;
    }
  if (args->len == 0)
    return NULL;

  s = g_new0 (Stanza, 1);
  s->n_args = args->len;
  g_ptr_array_add (args, NULL);
  s->args = (char **) g_ptr_array_free (g_steal_pointer (&args), FALSE);
  return s;
}

static gboolean
reader_parse_header (WbAgeReader   *reader,
                     GByteArray    *header,
                     GPtrArray     *stanzas,
                     guint8         mac[crypto_auth_hmacsha256_BYTES],
                     GCancellable  *cancellable,
                     GError       **error)
{
  const char *line;
  gsize len;

  if (!reader_line (reader, header, &line, &len, cancellable, error))
    return FALSE;
  if (len != strlen (VERSION_LINE) || memcmp (line, VERSION_LINE, len) != 0)
    {
      if (has_prefix (line, len, VERSION_PREFIX))
        {
          g_set_error_literal (error, WB_AGE_ERROR, WB_AGE_ERROR_UNSUPPORTED_VERSION,
                               _("The encrypted file uses an age format version that is not supported"));
          return FALSE;
        }
      return header_invalid (error, "not an age v1 file");
    }

  for (;;)
    {
      g_autoptr(GString) body = NULL;
      Stanza *stanza;

      if (!reader_line (reader, header, &line, &len, cancellable, error))
        return FALSE;

      if (has_prefix (line, len, "--- "))
        {
          g_autofree guint8 *decoded = NULL;
          gsize decoded_len = 0;

          decoded = b64_decode (line + 4, len - 4, &decoded_len);
          if (decoded == NULL || decoded_len != crypto_auth_hmacsha256_BYTES)
            return header_invalid (error, "malformed MAC line");
          memcpy (mac, decoded, decoded_len);
          /* The MAC covers the header up to and including "---". */
          g_byte_array_set_size (header, header->len - (len + 1) + 3);
          break;
        }
      if (!has_prefix (line, len, "-> "))
        return header_invalid (error, "expected a stanza or the MAC line");

      stanza = parse_stanza_args (line + 3, len - 3);
      if (stanza == NULL)
        return header_invalid (error, "malformed stanza arguments");
      g_ptr_array_add (stanzas, stanza);

      body = g_string_new (NULL);
      for (;;)
        {
          if (!reader_line (reader, header, &line, &len, cancellable, error))
            return FALSE;
          if (len > COLUMNS)
            return header_invalid (error, "stanza body line too long");
          for (gsize i = 0; i < len; i++)
            if (b64_value ((guint8) line[i]) < 0)
              return header_invalid (error, "invalid character in stanza body");
          g_string_append_len (body, line, len);
          if (len < COLUMNS)
            break;
        }
      stanza->body = b64_decode (body->str, body->len, &stanza->body_len);
      if (stanza->body == NULL)
        return header_invalid (error, "stanza body is not canonical base64");
    }

  if (stanzas->len == 0)
    return header_invalid (error, "no recipient stanzas");

  for (guint i = 0; i < stanzas->len; i++)
    {
      Stanza *stanza = g_ptr_array_index (stanzas, i);

      if (strcmp (stanza->args[0], "X25519") == 0)
        {
          g_autofree guint8 *share = NULL;
          gsize share_len = 0;

          if (stanza->n_args != 2)
            return header_invalid (error, "X25519 stanza needs exactly one argument");
          share = b64_decode (stanza->args[1], strlen (stanza->args[1]), &share_len);
          if (share == NULL || share_len != crypto_scalarmult_BYTES)
            return header_invalid (error, "malformed X25519 share");
          if (stanza->body_len != FILE_KEY_BYTES + TAG_BYTES)
            return header_invalid (error, "X25519 stanza body has the wrong size");
        }
      /* A passphrase (scrypt) stanza must be the only one, so that a
       * file cannot be both passphrase- and key-encrypted. */
      else if (strcmp (stanza->args[0], "scrypt") == 0 && stanzas->len > 1)
        return header_invalid (error, "scrypt stanza with other stanzas");
    }

  return TRUE;
}

/* Fills s->file_key from the first X25519 stanza one of @identities opens. */
static gboolean
unwrap_file_key (GPtrArray    *stanzas,
                 WbKey * const *identities,
                 guint         n_identities,
                 AgeSecrets   *s,
                 GError      **error)
{
  static const guint8 zero_nonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES] = { 0 };

  for (guint i = 0; i < stanzas->len; i++)
    {
      Stanza *stanza = g_ptr_array_index (stanzas, i);
      g_autofree guint8 *share = NULL;
      gsize share_len = 0;

      if (strcmp (stanza->args[0], "X25519") != 0)
        continue;
      share = b64_decode (stanza->args[1], strlen (stanza->args[1]), &share_len);
      g_assert (share != NULL && share_len == crypto_scalarmult_BYTES);

      for (guint j = 0; j < n_identities; j++)
        {
          guint8 salt[2 * crypto_scalarmult_BYTES];

          if (crypto_scalarmult (s->shared, wb_key_get_data (identities[j]), share) != 0)
            return header_invalid (error, "X25519 share is a low-order point");
          memcpy (salt, share, crypto_scalarmult_BYTES);
          crypto_scalarmult_base (salt + crypto_scalarmult_BYTES, wb_key_get_data (identities[j]));
          hkdf_sha256 (s->shared, sizeof s->shared, salt, sizeof salt,
                       "age-encryption.org/v1/X25519", s->wrap_key);
          if (crypto_aead_chacha20poly1305_ietf_decrypt (s->file_key, NULL, NULL,
                                                         stanza->body, stanza->body_len,
                                                         NULL, 0, zero_nonce, s->wrap_key) == 0)
            return TRUE;
        }
    }

  g_set_error_literal (error, WB_AGE_ERROR, WB_AGE_ERROR_NO_MATCH,
                       _("The file is not encrypted for this identity"));
  return FALSE;
}

WbAgeReader *
wb_age_reader_new (GInputStream   *input,
                   WbKey * const  *identities,
                   guint           n_identities,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(WbAgeReader) reader = NULL;
  g_autoptr(AgeSecrets) s = NULL;
  g_autoptr(GByteArray) header = NULL;
  g_autoptr(GPtrArray) stanzas = NULL;
  guint8 mac[crypto_auth_hmacsha256_BYTES];
  guint8 expected[crypto_auth_hmacsha256_BYTES];

  g_return_val_if_fail (G_IS_INPUT_STREAM (input), NULL);
  g_return_val_if_fail (identities != NULL || n_identities == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  s = age_secrets_new ();
  reader = g_new0 (WbAgeReader, 1);
  reader->input = g_object_ref (input);
  reader->buf = g_malloc (READ_BUF_SIZE);
  reader->plain = g_malloc (WB_AGE_CHUNK_SIZE);
  reader->first_chunk = TRUE;

  header = g_byte_array_new ();
  stanzas = g_ptr_array_new_with_free_func (stanza_free);
  if (!reader_parse_header (reader, header, stanzas, mac, cancellable, error))
    return NULL;
  if (!unwrap_file_key (stanzas, identities, n_identities, s, error))
    return NULL;

  hkdf_sha256 (s->file_key, sizeof s->file_key, NULL, 0, "header", s->mac_key);
  crypto_auth_hmacsha256 (expected, header->data, header->len, s->mac_key);
  if (crypto_verify_32 (expected, mac) != 0)
    {
      g_set_error_literal (error, WB_AGE_ERROR, WB_AGE_ERROR_HEADER_MAC,
                           _("The encrypted file’s header fails its integrity check"));
      return NULL;
    }

  if (!reader_fill (reader, NONCE_BYTES, cancellable, error))
    return NULL;
  if (reader->len - reader->pos < NONCE_BYTES)
    {
      header_invalid (error, "payload nonce truncated");
      return NULL;
    }
  hkdf_sha256 (s->file_key, sizeof s->file_key, reader->buf + reader->pos, NONCE_BYTES,
               "payload", s->payload_key);
  reader->pos += NONCE_BYTES;
  reader->payload_key = wb_key_new_from (s->payload_key, WB_KEY_BYTES);

  return g_steal_pointer (&reader);
}

static gboolean
reader_fail (WbAgeReader  *reader,
             WbAgeError    code,
             GError      **error)
{
  const char *message = NULL;

  switch (code)
    {
    case WB_AGE_ERROR_PAYLOAD_TRUNCATED:
      message = _("The encrypted file is incomplete");
      break;
    case WB_AGE_ERROR_TRAILING_DATA:
      message = _("The encrypted file has unexpected data after its end");
      break;
    case WB_AGE_ERROR_FAILED:
    case WB_AGE_ERROR_INVALID_KEY:
    case WB_AGE_ERROR_HEADER_INVALID:
    case WB_AGE_ERROR_UNSUPPORTED_VERSION:
    case WB_AGE_ERROR_NO_MATCH:
    case WB_AGE_ERROR_HEADER_MAC:
    case WB_AGE_ERROR_PAYLOAD_CORRUPT:
    default:
      message = _("The encrypted contents are damaged or were changed");
      break;
    }
  g_set_error_literal (&reader->error, WB_AGE_ERROR, code, message);
  if (error != NULL)
    *error = g_error_copy (reader->error);
  return FALSE;
}

static gboolean
reader_open (WbAgeReader  *reader,
             const guint8 *c,
             gsize         len,
             gboolean      last)
{
  unsigned long long mlen = 0;

  nonce_set_last (reader->nonce, last);
  if (crypto_aead_chacha20poly1305_ietf_decrypt (reader->plain, &mlen, NULL, c, len, NULL, 0,
                                                 reader->nonce,
                                                 wb_key_get_data (reader->payload_key)) != 0)
    return FALSE;
  reader->plain_pos = 0;
  reader->plain_len = mlen;
  return TRUE;
}

/* Authenticates the next chunk into reader->plain.  Plaintext is released
 * only after its chunk verified, so a caller never sees forged bytes. */
static gboolean
reader_next_chunk (WbAgeReader   *reader,
                   GCancellable  *cancellable,
                   GError       **error)
{
  const guint8 *c;
  gsize avail;

  if (!reader_fill (reader, READ_BUF_SIZE, cancellable, error))
    return FALSE;

  c = reader->buf + reader->pos;
  avail = reader->len - reader->pos;

  if (avail > ENC_CHUNK)
    {
      /* More data follows, so this must be a full middle chunk. */
      if (reader_open (reader, c, ENC_CHUNK, FALSE))
        {
          reader->pos += ENC_CHUNK;
          reader->first_chunk = FALSE;
          if (!nonce_increment (reader->nonce))
            return reader_fail (reader, WB_AGE_ERROR_PAYLOAD_CORRUPT, error);
          return TRUE;
        }
      if (reader_open (reader, c, ENC_CHUNK, TRUE))
        {
          /* A genuine final chunk: release it, then fail on what follows. */
          reader->pos += ENC_CHUNK;
          reader->done = TRUE;
          g_set_error_literal (&reader->error, WB_AGE_ERROR, WB_AGE_ERROR_TRAILING_DATA,
                               _("The encrypted file has unexpected data after its end"));
          return TRUE;
        }
      return reader_fail (reader, WB_AGE_ERROR_PAYLOAD_CORRUPT, error);
    }

  /* At EOF: this must be the final chunk. */
  if (avail < TAG_BYTES)
    return reader_fail (reader, WB_AGE_ERROR_PAYLOAD_TRUNCATED, error);

  if (reader_open (reader, c, avail, TRUE))
    {
      if (reader->plain_len == 0 && !reader->first_chunk)
        {
          reader->plain_len = 0;
          return reader_fail (reader, WB_AGE_ERROR_PAYLOAD_CORRUPT, error);
        }
      reader->pos += avail;
      reader->done = TRUE;
      return TRUE;
    }

  if (reader_open (reader, c, avail, FALSE))
    {
      reader->pos += avail;
      if (avail == ENC_CHUNK)
        {
          /* A full middle chunk is valid on its own (age releases it);
           * what is missing is the rest. */
          reader->done = TRUE;
          g_set_error_literal (&reader->error, WB_AGE_ERROR, WB_AGE_ERROR_PAYLOAD_TRUNCATED,
                               _("The encrypted file is incomplete"));
          return TRUE;
        }
      /* A short chunk without the last flag cannot be right. */
      sodium_memzero (reader->plain, reader->plain_len);
      reader->plain_len = 0;
      return reader_fail (reader, WB_AGE_ERROR_PAYLOAD_TRUNCATED, error);
    }

  return reader_fail (reader, WB_AGE_ERROR_PAYLOAD_CORRUPT, error);
}

/* Returns the buffered plaintext (*data, *len > 0), or *len == 0 at the
 * verified end. */
static gboolean
reader_peek (WbAgeReader   *reader,
             const guint8 **data,
             gsize         *len,
             GCancellable  *cancellable,
             GError       **error)
{
  while (reader->plain_pos == reader->plain_len)
    {
      if (reader->error != NULL)
        {
          if (error != NULL)
            *error = g_error_copy (reader->error);
          return FALSE;
        }
      if (reader->done)
        {
          *len = 0;
          return TRUE;
        }
      if (!reader_next_chunk (reader, cancellable, error))
        return FALSE;
    }

  *data = reader->plain + reader->plain_pos;
  *len = reader->plain_len - reader->plain_pos;
  return TRUE;
}

gssize
wb_age_reader_read (WbAgeReader   *reader,
                    void          *buffer,
                    gsize          count,
                    GCancellable  *cancellable,
                    GError       **error)
{
  const guint8 *data = NULL;
  gsize avail = 0;

  g_return_val_if_fail (reader != NULL, -1);
  g_return_val_if_fail (buffer != NULL || count == 0, -1);
  g_return_val_if_fail (count <= G_MAXSSIZE, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (count == 0)
    return 0;
  if (!reader_peek (reader, &data, &avail, cancellable, error))
    return -1;

  avail = MIN (avail, count);
  if (avail > 0)
    memcpy (buffer, data, avail);
  reader->plain_pos += avail;
  return avail;
}

void
wb_age_reader_free (WbAgeReader *reader)
{
  if (reader == NULL)
    return;

  g_clear_object (&reader->input);
  g_clear_pointer (&reader->payload_key, wb_key_unref);
  if (reader->plain != NULL)
    sodium_memzero (reader->plain, WB_AGE_CHUNK_SIZE);
  g_free (reader->plain);
  g_free (reader->buf);
  g_clear_error (&reader->error);
  g_free (reader);
}

/* ----------------------------------------------------------- convenience */

gboolean
wb_age_encrypt (GInputStream          *input,
                GOutputStream         *output,
                const WbAgeRecipient  *recipients,
                guint                  n_recipients,
                GCancellable          *cancellable,
                GError               **error)
{
  g_autoptr(WbAgeWriter) writer = NULL;
  g_autofree guint8 *buf = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (input), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (recipients != NULL && n_recipients > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer = wb_age_writer_new (output, recipients, n_recipients, cancellable, error);
  if (writer == NULL)
    return FALSE;

  buf = g_malloc (WB_AGE_CHUNK_SIZE);
  for (;;)
    {
      gsize n = 0;

      if (!g_input_stream_read_all (input, buf, WB_AGE_CHUNK_SIZE, &n, cancellable, error))
        {
          sodium_memzero (buf, WB_AGE_CHUNK_SIZE);
          return FALSE;
        }
      if (n == 0)
        break;
      if (!wb_age_writer_write (writer, buf, n, cancellable, error))
        {
          sodium_memzero (buf, WB_AGE_CHUNK_SIZE);
          return FALSE;
        }
    }
  sodium_memzero (buf, WB_AGE_CHUNK_SIZE);

  return wb_age_writer_finish (writer, cancellable, error);
}

gboolean
wb_age_decrypt (GInputStream   *input,
                GOutputStream  *output,
                WbKey * const  *identities,
                guint           n_identities,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(WbAgeReader) reader = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (input), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (identities != NULL || n_identities == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reader = wb_age_reader_new (input, identities, n_identities, cancellable, error);
  if (reader == NULL)
    return FALSE;

  for (;;)
    {
      const guint8 *data = NULL;
      gsize len = 0;

      if (!reader_peek (reader, &data, &len, cancellable, error))
        return FALSE;
      if (len == 0)
        return TRUE;
      if (!g_output_stream_write_all (output, data, len, NULL, cancellable, error))
        return FALSE;
      reader->plain_pos += len;
    }
}
