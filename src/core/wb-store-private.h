/* wb-store-private.h — the store's SQL-level API for core modules only
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Domain modules (signal, audit, case …) reach SQLite only through this
 * header: the raw handle, cached prepared statements, transactions and the
 * sqlite → GError mapping.  Never installed, never used by the UI.
 */

#pragma once

#if !defined (WB_CORE_COMPILATION)
# error "wb-store-private.h is private to libweerbaar-core."
#endif

#include <sqlite3.h>

#include "wb-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A statement owned by the store's cache.  g_autoptr(WbCachedStmt) resets
 * it and clears its bindings at the end of the scope instead of finalising
 * it, so a half-read SELECT never keeps a read transaction open. */
typedef sqlite3_stmt WbCachedStmt;

static inline void
_wb_cached_stmt_reset (WbCachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbCachedStmt, _wb_cached_stmt_reset)

typedef gboolean (*WbStoreTransactionFunc) (WbStore   *store,
                                            gpointer   user_data,
                                            GError   **error);

/* Takes ownership of @db (an open handle from wb_cryptvfs_open, or a plain
 * one in tests) and migrates it to the latest schema.  On failure @db is
 * closed, NULL is returned and @error is set. */
WbStore      *_wb_store_new_take           (sqlite3                 *db,
                                            GError                 **error);

/* Closes the database (checkpointing the WAL).  Idempotent; afterwards
 * every call fails with WB_STORE_ERROR_CLOSED. */
void          _wb_store_close              (WbStore                 *self);

/* The raw handle; NULL once closed.  Borrowed. */
sqlite3      *_wb_store_get_db             (WbStore                 *self);

/* A prepared statement from the store's cache (keyed by the SQL text),
 * reset and with no bindings.  Borrowed: use g_autoptr(WbCachedStmt). */
WbCachedStmt *_wb_store_prepare_cached     (WbStore                 *self,
                                            const char              *sql,
                                            GError                 **error);

/* Runs one statement without results (DDL, PRAGMA …). */
gboolean      _wb_store_exec               (WbStore                 *self,
                                            const char              *sql,
                                            GError                 **error);

gboolean      _wb_store_begin              (WbStore                 *self,
                                            GError                 **error);
gboolean      _wb_store_commit             (WbStore                 *self,
                                            GError                 **error);
/* Never fails from the caller's point of view; problems are logged. */
void          _wb_store_rollback           (WbStore                 *self);

/* Bulk mode, for one long run of large transactions by one caller (a
 * bundle import): the page cache may grow to 256 MiB, so a batch of
 * thousands of signals goes to the WAL once, at commit, instead of
 * spilling pages mid-transaction; and each transaction lets FTS5 keep
 * 64 MiB of new terms in memory instead of 1 MiB, so it writes fewer
 * segments to merge again.  Turning it off puts the cache size back.
 * What readers see never changes. */
gboolean      _wb_store_set_bulk           (WbStore                 *self,
                                            gboolean                 bulk,
                                            GError                 **error);

/* BEGIN IMMEDIATE; @func; COMMIT — or ROLLBACK when @func or the commit
 * fails, keeping @func's error. */
gboolean      _wb_store_run_in_transaction (WbStore                 *self,
                                            WbStoreTransactionFunc   func,
                                            gpointer                 user_data,
                                            GError                 **error);

/* Maps an SQLite result code to a WbStoreError: FULL, CORRUPT (corrupt,
 * not-a-database, failed page authentication), BUSY, DENIED (authorizer or
 * read-only), otherwise FAILED.  @what is a short translated phrase saying
 * what was being done; the message never carries SQL values. */
void          _wb_store_set_error          (GError                 **error,
                                            int                      rc,
                                            const char              *what);

/* Number of database pages page 1 (or the WAL) declares. */
gint64        _wb_store_get_page_count     (WbStore                 *self,
                                            GError                 **error);

/* Sets @error from the connection's last failure (or "locked" when the
 * store is closed); the SQLite message goes to g_debug() only: it may name
 * a column or trigger, never a bound value. */
void          _wb_store_set_sql_error      (WbStore                 *self,
                                            const char              *what,
                                            GError                 **error);
/* Steps a statement that returns no rows; FALSE with "Could not save to
 * the vault" unless it ran to SQLITE_DONE. */
gboolean      _wb_store_step_done          (WbStore                 *self,
                                            sqlite3_stmt            *stmt,
                                            GError                 **error);
/* Binds @text, or NULL when @text is NULL. */
void          _wb_store_bind_text          (sqlite3_stmt            *stmt,
                                            int                      index,
                                            const char              *text);
char         *_wb_store_column_dup         (sqlite3_stmt            *stmt,
                                            int                      column);
/* The stored form of a time: UTC, "YYYY-MM-DDTHH:MM:SSZ". */
char         *_wb_store_format_timestamp   (GDateTime               *dt);

/* Test hook: migrates a bare database (user_version 0) to exactly
 * @version, so tests can build every earlier schema. */
gboolean      _wb_store_migrate_to         (sqlite3                 *db,
                                            int                      version,
                                            GError                 **error);

G_END_DECLS
