/* wb-signal-list-page.h — find, read and follow up the vault's signals
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_SIGNAL_LIST_PAGE (wb_signal_list_page_get_type ())

G_DECLARE_FINAL_TYPE (WbSignalListPage, wb_signal_list_page, WB, SIGNAL_LIST_PAGE, AdwBin)

WbStore      *wb_signal_list_page_get_store      (WbSignalListPage *self);
/* NULL on lock: the loaded signals are dropped at once; filters, sort and
 * the selected signal are kept and restored after the next unlock. */
void          wb_signal_list_page_set_store      (WbSignalListPage *self,
                                                  WbStore          *store);
WbSignalList *wb_signal_list_page_get_model      (WbSignalListPage *self);
/* (transfer none) the signal shown in the detail view, or NULL */
WbSignal     *wb_signal_list_page_get_selected   (WbSignalListPage *self);
gboolean      wb_signal_list_page_select         (WbSignalListPage *self,
                                                  const char       *uuid);
void          wb_signal_list_page_focus_search   (WbSignalListPage *self);
/* Opens the editor for a new signal. */
void          wb_signal_list_page_new_signal     (WbSignalListPage *self);

G_END_DECLS
