/* test-age.c — age v1: keys, round trips, tamper classes and the C2SP
 * CCTV test vectors
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "wb-core.h"

/* Made with Debian's age-keygen 1.1.1. */
#define KNOWN_IDENTITY  "AGE-SECRET-KEY-17CRC6A90K9SX3DXEFL65ZQW5UZD3FRCPM06L9Z4NHWER9LQKASUQW54034"
#define KNOWN_RECIPIENT "age1h824c5r3t56ysnen2rqveupsqsjq5r9lpgra5ya292026uqp3dfsadnrmp"

/* Helpers --------------------------------------------------------------- */

static GBytes *
random_bytes (gsize len)
{
  guint8 *data = g_malloc (len + 1);

  randombytes_buf (data, len);
  return g_bytes_new_take (data, len);
}

static GBytes *
encrypt_bytes (GBytes               *plain,
               const WbAgeRecipient *recipients,
               guint                 n)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (plain);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (wb_age_encrypt (in, out, recipients, n, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* Decrypts @cipher; returns the plaintext released before any error. */
static GBytes *
decrypt_bytes (GBytes        *cipher,
               WbKey * const *ids,
               guint          n,
               GError       **error)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (cipher);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  gboolean ok;

  ok = wb_age_decrypt (in, out, ids, n, NULL, error);
  g_assert_true (ok == (error == NULL || *error == NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static GBytes *
bytes_patch (GBytes *bytes,
             gsize   offset,
             guint8  xor_mask)
{
  gsize len = 0;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (bytes), &len);

  g_assert_cmpuint (offset, <, len);
  data[offset] ^= xor_mask;
  return g_bytes_new_take (data, len);
}

static gsize
header_length (GBytes *cipher)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (cipher, &len);
  const char *mac = g_strstr_len (data, len, "\n--- ");
  const char *end;

  g_assert_nonnull (mac);
  end = memchr (mac + 1, '\n', len - (mac + 1 - data));
  g_assert_nonnull (end);
  return end + 1 - data;
}

/* Keys ------------------------------------------------------------------ */

static void
test_keys_known (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbKey) id = wb_age_identity_parse (KNOWN_IDENTITY, &error);
  g_autofree char *encoded = NULL;
  char text[WB_AGE_IDENTITY_STRING_SIZE];
  WbAgeRecipient r, parsed;

  g_assert_no_error (error);
  g_assert_nonnull (id);

  /* The public key we derive is the one age-keygen printed. */
  wb_age_identity_to_recipient (id, &r);
  encoded = wb_age_recipient_encode (&r);
  g_assert_cmpstr (encoded, ==, KNOWN_RECIPIENT);

  g_assert_true (wb_age_recipient_parse (KNOWN_RECIPIENT, &parsed, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (parsed.key, sizeof parsed.key, r.key, sizeof r.key);

  wb_age_identity_encode (id, text);
  g_assert_cmpstr (text, ==, KNOWN_IDENTITY);
  sodium_memzero (text, sizeof text);
}

static void
test_keys_round_trip (void)
{
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(WbKey) id = wb_age_identity_new ();
      g_autoptr(WbKey) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *rtext = NULL;
      char text[WB_AGE_IDENTITY_STRING_SIZE];
      WbAgeRecipient r, r2;

      wb_age_identity_encode (id, text);
      g_assert_true (g_str_has_prefix (text, "AGE-SECRET-KEY-1"));
      back = wb_age_identity_parse (text, &error);
      g_assert_no_error (error);
      g_assert_true (wb_key_equal (id, back));

      /* all-lower case is the same key; mixed case is not bech32 */
      for (char *p = text; *p; p++)
        *p = g_ascii_tolower (*p);
      g_clear_pointer (&back, wb_key_unref);
      back = wb_age_identity_parse (text, &error);
      g_assert_no_error (error);
      g_assert_true (wb_key_equal (id, back));
      text[0] = 'A';
      g_assert_null (wb_age_identity_parse (text, &error));
      g_assert_error (error, WB_AGE_ERROR, WB_AGE_ERROR_INVALID_KEY);
      g_clear_error (&error);
      sodium_memzero (text, sizeof text);

      wb_age_identity_to_recipient (id, &r);
      rtext = wb_age_recipient_encode (&r);
      g_assert_true (g_str_has_prefix (rtext, "age1"));
      g_assert_cmpuint (strlen (rtext), ==, 62);
      g_assert_true (wb_age_recipient_parse (rtext, &r2, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (r.key, 32, r2.key, 32);
    }
}

static void
test_keys_invalid (void)
{
  static const char * const bad_recipients[] = {
    "",
    "age1",
    /* one character changed: checksum fails */
    "age1h824c5r3t56ysnen2rqveupsqsjq5r9lpgra5ya292026uqp3dfsadnrmq",
    /* truncated */
    "age1h824c5r3t56ysnen2rqveupsqsjq5r9lpgra5ya292026uqp3dfsadnrm",
    /* wrong human-readable part: an identity is not a recipient */
    KNOWN_IDENTITY,
    "age1h824c5r3t56ysnen2rqveupsqsjq5r9lpgra5ya292026uqp3dfsadnrmp ",
    " age1h824c5r3t56ysnen2rqveupsqsjq5r9lpgra5ya292026uqp3dfsadnrmp",
    "AGE1h824c5r3t56ysnen2rqveupsqsjq5r9lpgra5ya292026uqp3dfsadnrmp",
    "age1bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_recipients); i++)
    {
      g_autoptr(GError) error = NULL;
      WbAgeRecipient r;

      g_test_message ("recipient %u", i);
      g_assert_false (wb_age_recipient_parse (bad_recipients[i], &r, &error));
      g_assert_error (error, WB_AGE_ERROR, WB_AGE_ERROR_INVALID_KEY);
      /* the message never echoes the key */
      g_assert_null (strstr (error->message, "age1"));
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (wb_age_identity_parse (KNOWN_RECIPIENT, &error));
    g_assert_error (error, WB_AGE_ERROR, WB_AGE_ERROR_INVALID_KEY);
    g_assert_null (strstr (error->message, "AGE-SECRET"));
  }
}

/* Round trips ----------------------------------------------------------- */

static void
test_round_trip_sizes (void)
{
  static const gsize sizes[] = {
    0, 1, 15, 16, 17, 1000,
    WB_AGE_CHUNK_SIZE - 1, WB_AGE_CHUNK_SIZE, WB_AGE_CHUNK_SIZE + 1,
    2 * WB_AGE_CHUNK_SIZE, 3 * WB_AGE_CHUNK_SIZE + 12345,
  };
  g_autoptr(WbKey) id = wb_age_identity_new ();
  WbAgeRecipient r;

  wb_age_identity_to_recipient (id, &r);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) plain = random_bytes (sizes[i]);
      g_autoptr(GBytes) cipher = encrypt_bytes (plain, &r, 1);
      g_autoptr(GBytes) back = NULL;
      g_autoptr(GError) error = NULL;
      gsize n_chunks = sizes[i] == 0 ? 1 : (sizes[i] + WB_AGE_CHUNK_SIZE - 1) / WB_AGE_CHUNK_SIZE;

      g_test_message ("size %" G_GSIZE_FORMAT, sizes[i]);
      /* header + nonce + one tag per chunk: nothing else is added */
      g_assert_cmpuint (g_bytes_get_size (cipher), ==,
                        header_length (cipher) + 16 + sizes[i] + 16 * n_chunks);
      back = decrypt_bytes (cipher, &id, 1, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (plain, back));
    }
}

static void
test_round_trip_small_reads (void)
{
  g_autoptr(WbKey) id = wb_age_identity_new ();
  g_autoptr(GBytes) plain = random_bytes (2 * WB_AGE_CHUNK_SIZE + 999);
  g_autoptr(GBytes) cipher = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(WbAgeReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) got = g_byte_array_new ();
  WbAgeRecipient r;
  guint8 buf[777];
  gssize n;

  wb_age_identity_to_recipient (id, &r);
  cipher = encrypt_bytes (plain, &r, 1);
  in = g_memory_input_stream_new_from_bytes (cipher);
  reader = wb_age_reader_new (in, &id, 1, NULL, &error);
  g_assert_no_error (error);

  while ((n = wb_age_reader_read (reader, buf, sizeof buf, NULL, &error)) > 0)
    g_byte_array_append (got, buf, n);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
  g_assert_cmpmem (got->data, got->len, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
  /* EOF stays EOF */
  g_assert_cmpint (wb_age_reader_read (reader, buf, sizeof buf, NULL, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_writer_pieces (void)
{
  /* Writing in odd pieces gives the same plaintext as one write. */
  g_autoptr(WbKey) id = wb_age_identity_new ();
  g_autoptr(GBytes) plain = random_bytes (WB_AGE_CHUNK_SIZE * 2);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(WbAgeWriter) writer = NULL;
  g_autoptr(GBytes) cipher = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *p = g_bytes_get_data (plain, NULL);
  gsize left = g_bytes_get_size (plain), step = 1;
  WbAgeRecipient r;

  wb_age_identity_to_recipient (id, &r);
  writer = wb_age_writer_new (out, &r, 1, NULL, &error);
  g_assert_no_error (error);
  while (left > 0)
    {
      gsize n = MIN (step, left);

      g_assert_true (wb_age_writer_write (writer, p, n, NULL, &error));
      g_assert_no_error (error);
      p += n;
      left -= n;
      step = step * 3 + 1;
    }
  g_assert_true (wb_age_writer_finish (writer, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  cipher = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));

  back = decrypt_bytes (cipher, &id, 1, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (plain, back));
}

static void
test_multiple_recipients (void)
{
  g_autoptr(WbKey) a = wb_age_identity_new ();
  g_autoptr(WbKey) b = wb_age_identity_new ();
  g_autoptr(WbKey) c = wb_age_identity_new ();
  g_autoptr(GBytes) plain = random_bytes (5000);
  g_autoptr(GBytes) cipher = NULL;
  WbAgeRecipient rs[2];
  WbKey *only_c[] = { c };
  WbKey *c_then_b[] = { c, b };

  wb_age_identity_to_recipient (a, &rs[0]);
  wb_age_identity_to_recipient (b, &rs[1]);
  cipher = encrypt_bytes (plain, rs, 2);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) back = NULL;

      if (i == 0)
        back = decrypt_bytes (cipher, &a, 1, &error);
      else if (i == 1)
        back = decrypt_bytes (cipher, c_then_b, 2, &error);
      else
        back = decrypt_bytes (cipher, &b, 1, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (plain, back));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) back = decrypt_bytes (cipher, only_c, 1, &error);

    g_assert_error (error, WB_AGE_ERROR, WB_AGE_ERROR_NO_MATCH);
    g_assert_cmpuint (g_bytes_get_size (back), ==, 0);
  }
}

/* Tampering: each damage gets its own error class -------------------------- */

static void
test_tamper (void)
{
  g_autoptr(WbKey) id = wb_age_identity_new ();
  g_autoptr(GBytes) plain = random_bytes (WB_AGE_CHUNK_SIZE + 100);
  g_autoptr(GBytes) cipher = NULL;
  gsize hlen, total;
  WbAgeRecipient r;

  wb_age_identity_to_recipient (id, &r);
  cipher = encrypt_bytes (plain, &r, 1);
  hlen = header_length (cipher);
  total = g_bytes_get_size (cipher);

  /* payload: flip a byte in the second chunk; the first chunk (verified)
   * may have been released, nothing after it */
  {
    g_autoptr(GBytes) bad = bytes_patch (cipher, total - 20, 0x01);
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) back = decrypt_bytes (bad, &id, 1, &error);

    g_assert_error (error, WB_AGE_ERROR, WB_AGE_ERROR_PAYLOAD_CORRUPT);
    g_assert_cmpuint (g_bytes_get_size (back), ==, WB_AGE_CHUNK_SIZE);
    g_assert_null (strstr (error->message, "age1"));
  }
  /* a flipped payload nonce changes the payload key */
  {
    g_autoptr(GBytes) bad = bytes_patch (cipher, hlen + 3, 0x80);
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) back = decrypt_bytes (bad, &id, 1, &error);

    g_assert_error (error, WB_AGE_ERROR, WB_AGE_ERROR_PAYLOAD_CORRUPT);
    g_assert_cmpuint (g_bytes_get_size (back), ==, 0);
  }
  /* header MAC: change one character of the MAC */
  {
    g_autoptr(GBytes) bad = bytes_patch (cipher, hlen - 3, 'A' ^ 'B');
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) back = NULL;
    const char *data = g_bytes_get_data (bad, NULL);

    /* only valid if we swapped A↔B, keeping it base64 */
    if (data[hlen - 3] == 'A' || data[hlen - 3] == 'B')
      {
        back = decrypt_bytes (bad, &id, 1, &error);
        g_assert_error (error, WB_AGE_ERROR, WB_AGE_ERROR_HEADER_MAC);
      }
  }
  /* header: change the stanza type, so nothing opens */
  {
    g_autoptr(GBytes) bad = bytes_patch (cipher, strlen ("age-encryption.org/v1\n-> "), 0x20);
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) back = decrypt_bytes (bad, &id, 1, &error);

    g_assert_error (error, WB_AGE_ERROR, WB_AGE_ERROR_NO_MATCH);
  }
  /* truncated: drop the final chunk, or part of it, or the whole payload */
  {
    gsize cuts[] = { total - 116, total - 1, total - 100, hlen + 16, hlen + 5, hlen, 10 };

    for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
      {
        g_autoptr(GBytes) bad = g_bytes_new_from_bytes (cipher, 0, cuts[i]);
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) back = decrypt_bytes (bad, &id, 1, &error);

        g_test_message ("cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT, cuts[i], total);
        g_assert_nonnull (error);
        g_assert_true (error->domain == WB_AGE_ERROR);
        if (cuts[i] < hlen + 16)
          g_assert_cmpint (error->code, ==, WB_AGE_ERROR_HEADER_INVALID);
        else if (cuts[i] == hlen + 16 || cuts[i] == total - 116)
          g_assert_cmpint (error->code, ==, WB_AGE_ERROR_PAYLOAD_TRUNCATED);
        else
          g_assert_true (error->code == WB_AGE_ERROR_PAYLOAD_CORRUPT ||
                         error->code == WB_AGE_ERROR_PAYLOAD_TRUNCATED);
        /* never more than the verified first chunk */
        g_assert_cmpuint (g_bytes_get_size (back), <=, WB_AGE_CHUNK_SIZE);
      }
  }
  /* trailing data after a valid file */
  {
    g_autoptr(GByteArray) longer = g_byte_array_new ();
    g_autoptr(GBytes) bad = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) back = NULL;

    g_byte_array_append (longer, g_bytes_get_data (cipher, NULL), total);
    g_byte_array_append (longer, (const guint8 *) "x", 1);
    bad = g_byte_array_free_to_bytes (g_steal_pointer (&longer));
    back = decrypt_bytes (bad, &id, 1, &error);
    g_assert_nonnull (error);
    g_assert_true (error->domain == WB_AGE_ERROR);
    g_assert_true (error->code == WB_AGE_ERROR_PAYLOAD_CORRUPT ||
                   error->code == WB_AGE_ERROR_TRAILING_DATA);
  }
}

static void
test_trailing_after_full_final (void)
{
  /* A full final chunk followed by junk: the chunk authenticates, the
   * junk must still be refused as TRAILING_DATA. */
  g_autoptr(WbKey) id = wb_age_identity_new ();
  g_autoptr(GBytes) plain = random_bytes (WB_AGE_CHUNK_SIZE);
  g_autoptr(GBytes) cipher = NULL;
  g_autoptr(GByteArray) longer = g_byte_array_new ();
  g_autoptr(GBytes) bad = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(WbAgeReader) reader = NULL;
  guint8 buf[4096];
  gssize n;
  WbAgeRecipient r;

  wb_age_identity_to_recipient (id, &r);
  cipher = encrypt_bytes (plain, &r, 1);
  g_byte_array_append (longer, g_bytes_get_data (cipher, NULL), g_bytes_get_size (cipher));
  g_byte_array_append (longer, (const guint8 *) "trailing", 8);
  bad = g_byte_array_free_to_bytes (g_steal_pointer (&longer));

  back = decrypt_bytes (bad, &id, 1, &error);
  g_assert_error (error, WB_AGE_ERROR, WB_AGE_ERROR_TRAILING_DATA);
  g_clear_error (&error);

  /* and the reader keeps failing after the first error */
  in = g_memory_input_stream_new_from_bytes (bad);
  reader = wb_age_reader_new (in, &id, 1, NULL, &error);
  g_assert_no_error (error);
  while ((n = wb_age_reader_read (reader, buf, sizeof buf, NULL, &error)) > 0)
    ;
  g_assert_cmpint (n, ==, -1);
  g_assert_error (error, WB_AGE_ERROR, WB_AGE_ERROR_TRAILING_DATA);
  g_clear_error (&error);
  g_assert_cmpint (wb_age_reader_read (reader, buf, sizeof buf, NULL, &error), ==, -1);
  g_assert_error (error, WB_AGE_ERROR, WB_AGE_ERROR_TRAILING_DATA);
}

static void
test_not_age (void)
{
  static const char * const inputs[] = {
    "",
    "hello world\n",
    "age-encryption.org/v1",
    "age-encryption.org/v1\n--- AAAA\n",
    "age-encryption.org/v2\n-> X25519 abc\n\n--- AAAA\n",
  };
  g_autoptr(WbKey) id = wb_age_identity_new ();

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) in = g_bytes_new_static (inputs[i], strlen (inputs[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) back = decrypt_bytes (in, &id, 1, &error);

      g_assert_nonnull (error);
      g_assert_true (error->domain == WB_AGE_ERROR);
      g_assert_cmpint (error->code, ==, i == 4 ? WB_AGE_ERROR_UNSUPPORTED_VERSION
                                               : WB_AGE_ERROR_HEADER_INVALID);
    }
}

/* C2SP CCTV ------------------------------------------------------------- */

typedef struct
{
  char *path;
  char *name;
} Vector;

static guint cctv_ran = 0;
static guint cctv_skipped = 0;
static guint cctv_total = 0;

static gboolean
vector_applies (const char *name)
{
  return !g_str_has_prefix (name, "scrypt") &&
         !g_str_has_prefix (name, "hybrid") &&
         !g_str_has_prefix (name, "armor");
}

static void
vector_free (gpointer data)
{
  Vector *v = data;

  g_free (v->path);
  g_free (v->name);
  g_free (v);
}

static gboolean
error_in_class (const GError *error,
                const char   *expect)
{
  if (error == NULL || error->domain != WB_AGE_ERROR)
    return FALSE;
  if (g_str_equal (expect, "header failure"))
    return error->code == WB_AGE_ERROR_HEADER_INVALID ||
           error->code == WB_AGE_ERROR_UNSUPPORTED_VERSION;
  if (g_str_equal (expect, "no match"))
    return error->code == WB_AGE_ERROR_NO_MATCH;
  if (g_str_equal (expect, "HMAC failure"))
    return error->code == WB_AGE_ERROR_HEADER_MAC;
  if (g_str_equal (expect, "payload failure"))
    return error->code == WB_AGE_ERROR_PAYLOAD_CORRUPT ||
           error->code == WB_AGE_ERROR_PAYLOAD_TRUNCATED ||
           error->code == WB_AGE_ERROR_TRAILING_DATA;
  return FALSE;
}

static void
test_cctv_vector (gconstpointer data)
{
  const Vector *v = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_key_unref);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GBytes) released = NULL;
  g_autofree char *hash = NULL;
  const char *expect = NULL, *payload = NULL, *p;
  gboolean compressed = FALSE, ok;
  gsize len = 0;

  g_assert_true (g_file_get_contents (v->path, &contents, &len, &error));
  g_assert_no_error (error);

  /* "key: value" lines, an empty line, then the age file */
  p = contents;
  for (;;)
    {
      const char *nl = memchr (p, '\n', len - (p - contents));
      g_autofree char *line = NULL;
      const char *colon;

      g_assert_nonnull (nl);
      if (nl == p)
        {
          p = nl + 1;
          break;
        }
      line = g_strndup (p, nl - p);
      colon = strstr (line, ": ");
      g_assert_nonnull (colon);
      if (g_str_has_prefix (line, "expect: "))
        expect = p + strlen ("expect: ");
      else if (g_str_has_prefix (line, "payload: "))
        payload = p + strlen ("payload: ");
      else if (g_str_equal (line, "compressed: zlib"))
        compressed = TRUE;
      else if (g_str_has_prefix (line, "identity: "))
        {
          WbKey *id = wb_age_identity_parse (colon + 2, &error);

          g_assert_no_error (error);
          g_ptr_array_add (ids, id);
        }
      else if (g_str_has_prefix (line, "armored: ") || g_str_has_prefix (line, "passphrase: "))
        g_assert_not_reached ();
      p = nl + 1;
    }
  g_assert_nonnull (expect);
  /* "empty" has no identity line: it must fail before one is needed. */
  if (ids->len == 0)
    g_ptr_array_add (ids, wb_age_identity_new ());

  body = g_bytes_new (p, len - (p - contents));
  raw = g_memory_input_stream_new_from_bytes (body);
  if (compressed)
    {
      g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);

      in = g_converter_input_stream_new (raw, G_CONVERTER (z));
    }
  else
    in = g_object_ref (raw);

  out = g_memory_output_stream_new_resizable ();
  ok = wb_age_decrypt (in, out, (WbKey * const *) ids->pdata, ids->len, NULL, &error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  released = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, released);

  if (g_str_has_prefix (expect, "success\n"))
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_autofree char *kind = g_strndup (expect, strchr (expect, '\n') - expect);

      g_assert_false (ok);
      if (!error_in_class (error, kind))
        g_error ("%s: expected %s, got %s %d: %s", v->name, kind,
                 g_quark_to_string (error->domain), error->code, error->message);
      if (!g_str_equal (kind, "payload failure"))
        g_assert_cmpuint (g_bytes_get_size (released), ==, 0);
    }

  /* All plaintext released, even before a failure, must match. */
  if (payload != NULL)
    g_assert_cmpmem (hash, 64, payload, 64);
}

static void
test_cctv_skip (gconstpointer data)
{
  const Vector *v = data;
  g_autofree char *msg = g_strdup_printf ("%s: passphrase, post-quantum or armor; not implemented",
                                          v->name);

  g_test_skip (msg);
}

static void
test_cctv_summary (void)
{
  g_test_message ("CCTV age vectors: %u ran, %u skipped, %u total",
                  cctv_ran, cctv_skipped, cctv_total);
  g_assert_cmpuint (cctv_ran + cctv_skipped, ==, cctv_total);
  g_assert_cmpuint (cctv_ran, >=, 60);
}

static void
test_cctv_missing (gconstpointer data)
{
  g_autofree char *msg = g_strdup_printf ("CCTV vectors not found in %s (set WB_SHARED_DIR)",
                                          (const char *) data);

  g_test_skip (msg);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
add_cctv_tests (void)
{
  GPtrArray *vectors = g_ptr_array_new_with_free_func (vector_free);
  const char *shared = g_getenv ("WB_SHARED_DIR");
  g_autofree char *dir = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;
  const char *name;

  dir = g_build_filename (shared != NULL ? shared : "../shared", "testdata", "age-cctv", NULL);
  d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    {
      Vector *v = g_new0 (Vector, 1);

      /* Never pass silently: say where the vectors were looked for. */
      v->path = g_steal_pointer (&dir);
      g_ptr_array_add (vectors, v);
      g_test_add_data_func ("/age/cctv/vectors-folder-missing", v->path, test_cctv_missing);
      return vectors;
    }

  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_str_equal (name, "README.md") && !g_str_equal (name, "SOURCE_COMMIT"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      Vector *v = g_new0 (Vector, 1);
      g_autofree char *path = NULL;

      v->name = g_strdup (g_ptr_array_index (names, i));
      v->path = g_build_filename (dir, v->name, NULL);
      g_ptr_array_add (vectors, v);
      cctv_total++;
      if (vector_applies (v->name))
        {
          path = g_strdup_printf ("/age/cctv/run/%s", v->name);
          g_test_add_data_func (path, v, test_cctv_vector);
          cctv_ran++;
        }
      else
        {
          path = g_strdup_printf ("/age/cctv/skip/%s", v->name);
          g_test_add_data_func (path, v, test_cctv_skip);
          cctv_skipped++;
        }
    }

  summary = g_strdup_printf ("/age/cctv/summary/ran-%u-skipped-%u", cctv_ran, cctv_skipped);
  g_test_add_func (summary, test_cctv_summary);
  return vectors;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) vectors = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/age/keys/known", test_keys_known);
  g_test_add_func ("/age/keys/round-trip", test_keys_round_trip);
  g_test_add_func ("/age/keys/invalid", test_keys_invalid);
  g_test_add_func ("/age/round-trip/sizes", test_round_trip_sizes);
  g_test_add_func ("/age/round-trip/small-reads", test_round_trip_small_reads);
  g_test_add_func ("/age/round-trip/writer-pieces", test_writer_pieces);
  g_test_add_func ("/age/round-trip/multiple-recipients", test_multiple_recipients);
  g_test_add_func ("/age/tamper/classes", test_tamper);
  g_test_add_func ("/age/tamper/trailing-after-full-final", test_trailing_after_full_final);
  g_test_add_func ("/age/tamper/not-age", test_not_age);
  vectors = add_cctv_tests ();

  return g_test_run ();
}
