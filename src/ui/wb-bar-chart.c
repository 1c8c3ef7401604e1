/* wb-bar-chart.c — horizontal or vertical (stacked) bars, with a text alternative
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-bar-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-bar-chart.h"

#define ROW_HEIGHT    22
#define CHART_HEIGHT  180
#define AXIS_HEIGHT   20
#define LEGEND_HEIGHT 20
#define VALUE_WIDTH   56

struct _WbBarChart
{
  GtkWidget        parent_instance;

  GtkOrientation   orientation;
  guint            n_bars;
  guint            n_series;
  GStrv            bar_labels;
  GStrv            series_labels;
  gint64          *values;
};

G_DEFINE_FINAL_TYPE (WbBarChart, wb_bar_chart, GTK_TYPE_WIDGET)

/* GNOME palette: blue, green, yellow, orange, red, purple, brown, and two
 * darker blue/green, one per top-level category. */
static const GdkRGBA palette[] = {
  { 0.21, 0.52, 0.89, 1 }, { 0.20, 0.82, 0.48, 1 }, { 0.96, 0.76, 0.07, 1 },
  { 1.00, 0.47, 0.00, 1 }, { 0.88, 0.11, 0.14, 1 }, { 0.57, 0.25, 0.67, 1 },
  { 0.60, 0.45, 0.28, 1 }, { 0.10, 0.37, 0.71, 1 }, { 0.15, 0.64, 0.41, 1 },
};

static gint64
bar_total (WbBarChart *self,
           guint       bar)
{
  gint64 total = 0;

  for (guint s = 0; s < self->n_series; s++)
    total += self->values[bar * self->n_series + s];
  return total;
}

static gint64
max_total (WbBarChart *self)
{
  gint64 max = 1;

  for (guint b = 0; b < self->n_bars; b++)
    max = MAX (max, bar_total (self, b));
  return max;
}

static GdkRGBA
text_color (WbBarChart *self)
{
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  return color;
}

static void
append_text (WbBarChart  *self,
             GtkSnapshot *snapshot,
             const char  *text,
             float        x,
             float        y,
             int          width,
             gboolean     align_right)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  GdkRGBA color = text_color (self);
  int w, h;

  if (width > 0)
    {
      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  if (align_right && width > 0)
    x += width - w;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static int
legend_height (WbBarChart *self)
{
  return self->n_series > 1 ? LEGEND_HEIGHT : 0;
}

static void
snapshot_legend (WbBarChart  *self,
                 GtkSnapshot *snapshot,
                 int          width)
{
  float x = 0;
  int slot;

  if (self->n_series <= 1 || self->series_labels == NULL)
    return;
  slot = MAX (width / (int) self->n_series, 24);
  for (guint s = 0; s < self->n_series; s++, x += slot)
    {
      gtk_snapshot_append_color (snapshot, &palette[s % G_N_ELEMENTS (palette)],
                                 &GRAPHENE_RECT_INIT (x, 4, 10, 10));
      append_text (self, snapshot, self->series_labels[s], x + 14, 0, slot - 16, FALSE);
    }
}

static void
wb_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  WbBarChart *self = (WbBarChart *) widget;
  int width = gtk_widget_get_width (widget);
  gint64 max;

  g_assert (WB_IS_BAR_CHART (self));

  if (self->n_bars == 0)
    return;
  max = max_total (self);
  snapshot_legend (self, snapshot, width);

  if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int label_w = MIN (width * 2 / 5, 260);
      int bar_w = MAX (width - label_w - VALUE_WIDTH - 12, 10);
      float y = legend_height (self);

      for (guint b = 0; b < self->n_bars; b++, y += ROW_HEIGHT)
        {
          float x = label_w + 6;
          char value[32];

          append_text (self, snapshot, self->bar_labels[b], 0, y + 2, label_w, FALSE);
          for (guint s = 0; s < self->n_series; s++)
            {
              float w = (float) bar_w * self->values[b * self->n_series + s] / max;

              gtk_snapshot_append_color (snapshot, &palette[s % G_N_ELEMENTS (palette)],
                                         &GRAPHENE_RECT_INIT (x, y + 4, w, ROW_HEIGHT - 8));
              x += w;
            }
          g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, bar_total (self, b));
          append_text (self, snapshot, value, label_w + 6 + bar_w + 6, y + 2, VALUE_WIDTH, TRUE);
        }
    }
  else
    {
      float top = legend_height (self);
      float slot = (float) width / self->n_bars;
      GdkRGBA axis = text_color (self);

      axis.alpha = 0.3f;
      for (guint b = 0; b < self->n_bars; b++)
        {
          float bottom = top + CHART_HEIGHT;

          for (guint s = 0; s < self->n_series; s++)
            {
              float h = (float) CHART_HEIGHT * self->values[b * self->n_series + s] / max;

              gtk_snapshot_append_color (snapshot, &palette[s % G_N_ELEMENTS (palette)],
                                         &GRAPHENE_RECT_INIT (b * slot + slot * 0.15f, bottom - h,
                                                              MAX (slot * 0.7f, 1.f), h));
              bottom -= h;
            }
        }
      gtk_snapshot_append_color (snapshot, &axis, &GRAPHENE_RECT_INIT (0, top + CHART_HEIGHT, width, 1));
      append_text (self, snapshot, self->bar_labels[0], 0, top + CHART_HEIGHT + 2, width / 2, FALSE);
      if (self->n_bars > 1)
        append_text (self, snapshot, self->bar_labels[self->n_bars - 1],
                     width / 2, top + CHART_HEIGHT + 2, width / 2, TRUE);
    }
}

static void
wb_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  WbBarChart *self = (WbBarChart *) widget;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = legend_height (self) + (int) self->n_bars * ROW_HEIGHT;
  else
    *minimum = *natural = legend_height (self) + CHART_HEIGHT + AXIS_HEIGHT;
}

static void
wb_bar_chart_finalize (GObject *object)
{
  WbBarChart *self = (WbBarChart *) object;

  g_clear_pointer (&self->bar_labels, g_strfreev);
  g_clear_pointer (&self->series_labels, g_strfreev);
  g_clear_pointer (&self->values, g_free);

  G_OBJECT_CLASS (wb_bar_chart_parent_class)->finalize (object);
}

static void
wb_bar_chart_class_init (WbBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = wb_bar_chart_finalize;
  widget_class->snapshot = wb_bar_chart_snapshot;
  widget_class->measure = wb_bar_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
wb_bar_chart_init (WbBarChart *self)
{
  self->orientation = GTK_ORIENTATION_HORIZONTAL;
  self->n_series = 1;
}

GtkWidget *
wb_bar_chart_new (GtkOrientation orientation)
{
  WbBarChart *self = g_object_new (WB_TYPE_BAR_CHART, NULL);

  self->orientation = orientation;
  return GTK_WIDGET (self);
}

void
wb_bar_chart_set_title (WbBarChart *self,
                        const char *title)
{
  g_return_if_fail (WB_IS_BAR_CHART (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static char *
dup_bar_text (WbBarChart *self,
              guint       bar)
{
  char value[32];

  g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, bar_total (self, bar));
  /* Translators: a bar in a chart: its label and its number */
  return g_strdup_printf (_("%s: %s"), self->bar_labels[bar], value);
}

void
wb_bar_chart_set_data (WbBarChart         *self,
                       guint               n_bars,
                       const char * const *bar_labels,
                       guint               n_series,
                       const char * const *series_labels,
                       const gint64       *values)
{
  g_autoptr(GString) description = g_string_new (NULL);

  g_return_if_fail (WB_IS_BAR_CHART (self));
  g_return_if_fail (n_bars == 0 || (bar_labels != NULL && values != NULL));
  g_return_if_fail (n_series >= 1);

  g_clear_pointer (&self->bar_labels, g_strfreev);
  g_clear_pointer (&self->series_labels, g_strfreev);
  g_clear_pointer (&self->values, g_free);

  self->n_bars = n_bars;
  self->n_series = n_series;
  self->bar_labels = g_new0 (char *, n_bars + 1);
  for (guint b = 0; b < n_bars; b++)
    self->bar_labels[b] = g_strdup (bar_labels[b]);
  if (series_labels != NULL)
    {
      self->series_labels = g_new0 (char *, n_series + 1);
      for (guint s = 0; s < n_series; s++)
        self->series_labels[s] = g_strdup (series_labels[s]);
    }
  self->values = g_memdup2 (values, sizeof (gint64) * n_bars * n_series);

  /* What a screen reader says about the picture; the grid has the rest. */
  for (guint b = 0; b < n_bars; b++)
    {
      g_autofree char *text = dup_bar_text (self, b);

      if (b > 0)
        g_string_append (description, ", ");
      g_string_append (description, text);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->str, -1);

  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
wb_bar_chart_get_n_bars (WbBarChart *self)
{
  g_return_val_if_fail (WB_IS_BAR_CHART (self), 0);

  return self->n_bars;
}

static void
grid_cell (GtkGrid    *grid,
           const char *text,
           int         column,
           int         row,
           gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.f : 1.f);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), column == 0);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  else if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_hexpand (label, column == 0);
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

void
wb_bar_chart_fill_grid (WbBarChart *self,
                        GtkGrid    *grid)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (grid));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (grid));
  GtkWidget *child;
  gboolean stacked;

  g_return_if_fail (WB_IS_BAR_CHART (self));
  g_return_if_fail (GTK_IS_GRID (grid));

  /* The cells are selectable, so focusable: a keyboard user may be on
   * one.  Let go of it before it goes (GTK 4.8 otherwise keeps pointing
   * at the removed label and warns later), and take it back below. */
  if (had_focus)
    gtk_root_set_focus (root, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);

  stacked = self->n_series > 1 && self->series_labels != NULL;
  if (stacked)
    for (guint s = 0; s < self->n_series; s++)
      grid_cell (grid, self->series_labels[s], (int) s + 1, 0, TRUE);
  else
    grid_cell (grid, _("Number"), 1, 0, TRUE);

  for (guint b = 0; b < self->n_bars; b++)
    {
      char value[32];

      grid_cell (grid, self->bar_labels[b], 0, (int) b + 1, FALSE);
      if (stacked)
        for (guint s = 0; s < self->n_series; s++)
          {
            g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, self->values[b * self->n_series + s]);
            grid_cell (grid, value, (int) s + 1, (int) b + 1, FALSE);
          }
      if (!stacked)
        {
          g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, bar_total (self, b));
          grid_cell (grid, value, 1, (int) b + 1, FALSE);
        }
    }

  if (had_focus)
    gtk_widget_child_focus (GTK_WIDGET (grid), GTK_DIR_TAB_FORWARD);
}
