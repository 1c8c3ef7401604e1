/* wb-setup-page.c — first run: explain Weerbaar, create the vault
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-setup-page"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-core.h"
#include "wb-new-passphrase.h"
#include "wb-preferences-window.h"
#include "wb-setup-page.h"
#include "wb-ui-errors.h"

struct _WbSetupPage
{
  AdwBin           parent_instance;

  char            *vault_dir;
  guint            kdf_cost;
  GCancellable    *cancellable;
  WbVault         *vault;
  char            *recovery_key;

  GtkStack        *steps;
  GtkBox          *create_form;
  AdwEntryRow     *organisation_row;
  AdwEntryRow     *role_row;
  GtkCheckButton  *kind_coordinator_check;
  GtkCheckButton  *kind_municipality_check;
  WbNewPassphrase *passphrase;
  GtkButton       *create_button;
  GtkSpinner      *spinner;
  GtkLabel        *status_label;
  GtkLabel        *recovery_label;
  GtkCheckButton  *stored_check;
  GtkButton       *continue_button;
};

G_DEFINE_FINAL_TYPE (WbSetupPage, wb_setup_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VAULT_DIR,
  PROP_KDF_COST,
  N_PROPS
};

enum {
  FINISHED,
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_busy (WbSetupPage *self,
          gboolean     busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_form), !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), busy);
  if (busy)
    gtk_label_set_text (self->status_label,
                        _("Creating the vault. This takes a few seconds…"));
}

/* Groups of four are easier to read aloud, copy by hand and compare. */
static char *
group_for_display (const char *key)
{
  GString *out;
  guint n = 0;

  if (strpbrk (key, " -") != NULL)
    return g_strdelimit (g_strdup (key), "-", ' ');

  out = g_string_new (NULL);
  for (const char *p = key; *p != '\0'; p++)
    {
      if (n > 0 && n % 4 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, *p);
      n++;
    }

  return g_string_free (out, FALSE);
}

static char *
dup_row_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
mark_row (AdwEntryRow *row,
          gboolean     bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
organisation_changed_cb (WbSetupPage *self)
{
  g_assert (WB_IS_SETUP_PAGE (self));

  mark_row (self->organisation_row, FALSE);
  mark_row (self->role_row, FALSE);
}

static void
save_settings_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WbSetupPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autoptr(AdwToast) toast = NULL;

  if (wb_records_set_settings_finish (result, &error)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The vault exists; the name can still be set in the preferences. */
  message = wb_ui_describe_error (error);
  toast = wb_ui_toast_new (message);
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WbSetupPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *recovery_key = NULL;
  g_autofree char *display = NULL;
  g_autoptr(WbVault) vault = NULL;

  vault = wb_vault_create_finish (result, &recovery_key, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (vault == NULL)
    {
      g_autofree char *message = wb_ui_describe_error (error);

      gtk_label_set_text (self->status_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      return;
    }

  g_set_object (&self->vault, vault);

  /* Every signal records them (DOMAIN §3); the store fills them in. */
  {
    g_autofree char *organisation = dup_row_text (self->organisation_row);
    g_autofree char *role = dup_row_text (self->role_row);
    /* The retention default chosen in Preferences becomes the new vault's. */
    g_autoptr(GSettings) settings = g_settings_new (WB_SETTINGS_SCHEMA_ID);
    g_autofree char *months = g_strdup_printf ("%u", g_settings_get_uint (settings, "retention-months"));
    const char *pairs[] = {
      WB_RECORDS_SETTING_ORGANISATION, organisation,
      WB_RECORDS_SETTING_ROLE, role,
      WB_RECORDS_SETTING_RETENTION_MONTHS, months,
      /* Issue #7: one application for both; the kind decides who may
       * decide levels 5–7. */
      WB_RECORDS_SETTING_VAULT_KIND,
      gtk_check_button_get_active (self->kind_coordinator_check) ? "coordinator" : "municipality",
      NULL
    };

    if (organisation != NULL && role != NULL)
      wb_records_set_settings_async (wb_vault_get_store (vault), pairs, self->cancellable,
                                     save_settings_cb, g_object_ref (self));
  }

  g_clear_pointer (&self->recovery_key, g_free);
  self->recovery_key = g_steal_pointer (&recovery_key);

  display = group_for_display (self->recovery_key);
  gtk_label_set_text (self->recovery_label, display);
  gtk_check_button_set_active (self->stored_check, FALSE);
  wb_new_passphrase_clear (self->passphrase);
  gtk_stack_set_visible_child_name (self->steps, "recovery");
  gtk_widget_grab_focus (GTK_WIDGET (self->stored_check));
}

static void
create_clicked_cb (WbSetupPage *self)
{
  g_assert (WB_IS_SETUP_PAGE (self));

  if (gtk_spinner_get_spinning (self->spinner))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);

  if (!wb_new_passphrase_validate (self->passphrase))
    return;

  {
    g_autofree char *organisation = dup_row_text (self->organisation_row);
    g_autofree char *role = dup_row_text (self->role_row);

    mark_row (self->organisation_row, organisation == NULL);
    mark_row (self->role_row, role == NULL);
    if (organisation == NULL || role == NULL)
      {
        gtk_label_set_text (self->status_label,
                            _("Enter the name of your organisation and your role."));
        gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
        gtk_widget_grab_focus (GTK_WIDGET (organisation == NULL ? self->organisation_row
                                                                : self->role_row));
        return;
      }
  }

  set_busy (self, TRUE);
  wb_vault_create_async (self->vault_dir,
                         wb_new_passphrase_get_text (self->passphrase),
                         (WbVaultCost) self->kdf_cost,
                         self->cancellable,
                         create_cb,
                         g_object_ref (self));
}

static void
copy_clicked_cb (WbSetupPage *self)
{
  GdkClipboard *clipboard;
  g_autoptr(AdwToast) toast = NULL;

  g_assert (WB_IS_SETUP_PAGE (self));

  if (self->recovery_key == NULL)
    return;

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  gdk_clipboard_set_text (clipboard, self->recovery_key);
  toast = wb_ui_toast_new (_("Recovery key copied"));
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
continue_clicked_cb (WbSetupPage *self)
{
  g_autoptr(WbVault) vault = NULL;

  g_assert (WB_IS_SETUP_PAGE (self));

  if (self->vault == NULL || !gtk_check_button_get_active (self->stored_check))
    return;

  vault = g_steal_pointer (&self->vault);
  wb_setup_page_reset (self);
  g_signal_emit (self, signals[FINISHED], 0, vault);
}

static void
wb_setup_page_dispose (GObject *object)
{
  WbSetupPage *self = (WbSetupPage *)object;

  g_cancellable_cancel (self->cancellable);
  /* A vault created but never handed on must not stay open. */
  if (self->vault != NULL)
    wb_vault_lock (self->vault);
  g_clear_object (&self->vault);

  /* AdwBin 1.2 unparents its child again in its own dispose: detach it
   * first so the template teardown does not leave it a dangling pointer. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_SETUP_PAGE);

  G_OBJECT_CLASS (wb_setup_page_parent_class)->dispose (object);
}

static void
wb_setup_page_finalize (GObject *object)
{
  WbSetupPage *self = (WbSetupPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->recovery_key, g_free);
  g_clear_pointer (&self->vault_dir, g_free);

  G_OBJECT_CLASS (wb_setup_page_parent_class)->finalize (object);
}

static void
wb_setup_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WbSetupPage *self = WB_SETUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_VAULT_DIR:
      g_value_set_string (value, self->vault_dir);
      break;

    case PROP_KDF_COST:
      g_value_set_uint (value, self->kdf_cost);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_setup_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WbSetupPage *self = WB_SETUP_PAGE (object);

  switch (prop_id)
    {
    case PROP_VAULT_DIR:
      if (g_strcmp0 (self->vault_dir, g_value_get_string (value)) == 0)
        return;
      g_free (self->vault_dir);
      self->vault_dir = g_value_dup_string (value);
      g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_KDF_COST:
      if (self->kdf_cost == g_value_get_uint (value))
        return;
      self->kdf_cost = g_value_get_uint (value);
      g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_setup_page_class_init (WbSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_setup_page_dispose;
  object_class->finalize = wb_setup_page_finalize;
  object_class->get_property = wb_setup_page_get_property;
  object_class->set_property = wb_setup_page_set_property;

  properties[PROP_VAULT_DIR] =
    g_param_spec_string ("vault-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* A WbVaultCost; tests choose WB_VAULT_COST_MIN. */
  properties[PROP_KDF_COST] =
    g_param_spec_uint ("kdf-cost", NULL, NULL,
                       WB_VAULT_COST_MIN, WB_VAULT_COST_MODERATE, WB_VAULT_COST_MODERATE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WbSetupPage::finished:
   * @vault: the new, unlocked vault
   *
   * Emitted when the vault exists and the user confirmed storing the
   * recovery key.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, WB_TYPE_VAULT);

  /**
   * WbSetupPage::add-toast:
   * @toast: the toast to show; handlers take their own reference
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WbSetupPage, steps);
  gtk_widget_class_bind_template_child (widget_class, WbSetupPage, create_form);
  gtk_widget_class_bind_template_child (widget_class, WbSetupPage, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, WbSetupPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, WbSetupPage, kind_coordinator_check);
  gtk_widget_class_bind_template_child (widget_class, WbSetupPage, kind_municipality_check);
  gtk_widget_class_bind_template_child (widget_class, WbSetupPage, passphrase);
  gtk_widget_class_bind_template_child (widget_class, WbSetupPage, create_button);
  gtk_widget_class_bind_template_child (widget_class, WbSetupPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, WbSetupPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, WbSetupPage, recovery_label);
  gtk_widget_class_bind_template_child (widget_class, WbSetupPage, stored_check);
  gtk_widget_class_bind_template_child (widget_class, WbSetupPage, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, organisation_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);

  g_type_ensure (WB_TYPE_NEW_PASSPHRASE);
}

static void
wb_setup_page_init (WbSetupPage *self)
{
  self->kdf_cost = WB_VAULT_COST_MODERATE;
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * wb_setup_page_reset:
 *
 * Back to the first step with empty fields; forgets the recovery key.
 */
void
wb_setup_page_reset (WbSetupPage *self)
{
  g_return_if_fail (WB_IS_SETUP_PAGE (self));

  wb_new_passphrase_clear (self->passphrase);
  gtk_editable_set_text (GTK_EDITABLE (self->organisation_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->role_row), "");
  mark_row (self->organisation_row, FALSE);
  mark_row (self->role_row, FALSE);
  gtk_check_button_set_active (self->kind_municipality_check, TRUE);
  gtk_label_set_text (self->recovery_label, "");
  gtk_check_button_set_active (self->stored_check, FALSE);
  g_clear_pointer (&self->recovery_key, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_stack_set_visible_child_name (self->steps, "create");
}
