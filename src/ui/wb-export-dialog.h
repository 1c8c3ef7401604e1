/* wb-export-dialog.h — send signals to pinned contacts as a bundle (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_EXPORT_DIALOG (wb_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WbExportDialog, wb_export_dialog, WB, EXPORT_DIALOG, AdwWindow)

typedef enum
{
  WB_EXPORT_SCOPE_ALL,
  WB_EXPORT_SCOPE_SELECTED,   /* the signal shown in the main window */
  WB_EXPORT_SCOPE_CASE,
  WB_EXPORT_SCOPE_SEARCH,     /* the main window's list: search text and filters */
  WB_EXPORT_SCOPE_DATES,
} WbExportScope;

/* @selected_uuid and @search_text: (nullable) what the main window shows,
 * offered as choices of what to send. */
GtkWindow  *wb_export_dialog_new             (GtkWindow       *parent,
                                              WbStore         *store,
                                              const char      *selected_uuid,
                                              const char      *search_text);
gboolean    wb_export_dialog_get_busy        (WbExportDialog  *self);
/* Ticks the recipient @name; FALSE if it is not a pinned contact. */
gboolean    wb_export_dialog_set_recipient   (WbExportDialog  *self,
                                              const char      *name,
                                              gboolean         chosen);
gboolean    wb_export_dialog_set_scope       (WbExportDialog  *self,
                                              WbExportScope    scope);
void        wb_export_dialog_set_tlp_max     (WbExportDialog  *self,
                                              WbTlp            tlp);
/* What the file chooser leads to: exports into @file in a worker. */
void        wb_export_dialog_export_to_file  (WbExportDialog  *self,
                                              GFile           *file);
/* (transfer none) the last export's report, or NULL */
const WbExportReport *wb_export_dialog_get_report (WbExportDialog *self);
/* (transfer none) the dry run of what the form describes (recipients,
 * scope, ceiling), or NULL while it is worked out or the form is
 * incomplete; nothing is written for it. */
const WbExportReport *wb_export_dialog_get_preview (WbExportDialog *self);
/* The main window's list filter, so "the signals in the current list"
 * means search text and filters; copied.  NULL: none. */
void        wb_export_dialog_set_list_filter (WbExportDialog        *self,
                                              const WbRecordsFilter *filter);

G_END_DECLS
