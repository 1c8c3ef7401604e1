/* wb-merge.c — importing bundles: merge by UUID and revision (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One transaction per bundle: a newer revision replaces ours (the old one
 * stays in signal_revisions), an older one never does, and the same
 * revision with other content is kept aside as a conflict — never a
 * silent overwrite.  A dry run does the same work and rolls it back.
 */

#define G_LOG_DOMAIN "wb-merge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-exchange-private.h"
#include "wb-merge.h"
#include "wb-records.h"
#include "wb-signal-private.h"

void
wb_merge_report_free (WbMergeReport *report)
{
  if (report == NULL)
    return;
  g_free (report->bundle_uuid);
  g_free (report->sender);
  g_clear_pointer (&report->conflicts, g_ptr_array_unref);
  g_clear_pointer (&report->notes, g_ptr_array_unref);
  g_free (report);
}

void
wb_conflict_free (WbConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->uuid);
  g_free (conflict->sender);
  g_free (conflict->bundle_uuid);
  g_free (conflict->recorded_at);
  g_clear_object (&conflict->theirs);
  g_clear_object (&conflict->ours);
  g_free (conflict);
}

static gboolean
merge_signal (WbStore        *store,
              WbBundle       *bundle,
              const char     *role,
              guint           index,
              WbMergeReport  *report,
              GError        **error)
{
  WbSignal *signal = g_ptr_array_index (bundle->signals, index);
  const char *json = g_ptr_array_index (bundle->canonical, index);
  const char *hash = g_ptr_array_index (bundle->hashes, index);
  const char *uuid = wb_signal_get_uuid (signal);
  guint revision = wb_signal_get_revision (signal);
  g_autofree char *ours_hash = NULL;
  gboolean exists;
  gboolean tombstoned;
  guint ours;
  gint64 id;

  if (!_wb_exchange_lookup_signal (store, uuid, &exists, &id, &ours, &ours_hash, &tombstoned, error))
    return FALSE;

  if (!exists && tombstoned)
    {
      report->n_skipped++;
      return TRUE;
    }

  if (exists && revision < ours)
    {
      report->n_older++;
      return TRUE;
    }

  if (exists && revision == ours)
    {
      if (g_str_equal (hash, ours_hash))
        {
          report->n_unchanged++;
          return _wb_exchange_add_provenance (store, uuid, revision, bundle->sender->fingerprint,
                                              bundle->bundle_uuid, error);
        }
      else
        {
          report->n_conflicts++;
          g_ptr_array_add (report->conflicts, g_strdup (uuid));
          return _wb_exchange_add_conflict (store, uuid, revision, hash, json,
                                            bundle->sender->fingerprint, bundle->bundle_uuid, error) &&
                 _wb_exchange_audit_as (store, role, "signal.import-conflict", uuid, error);
        }
    }

  if (exists)
    report->n_updated++;
  else
    report->n_added++;

  return _wb_exchange_write_signal (store, signal, json, hash, &id, error) &&
         _wb_exchange_add_provenance (store, uuid, revision, bundle->sender->fingerprint,
                                      bundle->bundle_uuid, error) &&
         _wb_exchange_audit_as (store, role, exists ? "signal.import-update" : "signal.import", uuid, error);
}

static gboolean
apply_tombstone (WbStore        *store,
                 WbTombstone    *t,
                 WbMergeReport  *report,
                 GError        **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean exists;
  gboolean tombstoned;
  guint ours;
  gint64 id;

  if (!_wb_exchange_lookup_signal (store, t->uuid, &exists, &id, &ours, &hash, &tombstoned, error))
    return FALSE;
  if (tombstoned)
    return TRUE;
  if (!exists)
    return _wb_exchange_add_tombstone (store, t->uuid, t->revision, error);

  /* A savepoint inside our transaction (wb-records batch rules). */
  if (!wb_records_purge (store, t->uuid, &local_error))
    {
      if (g_error_matches (local_error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_LEGAL_HOLD))
        {
          report->n_skipped++;
          g_ptr_array_add (report->notes,
                           g_strdup_printf (_("Signal %s was retracted by the sender but is kept here under legal hold"),
                                            t->uuid));
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  report->n_purged++;
  return TRUE;
}

static gboolean
note_gaps (WbStore        *store,
           WbBundle       *bundle,
           WbMergeReport  *report,
           GError        **error)
{
  g_autoptr(GArray) seqs = _wb_exchange_received_seqs (store, bundle->sender->fingerprint, error);
  guint64 expected = 1;

  if (seqs == NULL)
    return FALSE;
  for (guint i = 0; i < seqs->len; i++)
    {
      guint64 seq = g_array_index (seqs, guint64, i);

      for (; expected < seq; expected++)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, expected);

          g_ptr_array_add (report->notes,
                           g_strdup_printf (_("Bundle %s from %s is missing"), number, bundle->sender->name));
        }
      expected = seq + 1;
    }

  if (bundle->sequence > 1)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *prev = _wb_exchange_received_hash (store, bundle->sender->fingerprint,
                                                          bundle->sequence - 1, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (prev != NULL && g_strcmp0 (prev, bundle->previous_hash) != 0)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, bundle->sequence);
          g_autofree char *before = g_strdup_printf ("%" G_GUINT64_FORMAT, bundle->sequence - 1);

          /* Translators: "Bundle 7 from Gemeente Utrecht does not follow bundle 6 received before" */
          g_ptr_array_add (report->notes,
                           g_strdup_printf (_("Bundle %s from %s does not follow bundle %s received before; ask the sender"),
                                            number, bundle->sender->name, before));
        }
    }
  return TRUE;
}

static gboolean
merge_txn (WbStore        *store,
           WbBundle       *bundle,
           WbMergeReport  *report,
           GError        **error)
{
  g_autofree char *role = wb_store_dup_setting (store, WB_RECORDS_SETTING_ROLE);
  gboolean seen;

  if (!_wb_exchange_was_received (store, bundle->sender->fingerprint, bundle->bundle_uuid, &seen, error))
    return FALSE;
  if (seen)
    {
      report->already_imported = TRUE;
      return TRUE;
    }

  for (guint i = 0; i < bundle->signals->len; i++)
    if (!merge_signal (store, bundle, role, i, report, error))
      return FALSE;
  for (guint i = 0; i < bundle->tombstones->len; i++)
    if (!apply_tombstone (store, g_ptr_array_index (bundle->tombstones, i), report, error))
      return FALSE;
  for (guint i = 0; bundle->acknowledges[i] != NULL; i++)
    {
      gboolean found = FALSE;

      if (!_wb_exchange_acknowledge (store, bundle->sender->fingerprint, bundle->acknowledges[i], &found, error))
        return FALSE;
      if (found)
        report->n_acknowledged++;
    }

  return _wb_exchange_record_received (store, bundle->sender->fingerprint, bundle->bundle_uuid,
                                       bundle->sequence, bundle->hash, error) &&
         note_gaps (store, bundle, report, error) &&
         _wb_exchange_audit (store, "bundle.import", bundle->bundle_uuid, error);
}

WbMergeReport *
wb_merge_bundle (WbStore    *store,
                 WbBundle   *bundle,
                 gboolean    dry_run,
                 GError    **error)
{
  g_autoptr(WbMergeReport) report = g_new0 (WbMergeReport, 1);

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (bundle != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report->bundle_uuid = g_strdup (bundle->bundle_uuid);
  report->sender = g_strdup (bundle->sender->name);
  report->dry_run = dry_run;
  report->conflicts = g_ptr_array_new_with_free_func (g_free);
  report->notes = g_ptr_array_new_with_free_func (g_free);

  if (!_wb_store_begin (store, error))
    return NULL;
  if (!merge_txn (store, bundle, report, error))
    {
      _wb_store_rollback (store);
      return NULL;
    }
  if (dry_run || report->already_imported)
    _wb_store_rollback (store);
  else if (!_wb_store_commit (store, error))
    {
      _wb_store_rollback (store);
      return NULL;
    }

  return g_steal_pointer (&report);
}

WbMergeReport *
wb_bundle_import (WbStore       *store,
                  const char    *path,
                  gboolean       dry_run,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(WbBundle) bundle = NULL;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bundle = wb_bundle_read (store, path, cancellable, error);
  if (bundle == NULL)
    return NULL;
  return wb_merge_bundle (store, bundle, dry_run, error);
}

GPtrArray *
wb_merge_list_conflicts (WbStore  *store,
                         GError  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_conflict_free);
  g_autoptr(GPtrArray) contacts = NULL;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rows = _wb_exchange_list_conflicts (store, 0, error);
  if (rows == NULL)
    return NULL;
  contacts = wb_contacts_list (store, error);
  if (contacts == NULL)
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      WbConflictRow *row = g_ptr_array_index (rows, i);
      g_autoptr(WbConflict) c = g_new0 (WbConflict, 1);
      g_autoptr(GError) local_error = NULL;

      c->id = row->id;
      c->uuid = g_strdup (row->signal_uuid);
      c->revision = row->revision;
      c->bundle_uuid = g_strdup (row->bundle_uuid);
      c->recorded_at = g_strdup (row->recorded_at);
      for (guint j = 0; j < contacts->len && c->sender == NULL; j++)
        {
          WbContact *contact = g_ptr_array_index (contacts, j);

          if (g_str_equal (contact->fingerprint, row->sender))
            c->sender = g_strdup (contact->name);
        }
      if (c->sender == NULL)
        c->sender = g_strdup (row->sender);
      c->theirs = wb_signal_new_from_json (row->json, -1, WB_SIGNAL_JSON_NONE, error);
      if (c->theirs == NULL)
        return NULL;
      c->ours = wb_records_get_signal (store, row->signal_uuid, &local_error);
      g_ptr_array_add (out, g_steal_pointer (&c));
    }
  return g_steal_pointer (&out);
}

typedef struct
{
  gint64   id;
  gboolean take_theirs;
} ResolveData;

static gboolean
resolve_txn (WbStore   *store,
             gpointer   user_data,
             GError   **error)
{
  ResolveData *data = user_data;
  g_autoptr(GPtrArray) rows = _wb_exchange_list_conflicts (store, data->id, error);
  WbConflictRow *row;

  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    {
      g_set_error_literal (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_CONFLICT_NOT_FOUND,
                           _("There is no open conflict with that number"));
      return FALSE;
    }
  row = g_ptr_array_index (rows, 0);

  if (data->take_theirs)
    {
      g_autoptr(WbSignal) theirs = wb_signal_new_from_json (row->json, -1, WB_SIGNAL_JSON_NONE, error);
      g_autofree char *hash = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) now_s = NULL;
      gboolean exists;
      gboolean tombstoned;
      guint ours;
      gint64 id;

      if (theirs == NULL)
        return FALSE;
      if (!_wb_exchange_lookup_signal (store, row->signal_uuid, &exists, &id, &ours, &hash, &tombstoned, error))
        return FALSE;
      /* Theirs becomes our next revision, so ours stays in the history. */
      now_s = _wb_timestamp_normalise (now);
      wb_signal_set_revision (theirs, MAX (ours, row->revision) + 1);
      wb_signal_set_updated_at (theirs, now_s);
      if (!wb_signal_validate (theirs, error) ||
          !_wb_exchange_write_signal (store, theirs, NULL, NULL, &id, error))
        return FALSE;
    }

  return _wb_exchange_resolve_conflict (store, row->id, data->take_theirs ? "theirs" : "ours", error) &&
         _wb_exchange_audit (store, data->take_theirs ? "conflict.take-theirs" : "conflict.keep-ours",
                             row->signal_uuid, error);
}

gboolean
wb_merge_resolve_conflict (WbStore   *store,
                           gint64     id,
                           gboolean   take_theirs,
                           GError   **error)
{
  ResolveData data = { id, take_theirs };

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _wb_store_run_in_transaction (store, resolve_txn, &data, error);
}
