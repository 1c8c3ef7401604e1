/* test-merge.c — merge by UUID and revision: newer replaces older with
 * history, older never replaces newer, conflicts kept aside, tombstones,
 * sequence gaps
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "exchange-common.h"

typedef struct
{
  WbStore *utrecht;
  WbStore *nctv;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->utrecht = exchange_new_store ("Gemeente Utrecht");
  f->nctv = exchange_new_store ("NCTV");
  exchange_pin (f->utrecht, f->nctv);
  exchange_pin (f->nctv, f->utrecht);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->utrecht);
  g_clear_object (&f->nctv);
}

static WbMergeReport *
send (Fixture    *f,
      const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = exchange_export (f->utrecht, "NCTV", WB_TLP_AMBER, file);
  WbMergeReport *report = wb_bundle_import (f->nctv, path, FALSE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
edit_summary (WbStore    *store,
              const char *uuid,
              const char *summary)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *patch = g_strdup_printf ("{\"summary\": \"%s\"}", summary);
  g_autoptr(WbSignal) s = wb_records_edit_signal_json (store, uuid, patch, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
}

static WbSignal *
get (WbStore    *store,
     const char *uuid)
{
  g_autoptr(GError) error = NULL;
  WbSignal *s = wb_records_get_signal (store, uuid, &error);

  g_assert_no_error (error);
  return s;
}

static void
test_newer_replaces_older (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(WbSignal) s = records_add (f->utrecht, "Eerste versie", "[\"A1\"]", "Utrecht", "2026-02-01",
                                       ", \"tlp\": \"AMBER\"");
  const char *uuid = wb_signal_get_uuid (s);
  g_autoptr(WbMergeReport) r1 = send (f, "1.wbb");
  g_autoptr(WbMergeReport) r2 = NULL;
  g_autoptr(WbSignal) got = NULL;
  g_autoptr(GPtrArray) revisions = NULL;

  g_assert_cmpuint (r1->n_added, ==, 1);
  edit_summary (f->utrecht, uuid, "Tweede versie");
  r2 = send (f, "2.wbb");
  g_assert_cmpuint (r2->n_updated, ==, 1);
  g_assert_cmpuint (r2->n_added, ==, 0);

  got = get (f->nctv, uuid);
  g_assert_cmpuint (wb_signal_get_revision (got), ==, 2);
  g_assert_cmpstr (wb_signal_get_summary (got), ==, "Tweede versie");
  revisions = wb_records_list_revisions (f->nctv, uuid, NULL);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpint (records_sql_int (f->nctv, "SELECT count(*) FROM provenance"), ==, 2);
  g_assert_cmpuint (r2->notes->len, ==, 0);
}

static void
test_older_never_replaces_newer (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(WbSignal) s = records_add (f->utrecht, "Origineel", "[\"A1\"]", "Utrecht", "2026-02-01",
                                       ", \"tlp\": \"AMBER\"");
  const char *uuid = wb_signal_get_uuid (s);
  g_autoptr(WbMergeReport) r1 = send (f, "1.wbb");
  g_autoptr(WbMergeReport) r2 = NULL;
  g_autoptr(WbSignal) got = NULL;

  /* The coordinator edits twice (revision 3); Utrecht sends revision 2. */
  edit_summary (f->nctv, uuid, "Landelijk aangevuld");
  edit_summary (f->nctv, uuid, "Landelijk nogmaals aangevuld");
  edit_summary (f->utrecht, uuid, "Lokaal aangevuld");
  r2 = send (f, "2.wbb");
  g_assert_cmpuint (r2->n_older, ==, 1);
  g_assert_cmpuint (r2->n_updated, ==, 0);
  got = get (f->nctv, uuid);
  g_assert_cmpuint (wb_signal_get_revision (got), ==, 3);
  g_assert_cmpstr (wb_signal_get_summary (got), ==, "Landelijk nogmaals aangevuld");
}

static void
test_conflict_kept_aside (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) s = records_add (f->utrecht, "Origineel", "[\"A1\"]", "Utrecht", "2026-02-01",
                                       ", \"tlp\": \"AMBER\"");
  const char *uuid = wb_signal_get_uuid (s);
  g_autoptr(WbMergeReport) r1 = send (f, "1.wbb");
  g_autoptr(WbMergeReport) r2 = NULL;
  g_autoptr(WbSignal) got = NULL;
  g_autoptr(WbSignal) resolved = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) after = NULL;
  WbConflict *c;

  /* Both sides make revision 2, differently. */
  edit_summary (f->nctv, uuid, "Landelijke versie");
  edit_summary (f->utrecht, uuid, "Lokale versie");
  r2 = send (f, "2.wbb");
  g_assert_cmpuint (r2->n_conflicts, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r2->conflicts, 0), ==, uuid);

  /* Never a silent overwrite. */
  got = get (f->nctv, uuid);
  g_assert_cmpstr (wb_signal_get_summary (got), ==, "Landelijke versie");

  conflicts = wb_merge_list_conflicts (f->nctv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (c->uuid, ==, uuid);
  g_assert_cmpstr (c->sender, ==, "Gemeente Utrecht");
  g_assert_cmpstr (wb_signal_get_summary (c->theirs), ==, "Lokale versie");
  g_assert_cmpstr (wb_signal_get_summary (c->ours), ==, "Landelijke versie");

  /* Take theirs: it becomes revision 3, ours stays in the history. */
  g_assert_true (wb_merge_resolve_conflict (f->nctv, c->id, TRUE, &error));
  g_assert_no_error (error);
  resolved = get (f->nctv, uuid);
  g_assert_cmpuint (wb_signal_get_revision (resolved), ==, 3);
  g_assert_cmpstr (wb_signal_get_summary (resolved), ==, "Lokale versie");
  after = wb_merge_list_conflicts (f->nctv, &error);
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_false (wb_merge_resolve_conflict (f->nctv, c->id, TRUE, &error));
  g_assert_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_CONFLICT_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (wb_records_verify_audit (f->nctv, NULL, &error));
  g_assert_no_error (error);
}

static void
test_tombstone (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) s = records_add (f->utrecht, "Wordt ingetrokken", "[\"A1\"]", "Utrecht", "2026-02-01",
                                       ", \"tlp\": \"AMBER\"");
  g_autofree char *uuid = g_strdup (wb_signal_get_uuid (s));
  g_autoptr(WbMergeReport) r1 = send (f, "1.wbb");
  g_autoptr(WbMergeReport) r2 = NULL;
  guint revision = 0;

  g_assert_cmpint (wb_records_count_signals (f->nctv, NULL), ==, 1);
  g_assert_true (wb_records_purge (f->utrecht, uuid, &error));
  g_assert_no_error (error);
  r2 = send (f, "2.wbb");
  g_assert_cmpuint (r2->n_purged, ==, 1);
  g_assert_cmpint (wb_records_count_signals (f->nctv, NULL), ==, 0);
  g_assert_true (wb_records_is_tombstoned (f->nctv, uuid, &revision, &error));
}

static void
test_sequence_gap (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) s = records_add (f->utrecht, "Een", "[\"A1\"]", "Utrecht", "2026-02-01", NULL);
  g_autofree char *p1 = exchange_export (f->utrecht, "NCTV", WB_TLP_AMBER_STRICT, "1.wbb");
  g_autofree char *p2 = exchange_export (f->utrecht, "NCTV", WB_TLP_AMBER_STRICT, "2.wbb");
  g_autofree char *p3 = exchange_export (f->utrecht, "NCTV", WB_TLP_AMBER_STRICT, "3.wbb");
  g_autoptr(WbMergeReport) r1 = wb_bundle_import (f->nctv, p1, FALSE, NULL, &error);
  g_autoptr(WbMergeReport) r3 = wb_bundle_import (f->nctv, p3, FALSE, NULL, &error);
  g_autoptr(WbMergeReport) r2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (r1->notes->len, ==, 0);
  g_assert_cmpuint (r3->notes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r3->notes, 0), ==, "Bundle 2 from Gemeente Utrecht is missing");
  r2 = wb_bundle_import (f->nctv, p2, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->notes->len, ==, 0);
}

static void
collect_cb (guint                index,
            const char          *path,
            const WbMergeReport *report,
            const GError        *error,
            gpointer             user_data)
{
  GString *log = user_data;

  g_string_append_printf (log, "%u:%s;", index,
                          report != NULL ? (report->already_imported ? "again" : "ok")
                                         : (error->domain == WB_EXCHANGE_ERROR ? "rejected" : "?"));
}

static void
test_import_files (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) s1 = records_add (f->utrecht, "Een", "[\"A1\"]", "Utrecht", "2026-02-01", NULL);
  g_autofree char *p1 = exchange_export (f->utrecht, "NCTV", WB_TLP_AMBER_STRICT, "1.wbb");
  g_autoptr(WbSignal) s2 = records_add (f->utrecht, "Twee", "[\"A2\"]", "Utrecht", "2026-02-02", NULL);
  g_autofree char *p2 = exchange_export (f->utrecht, "NCTV", WB_TLP_AMBER_STRICT, "2.wbb");
  g_autofree char *bad = exchange_tmp_path ("bad.wbb");
  g_autoptr(GString) log = g_string_new (NULL);
  const char *paths[] = { p1, bad, p2, p1, NULL };

  g_assert_true (g_file_set_contents (bad, "garbage", -1, &error));
  g_assert_true (wb_bundle_import_files (f->nctv, paths, FALSE, collect_cb, log, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (log->str, ==, "0:ok;1:rejected;2:ok;3:again;");
  g_assert_cmpint (wb_records_count_signals (f->nctv, NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, fn) g_test_add ("/merge/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("newer-replaces-older", test_newer_replaces_older);
  ADD ("older-never-replaces-newer", test_older_never_replaces_newer);
  ADD ("conflict-kept-aside", test_conflict_kept_aside);
  ADD ("tombstone", test_tombstone);
  ADD ("sequence-gap", test_sequence_gap);
  ADD ("import-files", test_import_files);
#undef ADD

  return g_test_run ();
}
