/* wb-exchange-ui.c — small pieces shared by the bundle pages and dialogs
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-exchange-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-exchange-ui.h"
#include "wb-ui-errors.h"

char *
wb_exchange_ui_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == WB_EXCHANGE_ERROR)
    return g_strdup (error->message);
  return wb_ui_describe_error (error);
}

gboolean
wb_exchange_ui_is_rejection (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  return g_error_matches (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_REJECTED)
         || g_error_matches (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_UNKNOWN_SENDER)
         || g_error_matches (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_NOT_FOR_US)
         || g_error_matches (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_UNSUPPORTED_VERSION);
}

GtkWidget *
wb_exchange_ui_fingerprint_label (const char *fingerprint)
{
  g_autofree char *text = g_strdup (fingerprint != NULL ? fingerprint : "");
  GtkWidget *label;
  guint spaces = 0;

  /* "12345 67890 …": break after the fourth group. */
  for (char *p = text; *p != '\0'; p++)
    if (*p == ' ' && ++spaces == 4)
      *p = '\n';

  label = gtk_label_new (text);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "title-2");
  /* The digits stay the accessible name: they are what is read out. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Fingerprint"),
                                  -1);
  return label;
}

GtkWindow *
wb_exchange_ui_get_window (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

char *
wb_exchange_ui_format_time (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL)
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  /* Translators: a date and time, see the GDateTime format docs */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}
