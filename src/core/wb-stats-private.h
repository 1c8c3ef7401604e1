/* wb-stats-private.h — the recount behind the dashboard's running tallies,
 * for tests and benchmarks that check the tallies against it
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_COMPILATION)
# error "wb-stats-private.h is private to libweerbaar-core."
#endif

#include "wb-stats.h"

G_BEGIN_DECLS

/* What wb_store_dup_aggregate() returns, counted again from every signal
 * row (one pass over the covering indexes of migration 4) instead of read
 * from the running tallies of migration 7.  The two must always agree. */
WbAggregate *_wb_store_dup_aggregate_recount (WbStore                 *store,
                                              const WbAggregateQuery  *query,
                                              GError                 **error);

G_END_DECLS
