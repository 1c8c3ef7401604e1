/* wb-vault-private.h — vault internals for tests, fuzzers and core modules
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_COMPILATION)
# error "wb-vault-private.h is private to libweerbaar-core."
#endif

#include "wb-vault.h"

G_BEGIN_DECLS

/* Key header layout (bytes 0..4095 of vault.db): two identical copies. */
#define WB_VAULT_HEADER_COPY_SIZE   2048
#define WB_VAULT_FORMAT_VERSION     1

/* Environment variable for crash tests: when set to
 * "crash-between-header-writes", a passphrase change _exit()s after the
 * first of its two header writes. */
#define WB_VAULT_TEST_HOOK_ENV      "WB_VAULT_TEST_HOOK"

/* Caps on the Argon2id cost a header may ask for.  A header is untrusted
 * input: costs above the caps are refused as DAMAGED before any KDF runs.
 * Fuzzers lower them to keep each run cheap.  Not thread-safe: call before
 * opening vaults. */
void      _wb_vault_set_kdf_limits     (guint64      max_opslimit,
                                        gsize        max_memlimit);

/* Parses a recovery key in its printed form (case-insensitive, dashes and
 * spaces ignored, O read as 0, I and L as 1).  Returns FALSE on a typo. */
gboolean  _wb_vault_parse_recovery_key (const char  *text,
                                        guint8       key[32]);

G_END_DECLS
