/* wb-escalation-dialog.h — move a signal up or down the ladder, with reasons
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_ESCALATION_DIALOG (wb_escalation_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WbEscalationDialog, wb_escalation_dialog, WB, ESCALATION_DIALOG, AdwWindow)

/* @escalate: TRUE for "Escalate…", FALSE for "De-escalate…" (which also
 * offers closing).  Emits ::decided (WbSignal *after) and closes once the
 * decision is stored. */
GtkWidget  *wb_escalation_dialog_new          (GtkWindow          *parent,
                                               WbStore            *store,
                                               WbSignal           *signal,
                                               gboolean            escalate);
/* The level chosen (for closing: the current level). */
int         wb_escalation_dialog_get_to_level (WbEscalationDialog *self);
gboolean    wb_escalation_dialog_set_to_level (WbEscalationDialog *self,
                                               int                 level);
/* (transfer full) the decision as the form describes it */
WbDecision *wb_escalation_dialog_dup_decision (WbEscalationDialog *self);

G_END_DECLS
