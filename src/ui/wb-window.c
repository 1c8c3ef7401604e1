/* wb-window.c
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-cases-page.h"
#include "wb-conflicts-page.h"
#include "wb-contacts-page.h"
#include "wb-dashboard-page.h"
#include "wb-export-dialog.h"
#include "wb-import-dialog.h"
#include "wb-matches-page.h"
#include "wb-review-page.h"
#include "wb-preferences-window.h"
#include "wb-escalation-dialog.h"
#include "wb-setup-page.h"
#include "wb-signal-editor.h"
#include "wb-signal-list-page.h"
#include "wb-unlock-page.h"
#include "wb-window.h"
#include "wb-ui-errors.h"

struct _WbWindow
{
  AdwApplicationWindow  parent_instance;

  char                 *vault_dir;
  guint                 kdf_cost;
  WbVault              *vault;
  GSettings            *settings;
  gint64                last_activity;
  guint                 auto_lock_source;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *pages;
  WbSetupPage          *setup_page;
  WbUnlockPage         *unlock_page;
  WbSignalListPage     *signal_list_page;
  GtkWidget            *lock_button;
  GtkWidget            *new_signal_button;
  /* weerbaar --demo: a throw-away vault nobody can unlock again */
  gboolean              demo;
  AdwWindowTitle       *window_title;
  GtkRevealer          *demo_banner;
};

G_DEFINE_FINAL_TYPE (WbWindow, wb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VAULT_DIR,
  PROP_KDF_COST,
  PROP_VAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_auto_lock (WbWindow *self);
static void show_signal        (WbWindow   *self,
                                const char *uuid);
static void reload_signals     (WbWindow *self);

/* Pages showing vault content in windows of their own, one action each;
 * the main window answers some of their events.  Bundles (issue #6):
 * contacts and conflicts are such pages; export and import are dialogs,
 * marked the same way so locking closes them. */
static const struct
{
  const char *action;
  const char *title;
  GtkWidget *(*new_page) (WbStore *store);
  int         width;
  int         height;
  const char *event;
  GCallback   event_cb;
} vault_pages[] = {
  { "win.show-dashboard", N_("Dashboard"), wb_dashboard_page_new, 900, 720, NULL, NULL },
  { "win.show-review", N_("Review Overdue Signals"), wb_review_page_new, 720, 640, NULL, NULL },
  { "win.show-cases", N_("Cases"), wb_cases_page_new, 640, 640,
    "signal-activated", G_CALLBACK (show_signal) },
  { "win.show-contacts", N_("Contacts"), wb_contacts_page_new, 640, 720, NULL, NULL },
  { "win.show-conflicts", N_("Conflicts"), wb_conflicts_page_new, 800, 720,
    "resolved", G_CALLBACK (reload_signals) },
  { "win.show-matches", N_("Matches Across Municipalities"), wb_matches_page_new, 720, 640,
    NULL, NULL },
};

static gboolean
auto_lock_cb (gpointer user_data)
{
  WbWindow *self = user_data;
  guint minutes;
  gint64 limit, idle;

  g_assert (WB_IS_WINDOW (self));

  self->auto_lock_source = 0;
  minutes = g_settings_get_uint (self->settings, "auto-lock-minutes");
  if (self->vault == NULL || minutes == 0)
    return G_SOURCE_REMOVE;

  limit = (gint64) minutes * 60 * G_USEC_PER_SEC;
  idle = g_get_monotonic_time () - self->last_activity;

  if (idle >= limit)
    {
      g_autofree char *title = NULL;

      wb_window_lock (self);
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Locked after %u minute without activity",
                                            "Locked after %u minutes without activity",
                                            minutes),
                               minutes);
      adw_toast_overlay_add_toast (self->toast_overlay, wb_ui_toast_new (title));
    }
  else
    schedule_auto_lock (self);

  return G_SOURCE_REMOVE;
}

/* One timer for the time still left, instead of restarting a timer on every
 * motion event: input then costs only a clock read. */
static void
schedule_auto_lock (WbWindow *self)
{
  guint minutes = g_settings_get_uint (self->settings, "auto-lock-minutes");
  gint64 remaining;

  g_clear_handle_id (&self->auto_lock_source, g_source_remove);

  if (self->vault == NULL || minutes == 0 || self->demo)
    return;

  remaining = (gint64) minutes * 60 * G_USEC_PER_SEC
              - (g_get_monotonic_time () - self->last_activity);
  remaining = MAX (remaining, 0);

  self->auto_lock_source =
    g_timeout_add_seconds_full (G_PRIORITY_DEFAULT,
                                (guint) (remaining / G_USEC_PER_SEC) + 1,
                                auto_lock_cb, self, NULL);
}

static void
user_activity_cb (WbWindow *self)
{
  self->last_activity = g_get_monotonic_time ();
}

static gboolean
key_pressed_cb (WbWindow *self)
{
  user_activity_cb (self);

  return GDK_EVENT_PROPAGATE;
}

static void
auto_lock_changed_cb (WbWindow *self)
{
  schedule_auto_lock (self);
}

static void
set_vault (WbWindow *self,
           WbVault  *vault)
{
  if (!g_set_object (&self->vault, vault))
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", vault != NULL && !self->demo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-signal", vault != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", vault != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-bundle", vault != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-bundles", vault != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-signal", vault != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (vault_pages); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), vault_pages[i].action, vault != NULL);
  gtk_widget_set_visible (self->lock_button, vault != NULL && !self->demo);
  gtk_widget_set_visible (self->new_signal_button, vault != NULL);
  wb_signal_list_page_set_store (self->signal_list_page,
                                 vault != NULL ? wb_vault_get_store (vault) : NULL);

  if (vault != NULL)
    {
      gtk_stack_set_visible_child_name (self->pages, "unlocked");
      user_activity_cb (self);
    }
  else
    {
      wb_unlock_page_reset (self->unlock_page);
      gtk_stack_set_visible_child_name (self->pages, "unlock");
      wb_unlock_page_grab_focus (self->unlock_page);
    }

  schedule_auto_lock (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
}

static void
page_unlocked_cb (WbWindow *self,
                  WbVault  *vault)
{
  g_assert (WB_IS_WINDOW (self));

  set_vault (self, vault);
}

static void
page_add_toast_cb (WbWindow *self,
                   AdwToast *toast)
{
  g_assert (WB_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static gboolean
wb_window_close_request (GtkWindow *window)
{
  WbWindow *self = (WbWindow *)window;
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (wb_window_parent_class)->close_request (window);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  wb_window_lock (WB_WINDOW (widget));
}

static void
new_signal_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  WbWindow *self = WB_WINDOW (widget);

  if (self->vault != NULL)
    wb_signal_list_page_new_signal (self->signal_list_page);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WbWindow *self = WB_WINDOW (widget);

  if (self->vault != NULL)
    wb_signal_list_page_focus_search (self->signal_list_page);
}

/* Pages showing vault content in a window of their own (the dashboard,
 * the review list), marked so that locking closes them. */
static void
vault_window_add_toast_cb (AdwToastOverlay *overlay,
                           AdwToast        *toast)
{
  adw_toast_overlay_add_toast (overlay, g_object_ref (toast));
}

static GtkWindow *
present_vault_window (WbWindow   *self,
                      const char *title,
                      GtkWidget  *page,
                      int         width,
                      int         height)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *overlay = adw_toast_overlay_new ();

  /* Toasts (with their Undo) belong in the window the user is looking at. */
  if (g_signal_lookup ("add-toast", G_OBJECT_TYPE (page)) != 0)
    g_signal_connect_object (page, "add-toast", G_CALLBACK (vault_window_add_toast_cb),
                             overlay, G_CONNECT_SWAPPED);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), overlay);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  g_object_set_data (G_OBJECT (window), "wb-vault-window", page);
  gtk_window_present (GTK_WINDOW (window));

  return GTK_WINDOW (window);
}

/* Shows a signal in the main window's list and detail (from a case or a
 * link); it must be in the current list, i.e. match search and filters. */
static void
show_signal (WbWindow   *self,
             const char *uuid)
{
  if (self->vault == NULL || uuid == NULL)
    return;

  gtk_window_present (GTK_WINDOW (self));
  if (!wb_signal_list_page_select (self->signal_list_page, uuid))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 wb_ui_toast_new (_("That signal is hidden by the search or the filters")));
}

static void
show_signal_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  show_signal (WB_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
reload_signals (WbWindow *self)
{
  WbSignalList *list = wb_signal_list_page_get_model (self->signal_list_page);

  if (self->vault != NULL && list != NULL)
    wb_signal_list_reload (list);
}

static void
show_vault_page_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  WbWindow *self = WB_WINDOW (widget);

  if (self->vault == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (vault_pages); i++)
    if (g_str_equal (vault_pages[i].action, action_name))
      {
        GtkWidget *page = vault_pages[i].new_page (wb_vault_get_store (self->vault));

        if (vault_pages[i].event != NULL)
          g_signal_connect_object (page, vault_pages[i].event, vault_pages[i].event_cb,
                                   self, G_CONNECT_SWAPPED);
        present_vault_window (self, _(vault_pages[i].title), page,
                              vault_pages[i].width, vault_pages[i].height);
        return;
      }
}

static void
export_bundle_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  WbWindow *self = WB_WINDOW (widget);
  WbSignal *selected;
  WbSignalList *list;
  GtkWindow *dialog;

  if (self->vault == NULL)
    return;
  selected = wb_signal_list_page_get_selected (self->signal_list_page);
  list = wb_signal_list_page_get_model (self->signal_list_page);
  dialog = wb_export_dialog_new (GTK_WINDOW (self), wb_vault_get_store (self->vault),
                                 selected != NULL ? wb_signal_get_uuid (selected) : NULL,
                                 list != NULL ? wb_signal_list_get_search_text (list) : NULL);
  if (list != NULL)
    {
      WbRecordsFilter filter;

      /* "The signals in the current list": the filters too (copied). */
      wb_signal_list_get_filter (list, &filter);
      wb_export_dialog_set_list_filter (WB_EXPORT_DIALOG (dialog), &filter);
    }
  g_object_set_data (G_OBJECT (dialog), "wb-vault-window", dialog);
  gtk_window_present (dialog);
}

static void
import_bundles_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  WbWindow *self = WB_WINDOW (widget);
  GtkWindow *dialog;

  if (self->vault == NULL)
    return;
  dialog = wb_import_dialog_new (GTK_WINDOW (self), wb_vault_get_store (self->vault));
  g_object_set_data (G_OBJECT (dialog), "wb-vault-window", dialog);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (reload_signals), self, G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WbWindow *self = WB_WINDOW (widget);
  GtkWindow *preferences;

  preferences = wb_preferences_window_new (GTK_WINDOW (self), self->vault,
                                           (WbVaultCost) self->kdf_cost);
  gtk_window_present (preferences);
}

static void
about_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  static const char *developers[] = { "The Weerbaar authors", NULL };

  adw_show_about_window (GTK_WINDOW (widget),
                         "application-name", _("Weerbaar"),
                         "application-icon", "nl.weerbaar.Weerbaar",
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Weerbaar authors"),
                         "comments", _("Record signals of unwanted foreign interference aimed at diaspora communities, and share them safely."),
                         "copyright", "© 2026 The Weerbaar authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
wb_window_constructed (GObject *object)
{
  WbWindow *self = (WbWindow *)object;
  int width, height;

  G_OBJECT_CLASS (wb_window_parent_class)->constructed (object);

  if (self->vault_dir == NULL)
    self->vault_dir = wb_vault_dup_default_dir ();

  g_object_set (self->setup_page,
                "vault-dir", self->vault_dir,
                "kdf-cost", self->kdf_cost,
                NULL);
  g_object_set (self->unlock_page,
                "vault-dir", self->vault_dir,
                "kdf-cost", self->kdf_cost,
                NULL);

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* GtkApplication adds the shortcuts window to the windows it manages;
   * a window built without one (tests) loads it itself. */
  if (gtk_window_get_application (GTK_WINDOW (self)) == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
      GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

      if (GTK_IS_SHORTCUTS_WINDOW (overlay))
        gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                                 GTK_SHORTCUTS_WINDOW (overlay));
    }

  if (wb_vault_exists (self->vault_dir))
    {
      gtk_stack_set_visible_child_name (self->pages, "unlock");
      wb_unlock_page_grab_focus (self->unlock_page);
    }
  else
    gtk_stack_set_visible_child_name (self->pages, "first-run");
}

static void
wb_window_dispose (GObject *object)
{
  WbWindow *self = (WbWindow *)object;

  g_clear_handle_id (&self->auto_lock_source, g_source_remove);

  /* Closing the window is locking it: keys must not outlive the UI. */
  if (self->signal_list_page != NULL)
    wb_signal_list_page_set_store (self->signal_list_page, NULL);
  if (self->vault != NULL)
    {
      wb_records_jobs_lock ();
      wb_vault_lock (self->vault);
      wb_records_jobs_unlock ();
    }
  g_clear_object (&self->vault);

  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_WINDOW);

  G_OBJECT_CLASS (wb_window_parent_class)->dispose (object);
}

static void
wb_window_finalize (GObject *object)
{
  WbWindow *self = (WbWindow *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->vault_dir, g_free);

  G_OBJECT_CLASS (wb_window_parent_class)->finalize (object);
}

static void
wb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WbWindow *self = WB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VAULT_DIR:
      g_value_set_string (value, self->vault_dir);
      break;

    case PROP_KDF_COST:
      g_value_set_uint (value, self->kdf_cost);
      break;

    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  WbWindow *self = WB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VAULT_DIR:
      g_free (self->vault_dir);
      self->vault_dir = g_value_dup_string (value);
      break;

    case PROP_KDF_COST:
      self->kdf_cost = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_window_class_init (WbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = wb_window_constructed;
  object_class->dispose = wb_window_dispose;
  object_class->finalize = wb_window_finalize;
  object_class->get_property = wb_window_get_property;
  object_class->set_property = wb_window_set_property;

  window_class->close_request = wb_window_close_request;

  /* The vault folder; NULL means wb_vault_dup_default_dir(). */
  properties[PROP_VAULT_DIR] =
    g_param_spec_string ("vault-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* A WbVaultCost for new passphrases; tests choose WB_VAULT_COST_MIN. */
  properties[PROP_KDF_COST] =
    g_param_spec_uint ("kdf-cost", NULL, NULL,
                       WB_VAULT_COST_MIN, WB_VAULT_COST_MODERATE, WB_VAULT_COST_MODERATE,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The unlocked vault, or NULL while locked; the application follows it. */
  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         WB_TYPE_VAULT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, setup_page);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, new_signal_button);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, signal_list_page);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, demo_banner);
  gtk_widget_class_bind_template_callback (widget_class, page_unlocked_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_add_toast_cb);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  for (guint i = 0; i < G_N_ELEMENTS (vault_pages); i++)
    gtk_widget_class_install_action (widget_class, vault_pages[i].action, NULL,
                                     show_vault_page_action);
  gtk_widget_class_install_action (widget_class, "win.export-bundle", NULL, export_bundle_action);
  gtk_widget_class_install_action (widget_class, "win.import-bundles", NULL, import_bundles_action);
  gtk_widget_class_install_action (widget_class, "win.show-signal", "s", show_signal_action);
  gtk_widget_class_install_action (widget_class, "win.new-signal", NULL, new_signal_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-signal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  /* Ctrl+E edits the selected signal (wb-signal-list-page.c). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-bundle", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-bundles", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.show-cases", NULL);

  g_type_ensure (WB_TYPE_SETUP_PAGE);
  g_type_ensure (WB_TYPE_UNLOCK_PAGE);
  g_type_ensure (WB_TYPE_SIGNAL_LIST_PAGE);
}

static void
wb_window_init (WbWindow *self)
{
  GtkEventController *controller;

  self->kdf_cost = WB_VAULT_COST_MODERATE;
  self->last_activity = g_get_monotonic_time ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (WB_SETTINGS_SCHEMA_ID);
  g_signal_connect_object (self->settings, "changed::auto-lock-minutes",
                           G_CALLBACK (auto_lock_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-signal", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-bundle", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-bundles", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-signal", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (vault_pages); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), vault_pages[i].action, FALSE);

  /* Any input counts as activity for auto-lock.  Capture phase sees events
   * before widgets consume them; none of these handlers claims anything. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (user_activity_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), 0);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "pressed", G_CALLBACK (user_activity_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/**
 * wb_window_new:
 * @application: (nullable): the application
 * @vault_dir: (nullable): the vault folder, or %NULL for the default
 * @kdf_cost: Argon2id cost for new passphrases
 */
WbWindow *
wb_window_new (GtkApplication *application,
               const char     *vault_dir,
               WbVaultCost     kdf_cost)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (WB_TYPE_WINDOW,
                       "application", application,
                       "vault-dir", vault_dir,
                       "kdf-cost", (guint) kdf_cost,
                       NULL);
}

const char *
wb_window_get_vault_dir (WbWindow *self)
{
  g_return_val_if_fail (WB_IS_WINDOW (self), NULL);

  return self->vault_dir;
}

/**
 * wb_window_get_vault:
 *
 * Returns: (nullable) (transfer none): the unlocked vault, or %NULL
 */
WbVault *
wb_window_get_vault (WbWindow *self)
{
  g_return_val_if_fail (WB_IS_WINDOW (self), NULL);

  return self->vault;
}

/**
 * wb_window_lock:
 *
 * Locks the vault (wiping its keys), closes the preferences and returns to
 * the unlock page with empty entries.  Does nothing while locked.
 */
void
wb_window_lock (WbWindow *self)
{
  g_autoptr(GListModel) toplevels = NULL;
  g_autoptr(GPtrArray) to_close = NULL;

  g_return_if_fail (WB_IS_WINDOW (self));

  /* A demo vault could never be unlocked again: it ends with the app. */
  if (self->vault == NULL || self->demo)
    return;

  /* Windows showing vault content must not stay open over a locked vault. */
  to_close = g_ptr_array_new_with_free_func (g_object_unref);
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if ((WB_IS_PREFERENCES_WINDOW (window)
           || WB_IS_SIGNAL_EDITOR (window)
           || WB_IS_ESCALATION_DIALOG (window)
           || g_object_get_data (G_OBJECT (window), "wb-vault-window") != NULL)
          && gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        g_ptr_array_add (to_close, g_steal_pointer (&window));
    }
  for (guint i = 0; i < to_close->len; i++)
    gtk_window_destroy (g_ptr_array_index (to_close, i));

  /* Drop the loaded signals first, then wait for a running query to end:
   * the store must not close under a worker. */
  wb_signal_list_page_set_store (self->signal_list_page, NULL);
  wb_records_jobs_lock ();
  wb_vault_lock (self->vault);
  wb_records_jobs_unlock ();
  set_vault (self, NULL);
}

void
wb_window_add_toast (WbWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (WB_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * wb_window_open_demo_vault:
 * @vault: an unlocked demo vault (wb_demo_create_vault())
 *
 * Shows @vault, marked as a demo in the header bar and by a banner.  Its
 * passphrase was never known, so the window does not offer to lock it:
 * the application locks and deletes it when it quits.
 */
void
wb_window_open_demo_vault (WbWindow *self,
                           WbVault  *vault)
{
  g_return_if_fail (WB_IS_WINDOW (self));
  g_return_if_fail (WB_IS_VAULT (vault));

  self->demo = TRUE;
  adw_window_title_set_subtitle (self->window_title, _("Demo"));
  gtk_revealer_set_reveal_child (self->demo_banner, TRUE);
  set_vault (self, vault);
}

gboolean
wb_window_is_demo (WbWindow *self)
{
  g_return_val_if_fail (WB_IS_WINDOW (self), FALSE);

  return self->demo;
}
