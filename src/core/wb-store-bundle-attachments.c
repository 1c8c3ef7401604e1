/* wb-store-bundle-attachments.c — SQL of attachments received in bundles
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Format 1.2 (docs/bundle-format.md §5): a received file goes into the
 * same attachments table as one added here, once per signal and SHA-256.
 */

#define G_LOG_DOMAIN "wb-store-bundle-attachments"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-exchange-private.h"

gboolean
_wb_exchange_store_attachment (WbStore                   *store,
                               gint64                     signal_id,
                               const WbBundleAttachment  *attachment,
                               gboolean                  *added,
                               GError                   **error)
{
  g_autoptr(WbCachedStmt) find = NULL;
  g_autoptr(WbCachedStmt) insert = NULL;
  g_autofree char *now = NULL;
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (attachment->data, &size);
  int rc;

  *added = FALSE;
  find = _wb_store_prepare_cached (store,
                                   "SELECT 1 FROM attachments WHERE signal_id = ?1 AND sha256 = ?2",
                                   error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_int64 (find, 1, signal_id);
  _wb_store_bind_text (find, 2, attachment->sha256);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the attachments"), error);
      return FALSE;
    }

  now = _wb_exchange_now_string ();
  insert = _wb_store_prepare_cached (store,
                                     "INSERT INTO attachments (signal_id, name, size, sha256, data, added_at) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                     error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, signal_id);
  _wb_store_bind_text (insert, 2, attachment->name);
  sqlite3_bind_int64 (insert, 3, size);
  _wb_store_bind_text (insert, 4, attachment->sha256);
  sqlite3_bind_blob64 (insert, 5, size > 0 ? data : (const guint8 *) "", size, SQLITE_STATIC);
  _wb_store_bind_text (insert, 6, now);
  if (!_wb_store_step_done (store, insert, error))
    return FALSE;
  *added = TRUE;
  return TRUE;
}
