/* wb-audit.h — the hash chain of the audit log (pure: no SQL, no I/O)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_INSIDE) && !defined (WB_CORE_COMPILATION)
# error "Only <wb-core.h> can be included directly."
#endif

#include <glib-object.h>

#include "wb-types.h"

G_BEGIN_DECLS

/* Each entry records who (a role), what (an action name), on which object
 * (a UUID) and the result — never content.  Entry N's hash is
 * BLAKE2b-256 over a length-prefixed encoding of its fields and entry
 * N − 1's hash, so editing, deleting or reordering any entry breaks the
 * chain.  See docs/records.md. */

#define WB_AUDIT_ERROR (wb_audit_error_quark ())

typedef enum
{
  WB_AUDIT_ERROR_BROKEN,    /* the chain does not verify */
} WbAuditError;

#define WB_AUDIT_HASH_HEX_LEN 64
/* prev_hash of the first entry. */
#define WB_AUDIT_GENESIS_HASH \
  "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct _WbAuditEntry WbAuditEntry;

struct _WbAuditEntry
{
  gint64  seq;          /* 1, 2, 3 … without gaps */
  char   *time;         /* UTC, YYYY-MM-DDTHH:MM:SSZ */
  char   *actor_role;
  char   *action;       /* e.g. "signal.add" */
  char   *object_uuid;  /* may be NULL */
  char   *result;       /* "ok" */
  char   *prev_hash;    /* 64 lower-case hex digits */
  char   *hash;
};

#define WB_TYPE_AUDIT_ENTRY (wb_audit_entry_get_type ())

GType          wb_audit_entry_get_type   (void) G_GNUC_CONST;
WbAuditEntry  *wb_audit_entry_copy       (const WbAuditEntry *entry);
void           wb_audit_entry_free       (WbAuditEntry       *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbAuditEntry, wb_audit_entry_free)

GQuark         wb_audit_error_quark      (void);

/* The hash of @entry from its fields and prev_hash (entry->hash is
 * ignored), as 64 lower-case hex digits. */
char          *wb_audit_compute_hash     (const WbAuditEntry *entry);

/* Verifies a log entry by entry, in seq order as stored. */
typedef struct
{
  gint64  n_entries;
  char    last_hash[WB_AUDIT_HASH_HEX_LEN + 1];
} WbAuditVerifier;

void           wb_audit_verifier_init    (WbAuditVerifier    *verifier);
gboolean       wb_audit_verifier_add     (WbAuditVerifier    *verifier,
                                          const WbAuditEntry *entry,
                                          GError            **error);
/* Compares the end of the chain with the head recorded beside the log
 * (seq and hash of the newest entry; 0 and NULL for an empty log), which
 * catches entries cut off the end. */
gboolean       wb_audit_verifier_finish  (WbAuditVerifier    *verifier,
                                          gint64              head_seq,
                                          const char         *head_hash,
                                          GError            **error);

G_END_DECLS
