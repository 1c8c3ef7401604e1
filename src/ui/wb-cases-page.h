/* wb-cases-page.h — named groups of signals (a campaign, one target …)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_CASES_PAGE (wb_cases_page_get_type ())

G_DECLARE_FINAL_TYPE (WbCasesPage, wb_cases_page, WB, CASES_PAGE, AdwBin)

/* Where a toast goes: a widget's ::add-toast, or its nearest overlay. */
typedef void (*WbAddToastFunc) (GtkWidget *target,
                                AdwToast  *toast);

GtkWidget  *wb_cases_page_new              (WbStore      *store);
WbStore    *wb_cases_page_get_store        (WbCasesPage  *self);
void        wb_cases_page_set_store        (WbCasesPage  *self,
                                            WbStore      *store);
/* Reloads the cases in a worker. */
void        wb_cases_page_reload           (WbCasesPage  *self);
void        wb_cases_page_create_case      (WbCasesPage  *self,
                                            const char   *name);
/* Shows the signals of case @kase (UUID). */
void        wb_cases_page_open_case        (WbCasesPage  *self,
                                            const char   *kase);
/* (element-type WbCase) (transfer none) the cases listed, or NULL */
GPtrArray  *wb_cases_page_get_cases        (WbCasesPage  *self);
/* The number of signals listed for the open case. */
guint       wb_cases_page_get_n_case_signals (WbCasesPage *self);
gboolean    wb_cases_page_get_busy         (WbCasesPage  *self);

/* "Add to case…": a dialog to choose a case or name a new one, then adds
 * @uuid to it, with an Undo toast through @add_toast (@target). */
void        wb_cases_add_signal_dialog_present (GtkWidget      *target,
                                                WbAddToastFunc  add_toast,
                                                WbStore        *store,
                                                const char     *uuid);
/* What the dialog does on "Add": into case @kase (UUID or name), or into a
 * new case called @new_name when that is not NULL. */
void        wb_cases_add_signal            (GtkWidget      *target,
                                            WbAddToastFunc  add_toast,
                                            WbStore        *store,
                                            const char     *kase,
                                            const char     *new_name,
                                            const char     *uuid);

G_END_DECLS
