/* test-age-interop.c — our age and minisign output against Debian's real
 * `age`, `age-keygen` and `minisign` commands, in both directions
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Skips (with a message) when the commands are not installed; .ci/setup
 * installs them, so CI always runs these.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sodium.h>

#include "wb-core.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static gboolean
have_tools (const char * const *tools)
{
  for (guint i = 0; tools[i] != NULL; i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        {
          g_autofree char *msg = g_strdup_printf ("%s is not installed", tools[i]);

          g_test_skip (msg);
          return FALSE;
        }
    }
  return TRUE;
}

/* Runs argv; returns its exit status, with its stderr in *err. */
static int
run (const char * const *argv,
     char              **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *out = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                  G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                  G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

static GBytes *
random_file (const char *path,
             gsize       len)
{
  guint8 *data = g_malloc (len + 1);
  g_autoptr(GError) error = NULL;

  randombytes_buf (data, len);
  g_assert_true (g_file_set_contents (path, (const char *) data, len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static void
our_encrypt_file (const char           *in_path,
                  const char           *out_path,
                  const WbAgeRecipient *rs,
                  guint                 n)
{
  g_autoptr(GFile) fin = g_file_new_for_path (in_path);
  g_autoptr(GFile) fout = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) in = g_file_read (fin, NULL, &error);
  g_autoptr(GFileOutputStream) out = NULL;

  g_assert_no_error (error);
  out = g_file_replace (fout, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wb_age_encrypt (G_INPUT_STREAM (in), G_OUTPUT_STREAM (out), rs, n, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
}

static gboolean
our_decrypt_file (const char  *in_path,
                  const char  *out_path,
                  WbKey       *id,
                  GError     **error)
{
  g_autoptr(GFile) fin = g_file_new_for_path (in_path);
  g_autoptr(GFile) fout = g_file_new_for_path (out_path);
  g_autoptr(GError) local = NULL;
  g_autoptr(GFileInputStream) in = g_file_read (fin, NULL, &local);
  g_autoptr(GFileOutputStream) out = NULL;
  gboolean ok;

  g_assert_no_error (local);
  out = g_file_replace (fout, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &local);
  g_assert_no_error (local);
  ok = wb_age_decrypt (G_INPUT_STREAM (in), G_OUTPUT_STREAM (out), &id, 1, NULL, error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL));
  return ok;
}

static void
write_identity_file (const char *path,
                     WbKey      *id)
{
  char text[WB_AGE_IDENTITY_STRING_SIZE + 1];
  g_autoptr(GError) error = NULL;

  wb_age_identity_encode (id, text);
  text[WB_AGE_IDENTITY_STRING_SIZE - 1] = '\n';
  text[WB_AGE_IDENTITY_STRING_SIZE] = '\0';
  g_assert_true (g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
  sodium_memzero (text, sizeof text);
}

/* age ------------------------------------------------------------------- */

static void
test_ours_to_age (void)
{
  static const gsize sizes[] = { 0, 1, 65536, 65537, 1000000 };
  const char * const tools[] = { "age", NULL };
  g_autoptr(WbKey) id = wb_age_identity_new ();
  g_autoptr(WbKey) other = wb_age_identity_new ();
  g_autofree char *id_path = tmp_path ("ours.key");
  g_autofree char *plain_path = tmp_path ("plain");
  g_autofree char *enc_path = tmp_path ("plain.age");
  g_autofree char *dec_path = tmp_path ("plain.dec");
  WbAgeRecipient rs[2];

  if (!have_tools (tools))
    return;

  wb_age_identity_to_recipient (other, &rs[0]);
  wb_age_identity_to_recipient (id, &rs[1]);
  write_identity_file (id_path, id);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) plain = random_file (plain_path, sizes[i]);
      g_autoptr(GBytes) back = NULL;
      g_autofree char *err = NULL;
      const char * const argv[] = { "age", "-d", "-i", id_path, "-o", dec_path, enc_path, NULL };

      g_test_message ("size %" G_GSIZE_FORMAT, sizes[i]);
      /* alternately as the second of two recipients, and alone */
      if (i % 2 == 0)
        our_encrypt_file (plain_path, enc_path, rs, 2);
      else
        our_encrypt_file (plain_path, enc_path, &rs[1], 1);
      g_unlink (dec_path);
      if (run (argv, &err) != 0)
        g_error ("age -d failed: %s", err);
      /* age opens its output lazily: no bytes, no file */
      if (sizes[i] == 0 && !g_file_test (dec_path, G_FILE_TEST_EXISTS))
        back = g_bytes_new (NULL, 0);
      else
        back = read_file (dec_path);
      g_assert_true (g_bytes_equal (plain, back));
    }

  /* and age refuses what we damaged, too */
  {
    g_autoptr(GBytes) plain = random_file (plain_path, 100000);
    g_autoptr(GBytes) enc = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GError) error = NULL;
    const char * const argv[] = { "age", "-d", "-i", id_path, "-o", dec_path, enc_path, NULL };
    guint8 *data;
    gsize len;

    our_encrypt_file (plain_path, enc_path, &rs[1], 1);
    enc = read_file (enc_path);
    data = g_bytes_unref_to_data (g_steal_pointer (&enc), &len);
    data[len - 5] ^= 1;
    g_assert_true (g_file_set_contents (enc_path, (const char *) data, len, &error));
    g_free (data);
    g_assert_cmpint (run (argv, &err), !=, 0);
  }
}

static void
test_age_to_ours (void)
{
  static const gsize sizes[] = { 0, 5, 65536, 3 * 65536 + 3 };
  const char * const tools[] = { "age", "age-keygen", NULL };
  g_autofree char *key_path = tmp_path ("keygen.key");
  g_autofree char *plain_path = tmp_path ("plain2");
  g_autofree char *enc_path = tmp_path ("plain2.age");
  g_autofree char *dec_path = tmp_path ("plain2.dec");
  g_autoptr(GBytes) key_file = NULL;
  g_autoptr(WbKey) id = NULL;
  g_autoptr(WbKey) stranger = wb_age_identity_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *recipient = NULL;
  g_auto(GStrv) lines = NULL;
  WbAgeRecipient r;

  if (!have_tools (tools))
    return;

  /* age-keygen's identity file parses, and we derive the public key it
   * prints */
  {
    g_autofree char *err = NULL;
    const char * const argv[] = { "age-keygen", "-o", key_path, NULL };

    g_assert_cmpint (run (argv, &err), ==, 0);
  }
  key_file = read_file (key_path);
  lines = g_strsplit (g_bytes_get_data (key_file, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "# public key: "))
        recipient = g_strdup (lines[i] + strlen ("# public key: "));
      else if (g_str_has_prefix (lines[i], "AGE-SECRET-KEY-1"))
        {
          id = wb_age_identity_parse (lines[i], &error);
          g_assert_no_error (error);
        }
      sodium_memzero (lines[i], strlen (lines[i]));
    }
  g_assert_nonnull (id);
  g_assert_nonnull (recipient);
  {
    g_autofree char *ours = NULL;

    wb_age_identity_to_recipient (id, &r);
    ours = wb_age_recipient_encode (&r);
    g_assert_cmpstr (ours, ==, recipient);
  }

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) plain = random_file (plain_path, sizes[i]);
      g_autoptr(GBytes) back = NULL;
      g_autofree char *err = NULL;
      const char * const argv[] = { "age", "-e", "-r", recipient, "-o", enc_path, plain_path, NULL };

      g_test_message ("size %" G_GSIZE_FORMAT, sizes[i]);
      g_unlink (enc_path);
      g_assert_cmpint (run (argv, &err), ==, 0);
      g_assert_true (our_decrypt_file (enc_path, dec_path, id, &error));
      g_assert_no_error (error);
      back = read_file (dec_path);
      g_assert_true (g_bytes_equal (plain, back));

      g_assert_false (our_decrypt_file (enc_path, dec_path, stranger, &error));
      g_assert_error (error, WB_AGE_ERROR, WB_AGE_ERROR_NO_MATCH);
      g_clear_error (&error);
    }
}

/* minisign -------------------------------------------------------------- */

static void
test_ours_to_minisign (void)
{
  const char * const tools[] = { "minisign", NULL };
  g_autoptr(WbKey) secret = wb_key_new_random ();
  g_autofree char *pub_path = tmp_path ("ours.pub");
  g_autofree char *msg_path = tmp_path ("payload.age");
  g_autofree char *sig_path = tmp_path ("payload.age.minisig");
  g_autofree char *pub_text = NULL;
  g_autofree char *sig = NULL;
  g_autoptr(GBytes) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  guint8 key_id[WB_MINISIGN_KEY_ID_BYTES];
  WbMinisignPublicKey pk;

  if (!have_tools (tools))
    return;

  randombytes_buf (key_id, sizeof key_id);
  wb_minisign_public_key_from_secret (secret, key_id, &pk);
  pub_text = wb_minisign_public_key_to_string (&pk);
  g_assert_true (g_file_set_contents (pub_path, pub_text, -1, &error));
  msg = random_file (msg_path, 300000);

  file = g_file_new_for_path (msg_path);
  in = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  sig = wb_minisign_sign (secret, key_id, G_INPUT_STREAM (in), "signature from Weerbaar",
                          "timestamp:1764000000\tfile:payload.age\thashed", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (sig_path, sig, -1, &error));

  {
    g_autofree char *err = NULL;
    const char * const argv[] = { "minisign", "-V", "-p", pub_path, "-m", msg_path, NULL };

    g_assert_cmpint (run (argv, &err), ==, 0);
  }
  /* the bare key with -P, and -o prints the file */
  {
    g_autofree char *err = NULL;
    g_autofree char *b64 = wb_minisign_public_key_to_base64 (&pk);
    const char * const argv[] = { "minisign", "-V", "-P", b64, "-m", msg_path, NULL };

    g_assert_cmpint (run (argv, &err), ==, 0);
  }
  /* a changed byte: minisign refuses it as well */
  {
    g_autofree char *err = NULL;
    const char * const argv[] = { "minisign", "-V", "-p", pub_path, "-m", msg_path, NULL };
    gsize len;
    guint8 *data = g_bytes_unref_to_data (g_steal_pointer (&msg), &len);

    data[len / 2] ^= 1;
    g_assert_true (g_file_set_contents (msg_path, (const char *) data, len, &error));
    g_free (data);
    g_assert_cmpint (run (argv, &err), !=, 0);
  }
}

static void
test_minisign_to_ours (void)
{
  const char * const tools[] = { "minisign", NULL };
  g_autofree char *pub_path = tmp_path ("theirs.pub");
  g_autofree char *key_path = tmp_path ("theirs.key");
  g_autofree char *msg_path = tmp_path ("signed-by-minisign");
  g_autofree char *sig_path = tmp_path ("signed-by-minisign.minisig");
  g_autofree char *legacy_path = tmp_path ("legacy.minisig");
  g_autoptr(GBytes) msg = NULL;
  g_autoptr(GBytes) pub = NULL;
  g_autoptr(GError) error = NULL;
  WbMinisignPublicKey pk;

  if (!have_tools (tools))
    return;

  {
    g_autofree char *err = NULL;
    const char * const gen[] = { "minisign", "-G", "-W", "-f", "-p", pub_path, "-s", key_path, NULL };
    const char * const sign[] = { "minisign", "-S", "-s", key_path, "-m", msg_path,
                                  "-t", "from Debian's minisign", NULL };
    const char * const legacy[] = { "minisign", "-S", "-l", "-s", key_path, "-m", msg_path,
                                    "-x", legacy_path, NULL };

    g_assert_cmpint (run (gen, &err), ==, 0);
    msg = random_file (msg_path, 200000);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (sign, &err), ==, 0);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (legacy, &err), ==, 0);
  }

  pub = read_file (pub_path);
  g_assert_true (wb_minisign_public_key_parse (g_bytes_get_data (pub, NULL), &pk, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GBytes) sig = read_file (round == 2 ? legacy_path : sig_path);
      g_autoptr(GFile) file = g_file_new_for_path (msg_path);
      g_autoptr(GFileInputStream) in = g_file_read (file, NULL, &error);
      g_autofree char *trusted = NULL;
      gboolean ok;

      g_assert_no_error (error);
      if (round == 1)
        {
          gsize len;
          guint8 *data = g_bytes_unref_to_data (g_steal_pointer (&msg), &len);

          g_clear_object (&in);
          data[0] ^= 0x10;
          g_assert_true (g_file_set_contents (msg_path, (const char *) data, len, &error));
          msg = g_bytes_new_take (data, len);
          in = g_file_read (file, NULL, &error);
          g_assert_no_error (error);
        }
      ok = wb_minisign_verify (&pk, g_bytes_get_data (sig, NULL), g_bytes_get_size (sig),
                               G_INPUT_STREAM (in), &trusted, NULL, &error);
      if (round == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (trusted, ==, "from Debian's minisign");
        }
      else if (round == 1)
        {
          g_assert_error (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_SIGNATURE_INVALID);
          g_clear_error (&error);
        }
      else
        {
          g_assert_error (error, WB_MINISIGN_ERROR, WB_MINISIGN_ERROR_UNSUPPORTED);
          g_clear_error (&error);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tmpdir = g_dir_make_tmp ("wb-age-interop-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/age-interop/ours-to-age", test_ours_to_age);
  g_test_add_func ("/age-interop/age-to-ours", test_age_to_ours);
  g_test_add_func ("/age-interop/ours-to-minisign", test_ours_to_minisign);
  g_test_add_func ("/age-interop/minisign-to-ours", test_minisign_to_ours);

  ret = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *p = tmp_path (name);

        g_unlink (p);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return ret;
}
