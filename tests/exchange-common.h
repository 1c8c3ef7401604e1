/* exchange-common.h — shared helpers of test-identity, test-bundle,
 * test-merge and test-bundle-interop
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

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
