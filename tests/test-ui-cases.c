/* test-ui-cases.c — attachments, links and cases in the signal's detail
 * view and the cases page, with their Undo toasts, against a real
 * (MIN-cost) vault
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-ui-common.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "wb-attachments-group.h"
#include "wb-cases-page.h"
#include "wb-core.h"
#include "wb-links-group.h"
#include "wb-signal-detail.h"
#include "wb-signal-list-page.h"
#include "wb-window.h"

#define PASSPHRASE "correct horse battery staple"

typedef struct
{
  char           *dir;
  WbVault        *vault;
  WbStore        *store;
  GtkWidget      *window;
  WbSignalDetail *detail;
  WbSignal       *signal;
  WbSignal       *other;
  AdwToast       *toast;
  guint           n_toasts;
} Fixture;

static WbSignal *
add_signal (WbStore    *store,
            const char *summary)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) signal = wb_signal_new ();
  const char *codes[] = { "G1", NULL };

  wb_signal_set_summary (signal, summary);
  wb_signal_set_categories (signal, codes);
  wb_signal_set_occurred_on (signal, "2026-03-01");
  wb_signal_set_municipality (signal, "Utrecht");
  g_assert_true (wb_records_add_signal (store, signal, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&signal);
}

static void
toast_cb (GtkWidget *widget,
          AdwToast  *toast,
          Fixture   *f)
{
  g_set_object (&f->toast, toast);
  f->n_toasts++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_build_filename (g_get_user_data_dir (), "weerbaar-test-vault", NULL);
  f->vault = wb_vault_create (f->dir, PASSPHRASE, WB_VAULT_COST_MIN, NULL, NULL, &error);
  g_assert_no_error (error);
  f->store = g_object_ref (wb_vault_get_store (f->vault));
  g_assert_true (wb_store_set_setting (f->store, WB_RECORDS_SETTING_ORGANISATION, "Gemeente Teststad", &error));
  g_assert_true (wb_store_set_setting (f->store, WB_RECORDS_SETTING_ROLE, "liaison officer", &error));
  g_assert_no_error (error);

  f->signal = add_signal (f->store, "Disinformation campaign against a foundation");
  f->other = add_signal (f->store, "Troll network repeats the same claims");

  f->window = gtk_window_new ();
  g_object_ref_sink (f->window);
  /* Usable at the narrowest supported width. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 680);
  f->detail = g_object_new (WB_TYPE_SIGNAL_DETAIL, NULL);
  g_signal_connect (f->detail, "add-toast", G_CALLBACK (toast_cb), f);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->detail));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *window = f->window;

  g_clear_object (&f->toast);
  gtk_window_destroy (GTK_WINDOW (window));
  f->window = NULL;
  wb_test_drain ();
  g_assert_finalize_object (window);

  g_clear_object (&f->signal);
  g_clear_object (&f->other);
  g_clear_object (&f->store);
  wb_vault_lock (f->vault);
  g_clear_object (&f->vault);
  g_clear_pointer (&f->dir, g_free);
}

static void
show_signal (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) complete = wb_records_get_signal (f->store, wb_signal_get_uuid (f->signal), &error);

  g_assert_no_error (error);
  wb_signal_detail_set_store (f->detail, f->store);
  wb_signal_detail_set_signal (f->detail, complete);
}

static char *
write_file (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static GtkWidget *
find_row_titled (GtkWidget  *root,
                 const char *name,
                 const char *title)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0 && ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, name, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  const char *contents = "Screenshot of the threatening message (fictional)";
  g_autofree char *path = write_file ("evidence.txt", contents);
  g_autofree char *copy_path = g_build_filename (g_get_user_cache_dir (), "copy.txt", NULL);
  g_autofree char *expected_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, -1);
  g_autofree char *expected_size = g_format_size (strlen (contents));
  g_autofree char *copied = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GError) error = NULL;
  WbAttachmentsGroup *group;
  const WbAttachment *a;
  GtkWidget *row;
  const char *subtitle;
  gint64 id;

  show_signal (f);
  group = wb_signal_detail_get_attachments_group (f->detail);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  WB_WAIT_FOR (!wb_attachments_group_get_busy (group));
  g_assert_nonnull (wb_test_find (GTK_WIDGET (f->detail), "attachments-empty-row"));

  wb_attachments_group_add_file (group, file);
  WB_WAIT_FOR (!wb_attachments_group_get_busy (group));
  g_assert_cmpuint (wb_attachments_group_get_attachments (group)->len, ==, 1);
  a = g_ptr_array_index (wb_attachments_group_get_attachments (group), 0);
  g_assert_cmpstr (a->name, ==, "evidence.txt");
  g_assert_cmpstr (a->sha256, ==, expected_hash);
  id = a->id;

  /* The row shows name, size and the start of the hash; the whole hash
   * is in the tooltip. */
  row = find_row_titled (GTK_WIDGET (f->detail), "attachment-row", "evidence.txt");
  g_assert_nonnull (row);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, expected_size));
  g_assert_true (g_str_has_suffix (subtitle, "…"));
  {
    g_autofree char *prefix = g_strndup (expected_hash, 12);

    g_assert_nonnull (strstr (subtitle, prefix));
  }
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (row), expected_hash));
  g_assert_nonnull (wb_test_find (row, "attachment-save-button"));
  g_assert_nonnull (wb_test_find (row, "attachment-open-button"));

  /* Stored in the vault, not next to it. */
  {
    g_autoptr(GBytes) stored = wb_records_dup_attachment_data (f->store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (stored, NULL), g_bytes_get_size (stored), contents, strlen (contents));
  }

  /* "Save a copy…" writes the plaintext where the user chose. */
  wb_attachments_group_save_copy (group, id, copy, FALSE);
  WB_WAIT_FOR (!wb_attachments_group_get_busy (group));
  g_assert_true (g_file_get_contents (copy_path, &copied, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (copied, ==, contents);

  /* Remove, then Undo brings it back with the same content. */
  g_clear_object (&f->toast);
  wb_attachments_group_remove (group, id);
  WB_WAIT_FOR (!wb_attachments_group_get_busy (group) && f->toast != NULL);
  g_assert_cmpuint (wb_attachments_group_get_attachments (group)->len, ==, 0);
  g_assert_cmpstr (adw_toast_get_button_label (f->toast), ==, "_Undo");
  {
    g_autoptr(GPtrArray) left = wb_records_list_attachments (f->store, wb_signal_get_uuid (f->signal), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (left->len, ==, 0);
  }
  g_signal_emit_by_name (f->toast, "button-clicked");
  WB_WAIT_FOR (!wb_attachments_group_get_busy (group)
               && wb_attachments_group_get_attachments (group) != NULL
               && wb_attachments_group_get_attachments (group)->len == 1);
  a = g_ptr_array_index (wb_attachments_group_get_attachments (group), 0);
  g_assert_cmpstr (a->sha256, ==, expected_hash);
  g_assert_cmpstr (a->name, ==, "evidence.txt");
}

static void
test_attachment_too_large (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = write_file ("huge.bin", "");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WbAttachmentsGroup *group;
  int fd;

  /* A sparse file just over the limit: measured, never read. */
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) wb_records_get_max_attachment_size () + 1), ==, 0);
  close (fd);

  show_signal (f);
  group = wb_signal_detail_get_attachments_group (f->detail);
  WB_WAIT_FOR (!wb_attachments_group_get_busy (group));
  g_clear_object (&f->toast);

  wb_attachments_group_add_file (group, file);
  WB_WAIT_FOR (!wb_attachments_group_get_busy (group) && f->toast != NULL);
  g_assert_nonnull (strstr (adw_toast_get_title (f->toast), "too large"));
  g_assert_nonnull (strstr (adw_toast_get_title (f->toast), "huge.bin"));
  g_assert_cmpuint (wb_attachments_group_get_attachments (group)->len, ==, 0);
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  WbLinksGroup *group;
  GtkWidget *row;

  show_signal (f);
  group = wb_signal_detail_get_links_group (f->detail);
  WB_WAIT_FOR (!wb_links_group_get_busy (group));
  g_assert_cmpuint (wb_links_group_get_n_links (group), ==, 0);
  g_assert_nonnull (wb_test_find (GTK_WIDGET (f->detail), "links-empty-row"));

  wb_links_group_link (group, wb_signal_get_uuid (f->other), WB_LINK_SAME_CAMPAIGN);
  WB_WAIT_FOR (!wb_links_group_get_busy (group) && wb_links_group_get_n_links (group) == 1);
  row = find_row_titled (GTK_WIDGET (f->detail), "link-row", "Troll network repeats the same claims");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Same campaign");

  /* Linking the same pair the same way again is refused, with a message. */
  g_clear_object (&f->toast);
  wb_links_group_link (group, wb_signal_get_uuid (f->other), WB_LINK_SAME_CAMPAIGN);
  WB_WAIT_FOR (!wb_links_group_get_busy (group) && f->toast != NULL);
  g_assert_null (adw_toast_get_button_label (f->toast));
  g_assert_cmpuint (wb_links_group_get_n_links (group), ==, 1);

  /* Unlink, then Undo. */
  g_clear_object (&f->toast);
  wb_links_group_unlink (group, wb_signal_get_uuid (f->other), WB_LINK_SAME_CAMPAIGN);
  WB_WAIT_FOR (!wb_links_group_get_busy (group) && f->toast != NULL && wb_links_group_get_n_links (group) == 0);
  links = wb_records_list_links (f->store, wb_signal_get_uuid (f->signal), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 0);
  g_clear_pointer (&links, g_ptr_array_unref);

  g_signal_emit_by_name (f->toast, "button-clicked");
  WB_WAIT_FOR (!wb_links_group_get_busy (group) && wb_links_group_get_n_links (group) == 1);
  links = wb_records_list_links (f->store, wb_signal_get_uuid (f->other), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpint (((WbLink *) g_ptr_array_index (links, 0))->type, ==, WB_LINK_SAME_CAMPAIGN);
}

static void
page_toast_cb (WbCasesPage *page,
               AdwToast    *toast,
               Fixture     *f)
{
  toast_cb (GTK_WIDGET (page), toast, f);
}

static const WbCase *
first_case (WbCasesPage *page)
{
  GPtrArray *cases = wb_cases_page_get_cases (page);

  return cases != NULL && cases->len > 0 ? g_ptr_array_index (cases, 0) : NULL;
}

static void
detail_toast (GtkWidget *target,
              AdwToast  *toast)
{
  g_signal_emit_by_name (target, "add-toast", toast);
}

static void
test_cases (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  WbCasesPage *page = WB_CASES_PAGE (wb_cases_page_new (f->store));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) members = NULL;
  guint n_toasts;

  g_object_ref_sink (window);
  g_signal_connect (page, "add-toast", G_CALLBACK (page_toast_cb), f);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 600);
  gtk_window_present (GTK_WINDOW (window));
  /* The page reloads itself when any "Add to case" finishes. */
  g_object_set_data (G_OBJECT (window), "wb-vault-window", page);

  /* Empty state first. */
  WB_WAIT_FOR (!wb_cases_page_get_busy (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (wb_test_get (window, "cases-stack"))), ==, "empty");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (wb_test_get (window, "cases-empty-new-button"))),
                   ==, "cases.new");

  wb_cases_page_create_case (page, "Campagne tegen stichting");
  WB_WAIT_FOR (!wb_cases_page_get_busy (page) && first_case (page) != NULL);
  g_assert_cmpstr (first_case (page)->name, ==, "Campagne tegen stichting");
  g_assert_cmpuint (first_case (page)->n_signals, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (wb_test_get (window, "cases-stack"))), ==, "list");

  /* A second case with the same name is refused with a message. */
  n_toasts = f->n_toasts;
  wb_cases_page_create_case (page, "campagne tegen stichting");
  WB_WAIT_FOR (!wb_cases_page_get_busy (page) && f->n_toasts > n_toasts);
  g_assert_cmpuint (wb_cases_page_get_cases (page)->len, ==, 1);

  /* "Add to case…" from the detail view. */
  show_signal (f);
  g_clear_object (&f->toast);
  wb_cases_add_signal (GTK_WIDGET (f->detail), detail_toast, f->store, first_case (page)->uuid, NULL,
                       wb_signal_get_uuid (f->signal));
  WB_WAIT_FOR (f->toast != NULL);
  WB_WAIT_FOR (!wb_cases_page_get_busy (page) && first_case (page)->n_signals == 1);
  g_assert_cmpstr (adw_toast_get_button_label (f->toast), ==, "_Undo");
  /* The detail view lists the signal's case. */
  WB_WAIT_FOR (find_row_titled (GTK_WIDGET (f->detail), "signal-case-row", "Campagne tegen stichting") != NULL);

  /* Opening the case lists its signal. */
  wb_cases_page_open_case (page, first_case (page)->uuid);
  WB_WAIT_FOR (!wb_cases_page_get_busy (page) && wb_cases_page_get_n_case_signals (page) == 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (wb_test_get (window, "cases-stack"))), ==, "case");
  g_assert_nonnull (find_row_titled (window, "case-signal-row", "Disinformation campaign against a foundation"));

  /* Undo takes it out again. */
  g_signal_emit_by_name (f->toast, "button-clicked");
  WB_WAIT_FOR (!wb_cases_page_get_busy (page) && first_case (page)->n_signals == 0);
  WB_WAIT_FOR (wb_test_find (GTK_WIDGET (f->detail), "signal-cases-empty-row") != NULL);
  members = wb_records_dup_case_signals (f->store, "Campagne tegen stichting", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (members), ==, 0);
  WB_WAIT_FOR (!wb_cases_page_get_busy (page) && wb_cases_page_get_n_case_signals (page) == 0);

  /* Into a new case, named in the dialog. */
  wb_cases_add_signal (GTK_WIDGET (f->detail), detail_toast, f->store, NULL, "Trollennetwerk",
                       wb_signal_get_uuid (f->signal));
  WB_WAIT_FOR (!wb_cases_page_get_busy (page) && wb_cases_page_get_cases (page)->len == 2);

  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_drain ();
  g_assert_finalize_object (window);
}

static void
test_store_from_ancestor (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  WbSignalListPage *page = g_object_new (WB_TYPE_SIGNAL_LIST_PAGE, NULL);
  WbSignalDetail *detail;

  /* The list page (which owns its detail view) has a store: the detail
   * view follows it, so attachments, links and cases work there. */
  g_object_ref_sink (window);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  detail = WB_SIGNAL_DETAIL (wb_test_get (window, "signal-detail"));
  g_assert_null (wb_signal_detail_get_store (detail));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (wb_signal_detail_get_attachments_group (detail))));

  wb_signal_list_page_set_store (page, f->store);
  g_assert_true (wb_signal_detail_get_store (detail) == f->store);
  /* Locking drops it again. */
  wb_signal_list_page_set_store (page, NULL);
  g_assert_null (wb_signal_detail_get_store (detail));

  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_drain ();
  g_assert_finalize_object (window);
}

static WbCasesPage *
find_cases_page (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      GtkWidget *page = g_object_get_data (G_OBJECT (window), "wb-vault-window");

      if (WB_IS_CASES_PAGE (page))
        return WB_CASES_PAGE (page);
    }

  return NULL;
}

static gboolean
shows (WbSignalListPage *page,
       WbSignal         *signal)
{
  WbSignal *shown = wb_signal_list_page_get_selected (page);

  return shown != NULL && g_strcmp0 (wb_signal_get_uuid (shown), wb_signal_get_uuid (signal)) == 0;
}

static void
test_window_wiring (Fixture       *f,
                    gconstpointer  data)
{
  WbWindow *window = wb_window_new (NULL, f->dir, WB_VAULT_COST_MIN);
  WbSignalListPage *page;
  WbCasesPage *cases;

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  /* Any unlocked vault will do for the wiring; this one is the fixture's. */
  wb_window_open_demo_vault (window, f->vault);
  page = WB_SIGNAL_LIST_PAGE (wb_test_get (GTK_WIDGET (window), "signal-list-page"));
  WB_WAIT_FOR (!wb_signal_list_get_loading (wb_signal_list_page_get_model (page))
               && wb_signal_list_get_n_total (wb_signal_list_page_get_model (page)) == 2);

  /* A linked signal or a case's signal opens in the main window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-signal", "s",
                                             wb_signal_get_uuid (f->other)));
  WB_WAIT_FOR (shows (page, f->other));

  /* The cases page: from the menu or Ctrl+Shift+C, in its own window. */
  g_assert_null (find_cases_page ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-cases", NULL));
  cases = find_cases_page ();
  g_assert_nonnull (cases);
  g_assert_true (wb_cases_page_get_store (cases) == f->store);
  g_signal_emit_by_name (cases, "signal-activated", wb_signal_get_uuid (f->signal));
  WB_WAIT_FOR (shows (page, f->signal));

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (cases))));
  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_drain ();
  g_assert_null (find_cases_page ());
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!wb_test_ui_init (&argc, &argv))
    return 0;

  g_test_add ("/ui/detail/attachments", Fixture, NULL, fixture_setup, test_attachments, fixture_teardown);
  g_test_add ("/ui/detail/attachment-too-large", Fixture, NULL, fixture_setup, test_attachment_too_large, fixture_teardown);
  g_test_add ("/ui/detail/links", Fixture, NULL, fixture_setup, test_links, fixture_teardown);
  g_test_add ("/ui/cases/create-add-undo", Fixture, NULL, fixture_setup, test_cases, fixture_teardown);
  g_test_add ("/ui/window/show-signal-and-cases", Fixture, NULL, fixture_setup, test_window_wiring, fixture_teardown);
  g_test_add ("/ui/detail/store-from-ancestor", Fixture, NULL, fixture_setup, test_store_from_ancestor, fixture_teardown);

  return g_test_run ();
}
