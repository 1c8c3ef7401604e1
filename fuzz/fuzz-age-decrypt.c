/* fuzz-age-decrypt.c — decrypting an untrusted age file must fail cleanly
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decrypts the input with the C2SP CCTV test identity (the seeds in
 * corpus/age-decrypt/ are CCTV files and files made with `age -e` for it),
 * reading the plaintext in small pieces.  Every failure must be a
 * WB_AGE_ERROR, and no plaintext may follow an error.  Built two ways: as
 * a libFuzzer target (-Dfuzzing=true, clang) and, with WB_FUZZ_STANDALONE,
 * as a driver that runs every file of a corpus (a test in suite 'core').
 */

#define G_LOG_DOMAIN "wb-fuzz"

#include "config.h"

#include <stdint.h>

#include "wb-core.h"

#define FUZZ_IDENTITY "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static WbKey *fuzz_id = NULL;

static WbKey *
fuzz_identity (void)
{
  if (fuzz_id == NULL)
    {
      g_autoptr(GError) error = NULL;

      fuzz_id = wb_age_identity_parse (FUZZ_IDENTITY, &error);
      g_assert_no_error (error);
    }
  return fuzz_id;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbAgeReader) reader = NULL;
  WbKey *id = fuzz_identity ();
  guint8 buf[1000];
  gsize total = 0;
  gssize n;

  reader = wb_age_reader_new (in, &id, 1, NULL, &error);
  if (reader == NULL)
    {
      g_assert_true (error != NULL && error->domain == WB_AGE_ERROR);
      return 0;
    }
  g_assert_no_error (error);

  while ((n = wb_age_reader_read (reader, buf, sizeof buf, NULL, &error)) > 0)
    total += n;

  if (n < 0)
    {
      g_assert_true (error != NULL && error->domain == WB_AGE_ERROR);
      g_clear_error (&error);
      /* an error is final */
      g_assert_cmpint (wb_age_reader_read (reader, buf, sizeof buf, NULL, &error), ==, -1);
      g_assert_true (error != NULL && error->domain == WB_AGE_ERROR);
    }
  else
    g_assert_no_error (error);

  /* Plaintext never exceeds the ciphertext after the header. */
  g_assert_cmpuint (total, <=, size);
  return 0;
}

#ifdef WB_FUZZ_STANDALONE
static guint
run_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          n += run_path (child);
        }
      return n;
    }

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    n += run_path (argv[i]);

  g_clear_pointer (&fuzz_id, wb_key_unref);
  g_print ("1..1\nok 1 - %u inputs ran\n", n);
  return n > 0 ? 0 : 1;
}
#endif
