/* wb-signal-list.h — the vault's signals as a GListModel, loaded off the main thread
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
#include "wb-records.h"

G_BEGIN_DECLS

#define WB_TYPE_SIGNAL_LIST (wb_signal_list_get_type ())

G_DECLARE_FINAL_TYPE (WbSignalList, wb_signal_list, WB, SIGNAL_LIST, GObject)

/* A GListModel of WbSignal list rows (wb_signal_is_complete() FALSE:
 * load the complete signal with wb_records_get_signal() before showing
 * details or editing): the result of wb_records_list_signal_rows() or,
 * with search text, wb_records_search_rows(), for the current filter.  Every
 * change of store, text or filter starts a new query in a worker
 * (wb_records_run_read_async()), cancelling the one before, even inside
 * SQLite.  A query runs in two steps: its first rows (about a screenful)
 * replace the items at once, then the complete result is appended behind
 * them; "loading" stays TRUE until then, and "n-total" is set at the end.
 * Setting the store to NULL (lock) cancels and empties the model at once. */
WbSignalList  *wb_signal_list_new              (void);
WbStore       *wb_signal_list_get_store        (WbSignalList          *self);
void           wb_signal_list_set_store        (WbSignalList          *self,
                                                WbStore               *store);
const char    *wb_signal_list_get_search_text  (WbSignalList          *self);
void           wb_signal_list_set_search_text  (WbSignalList          *self,
                                                const char            *text);
/* Copies @filter (its strings too); NULL means wb_records_filter_init(). */
void           wb_signal_list_set_filter       (WbSignalList          *self,
                                                const WbRecordsFilter *filter);
void           wb_signal_list_get_filter       (WbSignalList          *self,
                                                WbRecordsFilter       *filter);
/* Runs the query again (after a change in the vault). */
void           wb_signal_list_reload           (WbSignalList          *self);
/* TRUE while a query runs. */
gboolean       wb_signal_list_get_loading      (WbSignalList          *self);
/* Signals in the vault regardless of search and filter, as of the last
 * query; -1 before the first. */
gint64         wb_signal_list_get_n_total      (WbSignalList          *self);
/* The position of the signal with @uuid, or G_MAXUINT. */
guint          wb_signal_list_find             (WbSignalList          *self,
                                                const char            *uuid);

G_END_DECLS
