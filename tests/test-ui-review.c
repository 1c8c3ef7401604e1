/* test-ui-review.c — the review page: overdue signals, review, hold, purge
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-ui-common.h"

#include "wb-core.h"
#include "wb-review-page.h"

#define PASSPHRASE "correct horse battery staple"
/* The fixture's signals were due for review on this day. */
#define DUE_ON "2020-01-01"

typedef struct
{
  WbVault      *vault;
  WbStore      *store;
  GtkWidget    *window;
  WbReviewPage *page;
  AdwToast     *last_toast;
} Fixture;

static WbSignal *
add_signal (WbStore    *store,
            const char *summary)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) signal = wb_signal_new ();
  const char *codes[] = { "A1", NULL };

  wb_signal_set_summary (signal, summary);
  wb_signal_set_categories (signal, codes);
  wb_signal_set_occurred_on (signal, "2026-02-14");
  wb_signal_set_municipality (signal, "Tilburg");
  g_assert_true (wb_records_add_signal (store, signal, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&signal);
}

/* New signals are due a retention period from now.  A linked signal keeps
 * the review date an edit gives it, so that is how the fixture's get
 * theirs in the past. */
static void
make_overdue (WbStore  *store,
              WbSignal *signal)
{
  g_autoptr(GError) error = NULL;

  wb_signal_set_review_on (signal, DUE_ON);
  g_assert_true (wb_records_edit_signal (store, signal, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wb_signal_get_review_on (signal), ==, DUE_ON);
}

/* Today plus the default retention period, as the page computes it. */
static char *
dup_next_review (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_time_t (&date, time (NULL));
  g_date_add_months (&date, WB_RETENTION_DEFAULT_MONTHS);
  return wb_date_format_iso (&date);
}

static void
add_toast_cb (WbReviewPage *page,
              AdwToast     *toast,
              Fixture      *f)
{
  g_set_object (&f->last_toast, toast);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "vault", NULL);
  g_autoptr(GError) error = NULL;

  f->vault = wb_vault_create (dir, PASSPHRASE, WB_VAULT_COST_MIN, NULL, NULL, &error);
  g_assert_no_error (error);
  f->store = g_object_ref (wb_vault_get_store (f->vault));
  g_assert_true (wb_store_set_setting (f->store, WB_RECORDS_SETTING_ORGANISATION, "Gemeente Teststad", &error));
  g_assert_true (wb_store_set_setting (f->store, WB_RECORDS_SETTING_ROLE, "liaison officer", &error));
  g_assert_no_error (error);
  {
    g_autoptr(WbSignal) a = add_signal (f->store, "Threatening messages to a community leader");
    g_autoptr(WbSignal) b = add_signal (f->store, "Visitors of a meeting photographed");
    g_autoptr(WbSignal) c = add_signal (f->store, "Pressure on relatives abroad");

    g_assert_true (wb_records_link (f->store, wb_signal_get_uuid (a), wb_signal_get_uuid (b),
                                    WB_LINK_SAME_CAMPAIGN, &error));
    g_assert_true (wb_records_link (f->store, wb_signal_get_uuid (b), wb_signal_get_uuid (c),
                                    WB_LINK_SAME_CAMPAIGN, &error));
    g_assert_no_error (error);
    make_overdue (f->store, a);
    make_overdue (f->store, b);
    make_overdue (f->store, c);
  }

  f->window = gtk_window_new ();
  g_object_ref_sink (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 680);
  f->page = g_object_new (WB_TYPE_REVIEW_PAGE, NULL);
  g_signal_connect (f->page, "add-toast", G_CALLBACK (add_toast_cb), f);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = wb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (f->window));
  wb_test_drain ();
  g_assert_finalize_object (f->window);
  g_clear_object (&f->last_toast);
  g_clear_object (&f->store);
  wb_vault_lock (f->vault);
  g_clear_object (&f->vault);
}

static gboolean
settled (Fixture *f,
         guint    n_items)
{
  return !wb_review_page_get_loading (f->page) && wb_review_page_get_n_items (f->page) == n_items;
}

static const char *
visible_child (Fixture *f)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (wb_test_get (GTK_WIDGET (f->page), "review-stack")));
}

/* The signal a row's button acts on. */
static WbSignal *
signal_of (GtkWidget *button)
{
  WbSignal *signal = g_object_get_data (G_OBJECT (button), "signal");

  g_assert_true (WB_IS_SIGNAL (signal));
  return signal;
}

/* Read under the jobs lock, as the UI must. */
static WbSignal *
get_signal (Fixture    *f,
            const char *uuid)
{
  g_autoptr(GError) error = NULL;
  WbSignal *signal;

  wb_records_jobs_lock ();
  signal = wb_records_get_signal (f->store, uuid, &error);
  wb_records_jobs_unlock ();
  g_assert_no_error (error);

  return signal;
}

static void
test_nothing_due (Fixture       *f,
                  gconstpointer  data)
{
  /* Before the review date nothing is due. */
  wb_review_page_set_today (f->page, "2019-12-31");
  wb_review_page_set_store (f->page, f->store);
  WB_WAIT_FOR (!wb_review_page_get_loading (f->page));
  g_assert_cmpuint (wb_review_page_get_n_items (f->page), ==, 0);
  g_assert_cmpstr (visible_child (f), ==, "empty");

  /* On the day itself neither; after it, all three. */
  wb_review_page_set_today (f->page, DUE_ON);
  WB_WAIT_FOR (!wb_review_page_get_loading (f->page));
  g_assert_cmpuint (wb_review_page_get_n_items (f->page), ==, 0);
  wb_review_page_set_today (f->page, NULL);
  WB_WAIT_FOR (settled (f, 3));
  g_assert_cmpstr (visible_child (f), ==, "list");

  /* Locking forgets them. */
  wb_review_page_set_store (f->page, NULL);
  g_assert_cmpuint (wb_review_page_get_n_items (f->page), ==, 0);
  g_assert_cmpstr (visible_child (f), ==, "empty");
}

static void
test_mark_reviewed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WbSignal) stored = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *next = dup_next_review ();
  g_autofree char *expected_title = g_strdup_printf ("Reviewed; next review on %s", next);
  GtkWidget *button;

  wb_review_page_set_store (f->page, f->store);
  WB_WAIT_FOR (settled (f, 3));

  button = wb_test_get (GTK_WIDGET (f->page), "review-reviewed");
  uuid = g_strdup (wb_signal_get_uuid (signal_of (button)));
  g_signal_emit_by_name (button, "clicked");
  WB_WAIT_FOR (settled (f, 2));

  /* Kept for another retention period (12 months) from today. */
  stored = get_signal (f, uuid);
  g_assert_cmpstr (wb_signal_get_review_on (stored), ==, next);
  g_assert_nonnull (f->last_toast);
  g_assert_cmpstr (adw_toast_get_title (f->last_toast), ==, expected_title);
  g_assert_null (adw_toast_get_button_label (f->last_toast));
}

static void
test_hold_and_undo (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WbSignal) held = NULL;
  g_autoptr(WbSignal) lifted = NULL;
  g_autofree char *uuid = NULL;
  GtkWidget *button;

  wb_review_page_set_store (f->page, f->store);
  WB_WAIT_FOR (settled (f, 3));

  button = wb_test_get (GTK_WIDGET (f->page), "review-hold");
  uuid = g_strdup (wb_signal_get_uuid (signal_of (button)));
  g_signal_emit_by_name (button, "clicked");

  /* A held signal is not due for review: it leaves the list. */
  WB_WAIT_FOR (settled (f, 2));
  held = get_signal (f, uuid);
  g_assert_true (wb_signal_get_legal_hold (held));
  g_assert_cmpstr (adw_toast_get_title (f->last_toast), ==, "Legal hold set");
  g_assert_cmpstr (adw_toast_get_button_label (f->last_toast), ==, "_Undo");

  /* Undo lifts it again, and it is back. */
  g_signal_emit_by_name (f->last_toast, "button-clicked");
  WB_WAIT_FOR (settled (f, 3));
  lifted = get_signal (f, uuid);
  g_assert_false (wb_signal_get_legal_hold (lifted));
  g_assert_cmpstr (adw_toast_get_title (f->last_toast), ==, "Legal hold lifted");
}

static void
test_purge_confirmed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *button;
  guint revision = 0;

  wb_review_page_set_store (f->page, f->store);
  WB_WAIT_FOR (settled (f, 3));

  button = wb_test_get (GTK_WIDGET (f->page), "review-purge");
  uuid = g_strdup (wb_signal_get_uuid (signal_of (button)));

  /* Asked first, destructive styling, Cancel is the safe default. */
  g_signal_emit_by_name (button, "clicked");
  WB_WAIT_FOR (wb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  dialog = ADW_MESSAGE_DIALOG (wb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Purge Signal?");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "purge"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  /* As its button does: respond, then close. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wb_test_drain ();
  g_assert_true (settled (f, 3));
  {
    g_autoptr(WbSignal) still = get_signal (f, uuid);

    g_assert_nonnull (still);
  }

  /* Confirmed: gone for good, a tombstone left. */
  g_signal_emit_by_name (button, "clicked");
  WB_WAIT_FOR (wb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  dialog = ADW_MESSAGE_DIALOG (wb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "purge");
  gtk_window_destroy (GTK_WINDOW (dialog));
  WB_WAIT_FOR (settled (f, 2));
  wb_records_jobs_lock ();
  g_assert_true (wb_records_is_tombstoned (f->store, uuid, &revision, &error));
  wb_records_jobs_unlock ();
  g_assert_no_error (error);
  g_assert_cmpuint (revision, ==, 2);
  g_assert_cmpstr (adw_toast_get_title (f->last_toast), ==, "Signal purged");
  /* Not reversible, so no Undo is offered. */
  g_assert_null (adw_toast_get_button_label (f->last_toast));
}

static void
test_purge_refused_under_hold (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) still = NULL;
  g_autofree char *uuid = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *button;

  wb_review_page_set_store (f->page, f->store);
  WB_WAIT_FOR (settled (f, 3));

  /* Someone else put it on hold while the dialog was open. */
  button = wb_test_get (GTK_WIDGET (f->page), "review-purge");
  uuid = g_strdup (wb_signal_get_uuid (signal_of (button)));
  g_signal_emit_by_name (button, "clicked");
  WB_WAIT_FOR (wb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  dialog = ADW_MESSAGE_DIALOG (wb_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  wb_records_jobs_lock ();
  g_assert_true (wb_records_set_legal_hold (f->store, uuid, TRUE, &error));
  wb_records_jobs_unlock ();
  g_assert_no_error (error);
  adw_message_dialog_response (dialog, "purge");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The refusal is told, the signal stays (held, so off the list). */
  WB_WAIT_FOR (settled (f, 2) && f->last_toast != NULL);
  g_assert_cmpstr (adw_toast_get_title (f->last_toast), !=, "Signal purged");
  still = get_signal (f, uuid);
  g_assert_true (wb_signal_get_legal_hold (still));
}

int
main (int   argc,
      char *argv[])
{
  if (!wb_test_ui_init (&argc, &argv))
    return 0;

  g_test_add ("/ui/review/nothing-due", Fixture, NULL, fixture_setup, test_nothing_due, fixture_teardown);
  g_test_add ("/ui/review/mark-reviewed", Fixture, NULL, fixture_setup, test_mark_reviewed, fixture_teardown);
  g_test_add ("/ui/review/hold-and-undo", Fixture, NULL, fixture_setup, test_hold_and_undo, fixture_teardown);
  g_test_add ("/ui/review/purge-confirmed", Fixture, NULL, fixture_setup, test_purge_confirmed, fixture_teardown);
  g_test_add ("/ui/review/purge-refused-under-hold", Fixture, NULL, fixture_setup, test_purge_refused_under_hold, fixture_teardown);

  return g_test_run ();
}
