/* wb-ui-errors.c — turn core errors into sentences for the user
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-ui-errors"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-core.h"
#include "wb-ui-errors.h"

/**
 * wb_ui_describe_error:
 * @error: an error from core
 *
 * Says what went wrong and what the user can do about it.  Core keeps
 * secrets and record content out of its messages, so a message it wrote may
 * be shown as the detail of an unexpected failure.
 *
 * Returns: (transfer full): a translated sentence
 */
char *
wb_ui_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == WB_VAULT_ERROR)
    {
      switch ((WbVaultError) error->code)
        {
        case WB_VAULT_ERROR_WRONG_PASSPHRASE:
          return g_strdup (_("That passphrase is not right. Check that Caps Lock is off and try again."));
        case WB_VAULT_ERROR_WRONG_RECOVERY_KEY:
          return g_strdup (_("That recovery key is not right. Check it against the copy you stored and try again."));
        case WB_VAULT_ERROR_DAMAGED:
          return g_strdup (_("The vault is damaged and cannot be opened. Restore it from a backup."));
        case WB_VAULT_ERROR_NEWER_FORMAT:
          return g_strdup (_("This vault was made by a newer version of Weerbaar. Update Weerbaar to open it."));
        case WB_VAULT_ERROR_NOT_FOUND:
          return g_strdup (_("There is no vault in this folder."));
        case WB_VAULT_ERROR_NOT_A_VAULT:
          return g_strdup (_("This folder holds a file that is not a Weerbaar vault."));
        case WB_VAULT_ERROR_EXISTS:
          return g_strdup (_("There is already a vault in this folder."));
        case WB_VAULT_ERROR_WEAK_PASSPHRASE:
          return g_strdup (_("This passphrase is too short."));
        case WB_VAULT_ERROR_IN_USE:
          return g_strdup (_("The vault is already open in another window or program. Close it there first."));
        case WB_VAULT_ERROR_LOCKED:
          return g_strdup (_("The vault is locked. Unlock it and try again."));
        case WB_VAULT_ERROR_FAILED:
        default:
          break;
        }
    }
  else if (error->domain == WB_STORE_ERROR)
    {
      switch ((WbStoreError) error->code)
        {
        case WB_STORE_ERROR_CORRUPT:
          return g_strdup (_("The vault is damaged and cannot be opened. Restore it from a backup."));
        case WB_STORE_ERROR_NEWER_SCHEMA:
          return g_strdup (_("This vault was made by a newer version of Weerbaar. Update Weerbaar to open it."));
        case WB_STORE_ERROR_FULL:
          return g_strdup (_("The disk is full. Nothing was changed; free some space and try again."));
        case WB_STORE_ERROR_FAILED:
        case WB_STORE_ERROR_BUSY:
        case WB_STORE_ERROR_DENIED:
        case WB_STORE_ERROR_CLOSED:
        default:
          break;
        }
    }

  /* Translators: %s is a technical reason, in English if core has no translation. */
  return g_strdup_printf (_("Something went wrong: %s"), error->message);
}

AdwToast *
wb_ui_toast_new (const char *text)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  escaped = g_markup_escape_text (text, -1);
  return adw_toast_new (escaped);
}
