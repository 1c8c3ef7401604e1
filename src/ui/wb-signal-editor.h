/* wb-signal-editor.h — record a new signal or edit one
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_SIGNAL_EDITOR (wb_signal_editor_get_type ())

G_DECLARE_FINAL_TYPE (WbSignalEditor, wb_signal_editor, WB, SIGNAL_EDITOR, AdwWindow)

/* @signal: (nullable): the signal to edit (copied), NULL for a new one.
 * Emits ::saved (WbSignal *stored) and closes after a successful save. */
GtkWidget  *wb_signal_editor_new              (GtkWindow      *parent,
                                               WbStore        *store,
                                               WbSignal       *signal);
/* (transfer full) the signal as the form describes it now */
WbSignal   *wb_signal_editor_dup_signal       (WbSignalEditor *self);
/* The validation message shown, or NULL when the form is valid. */
const char *wb_signal_editor_get_problem      (WbSignalEditor *self);

/* Called after an Undo toast's work: the signal as restored, or NULL
 * and why not (e.g. WB_RECORDS_ERROR_CONFLICT). */
typedef void (*WbSignalRestoredFunc) (gpointer      receiver,
                                      WbSignal     *restored,
                                      const GError *error);

/* The "Signal saved" toast for ::saved.  After an edit (revision > 1) it
 * offers Undo: the previous revision's content is stored as a new
 * revision (history is never rewritten); level, closing and legal hold
 * stay as they are; refused when the signal changed again meanwhile.
 * @func runs when the Undo finished, if @receiver is still alive. */
AdwToast   *wb_signal_editor_create_saved_toast (WbStore             *store,
                                                 WbSignal            *saved,
                                                 GObject             *receiver,
                                                 WbSignalRestoredFunc func);
/* The Undo itself: restores the revision before @revision of @uuid, as
 * long as @revision is still the current one (else CONFLICT). */
void        wb_signal_editor_undo_edit_async  (WbStore             *store,
                                               const char          *uuid,
                                               guint                revision,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
WbSignal   *wb_signal_editor_undo_edit_finish (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
