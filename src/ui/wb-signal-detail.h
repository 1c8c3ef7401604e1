/* wb-signal-detail.h — every field of one signal, and its ladder
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-attachments-group.h"
#include "wb-core.h"
#include "wb-links-group.h"

G_BEGIN_DECLS

#define WB_TYPE_SIGNAL_DETAIL (wb_signal_detail_get_type ())

G_DECLARE_FINAL_TYPE (WbSignalDetail, wb_signal_detail, WB, SIGNAL_DETAIL, AdwBin)

WbSignal *wb_signal_detail_get_signal     (WbSignalDetail *self);
WbStore  *wb_signal_detail_get_store      (WbSignalDetail *self);
/* @store: (nullable); shows attachments, links and cases when set */
void      wb_signal_detail_set_store      (WbSignalDetail *self,
                                           WbStore        *store);
WbAttachmentsGroup *wb_signal_detail_get_attachments_group (WbSignalDetail *self);
WbLinksGroup       *wb_signal_detail_get_links_group       (WbSignalDetail *self);
/* @signal: (nullable); rebuilds the rows and empties the timeline */
void      wb_signal_detail_set_signal     (WbSignalDetail *self,
                                           WbSignal       *signal);
/* @decisions: (nullable) (element-type WbDecision) */
void      wb_signal_detail_set_decisions  (WbSignalDetail *self,
                                           GPtrArray      *decisions);

G_END_DECLS
