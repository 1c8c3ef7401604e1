/* wb-matches-page.h — the same actor seen by several municipalities (issue #7)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_MATCHES_PAGE (wb_matches_page_get_type ())

G_DECLARE_FINAL_TYPE (WbMatchesPage, wb_matches_page, WB, MATCHES_PAGE, AdwBin)

GtkWidget  *wb_matches_page_new          (WbStore       *store);
void        wb_matches_page_reload       (WbMatchesPage *self);
gboolean    wb_matches_page_get_loading  (WbMatchesPage *self);
/* (element-type WbMatch) (transfer none) as listed, or NULL */
GPtrArray  *wb_matches_page_get_matches  (WbMatchesPage *self);
/* A case named @name holding the signals of the match @token (what the
 * row's "Make a Case" dialog does). */
void        wb_matches_page_create_case  (WbMatchesPage *self,
                                          const char    *token,
                                          const char    *name);

G_END_DECLS
