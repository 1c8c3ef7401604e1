/* wb-dialogs.c — dialogs as asynchronous operations (R12)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-dialogs.h"
#include "wb-new-passphrase.h"

static void
new_passphrase_changed_cb (AdwMessageDialog *dialog,
                           WbNewPassphrase  *form)
{
  adw_message_dialog_set_response_enabled (dialog, "change",
                                           wb_new_passphrase_is_acceptable (form));
}

static void
new_passphrase_activate_cb (AdwMessageDialog *dialog,
                            WbNewPassphrase  *form)
{
  if (wb_new_passphrase_validate (form))
    adw_message_dialog_response (dialog, "change");
}

static void
new_passphrase_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            GTask            *task)
{
  WbNewPassphrase *form = WB_NEW_PASSPHRASE (adw_message_dialog_get_extra_child (dialog));

  if (g_object_get_data (G_OBJECT (task), "wb-returned") != NULL)
    return;
  g_object_set_data (G_OBJECT (task), "wb-returned", GINT_TO_POINTER (TRUE));

  if (g_strcmp0 (response, "change") == 0 && wb_new_passphrase_is_acceptable (form))
    g_task_return_pointer (task, g_strdup (wb_new_passphrase_get_text (form)), g_free);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The dialog was dismissed");

  wb_new_passphrase_clear (form);
}

/**
 * wb_new_passphrase_dialog_run_async:
 * @parent: the window the dialog belongs to
 *
 * Asks for a new passphrase, typed twice.  Finishes with the passphrase, or
 * with %G_IO_ERROR_CANCELLED when the user closes the dialog.
 */
void
wb_new_passphrase_dialog_run_async (GtkWindow           *parent,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *form;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_new_passphrase_dialog_run_async);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       _("Change Passphrase"),
                                                       _("The new passphrase replaces the current one at once. Your recovery key stays the same.")));
  gtk_widget_set_name (GTK_WIDGET (dialog), "change-passphrase-dialog");

  form = g_object_new (WB_TYPE_NEW_PASSPHRASE, NULL);
  adw_message_dialog_set_extra_child (dialog, form);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "change", _("C_hange"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "change", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "change", FALSE);
  adw_message_dialog_set_default_response (dialog, "change");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_signal_connect_object (form, "changed", G_CALLBACK (new_passphrase_changed_cb),
                           dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (form, "activate", G_CALLBACK (new_passphrase_activate_cb),
                           dialog, G_CONNECT_SWAPPED);
  /* The signal closure owns the task (R12). */
  g_signal_connect_data (dialog, "response",
                         G_CALLBACK (new_passphrase_response_cb),
                         g_steal_pointer (&task),
                         (GClosureNotify) g_object_unref, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  wb_new_passphrase_grab_focus (WB_NEW_PASSPHRASE (form));
}

/**
 * wb_new_passphrase_dialog_run_finish:
 *
 * Returns: (transfer full): the new passphrase, or %NULL with @error set
 */
char *
wb_new_passphrase_dialog_run_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wb_new_passphrase_dialog_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
