/* wb-demo.h — fictional signals for demonstrations, tests and benchmarks
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

/* Adds @count invented signals through the ordinary API (each with its
 * audit entry): real Dutch municipalities, invented pseudonyms and
 * handles, varied categories, TLP labels and dates; some escalated,
 * closed, linked or grouped in cases.  The same @seed gives the same
 * texts (UUIDs and timestamps differ).  Work is committed in batches of
 * @batch_size (0 = 5000); @progress, if set, is called after each batch
 * with the number added so far.  On failure the batch in progress is
 * dropped and earlier batches stay. */
gboolean            wb_demo_fill                (WbStore     *store,
                                                 guint        count,
                                                 guint32      seed,
                                                 guint        batch_size,
                                                 void       (*progress) (guint    done,
                                                                         gpointer user_data),
                                                 gpointer     user_data,
                                                 GError     **error);

/* A throw-away vault for `weerbaar --demo`: a fresh private folder
 * (g_dir_make_tmp(), mode 0700) named "weerbaar-demo-XXXXXX", the minimum
 * key-derivation cost and a random passphrase that is wiped at once and
 * never shown, so nobody can reopen it; filled with @count fictional
 * signals (wb_demo_fill()), escalations, links and cases.  The folder is
 * wb_vault_get_dir(); remove it with wb_demo_delete_vault() after
 * locking.  Until then this process holds a lock on the folder, which
 * tells wb_demo_sweep_stale_vaults() it is in use.  On failure nothing is
 * left behind. */
WbVault            *wb_demo_create_vault        (guint                count,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
void                wb_demo_create_vault_async  (guint                count,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
WbVault            *wb_demo_create_vault_finish (GAsyncResult        *result,
                                                 GError             **error);
/* Deletes the files of a locked demo vault and its folder.  Refuses any
 * folder not named like one wb_demo_create_vault() makes, so a real vault
 * can never be deleted by mistake. */
gboolean            wb_demo_delete_vault        (const char          *dir,
                                                 GError             **error);
/* Deletes the demo folders in @tmp_dir (NULL: g_get_tmp_dir()) that a
 * demo killed before its clean-up left behind.  wb_demo_create_vault()
 * calls it first.  A running demo holds a lock on its folder and is left
 * alone; so is anything not a folder named like a demo's (a link is never
 * followed), not this user's, not mode 0700, or changed in the last ten
 * minutes.  Returns: how many folders it deleted. */
guint               wb_demo_sweep_stale_vaults  (const char          *tmp_dir);

/* The words and municipalities the demo writes, for benchmark queries. */
const char * const *wb_demo_get_words           (void);
const char * const *wb_demo_get_municipalities  (void);

G_END_DECLS
