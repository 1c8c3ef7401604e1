/* wb-dialogs.h — dialogs as asynchronous operations (R12)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void  wb_new_passphrase_dialog_run_async  (GtkWindow           *parent,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char *wb_new_passphrase_dialog_run_finish (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
