/* wb-ui-jobs.h — a widget's records jobs: busy count, cancellation, toasts
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

/* How the widget words a failure: wb_ui_describe_error(), or
 * wb_exchange_ui_describe_error() for the bundle pages. */
typedef char *(*WbUiDescribeFunc) (const GError *error);

/* Called on the main thread when a job ended, never when it was
 * cancelled.  @result (transfer none) is NULL when the job failed; the
 * failure was shown already.  @user_data (transfer full) is the
 * callback's to free. */
typedef void (*WbUiJobDone) (gpointer owner,
                             gpointer result,
                             gpointer user_data);

/* Embedded in a widget (the owner) that has an ::add-toast signal and a
 * boolean property saying it is busy; the widget reads n_busy through
 * wb_ui_jobs_is_busy() and nothing else of it. */
typedef struct
{
  GObject          *owner;
  GParamSpec       *busy_pspec;
  WbUiDescribeFunc  describe;
  GCancellable     *cancellable;
  guint             n_busy;
} WbUiJobs;

void          wb_ui_jobs_init            (WbUiJobs          *jobs,
                                          gpointer           owner,
                                          GParamSpec        *busy_pspec,
                                          WbUiDescribeFunc   describe);
/* Cancels what runs with wb_ui_jobs_get_cancellable() (on dispose, or
 * when the widget shows another store or signal); later jobs get a new
 * one. */
void          wb_ui_jobs_cancel          (WbUiJobs          *jobs);
/* In finalize: cancels, and frees what the jobs hold. */
void          wb_ui_jobs_clear           (WbUiJobs          *jobs);
GCancellable *wb_ui_jobs_get_cancellable (WbUiJobs          *jobs);
gboolean      wb_ui_jobs_is_busy         (const WbUiJobs    *jobs);
/* For work around a job (reading a file first): busy until released. */
void          wb_ui_jobs_hold            (WbUiJobs          *jobs);
void          wb_ui_jobs_release         (WbUiJobs          *jobs);
/* A toast through the owner's ::add-toast; nothing for a cancellation. */
void          wb_ui_jobs_toast_error     (WbUiJobs          *jobs,
                                          const GError      *error);
/* wb_records_run_async() while the owner is busy: a failure becomes a
 * toast, then @done (may be NULL) runs.  @cancellable NULL means the job
 * always ends (a write the user expects to happen); otherwise pass
 * wb_ui_jobs_get_cancellable() or one of the widget's own.  @user_data
 * is freed with @user_data_free when @done does not run. */
void          wb_ui_jobs_run             (WbUiJobs          *jobs,
                                          WbStore           *store,
                                          WbRecordsJobFunc   func,
                                          gpointer           data,
                                          GDestroyNotify     data_free,
                                          GDestroyNotify     result_free,
                                          GCancellable      *cancellable,
                                          WbUiJobDone        done,
                                          gpointer           user_data,
                                          GDestroyNotify     user_data_free);

G_END_DECLS
