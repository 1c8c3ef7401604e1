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

#include <string.h>

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

/* @absent collects the UUIDs of the bundle's signals that are not in
 * the vault after the merge (tombstoned here). */
static gboolean
merge_signal (WbStore        *store,
              WbBundle       *bundle,
              const char     *role,
              guint           index,
              GHashTable     *absent,
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
      g_hash_table_add (absent, (gpointer) uuid);
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

/* ---- format 1.1: decisions, match key, match tokens ------------------- */

/* A decision sent back to us about our own signal: moves it as the
 * ladder says, as our next revision, past the revision the decision
 * gave the sender's copy (so the sender's copy never conflicts with
 * ours when we send it again).  Our content is kept; only level,
 * closing and review date change.  If it no longer fits our signal
 * (moved meanwhile) it is still recorded, and the report says so. */
static gboolean
apply_returned_decision (WbStore           *store,
                         WbBundle          *bundle,
                         WbBundleDecision  *bd,
                         const char        *role,
                         WbMergeReport     *report,
                         GError           **error)
{
  g_autoptr(WbSignal) current = NULL;
  g_autoptr(WbSignal) next = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) now_s = _wb_timestamp_normalise (now);
  WbBundleDecision stored = *bd;
  WbActorKind kind = g_strcmp0 (bundle->sender_kind, "coordinator") == 0 ? WB_ACTOR_COORDINATOR
                                                                          : WB_ACTOR_MUNICIPALITY;
  gint64 id = 0;
  gboolean exists;
  gboolean tombstoned;
  guint ours;
  g_autofree char *hash = NULL;

  if (!_wb_exchange_lookup_signal (store, bd->signal_uuid, &exists, &id, &ours, &hash, &tombstoned, error))
    return FALSE;
  if (!exists)
    {
      g_ptr_array_add (report->notes,
                       g_strdup_printf (_("A decision by %s on signal %s was skipped: the signal is not in this vault"),
                                        bundle->sender->name, bd->signal_uuid));
      return TRUE;
    }

  current = wb_records_get_signal (store, bd->signal_uuid, error);
  if (current == NULL)
    return FALSE;
  next = wb_signal_copy (current);
  if (wb_ladder_apply_decision (next, bd->decision, kind, &local_error))
    {
      wb_signal_set_revision (next, MAX (ours, bd->revision) + 1);
      wb_signal_set_updated_at (next, now_s);
      if (!wb_signal_validate (next, error) ||
          !_wb_exchange_write_signal (store, next, NULL, NULL, &id, error))
        return FALSE;
      stored.revision = wb_signal_get_revision (next);
      report->n_levels_moved++;
    }
  else
    g_ptr_array_add (report->notes,
                     g_strdup_printf (_("A decision by %s on signal %s was recorded but does not fit the signal’s current level, which was kept"),
                                      bundle->sender->name, bd->signal_uuid));

  return _wb_exchange_insert_decision (store, &stored, bundle->sender->fingerprint, error) &&
         _wb_exchange_audit_as (store, role, "decision.import", bd->signal_uuid, error);
}

/* Whether a signal of the bundle is in the vault now.  Without
 * tombstones in the bundle, the signal merge already knows: every
 * signal is there but those in @absent, and a second lookup per
 * decision and per signal was about 1% of an import. */
static gboolean
bundle_signal_known (WbStore     *store,
                     WbBundle    *bundle,
                     GHashTable  *absent,
                     const char  *uuid,
                     gboolean    *known,
                     GError     **error)
{
  g_autofree char *hash = NULL;
  gboolean tombstoned;
  guint ours;
  gint64 id;

  if (bundle->tombstones->len == 0)
    {
      *known = !g_hash_table_contains (absent, uuid);
      return TRUE;
    }
  return _wb_exchange_lookup_signal (store, uuid, known, &id, &ours, &hash, &tombstoned, error);
}

static gboolean
merge_extras (WbStore        *store,
              WbBundle       *bundle,
              const char     *role,
              GHashTable     *absent,
              WbMergeReport  *report,
              GError        **error)
{
  g_autoptr(GHashTable) in_bundle = NULL;

  if (bundle->decisions == NULL || (bundle->decisions->len == 0 && bundle->match_key == NULL &&
                                    bundle->match_key_id == NULL))
    return TRUE;

  in_bundle = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < bundle->signals->len; i++)
    g_hash_table_add (in_bundle, (gpointer) wb_signal_get_uuid (g_ptr_array_index (bundle->signals, i)));

  /* Union by UUID, in the sender's order; never rewritten or removed. */
  for (guint i = 0; i < bundle->decisions->len; i++)
    {
      WbBundleDecision *bd = g_ptr_array_index (bundle->decisions, i);
      gboolean exists;

      if (!_wb_exchange_decision_exists (store, bd->uuid, &exists, error))
        return FALSE;
      if (exists)
        continue;
      if (g_hash_table_contains (in_bundle, bd->signal_uuid))
        {
          /* The signal's own document already shows where it stands. */
          gboolean known;

          if (!bundle_signal_known (store, bundle, absent, bd->signal_uuid, &known, error))
            return FALSE;
          if (!known)
            continue;
          if (!_wb_exchange_insert_decision (store, bd, bundle->sender->fingerprint, error))
            return FALSE;
        }
      else if (!apply_returned_decision (store, bundle, bd, role, report, error))
        return FALSE;
      report->n_decisions++;
    }

  if (bundle->match_key != NULL)
    {
      if (!_wb_matches_save_key (store, bundle->sender->fingerprint, bundle->match_key, error) ||
          !_wb_exchange_audit_as (store, role, "match-key.receive", NULL, error))
        return FALSE;
      report->match_key_received = TRUE;
    }

  if (bundle->match_key_id != NULL)
    {
      g_autoptr(WbKey) own = NULL;
      g_autofree char *own_id = NULL;
      g_autoptr(GHashTable) by_signal = NULL;

      if (!_wb_matches_load_key (store, "", &own, error))
        return FALSE;
      if (own != NULL)
        own_id = _wb_matches_key_id (own);
      if (own_id == NULL || !g_str_equal (own_id, bundle->match_key_id))
        {
          if (bundle->match_tokens->len > 0)
            g_ptr_array_add (report->notes,
                             g_strdup_printf (_("The match tokens from %s were made with another match key and were not stored"),
                                              bundle->sender->name));
          return TRUE;
        }

      by_signal = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < bundle->match_tokens->len; i++)
        {
          WbMatchToken *t = g_ptr_array_index (bundle->match_tokens, i);
          GPtrArray *list = g_hash_table_lookup (by_signal, t->signal_uuid);

          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (by_signal, t->signal_uuid, list);
            }
          g_ptr_array_add (list, t);
        }
      /* Every signal document replaces the tokens we had for it. */
      for (guint i = 0; i < bundle->signals->len; i++)
        {
          const char *uuid = wb_signal_get_uuid (g_ptr_array_index (bundle->signals, i));
          GPtrArray *list = g_hash_table_lookup (by_signal, uuid);
          gboolean known;

          if (!bundle_signal_known (store, bundle, absent, uuid, &known, error))
            return FALSE;
          if (!known)
            continue;
          if (!_wb_matches_replace_tokens (store, uuid, bundle->sender->fingerprint, list, error))
            return FALSE;
          report->n_match_tokens += list != NULL ? list->len : 0;
        }
    }

  return TRUE;
}

/* Format 1.2: a received file is kept for a signal that now stands here
 * as the bundle has it (added, replaced or unchanged), never for one
 * kept aside as a conflict, older than ours or purged here; once per
 * signal and SHA-256. */
static gboolean
merge_attachments (WbStore    *store,
                   WbBundle   *bundle,
                   const char *role,
                   GError    **error)
{
  g_autoptr(GHashTable) hashes = NULL;

  if (bundle->attachments == NULL || bundle->attachments->len == 0)
    return TRUE;
  hashes = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < bundle->signals->len; i++)
    g_hash_table_insert (hashes, (gpointer) wb_signal_get_uuid (g_ptr_array_index (bundle->signals, i)),
                         g_ptr_array_index (bundle->hashes, i));

  for (guint i = 0; i < bundle->attachments->len; i++)
    {
      WbBundleAttachment *att = g_ptr_array_index (bundle->attachments, i);
      const char *theirs = g_hash_table_lookup (hashes, att->signal_uuid);
      g_autofree char *ours = NULL;
      gboolean exists;
      gboolean tombstoned;
      gboolean added;
      guint revision;
      gint64 id;

      if (!_wb_exchange_lookup_signal (store, att->signal_uuid, &exists, &id, &revision, &ours, &tombstoned, error))
        return FALSE;
      if (!exists || theirs == NULL || g_strcmp0 (ours, theirs) != 0)
        continue;
      if (!_wb_exchange_store_attachment (store, id, att, &added, error))
        return FALSE;
      if (added && !_wb_exchange_audit_as (store, role, "attachment.import", att->signal_uuid, error))
        return FALSE;
    }
  return TRUE;
}

/* The order in which merge_txn() writes a bundle's signals. */
typedef struct
{
  guint  index;
  int    level;
  guint  day;
} MergeOrder;

static int
merge_order_compare (gconstpointer a,
                     gconstpointer b)
{
  const MergeOrder *x = a;
  const MergeOrder *y = b;

  if (x->level != y->level)
    return x->level > y->level ? -1 : 1;
  if (x->day != y->day)
    return x->day > y->day ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The bundle's signals by level, highest first, then by date of
 * occurrence, newest first: the order of their full-text rowids
 * (search_key_for() in wb-store-signals.c), so new rows reach FTS5 in
 * ascending rowid order.  FTS5 writes out everything it holds whenever a
 * rowid is lower than the one before, and in the sender's order that was
 * every other signal: a tiny index segment each, merged again and again,
 * about a third of an import (issue #6).  Which row is written first
 * changes nothing else: each signal is merged on its own. */
static GArray *
merge_order (WbBundle *bundle)
{
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (MergeOrder), bundle->signals->len);

  for (guint i = 0; i < bundle->signals->len; i++)
    {
      WbSignal *signal = g_ptr_array_index (bundle->signals, i);
      MergeOrder o = { i, CLAMP (wb_signal_get_level (signal), WB_LADDER_MIN_LEVEL, WB_LADDER_MAX_LEVEL), 0 };
      GDate date;

      g_date_clear (&date, 1);
      if (wb_date_parse_iso (wb_signal_get_occurred_on (signal), &date))
        o.day = g_date_get_julian (&date);
      g_array_append_val (order, o);
    }
  g_array_sort (order, merge_order_compare);
  return order;
}

static int
conflict_compare (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  guint x = GPOINTER_TO_UINT (g_hash_table_lookup (user_data, *(const char * const *) a));
  guint y = GPOINTER_TO_UINT (g_hash_table_lookup (user_data, *(const char * const *) b));

  return (x > y) - (x < y);
}

/* The report lists conflicts in the bundle's order, as before
 * merge_order(). */
static void
sort_conflicts (WbBundle      *bundle,
                WbMergeReport *report)
{
  g_autoptr(GHashTable) position = NULL;

  if (report->conflicts->len < 2)
    return;
  position = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = bundle->signals->len; i > 0; i--)
    g_hash_table_insert (position, (gpointer) wb_signal_get_uuid (g_ptr_array_index (bundle->signals, i - 1)),
                         GUINT_TO_POINTER (i));
  g_ptr_array_sort_with_data (report->conflicts, conflict_compare, position);
}

static gboolean
merge_txn (WbStore        *store,
           WbBundle       *bundle,
           WbMergeReport  *report,
           GError        **error)
{
  g_autofree char *role = wb_store_dup_setting (store, WB_RECORDS_SETTING_ROLE);
  g_autoptr(GHashTable) absent = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) order = NULL;
  gboolean seen;

  if (!_wb_exchange_was_received (store, bundle->sender->fingerprint, bundle->bundle_uuid, &seen, error))
    return FALSE;
  if (seen)
    {
      report->already_imported = TRUE;
      return TRUE;
    }

  order = merge_order (bundle);
  for (guint i = 0; i < order->len; i++)
    if (!merge_signal (store, bundle, role, g_array_index (order, MergeOrder, i).index, absent, report, error))
      return FALSE;
  sort_conflicts (bundle, report);
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
         merge_extras (store, bundle, role, absent, report, error) &&
         merge_attachments (store, bundle, role, error) &&
         note_gaps (store, bundle, report, error) &&
         _wb_exchange_audit (store, "bundle.import", bundle->bundle_uuid, error);
}

static WbMergeReport *
report_new (WbBundle *bundle,
            gboolean  dry_run)
{
  WbMergeReport *report = g_new0 (WbMergeReport, 1);

  report->bundle_uuid = g_strdup (bundle->bundle_uuid);
  report->sender = g_strdup (bundle->sender->name);
  report->dry_run = dry_run;
  report->conflicts = g_ptr_array_new_with_free_func (g_free);
  report->notes = g_ptr_array_new_with_free_func (g_free);
  /* Pinned is enough to import (the signature is checked against the
   * pinned key), but until someone compared the fingerprint, the key may
   * be someone else's: say so wherever the report is shown. */
  if (!bundle->sender->verified)
    g_ptr_array_add (report->notes,
                     /* Translators: %s is an organisation */
                     g_strdup_printf (_("The fingerprint of %s has not been compared yet: "
                                        "check it with them (Contacts) before relying on this bundle"),
                                      bundle->sender->name));
  return report;
}

/* Inside the caller's transaction: the bundle as one savepoint, so it is
 * still all or nothing. */
static WbMergeReport *
merge_savepoint (WbStore   *store,
                 WbBundle  *bundle,
                 gboolean   dry_run,
                 GError   **error)
{
  g_autoptr(WbMergeReport) report = report_new (bundle, dry_run);

  if (!_wb_store_exec (store, "SAVEPOINT wb_bundle", error))
    return NULL;
  if (!merge_txn (store, bundle, report, error))
    {
      if (_wb_store_exec (store, "ROLLBACK TO wb_bundle", NULL))
        _wb_store_exec (store, "RELEASE wb_bundle", NULL);
      return NULL;
    }
  if ((dry_run || report->already_imported) && !_wb_store_exec (store, "ROLLBACK TO wb_bundle", error))
    return NULL;
  if (!_wb_store_exec (store, "RELEASE wb_bundle", error))
    return NULL;
  return g_steal_pointer (&report);
}

/* Inside the caller's transaction, which the caller rolls back as a
 * whole if this fails.  An already imported bundle wrote nothing. */
static WbMergeReport *
merge_direct (WbStore   *store,
              WbBundle  *bundle,
              GError   **error)
{
  g_autoptr(WbMergeReport) report = report_new (bundle, FALSE);

  if (!merge_txn (store, bundle, report, error))
    return NULL;
  return g_steal_pointer (&report);
}

WbMergeReport *
wb_merge_bundle (WbStore    *store,
                 WbBundle   *bundle,
                 gboolean    dry_run,
                 GError    **error)
{
  g_autoptr(WbMergeReport) report = NULL;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (bundle != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  report = report_new (bundle, dry_run);
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

typedef struct
{
  WbIdentity   *identity;
  GPtrArray    *contacts;
  const char   *path;
  GCancellable *cancellable;
  WbBundle     *merged;   /* in: a bundle already merged, to free */
  WbBundle     *bundle;   /* out */
  GError       *error;    /* out */
} ReadJob;

static gpointer
read_job_thread (gpointer data)
{
  ReadJob *job = data;

  /* Freeing 300 signals' objects is about 1% of an import: here it
   * runs beside the merge instead of before the next one. */
  g_clear_pointer (&job->merged, wb_bundle_free);
  job->bundle = _wb_bundle_read_file_offline (job->identity, job->contacts, job->path,
                                              job->cancellable, &job->error);
  return NULL;
}

/* Signals merged per commit by wb_bundle_import_files(). */
#define IMPORT_BATCH_SIGNALS 20000

typedef struct
{
  guint          index;
  const char    *path;
  WbMergeReport *report;
  GError        *error;
} Pending;

static void
pending_free (Pending *p)
{
  g_clear_pointer (&p->report, wb_merge_report_free);
  g_clear_error (&p->error);
  g_free (p);
}

static GThread *
read_job_start (ReadJob *job)
{
  return g_thread_new ("wb-bundle-read", read_job_thread, job);
}

/* Bulk mode only changes sizes (wb-store-private.h): an import that
 * could not leave it has still imported what it reported. */
static void
leave_bulk (WbStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!_wb_store_set_bulk (store, FALSE, &error))
    g_debug ("Could not leave bulk mode: %s", error->message);
}

gboolean
wb_bundle_import_files (WbStore             *store,
                        const char * const  *paths,
                        gboolean             dry_run,
                        WbImportFunc         func,
                        gpointer             user_data,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(WbIdentity) identity = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(WbBundle) merged = NULL;
  ReadJob jobs[2];
  GThread *thread = NULL;
  gboolean in_txn = FALSE;
  guint batch = 0;
  guint n;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = g_strv_length ((char **) paths);
  if (n == 0)
    return TRUE;

  /* Snapshots for the worker: it never touches the store. */
  identity = wb_identity_ensure (store, error);
  if (identity == NULL)
    return FALSE;
  contacts = wb_contacts_list (store, error);
  if (contacts == NULL)
    return FALSE;

  if (!_wb_store_set_bulk (store, TRUE, error))
    return FALSE;

  memset (jobs, 0, sizeof jobs);
  jobs[0] = (ReadJob) { identity, contacts, paths[0], cancellable, NULL, NULL, NULL };
  thread = read_job_start (&jobs[0]);
  pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);

  for (guint i = 0; i < n; i++)
    {
      ReadJob *job = &jobs[i % 2];
      g_autoptr(WbBundle) bundle = NULL;
      Pending *p = g_new0 (Pending, 1);

      g_thread_join (thread);
      thread = NULL;
      bundle = g_steal_pointer (&job->bundle);
      p->index = i;
      p->path = paths[i];
      p->error = g_steal_pointer (&job->error);
      g_ptr_array_add (pending, p);

      if (i + 1 < n)
        {
          jobs[(i + 1) % 2] = (ReadJob) { identity, contacts, paths[i + 1], cancellable,
                                          g_steal_pointer (&merged), NULL, NULL };
          thread = read_job_start (&jobs[(i + 1) % 2]);
        }

      if (bundle != NULL)
        {
          if (!in_txn && !_wb_store_begin (store, &local_error))
            break;
          in_txn = TRUE;
          /* A dry run rolls each bundle back to its savepoint, so every
           * report stands alone.  A real import needs none: a failure
           * rolls back the whole batch and ends the import, so a bundle
           * is still all or nothing, and no sub-journal copies every page
           * the batch touches (issue #6). */
          if (dry_run)
            p->report = merge_savepoint (store, bundle, dry_run, &local_error);
          else
            p->report = merge_direct (store, bundle, &local_error);
          if (p->report == NULL)
            break;
          batch += bundle->signals->len + 1;
          /* The next read job frees it. */
          g_clear_pointer (&merged, wb_bundle_free);
          merged = g_steal_pointer (&bundle);
        }

      /* Many bundles per commit (each still its own savepoint): far fewer
       * pages written than one commit per bundle.  Reports go out only
       * once their bundles are durable. */
      if (in_txn && (batch >= IMPORT_BATCH_SIGNALS || i + 1 == n))
        {
          if (dry_run)
            _wb_store_rollback (store);
          else if (!_wb_store_commit (store, &local_error))
            break;
          in_txn = FALSE;
          batch = 0;
        }
      if (!in_txn)
        {
          for (guint j = 0; j < pending->len; j++)
            {
              Pending *q = g_ptr_array_index (pending, j);

              func (q->index, q->path, q->report, q->error, user_data);
            }
          g_ptr_array_set_size (pending, 0);
        }
    }

  if (local_error != NULL)
    {
      if (in_txn)
        _wb_store_rollback (store);
      leave_bulk (store);
      if (thread != NULL)
        {
          g_thread_join (thread);
          for (guint k = 0; k < 2; k++)
            {
              g_clear_pointer (&jobs[k].bundle, wb_bundle_free);
              g_clear_error (&jobs[k].error);
            }
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  leave_bulk (store);
  return TRUE;
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
