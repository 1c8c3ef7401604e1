/* test-stats.c — aggregates for the dashboard and reports, small-cell suppression
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "exchange-common.h"
#include "wb-stats-private.h"

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

/* ---- running tallies (migration 7) ------------------------------------ */

static void
assert_aggregates_equal (const WbAggregate *a,
                         const WbAggregate *b)
{
  g_assert_cmpint (a->total, ==, b->total);
  g_assert_cmpstr (a->from_month, ==, b->from_month);
  g_assert_cmpstr (a->to_month, ==, b->to_month);
  g_assert_cmpuint (a->n_months, ==, b->n_months);
  for (guint m = 0; m < a->n_months; m++)
    {
      g_assert_cmpstr (a->months[m], ==, b->months[m]);
      g_assert_cmpint (a->by_month[m], ==, b->by_month[m]);
    }
  g_assert_cmpuint (a->n_categories, ==, b->n_categories);
  for (guint i = 0; i < a->n_categories; i++)
    g_assert_cmpint (a->by_category[i], ==, b->by_category[i]);
  for (guint i = 0; i < a->n_months * a->n_categories; i++)
    g_assert_cmpint (a->by_month_category[i], ==, b->by_month_category[i]);
  for (guint i = 0; i < WB_STATS_N_LEVELS; i++)
    g_assert_cmpint (a->by_level[i], ==, b->by_level[i]);
  g_assert_cmpuint (a->by_municipality->len, ==, b->by_municipality->len);
  for (guint i = 0; i < a->by_municipality->len; i++)
    {
      WbCount *x = g_ptr_array_index (a->by_municipality, i);
      WbCount *y = g_ptr_array_index (b->by_municipality, i);

      g_assert_cmpstr (x->key, ==, y->key);
      g_assert_cmpint (x->count, ==, y->count);
    }
  for (guint i = 0; i < WB_STATS_N_PROPOSAL_LEVELS; i++)
    g_assert_cmpint (a->open_proposals[i], ==, b->open_proposals[i]);
}

/* The tallies hold exactly the rows a recount makes (none at zero), and
 * the aggregates read from them equal the recounted ones, for the whole
 * history and for a period.  Returns the whole-history total. */
static gint64
assert_tallies (WbStore *store)
{
  static const char * const same[] = {
    /* Rows in the tally that a recount does not make, and back. */
    "SELECT count (*) FROM (SELECT month, level, n FROM stats_levels EXCEPT"
    " SELECT substr (occurred_on, 1, 7), level, count (*) FROM signals GROUP BY 1, 2)",
    "SELECT count (*) FROM (SELECT substr (occurred_on, 1, 7), level, count (*) FROM signals GROUP BY 1, 2"
    " EXCEPT SELECT month, level, n FROM stats_levels)",
    "SELECT count (*) FROM (SELECT month, municipality, n FROM stats_municipalities EXCEPT"
    " SELECT substr (occurred_on, 1, 7), municipality, count (*) FROM signals GROUP BY 1, 2)",
    "SELECT count (*) FROM (SELECT substr (occurred_on, 1, 7), municipality, count (*) FROM signals GROUP BY 1, 2"
    " EXCEPT SELECT month, municipality, n FROM stats_municipalities)",
    "SELECT count (*) FROM (SELECT month, category, n FROM stats_categories EXCEPT"
    " SELECT substr (s.occurred_on, 1, 7), c.category, count (DISTINCT s.id)"
    " FROM signals s JOIN signal_categories c ON c.signal_id = s.id GROUP BY 1, 2)",
    "SELECT count (*) FROM (SELECT substr (s.occurred_on, 1, 7), c.category, count (DISTINCT s.id)"
    " FROM signals s JOIN signal_categories c ON c.signal_id = s.id GROUP BY 1, 2"
    " EXCEPT SELECT month, category, n FROM stats_categories)",
  };
  const WbAggregateQuery periods[] = { { NULL, NULL }, { "2025-01", "2025-02" }, { NULL, "2025-01" },
                                       { "2025-03", NULL } };
  g_autoptr(GError) error = NULL;
  gint64 total = -1;

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    g_assert_cmpint (records_sql_int (store, same[i]), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(WbAggregate) tallied = wb_store_dup_aggregate (store, &periods[i], &error);
      g_autoptr(WbAggregate) recounted = NULL;

      g_assert_no_error (error);
      recounted = _wb_store_dup_aggregate_recount (store, &periods[i], &error);
      g_assert_no_error (error);
      assert_aggregates_equal (tallied, recounted);
      if (i == 0)
        total = tallied->total;
    }
  g_assert_cmpint (total, ==, records_sql_int (store, "SELECT count (*) FROM signals"));
  return total;
}

static const char *
municipality_key (const WbAggregate *agg,
                  guint              i)
{
  return ((WbCount *) g_ptr_array_index (agg->by_municipality, i))->key;
}

static void
test_tallies (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) a = NULL;
  g_autoptr(WbSignal) b = NULL;
  g_autoptr(WbSignal) c = NULL;
  g_autoptr(WbSignal) d = NULL;
  g_autoptr(WbSignal) edited = NULL;
  g_autoptr(WbAggregate) agg = NULL;

  g_assert_cmpint (assert_tallies (store), ==, 0);

  a = records_add (store, "s", "[\"A1\", \"A2\", \"G1\"]", "Utrecht", "2025-01-20", NULL);
  b = records_add (store, "s", "[\"B1\"]", "utrecht", "2025-01-03", NULL);
  c = records_add (store, "s", "[\"C2\"]", "Zwolle", "2025-02-28", NULL);
  d = records_add (store, "s", "[\"A4\"]", "Arnhem", "2024-12-31", NULL);
  g_assert_cmpint (assert_tallies (store), ==, 4);
  /* One spelling for both, whichever came first: the one that sorts first. */
  agg = wb_store_dup_aggregate (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (municipality_key (agg, 0), ==, "Utrecht");
  g_assert_cmpint (((WbCount *) g_ptr_array_index (agg->by_municipality, 0))->count, ==, 2);

  /* Edits that move a signal to other categories, another municipality
   * and another month; and one that changes none of them. */
  edited = wb_records_edit_signal_json (store, wb_signal_get_uuid (a), "{\"categories\": [\"E1\"]}", &error);
  g_assert_no_error (error);
  g_clear_object (&edited);
  g_assert_cmpint (assert_tallies (store), ==, 4);
  edited = wb_records_edit_signal_json (store, wb_signal_get_uuid (b), "{\"municipality\": \"Deventer\"}", &error);
  g_assert_no_error (error);
  g_clear_object (&edited);
  edited = wb_records_edit_signal_json (store, wb_signal_get_uuid (c), "{\"occurred_on\": \"2025-03-01\"}", &error);
  g_assert_no_error (error);
  g_clear_object (&edited);
  g_assert_cmpint (assert_tallies (store), ==, 4);
  edited = wb_records_edit_signal_json (store, wb_signal_get_uuid (d), "{\"summary\": \"anders\"}", &error);
  g_assert_no_error (error);
  g_clear_object (&edited);
  g_assert_cmpint (assert_tallies (store), ==, 4);

  /* Escalations move the level; a proposal is counted apart. */
  decide (store, d, WB_DECISION_ESCALATE, 1, 3);
  g_assert_cmpint (assert_tallies (store), ==, 4);
  decide (store, c, WB_DECISION_PROPOSE, 1, 6);
  g_assert_cmpint (assert_tallies (store), ==, 4);

  /* A refused edit (stale revision) and a rolled back batch leave them. */
  g_assert_null (wb_records_edit_signal_json (store, wb_signal_get_uuid (a),
                                              "{\"revision\": 1, \"municipality\": \"Ede\"}", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (wb_records_batch_begin (store, &error));
  g_object_unref (records_add (store, "s", "[\"H1\"]", "Ede", "2025-02-02", NULL));
  wb_records_batch_rollback (store);
  g_assert_cmpint (records_sql_int (store, "SELECT count (*) FROM stats_municipalities WHERE municipality = 'Ede'"),
                   ==, 0);
  g_assert_cmpint (assert_tallies (store), ==, 4);

  /* A purge takes the signal out; rows that reach zero go. */
  g_assert_true (wb_records_purge (store, wb_signal_get_uuid (a), &error));
  g_assert_no_error (error);
  g_assert_cmpint (assert_tallies (store), ==, 3);
  g_assert_cmpint (records_sql_int (store, "SELECT count (*) FROM stats_categories WHERE category = 'E'"), ==, 0);
  g_assert_cmpint (records_sql_int (store, "SELECT count (*) FROM stats_levels WHERE n <= 0"), ==, 0);
  g_assert_cmpint (records_sql_int (store, "SELECT count (*) FROM stats_municipalities WHERE n <= 0"), ==, 0);
  g_assert_cmpint (records_sql_int (store, "SELECT count (*) FROM stats_categories WHERE n <= 0"), ==, 0);
  g_assert_cmpint (records_sql_int (store, "SELECT count (*) FROM stats_levels"), >, 0);
}

/* Import writes through the same writer: new signals and a newer revision
 * that changes category, level-free fields and municipality. */
static void
test_tallies_import (void)
{
  g_autoptr(WbStore) utrecht = exchange_new_store ("Gemeente Utrecht");
  g_autoptr(WbStore) nctv = exchange_new_store ("NCTV");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) a = records_add (utrecht, "Intimidatie na demonstratie", "[\"A1\", \"G1\"]", "Utrecht",
                                       "2025-01-20", NULL);
  g_autoptr(WbSignal) b = records_add (utrecht, "Druk op student", "[\"B1\"]", "Utrecht", "2025-02-03", NULL);
  g_autoptr(WbSignal) edited = NULL;
  g_autoptr(WbMergeReport) first = NULL;
  g_autoptr(WbMergeReport) second = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *p1 = NULL;
  g_autofree char *p2 = NULL;
  g_autofree char *sql = NULL;
  gint64 n_audit = 0;


  exchange_pin (utrecht, nctv);
  exchange_pin (nctv, utrecht);
  g_object_unref (records_add (nctv, "Eigen signaal", "[\"C1\"]", "Den Haag", "2025-01-05", NULL));
  g_assert_cmpint (assert_tallies (nctv), ==, 1);

  p1 = exchange_export (utrecht, "NCTV", WB_TLP_RED, "tallies-1.wbb");
  first = wb_bundle_import (nctv, p1, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->n_added, ==, 2);
  g_assert_cmpint (assert_tallies (nctv), ==, 3);

  edited = wb_records_edit_signal_json (utrecht, wb_signal_get_uuid (a),
                                        "{\"categories\": [\"D1\"], \"municipality\": \"Zeist\"}", &error);
  g_assert_no_error (error);
  p2 = exchange_export (utrecht, "NCTV", WB_TLP_RED, "tallies-2.wbb");
  second = wb_bundle_import (nctv, p2, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_updated, ==, 1);
  g_assert_cmpint (assert_tallies (nctv), ==, 3);
  g_assert_cmpint (records_sql_int (nctv, "SELECT count (*) FROM stats_municipalities WHERE municipality = 'Zeist'"),
                   ==, 1);

  /* What the import stored is what the records writer would have: the
   * canonical JSON byte for byte, under its hash; searchable; with its
   * history, provenance and an intact audit chain. */
  sql = g_strdup_printf ("SELECT count (*) FROM signal_docs d JOIN signals s ON s.id = d.id "
                         "WHERE s.uuid = '%s' AND s.revision = 2", wb_signal_get_uuid (a));
  g_assert_cmpint (records_sql_int (nctv, sql), ==, 1);
  {
    g_autoptr(WbSignal) stored = wb_records_get_signal (nctv, wb_signal_get_uuid (a), &error);
    g_autofree char *json = NULL;
    g_autofree char *hash = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_no_error (error);
    json = wb_signal_dup_canonical_json (stored);
    hash = wb_signal_dup_canonical_hash (stored);
    g_assert_cmpstr (wb_signal_get_municipality (stored), ==, "Zeist");
    g_assert_cmpint (sqlite3_prepare_v2 (_wb_store_get_db (nctv),
                                         "SELECT d.json, d.hash FROM signal_docs d JOIN signals s ON s.id = d.id "
                                         "WHERE s.uuid = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, wb_signal_get_uuid (a), -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, json);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, hash);
    sqlite3_finalize (stmt);
  }
  found = wb_records_search (nctv, "intimidatie", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (wb_signal_get_uuid (g_ptr_array_index (found, 0)), ==, wb_signal_get_uuid (a));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = wb_records_search (nctv, "student", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (wb_signal_get_uuid (g_ptr_array_index (found, 0)), ==, wb_signal_get_uuid (b));
  history = wb_records_list_revisions (nctv, wb_signal_get_uuid (a), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpuint (wb_signal_get_revision (g_ptr_array_index (history, 0)), ==, 1);
  g_assert_cmpuint (wb_signal_get_revision (g_ptr_array_index (history, 1)), ==, 2);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM provenance WHERE signal_uuid = '%s'", wb_signal_get_uuid (a));
  g_assert_cmpint (records_sql_int (nctv, sql), ==, 2);
  g_assert_true (wb_records_verify_audit (nctv, &n_audit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_audit, >=, 1 + 2 + 1 + 2);
}

/* A vault from before migration 7 gets tallies by a recount. */
static void
test_tallies_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = exchange_tmp_path ("tallies-migrate.db");
  g_autoptr(WbStore) store = records_open_store_at (path);

  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ORGANISATION, "Gemeente Utrecht", &error));
  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ROLE, "liaison-officer", &error));
  for (int i = 0; i < 30; i++)
    {
      g_autofree char *date = g_strdup_printf ("2025-%02d-%02d", 1 + i % 4, 1 + i % 28);
      g_autofree char *cats = g_strdup_printf ("[\"%c1\", \"A%d\"]", 'B' + i % 5, 1 + i % 3);

      g_object_unref (records_add (store, "s", cats, i % 3 == 0 ? "Utrecht" : i % 3 == 1 ? "utrecht" : "Ede",
                                   date, NULL));
    }
  g_assert_cmpint (assert_tallies (store), ==, 30);
  g_clear_object (&store);

  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DROP TABLE stats_levels; DROP TABLE stats_municipalities;"
                                   " DROP TABLE stats_categories; PRAGMA user_version = 6;",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  store = records_open_store_at (path);
  g_assert_cmpint (wb_store_get_schema_version (store), ==, wb_store_get_latest_version ());
  g_assert_cmpint (records_sql_int (store, "SELECT count (*) FROM stats_levels"), >, 0);
  g_assert_cmpint (assert_tallies (store), ==, 30);
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
  g_test_add_func ("/stats/tallies", test_tallies);
  g_test_add_func ("/stats/tallies-import", test_tallies_import);
  g_test_add_func ("/stats/tallies-migration", test_tallies_migration);

  return g_test_run ();
}
