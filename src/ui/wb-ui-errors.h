/* wb-ui-errors.h — turn core errors into sentences for the user
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

char     *wb_ui_describe_error (const GError *error);
/* A toast showing @text as it is.  Toast titles are markup in
 * libadwaita 1.2, and a message may quote a name, a summary or a file
 * name: every toast goes through here. */
AdwToast *wb_ui_toast_new      (const char   *text);

G_END_DECLS
