/* test-store.c — WbStore: migrations, settings, transactions, errors
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is independent of the encryption: these tests give it plain
 * SQLite handles.  test-vault.c covers it on top of the encrypting VFS.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "wb-core.h"
#include "wb-store-private.h"

static char *
db_path (void)
{
  /* ISOLATE_DIRS gives each test its own data dir (not its own tmp dir). */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), "store.db", NULL);
}

static sqlite3 *
open_plain (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  return db;
}

static int
user_version (const char *path)
{
  sqlite3 *db = open_plain (path);
  sqlite3_stmt *stmt = NULL;
  int v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

static WbStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  WbStore *store = _wb_store_new_take (open_plain (path), &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
test_store_new_is_latest (void)
{
  g_autofree char *path = db_path ();
  g_autoptr(WbStore) store = open_store (path);

  g_assert_cmpint (wb_store_get_latest_version (), >=, 1);
  g_assert_cmpint (wb_store_get_schema_version (store), ==, wb_store_get_latest_version ());
  g_assert_true (wb_store_is_open (store));
  _wb_store_close (store);
  g_assert_cmpint (user_version (path), ==, wb_store_get_latest_version ());
}

static void
test_store_migrate_from_every_version (void)
{
  int latest = wb_store_get_latest_version ();

  for (int v = 0; v < latest; v++)
    {
      g_autofree char *name = g_strdup_printf ("from-v%d.db", v);
      g_autofree char *dir_path = db_path ();
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(WbStore) store = NULL;
      g_autofree char *value = NULL;
      sqlite3 *db = open_plain (path);

      g_assert_true (_wb_store_migrate_to (db, v, &error));
      g_assert_no_error (error);
      sqlite3_close (db);
      g_assert_cmpint (user_version (path), ==, v);

      store = open_store (path);
      g_assert_cmpint (wb_store_get_schema_version (store), ==, latest);
      g_assert_true (wb_store_set_setting (store, "k", "v", &error));
      g_assert_no_error (error);
      value = wb_store_dup_setting (store, "k");
      g_assert_cmpstr (value, ==, "v");
      _wb_store_close (store);
      g_assert_cmpint (user_version (path), ==, latest);
    }
}

static void
test_store_newer_schema_refused (void)
{
  g_autofree char *path = db_path ();
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d",
                                           wb_store_get_latest_version () + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  sqlite3 *db = open_plain (path);

  g_assert_cmpint (sqlite3_exec (db, bump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = _wb_store_new_take (open_plain (path), &error);
  g_assert_null (store);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NEWER_SCHEMA);
  /* Refused without touching it. */
  g_assert_cmpint (user_version (path), ==, wb_store_get_latest_version () + 1);
}

static void
test_store_settings_round_trip (void)
{
  g_autofree char *path = db_path ();
  g_autoptr(WbStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  g_assert_null (wb_store_dup_setting (store, "organisation"));

  g_assert_true (wb_store_set_setting (store, "organisation", "Gemeente Utrecht", &error));
  g_assert_no_error (error);
  a = wb_store_dup_setting (store, "organisation");
  g_assert_cmpstr (a, ==, "Gemeente Utrecht");

  g_assert_true (wb_store_set_setting (store, "organisation", "Gemeente Ede — één", &error));
  b = wb_store_dup_setting (store, "organisation");
  g_assert_cmpstr (b, ==, "Gemeente Ede — één");

  g_assert_true (wb_store_set_setting (store, "role", "", &error));
  c = wb_store_dup_setting (store, "role");
  g_assert_cmpstr (c, ==, "");

  /* Survives closing and reopening. */
  g_clear_object (&store);
  store = open_store (path);
  d = wb_store_dup_setting (store, "organisation");
  g_assert_cmpstr (d, ==, "Gemeente Ede — één");

  g_assert_true (wb_store_set_setting (store, "organisation", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (wb_store_dup_setting (store, "organisation"));
}

static void
test_store_closed (void)
{
  g_autofree char *path = db_path ();
  g_autoptr(WbStore) store = open_store (path);
  g_autoptr(GError) error = NULL;

  _wb_store_close (store);
  _wb_store_close (store);
  g_assert_false (wb_store_is_open (store));
  g_assert_null (_wb_store_get_db (store));
  g_assert_null (wb_store_dup_setting (store, "x"));
  g_assert_false (wb_store_set_setting (store, "x", "y", &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_false (wb_store_check_integrity (store, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CLOSED);
}

static gboolean
set_then_fail (WbStore  *store,
               gpointer  user_data,
               GError  **error)
{
  if (!wb_store_set_setting (store, "partial", "yes", error))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
  return FALSE;
}

static gboolean
set_ok (WbStore  *store,
        gpointer  user_data,
        GError  **error)
{
  return wb_store_set_setting (store, "whole", user_data, error);
}

static void
test_store_transaction (void)
{
  g_autofree char *path = db_path ();
  g_autoptr(WbStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *whole = NULL;

  g_assert_false (_wb_store_run_in_transaction (store, set_then_fail, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (wb_store_dup_setting (store, "partial"));
  g_assert_true (sqlite3_get_autocommit (_wb_store_get_db (store)));
  g_clear_error (&error);

  g_assert_true (_wb_store_run_in_transaction (store, set_ok, (gpointer) "1", &error));
  g_assert_no_error (error);
  whole = wb_store_dup_setting (store, "whole");
  g_assert_cmpstr (whole, ==, "1");
}

static void
test_store_cached_statements (void)
{
  g_autofree char *path = db_path ();
  g_autoptr(WbStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  WbCachedStmt *a = _wb_store_prepare_cached (store, "SELECT 1", &error);
  WbCachedStmt *b = _wb_store_prepare_cached (store, "SELECT 1", &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  g_assert_true (a == b);

  g_assert_null (_wb_store_prepare_cached (store, "SELECT FROM nowhere", &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED);
}

/* The cache may shortcut by the SQL's address, but run-time SQL can put
 * other text at an address it saw before. */
static void
test_store_cached_statements_same_buffer (void)
{
  g_autofree char *path = db_path ();
  g_autoptr(WbStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  char sql[32];
  WbCachedStmt *one;
  WbCachedStmt *two;

  g_strlcpy (sql, "SELECT 1", sizeof sql);
  one = _wb_store_prepare_cached (store, sql, &error);
  g_assert_no_error (error);
  g_strlcpy (sql, "SELECT 2", sizeof sql);
  two = _wb_store_prepare_cached (store, sql, &error);
  g_assert_no_error (error);
  g_assert_true (one != two);
  g_assert_cmpint (sqlite3_step (two), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (two, 0), ==, 2);
  sqlite3_reset (two);

  g_strlcpy (sql, "SELECT 1", sizeof sql);
  g_assert_true (_wb_store_prepare_cached (store, sql, &error) == one);
  g_assert_true (_wb_store_prepare_cached (store, "SELECT 2", &error) == two);
  g_assert_no_error (error);
}

static gint64
query_int (WbStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (_wb_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

/* Bulk mode (bundle imports) changes sizes only while it is on, and the
 * full-text setting never outlives a transaction. */
static void
test_store_bulk (void)
{
  g_autofree char *path = db_path ();
  g_autoptr(WbStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  const char *hash_size = "SELECT v FROM signals_fts_config WHERE k = 'hashsize'";
  gint64 cache = query_int (store, "PRAGMA cache_size");

  g_assert_true (_wb_store_set_bulk (store, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "PRAGMA cache_size"), <=, -262144);

  g_assert_true (_wb_store_begin (store, &error));
  g_assert_cmpint (query_int (store, hash_size), ==, 64 * 1048576);
  g_assert_true (_wb_store_exec (store, "INSERT INTO signals_fts (rowid, summary) VALUES (7, 'bulkwoord')", &error));
  _wb_store_rollback (store);
  g_assert_cmpint (query_int (store, hash_size), ==, -1);

  g_assert_true (_wb_store_begin (store, &error));
  g_assert_true (_wb_store_exec (store, "INSERT INTO signals_fts (rowid, summary) VALUES (8, 'bulkwoord')", &error));
  g_assert_true (_wb_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, hash_size), ==, 1048576);
  g_assert_cmpint (query_int (store, "SELECT rowid FROM signals_fts WHERE signals_fts MATCH 'bulkw*'"), ==, 8);

  g_assert_true (_wb_store_set_bulk (store, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "PRAGMA cache_size"), ==, cache);

  _wb_store_close (store);
  g_assert_false (_wb_store_set_bulk (store, TRUE, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CLOSED);
}

static void
test_store_error_mapping (void)
{
  static const struct { int rc; WbStoreError code; } cases[] = {
    { SQLITE_FULL, WB_STORE_ERROR_FULL },
    { SQLITE_IOERR_DATA, WB_STORE_ERROR_CORRUPT },
    { SQLITE_CORRUPT, WB_STORE_ERROR_CORRUPT },
    { SQLITE_NOTADB, WB_STORE_ERROR_CORRUPT },
    { SQLITE_BUSY, WB_STORE_ERROR_BUSY },
    { SQLITE_AUTH, WB_STORE_ERROR_DENIED },
    { SQLITE_IOERR_WRITE, WB_STORE_ERROR_FAILED },
    { SQLITE_ERROR, WB_STORE_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      _wb_store_set_error (&error, cases[i].rc, "Saving");
      g_assert_error (error, WB_STORE_ERROR, (int) cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, "Saving"));
    }
}

static void
test_store_integrity (void)
{
  g_autofree char *path = db_path ();
  g_autoptr(WbStore) store = open_store (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (wb_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/new-is-latest", test_store_new_is_latest);
  g_test_add_func ("/store/migrate-from-every-version", test_store_migrate_from_every_version);
  g_test_add_func ("/store/newer-schema-refused", test_store_newer_schema_refused);
  g_test_add_func ("/store/settings-round-trip", test_store_settings_round_trip);
  g_test_add_func ("/store/closed", test_store_closed);
  g_test_add_func ("/store/transaction", test_store_transaction);
  g_test_add_func ("/store/cached-statements", test_store_cached_statements);
  g_test_add_func ("/store/cached-statements-same-buffer", test_store_cached_statements_same_buffer);
  g_test_add_func ("/store/bulk", test_store_bulk);
  g_test_add_func ("/store/error-mapping", test_store_error_mapping);
  g_test_add_func ("/store/integrity", test_store_integrity);

  return g_test_run ();
}
