/* wb-review-page.h — signals past their review date: review, hold, purge
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_REVIEW_PAGE (wb_review_page_get_type ())

G_DECLARE_FINAL_TYPE (WbReviewPage, wb_review_page, WB, REVIEW_PAGE, AdwBin)

GtkWidget  *wb_review_page_new         (WbStore      *store);
WbStore    *wb_review_page_get_store   (WbReviewPage *self);
void        wb_review_page_set_store   (WbReviewPage *self,
                                        WbStore      *store);
const char *wb_review_page_get_today   (WbReviewPage *self);
void        wb_review_page_set_today   (WbReviewPage *self,
                                        const char   *today);
void        wb_review_page_reload      (WbReviewPage *self);
gboolean    wb_review_page_get_loading (WbReviewPage *self);
guint       wb_review_page_get_n_items (WbReviewPage *self);

G_END_DECLS
