/* wb-conflicts-page.h — imported versions that differ from ours (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_CONFLICTS_PAGE (wb_conflicts_page_get_type ())

G_DECLARE_FINAL_TYPE (WbConflictsPage, wb_conflicts_page, WB, CONFLICTS_PAGE, AdwBin)

GtkWidget  *wb_conflicts_page_new            (WbStore         *store);
void        wb_conflicts_page_reload         (WbConflictsPage *self);
gboolean    wb_conflicts_page_get_loading    (WbConflictsPage *self);
/* (element-type WbConflict) (transfer none) as listed, or NULL */
GPtrArray  *wb_conflicts_page_get_conflicts  (WbConflictsPage *self);
/* What "Keep Ours" and "Take Theirs" do. */
void        wb_conflicts_page_resolve        (WbConflictsPage *self,
                                              gint64           id,
                                              gboolean         take_theirs);

G_END_DECLS
