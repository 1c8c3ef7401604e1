/* test-ui-window.c — the main window: first run, create, lock, unlock
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-ui-common.h"

#include "wb-core.h"
#include "wb-new-passphrase.h"
#include "wb-preferences-window.h"
#include "wb-window.h"

#define PASSPHRASE "correct horse battery staple"

static char *
dup_vault_dir (void)
{
  /* ISOLATE_DIRS gives every test its own, removed afterwards. */
  return g_build_filename (g_get_user_data_dir (), "weerbaar-test-vault", NULL);
}

static GtkWidget *
new_window (const char *dir)
{
  WbWindow *window = wb_window_new (NULL, dir, WB_VAULT_COST_MIN);

  gtk_window_present (GTK_WINDOW (window));
  return g_object_ref (GTK_WIDGET (window));
}

static void
destroy_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_drain ();
  g_assert_finalize_object (window);
}

static void
make_vault (const char  *dir,
            char       **recovery_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;

  vault = wb_vault_create (dir, PASSPHRASE, WB_VAULT_COST_MIN, recovery_key, NULL, &error);
  g_assert_no_error (error);
  wb_vault_lock (vault);
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (wb_test_get (root, name)));
}

static void
fill_organisation (GtkWidget *window)
{
  wb_test_set_text (window, "setup-organisation", " Gemeente Tilburg ");
  wb_test_set_text (window, "setup-role", "Liaison officer");
}

/* Reads a vault setting the way the UI must: under the records jobs lock. */
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
test_strength (void)
{
  g_assert_cmpint (wb_passphrase_estimate_strength (""), ==, WB_PASSPHRASE_TOO_SHORT);
  g_assert_cmpint (wb_passphrase_estimate_strength ("abcdefghi"), ==, WB_PASSPHRASE_TOO_SHORT);
  /* Length alone does not make a repeated character strong. */
  g_assert_cmpint (wb_passphrase_estimate_strength ("aaaaaaaaaaaaaaaaaaaa"), ==, WB_PASSPHRASE_WEAK);
  g_assert_cmpint (wb_passphrase_estimate_strength ("abcdefghij"), ==, WB_PASSPHRASE_FAIR);
  g_assert_cmpint (wb_passphrase_estimate_strength ("Abcdefgh12!x"), ==, WB_PASSPHRASE_GOOD);
  g_assert_cmpint (wb_passphrase_estimate_strength (PASSPHRASE), ==, WB_PASSPHRASE_STRONG);
  /* Characters count, not bytes: nine two-byte letters are still too short. */
  g_assert_cmpint (wb_passphrase_estimate_strength ("ééééééééé"), ==, WB_PASSPHRASE_TOO_SHORT);
}

static void
test_problem (void)
{
  g_autofree char *short_one = wb_passphrase_dup_problem ("short", "short");
  g_autofree char *mismatch = wb_passphrase_dup_problem (PASSPHRASE, PASSPHRASE "!");
  g_autofree char *fine = wb_passphrase_dup_problem (PASSPHRASE, PASSPHRASE);

  g_assert_nonnull (short_one);
  g_assert_nonnull (strstr (short_one, "at least 10 characters"));
  g_assert_cmpstr (mismatch, ==, "The two passphrases are not the same.");
  g_assert_null (fine);
}

static void
test_first_run (void)
{
  g_autofree char *dir = dup_vault_dir ();
  GtkWidget *window = new_window (dir);

  g_assert_cmpstr (wb_window_get_vault_dir (WB_WINDOW (window)), ==, dir);
  g_assert_cmpstr (wb_test_visible_page (window), ==, "first-run");
  g_assert_cmpstr (label_text (window, "welcome-title"), ==, "Welcome to Weerbaar");
  g_assert_null (wb_window_get_vault (WB_WINDOW (window)));
  g_assert_false (gtk_widget_get_visible (wb_test_get (window, "lock-button")));
  g_assert_false (gtk_widget_is_sensitive (wb_test_get (window, "lock-button")));

  destroy_window (window);
}

static void
test_existing_vault_shows_unlock (void)
{
  g_autofree char *dir = dup_vault_dir ();
  GtkWidget *window;

  make_vault (dir, NULL);
  window = new_window (dir);

  g_assert_cmpstr (wb_test_visible_page (window), ==, "unlock");
  g_assert_cmpstr (label_text (window, "unlock-title"), ==, "The Vault Is Locked");

  destroy_window (window);
}

static void
test_create_validation (void)
{
  g_autofree char *dir = dup_vault_dir ();
  GtkWidget *window = new_window (dir);
  GtkWidget *problem = wb_test_get (window, "problem-label");

  g_assert_false (gtk_widget_get_visible (problem));

  wb_test_set_text (window, "new-passphrase", "too short");
  wb_test_set_text (window, "repeat-passphrase", "too short");
  g_assert_cmpstr (label_text (window, "strength-label"), ==, "Strength: Too short");
  wb_test_click (window, "create-button");
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), ==,
                   "The passphrase must be at least 10 characters long.");

  /* Typing again hides the stale message. */
  wb_test_set_text (window, "new-passphrase", PASSPHRASE);
  g_assert_false (gtk_widget_get_visible (problem));
  wb_test_set_text (window, "repeat-passphrase", PASSPHRASE "?");
  wb_test_click (window, "create-button");
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), ==,
                   "The two passphrases are not the same.");

  /* A good passphrase, but every signal needs an organisation and role. */
  wb_test_set_text (window, "repeat-passphrase", PASSPHRASE);
  wb_test_set_text (window, "setup-organisation", "Gemeente Tilburg");
  wb_test_set_text (window, "setup-role", "   ");
  wb_test_click (window, "create-button");
  g_assert_true (gtk_widget_get_visible (wb_test_get (window, "status-label")));
  g_assert_cmpstr (label_text (window, "status-label"), ==,
                   "Enter the name of your organisation and your role.");
  g_assert_true (gtk_widget_has_css_class (wb_test_get (window, "setup-role"), "error"));
  g_assert_false (gtk_widget_has_css_class (wb_test_get (window, "setup-organisation"), "error"));
  wb_test_set_text (window, "setup-role", "Liaison officer");
  g_assert_false (gtk_widget_has_css_class (wb_test_get (window, "setup-role"), "error"));
  wb_test_set_text (window, "setup-organisation", "");

  wb_test_click (window, "create-button");
  g_assert_true (gtk_widget_has_css_class (wb_test_get (window, "setup-organisation"), "error"));

  /* Nothing was created, and the page did not move on. */
  wb_test_drain ();
  g_assert_false (wb_vault_exists (dir));
  g_assert_cmpstr (wb_test_visible_page (window), ==, "first-run");

  destroy_window (window);
}

static gboolean
recovery_key_shown (GtkWidget *window)
{
  return label_text (window, "recovery-key")[0] != '\0';
}

static gboolean
error_shown (GtkWidget  *window,
             const char *name)
{
  return gtk_widget_get_visible (wb_test_get (window, name));
}

static void
test_create_lock_unlock (void)
{
  g_autofree char *dir = dup_vault_dir ();
  g_autofree char *recovery_key = NULL;
  GtkWidget *window = new_window (dir);
  GtkWidget *continue_button;
  GtkWidget *stored_check;
  WbVault *vault;

  fill_organisation (window);
  wb_test_set_text (window, "new-passphrase", PASSPHRASE);
  wb_test_set_text (window, "repeat-passphrase", PASSPHRASE);
  wb_test_click (window, "create-button");
  WB_WAIT_FOR (recovery_key_shown (window));
  g_assert_true (wb_vault_exists (dir));

  /* Shown once, in groups, selectable; Continue waits for the check. */
  recovery_key = g_strdup (label_text (window, "recovery-key"));
  g_assert_nonnull (strchr (recovery_key, ' '));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (wb_test_get (window, "recovery-key"))));
  g_assert_false (gtk_widget_get_visible (wb_test_get (window, "problem-label")));
  continue_button = wb_test_get (window, "continue-button");
  stored_check = wb_test_get (window, "stored-check");
  g_assert_false (gtk_widget_is_sensitive (continue_button));
  g_signal_emit_by_name (continue_button, "clicked");
  g_assert_cmpstr (wb_test_visible_page (window), ==, "first-run");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (stored_check), TRUE);
  g_assert_true (gtk_widget_is_sensitive (continue_button));
  wb_test_click (window, "continue-button");

  g_assert_cmpstr (wb_test_visible_page (window), ==, "unlocked");
  vault = wb_window_get_vault (WB_WINDOW (window));
  g_assert_nonnull (vault);
  g_assert_false (wb_vault_is_locked (vault));
  g_assert_true (gtk_widget_get_visible (wb_test_get (window, "lock-button")));
  /* The key is gone from the screen once confirmed. */
  g_assert_cmpstr (label_text (window, "recovery-key"), ==, "");
  /* What every new signal records, trimmed. */
  WB_WAIT_FOR (setting_is (vault, WB_RECORDS_SETTING_ORGANISATION, "Gemeente Tilburg"));
  WB_WAIT_FOR (setting_is (vault, WB_RECORDS_SETTING_ROLE, "Liaison officer"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wb_test_get (window, "setup-organisation"))), ==, "");

  /* Lock: keys wiped, back to the unlock page with an empty entry. */
  g_object_ref (vault);
  g_assert_true (gtk_widget_activate_action (window, "win.lock", NULL));
  g_assert_true (wb_vault_is_locked (vault));
  g_object_unref (vault);
  g_assert_null (wb_window_get_vault (WB_WINDOW (window)));
  g_assert_cmpstr (wb_test_visible_page (window), ==, "unlock");
  g_assert_false (gtk_widget_get_visible (wb_test_get (window, "lock-button")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wb_test_get (window, "unlock-passphrase"))), ==, "");

  /* A wrong passphrase says so and leaves the vault locked. */
  wb_test_set_text (window, "unlock-passphrase", "not the passphrase");
  wb_test_click (window, "unlock-button");
  WB_WAIT_FOR (error_shown (window, "unlock-error"));
  g_assert_cmpstr (label_text (window, "unlock-error"), ==,
                   "That passphrase is not right. Check that Caps Lock is off and try again.");
  g_assert_cmpstr (wb_test_visible_page (window), ==, "unlock");
  g_assert_null (wb_window_get_vault (WB_WINDOW (window)));

  /* The right one opens it. */
  wb_test_set_text (window, "unlock-passphrase", PASSPHRASE);
  wb_test_click (window, "unlock-button");
  WB_WAIT_FOR (wb_window_get_vault (WB_WINDOW (window)) != NULL);
  g_assert_cmpstr (wb_test_visible_page (window), ==, "unlocked");
  g_assert_false (wb_vault_is_locked (wb_window_get_vault (WB_WINDOW (window))));

  destroy_window (window);
}

static void
test_recovery_key_unlock (void)
{
  g_autofree char *dir = dup_vault_dir ();
  g_autofree char *recovery_key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  GtkWidget *window;
  GtkWidget *unlock_page;

  make_vault (dir, &recovery_key);
  window = new_window (dir);

  wb_test_click (window, "use-recovery-key");
  /* A wrong key is refused with its own message. */
  wb_test_set_text (window, "recovery-entry", "0000-0000-0000");
  wb_test_click (window, "recovery-unlock");
  WB_WAIT_FOR (error_shown (window, "recovery-error"));
  g_assert_null (wb_window_get_vault (WB_WINDOW (window)));

  wb_test_set_text (window, "recovery-entry", recovery_key);
  wb_test_click (window, "recovery-unlock");
  WB_WAIT_FOR (gtk_widget_get_mapped (wb_test_get (window, "save-passphrase")));
  /* Still not handed to the window until a new passphrase is chosen. */
  g_assert_null (wb_window_get_vault (WB_WINDOW (window)));

  /* The setup page has the same form: look inside the unlock page. */
  unlock_page = wb_test_get (window, "unlock-page");
  wb_test_set_text (unlock_page, "new-passphrase", "a brand new passphrase");
  wb_test_set_text (unlock_page, "repeat-passphrase", "a brand new passphrase");
  wb_test_click (window, "save-passphrase");
  WB_WAIT_FOR (wb_window_get_vault (WB_WINDOW (window)) != NULL
               || error_shown (window, "new-passphrase-error"));
  g_assert_cmpstr (label_text (window, "new-passphrase-error"), ==, "");
  g_assert_cmpstr (wb_test_visible_page (window), ==, "unlocked");

  destroy_window (window);

  /* The new passphrase is the one that works now. */
  vault = wb_vault_unlock (dir, PASSPHRASE, NULL, &error);
  g_assert_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_null (vault);
  g_clear_error (&error);
  vault = wb_vault_unlock (dir, "a brand new passphrase", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vault);
  wb_vault_lock (vault);
}

static void
test_about_and_shortcuts (void)
{
  g_autofree char *dir = dup_vault_dir ();
  GtkWidget *window = new_window (dir);
  GtkWindow *about;
  GtkWindow *shortcuts;

  g_assert_null (wb_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_true (gtk_widget_activate_action (window, "win.about", NULL));
  WB_WAIT_FOR (wb_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW) != NULL);
  about = wb_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, "nl.weerbaar.Weerbaar");
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  gtk_window_destroy (about);

  g_assert_null (wb_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  g_assert_true (gtk_widget_activate_action (window, "win.show-help-overlay", NULL));
  WB_WAIT_FOR (wb_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) != NULL);
  shortcuts = wb_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  gtk_window_close (shortcuts);

  destroy_window (window);
}

static void
test_preferences (void)
{
  g_autofree char *dir = dup_vault_dir ();
  GtkWidget *window = new_window (dir);
  GtkWindow *preferences;
  WbVault *vault;

  /* Locked: the vault's own settings cannot be edited. */
  g_assert_true (gtk_widget_activate_action (window, "win.preferences", NULL));
  preferences = wb_test_find_toplevel (WB_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_false (gtk_widget_is_sensitive (wb_test_get (GTK_WIDGET (preferences), "organisation-name")));
  gtk_window_destroy (preferences);

  fill_organisation (window);
  wb_test_set_text (window, "new-passphrase", PASSPHRASE);
  wb_test_set_text (window, "repeat-passphrase", PASSPHRASE);
  wb_test_click (window, "create-button");
  WB_WAIT_FOR (recovery_key_shown (window));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (wb_test_get (window, "stored-check")), TRUE);
  wb_test_click (window, "continue-button");
  vault = wb_window_get_vault (WB_WINDOW (window));
  g_assert_nonnull (vault);

  g_assert_true (gtk_widget_activate_action (window, "win.preferences", NULL));
  preferences = wb_test_find_toplevel (WB_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  /* The current values are read off the main thread; editable once in. */
  WB_WAIT_FOR (gtk_widget_is_sensitive (wb_test_get (GTK_WIDGET (preferences), "organisation-name")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wb_test_get (GTK_WIDGET (preferences), "organisation-name"))),
                   ==, "Gemeente Tilburg");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wb_test_get (GTK_WIDGET (preferences), "organisation-role"))),
                   ==, "Liaison officer");
  wb_test_set_text (GTK_WIDGET (preferences), "organisation-name", "  Gemeente Utrecht ");
  g_signal_emit_by_name (wb_test_get (GTK_WIDGET (preferences), "organisation-name"), "apply");
  WB_WAIT_FOR (setting_is (vault, WB_RECORDS_SETTING_ORGANISATION, "Gemeente Utrecht"));

  /* GSettings-backed spin buttons. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (wb_test_get (GTK_WIDGET (preferences), "auto-lock-minutes")), 15);
  {
    g_autoptr(GSettings) settings = g_settings_new (WB_SETTINGS_SCHEMA_ID);

    g_assert_cmpuint (g_settings_get_uint (settings, "auto-lock-minutes"), ==, 15);
    g_settings_set_uint (settings, "retention-months", 24);
    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (wb_test_get (GTK_WIDGET (preferences), "retention-months"))), ==, 24);
    /* The vault's own retention period is what the core uses. */
    WB_WAIT_FOR (setting_is (vault, WB_RECORDS_SETTING_RETENTION_MONTHS, "24"));
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (wb_test_get (GTK_WIDGET (preferences), "retention-months")), 18);
    WB_WAIT_FOR (setting_is (vault, WB_RECORDS_SETTING_RETENTION_MONTHS, "18"));
    g_settings_reset (settings, "auto-lock-minutes");
    g_settings_reset (settings, "retention-months");
  }

  /* Locking closes the preferences: they show vault content. */
  g_assert_true (gtk_widget_activate_action (window, "win.lock", NULL));
  wb_test_drain ();
  g_assert_null (wb_test_find_toplevel (WB_TYPE_PREFERENCES_WINDOW));

  destroy_window (window);
}

static void
test_window_size_saved (void)
{
  g_autofree char *dir = dup_vault_dir ();
  g_autoptr(GSettings) settings = g_settings_new (WB_SETTINGS_SCHEMA_ID);
  GtkWidget *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 800);
  g_settings_set_int (settings, "window-height", 600);
  window = new_window (dir);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 500);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  wb_test_drain ();
  g_assert_finalize_object (window);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

int
main (int   argc,
      char *argv[])
{
  if (!wb_test_ui_init (&argc, &argv))
    return 0;

  g_test_add_func ("/ui/passphrase/strength", test_strength);
  g_test_add_func ("/ui/passphrase/problem", test_problem);
  g_test_add_func ("/ui/window/first-run", test_first_run);
  g_test_add_func ("/ui/window/existing-vault-shows-unlock", test_existing_vault_shows_unlock);
  g_test_add_func ("/ui/window/create-validation", test_create_validation);
  g_test_add_func ("/ui/window/create-lock-unlock", test_create_lock_unlock);
  g_test_add_func ("/ui/window/recovery-key-unlock", test_recovery_key_unlock);
  g_test_add_func ("/ui/window/about-and-shortcuts", test_about_and_shortcuts);
  g_test_add_func ("/ui/window/preferences", test_preferences);
  g_test_add_func ("/ui/window/size-saved", test_window_size_saved);

  return g_test_run ();
}
