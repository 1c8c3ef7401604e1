/* bench-ui.c — the officer's app with 100k signals: unlock to list, search, memory
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue #5 asks for three figures with 100k signals in the vault; this
 * program measures them on the real widgets (WbWindow, its unlock page and
 * WbSignalListPage), not on core calls.  Run it under a display:
 *
 *   xvfb-run -a _build-rel/bench/bench-ui [--signals N] [--rounds N] [--dir DIR] [--each]
 *
 * The first run fills a vault with N demo signals (as `weerbaar-cli demo`
 * does, about a minute for 100k) and keeps it in DIR (default
 * $XDG_CACHE_HOME/weerbaar-bench-ui) for later runs.  Every round runs in
 * a new process, so each starts as the app does: a window showing the
 * unlock page, drawn once; then:
 *
 *   unlock_ms               "Unlock" clicked → WbWindow:vault set
 *   unlock_to_list_ms       "Unlock" clicked → the first after-paint of the
 *                           window's frame clock with signal rows mapped in
 *                           the GtkListView (the list is on screen)
 *   unlock_to_all_ms        "Unlock" clicked → every signal in the model
 *                           (WbSignalList:loading FALSE)
 *   rss_loaded_mib          VmRSS once every signal is loaded
 *   key_work_p50/p95_ms     one keystroke in the search entry: the end of
 *                           the entry's 150 ms debounce ("search-changed")
 *                           → the first after-paint showing the new result
 *                           (the work the target is about)
 *   key_total_p50/p95_ms    the same from the keystroke itself (debounce
 *                           included: what the user waits)
 *   key_all_p50/p95_ms      "search-changed" → the complete result loaded
 *   rss_searched_mib        VmRSS after the keystrokes; hwm_mib is VmHWM
 *   *_cpu_ms                CPU time of all threads over the same span
 *                           (key_work_main_cpu_*: the main thread only),
 *                           which a loaded machine stretches less
 *
 * Keystrokes type demo words one letter at a time ("b", "be", "bed", …)
 * and then clear the entry (back to all 100k signals), each after the
 * previous result was complete.  Rounds run twice: with the vault at the
 * minimal Argon2id cost (what the app itself costs) and at the default
 * cost (what an officer waits).  The parent prints the median of the
 * rounds, and each figure's ratio to its target.  GSK_RENDERER defaults
 * to cairo and GTK_A11Y to none, as in the UI tests.
 */

#define G_LOG_DOMAIN "bench-ui"

#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "wb-core.h"
#include "wb-signal-list-page.h"
#include "wb-window.h"

#define PASSPHRASE "bench passphrase"

static int opt_signals = 100000;
static int opt_rounds = 5;
static int opt_words = 3;
static char *opt_dir = NULL;
static char *opt_child = NULL;
static gboolean opt_each = FALSE;

/* ---- figures ---------------------------------------------------------- */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  guint index;

  if (values->len == 0)
    return -1;
  g_array_sort (values, compare_doubles);
  index = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, index);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* CPU time of all the process's threads, in µs: the work done, which a
 * loaded machine stretches less than the wall clock. */
static gint64
cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* CPU time of the calling (main) thread, in µs: what the UI itself did. */
static gint64
main_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* A line of /proc/self/status in MiB ("VmRSS", "VmHWM"). */
static double
status_mib (const char *key)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key) && lines[i][strlen (key)] == ':')
      return g_ascii_strtod (lines[i] + strlen (key) + 1, NULL) / 1024.0;
  return -1;
}

/* ---- the child: one round on the real widgets ------------------------- */

typedef struct
{
  GtkWidget    *window;
  GtkWidget    *list_view;
  GtkWidget    *entry;
  WbSignalList *model;
  /* Set from the frame clock's after-paint. */
  gint64        painted_at;
  guint         n_paints;
  /* Set by the model's items-changed. */
  guint         n_changes;
  /* The after-paint that first showed rows / changes. */
  gint64        rows_painted_at;
  gint64        rows_painted_cpu;
  gint64        changes_painted_cpu;
  gint64        changes_painted_main_cpu;
  gint64        searched_cpu;
  gint64        searched_main_cpu;
  guint         changes_painted;
  gint64        changes_painted_at;
  gint64        searched_at;
  gint64        unlocked_at;
} Round;

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
get_named (GtkWidget  *root,
           const char *name)
{
  GtkWidget *widget = find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

/* A row is on screen: a list item of the GtkListView is mapped and has a
 * bound, allocated child. */
static gboolean
rows_shown (Round *round)
{
  if (round->model == NULL || g_list_model_get_n_items (G_LIST_MODEL (round->model)) == 0 ||
      !gtk_widget_get_mapped (round->list_view))
    return FALSE;

  for (GtkWidget *item = gtk_widget_get_first_child (round->list_view);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (row != NULL && gtk_widget_get_mapped (row) && gtk_widget_get_height (row) > 0)
        return TRUE;
    }

  return FALSE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Round         *round)
{
  round->painted_at = g_get_monotonic_time ();
  round->n_paints++;

  if (round->rows_painted_at == 0 && rows_shown (round))
    {
      round->rows_painted_at = round->painted_at;
      round->rows_painted_cpu = cpu_time ();
    }
  if (round->changes_painted != round->n_changes)
    {
      round->changes_painted = round->n_changes;
      round->changes_painted_at = round->painted_at;
      round->changes_painted_cpu = cpu_time ();
      round->changes_painted_main_cpu = main_cpu_time ();
    }
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Round      *round)
{
  round->n_changes++;
}

static void
vault_notify_cb (GObject    *window,
                 GParamSpec *pspec,
                 Round      *round)
{
  if (round->unlocked_at == 0 && wb_window_get_vault (WB_WINDOW (window)) != NULL)
    round->unlocked_at = g_get_monotonic_time ();
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   Round          *round)
{
  round->searched_at = g_get_monotonic_time ();
  round->searched_cpu = cpu_time ();
  round->searched_main_cpu = main_cpu_time ();
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

#define WAIT_FOR(cond)                                                       \
  G_STMT_START {                                                             \
    gint64 deadline_ = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;       \
    while (!(cond))                                                          \
      {                                                                      \
        if (g_get_monotonic_time () > deadline_)                             \
          g_error ("Timed out waiting for: %s", #cond);                      \
        g_main_context_iteration (NULL, TRUE);                               \
      }                                                                      \
  } G_STMT_END

/* Settled: the query finished and no frame is pending for 50 ms. */
static void
settle (Round *round)
{
  gint64 until;

  WAIT_FOR (!wb_signal_list_get_loading (round->model));
  until = g_get_monotonic_time () + 50000;
  WAIT_FOR (g_get_monotonic_time () > until);
}

/* One keystroke: @text replaces the entry's text (typing one letter, or
 * clearing it).  Waits for the debounce, the first frame that shows the
 * new result, and the complete result. */
static void
keystroke (Round      *round,
           const char *text,
           GArray     *work,
           GArray     *work_cpu,
           GArray     *work_main_cpu,
           GArray     *total,
           GArray     *all)
{
  gint64 pressed;
  guint changes;

  settle (round);
  round->searched_at = 0;
  changes = round->n_changes;

  pressed = g_get_monotonic_time ();
  /* As a key press does it: one letter inserted at the end, or the
   * whole text deleted (gtk_editable_set_text() would delete and insert,
   * and an empty entry searches at once). */
  if (text[0] == '\0')
    gtk_editable_delete_text (GTK_EDITABLE (round->entry), 0, -1);
  else
    {
      const char *old = gtk_editable_get_text (GTK_EDITABLE (round->entry));
      int position = -1;

      g_assert (g_str_has_prefix (text, old));
      position = (int) g_utf8_strlen (old, -1);
      gtk_editable_insert_text (GTK_EDITABLE (round->entry), text + strlen (old), -1, &position);
    }

  WAIT_FOR (round->searched_at != 0);
  /* A result equal to the one shown changes nothing on screen: it is
   * done when the query is. */
  WAIT_FOR ((round->n_changes != changes && round->changes_painted == round->n_changes &&
             round->changes_painted_at >= round->searched_at) ||
            (round->n_changes == changes && !wb_signal_list_get_loading (round->model)));
  if (round->n_changes != changes)
    {
      double w = (round->changes_painted_at - round->searched_at) / 1000.0;
      double t = (round->changes_painted_at - pressed) / 1000.0;
      double c = (round->changes_painted_cpu - round->searched_cpu) / 1000.0;
      double m = (round->changes_painted_main_cpu - round->searched_main_cpu) / 1000.0;

      g_array_append_val (work, w);
      g_array_append_val (work_cpu, c);
      g_array_append_val (work_main_cpu, m);
      g_array_append_val (total, t);
    }
  else
    {
      double w = ms_since (round->searched_at);
      double t = ms_since (pressed);
      double c = (cpu_time () - round->searched_cpu) / 1000.0;
      double m = (main_cpu_time () - round->searched_main_cpu) / 1000.0;

      g_array_append_val (work, w);
      g_array_append_val (work_cpu, c);
      g_array_append_val (work_main_cpu, m);
      g_array_append_val (total, t);
    }

  WAIT_FOR (!wb_signal_list_get_loading (round->model));
  {
    double a = ms_since (round->searched_at);

    g_array_append_val (all, a);
  }

  if (opt_each)
    g_printerr ("keystroke \"%s\": %u rows, list updated after %.1f ms (main thread %.1f ms CPU), complete after %.1f ms\n",
                text, g_list_model_get_n_items (G_LIST_MODEL (round->model)),
                g_array_index (work, double, work->len - 1),
                g_array_index (work_main_cpu, double, work_main_cpu->len - 1),
                g_array_index (all, double, all->len - 1));
}

static int
run_child (const char *vault_dir)
{
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) work_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) work_main_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  const char * const *words = wb_demo_get_words ();
  guint n_words = g_strv_length ((char **) words);
  guint tick;
  Round round = { 0 };
  GdkFrameClock *clock;
  GtkWidget *page;
  gint64 pressed;
  gint64 pressed_cpu;

  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  tick = g_timeout_add (10, tick_cb, NULL);

  round.window = GTK_WIDGET (wb_window_new (NULL, vault_dir, WB_VAULT_COST_MIN));
  g_object_ref (round.window);
  gtk_window_present (GTK_WINDOW (round.window));
  page = get_named (round.window, "signal-list-page");
  round.list_view = get_named (page, "signal-list");
  round.entry = get_named (page, "search-entry");
  round.model = wb_signal_list_page_get_model (WB_SIGNAL_LIST_PAGE (page));
  g_signal_connect (round.model, "items-changed", G_CALLBACK (items_changed_cb), &round);
  g_signal_connect (round.window, "notify::vault", G_CALLBACK (vault_notify_cb), &round);
  g_signal_connect (round.entry, "search-changed", G_CALLBACK (search_changed_cb), &round);

  /* The unlock page on screen, as an officer sees it before typing. */
  WAIT_FOR (gtk_widget_get_mapped (round.window) && gtk_widget_get_frame_clock (round.window) != NULL);
  clock = gtk_widget_get_frame_clock (round.window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &round);
  WAIT_FOR (round.n_paints > 0);
  gtk_editable_set_text (GTK_EDITABLE (get_named (round.window, "unlock-passphrase")), PASSPHRASE);
  {
    gint64 until = g_get_monotonic_time () + 200000;

    WAIT_FOR (g_get_monotonic_time () > until);
  }

  pressed = g_get_monotonic_time ();
  pressed_cpu = cpu_time ();
  g_signal_emit_by_name (get_named (round.window, "unlock-button"), "clicked");
  WAIT_FOR (round.rows_painted_at != 0);
  g_print ("unlock_ms: %.1f\n", (round.unlocked_at - pressed) / 1000.0);
  g_print ("unlock_to_list_ms: %.1f\n", (round.rows_painted_at - pressed) / 1000.0);
  g_print ("unlock_to_list_cpu_ms: %.1f\n", (round.rows_painted_cpu - pressed_cpu) / 1000.0);
  g_print ("list_after_unlock_ms: %.1f\n", (round.rows_painted_at - round.unlocked_at) / 1000.0);
  WAIT_FOR (!wb_signal_list_get_loading (round.model));
  g_print ("unlock_to_all_ms: %.1f\n", ms_since (pressed));
  g_print ("signals_listed: %u\n", g_list_model_get_n_items (G_LIST_MODEL (round.model)));
  settle (&round);
  g_print ("rss_loaded_mib: %.1f\n", status_mib ("VmRSS"));

  for (int w = 0; w < opt_words; w++)
    {
      const char *word = words[g_rand_int_range (rand, 0, n_words)];
      glong len = g_utf8_strlen (word, -1);

      for (glong n = 1; n <= MIN (len, 6); n++)
        {
          g_autofree char *prefix = g_utf8_substring (word, 0, n);

          keystroke (&round, prefix, work, work_cpu, work_main_cpu, total, all);
        }
      keystroke (&round, "", work, work_cpu, work_main_cpu, total, all);
    }

  g_print ("keystrokes: %u\n", work->len);
  g_print ("key_work_p50_ms: %.1f\n", percentile (work, 0.5));
  g_print ("key_work_p95_ms: %.1f\n", percentile (work, 0.95));
  g_print ("key_work_max_ms: %.1f\n", percentile (work, 1.0));
  g_print ("key_work_cpu_p50_ms: %.1f\n", percentile (work_cpu, 0.5));
  g_print ("key_work_cpu_p95_ms: %.1f\n", percentile (work_cpu, 0.95));
  g_print ("key_work_main_cpu_p50_ms: %.1f\n", percentile (work_main_cpu, 0.5));
  g_print ("key_work_main_cpu_p95_ms: %.1f\n", percentile (work_main_cpu, 0.95));
  g_print ("key_total_p50_ms: %.1f\n", percentile (total, 0.5));
  g_print ("key_total_p95_ms: %.1f\n", percentile (total, 0.95));
  g_print ("key_all_p50_ms: %.1f\n", percentile (all, 0.5));
  g_print ("key_all_p95_ms: %.1f\n", percentile (all, 0.95));
  settle (&round);
  g_print ("rss_searched_mib: %.1f\n", status_mib ("VmRSS"));
  g_print ("hwm_mib: %.1f\n", status_mib ("VmHWM"));

  g_signal_handlers_disconnect_by_data (clock, &round);
  g_signal_handlers_disconnect_by_data (round.model, &round);
  gtk_window_destroy (GTK_WINDOW (round.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (round.window);
  g_source_remove (tick);
  return 0;
}

/* ---- the parent: the cached vault, the rounds, the medians ------------ */

static void
fill_progress_cb (guint    done,
                  gpointer user_data)
{
  if (done % 20000 == 0)
    g_printerr ("  %u signals\n", done);
}

static void
ensure_vault (const char *vault_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autofree char *partial = g_strconcat (vault_dir, ".partial", NULL);
  g_autofree char *partial_db = g_build_filename (partial, WB_VAULT_FILE_NAME, NULL);
  WbStore *store;
  gint64 start;

  if (wb_vault_exists (vault_dir))
    return;

  /* Filled under another name and renamed when complete: an interrupted
   * fill is never taken for a vault of N signals. */
  g_unlink (partial_db);
  g_rmdir (partial);
  g_printerr ("Filling a vault with %d demo signals in %s (once)\n", opt_signals, vault_dir);
  vault = wb_vault_create (partial, PASSPHRASE, WB_VAULT_COST_MIN, NULL, NULL, &error);
  if (vault == NULL)
    g_error ("%s", error->message);
  store = wb_vault_get_store (vault);
  if (!wb_store_set_setting (store, WB_RECORDS_SETTING_ORGANISATION, "Gemeente Utrecht", &error) ||
      !wb_store_set_setting (store, WB_RECORDS_SETTING_ROLE, "liaison officer", &error))
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  if (!wb_demo_fill (store, opt_signals, 1, 0, fill_progress_cb, NULL, &error) ||
      !wb_store_checkpoint (store, &error))
    g_error ("demo failed: %s", error->message);
  g_print ("demo_fill_s: %.1f\n", (g_get_monotonic_time () - start) / 1e6);
  wb_vault_lock (vault);
  if (g_rename (partial, vault_dir) != 0)
    g_error ("Could not rename %s: %s", partial, g_strerror (errno));
}

static void
set_cost (const char  *vault_dir,
          WbVaultCost  cost)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = wb_vault_unlock (vault_dir, PASSPHRASE, NULL, &error);

  if (vault == NULL || !wb_vault_change_passphrase (vault, PASSPHRASE, cost, NULL, &error))
    g_error ("%s", error->message);
  wb_vault_lock (vault);
}

/* Runs one round in a new process; adds its figures to @figures. */
static void
run_round (const char *self_path,
           const char *vault_dir,
           GHashTable *figures,
           GPtrArray  *names,
           const char *suffix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *words = g_strdup_printf ("%d", opt_words);
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { self_path, "--child", vault_dir, "--words", words, opt_each ? "--each" : NULL, NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("round failed: %s", error->message);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strchr (lines[i], ':');
      g_autofree char *key = NULL;
      g_autofree char *name = NULL;
      GArray *values;
      double value;

      if (colon == NULL)
        continue;
      key = g_strndup (lines[i], colon - lines[i]);
      name = g_strconcat (suffix, key, NULL);
      value = g_ascii_strtod (colon + 1, NULL);
      values = g_hash_table_lookup (figures, name);
      if (values == NULL)
        {
          values = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (figures, g_strdup (name), values);
          g_ptr_array_add (names, g_strdup (name));
        }
      g_array_append_val (values, value);
      g_printerr ("  %s%s\n", suffix, lines[i]);
    }
}

static void
print_ratio (GHashTable *figures,
             const char *name,
             double      target,
             const char *unit)
{
  GArray *values = g_hash_table_lookup (figures, name);

  if (values == NULL)
    return;
  g_print ("%s_vs_target: %.2f (%.1f %s of at most %.0f %s)\n", name,
           percentile (values, 0.5) / target, percentile (values, 0.5), unit, target, unit);
}

static double
load_average (void)
{
  g_autofree char *loadavg = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    return -1;
  return g_ascii_strtod (loadavg, NULL);
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "signals", 0, 0, G_OPTION_ARG_INT, &opt_signals, "Signals in the vault (default 100000)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &opt_rounds, "Rounds per Argon2id cost (default 5)", "N" },
    { "words", 0, 0, G_OPTION_ARG_INT, &opt_words, "Words typed per round (default 3)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Keep the vault in DIR (default: $XDG_CACHE_HOME/weerbaar-bench-ui)", "DIR" },
    { "each", 0, 0, G_OPTION_ARG_NONE, &opt_each, "Print each keystroke's figures on stderr", NULL },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_child, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *self_path = NULL;
  g_autofree char *vault_dir = NULL;
  g_autofree char *name = NULL;
  double load_before;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", WB_BENCH_SCHEMA_DIR, FALSE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (opt_child != NULL)
    {
      if (!gtk_init_check ())
        g_error ("No display: run under xvfb-run -a");
      return run_child (opt_child);
    }

  if (!gtk_init_check ())
    g_error ("No display: run under xvfb-run -a");

  if (opt_dir == NULL)
    opt_dir = g_build_filename (g_get_user_cache_dir (), "weerbaar-bench-ui", NULL);
  if (g_mkdir_with_parents (opt_dir, 0700) != 0)
    g_error ("Could not create %s: %s", opt_dir, g_strerror (errno));
  name = g_strdup_printf ("kluis-%d", opt_signals);
  vault_dir = g_build_filename (opt_dir, name, NULL);
  ensure_vault (vault_dir);
  self_path = g_file_read_link ("/proc/self/exe", &error);
  if (self_path == NULL)
    g_error ("%s", error->message);

  load_before = load_average ();
  g_print ("signals: %d\n", opt_signals);
  g_print ("rounds: %d\n", opt_rounds);

  /* The minimal cost first: the app's own share of the wait. */
  set_cost (vault_dir, WB_VAULT_COST_MIN);
  for (int i = 0; i < opt_rounds; i++)
    run_round (self_path, vault_dir, figures, names, "min_kdf_");
  set_cost (vault_dir, WB_VAULT_COST_MODERATE);
  for (int i = 0; i < opt_rounds; i++)
    run_round (self_path, vault_dir, figures, names, "");
  set_cost (vault_dir, WB_VAULT_COST_MIN);

  for (guint i = 0; i < names->len; i++)
    {
      GArray *values = g_hash_table_lookup (figures, g_ptr_array_index (names, i));

      g_print ("%s: %.1f\n", (const char *) g_ptr_array_index (names, i), percentile (values, 0.5));
    }
  print_ratio (figures, "unlock_to_list_ms", 1000, "ms");
  print_ratio (figures, "key_work_p95_ms", 100, "ms");
  print_ratio (figures, "hwm_mib", 250, "MiB");
  g_print ("load_average: %.2f before, %.2f after\n", load_before, load_average ());

  g_free (opt_dir);
  return 0;
}
