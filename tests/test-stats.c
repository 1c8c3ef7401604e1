/* test-stats.c — aggregates for the dashboard and reports, small-cell suppression
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "records-common.h"

static int
cat (const char *code)
{
  int i = wb_stats_category_index (code);

  g_assert_cmpint (i, >=, 0);
  return i;
}

static gint64
month_cat (const WbAggregate *agg,
           const char        *month,
           const char        *code)
{
  for (guint m = 0; m < agg->n_months; m++)
    if (g_strcmp0 (agg->months[m], month) == 0)
      return agg->by_month_category[m * agg->n_categories + cat (code)];
  g_error ("no month %s", month);
  return -1;
}

/* ---- pure aggregation --------------------------------------------------- */

static void
test_categories (void)
{
  g_assert_cmpuint (wb_stats_get_n_categories (), >=, 9);
  g_assert_cmpstr (wb_stats_get_category (0), ==, "A");
  g_assert_cmpint (wb_stats_category_index ("A3"), ==, 0);
  g_assert_cmpint (wb_stats_category_index ("B"), ==, 1);
  g_assert_cmpint (wb_stats_category_index ("Z9"), ==, -1);
}

static void
test_months (void)
{
  g_autoptr(GError) error = NULL;
  guint year = 0, month = 0;
  WbAggregateQuery q = { "2025-02", "2025-01" };

  g_assert_true (wb_stats_parse_month ("2025-03", &year, &month, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (year, ==, 2025);
  g_assert_cmpuint (month, ==, 3);

  for (const char * const *bad = (const char * const[]) { "2025-13", "2025-3", "2025-03-01", "abcd-ef", "", NULL };
       *bad != NULL; bad++)
    {
      g_assert_false (wb_stats_parse_month (*bad, NULL, NULL, &error));
      g_assert_error (error, WB_STATS_ERROR, WB_STATS_ERROR_INVALID_PERIOD);
      g_clear_error (&error);
    }

  g_assert_false (wb_aggregate_query_validate (&q, &error));
  g_assert_error (error, WB_STATS_ERROR, WB_STATS_ERROR_INVALID_PERIOD);
  g_clear_error (&error);
  q.from_month = "2025-01";
  g_assert_true (wb_aggregate_query_validate (&q, &error));
  g_assert_no_error (error);
}

static void
test_builder (void)
{
  WbAggregateQuery q = { "2024-11", "2025-02" };
  WbAggregateBuilder *b = wb_aggregate_builder_new (&q);
  g_autoptr(WbAggregate) agg = NULL;
  guint32 a = 1u << cat ("A"), g = 1u << cat ("G");

  wb_aggregate_builder_add (b, "2024-10-31", 1, "Utrecht", a);     /* before the period */
  wb_aggregate_builder_add (b, "2024-11-01", 2, "Utrecht", a | g);
  wb_aggregate_builder_add (b, "2024-11-30", 2, "utrecht", g);
  wb_aggregate_builder_add (b, "2025-02-28", 7, "Zwolle", a);
  wb_aggregate_builder_add (b, "2025-03-01", 3, "Zwolle", a);      /* after */
  wb_aggregate_builder_add (b, "garbage", 3, "Zwolle", a);
  wb_aggregate_builder_add_proposal (b, 6);
  wb_aggregate_builder_add_proposal (b, 4);                        /* not national */
  agg = wb_aggregate_builder_finish (b);

  g_assert_cmpint (agg->total, ==, 3);
  g_assert_cmpstr (agg->from_month, ==, "2024-11");
  g_assert_cmpstr (agg->to_month, ==, "2025-02");
  /* Empty months in between are there, with zeros. */
  g_assert_cmpuint (agg->n_months, ==, 4);
  g_assert_cmpstr (agg->months[1], ==, "2024-12");
  g_assert_cmpint (agg->by_month[0], ==, 2);
  g_assert_cmpint (agg->by_month[1], ==, 0);
  g_assert_cmpint (agg->by_month[3], ==, 1);
  /* A signal with two categories counts once in each. */
  g_assert_cmpint (month_cat (agg, "2024-11", "A"), ==, 1);
  g_assert_cmpint (month_cat (agg, "2024-11", "G"), ==, 2);
  g_assert_cmpint (agg->by_category[cat ("A")], ==, 2);
  g_assert_cmpint (agg->by_category[cat ("G")], ==, 2);
  g_assert_cmpint (agg->by_level[1], ==, 2);
  g_assert_cmpint (agg->by_level[6], ==, 1);
  g_assert_cmpint (agg->by_level[0], ==, 0);
  /* Municipalities group case-insensitively, most first. */
  g_assert_cmpuint (agg->by_municipality->len, ==, 2);
  g_assert_cmpstr (((WbCount *) agg->by_municipality->pdata[0])->key, ==, "Utrecht");
  g_assert_cmpint (((WbCount *) agg->by_municipality->pdata[0])->count, ==, 2);
  g_assert_cmpint (agg->open_proposals[0], ==, 0);
  g_assert_cmpint (agg->open_proposals[1], ==, 1);
}

static void
test_builder_empty (void)
{
  g_autoptr(WbAggregate) open = wb_aggregate_builder_finish (wb_aggregate_builder_new (NULL));
  WbAggregateQuery q = { "2025-01", "2025-03" };
  g_autoptr(WbAggregate) period = wb_aggregate_builder_finish (wb_aggregate_builder_new (&q));

  g_assert_cmpint (open->total, ==, 0);
  g_assert_cmpuint (open->n_months, ==, 0);
  g_assert_null (open->from_month);
  g_assert_null (open->months[0]);
  /* A closed period shows all its months even without signals. */
  g_assert_cmpuint (period->n_months, ==, 3);
  g_assert_cmpint (period->by_month[2], ==, 0);
}

/* ---- suppression -------------------------------------------------------- */

/* Brute force: every assignment of the suppressed cells consistent with
 * what is shown (small = 1–4, hidden = 5–@cap) and with the group sum;
 * returns how many values cell @i can take. */
static guint
feasible_values (const gint64      *counts,
                 const WbCellState *states,
                 guint              n,
                 guint              i,
                 gint64             total,
                 gint64             cap)
{
  guint found = 0;

  for (gint64 v = 1; v <= cap; v++)
    {
      gint64 rest_lo = 0, rest_hi = 0;

      if ((states[i] == WB_CELL_SMALL && v > 4) || (states[i] == WB_CELL_HIDDEN && v < 5))
        continue;
      for (guint j = 0; j < n; j++)
        {
          if (j == i)
            continue;
          switch (states[j])
            {
            case WB_CELL_SMALL: rest_lo += 1; rest_hi += 4; break;
            case WB_CELL_HIDDEN: rest_lo += 5; rest_hi += cap; break;
            case WB_CELL_SHOWN:
            default: rest_lo += counts[j]; rest_hi += counts[j]; break;
            }
        }
      if (total - v >= rest_lo && total - v <= rest_hi)
        found++;
    }
  return found;
}

static void
check_one_table (const gint64 *cells,
                 guint         n)
{
  gint64 counts[16];
  WbCellState states[16];
  guint members[15];
  WbStatsGroup group = { 0, n, members };
  gint64 total = 0;

  g_assert_cmpuint (n, <, 16);
  for (guint i = 0; i < n; i++)
    {
      counts[i + 1] = cells[i];
      members[i] = i + 1;
      total += cells[i];
    }
  counts[0] = total;
  wb_stats_suppress (counts, n + 1, &group, 1, states);

  for (guint i = 0; i <= n; i++)
    {
      /* Every count 1–4 is suppressed, nothing else is called small. */
      if (counts[i] >= 1 && counts[i] <= 4)
        g_assert_cmpint (states[i], ==, WB_CELL_SMALL);
      else
        g_assert_cmpint (states[i], !=, WB_CELL_SMALL);
      if (states[i] == WB_CELL_HIDDEN)
        g_assert_cmpint (counts[i], >=, 5);
    }
  /* With the total shown, no small cell is pinned down by subtraction. */
  if (states[0] == WB_CELL_SHOWN)
    for (guint i = 1; i <= n; i++)
      if (states[i] == WB_CELL_SMALL)
        g_assert_cmpuint (feasible_values (counts + 1, states + 1, n, i - 1, total, total), >=, 2);
}

static void
test_suppress_single_small (void)
{
  gint64 counts[] = { 53, 3, 20, 30, 0 };   /* total, then cells */
  guint members[] = { 1, 2, 3, 4 };
  WbStatsGroup group = { 0, 4, members };
  WbCellState states[5];

  wb_stats_suppress (counts, 5, &group, 1, states);
  g_assert_cmpint (states[0], ==, WB_CELL_SHOWN);
  g_assert_cmpint (states[1], ==, WB_CELL_SMALL);
  /* 53 − 20 − 30 would give the 3 away: the smallest other cell goes. */
  g_assert_cmpint (states[2], ==, WB_CELL_HIDDEN);
  g_assert_cmpint (states[3], ==, WB_CELL_SHOWN);
  g_assert_cmpint (states[4], ==, WB_CELL_SHOWN);   /* zero stays */
}

static void
test_suppress_tables (void)
{
  static const gint64 tables[][6] = {
    { 1, 1, 40, 0, 0, 0 },      /* two ones: their sum 2 pins both */
    { 4, 4, 40, 0, 0, 0 },      /* two fours */
    { 1, 5, 0, 0, 0, 0 },       /* one and the smallest possible other */
    { 4, 4, 0, 0, 0, 0 },       /* only small cells, total 8 */
    { 1, 1, 1, 1, 1, 5 },
    { 2, 3, 7, 9, 100, 1 },
    { 0, 0, 0, 0, 0, 0 },
    { 12, 30, 5, 6, 7, 8 },
  };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    check_one_table (tables[t], 6);

  /* Random tables against the brute-force reader. */
  for (guint round = 0; round < 300; round++)
    {
      gint64 cells[6];
      guint n = g_test_rand_int_range (1, 7);

      for (guint i = 0; i < n; i++)
        cells[i] = g_test_rand_bit () ? g_test_rand_int_range (0, 6) : g_test_rand_int_range (0, 40);
      check_one_table (cells, n);
    }
}

static void
test_suppress_aggregate (void)
{
  WbAggregateQuery q = { "2025-01", "2025-02" };
  WbAggregateBuilder *b = wb_aggregate_builder_new (&q);
  g_autoptr(WbAggregate) agg = NULL;
  g_autoptr(WbSuppression) s = NULL;
  guint32 a = 1u << cat ("A"), c = 1u << cat ("C");
  char buf[32];

  for (int i = 0; i < 30; i++)
    wb_aggregate_builder_add (b, i % 2 ? "2025-01-10" : "2025-02-10", 2, "Utrecht", a);
  for (int i = 0; i < 3; i++)
    wb_aggregate_builder_add (b, "2025-01-11", 4, "Zwolle", c);
  agg = wb_aggregate_builder_finish (b);
  s = wb_aggregate_suppress (agg);

  g_assert_cmpint (s->total, ==, WB_CELL_SHOWN);
  g_assert_cmpint (s->by_level[3], ==, WB_CELL_SMALL);
  /* 33 − 30 = 3: the only other level must go too. */
  g_assert_cmpint (s->by_level[1], ==, WB_CELL_HIDDEN);
  g_assert_cmpint (s->by_municipality[1], ==, WB_CELL_SMALL);
  g_assert_cmpint (s->by_municipality[0], ==, WB_CELL_HIDDEN);
  g_assert_cmpint (s->by_category[cat ("C")], ==, WB_CELL_SMALL);
  g_assert_cmpint (s->by_month_category[0 * agg->n_categories + cat ("C")], ==, WB_CELL_SMALL);
  /* January: 15 A + 3 C = 18; A in January must not give the 3 away. */
  g_assert_cmpint (s->by_month_category[0 * agg->n_categories + cat ("A")], ==, WB_CELL_HIDDEN);
  g_assert_cmpint (s->by_month_category[1 * agg->n_categories + cat ("B")], ==, WB_CELL_SHOWN);

  g_assert_cmpstr (wb_stats_format_count (3, WB_CELL_SMALL, buf), ==, "<5");
  g_assert_cmpstr (wb_stats_format_count (30, WB_CELL_HIDDEN, buf), ==, "x");
  g_assert_cmpstr (wb_stats_format_count (30, WB_CELL_SHOWN, buf), ==, "30");
  g_assert_cmpstr (wb_stats_format_count (0, WB_CELL_SHOWN, buf), ==, "0");
}

/* ---- the store ---------------------------------------------------------- */

static void
decide (WbStore        *store,
        WbSignal       *signal,
        WbDecisionKind  kind,
        int             from,
        int             to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = records_today_plus_months (0);
  g_autoptr(WbDecision) d = wb_decision_new (kind, from, to, today);

  d->deciding_role = g_strdup ("burgemeester");
  d->facts = g_strdup ("feiten");
  d->assessment = g_strdup ("oordeel");
  d->decision = g_strdup ("besluit");
  d->skip_reason = g_strdup ("levensgevaar");
  g_assert_true (wb_records_record_decision (store, wb_signal_get_uuid (signal), d, NULL, &error));
  g_assert_no_error (error);
}

static void
test_store (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WbAggregate) all = NULL;
  g_autoptr(WbAggregate) feb = NULL;
  g_autoptr(WbSignal) open6 = NULL;
  g_autoptr(WbSignal) decided5 = NULL;
  WbAggregateQuery q = { "2025-02", "2025-02" };
  WbAggregateQuery bad = { "2025-2", NULL };

  for (int i = 0; i < 6; i++)
    g_object_unref (records_add (store, "s", "[\"A1\", \"A2\"]", "Utrecht", "2025-01-15", NULL));
  for (int i = 0; i < 3; i++)
    g_object_unref (records_add (store, "s", "[\"G1\"]", "utrecht", "2025-02-01", NULL));
  g_object_unref (records_add (store, "s", "[\"C2\", \"E1\"]", "Zwolle", "2025-02-28", NULL));
  g_object_unref (records_add (store, "s", "[\"B1\"]", "Zwolle", "2025-03-01", NULL));
  open6 = records_add (store, "s", "[\"A4\"]", "Arnhem", "2024-12-31", NULL);
  decided5 = records_add (store, "s", "[\"A4\"]", "Arnhem", "2024-12-30", NULL);

  decide (store, open6, WB_DECISION_PROPOSE, 1, 6);
  decide (store, decided5, WB_DECISION_PROPOSE, 1, 5);
  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_VAULT_KIND, "coordinator", &error));
  decide (store, decided5, WB_DECISION_DECIDE_PROPOSAL, 1, 5);

  all = wb_store_dup_aggregate (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (all->total, ==, 13);
  g_assert_cmpstr (all->from_month, ==, "2024-12");
  g_assert_cmpstr (all->to_month, ==, "2025-03");
  g_assert_cmpuint (all->n_months, ==, 4);
  /* A1 and A2 on one signal: counted once for A. */
  g_assert_cmpint (month_cat (all, "2025-01", "A"), ==, 6);
  g_assert_cmpint (all->by_category[cat ("A")], ==, 8);
  g_assert_cmpint (all->by_category[cat ("E")], ==, 1);
  g_assert_cmpint (all->by_level[0], ==, 12);
  g_assert_cmpint (all->by_level[4], ==, 1);
  g_assert_cmpuint (all->by_municipality->len, ==, 3);
  g_assert_cmpstr (((WbCount *) all->by_municipality->pdata[0])->key, ==, "Utrecht");
  g_assert_cmpint (((WbCount *) all->by_municipality->pdata[0])->count, ==, 9);
  g_assert_cmpint (all->open_proposals[0], ==, 0);
  g_assert_cmpint (all->open_proposals[1], ==, 1);
  g_assert_cmpint (all->open_proposals[2], ==, 0);

  feb = wb_store_dup_aggregate (store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpint (feb->total, ==, 4);     /* 1 Feb and 28 Feb both count */
  g_assert_cmpuint (feb->n_months, ==, 1);
  g_assert_cmpint (feb->by_category[cat ("G")], ==, 3);
  g_assert_cmpint (feb->by_category[cat ("A")], ==, 0);

  g_assert_null (wb_store_dup_aggregate (store, &bad, &error));
  g_assert_error (error, WB_STATS_ERROR, WB_STATS_ERROR_INVALID_PERIOD);
  g_clear_error (&error);

  /* The query really is one scan of covering indexes. */
  g_assert_cmpint (records_sql_int (store, "SELECT count (*) FROM sqlite_schema WHERE name IN "
                                    "('signals_stats', 'signal_categories_stats', 'decisions_kind')"), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/stats/categories", test_categories);
  g_test_add_func ("/stats/months", test_months);
  g_test_add_func ("/stats/builder", test_builder);
  g_test_add_func ("/stats/builder-empty", test_builder_empty);
  g_test_add_func ("/stats/suppress/single-small", test_suppress_single_small);
  g_test_add_func ("/stats/suppress/tables", test_suppress_tables);
  g_test_add_func ("/stats/suppress/aggregate", test_suppress_aggregate);
  g_test_add_func ("/stats/store", test_store);

  return g_test_run ();
}
