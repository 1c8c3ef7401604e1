/* wb-store.c — the vault's database; the only module that speaks SQL
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "wb-store-private.h"

struct _WbStore
{
  GObject     parent_instance;

  sqlite3    *db;
  GHashTable *stmts;          /* SQL text → sqlite3_stmt */
  GHashTable *stmts_by_ptr;   /* SQL pointer → sqlite3_stmt (a shortcut) */
  int         schema_version;
  gboolean    bulk;
  gint64      cache_size;     /* PRAGMA cache_size before bulk mode */
};

G_DEFINE_FINAL_TYPE (WbStore, wb_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (wb-store-error-quark, wb_store_error)

/* Schema migrations: migrations[N - 1] takes the database from version
 * N - 1 to N.  Adding migration N is appending one entry; each runs in its
 * own transaction together with the PRAGMA user_version bump. */
static const char * const migrations[] = {
  /* 1: small key/value settings */
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ") STRICT, WITHOUT ROWID;",

  /* 2: signals, revisions, persons, identities, attachments, links, cases,
   * decisions, resilience actions, tombstones, the audit log and the
   * full-text index (issue #4; SQL in wb-store-signals.c, docs/records.md) */
  "CREATE TABLE signals ("
  "  id           INTEGER PRIMARY KEY,"
  "  uuid         TEXT NOT NULL UNIQUE,"
  "  revision     INTEGER NOT NULL,"
  "  level        INTEGER NOT NULL,"
  "  tlp          TEXT NOT NULL,"
  "  municipality TEXT NOT NULL,"
  "  occurred_on  TEXT NOT NULL,"
  "  review_on    TEXT NOT NULL,"
  "  closed_on    TEXT,"
  "  legal_hold   INTEGER NOT NULL DEFAULT 0,"
  "  created_at   TEXT NOT NULL,"
  "  updated_at   TEXT NOT NULL,"
  "  search_key   INTEGER NOT NULL DEFAULT 0"  /* rowid in signals_fts */
  ") STRICT;"
  /* The document apart from the narrow row above: searching and sorting
   * 100k signals then touch a few MiB of pages, not the whole vault. */
  "CREATE TABLE signal_docs ("
  "  id           INTEGER PRIMARY KEY,"
  "  hash         TEXT NOT NULL,"
  "  json         TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX signals_ladder ON signals (level DESC, occurred_on DESC, updated_at DESC, uuid);"
  "CREATE INDEX signals_occurred ON signals (occurred_on);"
  "CREATE INDEX signals_updated ON signals (updated_at);"
  "CREATE INDEX signals_review ON signals (review_on);"
  "CREATE INDEX signals_municipality ON signals (municipality COLLATE NOCASE);"
  "CREATE INDEX signals_tlp ON signals (tlp);"
  "CREATE TABLE signal_revisions ("
  "  signal_id    INTEGER NOT NULL,"
  "  revision     INTEGER NOT NULL,"
  "  hash         TEXT NOT NULL,"
  "  recorded_at  TEXT NOT NULL,"
  "  json         TEXT NOT NULL,"
  "  PRIMARY KEY (signal_id, revision)"
  ") STRICT;"
  "CREATE TABLE signal_categories ("
  "  signal_id    INTEGER NOT NULL,"
  "  code         TEXT NOT NULL,"
  "  category     TEXT NOT NULL,"
  "  PRIMARY KEY (code, signal_id)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX signal_categories_category ON signal_categories (category, signal_id);"
  "CREATE INDEX signal_categories_signal ON signal_categories (signal_id);"
  "CREATE TABLE persons ("
  "  signal_id    INTEGER NOT NULL,"
  "  position     INTEGER NOT NULL,"
  "  pseudonym    TEXT NOT NULL,"
  "  role         TEXT NOT NULL,"
  "  PRIMARY KEY (signal_id, position)"
  ") STRICT;"
  /* Pseudonym → real identity.  No listing, search or export reads it. */
  "CREATE TABLE identities ("
  "  signal_id    INTEGER NOT NULL,"
  "  pseudonym    TEXT NOT NULL,"
  "  identity     TEXT NOT NULL,"
  "  PRIMARY KEY (signal_id, pseudonym)"
  ") STRICT;"
  "CREATE TABLE attachments ("
  "  id           INTEGER PRIMARY KEY,"
  "  signal_id    INTEGER NOT NULL,"
  "  name         TEXT NOT NULL,"
  "  size         INTEGER NOT NULL,"
  "  sha256       TEXT NOT NULL,"
  "  data         BLOB NOT NULL,"
  "  added_at     TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX attachments_signal ON attachments (signal_id);"
  "CREATE TABLE links ("
  "  a            TEXT NOT NULL,"
  "  b            TEXT NOT NULL,"
  "  type         TEXT NOT NULL CHECK (type IN ('same-actor', 'same-campaign', 'same-target', 'duplicate')),"
  "  created_at   TEXT NOT NULL,"
  "  PRIMARY KEY (a, b, type),"
  "  CHECK (a < b)"
  ") STRICT;"
  "CREATE INDEX links_b ON links (b);"
  "CREATE TABLE cases ("
  "  id           INTEGER PRIMARY KEY,"
  "  uuid         TEXT NOT NULL UNIQUE,"
  "  name         TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  created_at   TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE case_members ("
  "  case_id      INTEGER NOT NULL REFERENCES cases (id),"
  "  signal_uuid  TEXT NOT NULL,"
  "  added_at     TEXT NOT NULL,"
  "  PRIMARY KEY (case_id, signal_uuid)"
  ") STRICT;"
  "CREATE INDEX case_members_signal ON case_members (signal_uuid);"
  "CREATE TABLE decisions ("
  "  id            INTEGER PRIMARY KEY,"
  "  signal_uuid   TEXT NOT NULL,"
  "  revision      INTEGER NOT NULL,"
  "  kind          TEXT NOT NULL,"
  "  from_level    INTEGER NOT NULL,"
  "  to_level      INTEGER NOT NULL,"
  "  date          TEXT NOT NULL,"
  "  deciding_role TEXT NOT NULL,"
  "  facts         TEXT NOT NULL,"
  "  assessment    TEXT NOT NULL,"
  "  decision      TEXT NOT NULL,"
  "  instruments   TEXT NOT NULL,"
  "  skip_reason   TEXT,"
  "  outcome       TEXT,"
  "  measures      TEXT,"
  "  recorded_at   TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX decisions_signal ON decisions (signal_uuid);"
  /* Append-only; rows go only together with their purged signal. */
  "CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions"
  " BEGIN SELECT RAISE (ABORT, 'decisions are append-only'); END;"
  "CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions"
  " WHEN EXISTS (SELECT 1 FROM signals WHERE uuid = OLD.signal_uuid)"
  " BEGIN SELECT RAISE (ABORT, 'decisions are append-only'); END;"
  "CREATE TABLE resilience_actions ("
  "  id           INTEGER PRIMARY KEY,"
  "  signal_uuid  TEXT NOT NULL,"
  "  kind         TEXT NOT NULL,"
  "  date         TEXT NOT NULL,"
  "  level        INTEGER NOT NULL,"
  "  role         TEXT NOT NULL,"
  "  description  TEXT,"
  "  community    INTEGER NOT NULL,"
  "  recorded_at  TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX resilience_actions_signal ON resilience_actions (signal_uuid);"
  "CREATE TRIGGER resilience_no_update BEFORE UPDATE ON resilience_actions"
  " BEGIN SELECT RAISE (ABORT, 'resilience actions are append-only'); END;"
  "CREATE TRIGGER resilience_no_delete BEFORE DELETE ON resilience_actions"
  " WHEN EXISTS (SELECT 1 FROM signals WHERE uuid = OLD.signal_uuid)"
  " BEGIN SELECT RAISE (ABORT, 'resilience actions are append-only'); END;"
  "CREATE TABLE tombstones ("
  "  uuid         TEXT PRIMARY KEY NOT NULL,"
  "  revision     INTEGER NOT NULL,"
  "  reason       TEXT NOT NULL,"
  "  recorded_at  TEXT NOT NULL"
  ") STRICT;"
  /* Never content: who (a role), what, on which UUID, and the result. */
  "CREATE TABLE audit_log ("
  "  seq          INTEGER PRIMARY KEY,"
  "  time         TEXT NOT NULL,"
  "  actor_role   TEXT NOT NULL,"
  "  action       TEXT NOT NULL,"
  "  object_uuid  TEXT,"
  "  result       TEXT NOT NULL,"
  "  prev_hash    TEXT NOT NULL,"
  "  hash         TEXT NOT NULL"
  ") STRICT;"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
  " BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
  " BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TABLE audit_head ("
  "  id           INTEGER PRIMARY KEY CHECK (id = 1),"
  "  seq          INTEGER NOT NULL,"
  "  hash         TEXT NOT NULL"
  ") STRICT;"
  "CREATE VIRTUAL TABLE signals_fts USING fts5 ("
  "  summary, description, tags, handles, cases,"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '2 3'"
  ");",

  /* 3: exchange — own identity keys, pinned contacts, bundles sent and
   * received, provenance and merge conflicts (issue #6; SQL in
   * wb-store-exchange.c, docs/bundle-format.md) */
  "CREATE TABLE exchange_identity ("
  "  id           INTEGER PRIMARY KEY CHECK (id = 1),"
  "  sign_seed    BLOB NOT NULL,"
  "  key_id       BLOB NOT NULL,"
  "  age_secret   BLOB NOT NULL,"
  "  created_at   TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE contacts ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  role         TEXT NOT NULL,"
  "  key_id       BLOB NOT NULL,"
  "  sign_key     BLOB NOT NULL UNIQUE,"
  "  age_key      BLOB NOT NULL,"
  "  fingerprint  TEXT NOT NULL UNIQUE,"
  "  verified     INTEGER NOT NULL DEFAULT 0,"
  "  added_at     TEXT NOT NULL,"
  "  card         TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE bundles_sent ("
  "  id              INTEGER PRIMARY KEY,"
  "  bundle_uuid     TEXT NOT NULL,"
  "  recipient       TEXT NOT NULL,"
  "  seq             INTEGER NOT NULL,"
  "  hash            TEXT NOT NULL,"
  "  created_at      TEXT NOT NULL,"
  "  acknowledged_at TEXT,"
  "  UNIQUE (recipient, seq)"
  ") STRICT;"
  "CREATE TABLE bundles_received ("
  "  sender       TEXT NOT NULL,"
  "  bundle_uuid  TEXT NOT NULL,"
  "  seq          INTEGER NOT NULL,"
  "  hash         TEXT NOT NULL,"
  "  imported_at  TEXT NOT NULL,"
  "  PRIMARY KEY (sender, bundle_uuid)"
  ") STRICT;"
  "CREATE TABLE provenance ("
  "  signal_uuid  TEXT NOT NULL,"
  "  revision     INTEGER NOT NULL,"
  "  sender       TEXT NOT NULL,"
  "  bundle_uuid  TEXT NOT NULL,"
  "  recorded_at  TEXT NOT NULL,"
  "  PRIMARY KEY (signal_uuid, revision, sender, bundle_uuid)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE conflicts ("
  "  id           INTEGER PRIMARY KEY,"
  "  signal_uuid  TEXT NOT NULL,"
  "  revision     INTEGER NOT NULL,"
  "  hash         TEXT NOT NULL,"
  "  json         TEXT NOT NULL,"
  "  sender       TEXT NOT NULL,"
  "  bundle_uuid  TEXT NOT NULL,"
  "  recorded_at  TEXT NOT NULL,"
  "  resolution   TEXT"
  ") STRICT;"
  "CREATE INDEX conflicts_signal ON conflicts (signal_uuid);",

  /* 4: covering indexes for the dashboard and reports (issue #7; SQL in
   * wb-store-stats.c): one index scan in date order, no table rows. */
  "CREATE INDEX signals_stats ON signals (occurred_on, level, municipality);"
  "CREATE INDEX signal_categories_stats ON signal_categories (signal_id, category);"
  "CREATE INDEX decisions_kind ON decisions (kind, signal_uuid, to_level);",

  /* 5: what a list row shows beyond the narrow columns — the summary, the
   * date precision and the category codes ("A1 G1") — so listing 100k
   * signals reads no document (issue #5; docs/records.md).  NULL means
   * "read the document": writing a document clears them (a trigger, so
   * any writer of signal_docs is covered) and the records writer then
   * sets them again.  A trigger cannot copy them itself: SQLite 3.40's
   * JSON functions are refused in triggers under trusted_schema=OFF. */
  "ALTER TABLE signals ADD COLUMN summary TEXT;"
  "ALTER TABLE signals ADD COLUMN occurred_precision TEXT;"
  "ALTER TABLE signals ADD COLUMN category_codes TEXT;"
  "UPDATE signals SET (summary, occurred_precision) = ("
  "  SELECT json_extract (d.json, '$.summary'), json_extract (d.json, '$.occurred_precision')"
  "  FROM signal_docs d WHERE d.id = signals.id)"
  " WHERE id IN (SELECT id FROM signal_docs WHERE json_valid (json));"
  "UPDATE signals SET category_codes = ("
  "  SELECT group_concat (c.code, ' ') FROM signal_categories c WHERE c.signal_id = signals.id)"
  " WHERE summary IS NOT NULL;"
  "CREATE TRIGGER signal_docs_insert_list AFTER INSERT ON signal_docs BEGIN"
  "  UPDATE signals SET summary = NULL, occurred_precision = NULL, category_codes = NULL"
  "  WHERE id = NEW.id;"
  " END;"
  "CREATE TRIGGER signal_docs_update_list AFTER UPDATE OF json ON signal_docs BEGIN"
  "  UPDATE signals SET summary = NULL, occurred_precision = NULL, category_codes = NULL"
  "  WHERE id = NEW.id;"
  " END;",

  /* 6: the coordinator's picture (issue #7; SQL in wb-store-exchange.c and
   * wb-store-matches.c, docs/bundle-format.md).  Decisions travel in
   * bundles, so each gets a stable UUID (merge is a union by UUID) and
   * the fingerprint of the vault it came from (NULL: decided here).  Any
   * writer that leaves the UUID out gets a random v4 one from a trigger;
   * the UUID may be set once, nothing else ever changes.  Match keys:
   * owner '' is this vault's own (a coordinator's), else the fingerprint
   * of the contact that sent it.  Match tokens of received signals go
   * with their signal when it is purged. */
  "ALTER TABLE decisions ADD COLUMN uuid TEXT;"
  "ALTER TABLE decisions ADD COLUMN origin TEXT;"
  "DROP TRIGGER decisions_no_update;"
  "UPDATE decisions SET uuid = lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4' ||"
  "  substr (lower (hex (randomblob (2))), 2) || '-' || substr ('89ab', 1 + abs (random ()) % 4, 1) ||"
  "  substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6)));"
  "CREATE UNIQUE INDEX decisions_uuid ON decisions (uuid);"
  "CREATE TRIGGER decisions_no_update BEFORE UPDATE OF id, signal_uuid, revision, kind, from_level,"
  "  to_level, date, deciding_role, facts, assessment, decision, instruments, skip_reason, outcome,"
  "  measures, recorded_at, origin ON decisions"
  " BEGIN SELECT RAISE (ABORT, 'decisions are append-only'); END;"
  "CREATE TRIGGER decisions_uuid_once BEFORE UPDATE OF uuid ON decisions"
  " WHEN OLD.uuid IS NOT NULL OR NEW.uuid IS NULL"
  " BEGIN SELECT RAISE (ABORT, 'decisions are append-only'); END;"
  "CREATE TRIGGER decisions_uuid_default AFTER INSERT ON decisions WHEN NEW.uuid IS NULL BEGIN"
  "  UPDATE decisions SET uuid = lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4' ||"
  "    substr (lower (hex (randomblob (2))), 2) || '-' || substr ('89ab', 1 + abs (random ()) % 4, 1) ||"
  "    substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6)))"
  "  WHERE id = NEW.id;"
  " END;"
  "CREATE TABLE match_keys ("
  "  owner        TEXT PRIMARY KEY NOT NULL,"
  "  key          BLOB NOT NULL,"
  "  received_at  TEXT NOT NULL"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE match_tokens ("
  "  token        TEXT NOT NULL,"
  "  kind         TEXT NOT NULL CHECK (kind IN ('handle', 'organisation', 'person')),"
  "  signal_uuid  TEXT NOT NULL,"
  "  sender       TEXT NOT NULL,"
  "  PRIMARY KEY (token, kind, signal_uuid)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE INDEX match_tokens_signal ON match_tokens (signal_uuid);"
  "CREATE TRIGGER match_tokens_purge AFTER DELETE ON signals BEGIN"
  "  DELETE FROM match_tokens WHERE signal_uuid = OLD.uuid;"
  " END;",

  /* 7: running tallies for the dashboard and reports (issue #7: 500k
   * signals aggregated in ≤ 200 ms): signals by month of occurrence ×
   * level, × municipality (exact spelling) and × top-level category.
   * The records writer (wb-store-signals.c) keeps them in the same
   * transaction as every signal write and purge — in C, not triggers: a
   * trigger gives each write a statement journal, which makes FTS5 flush
   * per signal; wb-store-stats.c reads them.  Filled here by a recount. */
  "CREATE TABLE stats_levels ("
  "  month        TEXT NOT NULL,"
  "  level        INTEGER NOT NULL,"
  "  n            INTEGER NOT NULL,"
  "  PRIMARY KEY (month, level)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE stats_municipalities ("
  "  month        TEXT NOT NULL,"
  "  municipality TEXT NOT NULL,"
  "  n            INTEGER NOT NULL,"
  "  PRIMARY KEY (month, municipality)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE stats_categories ("
  "  month        TEXT NOT NULL,"
  "  category     TEXT NOT NULL,"
  "  n            INTEGER NOT NULL,"
  "  PRIMARY KEY (month, category)"
  ") STRICT, WITHOUT ROWID;"
  "INSERT INTO stats_levels (month, level, n)"
  " SELECT substr (occurred_on, 1, 7), level, count (*) FROM signals GROUP BY 1, 2;"
  "INSERT INTO stats_municipalities (month, municipality, n)"
  " SELECT substr (occurred_on, 1, 7), municipality, count (*) FROM signals GROUP BY 1, 2;"
  "INSERT INTO stats_categories (month, category, n)"
  " SELECT substr (s.occurred_on, 1, 7), c.category, count (DISTINCT s.id)"
  " FROM signals s JOIN signal_categories c ON c.signal_id = s.id GROUP BY 1, 2;",

  /* 8: two indexes that are a leading part of a wider one (issue #6:
   * every signal write updated both): signals_stats starts with
   * occurred_on and signal_categories_stats with signal_id, so each
   * query that used the narrow one uses the wide one instead. */
  "DROP INDEX IF EXISTS signals_occurred;"
  "DROP INDEX IF EXISTS signal_categories_signal;",

  /* 9: a one-letter prefix index for search as you type (issue #5: the
   * first letter of a word made FTS5 merge every term it starts, up to
   * 130 ms on 100k signals; with the index it reads one doclist in the
   * list's order).  FTS5 cannot add a prefix index to a table, so the
   * index is rebuilt under the same name and rowids. */
  "CREATE VIRTUAL TABLE signals_fts_new USING fts5 ("
  "  summary, description, tags, handles, cases,"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '1 2 3'"
  ");"
  "INSERT INTO signals_fts_new (rowid, summary, description, tags, handles, cases)"
  " SELECT rowid, summary, description, tags, handles, cases FROM signals_fts;"
  "DROP TABLE signals_fts;"
  "ALTER TABLE signals_fts_new RENAME TO signals_fts;",
};

static void
stmt_finalize (gpointer data)
{
  sqlite3_finalize (data);
}

static gboolean
store_ensure_open (WbStore  *self,
                   GError  **error)
{
  if (self->db != NULL)
    return TRUE;

  g_set_error_literal (error, WB_STORE_ERROR, WB_STORE_ERROR_CLOSED,
                       _("The vault is locked"));
  return FALSE;
}

void
_wb_store_set_error (GError     **error,
                     int          rc,
                     const char  *what)
{
  WbStoreError code;
  const char *reason;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FULL,
                   _("%s: the disk is full; nothing was saved"), what);
      return;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = WB_STORE_ERROR_CORRUPT;
      reason = _("the vault is damaged");
      break;

    case SQLITE_IOERR:
      if (rc == SQLITE_IOERR_DATA)
        {
          code = WB_STORE_ERROR_CORRUPT;
          reason = _("the vault is damaged or was tampered with");
        }
      else
        {
          code = WB_STORE_ERROR_FAILED;
          reason = _("a disk read or write failed");
        }
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = WB_STORE_ERROR_BUSY;
      reason = _("the vault is in use by another program");
      break;

    case SQLITE_AUTH:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      code = WB_STORE_ERROR_DENIED;
      reason = _("the operation is not allowed");
      break;

    default:
      code = WB_STORE_ERROR_FAILED;
      /* sqlite3_errstr() is a fixed text per code: no SQL, no values. */
      reason = sqlite3_errstr (rc);
      break;
    }

  g_set_error (error, WB_STORE_ERROR, code, "%s: %s", what, reason);
}

static gboolean
db_exec (sqlite3     *db,
         const char  *sql,
         const char  *what,
         GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    return TRUE;

  g_debug ("exec failed: %s", sqlite3_errmsg (db));
  _wb_store_set_error (error, sqlite3_extended_errcode (db), what);
  return FALSE;
}

static gboolean
db_get_user_version (sqlite3  *db,
                     int      *version,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _wb_store_set_error (error, sqlite3_extended_errcode (db),
                           _("Could not read the vault's schema version"));
      return FALSE;
    }

  *version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
db_migrate (sqlite3  *db,
            int       from,
            int       to,
            GError  **error)
{
  for (int v = from + 1; v <= to; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v);
      const char *what = _("Could not upgrade the vault");

      if (!db_exec (db, "BEGIN IMMEDIATE", what, error))
        return FALSE;

      if (!db_exec (db, migrations[v - 1], what, error) ||
          !db_exec (db, bump, what, error) ||
          !db_exec (db, "COMMIT", what, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }

      g_debug ("migrated schema to version %d", v);
    }

  return TRUE;
}

gboolean
_wb_store_migrate_to (sqlite3  *db,
                      int       version,
                      GError  **error)
{
  int current;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (version >= 0 && version <= (int) G_N_ELEMENTS (migrations), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!db_get_user_version (db, &current, error))
    return FALSE;

  return db_migrate (db, current, version, error);
}

static void
wb_store_finalize (GObject *object)
{
  WbStore *self = (WbStore *)object;

  _wb_store_close (self);
  g_clear_pointer (&self->stmts_by_ptr, g_hash_table_unref);
  g_clear_pointer (&self->stmts, g_hash_table_unref);

  G_OBJECT_CLASS (wb_store_parent_class)->finalize (object);
}

static void
wb_store_class_init (WbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wb_store_finalize;
}

static void
wb_store_init (WbStore *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_finalize);
  self->stmts_by_ptr = g_hash_table_new (g_direct_hash, g_direct_equal);
}

WbStore *
_wb_store_new_take (sqlite3  *db,
                    GError  **error)
{
  g_autoptr(WbStore) self = NULL;
  int version;
  int latest = wb_store_get_latest_version ();

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (WB_TYPE_STORE, NULL);
  self->db = db;
  sqlite3_extended_result_codes (db, 1);

  if (!db_get_user_version (db, &version, error))
    return NULL;

  if (version > latest)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NEWER_SCHEMA,
                   _("This vault was written by a newer version of Weerbaar (schema %d; this version knows up to %d)"),
                   version, latest);
      return NULL;
    }

  if (version < latest && !db_migrate (db, version, latest, error))
    return NULL;

  self->schema_version = latest;
  return g_steal_pointer (&self);
}

void
_wb_store_close (WbStore *self)
{
  int rc;

  g_return_if_fail (WB_IS_STORE (self));

  if (self->db == NULL)
    return;

  g_hash_table_remove_all (self->stmts_by_ptr);
  g_hash_table_remove_all (self->stmts);
  rc = sqlite3_close_v2 (self->db);
  if (rc != SQLITE_OK)
    g_warning ("Closing the vault database failed: %s", sqlite3_errstr (rc));
  self->db = NULL;
}

sqlite3 *
_wb_store_get_db (WbStore *self)
{
  g_return_val_if_fail (WB_IS_STORE (self), NULL);

  return self->db;
}

/* Run-time SQL (list filters) brings a new pointer each time: past a few
 * hundred the shortcut starts again rather than grow without end. */
#define MAX_STMT_POINTERS 512

static void
remember_pointer (WbStore      *self,
                  const char   *sql,
                  sqlite3_stmt *stmt)
{
  if (g_hash_table_size (self->stmts_by_ptr) >= MAX_STMT_POINTERS)
    g_hash_table_remove_all (self->stmts_by_ptr);
  g_hash_table_insert (self->stmts_by_ptr, (gpointer) sql, stmt);
}

WbCachedStmt *
_wb_store_prepare_cached (WbStore     *self,
                          const char  *sql,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!store_ensure_open (self, error))
    return NULL;

  /* Nearly every caller passes a string literal, so the same pointer
   * means the same statement; hashing the whole text on every call was
   * about 1.5% of a bundle import (issue #6).  Some SQL is built at run
   * time, and a freed string's address can come back with other text,
   * so a hit still compares the text (one pass, no hashing). */
  stmt = g_hash_table_lookup (self->stmts_by_ptr, sql);
  if (stmt != NULL && strcmp (sqlite3_sql (stmt), sql) == 0)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt != NULL)
    {
      remember_pointer (self, sql, stmt);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_debug ("prepare failed: %s", sqlite3_errmsg (self->db));
      _wb_store_set_error (error, sqlite3_extended_errcode (self->db),
                           _("Could not read the vault"));
      return NULL;
    }

  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  remember_pointer (self, sql, stmt);
  return stmt;
}

gboolean
_wb_store_exec (WbStore     *self,
                const char  *sql,
                GError     **error)
{
  g_return_val_if_fail (WB_IS_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!store_ensure_open (self, error))
    return FALSE;

  return db_exec (self->db, sql, _("Could not update the vault"), error);
}

/* FTS5's own default: the new terms it keeps in memory before it writes
 * them out as a segment. */
#define FTS_HASH_SIZE       1048576
/* In bulk mode: FTS5 also writes its terms out whenever a rowid goes
 * down, which an import makes happen once per bundle (wb-merge.c); with
 * room for more than a bundle's terms, that is one segment per bundle,
 * not one per MiB. */
#define FTS_BULK_HASH_SIZE  (64 * 1048576)
/* In bulk mode (KiB, as PRAGMA cache_size takes a negative number): a
 * batch dirties about 100 MiB of pages (issue #6, 20,000 signals). */
#define BULK_CACHE_KIB      262144

static gboolean
set_fts_hash_size (WbStore  *self,
                   int       size,
                   GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO signals_fts (signals_fts, rank) VALUES ('hashsize', %d)", size);

  return _wb_store_exec (self, sql, error);
}

gboolean
_wb_store_begin (WbStore  *self,
                 GError  **error)
{
  if (!_wb_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* Inside the transaction, and put back before it commits: the
   * setting is stored in the vault, and this way a crash or a rollback
   * never leaves it changed. */
  if (self->bulk && !set_fts_hash_size (self, FTS_BULK_HASH_SIZE, error))
    {
      _wb_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
_wb_store_commit (WbStore  *self,
                  GError  **error)
{
  if (self->bulk && self->db != NULL && !sqlite3_get_autocommit (self->db) &&
      !set_fts_hash_size (self, FTS_HASH_SIZE, error))
    return FALSE;
  return _wb_store_exec (self, "COMMIT", error);
}

gboolean
_wb_store_set_bulk (WbStore   *self,
                    gboolean   bulk,
                    GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gint64 kib;

  g_return_val_if_fail (WB_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!store_ensure_open (self, error))
    return FALSE;
  bulk = !!bulk;
  if (bulk == self->bulk)
    return TRUE;

  if (bulk)
    {
      if (sqlite3_prepare_v2 (self->db, "PRAGMA cache_size", -1, &stmt, NULL) != SQLITE_OK ||
          sqlite3_step (stmt) != SQLITE_ROW)
        {
          _wb_store_set_sql_error (self, _("Could not read the vault"), error);
          return FALSE;
        }
      self->cache_size = sqlite3_column_int64 (stmt, 0);
      /* A positive cache_size counts pages, a negative one KiB. */
      kib = self->cache_size < 0 ? -self->cache_size : self->cache_size * 4;
      sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, -MAX (kib, BULK_CACHE_KIB));
    }
  else
    sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, self->cache_size);

  if (!_wb_store_exec (self, sql, error))
    return FALSE;
  self->bulk = bulk;
  return TRUE;
}

void
_wb_store_rollback (WbStore *self)
{
  int rc;

  g_return_if_fail (WB_IS_STORE (self));

  /* SQLite may already have rolled back by itself (e.g. on SQLITE_FULL). */
  if (self->db == NULL || sqlite3_get_autocommit (self->db))
    return;

  rc = sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_warning ("Rollback failed: %s", sqlite3_errstr (rc));
}

gboolean
_wb_store_run_in_transaction (WbStore                 *self,
                              WbStoreTransactionFunc   func,
                              gpointer                 user_data,
                              GError                 **error)
{
  g_return_val_if_fail (WB_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_wb_store_begin (self, error))
    return FALSE;

  if (!func (self, user_data, error) || !_wb_store_commit (self, error))
    {
      _wb_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

gint64
_wb_store_get_page_count (WbStore  *self,
                          GError  **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;

  g_return_val_if_fail (WB_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  stmt = _wb_store_prepare_cached (self, "PRAGMA page_count", error);
  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _wb_store_set_error (error, sqlite3_extended_errcode (self->db),
                           _("Could not read the vault"));
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

int
wb_store_get_schema_version (WbStore *self)
{
  g_return_val_if_fail (WB_IS_STORE (self), 0);

  return self->schema_version;
}

int
wb_store_get_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
wb_store_is_open (WbStore *self)
{
  g_return_val_if_fail (WB_IS_STORE (self), FALSE);

  return self->db != NULL;
}

gboolean
wb_store_check_integrity (WbStore  *self,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *what = _("Integrity check");
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!store_ensure_open (self, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _wb_store_set_error (error, sqlite3_extended_errcode (self->db), what);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        {
          /* The lines name pages and tables, never values; keep them out
           * of the user-visible message anyway. */
          g_debug ("integrity_check: %s", line);
          ok = FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _wb_store_set_error (error, sqlite3_extended_errcode (self->db), what);
      return FALSE;
    }

  if (!ok)
    {
      g_set_error_literal (error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT,
                           _("The vault's database is damaged"));
      return FALSE;
    }

  return TRUE;
}

gboolean
wb_store_checkpoint (WbStore  *self,
                     GError  **error)
{
  int rc;

  g_return_val_if_fail (WB_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!store_ensure_open (self, error))
    return FALSE;

  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _wb_store_set_error (error, rc, _("Could not write the vault to disk"));
      return FALSE;
    }

  return TRUE;
}

char *
wb_store_dup_setting (WbStore    *self,
                      const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _wb_store_prepare_cached (self, "SELECT value FROM settings WHERE key = ?1", &error);
  if (stmt == NULL)
    {
      if (!g_error_matches (error, WB_STORE_ERROR, WB_STORE_ERROR_CLOSED))
        g_warning ("Reading a setting failed: %s", error->message);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    g_warning ("Reading a setting failed: %s", sqlite3_errstr (rc));
  return NULL;
}

gboolean
wb_store_set_setting (WbStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value == NULL)
    stmt = _wb_store_prepare_cached (self, "DELETE FROM settings WHERE key = ?1", error);
  else
    stmt = _wb_store_prepare_cached (self,
                                     "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                     error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_error (error, sqlite3_extended_errcode (self->db),
                           _("Could not save the setting"));
      return FALSE;
    }

  return TRUE;
}

void
_wb_store_set_sql_error (WbStore     *self,
                         const char  *what,
                         GError     **error)
{
  sqlite3 *db = _wb_store_get_db (self);

  if (db == NULL)
    {
      g_set_error_literal (error, WB_STORE_ERROR, WB_STORE_ERROR_CLOSED, _("The vault is locked"));
      return;
    }

  g_debug ("%s", sqlite3_errmsg (db));
  _wb_store_set_error (error, sqlite3_extended_errcode (db), what);
}

gboolean
_wb_store_step_done (WbStore       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;

  _wb_store_set_sql_error (self, _("Could not save to the vault"), error);
  return FALSE;
}

void
_wb_store_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
_wb_store_column_dup (sqlite3_stmt *stmt,
                      int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

char *
_wb_store_format_timestamp (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}
