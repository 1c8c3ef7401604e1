/* test-ui-demo.c — `weerbaar --demo`: a marked, filled, throw-away vault
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-ui-common.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>
#include <utime.h>

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

/* TRUE if nothing holds @dir's lock (a dead demo); it is then released. */
static gboolean
try_lock (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean unlocked;

  g_assert_cmpint (fd, >=, 0);
  unlocked = flock (fd, LOCK_EX | LOCK_NB) == 0;
  if (!unlocked)
    g_assert_cmpint (errno, ==, EWOULDBLOCK);
  close (fd);
  return unlocked;
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
  /* In use: a sweep in another process would leave it alone. */
  g_assert_false (try_lock (dir));
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

/* A folder as a demo makes it, with a vault file in it, last changed a
 * day ago. */
static char *
make_folder (const char *parent,
             const char *name,
             int         mode)
{
  char *dir = g_build_filename (parent, name, NULL);
  g_autofree char *file = g_build_filename (dir, "vault.db", NULL);
  struct utimbuf old;

  g_assert_cmpint (g_mkdir (dir, mode), ==, 0);
  g_assert_cmpint (g_chmod (dir, mode), ==, 0);
  g_assert_true (g_file_set_contents (file, "encrypted", -1, NULL));
  old.actime = old.modtime = time (NULL) - 24 * 60 * 60;
  g_assert_cmpint (g_utime (dir, &old), ==, 0);
  return dir;
}

static void
test_demo_sweep (void)
{
  g_autofree char *tmp = g_build_filename (g_get_user_data_dir (), "tmp", NULL);
  g_autofree char *stale = NULL;
  g_autofree char *live = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *open_mode = NULL;
  g_autofree char *other_name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *target_file = NULL;
  g_autofree char *link = NULL;
  g_autofree char *fresh_file = NULL;
  int live_fd;

  g_assert_cmpint (g_mkdir_with_parents (tmp, 0700), ==, 0);
  stale = make_folder (tmp, "weerbaar-demo-St4le1", 0700);
  live = make_folder (tmp, "weerbaar-demo-L1ve42", 0700);
  open_mode = make_folder (tmp, "weerbaar-demo-0pen77", 0755);
  other_name = make_folder (tmp, "weerbaar-demo-notsix1", 0700);
  target = make_folder (tmp, "not-a-demo", 0700);
  target_file = g_build_filename (target, "vault.db", NULL);
  link = g_build_filename (tmp, "weerbaar-demo-L1nk99", NULL);
  g_assert_cmpint (symlink (target, link), ==, 0);
  /* Made a moment ago: it may not hold its lock yet. */
  fresh = g_build_filename (tmp, "weerbaar-demo-Fr3sh0", NULL);
  g_assert_cmpint (g_mkdir (fresh, 0700), ==, 0);
  fresh_file = g_build_filename (fresh, "vault.db", NULL);
  g_assert_true (g_file_set_contents (fresh_file, "encrypted", -1, NULL));

  /* A running demo holds its folder's lock. */
  live_fd = open (live, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  g_assert_cmpint (live_fd, >=, 0);
  g_assert_cmpint (flock (live_fd, LOCK_EX | LOCK_NB), ==, 0);

  g_assert_cmpuint (wb_demo_sweep_stale_vaults (tmp), ==, 1);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (fresh_file, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (open_mode, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (other_name, G_FILE_TEST_IS_DIR));
  /* The link is not followed: it and what it points to stay. */
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (target_file, G_FILE_TEST_EXISTS));

  /* Once its process is gone (the lock with it), the folder is stale. */
  close (live_fd);
  g_assert_cmpuint (wb_demo_sweep_stale_vaults (tmp), ==, 1);
  g_assert_false (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (target_file, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  if (!wb_test_ui_init (&argc, &argv))
    return 0;

  g_test_add_func ("/ui/demo/vault", test_demo_vault);
  g_test_add_func ("/ui/demo/run", test_demo_run);
  g_test_add_func ("/ui/demo/sweep", test_demo_sweep);

  return g_test_run ();
}
