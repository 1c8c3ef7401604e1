/* wb-records-async.h — wb-records.h calls off the main thread, one at a time
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
#include "wb-ladder.h"
#include "wb-signal.h"

G_BEGIN_DECLS

/* A WbStore is one SQLite connection with a statement cache and plain
 * BEGIN/COMMIT transactions: it must not be used by two threads at once.
 * Every job below runs in a worker thread while holding one process-wide
 * lock, so jobs never overlap; code on the main thread that must touch the
 * store while jobs may run (locking the vault) brackets it with
 * wb_records_jobs_lock()/_unlock(). */

typedef gpointer (*WbRecordsJobFunc) (WbStore       *store,
                                      gpointer       data,
                                      GCancellable  *cancellable,
                                      GError       **error);

void         wb_records_jobs_lock           (void);
void         wb_records_jobs_unlock         (void);

/* Runs @func (@store, @data) in a worker.  @data is owned by the job and
 * freed with @data_free; the result (NULL = failure, with the error set)
 * with @result_free when nobody takes it.  A job cancelled before it
 * starts does not run. */
void         wb_records_run_async           (WbStore             *store,
                                             WbRecordsJobFunc     func,
                                             gpointer             data,
                                             GDestroyNotify       data_free,
                                             GDestroyNotify       result_free,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gpointer     wb_records_run_finish          (GAsyncResult        *result,
                                             GError             **error);
/* The same for a job that only reads: cancelling @cancellable also stops
 * the SQLite statement running at that moment (a progress handler checks
 * it every few thousand virtual machine steps), so a stale search or list
 * query frees the store at once instead of running to its end.  An
 * interrupted job fails with G_IO_ERROR_CANCELLED, and leaves no read
 * transaction open behind it.  Never for a job that writes: an interrupted
 * write would leave SQLite to decide what is rolled back. */
void         wb_records_run_read_async      (WbStore             *store,
                                             WbRecordsJobFunc     func,
                                             gpointer             data,
                                             GDestroyNotify       data_free,
                                             GDestroyNotify       result_free,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);

/* Stores @signal: a new one (revision 0 in the store's eyes: not yet
 * there) with wb_records_add_signal(), else wb_records_edit_signal().
 * @signal is copied; the result is the stored signal. */
void         wb_records_save_signal_async   (WbStore             *store,
                                             WbSignal            *signal,
                                             gboolean             is_new,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
WbSignal    *wb_records_save_signal_finish  (GAsyncResult        *result,
                                             GError             **error);

/* wb_records_record_decision() in a worker; the result is the signal
 * after the decision. */
void         wb_records_record_decision_async  (WbStore            *store,
                                                const char         *uuid,
                                                const WbDecision   *decision,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
WbSignal    *wb_records_record_decision_finish (GAsyncResult       *result,
                                                GError            **error);

/* wb_records_list_decisions() in a worker: GPtrArray of WbDecision. */
void         wb_records_list_decisions_async   (WbStore            *store,
                                                const char         *uuid,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
GPtrArray   *wb_records_list_decisions_finish  (GAsyncResult       *result,
                                                GError            **error);

/* wb_store_dup_setting() for each of @keys (NULL-terminated) in a worker:
 * a GHashTable of key → value; keys without a value are absent. */
void         wb_records_dup_settings_async     (WbStore            *store,
                                                const char * const *keys,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
GHashTable  *wb_records_dup_settings_finish    (GAsyncResult       *result,
                                                GError            **error);

/* wb_store_set_setting() in a worker for each pair of @pairs (key, value,
 * key, value, …, NULL), in order; stops at the first failure. */
void         wb_records_set_settings_async     (WbStore            *store,
                                                const char * const *pairs,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
gboolean     wb_records_set_settings_finish    (GAsyncResult       *result,
                                                GError            **error);

G_END_DECLS
