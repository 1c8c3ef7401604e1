/* bench-stats.c — dashboard aggregation and report generation on a large vault
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints "name: value" lines.  Targets (issue #7) on 500k signals:
 * aggregate_all_ms ≤ 200, report_pdf_s and report_csv_s ≤ 2.
 * aggregate_*_ms read the running tallies (migration 7);
 * recount_*_ms count every signal again, as before them (and must give
 * the same total).  load_average: the machine's 1-minute load before.
 *   bench-stats [--signals N] [--dir DIR --keep]
 */

#define G_LOG_DOMAIN "bench-stats"

#include "config.h"

#include <glib/gstdio.h>

#include "wb-core.h"
#include "wb-stats-private.h"

static int opt_signals = 500000;
static int opt_runs = 5;
static char *opt_dir = NULL;
static gboolean opt_keep = FALSE;

static void
fill_progress_cb (guint    done,
                  gpointer user_data)
{
  if (done % 50000 == 0)
    g_printerr ("filled %u\n", done);
}

static double
time_aggregate (WbStore                *store,
                const WbAggregateQuery *query,
                gboolean                recount,
                gint64                 *total)
{
  g_autoptr(GError) error = NULL;
  double best = G_MAXDOUBLE;

  for (int i = 0; i < opt_runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(WbAggregate) agg = recount ? _wb_store_dup_aggregate_recount (store, query, &error)
                                           : wb_store_dup_aggregate (store, query, &error);

      if (agg == NULL)
        g_error ("%s", error->message);
      best = MIN (best, (g_get_monotonic_time () - start) / 1000.0);
      *total = agg->total;
    }
  return best;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autofree char *vault_dir = NULL;
  g_autofree char *report = NULL;
  WbAggregateQuery year = { "2025-01", "2025-12" };
  WbStore *store;
  gint64 start;
  gint64 tallied = 0, tallied_year = 0, recounted = 0, recounted_year = 0;
  double load[1] = { 0 };
  GOptionEntry entries[] = {
    { "signals", 0, 0, G_OPTION_ARG_INT, &opt_signals, "Demo signals to add", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Aggregations to time (best is printed)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Work directory", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &opt_keep, "Keep (and reuse) the vault", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (opt_dir == NULL)
    opt_dir = g_dir_make_tmp ("bench-stats-XXXXXX", &error);
  if (opt_dir == NULL)
    g_error ("%s", error->message);
  vault_dir = g_build_filename (opt_dir, "kluis", NULL);

  if (opt_keep && wb_vault_exists (vault_dir))
    {
      vault = wb_vault_unlock (vault_dir, "bench passphrase", NULL, &error);
      if (vault == NULL)
        g_error ("%s", error->message);
      store = wb_vault_get_store (vault);
    }
  else
    {
      vault = wb_vault_create (vault_dir, "bench passphrase", WB_VAULT_COST_MIN, NULL, NULL, &error);
      if (vault == NULL)
        g_error ("%s", error->message);
      store = wb_vault_get_store (vault);
      wb_store_set_setting (store, "organisation-name", "NCTV", NULL);
      wb_store_set_setting (store, "organisation-role", "coordinator", NULL);
      start = g_get_monotonic_time ();
      if (!wb_demo_fill (store, opt_signals, 1, 0, fill_progress_cb, NULL, &error))
        g_error ("demo failed: %s", error->message);
      g_print ("demo_fill_s: %.1f\n", (g_get_monotonic_time () - start) / 1e6);
    }
  if (!wb_store_checkpoint (store, &error))
    g_error ("%s", error->message);
  g_print ("signals: %" G_GINT64_FORMAT "\n", wb_records_count_signals (store, NULL));

  if (getloadavg (load, 1) < 1)
    load[0] = -1;
  g_print ("load_average: %.2f\n", load[0]);
  g_print ("aggregate_all_ms: %.1f\n", time_aggregate (store, NULL, FALSE, &tallied));
  g_print ("aggregate_year_ms: %.1f\n", time_aggregate (store, &year, FALSE, &tallied_year));
  g_print ("recount_all_ms: %.1f\n", time_aggregate (store, NULL, TRUE, &recounted));
  g_print ("recount_year_ms: %.1f\n", time_aggregate (store, &year, TRUE, &recounted_year));
  if (tallied != recounted || tallied_year != recounted_year)
    g_error ("the tallies (%" G_GINT64_FORMAT ") differ from a recount (%" G_GINT64_FORMAT ")",
             tallied, recounted);

  report = g_build_filename (opt_dir, "report.pdf", NULL);
  start = g_get_monotonic_time ();
  if (!wb_report_write (store, NULL, WB_REPORT_FORMAT_PDF, report, NULL, &error))
    g_error ("%s", error->message);
  g_print ("report_pdf_s: %.3f\n", (g_get_monotonic_time () - start) / 1e6);
  g_unlink (report);

  g_free (report);
  report = g_build_filename (opt_dir, "report.csv", NULL);
  start = g_get_monotonic_time ();
  if (!wb_report_write (store, NULL, WB_REPORT_FORMAT_CSV, report, NULL, &error))
    g_error ("%s", error->message);
  g_print ("report_csv_s: %.3f\n", (g_get_monotonic_time () - start) / 1e6);
  g_unlink (report);

  wb_vault_lock (vault);
  if (!opt_keep)
    {
      g_autofree char *db = g_build_filename (vault_dir, WB_VAULT_FILE_NAME, NULL);

      g_unlink (db);
      g_rmdir (vault_dir);
      g_rmdir (opt_dir);
    }
  return 0;
}
