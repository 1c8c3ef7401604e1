/* wb-ladder-view.h — a signal's level and its decisions as a timeline
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_LADDER_VIEW (wb_ladder_view_get_type ())

G_DECLARE_FINAL_TYPE (WbLadderView, wb_ladder_view, WB, LADDER_VIEW, AdwBin)

GtkWidget *wb_ladder_view_new            (void);
void       wb_ladder_view_set_level      (WbLadderView *self,
                                          int           level);
/* @decisions: (nullable) (element-type WbDecision): oldest first */
void       wb_ladder_view_set_decisions  (WbLadderView *self,
                                          GPtrArray    *decisions);
guint      wb_ladder_view_get_n_decisions (WbLadderView *self);

/* "Level 3 — Local intervention", translated. */
char      *wb_ladder_dup_level_title     (int           level);

G_END_DECLS
