/* wb-bundle-reader.h — strict reading of signed, encrypted bundles (issue #6)
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
#include "wb-contacts.h"
#include "wb-ladder.h"
#include "wb-matches.h"

G_BEGIN_DECLS

/* Size limits checked before anything else (docs/bundle-format.md §4). */
#define WB_BUNDLE_MAX_BYTES          ((gsize) 512 * 1024 * 1024)
#define WB_BUNDLE_MAX_SIGNAL_BYTES   ((gsize) 256 * 1024)
#define WB_BUNDLE_MAX_MANIFEST_BYTES ((gsize) 64 * 1024 * 1024)
#define WB_BUNDLE_MAX_SMALL_BYTES    ((gsize) 4096)   /* signature, card */
#define WB_BUNDLE_MAX_MEMBERS        200000
/* Format 1.2: all attachment files of one bundle together, and their
 * number; each one is at most wb_records_get_max_attachment_size(). */
#define WB_BUNDLE_MAX_ATTACHMENT_BYTES ((gsize) 384 * 1024 * 1024)
#define WB_BUNDLE_MAX_ATTACHMENTS      10000

typedef struct
{
  char  *uuid;
  guint  revision;
} WbTombstone;

/* A decision as it travels (format 1.1): its own stable UUID, the
 * signal it belongs to and the revision it gave that signal where it was
 * made. */
typedef struct
{
  char       *uuid;
  char       *signal_uuid;
  guint       revision;
  WbDecision *decision;
} WbBundleDecision;

void      wb_bundle_decision_free (WbBundleDecision *decision);

/* An attachment as it travels (format 1.2): listed in the manifest, its
 * file in the payload as attachments/<sha256>.  Several entries may
 * share one file. */
typedef struct
{
  char    *signal_uuid;
  char    *name;
  guint64  size;
  char    *sha256;       /* lower-case hex */
  GBytes  *data;         /* checked against @sha256 and @size; wiped when freed */
} WbBundleAttachment;

void      wb_bundle_attachment_free (WbBundleAttachment *attachment);

/* A bundle that passed every check; nothing of it is stored yet. */
typedef struct
{
  char       *bundle_uuid;
  char       *kind;           /* "signals" or "ack" */
  char       *version;        /* "1.0" */
  char       *created_at;
  WbContact  *sender;         /* the pinned contact that signed it */
  char       *hash;           /* SHA-256 of payload.age, hex */
  guint64     sequence;       /* ours, from the sender */
  char       *previous_hash;  /* of their previous bundle to us, or NULL */
  GPtrArray  *signals;        /* of WbSignal */
  GPtrArray  *canonical;      /* canonical JSON of each signal (char *) */
  GPtrArray  *hashes;         /* its BLAKE2b-256, hex (char *) */
  GPtrArray  *tombstones;     /* of WbTombstone */
  GStrv       acknowledges;   /* bundle UUIDs */
  /* Format 1.1 (empty or NULL in a 1.0 bundle): */
  char       *sender_kind;    /* "municipality" or "coordinator" */
  GPtrArray  *decisions;      /* of WbBundleDecision, in the sender's order */
  WbKey      *match_key;      /* the sender's match key, or NULL */
  char       *match_key_id;   /* id of the key the tokens use, or NULL */
  GPtrArray  *match_tokens;   /* of WbMatchToken */
  /* Format 1.2 (empty before): */
  GPtrArray  *attachments;    /* of WbBundleAttachment, in manifest order */
} WbBundle;

void      wb_bundle_free        (WbBundle      *bundle);

/* All checks of DESIGN §5 up to and including the manifest; on any
 * failure nothing decrypted is kept and the error says why (REJECTED,
 * UNKNOWN_SENDER, NOT_FOR_US or UNSUPPORTED_VERSION). */
WbBundle *wb_bundle_read        (WbStore       *store,
                                 const char    *path,
                                 GCancellable  *cancellable,
                                 GError       **error);
WbBundle *wb_bundle_read_bytes  (WbStore       *store,
                                 GBytes        *bytes,
                                 GCancellable  *cancellable,
                                 GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbBundle, wb_bundle_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbBundleDecision, wb_bundle_decision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbBundleAttachment, wb_bundle_attachment_free)

G_END_DECLS
