/* wb-preferences-window.h — auto-lock, retention, organisation, passphrase
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_SETTINGS_SCHEMA_ID "nl.weerbaar.Weerbaar"

#define WB_TYPE_PREFERENCES_WINDOW (wb_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (WbPreferencesWindow, wb_preferences_window, WB, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *wb_preferences_window_new (GtkWindow   *parent,
                                      WbVault     *vault,
                                      WbVaultCost  kdf_cost);

G_END_DECLS
