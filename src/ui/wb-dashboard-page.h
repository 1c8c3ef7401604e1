/* wb-dashboard-page.h — the coordinator's picture: counts over time, by level and municipality
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_DASHBOARD_PAGE (wb_dashboard_page_get_type ())

G_DECLARE_FINAL_TYPE (WbDashboardPage, wb_dashboard_page, WB, DASHBOARD_PAGE, AdwBin)

typedef enum
{
  WB_DASHBOARD_PERIOD_ALL,
  WB_DASHBOARD_PERIOD_LAST_12_MONTHS,
  WB_DASHBOARD_PERIOD_THIS_YEAR,
  WB_DASHBOARD_PERIOD_LAST_YEAR,
} WbDashboardPeriod;

GtkWidget   *wb_dashboard_page_new          (WbStore          *store);
WbStore     *wb_dashboard_page_get_store    (WbDashboardPage  *self);
void         wb_dashboard_page_set_store    (WbDashboardPage  *self,
                                             WbStore          *store);
/* Counts again in a worker (R11); "loading" is TRUE until it is shown. */
void         wb_dashboard_page_reload       (WbDashboardPage  *self);
gboolean     wb_dashboard_page_get_loading  (WbDashboardPage  *self);
/* The aggregate on screen, or NULL before the first load.  Borrowed. */
const WbAggregate *wb_dashboard_page_get_aggregate (WbDashboardPage *self);

/* The months a preset covers on @today (pure; for tests). */
void         wb_dashboard_period_to_query   (WbDashboardPeriod  period,
                                             GDateTime         *today,
                                             char             **from_month,
                                             char             **to_month);

G_END_DECLS
