/* wb-key.h — secret key material in guarded (sodium_malloc) memory
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_INSIDE) && !defined (WB_CORE_COMPILATION)
# error "Only <wb-core.h> can be included directly."
#endif

#include "wb-types.h"

G_BEGIN_DECLS

#define WB_KEY_BYTES 32

/* A WbKey is WB_KEY_BYTES of secret material in sodium_malloc() memory
 * (guard pages, mlock, canary).  It is made read-only as soon as it is
 * filled and wiped by sodium_free() when the last reference goes. */

WbKey        *wb_key_new_random  (void);
WbKey        *wb_key_new_from    (const guint8 *bytes,
                                  gsize         len);
WbKey        *wb_key_derive      (const WbKey  *master,
                                  guint64       subkey_id,
                                  const char    context[8]);
WbKey        *wb_key_ref         (WbKey        *key);
void          wb_key_unref       (WbKey        *key);
const guint8 *wb_key_get_data    (const WbKey  *key);
gboolean      wb_key_equal       (const WbKey  *a,
                                  const WbKey  *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbKey, wb_key_unref)

G_END_DECLS
