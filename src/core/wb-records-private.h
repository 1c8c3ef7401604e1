/* wb-records-private.h — the records module's writers, for other store
 * modules (bundle import/merge) that must store signals and audit
 * entries exactly as records does
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_COMPILATION)
# error "wb-records-private.h is private to libweerbaar-core."
#endif

#include "wb-records.h"
#include "wb-signal-rows-private.h"
#include "wb-store-private.h"

G_BEGIN_DECLS

/* Inside the caller's transaction.  Writes @signal as it is (revision,
 * timestamps, level … are the caller's business): the current row
 * (inserted when *@id is 0, which then gets the new row id; updated by
 * UUID otherwise), its document, a revision row, categories, persons
 * (dropping identities of pseudonyms no longer named) and the full-text
 * row under its search key.  No validation, no audit entry. */
gboolean  _wb_records_write_signal   (WbStore     *store,
                                      WbSignal    *signal,
                                      gint64      *id,
                                      GError     **error);

/* The same, reusing @signal's canonical JSON and its hash when the caller
 * made them from this very object (wb_signal_dup_canonical_json() and
 * the BLAKE2b-256 hex of wb_signal_dup_canonical_hash()), as the bundle
 * reader does: stored byte for byte, not serialised again.  Both or
 * neither (NULL: computed here). */
gboolean  _wb_records_write_signal_json (WbStore     *store,
                                         WbSignal    *signal,
                                         const char  *canonical_json,
                                         const char  *canonical_hash,
                                         gint64      *id,
                                         GError     **error);

/* Inside the caller's transaction, after @signal's document was written
 * under row @id (which clears them): stores what its list row shows
 * besides the narrow columns — summary, date precision, category codes
 * (schema 5).  _wb_records_write_signal() does this itself; another
 * writer of signal_docs that skips it leaves rows right but slower. */
gboolean  _wb_records_write_list_columns (WbStore   *store,
                                          WbSignal  *signal,
                                          gint64     id,
                                          GError   **error);

/* Inside the caller's transaction: appends one entry to the hash-chained
 * audit log.  @role NULL = the vault's "organisation-role" setting.
 * Never pass content: an action name and a UUID. */
gboolean  _wb_records_audit_append   (WbStore     *store,
                                      const char  *role,
                                      const char  *action,
                                      const char  *object_uuid,
                                      GError     **error);

/* The list rows of wb_records_list_signal_rows() (@text NULL) or
 * wb_records_search_rows(), packed (WbSignalList keeps them so). */
WbSignalRows *_wb_records_select_rows (WbStore                *store,
                                       const char             *text,
                                       const WbRecordsFilter  *filter,
                                       GError                **error);

/* A string list as a JSON array (decisions' instruments). */
char         *_wb_records_strv_to_json   (const char * const *strv);
/* A decision from 12 columns of the decisions table starting at @first:
 * kind, from_level, to_level, date, deciding_role, facts, assessment,
 * decision, instruments, skip_reason, outcome, measures. */
WbDecision   *_wb_records_decision_from_columns (sqlite3_stmt *stmt,
                                                 int           first);

G_END_DECLS
