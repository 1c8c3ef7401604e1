/* test-records-removals.c — removing an attachment, a link or a case
 * membership (the officer UI's Undo): one transaction with its audit
 * entry, and nothing written when refused
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "records-common.h"

static gint64
audit_count (WbStore *store)
{
  return records_sql_int (store, "SELECT count(*) FROM audit_log");
}

static void
test_remove_attachment (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) signal = records_add (store, "Bedreiging", "[\"A1\"]", "Utrecht", "2026-01-10", NULL);
  g_autoptr(GBytes) data = g_bytes_new_static ("evidence", 8);
  g_autoptr(WbAttachment) attachment = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;

  attachment = wb_records_add_attachment (store, wb_signal_get_uuid (signal), "a.txt", data, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wb_records_get_max_attachment_size (), ==, 64 * 1024 * 1024);

  before = audit_count (store);
  g_assert_true (wb_records_remove_attachment (store, attachment->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (store), ==, before + 1);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM attachments"), ==, 0);
  list = wb_records_list_attachments (store, wb_signal_get_uuid (signal), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);

  /* Twice: refused, nothing written. */
  g_assert_false (wb_records_remove_attachment (store, attachment->id, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND);
  g_assert_cmpint (audit_count (store), ==, before + 1);
  g_clear_error (&error);

  {
    gint64 n = 0;

    g_assert_true (wb_records_verify_audit (store, &n, &error));
    g_assert_no_error (error);
  }
}

static void
test_unlink (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) a = records_add (store, "Een", "[\"G1\"]", "Utrecht", "2026-01-10", NULL);
  g_autoptr(WbSignal) b = records_add (store, "Twee", "[\"G2\"]", "Utrecht", "2026-01-11", NULL);
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;

  g_assert_true (wb_records_link (store, wb_signal_get_uuid (a), wb_signal_get_uuid (b), WB_LINK_SAME_ACTOR, &error));
  g_assert_true (wb_records_link (store, wb_signal_get_uuid (a), wb_signal_get_uuid (b), WB_LINK_DUPLICATE, &error));
  g_assert_no_error (error);

  /* Another type than the one linked: refused. */
  before = audit_count (store);
  g_assert_false (wb_records_unlink (store, wb_signal_get_uuid (a), wb_signal_get_uuid (b), WB_LINK_SAME_TARGET, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (audit_count (store), ==, before);

  /* Either order of the two UUIDs; only that type goes. */
  g_assert_true (wb_records_unlink (store, wb_signal_get_uuid (b), wb_signal_get_uuid (a), WB_LINK_SAME_ACTOR, &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (store), ==, before + 2);
  links = wb_records_list_links (store, wb_signal_get_uuid (a), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpint (((WbLink *) g_ptr_array_index (links, 0))->type, ==, WB_LINK_DUPLICATE);

  g_assert_false (wb_records_unlink (store, "not-a-uuid", wb_signal_get_uuid (a), WB_LINK_DUPLICATE, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_INVALID);
}

static void
test_remove_from_case (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) signal = records_add (store, "Campagne", "[\"G1\"]", "Utrecht", "2026-01-10", NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kase = NULL;
  g_auto(GStrv) members = NULL;
  gint64 before;

  kase = wb_records_create_case (store, "Trollennetwerk", &error);
  g_assert_no_error (error);
  g_assert_true (wb_records_add_to_case (store, kase, wb_signal_get_uuid (signal), &error));
  g_assert_no_error (error);
  found = wb_records_search (store, "Trollennetwerk", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  before = audit_count (store);
  g_assert_true (wb_records_remove_from_case (store, "trollennetwerk", wb_signal_get_uuid (signal), &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (store), ==, before + 1);
  members = wb_records_dup_case_signals (store, kase, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (members), ==, 0);

  /* The case's name no longer finds the signal. */
  found = wb_records_search (store, "Trollennetwerk", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);

  g_assert_false (wb_records_remove_from_case (store, kase, wb_signal_get_uuid (signal), &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (wb_records_remove_from_case (store, "Geen casus", wb_signal_get_uuid (signal), &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND);
  g_assert_cmpint (audit_count (store), ==, before + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/records/removals/attachment", test_remove_attachment);
  g_test_add_func ("/records/removals/unlink", test_unlink);
  g_test_add_func ("/records/removals/case-member", test_remove_from_case);

  return g_test_run ();
}
