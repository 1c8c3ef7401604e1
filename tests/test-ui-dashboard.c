/* test-ui-dashboard.c — the dashboard page and its bar charts
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-ui-common.h"

#include "wb-core.h"
#include "wb-bar-chart.h"
#include "wb-dashboard-page.h"

#define PASSPHRASE "correct horse battery staple"

typedef struct
{
  char      *dir;
  WbVault   *vault;
  WbStore   *store;
  GtkWidget *window;
  WbDashboardPage *page;
} Fixture;

static void
add_signal (WbStore    *store,
            const char *code,
            const char *municipality,
            const char *occurred_on)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) signal = wb_signal_new ();
  const char *codes[] = { code, NULL };

  wb_signal_set_summary (signal, "Een signaal");
  wb_signal_set_categories (signal, codes);
  wb_signal_set_occurred_on (signal, occurred_on);
  wb_signal_set_municipality (signal, municipality);
  wb_signal_set_tlp (signal, WB_TLP_AMBER);
  g_assert_true (wb_records_add_signal (store, signal, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_build_filename (g_get_user_data_dir (), "weerbaar-test-vault", NULL);
  f->vault = wb_vault_create (f->dir, PASSPHRASE, WB_VAULT_COST_MIN, NULL, NULL, &error);
  g_assert_no_error (error);
  f->store = g_object_ref (wb_vault_get_store (f->vault));
  g_assert_true (wb_store_set_setting (f->store, WB_RECORDS_SETTING_ORGANISATION, "NCTV", &error));
  g_assert_true (wb_store_set_setting (f->store, WB_RECORDS_SETTING_ROLE, "coordinator", &error));
  g_assert_no_error (error);

  for (int i = 0; i < 3; i++)
    add_signal (f->store, "A1", "Utrecht", "2025-01-10");
  add_signal (f->store, "E2", "Zwolle", "2025-03-10");
  add_signal (f->store, "E2", "Utrecht", "2025-03-11");

  f->window = gtk_window_new ();
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 700);
  f->page = WB_DASHBOARD_PAGE (wb_dashboard_page_new (NULL));
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *window = f->window;

  WB_WAIT_FOR (!wb_dashboard_page_get_loading (f->page));
  gtk_window_destroy (GTK_WINDOW (window));
  f->window = NULL;
  wb_test_drain ();
  g_assert_finalize_object (window);

  g_clear_object (&f->store);
  wb_vault_lock (f->vault);
  g_clear_object (&f->vault);
  g_clear_pointer (&f->dir, g_free);
}

static void
test_loads (Fixture       *f,
            gconstpointer  data)
{
  const WbAggregate *agg;
  GtkWidget *grid;
  GtkWidget *chart;
  int rows = 0;

  g_assert_null (wb_dashboard_page_get_aggregate (f->page));
  wb_dashboard_page_set_store (f->page, f->store);
  WB_WAIT_FOR (wb_dashboard_page_get_aggregate (f->page) != NULL && !wb_dashboard_page_get_loading (f->page));

  agg = wb_dashboard_page_get_aggregate (f->page);
  g_assert_cmpint (agg->total, ==, 5);
  g_assert_cmpuint (agg->n_months, ==, 3);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (wb_test_get (GTK_WIDGET (f->page), "total"))), "5 "));

  /* Every chart has bars, and its numbers are there as text too. */
  chart = wb_test_get (GTK_WIDGET (f->page), "chart-municipality");
  g_assert_cmpuint (wb_bar_chart_get_n_bars (WB_BAR_CHART (chart)), ==, 2);
  g_assert_cmpuint (wb_bar_chart_get_n_bars (WB_BAR_CHART (wb_test_get (GTK_WIDGET (f->page), "chart-over-time"))), ==, 3);
  g_assert_cmpuint (wb_bar_chart_get_n_bars (WB_BAR_CHART (wb_test_get (GTK_WIDGET (f->page), "chart-level"))), ==, 7);
  /* The table is behind "Show as a table", as a user finds it. */
  gtk_expander_set_expanded (GTK_EXPANDER (wb_test_get (GTK_WIDGET (f->page), "show-table-municipality")), TRUE);
  grid = wb_test_get (GTK_WIDGET (f->page), "table-municipality");
  /* Sorted: Utrecht (4) before Zwolle (1). */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, 1))), ==, "Utrecht");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 1, 1))), ==, "4");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, 2))), ==, "Zwolle");
  for (GtkWidget *c = gtk_widget_get_first_child (grid); c != NULL; c = gtk_widget_get_next_sibling (c))
    rows++;
  g_assert_cmpint (rows, ==, 1 + 2 * 2);   /* "Number" header, 2 rows of two */

  /* The charts draw (a frame goes by without warnings). */
  gtk_widget_queue_draw (f->window);
  wb_test_drain ();
}

static void
test_period (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *period;

  wb_dashboard_page_set_store (f->page, f->store);
  WB_WAIT_FOR (wb_dashboard_page_get_aggregate (f->page) != NULL && !wb_dashboard_page_get_loading (f->page));

  /* Last year relative to now: these 2025 signals are in it only in 2026. */
  period = wb_test_get (GTK_WIDGET (f->page), "period");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (period), WB_DASHBOARD_PERIOD_LAST_12_MONTHS);
  g_assert_true (wb_dashboard_page_get_loading (f->page));
  WB_WAIT_FOR (!wb_dashboard_page_get_loading (f->page));
  g_assert_cmpuint (wb_dashboard_page_get_aggregate (f->page)->n_months, ==, 12);

  /* Locking: the page lets go of the store. */
  wb_dashboard_page_set_store (f->page, NULL);
  g_assert_false (wb_dashboard_page_get_loading (f->page));
  g_assert_null (wb_dashboard_page_get_store (f->page));
}

static void
test_period_presets (void)
{
  g_autoptr(GDateTime) today = g_date_time_new_utc (2026, 2, 14, 12, 0, 0);
  struct { WbDashboardPeriod period; const char *from, *to; } cases[] = {
    { WB_DASHBOARD_PERIOD_ALL, NULL, NULL },
    { WB_DASHBOARD_PERIOD_LAST_12_MONTHS, "2025-03", "2026-02" },
    { WB_DASHBOARD_PERIOD_THIS_YEAR, "2026-01", "2026-02" },
    { WB_DASHBOARD_PERIOD_LAST_YEAR, "2025-01", "2025-12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      wb_dashboard_period_to_query (cases[i].period, today, &from, &to);
      g_assert_cmpstr (from, ==, cases[i].from);
      g_assert_cmpstr (to, ==, cases[i].to);
    }
}

static void
test_bar_chart (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *chart = wb_bar_chart_new (GTK_ORIENTATION_VERTICAL);
  GtkWidget *grid = gtk_grid_new ();
  const char *bars[] = { "2025-01", "2025-02" };
  const char *series[] = { "A", "B" };
  const gint64 values[] = { 1, 2, 3, 0 };

  g_object_ref_sink (window);
  gtk_box_append (GTK_BOX (box), chart);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_window_set_child (GTK_WINDOW (window), box);
  wb_bar_chart_set_title (WB_BAR_CHART (chart), "Signalen");
  wb_bar_chart_set_data (WB_BAR_CHART (chart), 2, bars, 2, series, values);
  wb_bar_chart_fill_grid (WB_BAR_CHART (chart), GTK_GRID (grid));
  gtk_window_present (GTK_WINDOW (window));
  wb_test_drain ();

  g_assert_cmpuint (wb_bar_chart_get_n_bars (WB_BAR_CHART (chart)), ==, 2);
  /* A stacked chart's table has one column per series. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 2, 0))), ==, "B");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 1, 2))), ==, "3");
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)), ==, GTK_ACCESSIBLE_ROLE_IMG);

  /* Empty data draws nothing and does not crash.  A keyboard user on a
   * cell of the table stays in the table when it is filled again. */
  g_assert_true (gtk_widget_grab_focus (gtk_grid_get_child_at (GTK_GRID (grid), 1, 2)));
  wb_bar_chart_set_data (WB_BAR_CHART (chart), 0, NULL, 1, NULL, NULL);
  wb_bar_chart_fill_grid (WB_BAR_CHART (chart), GTK_GRID (grid));
  g_assert_cmpuint (wb_bar_chart_get_n_bars (WB_BAR_CHART (chart)), ==, 0);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), grid));
  wb_test_drain ();

  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_drain ();
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!wb_test_ui_init (&argc, &argv))
    return 0;

  g_test_add ("/ui-dashboard/loads", Fixture, NULL, fixture_setup, test_loads, fixture_teardown);
  g_test_add ("/ui-dashboard/period", Fixture, NULL, fixture_setup, test_period, fixture_teardown);
  g_test_add_func ("/ui-dashboard/period-presets", test_period_presets);
  g_test_add_func ("/ui-dashboard/bar-chart", test_bar_chart);

  return g_test_run ();
}
