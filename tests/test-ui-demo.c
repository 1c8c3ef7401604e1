/* test-ui-demo.c — `weerbaar --demo`: a marked, filled, throw-away vault
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-ui-common.h"

#include <glib/gstdio.h>

#include "wb-application.h"
#include "wb-core.h"
#include "wb-signal-list-page.h"
#include "wb-window.h"

typedef struct
{
  char     *demo_dir;
  guint     mode;
  guint     n_signals;
  gboolean  marked;
  gboolean  lock_offered;
  gboolean  still_unlocked_after_lock;
} DemoRun;

static gboolean
check_demo_cb (gpointer user_data)
{
  GApplication *app = g_application_get_default ();
  DemoRun *run = user_data;
  WbWindow *window = NULL;
  GtkWidget *page;
  GtkWidget *title;
  WbSignalList *list;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (WB_IS_WINDOW (l->data))
      window = l->data;
  if (window == NULL)
    return G_SOURCE_CONTINUE;

  page = wb_test_get (GTK_WIDGET (window), "signal-list-page");
  list = wb_signal_list_page_get_model (WB_SIGNAL_LIST_PAGE (page));
  /* The list may load its rows in pages: the total is what counts. */
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0 || wb_signal_list_get_loading (list))
    return G_SOURCE_CONTINUE;

  run->n_signals = wb_signal_list_get_n_total (list);
  run->demo_dir = g_strdup (wb_application_get_demo_dir (WB_APPLICATION (app)));
  title = wb_test_get (GTK_WIDGET (window), "window-title");
  run->marked = wb_window_is_demo (window)
                && g_strcmp0 (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), "Demo") == 0
                && gtk_revealer_get_reveal_child (GTK_REVEALER (wb_test_get (GTK_WIDGET (window), "demo-banner")));
  run->lock_offered = gtk_widget_get_visible (wb_test_get (GTK_WIDGET (window), "lock-button"));

  /* Locking would strand the user before a passphrase nobody knows. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  wb_window_lock (window);
  run->still_unlocked_after_lock = wb_window_get_vault (window) != NULL
                                   && g_strcmp0 (wb_test_visible_page (GTK_WIDGET (window)), "unlocked") == 0;

  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
test_demo_run (void)
{
  g_autoptr(WbApplication) app = wb_application_new ();
  char *argv[] = { (char *) "weerbaar", (char *) "--demo", NULL };
  DemoRun run = { 0 };
  int status;

  g_timeout_add (50, check_demo_cb, &run);
  status = g_application_run (G_APPLICATION (app), 2, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (run.demo_dir);
  g_assert_true (g_str_has_prefix (run.demo_dir, g_get_tmp_dir ()));
  g_assert_cmpuint (run.n_signals, ==, WB_APPLICATION_DEMO_SIGNALS);
  g_assert_true (run.marked);
  g_assert_false (run.lock_offered);
  g_assert_true (run.still_unlocked_after_lock);
  /* Deleted on quit: nothing of it stays on disk. */
  g_assert_false (g_file_test (run.demo_dir, G_FILE_TEST_EXISTS));

  g_free (run.demo_dir);
}

static void
demo_created_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_demo_vault (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *dir = NULL;
  GAsyncResult *result = NULL;
  GStatBuf st;

  wb_demo_create_vault_async (60, NULL, demo_created_cb, &result);
  WB_WAIT_FOR (result != NULL);
  vault = wb_demo_create_vault_finish (result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  dir = g_strdup (wb_vault_get_dir (vault));

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (wb_records_count_signals (wb_vault_get_store (vault), NULL), ==, 60);
  cases = wb_records_list_cases (wb_vault_get_store (vault), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, >, 0);

  /* A real vault is never deleted by the demo's clean-up. */
  g_assert_false (wb_demo_delete_vault (g_get_user_data_dir (), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  wb_vault_lock (vault);
  g_assert_true (wb_demo_delete_vault (dir, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  if (!wb_test_ui_init (&argc, &argv))
    return 0;

  g_test_add_func ("/ui/demo/vault", test_demo_vault);
  g_test_add_func ("/ui/demo/run", test_demo_run);

  return g_test_run ();
}
