/* wb-report.c — CSV and PDF reports of aggregates, with small-cell suppression
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-report"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "wb-ladder.h"
#include "wb-records.h"
#include "wb-report.h"
#include "wb-taxonomy.h"

/* A4 in points, and the margins. */
#define PAGE_W    595.0
#define PAGE_H    842.0
#define MARGIN    56.0
#define CONTENT_W (PAGE_W - 2 * MARGIN)
/* Bars drawn at most per chart; the tables list everything. */
#define MAX_BARS  25

G_DEFINE_QUARK (wb-report-error-quark, wb_report_error)

gboolean
wb_report_format_from_nick (const char     *nick,
                            WbReportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (g_strcmp0 (nick, "csv") == 0)
    *format = WB_REPORT_FORMAT_CSV;
  else if (g_strcmp0 (nick, "pdf") == 0)
    *format = WB_REPORT_FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

/* ---- CSV ---------------------------------------------------------------- */

static void
csv_field (GString    *out,
           const char *text,
           gboolean    last)
{
  if (text == NULL)
    text = "";
  /* A municipality name comes from imported bundles: a leading = + - @
   * would be a formula to a spreadsheet (CSV injection). */
  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    {
      g_autofree char *safe = g_strconcat ("'", text, NULL);

      csv_field (out, safe, last);
      return;
    }
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
csv_row (GString     *out,
         const char  *table,
         const char  *month,
         const char  *code,
         int          level,
         const char  *municipality,
         const char  *label,
         gint64       count,
         WbCellState  state)
{
  char buf[32];
  char level_text[16] = "";

  if (level > 0)
    g_snprintf (level_text, sizeof level_text, "%d", level);
  csv_field (out, table, FALSE);
  csv_field (out, month, FALSE);
  csv_field (out, code, FALSE);
  csv_field (out, level_text, FALSE);
  csv_field (out, municipality, FALSE);
  csv_field (out, label, FALSE);
  csv_field (out, wb_stats_format_count (count, state, buf), TRUE);
}

GBytes *
wb_report_render_csv (const WbAggregate  *agg,
                      GError            **error)
{
  g_autoptr(WbSuppression) s = NULL;
  GString *out;
  guint n_cat;

  g_return_val_if_fail (agg != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  s = wb_aggregate_suppress (agg);
  n_cat = agg->n_categories;
  out = g_string_new ("table,month,category,level,municipality,label,count\r\n");

  csv_row (out, "total", NULL, NULL, 0, NULL, _("Signals"), agg->total, s->total);
  for (guint c = 0; c < n_cat; c++)
    csv_row (out, "category", NULL, agg->categories[c], 0, NULL,
             wb_taxonomy_get_label (agg->categories[c]), agg->by_category[c], s->by_category[c]);
  for (int l = 1; l <= WB_STATS_N_LEVELS; l++)
    csv_row (out, "level", NULL, NULL, l, NULL, wb_ladder_level_get_name (l),
             agg->by_level[l - 1], s->by_level[l - 1]);
  for (guint i = 0; i < agg->by_municipality->len; i++)
    {
      const WbCount *count = g_ptr_array_index (agg->by_municipality, i);

      csv_row (out, "municipality", NULL, NULL, 0, count->key, NULL, count->count, s->by_municipality[i]);
    }
  for (guint m = 0; m < agg->n_months; m++)
    csv_row (out, "month", agg->months[m], NULL, 0, NULL, NULL, agg->by_month[m], s->by_month[m]);
  for (guint m = 0; m < agg->n_months; m++)
    for (guint c = 0; c < n_cat; c++)
      csv_row (out, "month-category", agg->months[m], agg->categories[c], 0, NULL,
               wb_taxonomy_get_label (agg->categories[c]),
               agg->by_month_category[m * n_cat + c], s->by_month_category[m * n_cat + c]);

  return g_string_free_to_bytes (out);
}

/* ---- PDF ---------------------------------------------------------------- */

typedef struct
{
  cairo_t *cr;
  double   y;
  guint    page;
} Pdf;

/* One published count: its label, value and how it may be shown. */
typedef struct
{
  const char  *label;
  gint64       count;
  WbCellState  state;
} Row;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *
make_layout (Pdf        *pdf,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
draw_text_at (Pdf        *pdf,
              double      x,
              double      y,
              const char *text,
              double      size,
              gboolean    bold,
              double      width,
              gboolean    align_right)
{
  g_autoptr(PangoLayout) layout = make_layout (pdf, text, size, bold, width);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (align_right && width > 0)
    x += width - (double) w / PANGO_SCALE;
  cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, layout);
  return (double) h / PANGO_SCALE;
}

static void
new_page (Pdf *pdf)
{
  char number[64];

  if (pdf->page > 0)
    cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = MARGIN;
  g_snprintf (number, sizeof number, _("Page %u"), pdf->page);
  draw_text_at (pdf, MARGIN, PAGE_H - MARGIN / 2 - 8, number, 8, FALSE, CONTENT_W, TRUE);
}

static void
ensure_space (Pdf    *pdf,
              double  height)
{
  if (pdf->y + height > PAGE_H - MARGIN)
    new_page (pdf);
}

static void
paragraph (Pdf        *pdf,
           const char *text,
           double      size,
           gboolean    bold,
           double      space_after)
{
  g_autoptr(PangoLayout) layout = make_layout (pdf, text, size, bold, CONTENT_W);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  ensure_space (pdf, (double) h / PANGO_SCALE);
  pdf->y += draw_text_at (pdf, MARGIN, pdf->y, text, size, bold, CONTENT_W, FALSE) + space_after;
}

/* Horizontal bars.  A suppressed count gets no bar at all — a bar's length
 * would give the number away — only its mark. */
static void
hbar_chart (Pdf       *pdf,
            const Row *rows,
            guint      n_rows)
{
  const double label_w = 190, value_w = 40, row_h = 13;
  const double bar_x = MARGIN + label_w + 6;
  const double bar_w = CONTENT_W - label_w - value_w - 12;
  gint64 max = 1;
  char buf[32];

  n_rows = MIN (n_rows, MAX_BARS);
  for (guint i = 0; i < n_rows; i++)
    if (rows[i].state == WB_CELL_SHOWN)
      max = MAX (max, rows[i].count);

  ensure_space (pdf, n_rows * row_h + 10);
  for (guint i = 0; i < n_rows; i++)
    {
      double y = pdf->y + i * row_h;
      g_autoptr(PangoLayout) layout = make_layout (pdf, rows[i].label, 8, FALSE, label_w);

      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
      cairo_move_to (pdf->cr, MARGIN, y);
      pango_cairo_show_layout (pdf->cr, layout);
      if (rows[i].state == WB_CELL_SHOWN && rows[i].count > 0)
        {
          cairo_set_source_rgb (pdf->cr, 0.21, 0.52, 0.89);
          cairo_rectangle (pdf->cr, bar_x, y + 2, bar_w * rows[i].count / max, row_h - 4);
          cairo_fill (pdf->cr);
        }
      draw_text_at (pdf, bar_x + bar_w + 6, y,
                    wb_stats_format_count (rows[i].count, rows[i].state, buf), 8, FALSE, value_w, TRUE);
    }
  pdf->y += n_rows * row_h + 10;
}

/* Vertical bars, one per month. */
static void
vbar_chart (Pdf       *pdf,
            const Row *rows,
            guint      n_rows)
{
  const double chart_h = 150;
  double slot;
  gint64 max = 1;

  if (n_rows == 0)
    return;
  for (guint i = 0; i < n_rows; i++)
    if (rows[i].state == WB_CELL_SHOWN)
      max = MAX (max, rows[i].count);
  slot = CONTENT_W / n_rows;

  ensure_space (pdf, chart_h + 24);
  cairo_set_source_rgb (pdf->cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (pdf->cr, 0.5);
  cairo_move_to (pdf->cr, MARGIN, pdf->y + chart_h);
  cairo_line_to (pdf->cr, MARGIN + CONTENT_W, pdf->y + chart_h);
  cairo_stroke (pdf->cr);
  for (guint i = 0; i < n_rows; i++)
    {
      double h = rows[i].state == WB_CELL_SHOWN ? chart_h * rows[i].count / max : 0;

      cairo_set_source_rgb (pdf->cr, 0.21, 0.52, 0.89);
      cairo_rectangle (pdf->cr, MARGIN + i * slot + slot * 0.15, pdf->y + chart_h - h, slot * 0.7, h);
      cairo_fill (pdf->cr);
    }
  /* First and last month under the axis. */
  draw_text_at (pdf, MARGIN, pdf->y + chart_h + 3, rows[0].label, 7, FALSE, 0, FALSE);
  if (n_rows > 1)
    draw_text_at (pdf, MARGIN, pdf->y + chart_h + 3, rows[n_rows - 1].label, 7, FALSE, CONTENT_W, TRUE);
  pdf->y += chart_h + 24;
}

/* A table of @n_cols columns; the first is left-aligned text. */
static void
table_row (Pdf                *pdf,
           const char * const *cells,
           guint               n_cols,
           const double       *widths,
           gboolean            bold)
{
  const double row_h = 12;
  double x = MARGIN;

  ensure_space (pdf, row_h);
  for (guint i = 0; i < n_cols; i++)
    {
      draw_text_at (pdf, x, pdf->y, cells[i], 7.5, bold, widths[i] - 4, i > 0);
      x += widths[i];
    }
  pdf->y += row_h;
}

static void
two_column_table (Pdf        *pdf,
                  const char *key_header,
                  const Row  *rows,
                  guint       n_rows)
{
  const double widths[] = { CONTENT_W - 80, 80 };
  const char *header[] = { key_header, _("Signals") };
  char buf[32];

  table_row (pdf, header, 2, widths, TRUE);
  for (guint i = 0; i < n_rows; i++)
    {
      const char *cells[] = { rows[i].label, wb_stats_format_count (rows[i].count, rows[i].state, buf) };

      table_row (pdf, cells, 2, widths, FALSE);
    }
  pdf->y += 12;
}

static void
section (Pdf        *pdf,
         const char *title,
         const char *key_header,
         const Row  *rows,
         guint       n_rows,
         gboolean   vertical)
{
  /* Keep the heading with its chart. */
  ensure_space (pdf, 30 + (vertical ? 174 : MIN (n_rows, MAX_BARS) * 13 + 10));
  paragraph (pdf, title, 13, TRUE, 8);
  if (vertical)
    vbar_chart (pdf, rows, n_rows);
  else
    hbar_chart (pdf, rows, n_rows);
  if (!vertical && n_rows > MAX_BARS)
    paragraph (pdf, _("The chart shows the first 25; the table lists all."), 8, FALSE, 4);
  two_column_table (pdf, key_header, rows, n_rows);
}

static void
month_category_table (Pdf               *pdf,
                      const WbAggregate *agg,
                      WbSuppression     *s)
{
  guint n_cols = agg->n_categories + 1;
  g_autofree double *widths = g_new (double, n_cols);
  g_autofree const char **cells = g_new0 (const char *, n_cols);
  g_autofree char *bufs = g_malloc (32 * n_cols);

  widths[0] = 60;
  for (guint c = 1; c < n_cols; c++)
    widths[c] = (CONTENT_W - 60) / agg->n_categories;

  ensure_space (pdf, 120);
  paragraph (pdf, _("Signals per month and category"), 13, TRUE, 4);
  paragraph (pdf, _("A signal can carry several categories, so a month's categories can add up to more than its signals."),
             8, FALSE, 6);
  cells[0] = _("Month");
  for (guint c = 0; c < agg->n_categories; c++)
    cells[c + 1] = agg->categories[c];
  table_row (pdf, cells, n_cols, widths, TRUE);
  for (guint m = 0; m < agg->n_months; m++)
    {
      cells[0] = agg->months[m];
      for (guint c = 0; c < agg->n_categories; c++)
        {
          gsize k = (gsize) m * agg->n_categories + c;

          cells[c + 1] = wb_stats_format_count (agg->by_month_category[k], s->by_month_category[k],
                                                bufs + 32 * (c + 1));
        }
      table_row (pdf, cells, n_cols, widths, FALSE);
    }
  pdf->y += 8;
  for (guint c = 0; c < agg->n_categories; c++)
    {
      g_autofree char *legend = g_strdup_printf ("%s  %s", agg->categories[c],
                                                 wb_taxonomy_get_label (agg->categories[c]));

      paragraph (pdf, legend, 7.5, FALSE, 1);
    }
}

static void
title_page (Pdf               *pdf,
            const WbAggregate *agg,
            WbSuppression     *s,
            GDateTime         *generated)
{
  g_autofree char *period = NULL;
  g_autofree char *date = g_date_time_format (generated, "%Y-%m-%d");
  g_autofree char *date_line = NULL;
  g_autofree char *total_line = NULL;
  char buf[32];

  pdf->y = 200;
  paragraph (pdf, _("Report on signals of unwanted foreign interference"), 24, TRUE, 18);
  if (agg->from_month != NULL)
    /* Translators: the report's period, two months as YYYY-MM */
    period = g_strdup_printf (_("Period: %s to %s"), agg->from_month, agg->to_month);
  else
    period = g_strdup (_("Period: no signals"));
  paragraph (pdf, period, 13, FALSE, 6);
  date_line = g_strdup_printf (_("Generated on %s"), date);
  paragraph (pdf, date_line, 13, FALSE, 6);
  total_line = g_strdup_printf (_("Signals in this period: %s"), wb_stats_format_count (agg->total, s->total, buf));
  paragraph (pdf, total_line, 13, FALSE, 30);

  paragraph (pdf, _("About these figures"), 12, TRUE, 6);
  paragraph (pdf, _("This report contains counts only: no descriptions of signals, no pseudonyms, no handles and no personal data."),
             10, FALSE, 6);
  paragraph (pdf, _("To protect the people involved, counts from 1 to 4 are shown as “<5”. Where a small count could be worked out from a total, another count is left out as well, shown as “x”; bars are not drawn for counts that are left out."),
             10, FALSE, 6);
  paragraph (pdf, _("Signals are counted by the month in which they occurred. A signal can carry several categories."),
             10, FALSE, 6);
}

GBytes *
wb_report_render_pdf (const WbAggregate  *agg,
                      GDateTime          *generated,
                      GError            **error)
{
  g_autoptr(WbSuppression) s = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree Row *rows = NULL;
  g_autofree char **labels = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Pdf pdf = { NULL, 0, 0 };
  guint n_rows;

  g_return_val_if_fail (agg != NULL, NULL);
  g_return_val_if_fail (generated != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  s = wb_aggregate_suppress (agg);
  surface = cairo_pdf_surface_create_for_stream (write_cb, out, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  _("Report on signals of unwanted foreign interference"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Weerbaar");
  pdf.cr = cairo_create (surface);

  new_page (&pdf);
  title_page (&pdf, agg, s, generated);

  n_rows = MAX (MAX (agg->n_categories, (guint) WB_STATS_N_LEVELS),
                MAX (agg->n_months, agg->by_municipality->len));
  rows = g_new0 (Row, n_rows + 1);
  labels = g_new0 (char *, agg->n_categories + WB_STATS_N_LEVELS + 1);

  new_page (&pdf);
  for (guint c = 0; c < agg->n_categories; c++)
    {
      labels[c] = g_strdup_printf ("%s %s", agg->categories[c], wb_taxonomy_get_label (agg->categories[c]));
      rows[c] = (Row) { labels[c], agg->by_category[c], s->by_category[c] };
    }
  section (&pdf, _("Signals per category"), _("Category"), rows, agg->n_categories, FALSE);

  for (int l = 1; l <= WB_STATS_N_LEVELS; l++)
    {
      char **label = &labels[agg->n_categories + l - 1];

      *label = g_strdup_printf ("%d %s", l, wb_ladder_level_get_name (l));
      rows[l - 1] = (Row) { *label, agg->by_level[l - 1], s->by_level[l - 1] };
    }
  section (&pdf, _("Signals per escalation level"), _("Level"), rows, WB_STATS_N_LEVELS, FALSE);

  for (guint i = 0; i < agg->by_municipality->len; i++)
    {
      const WbCount *count = g_ptr_array_index (agg->by_municipality, i);

      rows[i] = (Row) { count->key, count->count, s->by_municipality[i] };
    }
  section (&pdf, _("Signals per municipality"), _("Municipality"), rows, agg->by_municipality->len, FALSE);

  for (guint m = 0; m < agg->n_months; m++)
    rows[m] = (Row) { agg->months[m], agg->by_month[m], s->by_month[m] };
  section (&pdf, _("Signals per month"), _("Month"), rows, agg->n_months, TRUE);

  month_category_table (&pdf, agg, s);

  cairo_show_page (pdf.cr);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  for (guint i = 0; i < agg->n_categories + WB_STATS_N_LEVELS; i++)
    g_free (labels[i]);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WB_REPORT_ERROR, WB_REPORT_ERROR_FAILED,
                   _("Could not draw the report: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

gboolean
wb_report_write (WbStore                 *store,
                 const WbAggregateQuery  *query,
                 WbReportFormat           format,
                 const char              *path,
                 GDateTime               *generated,
                 GError                 **error)
{
  g_autoptr(WbAggregate) agg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  agg = wb_store_dup_aggregate (store, query, error);
  if (agg == NULL)
    return FALSE;

  if (generated == NULL)
    generated = now = g_date_time_new_now_local ();
  if (format == WB_REPORT_FORMAT_PDF)
    bytes = wb_report_render_pdf (agg, generated, error);
  else
    bytes = wb_report_render_csv (agg, error);
  if (bytes == NULL)
    return FALSE;

  return g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
