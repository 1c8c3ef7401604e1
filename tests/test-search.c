/* test-search.c — query building and full-text search: diacritics, case,
 * prefixes, phrases, filters, and the index kept in sync
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "records-common.h"

static void
assert_match (const char *text,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *match = wb_search_build_match (text, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (match, ==, expected);
}

static void
test_build_match (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) many = g_string_new (NULL);
  g_autofree char *long_word = g_strnfill (WB_SEARCH_MAX_TERM_CHARS + 1, 'a');

  assert_match ("beinvloeding", "\"beinvloeding\"*");
  assert_match ("  Beïnvloeding   Utrecht ", "\"Beïnvloeding\"* AND \"Utrecht\"*");
  assert_match ("@troll_account", "\"troll\"* AND \"account\"*");
  assert_match ("\"politie post\" den", "\"politie post\" AND \"den\"*");
  assert_match ("a \"open", "\"a\"* AND \"open\"");
  /* FTS5 syntax typed by a user is just words. */
  assert_match ("NOT OR AND NEAR(x)", "\"NOT\"* AND \"OR\"* AND \"AND\"* AND \"NEAR\"* AND \"x\"*");
  assert_match ("summary:geld*", "\"summary\"* AND \"geld\"*");

  g_assert_null (wb_search_build_match ("  ?! -- \"\" ", &error));
  g_assert_error (error, WB_SEARCH_ERROR, WB_SEARCH_ERROR_EMPTY);
  g_clear_error (&error);

  for (int i = 0; i <= WB_SEARCH_MAX_TERMS; i++)
    g_string_append (many, "woord ");
  g_assert_null (wb_search_build_match (many->str, &error));
  g_assert_error (error, WB_SEARCH_ERROR, WB_SEARCH_ERROR_TOO_COMPLEX);
  g_clear_error (&error);
  g_assert_null (wb_search_build_match (long_word, &error));
  g_assert_error (error, WB_SEARCH_ERROR, WB_SEARCH_ERROR_TOO_COMPLEX);
  g_clear_error (&error);
  g_assert_null (wb_search_build_match ("\xff\xfe", &error));
  g_assert_error (error, WB_SEARCH_ERROR, WB_SEARCH_ERROR_EMPTY);
}

static guint
count (WbStore               *store,
       const char            *text,
       const WbRecordsFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = wb_records_search (store, text, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found->len;
}

static void
test_search (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) s1 = records_add (store, "Beïnvloeding van verkiezingen", "[\"H3\"]", "Utrecht", "2026-01-10",
                                        ", \"tags\": [\"TROLLEN\"], \"handles\": [\"@nep_profiel\"]");
  g_autoptr(WbSignal) s2 = records_add (store, "BEÏNVLOEDING via een vereniging", "[\"I4\"]", "Den Haag", "2026-03-10",
                                        ", \"description\": \"Financiering uit het buitenland\"");
  g_autoptr(WbSignal) s3 = records_add (store, "Intimidatie op straat", "[\"A1\"]", "Utrecht", "2026-05-10", NULL);
  g_autoptr(GError) error = NULL;
  WbRecordsFilter f;

  /* Diacritics and case never matter, either way round. */
  g_assert_cmpuint (count (store, "beinvloeding", NULL), ==, 2);
  g_assert_cmpuint (count (store, "BEÏNVLOEDING", NULL), ==, 2);
  g_assert_cmpuint (count (store, "Beïnvloeding", NULL), ==, 2);
  /* Prefixes. */
  g_assert_cmpuint (count (store, "beinv", NULL), ==, 2);
  g_assert_cmpuint (count (store, "intim", NULL), ==, 1);
  g_assert_cmpuint (count (store, "timidatie", NULL), ==, 0);
  /* Every word must occur. */
  g_assert_cmpuint (count (store, "beinvloeding vereniging", NULL), ==, 1);
  g_assert_cmpuint (count (store, "beinvloeding straat", NULL), ==, 0);
  /* Description, tags and handles. */
  g_assert_cmpuint (count (store, "buitenland", NULL), ==, 1);
  g_assert_cmpuint (count (store, "trollen", NULL), ==, 1);
  g_assert_cmpuint (count (store, "@nep_profiel", NULL), ==, 1);
  g_assert_cmpuint (count (store, "profiel", NULL), ==, 1);
  /* Phrases. */
  g_assert_cmpuint (count (store, "\"via een vereniging\"", NULL), ==, 1);
  g_assert_cmpuint (count (store, "\"een via\"", NULL), ==, 0);
  /* Only indexed fields: the municipality is a filter, not a word. */
  g_assert_cmpuint (count (store, "Haag", NULL), ==, 0);

  /* Filters combine with the text. */
  wb_records_filter_init (&f);
  f.municipality = "utrecht";
  g_assert_cmpuint (count (store, "beinvloeding", &f), ==, 1);
  wb_records_filter_init (&f);
  f.category = "I";
  g_assert_cmpuint (count (store, "beinvloeding", &f), ==, 1);
  wb_records_filter_init (&f);
  f.occurred_from = "2026-02-01";
  g_assert_cmpuint (count (store, "beinvloeding", &f), ==, 1);
  f.occurred_to = "2026-02-01";
  g_assert_cmpuint (count (store, "beinvloeding", &f), ==, 0);
  wb_records_filter_init (&f);
  f.limit = 1;
  g_assert_cmpuint (count (store, "beinvloeding", &f), ==, 1);
  wb_records_filter_init (&f);
  f.tlp = WB_TLP_RED;
  g_assert_cmpuint (count (store, "beinvloeding", &f), ==, 0);

  g_assert_null (wb_records_search (store, "  ", NULL, &error));
  g_assert_error (error, WB_SEARCH_ERROR, WB_SEARCH_ERROR_EMPTY);
  (void) s3;
}

static void
test_index_in_sync (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) s = records_add (store, "Oude omschrijving", "[\"A1\"]", "Utrecht", "2026-01-10", NULL);
  g_autoptr(WbSignal) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kase = NULL;

  g_assert_cmpuint (count (store, "oude", NULL), ==, 1);
  edited = wb_records_edit_signal_json (store, wb_signal_get_uuid (s), "{\"summary\": \"Nieuwe omschrijving\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (store, "oude", NULL), ==, 0);
  g_assert_cmpuint (count (store, "nieuwe", NULL), ==, 1);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM signals_fts"), ==, 1);

  /* Case names are searchable for their signals. */
  kase = wb_records_create_case (store, "Operatie Zeeëgel", &error);
  g_assert_cmpuint (count (store, "zeeegel", NULL), ==, 0);
  g_assert_true (wb_records_add_to_case (store, kase, wb_signal_get_uuid (s), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (store, "zeeegel", NULL), ==, 1);
  g_assert_cmpuint (count (store, "operatie nieuwe", NULL), ==, 1);

  /* A failed edit leaves the index as it was. */
  g_clear_object (&edited);
  edited = wb_records_edit_signal_json (store, wb_signal_get_uuid (s),
                                        "{\"summary\": \"Vervangen\", \"categories\": [\"Z9\"]}", &error);
  g_assert_null (edited);
  g_clear_error (&error);
  g_assert_cmpuint (count (store, "vervangen", NULL), ==, 0);
  g_assert_cmpuint (count (store, "nieuwe", NULL), ==, 1);
}

/* The first N hits of a limited search are exactly the first N of the
 * full result, in wb_ladder_compare_signals() order, also with many ties
 * on level and date. */
static void
test_limit_order (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(GError) error = NULL;
  static const char * const queries[] = { "de", "gemeenschap", "verkiezingen", "campagne", "stichting" };
  static const guint limits[] = { 1, 7, 50, 120 };

  g_assert_true (wb_demo_fill (store, 400, 3, 100, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GPtrArray) all = wb_records_search (store, queries[q], NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (all->len, >, 10);
      for (guint i = 1; i < all->len; i++)
        g_assert_cmpint (wb_ladder_compare_signals (g_ptr_array_index (all, i - 1),
                                                    g_ptr_array_index (all, i), NULL), <, 0);

      for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
        {
          g_autoptr(GPtrArray) some = NULL;
          WbRecordsFilter f;

          wb_records_filter_init (&f);
          f.limit = limits[l];
          some = wb_records_search (store, queries[q], &f, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (some->len, ==, MIN (limits[l], all->len));
          for (guint i = 0; i < some->len; i++)
            g_assert_cmpstr (wb_signal_get_uuid (g_ptr_array_index (some, i)), ==,
                             wb_signal_get_uuid (g_ptr_array_index (all, i)));

          /* With filters too (the level one narrows the key range). */
          for (int level = 0; level <= 4; level++)
            {
              g_autoptr(GPtrArray) full = NULL;
              WbRecordsFilter g;

              wb_records_filter_init (&g);
              if (level == 0)
                g.category = "A";
              else
                g.level = level;
              full = wb_records_search (store, queries[q], &g, &error);
              g_assert_no_error (error);
              for (guint i = 0; i < full->len; i++)
                if (level > 0)
                  g_assert_cmpint (wb_signal_get_level (g_ptr_array_index (full, i)), ==, level);

              g_clear_pointer (&some, g_ptr_array_unref);
              g.limit = limits[l];
              some = wb_records_search (store, queries[q], &g, &error);
              g_assert_no_error (error);
              g_assert_cmpuint (some->len, ==, MIN (limits[l], full->len));
              for (guint i = 0; i < some->len; i++)
                g_assert_cmpstr (wb_signal_get_uuid (g_ptr_array_index (some, i)), ==,
                                 wb_signal_get_uuid (g_ptr_array_index (full, i)));
            }
        }
    }
}

/* ---- cancelling a search (wb_records_run_read_async()) ----------------- */

typedef struct
{
  const char *text;
  gboolean    cancel_first;
  /* What the search itself returned inside the job. */
  gboolean    search_failed;
  GQuark      search_error_domain;
} SearchJob;

static gpointer
search_job (WbStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  SearchJob *job = data;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *found;

  /* Cancelled while the job runs, as a newer keystroke does: every
   * statement after this point is interrupted. */
  if (job->cancel_first)
    g_cancellable_cancel (cancellable);

  found = wb_records_search_rows (store, job->text, NULL, &local_error);
  job->search_failed = found == NULL;
  if (found == NULL)
    {
      job->search_error_domain = local_error->domain;
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return found;
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GPtrArray *
run_search_job (WbStore       *store,
                SearchJob     *job,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_records_run_read_async (store, search_job, job, NULL, (GDestroyNotify) g_ptr_array_unref,
                             cancellable, job_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wb_records_run_finish (result, error);
}

static void
test_cancel (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) fresh = g_cancellable_new ();
  g_autoptr(WbSignal) added = NULL;
  SearchJob job = { "de", FALSE, FALSE, 0 };
  gint64 n_signals;

  g_assert_true (wb_demo_fill (store, 300, 4, 100, NULL, NULL, &error));
  g_assert_no_error (error);
  n_signals = wb_records_count_signals (store, &error);
  g_assert_no_error (error);

  /* Not cancelled: the job's own result. */
  before = run_search_job (store, &job, fresh, &error);
  g_assert_no_error (error);
  g_assert_false (job.search_failed);
  g_assert_cmpuint (before->len, >, 50);

  /* Cancelled while its query runs: SQLite stops the statement (the
   * search itself fails, it does not run to its end) and the caller sees
   * G_IO_ERROR_CANCELLED, not a store error. */
  job.cancel_first = TRUE;
  found = run_search_job (store, &job, cancellable, &error);
  g_assert_null (found);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (job.search_failed);
  g_assert_true (job.search_error_domain == WB_STORE_ERROR);

  /* Nothing left behind: no transaction open, no handler installed, the
   * next search finds the same and a write works. */
  g_assert_true (sqlite3_get_autocommit (_wb_store_get_db (store)));
  job.cancel_first = FALSE;
  after = run_search_job (store, &job, fresh, &error);
  g_assert_no_error (error);
  g_assert_false (job.search_failed);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (wb_signal_get_uuid (g_ptr_array_index (after, i)), ==,
                     wb_signal_get_uuid (g_ptr_array_index (before, i)));
  added = records_add (store, "Na een afgebroken zoekopdracht", "[\"A1\"]", "Utrecht", "2026-01-10", NULL);
  g_assert_cmpint (wb_records_count_signals (store, &error), ==, n_signals + 1);
  g_assert_no_error (error);

  /* A job cancelled before it starts does not run at all. */
  job.search_failed = FALSE;
  job.search_error_domain = 0;
  found = run_search_job (store, &job, cancellable, &error);
  g_assert_null (found);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (job.search_failed);
  g_assert_true (job.search_error_domain == 0);
}

/* ---- the list model (WbSignalList): first page, then the rest ---------- */

static void
record_change_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  guint change[3] = { position, removed, added };

  g_array_append_vals (changes, change, 3);
}

static void
load_failed_cb (WbSignalList *list,
                GError       *error,
                gboolean     *failed)
{
  *failed = TRUE;
}

static void
wait_loaded (WbSignalList *list)
{
  while (wb_signal_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

/* The model holds exactly @expected (uuids, in order). */
static void
assert_same_rows (WbSignalList *list,
                  GPtrArray    *expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(WbSignal) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_false (wb_signal_is_complete (row));
      g_assert_cmpstr (wb_signal_get_uuid (row), ==, wb_signal_get_uuid (g_ptr_array_index (expected, i)));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), expected->len));
}

static void
test_signal_list_pages (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignalList) list = wb_signal_list_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) few = NULL;
  g_autoptr(WbSignal) shown = NULL;
  g_autoptr(GError) error = NULL;
  gboolean failed = FALSE;
  guint first_page;

  g_assert_true (wb_demo_fill (store, 150, 5, 50, NULL, NULL, &error));
  g_assert_no_error (error);
  all = wb_records_list_signal_rows (store, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (list, "items-changed", G_CALLBACK (record_change_cb), changes);
  g_signal_connect (list, "load-failed", G_CALLBACK (load_failed_cb), &failed);

  /* Unlocking: a first page at once, then the rest appended behind it
   * (the rows shown stay, the very objects a view holds), and the total
   * once everything is in. */
  wb_signal_list_set_store (list, store);
  g_assert_true (wb_signal_list_get_loading (list));
  while (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
    g_main_context_iteration (NULL, TRUE);
  shown = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (wb_signal_list_get_loading (list));
  wait_loaded (list);
  assert_same_rows (list, all);
  {
    g_autoptr(WbSignal) again = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(WbSignal) last = g_list_model_get_item (G_LIST_MODEL (list), 149);
    g_autoptr(WbSignal) last_again = g_list_model_get_item (G_LIST_MODEL (list), 149);

    g_assert_true (again == shown);
    g_assert_true (last == last_again);
    g_assert_cmpuint (wb_signal_list_find (list, wb_signal_get_uuid (last)), ==, 149);
    g_assert_cmpuint (wb_signal_list_find (list, "00000000-0000-4000-8000-000000000000"), ==, G_MAXUINT);
  }
  g_assert_cmpint (wb_signal_list_get_n_total (list), ==, 150);
  g_assert_cmpuint (changes->len, ==, 6);
  first_page = g_array_index (changes, guint, 2);
  g_assert_cmpuint (g_array_index (changes, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (changes, guint, 1), ==, 0);
  g_assert_cmpuint (first_page, >, 0);
  g_assert_cmpuint (first_page, <, 150);
  g_assert_cmpuint (g_array_index (changes, guint, 3), ==, first_page);
  g_assert_cmpuint (g_array_index (changes, guint, 4), ==, 0);
  g_assert_cmpuint (g_array_index (changes, guint, 5), ==, 150 - first_page);

  /* Running the query again: the rows a view holds stay the same
   * objects (GtkListView keeps their widgets), the others are new. */
  wb_signal_list_reload (list);
  wait_loaded (list);
  assert_same_rows (list, all);
  {
    g_autoptr(WbSignal) again = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_true (again == shown);
  }

  /* A search: its own rows in the same order as the store gives them. */
  found = wb_records_search_rows (store, "de", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >, first_page);
  wb_signal_list_set_search_text (list, "de");
  wait_loaded (list);
  assert_same_rows (list, found);
  g_assert_cmpint (wb_signal_list_get_n_total (list), ==, 150);

  /* Typing on: the stale query's result never shows. */
  few = wb_records_search_rows (store, "gemeenschap", NULL, &error);
  g_assert_no_error (error);
  wb_signal_list_set_search_text (list, "g");
  wb_signal_list_set_search_text (list, "gemeenschap");
  wait_loaded (list);
  assert_same_rows (list, few);

  /* Back to everything, sorted otherwise: still complete and in order. */
  {
    g_autoptr(GPtrArray) by_date = NULL;
    WbRecordsFilter filter;

    wb_records_filter_init (&filter);
    filter.sort = WB_RECORDS_SORT_OCCURRED;
    by_date = wb_records_list_signal_rows (store, &filter, &error);
    g_assert_no_error (error);
    wb_signal_list_set_search_text (list, NULL);
    wb_signal_list_set_filter (list, &filter);
    wait_loaded (list);
    assert_same_rows (list, by_date);
  }
  g_assert_false (failed);

  /* Locking empties the model at once. */
  wb_signal_list_set_store (list, NULL);
  g_assert_false (wb_signal_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpint (wb_signal_list_get_n_total (list), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/search/build-match", test_build_match);
  g_test_add_func ("/search/search", test_search);
  g_test_add_func ("/search/index-in-sync", test_index_in_sync);
  g_test_add_func ("/search/limit-order", test_limit_order);
  g_test_add_func ("/search/cancel", test_cancel);
  g_test_add_func ("/search/signal-list-pages", test_signal_list_pages);

  return g_test_run ();
}
