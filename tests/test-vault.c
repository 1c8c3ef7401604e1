/* test-vault.c — WbVault: keys, header, unlock/lock/recover/rekey
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>

#include "wb-core.h"
#include "wb-cryptvfs.h"
#include "wb-store-private.h"
#include "wb-vault-private.h"

#define PASS     "correct horse battery"
#define NEW_PASS "another horse battery"

static char *
vault_dir (void)
{
  /* ISOLATE_DIRS gives each test (and subprocess) its own data dir. */
  return g_build_filename (g_get_user_data_dir (), "vault", NULL);
}

static char *
vault_file (const char *dir)
{
  return g_build_filename (dir, WB_VAULT_FILE_NAME, NULL);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
write_file (const char   *path,
            const guint8 *data,
            gsize         len)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, (const char *) data, len, &error));
  g_assert_no_error (error);
}

static void
assert_file_is (const char *path,
                GBytes     *expected)
{
  g_autoptr(GBytes) now = read_file (path);

  g_assert_true (g_bytes_equal (now, expected));
}

/* A vault with a few pages of data, locked again. */
static char *
make_vault (char **recovery_key)
{
  g_autofree char *dir = vault_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autofree char *big = g_strnfill (3000, 'x');
  WbStore *store;

  vault = wb_vault_create (dir, PASS, WB_VAULT_COST_MIN, recovery_key, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vault);
  g_assert_false (wb_vault_is_locked (vault));

  store = wb_vault_get_store (vault);
  g_assert_true (wb_store_set_setting (store, "organisation", "Gemeente Utrecht", &error));
  for (int i = 0; i < 8; i++)
    {
      g_autofree char *key = g_strdup_printf ("filler-%d", i);

      g_assert_true (wb_store_set_setting (store, key, big, &error));
      g_assert_no_error (error);
    }

  wb_vault_lock (vault);
  return g_steal_pointer (&dir);
}

static void
assert_unlocks (const char *dir,
                const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = wb_vault_unlock (dir, passphrase, NULL, &error);
  g_autofree char *org = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (vault);
  org = wb_store_dup_setting (wb_vault_get_store (vault), "organisation");
  g_assert_cmpstr (org, ==, "Gemeente Utrecht");
  g_assert_true (wb_vault_check (vault, &error));
  g_assert_no_error (error);
}

static void
assert_unlock_fails (const char *dir,
                     const char *passphrase,
                     int         code)
{
  g_autofree char *path = vault_file (dir);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    before = read_file (path);

  vault = wb_vault_unlock (dir, passphrase, NULL, &error);
  g_assert_null (vault);
  g_assert_error (error, WB_VAULT_ERROR, code);
  g_assert_nonnull (error->message);
  if (*passphrase != '\0')
    g_assert_null (strstr (error->message, passphrase));

  /* Opening never modifies the file on failure. */
  if (before != NULL)
    assert_file_is (path, before);
}

static void
flip_byte (const char *path,
           gsize       offset)
{
  g_autoptr(GBytes) bytes = read_file (path);
  gsize len;
  g_autofree guint8 *data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &len);

  g_assert_cmpuint (offset, <, len);
  data[offset] ^= 0x20;
  write_file (path, data, len);
}

/* ------------------------------------------------------------------ keys */

static void
test_vault_create_unlock (void)
{
  g_autofree char *recovery = NULL;
  g_autofree char *dir = make_vault (&recovery);
  g_autofree char *path = vault_file (dir);
  GStatBuf st;

  g_assert_true (wb_vault_exists (dir));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* 14 groups of 4 Crockford symbols */
  g_assert_cmpuint (strlen (recovery), ==, 14 * 4 + 13);

  assert_unlocks (dir, PASS);
}

static void
test_vault_no_plaintext (void)
{
  g_autofree char *dir = make_vault (NULL);
  g_autofree char *path = vault_file (dir);
  g_autoptr(GBytes) bytes = read_file (path);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_null (g_strstr_len (data, len, "SQLite format"));
  g_assert_null (g_strstr_len (data, len, "Utrecht"));
  g_assert_null (g_strstr_len (data, len, "organisation"));
  g_assert_null (g_strstr_len (data, len, "xxxxxxxx"));
}

static void
test_vault_exists_refused (void)
{
  g_autofree char *dir = make_vault (NULL);
  g_autofree char *path = vault_file (dir);
  g_autoptr(GBytes) before = read_file (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;

  vault = wb_vault_create (dir, PASS, WB_VAULT_COST_MIN, NULL, NULL, &error);
  g_assert_null (vault);
  g_assert_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_EXISTS);
  assert_file_is (path, before);
}

static void
test_vault_weak_passphrase (void)
{
  g_autofree char *dir = vault_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;

  vault = wb_vault_create (dir, "short", WB_VAULT_COST_MIN, NULL, NULL, &error);
  g_assert_null (vault);
  g_assert_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_WEAK_PASSPHRASE);
  g_assert_false (wb_vault_exists (dir));
}

static void
test_vault_wrong_passphrase (void)
{
  g_autofree char *dir = make_vault (NULL);

  assert_unlock_fails (dir, "not the passphrase", WB_VAULT_ERROR_WRONG_PASSPHRASE);
  assert_unlock_fails (dir, "", WB_VAULT_ERROR_WRONG_PASSPHRASE);
  assert_unlocks (dir, PASS);
}

static void
test_vault_not_found (void)
{
  g_autofree char *dir = vault_dir ();

  g_assert_false (wb_vault_exists (dir));
  assert_unlock_fails (dir, PASS, WB_VAULT_ERROR_NOT_FOUND);
}

static void
test_vault_passphrase_change_keeps_pages (void)
{
  g_autofree char *dir = make_vault (NULL);
  g_autofree char *path = vault_file (dir);
  g_autoptr(GBytes) before = read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = wb_vault_unlock (dir, PASS, NULL, &error);
  const guint8 *a, *b;
  gsize alen, blen;

  g_assert_no_error (error);
  g_assert_true (wb_vault_change_passphrase (vault, NEW_PASS, WB_VAULT_COST_MIN, NULL, &error));
  g_assert_no_error (error);
  wb_vault_lock (vault);

  after = read_file (path);
  a = g_bytes_get_data (before, &alen);
  b = g_bytes_get_data (after, &blen);
  g_assert_cmpuint (alen, ==, blen);
  g_assert_cmpuint (alen, >, 4096 * 3);
  g_assert_true (memcmp (a, b, 4096) != 0);
  g_assert_true (memcmp (a + 4096, b + 4096, alen - 4096) == 0);
  /* both copies rewritten identically */
  g_assert_true (memcmp (b, b + 2048, 2048) == 0);

  assert_unlock_fails (dir, PASS, WB_VAULT_ERROR_WRONG_PASSPHRASE);
  assert_unlocks (dir, NEW_PASS);
}

static void
test_vault_passphrase_change_rules (void)
{
  g_autofree char *dir = make_vault (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = wb_vault_unlock (dir, PASS, NULL, &error);

  g_assert_false (wb_vault_change_passphrase (vault, "short", WB_VAULT_COST_MIN, NULL, &error));
  g_assert_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);

  wb_vault_lock (vault);
  g_assert_false (wb_vault_change_passphrase (vault, NEW_PASS, WB_VAULT_COST_MIN, NULL, &error));
  g_assert_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_LOCKED);

  assert_unlocks (dir, PASS);
}

static void
test_vault_recovery_key (void)
{
  g_autofree char *recovery = NULL;
  g_autofree char *dir = make_vault (&recovery);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autofree char *sloppy = NULL;

  /* Lower case, spaces instead of dashes, O for 0 and l for 1: still fine. */
  sloppy = g_ascii_strdown (recovery, -1);
  g_strdelimit (sloppy, "-", ' ');
  g_strdelimit (sloppy, "0", 'o');
  g_strdelimit (sloppy, "1", 'l');
  vault = wb_vault_unlock_with_recovery_key (dir, sloppy, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vault);

  /* Recovery: set a new passphrase without knowing the old one. */
  g_assert_true (wb_vault_change_passphrase (vault, NEW_PASS, WB_VAULT_COST_MIN, NULL, &error));
  g_assert_no_error (error);
  wb_vault_lock (vault);
  g_clear_object (&vault);

  assert_unlock_fails (dir, PASS, WB_VAULT_ERROR_WRONG_PASSPHRASE);
  assert_unlocks (dir, NEW_PASS);

  /* The recovery key still works afterwards. */
  vault = wb_vault_unlock_with_recovery_key (dir, recovery, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vault);
}

static void
test_vault_wrong_recovery_key (void)
{
  g_autofree char *recovery = NULL;
  g_autofree char *dir = make_vault (&recovery);
  g_autofree char *other_dir = g_build_filename (g_get_user_data_dir (), "other", NULL);
  g_autofree char *other = NULL;
  g_autofree char *typo = g_strdup (recovery);
  g_autofree char *path = vault_file (dir);
  g_autoptr(GBytes) before = read_file (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  guint8 key[32];

  /* A well-formed key of another vault */
  vault = wb_vault_create (other_dir, PASS, WB_VAULT_COST_MIN, &other, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&vault);
  g_assert_true (_wb_vault_parse_recovery_key (other, key));

  vault = wb_vault_unlock_with_recovery_key (dir, other, NULL, &error);
  g_assert_null (vault);
  g_assert_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_WRONG_RECOVERY_KEY);
  g_clear_error (&error);

  /* A typo is caught by the check symbols, before any unlock attempt. */
  typo[0] = typo[0] == 'A' ? 'B' : 'A';
  g_assert_false (_wb_vault_parse_recovery_key (typo, key));
  vault = wb_vault_unlock_with_recovery_key (dir, typo, NULL, &error);
  g_assert_null (vault);
  g_assert_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_WRONG_RECOVERY_KEY);
  g_clear_error (&error);

  g_assert_false (_wb_vault_parse_recovery_key ("", key));
  g_assert_false (_wb_vault_parse_recovery_key ("UUUU", key));

  assert_file_is (path, before);
}

static gboolean
shares_a_page (GBytes *a,
               GBytes *b)
{
  g_autoptr(GHashTable) pages = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                       (GDestroyNotify) g_bytes_unref, NULL);
  gsize alen = g_bytes_get_size (a);
  gsize blen = g_bytes_get_size (b);

  for (gsize off = 0; off + 4096 <= alen; off += 4096)
    g_hash_table_add (pages, g_bytes_new_from_bytes (a, off, 4096));

  for (gsize off = 0; off + 4096 <= blen; off += 4096)
    {
      g_autoptr(GBytes) page = g_bytes_new_from_bytes (b, off, 4096);

      if (g_hash_table_contains (pages, page))
        return TRUE;
    }

  return FALSE;
}

static void
test_vault_rekey (void)
{
  g_autofree char *recovery = NULL;
  g_autofree char *new_recovery = NULL;
  g_autofree char *dir = make_vault (&recovery);
  g_autofree char *path = vault_file (dir);
  g_autoptr(GBytes) before = read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = wb_vault_unlock (dir, PASS, NULL, &error);
  g_autofree char *org = NULL;

  g_assert_no_error (error);
  g_assert_true (wb_vault_rekey (vault, PASS, WB_VAULT_COST_MIN, &new_recovery, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (wb_vault_is_locked (vault));
  g_assert_cmpstr (recovery, !=, new_recovery);

  /* Still usable straight away. */
  org = wb_store_dup_setting (wb_vault_get_store (vault), "organisation");
  g_assert_cmpstr (org, ==, "Gemeente Utrecht");
  g_assert_true (wb_vault_check (vault, &error));
  g_assert_no_error (error);
  wb_vault_lock (vault);
  g_clear_object (&vault);

  after = read_file (path);
  g_assert_false (shares_a_page (before, after));

  assert_unlocks (dir, PASS);
  vault = wb_vault_unlock_with_recovery_key (dir, recovery, NULL, &error);
  g_assert_null (vault);
  g_assert_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_WRONG_RECOVERY_KEY);
  g_clear_error (&error);
  vault = wb_vault_unlock_with_recovery_key (dir, new_recovery, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vault);
}

static void
locked_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(int *) user_data)++;
}

static void
test_vault_lock (void)
{
  g_autofree char *dir = make_vault (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = wb_vault_unlock (dir, PASS, NULL, &error);
  g_autoptr(WbStore) store = NULL;
  gboolean locked = TRUE;
  int notified = 0;

  g_assert_no_error (error);
  store = g_object_ref (wb_vault_get_store (vault));
  g_object_get (vault, "locked", &locked, NULL);
  g_assert_false (locked);
  g_signal_connect (vault, "notify::locked", G_CALLBACK (locked_cb), &notified);

  wb_vault_lock (vault);
  g_assert_cmpint (notified, ==, 1);
  g_assert_true (wb_vault_is_locked (vault));
  g_assert_null (wb_vault_get_store (vault));
  g_object_get (vault, "locked", &locked, NULL);
  g_assert_true (locked);

  /* A store someone still holds is closed, not usable. */
  g_assert_false (wb_store_is_open (store));
  g_assert_null (wb_store_dup_setting (store, "organisation"));
  g_assert_false (wb_vault_check (vault, &error));
  g_assert_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_LOCKED);

  wb_vault_lock (vault);
  g_assert_cmpint (notified, ==, 1);
}

static void
test_vault_in_use (void)
{
  g_autofree char *dir = make_vault (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) first = wb_vault_unlock (dir, PASS, NULL, &error);
  g_autoptr(WbVault) second = NULL;

  g_assert_no_error (error);
  second = wb_vault_unlock (dir, PASS, NULL, &error);
  g_assert_null (second);
  g_assert_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_IN_USE);
  g_clear_error (&error);

  wb_vault_lock (first);
  assert_unlocks (dir, PASS);
}

/* ---------------------------------------------------------------- tamper */

static void
test_vault_tamper_one_copy (void)
{
  static const gsize offsets[] = { 0, 9, 20, 30, 70, 100, 200, 2047, 2048, 2048 + 100, 4095 };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      g_autofree char *dir = make_vault (NULL);
      g_autofree char *path = vault_file (dir);
      g_autoptr(GBytes) good = read_file (path);
      g_autoptr(GBytes) repaired = NULL;

      flip_byte (path, offsets[i]);
      assert_unlocks (dir, PASS);

      /* Unlocking repaired the damaged copy from the good one. */
      repaired = read_file (path);
      g_assert_true (g_bytes_equal (good, repaired));

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

static void
test_vault_tamper_both_copies (void)
{
  static const gsize offsets[] = { 10, 30, 100, 200, 1000, 2016 };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      g_autofree char *dir = make_vault (NULL);
      g_autofree char *path = vault_file (dir);

      flip_byte (path, offsets[i]);
      flip_byte (path, 2048 + offsets[i]);
      assert_unlock_fails (dir, PASS, WB_VAULT_ERROR_DAMAGED);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

/* Re-seals copy @i's checksum after a deliberate edit (the MAC stays
 * wrong, which only matters if the edit gets that far). */
static void
reseal_checksum (guint8 *header,
                 guint   i)
{
  guint8 *copy = header + i * 2048;

  crypto_generichash (copy + 1984, 32, copy, 1984, NULL, 0);
}

static void
test_vault_newer_format (void)
{
  g_autofree char *dir = make_vault (NULL);
  g_autofree char *path = vault_file (dir);
  g_autoptr(GBytes) bytes = read_file (path);
  gsize len;
  g_autofree guint8 *data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &len);

  for (guint i = 0; i < 2; i++)
    {
      data[i * 2048 + 8] = WB_VAULT_FORMAT_VERSION + 1;
      reseal_checksum (data, i);
    }
  write_file (path, data, len);

  assert_unlock_fails (dir, PASS, WB_VAULT_ERROR_NEWER_FORMAT);
}

static void
test_vault_absurd_kdf_cost (void)
{
  g_autofree char *dir = make_vault (NULL);
  g_autofree char *path = vault_file (dir);
  g_autoptr(GBytes) bytes = read_file (path);
  gsize len;
  g_autofree guint8 *data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &len);

  /* opslimit 2^40, memlimit 2^50: refused as DAMAGED, never attempted. */
  for (guint i = 0; i < 2; i++)
    {
      memset (data + i * 2048 + 64 + 8 + 5, 0x01, 1);
      memset (data + i * 2048 + 64 + 16 + 6, 0x04, 1);
      reseal_checksum (data, i);
    }
  write_file (path, data, len);

  assert_unlock_fails (dir, PASS, WB_VAULT_ERROR_DAMAGED);
}

#if WB_TEST_HOOKS
static void
test_vault_crash_leaves_both_passphrases (void)
{
  /* A kill between the two header writes of a passphrase change: copies
   * A and B then differ, and the vault opens with either passphrase
   * (checked on the file as the crash left it, before a repair). */
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) crashed = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WbVault) vault = NULL;

      dir = g_strdup (g_getenv ("WB_TEST_VAULT_DIR"));
      vault = wb_vault_unlock (dir, PASS, NULL, &error);
      g_assert_no_error (error);
      g_setenv (WB_VAULT_TEST_HOOK_ENV, "crash-between-header-writes", TRUE);
      wb_vault_change_passphrase (vault, NEW_PASS, WB_VAULT_COST_MIN, NULL, &error);
      g_assert_not_reached ();
      return;
    }

  dir = make_vault (NULL);
  path = vault_file (dir);
  g_setenv ("WB_TEST_VAULT_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_unsetenv ("WB_TEST_VAULT_DIR");

  crashed = read_file (path);
  g_assert_false (memcmp (g_bytes_get_data (crashed, NULL),
                          (const guint8 *) g_bytes_get_data (crashed, NULL) + 2048, 2048) == 0);

  /* Each passphrase opens it; put the crashed file back in between. */
  assert_unlocks (dir, NEW_PASS);
  write_file (path, g_bytes_get_data (crashed, NULL), g_bytes_get_size (crashed));
  assert_unlocks (dir, PASS);
}

#endif

/* ------------------------------------------------------------- bad input */

static void
test_vault_random_file (void)
{
  g_autofree char *dir = vault_dir ();
  g_autofree char *path = vault_file (dir);
  guint8 junk[3 * 4096];

  randombytes_buf (junk, sizeof junk);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_file (path, junk, sizeof junk);

  assert_unlock_fails (dir, PASS, WB_VAULT_ERROR_NOT_A_VAULT);
}

static void
test_vault_empty_file (void)
{
  g_autofree char *dir = vault_dir ();
  g_autofree char *path = vault_file (dir);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_file (path, (const guint8 *) "", 0);

  assert_unlock_fails (dir, PASS, WB_VAULT_ERROR_NOT_A_VAULT);
}

static void
test_vault_plain_sqlite_file (void)
{
  g_autofree char *dir = vault_dir ();
  g_autofree char *path = vault_file (dir);
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_unlock_fails (dir, PASS, WB_VAULT_ERROR_NOT_A_VAULT);
}

static void
test_vault_truncated (void)
{
  g_autofree char *dir = make_vault (NULL);
  g_autofree char *path = vault_file (dir);
  g_autoptr(GBytes) whole = read_file (path);
  gsize len = g_bytes_get_size (whole);
  const guint8 *data = g_bytes_get_data (whole, NULL);
  const gsize cuts[] = { 100, 2048, 3000, 4096, 4096 + 100, 8192, len - 4096, len - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      write_file (path, data, cuts[i]);
      assert_unlock_fails (dir, PASS, WB_VAULT_ERROR_DAMAGED);
    }

  write_file (path, data, len);
  assert_unlocks (dir, PASS);
}

/* Takes the vault's database back to an empty schema 4, so the test
 * does not depend on what later migrations contain. */
static void
rebuild_at_schema_4 (sqlite3 *db)
{
  static const char * const kinds[] = { "trigger", "view", "table" };
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt = NULL;

      /* Shadow tables of FTS5 go with their virtual table. */
      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT name FROM sqlite_schema WHERE type = ?1"
                                           " AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE TABLE ''%'",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, kinds[k], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);

      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *sql = g_strdup_printf ("DROP %s IF EXISTS \"%s\"", kinds[k],
                                                  (const char *) names->pdata[i]);

          g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
        }
    }
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 0", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (_wb_store_migrate_to (db, 4, &error));
  g_assert_no_error (error);
}

/* A vault locked cleanly (no WAL) at schema 4: the upgrade to schema 5
 * fills new columns of 2000 signals, so the upgraded database declares
 * more pages than the file held.  That is no truncation: it unlocks. */
static void
test_vault_upgrade_adds_pages (void)
{
  static const char fill[] =
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
    " INSERT INTO signals (id, uuid, revision, level, tlp, municipality, occurred_on, review_on,"
    "  created_at, updated_at)"
    " SELECT i, 'uuid-' || i, 1, 1, 'amber', 'Utrecht', '2026-10-01', '2027-10-01',"
    "  '2026-10-01T10:00:00Z', '2026-10-01T10:00:00Z' FROM n;"
    "INSERT INTO signal_docs (id, hash, json)"
    " SELECT id, 'h', json_object ('summary', printf ('%.120c', 's'), 'occurred_precision', 'day')"
    " FROM signals;";
  g_autofree char *dir = make_vault (NULL);
  g_autofree char *path = vault_file (dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = wb_vault_unlock (dir, PASS, NULL, &error);
  g_autoptr(GBytes) locked = NULL;
  WbStore *store;
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_cmpint (wb_store_get_latest_version (), >=, 5);
  db = _wb_store_get_db (wb_vault_get_store (vault));
  rebuild_at_schema_4 (db);
  g_assert_cmpint (sqlite3_exec (db, fill, NULL, NULL, NULL), ==, SQLITE_OK);
  wb_vault_lock (vault);
  g_clear_object (&vault);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  locked = read_file (path);

  vault = wb_vault_unlock (dir, PASS, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vault);
  store = wb_vault_get_store (vault);
  g_assert_cmpint (wb_store_get_schema_version (store), ==, wb_store_get_latest_version ());
  g_assert_cmpint (_wb_store_get_page_count (store, NULL), >,
                   (gint64) (g_bytes_get_size (locked) / WB_CRYPTVFS_PAGE_SIZE));
  g_assert_true (wb_vault_check (vault, &error));
  g_assert_no_error (error);
}

static void
test_vault_damaged_page (void)
{
  g_autofree char *dir = make_vault (NULL);
  g_autofree char *path = vault_file (dir);

  /* Page 1 holds the schema: it is read on every unlock. */
  flip_byte (path, 4096 + 200);
  assert_unlock_fails (dir, PASS, WB_VAULT_ERROR_DAMAGED);
}

static void
test_vault_damaged_later_page (void)
{
  g_autofree char *dir = make_vault (NULL);
  g_autofree char *path = vault_file (dir);
  g_autoptr(GBytes) bytes = read_file (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;

  /* A page only reached by a full scan: unlock works, check does not. */
  flip_byte (path, g_bytes_get_size (bytes) - 100);
  vault = wb_vault_unlock (dir, PASS, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (wb_vault_check (vault, &error));
  g_assert_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_DAMAGED);
}

/* ------------------------------------------------------------------ async */

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} AsyncWait;

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
async_wait (AsyncWait *wait)
{
  g_main_loop_run (wait->loop);
  return wait->result;
}

static void
test_vault_async (void)
{
  g_autofree char *dir = vault_dir ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autofree char *recovery = NULL;
  AsyncWait wait = { loop, NULL };

  wb_vault_create_async (dir, PASS, WB_VAULT_COST_MIN, NULL, async_done_cb, &wait);
  vault = wb_vault_create_finish (async_wait (&wait), &recovery, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_nonnull (vault);
  g_assert_nonnull (recovery);

  wb_vault_change_passphrase_async (vault, NEW_PASS, WB_VAULT_COST_MIN, NULL, async_done_cb, &wait);
  g_assert_true (wb_vault_change_passphrase_finish (vault, async_wait (&wait), &error));
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  wb_vault_lock (vault);
  g_clear_object (&vault);

  wb_vault_unlock_async (dir, PASS, NULL, async_done_cb, &wait);
  vault = wb_vault_unlock_finish (async_wait (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_null (vault);
  g_assert_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);

  wb_vault_unlock_async (dir, NEW_PASS, NULL, async_done_cb, &wait);
  vault = wb_vault_unlock_finish (async_wait (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_nonnull (vault);
}

static void
test_vault_default_dir (void)
{
  g_autofree char *def = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "weerbaar", NULL);
  g_autofree char *env = NULL;

  g_unsetenv ("WEERBAAR_VAULT");
  def = wb_vault_dup_default_dir ();
  g_assert_cmpstr (def, ==, expected);

  g_setenv ("WEERBAAR_VAULT", "/srv/kluis", TRUE);
  env = wb_vault_dup_default_dir ();
  g_assert_cmpstr (env, ==, "/srv/kluis");
  g_unsetenv ("WEERBAAR_VAULT");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/vault/create-unlock", test_vault_create_unlock);
  g_test_add_func ("/vault/no-plaintext", test_vault_no_plaintext);
  g_test_add_func ("/vault/exists-refused", test_vault_exists_refused);
  g_test_add_func ("/vault/weak-passphrase", test_vault_weak_passphrase);
  g_test_add_func ("/vault/wrong-passphrase", test_vault_wrong_passphrase);
  g_test_add_func ("/vault/not-found", test_vault_not_found);
  g_test_add_func ("/vault/passphrase-change-keeps-pages", test_vault_passphrase_change_keeps_pages);
  g_test_add_func ("/vault/passphrase-change-rules", test_vault_passphrase_change_rules);
  g_test_add_func ("/vault/recovery-key", test_vault_recovery_key);
  g_test_add_func ("/vault/wrong-recovery-key", test_vault_wrong_recovery_key);
  g_test_add_func ("/vault/rekey", test_vault_rekey);
  g_test_add_func ("/vault/lock", test_vault_lock);
  g_test_add_func ("/vault/in-use", test_vault_in_use);
  g_test_add_func ("/vault/tamper/one-copy", test_vault_tamper_one_copy);
  g_test_add_func ("/vault/tamper/both-copies", test_vault_tamper_both_copies);
  g_test_add_func ("/vault/tamper/newer-format", test_vault_newer_format);
  g_test_add_func ("/vault/tamper/absurd-kdf-cost", test_vault_absurd_kdf_cost);
#if WB_TEST_HOOKS
  g_test_add_func ("/vault/crash/leaves-both-passphrases", test_vault_crash_leaves_both_passphrases);
#endif
  g_test_add_func ("/vault/bad/random-file", test_vault_random_file);
  g_test_add_func ("/vault/bad/empty-file", test_vault_empty_file);
  g_test_add_func ("/vault/bad/plain-sqlite-file", test_vault_plain_sqlite_file);
  g_test_add_func ("/vault/bad/truncated", test_vault_truncated);
  g_test_add_func ("/vault/upgrade-adds-pages", test_vault_upgrade_adds_pages);
  g_test_add_func ("/vault/bad/damaged-page", test_vault_damaged_page);
  g_test_add_func ("/vault/bad/damaged-later-page", test_vault_damaged_later_page);
  g_test_add_func ("/vault/async", test_vault_async);
  g_test_add_func ("/vault/default-dir", test_vault_default_dir);

  return g_test_run ();
}
