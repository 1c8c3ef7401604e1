/* exchange-common.h — shared helpers of test-identity, test-bundle,
 * test-merge and test-bundle-interop
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <archive.h>
#include <archive_entry.h>

#include "records-common.h"

/* A fresh store with organisation @org. */
static inline WbStore *
exchange_new_store (const char *org)
{
  g_autoptr(GError) error = NULL;
  WbStore *store = records_new_store ();

  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ORGANISATION, org, &error));
  g_assert_no_error (error);
  return store;
}

static inline char *
exchange_card (WbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbIdentity) identity = wb_identity_ensure (store, &error);

  g_assert_no_error (error);
  return wb_identity_dup_card (identity);
}

/* @to pins @from's card (verified). */
static inline void
exchange_pin (WbStore *to,
              WbStore *from)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *card = exchange_card (from);
  g_autoptr(WbContact) contact = wb_contacts_add (to, card, strlen (card), TRUE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contact);
}

static inline char *
exchange_tmp_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

/* Exports everything up to @tlp_max from @from to the contact @to_name. */
static inline char *
exchange_export (WbStore    *from,
                 const char *to_name,
                 WbTlp       tlp_max,
                 const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbExportReport) report = NULL;
  const char *to[] = { to_name, NULL };
  WbBundleExportOptions options;
  char *path = exchange_tmp_path (file);

  wb_bundle_export_options_init (&options);
  options.recipients = to;
  options.tlp_max = tlp_max;
  report = wb_bundle_export (from, &options, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return path;
}

/* Decrypts @path's payload with @store's identity. */
static inline GBytes *
exchange_decrypt_payload (WbStore    *store,
                          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbIdentity) identity = wb_identity_ensure (store, &error);
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  GBytes *plain = NULL;

  archive_read_support_format_tar (a);
  g_assert_cmpint (archive_read_open_filename (a, path, 10240), ==, ARCHIVE_OK);
  while (archive_read_next_header (a, &entry) == ARCHIVE_OK)
    if (g_str_equal (archive_entry_pathname (entry), "payload.age"))
      {
        gsize size = archive_entry_size (entry);
        guint8 *buf = g_malloc (size);
        g_autoptr(GInputStream) in = NULL;
        g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
        WbKey *ids[1] = { wb_identity_get_age_secret (identity) };

        g_assert_cmpint (archive_read_data (a, buf, size), ==, size);
        in = g_memory_input_stream_new_from_data (buf, size, g_free);
        g_assert_true (wb_age_decrypt (in, out, ids, 1, NULL, &error));
        g_assert_no_error (error);
        g_output_stream_close (out, NULL, NULL);
        plain = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
      }
  archive_read_free (a);
  g_assert_nonnull (plain);
  return plain;
}

static inline void
exchange_assert_rejected (WbStore    *store,
                          const char *path,
                          int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbMergeReport) report = NULL;
  g_autofree char *before = records_snapshot (store);
  g_autofree char *after = NULL;

  report = wb_bundle_import (store, path, FALSE, NULL, &error);
  g_assert_null (report);
  if (code >= 0)
    g_assert_error (error, WB_EXCHANGE_ERROR, code);
  else
    g_assert_true (error != NULL && error->domain == WB_EXCHANGE_ERROR);
  after = records_snapshot (store);
  g_assert_cmpstr (before, ==, after);
}

static inline la_ssize_t
exchange_tar_write_cb (struct archive *a,
                       void           *data,
                       const void     *buffer,
                       size_t          length)
{
  g_byte_array_append (data, buffer, length);
  return length;
}

/* A plain ustar archive of @n regular files, as a bundle's layers are. */
static inline GBytes *
exchange_tar (const char  **names,
              GBytes      **contents,
              guint         n)
{
  GByteArray *out = g_byte_array_new ();
  struct archive *a = archive_write_new ();

  archive_write_set_format_ustar (a);
  archive_write_set_bytes_in_last_block (a, 1);
  g_assert_cmpint (archive_write_open (a, out, NULL, exchange_tar_write_cb, NULL), ==, ARCHIVE_OK);
  for (guint i = 0; i < n; i++)
    {
      struct archive_entry *e = archive_entry_new ();

      archive_entry_set_pathname (e, names[i]);
      archive_entry_set_size (e, g_bytes_get_size (contents[i]));
      archive_entry_set_filetype (e, AE_IFREG);
      archive_entry_set_perm (e, 0644);
      g_assert_cmpint (archive_write_header (a, e), ==, ARCHIVE_OK);
      archive_write_data (a, g_bytes_get_data (contents[i], NULL), g_bytes_get_size (contents[i]));
      archive_entry_free (e);
    }
  archive_write_close (a);
  archive_write_free (a);
  return g_byte_array_free_to_bytes (out);
}

static inline void
exchange_write_outer (const char   *path,
                      const char  **names,
                      GBytes      **contents,
                      guint         n)
{
  g_autoptr(GBytes) tar = exchange_tar (names, contents, n);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (tar, NULL), g_bytes_get_size (tar), &error));
  g_assert_no_error (error);
}

static inline GBytes *
exchange_read_member (const char *path,
                      const char *name)
{
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  GBytes *out = NULL;

  archive_read_support_format_tar (a);
  g_assert_cmpint (archive_read_open_filename (a, path, 10240), ==, ARCHIVE_OK);
  while (archive_read_next_header (a, &entry) == ARCHIVE_OK)
    if (g_str_equal (archive_entry_pathname (entry), name))
      {
        gsize size = archive_entry_size (entry);
        guint8 *buf = g_malloc (size + 1);

        g_assert_cmpint (archive_read_data (a, buf, size), ==, size);
        out = g_bytes_new_take (buf, size);
      }
  archive_read_free (a);
  g_assert_nonnull (out);
  return out;
}

/* Signs @payload with @signer's key and the given trusted comment. */
static inline GBytes *
exchange_sign_as (WbStore    *signer,
                  GBytes     *payload,
                  const char *comment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbIdentity) id = wb_identity_ensure (signer, &error);
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (payload);
  char *sig = wb_minisign_sign (wb_identity_get_sign_secret (id), wb_identity_get_sign_key (id)->key_id,
                                in, WB_BUNDLE_SIGNATURE_COMMENT, comment, NULL, &error);

  g_assert_no_error (error);
  return g_bytes_new_take (sig, strlen (sig));
}

static inline char *
exchange_trusted_comment (GBytes *sig)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strdup (lines[2] + strlen ("trusted comment: "));
}

/* The members of @path's payload, decrypted with @recipient's identity,
 * in order: names (char *) and contents (GBytes). */
static inline void
exchange_payload_members (WbStore     *recipient,
                          const char  *path,
                          GPtrArray  **names,
                          GPtrArray  **datas)
{
  g_autoptr(GBytes) plain = exchange_decrypt_payload (recipient, path);
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;

  *names = g_ptr_array_new_with_free_func (g_free);
  *datas = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  archive_read_support_format_tar (a);
  g_assert_cmpint (archive_read_open_memory (a, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain)), ==, ARCHIVE_OK);
  while (archive_read_next_header (a, &entry) == ARCHIVE_OK)
    {
      gsize size = archive_entry_size (entry);
      guint8 *buf = g_malloc (size + 1);

      g_assert_cmpint (archive_read_data (a, buf, size), ==, size);
      g_ptr_array_add (*names, g_strdup (archive_entry_pathname (entry)));
      g_ptr_array_add (*datas, g_bytes_new_take (buf, size));
    }
  archive_read_free (a);
}

/* A bundle at @out made of these payload members: encrypted to
 * @recipient, signed by @signer with @comment, sent with @card. */
static inline void
exchange_repack (WbStore    *signer,
                 WbStore    *recipient,
                 GPtrArray  *names,
                 GPtrArray  *datas,
                 GBytes     *card,
                 const char *comment,
                 const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbIdentity) to = wb_identity_ensure (recipient, &error);
  g_autoptr(GBytes) inner = exchange_tar ((const char **) names->pdata, (GBytes **) datas->pdata, names->len);
  g_autoptr(GOutputStream) cipher = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) sig = NULL;
  WbAgeWriter *w;

  g_assert_no_error (error);
  w = wb_age_writer_new (cipher, wb_identity_get_age_recipient (to), 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wb_age_writer_write (w, g_bytes_get_data (inner, NULL), g_bytes_get_size (inner), NULL, &error));
  g_assert_true (wb_age_writer_finish (w, NULL, &error));
  g_assert_no_error (error);
  wb_age_writer_free (w);
  g_output_stream_close (cipher, NULL, NULL);
  payload = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (cipher));
  sig = exchange_sign_as (signer, payload, comment);
  {
    const char *outer_names[] = { "payload.age", "payload.age.minisig", "sender.card" };
    GBytes *members[] = { payload, sig, card };

    exchange_write_outer (out, outer_names, members, 3);
  }
}
