/* wb-setup-page.h — first run: explain Weerbaar, create the vault
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WB_TYPE_SETUP_PAGE (wb_setup_page_get_type ())

G_DECLARE_FINAL_TYPE (WbSetupPage, wb_setup_page, WB, SETUP_PAGE, AdwBin)

void wb_setup_page_reset (WbSetupPage *self);

G_END_DECLS
