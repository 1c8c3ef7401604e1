/* wb-store-exchange.c — SQL of identity, contacts, bundles and merge
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tables from migration 3 (wb-store.c).  Signals and audit entries are
 * written through the records module's private writers
 * (wb-records-private.h), so a received signal is stored exactly like a
 * local one, with the sender's revision and bookkeeping.
 */

#define G_LOG_DOMAIN "wb-store-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "wb-exchange-private.h"
#include "wb-key.h"
#include "wb-records-private.h"

char *
_wb_exchange_now_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return _wb_store_format_timestamp (now);
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
      _wb_store_set_sql_error (store, _("Could not read the vault's identity"), error);
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
  _wb_store_bind_text (stmt, 4, now);
  return _wb_store_step_done (store, stmt, error);
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
  _wb_store_bind_text (stmt, 1, name);
  if (sign_key != NULL)
    sqlite3_bind_blob (stmt, 2, sign_key, WB_MINISIGN_PUBLIC_KEY_BYTES, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WbContact *c = g_new0 (WbContact, 1);

      c->name = _wb_store_column_dup (stmt, 0);
      c->role = _wb_store_column_dup (stmt, 1);
      if (sqlite3_column_bytes (stmt, 2) == WB_MINISIGN_KEY_ID_BYTES)
        memcpy (c->sign_key.key_id, sqlite3_column_blob (stmt, 2), WB_MINISIGN_KEY_ID_BYTES);
      if (sqlite3_column_bytes (stmt, 3) == WB_MINISIGN_PUBLIC_KEY_BYTES)
        memcpy (c->sign_key.key, sqlite3_column_blob (stmt, 3), WB_MINISIGN_PUBLIC_KEY_BYTES);
      if (sqlite3_column_bytes (stmt, 4) == WB_AGE_PUBLIC_KEY_BYTES)
        memcpy (c->age_key.key, sqlite3_column_blob (stmt, 4), WB_AGE_PUBLIC_KEY_BYTES);
      g_strlcpy (c->fingerprint, (const char *) sqlite3_column_text (stmt, 5), sizeof c->fingerprint);
      c->verified = sqlite3_column_int (stmt, 6) != 0;
      c->added_at = _wb_store_column_dup (stmt, 7);
      g_ptr_array_add (contacts, c);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the contacts"), error);
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
  _wb_store_bind_text (stmt, 1, contact->name);
  _wb_store_bind_text (stmt, 2, contact->role);
  sqlite3_bind_blob (stmt, 3, contact->sign_key.key_id, WB_MINISIGN_KEY_ID_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 4, contact->sign_key.key, WB_MINISIGN_PUBLIC_KEY_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 5, contact->age_key.key, WB_AGE_PUBLIC_KEY_BYTES, SQLITE_TRANSIENT);
  _wb_store_bind_text (stmt, 6, contact->fingerprint);
  sqlite3_bind_int (stmt, 7, contact->verified ? 1 : 0);
  _wb_store_bind_text (stmt, 8, now);
  _wb_store_bind_text (stmt, 9, card);
  return _wb_store_step_done (store, stmt, error);
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
  _wb_store_bind_text (stmt, 1, fingerprint);
  return _wb_store_step_done (store, stmt, error);
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
  _wb_store_bind_text (stmt, 1, recipient);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *seq = sqlite3_column_int64 (stmt, 0);
      *hash = _wb_store_column_dup (stmt, 1);
      *created_at = _wb_store_column_dup (stmt, 2);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  _wb_store_set_sql_error (store, _("Could not read the bundle log"), error);
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
  _wb_store_bind_text (stmt, 1, bundle_uuid);
  _wb_store_bind_text (stmt, 2, recipient);
  sqlite3_bind_int64 (stmt, 3, seq);
  _wb_store_bind_text (stmt, 4, hash);
  _wb_store_bind_text (stmt, 5, now);
  return _wb_store_step_done (store, stmt, error);
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
  _wb_store_bind_text (stmt, 1, recipient);
  _wb_store_bind_text (stmt, 2, bundle_uuid);
  _wb_store_bind_text (stmt, 3, now);
  if (!_wb_store_step_done (store, stmt, error))
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
  _wb_store_bind_text (stmt, 1, sender);
  _wb_store_bind_text (stmt, 2, bundle_uuid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not read the bundle log"), error);
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
  _wb_store_bind_text (stmt, 1, sender);
  _wb_store_bind_text (stmt, 2, bundle_uuid);
  sqlite3_bind_int64 (stmt, 3, seq);
  _wb_store_bind_text (stmt, 4, hash);
  _wb_store_bind_text (stmt, 5, now);
  return _wb_store_step_done (store, stmt, error);
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
  _wb_store_bind_text (stmt, 1, sender);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 seq = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (seqs, seq);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the bundle log"), error);
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
  _wb_store_bind_text (stmt, 1, sender);
  sqlite3_bind_int64 (stmt, 2, seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _wb_store_column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    _wb_store_set_sql_error (store, _("Could not read the bundle log"), error);
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
  _wb_store_bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *exists = TRUE;
      *id = sqlite3_column_int64 (stmt, 0);
      *revision = sqlite3_column_int64 (stmt, 1);
      *hash = _wb_store_column_dup (stmt, 2);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the signal"), error);
      return FALSE;
    }

  tomb = _wb_store_prepare_cached (store, "SELECT EXISTS (SELECT 1 FROM tombstones WHERE uuid = ?1)", error);
  if (tomb == NULL)
    return FALSE;
  _wb_store_bind_text (tomb, 1, uuid);
  if (sqlite3_step (tomb) != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not read the signal"), error);
      return FALSE;
    }
  *tombstoned = sqlite3_column_int (tomb, 0) != 0;
  return TRUE;
}

/* The records module's own writer (wb-records-private.h), so signals
 * from bundles are stored exactly like local ones.  The bundle reader
 * made @canonical_json and @canonical_hash from this very object, so
 * they are stored as they are rather than serialised again. */
gboolean
_wb_exchange_write_signal (WbStore     *store,
                           WbSignal    *signal,
                           const char  *canonical_json,
                           const char  *canonical_hash,
                           gint64      *id,
                           GError     **error)
{
  return _wb_records_write_signal_json (store, signal, canonical_json, canonical_hash, id, error);
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
  _wb_store_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, revision);
  _wb_store_bind_text (stmt, 3, now);
  return _wb_store_step_done (store, stmt, error);
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
  _wb_store_bind_text (stmt, 1, since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                                           (const char *) sqlite3_column_text (stmt, 0),
                                           (gint64) sqlite3_column_int64 (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the vault"), error);
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
  _wb_store_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, revision);
  _wb_store_bind_text (stmt, 3, sender);
  _wb_store_bind_text (stmt, 4, bundle_uuid);
  _wb_store_bind_text (stmt, 5, now);
  return _wb_store_step_done (store, stmt, error);
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
  _wb_store_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, revision);
  _wb_store_bind_text (stmt, 3, hash);
  _wb_store_bind_text (stmt, 4, json);
  _wb_store_bind_text (stmt, 5, sender);
  _wb_store_bind_text (stmt, 6, bundle_uuid);
  _wb_store_bind_text (stmt, 7, now);
  return _wb_store_step_done (store, stmt, error);
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
      row->signal_uuid = _wb_store_column_dup (stmt, 1);
      row->revision = sqlite3_column_int64 (stmt, 2);
      row->hash = _wb_store_column_dup (stmt, 3);
      row->json = _wb_store_column_dup (stmt, 4);
      row->sender = _wb_store_column_dup (stmt, 5);
      row->bundle_uuid = _wb_store_column_dup (stmt, 6);
      row->recorded_at = _wb_store_column_dup (stmt, 7);
      g_ptr_array_add (out, row);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the conflicts"), error);
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
  _wb_store_bind_text (stmt, 2, resolution);
  return _wb_store_step_done (store, stmt, error);
}

/* ---- audit ------------------------------------------------------------ */

gboolean
_wb_exchange_audit (WbStore     *store,
                    const char  *action,
                    const char  *object_uuid,
                    GError     **error)
{
  return _wb_records_audit_append (store, NULL, action, object_uuid, error);
}

gboolean
_wb_exchange_audit_as (WbStore     *store,
                       const char  *role,
                       const char  *action,
                       const char  *object_uuid,
                       GError     **error)
{
  return _wb_records_audit_append (store, role, action, object_uuid, error);
}

/* ---- decisions in bundles (schema 6) ---------------------------------- */

WbActorKind
_wb_exchange_vault_kind (WbStore *store)
{
  g_autofree char *text = wb_store_dup_setting (store, WB_RECORDS_SETTING_VAULT_KIND);

  return g_strcmp0 (text, "coordinator") == 0 ? WB_ACTOR_COORDINATOR : WB_ACTOR_MUNICIPALITY;
}

GPtrArray *
_wb_exchange_list_decisions (WbStore     *store,
                             const char  *signal_uuid,
                             gboolean     local_only,
                             GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_bundle_decision_free);
  int rc;

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT uuid, revision, kind, from_level, to_level, date, deciding_role, facts, "
                                   "assessment, decision, instruments, skip_reason, outcome, measures "
                                   "FROM decisions WHERE signal_uuid = ?1 AND (?2 = 0 OR origin IS NULL) ORDER BY id",
                                   error);
  if (stmt == NULL)
    return NULL;
  _wb_store_bind_text (stmt, 1, signal_uuid);
  sqlite3_bind_int (stmt, 2, local_only ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WbBundleDecision *bd = g_new0 (WbBundleDecision, 1);

      bd->uuid = _wb_store_column_dup (stmt, 0);
      bd->signal_uuid = g_strdup (signal_uuid);
      bd->revision = sqlite3_column_int64 (stmt, 1);
      bd->decision = _wb_records_decision_from_columns (stmt, 2);
      g_ptr_array_add (out, bd);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the decisions"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
_wb_exchange_decision_exists (WbStore     *store,
                              const char  *uuid,
                              gboolean    *exists,
                              GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;

  stmt = _wb_store_prepare_cached (store, "SELECT EXISTS (SELECT 1 FROM decisions WHERE uuid = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not read the decisions"), error);
      return FALSE;
    }
  *exists = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

gboolean
_wb_exchange_insert_decision (WbStore                 *store,
                              const WbBundleDecision  *bd,
                              const char              *origin,
                              GError                 **error)
{
  const WbDecision *d = bd->decision;
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *date = wb_date_format_iso (&d->date);
  g_autofree char *instruments = _wb_records_strv_to_json ((const char * const *) d->instruments);
  g_autofree char *now = _wb_exchange_now_string ();

  stmt = _wb_store_prepare_cached (store,
                                   /* OR FAIL: no statement journal for the
                                    * trigger, which would make FTS5 flush
                                    * per signal (docs/records.md). */
                                   "INSERT OR FAIL INTO decisions (signal_uuid, revision, kind, from_level, to_level, date, "
                                   "deciding_role, facts, assessment, decision, instruments, skip_reason, outcome, "
                                   "measures, recorded_at, uuid, origin) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, bd->signal_uuid);
  sqlite3_bind_int64 (stmt, 2, bd->revision);
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
  _wb_store_bind_text (stmt, 16, bd->uuid);
  _wb_store_bind_text (stmt, 17, origin);
  return _wb_store_step_done (store, stmt, error);
}

gboolean
_wb_exchange_signal_origin (WbStore     *store,
                            const char  *signal_uuid,
                            char       **origin,
                            GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  int rc;

  *origin = NULL;
  stmt = _wb_store_prepare_cached (store,
                                   "SELECT sender FROM provenance WHERE signal_uuid = ?1 "
                                   "ORDER BY recorded_at, revision LIMIT 1",
                                   error);
  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, signal_uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *origin = _wb_store_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the vault"), error);
      return FALSE;
    }
  return TRUE;
}
