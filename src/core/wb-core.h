/* wb-core.h — libweerbaar-core umbrella header
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <gio/gio.h>

#define WB_CORE_INSIDE

#include "wb-types.h"
#include "wb-enums.h"
#include "wb-key.h"
#include "wb-ladder.h"
#include "wb-signal.h"
#include "wb-taxonomy.h"
#include "wb-store.h"
#include "wb-vault.h"

#undef WB_CORE_INSIDE
