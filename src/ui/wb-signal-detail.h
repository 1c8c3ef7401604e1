/* wb-signal-detail.h — every field of one signal, and its ladder
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_SIGNAL_DETAIL (wb_signal_detail_get_type ())

G_DECLARE_FINAL_TYPE (WbSignalDetail, wb_signal_detail, WB, SIGNAL_DETAIL, AdwBin)

WbSignal *wb_signal_detail_get_signal     (WbSignalDetail *self);
/* @signal: (nullable); rebuilds the rows and empties the timeline */
void      wb_signal_detail_set_signal     (WbSignalDetail *self,
                                           WbSignal       *signal);
/* @decisions: (nullable) (element-type WbDecision) */
void      wb_signal_detail_set_decisions  (WbSignalDetail *self,
                                           GPtrArray      *decisions);

G_END_DECLS
