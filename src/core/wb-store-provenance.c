/* wb-store-provenance.c — SQL of wb-provenance.h (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the provenance table that the merge fills
 * (_wb_exchange_add_provenance() in wb-store-exchange.c).
 */

#define G_LOG_DOMAIN "wb-store-provenance"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-provenance.h"
#include "wb-store-private.h"

void
wb_provenance_free (WbProvenance *provenance)
{
  if (provenance == NULL)
    return;
  g_free (provenance->sender_fingerprint);
  g_free (provenance->sender);
  g_free (provenance->bundle_uuid);
  g_free (provenance->recorded_at);
  g_free (provenance);
}

GPtrArray *
wb_provenance_list (WbStore     *store,
                    const char  *uuid,
                    GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) out = NULL;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The sender is stored as a fingerprint; its name comes from the
   * contact pinned under it now. */
  stmt = _wb_store_prepare_cached (store,
                                   "SELECT p.revision, p.sender, c.name, p.bundle_uuid, "
                                   "       (SELECT r.seq FROM bundles_received r "
                                   "         WHERE r.sender = p.sender AND r.bundle_uuid = p.bundle_uuid), "
                                   "       p.recorded_at "
                                   "FROM provenance p LEFT JOIN contacts c ON c.fingerprint = p.sender "
                                   "WHERE p.signal_uuid = ?1 "
                                   "ORDER BY p.recorded_at DESC, p.revision DESC",
                                   error);
  if (stmt == NULL)
    return NULL;
  _wb_store_bind_text (stmt, 1, uuid);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_provenance_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WbProvenance *p = g_new0 (WbProvenance, 1);

      p->revision = (guint) sqlite3_column_int64 (stmt, 0);
      p->sender_fingerprint = _wb_store_column_dup (stmt, 1);
      p->sender = _wb_store_column_dup (stmt, 2);
      p->bundle_uuid = _wb_store_column_dup (stmt, 3);
      p->sequence = (guint64) MAX (sqlite3_column_int64 (stmt, 4), 0);
      p->recorded_at = _wb_store_column_dup (stmt, 5);
      g_ptr_array_add (out, p);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read where the signal came from"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}
