/* wb-attachments-group.h — a signal's evidence files, kept inside the vault
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_ATTACHMENTS_GROUP (wb_attachments_group_get_type ())

G_DECLARE_FINAL_TYPE (WbAttachmentsGroup, wb_attachments_group, WB, ATTACHMENTS_GROUP, AdwPreferencesGroup)

GtkWidget *wb_attachments_group_new               (void);
/* @store and @uuid: (nullable); reloads the list in a worker */
void       wb_attachments_group_set_signal        (WbAttachmentsGroup *self,
                                                   WbStore            *store,
                                                   const char         *uuid);
/* What "Add…" does after the file chooser: the file is read off the main
 * thread and stored encrypted in the vault; files above the core's limit
 * are refused with a toast. */
void       wb_attachments_group_add_file          (WbAttachmentsGroup *self,
                                                   GFile              *file);
/* Writes an unencrypted copy of attachment @id to @file. */
void       wb_attachments_group_save_copy         (WbAttachmentsGroup *self,
                                                   gint64              id,
                                                   GFile              *file,
                                                   gboolean            open);
/* Removes attachment @id, with an Undo toast. */
void       wb_attachments_group_remove            (WbAttachmentsGroup *self,
                                                   gint64              id);
/* (element-type WbAttachment) (transfer none): what is listed, or NULL */
GPtrArray *wb_attachments_group_get_attachments   (WbAttachmentsGroup *self);
/* TRUE while a load, add, save or removal runs */
gboolean   wb_attachments_group_get_busy          (WbAttachmentsGroup *self);

G_END_DECLS
