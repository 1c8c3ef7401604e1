/* fuzz-vault-open.c — unlocking an untrusted vault.db must fail cleanly
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the input as vault.db into a private folder and tries to unlock
 * it with a fixed passphrase, then checks and locks it if that worked.
 * Built two ways: as a libFuzzer target (-Dfuzzing=true, clang) and, with
 * WB_FUZZ_STANDALONE, as a driver that runs every file of a corpus (a test
 * in suite 'core').
 */

#define G_LOG_DOMAIN "wb-fuzz"

#include "config.h"

#include <stdint.h>
#include <glib/gstdio.h>

#include "wb-core.h"
#include "wb-vault-private.h"

/* The seed vault in corpus/vault-open/ was made with this passphrase at
 * WB_VAULT_COST_MIN. */
#define FUZZ_PASSPHRASE "fuzz passphrase"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char *
fuzz_dir (void)
{
  static char *dir = NULL;

  if (dir == NULL)
    {
      g_autoptr(GError) error = NULL;

      dir = g_dir_make_tmp ("wb-fuzz-XXXXXX", &error);
      g_assert_no_error (error);
      /* Keep every run cheap: headers asking for more Argon2 work than
       * the seed's are refused as DAMAGED, as real code refuses absurd
       * costs. */
      _wb_vault_set_kdf_limits (2, 64 * 1024);
    }

  return dir;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const suffixes[] = { "", "-wal", "-journal" };
  g_autofree char *path = g_build_filename (fuzz_dir (), WB_VAULT_FILE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;

  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    return 0;

  vault = wb_vault_unlock (fuzz_dir (), FUZZ_PASSPHRASE, NULL, &error);
  if (vault != NULL)
    {
      g_assert_no_error (error);
      if (!wb_vault_check (vault, &error))
        g_assert_true (error != NULL && error->domain == WB_VAULT_ERROR);
      wb_vault_lock (vault);
    }
  else
    {
      /* Every failure is a clean, classified error. */
      g_assert_true (error != NULL && error->domain == WB_VAULT_ERROR);
      g_assert_true (error->message != NULL && *error->message != '\0');
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);

      g_unlink (p);
    }

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

  g_rmdir (fuzz_dir ());
  g_print ("1..1\nok 1 - %u inputs ran\n", n);
  return n > 0 ? 0 : 1;
}
#endif
