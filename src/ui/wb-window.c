/* wb-window.c
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-window.h"

struct _WbWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (WbWindow, wb_window, ADW_TYPE_APPLICATION_WINDOW)

static void
wb_window_class_init (WbWindowClass *klass)
{
}

static void
wb_window_init (WbWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Weerbaar"));
}
