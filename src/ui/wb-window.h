/* wb-window.h
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_WINDOW (wb_window_get_type ())

G_DECLARE_FINAL_TYPE (WbWindow, wb_window, WB, WINDOW, AdwApplicationWindow)

WbWindow   *wb_window_new            (GtkApplication *application,
                                      const char     *vault_dir,
                                      WbVaultCost     kdf_cost);
const char *wb_window_get_vault_dir  (WbWindow       *self);
WbVault    *wb_window_get_vault      (WbWindow       *self);
void        wb_window_lock           (WbWindow       *self);
void        wb_window_add_toast      (WbWindow       *self,
                                      AdwToast       *toast);
void        wb_window_open_demo_vault (WbWindow      *self,
                                       WbVault       *vault);
gboolean    wb_window_is_demo        (WbWindow       *self);

G_END_DECLS
