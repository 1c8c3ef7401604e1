/* wb-unlock-page.c — open a locked vault with the passphrase or recovery key
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-unlock-page"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-core.h"
#include "wb-new-passphrase.h"
#include "wb-ui-errors.h"
#include "wb-unlock-page.h"

struct _WbUnlockPage
{
  AdwBin           parent_instance;

  char            *vault_dir;
  guint            kdf_cost;
  GCancellable    *cancellable;
  /* Opened with the recovery key, waiting for its new passphrase. */
  WbVault         *recovered;
  gboolean         busy;

  GtkStack        *steps;
  GtkWidget       *passphrase_form;
  AdwEntryRow     *passphrase_row;
  GtkLabel        *passphrase_error;
  GtkSpinner      *passphrase_spinner;
  GtkWidget       *recovery_form;
  AdwEntryRow     *recovery_row;
  GtkLabel        *recovery_error;
  GtkSpinner      *recovery_spinner;
  GtkWidget       *new_form;
  WbNewPassphrase *new_passphrase;
  GtkLabel        *new_error;
  GtkSpinner      *new_spinner;
};

G_DEFINE_FINAL_TYPE (WbUnlockPage, wb_unlock_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VAULT_DIR,
  PROP_KDF_COST,
  N_PROPS
};

enum {
  UNLOCKED,
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char *dir;
  char *recovery_key;
} RecoveryData;

static void
recovery_data_free (RecoveryData *data)
{
  g_free (data->dir);
  g_free (data->recovery_key);
  g_free (data);
}

static void
set_busy (WbUnlockPage *self,
          GtkWidget    *form,
          GtkSpinner   *spinner,
          gboolean      busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (form, !busy);
  gtk_spinner_set_spinning (spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (spinner), busy);
}

static void
show_error (GtkLabel     *label,
            const GError *error)
{
  g_autofree char *message = wb_ui_describe_error (error);

  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static void
hide_errors (WbUnlockPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_error), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->recovery_error), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->new_error), FALSE);
}

static void
unlock_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WbUnlockPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;

  vault = wb_vault_unlock_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, self->passphrase_form, self->passphrase_spinner, FALSE);

  if (vault == NULL)
    {
      show_error (self->passphrase_error, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      gtk_editable_select_region (GTK_EDITABLE (self->passphrase_row), 0, -1);
      return;
    }

  wb_unlock_page_reset (self);
  g_signal_emit (self, signals[UNLOCKED], 0, vault);
}

static void
unlock_clicked_cb (WbUnlockPage *self)
{
  const char *passphrase;

  g_assert (WB_IS_UNLOCK_PAGE (self));

  if (self->busy)
    return;

  hide_errors (self);
  passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  if (passphrase[0] == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }

  set_busy (self, self->passphrase_form, self->passphrase_spinner, TRUE);
  wb_vault_unlock_async (self->vault_dir, passphrase, self->cancellable,
                         unlock_cb, g_object_ref (self));
}

static void
use_recovery_clicked_cb (WbUnlockPage *self)
{
  g_assert (WB_IS_UNLOCK_PAGE (self));

  hide_errors (self);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_stack_set_visible_child_name (self->steps, "recovery");
  gtk_widget_grab_focus (GTK_WIDGET (self->recovery_row));
}

static void
back_clicked_cb (WbUnlockPage *self)
{
  g_assert (WB_IS_UNLOCK_PAGE (self));

  if (self->busy)
    return;

  wb_unlock_page_reset (self);
  wb_unlock_page_grab_focus (self);
}

/* Core offers only a synchronous recovery-key unlock; Argon2 is not
 * involved but the database is opened and checked, so keep it off the main
 * thread (R11).  The worker never touches GTK. */
static void
unlock_recovery_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  RecoveryData *data = task_data;
  g_autoptr(GError) error = NULL;
  WbVault *vault;

  vault = wb_vault_unlock_with_recovery_key (data->dir, data->recovery_key,
                                             cancellable, &error);
  if (vault == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, vault, g_object_unref);
}

static void
unlock_recovery_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  WbUnlockPage *self = WB_UNLOCK_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;

  vault = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, self->recovery_form, self->recovery_spinner, FALSE);

  if (vault == NULL)
    {
      show_error (self->recovery_error, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->recovery_row));
      return;
    }

  g_set_object (&self->recovered, vault);
  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");
  wb_new_passphrase_clear (self->new_passphrase);
  gtk_stack_set_visible_child_name (self->steps, "new-passphrase");
  wb_new_passphrase_grab_focus (self->new_passphrase);
}

static void
recovery_unlock_clicked_cb (WbUnlockPage *self)
{
  g_autoptr(GTask) task = NULL;
  RecoveryData *data;
  const char *key;

  g_assert (WB_IS_UNLOCK_PAGE (self));

  if (self->busy)
    return;

  hide_errors (self);
  key = gtk_editable_get_text (GTK_EDITABLE (self->recovery_row));
  if (key[0] == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->recovery_row));
      return;
    }

  data = g_new0 (RecoveryData, 1);
  data->dir = g_strdup (self->vault_dir);
  data->recovery_key = g_strdup (key);

  set_busy (self, self->recovery_form, self->recovery_spinner, TRUE);

  /* The task holds a reference on the page, so the callback is safe even if
   * the window closes meanwhile; the cancellable tells it to stand down. */
  task = g_task_new (self, self->cancellable, unlock_recovery_cb, NULL);
  g_task_set_source_tag (task, recovery_unlock_clicked_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) recovery_data_free);
  g_task_run_in_thread (task, unlock_recovery_thread);
}

static void
change_passphrase_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(WbUnlockPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(AdwToast) toast = NULL;

  if (!wb_vault_change_passphrase_finish (WB_VAULT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_busy (self, self->new_form, self->new_spinner, FALSE);
      show_error (self->new_error, error);
      return;
    }

  set_busy (self, self->new_form, self->new_spinner, FALSE);
  vault = g_steal_pointer (&self->recovered);
  wb_unlock_page_reset (self);

  toast = wb_ui_toast_new (_("New passphrase saved"));
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
  g_signal_emit (self, signals[UNLOCKED], 0, vault);
}

static void
save_passphrase_clicked_cb (WbUnlockPage *self)
{
  g_assert (WB_IS_UNLOCK_PAGE (self));

  if (self->busy || self->recovered == NULL)
    return;

  hide_errors (self);
  if (!wb_new_passphrase_validate (self->new_passphrase))
    return;

  set_busy (self, self->new_form, self->new_spinner, TRUE);
  wb_vault_change_passphrase_async (self->recovered,
                                    wb_new_passphrase_get_text (self->new_passphrase),
                                    (WbVaultCost) self->kdf_cost,
                                    self->cancellable,
                                    change_passphrase_cb,
                                    g_object_ref (self));
}

static void
wb_unlock_page_dispose (GObject *object)
{
  WbUnlockPage *self = (WbUnlockPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->recovered != NULL)
    wb_vault_lock (self->recovered);
  g_clear_object (&self->recovered);

  /* AdwBin 1.2 unparents its child again in its own dispose: detach it
   * first so the template teardown does not leave it a dangling pointer. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_UNLOCK_PAGE);

  G_OBJECT_CLASS (wb_unlock_page_parent_class)->dispose (object);
}

static void
wb_unlock_page_finalize (GObject *object)
{
  WbUnlockPage *self = (WbUnlockPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->vault_dir, g_free);

  G_OBJECT_CLASS (wb_unlock_page_parent_class)->finalize (object);
}

static void
wb_unlock_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WbUnlockPage *self = WB_UNLOCK_PAGE (object);

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
wb_unlock_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WbUnlockPage *self = WB_UNLOCK_PAGE (object);

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
wb_unlock_page_class_init (WbUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_unlock_page_dispose;
  object_class->finalize = wb_unlock_page_finalize;
  object_class->get_property = wb_unlock_page_get_property;
  object_class->set_property = wb_unlock_page_set_property;

  properties[PROP_VAULT_DIR] =
    g_param_spec_string ("vault-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* A WbVaultCost for the new passphrase after a recovery. */
  properties[PROP_KDF_COST] =
    g_param_spec_uint ("kdf-cost", NULL, NULL,
                       WB_VAULT_COST_MIN, WB_VAULT_COST_MODERATE, WB_VAULT_COST_MODERATE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WbUnlockPage::unlocked:
   * @vault: the unlocked vault
   */
  signals[UNLOCKED] =
    g_signal_new ("unlocked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, WB_TYPE_VAULT);

  /**
   * WbUnlockPage::add-toast:
   * @toast: the toast to show; handlers take their own reference
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WbUnlockPage, steps);
  gtk_widget_class_bind_template_child (widget_class, WbUnlockPage, passphrase_form);
  gtk_widget_class_bind_template_child (widget_class, WbUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, WbUnlockPage, passphrase_error);
  gtk_widget_class_bind_template_child (widget_class, WbUnlockPage, passphrase_spinner);
  gtk_widget_class_bind_template_child (widget_class, WbUnlockPage, recovery_form);
  gtk_widget_class_bind_template_child (widget_class, WbUnlockPage, recovery_row);
  gtk_widget_class_bind_template_child (widget_class, WbUnlockPage, recovery_error);
  gtk_widget_class_bind_template_child (widget_class, WbUnlockPage, recovery_spinner);
  gtk_widget_class_bind_template_child (widget_class, WbUnlockPage, new_form);
  gtk_widget_class_bind_template_child (widget_class, WbUnlockPage, new_passphrase);
  gtk_widget_class_bind_template_child (widget_class, WbUnlockPage, new_error);
  gtk_widget_class_bind_template_child (widget_class, WbUnlockPage, new_spinner);
  gtk_widget_class_bind_template_callback (widget_class, unlock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_recovery_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, recovery_unlock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_passphrase_clicked_cb);

  g_type_ensure (WB_TYPE_NEW_PASSPHRASE);
}

static void
wb_unlock_page_init (WbUnlockPage *self)
{
  self->kdf_cost = WB_VAULT_COST_MODERATE;
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * wb_unlock_page_reset:
 *
 * Clears every entry and message and returns to the passphrase step.  A
 * vault opened with the recovery key but not yet given a new passphrase is
 * locked again.
 */
void
wb_unlock_page_reset (WbUnlockPage *self)
{
  g_return_if_fail (WB_IS_UNLOCK_PAGE (self));

  if (self->recovered != NULL)
    wb_vault_lock (self->recovered);
  g_clear_object (&self->recovered);

  hide_errors (self);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");
  wb_new_passphrase_clear (self->new_passphrase);
  gtk_stack_set_visible_child_name (self->steps, "passphrase");
}

void
wb_unlock_page_grab_focus (WbUnlockPage *self)
{
  g_return_if_fail (WB_IS_UNLOCK_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}
