/* test-bundle.c — bundle export and strict import between two vaults
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exchange-common.h"

#define SECRET_IDENTITY "Jan Geheimnaam"
#define RED_SUMMARY "Rood geheim signaal"

typedef struct
{
  WbStore *utrecht;
  WbStore *nctv;
  WbStore *leiden;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->utrecht = exchange_new_store ("Gemeente Utrecht");
  f->nctv = exchange_new_store ("NCTV");
  f->leiden = exchange_new_store ("Gemeente Leiden");
  exchange_pin (f->utrecht, f->nctv);
  exchange_pin (f->nctv, f->utrecht);
  exchange_pin (f->leiden, f->utrecht);
  exchange_pin (f->utrecht, f->leiden);
  exchange_pin (f->nctv, f->leiden);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->utrecht);
  g_clear_object (&f->nctv);
  g_clear_object (&f->leiden);
}

/* Three signals: GREEN with an actor country and a person with an
 * identity, AMBER, RED.  Returns the GREEN one's UUID. */
static char *
add_three (WbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) green = records_add (store, "Intimidatie bij bijeenkomst", "[\"A1\"]", "Utrecht", "2026-03-01",
                                           ", \"tlp\": \"GREEN\", \"actor_country\": \"XX\","
                                           " \"persons\": [{\"pseudonym\": \"P-1\", \"role\": \"target\"}]");
  g_autoptr(WbSignal) amber = records_add (store, "Druk via familie", "[\"B1\"]", "Utrecht", "2026-03-02",
                                           ", \"tlp\": \"AMBER\"");
  g_autoptr(WbSignal) red = records_add (store, RED_SUMMARY, "[\"D1\"]", "Utrecht", "2026-03-03",
                                         ", \"tlp\": \"RED\"");

  g_assert_true (wb_records_set_identity (store, wb_signal_get_uuid (green), "P-1", SECRET_IDENTITY, &error));
  g_assert_no_error (error);
  return g_strdup (wb_signal_get_uuid (green));
}

static void
test_identity_stable (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbIdentity) a = wb_identity_ensure (f->utrecht, &error);
  g_autoptr(WbIdentity) b = wb_identity_ensure (f->utrecht, &error);
  g_autoptr(WbIdentity) other = wb_identity_ensure (f->nctv, &error);
  g_autoptr(WbStore) nameless = records_new_store ();
  g_autoptr(WbIdentity) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (wb_identity_get_fingerprint (a), ==, wb_identity_get_fingerprint (b));
  g_assert_cmpstr (wb_identity_get_fingerprint (a), !=, wb_identity_get_fingerprint (other));
  g_assert_cmpuint (strlen (wb_identity_get_fingerprint (a)), ==, 47);
  g_assert_true (wb_key_equal (wb_identity_get_sign_secret (a), wb_identity_get_sign_secret (b)));

  /* records_new_store sets an organisation; clear it. */
  g_assert_true (wb_store_set_setting (nameless, WB_RECORDS_SETTING_ORGANISATION, NULL, &error));
  none = wb_identity_ensure (nameless, &error);
  g_assert_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_NO_IDENTITY);
  g_assert_null (none);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *green = add_three (f->utrecht);
  g_autofree char *path = NULL;
  g_autoptr(WbMergeReport) dry = NULL;
  g_autoptr(WbMergeReport) report = NULL;
  g_autoptr(WbMergeReport) again = NULL;
  g_autoptr(WbSignal) got = NULL;
  g_autoptr(WbExportReport) exported = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *to[] = { "NCTV", NULL };
  WbBundleExportOptions options;

  path = exchange_tmp_path ("utrecht-1.wbb");
  wb_bundle_export_options_init (&options);
  options.recipients = to;
  exported = wb_bundle_export (f->utrecht, &options, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exported->n_signals, ==, 2);
  g_assert_cmpuint (exported->withheld->len, ==, 1);
  g_assert_nonnull (strstr (((WbWithheld *) g_ptr_array_index (exported->withheld, 0))->reason, "RED"));

  before = records_snapshot (f->nctv);
  dry = wb_bundle_import (f->nctv, path, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dry->n_added, ==, 2);
  after = records_snapshot (f->nctv);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (wb_records_count_signals (f->nctv, NULL), ==, 0);

  report = wb_bundle_import (f->nctv, path, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (report->already_imported);
  g_assert_cmpuint (report->n_added, ==, 2);
  g_assert_cmpstr (report->sender, ==, "Gemeente Utrecht");
  g_assert_cmpint (wb_records_count_signals (f->nctv, NULL), ==, 2);
  g_assert_cmpint (records_sql_int (f->nctv, "SELECT count(*) FROM provenance"), ==, 2);

  /* Imported signals are in the search index and the category table. */
  {
    g_autoptr(GPtrArray) hits = wb_records_search (f->nctv, "intimidatie", NULL, &error);
    g_autoptr(GPtrArray) b1 = NULL;
    WbRecordsFilter filter;

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    wb_records_filter_init (&filter);
    filter.category = "B";
    b1 = wb_records_list_signals (f->nctv, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (b1->len, ==, 1);
  }

  got = wb_records_get_signal (f->nctv, green, &error);
  g_assert_no_error (error);
  g_assert_null (wb_signal_get_actor_country (got));
  g_assert_cmpstr (wb_signal_get_organisation (got), ==, "Gemeente Utrecht");
  g_assert_cmpint (records_sql_int (f->nctv, "SELECT count(*) FROM identities"), ==, 0);

  /* Re-import: a no-op that says so. */
  g_free (before);
  before = records_snapshot (f->nctv);
  again = wb_bundle_import (f->nctv, path, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (again->already_imported);
  g_assert_cmpuint (again->n_added, ==, 0);
  g_free (after);
  after = records_snapshot (f->nctv);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (wb_records_verify_audit (f->nctv, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  return memmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), needle, strlen (needle)) != NULL;
}

static void
test_payload_minimised (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *green = add_three (f->utrecht);
  g_autofree char *path = exchange_export (f->utrecht, "NCTV", WB_TLP_AMBER, "min.wbb");
  g_autoptr(GBytes) plain = exchange_decrypt_payload (f->nctv, path);

  g_assert_true (bytes_contain (plain, "manifest.json"));
  g_assert_true (bytes_contain (plain, green));
  g_assert_true (bytes_contain (plain, "P-1"));
  g_assert_false (bytes_contain (plain, SECRET_IDENTITY));
  g_assert_false (bytes_contain (plain, RED_SUMMARY));
  g_assert_false (bytes_contain (plain, "\"XX\""));
}

static void
test_flipped_bytes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *green = add_three (f->utrecht);
  g_autofree char *path = exchange_export (f->utrecht, "NCTV", WB_TLP_AMBER, "flip.wbb");
  g_autofree char *bad = exchange_tmp_path ("flipped.wbb");
  g_autofree char *contents = NULL;
  gsize len;

  g_autofree char *before = records_snapshot (f->nctv);
  g_autofree char *after = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  /* Every byte of the file, each flipped on its own (in memory; the
   * reader is the same as for a file). */
  for (gsize off = 0; off < len; off++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(WbBundle) bundle = NULL;
      g_autoptr(GError) local_error = NULL;

      contents[off] ^= 0x01;
      bytes = g_bytes_new (contents, len);
      bundle = wb_bundle_read_bytes (f->nctv, bytes, NULL, &local_error);
      if (bundle != NULL)
        g_error ("a flipped byte at offset %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " was accepted", off, len);
      g_assert_true (local_error->domain == WB_EXCHANGE_ERROR);
      contents[off] ^= 0x01;
    }

  /* Truncated anywhere. */
  for (gsize cut = 0; cut < len; cut++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (contents, cut);
      g_autoptr(WbBundle) bundle = NULL;
      g_autoptr(GError) local_error = NULL;

      bundle = wb_bundle_read_bytes (f->nctv, bytes, NULL, &local_error);
      g_assert_null (bundle);
      g_assert_true (local_error->domain == WB_EXCHANGE_ERROR);
    }

  /* And through the file path, for a few of them. */
  for (gsize off = 0; off < len; off += len / 7)
    {
      contents[off] ^= 0x80;
      g_assert_true (g_file_set_contents_full (bad, contents, len, G_FILE_SET_CONTENTS_NONE, 0600, &error));
      exchange_assert_rejected (f->nctv, bad, -1);
      contents[off] ^= 0x80;
    }
  after = records_snapshot (f->nctv);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (wb_records_count_signals (f->nctv, NULL), ==, 0);
}

static void
test_not_for_us (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *green = add_three (f->utrecht);
  g_autofree char *path = exchange_export (f->utrecht, "Gemeente Leiden", WB_TLP_AMBER, "leiden.wbb");

  exchange_assert_rejected (f->nctv, path, WB_EXCHANGE_ERROR_NOT_FOR_US);
}

static void
test_unknown_sender (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(WbStore) stranger = exchange_new_store ("Onbekende Gemeente");
  g_autofree char *path = NULL;
  g_autoptr(WbSignal) s = NULL;

  exchange_pin (stranger, f->nctv);
  s = records_add (stranger, "Iets", "[\"A1\"]", "Ede", "2026-01-01", ", \"tlp\": \"GREEN\"");
  path = exchange_export (stranger, "NCTV", WB_TLP_AMBER, "stranger.wbb");
  exchange_assert_rejected (f->nctv, path, WB_EXCHANGE_ERROR_UNKNOWN_SENDER);
}

/* Rewrites a bundle's outer tar with the given members. */
static void
test_resigned_by_contact (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *green = add_three (f->utrecht);
  g_autofree char *path = exchange_export (f->utrecht, "NCTV", WB_TLP_AMBER, "orig.wbb");
  g_autofree char *forged = exchange_tmp_path ("forged.wbb");
  g_autoptr(GBytes) payload = exchange_read_member (path, "payload.age");
  g_autoptr(GBytes) sig = exchange_read_member (path, "payload.age.minisig");
  g_autofree char *comment = exchange_trusted_comment (sig);
  g_autofree char *leiden_card = exchange_card (f->leiden);
  g_autoptr(GBytes) card = g_bytes_new (leiden_card, strlen (leiden_card));
  g_autoptr(GBytes) leiden_sig = exchange_sign_as (f->leiden, payload, comment);
  const char *names[] = { "payload.age", "payload.age.minisig", "sender.card" };
  GBytes *members[] = { payload, leiden_sig, card };

  /* Leiden (a pinned contact of the NCTV) re-signs Utrecht's payload:
   * the signature is valid, but the sender inside is Utrecht. */
  exchange_write_outer (forged, names, members, 3);
  exchange_assert_rejected (f->nctv, forged, WB_EXCHANGE_ERROR_REJECTED);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WbBundle) bundle = wb_bundle_read (f->nctv, forged, NULL, &error);

    g_assert_null (bundle);
    g_assert_nonnull (strstr (error->message, "Gemeente Leiden"));
    g_assert_nonnull (strstr (error->message, "sender"));
  }

  /* Leiden's card with Utrecht's signature: fails verification. */
  members[1] = sig;
  exchange_write_outer (forged, names, members, 3);
  exchange_assert_rejected (f->nctv, forged, WB_EXCHANGE_ERROR_REJECTED);
}

static void
test_unknown_version (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *green = add_three (f->utrecht);
  g_autofree char *path = exchange_export (f->utrecht, "NCTV", WB_TLP_AMBER, "v1.wbb");
  g_autofree char *v2 = exchange_tmp_path ("v2.wbb");
  g_autoptr(GBytes) payload = exchange_read_member (path, "payload.age");
  g_autoptr(GBytes) card = exchange_read_member (path, "sender.card");
  g_autoptr(GBytes) sig = exchange_read_member (path, "payload.age.minisig");
  g_autofree char *comment = exchange_trusted_comment (sig);
  g_auto(GStrv) parts = g_strsplit (comment, " ", -1);
  g_autofree char *comment2 = g_strdup_printf ("weerbaar-bundle 2.0 %s", parts[2]);
  g_autoptr(GBytes) sig2 = exchange_sign_as (f->utrecht, payload, comment2);
  const char *names[] = { "payload.age", "payload.age.minisig", "sender.card" };
  GBytes *members[] = { payload, sig2, card };
  g_autoptr(WbMergeReport) report = NULL;

  exchange_write_outer (v2, names, members, 3);
  report = wb_bundle_import (f->nctv, v2, FALSE, NULL, &error);
  g_assert_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_UNSUPPORTED_VERSION);
  g_assert_nonnull (strstr (error->message, "2.0"));
  g_assert_cmpint (wb_records_count_signals (f->nctv, NULL), ==, 0);
}

static void
test_bad_tar (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *green = add_three (f->utrecht);
  g_autofree char *path = exchange_export (f->utrecht, "NCTV", WB_TLP_AMBER, "ok.wbb");
  g_autofree char *bad = exchange_tmp_path ("bad.wbb");
  g_autoptr(GBytes) payload = exchange_read_member (path, "payload.age");
  g_autoptr(GBytes) card = exchange_read_member (path, "sender.card");
  g_autoptr(GBytes) sig = exchange_read_member (path, "payload.age.minisig");
  g_autofree char *huge_text = g_strnfill (WB_BUNDLE_MAX_SMALL_BYTES + 1, 'x');
  g_autoptr(GBytes) huge = g_bytes_new (huge_text, strlen (huge_text));
  const char *traversal[] = { "../payload.age", "payload.age.minisig", "sender.card" };
  const char *extra[] = { "payload.age", "payload.age.minisig", "sender.card", "evil.sh" };
  const char *names[] = { "payload.age", "payload.age.minisig", "sender.card" };
  GBytes *members[] = { payload, sig, card, card };

  exchange_write_outer (bad, traversal, members, 3);
  exchange_assert_rejected (f->nctv, bad, WB_EXCHANGE_ERROR_REJECTED);
  exchange_write_outer (bad, extra, members, 4);
  exchange_assert_rejected (f->nctv, bad, WB_EXCHANGE_ERROR_REJECTED);
  exchange_write_outer (bad, names, members, 2);
  exchange_assert_rejected (f->nctv, bad, WB_EXCHANGE_ERROR_REJECTED);
  members[2] = huge;
  exchange_write_outer (bad, names, members, 3);
  exchange_assert_rejected (f->nctv, bad, WB_EXCHANGE_ERROR_REJECTED);

  /* The untouched original still imports. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(WbMergeReport) report = wb_bundle_import (f->nctv, path, FALSE, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (report->n_added, ==, 2);
  }
}

/* kill -9 in the middle of the merge transaction: the child dies after
 * some rows were written, and the parent finds the vault as before. */
static int rows_until_kill;

static void
kill_hook (void          *data,
           int            op,
           const char    *db,
           const char    *table,
           sqlite3_int64  rowid)
{
  if (--rows_until_kill == 0)
    raise (SIGKILL);
}

static void
test_crash_during_import (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *green = add_three (f->utrecht);
  g_autofree char *path = exchange_export (f->utrecht, "NCTV", WB_TLP_AMBER, "crash.wbb");
  g_autofree char *db_path = g_strdup (sqlite3_db_filename (_wb_store_get_db (f->nctv), "main"));
  g_autofree char *before = records_snapshot (f->nctv);
  g_autofree char *after = NULL;
  g_autoptr(WbStore) reopened = NULL;
  int status;
  pid_t pid;

  g_clear_object (&f->nctv);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      WbStore *child = records_open_store_at (db_path);

      rows_until_kill = 5;
      sqlite3_update_hook (_wb_store_get_db (child), kill_hook, NULL);
      wb_bundle_import (child, path, FALSE, NULL, NULL);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  reopened = records_open_store_at (db_path);
  after = records_snapshot (reopened);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (wb_records_count_signals (reopened, NULL), ==, 0);
  f->nctv = g_steal_pointer (&reopened);
}

static void
test_ack (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *green = add_three (f->utrecht);
  g_autofree char *path = exchange_export (f->utrecht, "NCTV", WB_TLP_AMBER, "to-ack.wbb");
  g_autofree char *ack_path = exchange_tmp_path ("ack.wbb");
  g_autoptr(WbMergeReport) report = wb_bundle_import (f->nctv, path, FALSE, NULL, &error);
  g_autoptr(WbMergeReport) acked = NULL;
  g_autoptr(WbExportReport) ack = NULL;
  const char *uuids[] = { report->bundle_uuid, NULL };

  g_assert_no_error (error);
  ack = wb_bundle_export_ack (f->nctv, "Gemeente Utrecht", uuids, ack_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (records_sql_int (f->utrecht, "SELECT count(*) FROM bundles_sent WHERE acknowledged_at IS NOT NULL"), ==, 0);
  acked = wb_bundle_import (f->utrecht, ack_path, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (acked->n_acknowledged, ==, 1);
  g_assert_cmpint (records_sql_int (f->utrecht, "SELECT count(*) FROM bundles_sent WHERE acknowledged_at IS NOT NULL"), ==, 1);
}

static guint
count_dir_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
assert_same_report (const WbExportReport *a,
                    const WbExportReport *b)
{
  g_assert_cmpuint (a->n_signals, ==, b->n_signals);
  g_assert_cmpuint (a->n_tombstones, ==, b->n_tombstones);
  g_assert_cmpuint (a->n_decisions, ==, b->n_decisions);
  g_assert_cmpuint (a->n_match_tokens, ==, b->n_match_tokens);
  g_assert_cmpuint (a->n_not_forwarded, ==, b->n_not_forwarded);
  g_assert_cmpint (a->match_key_sent, ==, b->match_key_sent);
  g_assert_cmpuint (a->withheld->len, ==, b->withheld->len);
  for (guint i = 0; i < a->withheld->len; i++)
    {
      WbWithheld *wa = g_ptr_array_index (a->withheld, i);
      WbWithheld *wb = g_ptr_array_index (b->withheld, i);

      g_assert_cmpstr (wa->uuid, ==, wb->uuid);
      g_assert_cmpstr (wa->reason, ==, wb->reason);
    }
  g_assert_cmpuint (a->recipients->len, ==, b->recipients->len);
}

/* The dry run tells what the export will do, and does none of it. */
static void
test_export_preview (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *green = add_three (f->utrecht);
  g_autoptr(WbSignal) gone = records_add (f->utrecht, "Ingetrokken", "[\"A1\"]", "Utrecht", "2026-03-04", "");
  g_autoptr(WbExportReport) preview = NULL;
  g_autoptr(WbExportReport) exported = NULL;
  g_autoptr(WbExportReport) next = NULL;
  g_autoptr(WbExportReport) cancelled = NULL;
  g_autoptr(WbExportReport) nobody = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = exchange_tmp_path ("after-preview.wbb");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *to[] = { "NCTV", "Gemeente Leiden", NULL };
  const char *unknown[] = { "Gemeente Nergensdorp", NULL };
  WbExportRecipient *r;
  WbBundleExportOptions options;
  guint n_files;

  g_assert_true (wb_records_purge (f->utrecht, wb_signal_get_uuid (gone), &error));
  g_assert_no_error (error);
  wb_bundle_export_options_init (&options);
  options.recipients = to;

  before = records_snapshot (f->utrecht);
  n_files = count_dir_entries (g_get_user_data_dir ());
  preview = wb_bundle_export_preview (f->utrecht, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);
  g_assert_null (preview->bundle_uuid);
  g_assert_cmpuint (preview->n_signals, ==, 2);
  g_assert_cmpuint (preview->n_tombstones, ==, 1);
  g_assert_cmpuint (preview->withheld->len, ==, 1);
  g_assert_nonnull (strstr (((WbWithheld *) g_ptr_array_index (preview->withheld, 0))->reason, "RED"));
  g_assert_cmpuint (preview->recipients->len, ==, 2);
  r = g_ptr_array_index (preview->recipients, 0);
  g_assert_cmpstr (r->name, ==, "NCTV");
  g_assert_cmpuint (r->sequence, ==, 1);
  r = g_ptr_array_index (preview->recipients, 1);
  g_assert_cmpstr (r->name, ==, "Gemeente Leiden");
  g_assert_cmpuint (r->sequence, ==, 1);

  /* Nothing written, nothing recorded, no sequence number used. */
  after = records_snapshot (f->utrecht);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (records_sql_int (f->utrecht, "SELECT count(*) FROM bundles_sent"), ==, 0);
  g_assert_cmpuint (count_dir_entries (g_get_user_data_dir ()), ==, n_files);

  /* The same errors as the export, and a cancelled dry run stops. */
  options.recipients = unknown;
  nobody = wb_bundle_export_preview (f->utrecht, &options, NULL, &error);
  g_assert_null (nobody);
  g_assert_true (error != NULL && error->domain == WB_EXCHANGE_ERROR);
  g_clear_error (&error);
  options.recipients = to;
  g_cancellable_cancel (cancellable);
  cancelled = wb_bundle_export_preview (f->utrecht, &options, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
  g_clear_error (&error);

  /* The real export sends what the preview said, as bundle 1. */
  exported = wb_bundle_export (f->utrecht, &options, path, NULL, &error);
  g_assert_no_error (error);
  assert_same_report (preview, exported);
  r = g_ptr_array_index (exported->recipients, 0);
  g_assert_cmpuint (r->sequence, ==, 1);
  g_assert_cmpint (records_sql_int (f->utrecht, "SELECT count(*) FROM bundles_sent"), ==, 2);

  /* The next preview shows bundle 2, and only what changed since. */
  options.since_last = TRUE;
  next = wb_bundle_export_preview (f->utrecht, &options, NULL, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (next->recipients, 1);
  g_assert_cmpuint (r->sequence, ==, 2);
  g_assert_cmpint (records_sql_int (f->utrecht, "SELECT count(*) FROM bundles_sent"), ==, 2);
}


/* A coordinator's preview says its match key goes along, but makes no
 * key: the first real export does. */
static void
test_export_preview_coordinator (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) s = records_add (f->nctv, "Landelijk beeld", "[\"A1\"]", "Utrecht", "2026-03-01",
                                       ", \"tlp\": \"GREEN\"");
  g_autoptr(WbExportReport) preview = NULL;
  g_autoptr(WbExportReport) exported = NULL;
  g_autofree char *path = exchange_tmp_path ("from-nctv.wbb");
  const char *to[] = { "Gemeente Utrecht", NULL };
  WbBundleExportOptions options;

  g_assert_true (wb_store_set_setting (f->nctv, WB_RECORDS_SETTING_VAULT_KIND, "coordinator", &error));
  g_assert_no_error (error);
  wb_bundle_export_options_init (&options);
  options.recipients = to;

  preview = wb_bundle_export_preview (f->nctv, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (preview->match_key_sent);
  g_assert_cmpuint (preview->n_signals, ==, 1);
  g_assert_cmpint (records_sql_int (f->nctv, "SELECT count(*) FROM match_keys"), ==, 0);

  exported = wb_bundle_export (f->nctv, &options, path, NULL, &error);
  g_assert_no_error (error);
  assert_same_report (preview, exported);
  g_assert_cmpint (records_sql_int (f->nctv, "SELECT count(*) FROM match_keys WHERE owner = ''"), ==, 1);
}

/* A contact pinned but not verified: the bundle imports, and the report
 * says the fingerprint was not compared; once it was, it says nothing. */
static void
test_unverified_sender (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) zwolle = exchange_new_store ("Gemeente Zwolle");
  g_autofree char *card = exchange_card (f->utrecht);
  g_autoptr(WbContact) contact = wb_contacts_add (zwolle, card, strlen (card), FALSE, &error);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(WbMergeReport) report = NULL;
  g_autoptr(WbMergeReport) verified = NULL;

  g_assert_no_error (error);
  g_assert_false (contact->verified);
  exchange_pin (f->utrecht, zwolle);
  g_free (add_three (f->utrecht));

  first = exchange_export (f->utrecht, "Gemeente Zwolle", WB_TLP_AMBER, "zwolle-1.wbb");
  report = wb_bundle_import (zwolle, first, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_added, ==, 2);
  g_assert_cmpuint (report->notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->notes, 0), "Gemeente Utrecht"));
  g_assert_nonnull (strstr (g_ptr_array_index (report->notes, 0), "fingerprint"));

  g_assert_true (wb_contacts_set_verified (zwolle, "Gemeente Utrecht", &error));
  g_assert_no_error (error);
  second = exchange_export (f->utrecht, "Gemeente Zwolle", WB_TLP_AMBER, "zwolle-2.wbb");
  verified = wb_bundle_import (zwolle, second, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (verified->notes->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, fn) g_test_add ("/bundle/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("identity-stable", test_identity_stable);
  ADD ("round-trip", test_round_trip);
  ADD ("payload-minimised", test_payload_minimised);
  ADD ("flipped-bytes", test_flipped_bytes);
  ADD ("not-for-us", test_not_for_us);
  ADD ("unknown-sender", test_unknown_sender);
  ADD ("resigned-by-contact", test_resigned_by_contact);
  ADD ("unknown-version", test_unknown_version);
  ADD ("bad-tar", test_bad_tar);
  ADD ("crash-during-import", test_crash_during_import);
  ADD ("ack", test_ack);
  ADD ("export-preview", test_export_preview);
  ADD ("export-preview-coordinator", test_export_preview_coordinator);
  ADD ("unverified-sender", test_unverified_sender);
#undef ADD

  return g_test_run ();
}
