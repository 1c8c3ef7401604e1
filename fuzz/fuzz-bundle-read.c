/* fuzz-bundle-read.c — reading an untrusted bundle must fail cleanly
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The recipient ("NCTV") and the pinned sender ("Gemeente Utrecht") have
 * fixed keys, so the seeds in corpus/bundle-read/ (made by this driver with
 * --make-seeds DIR) pass every check and the fuzzer starts from valid
 * bundles.  Every failure must be a WB_EXCHANGE_ERROR; an accepted bundle
 * is merged as a dry run.  Built as a libFuzzer target (-Dfuzzing=true,
 * clang) and, with WB_FUZZ_STANDALONE, as a driver over a corpus.
 *
 *   CC=clang meson setup _build-fuzz -Dfuzzing=true
 *   meson compile -C _build-fuzz fuzz/fuzz-bundle-read
 *   _build-fuzz/fuzz/fuzz-bundle-read -max_len=65536 fuzz/corpus/bundle-read
 */

#define G_LOG_DOMAIN "wb-fuzz"

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>

#include "wb-core.h"
#include "wb-exchange-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static WbStore *fuzz_store = NULL;
static guint n_accepted = 0;

static WbStore *
store_with_keys (const char *organisation,
                 guint8      seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbKey) sign = NULL;
  g_autoptr(WbKey) age = NULL;
  guint8 bytes[32];
  guint8 key_id[WB_MINISIGN_KEY_ID_BYTES];
  sqlite3 *db = NULL;
  WbStore *store;

  g_assert_cmpint (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  store = _wb_store_new_take (db, &error);
  g_assert_no_error (error);
  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ORGANISATION, organisation, &error));
  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ROLE, "fuzz", &error));

  memset (bytes, seed, sizeof bytes);
  sign = wb_key_new_from (bytes, sizeof bytes);
  memset (bytes, seed + 1, sizeof bytes);
  age = wb_key_new_from (bytes, sizeof bytes);
  memset (key_id, seed, sizeof key_id);
  g_assert_true (_wb_exchange_save_identity (store, sign, key_id, age, &error));
  g_assert_no_error (error);
  return store;
}

static void
pin (WbStore *to,
     WbStore *from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbIdentity) id = wb_identity_ensure (from, &error);
  g_autofree char *card = wb_identity_dup_card (id);
  g_autoptr(WbContact) contact = wb_contacts_add (to, card, strlen (card), TRUE, &error);

  g_assert_no_error (error);
}

static WbStore *
get_store (void)
{
  if (fuzz_store == NULL)
    {
      g_autoptr(WbStore) sender = store_with_keys ("Gemeente Utrecht", 0x11);

      fuzz_store = store_with_keys ("NCTV", 0x42);
      pin (fuzz_store, sender);
    }
  return fuzz_store;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbBundle) bundle = NULL;
  g_autoptr(WbMergeReport) report = NULL;

  bundle = wb_bundle_read_bytes (get_store (), bytes, NULL, &error);
  if (bundle == NULL)
    {
      g_assert_true (error != NULL && error->domain == WB_EXCHANGE_ERROR);
      return 0;
    }
  g_assert_no_error (error);
  report = wb_merge_bundle (get_store (), bundle, TRUE, &error);
  g_assert_no_error (error);
  n_accepted++;
  return 0;
}

#ifdef WB_FUZZ_STANDALONE
static void
make_seeds (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) sender = store_with_keys ("Gemeente Utrecht", 0x11);
  g_autoptr(WbStore) recipient = store_with_keys ("NCTV", 0x42);
  g_autoptr(WbExportReport) report = NULL;
  g_autoptr(WbExportReport) ack = NULL;
  g_autofree char *signals_path = g_build_filename (dir, "two-signals", NULL);
  g_autofree char *ack_path = g_build_filename (dir, "ack", NULL);
  const char *to[] = { "NCTV", NULL };
  const char *uuids[] = { "6f1c1a52-0a7e-4c1e-9a43-3c1b1f0d2a11", NULL };
  const char *json =
    "{\"summary\": \"Fuzz\", \"categories\": [\"A1\", \"G2\"], \"occurred_on\": \"2026-01-02\","
    " \"occurred_precision\": \"day\", \"municipality\": \"Utrecht\", \"channel\": \"online-platform\","
    " \"source_type\": \"victim\", \"reliability\": \"B\", \"credibility\": 2, \"attribution\": \"unknown\","
    " \"attribution_confidence\": \"low\", \"tlp\": \"GREEN\","
    " \"persons\": [{\"pseudonym\": \"P-1\", \"role\": \"target\"}]}";
  WbBundleExportOptions options;

  pin (sender, recipient);
  pin (recipient, sender);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(WbSignal) s = wb_signal_new_from_json (json, -1, WB_SIGNAL_JSON_ALLOW_NEW, &error);

      g_assert_no_error (error);
      g_assert_true (wb_records_add_signal (sender, s, &error));
      g_assert_no_error (error);
    }

  wb_bundle_export_options_init (&options);
  options.recipients = to;
  report = wb_bundle_export (sender, &options, signals_path, NULL, &error);
  g_assert_no_error (error);
  ack = wb_bundle_export_ack (sender, "NCTV", uuids, ack_path, NULL, &error);
  g_assert_no_error (error);

  /* Format 1.1: the coordinator's match key reaches the sender, whose
   * next bundle carries a decision log and match tokens. */
  {
    g_autofree char *key_path = g_build_filename (dir, "key-to-utrecht.tmp", NULL);
    g_autofree char *path = g_build_filename (dir, "decisions-tokens", NULL);
    g_autoptr(WbExportReport) key_report = NULL;
    g_autoptr(WbExportReport) r = NULL;
    g_autoptr(WbMergeReport) merged = NULL;
    g_autoptr(WbSignal) s = NULL;
    g_autoptr(WbDecision) d = NULL;
    g_autoptr(GDate) date = g_date_new_dmy (3, G_DATE_JANUARY, 2026);
    const char *utrecht[] = { "Gemeente Utrecht", NULL };
    const char *json11 =
      "{\"summary\": \"Fuzz 1.1\", \"categories\": [\"E1\"], \"occurred_on\": \"2026-01-02\","
      " \"occurred_precision\": \"day\", \"municipality\": \"Utrecht\", \"channel\": \"online-platform\","
      " \"source_type\": \"victim\", \"reliability\": \"B\", \"credibility\": 2, \"attribution\": \"unknown\","
      " \"attribution_confidence\": \"low\", \"tlp\": \"GREEN\", \"handles\": [\"@fuzz\"],"
      " \"tags\": [\"org:Stichting Fuzz\"], \"persons\": [{\"pseudonym\": \"P-1\", \"role\": \"target\"}]}";

    g_assert_true (wb_store_set_setting (recipient, WB_RECORDS_SETTING_VAULT_KIND, "coordinator", &error));
    wb_bundle_export_options_init (&options);
    options.recipients = utrecht;
    key_report = wb_bundle_export (recipient, &options, key_path, NULL, &error);
    g_assert_no_error (error);
    merged = wb_bundle_import (sender, key_path, FALSE, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (merged->match_key_received);
    g_unlink (key_path);

    s = wb_signal_new_from_json (json11, -1, WB_SIGNAL_JSON_ALLOW_NEW, &error);
    g_assert_no_error (error);
    g_assert_true (wb_records_add_signal (sender, s, &error));
    g_assert_no_error (error);
    d = wb_decision_new (WB_DECISION_ESCALATE, 1, 2, date);
    d->deciding_role = g_strdup ("burgemeester");
    d->facts = g_strdup ("f");
    d->assessment = g_strdup ("a");
    d->decision = g_strdup ("d");
    g_assert_true (wb_records_record_decision (sender, wb_signal_get_uuid (s), d, NULL, &error));
    g_assert_no_error (error);

    wb_bundle_export_options_init (&options);
    options.recipients = to;
    options.uuids = (const char * const []) { wb_signal_get_uuid (s), NULL };
    r = wb_bundle_export (sender, &options, path, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (r->n_decisions, ==, 1);
    g_assert_cmpuint (r->n_match_tokens, ==, 3);
  }

  /* Format 1.2: a signal with an attachment, sent with it. */
  {
    g_autofree char *path = g_build_filename (dir, "attachment", NULL);
    g_autoptr(WbExportReport) r = NULL;
    g_autoptr(WbAttachment) a = NULL;
    g_autoptr(WbSignal) s = wb_signal_new_from_json (json, -1, WB_SIGNAL_JSON_ALLOW_NEW, &error);
    g_autoptr(GBytes) file = g_bytes_new_static ("fuzz attachment\n", 16);

    g_assert_no_error (error);
    g_assert_true (wb_records_add_signal (sender, s, &error));
    g_assert_no_error (error);
    a = wb_records_add_attachment (sender, wb_signal_get_uuid (s), "fuzz.txt", file, &error);
    g_assert_no_error (error);

    wb_bundle_export_options_init (&options);
    options.recipients = to;
    options.uuids = (const char * const []) { wb_signal_get_uuid (s), NULL };
    options.with_attachments = TRUE;
    r = wb_bundle_export (sender, &options, path, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (r->n_attachments, ==, 1);
  }
}

static guint
run_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          n += run_path (child);
        }
      return n;
    }

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  if (argc == 3 && g_str_equal (argv[1], "--make-seeds"))
    {
      make_seeds (argv[2]);
      return 0;
    }

  for (int i = 1; i < argc; i++)
    n += run_path (argv[i]);

  g_clear_object (&fuzz_store);
  g_print ("1..1\nok 1 - %u inputs ran, %u accepted\n", n, n_accepted);
  return n > 0 ? 0 : 1;
}
#endif
