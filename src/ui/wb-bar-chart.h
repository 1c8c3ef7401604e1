/* wb-bar-chart.h — horizontal or vertical (stacked) bars, with a text alternative
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WB_TYPE_BAR_CHART (wb_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (WbBarChart, wb_bar_chart, WB, BAR_CHART, GtkWidget)

GtkWidget  *wb_bar_chart_new           (GtkOrientation       orientation);
/* Sets the accessible label: what the chart shows. */
void        wb_bar_chart_set_title     (WbBarChart          *self,
                                        const char          *title);
/* @n_bars bars, each a stack of @n_series values ([bar * n_series + series]);
 * @series_labels may be NULL when @n_series is 1.  Copied. */
void        wb_bar_chart_set_data      (WbBarChart          *self,
                                        guint                n_bars,
                                        const char * const  *bar_labels,
                                        guint                n_series,
                                        const char * const  *series_labels,
                                        const gint64        *values);
guint       wb_bar_chart_get_n_bars    (WbBarChart          *self);
/* The same numbers as text, for screen readers and keyboard users:
 * replaces @grid's children with one row per bar. */
void        wb_bar_chart_fill_grid     (WbBarChart          *self,
                                        GtkGrid             *grid);

G_END_DECLS
