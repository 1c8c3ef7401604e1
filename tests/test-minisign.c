/* test-minisign.c — minisign-format signatures: known vector from Debian's
 * minisign, round trips, tampering and strict parsing
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "wb-core.h"

/* Made with minisign 0.11: minisign -G -W; minisign -S -t '…' (and -l for
 * the legacy signature) over KNOWN_MESSAGE. */
#define KNOWN_MESSAGE "Weerbaar test message\n"
#define KNOWN_PUBKEY \
  "untrusted comment: minisign public key 51B98A39D19BE7E\n" \
  "RWR+vhmdo5gbBZyo9uBLExA0pO9ObEnDg1b6ND6KY2SHrNozowa8NP47\n"
#define KNOWN_SIG_LINE1 "untrusted comment: signature from minisign secret key\n"
#define KNOWN_SIG_LINE2 "RUR+vhmdo5gbBbgi006NUsTk5XoDOwKorwWsoqOCBHtrGtdb4EoNv6lSA+7bSxO0AFZjHDAIeSX5KR+OKu83vldEQ1+aEpTffww=\n"
#define KNOWN_SIG_LINE3 "trusted comment: weerbaar known vector\n"
#define KNOWN_SIG_LINE4 "vzVLSXtwyAWaUOb6bZIY/m1zGw/Jv71BGzM3TJb6btoUK8ONIkUQAwPwq8YtWMuKzXSvRtK2X1THhhWedB+tBA==\n"
#define KNOWN_SIG KNOWN_SIG_LINE1 KNOWN_SIG_LINE2 KNOWN_SIG_LINE3 KNOWN_SIG_LINE4
#define LEGACY_SIG \
  "untrusted comment: signature from minisign secret key\n" \
  "RWR+vhmdo5gbBdZkG+CTd1EM85np+DL7N4TfyBcc1ptJpbIFV+kTEeghTXYy2QbIT1pXWWLtO5NM0w2Yu3NpeWDeycLLSg7QxAU=\n" \
  "trusted comment: legacy\n" \
  "WwP0vIc+WPM1i0tt9j9ZwcjwzpOvGi0HyV7vuibM+pswb6QDM5YBhJasMaX/0QT71O0iKdHYTvXkc6cJGsSkDw==\n"

static gboolean
verify_text (const WbMinisignPublicKey  *pk,
             const char                 *sig,
             const char                 *message,
             gsize                       message_len,
             char                      **trusted,
             GError                    **error)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (message, message_len, NULL);

  return wb_minisign_verify (pk, sig, strlen (sig), in, trusted, NULL, error);
}

static char *
sign_text (const WbKey  *secret,
           const guint8  key_id[8],
           const char   *message,
           const char   *trusted)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (message, strlen (message), NULL);
  g_autoptr(GError) error = NULL;
  char *sig = wb_minisign_sign (secret, key_id, in, NULL, trusted, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sig);
  return sig;
}

static void
test_known_vector (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trusted = NULL;
  g_autofree char *id = NULL;
  g_autofree char *again = NULL;
  WbMinisignPublicKey pk;

  g_assert_true (wb_minisign_public_key_parse (KNOWN_PUBKEY, &pk, &error));
  g_assert_no_error (error);
  id = wb_minisign_key_id_to_string (pk.key_id);
  g_assert_cmpstr (id, ==, "51B98A39D19BE7E");
  again = wb_minisign_public_key_to_string (&pk);
  g_assert_cmpstr (again, ==, KNOWN_PUBKEY);

  g_assert_true (verify_text (&pk, KNOWN_SIG, KNOWN_MESSAGE, strlen (KNOWN_MESSAGE), &trusted, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trusted, ==, "weerbaar known vector");

  /* the bare key line, as `minisign -P` takes it */
  g_assert_true (wb_minisign_public_key_parse ("RWR+vhmdo5gbBZyo9uBLExA0pO9ObEnDg1b6ND6KY2SHrNozowa8NP47",
                                               &pk, &error));
  g_assert_no_error (error);

  /* one changed byte in the message */
  g_assert_false (verify_text (&pk, KNOWN_SIG, "Weerbaar test messagf\n", strlen (KNOWN_MESSAGE), NULL, &error));
  g_assert_error (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_SIGNATURE_INVALID);
  g_clear_error (&error);

  /* a changed trusted comment breaks the global signature */
  g_assert_false (verify_text (&pk, KNOWN_SIG_LINE1 KNOWN_SIG_LINE2
                               "trusted comment: weerbaar known vectoR\n" KNOWN_SIG_LINE4,
                               KNOWN_MESSAGE, strlen (KNOWN_MESSAGE), &trusted, &error));
  g_assert_error (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_SIGNATURE_INVALID);
  g_clear_error (&error);

  /* legacy (not prehashed) signatures are refused, even when valid */
  g_assert_false (verify_text (&pk, LEGACY_SIG, KNOWN_MESSAGE, strlen (KNOWN_MESSAGE), NULL, &error));
  g_assert_error (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_UNSUPPORTED);
}

static void
test_round_trip (void)
{
  g_autoptr(WbKey) secret = wb_key_new_random ();
  g_autoptr(WbKey) other = wb_key_new_random ();
  guint8 key_id[8];
  g_autofree char *sig = NULL;
  g_autofree char *trusted = NULL;
  g_autofree char *pub_text = NULL;
  g_autoptr(GError) error = NULL;
  WbMinisignPublicKey pk, pk2, wrong;

  randombytes_buf (key_id, sizeof key_id);
  wb_minisign_public_key_from_secret (secret, key_id, &pk);
  pub_text = wb_minisign_public_key_to_string (&pk);
  g_assert_true (wb_minisign_public_key_parse (pub_text, &pk2, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (&pk, sizeof pk, &pk2, sizeof pk2);

  sig = sign_text (secret, key_id, "bundle bytes", "timestamp:1\tfile:payload.age\thashed");
  g_assert_true (verify_text (&pk, sig, "bundle bytes", 12, &trusted, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trusted, ==, "timestamp:1\tfile:payload.age\thashed");
  g_assert_true (g_str_has_prefix (sig, "untrusted comment: "));

  g_assert_false (verify_text (&pk, sig, "bundle bytez", 12, NULL, &error));
  g_assert_error (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_SIGNATURE_INVALID);
  g_clear_error (&error);

  /* another key with the same id: the signature does not verify */
  wb_minisign_public_key_from_secret (other, key_id, &wrong);
  g_assert_false (verify_text (&wrong, sig, "bundle bytes", 12, NULL, &error));
  g_assert_error (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_SIGNATURE_INVALID);
  g_clear_error (&error);

  /* a key with another id is told apart before any hashing */
  key_id[0] ^= 1;
  wb_minisign_public_key_from_secret (secret, key_id, &wrong);
  g_assert_false (verify_text (&wrong, sig, "bundle bytes", 12, NULL, &error));
  g_assert_error (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_WRONG_KEY_ID);
  g_clear_error (&error);

  /* the default trusted comment carries a timestamp */
  {
    g_autofree char *sig2 = NULL;
    g_autofree char *t2 = NULL;

    key_id[0] ^= 1;
    sig2 = sign_text (secret, key_id, "", NULL);
    g_assert_true (verify_text (&pk, sig2, "", 0, &t2, &error));
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (t2, "timestamp:"));
  }
}

static void
test_large_stream (void)
{
  /* The message streams; hashing 3 MiB gives the same result as signing. */
  g_autoptr(WbKey) secret = wb_key_new_random ();
  guint8 key_id[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  gsize len = 3 * 1024 * 1024 + 7;
  g_autofree guint8 *data = g_malloc (len);
  g_autoptr(GInputStream) in = NULL;
  g_autofree char *sig = NULL;
  g_autoptr(GError) error = NULL;
  WbMinisignPublicKey pk;

  randombytes_buf (data, len);
  wb_minisign_public_key_from_secret (secret, key_id, &pk);
  in = g_memory_input_stream_new_from_data (data, len, NULL);
  sig = wb_minisign_sign (secret, key_id, in, "u", "t", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verify_text (&pk, sig, (const char *) data, len, NULL, &error));
  g_assert_no_error (error);
  data[len - 1] ^= 0x40;
  g_assert_false (verify_text (&pk, sig, (const char *) data, len, NULL, &error));
  g_assert_error (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_SIGNATURE_INVALID);
}

static void
test_malformed (void)
{
  static const char * const bad[] = {
    "",
    KNOWN_SIG_LINE1,
    KNOWN_SIG_LINE1 KNOWN_SIG_LINE2 KNOWN_SIG_LINE3,
    /* no final newline */
    KNOWN_SIG_LINE1 KNOWN_SIG_LINE2 KNOWN_SIG_LINE3
      "vzVLSXtwyAWaUOb6bZIY/m1zGw/Jv71BGzM3TJb6btoUK8ONIkUQAwPwq8YtWMuKzXSvRtK2X1THhhWedB+tBA==",
    /* trailing data */
    KNOWN_SIG "x",
    KNOWN_SIG "\n",
    /* CRLF */
    "untrusted comment: signature from minisign secret key\r\n" KNOWN_SIG_LINE2 KNOWN_SIG_LINE3 KNOWN_SIG_LINE4,
    /* lines swapped */
    KNOWN_SIG_LINE1 KNOWN_SIG_LINE3 KNOWN_SIG_LINE2 KNOWN_SIG_LINE4,
    /* comment prefixes wrong */
    "Untrusted comment: x\n" KNOWN_SIG_LINE2 KNOWN_SIG_LINE3 KNOWN_SIG_LINE4,
    KNOWN_SIG_LINE1 KNOWN_SIG_LINE2 "trusted comment weerbaar known vector\n" KNOWN_SIG_LINE4,
    /* base64 without padding, with a space, truncated */
    KNOWN_SIG_LINE1
      "RUR+vhmdo5gbBbgi006NUsTk5XoDOwKorwWsoqOCBHtrGtdb4EoNv6lSA+7bSxO0AFZjHDAIeSX5KR+OKu83vldEQ1+aEpTffww\n"
      KNOWN_SIG_LINE3 KNOWN_SIG_LINE4,
    KNOWN_SIG_LINE1
      " RUR+vhmdo5gbBbgi006NUsTk5XoDOwKorwWsoqOCBHtrGtdb4EoNv6lSA+7bSxO0AFZjHDAIeSX5KR+OKu83vldEQ1+aEpTffww=\n"
      KNOWN_SIG_LINE3 KNOWN_SIG_LINE4,
    KNOWN_SIG_LINE1 KNOWN_SIG_LINE2 KNOWN_SIG_LINE3
      "vzVLSXtwyAWaUOb6bZIY/m1zGw/Jv71BGzM3TJb6btoUK8ONIkUQAwPwq8YtWMuKzXSvRtK2X1THhhWedB+t\n",
    /* not canonical: the last character carries nonzero spare bits */
    KNOWN_SIG_LINE1
      "RUR+vhmdo5gbBbgi006NUsTk5XoDOwKorwWsoqOCBHtrGtdb4EoNv6lSA+7bSxO0AFZjHDAIeSX5KR+OKu83vldEQ1+aEpTffwx=\n"
      KNOWN_SIG_LINE3 KNOWN_SIG_LINE4,
  };
  WbMinisignPublicKey pk;
  g_autoptr(GError) error = NULL;

  g_assert_true (wb_minisign_public_key_parse (KNOWN_PUBKEY, &pk, &error));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("malformed %u", i);
      g_assert_false (verify_text (&pk, bad[i], KNOWN_MESSAGE, strlen (KNOWN_MESSAGE), NULL, &error));
      g_assert_error (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_MALFORMED);
      g_clear_error (&error);
    }
}

static void
test_public_key_malformed (void)
{
  static const char * const bad[] = {
    "",
    "untrusted comment: minisign public key 51B98A39D19BE7E\n",
    KNOWN_PUBKEY "x",
    KNOWN_PUBKEY "\n",
    "RWR+vhmdo5gbBZyo9uBLExA0pO9ObEnDg1b6ND6KY2SHrNozowa8NP4",
    /* a signature line is not a key */
    KNOWN_SIG_LINE2,
    /* wrong algorithm bytes ("ED" instead of "Ed") */
    "RUR+vhmdo5gbBZyo9uBLExA0pO9ObEnDg1b6ND6KY2SHrNozowa8NP47",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      WbMinisignPublicKey pk;

      g_test_message ("public key %u", i);
      g_assert_false (wb_minisign_public_key_parse (bad[i], &pk, &error));
      g_assert_error (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_MALFORMED);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/minisign/known-vector", test_known_vector);
  g_test_add_func ("/minisign/round-trip", test_round_trip);
  g_test_add_func ("/minisign/large-stream", test_large_stream);
  g_test_add_func ("/minisign/malformed", test_malformed);
  g_test_add_func ("/minisign/public-key-malformed", test_public_key_malformed);

  return g_test_run ();
}
