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
#include "wb-store-private.h"

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

WbAggregate *
wb_store_dup_aggregate (WbStore                 *store,
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

  stmt = _wb_store_prepare_cached (store, PROPOSALS_SQL, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    wb_aggregate_builder_add_proposal (builder, sqlite3_column_int (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not count the signals"), error);
      return NULL;
    }

  return wb_aggregate_builder_finish (g_steal_pointer (&builder));
}
