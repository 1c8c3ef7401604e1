/* wb-provenance-group.h — where an imported signal came from (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_PROVENANCE_GROUP (wb_provenance_group_get_type ())

G_DECLARE_FINAL_TYPE (WbProvenanceGroup, wb_provenance_group, WB, PROVENANCE_GROUP, AdwPreferencesGroup)

GtkWidget *wb_provenance_group_new          (void);
/* @store and @uuid: (nullable); loads in a worker, and hides the group
 * for a signal recorded in this vault. */
void       wb_provenance_group_set_signal   (WbProvenanceGroup *self,
                                             WbStore           *store,
                                             const char        *uuid);
gboolean   wb_provenance_group_get_loading  (WbProvenanceGroup *self);
guint      wb_provenance_group_get_n_items  (WbProvenanceGroup *self);

G_END_DECLS
