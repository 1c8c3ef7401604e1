/* wb-identity.h — the vault's own identity for bundles (issue #6)
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
#include "wb-age.h"
#include "wb-minisign.h"

G_BEGIN_DECLS

/* One error domain for the exchange subsystem: identity, contacts,
 * bundle writer and reader, merge.  Messages never quote record content. */
#define WB_EXCHANGE_ERROR (wb_exchange_error_quark ())

typedef enum
{
  WB_EXCHANGE_ERROR_FAILED,
  WB_EXCHANGE_ERROR_NO_IDENTITY,        /* organisation name not set */
  WB_EXCHANGE_ERROR_INVALID_CARD,       /* malformed card or bad self-signature */
  WB_EXCHANGE_ERROR_CONTACT_EXISTS,     /* name or keys already pinned differently */
  WB_EXCHANGE_ERROR_CONTACT_NOT_FOUND,
  WB_EXCHANGE_ERROR_INVALID,            /* bad export request */
  WB_EXCHANGE_ERROR_REJECTED,           /* bundle rejected; nothing imported */
  WB_EXCHANGE_ERROR_UNKNOWN_SENDER,     /* bundle rejected: signer not pinned */
  WB_EXCHANGE_ERROR_NOT_FOR_US,         /* bundle rejected: we are no recipient */
  WB_EXCHANGE_ERROR_UNSUPPORTED_VERSION,/* bundle rejected: newer format */
  WB_EXCHANGE_ERROR_CONFLICT_NOT_FOUND,
} WbExchangeError;

/* The fingerprint read aloud by phone: 8 groups of 5 digits. */
#define WB_FINGERPRINT_STRING_SIZE (8 * 6)

typedef struct _WbIdentity WbIdentity;

GQuark                     wb_exchange_error_quark           (void);

/* BLAKE2b over both public keys, as "12345 67890 …". */
void                       wb_fingerprint_compute            (const WbMinisignPublicKey *sign_key,
                                                              const WbAgeRecipient      *age_key,
                                                              char                       out[WB_FINGERPRINT_STRING_SIZE]);

/* Loads the identity, creating its keys on first use.  Needs the
 * "organisation-name" vault setting (NO_IDENTITY otherwise). */
WbIdentity                *wb_identity_ensure                (WbStore                   *store,
                                                              GError                   **error);
WbIdentity                *wb_identity_ref                   (WbIdentity                *self);
void                       wb_identity_unref                 (WbIdentity                *self);

const char                *wb_identity_get_organisation      (WbIdentity                *self);
const char                *wb_identity_get_role              (WbIdentity                *self);
const char                *wb_identity_get_fingerprint       (WbIdentity                *self);
const WbMinisignPublicKey *wb_identity_get_sign_key          (WbIdentity                *self);
const WbAgeRecipient      *wb_identity_get_age_recipient     (WbIdentity                *self);
/* Borrowed secrets (guarded memory). */
WbKey                     *wb_identity_get_sign_secret       (WbIdentity                *self);
WbKey                     *wb_identity_get_age_secret        (WbIdentity                *self);

/* The signed contact card (docs/bundle-format.md §2). */
char                      *wb_identity_dup_card              (WbIdentity                *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbIdentity, wb_identity_unref)

G_END_DECLS
