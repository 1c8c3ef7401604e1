/* wb-attachments-group.c — a signal's evidence files, kept inside the vault
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-attachments-group"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-attachments-group.h"
#include "wb-ui-errors.h"
#include "wb-ui-format.h"
#include "wb-ui-jobs.h"

struct _WbAttachmentsGroup
{
  AdwPreferencesGroup  parent_instance;

  WbStore             *store;
  char                *uuid;
  GPtrArray           *attachments;
  GPtrArray           *rows;
  WbUiJobs             jobs;

  GtkWidget           *empty_row;
};

G_DEFINE_FINAL_TYPE (WbAttachmentsGroup, wb_attachments_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void reload (WbAttachmentsGroup *self);

static void
emit_toast (WbAttachmentsGroup *self,
            AdwToast           *toast)
{
  g_autoptr(AdwToast) owned = toast;

  g_signal_emit (self, signals[ADD_TOAST], 0, owned);
}

static void
emit_message (WbAttachmentsGroup *self,
              const char         *message)
{
  emit_toast (self, wb_ui_toast_new (message));
}

static GtkWindow *
get_parent_window (WbAttachmentsGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const WbAttachment *
find_attachment (WbAttachmentsGroup *self,
                 gint64              id)
{
  for (guint i = 0; self->attachments != NULL && i < self->attachments->len; i++)
    {
      const WbAttachment *a = g_ptr_array_index (self->attachments, i);

      if (a->id == id)
        return a;
    }

  return NULL;
}

/* ---- jobs (worker threads; no GTK) ------------------------------------ */

typedef struct
{
  char   *uuid;
  char   *name;
  GBytes *data;
  gint64  id;
} Job;

static void
job_free (Job *job)
{
  g_free (job->uuid);
  g_free (job->name);
  g_clear_pointer (&job->data, g_bytes_unref);
  g_free (job);
}

static Job *
job_new (const char *uuid,
         const char *name,
         GBytes     *data,
         gint64      id)
{
  Job *job = g_new0 (Job, 1);

  job->uuid = g_strdup (uuid);
  job->name = g_strdup (name);
  job->data = data != NULL ? g_bytes_ref (data) : NULL;
  job->id = id;
  return job;
}

static gpointer
list_job (WbStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Job *job = data;

  return wb_records_list_attachments (store, job->uuid, error);
}

static gpointer
add_job (WbStore       *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  Job *job = data;

  return wb_records_add_attachment (store, job->uuid, job->name, job->data, error);
}

static gpointer
dup_data_job (WbStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Job *job = data;

  return wb_records_dup_attachment_data (store, job->id, error);
}

/* Keeps the content for Undo: a removal is secure deletion in the vault. */
static gpointer
remove_job (WbStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;
  g_autoptr(GBytes) bytes = wb_records_dup_attachment_data (store, job->id, error);

  if (bytes == NULL || !wb_records_remove_attachment (store, job->id, error))
    return NULL;

  return g_steal_pointer (&bytes);
}

/* ---- rows ------------------------------------------------------------- */

/* The empty row is in the tree only while it is shown, as the rows are;
 * the template keeps it alive in between. */
static void
clear_rows (WbAttachmentsGroup *self)
{
  wb_ui_group_clear_rows (ADW_PREFERENCES_GROUP (self), self->rows, self->empty_row);
}

static void
chooser_save_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          gpointer         user_data)
{
  WbAttachmentsGroup *self = WB_ATTACHMENTS_GROUP (user_data);
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (chooser), "wb-attachment-id");
  gboolean open = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "wb-open"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        wb_attachments_group_save_copy (self, id, file, open);
    }

  g_object_unref (chooser);
}

static void
ask_save_copy (WbAttachmentsGroup *self,
               gint64              id,
               gboolean            open)
{
  const WbAttachment *a = find_attachment (self, id);
  GtkFileChooserNative *chooser;
  gint64 *boxed;

  if (a == NULL)
    return;

  /* No plaintext temp files (DESIGN §4): opening means saving a copy
   * where the user chooses, then opening that copy. */
  chooser = gtk_file_chooser_native_new (open ? _("Open a Copy") : _("Save a Copy"),
                                         get_parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         open ? _("_Save and Open") : _("_Save"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), a->name);
  boxed = g_new (gint64, 1);
  *boxed = id;
  g_object_set_data_full (G_OBJECT (chooser), "wb-attachment-id", boxed, g_free);
  g_object_set_data (G_OBJECT (chooser), "wb-open", GINT_TO_POINTER (open));
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gint64
row_get_id (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  return *(gint64 *) g_object_get_data (G_OBJECT (row), "wb-attachment-id");
}

static void
save_clicked_cb (GtkButton          *button,
                 WbAttachmentsGroup *self)
{
  ask_save_copy (self, row_get_id (GTK_WIDGET (button)), FALSE);
}

static void
open_clicked_cb (GtkButton          *button,
                 WbAttachmentsGroup *self)
{
  ask_save_copy (self, row_get_id (GTK_WIDGET (button)), TRUE);
}

static void
remove_clicked_cb (GtkButton          *button,
                   WbAttachmentsGroup *self)
{
  wb_attachments_group_remove (self, row_get_id (GTK_WIDGET (button)));
}

static void
row_activated_cb (AdwActionRow       *row,
                  WbAttachmentsGroup *self)
{
  const WbAttachment *a = find_attachment (self, row_get_id (GTK_WIDGET (row)));

  if (a == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (row)), a->sha256);
  emit_message (self, _("SHA-256 copied"));
}

static GtkWidget *
add_icon_button (GtkWidget  *row,
                 const char *icon_name,
                 const char *tooltip,
                 const char *accessible_label,
                 const char *name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static void
rebuild (WbAttachmentsGroup *self)
{
  clear_rows (self);

  for (guint i = 0; self->attachments != NULL && i < self->attachments->len; i++)
    {
      const WbAttachment *a = g_ptr_array_index (self->attachments, i);
      g_autofree char *size = g_format_size ((guint64) a->size);
      g_autofree char *subtitle = NULL;
      g_autofree char *label = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *row, *button;
      gint64 *boxed;

      row = adw_action_row_new ();
      gtk_widget_set_name (row, "attachment-row");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), a->name);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      /* Translators: an attachment's size and the start of its SHA-256, "12.3 kB · SHA-256 1a2b3c4d5e6f…" */
      subtitle = g_strdup_printf (_("%s · SHA-256 %.12s…"), size, a->sha256);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      /* Translators: tooltip with the full hash, "SHA-256: 1a2b…  (activate to copy)" */
      tooltip = g_strdup_printf (_("SHA-256: %s\nActivate the row to copy it."), a->sha256);
      gtk_widget_set_tooltip_text (row, tooltip);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      boxed = g_new (gint64, 1);
      *boxed = a->id;
      g_object_set_data_full (G_OBJECT (row), "wb-attachment-id", boxed, g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (row_activated_cb), self, 0);

      /* Translators: accessible name of a button, "Save a copy of report.pdf" */
      label = g_strdup_printf (_("Save a copy of %s"), a->name);
      button = add_icon_button (row, "document-save-symbolic", _("Save a Copy…"), label, "attachment-save-button");
      g_signal_connect_object (button, "clicked", G_CALLBACK (save_clicked_cb), self, 0);
      g_free (label);

      /* Translators: accessible name of a button, "Open a copy of report.pdf" */
      label = g_strdup_printf (_("Open a copy of %s"), a->name);
      button = add_icon_button (row, "document-open-symbolic", _("Open a Copy…"), label, "attachment-open-button");
      g_signal_connect_object (button, "clicked", G_CALLBACK (open_clicked_cb), self, 0);
      g_free (label);

      /* Translators: accessible name of a button, "Remove report.pdf" */
      label = g_strdup_printf (_("Remove %s"), a->name);
      button = add_icon_button (row, "user-trash-symbolic", _("Remove"), label, "attachment-remove-button");
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  if (self->rows->len == 0 && self->uuid != NULL && self->empty_row != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->empty_row);
}

/* ---- loading ---------------------------------------------------------- */

static void
list_loaded (gpointer owner,
             gpointer result,
             gpointer user_data)
{
  WbAttachmentsGroup *self = owner;

  if (result == NULL)
    return;

  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  self->attachments = g_ptr_array_ref (result);
  rebuild (self);
}

static void
reload (WbAttachmentsGroup *self)
{
  /* Only the list loads are cancellable: the user's changes always end. */
  wb_ui_jobs_cancel (&self->jobs);

  if (self->store == NULL || self->uuid == NULL)
    {
      g_clear_pointer (&self->attachments, g_ptr_array_unref);
      rebuild (self);
      return;
    }

  wb_ui_jobs_run (&self->jobs, self->store, list_job, job_new (self->uuid, NULL, NULL, 0),
                  (GDestroyNotify) job_free, (GDestroyNotify) g_ptr_array_unref,
                  wb_ui_jobs_get_cancellable (&self->jobs), list_loaded, NULL, NULL);
}

/* ---- adding ----------------------------------------------------------- */

typedef struct
{
  WbAttachmentsGroup *self;
  WbStore            *store;
  char               *uuid;
  char               *name;
  GFile              *file;
} AddData;

static void
add_data_free (AddData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->store);
  g_free (data->uuid);
  g_free (data->name);
  g_clear_object (&data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddData, add_data_free)

static void
added (gpointer owner,
       gpointer result,
       gpointer user_data)
{
  WbAttachmentsGroup *self = owner;
  const WbAttachment *attachment = result;
  g_autoptr(AddData) data = user_data;
  g_autofree char *title = NULL;

  if (attachment == NULL)
    return;

  /* Translators: toast, "Attachment added: report.pdf" */
  title = g_strdup_printf (_("Attachment added: %s"), attachment->name);
  emit_message (self, title);
  if (self->store == data->store && g_strcmp0 (self->uuid, data->uuid) == 0)
    reload (self);
}

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AddData) data = user_data;
  WbAttachmentsGroup *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (bytes == NULL)
    {
      wb_ui_jobs_release (&self->jobs);
      wb_ui_jobs_toast_error (&self->jobs, error);
      return;
    }
  /* It may have grown since it was measured. */
  if (g_bytes_get_size (bytes) > wb_records_get_max_attachment_size ())
    {
      g_autofree char *limit = g_format_size (wb_records_get_max_attachment_size ());
      g_autofree char *message = g_strdup_printf (_("“%s” is too large: an attachment may be at most %s"),
                                                  data->name, limit);

      wb_ui_jobs_release (&self->jobs);
      emit_message (self, message);
      return;
    }

  {
    WbStore *store = data->store;
    Job *job = job_new (data->uuid, data->name, bytes, 0);

    wb_ui_jobs_run (&self->jobs, store, add_job, job, (GDestroyNotify) job_free,
                    (GDestroyNotify) wb_attachment_free, NULL, added,
                    g_steal_pointer (&data), (GDestroyNotify) add_data_free);
    /* The job holds the group busy now. */
    wb_ui_jobs_release (&self->jobs);
  }
}

static void
file_measured_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AddData) data = user_data;
  WbAttachmentsGroup *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      wb_ui_jobs_release (&self->jobs);
      wb_ui_jobs_toast_error (&self->jobs, error);
      return;
    }

  data->name = g_strdup (g_file_info_get_display_name (info));
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a file"), data->name);

      wb_ui_jobs_release (&self->jobs);
      emit_message (self, message);
      return;
    }
  /* Refuse before reading a huge file into memory. */
  if ((guint64) g_file_info_get_size (info) > wb_records_get_max_attachment_size ())
    {
      g_autofree char *limit = g_format_size (wb_records_get_max_attachment_size ());
      g_autofree char *message = g_strdup_printf (_("“%s” is too large: an attachment may be at most %s"),
                                                  data->name, limit);

      wb_ui_jobs_release (&self->jobs);
      emit_message (self, message);
      return;
    }

  {
    GFile *file = data->file;

    g_file_load_bytes_async (file, NULL, file_loaded_cb, g_steal_pointer (&data));
  }
}

static void
chooser_open_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          gpointer         user_data)
{
  WbAttachmentsGroup *self = WB_ATTACHMENTS_GROUP (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        wb_attachments_group_add_file (self, file);
    }

  g_object_unref (chooser);
}

static void
add_clicked_cb (WbAttachmentsGroup *self,
                GtkButton          *button)
{
  GtkFileChooserNative *chooser;

  if (self->store == NULL || self->uuid == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Add Attachment"),
                                         get_parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Add"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- saving a copy ---------------------------------------------------- */

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WbAttachmentsGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    wb_ui_jobs_toast_error (&self->jobs, error);
}

static void
copy_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WbAttachmentsGroup) self = user_data;
  GFile *file = G_FILE (object);
  g_autoptr(GError) error = NULL;
  gboolean open = GPOINTER_TO_INT (g_object_get_data (object, "wb-open"));

  wb_ui_jobs_release (&self->jobs);
  if (!g_file_replace_contents_finish (file, result, NULL, &error))
    {
      wb_ui_jobs_toast_error (&self->jobs, error);
      return;
    }

  if (open)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_app_info_launch_default_for_uri_async (uri, NULL, NULL, launched_cb, g_object_ref (self));
    }
  else
    emit_message (self, _("Copy saved — it is not encrypted"));
}

typedef struct
{
  GFile              *file;
  gboolean            open;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_free (data);
}

/* The group stays busy from the request until the copy is written. */
static void
data_loaded (gpointer owner,
             gpointer result,
             gpointer user_data)
{
  WbAttachmentsGroup *self = owner;
  GBytes *bytes = result;
  SaveData *data = user_data;

  if (bytes == NULL)
    {
      wb_ui_jobs_release (&self->jobs);
      save_data_free (data);
      return;
    }

  /* G_FILE_CREATE_PRIVATE: the copy is readable by the user only. */
  g_object_set_data (G_OBJECT (data->file), "wb-open", GINT_TO_POINTER (data->open));
  g_file_replace_contents_bytes_async (data->file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, copy_written_cb, g_object_ref (self));
  save_data_free (data);
}

/* ---- removing --------------------------------------------------------- */

typedef struct
{
  WbAttachmentsGroup *self;
  WbStore            *store;
  char               *uuid;
  char               *name;
  GBytes             *data;
} UndoData;

static void
undo_data_free (UndoData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->store);
  g_free (data->uuid);
  g_free (data->name);
  g_clear_pointer (&data->data, g_bytes_unref);
  g_free (data);
}

static void
undo_added (gpointer owner,
            gpointer result,
            gpointer user_data)
{
  if (result != NULL)
    reload (WB_ATTACHMENTS_GROUP (owner));
}

static void
undo_remove_cb (AdwToast *toast,
                UndoData *data)
{
  /* The vault may have been locked since: the store is then closed. */
  if (data->self->store != data->store)
    return;

  wb_ui_jobs_run (&data->self->jobs, data->store, add_job,
                  job_new (data->uuid, data->name, data->data, 0),
                  (GDestroyNotify) job_free, (GDestroyNotify) wb_attachment_free,
                  NULL, undo_added, NULL, NULL);
}

static void
removed (gpointer owner,
         gpointer result,
         gpointer user_data)
{
  WbAttachmentsGroup *self = owner;
  UndoData *data = user_data;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (result == NULL)
    {
      undo_data_free (data);
      return;
    }
  data->data = g_bytes_ref (result);

  if (self->store == data->store && g_strcmp0 (self->uuid, data->uuid) == 0)
    reload (self);

  /* Translators: toast, "Attachment removed: report.pdf" */
  title = g_strdup_printf (_("Attachment removed: %s"), data->name);
  toast = wb_ui_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* The toast keeps the content for Undo, and drops it when dismissed. */
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_remove_cb), data,
                         (GClosureNotify) undo_data_free, 0);
  emit_toast (self, toast);
}

/* ---- GObject ---------------------------------------------------------- */

static void
wb_attachments_group_dispose (GObject *object)
{
  WbAttachmentsGroup *self = (WbAttachmentsGroup *)object;

  wb_ui_jobs_cancel (&self->jobs);
  g_clear_object (&self->store);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_ATTACHMENTS_GROUP);

  G_OBJECT_CLASS (wb_attachments_group_parent_class)->dispose (object);
}

static void
wb_attachments_group_finalize (GObject *object)
{
  WbAttachmentsGroup *self = (WbAttachmentsGroup *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  wb_ui_jobs_clear (&self->jobs);

  G_OBJECT_CLASS (wb_attachments_group_parent_class)->finalize (object);
}

static void
wb_attachments_group_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  WbAttachmentsGroup *self = WB_ATTACHMENTS_GROUP (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, wb_ui_jobs_is_busy (&self->jobs));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_attachments_group_class_init (WbAttachmentsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_attachments_group_dispose;
  object_class->finalize = wb_attachments_group_finalize;
  object_class->get_property = wb_attachments_group_get_property;

  /* TRUE while a load, add, save or removal runs. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WbAttachmentsGroup::add-toast:
   * @toast: the toast to show; handlers take their own reference
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-attachments-group.ui");
  gtk_widget_class_bind_template_child (widget_class, WbAttachmentsGroup, empty_row);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
wb_attachments_group_init (WbAttachmentsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  wb_ui_jobs_init (&self->jobs, self, properties[PROP_BUSY], wb_ui_describe_error);
}

GtkWidget *
wb_attachments_group_new (void)
{
  return g_object_new (WB_TYPE_ATTACHMENTS_GROUP, NULL);
}

void
wb_attachments_group_set_signal (WbAttachmentsGroup *self,
                                 WbStore            *store,
                                 const char         *uuid)
{
  g_return_if_fail (WB_IS_ATTACHMENTS_GROUP (self));
  g_return_if_fail (!store || WB_IS_STORE (store));

  if (self->store == store && g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_set_object (&self->store, store);
  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  rebuild (self);
  reload (self);
}

void
wb_attachments_group_add_file (WbAttachmentsGroup *self,
                               GFile              *file)
{
  AddData *data;

  g_return_if_fail (WB_IS_ATTACHMENTS_GROUP (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL || self->uuid == NULL)
    return;

  data = g_new0 (AddData, 1);
  data->self = g_object_ref (self);
  data->store = g_object_ref (self->store);
  data->uuid = g_strdup (self->uuid);
  data->file = g_object_ref (file);
  wb_ui_jobs_hold (&self->jobs);
  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                           G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, NULL,
                           file_measured_cb, data);
}

void
wb_attachments_group_save_copy (WbAttachmentsGroup *self,
                                gint64              id,
                                GFile              *file,
                                gboolean            open)
{
  SaveData *data;

  g_return_if_fail (WB_IS_ATTACHMENTS_GROUP (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    return;

  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (file);
  data->open = open;
  wb_ui_jobs_hold (&self->jobs);
  wb_ui_jobs_run (&self->jobs, self->store, dup_data_job, job_new (NULL, NULL, NULL, id),
                  (GDestroyNotify) job_free, (GDestroyNotify) g_bytes_unref,
                  NULL, data_loaded, data, (GDestroyNotify) save_data_free);
}

void
wb_attachments_group_remove (WbAttachmentsGroup *self,
                             gint64              id)
{
  const WbAttachment *a;
  UndoData *data;

  g_return_if_fail (WB_IS_ATTACHMENTS_GROUP (self));

  a = find_attachment (self, id);
  if (self->store == NULL || self->uuid == NULL || a == NULL)
    return;

  data = g_new0 (UndoData, 1);
  data->self = g_object_ref (self);
  data->store = g_object_ref (self->store);
  data->uuid = g_strdup (self->uuid);
  data->name = g_strdup (a->name);
  wb_ui_jobs_run (&self->jobs, self->store, remove_job, job_new (NULL, NULL, NULL, id),
                  (GDestroyNotify) job_free, (GDestroyNotify) g_bytes_unref,
                  NULL, removed, data, (GDestroyNotify) undo_data_free);
}

GPtrArray *
wb_attachments_group_get_attachments (WbAttachmentsGroup *self)
{
  g_return_val_if_fail (WB_IS_ATTACHMENTS_GROUP (self), NULL);

  return self->attachments;
}

gboolean
wb_attachments_group_get_busy (WbAttachmentsGroup *self)
{
  g_return_val_if_fail (WB_IS_ATTACHMENTS_GROUP (self), FALSE);

  return wb_ui_jobs_is_busy (&self->jobs);
}
