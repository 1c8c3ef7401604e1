/* wb-vault.h — the encrypted vault: create, unlock, lock, recover, rekey
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_INSIDE) && !defined (WB_CORE_COMPILATION)
# error "Only <wb-core.h> can be included directly."
#endif

#include <gio/gio.h>

#include "wb-types.h"

G_BEGIN_DECLS

#define WB_VAULT_ERROR (wb_vault_error_quark ())

/* Each kind maps to its own weerbaar-cli exit code (see docs/cli.md). */
typedef enum
{
  WB_VAULT_ERROR_FAILED,             /* anything else; message says what */
  WB_VAULT_ERROR_NOT_FOUND,          /* no vault in that folder */
  WB_VAULT_ERROR_EXISTS,             /* create: a vault is already there */
  WB_VAULT_ERROR_NOT_A_VAULT,        /* the file is not a Weerbaar vault */
  WB_VAULT_ERROR_DAMAGED,            /* header or pages fail authentication */
  WB_VAULT_ERROR_WRONG_PASSPHRASE,
  WB_VAULT_ERROR_WRONG_RECOVERY_KEY,
  WB_VAULT_ERROR_NEWER_FORMAT,       /* written by a newer Weerbaar */
  WB_VAULT_ERROR_LOCKED,             /* operation needs an unlocked vault */
  WB_VAULT_ERROR_WEAK_PASSPHRASE,    /* create/change: too short */
  WB_VAULT_ERROR_IN_USE,             /* open in another window or program */
} WbVaultError;

/* Argon2id cost of the passphrase slot.  MODERATE is the default for real
 * vaults: 4 passes over 128 MiB, about 0.42 s here (see cost_limits() in
 * wb-vault.c for why not libsodium's own MODERATE); tests use MIN. */
typedef enum
{
  WB_VAULT_COST_MIN,
  WB_VAULT_COST_INTERACTIVE,
  WB_VAULT_COST_MODERATE,
} WbVaultCost;

#define WB_VAULT_MIN_PASSPHRASE_CHARS 10
#define WB_VAULT_FILE_NAME "vault.db"

#define WB_TYPE_VAULT (wb_vault_get_type ())

G_DECLARE_FINAL_TYPE (WbVault, wb_vault, WB, VAULT, GObject)

GQuark       wb_vault_error_quark                  (void);

char        *wb_vault_dup_default_dir              (void);
gboolean     wb_vault_exists                       (const char           *dir);

WbVault     *wb_vault_create                       (const char           *dir,
                                                    const char           *passphrase,
                                                    WbVaultCost           cost,
                                                    char                **recovery_key,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
void         wb_vault_create_async                 (const char           *dir,
                                                    const char           *passphrase,
                                                    WbVaultCost           cost,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
WbVault     *wb_vault_create_finish                (GAsyncResult         *result,
                                                    char                **recovery_key,
                                                    GError              **error);

WbVault     *wb_vault_unlock                       (const char           *dir,
                                                    const char           *passphrase,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
void         wb_vault_unlock_async                 (const char           *dir,
                                                    const char           *passphrase,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
WbVault     *wb_vault_unlock_finish                (GAsyncResult         *result,
                                                    GError              **error);
WbVault     *wb_vault_unlock_with_recovery_key     (const char           *dir,
                                                    const char           *recovery_key,
                                                    GCancellable         *cancellable,
                                                    GError              **error);

void         wb_vault_lock                         (WbVault              *self);
gboolean     wb_vault_is_locked                    (WbVault              *self);
const char  *wb_vault_get_dir                      (WbVault              *self);
WbStore     *wb_vault_get_store                    (WbVault              *self);

gboolean     wb_vault_change_passphrase            (WbVault              *self,
                                                    const char           *new_passphrase,
                                                    WbVaultCost           cost,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
void         wb_vault_change_passphrase_async      (WbVault              *self,
                                                    const char           *new_passphrase,
                                                    WbVaultCost           cost,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean     wb_vault_change_passphrase_finish     (WbVault              *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
/* A new data key: the database is copied into a new file, so the vault
 * shares no ciphertext with its old copies.  Slot 0 is re-wrapped with
 * @passphrase (the current one or a new one) and a new recovery key is
 * issued in @recovery_key: the old recovery key no longer opens it. */
gboolean     wb_vault_rekey                        (WbVault              *self,
                                                    const char           *passphrase,
                                                    WbVaultCost           cost,
                                                    char                **recovery_key,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
gboolean     wb_vault_check                        (WbVault              *self,
                                                    GError              **error);

G_END_DECLS
