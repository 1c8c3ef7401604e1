/* bench-signals.c — search, list and add on a vault of demo signals
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one figure per line, "name: value".  Fills a real encrypted vault
 * (Argon2id at its minimum cost: unlocking is not what is measured) with
 * signals made exactly as `weerbaar-cli demo` makes them, then times:
 *   search_p50_ms / search_p95_ms   ~1000 varied queries (words, prefixes,
 *                                   two-word queries, some with filters),
 *                                   first 50 hits in ladder order, each
 *                                   parsed into a WbSignal — what a list
 *                                   view shows first
 *   search_all_p50_ms / _p95_ms     the same queries returning every hit
 *   list_all_ms                     every signal, parsed, in ladder order
 *                                   (stored documents are parsed with
 *                                   WB_SIGNAL_JSON_TRUSTED)
 *   parse_strict_us / _trusted_us   mean time to parse one stored document
 *                                   (sample of 20 000) with full validation
 *                                   and in the trusted mode the store uses
 *   list_rows_ms                    every signal as a list row
 *                                   (wb_records_list_signal_rows(): no
 *                                   document parsed), in ladder order
 *   search_rows_all_p50_ms / _p95   the search_all queries returning list
 *                                   rows (wb_records_search_rows())
 *   add_one_p50_ms / _p95_ms        one signal per transaction (+ audit)
 * Not run by `meson test`.
 *
 *   bench-signals [--signals N] [--queries N] [--adds N] [--dir DIR [--keep]] [--skip-all]
 */

#define G_LOG_DOMAIN "bench-signals"

#include "config.h"

#include <glib/gstdio.h>

#include "wb-core.h"

static int opt_signals = 100000;
static int opt_queries = 1000;
static int opt_adds = 300;
static char *opt_dir = NULL;
static gboolean opt_keep = FALSE;
static gboolean opt_skip_all = FALSE;
static double opt_slow_ms = 0;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *ms,
            double  p)
{
  guint index;

  g_array_sort (ms, compare_doubles);
  index = (guint) (p * (ms->len - 1) + 0.5);
  return g_array_index (ms, double, index);
}

static char *
make_query (GRand *rand)
{
  const char * const *words = wb_demo_get_words ();
  guint n_words = g_strv_length ((char **) words);
  const char *a = words[g_rand_int_range (rand, 0, n_words)];
  const char *b = words[g_rand_int_range (rand, 0, n_words)];

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      return g_strdup (a);
    case 1:
      /* A prefix, as typed so far: 3 to 6 characters. */
      return g_utf8_substring (a, 0, MIN (g_utf8_strlen (a, -1), g_rand_int_range (rand, 3, 7)));
    case 2:
      return g_strdup_printf ("%s %s", a, b);
    default:
      return g_ascii_strup (a, -1);
    }
}

static void
make_filter (GRand           *rand,
             WbRecordsFilter *filter,
             guint            limit)
{
  static const char * const categories[] = { "A", "B", "C", "D", "E", "G", "H", "I", "A1", "G2" };
  const char * const *municipalities = wb_demo_get_municipalities ();

  wb_records_filter_init (filter);
  filter->limit = limit;
  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      filter->category = categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))];
      break;
    case 1:
      filter->municipality = municipalities[g_rand_int_range (rand, 0, 20)];
      break;
    case 2:
      filter->level = g_rand_int_range (rand, 1, 5);
      break;
    case 3:
      filter->occurred_from = "2025-06-01";
      break;
    default:
      break;
    }
}

static void
time_searches (WbStore    *store,
               guint       limit,
               gboolean    rows,
               const char *name)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 hits = 0;

  for (int i = 0; i < opt_queries; i++)
    {
      g_autofree char *query = make_query (rand);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = NULL;
      WbRecordsFilter filter;
      gint64 start;
      double elapsed;

      make_filter (rand, &filter, limit);
      start = g_get_monotonic_time ();
      if (rows)
        found = wb_records_search_rows (store, query, &filter, &error);
      else
        found = wb_records_search (store, query, &filter, &error);
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      if (found == NULL)
        g_error ("search failed: %s", error->message);
      hits += found->len;
      g_array_append_val (ms, elapsed);
      if (opt_slow_ms > 0 && elapsed > opt_slow_ms)
        g_printerr ("slow %.1f ms: \"%s\" category=%s municipality=%s level=%d from=%s hits=%u\n",
                    elapsed, query, filter.category, filter.municipality, filter.level,
                    filter.occurred_from, found->len);
    }

  g_print ("%s_p50_ms: %.2f\n", name, percentile (ms, 0.50));
  g_print ("%s_p95_ms: %.2f\n", name, percentile (ms, 0.95));
  g_print ("%s_max_ms: %.2f\n", name, percentile (ms, 1.0));
  g_print ("%s_mean_hits: %.1f\n", name, (double) hits / opt_queries);
}

static double
time_parse (GPtrArray         *docs,
            WbSignalJsonFlags  flags)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < docs->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WbSignal) signal = wb_signal_new_from_json (g_ptr_array_index (docs, i), -1, flags, &error);

      if (signal == NULL)
        g_error ("parse failed: %s", error->message);
    }

  return (double) (g_get_monotonic_time () - start) / MAX (docs->len, 1);
}

static void
fill_progress_cb (guint    done,
                  gpointer user_data)
{
  if (done % 20000 == 0)
    g_printerr ("  %u signals\n", done);
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "signals", 0, 0, G_OPTION_ARG_INT, &opt_signals, "Signals in the vault (default 100000)", "N" },
    { "queries", 0, 0, G_OPTION_ARG_INT, &opt_queries, "Search queries (default 1000)", "N" },
    { "adds", 0, 0, G_OPTION_ARG_INT, &opt_adds, "Single adds to time (default 300)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Work in DIR (default: a new temporary folder)", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &opt_keep, "Keep the vault in DIR, and reuse it when it is there", NULL },
    { "skip-all", 0, 0, G_OPTION_ARG_NONE, &opt_skip_all, "Skip the searches that return every hit", NULL },
    { "slow", 0, 0, G_OPTION_ARG_DOUBLE, &opt_slow_ms, "Print queries slower than MS on stderr", "MS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GArray) add_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *vault_dir = NULL;
  g_autofree char *key = NULL;
  WbStore *store;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (opt_dir == NULL)
    opt_dir = g_dir_make_tmp ("bench-signals-XXXXXX", &error);
  if (opt_dir == NULL)
    g_error ("%s", error->message);
  vault_dir = g_build_filename (opt_dir, "kluis", NULL);

  if (opt_keep && wb_vault_exists (vault_dir))
    {
      /* Reuse a vault filled by an earlier --keep run. */
      vault = wb_vault_unlock (vault_dir, "bench passphrase", NULL, &error);
      if (vault == NULL)
        g_error ("%s", error->message);
      store = wb_vault_get_store (vault);
      g_print ("signals: %" G_GINT64_FORMAT "\n", wb_records_count_signals (store, NULL));
    }
  else
    {
      vault = wb_vault_create (vault_dir, "bench passphrase", WB_VAULT_COST_MIN, &key, NULL, &error);
      if (vault == NULL)
        g_error ("%s", error->message);
      store = wb_vault_get_store (vault);
      wb_store_set_setting (store, "organisation-name", "Gemeente Utrecht", NULL);
      wb_store_set_setting (store, "organisation-role", "liaison-officer", NULL);

      start = g_get_monotonic_time ();
      if (!wb_demo_fill (store, opt_signals, 1, 0, fill_progress_cb, NULL, &error))
        g_error ("demo failed: %s", error->message);
      g_print ("signals: %d\n", opt_signals);
      g_print ("demo_fill_s: %.1f\n", (g_get_monotonic_time () - start) / 1e6);
    }
  if (!wb_store_checkpoint (store, &error))
    g_error ("%s", error->message);

  time_searches (store, 50, FALSE, "search");
  if (!opt_skip_all)
    time_searches (store, 0, FALSE, "search_all");
  time_searches (store, 0, TRUE, "search_rows_all");

  start = g_get_monotonic_time ();
  all = wb_records_list_signals (store, NULL, &error);
  if (all == NULL)
    g_error ("list failed: %s", error->message);
  g_print ("list_all_ms: %.0f\n", (g_get_monotonic_time () - start) / 1000.0);
  g_print ("list_all_count: %u\n", all->len);

  {
    g_autoptr(GPtrArray) rows = NULL;

    start = g_get_monotonic_time ();
    rows = wb_records_list_signal_rows (store, NULL, &error);
    if (rows == NULL)
      g_error ("list failed: %s", error->message);
    g_print ("list_rows_ms: %.0f\n", (g_get_monotonic_time () - start) / 1000.0);
    g_print ("list_rows_count: %u\n", rows->len);
  }

  {
    g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < all->len && i < 20000; i++)
      g_ptr_array_add (docs, wb_signal_dup_canonical_json (g_ptr_array_index (all, i)));
    g_print ("parse_strict_us: %.1f\n", time_parse (docs, WB_SIGNAL_JSON_NONE));
    g_print ("parse_trusted_us: %.1f\n", time_parse (docs, WB_SIGNAL_JSON_TRUSTED));
  }

  for (int i = 0; i < opt_adds; i++)
    {
      g_autoptr(WbSignal) signal = wb_signal_copy (g_ptr_array_index (all, g_rand_int_range (rand, 0, all->len)));
      g_autofree char *uuid = g_uuid_string_random ();
      double elapsed;

      wb_signal_set_uuid (signal, uuid);
      wb_signal_set_level (signal, 1);
      wb_signal_set_closed_on (signal, NULL);
      wb_signal_set_legal_hold (signal, FALSE);
      start = g_get_monotonic_time ();
      if (!wb_records_add_signal (store, signal, &error))
        g_error ("add failed: %s", error->message);
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (add_ms, elapsed);
    }
  g_print ("add_one_p50_ms: %.2f\n", percentile (add_ms, 0.50));
  g_print ("add_one_p95_ms: %.2f\n", percentile (add_ms, 0.95));

  wb_vault_lock (vault);
  {
    g_autofree char *db = g_build_filename (vault_dir, WB_VAULT_FILE_NAME, NULL);
    GStatBuf st;

    if (g_stat (db, &st) == 0)
      g_print ("vault_mib: %.1f\n", st.st_size / (1024.0 * 1024.0));
    if (!opt_keep)
      {
        g_unlink (db);
        g_rmdir (vault_dir);
        g_rmdir (opt_dir);
      }
  }

  g_free (opt_dir);
  return 0;
}
