/* wb-cases-page.c — named groups of signals (a campaign, one target …)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-cases-page"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-cases-page.h"
#include "wb-ui-errors.h"
#include "wb-ui-format.h"
#include "wb-ui-jobs.h"

struct _WbCasesPage
{
  AdwBin               parent_instance;

  WbStore             *store;
  GPtrArray           *cases;
  GPtrArray           *case_rows;
  GPtrArray           *signal_rows;
  char                *open_case;
  guint                n_case_signals;
  WbUiJobs             jobs;

  GtkStack            *stack;
  AdwPreferencesGroup *cases_group;
  AdwPreferencesGroup *case_group;
};

G_DEFINE_FINAL_TYPE (WbCasesPage, wb_cases_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

enum {
  ADD_TOAST,
  SIGNAL_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
page_add_toast (GtkWidget *target,
                AdwToast  *toast)
{
  g_signal_emit (target, signals[ADD_TOAST], 0, toast);
}

/* ---- jobs (worker threads; no GTK) ------------------------------------ */

static gpointer
list_cases_job (WbStore       *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return wb_records_list_cases (store, error);
}

/* The case's signals as list rows would be cheaper, but a case is small:
 * complete signals keep this to the public records API. */
static gpointer
case_signals_job (WbStore       *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_auto(GStrv) uuids = wb_records_dup_case_signals (store, data, error);
  g_autoptr(GPtrArray) signals_ = NULL;

  if (uuids == NULL)
    return NULL;

  signals_ = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; uuids[i] != NULL; i++)
    {
      WbSignal *signal = wb_records_get_signal (store, uuids[i], NULL);

      /* Purged since: nothing to show. */
      if (signal != NULL)
        g_ptr_array_add (signals_, signal);
    }

  return g_steal_pointer (&signals_);
}

static gpointer
create_case_job (WbStore       *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return wb_records_create_case (store, data, error);
}

/* ---- the list of cases ------------------------------------------------- */

static void load_case (WbCasesPage *self);

static void
case_row_activated_cb (AdwActionRow *row,
                       WbCasesPage  *self)
{
  wb_cases_page_open_case (self, g_object_get_data (G_OBJECT (row), "wb-case"));
}

static void
rebuild_cases (WbCasesPage *self)
{
  wb_ui_group_clear_rows (self->cases_group, self->case_rows, NULL);

  for (guint i = 0; self->cases != NULL && i < self->cases->len; i++)
    {
      const WbCase *kase = g_ptr_array_index (self->cases, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      gtk_widget_set_name (row, "case-row");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kase->name);
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u signal", "%u signals", kase->n_signals),
                                  kase->n_signals);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "wb-case", g_strdup (kase->uuid), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (case_row_activated_cb), self, 0);
      adw_preferences_group_add (self->cases_group, row);
      g_ptr_array_add (self->case_rows, row);
    }

  if (self->open_case == NULL)
    gtk_stack_set_visible_child_name (self->stack,
                                      self->cases != NULL && self->cases->len > 0 ? "list" : "empty");
}

static void
cases_loaded (gpointer owner,
              gpointer result,
              gpointer user_data)
{
  WbCasesPage *self = owner;

  if (result == NULL)
    return;

  g_clear_pointer (&self->cases, g_ptr_array_unref);
  self->cases = g_ptr_array_ref (result);
  rebuild_cases (self);
}

/* ---- one case ---------------------------------------------------------- */

typedef struct
{
  WbStore     *store;
  char        *kase;
  char        *uuid;
  gboolean     remove;
  gboolean     is_undo;
  GtkWidget   *target;
  WbAddToastFunc add_toast;
} MemberData;

static void
member_data_free (MemberData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->target);
  g_free (data->kase);
  g_free (data->uuid);
  g_free (data);
}

static void change_member (GtkWidget      *target,
                           WbAddToastFunc  add_toast,
                           WbStore        *store,
                           const char     *kase,
                           const char     *new_name,
                           const char     *uuid,
                           gboolean        remove,
                           gboolean        is_undo);

static void
signal_row_activated_cb (AdwActionRow *row,
                         WbCasesPage  *self)
{
  g_signal_emit (self, signals[SIGNAL_ACTIVATED], 0, g_object_get_data (G_OBJECT (row), "wb-uuid"));
}

static void
remove_clicked_cb (GtkButton   *button,
                   WbCasesPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);

  if (self->store == NULL || self->open_case == NULL)
    return;

  change_member (GTK_WIDGET (self), page_add_toast, self->store, self->open_case, NULL,
                 g_object_get_data (G_OBJECT (row), "wb-uuid"), TRUE, FALSE);
}

static void
case_loaded (gpointer owner,
             gpointer result,
             gpointer user_data)
{
  WbCasesPage *self = owner;
  GPtrArray *list = result;

  if (list == NULL)
    return;

  wb_ui_group_clear_rows (self->case_group, self->signal_rows, NULL);
  self->n_case_signals = list->len;
  for (guint i = 0; i < list->len; i++)
    {
      WbSignal *signal = g_ptr_array_index (list, i);
      g_autofree char *label = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;

      gtk_widget_set_name (row, "case-signal-row");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wb_signal_get_summary (signal));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      /* Translators: "Utrecht · 2026-02-14" */
      subtitle = g_strdup_printf (_("%s · %s"), wb_signal_get_municipality (signal),
                                  wb_signal_get_occurred_on (signal));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Show this signal"));
      g_object_set_data_full (G_OBJECT (row), "wb-uuid", g_strdup (wb_signal_get_uuid (signal)), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (signal_row_activated_cb), self, 0);

      button = gtk_button_new_from_icon_name ("edit-delete-symbolic");
      gtk_widget_set_name (button, "case-remove-button");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove from Case"));
      /* Translators: accessible name, "Remove from case: Threatening messages after …" */
      label = g_strdup_printf (_("Remove from case: %s"), wb_signal_get_summary (signal));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->case_group, row);
      g_ptr_array_add (self->signal_rows, row);
    }

  if (list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No signals yet: add them with “Add to Case…” in a signal’s details"));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->case_group, row);
      g_ptr_array_add (self->signal_rows, row);
    }
}

static void
load_case (WbCasesPage *self)
{
  const WbCase *kase = NULL;
  g_autofree char *title = NULL;

  for (guint i = 0; self->cases != NULL && i < self->cases->len; i++)
    if (g_strcmp0 (((WbCase *) g_ptr_array_index (self->cases, i))->uuid, self->open_case) == 0)
      kase = g_ptr_array_index (self->cases, i);

  /* A group's title is markup in libadwaita 1.2; a case name is not. */
  title = g_markup_escape_text (kase != NULL ? kase->name : "", -1);
  adw_preferences_group_set_title (self->case_group, title);
  if (self->store == NULL || self->open_case == NULL)
    return;

  wb_ui_jobs_run (&self->jobs, self->store, case_signals_job, g_strdup (self->open_case), g_free,
                  (GDestroyNotify) g_ptr_array_unref, wb_ui_jobs_get_cancellable (&self->jobs),
                  case_loaded, NULL, NULL);
}

/* ---- adding and removing members --------------------------------------- */

typedef struct
{
  char *kase;
  char *new_name;
  char *uuid;
  gboolean remove;
} MemberJob;

static void
member_job_free (MemberJob *job)
{
  g_free (job->kase);
  g_free (job->new_name);
  g_free (job->uuid);
  g_free (job);
}

/* Returns the case's UUID or name, as given or as created. */
static gpointer
member_job (WbStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  MemberJob *job = data;
  g_autofree char *kase = NULL;

  if (job->new_name != NULL)
    {
      kase = wb_records_create_case (store, job->new_name, error);
      if (kase == NULL)
        return NULL;
    }
  else
    kase = g_strdup (job->kase);

  if (job->remove)
    {
      if (!wb_records_remove_from_case (store, kase, job->uuid, error))
        return NULL;
    }
  else if (!wb_records_add_to_case (store, kase, job->uuid, error))
    return NULL;

  return g_steal_pointer (&kase);
}

static void
refresh_pages (WbStore *store)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Any open cases page shows new counts. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      GtkWidget *page = g_object_get_data (G_OBJECT (window), "wb-vault-window");

      if (WB_IS_CASES_PAGE (page) && WB_CASES_PAGE (page)->store == store)
        wb_cases_page_reload (WB_CASES_PAGE (page));
    }
}

static void
undo_member_cb (AdwToast   *toast,
                MemberData *data)
{
  change_member (data->target, data->add_toast, data->store, data->kase, NULL, data->uuid,
                 !data->remove, TRUE);
}

static void
member_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  MemberData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *kase = NULL;
  AdwToast *toast;

  kase = wb_records_run_finish (result, &error);
  if (kase == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = wb_ui_describe_error (error);
          g_autoptr(AdwToast) error_toast = wb_ui_toast_new (message);

          data->add_toast (data->target, error_toast);
        }
      member_data_free (data);
      return;
    }

  refresh_pages (data->store);
  if (WB_IS_CASES_PAGE (data->target))
    wb_cases_page_reload (WB_CASES_PAGE (data->target));
  /* A signal's detail view lists its cases (without depending on it). */
  if (g_signal_lookup ("cases-changed", G_OBJECT_TYPE (data->target)) != 0)
    g_signal_emit_by_name (data->target, "cases-changed");

  if (data->is_undo)
    {
      member_data_free (data);
      return;
    }

  g_free (data->kase);
  data->kase = g_steal_pointer (&kase);
  toast = wb_ui_toast_new (data->remove ? _("Removed from the case") : _("Added to the case"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_member_cb), data,
                         (GClosureNotify) member_data_free, 0);
  data->add_toast (data->target, toast);
  g_object_unref (toast);
}

static void
change_member (GtkWidget      *target,
               WbAddToastFunc  add_toast,
               WbStore        *store,
               const char     *kase,
               const char     *new_name,
               const char     *uuid,
               gboolean        remove,
               gboolean        is_undo)
{
  MemberData *data = g_new0 (MemberData, 1);
  MemberJob *job = g_new0 (MemberJob, 1);

  data->target = g_object_ref (target);
  data->add_toast = add_toast;
  data->store = g_object_ref (store);
  data->uuid = g_strdup (uuid);
  data->remove = remove;
  data->is_undo = is_undo;

  job->kase = g_strdup (kase);
  job->new_name = g_strdup (new_name);
  job->uuid = g_strdup (uuid);
  job->remove = remove;
  wb_records_run_async (store, member_job, job, (GDestroyNotify) member_job_free, g_free,
                        NULL, member_done_cb, data);
}


void
wb_cases_add_signal (GtkWidget      *target,
                     WbAddToastFunc  add_toast,
                     WbStore        *store,
                     const char     *kase,
                     const char     *new_name,
                     const char     *uuid)
{
  g_return_if_fail (GTK_IS_WIDGET (target));
  g_return_if_fail (add_toast != NULL);
  g_return_if_fail (WB_IS_STORE (store));
  g_return_if_fail (kase != NULL || new_name != NULL);
  g_return_if_fail (uuid != NULL);

  change_member (target, add_toast, store, kase, new_name, uuid, FALSE, FALSE);
}

/* ---- dialogs ----------------------------------------------------------- */

typedef struct
{
  GtkWidget      *target;
  WbAddToastFunc  add_toast;
  WbStore        *store;
  char           *uuid;
  GPtrArray      *cases;
  GtkDropDown    *dropdown;
  GtkEditable    *entry;
} AddDialog;

static void
add_dialog_free (AddDialog *d)
{
  g_clear_object (&d->target);
  g_clear_object (&d->store);
  g_free (d->uuid);
  g_clear_pointer (&d->cases, g_ptr_array_unref);
  g_free (d);
}

static void
add_dialog_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        AddDialog        *d)
{
  g_autofree char *name = NULL;
  guint selected;

  if (g_strcmp0 (response, "add") != 0)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (d->entry)));
  selected = gtk_drop_down_get_selected (d->dropdown);
  if (name[0] != '\0')
    wb_cases_add_signal (d->target, d->add_toast, d->store, NULL, name, d->uuid);
  else if (d->cases != NULL && selected < d->cases->len)
    wb_cases_add_signal (d->target, d->add_toast, d->store,
                         ((WbCase *) g_ptr_array_index (d->cases, selected))->uuid, NULL, d->uuid);
}

static void
add_dialog_update (AdwMessageDialog *dialog)
{
  AddDialog *d = g_object_get_data (G_OBJECT (dialog), "wb-add-dialog");
  gboolean has_name = gtk_editable_get_text (d->entry)[0] != '\0';
  gboolean has_case = d->cases != NULL && d->cases->len > 0
                      && gtk_drop_down_get_selected (d->dropdown) != GTK_INVALID_LIST_POSITION;

  gtk_widget_set_sensitive (GTK_WIDGET (d->dropdown), !has_name && d->cases != NULL && d->cases->len > 0);
  adw_message_dialog_set_response_enabled (dialog, "add", has_name || has_case);
}

static void
add_dialog_cases_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AdwMessageDialog) dialog = user_data;
  AddDialog *d = g_object_get_data (G_OBJECT (dialog), "wb-add-dialog");
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  d->cases = wb_records_run_finish (result, &error);
  if (d->cases == NULL)
    return;

  for (guint i = 0; i < d->cases->len; i++)
    gtk_string_list_append (names, ((WbCase *) g_ptr_array_index (d->cases, i))->name);
  gtk_drop_down_set_model (d->dropdown, G_LIST_MODEL (names));
  add_dialog_update (dialog);
}

void
wb_cases_add_signal_dialog_present (GtkWidget      *target,
                                    WbAddToastFunc  add_toast,
                                    WbStore        *store,
                                    const char     *uuid)
{
  GtkRoot *root;
  GtkWidget *dialog, *box, *label;
  AddDialog *d;

  g_return_if_fail (GTK_IS_WIDGET (target));
  g_return_if_fail (WB_IS_STORE (store));
  g_return_if_fail (uuid != NULL);

  root = gtk_widget_get_root (target);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Add to Case"),
                                   _("Choose a case, or name a new one."));
  gtk_widget_set_name (dialog, "add-to-case-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  d = g_new0 (AddDialog, 1);
  d->target = g_object_ref (target);
  d->add_toast = add_toast;
  d->store = g_object_ref (store);
  d->uuid = g_strdup (uuid);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("_Existing case"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  d->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_name (GTK_WIDGET (d->dropdown), "case-dropdown");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (d->dropdown));
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Existing case"),
                                  -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->dropdown));

  label = gtk_label_new_with_mnemonic (_("Or a _new case"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (box), label);
  d->entry = GTK_EDITABLE (gtk_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (d->entry), "new-case-entry");
  gtk_entry_set_placeholder_text (GTK_ENTRY (d->entry), _("Name of the new case"));
  gtk_entry_set_activates_default (GTK_ENTRY (d->entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (d->entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the new case"),
                                  -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->entry));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data_full (G_OBJECT (dialog), "wb-add-dialog", d, (GDestroyNotify) add_dialog_free);
  g_signal_connect (dialog, "response", G_CALLBACK (add_dialog_response_cb), d);
  g_signal_connect_swapped (d->entry, "changed", G_CALLBACK (add_dialog_update), dialog);
  g_signal_connect_swapped (d->dropdown, "notify::selected", G_CALLBACK (add_dialog_update), dialog);

  wb_records_run_async (store, list_cases_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        NULL, add_dialog_cases_cb, g_object_ref (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_case_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      WbCasesPage      *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "wb-entry");

  if (g_strcmp0 (response, "create") == 0)
    wb_cases_page_create_case (self, gtk_editable_get_text (entry));
}

static void
new_case_changed_cb (AdwMessageDialog *dialog,
                     GtkEditable      *entry)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "create", name[0] != '\0');
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  WbCasesPage *self = WB_CASES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *entry;

  if (self->store == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("New Case"),
                                   _("Name the case, for example after the campaign or the target."));
  gtk_widget_set_name (dialog, "new-case-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "new-case-entry");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the new case"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "wb-entry", entry);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (new_case_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_case_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WbCasesPage *self = WB_CASES_PAGE (widget);

  g_clear_pointer (&self->open_case, g_free);
  wb_cases_page_reload (self);
}

static void
case_created (gpointer owner,
              gpointer result,
              gpointer user_data)
{
  WbCasesPage *self = owner;
  g_autoptr(AdwToast) toast = NULL;

  if (result == NULL)
    return;

  toast = wb_ui_toast_new (_("Case created"));
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
  wb_cases_page_reload (self);
}

/* ---- GObject ----------------------------------------------------------- */

static void
wb_cases_page_dispose (GObject *object)
{
  WbCasesPage *self = (WbCasesPage *)object;

  wb_ui_jobs_cancel (&self->jobs);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_CASES_PAGE);

  G_OBJECT_CLASS (wb_cases_page_parent_class)->dispose (object);
}

static void
wb_cases_page_finalize (GObject *object)
{
  WbCasesPage *self = (WbCasesPage *)object;

  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_clear_pointer (&self->case_rows, g_ptr_array_unref);
  g_clear_pointer (&self->signal_rows, g_ptr_array_unref);
  g_clear_pointer (&self->open_case, g_free);
  wb_ui_jobs_clear (&self->jobs);

  G_OBJECT_CLASS (wb_cases_page_parent_class)->finalize (object);
}

static void
wb_cases_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WbCasesPage *self = WB_CASES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, wb_ui_jobs_is_busy (&self->jobs));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_cases_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WbCasesPage *self = WB_CASES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      wb_cases_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_cases_page_class_init (WbCasesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_cases_page_dispose;
  object_class->finalize = wb_cases_page_finalize;
  object_class->get_property = wb_cases_page_get_property;
  object_class->set_property = wb_cases_page_set_property;

  /* The unlocked vault's store, or NULL. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         WB_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* TRUE while the cases or a case load. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WbCasesPage::add-toast:
   * @toast: the toast to show; handlers take their own reference
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  /**
   * WbCasesPage::signal-activated:
   * @uuid: the signal the user wants to see
   */
  signals[SIGNAL_ACTIVATED] =
    g_signal_new ("signal-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-cases-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WbCasesPage, cases_group);
  gtk_widget_class_bind_template_child (widget_class, WbCasesPage, case_group);

  gtk_widget_class_install_action (widget_class, "cases.new", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "cases.back", NULL, back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "cases.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "cases.back", NULL);
}

static void
wb_cases_page_init (WbCasesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: gtk_widget_dispose_template() would
   * unparent it behind AdwBin's back. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  self->case_rows = g_ptr_array_new ();
  self->signal_rows = g_ptr_array_new ();
  wb_ui_jobs_init (&self->jobs, self, properties[PROP_BUSY], wb_ui_describe_error);
}

GtkWidget *
wb_cases_page_new (WbStore *store)
{
  g_return_val_if_fail (!store || WB_IS_STORE (store), NULL);

  return g_object_new (WB_TYPE_CASES_PAGE, "store", store, NULL);
}

/**
 * wb_cases_page_get_store:
 *
 * Returns: (nullable) (transfer none): the store
 */
WbStore *
wb_cases_page_get_store (WbCasesPage *self)
{
  g_return_val_if_fail (WB_IS_CASES_PAGE (self), NULL);

  return self->store;
}

void
wb_cases_page_set_store (WbCasesPage *self,
                         WbStore     *store)
{
  g_return_if_fail (WB_IS_CASES_PAGE (self));
  g_return_if_fail (!store || WB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  wb_ui_jobs_cancel (&self->jobs);
  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_clear_pointer (&self->open_case, g_free);
  wb_ui_group_clear_rows (self->case_group, self->signal_rows, NULL);
  rebuild_cases (self);
  wb_cases_page_reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
wb_cases_page_reload (WbCasesPage *self)
{
  g_return_if_fail (WB_IS_CASES_PAGE (self));

  if (self->store == NULL)
    return;

  wb_ui_jobs_run (&self->jobs, self->store, list_cases_job, NULL, NULL,
                  (GDestroyNotify) g_ptr_array_unref, wb_ui_jobs_get_cancellable (&self->jobs),
                  cases_loaded, NULL, NULL);
  if (self->open_case != NULL)
    load_case (self);
}

void
wb_cases_page_create_case (WbCasesPage *self,
                           const char  *name)
{
  g_return_if_fail (WB_IS_CASES_PAGE (self));
  g_return_if_fail (name != NULL);

  if (self->store == NULL)
    return;

  wb_ui_jobs_run (&self->jobs, self->store, create_case_job, g_strdup (name), g_free, g_free,
                  wb_ui_jobs_get_cancellable (&self->jobs), case_created, NULL, NULL);
}

void
wb_cases_page_open_case (WbCasesPage *self,
                         const char  *kase)
{
  g_return_if_fail (WB_IS_CASES_PAGE (self));
  g_return_if_fail (kase != NULL);

  g_free (self->open_case);
  self->open_case = g_strdup (kase);
  self->n_case_signals = 0;
  wb_ui_group_clear_rows (self->case_group, self->signal_rows, NULL);
  gtk_stack_set_visible_child_name (self->stack, "case");
  load_case (self);
}

GPtrArray *
wb_cases_page_get_cases (WbCasesPage *self)
{
  g_return_val_if_fail (WB_IS_CASES_PAGE (self), NULL);

  return self->cases;
}

guint
wb_cases_page_get_n_case_signals (WbCasesPage *self)
{
  g_return_val_if_fail (WB_IS_CASES_PAGE (self), 0);

  return self->n_case_signals;
}

gboolean
wb_cases_page_get_busy (WbCasesPage *self)
{
  g_return_val_if_fail (WB_IS_CASES_PAGE (self), FALSE);

  return wb_ui_jobs_is_busy (&self->jobs);
}
