/* wb-export-dialog.c — send signals to pinned contacts as a bundle (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What will be sent and what is held back, and why, is shown before the
 * user picks a file: core's dry run (wb_bundle_export_preview()) runs the
 * export's own selection in a worker, debounced and cancelled on every
 * change of the form, and writes nothing.
 */

#define G_LOG_DOMAIN "wb-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-exchange-ui.h"
#include "wb-export-dialog.h"

struct _WbExportDialog
{
  AdwWindow        parent_instance;

  WbStore         *store;
  char            *selected_uuid;
  char            *search_text;
  GCancellable    *cancellable;
  guint            busy;
  guint            pulse_source;
  GArray          *scopes;          /* WbExportScope, as in the scope row */
  GPtrArray       *recipient_rows;  /* AdwActionRow, in the recipients group */
  GtkStringList   *cases;
  WbExportReport  *report;
  gboolean         have_cases;
  /* The main window's list filter (strings owned), for the list scope. */
  gboolean         have_list_filter;
  WbRecordsFilter  list_filter;
  /* The preview: the last one shown, the pending debounce, the job. */
  WbExportReport  *preview;
  guint            preview_source;
  guint            preview_generation;
  GCancellable    *preview_cancellable;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwPreferencesGroup *recipients_group;
  AdwComboRow     *scope_row;
  AdwComboRow     *case_row;
  AdwEntryRow     *from_row;
  AdwEntryRow     *to_row;
  GtkSwitch       *since_last_switch;
  AdwComboRow     *tlp_row;
  GtkSwitch       *attachments_switch;
  GtkProgressBar  *progress_bar;
  GtkLabel        *result_label;
  GtkWidget       *withheld_label;
  GtkListBox      *withheld_list;
  GtkWidget       *cancel_button;
  GtkWidget       *export_button;
  GtkWidget       *done_button;
  GtkLabel        *preview_status;
  GtkListBox      *preview_sent_list;
  AdwPreferencesGroup *preview_withheld_group;
  GtkListBox      *preview_withheld_list;
};

G_DEFINE_FINAL_TYPE (WbExportDialog, wb_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTED_UUID,
  PROP_SEARCH_TEXT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (WbExportDialog *self,
          gboolean        more)
{
  gboolean was = self->busy > 0;

  if (more)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  if (was != (self->busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
toast_text (WbExportDialog *self,
            const char     *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, wb_ui_toast_new (text));
}

/* ---- jobs (worker thread, under the records jobs lock) --------------- */

typedef struct
{
  GPtrArray *contacts;
  GPtrArray *cases;
} Choices;

static void
choices_free (Choices *c)
{
  g_clear_pointer (&c->contacts, g_ptr_array_unref);
  g_clear_pointer (&c->cases, g_ptr_array_unref);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Choices, choices_free)

static gpointer
load_job (WbStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(Choices) c = g_new0 (Choices, 1);

  c->contacts = wb_contacts_list (store, error);
  if (c->contacts == NULL)
    return NULL;
  c->cases = wb_records_list_cases (store, error);
  if (c->cases == NULL)
    return NULL;
  return g_steal_pointer (&c);
}

typedef struct
{
  GStrv            recipients;
  GStrv            uuids;
  char            *case_name;
  char            *search;
  char            *from;
  char            *to;
  gboolean         dates;
  gboolean         list_filter;   /* the fields below, with @from/@to */
  char            *category;
  int              level;
  int              tlp;
  char            *municipality;
  gboolean         overdue;
  char            *today;
  gboolean         since_last;
  WbTlp            tlp_max;
  gboolean         with_attachments;
  char            *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_strfreev (job->recipients);
  g_strfreev (job->uuids);
  g_free (job->case_name);
  g_free (job->search);
  g_free (job->from);
  g_free (job->to);
  g_free (job->category);
  g_free (job->municipality);
  g_free (job->today);
  g_free (job->path);
  g_free (job);
}

typedef struct
{
  WbExportReport *report;
  GPtrArray      *summaries;   /* of the withheld signals, in order (char *) */
} Result;

static void
result_free (Result *r)
{
  g_clear_pointer (&r->report, wb_export_report_free);
  g_clear_pointer (&r->summaries, g_ptr_array_unref);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

static gpointer
export_job (WbStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportJob *job = data;
  g_autoptr(Result) r = g_new0 (Result, 1);
  WbBundleExportOptions options;
  WbRecordsFilter filter;

  wb_bundle_export_options_init (&options);
  wb_records_filter_init (&filter);
  options.recipients = (const char * const *) job->recipients;
  options.uuids = (const char * const *) job->uuids;
  options.case_name = job->case_name;
  options.search = job->search;
  if (job->dates || job->list_filter)
    {
      filter.occurred_from = job->from;
      filter.occurred_to = job->to;
      filter.sort = WB_RECORDS_SORT_UPDATED;
      options.filter = &filter;
    }
  if (job->list_filter)
    {
      filter.category = job->category;
      filter.level = job->level;
      filter.tlp = job->tlp;
      filter.municipality = job->municipality;
      filter.overdue = job->overdue;
      filter.today = job->today;
    }
  options.since_last = job->since_last;
  options.tlp_max = job->tlp_max;
  options.with_attachments = job->with_attachments;

  /* Without a file it is the dry run: the same selection, nothing written. */
  if (job->path == NULL)
    r->report = wb_bundle_export_preview (store, &options, cancellable, error);
  else
    r->report = wb_bundle_export (store, &options, job->path, cancellable, error);
  if (r->report == NULL)
    return NULL;

  /* The summaries of what was held back, so the user recognises them;
   * they stay in this process like everything else on screen. */
  r->summaries = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < r->report->withheld->len; i++)
    {
      WbWithheld *w = g_ptr_array_index (r->report->withheld, i);
      g_autoptr(WbSignal) s = wb_records_get_signal (store, w->uuid, NULL);

      g_ptr_array_add (r->summaries, g_strdup (s != NULL ? wb_signal_get_summary (s) : w->uuid));
    }
  return g_steal_pointer (&r);
}

/* ---- the form ----------------------------------------------------------- */

static const char *
scope_label (WbExportScope scope)
{
  switch (scope)
    {
    case WB_EXPORT_SCOPE_SELECTED:
      return _("The selected signal");
    case WB_EXPORT_SCOPE_CASE:
      return _("The signals of a case");
    case WB_EXPORT_SCOPE_SEARCH:
      return _("The signals in the current list");
    case WB_EXPORT_SCOPE_DATES:
      return _("Signals that occurred in a period");
    case WB_EXPORT_SCOPE_ALL:
    default:
      return _("All signals");
    }
}

static WbExportScope
current_scope (WbExportDialog *self)
{
  guint i = adw_combo_row_get_selected (self->scope_row);

  if (self->scopes == NULL || i >= self->scopes->len)
    return WB_EXPORT_SCOPE_ALL;
  return g_array_index (self->scopes, WbExportScope, i);
}

static GStrv
dup_recipients (WbExportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->recipient_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->recipient_rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL && gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (row), "contact-name"));
    }
  return g_strv_builder_end (builder);
}

static gboolean
date_ok (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  GDate date;
  gboolean ok;

  g_date_clear (&date, 1);
  ok = text[0] == '\0' || wb_date_parse_iso (text, &date);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  return ok;
}

static gboolean
form_valid (WbExportDialog *self)
{
  g_auto(GStrv) recipients = dup_recipients (self);
  WbExportScope scope = current_scope (self);

  if (recipients[0] == NULL)
    return FALSE;
  if (scope == WB_EXPORT_SCOPE_CASE && adw_combo_row_get_selected (self->case_row) == GTK_INVALID_LIST_POSITION)
    return FALSE;
  if (scope == WB_EXPORT_SCOPE_DATES)
    {
      gboolean from_ok = date_ok (self->from_row);
      gboolean to_ok = date_ok (self->to_row);

      return from_ok && to_ok;
    }
  return TRUE;
}

/* The job for what the form says now; the caller checked form_valid(). */
static ExportJob *
job_from_form (WbExportDialog *self)
{
  ExportJob *job = g_new0 (ExportJob, 1);
  WbExportScope scope = current_scope (self);

  job->recipients = dup_recipients (self);
  if (scope == WB_EXPORT_SCOPE_SELECTED)
    {
      const char *uuids[] = { self->selected_uuid, NULL };

      job->uuids = g_strdupv ((char **) uuids);
    }
  else if (scope == WB_EXPORT_SCOPE_CASE)
    job->case_name = g_strdup (gtk_string_list_get_string (self->cases,
                                                           adw_combo_row_get_selected (self->case_row)));
  else if (scope == WB_EXPORT_SCOPE_SEARCH)
    {
      if (self->search_text != NULL && self->search_text[0] != '\0')
        job->search = g_strdup (self->search_text);
      if (self->have_list_filter)
        {
          const WbRecordsFilter *lf = &self->list_filter;

          job->list_filter = TRUE;
          job->category = g_strdup (lf->category);
          job->level = lf->level;
          job->tlp = lf->tlp;
          job->municipality = g_strdup (lf->municipality);
          job->from = g_strdup (lf->occurred_from);
          job->to = g_strdup (lf->occurred_to);
          job->overdue = lf->overdue;
          job->today = g_strdup (lf->today);
        }
    }
  else if (scope == WB_EXPORT_SCOPE_DATES)
    {
      const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_row));
      const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_row));

      job->dates = TRUE;
      job->from = from[0] != '\0' ? g_strdup (from) : NULL;
      job->to = to[0] != '\0' ? g_strdup (to) : NULL;
    }
  job->since_last = gtk_switch_get_active (self->since_last_switch);
  job->tlp_max = (WbTlp) adw_combo_row_get_selected (self->tlp_row);
  job->with_attachments = gtk_switch_get_active (self->attachments_switch);
  return job;
}

static void
list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  /* gtk_list_box_remove_all() is GTK 4.12. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* One row per held-back signal: its summary (plain text, never markup)
 * and the reason. */
static void
fill_withheld (GtkListBox           *list,
               const char           *row_name,
               const WbExportReport *report,
               GPtrArray            *summaries)
{
  list_box_clear (list);
  for (guint i = 0; i < report->withheld->len; i++)
    {
      WbWithheld *w = g_ptr_array_index (report->withheld, i);
      GtkWidget *row = adw_action_row_new ();

      gtk_widget_set_name (row, row_name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (summaries, i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), w->reason);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("changes-prevent-symbolic"));
      gtk_list_box_append (list, row);
    }
}

static char *
counts_text (const WbExportReport *report)
{
  g_autofree char *signals_text = NULL;
  g_autofree char *tombstones_text = NULL;
  g_autofree char *decisions_text = NULL;

  signals_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u signal", "%u signals", report->n_signals),
                                  report->n_signals);
  tombstones_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u retraction", "%u retractions",
                                                  report->n_tombstones),
                                     report->n_tombstones);
  decisions_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u decision", "%u decisions",
                                                 report->n_decisions),
                                    report->n_decisions);
  /* Translators: "12 signals, 1 retraction and 4 decisions" */
  return g_strdup_printf (_("%s, %s and %s"), signals_text, tombstones_text, decisions_text);
}

static void
preview_clear (WbExportDialog *self,
               const char     *status)
{
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_generation++;
  g_clear_pointer (&self->preview, wb_export_report_free);
  gtk_label_set_text (self->preview_status, status);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_status), status != NULL);
  list_box_clear (self->preview_sent_list);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_sent_list), FALSE);
  list_box_clear (self->preview_withheld_list);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_withheld_group), FALSE);
}

static void
show_preview (WbExportDialog *self,
              Result         *r)
{
  const WbExportReport *report = r->report;
  g_autofree char *counts = counts_text (report);

  gtk_widget_set_visible (GTK_WIDGET (self->preview_status), FALSE);
  list_box_clear (self->preview_sent_list);
  for (guint i = 0; i < report->recipients->len; i++)
    {
      WbExportRecipient *rcpt = g_ptr_array_index (report->recipients, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *seq = g_strdup_printf ("%" G_GUINT64_FORMAT, rcpt->sequence);
      g_autofree char *subtitle = NULL;

      /* Translators: "Bundle 3: 12 signals, 1 retraction and 4 decisions";
       * 3 is the number of this bundle to that recipient. */
      subtitle = g_strdup_printf (_("Bundle %s: %s"), seq, counts);
      gtk_widget_set_name (row, "export-preview-recipient");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rcpt->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mail-send-symbolic"));
      gtk_list_box_append (self->preview_sent_list, row);
    }
  if (report->n_not_forwarded > 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u received signal is not forwarded",
                                            "%u received signals are not forwarded",
                                            report->n_not_forwarded),
                               report->n_not_forwarded);
      gtk_widget_set_name (row, "export-preview-not-forwarded");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Only the decisions made here go back to the vault that sent them."));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->preview_sent_list, row);
    }
  if (report->n_attachments > 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *size = g_format_size (report->attachment_bytes);
      g_autofree char *title = NULL;

      /* Translators: "2 attachments (1.2 MB)" */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attachment (%s)", "%u attachments (%s)",
                                            report->n_attachments),
                               report->n_attachments, size);
      gtk_widget_set_name (row, "export-preview-attachments");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Sent as they are, not pseudonymised."));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      gtk_list_box_append (self->preview_sent_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->preview_sent_list), TRUE);

  fill_withheld (self->preview_withheld_list, "export-preview-withheld-row", report, r->summaries);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_withheld_group), report->withheld->len > 0);

  g_clear_pointer (&self->preview, wb_export_report_free);
  self->preview = g_steal_pointer (&r->report);
}

typedef struct
{
  WbExportDialog *self;
  guint           generation;
} PreviewCall;

static void
preview_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PreviewCall *call = user_data;
  g_autoptr(WbExportDialog) self = call->self;
  g_autoptr(Result) r = NULL;
  g_autoptr(GError) error = NULL;
  gboolean stale = call->generation != self->preview_generation;

  g_free (call);
  r = wb_records_run_finish (result, &error);
  if (stale || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->preview_cancellable);
  if (r == NULL)
    {
      g_autofree char *message = wb_exchange_ui_describe_error (error);

      preview_clear (self, message);
      return;
    }
  show_preview (self, r);
}

static gboolean
preview_timeout_cb (gpointer data)
{
  WbExportDialog *self = data;
  PreviewCall *call = g_new0 (PreviewCall, 1);

  self->preview_source = 0;
  self->preview_cancellable = g_cancellable_new ();
  call->self = g_object_ref (self);
  call->generation = self->preview_generation;
  wb_records_run_read_async (self->store, export_job, job_from_form (self), (GDestroyNotify) export_job_free,
                             (GDestroyNotify) result_free, self->preview_cancellable, preview_cb, call);
  return G_SOURCE_REMOVE;
}

/* Every change of the form drops the preview shown and asks for a new
 * one after a pause in the typing; a query still running is cancelled. */
static void
preview_schedule (WbExportDialog *self)
{
  if (self->store == NULL || self->busy > 0)
    return;
  if (!form_valid (self))
    {
      g_auto(GStrv) recipients = dup_recipients (self);

      preview_clear (self, recipients[0] == NULL ? _("Choose at least one recipient to see what will be sent.")
                                                 : _("Complete the choice of what to send to see a preview."));
      return;
    }
  preview_clear (self, _("Working out what will be sent…"));
  self->preview_source = g_timeout_add (250, preview_timeout_cb, self);
}

static void
form_changed_cb (WbExportDialog *self)
{
  WbExportScope scope = current_scope (self);

  gtk_widget_set_visible (GTK_WIDGET (self->case_row), scope == WB_EXPORT_SCOPE_CASE);
  gtk_widget_set_visible (GTK_WIDGET (self->from_row), scope == WB_EXPORT_SCOPE_DATES);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), scope == WB_EXPORT_SCOPE_DATES);
  gtk_widget_set_sensitive (self->export_button, self->busy == 0 && form_valid (self));
  preview_schedule (self);
}

static void
fill_scopes (WbExportDialog *self,
             gboolean        have_cases)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  WbExportScope all[] = {
    WB_EXPORT_SCOPE_ALL, WB_EXPORT_SCOPE_SELECTED, WB_EXPORT_SCOPE_CASE,
    WB_EXPORT_SCOPE_SEARCH, WB_EXPORT_SCOPE_DATES,
  };

  g_array_set_size (self->scopes, 0);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      if ((all[i] == WB_EXPORT_SCOPE_SELECTED && self->selected_uuid == NULL)
          || (all[i] == WB_EXPORT_SCOPE_CASE && !have_cases)
          || (all[i] == WB_EXPORT_SCOPE_SEARCH && !self->have_list_filter
              && (self->search_text == NULL || self->search_text[0] == '\0')))
        continue;
      g_array_append_val (self->scopes, all[i]);
      gtk_string_list_append (labels, scope_label (all[i]));
    }
  adw_combo_row_set_model (self->scope_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->scope_row, 0);
}

static void
add_recipient_row (WbExportDialog  *self,
                   const WbContact *contact)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_name (row, "export-recipient");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), contact->name);
  /* An unverified contact may still be chosen, but it says so. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               contact->verified ? contact->role
                                                 : _("Fingerprint not verified yet"));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, contact->name,
                                  -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (form_changed_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data_full (G_OBJECT (row), "contact-name", g_strdup (contact->name), g_free);
  adw_preferences_group_add (self->recipients_group, row);
  g_ptr_array_add (self->recipient_rows, row);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(WbExportDialog) self = user_data;
  g_autoptr(Choices) c = NULL;
  g_autoptr(GError) error = NULL;

  c = wb_records_run_finish (result, &error);
  set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (c == NULL)
    {
      g_autofree char *message = wb_exchange_ui_describe_error (error);

      toast_text (self, message);
      return;
    }

  for (guint i = 0; i < c->contacts->len; i++)
    add_recipient_row (self, g_ptr_array_index (c->contacts, i));
  if (c->contacts->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No contacts yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add the recipients' contact cards under Contacts in the main menu first."));
      adw_preferences_group_add (self->recipients_group, row);
      g_ptr_array_add (self->recipient_rows, row);
    }

  for (guint i = 0; i < c->cases->len; i++)
    gtk_string_list_append (self->cases, ((WbCase *) g_ptr_array_index (c->cases, i))->name);
  self->have_cases = c->cases->len > 0;
  fill_scopes (self, self->have_cases);
  form_changed_cb (self);
}

/* ---- exporting ---------------------------------------------------------- */

static gboolean
pulse_cb (gpointer data)
{
  WbExportDialog *self = data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
show_result (WbExportDialog *self,
             Result         *r)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) recipients = dup_recipients (self);
  g_autofree char *names = g_strjoinv (", ", recipients);
  g_autofree char *counts = counts_text (r->report);

  /* Translators: "12 signals, 1 retraction and 4 decisions, for Gemeente Utrecht." */
  text = g_strdup_printf (_("%s, for %s."), counts, names);
  gtk_label_set_text (self->result_label, text);

  fill_withheld (self->withheld_list, "export-withheld-row", r->report, r->summaries);
  gtk_widget_set_visible (self->withheld_label, r->report->withheld->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->withheld_list), r->report->withheld->len > 0);

  g_clear_pointer (&self->report, wb_export_report_free);
  self->report = g_steal_pointer (&r->report);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WbExportDialog) self = user_data;
  g_autoptr(Result) r = NULL;
  g_autoptr(GError) error = NULL;

  r = wb_records_run_finish (result, &error);
  set_busy (self, FALSE);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_widget_set_visible (self->cancel_button, TRUE);

  if (r == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "form");
      form_changed_cb (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_text (self, _("Export cancelled; no bundle was written"));
      else
        {
          g_autofree char *message = wb_exchange_ui_describe_error (error);

          toast_text (self, message);
        }
      return;
    }

  show_result (self, r);
  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_widget_set_visible (self->export_button, FALSE);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->done_button, TRUE);
  gtk_widget_grab_focus (self->done_button);
}

void
wb_export_dialog_export_to_file (WbExportDialog *self,
                                 GFile          *file)
{
  ExportJob *job;
  g_autofree char *path = NULL;

  g_return_if_fail (WB_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->busy > 0 || self->store == NULL || !form_valid (self))
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      toast_text (self, _("Choose a file on this computer"));
      return;
    }
  job = job_from_form (self);
  job->path = g_steal_pointer (&path);
  /* The preview is no longer needed; it would only wait for the export. */
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_generation++;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "working");
  /* Core reports no steps while it writes: pulse to show it is alive. */
  self->pulse_source = g_timeout_add (100, pulse_cb, self);
  wb_records_run_async (self->store, export_job, job, (GDestroyNotify) export_job_free,
                        (GDestroyNotify) result_free, self->cancellable, export_cb, g_object_ref (self));
}

static void
save_response_cb (GtkNativeDialog *native,
                  int              response,
                  WbExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        wb_export_dialog_export_to_file (self, file);
    }
  g_object_unref (native);
}

static void
export_clicked_cb (WbExportDialog *self)
{
  GtkFileChooserNative *native;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (!form_valid (self))
    return;

  native = gtk_file_chooser_native_new (_("Save Bundle"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* Translators: suggested file name of a bundle; %s is today's date.
   * A bundle is a tar archive. */
  name = g_strdup_printf (_("bundle-%s.tar"), day);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect_object (native, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
cancel_clicked_cb (WbExportDialog *self)
{
  if (self->busy > 0 && self->pulse_source != 0)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* ---- GObject ------------------------------------------------------------ */

static void
wb_export_dialog_constructed (GObject *object)
{
  WbExportDialog *self = (WbExportDialog *)object;

  G_OBJECT_CLASS (wb_export_dialog_parent_class)->constructed (object);

  fill_scopes (self, FALSE);
  if (self->store != NULL)
    {
      set_busy (self, TRUE);
      wb_records_run_async (self->store, load_job, NULL, NULL, (GDestroyNotify) choices_free,
                            self->cancellable, load_cb, g_object_ref (self));
    }
}

static gboolean
wb_export_dialog_close_request (GtkWindow *window)
{
  WbExportDialog *self = (WbExportDialog *)window;

  /* A half-written bundle is removed by core; nothing is recorded as sent. */
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->preview_cancellable);
  return GTK_WINDOW_CLASS (wb_export_dialog_parent_class)->close_request (window);
}

static void
wb_export_dialog_dispose (GObject *object)
{
  WbExportDialog *self = (WbExportDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_clear_object (&self->store);
  g_clear_pointer (&self->recipient_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (wb_export_dialog_parent_class)->dispose (object);
}

static void
list_filter_clear (WbExportDialog *self)
{
  WbRecordsFilter *lf = &self->list_filter;

  g_free ((char *) lf->category);
  g_free ((char *) lf->municipality);
  g_free ((char *) lf->occurred_from);
  g_free ((char *) lf->occurred_to);
  g_free ((char *) lf->today);
  wb_records_filter_init (lf);
  self->have_list_filter = FALSE;
}

static void
wb_export_dialog_finalize (GObject *object)
{
  WbExportDialog *self = (WbExportDialog *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->cases);
  g_clear_pointer (&self->preview, wb_export_report_free);
  list_filter_clear (self);
  g_clear_pointer (&self->scopes, g_array_unref);
  g_clear_pointer (&self->report, wb_export_report_free);
  g_clear_pointer (&self->selected_uuid, g_free);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (wb_export_dialog_parent_class)->finalize (object);
}

static void
wb_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WbExportDialog *self = WB_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SELECTED_UUID:
      g_value_set_string (value, self->selected_uuid);
      break;

    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_export_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WbExportDialog *self = WB_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    case PROP_SELECTED_UUID:
      g_free (self->selected_uuid);
      self->selected_uuid = g_value_dup_string (value);
      break;

    case PROP_SEARCH_TEXT:
      g_free (self->search_text);
      self->search_text = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_export_dialog_class_init (WbExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = wb_export_dialog_constructed;
  object_class->dispose = wb_export_dialog_dispose;
  object_class->finalize = wb_export_dialog_finalize;
  object_class->get_property = wb_export_dialog_get_property;
  object_class->set_property = wb_export_dialog_set_property;
  window_class->close_request = wb_export_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         WB_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SELECTED_UUID] =
    g_param_spec_string ("selected-uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, recipients_group);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, case_row);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, since_last_switch);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, tlp_row);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, attachments_switch);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, result_label);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, withheld_label);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, withheld_list);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, preview_status);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, preview_sent_list);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, preview_withheld_group);
  gtk_widget_class_bind_template_child (widget_class, WbExportDialog, preview_withheld_list);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wb_export_dialog_init (WbExportDialog *self)
{
  g_autoptr(GtkStringList) tlps = gtk_string_list_new (NULL);

  self->cancellable = g_cancellable_new ();
  self->scopes = g_array_new (FALSE, FALSE, sizeof (WbExportScope));
  self->recipient_rows = g_ptr_array_new ();
  self->cases = gtk_string_list_new (NULL);
  wb_records_filter_init (&self->list_filter);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* TLP labels stay untranslated (DOMAIN §3); the order is WbTlp's. */
  for (int tlp = WB_TLP_CLEAR; tlp <= WB_TLP_RED; tlp++)
    gtk_string_list_append (tlps, wb_enum_get_label (WB_TYPE_TLP, tlp));
  adw_combo_row_set_model (self->tlp_row, G_LIST_MODEL (tlps));
  adw_combo_row_set_selected (self->tlp_row, WB_TLP_AMBER);
  adw_combo_row_set_model (self->case_row, G_LIST_MODEL (self->cases));
}

/* ---- public API --------------------------------------------------------- */

GtkWindow *
wb_export_dialog_new (GtkWindow  *parent,
                      WbStore    *store,
                      const char *selected_uuid,
                      const char *search_text)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  return g_object_new (WB_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "selected-uuid", selected_uuid,
                       "search-text", search_text,
                       NULL);
}

gboolean
wb_export_dialog_get_busy (WbExportDialog *self)
{
  g_return_val_if_fail (WB_IS_EXPORT_DIALOG (self), FALSE);

  return self->busy > 0;
}

gboolean
wb_export_dialog_set_recipient (WbExportDialog *self,
                                const char     *name,
                                gboolean        chosen)
{
  g_return_val_if_fail (WB_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < self->recipient_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->recipient_rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (row), "contact-name"), name) == 0)
        {
          gtk_check_button_set_active (check, chosen);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
wb_export_dialog_set_scope (WbExportDialog *self,
                            WbExportScope   scope)
{
  g_return_val_if_fail (WB_IS_EXPORT_DIALOG (self), FALSE);

  for (guint i = 0; i < self->scopes->len; i++)
    if (g_array_index (self->scopes, WbExportScope, i) == scope)
      {
        adw_combo_row_set_selected (self->scope_row, i);
        return TRUE;
      }
  return FALSE;
}

void
wb_export_dialog_set_tlp_max (WbExportDialog *self,
                              WbTlp           tlp)
{
  g_return_if_fail (WB_IS_EXPORT_DIALOG (self));
  g_return_if_fail (tlp >= WB_TLP_CLEAR && tlp <= WB_TLP_RED);

  adw_combo_row_set_selected (self->tlp_row, tlp);
}

const WbExportReport *
wb_export_dialog_get_report (WbExportDialog *self)
{
  g_return_val_if_fail (WB_IS_EXPORT_DIALOG (self), NULL);

  return self->report;
}

/* (transfer none) the preview of the export the form describes, or NULL
 * while it is being worked out or the form is incomplete */
const WbExportReport *
wb_export_dialog_get_preview (WbExportDialog *self)
{
  g_return_val_if_fail (WB_IS_EXPORT_DIALOG (self), NULL);

  return self->preview;
}

void
wb_export_dialog_set_list_filter (WbExportDialog        *self,
                                  const WbRecordsFilter *filter)
{
  WbRecordsFilter *lf;
  WbExportScope scope;

  g_return_if_fail (WB_IS_EXPORT_DIALOG (self));

  scope = current_scope (self);
  list_filter_clear (self);
  if (filter != NULL)
    {
      lf = &self->list_filter;
      lf->category = g_strdup (filter->category);
      lf->level = filter->level;
      lf->tlp = filter->tlp;
      lf->municipality = g_strdup (filter->municipality);
      lf->occurred_from = g_strdup (filter->occurred_from);
      lf->occurred_to = g_strdup (filter->occurred_to);
      lf->overdue = filter->overdue;
      lf->today = g_strdup (filter->today);
      /* The export takes the whole list, not a screenful of it. */
      lf->sort = WB_RECORDS_SORT_UPDATED;
      lf->limit = 0;
      self->have_list_filter = lf->category != NULL || lf->level != WB_RECORDS_ANY
                               || lf->tlp != WB_RECORDS_ANY || lf->municipality != NULL
                               || lf->occurred_from != NULL || lf->occurred_to != NULL || lf->overdue;
      if (!self->have_list_filter)
        list_filter_clear (self);
    }
  fill_scopes (self, self->have_cases);
  wb_export_dialog_set_scope (self, scope);
  form_changed_cb (self);
}
