/* wb-core-private.h — helpers shared inside libweerbaar-core only
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Calls sodium_init() exactly once; aborts if libsodium cannot start
 * (no usable random source), since nothing in core is safe without it. */
void wb_core_ensure_sodium (void);

G_END_DECLS
