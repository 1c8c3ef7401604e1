/* wb-contacts-page.h — our identity and the pinned contacts (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_CONTACTS_PAGE (wb_contacts_page_get_type ())

G_DECLARE_FINAL_TYPE (WbContactsPage, wb_contacts_page, WB, CONTACTS_PAGE, AdwBin)

GtkWidget   *wb_contacts_page_new            (WbStore        *store);
WbStore     *wb_contacts_page_get_store      (WbContactsPage *self);
void         wb_contacts_page_reload         (WbContactsPage *self);
gboolean     wb_contacts_page_get_loading    (WbContactsPage *self);
/* (element-type WbContact) (transfer none) as listed, or NULL */
GPtrArray   *wb_contacts_page_get_contacts   (WbContactsPage *self);
/* What the file choosers lead to: reads @file and asks whether to pin
 * the card in it; writes our card to @file. */
void         wb_contacts_page_add_card_file  (WbContactsPage *self,
                                              GFile          *file);
void         wb_contacts_page_export_card_file (WbContactsPage *self,
                                              GFile          *file);
/* Opens the fingerprint comparison for the pinned contact @name. */
void         wb_contacts_page_compare        (WbContactsPage *self,
                                              const char     *name);

G_END_DECLS
