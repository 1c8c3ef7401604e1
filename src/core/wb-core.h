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
#include "wb-age.h"
#include "wb-audit.h"
#include "wb-bundle-reader.h"
#include "wb-bundle-writer.h"
#include "wb-contacts.h"
#include "wb-demo.h"
#include "wb-enums.h"
#include "wb-identity.h"
#include "wb-key.h"
#include "wb-ladder.h"
#include "wb-matches.h"
#include "wb-merge.h"
#include "wb-minisign.h"
#include "wb-provenance.h"
#include "wb-records.h"
#include "wb-records-async.h"
#include "wb-report.h"
#include "wb-search.h"
#include "wb-signal.h"
#include "wb-signal-list.h"
#include "wb-stats.h"
#include "wb-taxonomy.h"
#include "wb-store.h"
#include "wb-vault.h"

#undef WB_CORE_INSIDE
