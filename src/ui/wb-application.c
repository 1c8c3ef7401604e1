/* wb-application.c
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-application.h"
#include "wb-window.h"

struct _WbApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (WbApplication, wb_application, ADW_TYPE_APPLICATION)

static void
wb_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = g_object_new (WB_TYPE_WINDOW, "application", app, NULL);

  gtk_window_present (window);
}

static void
wb_application_class_init (WbApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = wb_application_activate;
}

static void
wb_application_init (WbApplication *self)
{
}

WbApplication *
wb_application_new (void)
{
  return g_object_new (WB_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
