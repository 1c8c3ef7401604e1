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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/search/build-match", test_build_match);
  g_test_add_func ("/search/search", test_search);
  g_test_add_func ("/search/index-in-sync", test_index_in_sync);
  g_test_add_func ("/search/limit-order", test_limit_order);

  return g_test_run ();
}
