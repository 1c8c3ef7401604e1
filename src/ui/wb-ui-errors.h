/* wb-ui-errors.h — turn core errors into sentences for the user
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *wb_ui_describe_error (const GError *error);

G_END_DECLS
