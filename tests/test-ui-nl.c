/* test-ui-nl.c — the window in Dutch, with the build tree's translations
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs in its own process with LANGUAGE=nl (tests/meson.build): gettext
 * picks the language once per process.
 */

#include "test-ui-common.h"

#include "wb-core.h"
#include "wb-new-passphrase.h"
#include "wb-window.h"

#define PASSPHRASE "correct horse battery staple"

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

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (wb_test_get (root, name)));
}

/* The label of the menu item for @action, in whichever section it is. */
static char *
dup_menu_label (GMenuModel *model,
                const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section == NULL)
        continue;
      for (int j = 0; j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *item_action = NULL;
          char *label = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &item_action)
              && g_strcmp0 (item_action, action) == 0
              && g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &label))
            return label;
        }
    }

  g_assert_not_reached ();
}

static void
test_first_run_dutch (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "vault", NULL);
  GtkWidget *window = new_window (dir);
  GtkWidget *problem;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Weerbaar");
  g_assert_cmpstr (label_text (window, "welcome-title"), ==, "Welkom bij Weerbaar");
  g_assert_true (g_str_has_prefix (label_text (window, "welcome-text"), "Met Weerbaar legt u signalen vast"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (wb_test_get (window, "create-button"))), ==, "Kluis _aanmaken");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (wb_test_get (window, "new-passphrase"))),
                   ==, "Nieuwe wachtwoordzin");

  /* Messages made in C are Dutch too, plural forms included. */
  wb_test_set_text (window, "new-passphrase", "kort");
  g_assert_cmpstr (label_text (window, "strength-label"), ==, "Sterkte: Te kort");
  wb_test_click (window, "create-button");
  problem = wb_test_get (window, "problem-label");
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), ==,
                   "De wachtwoordzin moet minstens 10 tekens lang zijn.");

  destroy_window (window);
}

static void
test_menu_dutch (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "vault", NULL);
  GtkWidget *window = new_window (dir);
  GtkWidget *button = wb_test_get (window, "primary-menu-button");
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_autofree char *preferences = dup_menu_label (menu, "win.preferences");
  g_autofree char *shortcuts = dup_menu_label (menu, "win.show-help-overlay");
  g_autofree char *about = dup_menu_label (menu, "win.about");
  g_autofree char *dashboard = dup_menu_label (menu, "win.show-dashboard");
  g_autofree char *review = dup_menu_label (menu, "win.show-review");

  g_assert_cmpstr (preferences, ==, "_Voorkeuren");
  g_assert_cmpstr (shortcuts, ==, "_Sneltoetsen");
  g_assert_cmpstr (about, ==, "_Over Weerbaar");
  g_assert_cmpstr (dashboard, ==, "_Dashboard");
  g_assert_cmpstr (review, ==, "_Te beoordelen signalen");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Hoofdmenu");

  destroy_window (window);
}

static void
test_unlock_dutch (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "vault", NULL);
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  vault = wb_vault_create (dir, PASSPHRASE, WB_VAULT_COST_MIN, NULL, NULL, &error);
  g_assert_no_error (error);
  wb_vault_lock (vault);

  window = new_window (dir);
  g_assert_cmpstr (label_text (window, "unlock-title"), ==, "De kluis is vergrendeld");

  wb_test_set_text (window, "unlock-passphrase", "verkeerde wachtwoordzin");
  wb_test_click (window, "unlock-button");
  WB_WAIT_FOR (gtk_widget_get_visible (wb_test_get (window, "unlock-error")));
  g_assert_cmpstr (label_text (window, "unlock-error"), ==,
                   "Deze wachtwoordzin klopt niet. Controleer of Caps Lock uit staat en probeer het opnieuw.");

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!wb_test_ui_init (&argc, &argv))
    return 0;

  g_test_add_func ("/ui/nl/first-run", test_first_run_dutch);
  g_test_add_func ("/ui/nl/menu", test_menu_dutch);
  g_test_add_func ("/ui/nl/unlock", test_unlock_dutch);

  return g_test_run ();
}
