/* wb-stats.h — aggregates for the dashboard and reports, and small-cell suppression
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

G_BEGIN_DECLS

/* Pure functions (no I/O) except wb_store_dup_aggregate(), whose SQL lives
 * in wb-store-stats.c.  Aggregates never carry a record's content: only
 * months, taxonomy codes, levels, municipality names and counts.  See
 * docs/stats.md for the suppression rules. */

#define WB_STATS_ERROR (wb_stats_error_quark ())

typedef enum
{
  WB_STATS_ERROR_INVALID_PERIOD,   /* not YYYY-MM, or from after to */
} WbStatsError;

/* Counts 1 … WB_STATS_SMALL_MAX are never published (issue #7). */
#define WB_STATS_SMALL_MAX  4
#define WB_STATS_N_LEVELS   7
/* Open proposals are counted for the national levels 5, 6 and 7. */
#define WB_STATS_N_PROPOSAL_LEVELS 3

/* The period, by month of occurrence; strings are borrowed, NULL = open. */
typedef struct
{
  const char *from_month;   /* "YYYY-MM", inclusive */
  const char *to_month;     /* "YYYY-MM", inclusive */
} WbAggregateQuery;

typedef struct
{
  char       *from_month;         /* first month shown; NULL when open and empty */
  char       *to_month;           /* last month shown */
  gint64      total;              /* signals that occurred in the period */
  guint       n_months;           /* every month from from_month to to_month */
  char      **months;             /* "YYYY-MM", NULL-terminated */
  gint64     *by_month;           /* signals per month */
  guint       n_categories;       /* top-level taxonomy codes, table order */
  char      **categories;         /* "A" … "I", NULL-terminated */
  gint64     *by_category;        /* signals carrying the category (a signal
                                   * may carry several: no partition) */
  gint64     *by_month_category;  /* [month * n_categories + category] */
  gint64      by_level[WB_STATS_N_LEVELS];   /* [level - 1] */
  GPtrArray  *by_municipality;    /* of WbCount: most signals first, then name */
  /* Signals whose latest decision is a still open proposal, by proposed
   * level 5–7; all open proposals, whatever the period. */
  gint64      open_proposals[WB_STATS_N_PROPOSAL_LEVELS];
} WbAggregate;

typedef struct _WbAggregateBuilder WbAggregateBuilder;

/* How a published count is shown. */
typedef enum
{
  WB_CELL_SHOWN,       /* the exact count */
  WB_CELL_SMALL,       /* 1–4, shown as "<5" */
  WB_CELL_HIDDEN,      /* ≥ 5, hidden so that a small cell cannot be
                        * derived from a total: shown as "x" */
} WbCellState;

/* One additive constraint a reader could use: the members sum to the
 * total (or, conservatively, at least to it).  Indices into the cells. */
typedef struct
{
  guint        total;
  guint        n_members;
  const guint *members;
} WbStatsGroup;

/* The suppression of every count in a WbAggregate, shaped like it. */
typedef struct
{
  WbCellState  total;
  WbCellState *by_month;
  WbCellState *by_category;
  WbCellState *by_month_category;
  WbCellState  by_level[WB_STATS_N_LEVELS];
  WbCellState *by_municipality;
} WbSuppression;

GQuark              wb_stats_error_quark            (void);

/* "2025-03" → year 2025, month 3.  FALSE (and @error) for anything else. */
gboolean            wb_stats_parse_month            (const char         *text,
                                                     guint              *year,
                                                     guint              *month,
                                                     GError            **error);
/* Checks both ends and that from ≤ to. */
gboolean            wb_aggregate_query_validate     (const WbAggregateQuery *query,
                                                     GError            **error);

WbAggregateBuilder *wb_aggregate_builder_new        (const WbAggregateQuery *query);
/* One signal: its occurrence date (YYYY-MM-DD), level, municipality and
 * the set of its top-level categories (bit i = wb_stats_get_category (i)).
 * Signals outside the period are ignored. */
void                wb_aggregate_builder_add        (WbAggregateBuilder *builder,
                                                     const char         *occurred_on,
                                                     int                 level,
                                                     const char         *municipality,
                                                     guint32             category_mask);
/* Counts instead of single signals (the running tallies of migration 7):
 * @n signals of @month ("YYYY-MM") at @level; @n of them in
 * @municipality; @n of them carrying the top-level @category.  A
 * signal's level, municipality and categories each arrive once. */
void                wb_aggregate_builder_add_level_count (WbAggregateBuilder *builder,
                                                     const char         *month,
                                                     int                 level,
                                                     gint64              n);
void                wb_aggregate_builder_add_municipality_count (WbAggregateBuilder *builder,
                                                     const char         *month,
                                                     const char         *municipality,
                                                     gint64              n);
void                wb_aggregate_builder_add_category_count (WbAggregateBuilder *builder,
                                                     const char         *month,
                                                     const char         *category,
                                                     gint64              n);
void                wb_aggregate_builder_add_proposal (WbAggregateBuilder *builder,
                                                     int                 proposed_level);
/* Frees @builder. */
WbAggregate        *wb_aggregate_builder_finish     (WbAggregateBuilder *builder);
void                wb_aggregate_builder_free       (WbAggregateBuilder *builder);

void                wb_aggregate_free               (WbAggregate        *aggregate);

/* The top-level taxonomy codes, in table order. */
guint               wb_stats_get_n_categories       (void);
const char         *wb_stats_get_category           (guint               index);
/* Index of the top-level category of @code ("A1" → index of "A"), or -1. */
int                 wb_stats_category_index         (const char         *code);

/* Primary suppression of counts 1–4, then complementary suppression
 * until no group lets a reader pin down a small count (see docs/stats.md).
 * @states gets one state per count. */
void                wb_stats_suppress               (const gint64       *counts,
                                                     guint               n_counts,
                                                     const WbStatsGroup *groups,
                                                     guint               n_groups,
                                                     WbCellState        *states);
WbSuppression      *wb_aggregate_suppress           (const WbAggregate  *aggregate);
void                wb_suppression_free             (WbSuppression      *suppression);
/* "12", "<5" or "x"; static or in @buf. */
const char         *wb_stats_format_count           (gint64              count,
                                                     WbCellState         state,
                                                     char                buf[32]);

/* In wb-store-stats.c.  Fast on large vaults: one pass over covering
 * indexes (migration 4). */
WbAggregate        *wb_store_dup_aggregate          (WbStore            *store,
                                                     const WbAggregateQuery *query,
                                                     GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbAggregate, wb_aggregate_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbAggregateBuilder, wb_aggregate_builder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbSuppression, wb_suppression_free)

G_END_DECLS
