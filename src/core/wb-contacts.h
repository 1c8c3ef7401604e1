/* wb-contacts.h — contact cards and pinned contacts (issue #6)
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
#include "wb-identity.h"

G_BEGIN_DECLS

/* Longest contact card accepted, in bytes. */
#define WB_CONTACT_CARD_MAX_BYTES 4096

typedef struct
{
  char                *name;          /* organisation */
  char                *role;
  WbMinisignPublicKey  sign_key;
  WbAgeRecipient       age_key;
  char                 fingerprint[WB_FINGERPRINT_STRING_SIZE];
  gboolean             verified;      /* fingerprint compared */
  char                *added_at;      /* NULL for a card not (yet) pinned */
} WbContact;

void         wb_contact_free               (WbContact                 *contact);
WbContact   *wb_contact_copy               (const WbContact           *contact);

/* Parses a card and checks its self-signature.  The result is not pinned. */
WbContact   *wb_contact_card_parse         (const char                *text,
                                            gsize                      len,
                                            GError                   **error);

/* Pins the card's keys under its organisation name.  Adding the same
 * card again is allowed (and may set @verified); a different key under
 * a pinned name, or a pinned key under another name, is CONTACT_EXISTS. */
WbContact   *wb_contacts_add               (WbStore                   *store,
                                            const char                *card,
                                            gsize                      len,
                                            gboolean                   verified,
                                            GError                   **error);
/* Pinned contacts, by name (GPtrArray of WbContact). */
GPtrArray   *wb_contacts_list              (WbStore                   *store,
                                            GError                   **error);
/* By name (case-insensitive) or by fingerprint. */
WbContact   *wb_contacts_lookup            (WbStore                   *store,
                                            const char                *name,
                                            GError                   **error);
/* The pinned contact with this signing key, or NULL (and no error) if
 * there is none. */
WbContact   *wb_contacts_find_by_sign_key  (WbStore                   *store,
                                            const WbMinisignPublicKey *sign_key,
                                            GError                   **error);
gboolean     wb_contacts_set_verified      (WbStore                   *store,
                                            const char                *name,
                                            GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbContact, wb_contact_free)

G_END_DECLS
