/* test-bundle-attachments-ui.c — the export dialog's "Include attachments"
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-ui-common.h"

#include <string.h>

#include "wb-core.h"
#include "wb-export-dialog.h"

#define PASSPHRASE "correct horse battery staple"
#define COORDINATOR "Nationaal Coördinator"
#define FILE_TEXT "Brief met een naam erin (fictief)"

static WbVault *
make_vault (const char *name,
            const char *organisation)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GError) error = NULL;
  WbVault *vault;

  vault = wb_vault_create (dir, PASSPHRASE, WB_VAULT_COST_MIN, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wb_store_set_setting (wb_vault_get_store (vault), WB_RECORDS_SETTING_ORGANISATION,
                                       organisation, &error));
  g_assert_true (wb_store_set_setting (wb_vault_get_store (vault), WB_RECORDS_SETTING_ROLE,
                                       "liaison officer", &error));
  g_assert_no_error (error);
  return vault;
}

static void
pin (WbStore *to,
     WbStore *from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbIdentity) identity = wb_identity_ensure (from, &error);
  g_autofree char *card = wb_identity_dup_card (identity);
  g_autoptr(WbContact) contact = wb_contacts_add (to, card, strlen (card), TRUE, &error);

  g_assert_no_error (error);
}

/* Off by default, with nothing counted; switched on, the preview counts
 * the file and says it goes as it is; the export carries it. */
static void
test_switch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) town_vault = make_vault ("town", "Gemeente Teststad");
  g_autoptr(WbVault) nctv_vault = make_vault ("nctv", COORDINATOR);
  WbStore *town = wb_vault_get_store (town_vault);
  WbStore *nctv = wb_vault_get_store (nctv_vault);
  g_autoptr(WbSignal) signal = wb_signal_new ();
  g_autoptr(GBytes) data = g_bytes_new_static (FILE_TEXT, strlen (FILE_TEXT));
  g_autoptr(WbAttachment) attachment = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "with-files.wbb", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WbMergeReport) merged = NULL;
  g_autoptr(GPtrArray) received = NULL;
  const char *codes[] = { "A1", NULL };
  const WbExportReport *preview;
  WbExportDialog *dialog;
  GtkWidget *toggle;
  GtkWidget *row;

  wb_signal_set_summary (signal, "Brief aan de raad");
  wb_signal_set_categories (signal, codes);
  wb_signal_set_occurred_on (signal, "2026-02-14");
  wb_signal_set_municipality (signal, "Teststad");
  wb_signal_set_tlp (signal, WB_TLP_AMBER);
  g_assert_true (wb_records_add_signal (town, signal, &error));
  attachment = wb_records_add_attachment (town, wb_signal_get_uuid (signal), "brief.pdf", data, &error);
  g_assert_no_error (error);
  pin (town, nctv);
  pin (nctv, town);

  dialog = WB_EXPORT_DIALOG (wb_export_dialog_new (NULL, town, NULL, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  WB_WAIT_FOR (!wb_export_dialog_get_busy (dialog));
  toggle = wb_test_get (GTK_WIDGET (dialog), "export-attachments");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));

  g_assert_true (wb_export_dialog_set_recipient (dialog, COORDINATOR, TRUE));
  WB_WAIT_FOR (wb_export_dialog_get_preview (dialog) != NULL);
  preview = wb_export_dialog_get_preview (dialog);
  g_assert_cmpuint (preview->n_signals, ==, 1);
  g_assert_cmpuint (preview->n_attachments, ==, 0);
  g_assert_null (wb_test_find (GTK_WIDGET (dialog), "export-preview-attachments"));

  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_null (wb_export_dialog_get_preview (dialog));
  WB_WAIT_FOR (wb_export_dialog_get_preview (dialog) != NULL);
  preview = wb_export_dialog_get_preview (dialog);
  g_assert_cmpuint (preview->n_attachments, ==, 1);
  g_assert_cmpuint (preview->attachment_bytes, ==, strlen (FILE_TEXT));
  row = wb_test_get (GTK_WIDGET (dialog), "export-preview-attachments");
  g_assert_true (gtk_widget_is_visible (row));
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "1 attachment ("));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "not pseudonymised"));

  wb_export_dialog_export_to_file (dialog, file);
  WB_WAIT_FOR (wb_export_dialog_get_report (dialog) != NULL);
  g_assert_cmpuint (wb_export_dialog_get_report (dialog)->n_attachments, ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  wb_test_drain ();

  wb_records_jobs_lock ();
  merged = wb_bundle_import (nctv, path, FALSE, NULL, &error);
  g_assert_no_error (error);
  received = wb_records_list_attachments (nctv, wb_signal_get_uuid (signal), &error);
  wb_records_jobs_unlock ();
  g_assert_no_error (error);
  g_assert_cmpuint (received->len, ==, 1);

  wb_vault_lock (town_vault);
  wb_vault_lock (nctv_vault);
}

int
main (int   argc,
      char *argv[])
{
  if (!wb_test_ui_init (&argc, &argv))
    return 0;
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);

  g_test_add_func ("/ui/bundle-attachments/switch", test_switch);

  return g_test_run ();
}
