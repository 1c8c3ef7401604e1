/* wb-preferences-window.c — auto-lock, retention, organisation, passphrase
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-dialogs.h"
#include "wb-preferences-window.h"
#include "wb-ui-errors.h"

struct _WbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  WbVault              *vault;
  guint                 kdf_cost;
  GSettings            *settings;
  GCancellable         *cancellable;

  GtkAdjustment        *auto_lock_adjustment;
  GtkAdjustment        *retention_adjustment;
  gboolean              loading_retention;
  AdwPreferencesGroup  *organisation_group;
  AdwEntryRow          *organisation_row;
  AdwEntryRow          *role_row;
  AdwPreferencesGroup  *security_group;
  GtkLabel             *locked_label;
};

G_DEFINE_FINAL_TYPE (WbPreferencesWindow, wb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_KDF_COST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
vault_is_open (WbPreferencesWindow *self)
{
  return self->vault != NULL && !wb_vault_is_locked (self->vault);
}

static void
toast (WbPreferencesWindow *self,
       const char          *title)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), wb_ui_toast_new (title));
}

static void
save_setting_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wb_records_set_settings_finish (result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      message = wb_ui_describe_error (error);
      toast (self, message);
      return;
    }

  toast (self, _("Saved"));
}

/* Through the records jobs: a list query may be using the store. */
static void
save_setting (WbPreferencesWindow *self,
              const char          *key,
              AdwEntryRow         *row)
{
  g_autofree char *text = NULL;
  const char *pairs[3] = { key, NULL, NULL };

  if (!vault_is_open (self))
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  pairs[1] = text;
  wb_records_set_settings_async (wb_vault_get_store (self->vault), pairs,
                                 self->cancellable, save_setting_cb, g_object_ref (self));
}

/* The retention period that counts is the vault's own setting (the core
 * computes review dates from it); GSettings keeps the last value chosen as
 * the default for vaults created later. */
static void
retention_changed_cb (WbPreferencesWindow *self)
{
  g_autofree char *months = NULL;
  const char *pairs[3] = { WB_RECORDS_SETTING_RETENTION_MONTHS, NULL, NULL };

  if (self->loading_retention || !vault_is_open (self))
    return;

  months = g_strdup_printf ("%u", (guint) gtk_adjustment_get_value (self->retention_adjustment));
  pairs[1] = months;
  wb_records_set_settings_async (wb_vault_get_store (self->vault), pairs,
                                 self->cancellable, save_setting_cb, g_object_ref (self));
}

static void
organisation_applied_cb (WbPreferencesWindow *self)
{
  save_setting (self, WB_RECORDS_SETTING_ORGANISATION, self->organisation_row);
}

static void
role_applied_cb (WbPreferencesWindow *self)
{
  save_setting (self, WB_RECORDS_SETTING_ROLE, self->role_row);
}

static void
change_passphrase_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(WbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wb_vault_change_passphrase_finish (WB_VAULT (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      message = wb_ui_describe_error (error);
      toast (self, message);
      return;
    }

  toast (self, _("Passphrase changed"));
}

static void
new_passphrase_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = NULL;

  passphrase = wb_new_passphrase_dialog_run_finish (result, &error);
  if (passphrase == NULL || !vault_is_open (self))
    return;

  toast (self, _("Changing the passphrase…"));
  wb_vault_change_passphrase_async (self->vault, passphrase,
                                    (WbVaultCost) self->kdf_cost,
                                    self->cancellable,
                                    change_passphrase_cb,
                                    g_object_ref (self));
}

static void
change_passphrase_clicked_cb (WbPreferencesWindow *self)
{
  g_assert (WB_IS_PREFERENCES_WINDOW (self));

  if (!vault_is_open (self))
    return;

  wb_new_passphrase_dialog_run_async (GTK_WINDOW (self), self->cancellable,
                                      new_passphrase_cb, g_object_ref (self));
}

static void
load_vault_settings_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(WbPreferencesWindow) self = user_data;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) error = NULL;
  const char *name, *role, *months;

  values = wb_records_dup_settings_finish (result, &error);
  if (values == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      message = wb_ui_describe_error (error);
      toast (self, message);
      return;
    }

  name = g_hash_table_lookup (values, WB_RECORDS_SETTING_ORGANISATION);
  role = g_hash_table_lookup (values, WB_RECORDS_SETTING_ROLE);
  gtk_editable_set_text (GTK_EDITABLE (self->organisation_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->role_row), role ? role : "");
  months = g_hash_table_lookup (values, WB_RECORDS_SETTING_RETENTION_MONTHS);
  if (months != NULL)
    {
      self->loading_retention = TRUE;
      gtk_adjustment_set_value (self->retention_adjustment, g_ascii_strtod (months, NULL));
      self->loading_retention = FALSE;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->organisation_group), vault_is_open (self));
}

static void
load_vault_settings (WbPreferencesWindow *self)
{
  static const char * const keys[] = {
    WB_RECORDS_SETTING_ORGANISATION,
    WB_RECORDS_SETTING_ROLE,
    WB_RECORDS_SETTING_RETENTION_MONTHS,
    NULL
  };
  gboolean open = vault_is_open (self);

  /* Sensitive once the current values are in, so that an early edit is
   * not overwritten by them. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->organisation_group), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->security_group), open);
  gtk_widget_set_visible (GTK_WIDGET (self->locked_label), !open);

  if (open)
    wb_records_dup_settings_async (wb_vault_get_store (self->vault), keys,
                                   self->cancellable, load_vault_settings_cb,
                                   g_object_ref (self));
}

static void
wb_preferences_window_constructed (GObject *object)
{
  WbPreferencesWindow *self = (WbPreferencesWindow *)object;

  G_OBJECT_CLASS (wb_preferences_window_parent_class)->constructed (object);

  load_vault_settings (self);
}

static void
wb_preferences_window_dispose (GObject *object)
{
  WbPreferencesWindow *self = (WbPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->vault);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wb_preferences_window_parent_class)->dispose (object);
}

static void
wb_preferences_window_finalize (GObject *object)
{
  WbPreferencesWindow *self = (WbPreferencesWindow *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (wb_preferences_window_parent_class)->finalize (object);
}

static void
wb_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  WbPreferencesWindow *self = WB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    case PROP_KDF_COST:
      g_value_set_uint (value, self->kdf_cost);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  WbPreferencesWindow *self = WB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      self->vault = g_value_dup_object (value);
      break;

    case PROP_KDF_COST:
      self->kdf_cost = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_preferences_window_class_init (WbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wb_preferences_window_constructed;
  object_class->dispose = wb_preferences_window_dispose;
  object_class->finalize = wb_preferences_window_finalize;
  object_class->get_property = wb_preferences_window_get_property;
  object_class->set_property = wb_preferences_window_set_property;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         WB_TYPE_VAULT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KDF_COST] =
    g_param_spec_uint ("kdf-cost", NULL, NULL,
                       WB_VAULT_COST_MIN, WB_VAULT_COST_MODERATE, WB_VAULT_COST_MODERATE,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WbPreferencesWindow, auto_lock_adjustment);
  gtk_widget_class_bind_template_child (widget_class, WbPreferencesWindow, retention_adjustment);
  gtk_widget_class_bind_template_child (widget_class, WbPreferencesWindow, organisation_group);
  gtk_widget_class_bind_template_child (widget_class, WbPreferencesWindow, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, WbPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, WbPreferencesWindow, security_group);
  gtk_widget_class_bind_template_child (widget_class, WbPreferencesWindow, locked_label);
  gtk_widget_class_bind_template_callback (widget_class, organisation_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_passphrase_clicked_cb);
}

static void
wb_preferences_window_init (WbPreferencesWindow *self)
{
  self->kdf_cost = WB_VAULT_COST_MODERATE;
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (WB_SETTINGS_SCHEMA_ID);
  g_settings_bind (self->settings, "auto-lock-minutes",
                   self->auto_lock_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "retention-months",
                   self->retention_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->retention_adjustment, "value-changed",
                           G_CALLBACK (retention_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * wb_preferences_window_new:
 * @parent: (nullable): the main window
 * @vault: (nullable): the vault; the vault rows are insensitive unless it
 *   is unlocked
 * @kdf_cost: the cost for a new passphrase
 */
GtkWindow *
wb_preferences_window_new (GtkWindow   *parent,
                           WbVault     *vault,
                           WbVaultCost  kdf_cost)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (!vault || WB_IS_VAULT (vault), NULL);

  return g_object_new (WB_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "vault", vault,
                       "kdf-cost", (guint) kdf_cost,
                       NULL);
}
