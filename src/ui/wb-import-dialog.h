/* wb-import-dialog.h — import many bundles: preview, progress, results (issues #6, #7)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_IMPORT_DIALOG (wb_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WbImportDialog, wb_import_dialog, WB, IMPORT_DIALOG, AdwWindow)

typedef enum
{
  WB_IMPORT_STAGE_CHOOSE,     /* no files yet */
  WB_IMPORT_STAGE_CHECKING,   /* dry run in progress */
  WB_IMPORT_STAGE_PREVIEW,    /* dry run shown; Import waits for the user */
  WB_IMPORT_STAGE_IMPORTING,
  WB_IMPORT_STAGE_DONE,
} WbImportStage;

GtkWindow     *wb_import_dialog_new        (GtkWindow           *parent,
                                            WbStore             *store);
/* What the file chooser leads to: checks @paths in a dry run. */
void           wb_import_dialog_set_files  (WbImportDialog      *self,
                                            const char * const  *paths);
/* What the Import button does. */
void           wb_import_dialog_import     (WbImportDialog      *self);
WbImportStage  wb_import_dialog_get_stage  (WbImportDialog      *self);

G_END_DECLS
