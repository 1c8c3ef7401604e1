/* wb-store-stats.c — the SQL behind wb_store_dup_aggregate()
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-stats"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wb-stats.h"
#include "wb-stats-private.h"
#include "wb-store-private.h"

/* The running tallies of migration 7 (kept by the records writer in
 * wb-store-signals.c): a few rows per month instead of one per signal.
 * ?1, ?2: the first and last month, "" and "~" when open. */
#define LEVELS_SQL                                                             \
  "SELECT month, level, n FROM stats_levels "                                  \
  "WHERE month >= ?1 AND month <= ?2 ORDER BY month"
#define MUNICIPALITIES_SQL                                                     \
  "SELECT month, municipality, n FROM stats_municipalities "                   \
  "WHERE month >= ?1 AND month <= ?2 ORDER BY month"
#define CATEGORIES_SQL                                                         \
  "SELECT month, category, n FROM stats_categories "                           \
  "WHERE month >= ?1 AND month <= ?2 ORDER BY month"

/* One pass over the covering index signals_stats (occurred_on, level,
 * municipality; migration 4) in date order, with each signal's categories
 * from the covering index signal_categories_stats (signal_id, category):
 * no table rows and no sorter, so 500k signals cost one index scan, and
 * the counting happens in wb_aggregate_builder_add().  Rows of one signal
 * are adjacent (nested loop, outer loop over signals). */
#define SIGNALS_SQL                                                            \
  "SELECT s.id, s.occurred_on, s.level, s.municipality, c.category "           \
  "FROM signals s INDEXED BY signals_stats "                                   \
  "LEFT JOIN signal_categories c INDEXED BY signal_categories_stats "          \
  "ON c.signal_id = s.id "                                                     \
  "WHERE s.occurred_on >= ?1 AND s.occurred_on < ?2"

/* A proposal is open while it is the signal's latest decision and the
 * signal, still open, is below the proposed level: a coordinator's
 * decision (or any later move) settles it. */
#define PROPOSALS_SQL                                                          \
  "SELECT d.to_level FROM decisions d INDEXED BY decisions_kind "              \
  "JOIN signals s ON s.uuid = d.signal_uuid "                                  \
  "WHERE d.kind = 'propose' AND s.closed_on IS NULL AND s.level < d.to_level " \
  "AND d.id = (SELECT max (e.id) FROM decisions e WHERE e.signal_uuid = d.signal_uuid)"

static gboolean
add_proposals (WbStore             *store,
               WbAggregateBuilder  *builder,
               GError             **error)
{
  g_autoptr(WbCachedStmt) stmt = _wb_store_prepare_cached (store, PROPOSALS_SQL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    wb_aggregate_builder_add_proposal (builder, sqlite3_column_int (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not count the signals"), error);
      return FALSE;
    }
  return TRUE;
}

typedef enum
{
  TALLY_LEVELS,
  TALLY_MUNICIPALITIES,
  TALLY_CATEGORIES,
} TallyKind;

static gboolean
add_tally (WbStore                 *store,
           WbAggregateBuilder      *builder,
           const WbAggregateQuery  *query,
           TallyKind                kind,
           GError                 **error)
{
  static const char * const sql[] = { LEVELS_SQL, MUNICIPALITIES_SQL, CATEGORIES_SQL };
  g_autoptr(WbCachedStmt) stmt = _wb_store_prepare_cached (store, sql[kind], error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, query->from_month != NULL ? query->from_month : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, query->to_month != NULL ? query->to_month : "~", -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *month = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 2);

      switch (kind)
        {
        case TALLY_LEVELS:
          wb_aggregate_builder_add_level_count (builder, month, sqlite3_column_int (stmt, 1), n);
          break;
        case TALLY_MUNICIPALITIES:
          wb_aggregate_builder_add_municipality_count (builder, month,
                                                       (const char *) sqlite3_column_text (stmt, 1), n);
          break;
        case TALLY_CATEGORIES:
          wb_aggregate_builder_add_category_count (builder, month,
                                                   (const char *) sqlite3_column_text (stmt, 1), n);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not count the signals"), error);
      return FALSE;
    }
  return TRUE;
}

/* Issue #7: 500k signals aggregated in ≤ 200 ms.  The recount below reads
 * one index entry per signal (1.4 s for 500k on a loaded release build);
 * the tallies hold a few rows per month (0.8 ms, bench/bench-stats.c).
 * They equal a recount: tests/test-stats.c compares both. */
WbAggregate *
wb_store_dup_aggregate (WbStore                 *store,
                        const WbAggregateQuery  *query,
                        GError                 **error)
{
  g_autoptr(WbAggregateBuilder) builder = NULL;
  WbAggregateQuery all = { NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (query == NULL)
    query = &all;
  if (!wb_aggregate_query_validate (query, error))
    return NULL;

  builder = wb_aggregate_builder_new (query);
  /* One snapshot for the four reads. */
  if (!_wb_store_exec (store, "SAVEPOINT wb_stats", error))
    return NULL;
  ok = add_tally (store, builder, query, TALLY_LEVELS, error) &&
       add_tally (store, builder, query, TALLY_MUNICIPALITIES, error) &&
       add_tally (store, builder, query, TALLY_CATEGORIES, error) &&
       add_proposals (store, builder, error);
  if (!_wb_store_exec (store, "RELEASE wb_stats", ok ? error : NULL) || !ok)
    return NULL;
  return wb_aggregate_builder_finish (g_steal_pointer (&builder));
}

WbAggregate *
_wb_store_dup_aggregate_recount (WbStore                 *store,
                                 const WbAggregateQuery  *query,
                                 GError                 **error)
{
  g_autoptr(WbAggregateBuilder) builder = NULL;
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *to_bound = NULL;
  WbAggregateQuery all = { NULL, NULL };
  signed char index_of[128];
  gint64 current_id = -1;
  char occurred_on[16] = "";
  g_autoptr(GString) municipality = g_string_new (NULL);
  int level = 0;
  guint32 mask = 0;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (query == NULL)
    query = &all;
  if (!wb_aggregate_query_validate (query, error))
    return NULL;

  memset (index_of, -1, sizeof index_of);
  for (guint i = 0; i < wb_stats_get_n_categories (); i++)
    {
      const char *code = wb_stats_get_category (i);

      if ((guchar) code[0] < 128 && code[1] == '\0')
        index_of[(guchar) code[0]] = (signed char) i;
    }

  builder = wb_aggregate_builder_new (query);

  stmt = _wb_store_prepare_cached (store, SIGNALS_SQL, error);
  if (stmt == NULL)
    return NULL;
  /* "2025-03" sorts before every day of March; "2025-03~" after all. */
  to_bound = g_strconcat (query->to_month != NULL ? query->to_month : "", "~", NULL);
  sqlite3_bind_text (stmt, 1, query->from_month != NULL ? query->from_month : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to_bound, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *category = (const char *) sqlite3_column_text (stmt, 4);

      if (id != current_id)
        {
          const char *date = (const char *) sqlite3_column_text (stmt, 1);
          const char *name = (const char *) sqlite3_column_text (stmt, 3);

          if (current_id >= 0)
            wb_aggregate_builder_add (builder, occurred_on, level, municipality->str, mask);
          current_id = id;
          g_strlcpy (occurred_on, date != NULL ? date : "", sizeof occurred_on);
          level = sqlite3_column_int (stmt, 2);
          g_string_assign (municipality, name != NULL ? name : "");
          mask = 0;
        }
      if (category != NULL)
        {
          int i = ((guchar) category[0] < 128 && category[1] == '\0') ? index_of[(guchar) category[0]]
                                                                      : wb_stats_category_index (category);
          if (i >= 0)
            mask |= 1u << i;
        }
    }
  if (current_id >= 0 && rc == SQLITE_DONE)
    wb_aggregate_builder_add (builder, occurred_on, level, municipality->str, mask);
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not count the signals"), error);
      return NULL;
    }
  g_clear_pointer (&stmt, _wb_cached_stmt_reset);

  if (!add_proposals (store, builder, error))
    return NULL;
  return wb_aggregate_builder_finish (g_steal_pointer (&builder));
}
