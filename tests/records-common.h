/* records-common.h — shared helpers of test-records, test-audit, test-search
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is independent of the encryption: most tests give it a plain
 * SQLite handle (test-records.c also runs on a real encrypted vault).
 */

#pragma once

#include "config.h"

#include <glib/gstdio.h>

#include "wb-core.h"
#include "wb-store-private.h"

static inline WbStore *
records_open_store_at (const char *path)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  WbStore *store;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  store = _wb_store_new_take (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* A fresh store with the recording identity set. */
static inline WbStore *
records_new_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = g_strdup_printf ("records-%u.db", g_random_int ());
  WbStore *store;

  /* ISOLATE_DIRS gives each test its own data dir. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_data_dir (), name, NULL);
  store = records_open_store_at (path);
  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ORGANISATION, "Gemeente Utrecht", &error));
  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ROLE, "liaison-officer", &error));
  g_assert_no_error (error);
  return store;
}

/* A valid new signal; @extra is more JSON members (", \"x\": 1") or NULL. */
static inline WbSignal *
records_make_signal (const char *summary,
                     const char *categories,
                     const char *municipality,
                     const char *occurred_on,
                     const char *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf (
    "{\"summary\": \"%s\", \"categories\": %s,"
    " \"occurred_on\": \"%s\", \"occurred_precision\": \"day\","
    " \"municipality\": \"%s\", \"channel\": \"in-person\", \"source_type\": \"victim\","
    " \"reliability\": \"B\", \"credibility\": 2, \"attribution\": \"unknown\","
    " \"attribution_confidence\": \"low\"%s}",
    summary, categories, occurred_on, municipality, extra != NULL ? extra : "");
  WbSignal *signal = wb_signal_new_from_json (json, -1, WB_SIGNAL_JSON_ALLOW_NEW, &error);

  g_assert_no_error (error);
  return signal;
}

static inline WbSignal *
records_add (WbStore    *store,
             const char *summary,
             const char *categories,
             const char *municipality,
             const char *occurred_on,
             const char *extra)
{
  g_autoptr(GError) error = NULL;
  WbSignal *signal = records_make_signal (summary, categories, municipality, occurred_on, extra);

  g_assert_true (wb_records_add_signal (store, signal, &error));
  g_assert_no_error (error);
  return signal;
}

/* One integer from raw SQL below the API. */
static inline gint64
records_sql_int (WbStore    *store,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (_wb_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static inline void
records_sql_exec (WbStore    *store,
                  const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (_wb_store_get_db (store), sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static inline gint64
records_audit_count (WbStore *store)
{
  return records_sql_int (store, "SELECT count(*) FROM audit_log");
}

/* Everything an operation could write, as one fingerprint: a failed
 * operation must leave it unchanged. */
static inline char *
records_snapshot (WbStore *store)
{
  static const char * const tables[] = {
    "signals", "signal_docs", "signal_revisions", "signal_categories", "persons", "identities",
    "attachments", "links", "cases", "case_members", "decisions",
    "resilience_actions", "tombstones", "audit_log", "signals_fts",
  };
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      g_string_append_printf (s, "%s=%" G_GINT64_FORMAT " ", tables[i], records_sql_int (store, sql));
    }
  g_string_append_printf (s, "revs=%" G_GINT64_FORMAT " ",
                          records_sql_int (store, "SELECT coalesce (sum (revision), 0) FROM signals"));
  g_string_append_printf (s, "levels=%" G_GINT64_FORMAT,
                          records_sql_int (store, "SELECT coalesce (sum (level), 0) FROM signals"));
  return g_string_free (s, FALSE);
}

static inline GDate *
records_today_plus_months (guint months)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDate *date = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                g_date_time_get_month (now),
                                g_date_time_get_year (now));

  g_date_add_months (date, months);
  return date;
}
