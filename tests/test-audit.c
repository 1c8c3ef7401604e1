/* test-audit.c — the hash-chained audit log: hashing, and tampering below
 * the API (edit, delete, reorder, truncate) caught by verification
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "records-common.h"

static WbAuditEntry *
entry_new (gint64      seq,
           const char *prev)
{
  WbAuditEntry *e = g_new0 (WbAuditEntry, 1);

  e->seq = seq;
  e->time = g_strdup ("2026-11-29T10:00:00Z");
  e->actor_role = g_strdup ("liaison-officer");
  e->action = g_strdup ("signal.add");
  e->object_uuid = g_strdup ("6f1c2f7e-2a4b-4c1d-9e8f-0a1b2c3d4e5f");
  e->result = g_strdup ("ok");
  e->prev_hash = g_strdup (prev);
  e->hash = wb_audit_compute_hash (e);
  return e;
}

static void
test_hash (void)
{
  g_autoptr(WbAuditEntry) e = entry_new (1, WB_AUDIT_GENESIS_HASH);
  g_autoptr(WbAuditEntry) copy = wb_audit_entry_copy (e);
  char **fields[] = { &copy->time, &copy->actor_role, &copy->action, &copy->object_uuid,
                      &copy->result, &copy->prev_hash };
  g_autofree char *again = wb_audit_compute_hash (e);

  g_assert_cmpuint (strlen (e->hash), ==, WB_AUDIT_HASH_HEX_LEN);
  g_assert_cmpstr (again, ==, e->hash);

  /* Every field counts, and NULL differs from "". */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *saved = g_steal_pointer (fields[i]);
      g_autofree char *h1 = NULL;
      g_autofree char *h2 = NULL;

      *fields[i] = g_strdup ("");
      h1 = wb_audit_compute_hash (copy);
      g_free (*fields[i]);
      *fields[i] = NULL;
      h2 = wb_audit_compute_hash (copy);
      g_assert_cmpstr (h1, !=, e->hash);
      g_assert_cmpstr (h2, !=, e->hash);
      g_assert_cmpstr (h1, !=, h2);
      *fields[i] = g_steal_pointer (&saved);
    }
  copy->seq = 2;
  {
    g_autofree char *h = wb_audit_compute_hash (copy);

    g_assert_cmpstr (h, !=, e->hash);
  }

  /* Field boundaries cannot be shifted: "ab"+"c" ≠ "a"+"bc". */
  {
    g_autoptr(WbAuditEntry) x = entry_new (1, WB_AUDIT_GENESIS_HASH);
    g_autoptr(WbAuditEntry) y = entry_new (1, WB_AUDIT_GENESIS_HASH);
    g_autofree char *hx = NULL;
    g_autofree char *hy = NULL;

    g_free (x->actor_role); x->actor_role = g_strdup ("ab");
    g_free (x->action); x->action = g_strdup ("c");
    g_free (y->actor_role); y->actor_role = g_strdup ("a");
    g_free (y->action); y->action = g_strdup ("bc");
    hx = wb_audit_compute_hash (x);
    hy = wb_audit_compute_hash (y);
    g_assert_cmpstr (hx, !=, hy);
  }
}

static void
test_verifier (void)
{
  g_autoptr(WbAuditEntry) e1 = entry_new (1, WB_AUDIT_GENESIS_HASH);
  g_autoptr(WbAuditEntry) e2 = entry_new (2, e1->hash);
  g_autoptr(WbAuditEntry) e3 = entry_new (3, e2->hash);
  g_autoptr(GError) error = NULL;
  WbAuditVerifier v;

  wb_audit_verifier_init (&v);
  g_assert_true (wb_audit_verifier_finish (&v, 0, NULL, &error));
  g_assert_true (wb_audit_verifier_add (&v, e1, &error));
  g_assert_true (wb_audit_verifier_add (&v, e2, &error));
  g_assert_true (wb_audit_verifier_add (&v, e3, &error));
  g_assert_true (wb_audit_verifier_finish (&v, 3, e3->hash, &error));
  g_assert_no_error (error);
  g_assert_cmpint (v.n_entries, ==, 3);

  /* Gap. */
  wb_audit_verifier_init (&v);
  g_assert_true (wb_audit_verifier_add (&v, e1, &error));
  g_assert_false (wb_audit_verifier_add (&v, e3, &error));
  g_assert_error (error, WB_AUDIT_ERROR, WB_AUDIT_ERROR_BROKEN);
  g_clear_error (&error);

  /* Truncated end. */
  wb_audit_verifier_init (&v);
  g_assert_true (wb_audit_verifier_add (&v, e1, &error));
  g_assert_true (wb_audit_verifier_add (&v, e2, &error));
  g_assert_false (wb_audit_verifier_finish (&v, 3, e3->hash, &error));
  g_assert_error (error, WB_AUDIT_ERROR, WB_AUDIT_ERROR_BROKEN);
}

/* A store with a few audited actions; returns the number of entries. */
static gint64
fill (WbStore *store)
{
  g_autoptr(WbSignal) a = records_add (store, "Eerste", "[\"A1\"]", "Utrecht", "2026-10-01", NULL);
  g_autoptr(WbSignal) b = records_add (store, "Tweede", "[\"A1\"]", "Utrecht", "2026-10-01", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *kase = NULL;
  gint64 n = 0;

  g_assert_true (wb_records_link (store, wb_signal_get_uuid (a), wb_signal_get_uuid (b),
                                  WB_LINK_SAME_ACTOR, &error));
  kase = wb_records_create_case (store, "Casus", &error);
  g_assert_no_error (error);
  g_assert_true (wb_records_verify_audit (store, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 5);
  return n;
}

static void
assert_broken (WbStore    *store,
               const char *tamper)
{
  g_autoptr(GError) error = NULL;

  /* Below the API: an attacker with the key can drop the triggers. */
  records_sql_exec (store, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
  records_sql_exec (store, tamper);
  g_assert_false (wb_records_verify_audit (store, NULL, &error));
  g_assert_error (error, WB_AUDIT_ERROR, WB_AUDIT_ERROR_BROKEN);
  g_test_message ("%s → %s", tamper, error->message);
}

static void
test_store_chain (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = fill (store);

  entries = wb_records_list_audit (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, n);
  g_assert_cmpstr (((WbAuditEntry *) g_ptr_array_index (entries, 0))->prev_hash, ==, WB_AUDIT_GENESIS_HASH);
  g_assert_cmpstr (((WbAuditEntry *) g_ptr_array_index (entries, 0))->action, ==, "signal.add");
  g_assert_cmpstr (((WbAuditEntry *) g_ptr_array_index (entries, 0))->actor_role, ==, "liaison-officer");
  g_assert_cmpstr (((WbAuditEntry *) g_ptr_array_index (entries, 0))->result, ==, "ok");
  for (guint i = 1; i < entries->len; i++)
    g_assert_cmpstr (((WbAuditEntry *) g_ptr_array_index (entries, i))->prev_hash, ==,
                     ((WbAuditEntry *) g_ptr_array_index (entries, i - 1))->hash);
}

static void
test_append_only (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  char *message = NULL;

  fill (store);
  g_assert_cmpint (sqlite3_exec (_wb_store_get_db (store), "UPDATE audit_log SET action = 'x' WHERE seq = 2",
                                 NULL, NULL, &message), !=, SQLITE_OK);
  sqlite3_free (message);
  message = NULL;
  g_assert_cmpint (sqlite3_exec (_wb_store_get_db (store), "DELETE FROM audit_log WHERE seq = 5",
                                 NULL, NULL, &message), !=, SQLITE_OK);
  sqlite3_free (message);
  g_assert_true (wb_records_verify_audit (store, NULL, NULL));
}

static void
test_tamper_edit (void)
{
  g_autoptr(WbStore) store = records_new_store ();

  fill (store);
  assert_broken (store, "UPDATE audit_log SET action = 'signal.view' WHERE seq = 2");
}

static void
test_tamper_edit_time (void)
{
  g_autoptr(WbStore) store = records_new_store ();

  fill (store);
  assert_broken (store, "UPDATE audit_log SET time = '2020-01-01T00:00:00Z' WHERE seq = 3");
}

static void
test_tamper_delete (void)
{
  g_autoptr(WbStore) store = records_new_store ();

  fill (store);
  assert_broken (store, "DELETE FROM audit_log WHERE seq = 3");
}

static void
test_tamper_delete_and_renumber (void)
{
  g_autoptr(WbStore) store = records_new_store ();

  fill (store);
  assert_broken (store,
                 "DELETE FROM audit_log WHERE seq = 3;"
                 "UPDATE audit_log SET seq = seq - 1 WHERE seq > 3;");
}

static void
test_tamper_delete_last (void)
{
  g_autoptr(WbStore) store = records_new_store ();

  fill (store);
  assert_broken (store, "DELETE FROM audit_log WHERE seq = 5");
}

static void
test_tamper_reorder (void)
{
  g_autoptr(WbStore) store = records_new_store ();

  fill (store);
  /* Swap the contents of entries 2 and 3, keeping seq in place. */
  assert_broken (store,
                 "CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE seq IN (2, 3);"
                 "UPDATE audit_log SET (time, actor_role, action, object_uuid, result, prev_hash, hash) ="
                 " (SELECT time, actor_role, action, object_uuid, result, prev_hash, hash FROM t"
                 "  WHERE t.seq = 5 - audit_log.seq) WHERE seq IN (2, 3);");
}

static void
test_tamper_reorder_seq (void)
{
  g_autoptr(WbStore) store = records_new_store ();

  fill (store);
  /* Swap the seq numbers of entries 2 and 3 (rows keep their contents). */
  assert_broken (store,
                 "UPDATE audit_log SET seq = 100 WHERE seq = 2;"
                 "UPDATE audit_log SET seq = 2 WHERE seq = 3;"
                 "UPDATE audit_log SET seq = 3 WHERE seq = 100;");
}

static void
test_tamper_rehash_one (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(WbAuditEntry) forged = NULL;
  g_autofree char *sql = NULL;

  fill (store);
  entries = wb_records_list_audit (store, NULL);

  /* Edit an entry and fix its own hash: the next entry no longer follows. */
  forged = wb_audit_entry_copy (g_ptr_array_index (entries, 1));
  g_free (forged->action);
  forged->action = g_strdup ("signal.view");
  g_free (forged->hash);
  forged->hash = wb_audit_compute_hash (forged);
  sql = g_strdup_printf ("UPDATE audit_log SET action = '%s', hash = '%s' WHERE seq = 2",
                         forged->action, forged->hash);
  assert_broken (store, sql);
}

static void
test_no_content (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) s = records_add (store, "Zeerherkenbaarewoordcombinatie", "[\"A1\"]", "Utrecht", "2026-10-01",
                                       ", \"description\": \"Anderwoordzonderbetekenis\"");

  g_assert_cmpint (records_sql_int (store,
                                    "SELECT count(*) FROM audit_log WHERE "
                                    "(time || actor_role || action || coalesce (object_uuid, '') || result)"
                                    " LIKE '%woord%'"), ==, 0);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM audit_log WHERE object_uuid = "
                                           "(SELECT uuid FROM signals)"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/audit/hash", test_hash);
  g_test_add_func ("/audit/verifier", test_verifier);
  g_test_add_func ("/audit/store-chain", test_store_chain);
  g_test_add_func ("/audit/append-only", test_append_only);
  g_test_add_func ("/audit/tamper/edit", test_tamper_edit);
  g_test_add_func ("/audit/tamper/edit-time", test_tamper_edit_time);
  g_test_add_func ("/audit/tamper/delete", test_tamper_delete);
  g_test_add_func ("/audit/tamper/delete-and-renumber", test_tamper_delete_and_renumber);
  g_test_add_func ("/audit/tamper/delete-last", test_tamper_delete_last);
  g_test_add_func ("/audit/tamper/reorder", test_tamper_reorder);
  g_test_add_func ("/audit/tamper/reorder-seq", test_tamper_reorder_seq);
  g_test_add_func ("/audit/tamper/rehash-one", test_tamper_rehash_one);
  g_test_add_func ("/audit/no-content", test_no_content);

  return g_test_run ();
}
