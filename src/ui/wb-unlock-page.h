/* wb-unlock-page.h — open a locked vault with the passphrase or recovery key
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WB_TYPE_UNLOCK_PAGE (wb_unlock_page_get_type ())

G_DECLARE_FINAL_TYPE (WbUnlockPage, wb_unlock_page, WB, UNLOCK_PAGE, AdwBin)

void wb_unlock_page_reset      (WbUnlockPage *self);
void wb_unlock_page_grab_focus (WbUnlockPage *self);

G_END_DECLS
