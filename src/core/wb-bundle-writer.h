/* wb-bundle-writer.h — export of signed, encrypted bundles (issue #6)
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
#include "wb-enums.h"
#include "wb-records.h"

G_BEGIN_DECLS

/* docs/bundle-format.md.  A reader refuses another major version. */
#define WB_BUNDLE_FORMAT_MAJOR 1
#define WB_BUNDLE_FORMAT_MINOR 0
/* The fixed untrusted comment of payload.age.minisig. */
#define WB_BUNDLE_SIGNATURE_COMMENT "signature from a Weerbaar vault"

typedef struct
{
  const char * const    *recipients;  /* pinned contact names or fingerprints */
  const char * const    *uuids;       /* these signals, or NULL: */
  const char            *case_name;   /* … the signals of a case, or */
  const char            *search;      /* … a text search (with @filter), or */
  const WbRecordsFilter *filter;      /* … a filter (NULL = every signal) */
  gboolean               since_last;  /* only what changed since the last bundle to them */
  WbTlp                  tlp_max;     /* nothing above leaves; default AMBER */
} WbBundleExportOptions;

typedef struct
{
  char *uuid;
  char *reason;    /* translated */
} WbWithheld;

typedef struct
{
  char       *bundle_uuid;
  guint       n_signals;
  guint       n_tombstones;
  GPtrArray  *withheld;      /* of WbWithheld */
} WbExportReport;

void            wb_bundle_export_options_init (WbBundleExportOptions        *options);
void            wb_export_report_free         (WbExportReport               *report);

/* Writes the bundle to @path (atomically) and records it as sent to each
 * recipient with the next sequence number. */
WbExportReport *wb_bundle_export              (WbStore                      *store,
                                               const WbBundleExportOptions  *options,
                                               const char                   *path,
                                               GCancellable                 *cancellable,
                                               GError                      **error);
/* A small bundle to @recipient that only acknowledges @bundle_uuids. */
WbExportReport *wb_bundle_export_ack          (WbStore                      *store,
                                               const char                   *recipient,
                                               const char * const           *bundle_uuids,
                                               const char                   *path,
                                               GCancellable                 *cancellable,
                                               GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbExportReport, wb_export_report_free)

G_END_DECLS
