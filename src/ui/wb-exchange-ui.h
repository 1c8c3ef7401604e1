/* wb-exchange-ui.h — small pieces shared by the bundle pages and dialogs
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-ui-errors.h"

#include "wb-core.h"

G_BEGIN_DECLS

/* Core's exchange messages are translated and name no record content, so
 * they are shown as they are; everything else as wb-ui-errors says. */
char      *wb_exchange_ui_describe_error   (const GError *error);
/* TRUE for the errors that mean "this bundle was refused". */
gboolean   wb_exchange_ui_is_rejection     (const GError *error);
/* A fingerprint as read aloud: large, monospace, selectable, in two
 * lines of four groups. */
GtkWidget *wb_exchange_ui_fingerprint_label (const char   *fingerprint);
/* The window @widget is in, for dialogs; NULL if it has none. */
GtkWindow *wb_exchange_ui_get_window       (GtkWidget    *widget);
/* "2026-11-29T13:45:00Z" in the local time zone, for people. */
char      *wb_exchange_ui_format_time      (const char   *iso);

G_END_DECLS
