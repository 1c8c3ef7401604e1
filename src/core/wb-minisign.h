/* wb-minisign.h — Ed25519 signatures in minisign's format
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

#define WB_MINISIGN_ERROR (wb_minisign_error_quark ())

typedef enum
{
  WB_MINISIGN_ERROR_FAILED,
  WB_MINISIGN_ERROR_MALFORMED,          /* not a minisign signature or public key */
  WB_MINISIGN_ERROR_UNSUPPORTED,        /* legacy (not prehashed) or unknown algorithm */
  WB_MINISIGN_ERROR_WRONG_KEY_ID,       /* signed by another key */
  WB_MINISIGN_ERROR_SIGNATURE_INVALID,  /* file or trusted comment was changed */
} WbMinisignError;

#define WB_MINISIGN_KEY_ID_BYTES      8
#define WB_MINISIGN_PUBLIC_KEY_BYTES  32
/* Longest comment accepted, without its "trusted comment: " prefix. */
#define WB_MINISIGN_COMMENT_MAX       1000

/* The secret key is a WbKey holding the 32-byte Ed25519 seed; the key id
 * is chosen by the caller (minisign picks it at random). */
typedef struct
{
  guint8 key_id[WB_MINISIGN_KEY_ID_BYTES];
  guint8 key[WB_MINISIGN_PUBLIC_KEY_BYTES];
} WbMinisignPublicKey;

GQuark    wb_minisign_error_quark            (void);

void      wb_minisign_public_key_from_secret (const WbKey                *secret,
                                              const guint8                key_id[WB_MINISIGN_KEY_ID_BYTES],
                                              WbMinisignPublicKey        *public_key);
char     *wb_minisign_public_key_to_base64   (const WbMinisignPublicKey  *public_key);
char     *wb_minisign_public_key_to_string   (const WbMinisignPublicKey  *public_key);
gboolean  wb_minisign_public_key_parse       (const char                 *text,
                                              WbMinisignPublicKey        *public_key,
                                              GError                    **error);
char     *wb_minisign_key_id_to_string       (const guint8                key_id[WB_MINISIGN_KEY_ID_BYTES]);

char     *wb_minisign_sign                   (const WbKey                *secret,
                                              const guint8                key_id[WB_MINISIGN_KEY_ID_BYTES],
                                              GInputStream               *message,
                                              const char                 *untrusted_comment,
                                              const char                 *trusted_comment,
                                              GCancellable               *cancellable,
                                              GError                    **error);
gboolean  wb_minisign_verify                 (const WbMinisignPublicKey  *public_key,
                                              const char                 *signature,
                                              gsize                       signature_len,
                                              GInputStream               *message,
                                              char                      **trusted_comment,
                                              GCancellable               *cancellable,
                                              GError                    **error);

G_END_DECLS
