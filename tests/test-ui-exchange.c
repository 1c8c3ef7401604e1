/* test-ui-exchange.c — contacts, export, import, conflicts and the vault kind
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two real vaults made with the core API: a municipality and the national
 * coordinator.  The widgets are driven the way a user drives them; file
 * choosers are replaced by the functions their responses call.
 */

#include "test-ui-common.h"

#include <glib/gstdio.h>
#include <string.h>

#include "wb-cases-page.h"
#include "wb-conflicts-page.h"
#include "wb-contacts-page.h"
#include "wb-core.h"
#include "wb-dashboard-page.h"
#include "wb-export-dialog.h"
#include "wb-import-dialog.h"
#include "wb-matches-page.h"
#include "wb-provenance-group.h"
#include "wb-review-page.h"
#include "wb-setup-page.h"
#include "wb-signal-detail.h"
#include "wb-window.h"

#define PASSPHRASE "correct horse battery staple"
#define MUNICIPALITY "Gemeente Teststad"
#define COORDINATOR "Nationaal Coördinator"

typedef struct
{
  WbVault   *town_vault;
  WbVault   *nctv_vault;
  WbStore   *town;
  WbStore   *nctv;
  GtkWidget *window;
  AdwToast  *last_toast;
  guint      n_imported;
} Fixture;

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

static WbSignal *
add_signal (WbStore    *store,
            const char *summary,
            WbTlp       tlp)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) signal = wb_signal_new ();
  const char *codes[] = { "A1", NULL };

  wb_signal_set_summary (signal, summary);
  wb_signal_set_categories (signal, codes);
  wb_signal_set_occurred_on (signal, "2026-02-14");
  wb_signal_set_municipality (signal, "Teststad");
  wb_signal_set_tlp (signal, tlp);
  g_assert_true (wb_records_add_signal (store, signal, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&signal);
}

static char *
dup_card (WbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbIdentity) identity = wb_identity_ensure (store, &error);

  g_assert_no_error (error);
  return wb_identity_dup_card (identity);
}

/* @to pins @from's card, verified. */
static void
pin (WbStore *to,
     WbStore *from)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *card = dup_card (from);
  g_autoptr(WbContact) contact = wb_contacts_add (to, card, strlen (card), TRUE, &error);

  g_assert_no_error (error);
}

static char *
export_all (WbStore    *from,
            const char *to_name,
            const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbExportReport) report = NULL;
  const char *to[] = { to_name, NULL };
  WbBundleExportOptions options;
  char *path = g_build_filename (g_get_user_data_dir (), file, NULL);

  wb_bundle_export_options_init (&options);
  options.recipients = to;
  options.tlp_max = WB_TLP_RED;
  report = wb_bundle_export (from, &options, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return path;
}

static guint
count_signals (WbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  WbRecordsFilter filter;

  wb_records_filter_init (&filter);
  wb_records_jobs_lock ();
  list = wb_records_list_signals (store, &filter, &error);
  wb_records_jobs_unlock ();
  g_assert_no_error (error);
  return list->len;
}

static void
add_toast_cb (GtkWidget *page,
              AdwToast  *toast,
              Fixture   *f)
{
  g_set_object (&f->last_toast, toast);
}

static gboolean
toast_is (Fixture    *f,
          const char *title)
{
  return f->last_toast != NULL && g_strcmp0 (adw_toast_get_title (f->last_toast), title) == 0;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  f->town_vault = make_vault ("town", MUNICIPALITY);
  f->nctv_vault = make_vault ("nctv", COORDINATOR);
  f->town = wb_vault_get_store (f->town_vault);
  f->nctv = wb_vault_get_store (f->nctv_vault);

  f->window = gtk_window_new ();
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 680);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
destroy_toplevels (GType type)
{
  GtkWindow *window;

  while ((window = wb_test_find_toplevel (type)) != NULL)
    gtk_window_destroy (window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  destroy_toplevels (ADW_TYPE_MESSAGE_DIALOG);
  destroy_toplevels (WB_TYPE_EXPORT_DIALOG);
  destroy_toplevels (WB_TYPE_IMPORT_DIALOG);
  gtk_window_destroy (GTK_WINDOW (f->window));
  wb_test_drain ();
  g_assert_finalize_object (f->window);
  g_clear_object (&f->last_toast);
  wb_vault_lock (f->town_vault);
  wb_vault_lock (f->nctv_vault);
  g_clear_object (&f->town_vault);
  g_clear_object (&f->nctv_vault);
}

static GtkWindow *
find_dialog (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), name) == 0)
        return window;
    }
  return NULL;
}

static AdwMessageDialog *
wait_for_dialog (const char *name)
{
  GtkWindow *dialog = NULL;

  WB_WAIT_FOR ((dialog = find_dialog (name)) != NULL);
  return ADW_MESSAGE_DIALOG (dialog);
}

static gboolean
contact_verified (WbStore    *store,
                  const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbContact) contact = NULL;

  wb_records_jobs_lock ();
  contact = wb_contacts_lookup (store, name, &error);
  wb_records_jobs_unlock ();
  g_assert_no_error (error);
  return contact->verified;
}

/* ---- contacts ------------------------------------------------------------ */

static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ours = dup_card (f->town);
  g_autofree char *theirs = dup_card (f->nctv);
  g_autofree char *saved = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *card_path = g_build_filename (g_get_user_data_dir (), "nctv.card", NULL);
  g_autofree char *bad_path = g_build_filename (g_get_user_data_dir (), "bad.card", NULL);
  g_autofree char *out_path = g_build_filename (g_get_user_data_dir (), "ours.card", NULL);
  g_autoptr(GFile) card_file = g_file_new_for_path (card_path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autoptr(GFile) out_file = g_file_new_for_path (out_path);
  g_autoptr(WbIdentity) identity = NULL;
  WbContactsPage *page;
  GPtrArray *contacts;
  GtkWidget *fingerprint;

  page = WB_CONTACTS_PAGE (wb_contacts_page_new (f->town));
  g_signal_connect (page, "add-toast", G_CALLBACK (add_toast_cb), f);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (page));
  WB_WAIT_FOR (!wb_contacts_page_get_loading (page));

  /* Our fingerprint, large and selectable, in groups to read aloud. */
  identity = wb_identity_ensure (f->town, &error);
  g_assert_no_error (error);
  fingerprint = wb_test_get (GTK_WIDGET (page), "contacts-fingerprint");
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (fingerprint)));
  shown = g_strdelimit (g_strdup (gtk_label_get_text (GTK_LABEL (fingerprint))), "\n", ' ');
  g_assert_cmpstr (shown, ==, wb_identity_get_fingerprint (identity));
  g_assert_cmpuint (wb_contacts_page_get_contacts (page)->len, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (wb_test_get (GTK_WIDGET (page), "contacts-stack"))),
                   ==, "empty");

  /* Our card, saved as the file chooser would. */
  wb_contacts_page_export_card_file (page, out_file);
  WB_WAIT_FOR (toast_is (f, "Contact card saved"));
  g_assert_true (g_file_get_contents (out_path, &saved, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (saved, ==, ours);

  /* Not a card: said so, nothing pinned. */
  g_assert_true (g_file_set_contents (bad_path, "not a contact card\n", -1, &error));
  wb_contacts_page_add_card_file (page, bad_file);
  WB_WAIT_FOR (f->last_toast != NULL && !toast_is (f, "Contact card saved"));
  g_assert_null (wb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* Their card: the dialog shows the fingerprint and pins it unverified. */
  g_assert_true (g_file_set_contents (card_path, theirs, -1, &error));
  g_assert_no_error (error);
  wb_contacts_page_add_card_file (page, card_file);
  adw_message_dialog_response (wait_for_dialog ("contacts-pin-dialog"), "pin");
  WB_WAIT_FOR (!wb_contacts_page_get_loading (page)
               && wb_contacts_page_get_contacts (page) != NULL
               && wb_contacts_page_get_contacts (page)->len == 1);
  contacts = wb_contacts_page_get_contacts (page);
  g_assert_cmpstr (((WbContact *) g_ptr_array_index (contacts, 0))->name, ==, COORDINATOR);
  g_assert_false (((WbContact *) g_ptr_array_index (contacts, 0))->verified);
  g_assert_false (contact_verified (f->town, COORDINATOR));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (wb_test_get (GTK_WIDGET (page), "contacts-stack"))),
                   ==, "list");

  /* Not now: still unverified.  Then the fingerprints match. */
  wb_test_click (GTK_WIDGET (page), "contact-compare");
  adw_message_dialog_response (wait_for_dialog ("contacts-compare-dialog"), "cancel");
  wb_test_drain ();
  g_assert_false (contact_verified (f->town, COORDINATOR));
  wb_test_click (GTK_WIDGET (page), "contact-compare");
  adw_message_dialog_response (wait_for_dialog ("contacts-compare-dialog"), "verify");
  WB_WAIT_FOR (!wb_contacts_page_get_loading (page)
               && ((WbContact *) g_ptr_array_index (wb_contacts_page_get_contacts (page), 0))->verified);
  g_assert_true (contact_verified (f->town, COORDINATOR));
}

/* ---- export ------------------------------------------------------------ */

static void
test_export_withholds_red (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(WbSignal) amber = add_signal (f->town, "Intimidation at a meeting", WB_TLP_AMBER);
  g_autoptr(WbSignal) red = add_signal (f->town, "Named informant reported", WB_TLP_RED);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "out.tar", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WbExportDialog *dialog;
  const WbExportReport *report;
  GtkWidget *row;

  pin (f->town, f->nctv);
  dialog = WB_EXPORT_DIALOG (wb_export_dialog_new (GTK_WINDOW (f->window), f->town, NULL, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  WB_WAIT_FOR (!wb_export_dialog_get_busy (dialog));

  /* No recipient, no export. */
  g_assert_false (gtk_widget_is_sensitive (wb_test_get (GTK_WIDGET (dialog), "export-export")));
  wb_export_dialog_export_to_file (dialog, file);
  g_assert_false (wb_export_dialog_get_busy (dialog));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (wb_export_dialog_set_recipient (dialog, "Nobody", TRUE));

  g_assert_true (wb_export_dialog_set_recipient (dialog, COORDINATOR, TRUE));
  g_assert_true (gtk_widget_is_sensitive (wb_test_get (GTK_WIDGET (dialog), "export-export")));
  /* The ceiling defaults to AMBER. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (wb_test_get (GTK_WIDGET (dialog), "export-tlp"))),
                    ==, WB_TLP_AMBER);
  wb_export_dialog_export_to_file (dialog, file);
  WB_WAIT_FOR (wb_export_dialog_get_report (dialog) != NULL);
  report = wb_export_dialog_get_report (dialog);
  g_assert_cmpuint (report->n_signals, ==, 1);
  g_assert_cmpuint (report->withheld->len, ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The held-back signal, by summary, with the reason. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (wb_test_get (GTK_WIDGET (dialog), "export-stack"))),
                   ==, "result");
  row = wb_test_get (GTK_WIDGET (dialog), "export-withheld-row");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Named informant reported");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "TLP:RED"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "AMBER"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (wb_test_get (GTK_WIDGET (dialog), "export-result"))),
                            COORDINATOR));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* What will be sent and what is held back is shown before a file is
 * chosen, follows the form, and writes and records nothing. */
static void
test_export_preview (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(WbSignal) amber = add_signal (f->town, "Intimidation at a meeting", WB_TLP_AMBER);
  g_autoptr(WbSignal) red = add_signal (f->town, "Named informant reported", WB_TLP_RED);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "after-preview.tar", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WbExportDialog *dialog;
  const WbExportReport *preview;
  const WbExportReport *report;
  WbExportRecipient *recipient;
  GtkWidget *status;
  GtkWidget *row;
  WbRecordsFilter filter;

  pin (f->town, f->nctv);
  dialog = WB_EXPORT_DIALOG (wb_export_dialog_new (GTK_WINDOW (f->window), f->town, NULL, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  WB_WAIT_FOR (!wb_export_dialog_get_busy (dialog));

  /* No recipient: no preview, and it says why. */
  g_assert_null (wb_export_dialog_get_preview (dialog));
  status = wb_test_get (GTK_WIDGET (dialog), "export-preview-status");
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), "recipient"));

  /* On the form page, before any file: the RED signal held back. */
  g_assert_true (wb_export_dialog_set_recipient (dialog, COORDINATOR, TRUE));
  WB_WAIT_FOR (wb_export_dialog_get_preview (dialog) != NULL);
  preview = wb_export_dialog_get_preview (dialog);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (wb_test_get (GTK_WIDGET (dialog), "export-stack"))),
                   ==, "form");
  g_assert_cmpuint (preview->n_signals, ==, 1);
  g_assert_cmpuint (preview->withheld->len, ==, 1);
  g_assert_cmpstr (((WbWithheld *) g_ptr_array_index (preview->withheld, 0))->uuid, ==, wb_signal_get_uuid (red));
  row = wb_test_get (GTK_WIDGET (dialog), "export-preview-withheld-row");
  g_assert_true (gtk_widget_is_visible (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Named informant reported");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "TLP:RED"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "AMBER"));
  row = wb_test_get (GTK_WIDGET (dialog), "export-preview-recipient");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, COORDINATOR);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Bundle 1: 1 signal"));
  recipient = g_ptr_array_index (preview->recipients, 0);
  g_assert_cmpuint (recipient->sequence, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A RED ceiling: the preview is redone, nothing is held back. */
  wb_export_dialog_set_tlp_max (dialog, WB_TLP_RED);
  g_assert_null (wb_export_dialog_get_preview (dialog));
  WB_WAIT_FOR (wb_export_dialog_get_preview (dialog) != NULL);
  preview = wb_export_dialog_get_preview (dialog);
  g_assert_cmpuint (preview->n_signals, ==, 2);
  g_assert_cmpuint (preview->withheld->len, ==, 0);
  g_assert_false (gtk_widget_is_visible (wb_test_get (GTK_WIDGET (dialog), "export-preview-withheld")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (wb_test_get (GTK_WIDGET (dialog),
                                                                                       "export-preview-recipient"))),
                            "2 signals"));

  /* Quick changes: only the last one's preview is shown. */
  wb_export_dialog_set_tlp_max (dialog, WB_TLP_GREEN);
  wb_export_dialog_set_tlp_max (dialog, WB_TLP_AMBER);
  wb_export_dialog_set_tlp_max (dialog, WB_TLP_RED);
  WB_WAIT_FOR (wb_export_dialog_get_preview (dialog) != NULL);
  preview = wb_export_dialog_get_preview (dialog);
  g_assert_cmpuint (preview->n_signals, ==, 2);
  g_assert_cmpuint (preview->withheld->len, ==, 0);

  /* The list's filters narrow "the signals in the current list". */
  wb_records_filter_init (&filter);
  filter.tlp = WB_TLP_AMBER;
  wb_export_dialog_set_list_filter (dialog, &filter);
  g_assert_true (wb_export_dialog_set_scope (dialog, WB_EXPORT_SCOPE_SEARCH));
  WB_WAIT_FOR (wb_export_dialog_get_preview (dialog) != NULL);
  preview = wb_export_dialog_get_preview (dialog);
  g_assert_cmpuint (preview->n_signals, ==, 1);
  g_assert_cmpuint (preview->withheld->len, ==, 0);

  /* Previews used no sequence number: the export is bundle 1 and sends
   * what the last preview said. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  wb_export_dialog_export_to_file (dialog, file);
  WB_WAIT_FOR (wb_export_dialog_get_report (dialog) != NULL);
  report = wb_export_dialog_get_report (dialog);
  g_assert_cmpuint (report->n_signals, ==, 1);
  recipient = g_ptr_array_index (report->recipients, 0);
  g_assert_cmpuint (recipient->sequence, ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ---- import ------------------------------------------------------------ */

static void
imported_cb (WbImportDialog *dialog,
             guint           n_changed,
             Fixture        *f)
{
  f->n_imported += n_changed;
}

static WbImportDialog *
open_import (Fixture    *f,
             const char *path)
{
  const char *paths[] = { path, NULL };
  WbImportDialog *dialog = WB_IMPORT_DIALOG (wb_import_dialog_new (GTK_WINDOW (f->window), f->nctv));

  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), f);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpint (wb_import_dialog_get_stage (dialog), ==, WB_IMPORT_STAGE_CHOOSE);
  wb_import_dialog_set_files (dialog, paths);
  WB_WAIT_FOR (wb_import_dialog_get_stage (dialog) == WB_IMPORT_STAGE_PREVIEW);
  return dialog;
}

static const char *
subtitle_of (GtkWidget  *root,
             const char *name)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (wb_test_get (root, name)));
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(WbSignal) a = add_signal (f->town, "Intimidation at a meeting", WB_TLP_AMBER);
  g_autoptr(WbSignal) b = add_signal (f->town, "Pressure on relatives abroad", WB_TLP_GREEN);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) provenance = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbIdentity) town_identity = NULL;
  WbImportDialog *dialog;
  WbProvenance *p;

  pin (f->town, f->nctv);
  pin (f->nctv, f->town);
  path = export_all (f->town, COORDINATOR, "1.tar");

  /* The dry run says what would come and changes nothing. */
  dialog = open_import (f, path);
  g_assert_nonnull (strstr (subtitle_of (GTK_WIDGET (dialog), "import-bundle-row"),
                            "New: 2 · Changed: 0 · In conflict: 0"));
  g_assert_cmpuint (count_signals (f->nctv), ==, 0);
  g_assert_true (gtk_widget_is_sensitive (wb_test_get (GTK_WIDGET (dialog), "import-import")));

  wb_test_click (GTK_WIDGET (dialog), "import-import");
  WB_WAIT_FOR (wb_import_dialog_get_stage (dialog) == WB_IMPORT_STAGE_DONE);
  g_assert_nonnull (strstr (subtitle_of (GTK_WIDGET (dialog), "import-bundle-row"),
                            "New: 2 · Changed: 0 · In conflict: 0"));
  g_assert_cmpuint (count_signals (f->nctv), ==, 2);
  g_assert_cmpuint (f->n_imported, ==, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Where it came from. */
  wb_records_jobs_lock ();
  provenance = wb_provenance_list (f->nctv, wb_signal_get_uuid (a), &error);
  wb_records_jobs_unlock ();
  g_assert_no_error (error);
  g_assert_cmpuint (provenance->len, ==, 1);
  p = g_ptr_array_index (provenance, 0);
  town_identity = wb_identity_ensure (f->town, &error);
  g_assert_cmpstr (p->sender, ==, MUNICIPALITY);
  g_assert_cmpstr (p->sender_fingerprint, ==, wb_identity_get_fingerprint (town_identity));
  g_assert_cmpuint (p->sequence, ==, 1);
  g_assert_nonnull (p->bundle_uuid);
  g_assert_nonnull (p->recorded_at);
  g_clear_pointer (&provenance, g_ptr_array_unref);
  wb_records_jobs_lock ();
  provenance = wb_provenance_list (f->town, wb_signal_get_uuid (a), &error);
  wb_records_jobs_unlock ();
  g_assert_no_error (error);
  g_assert_cmpuint (provenance->len, ==, 0);

  /* The detail view says where it came from; ours say nothing. */
  {
    GtkWidget *detail = g_object_new (WB_TYPE_SIGNAL_DETAIL, NULL);
    WbProvenanceGroup *group;
    GtkWidget *row;
    g_autoptr(WbSignal) received = NULL;

    wb_records_jobs_lock ();
    received = wb_records_get_signal (f->nctv, wb_signal_get_uuid (a), &error);
    wb_records_jobs_unlock ();
    g_assert_no_error (error);
    gtk_window_set_child (GTK_WINDOW (f->window), detail);
    wb_signal_detail_set_store (WB_SIGNAL_DETAIL (detail), f->nctv);
    wb_signal_detail_set_signal (WB_SIGNAL_DETAIL (detail), received);
    group = WB_PROVENANCE_GROUP (wb_test_get (detail, "provenance-group"));
    WB_WAIT_FOR (!wb_provenance_group_get_loading (group));
    g_assert_cmpuint (wb_provenance_group_get_n_items (group), ==, 1);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
    row = wb_test_get (detail, "provenance-row");
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "From " MUNICIPALITY);
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Revision 1 · bundle 1 · imported "));

    wb_signal_detail_set_store (WB_SIGNAL_DETAIL (detail), f->town);
    wb_signal_detail_set_signal (WB_SIGNAL_DETAIL (detail), a);
    WB_WAIT_FOR (!wb_provenance_group_get_loading (group));
    g_assert_cmpuint (wb_provenance_group_get_n_items (group), ==, 0);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (group)));
    gtk_window_set_child (GTK_WINDOW (f->window), NULL);
  }

  /* Again: a no-op that says so, and Import stays off. */
  dialog = open_import (f, path);
  g_assert_cmpstr (subtitle_of (GTK_WIDGET (dialog), "import-bundle-row"), ==,
                   "Imported before; nothing changes");
  g_assert_false (gtk_widget_is_sensitive (wb_test_get (GTK_WIDGET (dialog), "import-import")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Bundle 2 is skipped: bundle 3 says that 2 is missing. */
  {
    g_autofree char *second = export_all (f->town, COORDINATOR, "2.tar");
    g_autofree char *third = export_all (f->town, COORDINATOR, "3.tar");
    GtkWidget *note;

    dialog = open_import (f, third);
    note = wb_test_get (GTK_WIDGET (dialog), "import-note-row");
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (note)), ==,
                     "Bundle 2 from " MUNICIPALITY " is missing");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
}

static void
test_import_tampered (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(WbSignal) a = add_signal (f->town, "Intimidation at a meeting", WB_TLP_AMBER);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  WbImportDialog *dialog;
  GtkWidget *row;

  pin (f->town, f->nctv);
  pin (f->nctv, f->town);
  path = export_all (f->town, COORDINATOR, "1.tar");
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  /* A flipped byte inside payload.age (after the first tar header). */
  contents[700] ^= 0x01;
  g_assert_true (g_file_set_contents (path, contents, len, &error));

  dialog = open_import (f, path);
  row = wb_test_get (GTK_WIDGET (dialog), "import-rejected-row");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "1.tar (refused)");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "signature"));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_null (wb_test_find (GTK_WIDGET (dialog), "import-bundle-row"));
  g_assert_false (gtk_widget_is_sensitive (wb_test_get (GTK_WIDGET (dialog), "import-import")));
  wb_import_dialog_import (dialog);
  g_assert_cmpint (wb_import_dialog_get_stage (dialog), ==, WB_IMPORT_STAGE_PREVIEW);
  g_assert_cmpuint (count_signals (f->nctv), ==, 0);
  g_assert_cmpuint (f->n_imported, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ---- conflicts ----------------------------------------------------------- */

static void
edit_summary (WbStore    *store,
              const char *uuid,
              const char *summary)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) s = wb_records_get_signal (store, uuid, &error);

  g_assert_no_error (error);
  wb_signal_set_summary (s, summary);
  g_assert_true (wb_records_edit_signal (store, s, &error));
  g_assert_no_error (error);
}

static void
import_file (WbStore    *store,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbMergeReport) report = wb_bundle_import (store, path, FALSE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
}

/* The label named "conflict-differs" that reads @text, or NULL. */
static GtkWidget *
find_differs (GtkWidget  *root,
              const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_widget_get_name (root), "conflict-differs") == 0 &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_differs (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_conflicts (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(WbSignal) s = add_signal (f->town, "Original", WB_TLP_AMBER);
  const char *uuid = wb_signal_get_uuid (s);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(WbSignal) after = NULL;
  g_autoptr(GError) error = NULL;
  WbConflictsPage *page;
  GtkWidget *differs;

  pin (f->town, f->nctv);
  pin (f->nctv, f->town);
  first = export_all (f->town, COORDINATOR, "1.tar");
  import_file (f->nctv, first);
  /* Both make revision 2, differently. */
  edit_summary (f->nctv, uuid, "National <version> & more");
  edit_summary (f->town, uuid, "Local version");
  second = export_all (f->town, COORDINATOR, "2.tar");
  import_file (f->nctv, second);

  page = WB_CONFLICTS_PAGE (wb_conflicts_page_new (f->nctv));
  g_signal_connect (page, "add-toast", G_CALLBACK (add_toast_cb), f);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (page));
  WB_WAIT_FOR (!wb_conflicts_page_get_loading (page));
  g_assert_cmpuint (wb_conflicts_page_get_conflicts (page)->len, ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (wb_test_get (GTK_WIDGET (page), "conflicts-stack"))),
                   ==, "list");
  /* The summary differs, and says so (the time of the last change may
   * differ too when the two edits fell in different seconds). */
  differs = find_differs (GTK_WIDGET (page), "Summary (differs)");
  g_assert_nonnull (differs);
  g_assert_true (gtk_widget_has_css_class (differs, "warning"));
  g_assert_null (find_differs (GTK_WIDGET (page), "Municipality (differs)"));
  /* Record content is text, not markup (the group's title is markup:
   * unescaped, this would be a fatal warning, or tags). */
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (wb_test_get (GTK_WIDGET (page), "conflict"))),
                   ==, "National <version> & more");

  wb_test_click (GTK_WIDGET (page), "conflict-take-theirs");
  WB_WAIT_FOR (!wb_conflicts_page_get_loading (page)
               && wb_conflicts_page_get_conflicts (page)->len == 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (wb_test_get (GTK_WIDGET (page), "conflicts-stack"))),
                   ==, "empty");
  g_assert_true (toast_is (f, "Their version is now the current one"));
  wb_records_jobs_lock ();
  after = wb_records_get_signal (f->nctv, uuid, &error);
  wb_records_jobs_unlock ();
  g_assert_no_error (error);
  g_assert_cmpstr (wb_signal_get_summary (after), ==, "Local version");
  g_assert_cmpuint (wb_signal_get_revision (after), ==, 3);
}

/* ---- matches ------------------------------------------------------------- */

static void
add_with_handle (WbStore    *store,
                 const char *summary,
                 const char *handle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) signal = wb_signal_new ();
  const char *codes[] = { "E1", NULL };
  const char *handles[] = { handle, NULL };

  wb_signal_set_summary (signal, summary);
  wb_signal_set_categories (signal, codes);
  wb_signal_set_occurred_on (signal, "2026-03-01");
  wb_signal_set_municipality (signal, "Teststad");
  wb_signal_set_handles (signal, handles);
  g_assert_true (wb_records_add_signal (store, signal, &error));
  g_assert_no_error (error);
}

static void
test_matches (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(WbVault) other_vault = make_vault ("other", "Gemeente Anderstad");
  WbStore *other = wb_vault_get_store (other_vault);
  g_autoptr(GError) error = NULL;
  g_autofree char *key1 = NULL;
  g_autofree char *key2 = NULL;
  g_autofree char *from1 = NULL;
  g_autofree char *from2 = NULL;
  WbMatchesPage *page;
  GtkWidget *row;

  pin (f->town, f->nctv);
  pin (f->nctv, f->town);
  pin (other, f->nctv);
  pin (f->nctv, other);

  /* Nothing to match yet, in either kind of vault. */
  page = WB_MATCHES_PAGE (wb_matches_page_new (f->nctv));
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (page));
  WB_WAIT_FOR (!wb_matches_page_get_loading (page));
  g_assert_cmpuint (wb_matches_page_get_matches (page)->len, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (wb_test_get (GTK_WIDGET (page), "matches-stack"))),
                   ==, "empty");

  /* The coordinator's key reaches both municipalities in a bundle. */
  g_assert_true (wb_store_set_setting (f->nctv, WB_RECORDS_SETTING_VAULT_KIND, "coordinator", &error));
  g_assert_no_error (error);
  key1 = export_all (f->nctv, MUNICIPALITY, "key1.tar");
  key2 = export_all (f->nctv, "Gemeente Anderstad", "key2.tar");
  import_file (f->town, key1);
  import_file (other, key2);

  add_with_handle (f->town, "Threats online", "@Spotter_X");
  add_with_handle (other, "Doxing of an activist", "spotter_x");
  from1 = export_all (f->town, COORDINATOR, "from1.tar");
  from2 = export_all (other, COORDINATOR, "from2.tar");
  import_file (f->nctv, from1);
  import_file (f->nctv, from2);

  wb_matches_page_reload (page);
  WB_WAIT_FOR (!wb_matches_page_get_loading (page));
  g_assert_cmpuint (wb_matches_page_get_matches (page)->len, ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (wb_test_get (GTK_WIDGET (page), "matches-stack"))),
                   ==, "list");
  row = wb_test_get (GTK_WIDGET (page), "match-row");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Account handle · 2 senders");
  /* Where, but never the handle itself. */
  g_assert_null (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "potter"));
  g_assert_nonnull (wb_test_find (row, "match-sighting"));

  /* The campaign becomes one case holding both municipalities' signals. */
  g_signal_connect (page, "add-toast", G_CALLBACK (add_toast_cb), f);
  wb_test_click (row, "match-create-case");
  {
    AdwMessageDialog *dialog = wait_for_dialog ("match-case-dialog");
    g_autoptr(GPtrArray) cases = NULL;
    WbCase *kase;

    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
    wb_test_set_text (GTK_WIDGET (dialog), "match-case-name", "  Spotter campaign ");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
    adw_message_dialog_response (dialog, "create");
    WB_WAIT_FOR (!wb_matches_page_get_loading (page) && f->last_toast != NULL);
    g_assert_cmpstr (adw_toast_get_title (f->last_toast), ==,
                     "Case “Spotter campaign” made; find it under Cases");
    wb_records_jobs_lock ();
    cases = wb_records_list_cases (f->nctv, &error);
    wb_records_jobs_unlock ();
    g_assert_no_error (error);
    g_assert_cmpuint (cases->len, ==, 1);
    kase = g_ptr_array_index (cases, 0);
    g_assert_cmpstr (kase->name, ==, "Spotter campaign");
    g_assert_cmpuint (kase->n_signals, ==, 2);
  }
  gtk_window_set_child (GTK_WINDOW (f->window), NULL);
  wb_vault_lock (other_vault);
}

/* ---- the main window's menu ---------------------------------------------- */

static gboolean
has_vault_window_of (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      gpointer page = g_object_get_data (G_OBJECT (window), "wb-vault-window");

      if (page != NULL && G_TYPE_CHECK_INSTANCE_TYPE (page, type))
        return TRUE;
    }
  return FALSE;
}

static void
test_window_actions (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "town", NULL);
  const char *actions[] = { "win.show-contacts", "win.show-conflicts", "win.show-matches",
                            "win.export-bundle", "win.import-bundles",
                            "win.show-dashboard", "win.show-review", "win.show-cases" };
  GType types[G_N_ELEMENTS (actions)];
  GtkWidget *window;

  types[0] = WB_TYPE_CONTACTS_PAGE;
  types[1] = WB_TYPE_CONFLICTS_PAGE;
  types[2] = WB_TYPE_MATCHES_PAGE;
  types[3] = WB_TYPE_EXPORT_DIALOG;
  types[4] = WB_TYPE_IMPORT_DIALOG;
  types[5] = WB_TYPE_DASHBOARD_PAGE;
  types[6] = WB_TYPE_REVIEW_PAGE;
  types[7] = WB_TYPE_CASES_PAGE;

  /* The fixture's vault, opened by the window this time. */
  wb_vault_lock (f->town_vault);
  window = GTK_WIDGET (wb_window_new (NULL, dir, WB_VAULT_COST_MIN));
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  /* Locked: nothing of the vault can be opened. */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gtk_widget_activate_action (window, actions[i], NULL);
      g_assert_false (has_vault_window_of (types[i]));
    }

  wb_test_set_text (window, "unlock-passphrase", PASSPHRASE);
  wb_test_click (window, "unlock-button");
  WB_WAIT_FOR (wb_window_get_vault (WB_WINDOW (window)) != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_assert_true (gtk_widget_activate_action (window, actions[i], NULL));
      g_assert_true (has_vault_window_of (types[i]));
    }
  wb_test_drain ();

  /* Locking closes every one of them. */
  g_assert_true (gtk_widget_activate_action (window, "win.lock", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_false (has_vault_window_of (types[i]));
  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_drain ();
  g_assert_finalize_object (window);
}

/* ---- the vault kind at creation ---------------------------------------- */

static void
finished_cb (WbSetupPage *page,
             WbVault     *vault,
             WbVault    **out)
{
  g_set_object (out, vault);
}

static gboolean
setting_is (WbVault    *vault,
            const char *key,
            const char *expected)
{
  g_autofree char *value = NULL;

  wb_records_jobs_lock ();
  value = wb_store_dup_setting (wb_vault_get_store (vault), key);
  wb_records_jobs_unlock ();
  return g_strcmp0 (value, expected) == 0;
}

static void
create_vault_of_kind (Fixture    *f,
                      const char *dir_name,
                      gboolean    coordinator,
                      const char *expected)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), dir_name, NULL);
  g_autoptr(WbVault) vault = NULL;
  GtkWidget *page = g_object_new (WB_TYPE_SETUP_PAGE,
                                  "vault-dir", dir,
                                  "kdf-cost", (guint) WB_VAULT_COST_MIN,
                                  NULL);

  g_signal_connect (page, "finished", G_CALLBACK (finished_cb), &vault);
  gtk_window_set_child (GTK_WINDOW (f->window), page);
  /* Municipality is the default choice. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (wb_test_get (page, "setup-kind-municipality"))));
  if (coordinator)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (wb_test_get (page, "setup-kind-coordinator")), TRUE);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (wb_test_get (page, "setup-kind-municipality")))
                  == coordinator);
  wb_test_set_text (page, "setup-organisation", COORDINATOR);
  wb_test_set_text (page, "setup-role", "coordinator");
  wb_test_set_text (page, "new-passphrase", PASSPHRASE);
  wb_test_set_text (page, "repeat-passphrase", PASSPHRASE);
  wb_test_click (page, "create-button");
  WB_WAIT_FOR (g_strcmp0 (gtk_label_get_text (GTK_LABEL (wb_test_get (page, "recovery-key"))), "") != 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (wb_test_get (page, "stored-check")), TRUE);
  wb_test_click (page, "continue-button");
  g_assert_nonnull (vault);
  WB_WAIT_FOR (setting_is (vault, WB_RECORDS_SETTING_VAULT_KIND, expected));
  g_assert_true (setting_is (vault, WB_RECORDS_SETTING_ORGANISATION, COORDINATOR));
  gtk_window_set_child (GTK_WINDOW (f->window), NULL);
  wb_vault_lock (vault);
}

static void
test_setup_kind (Fixture       *f,
                 gconstpointer  data)
{
  create_vault_of_kind (f, "new-coordinator", TRUE, "coordinator");
  create_vault_of_kind (f, "new-municipality", FALSE, "municipality");
}

int
main (int   argc,
      char *argv[])
{
  if (!wb_test_ui_init (&argc, &argv))
    return 0;

#define ADD(path, fn) \
  g_test_add ("/ui/exchange/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("contacts", test_contacts);
  ADD ("export-withholds-red", test_export_withholds_red);
  ADD ("export-preview", test_export_preview);
  ADD ("import", test_import);
  ADD ("import-tampered", test_import_tampered);
  ADD ("conflicts", test_conflicts);
  ADD ("matches", test_matches);
  ADD ("window-actions", test_window_actions);
  ADD ("setup-kind", test_setup_kind);
#undef ADD

  return g_test_run ();
}
