/* wb-store.h — the vault's database; the only module that speaks SQL
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

#define WB_STORE_ERROR (wb_store_error_quark ())

typedef enum
{
  WB_STORE_ERROR_FAILED,
  WB_STORE_ERROR_CORRUPT,      /* authentication or integrity failure */
  WB_STORE_ERROR_FULL,         /* disk full; the transaction was rolled back */
  WB_STORE_ERROR_BUSY,
  WB_STORE_ERROR_DENIED,       /* refused by a fail-closed rule */
  WB_STORE_ERROR_NEWER_SCHEMA, /* written by a newer Weerbaar */
  WB_STORE_ERROR_CLOSED,
} WbStoreError;

#define WB_TYPE_STORE (wb_store_get_type ())

G_DECLARE_FINAL_TYPE (WbStore, wb_store, WB, STORE, GObject)

GQuark    wb_store_error_quark         (void);

int       wb_store_get_schema_version  (WbStore  *self);
int       wb_store_get_latest_version  (void);
gboolean  wb_store_check_integrity     (WbStore  *self,
                                        GError  **error);
gboolean  wb_store_checkpoint          (WbStore  *self,
                                        GError  **error);
gboolean  wb_store_is_open             (WbStore  *self);

/* Small typed settings kept inside the vault (organisation name, role,
 * default retention …). */
char     *wb_store_dup_setting         (WbStore    *self,
                                        const char *key);
gboolean  wb_store_set_setting         (WbStore    *self,
                                        const char *key,
                                        const char *value,
                                        GError    **error);

G_END_DECLS
