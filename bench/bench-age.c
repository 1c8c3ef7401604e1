/* bench-age.c — age decryption throughput: ours against Debian's `age -d`
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Encrypts a file of random bytes (200 MiB by default) with our writer,
 * then decrypts that same file with our reader and with `age -d -o
 * /dev/null` (spawned), best of --runs each.  Prints one figure per line,
 * "name: value"; age_decrypt_ratio is our speed over age's (target ≥ 0.8).
 * Not run by `meson test`.
 *
 *   bench-age [--mib N] [--runs N] [--dir DIR]
 */

#define G_LOG_DOMAIN "bench-age"

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>

#include "wb-core.h"

static int opt_mib = 200;
static int opt_runs = 3;
static char *opt_dir = NULL;

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
make_plain (const char *path,
            gsize       bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
  g_autofree guint8 *buf = g_malloc (1024 * 1024);

  if (out == NULL)
    g_error ("%s", error->message);
  for (gsize done = 0; done < bytes; done += 1024 * 1024)
    {
      randombytes_buf (buf, 1024 * 1024);
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buf, MIN (bytes - done, 1024 * 1024),
                                      NULL, NULL, &error))
        g_error ("%s", error->message);
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error))
    g_error ("%s", error->message);
}

static double
our_encrypt (const char           *in_path,
             const char           *out_path,
             const WbAgeRecipient *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) fin = g_file_new_for_path (in_path);
  g_autoptr(GFile) fout = g_file_new_for_path (out_path);
  g_autoptr(GFileInputStream) in = g_file_read (fin, NULL, &error);
  g_autoptr(GFileOutputStream) out = g_file_replace (fout, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
  gint64 start = g_get_monotonic_time ();

  if (in == NULL || out == NULL)
    g_error ("%s", error->message);
  if (!wb_age_encrypt (G_INPUT_STREAM (in), G_OUTPUT_STREAM (out), r, 1, NULL, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error))
    g_error ("%s", error->message);
  return seconds_since (start);
}

static double
our_decrypt (const char *path,
             WbKey      *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(WbAgeReader) reader = NULL;
  g_autofree guint8 *buf = g_malloc (WB_AGE_CHUNK_SIZE);
  gint64 start = g_get_monotonic_time ();
  gssize n;

  in = g_file_read (file, NULL, &error);
  if (in == NULL)
    g_error ("%s", error->message);
  reader = wb_age_reader_new (G_INPUT_STREAM (in), &id, 1, NULL, &error);
  if (reader == NULL)
    g_error ("%s", error->message);
  while ((n = wb_age_reader_read (reader, buf, WB_AGE_CHUNK_SIZE, NULL, &error)) > 0)
    ;
  if (n < 0)
    g_error ("%s", error->message);
  return seconds_since (start);
}

static double
age_decrypt (const char *path,
             const char *key_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  gint64 start = g_get_monotonic_time ();

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                           "age", "-d", "-i", key_path, "-o", "/dev/null", path, NULL);
  if (proc == NULL || !g_subprocess_wait_check (proc, NULL, &error))
    g_error ("age -d: %s", error->message);
  return seconds_since (start);
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "mib", 0, 0, G_OPTION_ARG_INT, &opt_mib, "Plaintext size in MiB", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs per measurement (best is kept)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Folder for the temporary files", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbKey) id = wb_age_identity_new ();
  g_autofree char *dir = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *enc = NULL;
  g_autofree char *key = NULL;
  g_autofree char *age_path = NULL;
  char id_text[WB_AGE_IDENTITY_STRING_SIZE + 1];
  double ours = G_MAXDOUBLE, theirs = G_MAXDOUBLE, enc_s;
  double mib;
  WbAgeRecipient r;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    g_error ("%s", error->message);
  age_path = g_find_program_in_path ("age");
  if (age_path == NULL)
    g_error ("age is not installed");

  dir = opt_dir != NULL ? g_strdup (opt_dir) : g_dir_make_tmp ("bench-age-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  plain = g_build_filename (dir, "plain", NULL);
  enc = g_build_filename (dir, "plain.age", NULL);
  key = g_build_filename (dir, "identity", NULL);

  /* A throwaway identity, written only so that `age -d` can read it. */
  wb_age_identity_encode (id, id_text);
  id_text[WB_AGE_IDENTITY_STRING_SIZE - 1] = '\n';
  id_text[WB_AGE_IDENTITY_STRING_SIZE] = '\0';
  if (!g_file_set_contents_full (key, id_text, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("%s", error->message);
  sodium_memzero (id_text, sizeof id_text);
  wb_age_identity_to_recipient (id, &r);

  mib = opt_mib;
  make_plain (plain, (gsize) opt_mib * 1024 * 1024);
  enc_s = our_encrypt (plain, enc, &r);
  g_unlink (plain);

  /* one warm-up each, so both read the file from the page cache */
  our_decrypt (enc, id);
  age_decrypt (enc, key);
  for (int i = 0; i < opt_runs; i++)
    {
      ours = MIN (ours, our_decrypt (enc, id));
      theirs = MIN (theirs, age_decrypt (enc, key));
    }

  g_print ("age_file_mib: %d\n", opt_mib);
  g_print ("ours_encrypt_mib_per_s: %.1f\n", mib / enc_s);
  g_print ("ours_decrypt_s: %.3f\n", ours);
  g_print ("age_decrypt_s: %.3f\n", theirs);
  g_print ("ours_decrypt_mib_per_s: %.1f\n", mib / ours);
  g_print ("age_decrypt_mib_per_s: %.1f\n", mib / theirs);
  g_print ("age_decrypt_ratio: %.2f\n", theirs / ours);

  g_unlink (enc);
  g_unlink (key);
  if (opt_dir == NULL)
    g_rmdir (dir);
  return 0;
}
