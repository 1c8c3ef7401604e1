/* wb-report.h — CSV and PDF reports of aggregates, with small-cell suppression
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_INSIDE) && !defined (WB_CORE_COMPILATION)
# error "Only <wb-core.h> can be included directly."
#endif

#include <gio/gio.h>

#include "wb-types.h"
#include "wb-stats.h"

G_BEGIN_DECLS

/* Reports carry aggregates only — counts by category, level,
 * municipality and month — after wb_aggregate_suppress(): never a
 * summary, a pseudonym, a handle or a count 1–4.  See docs/stats.md. */

#define WB_REPORT_ERROR (wb_report_error_quark ())

typedef enum
{
  WB_REPORT_ERROR_FAILED,      /* cairo could not draw the PDF */
} WbReportError;

typedef enum
{
  WB_REPORT_FORMAT_CSV,
  WB_REPORT_FORMAT_PDF,
} WbReportFormat;

GQuark       wb_report_error_quark     (void);

/* "csv" / "pdf". */
gboolean     wb_report_format_from_nick (const char          *nick,
                                         WbReportFormat      *format);

/* RFC 4180, UTF-8, CRLF; one row per published count:
 * table,month,code,level,municipality,label,count */
GBytes      *wb_report_render_csv      (const WbAggregate   *aggregate,
                                        GError             **error);
/* A4: a title page (title, period, date of @generated, the suppression
 * note), then charts and tables. */
GBytes      *wb_report_render_pdf      (const WbAggregate   *aggregate,
                                        GDateTime           *generated,
                                        GError             **error);
/* Aggregates @query from @store, renders and writes @path (mode 0600,
 * replaced atomically).  @generated NULL = now. */
gboolean     wb_report_write           (WbStore             *store,
                                        const WbAggregateQuery *query,
                                        WbReportFormat       format,
                                        const char          *path,
                                        GDateTime           *generated,
                                        GError             **error);

G_END_DECLS
