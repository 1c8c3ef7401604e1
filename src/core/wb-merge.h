/* wb-merge.h — importing bundles: merge by UUID and revision (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_INSIDE) && !defined (WB_CORE_COMPILATION)
# error "Only <wb-core.h> can be included directly."
#endif

#include <gio/gio.h>

#include "wb-types.h"
#include "wb-bundle-reader.h"
#include "wb-signal.h"

G_BEGIN_DECLS

typedef struct
{
  char      *bundle_uuid;
  char      *sender;            /* organisation name */
  gboolean   dry_run;
  gboolean   already_imported;  /* a no-op: nothing changed */
  guint      n_added;
  guint      n_updated;         /* newer revision replaced ours (history kept) */
  guint      n_unchanged;
  guint      n_older;           /* ours is newer: kept */
  guint      n_conflicts;       /* same revision, other content: kept aside */
  guint      n_purged;          /* tombstones applied */
  guint      n_skipped;         /* purged here, or under legal hold */
  guint      n_acknowledged;
  GPtrArray *conflicts;         /* UUIDs (char *) */
  GPtrArray *notes;             /* translated lines: gaps, holds … */
  /* Format 1.1: */
  guint      n_decisions;       /* decisions appended (not seen before) */
  guint      n_levels_moved;    /* our signals moved by a decision sent back */
  guint      n_match_tokens;    /* stored */
  gboolean   match_key_received;
} WbMergeReport;

typedef struct
{
  gint64    id;
  char     *uuid;
  guint     revision;
  char     *sender;        /* organisation name, or the fingerprint */
  char     *bundle_uuid;
  char     *recorded_at;
  WbSignal *theirs;
  WbSignal *ours;          /* NULL if ours is gone */
} WbConflict;

void           wb_merge_report_free       (WbMergeReport  *report);
void           wb_conflict_free           (WbConflict     *conflict);

/* Merges a bundle that wb_bundle_read() accepted, in one transaction
 * (rolled back for @dry_run). */
WbMergeReport *wb_merge_bundle            (WbStore        *store,
                                           WbBundle       *bundle,
                                           gboolean        dry_run,
                                           GError        **error);
/* wb_bundle_read() + wb_merge_bundle(). */
WbMergeReport *wb_bundle_import           (WbStore        *store,
                                           const char     *path,
                                           gboolean        dry_run,
                                           GCancellable   *cancellable,
                                           GError        **error);

/* Called once per file, in order, on the calling thread: @report for a
 * merged (or already imported) bundle, else @error (the bundle was
 * rejected or unreadable; nothing of it was stored). */
typedef void (*WbImportFunc) (guint                index,
                              const char          *path,
                              const WbMergeReport *report,
                              const GError        *error,
                              gpointer             user_data);

/* Imports many bundles, each all or nothing, reading (verifying,
 * decrypting, parsing) the next one in a worker thread while the
 * current one is merged.  Returns FALSE only if the vault itself
 * failed; rejected bundles go to @func and the others continue. */
gboolean       wb_bundle_import_files     (WbStore             *store,
                                           const char * const  *paths,
                                           gboolean             dry_run,
                                           WbImportFunc         func,
                                           gpointer             user_data,
                                           GCancellable        *cancellable,
                                           GError             **error);

/* Unresolved conflicts (GPtrArray of WbConflict), oldest first. */
GPtrArray     *wb_merge_list_conflicts    (WbStore        *store,
                                           GError        **error);
/* Takes their version as our next revision, or keeps ours. */
gboolean       wb_merge_resolve_conflict  (WbStore        *store,
                                           gint64          id,
                                           gboolean        take_theirs,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbMergeReport, wb_merge_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbConflict, wb_conflict_free)

G_END_DECLS
