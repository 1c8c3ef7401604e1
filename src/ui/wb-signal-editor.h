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

G_END_DECLS
