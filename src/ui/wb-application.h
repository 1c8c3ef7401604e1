/* wb-application.h
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_APPLICATION (wb_application_get_type ())

G_DECLARE_FINAL_TYPE (WbApplication, wb_application, WB, APPLICATION, AdwApplication)

/* How many fictional signals `weerbaar --demo` opens with. */
#define WB_APPLICATION_DEMO_SIGNALS 500

WbApplication *wb_application_new       (void);
const char    *wb_application_get_vault_dir (WbApplication *self);
WbVault       *wb_application_get_vault (WbApplication *self);
const char    *wb_application_get_demo_dir (WbApplication *self);

G_END_DECLS
