/* wb-provenance.h — where an imported signal came from (issue #6)
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

/* One bundle that brought one revision of a signal into this vault. */
typedef struct
{
  guint    revision;
  char    *sender_fingerprint;
  char    *sender;          /* the pinned contact's organisation, or NULL */
  char    *bundle_uuid;
  guint64  sequence;        /* the bundle's number from this sender; 0 if unknown */
  char    *recorded_at;     /* when it was imported: "YYYY-MM-DDTHH:MM:SSZ" */
} WbProvenance;

void        wb_provenance_free   (WbProvenance  *provenance);

/* The bundles that brought @uuid here (GPtrArray of WbProvenance),
 * newest first; empty for a signal recorded in this vault. */
GPtrArray  *wb_provenance_list   (WbStore       *store,
                                  const char    *uuid,
                                  GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbProvenance, wb_provenance_free)

G_END_DECLS
