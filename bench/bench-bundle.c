/* bench-bundle.c — bundle export and import throughput (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one figure per line, "name: value":
 *   export_signals / export_ms / export_bytes
 *       one bundle of N demo signals (everything up to TLP:RED) from a real
 *       encrypted vault to one recipient
 *   sequential_read_verify_decrypt_parse_s / sequential_merge_dry_run_s
 *       the two halves of an import, bundle after bundle (merge as a dry
 *       run, rolled back)
 *   import_bundles / import_signals / import_s / import_signals_per_s
 *       S bundles (one per municipality, 342 by default) holding M signals
 *       in total, each from its own sender, imported with
 *       wb_bundle_import_files() (the next bundle is read in a worker
 *       thread while one merges) into a real encrypted coordinator vault,
 *       one transaction per bundle — target ≤ 20 s for 342 / 100k
 * Senders are plain in-memory stores (making them is not measured).
 * Not run by `meson test`.
 *
 * load_average_before/_after: the machine's 1-minute load around the
 * import; import_merge_thread_cpu_s / import_all_threads_cpu_s: CPU time
 * of the merging thread and of the whole process during the import.
 * --reuse with --dir keeps the bundles and a copy of the empty
 * coordinator vault, so the next run with the same options starts at the
 * import (making 342 senders takes minutes).
 *
 *   bench-bundle [--export N] [--senders S] [--signals M] [--dir DIR [--reuse]]
 *                [--no-sequential]
 */

#define G_LOG_DOMAIN "bench-bundle"

#include "config.h"

#include <glib/gstdio.h>
#include <time.h>

#include "wb-core.h"
#include "wb-store-private.h"

static int opt_export = 10000;
static int opt_senders = 342;
static int opt_signals = 100000;
static char *opt_dir = NULL;
static gboolean opt_reuse = FALSE;
static gboolean opt_sequential = TRUE;

/* CPU seconds of this thread (@thread) or of the whole process: on a
 * machine shared with other builds, wall time alone says little. */
static double
cpu_s (gboolean thread)
{
  struct timespec ts;

  clock_gettime (thread ? CLOCK_THREAD_CPUTIME_ID : CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static WbStore *
memory_store (const char *organisation)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  WbStore *store;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    g_error ("sqlite3_open_v2 failed");
  store = _wb_store_new_take (db, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  wb_store_set_setting (store, WB_RECORDS_SETTING_ORGANISATION, organisation, NULL);
  wb_store_set_setting (store, WB_RECORDS_SETTING_ROLE, "liaison-officer", NULL);
  return store;
}

static void
pin (WbStore *to,
     WbStore *from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbIdentity) id = wb_identity_ensure (from, &error);
  g_autofree char *card = NULL;
  g_autoptr(WbContact) contact = NULL;

  if (id == NULL)
    g_error ("%s", error->message);
  card = wb_identity_dup_card (id);
  contact = wb_contacts_add (to, card, strlen (card), TRUE, &error);
  if (contact == NULL)
    g_error ("%s", error->message);
}

static WbVault *
new_vault (const char *dir,
           const char *organisation)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  WbVault *vault = wb_vault_create (dir, "bench passphrase", WB_VAULT_COST_MIN, &key, NULL, &error);

  if (vault == NULL)
    g_error ("%s", error->message);
  wb_store_set_setting (wb_vault_get_store (vault), WB_RECORDS_SETTING_ORGANISATION, organisation, NULL);
  wb_store_set_setting (wb_vault_get_store (vault), WB_RECORDS_SETTING_ROLE, "coordinator", NULL);
  return vault;
}

static void
bench_export (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a_dir = g_build_filename (dir, "export-sender", NULL);
  g_autofree char *out = g_build_filename (dir, "export.wbb", NULL);
  g_autoptr(WbVault) vault = new_vault (a_dir, "Gemeente Utrecht");
  g_autoptr(WbStore) nctv = memory_store ("NCTV");
  g_autoptr(WbExportReport) report = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(GFileInfo) info = NULL;
  WbStore *store = wb_vault_get_store (vault);
  const char *to[] = { "NCTV", NULL };
  WbBundleExportOptions options;
  gint64 start;

  if (!wb_demo_fill (store, opt_export, 1, 0, NULL, NULL, &error))
    g_error ("%s", error->message);
  pin (store, nctv);

  wb_bundle_export_options_init (&options);
  options.recipients = to;
  options.tlp_max = WB_TLP_RED;
  start = g_get_monotonic_time ();
  report = wb_bundle_export (store, &options, out, NULL, &error);
  if (report == NULL)
    g_error ("%s", error->message);
  g_print ("export_signals: %u\n", report->n_signals);
  g_print ("export_ms: %.0f\n", (g_get_monotonic_time () - start) / 1000.0);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
  g_print ("export_bytes: %" G_GOFFSET_FORMAT "\n", info != NULL ? g_file_info_get_size (info) : -1);
  wb_vault_lock (vault);
}

static void
import_cb (guint                index,
           const char          *path,
           const WbMergeReport *report,
           const GError        *error,
           gpointer             user_data)
{
  if (report == NULL)
    g_error ("%s: %s", path, error->message);
}

/* A copy of the coordinator vault as it was before the import, beside the
 * bundles encrypted to it, so that --reuse skips making them again. */
static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);

  if (!g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
}

static WbVault *
make_bundles (const char *dir,
              const char *c_dir,
              GPtrArray  *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = new_vault (c_dir, "NCTV");
  g_autofree char *template_dir = g_build_filename (dir, "coordinator-template", NULL);
  g_autofree char *db = g_build_filename (c_dir, WB_VAULT_FILE_NAME, NULL);
  g_autofree char *template_db = g_build_filename (template_dir, WB_VAULT_FILE_NAME, NULL);
  const char * const *municipalities = wb_demo_get_municipalities ();
  WbStore *store = wb_vault_get_store (vault);
  const char *to[] = { "NCTV", NULL };
  guint n_mun = g_strv_length ((char **) municipalities);

  for (int i = 0; i < opt_senders; i++)
    {
      g_autofree char *name = g_strdup_printf ("Gemeente %s %d", municipalities[i % n_mun], i);
      g_autoptr(WbStore) sender = memory_store (name);
      g_autoptr(WbExportReport) report = NULL;
      guint count = opt_signals / opt_senders + (i < opt_signals % opt_senders ? 1 : 0);
      WbBundleExportOptions options;

      if (!wb_demo_fill (sender, count, i + 1, 0, NULL, NULL, &error))
        g_error ("%s", error->message);
      pin (sender, store);
      pin (store, sender);
      wb_bundle_export_options_init (&options);
      options.recipients = to;
      options.tlp_max = WB_TLP_RED;
      report = wb_bundle_export (sender, &options, g_ptr_array_index (paths, i), NULL, &error);
      if (report == NULL)
        g_error ("%s", error->message);
    }

  wb_vault_lock (vault);
  g_clear_object (&vault);
  if (g_mkdir_with_parents (template_dir, 0700) != 0)
    g_error ("cannot make %s", template_dir);
  copy_file (db, template_db);
  vault = wb_vault_unlock (c_dir, "bench passphrase", NULL, &error);
  if (vault == NULL)
    g_error ("%s", error->message);
  return g_steal_pointer (&vault);
}

static WbVault *
reuse_bundles (const char *dir,
               const char *c_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (c_dir, WB_VAULT_FILE_NAME, NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *template_db = g_build_filename (dir, "coordinator-template", WB_VAULT_FILE_NAME, NULL);
  WbVault *vault;

  g_unlink (wal);
  copy_file (template_db, db);
  vault = wb_vault_unlock (c_dir, "bench passphrase", NULL, &error);
  if (vault == NULL)
    g_error ("%s", error->message);
  return vault;
}

static void
bench_import (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *c_dir = g_build_filename (dir, "coordinator", NULL);
  g_autofree char *template_db = g_build_filename (dir, "coordinator-template", WB_VAULT_FILE_NAME, NULL);
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  WbStore *store;
  gint64 read_us = 0;
  gint64 start;
  double cpu_thread;
  double cpu_all;
  double load[3] = { 0 };

  for (int i = 0; i < opt_senders; i++)
    g_ptr_array_add (paths, g_strdup_printf ("%s/bundle-%03d.wbb", dir, i));

  if (opt_reuse && g_file_test (template_db, G_FILE_TEST_EXISTS))
    vault = reuse_bundles (dir, c_dir);
  else
    vault = make_bundles (dir, c_dir, paths);
  store = wb_vault_get_store (vault);
  if (!wb_store_checkpoint (store, &error))
    g_error ("%s", error->message);

  if (opt_sequential)
    {
      start = g_get_monotonic_time ();
      for (guint i = 0; i < paths->len; i++)
        {
          g_autoptr(WbBundle) bundle = NULL;
          g_autoptr(WbMergeReport) report = NULL;
          gint64 t0 = g_get_monotonic_time ();

          bundle = wb_bundle_read (store, g_ptr_array_index (paths, i), NULL, &error);
          if (bundle == NULL)
            g_error ("%s", error->message);
          read_us += g_get_monotonic_time () - t0;
          /* Dry run: the same work, rolled back, so the pipelined pass
           * below imports into the same empty vault. */
          report = wb_merge_bundle (store, bundle, TRUE, &error);
          if (report == NULL)
            g_error ("%s", error->message);
        }
      {
        double s = (g_get_monotonic_time () - start) / 1e6;

        g_print ("sequential_read_verify_decrypt_parse_s: %.1f\n", read_us / 1e6);
        g_print ("sequential_merge_dry_run_s: %.1f\n", s - read_us / 1e6);
      }
    }

  g_ptr_array_add (paths, NULL);
  if (getloadavg (load, 3) < 0)
    load[0] = -1;
  g_print ("load_average_before: %.2f\n", load[0]);
  cpu_thread = cpu_s (TRUE);
  cpu_all = cpu_s (FALSE);
  start = g_get_monotonic_time ();
  if (!wb_bundle_import_files (store, (const char * const *) paths->pdata, FALSE, import_cb, NULL, NULL, &error))
    g_error ("%s", error->message);
  {
    double s = (g_get_monotonic_time () - start) / 1e6;
    gint64 total = wb_records_count_signals (store, NULL);

    if (getloadavg (load, 3) < 0)
      load[0] = -1;
    g_print ("import_bundles: %u\n", paths->len - 1);
    g_print ("import_signals: %" G_GINT64_FORMAT "\n", total);
    g_print ("import_s: %.1f\n", s);
    g_print ("import_signals_per_s: %.0f\n", total / s);
    g_print ("import_merge_thread_cpu_s: %.1f\n", cpu_s (TRUE) - cpu_thread);
    g_print ("import_all_threads_cpu_s: %.1f\n", cpu_s (FALSE) - cpu_all);
    g_print ("load_average_after: %.2f\n", load[0]);
  }
  wb_vault_lock (vault);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  GOptionEntry entries[] = {
    { "export", 0, 0, G_OPTION_ARG_INT, &opt_export, "Signals in the exported bundle", "N" },
    { "senders", 0, 0, G_OPTION_ARG_INT, &opt_senders, "Bundles to import", "S" },
    { "signals", 0, 0, G_OPTION_ARG_INT, &opt_signals, "Signals in all imported bundles together", "M" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Work in DIR (default: a temporary folder)", "DIR" },
    { "reuse", 0, 0, G_OPTION_ARG_NONE, &opt_reuse, "Reuse the bundles and the empty coordinator vault a run left in DIR", NULL },
    { "no-sequential", 0, G_OPTION_FLAG_REVERSE, G_OPTION_ARG_NONE, &opt_sequential, "Skip the sequential read and dry-run pass", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (opt_senders < 1 || opt_signals < opt_senders)
    g_error ("need at least one sender and one signal per sender");

  dir = opt_dir != NULL ? g_strdup (opt_dir) : g_dir_make_tmp ("bench-bundle-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);

  if (opt_export > 0)
    bench_export (dir);
  bench_import (dir);
  g_print ("dir: %s\n", dir);
  return 0;
}
