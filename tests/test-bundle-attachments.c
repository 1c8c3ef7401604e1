/* test-bundle-attachments.c — attachments in bundles (format 1.2)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <archive.h>
#include <archive_entry.h>

#include "exchange-common.h"

#define GREEN_FILE "Brief van de stichting, pagina 1 (fictief)"
#define GREEN_NAME "brief-stichting.pdf"
#define RED_FILE "Schermafdruk van een RODE bron, nooit versturen"
#define RED_NAME "rode-bron-screenshot.png"

typedef struct
{
  WbStore *utrecht;
  WbStore *nctv;
  char    *green;
  char    *red;
} Fixture;

static WbAttachment *
attach (WbStore    *store,
        const char *uuid,
        const char *name,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));
  WbAttachment *a = wb_records_add_attachment (store, uuid, name, data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  return a;
}

/* A GREEN and an AMBER signal and a RED one, each GREEN and RED with a
 * file (the GREEN one twice, under two names: one file in the bundle). */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(WbSignal) green = NULL;
  g_autoptr(WbSignal) amber = NULL;
  g_autoptr(WbSignal) red = NULL;
  g_autoptr(WbAttachment) a1 = NULL;
  g_autoptr(WbAttachment) a2 = NULL;
  g_autoptr(WbAttachment) a3 = NULL;

  f->utrecht = exchange_new_store ("Gemeente Utrecht");
  f->nctv = exchange_new_store ("NCTV");
  exchange_pin (f->utrecht, f->nctv);
  exchange_pin (f->nctv, f->utrecht);

  green = records_add (f->utrecht, "Intimidatie bij bijeenkomst", "[\"A1\"]", "Utrecht", "2026-03-01",
                       ", \"tlp\": \"GREEN\"");
  amber = records_add (f->utrecht, "Druk via familie", "[\"B1\"]", "Utrecht", "2026-03-02",
                       ", \"tlp\": \"AMBER\"");
  red = records_add (f->utrecht, "Rood signaal", "[\"D1\"]", "Utrecht", "2026-03-03", ", \"tlp\": \"RED\"");
  f->green = g_strdup (wb_signal_get_uuid (green));
  f->red = g_strdup (wb_signal_get_uuid (red));
  a1 = attach (f->utrecht, f->green, GREEN_NAME, GREEN_FILE);
  a2 = attach (f->utrecht, f->green, "kopie.pdf", GREEN_FILE);
  a3 = attach (f->utrecht, f->red, RED_NAME, RED_FILE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->utrecht);
  g_clear_object (&f->nctv);
  g_free (f->green);
  g_free (f->red);
}

static char *
export_to_nctv (Fixture    *f,
                gboolean    with_attachments,
                const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbExportReport) report = NULL;
  const char *to[] = { "NCTV", NULL };
  WbBundleExportOptions options;
  char *path = exchange_tmp_path (file);

  wb_bundle_export_options_init (&options);
  g_assert_false (options.with_attachments);
  options.recipients = to;
  options.with_attachments = with_attachments;
  report = wb_bundle_export (f->utrecht, &options, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_signals, ==, 2);
  g_assert_cmpuint (report->n_attachments, ==, with_attachments ? 1 : 0);
  g_assert_cmpuint (report->attachment_bytes, ==, with_attachments ? strlen (GREEN_FILE) : 0);
  return path;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  return memmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), needle, strlen (needle)) != NULL;
}

static char *
sha256_of (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* The payload's member names. */
static GPtrArray *
payload_members (GBytes *plain)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;

  archive_read_support_format_tar (a);
  g_assert_cmpint (archive_read_open_memory (a, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain)), ==, ARCHIVE_OK);
  while (archive_read_next_header (a, &entry) == ARCHIVE_OK)
    g_ptr_array_add (names, g_strdup (archive_entry_pathname (entry)));
  archive_read_free (a);
  return names;
}

static gboolean
has_member (GPtrArray  *names,
            const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;
  return FALSE;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_to_nctv (f, TRUE, "att-1.wbb");
  g_autofree char *path2 = NULL;
  g_autofree char *sha = sha256_of (GREEN_FILE);
  g_autoptr(WbMergeReport) dry = NULL;
  g_autoptr(WbMergeReport) report = NULL;
  g_autoptr(WbMergeReport) again = NULL;
  g_autoptr(WbMergeReport) second = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GBytes) got = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  WbAttachment *a;

  dry = wb_bundle_import (f->nctv, path, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (records_sql_int (f->nctv, "SELECT count(*) FROM attachments"), ==, 0);

  report = wb_bundle_import (f->nctv, path, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_added, ==, 2);
  list = wb_records_list_attachments (f->nctv, f->green, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  a = g_ptr_array_index (list, 0);
  g_assert_cmpstr (a->name, ==, GREEN_NAME);
  g_assert_cmpint (a->size, ==, strlen (GREEN_FILE));
  g_assert_cmpstr (a->sha256, ==, sha);
  got = wb_records_dup_attachment_data (f->nctv, a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), GREEN_FILE, strlen (GREEN_FILE));
  g_assert_cmpint (records_sql_int (f->nctv, "SELECT count(*) FROM audit_log WHERE action = 'attachment.import'"), ==, 1);

  /* Re-importing changes nothing. */
  before = records_snapshot (f->nctv);
  again = wb_bundle_import (f->nctv, path, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (again->already_imported);
  after = records_snapshot (f->nctv);
  g_assert_cmpstr (before, ==, after);

  /* A new bundle with the same signals and file: the file is kept once. */
  path2 = export_to_nctv (f, TRUE, "att-2.wbb");
  second = wb_bundle_import (f->nctv, path2, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_unchanged, ==, 2);
  g_assert_cmpint (records_sql_int (f->nctv, "SELECT count(*) FROM attachments"), ==, 1);
}

/* Without with_attachments no file leaves, nor its name or hash. */
static void
test_default_none (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_to_nctv (f, FALSE, "none.wbb");
  g_autoptr(GBytes) plain = exchange_decrypt_payload (f->nctv, path);
  g_autoptr(GPtrArray) names = payload_members (plain);
  g_autofree char *sha = sha256_of (GREEN_FILE);
  g_autoptr(WbMergeReport) report = NULL;

  g_assert_true (has_member (names, "manifest.json"));
  for (guint i = 0; i < names->len; i++)
    g_assert_false (g_str_has_prefix (g_ptr_array_index (names, i), "attachments/"));
  g_assert_false (bytes_contain (plain, GREEN_FILE));
  g_assert_false (bytes_contain (plain, GREEN_NAME));
  g_assert_false (bytes_contain (plain, sha));
  g_assert_false (bytes_contain (plain, "\"attachments\""));

  report = wb_bundle_import (f->nctv, path, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_added, ==, 2);
  g_assert_cmpint (records_sql_int (f->nctv, "SELECT count(*) FROM attachments"), ==, 0);
}

/* The RED signal is withheld, and its file with it; also in the
 * preview's counts. */
static void
test_withheld_never_leaves (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_to_nctv (f, TRUE, "red.wbb");
  g_autoptr(GBytes) plain = exchange_decrypt_payload (f->nctv, path);
  g_autoptr(GPtrArray) names = payload_members (plain);
  g_autofree char *green_sha = sha256_of (GREEN_FILE);
  g_autofree char *red_sha = sha256_of (RED_FILE);
  g_autofree char *green_member = g_strdup_printf ("attachments/%s", green_sha);
  g_autofree char *red_member = g_strdup_printf ("attachments/%s", red_sha);
  g_autoptr(WbExportReport) preview = NULL;
  const char *to[] = { "NCTV", NULL };
  WbBundleExportOptions options;

  g_assert_true (has_member (names, green_member));
  g_assert_true (bytes_contain (plain, GREEN_FILE));
  g_assert_false (has_member (names, red_member));
  g_assert_false (bytes_contain (plain, RED_FILE));
  g_assert_false (bytes_contain (plain, RED_NAME));
  g_assert_false (bytes_contain (plain, red_sha));

  /* Raising the ceiling lets it go: the preview counts it. */
  wb_bundle_export_options_init (&options);
  options.recipients = to;
  options.with_attachments = TRUE;
  options.tlp_max = WB_TLP_RED;
  preview = wb_bundle_export_preview (f->utrecht, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_attachments, ==, 2);
  g_assert_cmpuint (preview->attachment_bytes, ==, strlen (GREEN_FILE) + strlen (RED_FILE));
}

/* ---- forged payloads --------------------------------------------------- */

typedef void (*PayloadEdit) (GPtrArray  *names,
                             GPtrArray  *datas,
                             JsonObject *manifest);

/* Decrypts @path, lets @edit change members and manifest, and makes a
 * bundle of it that is correctly encrypted and signed by Utrecht: only
 * the reader's payload checks stand in the way. */
static char *
reforge (Fixture     *f,
         const char  *path,
         const char  *version,
         PayloadEdit  edit,
         const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) card = exchange_read_member (path, "sender.card");
  g_autoptr(GBytes) sig = exchange_read_member (path, "payload.age.minisig");
  g_autofree char *comment = exchange_trusted_comment (sig);
  g_auto(GStrv) parts = g_strsplit (comment, " ", -1);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) datas = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  char *out = exchange_tmp_path (name);

  exchange_payload_members (f->nctv, path, &names, &datas);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "manifest.json");
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (g_ptr_array_index (datas, 0), NULL),
                                             g_bytes_get_size (g_ptr_array_index (datas, 0)), &error));
  edit (names, datas, json_node_get_object (json_parser_get_root (parser)));
  if (version != NULL)
    {
      json_object_set_string_member (json_node_get_object (json_parser_get_root (parser)), "version", version);
      g_free (comment);
      comment = g_strdup_printf ("weerbaar-bundle %s %s", version, parts[2]);
    }
  json_generator_set_root (gen, json_parser_get_root (parser));
  {
    gsize len = 0;
    char *manifest = json_generator_to_data (gen, &len);

    g_bytes_unref (g_ptr_array_index (datas, 0));
    g_ptr_array_index (datas, 0) = g_bytes_new_take (manifest, len);
  }

  exchange_repack (f->utrecht, f->nctv, names, datas, card, comment, out);
  return out;
}

static int
find_attachment (GPtrArray *names)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (names, i), "attachments/"))
      return i;
  g_assert_not_reached ();
}

static void
no_edit (GPtrArray  *names,
         GPtrArray  *datas,
         JsonObject *manifest)
{
}

/* Same name, same size, one byte changed. */
static void
tamper_file (GPtrArray  *names,
             GPtrArray  *datas,
             JsonObject *manifest)
{
  int i = find_attachment (names);
  gsize len = 0;
  guint8 *copy = g_bytes_unref_to_data (g_ptr_array_steal_index (datas, i), &len);

  copy[0] ^= 1;
  g_ptr_array_insert (datas, i, g_bytes_new_take (copy, len));
}

static void
add_unlisted (GPtrArray  *names,
              GPtrArray  *datas,
              JsonObject *manifest)
{
  const char *text = "Een bestand dat het manifest niet noemt";
  g_autofree char *sha = sha256_of (text);

  g_ptr_array_add (names, g_strdup_printf ("attachments/%s", sha));
  g_ptr_array_add (datas, g_bytes_new (text, strlen (text)));
}

static void
add_duplicate (GPtrArray  *names,
               GPtrArray  *datas,
               JsonObject *manifest)
{
  int i = find_attachment (names);

  g_ptr_array_add (names, g_strdup (g_ptr_array_index (names, i)));
  g_ptr_array_add (datas, g_bytes_ref (g_ptr_array_index (datas, i)));
}

static void
drop_file (GPtrArray  *names,
           GPtrArray  *datas,
           JsonObject *manifest)
{
  int i = find_attachment (names);

  g_ptr_array_remove_index (names, i);
  g_ptr_array_remove_index (datas, i);
}

static JsonObject *
first_entry (JsonObject *manifest)
{
  return json_array_get_object_element (json_object_get_array_member (manifest, "attachments"), 0);
}

static void
oversized_entry (GPtrArray  *names,
                 GPtrArray  *datas,
                 JsonObject *manifest)
{
  json_object_set_int_member (first_entry (manifest), "size", wb_records_get_max_attachment_size () + 1);
}

static void
wrong_size_entry (GPtrArray  *names,
                  GPtrArray  *datas,
                  JsonObject *manifest)
{
  json_object_set_int_member (first_entry (manifest), "size", 3);
}

/* An attachment of a signal the bundle does not carry. */
static void
foreign_signal_entry (GPtrArray  *names,
                      GPtrArray  *datas,
                      JsonObject *manifest)
{
  g_autofree char *uuid = g_uuid_string_random ();

  json_object_set_string_member (first_entry (manifest), "signal", uuid);
}

static void
test_forged_rejected (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_to_nctv (f, TRUE, "orig.wbb");
  g_autofree char *same = reforge (f, path, NULL, no_edit, "same.wbb");
  g_autoptr(WbMergeReport) report = NULL;
  struct
  {
    const char  *version;
    PayloadEdit  edit;
    const char  *why;
  } bad[] = {
    { NULL, tamper_file, "SHA-256" },
    { NULL, add_unlisted, "does not list" },
    { NULL, add_duplicate, "twice" },
    { NULL, drop_file, "missing" },
    { NULL, oversized_entry, "larger than allowed" },
    { NULL, wrong_size_entry, "does not match" },
    { NULL, foreign_signal_entry, "malformed" },
    /* Attachments came with 1.2: a 1.1 bundle cannot carry them. */
    { "1.1", no_edit, "malformed" },
  };

  /* The forging itself keeps a good bundle good. */
  report = wb_bundle_import (f->nctv, same, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_added, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *file = g_strdup_printf ("bad-%u.wbb", i);
      g_autofree char *forged = reforge (f, path, bad[i].version, bad[i].edit, file);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(WbMergeReport) r = NULL;

      exchange_assert_rejected (f->nctv, forged, WB_EXCHANGE_ERROR_REJECTED);
      r = wb_bundle_import (f->nctv, forged, FALSE, NULL, &local_error);
      g_assert_null (r);
      g_test_message ("%u: %s", i, local_error->message);
      g_assert_nonnull (strstr (local_error->message, bad[i].why));
      g_assert_cmpint (wb_records_count_signals (f->nctv, NULL), ==, 0);
      g_assert_cmpint (records_sql_int (f->nctv, "SELECT count(*) FROM attachments"), ==, 0);
    }
}

/* Debian's tar lists the decrypted payload, the file under its hash. */
static void
test_tar_lists (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_to_nctv (f, TRUE, "tar.wbb");
  g_autoptr(GBytes) plain = exchange_decrypt_payload (f->nctv, path);
  g_autofree char *plain_path = exchange_tmp_path ("payload.tar");
  g_autofree char *tar = g_find_program_in_path ("tar");
  g_autofree char *out = NULL;
  g_autofree char *sha = sha256_of (GREEN_FILE);
  g_autofree char *member = g_strdup_printf ("attachments/%s\n", sha);
  g_autofree char *content = NULL;
  int status = -1;

  if (tar == NULL)
    {
      g_test_skip ("tar is not installed");
      return;
    }
  g_assert_true (g_file_set_contents (plain_path, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), &error));
  {
    const char *argv[] = { tar, "-tf", plain_path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "manifest.json\n"));
  g_assert_nonnull (strstr (out, member));
  {
    g_autofree char *name = g_strdup_printf ("attachments/%s", sha);
    const char *argv[] = { tar, "-xOf", plain_path, name, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &content, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (content, ==, GREEN_FILE);
  g_unlink (plain_path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, fn) g_test_add ("/bundle-attachments/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("round-trip", test_round_trip);
  ADD ("default-none", test_default_none);
  ADD ("withheld-never-leaves", test_withheld_never_leaves);
  ADD ("forged-rejected", test_forged_rejected);
  ADD ("tar-lists", test_tar_lists);
#undef ADD

  return g_test_run ();
}
