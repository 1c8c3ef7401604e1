/* bench-vault.c — the encrypted store against plain SQLite, same workload
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one figure per line, "name: value".  Both databases use the same
 * pragmas (WAL, locking_mode=EXCLUSIVE, 4096-byte pages, the same
 * synchronous level and the same hardening pragmas), so the ratio is the
 * cost of the encryption alone.  Not run by `meson test`.
 *
 *   bench-vault [--rows N] [--queries N] [--dir DIR]
 */

#define G_LOG_DOMAIN "bench-vault"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "wb-core.h"
#include "wb-cryptvfs.h"

#define VOCABULARY 5000
#define WORDS_PER_ROW_MIN 120

static const char * const common_pragmas =
  "PRAGMA synchronous=NORMAL;" /* the store's setting (wb-cryptvfs.c) */
  "PRAGMA cache_size=-65536;"; /* the store's setting (wb-cryptvfs.c) */

static const char * const plain_pragmas =
  "PRAGMA page_size=4096;"
  "PRAGMA locking_mode=EXCLUSIVE;"
  "PRAGMA journal_mode=WAL;"
  "PRAGMA temp_store=MEMORY;"
  "PRAGMA secure_delete=ON;"
  "PRAGMA cell_size_check=ON;"
  "PRAGMA trusted_schema=OFF;";

static int opt_rows = 100000;
static int opt_queries = 2000;
static char *opt_dir = NULL;

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

static void
word (guint  n,
      char  *out)
{
  /* "w" + base-26 letters: a stable, tokenizer-friendly vocabulary */
  int i = 0;

  out[i++] = 'w';
  do
    {
      out[i++] = 'a' + n % 26;
      n /= 26;
    }
  while (n > 0);
  out[i] = '\0';
}

static char *
make_body (GRand *rand)
{
  GString *s = g_string_sized_new (1100);
  char w[16];

  while (s->len < 1000)
    {
      word (g_rand_int_range (rand, 0, VOCABULARY), w);
      g_string_append (s, w);
      g_string_append_c (s, ' ');
    }
  return g_string_free (s, FALSE);
}

static sqlite3 *
open_plain (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    g_error ("cannot open %s", path);
  exec_or_die (db, plain_pragmas);
  exec_or_die (db, common_pragmas);
  return db;
}

static sqlite3 *
open_vault (const char  *path,
            WbCryptKeys *keys)
{
  g_autofree char *msg = NULL;
  sqlite3 *db = NULL;

  if (wb_cryptvfs_open (path, keys, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &db, &msg) != SQLITE_OK)
    g_error ("cannot open the vault: %s", msg);
  exec_or_die (db, common_pragmas);
  return db;
}

static double
bench_insert (sqlite3 *db)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  sqlite3_stmt *stmt = NULL;
  gint64 start;

  exec_or_die (db, "CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  if (sqlite3_prepare_v2 (db, "INSERT INTO docs (body) VALUES (?)", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("prepare: %s", sqlite3_errmsg (db));

  start = g_get_monotonic_time ();
  for (int i = 0; i < opt_rows; i++)
    {
      if (i % 1000 == 0)
        exec_or_die (db, "BEGIN");
      sqlite3_bind_text (stmt, 1, make_body (rand), -1, g_free);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("insert: %s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
      if (i % 1000 == 999 || i == opt_rows - 1)
        exec_or_die (db, "COMMIT");
    }
  sqlite3_finalize (stmt);
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
bench_fts_build (sqlite3 *db)
{
  gint64 start = g_get_monotonic_time ();

  exec_or_die (db, "CREATE VIRTUAL TABLE fts USING fts5 (body, content='docs', content_rowid='id');"
                   "INSERT INTO fts (fts) VALUES ('rebuild')");
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
bench_fts_query (sqlite3 *db,
                 gint64  *hits)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  sqlite3_stmt *stmt = NULL;
  gint64 start;

  if (sqlite3_prepare_v2 (db,
                          "SELECT docs.id, length (docs.body) FROM fts JOIN docs ON docs.id = fts.rowid"
                          " WHERE fts MATCH ? LIMIT 20", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("prepare: %s", sqlite3_errmsg (db));

  *hits = 0;
  start = g_get_monotonic_time ();
  for (int i = 0; i < opt_queries; i++)
    {
      char a[16], b[16];
      g_autofree char *q = NULL;

      word (g_rand_int_range (rand, 0, VOCABULARY), a);
      word (g_rand_int_range (rand, 0, VOCABULARY), b);
      q = g_strdup_printf ("%s %s", a, b);
      sqlite3_bind_text (stmt, 1, q, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        (*hits)++;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
bench_scan (sqlite3 *db,
            gint64  *total)
{
  sqlite3_stmt *stmt = NULL;
  gint64 start = g_get_monotonic_time ();

  if (sqlite3_prepare_v2 (db, "SELECT sum (length (body)) FROM docs", -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("scan: %s", sqlite3_errmsg (db));
  *total = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
print_pair (const char *name,
            double      plain,
            double      vault)
{
  g_print ("%s_plain_s: %.3f\n", name, plain);
  g_print ("%s_vault_s: %.3f\n", name, vault);
  g_print ("%s_ratio: %.2f\n", name, vault / plain);
}

static void
remove_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_files (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
bench_unlock (const char *base)
{
  g_autofree char *dir = g_build_filename (base, "unlock", NULL);
  g_autofree char *recovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) created = NULL;
  g_autoptr(WbVault) unlocked = NULL;
  const char *pass = "correct horse battery staple";
  gint64 start;

  g_mkdir_with_parents (dir, 0700);
  created = wb_vault_create (dir, pass, WB_VAULT_COST_MODERATE, &recovery, NULL, &error);
  if (created == NULL)
    {
      g_printerr ("unlock: create failed: %s\n", error->message);
      return;
    }
  wb_vault_lock (created);

  start = g_get_monotonic_time ();
  unlocked = wb_vault_unlock (dir, pass, NULL, &error);
  if (unlocked == NULL)
    {
      g_printerr ("unlock failed: %s\n", error->message);
      return;
    }
  g_print ("unlock_default_s: %.3f\n", (g_get_monotonic_time () - start) / 1e6);
  wb_vault_lock (unlocked);
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &opt_rows, "Rows to insert", "N" },
    { "queries", 0, 0, G_OPTION_ARG_INT, &opt_queries, "FTS5 queries", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Work in DIR (default: a new temp dir)", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbKey) dek = NULL;
  g_autoptr(WbKey) page_key = NULL;
  g_autoptr(WbKey) mask_key = NULL;
  g_autoptr(WbCryptKeys) keys = NULL;
  g_autofree char *base = NULL;
  g_autofree char *plain_path = NULL;
  g_autofree char *vault_path = NULL;
  guint8 uuid[WB_CRYPTVFS_UUID_BYTES] = { 0 };
  double plain_s, vault_s;
  gint64 plain_n, vault_n;
  sqlite3 *plain, *vault;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  base = opt_dir != NULL ? g_strdup (opt_dir) : g_dir_make_tmp ("bench-vault-XXXXXX", &error);
  if (base == NULL)
    g_error ("%s", error->message);
  g_mkdir_with_parents (base, 0700);
  plain_path = g_build_filename (base, "plain.db", NULL);
  vault_path = g_build_filename (base, "vault.db", NULL);

  dek = wb_key_new_random ();
  page_key = wb_key_derive (dek, 1, "WBpage__");
  mask_key = wb_key_derive (dek, 3, "WBwalmsk");
  for (gsize i = 0; i < sizeof uuid; i++)
    uuid[i] = (guint8) g_random_int ();
  keys = wb_crypt_keys_new (uuid, page_key, mask_key);

  g_print ("rows: %d\n", opt_rows);
  g_print ("sqlite_version: %s\n", sqlite3_libversion ());

  plain = open_plain (plain_path);
  vault = open_vault (vault_path, keys);

  plain_s = bench_insert (plain);
  vault_s = bench_insert (vault);
  print_pair ("insert", plain_s, vault_s);

  plain_s = bench_fts_build (plain);
  vault_s = bench_fts_build (vault);
  print_pair ("fts_build", plain_s, vault_s);

  /* cold SQLite cache, warm OS cache, for the read phases */
  sqlite3_close (plain);
  sqlite3_close (vault);
  plain = open_plain (plain_path);
  vault = open_vault (vault_path, keys);

  plain_s = bench_fts_query (plain, &plain_n);
  vault_s = bench_fts_query (vault, &vault_n);
  if (plain_n != vault_n)
    g_error ("query results differ: %" G_GINT64_FORMAT " vs %" G_GINT64_FORMAT, plain_n, vault_n);
  print_pair ("fts_query", plain_s, vault_s);
  g_print ("fts_query_hits: %" G_GINT64_FORMAT "\n", plain_n);

  plain_s = bench_scan (plain, &plain_n);
  vault_s = bench_scan (vault, &vault_n);
  if (plain_n != vault_n)
    g_error ("scan results differ");
  print_pair ("scan", plain_s, vault_s);

  sqlite3_close (plain);
  sqlite3_close (vault);

  bench_unlock (base);

  if (opt_dir == NULL)
    remove_files (base);
  return 0;
}
