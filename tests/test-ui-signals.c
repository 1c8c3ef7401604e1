/* test-ui-signals.c — the signal list and its filters, the editor and the
 * escalation dialog, against a real (MIN-cost) vault
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-ui-common.h"

#include "wb-core.h"
#include "wb-escalation-dialog.h"
#include "wb-ladder-view.h"
#include "wb-signal-editor.h"
#include "wb-signal-list-page.h"

#define PASSPHRASE "correct horse battery staple"

typedef struct
{
  char        *dir;
  WbVault     *vault;
  WbStore     *store;
  GtkWidget   *window;
  WbSignalListPage *page;
} Fixture;

static WbSignal *
add_signal (WbStore    *store,
            const char *summary,
            const char *code,
            const char *municipality,
            WbTlp       tlp)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) signal = wb_signal_new ();
  const char *codes[] = { code, NULL };

  wb_signal_set_summary (signal, summary);
  wb_signal_set_categories (signal, codes);
  wb_signal_set_occurred_on (signal, "2026-02-14");
  wb_signal_set_municipality (signal, municipality);
  wb_signal_set_tlp (signal, tlp);
  g_assert_true (wb_records_add_signal (store, signal, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&signal);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* ISOLATE_DIRS gives every test its own, removed afterwards. */
  f->dir = g_build_filename (g_get_user_data_dir (), "weerbaar-test-vault", NULL);
  f->vault = wb_vault_create (f->dir, PASSPHRASE, WB_VAULT_COST_MIN, NULL, NULL, &error);
  g_assert_no_error (error);
  f->store = g_object_ref (wb_vault_get_store (f->vault));
  g_assert_true (wb_store_set_setting (f->store, WB_RECORDS_SETTING_ORGANISATION, "Gemeente Teststad", &error));
  g_assert_true (wb_store_set_setting (f->store, WB_RECORDS_SETTING_ROLE, "liaison officer", &error));
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 960, 680);
  f->page = g_object_new (WB_TYPE_SIGNAL_LIST_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *window = f->window;

  gtk_window_destroy (GTK_WINDOW (window));
  f->window = NULL;
  wb_test_drain ();
  g_assert_finalize_object (window);

  g_clear_object (&f->store);
  wb_vault_lock (f->vault);
  g_clear_object (&f->vault);
  g_clear_pointer (&f->dir, g_free);
}

static GListModel *
model (Fixture *f)
{
  return G_LIST_MODEL (wb_signal_list_page_get_model (f->page));
}

static gboolean
model_is (Fixture    *f,
          guint       n,
          const char *first_summary)
{
  WbSignalList *list = wb_signal_list_page_get_model (f->page);
  g_autoptr(WbSignal) first = NULL;

  if (wb_signal_list_get_loading (list) || g_list_model_get_n_items (model (f)) != n)
    return FALSE;
  if (first_summary == NULL)
    return TRUE;

  first = g_list_model_get_item (model (f), 0);
  return g_strcmp0 (wb_signal_get_summary (first), first_summary) == 0;
}

static const char *
stack_child (GtkWidget  *root,
             const char *name)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (wb_test_get (root, name)));
}

static void
test_empty_vault (Fixture       *f,
                  gconstpointer  data)
{
  wb_signal_list_page_set_store (f->page, f->store);
  WB_WAIT_FOR (wb_signal_list_get_n_total (wb_signal_list_page_get_model (f->page)) == 0);

  /* A first-time user is told what to do. */
  g_assert_cmpstr (stack_child (f->window, "signals-stack"), ==, "empty");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (wb_test_get (f->window, "empty-new-signal"))),
                   ==, "win.new-signal");
}

static void
test_list_search_filters (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(WbSignal) a = add_signal (f->store, "Intimidation outside the community centre", "A1", "Utrecht", WB_TLP_AMBER_STRICT);
  g_autoptr(WbSignal) b = add_signal (f->store, "Doxing of a journalist on social media", "E2", "Arnhem", WB_TLP_RED);
  g_autoptr(WbSignal) c = add_signal (f->store, "Pressure via family abroad", "B1", "Utrecht", WB_TLP_GREEN);
  GtkWidget *entry;

  wb_signal_list_page_set_store (f->page, f->store);
  WB_WAIT_FOR (model_is (f, 3, NULL));
  g_assert_cmpstr (stack_child (f->window, "signals-stack"), ==, "signals");
  g_assert_cmpstr (stack_child (f->window, "list-stack"), ==, "list");

  /* Search as you type (debounced): a prefix of a word, any case. */
  entry = wb_test_get (f->window, "search-entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), "JOURNAL");
  WB_WAIT_FOR (model_is (f, 1, "Doxing of a journalist on social media"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "nothing-like-this");
  WB_WAIT_FOR (model_is (f, 0, NULL));
  g_assert_cmpstr (stack_child (f->window, "list-stack"), ==, "no-results");
  /* Punctuation only is no query, and no error either. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "--");
  WB_WAIT_FOR (model_is (f, 0, NULL));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  WB_WAIT_FOR (model_is (f, 3, NULL));

  /* Category: "A" covers A1. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (wb_test_get (f->window, "filter-category")), 1);
  WB_WAIT_FOR (model_is (f, 1, "Intimidation outside the community centre"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (wb_test_get (f->window, "filter-category")), 0);

  /* TLP: the list offers "Any" first, then CLEAR … RED. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (wb_test_get (f->window, "filter-tlp")), 1 + WB_TLP_RED);
  WB_WAIT_FOR (model_is (f, 1, "Doxing of a journalist on social media"));

  /* Filters and search combine. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (wb_test_get (f->window, "filter-tlp")), 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "utrecht pressure");
  WB_WAIT_FOR (model_is (f, 0, NULL) || model_is (f, 1, "Pressure via family abroad"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  WB_WAIT_FOR (model_is (f, 3, NULL));

  /* Level: everything is at level 1. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (wb_test_get (f->window, "filter-level")), 2);
  WB_WAIT_FOR (model_is (f, 0, NULL));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (wb_test_get (f->window, "filter-level")), 1);
  WB_WAIT_FOR (model_is (f, 3, NULL));

  /* Nothing is overdue a year ahead of its review date. */
  gtk_switch_set_active (GTK_SWITCH (wb_test_get (f->window, "filter-overdue")), TRUE);
  WB_WAIT_FOR (model_is (f, 0, NULL));
  gtk_widget_activate_action (wb_test_get (f->window, "filter-reset"), "signals.clear-filters", NULL);
  WB_WAIT_FOR (model_is (f, 3, NULL));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (wb_test_get (f->window, "filter-overdue"))));
}

static void
test_lock_clears_and_restores (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(WbSignal) a = add_signal (f->store, "First signal", "A1", "Utrecht", WB_TLP_AMBER);
  g_autoptr(WbSignal) b = add_signal (f->store, "Second signal", "C5", "Ede", WB_TLP_AMBER);
  WbSignal *shown;

  wb_signal_list_page_set_store (f->page, f->store);
  WB_WAIT_FOR (model_is (f, 2, NULL));
  g_assert_true (wb_signal_list_page_select (f->page, wb_signal_get_uuid (b)));
  /* The list holds list rows; the detail gets the complete signal,
   * loaded in a worker. */
  {
    g_autoptr(WbSignal) row = g_list_model_get_item (model (f), 0);

    g_assert_false (wb_signal_is_complete (row));
  }
  WB_WAIT_FOR (wb_signal_list_page_get_selected (f->page) != NULL);
  shown = wb_signal_list_page_get_selected (f->page);
  g_assert_true (wb_signal_is_complete (shown));
  g_assert_true (wb_signal_equal (shown, b));
  g_assert_cmpstr (wb_signal_get_uuid (shown), ==, wb_signal_get_uuid (b));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (wb_test_get (f->window, "detail-summary"))), ==, "Second signal");

  /* Lock: the decrypted signals go at once, without waiting for anything. */
  wb_signal_list_page_set_store (f->page, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model (f)), ==, 0);
  g_assert_null (wb_signal_list_page_get_selected (f->page));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (wb_test_get (f->window, "detail-summary"))), ==, "");

  /* Unlock: the same signal is selected again. */
  wb_signal_list_page_set_store (f->page, f->store);
  WB_WAIT_FOR (model_is (f, 2, NULL) && wb_signal_list_page_get_selected (f->page) != NULL);
  g_assert_cmpstr (wb_signal_get_uuid (wb_signal_list_page_get_selected (f->page)), ==, wb_signal_get_uuid (b));
}

static void
saved_cb (WbSignalEditor *editor,
          WbSignal       *signal,
          WbSignal      **out)
{
  g_set_object (out, signal);
}

static void
test_editor (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(WbSignal) saved = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *editor;
  GtkWidget *error_label;
  WbSignal *first;

  editor = wb_signal_editor_new (GTK_WINDOW (f->window), f->store, NULL);
  g_object_ref (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  gtk_window_present (GTK_WINDOW (editor));
  error_label = wb_test_get (editor, "editor-error");

  /* An empty form says what is missing first, and cannot be saved. */
  g_assert_cmpstr (wb_signal_editor_get_problem (WB_SIGNAL_EDITOR (editor)), ==,
                   "Write a short summary of what happened.");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, "Write a short summary of what happened.");
  g_assert_false (gtk_widget_is_sensitive (wb_test_get (editor, "editor-save")));

  wb_test_set_text (editor, "editor-summary", "Threatening messages to a board member");
  g_assert_cmpstr (wb_signal_editor_get_problem (WB_SIGNAL_EDITOR (editor)), ==, "Choose at least one category.");
  g_assert_false (gtk_widget_is_sensitive (wb_test_get (editor, "editor-save")));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (wb_test_get (editor, "category-A1")), TRUE);
  /* The date is prefilled with today; the municipality is not. */
  g_assert_cmpstr (wb_signal_editor_get_problem (WB_SIGNAL_EDITOR (editor)), ==,
                   "Enter the municipality where it happened.");
  wb_test_set_text (editor, "editor-occurred", "2026-02-30");
  wb_test_set_text (editor, "editor-municipality", "Utrecht");
  g_assert_cmpstr (wb_signal_editor_get_problem (WB_SIGNAL_EDITOR (editor)), ==,
                   "Enter the date it happened as YYYY-MM-DD, for example 2026-03-14.");
  wb_test_set_text (editor, "editor-occurred", "2026-02-28");

  /* The core's minimisation check speaks too: no postcodes. */
  wb_test_set_text (editor, "editor-neighbourhood", "3511 AB");
  g_assert_nonnull (wb_signal_editor_get_problem (WB_SIGNAL_EDITOR (editor)));
  g_assert_false (gtk_widget_is_sensitive (wb_test_get (editor, "editor-save")));
  wb_test_set_text (editor, "editor-neighbourhood", "Binnenstad");

  g_assert_null (wb_signal_editor_get_problem (WB_SIGNAL_EDITOR (editor)));
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_is_sensitive (wb_test_get (editor, "editor-save")));

  /* Nothing is stored before Save. */
  stored = wb_records_list_signals (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 0);
  g_clear_pointer (&stored, g_ptr_array_unref);

  gtk_widget_activate_action (editor, "editor.save", NULL);
  WB_WAIT_FOR (saved != NULL);
  WB_WAIT_FOR (!gtk_widget_get_visible (editor));
  g_object_unref (editor);

  stored = wb_records_list_signals (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  first = g_ptr_array_index (stored, 0);
  g_assert_cmpstr (wb_signal_get_summary (first), ==, "Threatening messages to a board member");
  g_assert_true (wb_signal_has_category (first, "A1"));
  g_assert_cmpstr (wb_signal_get_occurred_on (first), ==, "2026-02-28");
  g_assert_cmpstr (wb_signal_get_neighbourhood (first), ==, "Binnenstad");
  g_assert_cmpstr (wb_signal_get_organisation (first), ==, "Gemeente Teststad");
  g_assert_cmpstr (wb_signal_get_uuid (first), ==, wb_signal_get_uuid (saved));
}

static void
test_editor_edit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(WbSignal) a = add_signal (f->store, "Before the edit", "G1", "Zwolle", WB_TLP_AMBER);
  g_autoptr(WbSignal) saved = NULL;
  g_autoptr(WbSignal) again = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *editor;

  editor = wb_signal_editor_new (GTK_WINDOW (f->window), f->store, a);
  g_object_ref (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved);
  gtk_window_present (GTK_WINDOW (editor));

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wb_test_get (editor, "editor-summary"))), ==, "Before the edit");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (wb_test_get (editor, "category-G1"))));
  g_assert_null (wb_signal_editor_get_problem (WB_SIGNAL_EDITOR (editor)));

  wb_test_set_text (editor, "editor-summary", "After the edit");
  gtk_widget_activate_action (editor, "editor.save", NULL);
  WB_WAIT_FOR (saved != NULL);
  WB_WAIT_FOR (!gtk_widget_get_visible (editor));
  g_object_unref (editor);

  again = wb_records_get_signal (f->store, wb_signal_get_uuid (a), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_signal_get_summary (again), ==, "After the edit");
  g_assert_cmpuint (wb_signal_get_revision (again), ==, wb_signal_get_revision (a) + 1);
}

static void
set_view_text (GtkWidget  *root,
               const char *name,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (wb_test_get (root, name))), text, -1);
}

static void
decided_cb (WbEscalationDialog *dialog,
            WbSignal           *signal,
            WbSignal          **out)
{
  g_set_object (out, signal);
}

static guint
n_decisions (Fixture    *f,
             const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) decisions = wb_records_list_decisions (f->store, uuid, &error);

  g_assert_no_error (error);
  return decisions->len;
}

static void
test_escalation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(WbSignal) a = add_signal (f->store, "Consular pressure to return", "C1", "Tilburg", WB_TLP_AMBER);
  g_autoptr(WbSignal) after = NULL;
  g_autoptr(WbSignal) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  GtkWidget *error_label;

  wb_signal_list_page_set_store (f->page, f->store);
  WB_WAIT_FOR (model_is (f, 1, NULL));
  g_assert_true (wb_signal_list_page_select (f->page, wb_signal_get_uuid (a)));
  WB_WAIT_FOR (wb_signal_list_page_get_selected (f->page) != NULL);
  WB_WAIT_FOR (gtk_widget_get_visible (wb_test_get (f->window, "ladder-empty")));

  dialog = wb_escalation_dialog_new (GTK_WINDOW (f->window), f->store, a, TRUE);
  g_object_ref (dialog);
  g_signal_connect (dialog, "decided", G_CALLBACK (decided_cb), &after);
  gtk_window_present (GTK_WINDOW (dialog));
  error_label = wb_test_get (dialog, "decision-error");

  /* The suggestion is one level up; the role comes from the vault. */
  g_assert_cmpint (wb_escalation_dialog_get_to_level (WB_ESCALATION_DIALOG (dialog)), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wb_test_get (dialog, "decision-role"))), ==, "liaison officer");
  g_assert_false (gtk_widget_get_visible (wb_test_get (dialog, "decision-skip-reason")));
  g_assert_nonnull (wb_test_find (dialog, "instrument-link-signals"));

  /* No justification: an error, and nothing written. */
  gtk_widget_activate_action (dialog, "decision.record", NULL);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   "Describe the facts (beeldvorming) behind this decision");
  wb_test_drain ();
  g_assert_null (after);
  g_assert_cmpuint (n_decisions (f, wb_signal_get_uuid (a)), ==, 0);

  /* Skipping levels asks for a reason. */
  g_assert_true (wb_escalation_dialog_set_to_level (WB_ESCALATION_DIALOG (dialog), 4));
  g_assert_true (gtk_widget_get_visible (wb_test_get (dialog, "decision-skip-reason")));
  set_view_text (dialog, "decision-facts", "Three reports of consular staff pressing students to return.");
  set_view_text (dialog, "decision-assessment", "A pattern, not an incident.");
  set_view_text (dialog, "decision-decision", "Escalate.");
  gtk_widget_activate_action (dialog, "decision.record", NULL);
  g_assert_true (gtk_widget_get_visible (error_label));
  wb_test_drain ();
  g_assert_null (after);
  g_assert_cmpuint (n_decisions (f, wb_signal_get_uuid (a)), ==, 0);

  /* National levels are proposals for a municipality. */
  g_assert_true (wb_escalation_dialog_set_to_level (WB_ESCALATION_DIALOG (dialog), 5));
  g_assert_true (gtk_widget_get_visible (wb_test_get (dialog, "decision-proposal")));

  /* One step up, justified, with an instrument: stored. */
  g_assert_true (wb_escalation_dialog_set_to_level (WB_ESCALATION_DIALOG (dialog), 2));
  g_assert_false (gtk_widget_get_visible (wb_test_get (dialog, "decision-proposal")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (wb_test_get (dialog, "instrument-link-signals")), TRUE);
  gtk_widget_activate_action (dialog, "decision.record", NULL);
  WB_WAIT_FOR (after != NULL);
  WB_WAIT_FOR (!gtk_widget_get_visible (dialog));
  g_object_unref (dialog);

  g_assert_cmpint (wb_signal_get_level (after), ==, 2);
  stored = wb_records_get_signal (f->store, wb_signal_get_uuid (a), &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_signal_get_level (stored), ==, 2);
  g_assert_cmpuint (n_decisions (f, wb_signal_get_uuid (a)), ==, 1);
}

static void
test_escalation_in_page (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(WbSignal) a = add_signal (f->store, "Troll network targeting an association", "G2", "Almere", WB_TLP_AMBER);
  GtkWindow *dialog;
  WbLadderView *ladder;

  wb_signal_list_page_set_store (f->page, f->store);
  WB_WAIT_FOR (model_is (f, 1, NULL));
  g_assert_true (wb_signal_list_page_select (f->page, wb_signal_get_uuid (a)));
  WB_WAIT_FOR (wb_signal_list_page_get_selected (f->page) != NULL);

  /* Level 1 cannot go down but can be closed; it can go up. */
  wb_test_click (f->window, "escalate-button");
  dialog = wb_test_find_toplevel (WB_TYPE_ESCALATION_DIALOG);
  g_assert_nonnull (dialog);
  set_view_text (GTK_WIDGET (dialog), "decision-facts", "Coordinated accounts posting the same messages.");
  set_view_text (GTK_WIDGET (dialog), "decision-assessment", "Likely a campaign.");
  set_view_text (GTK_WIDGET (dialog), "decision-decision", "Monitor and link signals.");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "decision.record", NULL);
  WB_WAIT_FOR (wb_test_find_toplevel (WB_TYPE_ESCALATION_DIALOG) == NULL);

  /* The timeline shows the decision; the list follows the new level. */
  ladder = WB_LADDER_VIEW (wb_test_get (f->window, "ladder-view"));
  WB_WAIT_FOR (wb_ladder_view_get_n_decisions (ladder) == 1);
  WB_WAIT_FOR (wb_signal_list_page_get_selected (f->page) != NULL
               && wb_signal_get_level (wb_signal_list_page_get_selected (f->page)) == 2);
  g_assert_false (gtk_widget_get_visible (wb_test_get (f->window, "ladder-empty")));
}

typedef struct
{
  WbSignal *restored;
  GError   *error;
  gboolean  called;
} Restored;

static void
restored_cb (gpointer      receiver,
             WbSignal     *restored,
             const GError *error)
{
  Restored *r = g_object_get_data (receiver, "restored");

  r->called = TRUE;
  g_set_object (&r->restored, restored);
  if (error != NULL)
    r->error = g_error_copy (error);
}

static void
test_saved_toast_undo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(WbSignal) signal = add_signal (f->store, "Pressure via family abroad", "B1", "Utrecht", WB_TLP_GREEN);
  g_autoptr(GObject) receiver = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(AdwToast) first = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(AdwToast) stale = NULL;
  g_autoptr(WbSignal) current = NULL;
  g_autoptr(GError) error = NULL;
  Restored r = { 0 };

  g_object_set_data (receiver, "restored", &r);

  /* A new signal's toast has nothing to undo. */
  first = wb_signal_editor_create_saved_toast (f->store, signal, receiver, restored_cb);
  g_assert_cmpstr (adw_toast_get_title (first), ==, "Signal saved");
  g_assert_null (adw_toast_get_button_label (first));

  wb_signal_set_summary (signal, "Pressure via family abroad, second contact");
  wb_signal_set_tlp (signal, WB_TLP_RED);
  g_assert_true (wb_records_edit_signal (f->store, signal, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wb_signal_get_revision (signal), ==, 2);

  toast = wb_signal_editor_create_saved_toast (f->store, signal, receiver, restored_cb);
  stale = wb_signal_editor_create_saved_toast (f->store, signal, receiver, restored_cb);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");

  /* Undo stores the earlier content as revision 3: history stays. */
  g_signal_emit_by_name (toast, "button-clicked");
  WB_WAIT_FOR (r.called);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.restored);
  current = wb_records_get_signal (f->store, wb_signal_get_uuid (signal), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wb_signal_get_revision (current), ==, 3);
  g_assert_cmpstr (wb_signal_get_summary (current), ==, "Pressure via family abroad");
  g_assert_cmpint (wb_signal_get_tlp (current), ==, WB_TLP_GREEN);

  /* An Undo for a revision that is no longer current changes nothing. */
  r.called = FALSE;
  g_clear_object (&r.restored);
  g_signal_emit_by_name (stale, "button-clicked");
  WB_WAIT_FOR (r.called);
  g_assert_null (r.restored);
  g_assert_error (r.error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_CONFLICT);
  g_clear_error (&r.error);
  g_clear_object (&current);
  current = wb_records_get_signal (f->store, wb_signal_get_uuid (signal), &error);
  g_assert_cmpuint (wb_signal_get_revision (current), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  if (!wb_test_ui_init (&argc, &argv))
    return 0;

  g_test_add ("/ui/signals/empty", Fixture, NULL, fixture_setup, test_empty_vault, fixture_teardown);
  g_test_add ("/ui/signals/list-search-filters", Fixture, NULL, fixture_setup, test_list_search_filters, fixture_teardown);
  g_test_add ("/ui/signals/lock-clears-and-restores", Fixture, NULL, fixture_setup, test_lock_clears_and_restores, fixture_teardown);
  g_test_add ("/ui/signals/editor/new", Fixture, NULL, fixture_setup, test_editor, fixture_teardown);
  g_test_add ("/ui/signals/editor/edit", Fixture, NULL, fixture_setup, test_editor_edit, fixture_teardown);
  g_test_add ("/ui/signals/editor/saved-toast-undo", Fixture, NULL, fixture_setup, test_saved_toast_undo, fixture_teardown);
  g_test_add ("/ui/signals/escalation", Fixture, NULL, fixture_setup, test_escalation, fixture_teardown);
  g_test_add ("/ui/signals/escalation-in-page", Fixture, NULL, fixture_setup, test_escalation_in_page, fixture_teardown);

  return g_test_run ();
}
