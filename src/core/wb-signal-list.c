/* wb-signal-list.c — the vault's signals as a GListModel, loaded off the main thread
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-signal-list"

#include "config.h"

#include <string.h>

#include "wb-records.h"
#include "wb-records-async.h"
#include "wb-records-private.h"
#include "wb-search.h"
#include "wb-signal-list.h"
#include "wb-store.h"

/* Issue #5: the list must be on screen within a second of unlocking a
 * vault of 100k signals, and follow each search keystroke within 100 ms.
 * Every query therefore runs in two steps: the first FIRST_PAGE rows in
 * the list's order (an index walk, a few milliseconds), shown at once,
 * then the complete result in the background, appended behind them.  The
 * second step is interruptible (wb_records_run_read_async()): the next
 * keystroke stops it inside SQLite.  The first page is about a screenful:
 * GTK 4.8's GtkListView makes a row widget for up to 200 items of its
 * model at once, and making and measuring those, not the query, is what
 * the first frame would wait for. */
#define FIRST_PAGE 20

struct _WbSignalList
{
  GObject          parent_instance;

  /* The rows, packed; @objects holds the WbSignal made for each item a
   * view asked for (else NULL), so get_item() gives the same object for
   * the same row, also in the next result (reuse_objects()). */
  WbSignalRows    *rows;
  GPtrArray       *objects;
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
  /* The first step of a query: at most FIRST_PAGE rows. */
  gboolean         first_page;
  WbRecordsFilter  filter;
  char            *category;
  char            *municipality;
  char            *occurred_from;
  char            *occurred_to;
  char            *today;
} Query;

typedef struct
{
  WbSignalRows *rows;
  /* -1: not counted in this step. */
  gint64     n_total;
  /* Rows of a first step: shown in place of the old ones. */
  gboolean   first_page;
  /* The second step when @signals is only the first page, else NULL. */
  Query     *rest;
} QueryResult;

static Query *
query_copy (const Query *query)
{
  Query *copy = g_new0 (Query, 1);

  copy->text = g_strdup (query->text);
  copy->first_page = query->first_page;
  copy->filter = query->filter;
  copy->filter.category = copy->category = g_strdup (query->category);
  copy->filter.municipality = copy->municipality = g_strdup (query->municipality);
  copy->filter.occurred_from = copy->occurred_from = g_strdup (query->occurred_from);
  copy->filter.occurred_to = copy->occurred_to = g_strdup (query->occurred_to);
  copy->filter.today = copy->today = g_strdup (query->today);
  return copy;
}

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
  g_clear_pointer (&result->rows, _wb_signal_rows_free);
  g_clear_pointer (&result->rest, query_free);
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
  g_autoptr(WbSignalRows) found = NULL;
  g_autoptr(GError) local_error = NULL;
  WbRecordsFilter filter = query->filter;
  QueryResult *result;
  gint64 n_total = -1;
  gboolean complete = TRUE;

  if (query->first_page && (filter.limit == 0 || filter.limit > FIRST_PAGE))
    {
      /* One more than shown: tells whether there is a second step. */
      filter.limit = FIRST_PAGE + 1;
    }
  else
    query->first_page = FALSE;

  found = _wb_records_select_rows (store, text_is_blank (query->text) ? NULL : query->text,
                                   &filter, &local_error);
  /* Text without a single word ("--") finds nothing; that is not an
   * error the user needs to read. */
  if (found == NULL && g_error_matches (local_error, WB_SEARCH_ERROR, WB_SEARCH_ERROR_EMPTY))
    found = _wb_signal_rows_new (0);
  else if (found == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (query->first_page && _wb_signal_rows_get_len (found) > FIRST_PAGE)
    {
      _wb_signal_rows_truncate (found, FIRST_PAGE);
      complete = FALSE;
    }

  /* Counted once per query, in the step that ends it: the first page
   * is on screen sooner without. */
  if (complete)
    {
      n_total = wb_records_count_signals (store, error);
      if (n_total < 0)
        return NULL;
    }

  result = g_new0 (QueryResult, 1);
  result->rows = g_steal_pointer (&found);
  result->n_total = n_total;
  result->first_page = query->first_page;
  if (!complete)
    {
      result->rest = query_copy (query);
      result->rest->first_page = FALSE;
    }
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
unref_object (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* No WbSignal made yet for any of the @n items. */
static GPtrArray *
objects_new (guint n)
{
  GPtrArray *objects = g_ptr_array_new_full (n, unref_object);

  g_ptr_array_set_size (objects, n);
  return objects;
}

/* GTK 4.8's GtkListView keeps a row widget for up to 200 items and
 * finds them again only by the item's identity: a row that a new result
 * shares with the old one keeps its widget when it is the same object.
 * Making and destroying a row's widgets, not the query, is most of the
 * work of a keystroke. */
#define REUSE_ROWS 256

static void
reuse_objects (GPtrArray          *objects,
               const WbSignalRows *rows,
               GPtrArray          *old_objects)
{
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = MIN (objects->len, REUSE_ROWS);

  for (guint i = 0; i < old_objects->len; i++)
    {
      WbSignal *old = g_ptr_array_index (old_objects, i);

      if (old != NULL)
        g_hash_table_insert (by_uuid, (gpointer) wb_signal_get_uuid (old), old);
    }
  if (g_hash_table_size (by_uuid) == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      const WbSignalRow *row = _wb_signal_rows_get (rows, i);
      WbSignal *old = g_hash_table_lookup (by_uuid, row->uuid);

      if (old != NULL && wb_signal_get_revision (old) == row->revision)
        g_ptr_array_index (objects, i) = g_object_ref (old);
    }
}

/* Takes @found (may be NULL: empty). */
static void
replace_items (WbSignalList *self,
               WbSignalRows *found)
{
  g_autoptr(WbSignalRows) old = self->rows;
  g_autoptr(GPtrArray) old_objects = self->objects;
  guint n_old = _wb_signal_rows_get_len (old);
  guint n_new;

  self->rows = found != NULL ? found : _wb_signal_rows_new (0);
  n_new = _wb_signal_rows_get_len (self->rows);
  self->objects = objects_new (n_new);
  reuse_objects (self->objects, self->rows, old_objects);
  if (n_old > 0 || n_new > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, n_new);
}

/* The complete result of a query whose first page is shown: the rows
 * behind the shown ones are added when it begins with those, else it
 * replaces them. */
static void
complete_items (WbSignalList *self,
                WbSignalRows *found)
{
  guint n_shown = _wb_signal_rows_get_len (self->rows);
  guint n_found = _wb_signal_rows_get_len (found);

  if (n_found < n_shown)
    {
      replace_items (self, found);
      return;
    }
  for (guint i = 0; i < n_shown; i++)
    {
      const WbSignalRow *shown = _wb_signal_rows_get (self->rows, i);
      const WbSignalRow *row = _wb_signal_rows_get (found, i);

      if (shown->revision != row->revision || strcmp (shown->uuid, row->uuid) != 0)
        {
          replace_items (self, found);
          return;
        }
    }

  /* The shown rows stay as they are (selection and bound rows with
   * them): their objects are kept, only the packed rows change hands. */
  _wb_signal_rows_free (self->rows);
  self->rows = found;
  g_ptr_array_set_size (self->objects, n_found);
  if (n_found > n_shown)
    g_list_model_items_changed (G_LIST_MODEL (self), n_shown, 0, n_found - n_shown);
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

static void query_done_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
run_query (WbSignalList *self,
           Query        *query,
           GCancellable *cancellable)
{
  wb_records_run_read_async (self->store, query_job, query, (GDestroyNotify) query_free,
                             (GDestroyNotify) query_result_free, cancellable,
                             query_done_cb, g_object_ref (self));
}

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WbSignalList) self = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  QueryResult *found;

  found = wb_records_run_finish (result, &error);

  /* A newer query (or a lock) replaced this one: its result is stale. */
  if (g_cancellable_is_cancelled (cancellable) || cancellable != self->cancellable)
    {
      if (found != NULL)
        query_result_free (found);
      return;
    }

  if (found == NULL)
    {
      set_loading (self, NULL);
      g_debug ("Loading the signals failed: %s", error->message);
      g_signal_emit (self, signals[LOAD_FAILED], 0, error);
      return;
    }

  if (found->rest != NULL)
    {
      Query *rest = g_steal_pointer (&found->rest);

      /* The first page now; the rest under the same cancellable. */
      replace_items (self, g_steal_pointer (&found->rows));
      query_result_free (found);
      run_query (self, rest, cancellable);
      return;
    }

  set_loading (self, NULL);
  if (found->first_page)
    replace_items (self, g_steal_pointer (&found->rows));
  else
    complete_items (self, g_steal_pointer (&found->rows));
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
  query->first_page = TRUE;
  query->filter = self->filter;
  query->filter.category = query->category = g_strdup (self->category);
  query->filter.municipality = query->municipality = g_strdup (self->municipality);
  query->filter.occurred_from = query->occurred_from = g_strdup (self->occurred_from);
  query->filter.occurred_to = query->occurred_to = g_strdup (self->occurred_to);
  query->filter.today = query->today = g_strdup (self->today);

  cancellable = g_cancellable_new ();
  set_loading (self, cancellable);
  run_query (self, query, cancellable);
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

  return _wb_signal_rows_get_len (self->rows);
}

static gpointer
wb_signal_list_get_item (GListModel *model,
                         guint       position)
{
  WbSignalList *self = (WbSignalList *)model;

  if (position >= _wb_signal_rows_get_len (self->rows))
    return NULL;
  if (g_ptr_array_index (self->objects, position) == NULL)
    g_ptr_array_index (self->objects, position) = _wb_signal_rows_dup_signal (self->rows, position);
  return g_object_ref (g_ptr_array_index (self->objects, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = wb_signal_list_get_item_type;
  iface->get_n_items = wb_signal_list_get_n_items;
  iface->get_item = wb_signal_list_get_item;
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

  g_clear_pointer (&self->rows, _wb_signal_rows_free);
  g_clear_pointer (&self->objects, g_ptr_array_unref);
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
  self->rows = _wb_signal_rows_new (0);
  self->objects = objects_new (0);
  self->n_total = -1;
  wb_records_filter_init (&self->filter);
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
      /* Locking: no decrypted signal may stay behind in memory, not even
       * for the moment a worker would take to free it. */
      guint n_old = _wb_signal_rows_get_len (self->rows);

      set_loading (self, NULL);
      _wb_signal_rows_free (self->rows);
      self->rows = _wb_signal_rows_new (0);
      g_ptr_array_set_size (self->objects, 0);
      if (n_old > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, 0);
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

  n = _wb_signal_rows_get_len (self->rows);
  for (guint i = 0; i < n; i++)
    if (strcmp (_wb_signal_rows_get (self->rows, i)->uuid, uuid) == 0)
      return i;

  return G_MAXUINT;
}
