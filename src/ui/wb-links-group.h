/* wb-links-group.h — a signal's typed links to other signals
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_LINKS_GROUP (wb_links_group_get_type ())

G_DECLARE_FINAL_TYPE (WbLinksGroup, wb_links_group, WB, LINKS_GROUP, AdwPreferencesGroup)

/* The translated name of a link type, "Same campaign". */
const char *wb_link_type_get_label      (WbLinkType    type);

/* @store and @uuid: (nullable); reloads the links in a worker */
void        wb_links_group_set_signal   (WbLinksGroup *self,
                                         WbStore      *store,
                                         const char   *uuid);
/* Links the shown signal to @other. */
void        wb_links_group_link         (WbLinksGroup *self,
                                         const char   *other,
                                         WbLinkType    type);
/* Removes that link, with an Undo toast. */
void        wb_links_group_unlink       (WbLinksGroup *self,
                                         const char   *other,
                                         WbLinkType    type);
/* The number of links listed. */
guint       wb_links_group_get_n_links  (WbLinksGroup *self);
/* TRUE while a load, link or unlink runs */
gboolean    wb_links_group_get_busy     (WbLinksGroup *self);

G_END_DECLS
