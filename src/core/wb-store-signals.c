/* wb-store-signals.c — the store's SQL for signals, cases, links, decisions,
 * retention, the audit log and search (declared in wb-records.h)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-records"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sodium.h>

#include "wb-audit.h"
#include "wb-core-private.h"
#include "wb-records.h"
#include "wb-records-private.h"
#include "wb-search.h"
#include "wb-signal-private.h"
#include "wb-signal-rows-private.h"
#include "wb-store-private.h"
#include "wb-taxonomy.h"

G_DEFINE_QUARK (wb-records-error-quark, wb_records_error)

#define MAX_ATTACHMENT_BYTES (64 * 1024 * 1024)
#define MAX_IDENTITY_CHARS   200
#define MAX_CASE_NAME_CHARS  WB_SIGNAL_NAME_MAX_CHARS

static const char * const link_nicks[] = {
  [WB_LINK_SAME_ACTOR]    = "same-actor",
  [WB_LINK_SAME_CAMPAIGN] = "same-campaign",
  [WB_LINK_SAME_TARGET]   = "same-target",
  [WB_LINK_DUPLICATE]     = "duplicate",
};

/* ---- small types ------------------------------------------------------ */

const char *
wb_link_type_to_nick (WbLinkType type)
{
  if ((guint) type >= G_N_ELEMENTS (link_nicks))
    return NULL;
  return link_nicks[type];
}

gboolean
wb_link_type_from_nick (const char *nick,
                        WbLinkType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (link_nicks); i++)
    if (g_str_equal (nick, link_nicks[i]))
      {
        *type = (WbLinkType) i;
        return TRUE;
      }

  return FALSE;
}

void
wb_link_free (WbLink *link)
{
  if (link == NULL)
    return;
  g_free (link->a);
  g_free (link->b);
  g_free (link->created_at);
  g_free (link);
}

void
wb_case_free (WbCase *kase)
{
  if (kase == NULL)
    return;
  g_free (kase->uuid);
  g_free (kase->name);
  g_free (kase->created_at);
  g_free (kase);
}

void
wb_attachment_free (WbAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->name);
  g_free (attachment->sha256);
  g_free (attachment->added_at);
  g_free (attachment);
}

void
wb_count_free (WbCount *count)
{
  if (count == NULL)
    return;
  g_free (count->key);
  g_free (count);
}

void
wb_stats_free (WbStats *stats)
{
  if (stats == NULL)
    return;
  g_clear_pointer (&stats->by_category, g_ptr_array_unref);
  g_clear_pointer (&stats->by_level, g_ptr_array_unref);
  g_clear_pointer (&stats->by_tlp, g_ptr_array_unref);
  g_clear_pointer (&stats->by_municipality, g_ptr_array_unref);
  g_free (stats);
}

void
wb_records_filter_init (WbRecordsFilter *filter)
{
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->level = WB_RECORDS_ANY;
  filter->tlp = WB_RECORDS_ANY;
  filter->sort = WB_RECORDS_SORT_LADDER;
}

/* ---- helpers ---------------------------------------------------------- */

static GDateTime *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return _wb_timestamp_normalise (now);
}

static char *
now_string (void)
{
  g_autoptr(GDateTime) now = now_utc ();

  return _wb_store_format_timestamp (now);
}

static char *
today_string (void)
{
  g_autoptr(GDateTime) now = now_utc ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static guint
retention_months (WbStore *store)
{
  g_autofree char *text = wb_store_dup_setting (store, WB_RECORDS_SETTING_RETENTION_MONTHS);
  guint64 months;

  if (text == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 1, 120, &months, NULL))
    return WB_RETENTION_DEFAULT_MONTHS;

  return (guint) months;
}

static char *
review_date_after (WbStore    *store,
                   const char *iso_date)
{
  GDate date;

  g_date_clear (&date, 1);
  if (!wb_date_parse_iso (iso_date, &date))
    return NULL;
  g_date_add_months (&date, retention_months (store));
  return wb_date_format_iso (&date);
}

static WbActorKind
vault_kind (WbStore *store)
{
  g_autofree char *text = wb_store_dup_setting (store, WB_RECORDS_SETTING_VAULT_KIND);

  return g_strcmp0 (text, "coordinator") == 0 ? WB_ACTOR_COORDINATOR : WB_ACTOR_MUNICIPALITY;
}

static char *
actor_role (WbStore *store)
{
  char *role = wb_store_dup_setting (store, WB_RECORDS_SETTING_ROLE);

  return role != NULL ? role : g_strdup ("unspecified");
}

static gboolean
check_uuid (const char  *uuid,
            GError     **error)
{
  if (uuid != NULL && g_uuid_string_is_valid (uuid))
    return TRUE;

  g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_INVALID,
                       _("That is not a valid signal UUID"));
  return FALSE;
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND,
                       _("There is no signal with that UUID in this vault"));
}

static gboolean
in_batch (WbStore *store)
{
  sqlite3 *db = _wb_store_get_db (store);

  return db != NULL && !sqlite3_get_autocommit (db);
}

/* Runs @func in one transaction: all of it, or (on error) nothing.
 * Inside a batch (wb_records_batch_begin()) it is a savepoint, so a
 * failed operation still leaves no trace and the batch goes on. */
static gboolean
in_transaction (WbStore                 *store,
                WbStoreTransactionFunc   func,
                gpointer                 data,
                GError                 **error)
{
  if (!in_batch (store))
    return _wb_store_run_in_transaction (store, func, data, error);

  if (!_wb_store_exec (store, "SAVEPOINT wb_operation", error))
    return FALSE;

  if (!func (store, data, error))
    {
      if (_wb_store_exec (store, "ROLLBACK TO wb_operation", NULL))
        _wb_store_exec (store, "RELEASE wb_operation", NULL);
      else
        g_warning ("Could not roll back a failed operation inside a batch");
      return FALSE;
    }

  return _wb_store_exec (store, "RELEASE wb_operation", error);
}

gboolean
wb_records_batch_begin (WbStore  *store,
                        GError  **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _wb_store_begin (store, error);
}

gboolean
wb_records_batch_commit (WbStore  *store,
                         GError  **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_wb_store_commit (store, error))
    {
      _wb_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

void
wb_records_batch_rollback (WbStore *store)
{
  g_return_if_fail (WB_IS_STORE (store));

  _wb_store_rollback (store);
}

/* ---- the audit log ---------------------------------------------------- */

static gboolean
audit_append (WbStore     *store,
              const char  *role,
              const char  *action,
              const char  *object_uuid,
              GError     **error)
{
  g_autoptr(WbCachedStmt) head = NULL;
  g_autoptr(WbCachedStmt) insert = NULL;
  g_autoptr(WbCachedStmt) update = NULL;
  g_autofree char *owned_role = NULL;
  g_autofree char *time = now_string ();
  g_autofree char *prev = NULL;
  g_autofree char *hash = NULL;
  WbAuditEntry entry = { 0 };
  gint64 seq = 0;
  int rc;

  head = _wb_store_prepare_cached (store, "SELECT seq, hash FROM audit_head WHERE id = 1", error);
  if (head == NULL)
    return FALSE;
  rc = sqlite3_step (head);
  if (rc == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (head, 0);
      prev = _wb_store_column_dup (head, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not write the audit log"), error);
      return FALSE;
    }

  if (role == NULL)
    role = owned_role = actor_role (store);

  entry.seq = seq + 1;
  entry.time = time;
  entry.actor_role = (char *) role;
  entry.action = (char *) action;
  entry.object_uuid = (char *) object_uuid;
  entry.result = (char *) "ok";
  entry.prev_hash = prev != NULL ? prev : (char *) WB_AUDIT_GENESIS_HASH;
  hash = wb_audit_compute_hash (&entry);

  insert = _wb_store_prepare_cached (store,
                                     "INSERT INTO audit_log (seq, time, actor_role, action, object_uuid, result, prev_hash, hash) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                     error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, entry.seq);
  _wb_store_bind_text (insert, 2, entry.time);
  _wb_store_bind_text (insert, 3, entry.actor_role);
  _wb_store_bind_text (insert, 4, entry.action);
  _wb_store_bind_text (insert, 5, entry.object_uuid);
  _wb_store_bind_text (insert, 6, entry.result);
  _wb_store_bind_text (insert, 7, entry.prev_hash);
  _wb_store_bind_text (insert, 8, hash);
  if (!_wb_store_step_done (store, insert, error))
    return FALSE;

  update = _wb_store_prepare_cached (store,
                                     "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2) "
                                     "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
                                     error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, entry.seq);
  _wb_store_bind_text (update, 2, hash);
  return _wb_store_step_done (store, update, error);
}

static WbAuditEntry *
audit_entry_from_row (sqlite3_stmt *stmt)
{
  WbAuditEntry *entry = g_new0 (WbAuditEntry, 1);

  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->time = _wb_store_column_dup (stmt, 1);
  entry->actor_role = _wb_store_column_dup (stmt, 2);
  entry->action = _wb_store_column_dup (stmt, 3);
  entry->object_uuid = _wb_store_column_dup (stmt, 4);
  entry->result = _wb_store_column_dup (stmt, 5);
  entry->prev_hash = _wb_store_column_dup (stmt, 6);
  entry->hash = _wb_store_column_dup (stmt, 7);
  return entry;
}

#define AUDIT_SELECT \
  "SELECT seq, time, actor_role, action, object_uuid, result, prev_hash, hash FROM audit_log ORDER BY seq"

gboolean
wb_records_verify_audit (WbStore  *store,
                         gint64   *n_entries,
                         GError  **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(WbCachedStmt) head = NULL;
  g_autofree char *head_hash = NULL;
  WbAuditVerifier verifier;
  gint64 head_seq = 0;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = _wb_store_prepare_cached (store, AUDIT_SELECT, error);
  if (stmt == NULL)
    return FALSE;

  wb_audit_verifier_init (&verifier);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(WbAuditEntry) entry = audit_entry_from_row (stmt);

      if (!wb_audit_verifier_add (&verifier, entry, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the audit log"), error);
      return FALSE;
    }

  head = _wb_store_prepare_cached (store, "SELECT seq, hash FROM audit_head WHERE id = 1", error);
  if (head == NULL)
    return FALSE;
  rc = sqlite3_step (head);
  if (rc == SQLITE_ROW)
    {
      head_seq = sqlite3_column_int64 (head, 0);
      head_hash = _wb_store_column_dup (head, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the audit log"), error);
      return FALSE;
    }

  if (!wb_audit_verifier_finish (&verifier, head_seq, head_hash, error))
    return FALSE;

  if (n_entries != NULL)
    *n_entries = verifier.n_entries;
  return TRUE;
}

GPtrArray *
wb_records_list_audit (WbStore  *store,
                       GError  **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _wb_store_prepare_cached (store, AUDIT_SELECT, error);
  if (stmt == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_audit_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, audit_entry_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the audit log"), error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/* ---- reading signals -------------------------------------------------- */

static WbSignal *
signal_from_json (const char  *json,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  WbSignal *signal = NULL;

  /* Validated when stored; a damaged document still fails to parse. */
  if (json == NULL)
    g_set_error_literal (&local_error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_JSON, "NULL");
  else
    signal = wb_signal_new_from_json (json, -1, WB_SIGNAL_JSON_TRUSTED, &local_error);
  if (signal == NULL)
    {
      /* Stored JSON was valid when written: this is damage. */
      g_debug ("stored signal does not parse: %s", local_error->message);
      g_set_error_literal (error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT,
                           _("A stored signal is damaged"));
    }

  return signal;
}

/* Looks up the current row: id, and optionally the parsed signal.
 * NOT_FOUND when there is none. */
static gboolean
load_signal (WbStore    *store,
             const char *uuid,
             gint64     *id,
             WbSignal  **signal,
             GError    **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  int rc;

  if (!check_uuid (uuid, error))
    return FALSE;

  stmt = _wb_store_prepare_cached (store, "SELECT s.id, d.json FROM signals s JOIN signal_docs d ON d.id = s.id WHERE s.uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;

  {
    g_autofree char *lower = g_ascii_strdown (uuid, -1);

    _wb_store_bind_text (stmt, 1, lower);
  }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_not_found (error);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not read the signal"), error);
      return FALSE;
    }

  if (id != NULL)
    *id = sqlite3_column_int64 (stmt, 0);
  if (signal != NULL)
    {
      *signal = signal_from_json ((const char *) sqlite3_column_text (stmt, 1), error);
      if (*signal == NULL)
        return FALSE;
    }

  return TRUE;
}

WbSignal *
wb_records_get_signal (WbStore     *store,
                       const char  *uuid,
                       GError     **error)
{
  WbSignal *signal = NULL;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_signal (store, uuid, NULL, &signal, error))
    return NULL;
  return signal;
}

gint64
wb_records_count_signals (WbStore  *store,
                          GError  **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;

  g_return_val_if_fail (WB_IS_STORE (store), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  stmt = _wb_store_prepare_cached (store, "SELECT count(*) FROM signals", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not read the vault"), error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
signal_is_linked (WbStore     *store,
                  const char  *uuid,
                  gboolean    *linked,
                  GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT EXISTS (SELECT 1 FROM links WHERE a = ?1 OR b = ?1) "
                                   "OR EXISTS (SELECT 1 FROM case_members WHERE signal_uuid = ?1)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not read the vault"), error);
      return FALSE;
    }
  *linked = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/* ---- writing signals -------------------------------------------------- */

static char *
join_strv (const char * const *strv)
{
  return g_strjoinv (" ", (char **) strv);
}

/* The full-text row of a signal has the rowid
 *   (7 − level) << 56 | (2^20 − 1 − julian day of occurrence) << 36 | id
 * so FTS5, which returns matches in rowid order, returns them in ladder
 * order (level, then most recent occurrence): a search for the first 50
 * hits stops after about 50 rows instead of sorting every match. */
#define SEARCH_KEY_ID_BITS  36
#define SEARCH_KEY_ID_MASK  G_GINT64_CONSTANT (0xFFFFFFFFF)
#define SEARCH_KEY_DAY_MAX  ((1 << 20) - 1)

static gint64
search_key_for (WbSignal *signal,
                gint64    id)
{
  GDate date;
  gint64 day = 0;
  int level = CLAMP (wb_signal_get_level (signal), WB_LADDER_MIN_LEVEL, WB_LADDER_MAX_LEVEL);

  g_date_clear (&date, 1);
  if (wb_date_parse_iso (wb_signal_get_occurred_on (signal), &date))
    day = MIN (g_date_get_julian (&date), SEARCH_KEY_DAY_MAX);

  return ((gint64) (WB_LADDER_MAX_LEVEL - level) << 56) |
         ((gint64) (SEARCH_KEY_DAY_MAX - day) << SEARCH_KEY_ID_BITS) |
         (id & SEARCH_KEY_ID_MASK);
}

/* The full-text row of a signal: its text fields and its cases' names,
 * under the signal's current search key.  @fresh: row @id was inserted in
 * this transaction with its search key already set, so it has no
 * full-text row yet. */
static gboolean
fts_write (WbStore   *store,
           gint64     id,
           WbSignal  *signal,
           gboolean   fresh,
           GError   **error)
{
  g_autoptr(WbCachedStmt) del = NULL;
  g_autoptr(WbCachedStmt) names = NULL;
  g_autoptr(WbCachedStmt) ins = NULL;
  g_autoptr(WbCachedStmt) key = NULL;
  gint64 search_key = search_key_for (signal, id);
  g_autofree char *tags = join_strv (wb_signal_get_tags (signal));
  g_autofree char *handles = join_strv (wb_signal_get_handles (signal));
  g_autofree char *cases = NULL;

  names = _wb_store_prepare_cached (store,
                                    "SELECT group_concat (c.name, ' ') FROM case_members m "
                                    "JOIN cases c ON c.id = m.case_id WHERE m.signal_uuid = ?1",
                                    error);
  if (names == NULL)
    return FALSE;
  _wb_store_bind_text (names, 1, wb_signal_get_uuid (signal));
  if (sqlite3_step (names) != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not update the search index"), error);
      return FALSE;
    }
  cases = _wb_store_column_dup (names, 0);

  if (!fresh)
    {
      del = _wb_store_prepare_cached (store,
                                      "DELETE FROM signals_fts WHERE rowid = (SELECT search_key FROM signals WHERE id = ?1)",
                                      error);
      if (del == NULL)
        return FALSE;
      sqlite3_bind_int64 (del, 1, id);
      if (!_wb_store_step_done (store, del, error))
        return FALSE;
    }

  if (!fresh)
    {
      key = _wb_store_prepare_cached (store, "UPDATE signals SET search_key = ?2 WHERE id = ?1", error);
      if (key == NULL)
        return FALSE;
      sqlite3_bind_int64 (key, 1, id);
      sqlite3_bind_int64 (key, 2, search_key);
      if (!_wb_store_step_done (store, key, error))
        return FALSE;
    }

  ins = _wb_store_prepare_cached (store,
                                  "INSERT INTO signals_fts (rowid, summary, description, tags, handles, cases) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                  error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, search_key);
  _wb_store_bind_text (ins, 2, wb_signal_get_summary (signal));
  _wb_store_bind_text (ins, 3, wb_signal_get_description (signal));
  _wb_store_bind_text (ins, 4, tags);
  _wb_store_bind_text (ins, 5, handles);
  _wb_store_bind_text (ins, 6, cases);
  return _wb_store_step_done (store, ins, error);
}

static gboolean
fts_refresh (WbStore   *store,
             gint64     id,
             WbSignal  *signal,
             GError   **error)
{
  return fts_write (store, id, signal, FALSE, error);
}

/* What a list row shows besides the narrow columns (schema 5). */
static gboolean
write_list_columns (WbStore   *store,
                    WbSignal  *signal,
                    gint64     id,
                    GError   **error)
{
  g_autoptr(WbCachedStmt) list = NULL;
  g_autofree char *codes = g_strjoinv (" ", (char **) wb_signal_get_categories (signal));

  list = _wb_store_prepare_cached (store,
                                   "UPDATE signals SET summary = ?2, occurred_precision = ?3, category_codes = ?4 "
                                   "WHERE id = ?1",
                                   error);
  if (list == NULL)
    return FALSE;
  sqlite3_bind_int64 (list, 1, id);
  _wb_store_bind_text (list, 2, wb_signal_get_summary (signal));
  _wb_store_bind_text (list, 3, wb_enum_to_nick (WB_TYPE_PRECISION, wb_signal_get_occurred_precision (signal)));
  _wb_store_bind_text (list, 4, codes);
  return _wb_store_step_done (store, list, error);
}

/* ---- running tallies for the dashboard (issue #7, migration 7) -------- */

/* What one signal adds to the tallies: signals by month of occurrence ×
 * level, × municipality (exact spelling) and × top-level category.  The
 * records writer keeps them in the same transaction as every signal
 * write and purge, so they always equal a recount (tests/test-stats.c);
 * wb-store-stats.c reads them. */
typedef struct
{
  char       *month;          /* the first 7 characters of occurred_on */
  int         level;
  char       *municipality;
  GPtrArray  *categories;     /* distinct top-level codes, sorted */
} Tally;

static void
tally_clear (Tally *t)
{
  g_clear_pointer (&t->month, g_free);
  g_clear_pointer (&t->municipality, g_free);
  g_clear_pointer (&t->categories, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tally, tally_clear)

static void
tally_add_category (Tally       *t,
                    const char  *category)
{
  for (guint i = 0; i < t->categories->len; i++)
    if (strcmp (g_ptr_array_index (t->categories, i), category) == 0)
      return;
  g_ptr_array_add (t->categories, g_strdup (category));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
tally_from_signal (Tally     *t,
                   WbSignal  *signal)
{
  const char * const *codes = wb_signal_get_categories (signal);

  t->month = g_strndup (wb_signal_get_occurred_on (signal), 7);
  t->level = wb_signal_get_level (signal);
  t->municipality = g_strdup (wb_signal_get_municipality (signal));
  t->categories = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      const char *category = wb_taxonomy_get_category (codes[i]);

      /* As write_signal_json() stores it in signal_categories. */
      if (category != NULL)
        tally_add_category (t, category);
    }
  g_ptr_array_sort (t->categories, compare_strings);
}

/* The contribution of row @id as stored now. */
static gboolean
tally_read (WbStore   *store,
            gint64     id,
            Tally     *t,
            GError   **error)
{
  g_autoptr(WbCachedStmt) row = NULL;
  g_autoptr(WbCachedStmt) cats = NULL;
  int rc;

  row = _wb_store_prepare_cached (store, "SELECT substr (occurred_on, 1, 7), level, municipality FROM signals WHERE id = ?1",
                                  error);
  if (row == NULL)
    return FALSE;
  sqlite3_bind_int64 (row, 1, id);
  if (sqlite3_step (row) != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not read the signal"), error);
      return FALSE;
    }
  t->month = _wb_store_column_dup (row, 0);
  t->level = sqlite3_column_int (row, 1);
  t->municipality = _wb_store_column_dup (row, 2);
  t->categories = g_ptr_array_new_with_free_func (g_free);

  cats = _wb_store_prepare_cached (store,
                                   "SELECT DISTINCT category FROM signal_categories WHERE signal_id = ?1 ORDER BY category",
                                   error);
  if (cats == NULL)
    return FALSE;
  sqlite3_bind_int64 (cats, 1, id);
  while ((rc = sqlite3_step (cats)) == SQLITE_ROW)
    g_ptr_array_add (t->categories, _wb_store_column_dup (cats, 0));
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the signal"), error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
tally_equal (const Tally *a,
             const Tally *b)
{
  if (g_strcmp0 (a->month, b->month) != 0 || a->level != b->level ||
      g_strcmp0 (a->municipality, b->municipality) != 0 || a->categories->len != b->categories->len)
    return FALSE;
  for (guint i = 0; i < a->categories->len; i++)
    if (strcmp (g_ptr_array_index (a->categories, i), g_ptr_array_index (b->categories, i)) != 0)
      return FALSE;
  return TRUE;
}

/* Adds @delta to one tally row; a row that reaches zero goes. */
static gboolean
tally_bump (WbStore     *store,
            const char  *upsert,
            const char  *drop,
            const char  *month,
            const char  *key_text,
            int          key_int,
            int          delta,
            GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = _wb_store_prepare_cached (store, upsert, error);

  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, month);
  if (key_text != NULL)
    _wb_store_bind_text (stmt, 2, key_text);
  else
    sqlite3_bind_int (stmt, 2, key_int);
  sqlite3_bind_int (stmt, 3, delta);
  if (!_wb_store_step_done (store, stmt, error))
    return FALSE;
  if (delta > 0)
    return TRUE;

  g_clear_pointer (&stmt, _wb_cached_stmt_reset);
  stmt = _wb_store_prepare_cached (store, drop, error);
  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, month);
  if (key_text != NULL)
    _wb_store_bind_text (stmt, 2, key_text);
  else
    sqlite3_bind_int (stmt, 2, key_int);
  return _wb_store_step_done (store, stmt, error);
}

static gboolean
tally_apply (WbStore      *store,
             const Tally  *t,
             int           delta,
             GError      **error)
{
  if (!tally_bump (store,
                   "INSERT INTO stats_levels (month, level, n) VALUES (?1, ?2, ?3) "
                   "ON CONFLICT (month, level) DO UPDATE SET n = n + excluded.n",
                   "DELETE FROM stats_levels WHERE month = ?1 AND level = ?2 AND n = 0",
                   t->month, NULL, t->level, delta, error) ||
      !tally_bump (store,
                   "INSERT INTO stats_municipalities (month, municipality, n) VALUES (?1, ?2, ?3) "
                   "ON CONFLICT (month, municipality) DO UPDATE SET n = n + excluded.n",
                   "DELETE FROM stats_municipalities WHERE month = ?1 AND municipality = ?2 AND n = 0",
                   t->month, t->municipality, 0, delta, error))
    return FALSE;
  for (guint i = 0; i < t->categories->len; i++)
    if (!tally_bump (store,
                     "INSERT INTO stats_categories (month, category, n) VALUES (?1, ?2, ?3) "
                     "ON CONFLICT (month, category) DO UPDATE SET n = n + excluded.n",
                     "DELETE FROM stats_categories WHERE month = ?1 AND category = ?2 AND n = 0",
                     t->month, g_ptr_array_index (t->categories, i), 0, delta, error))
      return FALSE;
  return TRUE;
}

/* The same digest as wb_signal_dup_canonical_hash(), over JSON the caller
 * already serialised: one serialisation per write instead of two. */
static char *
hash_canonical_json (const char *json)
{
  guint8 digest[crypto_generichash_BYTES];
  char hex[crypto_generichash_BYTES * 2 + 1];

  wb_core_ensure_sodium ();
  crypto_generichash (digest, sizeof digest, (const guint8 *) json, strlen (json), NULL, 0);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strdup (hex);
}

/* Writes the current row (insert when @id is 0), the revision, the
 * categories, the persons and the search row.  @canonical_json and
 * @canonical_hash: @signal's canonical JSON and its hash when the caller
 * has them already (a bundle reader made them from this very object),
 * else NULL.
 *
 * The document is written with OR FAIL (issue #6): its list-column
 * triggers would otherwise give the statement a statement journal, and
 * opening one makes FTS5 flush its pending terms — one tiny index
 * segment per signal, and inside a bundle's savepoint an in-memory
 * sub-journal walked from its start by every statement.  The row is
 * known to be new (insert) or present (update), so OR FAIL refuses
 * exactly what the upsert did not have to handle. */
static gboolean
write_signal_json (WbStore     *store,
                   WbSignal    *signal,
                   const char  *canonical_json,
                   const char  *canonical_hash,
                   gint64      *id,
                   GError     **error)
{
  g_autoptr(WbCachedStmt) row = NULL;
  g_autoptr(WbCachedStmt) doc = NULL;
  g_autoptr(WbCachedStmt) rev = NULL;
  g_autoptr(WbCachedStmt) del_cat = NULL;
  g_autoptr(WbCachedStmt) ins_cat = NULL;
  g_autoptr(WbCachedStmt) del_per = NULL;
  g_autoptr(WbCachedStmt) ins_per = NULL;
  g_autoptr(WbCachedStmt) del_ident = NULL;
  g_autofree char *owned_json = canonical_json == NULL ? wb_signal_dup_canonical_json (signal) : NULL;
  const char *json = canonical_json != NULL ? canonical_json : owned_json;
  g_autofree char *owned_hash = canonical_hash == NULL ? hash_canonical_json (json) : NULL;
  const char *hash = canonical_hash != NULL ? canonical_hash : owned_hash;
  gboolean is_new = *id == 0;
  gboolean inserted = *id == 0;
  g_auto(Tally) before = { 0 };
  g_auto(Tally) after = { 0 };
  g_autofree char *created = _wb_store_format_timestamp (wb_signal_get_created_at (signal));
  g_autofree char *updated = _wb_store_format_timestamp (wb_signal_get_updated_at (signal));
  const char * const *categories = wb_signal_get_categories (signal);
  GPtrArray *persons = wb_signal_get_persons (signal);

  /* A new row is written once, complete: its document goes first (so
   * the list-column trigger finds no row to clear), then the row with
   * its list columns and search key, under the id SQLite would have
   * chosen (the largest plus one). */
  if (*id == 0)
    {
      g_autoptr(WbCachedStmt) next = NULL;
      g_autofree char *codes = g_strjoinv (" ", (char **) categories);

      next = _wb_store_prepare_cached (store, "SELECT coalesce (max (id), 0) + 1 FROM signals", error);
      if (next == NULL)
        return FALSE;
      if (sqlite3_step (next) != SQLITE_ROW)
        {
          _wb_store_set_sql_error (store, _("Could not read the signals"), error);
          return FALSE;
        }
      *id = sqlite3_column_int64 (next, 0);

      doc = _wb_store_prepare_cached (store, "INSERT OR FAIL INTO signal_docs (id, hash, json) VALUES (?1, ?2, ?3)",
                                      error);
      if (doc == NULL)
        return FALSE;
      sqlite3_bind_int64 (doc, 1, *id);
      _wb_store_bind_text (doc, 2, hash);
      _wb_store_bind_text (doc, 3, json);
      if (!_wb_store_step_done (store, doc, error))
        return FALSE;
      g_clear_pointer (&doc, _wb_cached_stmt_reset);

      row = _wb_store_prepare_cached (store,
                                      "INSERT INTO signals (uuid, revision, level, tlp, municipality, occurred_on, "
                                      "review_on, closed_on, legal_hold, created_at, updated_at, "
                                      "id, summary, occurred_precision, category_codes, search_key) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                                      error);
      if (row == NULL)
        return FALSE;
      sqlite3_bind_int64 (row, 12, *id);
      _wb_store_bind_text (row, 13, wb_signal_get_summary (signal));
      _wb_store_bind_text (row, 14, wb_enum_to_nick (WB_TYPE_PRECISION, wb_signal_get_occurred_precision (signal)));
      _wb_store_bind_text (row, 15, codes);
      sqlite3_bind_int64 (row, 16, search_key_for (signal, *id));
      is_new = FALSE;
    }
  else
    row = _wb_store_prepare_cached (store,
                                    "UPDATE signals SET revision = ?2, level = ?3, tlp = ?4, municipality = ?5, "
                                    "occurred_on = ?6, review_on = ?7, closed_on = ?8, legal_hold = ?9, "
                                    "created_at = ?10, updated_at = ?11 WHERE uuid = ?1",
                                    error);
  if (row == NULL)
    return FALSE;
  if (!inserted && !tally_read (store, *id, &before, error))
    return FALSE;

  _wb_store_bind_text (row, 1, wb_signal_get_uuid (signal));
  sqlite3_bind_int64 (row, 2, wb_signal_get_revision (signal));
  sqlite3_bind_int (row, 3, wb_signal_get_level (signal));
  _wb_store_bind_text (row, 4, wb_enum_to_nick (WB_TYPE_TLP, wb_signal_get_tlp (signal)));
  _wb_store_bind_text (row, 5, wb_signal_get_municipality (signal));
  _wb_store_bind_text (row, 6, wb_signal_get_occurred_on (signal));
  _wb_store_bind_text (row, 7, wb_signal_get_review_on (signal));
  _wb_store_bind_text (row, 8, wb_signal_get_closed_on (signal));
  sqlite3_bind_int (row, 9, wb_signal_get_legal_hold (signal) ? 1 : 0);
  _wb_store_bind_text (row, 10, created);
  _wb_store_bind_text (row, 11, updated);
  if (!_wb_store_step_done (store, row, error))
    return FALSE;

  if (!inserted)
    {
      doc = _wb_store_prepare_cached (store, "UPDATE OR FAIL signal_docs SET hash = ?2, json = ?3 WHERE id = ?1",
                                      error);
      if (doc == NULL)
        return FALSE;
      sqlite3_bind_int64 (doc, 1, *id);
      _wb_store_bind_text (doc, 2, hash);
      _wb_store_bind_text (doc, 3, json);
      if (!_wb_store_step_done (store, doc, error))
        return FALSE;
      /* A row without its document (damage below the API) gets one. */
      if (sqlite3_changes (_wb_store_get_db (store)) == 0)
        is_new = TRUE;
      g_clear_pointer (&doc, _wb_cached_stmt_reset);
    }
  if (is_new)
    {
      doc = _wb_store_prepare_cached (store, "INSERT OR FAIL INTO signal_docs (id, hash, json) VALUES (?1, ?2, ?3)",
                                      error);
      if (doc == NULL)
        return FALSE;
      sqlite3_bind_int64 (doc, 1, *id);
      _wb_store_bind_text (doc, 2, hash);
      _wb_store_bind_text (doc, 3, json);
      if (!_wb_store_step_done (store, doc, error))
        return FALSE;
    }

  /* After the document: writing it cleared these (schema 5). */
  if (!inserted && !write_list_columns (store, signal, *id, error))
    return FALSE;

  rev = _wb_store_prepare_cached (store,
                                  "INSERT INTO signal_revisions (signal_id, revision, hash, recorded_at, json) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5)",
                                  error);
  if (rev == NULL)
    return FALSE;
  sqlite3_bind_int64 (rev, 1, *id);
  sqlite3_bind_int64 (rev, 2, wb_signal_get_revision (signal));
  _wb_store_bind_text (rev, 3, hash);
  _wb_store_bind_text (rev, 4, updated);
  _wb_store_bind_text (rev, 5, json);
  if (!_wb_store_step_done (store, rev, error))
    return FALSE;

  /* A row inserted just now has no categories, persons or identities
   * (purge deletes those of a row whose id comes free again). */
  if (!inserted)
    {
      del_cat = _wb_store_prepare_cached (store, "DELETE FROM signal_categories WHERE signal_id = ?1", error);
      if (del_cat == NULL)
        return FALSE;
      sqlite3_bind_int64 (del_cat, 1, *id);
      if (!_wb_store_step_done (store, del_cat, error))
        return FALSE;
    }
  ins_cat = _wb_store_prepare_cached (store,
                                      "INSERT INTO signal_categories (signal_id, code, category) VALUES (?1, ?2, ?3)",
                                      error);
  if (ins_cat == NULL)
    return FALSE;
  for (guint i = 0; categories[i] != NULL; i++)
    {
      sqlite3_reset (ins_cat);
      sqlite3_bind_int64 (ins_cat, 1, *id);
      _wb_store_bind_text (ins_cat, 2, categories[i]);
      _wb_store_bind_text (ins_cat, 3, wb_taxonomy_get_category (categories[i]));
      if (!_wb_store_step_done (store, ins_cat, error))
        return FALSE;
    }

  if (!inserted)
    {
      del_per = _wb_store_prepare_cached (store, "DELETE FROM persons WHERE signal_id = ?1", error);
      if (del_per == NULL)
        return FALSE;
      sqlite3_bind_int64 (del_per, 1, *id);
      if (!_wb_store_step_done (store, del_per, error))
        return FALSE;
    }
  ins_per = _wb_store_prepare_cached (store,
                                      "INSERT INTO persons (signal_id, position, pseudonym, role) VALUES (?1, ?2, ?3, ?4)",
                                      error);
  if (ins_per == NULL)
    return FALSE;
  for (guint i = 0; i < persons->len; i++)
    {
      WbPerson *person = g_ptr_array_index (persons, i);

      sqlite3_reset (ins_per);
      sqlite3_bind_int64 (ins_per, 1, *id);
      sqlite3_bind_int (ins_per, 2, i);
      _wb_store_bind_text (ins_per, 3, person->pseudonym);
      _wb_store_bind_text (ins_per, 4, wb_enum_to_nick (WB_TYPE_PERSON_ROLE, person->role));
      if (!_wb_store_step_done (store, ins_per, error))
        return FALSE;
    }
  /* A pseudonym that left the record takes its identity with it. */
  if (!inserted)
    {
      del_ident = _wb_store_prepare_cached (store,
                                            "DELETE FROM identities WHERE signal_id = ?1 AND pseudonym NOT IN "
                                            "(SELECT pseudonym FROM persons WHERE signal_id = ?1)",
                                            error);
      if (del_ident == NULL)
        return FALSE;
      sqlite3_bind_int64 (del_ident, 1, *id);
      if (!_wb_store_step_done (store, del_ident, error))
        return FALSE;
    }

  tally_from_signal (&after, signal);
  if (inserted)
    {
      if (!tally_apply (store, &after, 1, error))
        return FALSE;
    }
  else if (!tally_equal (&before, &after) &&
           (!tally_apply (store, &before, -1, error) || !tally_apply (store, &after, 1, error)))
    return FALSE;

  return fts_write (store, *id, signal, inserted, error);
}

static gboolean
write_signal (WbStore   *store,
              WbSignal  *signal,
              gint64    *id,
              GError   **error)
{
  return write_signal_json (store, signal, NULL, NULL, id, error);
}

static gboolean
uuid_is_free (WbStore     *store,
              const char  *uuid,
              GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT EXISTS (SELECT 1 FROM signals WHERE uuid = ?1), "
                                   "EXISTS (SELECT 1 FROM tombstones WHERE uuid = ?1)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not read the vault"), error);
      return FALSE;
    }

  if (sqlite3_column_int (stmt, 0))
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_EXISTS,
                           _("A signal with this UUID is already in the vault"));
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 1))
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_EXISTS,
                           _("A signal with this UUID was purged from this vault and cannot come back"));
      return FALSE;
    }

  return TRUE;
}

/* Fills in the bookkeeping of a new signal, validates it and writes it
 * with its audit entry (inside the caller's transaction). */
static gboolean
add_one (WbStore    *store,
         WbSignal   *signal,
         GDateTime  *now,
         const char *role,
         GError    **error)
{
  g_autofree char *lower = g_ascii_strdown (wb_signal_get_uuid (signal), -1);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *review_on = review_date_after (store, today);
  gint64 id = 0;

  if (wb_signal_get_organisation (signal) == NULL)
    {
      g_autofree char *organisation = wb_store_dup_setting (store, WB_RECORDS_SETTING_ORGANISATION);

      wb_signal_set_organisation (signal, organisation);
    }
  if (wb_signal_get_role (signal) == NULL)
    {
      g_autofree char *signal_role = wb_store_dup_setting (store, WB_RECORDS_SETTING_ROLE);

      wb_signal_set_role (signal, signal_role);
    }

  /* Moves up the ladder are decisions, recorded after adding. */
  if (wb_signal_get_level (signal) != WB_LADDER_MIN_LEVEL || wb_signal_get_closed_on (signal) != NULL)
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_READ_ONLY,
                           _("A new signal starts open at level 1; record a decision to escalate or close it"));
      return FALSE;
    }

  wb_signal_set_uuid (signal, lower);
  wb_signal_set_revision (signal, 1);
  wb_signal_set_created_at (signal, now);
  wb_signal_set_updated_at (signal, now);
  wb_signal_set_review_on (signal, review_on);

  if (!wb_signal_validate (signal, error) ||
      !uuid_is_free (store, lower, error) ||
      !write_signal (store, signal, &id, error))
    return FALSE;

  return audit_append (store, role, "signal.add", lower, error);
}

typedef struct
{
  GPtrArray *signals;   /* of WbSignal: copies, written back on success */
} AddData;

static gboolean
add_signals_txn (WbStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  AddData *data = user_data;
  g_autoptr(GDateTime) now = now_utc ();
  g_autofree char *role = actor_role (store);

  for (guint i = 0; i < data->signals->len; i++)
    if (!add_one (store, g_ptr_array_index (data->signals, i), now, role, error))
      return FALSE;

  return TRUE;
}

static void
copy_bookkeeping (WbSignal *to,
                  WbSignal *from)
{
  wb_signal_set_uuid (to, wb_signal_get_uuid (from));
  wb_signal_set_revision (to, wb_signal_get_revision (from));
  wb_signal_set_organisation (to, wb_signal_get_organisation (from));
  wb_signal_set_role (to, wb_signal_get_role (from));
  wb_signal_set_created_at (to, wb_signal_get_created_at (from));
  wb_signal_set_updated_at (to, wb_signal_get_updated_at (from));
  wb_signal_set_review_on (to, wb_signal_get_review_on (from));
  wb_signal_set_level (to, wb_signal_get_level (from));
  wb_signal_set_closed_on (to, wb_signal_get_closed_on (from));
  wb_signal_set_legal_hold (to, wb_signal_get_legal_hold (from));
}

gboolean
wb_records_add_signals (WbStore    *store,
                        GPtrArray  *signals,
                        GError    **error)
{
  g_autoptr(GPtrArray) copies = NULL;
  AddData data;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (signals != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Work on copies so a failed batch leaves the callers' objects as
   * they were, like the vault. */
  copies = g_ptr_array_new_full (signals->len, g_object_unref);
  for (guint i = 0; i < signals->len; i++)
    {
      g_return_val_if_fail (wb_signal_is_complete (g_ptr_array_index (signals, i)), FALSE);
      g_ptr_array_add (copies, wb_signal_copy (g_ptr_array_index (signals, i)));
    }

  data.signals = copies;
  if (!in_transaction (store, add_signals_txn, &data, error))
    return FALSE;

  for (guint i = 0; i < signals->len; i++)
    copy_bookkeeping (g_ptr_array_index (signals, i), g_ptr_array_index (copies, i));
  return TRUE;
}

gboolean
wb_records_add_signal (WbStore   *store,
                       WbSignal  *signal,
                       GError   **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (WB_IS_SIGNAL (signal), FALSE);
  g_return_val_if_fail (wb_signal_is_complete (signal), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_ptr_array_add (one, signal);
  return wb_records_add_signals (store, one, error);
}

/* The next revision of @current: @next with bookkeeping from @current,
 * revision + 1, updated now.  @keep_review: leave review_on as in @next. */
static void
next_revision (WbSignal *next,
               WbSignal *current)
{
  g_autoptr(GDateTime) now = now_utc ();
  GDateTime *created = wb_signal_get_created_at (current);

  wb_signal_set_revision (next, wb_signal_get_revision (current) + 1);
  wb_signal_set_created_at (next, created);
  wb_signal_set_organisation (next, wb_signal_get_organisation (current));
  wb_signal_set_role (next, wb_signal_get_role (current));
  /* A clock set back must not make updated_at go before created_at. */
  wb_signal_set_updated_at (next, g_date_time_compare (now, created) < 0 ? created : now);
}

typedef struct
{
  WbSignal *signal;   /* the caller's edit; a copy is stored */
  WbSignal *stored;   /* out */
} EditData;

static gboolean
edit_txn (WbStore   *store,
          gpointer   user_data,
          GError   **error)
{
  EditData *data = user_data;
  g_autoptr(WbSignal) current = NULL;
  g_autoptr(WbSignal) next = NULL;
  g_autofree char *uuid = g_ascii_strdown (wb_signal_get_uuid (data->signal), -1);
  gboolean linked = FALSE;
  gint64 id = 0;

  if (!load_signal (store, uuid, &id, &current, error))
    return FALSE;

  if (wb_signal_get_revision (data->signal) != wb_signal_get_revision (current))
    {
      g_set_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_CONFLICT,
                   _("The signal was changed since revision %u was read (it is now at revision %u); read it again and redo the change"),
                   wb_signal_get_revision (data->signal), wb_signal_get_revision (current));
      return FALSE;
    }

  if (wb_signal_get_level (data->signal) != wb_signal_get_level (current) ||
      g_strcmp0 (wb_signal_get_closed_on (data->signal), wb_signal_get_closed_on (current)) != 0)
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_READ_ONLY,
                           _("The level and closing of a signal change only through a recorded decision"));
      return FALSE;
    }
  if (!wb_signal_get_legal_hold (data->signal) != !wb_signal_get_legal_hold (current))
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_READ_ONLY,
                           _("A legal hold is set or lifted through retention, not by editing the signal"));
      return FALSE;
    }

  next = wb_signal_copy (data->signal);
  wb_signal_set_uuid (next, uuid);
  next_revision (next, current);

  if (!signal_is_linked (store, uuid, &linked, error))
    return FALSE;
  if (!linked && wb_signal_get_closed_on (next) == NULL)
    {
      g_autofree char *today = today_string ();
      g_autofree char *review_on = review_date_after (store, today);

      wb_signal_set_review_on (next, review_on);
    }

  if (!wb_signal_validate (next, error) ||
      !write_signal (store, next, &id, error) ||
      !audit_append (store, NULL, "signal.edit", uuid, error))
    return FALSE;

  data->stored = g_steal_pointer (&next);
  return TRUE;
}

gboolean
wb_records_edit_signal (WbStore   *store,
                        WbSignal  *signal,
                        GError   **error)
{
  EditData data = { signal, NULL };

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (WB_IS_SIGNAL (signal), FALSE);
  g_return_val_if_fail (wb_signal_is_complete (signal), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_uuid (wb_signal_get_uuid (signal), error))
    return FALSE;

  if (!in_transaction (store, edit_txn, &data, error))
    {
      g_clear_object (&data.stored);
      return FALSE;
    }

  copy_bookkeeping (signal, data.stored);
  g_object_unref (data.stored);
  return TRUE;
}

/* RFC 7396: null removes, objects merge, anything else replaces. */
static void
merge_patch (JsonObject *target,
             JsonObject *patch)
{
  g_autoptr(GList) members = json_object_get_members (patch);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (patch, name);

      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (target, name);
      else if (JSON_NODE_HOLDS_OBJECT (value) &&
               json_object_has_member (target, name) &&
               JSON_NODE_HOLDS_OBJECT (json_object_get_member (target, name)))
        merge_patch (json_object_get_object_member (target, name), json_node_get_object (value));
      else
        json_object_set_member (target, name, json_node_copy (value));
    }
}

WbSignal *
wb_records_edit_signal_json (WbStore     *store,
                             const char  *uuid,
                             const char  *patch,
                             GError     **error)
{
  g_autoptr(WbSignal) current = NULL;
  g_autoptr(WbSignal) next = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *patch_root;
  JsonObject *object;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (patch != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Parsed strictly (duplicates, types, fields) by wb-signal after the
   * merge; here only its shape matters.  json-glib's message may quote
   * the input, so it is not passed on. */
  if (!json_parser_load_from_data (parser, patch, -1, &parse_error) ||
      (patch_root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (patch_root))
    {
      g_set_error_literal (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_JSON,
                           _("The change is not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (patch_root);
  if (json_object_has_member (object, "uuid"))
    {
      JsonNode *node = json_object_get_member (object, "uuid");

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          g_ascii_strcasecmp (json_node_get_string (node), uuid) != 0)
        {
          g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_READ_ONLY,
                               _("The UUID of a signal cannot be changed"));
          return NULL;
        }
    }

  current = wb_records_get_signal (store, uuid, error);
  if (current == NULL)
    return NULL;

  document = wb_signal_to_json_node (current);
  merge_patch (json_node_get_object (document), object);

  next = wb_signal_new_from_json_node (document, WB_SIGNAL_JSON_NONE, error);
  if (next == NULL)
    return NULL;

  if (!wb_records_edit_signal (store, next, error))
    return NULL;

  return g_steal_pointer (&next);
}

GPtrArray *
wb_records_list_revisions (WbStore     *store,
                           const char  *uuid,
                           GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_signal (store, uuid, &id, NULL, error))
    return NULL;

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT json FROM signal_revisions WHERE signal_id = ?1 ORDER BY revision",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  revisions = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WbSignal *signal = signal_from_json ((const char *) sqlite3_column_text (stmt, 0), error);

      if (signal == NULL)
        return NULL;
      g_ptr_array_add (revisions, signal);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the signal's history"), error);
      return NULL;
    }

  return g_steal_pointer (&revisions);
}

/* ---- listing and search ----------------------------------------------- */

static gboolean
check_filter (const WbRecordsFilter  *filter,
              GError                **error)
{
  GDate date;
  const char *what = NULL;

  if (filter->category != NULL && !wb_taxonomy_is_valid_code (filter->category))
    what = _("Unknown category code in the filter");
  else if (filter->level != WB_RECORDS_ANY && !wb_ladder_is_valid_level (filter->level))
    what = _("The level in the filter must be 1 to 7");
  else if (filter->tlp != WB_RECORDS_ANY && wb_enum_to_nick (WB_TYPE_TLP, filter->tlp) == NULL)
    what = _("Unknown TLP label in the filter");
  else if ((filter->occurred_from != NULL && !wb_date_parse_iso (filter->occurred_from, &date)) ||
           (filter->occurred_to != NULL && !wb_date_parse_iso (filter->occurred_to, &date)) ||
           (filter->today != NULL && !wb_date_parse_iso (filter->today, &date)))
    what = _("Dates in the filter must be real dates written as YYYY-MM-DD");

  if (what == NULL)
    return TRUE;

  g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_INVALID, what);
  return FALSE;
}

static char *
build_select (const WbRecordsFilter *filter,
              gboolean               search,
              gboolean               stream)
{
  GString *sql = g_string_new ("SELECT s.id, s.level, s.occurred_on, s.updated_at, s.uuid FROM ");

  /* CROSS JOIN keeps the full-text match as the outer loop: given a
   * level filter the planner would otherwise walk the level index and
   * probe the index per row, 20 times slower at 100k signals. */
  if (search)
    g_string_append (sql, "signals_fts CROSS JOIN signals s "
                          "ON s.id = (signals_fts.rowid & 68719476735) "
                          "WHERE signals_fts MATCH :match");
  else
    g_string_append (sql, "signals s WHERE 1");

  /* Streaming stops after a few rows: probe each; otherwise collect the
   * category's signals once. */
  if (filter->category != NULL && stream)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM signal_categories c WHERE c.signal_id = s.id "
                          "AND (c.code = :category OR c.category = :category))");
  else if (filter->category != NULL)
    g_string_append (sql, " AND s.id IN (SELECT signal_id FROM signal_categories "
                          "WHERE code = :category OR category = :category)");
  if (filter->level != WB_RECORDS_ANY)
    g_string_append (sql, " AND s.level = :level");
  /* The level is the top of the search key: FTS5 seeks to its range. */
  if (filter->level != WB_RECORDS_ANY && search)
    g_string_append (sql, " AND signals_fts.rowid BETWEEN :key_low AND :key_high");
  if (filter->tlp != WB_RECORDS_ANY)
    g_string_append (sql, " AND s.tlp = :tlp");
  if (filter->municipality != NULL)
    g_string_append (sql, " AND s.municipality = :municipality COLLATE NOCASE");
  if (filter->occurred_from != NULL)
    g_string_append (sql, " AND s.occurred_on >= :from");
  if (filter->occurred_to != NULL)
    g_string_append (sql, " AND s.occurred_on <= :to");
  if (filter->overdue)
    g_string_append (sql, " AND s.review_on < :today AND s.legal_hold = 0");

  if (stream)
    {
      g_string_append (sql, " ORDER BY signals_fts.rowid");
      return g_string_free (sql, FALSE);
    }

  switch (filter->sort)
    {
    case WB_RECORDS_SORT_OCCURRED:
      g_string_append (sql, " ORDER BY s.occurred_on DESC, s.uuid");
      break;
    case WB_RECORDS_SORT_UPDATED:
      g_string_append (sql, " ORDER BY s.updated_at DESC, s.uuid");
      break;
    case WB_RECORDS_SORT_REVIEW:
      g_string_append (sql, " ORDER BY s.review_on, s.uuid");
      break;
    case WB_RECORDS_SORT_LADDER:
    default:
      g_string_append (sql, " ORDER BY s.level DESC, s.occurred_on DESC, s.updated_at DESC, s.uuid");
      break;
    }

  if (filter->limit > 0)
    g_string_append (sql, " LIMIT :limit");

  return g_string_free (sql, FALSE);
}

static void
bind_named (sqlite3_stmt *stmt,
            const char   *name,
            const char   *text)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    _wb_store_bind_text (stmt, index, text);
}

typedef struct
{
  gint64  id;
  int     level;
  char   *occurred_on;
  char   *updated_at;
  char   *uuid;
} LadderRow;

static void
ladder_row_clear (gpointer data)
{
  LadderRow *row = data;

  g_free (row->occurred_on);
  g_free (row->updated_at);
  g_free (row->uuid);
}

/* The order of wb_ladder_compare_signals(): level, occurrence and last
 * change, newest first; then UUID. */
static int
ladder_row_compare (gconstpointer a,
                    gconstpointer b)
{
  const LadderRow *x = a;
  const LadderRow *y = b;
  int c;

  if (x->level != y->level)
    return x->level > y->level ? -1 : 1;
  if ((c = g_strcmp0 (y->occurred_on, x->occurred_on)) != 0)
    return c;
  if ((c = g_strcmp0 (y->updated_at, x->updated_at)) != 0)
    return c;
  return g_strcmp0 (x->uuid, y->uuid);
}

/* Reads matches in search-key order (level, occurrence) until @limit rows
 * are in and the last (level, day) group is complete, then orders that
 * group fully and keeps the first @limit. */
static gboolean
stream_ladder_ids (WbStore       *store,
                   sqlite3_stmt  *stmt,
                   guint          limit,
                   GArray        *ids,
                   GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (LadderRow));
  int rc;

  g_array_set_clear_func (rows, ladder_row_clear);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LadderRow row;

      row.id = sqlite3_column_int64 (stmt, 0);
      row.level = sqlite3_column_int (stmt, 1);
      row.occurred_on = _wb_store_column_dup (stmt, 2);
      row.updated_at = _wb_store_column_dup (stmt, 3);
      row.uuid = _wb_store_column_dup (stmt, 4);

      if (rows->len >= limit)
        {
          const LadderRow *last = &g_array_index (rows, LadderRow, limit - 1);

          if (row.level != last->level || g_strcmp0 (row.occurred_on, last->occurred_on) != 0)
            {
              ladder_row_clear (&row);
              break;
            }
        }
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not read the signals"), error);
      return FALSE;
    }

  g_array_sort (rows, ladder_row_compare);
  for (guint i = 0; i < rows->len && i < limit; i++)
    g_array_append_val (ids, g_array_index (rows, LadderRow, i).id);
  return TRUE;
}

/* "YYYY-MM-DDTHH:MM:SSZ", as format_timestamp() writes it, as Unix time. */
static gboolean
unix_time_from_column (sqlite3_stmt *stmt,
                       int           column,
                       gint64       *unix_time)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
  const char *s = (const char *) sqlite3_column_text (stmt, column);
  int v[6] = { 0 };
  guint n = 0;
  GDate date;

  if (s == NULL || strlen (s) != strlen (pattern))
    return FALSE;
  for (guint i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] != 'd')
        {
          if (s[i] != pattern[i])
            return FALSE;
          n++;
          continue;
        }
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v[n] = v[n] * 10 + (s[i] - '0');
    }

  if (v[0] < 1 || !g_date_valid_dmy (v[2], v[1], v[0]) || v[3] > 23 || v[4] > 59 || v[5] > 59)
    return FALSE;

  /* Julian day 719163 is 1970-01-01. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, v[2], v[1], v[0]);
  *unix_time = ((gint64) g_date_get_julian (&date) - 719163) * 86400 + v[3] * 3600 + v[4] * 60 + v[5];
  return TRUE;
}

static const char *
text_column (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL || text[0] == '\0' || !g_utf8_validate (text, -1, NULL))
    return NULL;
  return text;
}

static gboolean
julian_from_column (sqlite3_stmt *stmt,
                    int           column,
                    guint32      *julian)
{
  GDate date;

  if (!wb_date_parse_iso ((const char *) sqlite3_column_text (stmt, column), &date))
    return FALSE;
  *julian = g_date_get_julian (&date);
  return TRUE;
}

/* "A1 B2": category codes, as the store keeps them, as a mask. */
static gboolean
categories_from_text (const char *text,
                      guint64    *mask)
{
  *mask = 0;
  while (*text != '\0')
    {
      const char *end = strchr (text, ' ');
      gsize len = end != NULL ? (gsize) (end - text) : strlen (text);
      char code[8];
      int index;

      if (len == 0 || len >= sizeof code)
        return FALSE;
      memcpy (code, text, len);
      code[len] = '\0';
      index = wb_taxonomy_get_index (code);
      if (index < 0)
        return FALSE;
      *mask |= G_GUINT64_CONSTANT (1) << index;
      text += len;
      if (*text == ' ')
        text++;
    }
  return TRUE;
}

/* A list row from the narrow columns, the summary, date precision and
 * category codes included (schema 5).  Only where those are NULL — a
 * document written by another writer than write_signal() — are they read
 * from the document (SQLite's own JSON reader) and the category table.
 * Values the store wrote are only checked for what keeps the row sound;
 * anything else is damage. */
static gboolean
add_row_from_columns (sqlite3_stmt  *stmt,
                      WbSignalRows  *rows,
                      GError       **error)
{
  WbSignalRow row = { NULL, };
  const char *tlp = text_column (stmt, 3);
  const char *precision = text_column (stmt, 12);
  const char *categories = text_column (stmt, 13);
  gint64 revision = sqlite3_column_int64 (stmt, 1);
  int level = sqlite3_column_int (stmt, 2);
  int tlp_value;
  int precision_value;

  row.uuid = text_column (stmt, 0);
  row.municipality = text_column (stmt, 4);
  row.summary = text_column (stmt, 11);
  if (row.uuid == NULL || row.municipality == NULL || row.summary == NULL || categories == NULL ||
      revision < 1 || revision > G_MAXUINT32 || !wb_ladder_is_valid_level (level) ||
      tlp == NULL || !wb_enum_from_nick (WB_TYPE_TLP, tlp, &tlp_value) ||
      precision == NULL || !wb_enum_from_nick (WB_TYPE_PRECISION, precision, &precision_value) ||
      !julian_from_column (stmt, 5, &row.occurred_on) ||
      !julian_from_column (stmt, 6, &row.review_on) ||
      (sqlite3_column_type (stmt, 7) != SQLITE_NULL && !julian_from_column (stmt, 7, &row.closed_on)) ||
      !unix_time_from_column (stmt, 9, &row.created_at) ||
      !unix_time_from_column (stmt, 10, &row.updated_at) ||
      !categories_from_text (categories, &row.categories))
    {
      g_set_error_literal (error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT,
                           _("A stored signal is damaged"));
      return FALSE;
    }

  row.revision = (guint32) revision;
  row.level = (guint8) level;
  row.tlp = (guint8) tlp_value;
  row.precision = (guint8) precision_value;
  row.legal_hold = sqlite3_column_int (stmt, 8) != 0;
  _wb_signal_rows_add (rows, &row);
  return TRUE;
}

static gboolean select_signals_txn (WbStore                *store,
                                    const char             *match,
                                    const WbRecordsFilter  *filter,
                                    GPtrArray              *signals,
                                    WbSignalRows          **rows,
                                    GError                **error);

/* Fills either @signals with complete signals or *@rows with list rows.
 * One read transaction for the ids and all their rows: one snapshot, and
 * not 100 000 autocommit read transactions, each of which checks the
 * journal and WAL files. */
static gboolean
select_signals (WbStore                *store,
                const char             *match,
                const WbRecordsFilter  *filter,
                GPtrArray              *signals,
                WbSignalRows          **rows,
                GError                **error)
{
  gboolean ok;

  if (!_wb_store_exec (store, "SAVEPOINT wb_read", error))
    return FALSE;
  ok = select_signals_txn (store, match, filter, signals, rows, error);
  return _wb_store_exec (store, "RELEASE wb_read", ok ? error : NULL) && ok;
}

static gboolean
select_signals_txn (WbStore                *store,
                    const char             *match,
                    const WbRecordsFilter  *filter,
                    GPtrArray              *signals,
                    WbSignalRows          **rows,
                    GError                **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(WbCachedStmt) docs = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(WbSignalRows) found_rows = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *today = NULL;
  WbRecordsFilter defaults;
  gboolean stream;
  int rc;

  if (filter == NULL)
    {
      wb_records_filter_init (&defaults);
      filter = &defaults;
    }

  if (!check_filter (filter, error))
    return FALSE;

  stream = match != NULL && filter->sort == WB_RECORDS_SORT_LADDER && filter->limit > 0;
  sql = build_select (filter, match != NULL, stream);
  stmt = _wb_store_prepare_cached (store, sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_named (stmt, ":match", match);
  bind_named (stmt, ":category", filter->category);
  if (filter->level != WB_RECORDS_ANY)
    {
      gint64 top = (gint64) (WB_LADDER_MAX_LEVEL - filter->level) << 56;

      sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":level"), filter->level);
      if (match != NULL)
        {
          sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":key_low"), top);
          sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":key_high"),
                              top | ((G_GINT64_CONSTANT (1) << 56) - 1));
        }
    }
  if (filter->tlp != WB_RECORDS_ANY)
    bind_named (stmt, ":tlp", wb_enum_to_nick (WB_TYPE_TLP, filter->tlp));
  bind_named (stmt, ":municipality", filter->municipality);
  bind_named (stmt, ":from", filter->occurred_from);
  bind_named (stmt, ":to", filter->occurred_to);
  if (filter->overdue)
    {
      today = filter->today != NULL ? g_strdup (filter->today) : today_string ();
      bind_named (stmt, ":today", today);
    }
  if (filter->limit > 0 && !stream)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), filter->limit);

  /* First the matching ids in order (narrow rows only), then each
   * document: sorting never drags the documents along. */
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (stream)
    {
      if (!stream_ladder_ids (store, stmt, filter->limit, ids, error))
        return FALSE;
    }
  else
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      if (rc != SQLITE_DONE)
        {
          _wb_store_set_sql_error (store, _("Could not read the signals"), error);
          return FALSE;
        }
    }
  g_clear_pointer (&stmt, _wb_cached_stmt_reset);

  if (rows != NULL)
    docs = _wb_store_prepare_cached (store,
                                     "SELECT s.uuid, s.revision, s.level, s.tlp, s.municipality, "
                                     "s.occurred_on, s.review_on, s.closed_on, s.legal_hold, "
                                     "s.created_at, s.updated_at, "
                                     "coalesce (s.summary, (SELECT json_extract (d.json, '$.summary') "
                                     "FROM signal_docs d WHERE d.id = s.id)), "
                                     "coalesce (s.occurred_precision, (SELECT json_extract (d.json, '$.occurred_precision') "
                                     "FROM signal_docs d WHERE d.id = s.id)), "
                                     "coalesce (s.category_codes, (SELECT group_concat (c.code, ' ') "
                                     "FROM signal_categories c WHERE c.signal_id = s.id)) "
                                     "FROM signals s WHERE s.id = ?1",
                                     error);
  else
    docs = _wb_store_prepare_cached (store, "SELECT json FROM signal_docs WHERE id = ?1", error);
  if (docs == NULL)
    return FALSE;

  if (rows != NULL)
    found_rows = _wb_signal_rows_new (ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (docs);
      sqlite3_bind_int64 (docs, 1, g_array_index (ids, gint64, i));
      rc = sqlite3_step (docs);
      if (rc == SQLITE_ERROR && rows != NULL)
        {
          /* json_extract() refuses a document that is not JSON. */
          g_debug ("stored signal does not parse: %s", sqlite3_errmsg (_wb_store_get_db (store)));
          g_set_error_literal (error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT,
                               _("A stored signal is damaged"));
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        {
          _wb_store_set_sql_error (store, _("Could not read the signals"), error);
          return FALSE;
        }
      if (rows != NULL)
        {
          if (!add_row_from_columns (docs, found_rows, error))
            return FALSE;
        }
      else
        {
          WbSignal *signal = signal_from_json ((const char *) sqlite3_column_text (docs, 0), error);

          if (signal == NULL)
            return FALSE;
          g_ptr_array_add (signals, signal);
        }
    }

  if (rows != NULL)
    *rows = g_steal_pointer (&found_rows);
  return TRUE;
}

static GPtrArray *
select_complete (WbStore                *store,
                 const char             *match,
                 const WbRecordsFilter  *filter,
                 GError                **error)
{
  g_autoptr(GPtrArray) signals = g_ptr_array_new_with_free_func (g_object_unref);

  if (!select_signals (store, match, filter, signals, NULL, error))
    return NULL;
  return g_steal_pointer (&signals);
}

GPtrArray *
wb_records_list_signals (WbStore                *store,
                         const WbRecordsFilter  *filter,
                         GError                **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return select_complete (store, NULL, filter, error);
}

WbSignalRows *
_wb_records_select_rows (WbStore                *store,
                         const char             *text,
                         const WbRecordsFilter  *filter,
                         GError                **error)
{
  g_autofree char *match = NULL;
  WbSignalRows *rows = NULL;

  if (text != NULL)
    {
      match = wb_search_build_match (text, error);
      if (match == NULL)
        return NULL;
    }

  if (!select_signals (store, match, filter, NULL, &rows, error))
    g_clear_pointer (&rows, _wb_signal_rows_free);
  return rows;
}

static GPtrArray *
select_list_rows (WbStore                *store,
                  const char             *text,
                  const WbRecordsFilter  *filter,
                  GError                **error)
{
  g_autoptr(WbSignalRows) rows = _wb_records_select_rows (store, text, filter, error);

  return rows != NULL ? _wb_signal_rows_dup_all (rows) : NULL;
}

GPtrArray *
wb_records_list_signal_rows (WbStore                *store,
                             const WbRecordsFilter  *filter,
                             GError                **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return select_list_rows (store, NULL, filter, error);
}

GPtrArray *
wb_records_search_rows (WbStore                *store,
                        const char             *text,
                        const WbRecordsFilter  *filter,
                        GError                **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return select_list_rows (store, text, filter, error);
}

GPtrArray *
wb_records_search (WbStore                *store,
                   const char             *text,
                   const WbRecordsFilter  *filter,
                   GError                **error)
{
  g_autofree char *match = NULL;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  match = wb_search_build_match (text, error);
  if (match == NULL)
    return NULL;
  return select_complete (store, match, filter, error);
}

GPtrArray *
wb_records_list_overdue (WbStore     *store,
                         const char  *today,
                         GError     **error)
{
  WbRecordsFilter filter;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  wb_records_filter_init (&filter);
  filter.overdue = TRUE;
  filter.today = today;
  filter.sort = WB_RECORDS_SORT_REVIEW;
  return select_complete (store, NULL, &filter, error);
}

/* ---- identities ------------------------------------------------------- */

typedef struct
{
  const char *uuid;
  const char *pseudonym;
  const char *identity;   /* set: in; dup: out (owned) */
  char       *found;
} IdentityData;

static gboolean
has_person (WbSignal   *signal,
            const char *pseudonym)
{
  GPtrArray *persons = wb_signal_get_persons (signal);

  for (guint i = 0; i < persons->len; i++)
    if (g_strcmp0 (((WbPerson *) g_ptr_array_index (persons, i))->pseudonym, pseudonym) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
identity_lookup (WbStore       *store,
                 IdentityData  *data,
                 gint64        *id,
                 GError       **error)
{
  g_autoptr(WbSignal) signal = NULL;

  if (!load_signal (store, data->uuid, id, &signal, error))
    return FALSE;

  if (!has_person (signal, data->pseudonym))
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND,
                           _("The signal names no person with that pseudonym"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
set_identity_txn (WbStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  IdentityData *data = user_data;
  g_autoptr(WbCachedStmt) stmt = NULL;
  gint64 id;

  if (!identity_lookup (store, data, &id, error))
    return FALSE;

  if (data->identity == NULL)
    stmt = _wb_store_prepare_cached (store, "DELETE FROM identities WHERE signal_id = ?1 AND pseudonym = ?2", error);
  else
    stmt = _wb_store_prepare_cached (store,
                                     "INSERT INTO identities (signal_id, pseudonym, identity) VALUES (?1, ?2, ?3) "
                                     "ON CONFLICT (signal_id, pseudonym) DO UPDATE SET identity = excluded.identity",
                                     error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  _wb_store_bind_text (stmt, 2, data->pseudonym);
  if (data->identity != NULL)
    _wb_store_bind_text (stmt, 3, data->identity);
  if (!_wb_store_step_done (store, stmt, error))
    return FALSE;

  return audit_append (store, NULL, data->identity != NULL ? "identity.set" : "identity.clear",
                       data->uuid, error);
}

static gboolean
identity_is_valid (const char *identity)
{
  g_autofree char *clean = NULL;

  if (!g_utf8_validate (identity, -1, NULL) ||
      g_utf8_strlen (identity, -1) > MAX_IDENTITY_CHARS)
    return FALSE;

  clean = g_strstrip (g_strdup (identity));
  return clean[0] != '\0';
}

gboolean
wb_records_set_identity (WbStore     *store,
                         const char  *uuid,
                         const char  *pseudonym,
                         const char  *identity,
                         GError     **error)
{
  g_autofree char *lower = NULL;
  IdentityData data = { 0 };

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (pseudonym != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (identity != NULL && !identity_is_valid (identity))
    {
      g_set_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_INVALID,
                   _("An identity must be 1 to %d characters of text"), MAX_IDENTITY_CHARS);
      return FALSE;
    }

  lower = g_ascii_strdown (uuid, -1);
  data.uuid = lower;
  data.pseudonym = pseudonym;
  data.identity = identity;
  return in_transaction (store, set_identity_txn, &data, error);
}

static gboolean
dup_identity_txn (WbStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  IdentityData *data = user_data;
  g_autoptr(WbCachedStmt) stmt = NULL;
  gint64 id;
  int rc;

  if (!identity_lookup (store, data, &id, error))
    return FALSE;

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT identity FROM identities WHERE signal_id = ?1 AND pseudonym = ?2",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  _wb_store_bind_text (stmt, 2, data->pseudonym);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND,
                           _("No identity is recorded for that pseudonym"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not read the vault"), error);
      return FALSE;
    }
  data->found = _wb_store_column_dup (stmt, 0);
  g_clear_pointer (&stmt, _wb_cached_stmt_reset);

  /* Looking up who is behind a pseudonym is itself worth a trace. */
  return audit_append (store, NULL, "identity.read", data->uuid, error);
}

char *
wb_records_dup_identity (WbStore     *store,
                         const char  *uuid,
                         const char  *pseudonym,
                         GError     **error)
{
  g_autofree char *lower = NULL;
  IdentityData data = { 0 };

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (pseudonym != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  lower = g_ascii_strdown (uuid, -1);
  data.uuid = lower;
  data.pseudonym = pseudonym;
  if (!in_transaction (store, dup_identity_txn, &data, error))
    {
      g_free (data.found);
      return NULL;
    }
  return data.found;
}

/* ---- attachments ------------------------------------------------------ */

typedef struct
{
  const char   *uuid;
  const char   *name;
  GBytes       *data;
  WbAttachment *result;
} AttachData;

static gboolean
attach_txn (WbStore   *store,
            gpointer   user_data,
            GError   **error)
{
  AttachData *data = user_data;
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(WbAttachment) attachment = g_new0 (WbAttachment, 1);
  guint8 digest[crypto_hash_sha256_BYTES];
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  gsize size;
  const guint8 *bytes = g_bytes_get_data (data->data, &size);
  gint64 id;

  if (!load_signal (store, data->uuid, &id, NULL, error))
    return FALSE;

  wb_core_ensure_sodium ();
  crypto_hash_sha256 (digest, bytes, size);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);

  attachment->name = g_strdup (data->name);
  attachment->size = size;
  attachment->sha256 = g_strdup (hex);
  attachment->added_at = now_string ();

  stmt = _wb_store_prepare_cached (store,
                                   "INSERT INTO attachments (signal_id, name, size, sha256, data, added_at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  _wb_store_bind_text (stmt, 2, attachment->name);
  sqlite3_bind_int64 (stmt, 3, attachment->size);
  _wb_store_bind_text (stmt, 4, attachment->sha256);
  sqlite3_bind_blob64 (stmt, 5, size > 0 ? bytes : (const guint8 *) "", size, SQLITE_STATIC);
  _wb_store_bind_text (stmt, 6, attachment->added_at);
  if (!_wb_store_step_done (store, stmt, error))
    return FALSE;
  attachment->id = sqlite3_last_insert_rowid (_wb_store_get_db (store));

  if (!audit_append (store, NULL, "attachment.add", data->uuid, error))
    return FALSE;

  data->result = g_steal_pointer (&attachment);
  return TRUE;
}

WbAttachment *
wb_records_add_attachment (WbStore     *store,
                           const char  *uuid,
                           const char  *name,
                           GBytes      *data,
                           GError     **error)
{
  g_autofree char *lower = NULL;
  AttachData attach = { 0 };

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_wb_signal_check_text ("name", name, WB_SIGNAL_NAME_MAX_CHARS, TRUE, error))
    return NULL;
  if (g_bytes_get_size (data) > MAX_ATTACHMENT_BYTES)
    {
      g_set_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_INVALID,
                   _("An attachment may be at most %d MiB"), MAX_ATTACHMENT_BYTES / (1024 * 1024));
      return NULL;
    }

  lower = g_ascii_strdown (uuid, -1);
  attach.uuid = lower;
  attach.name = name;
  attach.data = data;
  if (!in_transaction (store, attach_txn, &attach, error))
    {
      g_clear_pointer (&attach.result, wb_attachment_free);
      return NULL;
    }
  return attach.result;
}

GPtrArray *
wb_records_list_attachments (WbStore     *store,
                             const char  *uuid,
                             GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_signal (store, uuid, &id, NULL, error))
    return NULL;

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT id, name, size, sha256, added_at FROM attachments "
                                   "WHERE signal_id = ?1 ORDER BY id",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_attachment_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WbAttachment *a = g_new0 (WbAttachment, 1);

      a->id = sqlite3_column_int64 (stmt, 0);
      a->name = _wb_store_column_dup (stmt, 1);
      a->size = sqlite3_column_int64 (stmt, 2);
      a->sha256 = _wb_store_column_dup (stmt, 3);
      a->added_at = _wb_store_column_dup (stmt, 4);
      g_ptr_array_add (list, a);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the attachments"), error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

GBytes *
wb_records_dup_attachment_data (WbStore  *store,
                                gint64    id,
                                GError  **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _wb_store_prepare_cached (store, "SELECT data FROM attachments WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND,
                           _("There is no such attachment"));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not read the attachment"), error);
      return NULL;
    }

  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

/* ---- links ------------------------------------------------------------ */

typedef struct
{
  const char *a;
  const char *b;
  WbLinkType  type;
  gboolean    remove;
} LinkData;

/* Adds or removes the link; both signals' audit entries record it.  Only a
 * new link needs both signals to exist: purging one removes its links. */
static gboolean
link_txn (WbStore   *store,
          gpointer   user_data,
          GError   **error)
{
  LinkData *data = user_data;
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *now = now_string ();

  if (!data->remove &&
      (!load_signal (store, data->a, NULL, NULL, error) ||
       !load_signal (store, data->b, NULL, NULL, error)))
    return FALSE;

  stmt = _wb_store_prepare_cached (store,
                                   data->remove
                                   ? "DELETE FROM links WHERE a = ?1 AND b = ?2 AND type = ?3"
                                   : "INSERT INTO links (a, b, type, created_at) VALUES (?1, ?2, ?3, ?4) "
                                     "ON CONFLICT DO NOTHING",
                                   error);
  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, data->a);
  _wb_store_bind_text (stmt, 2, data->b);
  _wb_store_bind_text (stmt, 3, wb_link_type_to_nick (data->type));
  if (!data->remove)
    _wb_store_bind_text (stmt, 4, now);
  if (!_wb_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_wb_store_get_db (store)) == 0)
    {
      if (data->remove)
        g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND,
                             _("These signals are not linked this way"));
      else
        g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_EXISTS,
                             _("These signals are already linked this way"));
      return FALSE;
    }

  return audit_append (store, NULL, data->remove ? "link.remove" : "link.add", data->a, error) &&
         audit_append (store, NULL, data->remove ? "link.remove" : "link.add", data->b, error);
}

static gboolean
change_link (WbStore     *store,
             const char  *a,
             const char  *b,
             WbLinkType   type,
             gboolean     remove,
             GError     **error)
{
  g_autofree char *la = NULL;
  g_autofree char *lb = NULL;
  LinkData data = { 0 };

  if (wb_link_type_to_nick (type) == NULL)
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_INVALID,
                           _("Unknown link type (use same-actor, same-campaign, same-target or duplicate)"));
      return FALSE;
    }
  if (!check_uuid (a, error) || !check_uuid (b, error))
    return FALSE;

  la = g_ascii_strdown (a, -1);
  lb = g_ascii_strdown (b, -1);
  if (!remove && g_str_equal (la, lb))
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_INVALID,
                           _("A signal cannot be linked to itself"));
      return FALSE;
    }

  /* Every link type is symmetric: store each pair once, the smaller UUID
   * first. */
  data.a = strcmp (la, lb) < 0 ? la : lb;
  data.b = strcmp (la, lb) < 0 ? lb : la;
  data.type = type;
  data.remove = remove;
  return in_transaction (store, link_txn, &data, error);
}

gboolean
wb_records_link (WbStore     *store,
                 const char  *a,
                 const char  *b,
                 WbLinkType   type,
                 GError     **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_link (store, a, b, type, FALSE, error);
}

GPtrArray *
wb_records_list_links (WbStore     *store,
                       const char  *uuid,
                       GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *lower = NULL;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_signal (store, uuid, NULL, NULL, error))
    return NULL;

  lower = g_ascii_strdown (uuid, -1);
  stmt = _wb_store_prepare_cached (store,
                                   "SELECT a, b, type, created_at FROM links WHERE a = ?1 OR b = ?1 "
                                   "ORDER BY created_at, a, b, type",
                                   error);
  if (stmt == NULL)
    return NULL;
  _wb_store_bind_text (stmt, 1, lower);

  links = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_link_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WbLink *link = g_new0 (WbLink, 1);

      link->a = _wb_store_column_dup (stmt, 0);
      link->b = _wb_store_column_dup (stmt, 1);
      wb_link_type_from_nick ((const char *) sqlite3_column_text (stmt, 2), &link->type);
      link->created_at = _wb_store_column_dup (stmt, 3);
      g_ptr_array_add (links, link);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the links"), error);
      return NULL;
    }
  return g_steal_pointer (&links);
}

/* ---- cases ------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *kase;
  const char *uuid;
  gboolean    remove;    /* membership: take out rather than add */
  char       *created;   /* out */
} CaseData;

static gboolean
create_case_txn (WbStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  CaseData *data = user_data;
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = now_string ();

  stmt = _wb_store_prepare_cached (store,
                                   "INSERT INTO cases (uuid, name, created_at) VALUES (?1, ?2, ?3) "
                                   "ON CONFLICT DO NOTHING",
                                   error);
  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, uuid);
  _wb_store_bind_text (stmt, 2, data->name);
  _wb_store_bind_text (stmt, 3, now);
  if (!_wb_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_wb_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_EXISTS,
                           _("There is already a case with that name"));
      return FALSE;
    }

  if (!audit_append (store, NULL, "case.create", uuid, error))
    return FALSE;

  data->created = g_steal_pointer (&uuid);
  return TRUE;
}

char *
wb_records_create_case (WbStore     *store,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *clean = NULL;
  CaseData data = { 0 };

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  clean = g_strstrip (g_strdup (name));
  if (!_wb_signal_check_required_text ("name", clean, error) ||
      !_wb_signal_check_text ("name", clean, MAX_CASE_NAME_CHARS, TRUE, error))
    return NULL;

  data.name = clean;
  if (!in_transaction (store, create_case_txn, &data, error))
    {
      g_free (data.created);
      return NULL;
    }
  return data.created;
}

static gboolean
find_case (WbStore     *store,
           const char  *kase,
           gint64      *id,
           GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  int rc;

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT id FROM cases WHERE uuid = lower (?1) OR name = ?1 COLLATE NOCASE",
                                   error);
  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, kase);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND,
                           _("There is no case with that name or UUID"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not read the cases"), error);
      return FALSE;
    }
  *id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Adds @data->uuid to, or removes it from, the case: the case's name is
 * searchable for a signal exactly while it is a member. */
static gboolean
case_membership_txn (WbStore   *store,
                     gpointer   user_data,
                     GError   **error)
{
  CaseData *data = user_data;
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(WbSignal) signal = NULL;
  g_autofree char *now = now_string ();
  gint64 case_id;
  gint64 id;

  if (!find_case (store, data->kase, &case_id, error) ||
      !load_signal (store, data->uuid, &id, &signal, error))
    return FALSE;

  stmt = _wb_store_prepare_cached (store,
                                   data->remove
                                   ? "DELETE FROM case_members WHERE case_id = ?1 AND signal_uuid = ?2"
                                   : "INSERT INTO case_members (case_id, signal_uuid, added_at) VALUES (?1, ?2, ?3) "
                                     "ON CONFLICT DO NOTHING",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  _wb_store_bind_text (stmt, 2, data->uuid);
  if (!data->remove)
    _wb_store_bind_text (stmt, 3, now);
  if (!_wb_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_wb_store_get_db (store)) == 0)
    {
      if (data->remove)
        g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND,
                             _("The signal is not in that case"));
      else
        g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_EXISTS,
                             _("The signal is already in that case"));
      return FALSE;
    }

  return fts_refresh (store, id, signal, error) &&
         audit_append (store, NULL, data->remove ? "case.remove" : "case.add", data->uuid, error);
}

static gboolean
change_case_membership (WbStore     *store,
                        const char  *kase,
                        const char  *uuid,
                        gboolean     remove,
                        GError     **error)
{
  g_autofree char *lower = NULL;
  CaseData data = { 0 };

  if (!check_uuid (uuid, error))
    return FALSE;

  lower = g_ascii_strdown (uuid, -1);
  data.kase = kase;
  data.uuid = lower;
  data.remove = remove;
  return in_transaction (store, case_membership_txn, &data, error);
}

gboolean
wb_records_add_to_case (WbStore     *store,
                        const char  *kase,
                        const char  *uuid,
                        GError     **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (kase != NULL && uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_case_membership (store, kase, uuid, FALSE, error);
}

GPtrArray *
wb_records_list_cases (WbStore  *store,
                       GError  **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT c.uuid, c.name, c.created_at, "
                                   "(SELECT count(*) FROM case_members m WHERE m.case_id = c.id) "
                                   "FROM cases c ORDER BY c.name COLLATE NOCASE, c.uuid",
                                   error);
  if (stmt == NULL)
    return NULL;

  cases = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_case_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WbCase *kase = g_new0 (WbCase, 1);

      kase->uuid = _wb_store_column_dup (stmt, 0);
      kase->name = _wb_store_column_dup (stmt, 1);
      kase->created_at = _wb_store_column_dup (stmt, 2);
      kase->n_signals = sqlite3_column_int (stmt, 3);
      g_ptr_array_add (cases, kase);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the cases"), error);
      return NULL;
    }
  return g_steal_pointer (&cases);
}

GStrv
wb_records_dup_case_signals (WbStore     *store,
                             const char  *kase,
                             GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gint64 case_id;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (kase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!find_case (store, kase, &case_id, error))
    return NULL;

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT signal_uuid FROM case_members WHERE case_id = ?1 ORDER BY added_at, signal_uuid",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the cases"), error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* ---- decisions and resilience ----------------------------------------- */

/* Writes @next as the next revision of @current (same row). */
static gboolean
write_next_revision (WbStore   *store,
                     gint64     id,
                     WbSignal  *next,
                     WbSignal  *current,
                     GError   **error)
{
  next_revision (next, current);
  if (!wb_signal_validate (next, error))
    return FALSE;
  return write_signal (store, next, &id, error);
}

typedef struct
{
  const char       *uuid;
  const WbDecision *decision;
  WbSignal         *stored;   /* out */
} DecisionData;

/* A decision's instruments as the decisions table keeps them. */
char *
_wb_records_strv_to_json (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static GStrv
strv_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *s = json_array_get_string_element (array, i);

          if (s != NULL)
            g_strv_builder_add (builder, s);
        }
    }

  return g_strv_builder_end (builder);
}

WbDecision *
_wb_records_decision_from_columns (sqlite3_stmt *stmt,
                                   int           first)
{
  GDate date;
  int kind = 0;
  WbDecision *d;

  g_date_clear (&date, 1);
  wb_enum_from_nick (WB_TYPE_DECISION_KIND, (const char *) sqlite3_column_text (stmt, first), &kind);
  wb_date_parse_iso ((const char *) sqlite3_column_text (stmt, first + 3), &date);
  d = wb_decision_new (kind, sqlite3_column_int (stmt, first + 1), sqlite3_column_int (stmt, first + 2),
                       g_date_valid (&date) ? &date : NULL);
  d->deciding_role = _wb_store_column_dup (stmt, first + 4);
  d->facts = _wb_store_column_dup (stmt, first + 5);
  d->assessment = _wb_store_column_dup (stmt, first + 6);
  d->decision = _wb_store_column_dup (stmt, first + 7);
  d->instruments = strv_from_json ((const char *) sqlite3_column_text (stmt, first + 8));
  d->skip_reason = _wb_store_column_dup (stmt, first + 9);
  d->outcome = _wb_store_column_dup (stmt, first + 10);
  d->measures = _wb_store_column_dup (stmt, first + 11);
  return d;
}

static gboolean
decision_txn (WbStore   *store,
              gpointer   user_data,
              GError   **error)
{
  DecisionData *data = user_data;
  const WbDecision *d = data->decision;
  g_autoptr(WbSignal) current = NULL;
  g_autoptr(WbSignal) next = NULL;
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *date = NULL;
  g_autofree char *instruments = NULL;
  g_autofree char *now = now_string ();
  gint64 id;

  if (!load_signal (store, data->uuid, &id, &current, error))
    return FALSE;

  next = wb_signal_copy (current);
  if (!wb_ladder_apply_decision (next, d, vault_kind (store), error))
    return FALSE;

  /* Closing starts the retention clock with this vault's period. */
  if (d->kind == WB_DECISION_CLOSE && wb_signal_get_closed_on (next) != NULL)
    {
      g_autofree char *review_on = review_date_after (store, wb_signal_get_closed_on (next));

      wb_signal_set_review_on (next, review_on);
    }

  if (!write_next_revision (store, id, next, current, error))
    return FALSE;

  date = wb_date_format_iso (&d->date);
  instruments = _wb_records_strv_to_json ((const char * const *) d->instruments);
  stmt = _wb_store_prepare_cached (store,
                                   "INSERT INTO decisions (signal_uuid, revision, kind, from_level, to_level, date, "
                                   "deciding_role, facts, assessment, decision, instruments, skip_reason, outcome, "
                                   "measures, recorded_at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, data->uuid);
  sqlite3_bind_int64 (stmt, 2, wb_signal_get_revision (next));
  _wb_store_bind_text (stmt, 3, wb_enum_to_nick (WB_TYPE_DECISION_KIND, d->kind));
  sqlite3_bind_int (stmt, 4, d->from_level);
  sqlite3_bind_int (stmt, 5, d->to_level);
  _wb_store_bind_text (stmt, 6, date);
  _wb_store_bind_text (stmt, 7, d->deciding_role);
  _wb_store_bind_text (stmt, 8, d->facts);
  _wb_store_bind_text (stmt, 9, d->assessment);
  _wb_store_bind_text (stmt, 10, d->decision);
  _wb_store_bind_text (stmt, 11, instruments);
  _wb_store_bind_text (stmt, 12, d->skip_reason);
  _wb_store_bind_text (stmt, 13, d->outcome);
  _wb_store_bind_text (stmt, 14, d->measures);
  _wb_store_bind_text (stmt, 15, now);
  if (!_wb_store_step_done (store, stmt, error))
    return FALSE;

  if (!audit_append (store, d->deciding_role, "decision.record", data->uuid, error))
    return FALSE;

  data->stored = g_steal_pointer (&next);
  return TRUE;
}

gboolean
wb_records_record_decision (WbStore           *store,
                            const char        *uuid,
                            const WbDecision  *decision,
                            WbSignal         **signal,
                            GError           **error)
{
  g_autofree char *lower = NULL;
  DecisionData data = { 0 };

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (decision != NULL, FALSE);
  g_return_val_if_fail (signal == NULL || *signal == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_uuid (uuid, error))
    return FALSE;

  lower = g_ascii_strdown (uuid, -1);
  data.uuid = lower;
  data.decision = decision;
  if (!in_transaction (store, decision_txn, &data, error))
    {
      g_clear_object (&data.stored);
      return FALSE;
    }

  if (signal != NULL)
    *signal = g_steal_pointer (&data.stored);
  g_clear_object (&data.stored);
  return TRUE;
}

GPtrArray *
wb_records_list_decisions (WbStore     *store,
                           const char  *uuid,
                           GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autofree char *lower = NULL;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_signal (store, uuid, NULL, NULL, error))
    return NULL;

  lower = g_ascii_strdown (uuid, -1);
  stmt = _wb_store_prepare_cached (store,
                                   "SELECT kind, from_level, to_level, date, deciding_role, facts, assessment, "
                                   "decision, instruments, skip_reason, outcome, measures "
                                   "FROM decisions WHERE signal_uuid = ?1 ORDER BY id",
                                   error);
  if (stmt == NULL)
    return NULL;
  _wb_store_bind_text (stmt, 1, lower);

  decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_decision_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (decisions, _wb_records_decision_from_columns (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the decisions"), error);
      return NULL;
    }
  return g_steal_pointer (&decisions);
}

typedef struct
{
  const char               *uuid;
  const WbResilienceAction *action;
} ResilienceData;

static gboolean
resilience_txn (WbStore   *store,
                gpointer   user_data,
                GError   **error)
{
  ResilienceData *data = user_data;
  const WbResilienceAction *a = data->action;
  g_autoptr(WbSignal) current = NULL;
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *date = NULL;
  g_autofree char *now = now_string ();
  g_autofree char *community = NULL;

  if (!load_signal (store, data->uuid, NULL, &current, error))
    return FALSE;

  date = wb_date_format_iso (&a->date);
  community = g_strdup_printf ("%u", (guint) a->community);
  stmt = _wb_store_prepare_cached (store,
                                   "INSERT INTO resilience_actions (signal_uuid, kind, date, level, role, "
                                   "description, community, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, data->uuid);
  _wb_store_bind_text (stmt, 2, wb_enum_to_nick (WB_TYPE_RESILIENCE_KIND, a->kind));
  _wb_store_bind_text (stmt, 3, date);
  sqlite3_bind_int (stmt, 4, wb_signal_get_level (current));
  _wb_store_bind_text (stmt, 5, a->role);
  _wb_store_bind_text (stmt, 6, a->description);
  sqlite3_bind_int (stmt, 7, (int) a->community);
  _wb_store_bind_text (stmt, 8, now);
  if (!_wb_store_step_done (store, stmt, error))
    return FALSE;

  return audit_append (store, a->role, "resilience.add", data->uuid, error);
}

gboolean
wb_records_add_resilience_action (WbStore                   *store,
                                  const char                *uuid,
                                  const WbResilienceAction  *action,
                                  GError                   **error)
{
  g_autofree char *lower = NULL;
  ResilienceData data;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_uuid (uuid, error) || !wb_resilience_action_validate (action, error))
    return FALSE;

  lower = g_ascii_strdown (uuid, -1);
  data.uuid = lower;
  data.action = action;
  return in_transaction (store, resilience_txn, &data, error);
}

GPtrArray *
wb_records_list_resilience_actions (WbStore     *store,
                                    const char  *uuid,
                                    GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autofree char *lower = NULL;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_signal (store, uuid, NULL, NULL, error))
    return NULL;

  lower = g_ascii_strdown (uuid, -1);
  stmt = _wb_store_prepare_cached (store,
                                   "SELECT kind, date, level, role, description, community "
                                   "FROM resilience_actions WHERE signal_uuid = ?1 ORDER BY id",
                                   error);
  if (stmt == NULL)
    return NULL;
  _wb_store_bind_text (stmt, 1, lower);

  actions = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_resilience_action_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WbResilienceAction *a;
      GDate date;
      int kind = 0;

      g_date_clear (&date, 1);
      wb_enum_from_nick (WB_TYPE_RESILIENCE_KIND, (const char *) sqlite3_column_text (stmt, 0), &kind);
      wb_date_parse_iso ((const char *) sqlite3_column_text (stmt, 1), &date);
      a = wb_resilience_action_new (kind, sqlite3_column_int (stmt, 2),
                                    g_date_valid (&date) ? &date : NULL);
      a->role = _wb_store_column_dup (stmt, 3);
      a->description = _wb_store_column_dup (stmt, 4);
      a->community = (WbCommunityContext) sqlite3_column_int (stmt, 5);
      g_ptr_array_add (actions, a);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the resilience actions"), error);
      return NULL;
    }
  return g_steal_pointer (&actions);
}

/* ---- retention -------------------------------------------------------- */

typedef struct
{
  const char *uuid;
  gboolean    hold;
} HoldData;

static gboolean
hold_txn (WbStore   *store,
          gpointer   user_data,
          GError   **error)
{
  HoldData *data = user_data;
  g_autoptr(WbSignal) current = NULL;
  g_autoptr(WbSignal) next = NULL;
  gint64 id;

  if (!load_signal (store, data->uuid, &id, &current, error))
    return FALSE;

  /* Already so: nothing to record. */
  if (!wb_signal_get_legal_hold (current) == !data->hold)
    return TRUE;

  next = wb_signal_copy (current);
  wb_signal_set_legal_hold (next, data->hold);
  if (!write_next_revision (store, id, next, current, error))
    return FALSE;

  return audit_append (store, NULL, data->hold ? "retention.hold" : "retention.release",
                       data->uuid, error);
}

gboolean
wb_records_set_legal_hold (WbStore     *store,
                           const char  *uuid,
                           gboolean     hold,
                           GError     **error)
{
  g_autofree char *lower = NULL;
  HoldData data;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_uuid (uuid, error))
    return FALSE;

  lower = g_ascii_strdown (uuid, -1);
  data.uuid = lower;
  data.hold = hold;
  return in_transaction (store, hold_txn, &data, error);
}

static gboolean
exec_bound (WbStore     *store,
            const char  *sql,
            gint64       id,
            const char  *uuid,
            GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = _wb_store_prepare_cached (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    _wb_store_bind_text (stmt, 2, uuid);
  return _wb_store_step_done (store, stmt, error);
}

static gboolean
purge_txn (WbStore   *store,
           gpointer   user_data,
           GError   **error)
{
  const char *uuid = user_data;
  /* ?1 = signal id, ?2 = uuid.  The signal row goes before decisions and
   * resilience actions: their append-only triggers allow deleting them
   * only once their signal is gone. */
  static const char * const deletes[] = {
    "DELETE FROM signals_fts WHERE rowid = (SELECT search_key FROM signals WHERE id = ?1)",
    "DELETE FROM signal_categories WHERE signal_id = ?1",
    "DELETE FROM persons WHERE signal_id = ?1",
    "DELETE FROM identities WHERE signal_id = ?1",
    "DELETE FROM attachments WHERE signal_id = ?1",
    "DELETE FROM signal_revisions WHERE signal_id = ?1",
    "DELETE FROM links WHERE ?1 IS NOT NULL AND (a = ?2 OR b = ?2)",
    "DELETE FROM case_members WHERE ?1 IS NOT NULL AND signal_uuid = ?2",
    "DELETE FROM signal_docs WHERE id = ?1",
    "DELETE FROM signals WHERE id = ?1",
    "DELETE FROM decisions WHERE ?1 IS NOT NULL AND signal_uuid = ?2",
    "DELETE FROM resilience_actions WHERE ?1 IS NOT NULL AND signal_uuid = ?2",
  };
  g_autoptr(WbSignal) current = NULL;
  g_autoptr(WbCachedStmt) tomb = NULL;
  g_autofree char *now = now_string ();
  g_auto(Tally) gone = { 0 };
  gint64 id;

  if (!load_signal (store, uuid, &id, &current, error))
    return FALSE;

  if (wb_signal_get_legal_hold (current))
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_LEGAL_HOLD,
                           _("The signal is under a legal hold and cannot be purged; lift the hold first"));
      return FALSE;
    }

  if (!tally_read (store, id, &gone, error) || !tally_apply (store, &gone, -1, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    if (!exec_bound (store, deletes[i], id, uuid, error))
      return FALSE;

  tomb = _wb_store_prepare_cached (store,
                                   "INSERT INTO tombstones (uuid, revision, reason, recorded_at) VALUES (?1, ?2, 'purged', ?3)",
                                   error);
  if (tomb == NULL)
    return FALSE;
  _wb_store_bind_text (tomb, 1, uuid);
  sqlite3_bind_int64 (tomb, 2, wb_signal_get_revision (current));
  _wb_store_bind_text (tomb, 3, now);
  if (!_wb_store_step_done (store, tomb, error))
    return FALSE;

  /* A deleted row leaves its words in older index segments until they
   * are merged; merge them now so nothing of the signal stays behind. */
  if (!_wb_store_exec (store, "INSERT INTO signals_fts (signals_fts) VALUES ('optimize')", error))
    return FALSE;

  return audit_append (store, NULL, "signal.purge", uuid, error);
}

gboolean
wb_records_purge (WbStore     *store,
                  const char  *uuid,
                  GError     **error)
{
  g_autoptr(GError) checkpoint_error = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_uuid (uuid, error))
    return FALSE;

  lower = g_ascii_strdown (uuid, -1);
  if (!in_transaction (store, purge_txn, lower, error))
    return FALSE;

  /* secure_delete zeroed the freed cells; move the zeroed pages out of
   * the WAL into the database file so old frames do not linger (a batch
   * does this when it is committed and the vault closes). */
  if (!in_batch (store) && !wb_store_checkpoint (store, &checkpoint_error))
    g_warning ("Checkpoint after purge failed: %s", checkpoint_error->message);

  return TRUE;
}

gboolean
wb_records_is_tombstoned (WbStore     *store,
                          const char  *uuid,
                          guint       *revision,
                          GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = _wb_store_prepare_cached (store, "SELECT revision FROM tombstones WHERE uuid = lower (?1)", error);
  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (revision != NULL)
        *revision = sqlite3_column_int (stmt, 0);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the vault"), error);
      return FALSE;
    }

  g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND,
                       _("No signal with that UUID was purged"));
  return FALSE;
}

/* ---- statistics ------------------------------------------------------- */

static GPtrArray *
counts (WbStore     *store,
        const char  *sql,
        GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  stmt = _wb_store_prepare_cached (store, sql, error);
  if (stmt == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_count_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WbCount *count = g_new0 (WbCount, 1);

      count->key = _wb_store_column_dup (stmt, 0);
      count->count = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (list, count);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not count the signals"), error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

WbStats *
wb_records_dup_stats (WbStore  *store,
                      GError  **error)
{
  g_autoptr(WbStats) stats = g_new0 (WbStats, 1);

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stats->total = wb_records_count_signals (store, error);
  if (stats->total < 0)
    return NULL;

  if ((stats->by_category = counts (store,
                                    "SELECT category, count (DISTINCT signal_id) FROM signal_categories "
                                    "GROUP BY category ORDER BY category", error)) == NULL ||
      (stats->by_level = counts (store,
                                 "SELECT level, count (*) FROM signals GROUP BY level ORDER BY level",
                                 error)) == NULL ||
      (stats->by_tlp = counts (store,
                               "SELECT tlp, count (*) FROM signals GROUP BY tlp ORDER BY tlp",
                               error)) == NULL ||
      (stats->by_municipality = counts (store,
                                        "SELECT municipality, count (*) AS n FROM signals "
                                        "GROUP BY municipality COLLATE NOCASE ORDER BY n DESC, municipality",
                                        error)) == NULL)
    return NULL;

  return g_steal_pointer (&stats);
}

/* ---- for other store modules (wb-records-private.h) -------------------- */

gboolean
_wb_records_write_signal (WbStore   *store,
                          WbSignal  *signal,
                          gint64    *id,
                          GError   **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (WB_IS_SIGNAL (signal), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_signal (store, signal, id, error);
}

gboolean
_wb_records_write_signal_json (WbStore     *store,
                               WbSignal    *signal,
                               const char  *canonical_json,
                               const char  *canonical_hash,
                               gint64      *id,
                               GError     **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (WB_IS_SIGNAL (signal), FALSE);
  g_return_val_if_fail ((canonical_json == NULL) == (canonical_hash == NULL), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_signal_json (store, signal, canonical_json, canonical_hash, id, error);
}

gboolean
_wb_records_write_list_columns (WbStore   *store,
                                WbSignal  *signal,
                                gint64     id,
                                GError   **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (WB_IS_SIGNAL (signal), FALSE);
  g_return_val_if_fail (id > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_list_columns (store, signal, id, error);
}

gboolean
_wb_records_audit_append (WbStore     *store,
                          const char  *role,
                          const char  *action,
                          const char  *object_uuid,
                          GError     **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return audit_append (store, role, action, object_uuid, error);
}

/* ---- removals (officer UI undo, issue #5) ------------------------------ */

gsize
wb_records_get_max_attachment_size (void)
{
  return MAX_ATTACHMENT_BYTES;
}

typedef struct
{
  gint64      id;
} RemoveData;

static gboolean
remove_attachment_txn (WbStore   *store,
                       gpointer   user_data,
                       GError   **error)
{
  RemoveData *data = user_data;
  g_autoptr(WbCachedStmt) find = NULL;
  g_autoptr(WbCachedStmt) del = NULL;
  g_autofree char *uuid = NULL;
  int rc;

  find = _wb_store_prepare_cached (store,
                                   "SELECT s.uuid FROM attachments a JOIN signals s ON s.id = a.signal_id "
                                   "WHERE a.id = ?1",
                                   error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_int64 (find, 1, data->id);
  rc = sqlite3_step (find);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND,
                           _("There is no such attachment"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not read the attachment"), error);
      return FALSE;
    }
  uuid = _wb_store_column_dup (find, 0);

  del = _wb_store_prepare_cached (store, "DELETE FROM attachments WHERE id = ?1", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, data->id);
  if (!_wb_store_step_done (store, del, error))
    return FALSE;

  return audit_append (store, NULL, "attachment.remove", uuid, error);
}

gboolean
wb_records_remove_attachment (WbStore  *store,
                              gint64    id,
                              GError  **error)
{
  RemoveData data = { 0 };

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data.id = id;
  return in_transaction (store, remove_attachment_txn, &data, error);
}

gboolean
wb_records_unlink (WbStore     *store,
                   const char  *a,
                   const char  *b,
                   WbLinkType   type,
                   GError     **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_link (store, a, b, type, TRUE, error);
}

gboolean
wb_records_remove_from_case (WbStore     *store,
                             const char  *kase,
                             const char  *uuid,
                             GError     **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (kase != NULL && uuid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_case_membership (store, kase, uuid, TRUE, error);
}
