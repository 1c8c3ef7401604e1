/* test-ui-screenshot.c — render the main window to PNG with GTK itself
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes <builddir>/tests/screenshots/<page>-<width>[-nl].png; with
 * WB_SCREENSHOT_DIR set, also copies them there (to refresh
 * docs/screenshots/).  GSK_RENDERER=cairo keeps the pixels stable.  The
 * Dutch pictures come from a child process with LANGUAGE=nl: gettext
 * decides the language once per process.
 */

#include "test-ui-common.h"

#include <glib/gstdio.h>

#include "wb-core.h"
#include "wb-window.h"

#define PASSPHRASE "correct horse battery staple"
#define WIDE_WIDTH 960
#define NARROW_WIDTH 360
#define HEIGHT 680

static const char *test_program;
/* Before ISOLATE_DIRS: the child needs the real XDG_DATA_DIRS (MIME
 * database, SVG icons) and isolates itself. */
static char **original_environ;

/* "-nl" in the Dutch child, "" otherwise. */
static const char *
language_suffix (void)
{
  return g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "nl") ? "-nl" : "";
}

/* AdwApplication loads the stylesheets by itself; these windows have none. */
static void
load_app_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static GtkWidget *
new_window (const char *dir,
            int         width)
{
  WbWindow *window = wb_window_new (NULL, dir, WB_VAULT_COST_MIN);

  gtk_window_set_default_size (GTK_WINDOW (window), width, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  WB_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window))
               && gtk_widget_get_width (GTK_WIDGET (window)) > 0);

  /* The default size counts the client-side decoration around the window
   * widget (a solid frame without a compositor): adjust it until the
   * picture itself has the asked-for size. */
  for (guint attempt = 0; attempt < 10; attempt++)
    {
      int w = gtk_widget_get_width (GTK_WIDGET (window));
      int h = gtk_widget_get_height (GTK_WIDGET (window));
      int default_w, default_h;
      gboolean painted = FALSE;
      GdkFrameClock *clock;
      gulong id;

      if (w == width && h == HEIGHT)
        break;

      gtk_window_get_default_size (GTK_WINDOW (window), &default_w, &default_h);
      gtk_window_set_default_size (GTK_WINDOW (window),
                                   default_w + width - w, default_h + HEIGHT - h);
      clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
      id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
      WB_WAIT_FOR (painted);
      g_signal_handler_disconnect (clock, id);
    }

  return g_object_ref (GTK_WIDGET (window));
}

static void
wait_for_paint (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong id;

  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (window);
  WB_WAIT_FOR (painted);
  g_signal_handler_disconnect (clock, id);
}

static guint
count_colours (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, pixels, stride);
  for (gsize i = 0; i + 3 < stride * height; i += 4)
    {
      guint32 colour = pixels[i] | pixels[i + 1] << 8 | pixels[i + 2] << 16 | (guint32) pixels[i + 3] << 24;

      g_hash_table_add (colours, GUINT_TO_POINTER (colour));
    }

  return g_hash_table_size (colours);
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name,
                 int         expected_width)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = g_strdup_printf ("%s.png", name);
  g_autofree char *dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  const char *copy_dir = g_getenv ("WB_SCREENSHOT_DIR");
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  GStatBuf st;
  int width, height;

  wait_for_paint (window);

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  g_assert_cmpint (width, ==, expected_width);
  g_assert_cmpint (height, ==, HEIGHT);

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s", path);

  if (copy_dir != NULL && copy_dir[0] != '\0')
    {
      g_autofree char *copy = g_build_filename (copy_dir, file_name, NULL);

      g_assert_cmpint (g_mkdir_with_parents (copy_dir, 0755), ==, 0);
      g_assert_true (gdk_texture_save_to_png (texture, copy));
      g_test_message ("copied to %s", copy);
    }

  /* A real PNG of the right size with a real picture in it: a blank or
   * unstyled window has a handful of colours, text and icons hundreds. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 10 * 1024);
  reloaded = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (reloaded), ==, width);
  g_assert_cmpint (gdk_texture_get_height (reloaded), ==, height);
  g_assert_cmpuint (count_colours (reloaded), >, 50);
}

static void
destroy_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_drain ();
  g_assert_finalize_object (window);
}

static void
test_first_run (gconstpointer data)
{
  int width = GPOINTER_TO_INT (data);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "vault", NULL);
  g_autofree char *name = g_strdup_printf ("first-run-%d", width);
  GtkWidget *window = new_window (dir, width);

  g_assert_cmpstr (wb_test_visible_page (window), ==, "first-run");
  save_screenshot (window, name, width);

  destroy_window (window);
}

static void
test_unlocked (gconstpointer data)
{
  int width = GPOINTER_TO_INT (data);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "vault", NULL);
  g_autofree char *name = g_strdup_printf ("unlocked-%d", width);
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  vault = wb_vault_create (dir, PASSPHRASE, WB_VAULT_COST_MIN, NULL, NULL, &error);
  g_assert_no_error (error);
  wb_vault_lock (vault);

  window = new_window (dir, width);
  g_assert_cmpstr (wb_test_visible_page (window), ==, "unlock");
  wb_test_set_text (window, "unlock-passphrase", PASSPHRASE);
  wb_test_click (window, "unlock-button");
  WB_WAIT_FOR (wb_window_get_vault (WB_WINDOW (window)) != NULL);
  g_assert_cmpstr (wb_test_visible_page (window), ==, "unlocked");

  /* Let the page transition finish before taking the picture. */
  WB_WAIT_FOR (!gtk_stack_get_transition_running (GTK_STACK (wb_test_get (window, "pages"))));
  save_screenshot (window, name, width);

  destroy_window (window);
}

static WbSignal *
add_signal (WbStore    *store,
            const char *summary,
            const char *code,
            const char *occurred_on,
            const char *municipality,
            WbTlp       tlp)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) signal = wb_signal_new ();
  const char *codes[] = { code, NULL };

  wb_signal_set_summary (signal, summary);
  wb_signal_set_categories (signal, codes);
  wb_signal_set_occurred_on (signal, occurred_on);
  wb_signal_set_municipality (signal, municipality);
  wb_signal_set_tlp (signal, tlp);
  g_assert_true (wb_records_add_signal (store, signal, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&signal);
}

static void
escalate (WbStore    *store,
          WbSignal   *signal,
          int         to_level)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbDecision) decision = NULL;
  g_autoptr(WbSignal) after = NULL;
  GDate date;

  g_date_set_dmy (&date, 3, G_DATE_MARCH, 2026);
  decision = wb_decision_new (WB_DECISION_ESCALATE, wb_signal_get_level (signal), to_level, &date);
  decision->deciding_role = g_strdup ("burgemeester");
  decision->facts = g_strdup ("Three reports from one association.");
  decision->assessment = g_strdup ("A pattern, not an incident.");
  decision->decision = g_strdup ("Escalate.");
  g_assert_true (wb_records_record_decision (store, wb_signal_get_uuid (signal), decision, &after, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wb_signal_get_level (after), ==, to_level);
}

/* Fictional signals: every TLP colour, a few levels. */
static void
fill_vault (WbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) students = NULL;
  g_autoptr(WbSignal) family = NULL;
  g_autoptr(WbSignal) other = NULL;
  gboolean dutch = language_suffix ()[0] != '\0';

  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ORGANISATION, "Gemeente Tilburg", &error));
  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ROLE, "liaison officer", &error));
  g_assert_no_error (error);

  /* In the language of the pictures, as an officer would write them. */
  students = add_signal (store, dutch ? "Consulair personeel zet studenten onder druk om terug te keren"
                                      : "Consular staff pressing students to return",
                         "C1", "2026-02-14", "Tilburg", WB_TLP_AMBER_STRICT);
  family = add_signal (store, dutch ? "Familie in het buitenland ondervraagd over een bijeenkomst"
                                    : "Relatives abroad questioned about a community meeting",
                       "B1", "2026-02-02", "Breda", WB_TLP_RED);
  other = add_signal (store, dutch ? "Online intimidatiecampagne tegen een journalist uit de diaspora"
                                   : "Online harassment campaign against a diaspora journalist",
                      "E1", "2026-01-27", "Eindhoven", WB_TLP_AMBER);
  g_clear_object (&other);
  other = add_signal (store, dutch ? "Onbekenden fotograferen bezoekers van een cultureel centrum"
                                   : "Unknown persons photographing visitors of a cultural centre",
                      "D3", "2026-01-19", "Tilburg", WB_TLP_GREEN);
  g_clear_object (&other);
  other = add_signal (store, dutch ? "Voorlichtingsbijeenkomst voor gemeenschapsorganisaties gehouden"
                                   : "Awareness meeting for community organisations held",
                      "I", "2026-01-08", "Waalwijk", WB_TLP_CLEAR);

  escalate (store, students, 2);
  escalate (store, family, 2);
}

static void
test_signals (gconstpointer data)
{
  int width = GPOINTER_TO_INT (data);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "vault", NULL);
  g_autofree char *name = g_strdup_printf ("signals-%d%s", width, language_suffix ());
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *list_view;

  vault = wb_vault_create (dir, PASSPHRASE, WB_VAULT_COST_MIN, NULL, NULL, &error);
  g_assert_no_error (error);
  fill_vault (wb_vault_get_store (vault));
  wb_vault_lock (vault);

  window = new_window (dir, width);
  wb_test_set_text (window, "unlock-passphrase", PASSPHRASE);
  wb_test_click (window, "unlock-button");
  WB_WAIT_FOR (wb_window_get_vault (WB_WINDOW (window)) != NULL);
  list_view = wb_test_get (window, "signal-list");
  WB_WAIT_FOR (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)))) == 5);

  /* Wide, the detail of the first signal sits beside the list. */
  if (width == WIDE_WIDTH)
    gtk_selection_model_select_item (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)), 0, TRUE);

  WB_WAIT_FOR (!gtk_stack_get_transition_running (GTK_STACK (wb_test_get (window, "pages"))));
  save_screenshot (window, name, width);

  destroy_window (window);
}

/* The same pictures in Dutch, from a child with LANGUAGE=nl. */
static void
test_signals_dutch (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_strdupv (original_environ);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *child_argv[] = {
    test_program, "--tap",
    "-p", "/ui/screenshot/signals/wide",
    "-p", "/ui/screenshot/signals/narrow",
    NULL
  };
  int status = 0;

  env = g_environ_setenv (env, "LANGUAGE", "nl", TRUE);
  env = g_environ_setenv (env, "LANG", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **) child_argv, env, G_SPAWN_DEFAULT,
                               NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_test_message ("child output:\n%s\n%s", out, err);
      g_assert_no_error (error);
    }
  /* Two pictures, both taken, none skipped. */
  g_assert_nonnull (strstr (out, "ok 1 /ui/screenshot/signals/wide"));
  g_assert_nonnull (strstr (out, "ok 2 /ui/screenshot/signals/narrow"));
  g_assert_null (strstr (out, "not ok"));
  g_assert_null (strstr (out, "# SKIP"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_program = argv[0];
  original_environ = g_get_environ ();

  if (!wb_test_ui_init (&argc, &argv))
    return 0;

  load_app_style ();

  g_test_add_data_func ("/ui/screenshot/first-run/wide", GINT_TO_POINTER (WIDE_WIDTH), test_first_run);
  g_test_add_data_func ("/ui/screenshot/first-run/narrow", GINT_TO_POINTER (NARROW_WIDTH), test_first_run);
  g_test_add_data_func ("/ui/screenshot/unlocked/wide", GINT_TO_POINTER (WIDE_WIDTH), test_unlocked);
  g_test_add_data_func ("/ui/screenshot/unlocked/narrow", GINT_TO_POINTER (NARROW_WIDTH), test_unlocked);
  g_test_add_data_func ("/ui/screenshot/signals/wide", GINT_TO_POINTER (WIDE_WIDTH), test_signals);
  g_test_add_data_func ("/ui/screenshot/signals/narrow", GINT_TO_POINTER (NARROW_WIDTH), test_signals);
  if (language_suffix ()[0] == '\0')
    g_test_add_func ("/ui/screenshot/signals/dutch", test_signals_dutch);

  status = g_test_run ();
  g_strfreev (original_environ);

  return status;
}
