/* wb-ui-format.h — how signal fields read on screen
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

/* "A1, E2" */
char       *wb_ui_format_codes        (WbSignal    *signal);
/* "A1 Threats, intimidation\nE2 Doxing" (translated labels) */
char       *wb_ui_format_categories   (WbSignal    *signal);
/* The occurrence date as precise as it is known ("2026-03", "≈ 2026-03-14"). */
char       *wb_ui_format_occurred     (WbSignal    *signal);
/* Review date passed and no legal hold; @today NULL = today (UTC). */
gboolean    wb_ui_signal_is_overdue   (WbSignal    *signal,
                                       const char  *today);
/* CSS class of a TLP badge: "wb-tlp-amber" … */
const char *wb_ui_tlp_css_class       (WbTlp        tlp);
/* The nicks of a flags value joined with ", " as translated labels. */
char       *wb_ui_format_community    (WbCommunityContext context);
/* A GtkStringList of the translated labels of an enum, in value order
 * starting at @first. */
GtkStringList *wb_ui_enum_string_list (GType        type,
                                       int          first,
                                       int          last);

/* Removes @rows (widgets the caller added to @group) and empties the
 * array; also @empty_row, if set and in the group: a row shown only
 * while there is nothing to list. */
void        wb_ui_group_clear_rows    (AdwPreferencesGroup *group,
                                       GPtrArray           *rows,
                                       GtkWidget           *empty_row);

G_END_DECLS
