/* wb-import-dialog.c — import many bundles: preview, progress, results (issues #6, #7)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A coordinator imports hundreds of bundles at once: each file is checked
 * in a dry run first, then imported all or nothing, with a row per bundle
 * that says what it changed or why it was refused.
 */

#define G_LOG_DOMAIN "wb-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-exchange-ui.h"
#include "wb-import-dialog.h"

/* Shared with the worker: it posts per-file results through it; the
 * dialog clears @self on dispose, so late results go nowhere.  @self is
 * read and written on the main thread only. */
typedef struct
{
  WbImportDialog *self;
  guint           run;
} Channel;

struct _WbImportDialog
{
  AdwWindow        parent_instance;

  WbStore         *store;
  GCancellable    *cancellable;
  Channel         *channel;
  GStrv            paths;
  WbImportStage    stage;
  guint            run;
  guint            n_done;
  guint            n_acceptable;
  guint            n_changed;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkLabel        *heading_label;
  GtkLabel        *explanation_label;
  GtkProgressBar  *progress_bar;
  GtkListBox      *list_box;
  GtkWidget       *cancel_button;
  GtkWidget       *import_button;
  GtkWidget       *done_button;
};

G_DEFINE_FINAL_TYPE (WbImportDialog, wb_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STAGE,
  N_PROPS
};

enum {
  IMPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- the worker's side -------------------------------------------------- */

typedef struct
{
  Channel  *channel;
  guint     run;
  guint     index;
  guint     total;
  char     *path;
  gboolean  dry_run;
  gboolean  ok;
  gboolean  already_imported;
  gboolean  rejected;
  char     *sender;
  guint     n_added;
  guint     n_updated;
  guint     n_unchanged;
  guint     n_older;
  guint     n_conflicts;
  guint     n_purged;
  guint     n_skipped;
  GStrv     notes;
  char     *message;
} FileResult;

static void
file_result_free (FileResult *r)
{
  g_atomic_rc_box_release (r->channel);
  g_free (r->path);
  g_free (r->sender);
  g_strfreev (r->notes);
  g_free (r->message);
  g_free (r);
}

typedef struct
{
  Channel  *channel;
  guint     run;
  GStrv     paths;
  gboolean  dry_run;
} Job;

static void
job_free (Job *job)
{
  g_atomic_rc_box_release (job->channel);
  g_strfreev (job->paths);
  g_free (job);
}

static gboolean deliver_cb (gpointer data);

static void
import_one_cb (guint                index,
               const char          *path,
               const WbMergeReport *report,
               const GError        *error,
               gpointer             user_data)
{
  Job *job = user_data;
  FileResult *r = g_new0 (FileResult, 1);

  r->channel = g_atomic_rc_box_acquire (job->channel);
  r->run = job->run;
  r->index = index;
  r->total = g_strv_length (job->paths);
  r->path = g_strdup (path);
  r->dry_run = job->dry_run;
  if (report != NULL)
    {
      GStrvBuilder *notes = g_strv_builder_new ();

      r->ok = TRUE;
      r->already_imported = report->already_imported;
      r->sender = g_strdup (report->sender);
      r->n_added = report->n_added;
      r->n_updated = report->n_updated;
      r->n_unchanged = report->n_unchanged;
      r->n_older = report->n_older;
      r->n_conflicts = report->n_conflicts;
      r->n_purged = report->n_purged;
      r->n_skipped = report->n_skipped;
      for (guint i = 0; report->notes != NULL && i < report->notes->len; i++)
        g_strv_builder_add (notes, g_ptr_array_index (report->notes, i));
      r->notes = g_strv_builder_end (notes);
      g_strv_builder_unref (notes);
    }
  else
    {
      r->rejected = wb_exchange_ui_is_rejection (error);
      r->message = wb_exchange_ui_describe_error (error);
    }

  /* Before the job's own completion (default priority), so every row is
   * in place when the dialog hears that the run ended. */
  g_main_context_invoke_full (NULL, G_PRIORITY_HIGH, deliver_cb, r, (GDestroyNotify) file_result_free);
}

static gpointer
import_job (WbStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;

  if (!wb_bundle_import_files (store, (const char * const *) job->paths, job->dry_run,
                               import_one_cb, job, cancellable, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/* ---- rows --------------------------------------------------------------- */

static char *
describe_counts (const FileResult *r)
{
  GString *s = g_string_new (NULL);

  /* Translators: what a bundle brings; no plural forms needed */
  g_string_append_printf (s, _("New: %u · Changed: %u · In conflict: %u · Unchanged: %u"),
                          r->n_added, r->n_updated, r->n_conflicts, r->n_unchanged);
  if (r->n_older > 0)
    /* Translators: appended to the counts of a bundle */
    g_string_append_printf (s, _(" · Older, ours kept: %u"), r->n_older);
  if (r->n_purged > 0)
    /* Translators: appended to the counts of a bundle */
    g_string_append_printf (s, _(" · Retracted: %u"), r->n_purged);
  if (r->n_skipped > 0)
    /* Translators: appended to the counts of a bundle */
    g_string_append_printf (s, _(" · Skipped: %u"), r->n_skipped);
  return g_string_free (s, FALSE);
}

static void
add_result_rows (WbImportDialog   *self,
                 const FileResult *r)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *basename = g_path_get_basename (r->path);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  const char *icon;

  if (!r->ok)
    {
      /* Translators: a bundle file that was, or would be, refused */
      title = g_strdup_printf (_("%s (refused)"), basename);
      /* Core's message says why, and that nothing of it is imported. */
      subtitle = g_strdup (r->message);
      icon = "dialog-error-symbolic";
      gtk_widget_add_css_class (row, "error");
    }
  else
    {
      /* Translators: a bundle's sender and its file */
      title = g_strdup_printf (_("From %s (%s)"), r->sender, basename);
      if (r->already_imported)
        subtitle = g_strdup (_("Imported before; nothing changes"));
      else
        subtitle = describe_counts (r);
      icon = r->n_conflicts > 0 ? "dialog-warning-symbolic" : "emblem-ok-symbolic";
    }

  gtk_widget_set_name (row, r->ok ? "import-bundle-row" : "import-rejected-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  gtk_list_box_append (self->list_box, row);

  /* Gaps in the sender's numbering and the like: one row each, so a
   * screen reader reads them out as warnings of their own. */
  for (guint i = 0; r->notes != NULL && r->notes[i] != NULL; i++)
    {
      GtkWidget *note = adw_action_row_new ();

      gtk_widget_set_name (note, "import-note-row");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (note), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), r->notes[i]);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (note), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (note), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_widget_add_css_class (note, "warning");
      gtk_list_box_append (self->list_box, note);
    }
}

static void
update_progress (WbImportDialog *self,
                 guint           done,
                 guint           total)
{
  g_autofree char *text = NULL;

  /* Translators: progress of a batch, "3 of 12" */
  text = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static gboolean
deliver_cb (gpointer data)
{
  FileResult *r = data;
  WbImportDialog *self = r->channel->self;

  if (self == NULL || r->run != self->run)
    return G_SOURCE_REMOVE;

  self->n_done++;
  if (r->ok && !r->already_imported)
    {
      self->n_acceptable++;
      self->n_changed += r->n_added + r->n_updated + r->n_purged;
    }
  update_progress (self, self->n_done, r->total);
  add_result_rows (self, r);
  return G_SOURCE_REMOVE;
}

/* ---- stages ------------------------------------------------------------- */

static void
set_stage (WbImportDialog *self,
           WbImportStage   stage)
{
  guint n = self->paths != NULL ? g_strv_length (self->paths) : 0;
  gboolean busy = stage == WB_IMPORT_STAGE_CHECKING || stage == WB_IMPORT_STAGE_IMPORTING;

  self->stage = stage;
  gtk_stack_set_visible_child_name (self->stack, stage == WB_IMPORT_STAGE_CHOOSE ? "choose" : "list");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_widget_set_sensitive (self->import_button,
                            stage == WB_IMPORT_STAGE_PREVIEW && self->n_acceptable > 0);
  gtk_widget_set_visible (self->import_button, stage != WB_IMPORT_STAGE_DONE);
  gtk_widget_set_visible (self->done_button, stage == WB_IMPORT_STAGE_DONE);
  gtk_widget_set_visible (self->cancel_button, stage != WB_IMPORT_STAGE_DONE);

  switch (stage)
    {
    case WB_IMPORT_STAGE_CHECKING:
      gtk_label_set_text (self->heading_label,
                          g_dngettext (GETTEXT_PACKAGE, "Checking the Bundle…", "Checking the Bundles…", n));
      gtk_label_set_text (self->explanation_label,
                          _("Each bundle is verified and decrypted, and compared with what is in the vault. Nothing is changed yet."));
      break;
    case WB_IMPORT_STAGE_PREVIEW:
      gtk_label_set_text (self->heading_label, _("What Would Change"));
      gtk_label_set_text (self->explanation_label,
                          self->n_acceptable > 0
                          ? _("Import adds and changes what is listed below. Each bundle is imported whole or not at all. Signals in conflict are kept aside for you to compare.")
                          : _("None of these bundles would change anything."));
      break;
    case WB_IMPORT_STAGE_IMPORTING:
      gtk_label_set_text (self->heading_label, _("Importing…"));
      gtk_label_set_text (self->explanation_label,
                          _("If you cancel, the bundles already imported stay imported; the others are left untouched."));
      break;
    case WB_IMPORT_STAGE_DONE:
      gtk_label_set_text (self->heading_label, _("Import Finished"));
      gtk_label_set_text (self->explanation_label, _("What each bundle changed:"));
      break;
    case WB_IMPORT_STAGE_CHOOSE:
    default:
      break;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

static void
clear_rows (WbImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  self->n_done = 0;
  self->n_acceptable = 0;
  self->n_changed = 0;
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(WbImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean dry_run = self->stage == WB_IMPORT_STAGE_CHECKING;
  gboolean cancelled;

  wb_records_run_finish (result, &error);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (error != NULL && !cancelled)
    {
      g_autofree char *message = wb_exchange_ui_describe_error (error);

      adw_toast_overlay_add_toast (self->toast_overlay, wb_ui_toast_new (message));
    }
  if (self->store == NULL)
    return;

  if (dry_run)
    {
      if (cancelled)
        {
          g_clear_pointer (&self->paths, g_strfreev);
          clear_rows (self);
          set_stage (self, WB_IMPORT_STAGE_CHOOSE);
          return;
        }
      set_stage (self, WB_IMPORT_STAGE_PREVIEW);
      return;
    }

  set_stage (self, WB_IMPORT_STAGE_DONE);
  if (cancelled)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 wb_ui_toast_new (_("Import cancelled; the bundles listed were imported")));
  if (self->n_changed > 0 || self->n_done > 0)
    g_signal_emit (self, signals[IMPORTED], 0, self->n_changed);
}

static void
start_run (WbImportDialog *self,
           gboolean        dry_run)
{
  Job *job = g_new0 (Job, 1);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->run++;
  self->channel->run = self->run;
  clear_rows (self);
  job->channel = g_atomic_rc_box_acquire (self->channel);
  job->run = self->run;
  job->paths = g_strdupv (self->paths);
  job->dry_run = dry_run;

  set_stage (self, dry_run ? WB_IMPORT_STAGE_CHECKING : WB_IMPORT_STAGE_IMPORTING);
  update_progress (self, 0, g_strv_length (self->paths));
  wb_records_run_async (self->store, import_job, job, (GDestroyNotify) job_free, NULL,
                        self->cancellable, run_cb, g_object_ref (self));
}

void
wb_import_dialog_set_files (WbImportDialog     *self,
                            const char * const *paths)
{
  g_return_if_fail (WB_IS_IMPORT_DIALOG (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);

  if (self->store == NULL)
    return;
  g_strfreev (self->paths);
  self->paths = g_strdupv ((char **) paths);
  start_run (self, TRUE);
}

void
wb_import_dialog_import (WbImportDialog *self)
{
  g_return_if_fail (WB_IS_IMPORT_DIALOG (self));

  if (self->stage != WB_IMPORT_STAGE_PREVIEW || self->n_acceptable == 0 || self->store == NULL)
    return;
  start_run (self, FALSE);
}

static void
import_clicked_cb (WbImportDialog *self)
{
  wb_import_dialog_import (self);
}

static void
cancel_clicked_cb (WbImportDialog *self)
{
  if (self->stage == WB_IMPORT_STAGE_CHECKING || self->stage == WB_IMPORT_STAGE_IMPORTING)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
open_response_cb (GtkNativeDialog *native,
                  int              response,
                  WbImportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) paths = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (file);

          if (path != NULL)
            g_strv_builder_add (builder, path);
        }
      paths = g_strv_builder_end (builder);
      if (paths[0] != NULL)
        wb_import_dialog_set_files (self, (const char * const *) paths);
    }
  g_object_unref (native);
}

static void
choose_clicked_cb (WbImportDialog *self)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Choose Bundles"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Coordinators drag a folder's worth of bundles onto the dialog. */
static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         WbImportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST)
      || self->stage == WB_IMPORT_STAGE_CHECKING || self->stage == WB_IMPORT_STAGE_IMPORTING)
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }
  g_slist_free (files);
  paths = g_strv_builder_end (builder);
  if (paths[0] == NULL)
    return FALSE;
  wb_import_dialog_set_files (self, (const char * const *) paths);
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------ */

static gboolean
wb_import_dialog_close_request (GtkWindow *window)
{
  WbImportDialog *self = (WbImportDialog *)window;

  /* A run in progress stops at the next bundle; those imported stay. */
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (wb_import_dialog_parent_class)->close_request (window);
}

static void
wb_import_dialog_dispose (GObject *object)
{
  WbImportDialog *self = (WbImportDialog *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->channel != NULL)
    {
      self->channel->self = NULL;
      g_clear_pointer (&self->channel, g_atomic_rc_box_release);
    }
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (wb_import_dialog_parent_class)->dispose (object);
}

static void
wb_import_dialog_finalize (GObject *object)
{
  WbImportDialog *self = (WbImportDialog *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->paths, g_strfreev);

  G_OBJECT_CLASS (wb_import_dialog_parent_class)->finalize (object);
}

static void
wb_import_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WbImportDialog *self = WB_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_STAGE:
      g_value_set_int (value, self->stage);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_import_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WbImportDialog *self = WB_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_import_dialog_class_init (WbImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wb_import_dialog_dispose;
  object_class->finalize = wb_import_dialog_finalize;
  object_class->get_property = wb_import_dialog_get_property;
  object_class->set_property = wb_import_dialog_set_property;
  window_class->close_request = wb_import_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         WB_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* A WbImportStage. */
  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL,
                      WB_IMPORT_STAGE_CHOOSE, WB_IMPORT_STAGE_DONE, WB_IMPORT_STAGE_CHOOSE,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WbImportDialog::imported:
   * @n_changed: signals added, changed or retracted
   *
   * Emitted after an import (also a cancelled one) so that views of the
   * vault can load again.
   */
  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WbImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WbImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, WbImportDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, WbImportDialog, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, WbImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WbImportDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, WbImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, WbImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, WbImportDialog, done_button);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wb_import_dialog_init (WbImportDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->channel = g_atomic_rc_box_new0 (Channel);
  self->channel->self = self;

  gtk_widget_init_template (GTK_WIDGET (self));
  set_stage (self, WB_IMPORT_STAGE_CHOOSE);

  {
    GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  }
}

GtkWindow *
wb_import_dialog_new (GtkWindow *parent,
                      WbStore   *store)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  return g_object_new (WB_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

WbImportStage
wb_import_dialog_get_stage (WbImportDialog *self)
{
  g_return_val_if_fail (WB_IS_IMPORT_DIALOG (self), WB_IMPORT_STAGE_CHOOSE);

  return self->stage;
}
