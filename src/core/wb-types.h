/* wb-types.h — forward declarations shared across libweerbaar-core
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_INSIDE) && !defined (WB_CORE_COMPILATION)
# error "Only <wb-core.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WbKey   WbKey;
typedef struct _WbStore WbStore;
typedef struct _WbVault WbVault;

G_END_DECLS
