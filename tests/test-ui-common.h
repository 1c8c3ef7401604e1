/* test-ui-common.h — helpers shared by the tests/test-ui-*.c programs
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

/* STYLE.md R18: adwaita, the icon theme and the MIME dirs before
 * g_test_init() with ISOLATE_DIRS, which would otherwise break SVG icons.
 * Returns FALSE (and prints a TAP skip plan) when there is no display. */
static inline gboolean
wb_test_ui_init (int    *argc,
                 char ***argv)
{
  const char *builddir = g_getenv ("WB_BUILD_ROOT");
  g_autofree char *podir = NULL;

  setlocale (LC_ALL, "");
  podir = g_build_filename (builddir ? builddir : ".", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, podir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display (run under xvfb-run)\n");
      return FALSE;
    }

  adw_init ();
  /* Without a window manager (xvfb) windows never become active, so a
   * blinking cursor's timer finds its entry unfocused and warns. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_content_type_set_mime_dirs (NULL);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  return TRUE;
}

static gboolean
wb_test_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterate the main loop until @cond holds; the cap only stops a hung test,
 * it is not a timing assertion. */
#define WB_WAIT_FOR(cond)                                                    \
  G_STMT_START {                                                             \
    gint64 wb_deadline_ = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;    \
    guint wb_tick_ = g_timeout_add (20, wb_test_tick_cb, NULL);              \
    while (!(cond))                                                          \
      {                                                                      \
        if (g_get_monotonic_time () > wb_deadline_)                          \
          g_error ("Timed out waiting for: %s", #cond);                      \
        g_main_context_iteration (NULL, TRUE);                               \
      }                                                                      \
    g_source_remove (wb_tick_);                                              \
  } G_STMT_END

static inline void
wb_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Widgets carry a name in the .ui (the buildable id is gone after the
 * template is built), so tests can find them like a user would, by role. */
static inline GtkWidget *
wb_test_find (GtkWidget  *root,
              const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = wb_test_find (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static inline GtkWidget *
wb_test_get (GtkWidget  *root,
             const char *name)
{
  GtkWidget *widget = wb_test_find (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);

  return widget;
}

static inline const char *
wb_test_visible_page (GtkWidget *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (wb_test_get (window, "pages")));
}

static inline void
wb_test_set_text (GtkWidget  *root,
                  const char *name,
                  const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (wb_test_get (root, name)), text);
}

static inline void
wb_test_click (GtkWidget  *root,
               const char *name)
{
  GtkWidget *button = wb_test_get (root, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* The toplevel of @type that is shown, or NULL. */
static inline GtkWindow *
wb_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}
