/* wb-signal-list.c — the vault's signals as a GListModel, loaded off the main thread
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-signal-list"

#include "config.h"

#include "wb-records.h"
#include "wb-records-async.h"
#include "wb-search.h"
#include "wb-signal-list.h"
#include "wb-store.h"

struct _WbSignalList
{
  GObject          parent_instance;

  GListStore      *items;
  WbStore         *store;
  char            *search_text;
  WbRecordsFilter  filter;
  char            *category;
  char            *municipality;
  char            *occurred_from;
  char            *occurred_to;
  char            *today;
  GCancellable    *cancellable;
  gint64           n_total;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WbSignalList, wb_signal_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH_TEXT,
  PROP_LOADING,
  PROP_N_TOTAL,
  N_PROPS
};

enum {
  LOAD_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char            *text;
  WbRecordsFilter  filter;
  char            *category;
  char            *municipality;
  char            *occurred_from;
  char            *occurred_to;
  char            *today;
} Query;

typedef struct
{
  GPtrArray *signals;
  gint64     n_total;
} QueryResult;

static void
query_free (Query *query)
{
  g_free (query->text);
  g_free (query->category);
  g_free (query->municipality);
  g_free (query->occurred_from);
  g_free (query->occurred_to);
  g_free (query->today);
  g_free (query);
}

static void
query_result_free (QueryResult *result)
{
  g_clear_pointer (&result->signals, g_ptr_array_unref);
  g_free (result);
}

static gboolean
text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static gpointer
query_job (WbStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Query *query = data;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) local_error = NULL;
  QueryResult *result;
  gint64 n_total;

  n_total = wb_records_count_signals (store, error);
  if (n_total < 0)
    return NULL;

  if (text_is_blank (query->text))
    found = wb_records_list_signal_rows (store, &query->filter, error);
  else
    {
      found = wb_records_search_rows (store, query->text, &query->filter, &local_error);
      /* Text without a single word ("--") finds nothing; that is not an
       * error the user needs to read. */
      if (found == NULL && g_error_matches (local_error, WB_SEARCH_ERROR, WB_SEARCH_ERROR_EMPTY))
        {
          found = g_ptr_array_new_with_free_func (g_object_unref);
          g_clear_error (&local_error);
        }
      else if (found == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  if (found == NULL)
    return NULL;

  result = g_new0 (QueryResult, 1);
  result->signals = g_steal_pointer (&found);
  result->n_total = n_total;
  return result;
}

static void
set_loading (WbSignalList *self,
             GCancellable *cancellable)
{
  gboolean was_loading = self->cancellable != NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, cancellable);

  if (was_loading != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
replace_items (WbSignalList *self,
               GPtrArray    *found)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  if (n_old == 0 && (found == NULL || found->len == 0))
    return;

  g_list_store_splice (self->items, 0, n_old,
                       found != NULL ? found->pdata : NULL,
                       found != NULL ? found->len : 0);
}

static void
set_n_total (WbSignalList *self,
             gint64        n_total)
{
  if (self->n_total == n_total)
    return;

  self->n_total = n_total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
}

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WbSignalList) self = user_data;
  g_autoptr(GError) error = NULL;
  QueryResult *found;

  found = wb_records_run_finish (result, &error);

  /* A newer query (or a lock) replaced this one: its result is stale. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      if (found != NULL)
        query_result_free (found);
      return;
    }

  set_loading (self, NULL);

  if (found == NULL)
    {
      g_debug ("Loading the signals failed: %s", error->message);
      g_signal_emit (self, signals[LOAD_FAILED], 0, error);
      return;
    }

  replace_items (self, found->signals);
  set_n_total (self, found->n_total);
  query_result_free (found);
}

static void
start_query (WbSignalList *self)
{
  g_autoptr(GCancellable) cancellable = NULL;
  Query *query;

  if (self->store == NULL)
    {
      set_loading (self, NULL);
      return;
    }

  query = g_new0 (Query, 1);
  query->text = g_strdup (self->search_text);
  query->filter = self->filter;
  query->filter.category = query->category = g_strdup (self->category);
  query->filter.municipality = query->municipality = g_strdup (self->municipality);
  query->filter.occurred_from = query->occurred_from = g_strdup (self->occurred_from);
  query->filter.occurred_to = query->occurred_to = g_strdup (self->occurred_to);
  query->filter.today = query->today = g_strdup (self->today);

  cancellable = g_cancellable_new ();
  set_loading (self, cancellable);
  wb_records_run_async (self->store, query_job, query, (GDestroyNotify) query_free,
                        (GDestroyNotify) query_result_free, cancellable,
                        query_done_cb, g_object_ref (self));
}

static GType
wb_signal_list_get_item_type (GListModel *model)
{
  return WB_TYPE_SIGNAL;
}

static guint
wb_signal_list_get_n_items (GListModel *model)
{
  WbSignalList *self = (WbSignalList *)model;

  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

static gpointer
wb_signal_list_get_item (GListModel *model,
                         guint       position)
{
  WbSignalList *self = (WbSignalList *)model;

  return g_list_model_get_item (G_LIST_MODEL (self->items), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = wb_signal_list_get_item_type;
  iface->get_n_items = wb_signal_list_get_n_items;
  iface->get_item = wb_signal_list_get_item;
}

static void
items_changed_cb (WbSignalList *self,
                  guint         position,
                  guint         removed,
                  guint         added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
wb_signal_list_dispose (GObject *object)
{
  WbSignalList *self = (WbSignalList *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wb_signal_list_parent_class)->dispose (object);
}

static void
wb_signal_list_finalize (GObject *object)
{
  WbSignalList *self = (WbSignalList *)object;

  g_clear_object (&self->items);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->municipality, g_free);
  g_clear_pointer (&self->occurred_from, g_free);
  g_clear_pointer (&self->occurred_to, g_free);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (wb_signal_list_parent_class)->finalize (object);
}

static void
wb_signal_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WbSignalList *self = WB_SIGNAL_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, wb_signal_list_get_loading (self));
      break;

    case PROP_N_TOTAL:
      g_value_set_int64 (value, self->n_total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_signal_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WbSignalList *self = WB_SIGNAL_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      wb_signal_list_set_store (self, g_value_get_object (value));
      break;

    case PROP_SEARCH_TEXT:
      wb_signal_list_set_search_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_signal_list_class_init (WbSignalListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wb_signal_list_dispose;
  object_class->finalize = wb_signal_list_finalize;
  object_class->get_property = wb_signal_list_get_property;
  object_class->set_property = wb_signal_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         WB_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_TOTAL] =
    g_param_spec_int64 ("n-total", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WbSignalList::load-failed:
   * @error: what went wrong (never quotes content)
   *
   * A query failed; the items are those of the last query that worked.
   */
  signals[LOAD_FAILED] =
    g_signal_new ("load-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
wb_signal_list_init (WbSignalList *self)
{
  self->items = g_list_store_new (WB_TYPE_SIGNAL);
  self->n_total = -1;
  wb_records_filter_init (&self->filter);
  g_signal_connect_object (self->items, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
}

WbSignalList *
wb_signal_list_new (void)
{
  return g_object_new (WB_TYPE_SIGNAL_LIST, NULL);
}

/**
 * wb_signal_list_get_store:
 *
 * Returns: (nullable) (transfer none): the store, or %NULL
 */
WbStore *
wb_signal_list_get_store (WbSignalList *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL_LIST (self), NULL);

  return self->store;
}

void
wb_signal_list_set_store (WbSignalList *self,
                          WbStore      *store)
{
  g_return_if_fail (WB_IS_SIGNAL_LIST (self));
  g_return_if_fail (!store || WB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  if (store == NULL)
    {
      /* Locking: no decrypted signal may stay behind in memory. */
      set_loading (self, NULL);
      replace_items (self, NULL);
      set_n_total (self, -1);
    }
  else
    start_query (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
wb_signal_list_get_search_text (WbSignalList *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL_LIST (self), NULL);

  return self->search_text;
}

void
wb_signal_list_set_search_text (WbSignalList *self,
                                const char   *text)
{
  g_return_if_fail (WB_IS_SIGNAL_LIST (self));

  if (g_strcmp0 (self->search_text, text) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_strdup (text);
  start_query (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

void
wb_signal_list_set_filter (WbSignalList          *self,
                           const WbRecordsFilter *filter)
{
  WbRecordsFilter defaults;

  g_return_if_fail (WB_IS_SIGNAL_LIST (self));

  if (filter == NULL)
    {
      wb_records_filter_init (&defaults);
      filter = &defaults;
    }

  g_free (self->category);
  g_free (self->municipality);
  g_free (self->occurred_from);
  g_free (self->occurred_to);
  g_free (self->today);
  self->filter = *filter;
  self->filter.category = self->category = g_strdup (filter->category);
  self->filter.municipality = self->municipality = g_strdup (filter->municipality);
  self->filter.occurred_from = self->occurred_from = g_strdup (filter->occurred_from);
  self->filter.occurred_to = self->occurred_to = g_strdup (filter->occurred_to);
  self->filter.today = self->today = g_strdup (filter->today);

  start_query (self);
}

/**
 * wb_signal_list_get_filter:
 * @filter: (out caller-allocates): the current filter; its strings are
 *   borrowed until the next change
 */
void
wb_signal_list_get_filter (WbSignalList    *self,
                           WbRecordsFilter *filter)
{
  g_return_if_fail (WB_IS_SIGNAL_LIST (self));
  g_return_if_fail (filter != NULL);

  *filter = self->filter;
}

void
wb_signal_list_reload (WbSignalList *self)
{
  g_return_if_fail (WB_IS_SIGNAL_LIST (self));

  start_query (self);
}

gboolean
wb_signal_list_get_loading (WbSignalList *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL_LIST (self), FALSE);

  return self->cancellable != NULL;
}

gint64
wb_signal_list_get_n_total (WbSignalList *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL_LIST (self), -1);

  return self->n_total;
}

guint
wb_signal_list_find (WbSignalList *self,
                     const char   *uuid)
{
  guint n;

  g_return_val_if_fail (WB_IS_SIGNAL_LIST (self), G_MAXUINT);
  g_return_val_if_fail (uuid != NULL, G_MAXUINT);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbSignal) signal = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_strcmp0 (wb_signal_get_uuid (signal), uuid) == 0)
        return i;
    }

  return G_MAXUINT;
}
