/* wb-records-async.c — wb-records.h calls off the main thread, one at a time
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-records-async"

#include "config.h"

#include "wb-records.h"
#include "wb-records-async.h"
#include "wb-store.h"
#include "wb-store-private.h"

/* How many SQLite virtual machine steps run between two looks at the
 * cancellable: about 20–50 µs of work, and a look is one memory read. */
#define PROGRESS_STEPS 1000

static GMutex jobs_mutex;

typedef struct
{
  WbStore          *store;
  WbRecordsJobFunc  func;
  gpointer          data;
  GDestroyNotify    data_free;
  GDestroyNotify    result_free;
  gboolean          read_only;
  GCancellable     *cancellable;
  gboolean          interrupted;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_clear_object (&job->store);
  g_free (job);
}

/* SQLite's progress handler: a non-zero return makes the running
 * statement fail with SQLITE_INTERRUPT. */
static int
progress_cb (void *user_data)
{
  Job *job = user_data;

  if (!g_cancellable_is_cancelled (job->cancellable))
    return 0;

  job->interrupted = TRUE;
  return 1;
}

static gpointer
run_read_job (Job           *job,
              GCancellable  *cancellable,
              GError       **error)
{
  sqlite3 *db = _wb_store_get_db (job->store);
  g_autoptr(GError) local_error = NULL;
  gboolean was_autocommit;
  gpointer result;

  /* Locked store: the job reports that itself. */
  if (db == NULL || cancellable == NULL)
    return job->func (job->store, job->data, cancellable, error);

  /* Installed for this job only, under the jobs lock: no other job on
   * this connection can run while it is there. */
  was_autocommit = sqlite3_get_autocommit (db);
  job->cancellable = cancellable;
  job->interrupted = FALSE;
  sqlite3_progress_handler (db, PROGRESS_STEPS, progress_cb, job);
  result = job->func (job->store, job->data, cancellable, &local_error);
  sqlite3_progress_handler (db, 0, NULL, NULL);
  job->cancellable = NULL;

  /* A statement interrupted inside a read transaction may have kept the
   * job from ending it; a read transaction holds nothing worth keeping. */
  if (job->interrupted && was_autocommit && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

  if (result == NULL && job->interrupted)
    {
      g_debug ("Read job interrupted: %s", local_error != NULL ? local_error->message : "no error");
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }

  if (result == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return result;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  gpointer result;

  g_mutex_lock (&jobs_mutex);
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    result = NULL;
  else if (job->read_only)
    result = run_read_job (job, cancellable, &error);
  else
    result = job->func (job->store, job->data, cancellable, &error);
  g_mutex_unlock (&jobs_mutex);

  if (result == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "The job returned no result");
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, result, job->result_free);
}

void
wb_records_jobs_lock (void)
{
  g_mutex_lock (&jobs_mutex);
}

void
wb_records_jobs_unlock (void)
{
  g_mutex_unlock (&jobs_mutex);
}

static void
run_job (WbStore             *store,
         WbRecordsJobFunc     func,
         gpointer             data,
         GDestroyNotify       data_free,
         GDestroyNotify       result_free,
         gboolean             read_only,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  job = g_new0 (Job, 1);
  job->store = g_object_ref (store);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->read_only = read_only;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_records_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, job_thread);
}

void
wb_records_run_async (WbStore             *store,
                      WbRecordsJobFunc     func,
                      gpointer             data,
                      GDestroyNotify       data_free,
                      GDestroyNotify       result_free,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (WB_IS_STORE (store));
  g_return_if_fail (func != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_job (store, func, data, data_free, result_free, FALSE,
           cancellable, callback, user_data);
}

void
wb_records_run_read_async (WbStore             *store,
                           WbRecordsJobFunc     func,
                           gpointer             data,
                           GDestroyNotify       data_free,
                           GDestroyNotify       result_free,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (WB_IS_STORE (store));
  g_return_if_fail (func != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run_job (store, func, data, data_free, result_free, TRUE,
           cancellable, callback, user_data);
}

gpointer
wb_records_run_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- save a signal ------------------------------------------------- */

typedef struct
{
  WbSignal *signal;
  gboolean  is_new;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->signal);
  g_free (data);
}

static gpointer
save_signal_job (WbStore       *store,
                 gpointer       user_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  SaveData *data = user_data;
  gboolean ok;

  if (data->is_new)
    ok = wb_records_add_signal (store, data->signal, error);
  else
    ok = wb_records_edit_signal (store, data->signal, error);

  return ok ? g_object_ref (data->signal) : NULL;
}

void
wb_records_save_signal_async (WbStore             *store,
                              WbSignal            *signal,
                              gboolean             is_new,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  SaveData *data;

  g_return_if_fail (WB_IS_STORE (store));
  g_return_if_fail (WB_IS_SIGNAL (signal));

  data = g_new0 (SaveData, 1);
  data->signal = wb_signal_copy (signal);
  data->is_new = is_new;

  wb_records_run_async (store, save_signal_job, data, (GDestroyNotify) save_data_free,
                        g_object_unref, cancellable, callback, user_data);
}

WbSignal *
wb_records_save_signal_finish (GAsyncResult  *result,
                               GError       **error)
{
  return wb_records_run_finish (result, error);
}

/* ---- decisions ------------------------------------------------------ */

typedef struct
{
  char       *uuid;
  WbDecision *decision;
} DecisionData;

static void
decision_data_free (DecisionData *data)
{
  g_free (data->uuid);
  g_clear_pointer (&data->decision, wb_decision_free);
  g_free (data);
}

static gpointer
record_decision_job (WbStore       *store,
                     gpointer       user_data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  DecisionData *data = user_data;
  WbSignal *signal = NULL;

  if (!wb_records_record_decision (store, data->uuid, data->decision, &signal, error))
    return NULL;

  if (signal == NULL)
    signal = wb_records_get_signal (store, data->uuid, error);

  return signal;
}

void
wb_records_record_decision_async (WbStore             *store,
                                  const char          *uuid,
                                  const WbDecision    *decision,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  DecisionData *data;

  g_return_if_fail (WB_IS_STORE (store));
  g_return_if_fail (uuid != NULL);
  g_return_if_fail (decision != NULL);

  data = g_new0 (DecisionData, 1);
  data->uuid = g_strdup (uuid);
  data->decision = wb_decision_copy (decision);

  wb_records_run_async (store, record_decision_job, data, (GDestroyNotify) decision_data_free,
                        g_object_unref, cancellable, callback, user_data);
}

WbSignal *
wb_records_record_decision_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return wb_records_run_finish (result, error);
}

static gpointer
list_decisions_job (WbStore       *store,
                    gpointer       user_data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return wb_records_list_decisions (store, user_data, error);
}

void
wb_records_list_decisions_async (WbStore             *store,
                                 const char          *uuid,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (WB_IS_STORE (store));
  g_return_if_fail (uuid != NULL);

  wb_records_run_async (store, list_decisions_job, g_strdup (uuid), g_free,
                        (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
wb_records_list_decisions_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return wb_records_run_finish (result, error);
}

/* ---- vault settings -------------------------------------------------- */

/* The preferences and the first-run page read and write settings while a
 * list query may be running: through the jobs lock, like everything else. */
static gpointer
dup_settings_job (WbStore       *store,
                  gpointer       user_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  const char * const *keys = user_data;
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      char *value = wb_store_dup_setting (store, keys[i]);

      if (value != NULL)
        g_hash_table_insert (values, g_strdup (keys[i]), value);
    }

  return values;
}

void
wb_records_dup_settings_async (WbStore             *store,
                               const char * const  *keys,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (WB_IS_STORE (store));
  g_return_if_fail (keys != NULL);

  wb_records_run_async (store, dup_settings_job, g_strdupv ((char **) keys),
                        (GDestroyNotify) g_strfreev, (GDestroyNotify) g_hash_table_unref,
                        cancellable, callback, user_data);
}

GHashTable *
wb_records_dup_settings_finish (GAsyncResult  *result,
                                GError       **error)
{
  return wb_records_run_finish (result, error);
}

static gpointer
set_settings_job (WbStore       *store,
                  gpointer       user_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  const char * const *pairs = user_data;

  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    {
      if (!wb_store_set_setting (store, pairs[i], pairs[i + 1], error))
        return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

void
wb_records_set_settings_async (WbStore             *store,
                               const char * const  *pairs,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (WB_IS_STORE (store));
  g_return_if_fail (pairs != NULL);
  g_return_if_fail (g_strv_length ((char **) pairs) % 2 == 0);

  wb_records_run_async (store, set_settings_job, g_strdupv ((char **) pairs),
                        (GDestroyNotify) g_strfreev, NULL,
                        cancellable, callback, user_data);
}

gboolean
wb_records_set_settings_finish (GAsyncResult  *result,
                                GError       **error)
{
  return wb_records_run_finish (result, error) != NULL;
}
