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
#define WB_BUNDLE_FORMAT_MINOR 2
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
  /* Format 1.2: the attachments of the signals sent go along, as they
   * are (not pseudonymised).  Default FALSE: neither files nor their
   * names, sizes or hashes leave. */
  gboolean               with_attachments;
} WbBundleExportOptions;

typedef struct
{
  char *uuid;
  char *reason;    /* translated */
} WbWithheld;

/* A recipient of an export and the sequence number of the bundle to them. */
typedef struct
{
  char       *name;
  char       *fingerprint;
  guint64     sequence;
} WbExportRecipient;

typedef struct
{
  char       *bundle_uuid;   /* NULL in a preview */
  guint       n_signals;
  guint       n_tombstones;
  GPtrArray  *withheld;      /* of WbWithheld */
  /* Format 1.1: */
  guint       n_decisions;   /* decisions sent (with signals, or back to their origin) */
  guint       n_match_tokens;
  gboolean    match_key_sent;
  guint       n_not_forwarded; /* received signals in the selection: never forwarded */
  GPtrArray  *recipients;    /* of WbExportRecipient, in the order named */
  /* Format 1.2 (0 unless with_attachments): */
  guint       n_attachments;    /* listed: one per signal and SHA-256 */
  guint64     attachment_bytes; /* of the distinct files in the payload */
} WbExportReport;

void            wb_bundle_export_options_init (WbBundleExportOptions        *options);
void            wb_export_report_free         (WbExportReport               *report);

/* Writes the bundle to @path (atomically) and records it as sent to each
 * recipient with the next sequence number.  Each signal goes with its
 * decisions.  A signal received from another vault is never forwarded;
 * in a bundle to that vault alone, the decisions made here on it go
 * back instead (docs/bundle-format.md §4).  A coordinator vault adds its
 * match key; a vault holding its recipients' match key adds match
 * tokens. */
WbExportReport *wb_bundle_export              (WbStore                      *store,
                                               const WbBundleExportOptions  *options,
                                               const char                   *path,
                                               GCancellable                 *cancellable,
                                               GError                      **error);
/* The dry run of wb_bundle_export(): the same selection and the same
 * report, without encrypting, writing a file or recording anything (no
 * sequence number is used; the recipients' numbers are those the next
 * export would get, and bundle_uuid is NULL).  It reads only: a vault
 * that has no identity or (a coordinator) no match key yet gets them on
 * its first real export. */
WbExportReport *wb_bundle_export_preview      (WbStore                      *store,
                                               const WbBundleExportOptions  *options,
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
