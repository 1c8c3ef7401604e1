/* wb-provenance-group.c — where an imported signal came from (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A coordinator must be able to trust who sent what: each bundle that
 * brought a revision of the signal is one row.
 */

#define G_LOG_DOMAIN "wb-provenance-group"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-exchange-ui.h"
#include "wb-provenance-group.h"
#include "wb-ui-format.h"

struct _WbProvenanceGroup
{
  AdwPreferencesGroup  parent_instance;

  GCancellable        *cancellable;
  GPtrArray           *rows;      /* GtkWidget, added to the group */
  guint                loading;
};

G_DEFINE_FINAL_TYPE (WbProvenanceGroup, wb_provenance_group, ADW_TYPE_PREFERENCES_GROUP)

static gpointer
list_job (WbStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return wb_provenance_list (store, data, error);
}

static void
add_row (WbProvenanceGroup  *self,
         const WbProvenance *p)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = wb_exchange_ui_format_time (p->recorded_at);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: "From Gemeente Utrecht" */
  title = g_strdup_printf (_("From %s"), p->sender != NULL ? p->sender : p->sender_fingerprint);
  if (p->sequence > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, p->sequence);

      /* Translators: revision, the bundle's number from that sender, when it was imported */
      subtitle = g_strdup_printf (_("Revision %u · bundle %s · imported %s"),
                                  p->revision, number, when);
    }
  else
    /* Translators: revision and when it was imported */
    subtitle = g_strdup_printf (_("Revision %u · imported %s"), p->revision, when);

  gtk_widget_set_name (row, "provenance-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, p->bundle_uuid);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(WbProvenanceGroup) self = user_data;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = wb_records_run_finish (result, &error);
  self->loading--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (list == NULL)
    {
      /* Only this section is missing; the rest of the signal is shown. */
      g_debug ("No provenance: %s", error->message);
      return;
    }
  wb_ui_group_clear_rows (ADW_PREFERENCES_GROUP (self), self->rows, NULL);
  for (guint i = 0; i < list->len; i++)
    add_row (self, g_ptr_array_index (list, i));
  gtk_widget_set_visible (GTK_WIDGET (self), list->len > 0);
}

void
wb_provenance_group_set_signal (WbProvenanceGroup *self,
                                WbStore           *store,
                                const char        *uuid)
{
  g_return_if_fail (WB_IS_PROVENANCE_GROUP (self));
  g_return_if_fail (!store || WB_IS_STORE (store));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  wb_ui_group_clear_rows (ADW_PREFERENCES_GROUP (self), self->rows, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  if (store == NULL || uuid == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->loading++;
  wb_records_run_async (store, list_job, g_strdup (uuid), g_free, (GDestroyNotify) g_ptr_array_unref,
                        self->cancellable, list_cb, g_object_ref (self));
}

static void
wb_provenance_group_dispose (GObject *object)
{
  WbProvenanceGroup *self = (WbProvenanceGroup *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_PROVENANCE_GROUP);

  G_OBJECT_CLASS (wb_provenance_group_parent_class)->dispose (object);
}

static void
wb_provenance_group_finalize (GObject *object)
{
  WbProvenanceGroup *self = (WbProvenanceGroup *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (wb_provenance_group_parent_class)->finalize (object);
}

static void
wb_provenance_group_class_init (WbProvenanceGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_provenance_group_dispose;
  object_class->finalize = wb_provenance_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-provenance-group.ui");
}

static void
wb_provenance_group_init (WbProvenanceGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

GtkWidget *
wb_provenance_group_new (void)
{
  return g_object_new (WB_TYPE_PROVENANCE_GROUP, NULL);
}

gboolean
wb_provenance_group_get_loading (WbProvenanceGroup *self)
{
  g_return_val_if_fail (WB_IS_PROVENANCE_GROUP (self), FALSE);

  return self->loading > 0;
}

guint
wb_provenance_group_get_n_items (WbProvenanceGroup *self)
{
  g_return_val_if_fail (WB_IS_PROVENANCE_GROUP (self), 0);

  return self->rows->len;
}
