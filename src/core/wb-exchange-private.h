/* wb-exchange-private.h — SQL of the exchange modules (wb-store-exchange.c)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_COMPILATION)
# error "wb-exchange-private.h is private to libweerbaar-core."
#endif

#include "wb-bundle-reader.h"
#include "wb-contacts.h"
#include "wb-signal.h"
#include "wb-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *signal_uuid;
  guint   revision;
  char   *hash;
  char   *json;
  char   *sender;        /* fingerprint */
  char   *bundle_uuid;
  char   *recorded_at;
} WbConflictRow;

void      _wb_conflict_row_free          (WbConflictRow  *row);

/* Identity keys: @found is FALSE when none were made yet. */
gboolean  _wb_exchange_load_identity     (WbStore        *store,
                                          WbKey         **sign_seed,
                                          guint8          key_id[WB_MINISIGN_KEY_ID_BYTES],
                                          WbKey         **age_secret,
                                          gboolean       *found,
                                          GError        **error);
gboolean  _wb_exchange_save_identity     (WbStore        *store,
                                          WbKey          *sign_seed,
                                          const guint8    key_id[WB_MINISIGN_KEY_ID_BYTES],
                                          WbKey          *age_secret,
                                          GError        **error);

/* Contacts.  @name / @sign_key select (NULL = all). */
GPtrArray *_wb_exchange_select_contacts  (WbStore        *store,
                                          const char     *name,
                                          const guint8   *sign_key,
                                          GError        **error);
gboolean  _wb_exchange_insert_contact    (WbStore        *store,
                                          const WbContact *contact,
                                          const char     *card,
                                          GError        **error);
gboolean  _wb_exchange_set_verified      (WbStore        *store,
                                          const char     *fingerprint,
                                          GError        **error);

/* Bundles sent: the last one to @recipient (seq 0 and NULLs if none). */
gboolean  _wb_exchange_last_sent         (WbStore        *store,
                                          const char     *recipient,
                                          guint64        *seq,
                                          char          **hash,
                                          char          **created_at,
                                          GError        **error);
gboolean  _wb_exchange_record_sent       (WbStore        *store,
                                          const char     *bundle_uuid,
                                          const char     *recipient,
                                          guint64         seq,
                                          const char     *hash,
                                          GError        **error);
gboolean  _wb_exchange_acknowledge       (WbStore        *store,
                                          const char     *recipient,
                                          const char     *bundle_uuid,
                                          gboolean       *found,
                                          GError        **error);

/* Bundles received. */
gboolean  _wb_exchange_was_received      (WbStore        *store,
                                          const char     *sender,
                                          const char     *bundle_uuid,
                                          gboolean       *seen,
                                          GError        **error);
gboolean  _wb_exchange_record_received   (WbStore        *store,
                                          const char     *sender,
                                          const char     *bundle_uuid,
                                          guint64         seq,
                                          const char     *hash,
                                          GError        **error);
/* Sorted sequence numbers (GArray of guint64) received from @sender. */
GArray   *_wb_exchange_received_seqs     (WbStore        *store,
                                          const char     *sender,
                                          GError        **error);
/* Hash of the bundle with sequence @seq from @sender, or NULL. */
char     *_wb_exchange_received_hash     (WbStore        *store,
                                          const char     *sender,
                                          guint64         seq,
                                          GError        **error);

/* Signals as merge sees them.  @exists FALSE: no current row; then
 * @tombstoned says whether it was purged here. */
gboolean  _wb_exchange_lookup_signal     (WbStore        *store,
                                          const char     *uuid,
                                          gboolean       *exists,
                                          gint64         *id,
                                          guint          *revision,
                                          char          **hash,
                                          gboolean       *tombstoned,
                                          GError        **error);
/* Writes @signal as it is (its own revision and bookkeeping), with its
 * canonical JSON and hash if the caller has them (else NULL): the current
 * row (insert when *@id is 0), the revision history, categories, persons
 * and the search row. */
gboolean  _wb_exchange_write_signal      (WbStore        *store,
                                          WbSignal       *signal,
                                          const char     *canonical_json,
                                          const char     *hash,
                                          gint64         *id,
                                          GError        **error);
gboolean  _wb_exchange_add_tombstone     (WbStore        *store,
                                          const char     *uuid,
                                          guint           revision,
                                          GError        **error);
/* "uuid" → revision of every tombstone recorded at or after @since
 * (NULL = all), as a GPtrArray of "uuid:revision" strings. */
GPtrArray *_wb_exchange_list_tombstones  (WbStore        *store,
                                          const char     *since,
                                          GError        **error);
gboolean  _wb_exchange_add_provenance    (WbStore        *store,
                                          const char     *uuid,
                                          guint           revision,
                                          const char     *sender,
                                          const char     *bundle_uuid,
                                          GError        **error);
gboolean  _wb_exchange_add_conflict      (WbStore        *store,
                                          const char     *uuid,
                                          guint           revision,
                                          const char     *hash,
                                          const char     *json,
                                          const char     *sender,
                                          const char     *bundle_uuid,
                                          GError        **error);
/* Unresolved conflicts (GPtrArray of WbConflictRow), or one by id. */
GPtrArray *_wb_exchange_list_conflicts   (WbStore        *store,
                                          gint64          id,
                                          GError        **error);
gboolean  _wb_exchange_resolve_conflict  (WbStore        *store,
                                          gint64          id,
                                          const char     *resolution,
                                          GError        **error);
/* A hash-chained audit entry with the vault's role as actor. */
gboolean  _wb_exchange_audit             (WbStore        *store,
                                          const char     *action,
                                          const char     *object_uuid,
                                          GError        **error);
/* The same with the actor's role given (NULL = "unspecified"). */
gboolean  _wb_exchange_audit_as          (WbStore        *store,
                                          const char     *role,
                                          const char     *action,
                                          const char     *object_uuid,
                                          GError        **error);
char     *_wb_exchange_now_string        (void);

/* wb-bundle-reader.c: wb_bundle_read() without the store, for a worker
 * thread: @contacts is a snapshot of the pinned contacts. */
WbBundle *_wb_bundle_read_file_offline   (WbIdentity     *identity,
                                          GPtrArray      *contacts,
                                          const char     *path,
                                          GCancellable   *cancellable,
                                          GError        **error);

/* wb-contacts.c: a card without its final "signature:" line. */
char     *_wb_contact_card_body          (const WbMinisignPublicKey *sign_key,
                                          const WbAgeRecipient      *age_key,
                                          const char                *name,
                                          const char                *role);

/* ---- decisions in bundles (format 1.1, schema 6) ---------------------- */

/* The vault kind setting: "municipality" (default) or "coordinator". */
WbActorKind _wb_exchange_vault_kind      (WbStore        *store);
/* The decisions of @signal_uuid as they travel (GPtrArray of
 * WbBundleDecision), oldest first; @local_only: only those decided here. */
GPtrArray *_wb_exchange_list_decisions   (WbStore        *store,
                                          const char     *signal_uuid,
                                          gboolean        local_only,
                                          GError        **error);
gboolean  _wb_exchange_decision_exists   (WbStore        *store,
                                          const char     *uuid,
                                          gboolean       *exists,
                                          GError        **error);
/* Appends @d as it came from @origin (a fingerprint). */
gboolean  _wb_exchange_insert_decision   (WbStore        *store,
                                          const WbBundleDecision *d,
                                          const char     *origin,
                                          GError        **error);
/* The fingerprint of the vault that first sent us @signal_uuid, or NULL
 * (*@origin) for a signal made here. */
gboolean  _wb_exchange_signal_origin     (WbStore        *store,
                                          const char     *signal_uuid,
                                          char          **origin,
                                          GError        **error);

/* ---- match keys and tokens (wb-store-matches.c) ----------------------- */

/* @owner "" = this vault's own key; *@key NULL if there is none. */
gboolean  _wb_matches_load_key           (WbStore        *store,
                                          const char     *owner,
                                          WbKey         **key,
                                          GError        **error);
gboolean  _wb_matches_save_key           (WbStore        *store,
                                          const char     *owner,
                                          const WbKey    *key,
                                          GError        **error);
/* A short public id of a key (hex), so a receiver can tell which key
 * tokens were made with. */
char     *_wb_matches_key_id             (const WbKey    *key);
/* The tokens of one signal being exported (GPtrArray of WbMatchToken):
 * handles, "org:" tags, and persons by their recorded identity, else by
 * pseudonym.  Identities are read here and never leave this call. */
GPtrArray *_wb_matches_signal_tokens     (WbStore        *store,
                                          const WbKey    *key,
                                          WbSignal       *signal,
                                          GError        **error);
/* Replaces the tokens stored for @signal_uuid with @tokens (those of
 * that signal among them) from @sender. */
gboolean  _wb_matches_replace_tokens     (WbStore        *store,
                                          const char     *signal_uuid,
                                          const char     *sender,
                                          GPtrArray      *tokens,
                                          GError        **error);

/* ---- attachments in bundles (format 1.2, wb-store-bundle-attachments.c) */

/* Inside the caller's transaction: stores @attachment under the signal
 * row @signal_id unless that signal already has a file with its SHA-256
 * (*@added FALSE).  No audit entry. */
gboolean  _wb_exchange_store_attachment  (WbStore                  *store,
                                          gint64                    signal_id,
                                          const WbBundleAttachment *attachment,
                                          gboolean                 *added,
                                          GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbConflictRow, _wb_conflict_row_free)

G_END_DECLS
