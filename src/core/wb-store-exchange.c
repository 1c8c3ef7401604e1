/* wb-store-exchange.c — SQL of identity, contacts, bundles and merge
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tables from migration 3 (wb-store.c).  Writing a signal received in a
 * bundle keeps the sender's revision and bookkeeping, which the records
 * API (wb_records_add_signal() starts at revision 1) deliberately does not
 * allow, so the same rows are written here.
 */

#define G_LOG_DOMAIN "wb-store-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "wb-audit.h"
#include "wb-enums.h"
#include "wb-exchange-private.h"
#include "wb-key.h"
#include "wb-ladder.h"
#include "wb-records.h"
#include "wb-taxonomy.h"

static void
set_sql_error (WbStore     *store,
               const char  *what,
               GError     **error)
{
  sqlite3 *db = _wb_store_get_db (store);

  if (db == NULL)
    {
      g_set_error_literal (error, WB_STORE_ERROR, WB_STORE_ERROR_CLOSED, _("The vault is locked"));
      return;
    }
  g_debug ("%s", sqlite3_errmsg (db));
  _wb_store_set_error (error, sqlite3_extended_errcode (db), what);
}

static gboolean
step_done (WbStore       *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;

  set_sql_error (store, _("Could not save to the vault"), error);
  return FALSE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static char *
format_timestamp (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

char *
_wb_exchange_now_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return format_timestamp (now);
}

void
_wb_conflict_row_free (WbConflictRow *row)
{
  if (row == NULL)
    return;
  g_free (row->signal_uuid);
  g_free (row->hash);
  g_free (row->json);
  g_free (row->sender);
  g_free (row->bundle_uuid);
  g_free (row->recorded_at);
  g_free (row);
}

/* ---- identity --------------------------------------------------------- */

gboolean
_wb_exchange_load_identity (WbStore  *store,
                            WbKey   **sign_seed,
                            guint8    key_id[WB_MINISIGN_KEY_ID_BYTES],
                            WbKey   **age_secret,
                            gboolean *found,
                            GError  **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  int rc;

  *found = FALSE;
  stmt = _wb_store_prepare_cached (store,
                                   "SELECT sign_seed, key_id, age_secret FROM exchange_identity WHERE id = 1",
                                   error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      set_sql_error (store, _("Could not read the vault's identity"), error);
      return FALSE;
    }
  if (sqlite3_column_bytes (stmt, 0) != WB_KEY_BYTES ||
      sqlite3_column_bytes (stmt, 1) != WB_MINISIGN_KEY_ID_BYTES ||
      sqlite3_column_bytes (stmt, 2) != WB_KEY_BYTES)
    {
      g_set_error_literal (error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT,
                           _("The vault's identity keys are damaged"));
      return FALSE;
    }

  *sign_seed = wb_key_new_from (sqlite3_column_blob (stmt, 0), WB_KEY_BYTES);
  memcpy (key_id, sqlite3_column_blob (stmt, 1), WB_MINISIGN_KEY_ID_BYTES);
  *age_secret = wb_key_new_from (sqlite3_column_blob (stmt, 2), WB_KEY_BYTES);
  *found = TRUE;
  return TRUE;
}

gboolean
_wb_exchange_save_identity (WbStore      *store,
                            WbKey        *sign_seed,
                            const guint8  key_id[WB_MINISIGN_KEY_ID_BYTES],
                            WbKey        *age_secret,
                            GError      **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *now = _wb_exchange_now_string ();

  stmt = _wb_store_prepare_cached (store,
                                   "INSERT INTO exchange_identity (id, sign_seed, key_id, age_secret, created_at) "
                                   "VALUES (1, ?1, ?2, ?3, ?4)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  /* SQLITE_STATIC: the statement is reset (and forgets the pointers)
   * before this function returns. */
  sqlite3_bind_blob (stmt, 1, wb_key_get_data (sign_seed), WB_KEY_BYTES, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 2, key_id, WB_MINISIGN_KEY_ID_BYTES, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 3, wb_key_get_data (age_secret), WB_KEY_BYTES, SQLITE_STATIC);
  bind_text (stmt, 4, now);
  return step_done (store, stmt, error);
}

/* ---- contacts --------------------------------------------------------- */

GPtrArray *
_wb_exchange_select_contacts (WbStore       *store,
                              const char    *name,
                              const guint8  *sign_key,
                              GError       **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_contact_free);
  int rc;

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT name, role, key_id, sign_key, age_key, fingerprint, verified, added_at "
                                   "FROM contacts WHERE (?1 IS NULL OR name = ?1 OR fingerprint = ?1) "
                                   "AND (?2 IS NULL OR sign_key = ?2) ORDER BY name",
                                   error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, name);
  if (sign_key != NULL)
    sqlite3_bind_blob (stmt, 2, sign_key, WB_MINISIGN_PUBLIC_KEY_BYTES, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WbContact *c = g_new0 (WbContact, 1);

      c->name = column_dup (stmt, 0);
      c->role = column_dup (stmt, 1);
      if (sqlite3_column_bytes (stmt, 2) == WB_MINISIGN_KEY_ID_BYTES)
        memcpy (c->sign_key.key_id, sqlite3_column_blob (stmt, 2), WB_MINISIGN_KEY_ID_BYTES);
      if (sqlite3_column_bytes (stmt, 3) == WB_MINISIGN_PUBLIC_KEY_BYTES)
        memcpy (c->sign_key.key, sqlite3_column_blob (stmt, 3), WB_MINISIGN_PUBLIC_KEY_BYTES);
      if (sqlite3_column_bytes (stmt, 4) == WB_AGE_PUBLIC_KEY_BYTES)
        memcpy (c->age_key.key, sqlite3_column_blob (stmt, 4), WB_AGE_PUBLIC_KEY_BYTES);
      g_strlcpy (c->fingerprint, (const char *) sqlite3_column_text (stmt, 5), sizeof c->fingerprint);
      c->verified = sqlite3_column_int (stmt, 6) != 0;
      c->added_at = column_dup (stmt, 7);
      g_ptr_array_add (contacts, c);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (store, _("Could not read the contacts"), error);
      return NULL;
    }

  return g_steal_pointer (&contacts);
}

gboolean
_wb_exchange_insert_contact (WbStore          *store,
                             const WbContact  *contact,
                             const char       *card,
                             GError          **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *now = _wb_exchange_now_string ();

  stmt = _wb_store_prepare_cached (store,
                                   "INSERT INTO contacts (name, role, key_id, sign_key, age_key, fingerprint, "
                                   "verified, added_at, card) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, contact->name);
  bind_text (stmt, 2, contact->role);
  sqlite3_bind_blob (stmt, 3, contact->sign_key.key_id, WB_MINISIGN_KEY_ID_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 4, contact->sign_key.key, WB_MINISIGN_PUBLIC_KEY_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 5, contact->age_key.key, WB_AGE_PUBLIC_KEY_BYTES, SQLITE_TRANSIENT);
  bind_text (stmt, 6, contact->fingerprint);
  sqlite3_bind_int (stmt, 7, contact->verified ? 1 : 0);
  bind_text (stmt, 8, now);
  bind_text (stmt, 9, card);
  return step_done (store, stmt, error);
}

gboolean
_wb_exchange_set_verified (WbStore     *store,
                           const char  *fingerprint,
                           GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;

  stmt = _wb_store_prepare_cached (store, "UPDATE contacts SET verified = 1 WHERE fingerprint = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, fingerprint);
  return step_done (store, stmt, error);
}

/* ---- bundles sent and received ---------------------------------------- */

gboolean
_wb_exchange_last_sent (WbStore     *store,
                        const char  *recipient,
                        guint64     *seq,
                        char       **hash,
                        char       **created_at,
                        GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  int rc;

  *seq = 0;
  *hash = NULL;
  *created_at = NULL;
  stmt = _wb_store_prepare_cached (store,
                                   "SELECT seq, hash, created_at FROM bundles_sent WHERE recipient = ?1 "
                                   "ORDER BY seq DESC LIMIT 1",
                                   error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, recipient);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *seq = sqlite3_column_int64 (stmt, 0);
      *hash = column_dup (stmt, 1);
      *created_at = column_dup (stmt, 2);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  set_sql_error (store, _("Could not read the bundle log"), error);
  return FALSE;
}

gboolean
_wb_exchange_record_sent (WbStore     *store,
                          const char  *bundle_uuid,
                          const char  *recipient,
                          guint64      seq,
                          const char  *hash,
                          GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *now = _wb_exchange_now_string ();

  stmt = _wb_store_prepare_cached (store,
                                   "INSERT INTO bundles_sent (bundle_uuid, recipient, seq, hash, created_at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, bundle_uuid);
  bind_text (stmt, 2, recipient);
  sqlite3_bind_int64 (stmt, 3, seq);
  bind_text (stmt, 4, hash);
  bind_text (stmt, 5, now);
  return step_done (store, stmt, error);
}

gboolean
_wb_exchange_acknowledge (WbStore     *store,
                          const char  *recipient,
                          const char  *bundle_uuid,
                          gboolean    *found,
                          GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *now = _wb_exchange_now_string ();

  stmt = _wb_store_prepare_cached (store,
                                   "UPDATE bundles_sent SET acknowledged_at = coalesce (acknowledged_at, ?3) "
                                   "WHERE recipient = ?1 AND bundle_uuid = ?2",
                                   error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, recipient);
  bind_text (stmt, 2, bundle_uuid);
  bind_text (stmt, 3, now);
  if (!step_done (store, stmt, error))
    return FALSE;
  *found = sqlite3_changes (_wb_store_get_db (store)) > 0;
  return TRUE;
}

gboolean
_wb_exchange_was_received (WbStore     *store,
                           const char  *sender,
                           const char  *bundle_uuid,
                           gboolean    *seen,
                           GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT EXISTS (SELECT 1 FROM bundles_received WHERE sender = ?1 AND bundle_uuid = ?2)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, sender);
  bind_text (stmt, 2, bundle_uuid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sql_error (store, _("Could not read the bundle log"), error);
      return FALSE;
    }
  *seen = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

gboolean
_wb_exchange_record_received (WbStore     *store,
                              const char  *sender,
                              const char  *bundle_uuid,
                              guint64      seq,
                              const char  *hash,
                              GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *now = _wb_exchange_now_string ();

  stmt = _wb_store_prepare_cached (store,
                                   "INSERT INTO bundles_received (sender, bundle_uuid, seq, hash, imported_at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, sender);
  bind_text (stmt, 2, bundle_uuid);
  sqlite3_bind_int64 (stmt, 3, seq);
  bind_text (stmt, 4, hash);
  bind_text (stmt, 5, now);
  return step_done (store, stmt, error);
}

GArray *
_wb_exchange_received_seqs (WbStore     *store,
                            const char  *sender,
                            GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (guint64));
  int rc;

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT DISTINCT seq FROM bundles_received WHERE sender = ?1 AND seq > 0 ORDER BY seq",
                                   error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, sender);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 seq = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (seqs, seq);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (store, _("Could not read the bundle log"), error);
      return NULL;
    }
  return g_steal_pointer (&seqs);
}

char *
_wb_exchange_received_hash (WbStore     *store,
                            const char  *sender,
                            guint64      seq,
                            GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  int rc;

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT hash FROM bundles_received WHERE sender = ?1 AND seq = ?2 LIMIT 1",
                                   error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, sender);
  sqlite3_bind_int64 (stmt, 2, seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    set_sql_error (store, _("Could not read the bundle log"), error);
  return NULL;
}

/* ---- signals ---------------------------------------------------------- */

gboolean
_wb_exchange_lookup_signal (WbStore     *store,
                            const char  *uuid,
                            gboolean    *exists,
                            gint64      *id,
                            guint       *revision,
                            char       **hash,
                            gboolean    *tombstoned,
                            GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(WbCachedStmt) tomb = NULL;
  int rc;

  *exists = FALSE;
  *tombstoned = FALSE;
  *id = 0;
  *revision = 0;
  *hash = NULL;

  stmt = _wb_store_prepare_cached (store, "SELECT s.id, s.revision, d.hash FROM signals s JOIN signal_docs d ON d.id = s.id WHERE s.uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *exists = TRUE;
      *id = sqlite3_column_int64 (stmt, 0);
      *revision = sqlite3_column_int64 (stmt, 1);
      *hash = column_dup (stmt, 2);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (store, _("Could not read the signal"), error);
      return FALSE;
    }

  tomb = _wb_store_prepare_cached (store, "SELECT EXISTS (SELECT 1 FROM tombstones WHERE uuid = ?1)", error);
  if (tomb == NULL)
    return FALSE;
  bind_text (tomb, 1, uuid);
  if (sqlite3_step (tomb) != SQLITE_ROW)
    {
      set_sql_error (store, _("Could not read the signal"), error);
      return FALSE;
    }
  *tombstoned = sqlite3_column_int (tomb, 0) != 0;
  return TRUE;
}

static char *
join_strv (const char * const *strv)
{
  return g_strjoinv (" ", (char **) strv);
}

/* MIRRORS write_signal(), fts_refresh() and search_key_for() in
 * wb-store-signals.c (docs/records.md): the records module has no call
 * that stores a signal with its own revision and bookkeeping.  Keep the
 * two in step until records exposes one. */
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

gboolean
_wb_exchange_write_signal (WbStore     *store,
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
  g_autoptr(WbCachedStmt) names = NULL;
  g_autoptr(WbCachedStmt) del_fts = NULL;
  g_autoptr(WbCachedStmt) key = NULL;
  g_autoptr(WbCachedStmt) ins_fts = NULL;
  g_autofree char *owned_json = canonical_json == NULL ? wb_signal_dup_canonical_json (signal) : NULL;
  g_autofree char *owned_hash = canonical_hash == NULL ? wb_signal_dup_canonical_hash (signal) : NULL;
  const char *json = canonical_json != NULL ? canonical_json : owned_json;
  const char *hash = canonical_hash != NULL ? canonical_hash : owned_hash;
  g_autofree char *created = format_timestamp (wb_signal_get_created_at (signal));
  g_autofree char *updated = format_timestamp (wb_signal_get_updated_at (signal));
  g_autofree char *tags = join_strv (wb_signal_get_tags (signal));
  g_autofree char *handles = join_strv (wb_signal_get_handles (signal));
  g_autofree char *cases = NULL;
  const char * const *categories = wb_signal_get_categories (signal);
  GPtrArray *persons = wb_signal_get_persons (signal);
  gboolean inserting = *id == 0;
  gint64 search_key;

  if (*id == 0)
    row = _wb_store_prepare_cached (store,
                                    "INSERT INTO signals (uuid, revision, level, tlp, municipality, occurred_on, "
                                    "review_on, closed_on, legal_hold, created_at, updated_at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                    error);
  else
    row = _wb_store_prepare_cached (store,
                                    "UPDATE signals SET revision = ?2, level = ?3, tlp = ?4, municipality = ?5, "
                                    "occurred_on = ?6, review_on = ?7, closed_on = ?8, legal_hold = ?9, "
                                    "created_at = ?10, updated_at = ?11 WHERE uuid = ?1",
                                    error);
  if (row == NULL)
    return FALSE;
  bind_text (row, 1, wb_signal_get_uuid (signal));
  sqlite3_bind_int64 (row, 2, wb_signal_get_revision (signal));
  sqlite3_bind_int (row, 3, wb_signal_get_level (signal));
  bind_text (row, 4, wb_enum_to_nick (WB_TYPE_TLP, wb_signal_get_tlp (signal)));
  bind_text (row, 5, wb_signal_get_municipality (signal));
  bind_text (row, 6, wb_signal_get_occurred_on (signal));
  bind_text (row, 7, wb_signal_get_review_on (signal));
  bind_text (row, 8, wb_signal_get_closed_on (signal));
  sqlite3_bind_int (row, 9, wb_signal_get_legal_hold (signal) ? 1 : 0);
  bind_text (row, 10, created);
  bind_text (row, 11, updated);
  if (!step_done (store, row, error))
    return FALSE;
  if (*id == 0)
    *id = sqlite3_last_insert_rowid (_wb_store_get_db (store));

  doc = _wb_store_prepare_cached (store,
                                  "INSERT INTO signal_docs (id, hash, json) VALUES (?1, ?2, ?3) "
                                  "ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, json = excluded.json",
                                  error);
  if (doc == NULL)
    return FALSE;
  sqlite3_bind_int64 (doc, 1, *id);
  bind_text (doc, 2, hash);
  bind_text (doc, 3, json);
  if (!step_done (store, doc, error))
    return FALSE;

  /* History: a revision already held (an older copy) stays as it was. */
  rev = _wb_store_prepare_cached (store,
                                  "INSERT OR IGNORE INTO signal_revisions (signal_id, revision, hash, recorded_at, json) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5)",
                                  error);
  if (rev == NULL)
    return FALSE;
  sqlite3_bind_int64 (rev, 1, *id);
  sqlite3_bind_int64 (rev, 2, wb_signal_get_revision (signal));
  bind_text (rev, 3, hash);
  bind_text (rev, 4, updated);
  bind_text (rev, 5, json);
  if (!step_done (store, rev, error))
    return FALSE;

  del_cat = _wb_store_prepare_cached (store, "DELETE FROM signal_categories WHERE signal_id = ?1", error);
  ins_cat = _wb_store_prepare_cached (store,
                                      "INSERT INTO signal_categories (signal_id, code, category) VALUES (?1, ?2, ?3)",
                                      error);
  if (del_cat == NULL || ins_cat == NULL)
    return FALSE;
  sqlite3_bind_int64 (del_cat, 1, *id);
  if (!step_done (store, del_cat, error))
    return FALSE;
  for (guint i = 0; categories[i] != NULL; i++)
    {
      sqlite3_reset (ins_cat);
      sqlite3_bind_int64 (ins_cat, 1, *id);
      bind_text (ins_cat, 2, categories[i]);
      bind_text (ins_cat, 3, wb_taxonomy_get_category (categories[i]));
      if (!step_done (store, ins_cat, error))
        return FALSE;
    }

  del_per = _wb_store_prepare_cached (store, "DELETE FROM persons WHERE signal_id = ?1", error);
  ins_per = _wb_store_prepare_cached (store,
                                      "INSERT INTO persons (signal_id, position, pseudonym, role) VALUES (?1, ?2, ?3, ?4)",
                                      error);
  del_ident = _wb_store_prepare_cached (store,
                                        "DELETE FROM identities WHERE signal_id = ?1 AND pseudonym NOT IN "
                                        "(SELECT pseudonym FROM persons WHERE signal_id = ?1)",
                                        error);
  if (del_per == NULL || ins_per == NULL || del_ident == NULL)
    return FALSE;
  sqlite3_bind_int64 (del_per, 1, *id);
  if (!step_done (store, del_per, error))
    return FALSE;
  for (guint i = 0; i < persons->len; i++)
    {
      WbPerson *person = g_ptr_array_index (persons, i);

      sqlite3_reset (ins_per);
      sqlite3_bind_int64 (ins_per, 1, *id);
      sqlite3_bind_int (ins_per, 2, i);
      bind_text (ins_per, 3, person->pseudonym);
      bind_text (ins_per, 4, wb_enum_to_nick (WB_TYPE_PERSON_ROLE, person->role));
      if (!step_done (store, ins_per, error))
        return FALSE;
    }
  sqlite3_bind_int64 (del_ident, 1, *id);
  if (!step_done (store, del_ident, error))
    return FALSE;

  /* A signal new to this vault is in no case and has no search row yet. */
  if (!inserting)
    {
      names = _wb_store_prepare_cached (store,
                                        "SELECT group_concat (c.name, ' ') FROM case_members m "
                                        "JOIN cases c ON c.id = m.case_id WHERE m.signal_uuid = ?1",
                                        error);
      if (names == NULL)
        return FALSE;
      bind_text (names, 1, wb_signal_get_uuid (signal));
      if (sqlite3_step (names) != SQLITE_ROW)
        {
          set_sql_error (store, _("Could not update the search index"), error);
          return FALSE;
        }
      cases = column_dup (names, 0);

      del_fts = _wb_store_prepare_cached (store,
                                          "DELETE FROM signals_fts WHERE rowid = (SELECT search_key FROM signals WHERE id = ?1)",
                                          error);
      if (del_fts == NULL)
        return FALSE;
      sqlite3_bind_int64 (del_fts, 1, *id);
      if (!step_done (store, del_fts, error))
        return FALSE;
    }

  search_key = search_key_for (signal, *id);
  key = _wb_store_prepare_cached (store, "UPDATE signals SET search_key = ?2 WHERE id = ?1", error);
  ins_fts = _wb_store_prepare_cached (store,
                                      "INSERT INTO signals_fts (rowid, summary, description, tags, handles, cases) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                      error);
  if (key == NULL || ins_fts == NULL)
    return FALSE;
  sqlite3_bind_int64 (key, 1, *id);
  sqlite3_bind_int64 (key, 2, search_key);
  if (!step_done (store, key, error))
    return FALSE;
  sqlite3_bind_int64 (ins_fts, 1, search_key);
  bind_text (ins_fts, 2, wb_signal_get_summary (signal));
  bind_text (ins_fts, 3, wb_signal_get_description (signal));
  bind_text (ins_fts, 4, tags);
  bind_text (ins_fts, 5, handles);
  bind_text (ins_fts, 6, cases);
  return step_done (store, ins_fts, error);
}

gboolean
_wb_exchange_add_tombstone (WbStore     *store,
                            const char  *uuid,
                            guint        revision,
                            GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *now = _wb_exchange_now_string ();

  stmt = _wb_store_prepare_cached (store,
                                   "INSERT OR IGNORE INTO tombstones (uuid, revision, reason, recorded_at) "
                                   "VALUES (?1, ?2, 'bundle', ?3)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, revision);
  bind_text (stmt, 3, now);
  return step_done (store, stmt, error);
}

GPtrArray *
_wb_exchange_list_tombstones (WbStore     *store,
                              const char  *since,
                              GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT uuid, revision FROM tombstones WHERE ?1 IS NULL OR recorded_at >= ?1 "
                                   "ORDER BY uuid",
                                   error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                                           (const char *) sqlite3_column_text (stmt, 0),
                                           (gint64) sqlite3_column_int64 (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      set_sql_error (store, _("Could not read the vault"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
_wb_exchange_add_provenance (WbStore     *store,
                             const char  *uuid,
                             guint        revision,
                             const char  *sender,
                             const char  *bundle_uuid,
                             GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *now = _wb_exchange_now_string ();

  stmt = _wb_store_prepare_cached (store,
                                   "INSERT OR IGNORE INTO provenance (signal_uuid, revision, sender, bundle_uuid, recorded_at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, revision);
  bind_text (stmt, 3, sender);
  bind_text (stmt, 4, bundle_uuid);
  bind_text (stmt, 5, now);
  return step_done (store, stmt, error);
}

gboolean
_wb_exchange_add_conflict (WbStore     *store,
                           const char  *uuid,
                           guint        revision,
                           const char  *hash,
                           const char  *json,
                           const char  *sender,
                           const char  *bundle_uuid,
                           GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *now = _wb_exchange_now_string ();

  stmt = _wb_store_prepare_cached (store,
                                   "INSERT INTO conflicts (signal_uuid, revision, hash, json, sender, bundle_uuid, recorded_at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, revision);
  bind_text (stmt, 3, hash);
  bind_text (stmt, 4, json);
  bind_text (stmt, 5, sender);
  bind_text (stmt, 6, bundle_uuid);
  bind_text (stmt, 7, now);
  return step_done (store, stmt, error);
}

GPtrArray *
_wb_exchange_list_conflicts (WbStore  *store,
                             gint64    id,
                             GError  **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) _wb_conflict_row_free);
  int rc;

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT id, signal_uuid, revision, hash, json, sender, bundle_uuid, recorded_at "
                                   "FROM conflicts WHERE resolution IS NULL AND (?1 = 0 OR id = ?1) ORDER BY id",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WbConflictRow *row = g_new0 (WbConflictRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->signal_uuid = column_dup (stmt, 1);
      row->revision = sqlite3_column_int64 (stmt, 2);
      row->hash = column_dup (stmt, 3);
      row->json = column_dup (stmt, 4);
      row->sender = column_dup (stmt, 5);
      row->bundle_uuid = column_dup (stmt, 6);
      row->recorded_at = column_dup (stmt, 7);
      g_ptr_array_add (out, row);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (store, _("Could not read the conflicts"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
_wb_exchange_resolve_conflict (WbStore     *store,
                               gint64       id,
                               const char  *resolution,
                               GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;

  stmt = _wb_store_prepare_cached (store, "UPDATE conflicts SET resolution = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, resolution);
  return step_done (store, stmt, error);
}

/* ---- audit ------------------------------------------------------------ */

/* The same chain as audit_append() in wb-store-signals.c: entries from
 * both modules interleave in one log that wb_records_verify_audit()
 * checks. */
gboolean
_wb_exchange_audit (WbStore     *store,
                    const char  *action,
                    const char  *object_uuid,
                    GError     **error)
{
  g_autofree char *role = wb_store_dup_setting (store, WB_RECORDS_SETTING_ROLE);

  return _wb_exchange_audit_as (store, role, action, object_uuid, error);
}

gboolean
_wb_exchange_audit_as (WbStore     *store,
                       const char  *role,
                       const char  *action,
                       const char  *object_uuid,
                       GError     **error)
{
  g_autoptr(WbCachedStmt) head = NULL;
  g_autoptr(WbCachedStmt) insert = NULL;
  g_autoptr(WbCachedStmt) update = NULL;
  g_autofree char *time = _wb_exchange_now_string ();
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
      prev = column_dup (head, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      set_sql_error (store, _("Could not write the audit log"), error);
      return FALSE;
    }

  entry.seq = seq + 1;
  entry.time = time;
  entry.actor_role = (char *) (role != NULL ? role : "unspecified");
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
  bind_text (insert, 2, entry.time);
  bind_text (insert, 3, entry.actor_role);
  bind_text (insert, 4, entry.action);
  bind_text (insert, 5, entry.object_uuid);
  bind_text (insert, 6, entry.result);
  bind_text (insert, 7, entry.prev_hash);
  bind_text (insert, 8, hash);
  if (!step_done (store, insert, error))
    return FALSE;

  update = _wb_store_prepare_cached (store,
                                     "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2) "
                                     "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
                                     error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, entry.seq);
  bind_text (update, 2, hash);
  return step_done (store, update, error);
}
