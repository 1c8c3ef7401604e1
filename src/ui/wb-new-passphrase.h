/* wb-new-passphrase.h — choose a passphrase: enter twice, strength, checks
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  WB_PASSPHRASE_TOO_SHORT,
  WB_PASSPHRASE_WEAK,
  WB_PASSPHRASE_FAIR,
  WB_PASSPHRASE_GOOD,
  WB_PASSPHRASE_STRONG,
} WbPassphraseStrength;

#define WB_TYPE_NEW_PASSPHRASE (wb_new_passphrase_get_type ())

G_DECLARE_FINAL_TYPE (WbNewPassphrase, wb_new_passphrase, WB, NEW_PASSPHRASE, AdwBin)

WbPassphraseStrength  wb_passphrase_estimate_strength (const char      *passphrase);
const char           *wb_passphrase_strength_label    (WbPassphraseStrength strength);
char                 *wb_passphrase_dup_problem       (const char      *passphrase,
                                                       const char      *repeated);

const char           *wb_new_passphrase_get_text      (WbNewPassphrase *self);
gboolean              wb_new_passphrase_is_acceptable (WbNewPassphrase *self);
gboolean              wb_new_passphrase_validate      (WbNewPassphrase *self);
void                  wb_new_passphrase_clear         (WbNewPassphrase *self);
void                  wb_new_passphrase_grab_focus    (WbNewPassphrase *self);

G_END_DECLS
