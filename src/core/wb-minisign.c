/* wb-minisign.c — Ed25519 signatures in minisign's format
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bundles are signed so that `minisign -V` checks them (DESIGN.md §5).
 * Only the prehashed algorithm is produced and accepted: the message is
 * hashed with BLAKE2b-512 while it streams, so a bundle is never held in
 * memory.  A .minisig file is exactly four LF-terminated lines:
 *
 *   untrusted comment: <text>
 *   base64("ED" ‖ key id (8) ‖ Ed25519 signature of the hash (64))
 *   trusted comment: <text>
 *   base64(Ed25519 signature of (signature ‖ trusted comment))
 */

#define G_LOG_DOMAIN "wb-minisign"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "wb-core-private.h"
#include "wb-key.h"
#include "wb-minisign.h"

#define ALG_BYTES          2
#define PUBLIC_KEY_RAW     (ALG_BYTES + WB_MINISIGN_KEY_ID_BYTES + WB_MINISIGN_PUBLIC_KEY_BYTES)
#define SIGNATURE_RAW      (ALG_BYTES + WB_MINISIGN_KEY_ID_BYTES + crypto_sign_BYTES)
#define HASH_BYTES         crypto_generichash_BYTES_MAX
#define UNTRUSTED_PREFIX   "untrusted comment: "
#define TRUSTED_PREFIX     "trusted comment: "
#define MAX_SIGNATURE_TEXT 8192
#define READ_CHUNK         (64 * 1024)

static const guint8 alg_ed25519[ALG_BYTES] = { 'E', 'd' };
static const guint8 alg_prehashed[ALG_BYTES] = { 'E', 'D' };

G_DEFINE_QUARK (wb-minisign-error-quark, wb_minisign_error)

static gboolean
set_malformed (GError **error)
{
  g_set_error_literal (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_MALFORMED,
                       _("This is not a valid minisign signature"));
  return FALSE;
}

static gboolean
comment_is_valid (const char *text,
                  gsize       len)
{
  if (len > WB_MINISIGN_COMMENT_MAX)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (text[i] == '\n' || text[i] == '\r' || text[i] == '\0')
      return FALSE;
  return TRUE;
}

static char *
base64_encode (const guint8 *data,
               gsize         len)
{
  gsize size = sodium_base64_encoded_len (len, sodium_base64_VARIANT_ORIGINAL);
  char *out = g_malloc (size);

  sodium_bin2base64 (out, size, data, len, sodium_base64_VARIANT_ORIGINAL);
  return out;
}

/* Strict: padded, canonical, nothing but base64 characters. */
static gboolean
base64_decode_exact (const char *text,
                     gsize       len,
                     guint8     *out,
                     gsize       out_len)
{
  gsize got = 0;

  if (len == 0 || len % 4 != 0)
    return FALSE;
  if (sodium_base642bin (out, out_len, text, len, NULL, &got, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0)
    return FALSE;
  return got == out_len;
}

/* ------------------------------------------------------------ public key */

void
wb_minisign_public_key_from_secret (const WbKey         *secret,
                                    const guint8         key_id[WB_MINISIGN_KEY_ID_BYTES],
                                    WbMinisignPublicKey *public_key)
{
  guint8 *sk;

  g_return_if_fail (secret != NULL);
  g_return_if_fail (key_id != NULL);
  g_return_if_fail (public_key != NULL);

  wb_core_ensure_sodium ();
  sk = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  if (sk == NULL)
    g_error ("sodium_malloc failed: out of memory or mlock limit reached");
  crypto_sign_seed_keypair (public_key->key, sk, wb_key_get_data (secret));
  sodium_free (sk);
  memcpy (public_key->key_id, key_id, WB_MINISIGN_KEY_ID_BYTES);
}

char *
wb_minisign_key_id_to_string (const guint8 key_id[WB_MINISIGN_KEY_ID_BYTES])
{
  guint64 v = 0;

  g_return_val_if_fail (key_id != NULL, NULL);

  /* minisign prints the id as a little-endian integer, unpadded */
  for (int i = WB_MINISIGN_KEY_ID_BYTES - 1; i >= 0; i--)
    v = (v << 8) | key_id[i];
  return g_strdup_printf ("%" G_GINT64_MODIFIER "X", v);
}

char *
wb_minisign_public_key_to_base64 (const WbMinisignPublicKey *public_key)
{
  guint8 raw[PUBLIC_KEY_RAW];

  g_return_val_if_fail (public_key != NULL, NULL);

  memcpy (raw, alg_ed25519, ALG_BYTES);
  memcpy (raw + ALG_BYTES, public_key->key_id, WB_MINISIGN_KEY_ID_BYTES);
  memcpy (raw + ALG_BYTES + WB_MINISIGN_KEY_ID_BYTES, public_key->key, WB_MINISIGN_PUBLIC_KEY_BYTES);
  return base64_encode (raw, sizeof raw);
}

char *
wb_minisign_public_key_to_string (const WbMinisignPublicKey *public_key)
{
  g_autofree char *id = NULL;
  g_autofree char *b64 = NULL;

  g_return_val_if_fail (public_key != NULL, NULL);

  id = wb_minisign_key_id_to_string (public_key->key_id);
  b64 = wb_minisign_public_key_to_base64 (public_key);
  return g_strdup_printf (UNTRUSTED_PREFIX "minisign public key %s\n%s\n", id, b64);
}

gboolean
wb_minisign_public_key_parse (const char          *text,
                              WbMinisignPublicKey *public_key,
                              GError             **error)
{
  guint8 raw[PUBLIC_KEY_RAW];
  const char *line = text;
  const char *end;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (public_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Either a .pub file (comment line, key line) or the bare key line, as
   * `minisign -P` takes it; one final LF is allowed. */
  if (g_str_has_prefix (text, UNTRUSTED_PREFIX))
    {
      const char *nl = strchr (text, '\n');

      if (nl == NULL || !comment_is_valid (text, nl - text))
        goto bad;
      line = nl + 1;
    }
  end = strchr (line, '\n');
  len = end != NULL ? (gsize) (end - line) : strlen (line);
  if (end != NULL && end[1] != '\0')
    goto bad;
  if (!base64_decode_exact (line, len, raw, sizeof raw))
    goto bad;
  if (memcmp (raw, alg_ed25519, ALG_BYTES) != 0)
    goto bad;

  memcpy (public_key->key_id, raw + ALG_BYTES, WB_MINISIGN_KEY_ID_BYTES);
  memcpy (public_key->key, raw + ALG_BYTES + WB_MINISIGN_KEY_ID_BYTES, WB_MINISIGN_PUBLIC_KEY_BYTES);
  return TRUE;

bad:
  g_set_error_literal (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_MALFORMED,
                       _("This is not a valid minisign public key"));
  return FALSE;
}

/* --------------------------------------------------------------- hashing */

static gboolean
hash_stream (GInputStream  *message,
             guint8         hash[HASH_BYTES],
             GCancellable  *cancellable,
             GError       **error)
{
  crypto_generichash_state state;
  g_autofree guint8 *buf = g_malloc (READ_CHUNK);

  crypto_generichash_init (&state, NULL, 0, HASH_BYTES);
  for (;;)
    {
      gssize n = g_input_stream_read (message, buf, READ_CHUNK, cancellable, error);

      if (n < 0)
        {
          sodium_memzero (buf, READ_CHUNK);
          return FALSE;
        }
      if (n == 0)
        break;
      crypto_generichash_update (&state, buf, n);
    }
  crypto_generichash_final (&state, hash, HASH_BYTES);
  sodium_memzero (buf, READ_CHUNK);
  return TRUE;
}

/* ---------------------------------------------------------------- signing */

char *
wb_minisign_sign (const WbKey   *secret,
                  const guint8   key_id[WB_MINISIGN_KEY_ID_BYTES],
                  GInputStream  *message,
                  const char    *untrusted_comment,
                  const char    *trusted_comment,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *default_trusted = NULL;
  g_autofree char *sig_b64 = NULL;
  g_autofree char *global_b64 = NULL;
  g_autofree guint8 *global_msg = NULL;
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 hash[HASH_BYTES];
  guint8 raw[SIGNATURE_RAW];
  guint8 global[crypto_sign_BYTES];
  guint8 *sk;
  gsize tlen;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (key_id != NULL, NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (message), NULL);
  g_return_val_if_fail (untrusted_comment == NULL ||
                        comment_is_valid (untrusted_comment, strlen (untrusted_comment)), NULL);
  g_return_val_if_fail (trusted_comment == NULL ||
                        comment_is_valid (trusted_comment, strlen (trusted_comment)), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (untrusted_comment == NULL)
    untrusted_comment = "signature from minisign secret key";
  if (trusted_comment == NULL)
    trusted_comment = default_trusted =
      g_strdup_printf ("timestamp:%" G_GINT64_FORMAT "\thashed", g_get_real_time () / G_USEC_PER_SEC);

  if (!hash_stream (message, hash, cancellable, error))
    return NULL;

  wb_core_ensure_sodium ();
  sk = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  if (sk == NULL)
    g_error ("sodium_malloc failed: out of memory or mlock limit reached");
  crypto_sign_seed_keypair (pk, sk, wb_key_get_data (secret));

  memcpy (raw, alg_prehashed, ALG_BYTES);
  memcpy (raw + ALG_BYTES, key_id, WB_MINISIGN_KEY_ID_BYTES);
  crypto_sign_detached (raw + ALG_BYTES + WB_MINISIGN_KEY_ID_BYTES, NULL, hash, sizeof hash, sk);

  tlen = strlen (trusted_comment);
  global_msg = g_malloc (crypto_sign_BYTES + tlen);
  memcpy (global_msg, raw + ALG_BYTES + WB_MINISIGN_KEY_ID_BYTES, crypto_sign_BYTES);
  memcpy (global_msg + crypto_sign_BYTES, trusted_comment, tlen);
  crypto_sign_detached (global, NULL, global_msg, crypto_sign_BYTES + tlen, sk);
  sodium_free (sk);

  sig_b64 = base64_encode (raw, sizeof raw);
  global_b64 = base64_encode (global, sizeof global);
  return g_strdup_printf (UNTRUSTED_PREFIX "%s\n%s\n" TRUSTED_PREFIX "%s\n%s\n",
                          untrusted_comment, sig_b64, trusted_comment, global_b64);
}

/* ------------------------------------------------------------ verification */

typedef struct
{
  guint8      raw[SIGNATURE_RAW];
  guint8      global[crypto_sign_BYTES];
  const char *trusted;
  gsize       trusted_len;
} Signature;

static gboolean
next_line (const char **p,
           const char  *end,
           const char **line,
           gsize       *len)
{
  const char *nl = memchr (*p, '\n', end - *p);

  if (nl == NULL)
    return FALSE;
  *line = *p;
  *len = nl - *p;
  *p = nl + 1;
  return TRUE;
}

static gboolean
parse_signature (const char  *text,
                 gsize        text_len,
                 Signature   *sig,
                 GError     **error)
{
  const char *p = text, *end = text + text_len, *line;
  gsize len;

  if (text_len > MAX_SIGNATURE_TEXT)
    return set_malformed (error);

  if (!next_line (&p, end, &line, &len) ||
      len < strlen (UNTRUSTED_PREFIX) ||
      memcmp (line, UNTRUSTED_PREFIX, strlen (UNTRUSTED_PREFIX)) != 0 ||
      !comment_is_valid (line, len))
    return set_malformed (error);

  if (!next_line (&p, end, &line, &len) ||
      !base64_decode_exact (line, len, sig->raw, sizeof sig->raw))
    return set_malformed (error);

  if (!next_line (&p, end, &line, &len) ||
      len < strlen (TRUSTED_PREFIX) ||
      memcmp (line, TRUSTED_PREFIX, strlen (TRUSTED_PREFIX)) != 0 ||
      !comment_is_valid (line + strlen (TRUSTED_PREFIX), len - strlen (TRUSTED_PREFIX)))
    return set_malformed (error);
  sig->trusted = line + strlen (TRUSTED_PREFIX);
  sig->trusted_len = len - strlen (TRUSTED_PREFIX);

  if (!next_line (&p, end, &line, &len) ||
      !base64_decode_exact (line, len, sig->global, sizeof sig->global))
    return set_malformed (error);

  if (p != end)
    return set_malformed (error);

  if (memcmp (sig->raw, alg_prehashed, ALG_BYTES) != 0)
    {
      g_set_error_literal (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_UNSUPPORTED,
                           memcmp (sig->raw, alg_ed25519, ALG_BYTES) == 0
                           ? _("Legacy minisign signatures are not accepted; sign with a prehashed signature")
                           : _("This minisign signature uses an unknown algorithm"));
      return FALSE;
    }
  return TRUE;
}

gboolean
wb_minisign_verify (const WbMinisignPublicKey  *public_key,
                    const char                 *signature,
                    gsize                       signature_len,
                    GInputStream               *message,
                    char                      **trusted_comment,
                    GCancellable               *cancellable,
                    GError                    **error)
{
  g_autofree guint8 *global_msg = NULL;
  const guint8 *sig_bytes;
  guint8 hash[HASH_BYTES];
  Signature sig;

  g_return_val_if_fail (public_key != NULL, FALSE);
  g_return_val_if_fail (signature != NULL, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (message), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  wb_core_ensure_sodium ();

  if (!parse_signature (signature, signature_len, &sig, error))
    return FALSE;

  if (memcmp (sig.raw + ALG_BYTES, public_key->key_id, WB_MINISIGN_KEY_ID_BYTES) != 0)
    {
      g_set_error_literal (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_WRONG_KEY_ID,
                           _("The file was signed with a different key"));
      return FALSE;
    }

  if (!hash_stream (message, hash, cancellable, error))
    return FALSE;

  sig_bytes = sig.raw + ALG_BYTES + WB_MINISIGN_KEY_ID_BYTES;
  global_msg = g_malloc (crypto_sign_BYTES + sig.trusted_len);
  memcpy (global_msg, sig_bytes, crypto_sign_BYTES);
  memcpy (global_msg + crypto_sign_BYTES, sig.trusted, sig.trusted_len);

  if (crypto_sign_verify_detached (sig_bytes, hash, sizeof hash, public_key->key) != 0 ||
      crypto_sign_verify_detached (sig.global, global_msg, crypto_sign_BYTES + sig.trusted_len,
                                   public_key->key) != 0)
    {
      g_set_error_literal (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_SIGNATURE_INVALID,
                           _("The signature does not match: the file or its signature was changed"));
      return FALSE;
    }

  if (trusted_comment != NULL)
    *trusted_comment = g_strndup (sig.trusted, sig.trusted_len);
  return TRUE;
}
