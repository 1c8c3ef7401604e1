/* wb-ui-jobs.c — a widget's records jobs: busy count, cancellation, toasts
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-ui-jobs"

#include "config.h"

#include "wb-ui-errors.h"
#include "wb-ui-jobs.h"

void
wb_ui_jobs_init (WbUiJobs         *jobs,
                 gpointer          owner,
                 GParamSpec       *busy_pspec,
                 WbUiDescribeFunc  describe)
{
  g_return_if_fail (jobs != NULL);
  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (busy_pspec != NULL);

  jobs->owner = owner;
  jobs->busy_pspec = busy_pspec;
  jobs->describe = describe != NULL ? describe : wb_ui_describe_error;
  jobs->cancellable = g_cancellable_new ();
  jobs->n_busy = 0;
}

void
wb_ui_jobs_cancel (WbUiJobs *jobs)
{
  g_return_if_fail (jobs != NULL);

  g_cancellable_cancel (jobs->cancellable);
  g_clear_object (&jobs->cancellable);
  jobs->cancellable = g_cancellable_new ();
}

void
wb_ui_jobs_clear (WbUiJobs *jobs)
{
  g_return_if_fail (jobs != NULL);

  if (jobs->cancellable != NULL)
    g_cancellable_cancel (jobs->cancellable);
  g_clear_object (&jobs->cancellable);
}

GCancellable *
wb_ui_jobs_get_cancellable (WbUiJobs *jobs)
{
  g_return_val_if_fail (jobs != NULL, NULL);

  return jobs->cancellable;
}

gboolean
wb_ui_jobs_is_busy (const WbUiJobs *jobs)
{
  g_return_val_if_fail (jobs != NULL, FALSE);

  return jobs->n_busy > 0;
}

void
wb_ui_jobs_hold (WbUiJobs *jobs)
{
  g_return_if_fail (jobs != NULL);

  if (jobs->n_busy++ == 0)
    g_object_notify_by_pspec (jobs->owner, jobs->busy_pspec);
}

void
wb_ui_jobs_release (WbUiJobs *jobs)
{
  g_return_if_fail (jobs != NULL);
  g_return_if_fail (jobs->n_busy > 0);

  if (--jobs->n_busy == 0)
    g_object_notify_by_pspec (jobs->owner, jobs->busy_pspec);
}

void
wb_ui_jobs_toast_error (WbUiJobs     *jobs,
                        const GError *error)
{
  g_autofree char *message = NULL;
  g_autoptr(AdwToast) toast = NULL;

  g_return_if_fail (jobs != NULL);
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  message = jobs->describe (error);
  toast = wb_ui_toast_new (message);
  g_signal_emit_by_name (jobs->owner, "add-toast", toast);
}

typedef struct
{
  GObject        *owner;   /* keeps the WbUiJobs inside it alive */
  WbUiJobs       *jobs;
  GDestroyNotify  result_free;
  WbUiJobDone     done;
  gpointer        user_data;
  GDestroyNotify  user_data_free;
} Run;

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;
  gpointer value;

  value = wb_records_run_finish (result, &error);
  wb_ui_jobs_release (run->jobs);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (run->user_data_free != NULL && run->user_data != NULL)
        run->user_data_free (run->user_data);
    }
  else
    {
      if (value == NULL)
        wb_ui_jobs_toast_error (run->jobs, error);
      if (run->done != NULL)
        run->done (run->owner, value, run->user_data);
      else if (run->user_data_free != NULL && run->user_data != NULL)
        run->user_data_free (run->user_data);
    }

  if (value != NULL && run->result_free != NULL)
    run->result_free (value);
  g_object_unref (run->owner);
  g_free (run);
}

void
wb_ui_jobs_run (WbUiJobs         *jobs,
                WbStore          *store,
                WbRecordsJobFunc  func,
                gpointer          data,
                GDestroyNotify    data_free,
                GDestroyNotify    result_free,
                GCancellable     *cancellable,
                WbUiJobDone       done,
                gpointer          user_data,
                GDestroyNotify    user_data_free)
{
  Run *run;

  g_return_if_fail (jobs != NULL);
  g_return_if_fail (WB_IS_STORE (store));
  g_return_if_fail (func != NULL);

  run = g_new0 (Run, 1);
  run->owner = g_object_ref (jobs->owner);
  run->jobs = jobs;
  run->result_free = result_free;
  run->done = done;
  run->user_data = user_data;
  run->user_data_free = user_data_free;

  wb_ui_jobs_hold (jobs);
  wb_records_run_async (store, func, data, data_free, result_free, cancellable,
                        run_done_cb, run);
}
