/* wb-links-group.c — a signal's typed links to other signals
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-links-group"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-links-group.h"
#include "wb-ui-errors.h"
#include "wb-ui-format.h"
#include "wb-ui-jobs.h"

#define PICKER_LIMIT 30

struct _WbLinksGroup
{
  AdwPreferencesGroup  parent_instance;

  WbStore             *store;
  char                *uuid;
  GPtrArray           *items;
  GPtrArray           *rows;
  WbUiJobs             jobs;

  GtkWidget           *empty_row;
};

G_DEFINE_FINAL_TYPE (WbLinksGroup, wb_links_group, ADW_TYPE_PREFERENCES_GROUP)

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

static const WbLinkType link_types[] = {
  WB_LINK_SAME_ACTOR,
  WB_LINK_SAME_CAMPAIGN,
  WB_LINK_SAME_TARGET,
  WB_LINK_DUPLICATE,
};

const char *
wb_link_type_get_label (WbLinkType type)
{
  switch (type)
    {
    case WB_LINK_SAME_ACTOR:
      return _("Same actor");
    case WB_LINK_SAME_CAMPAIGN:
      return _("Same campaign");
    case WB_LINK_SAME_TARGET:
      return _("Same target");
    case WB_LINK_DUPLICATE:
      return _("Duplicate");
    default:
      return NULL;
    }
}

/* One listed link: the other signal and how it is linked. */
typedef struct
{
  char       *other;
  char       *summary;
  WbLinkType  type;
} LinkItem;

static void
link_item_free (LinkItem *item)
{
  g_free (item->other);
  g_free (item->summary);
  g_free (item);
}

static void reload (WbLinksGroup *self);

static void
emit_toast (WbLinksGroup *self,
            AdwToast     *toast)
{
  g_autoptr(AdwToast) owned = toast;

  g_signal_emit (self, signals[ADD_TOAST], 0, owned);
}

/* ---- jobs (worker threads; no GTK) ------------------------------------ */

typedef struct
{
  char       *a;
  char       *b;
  WbLinkType  type;
  gboolean    unlink;
} Job;

static void
job_free (Job *job)
{
  g_free (job->a);
  g_free (job->b);
  g_free (job);
}

static Job *
job_new (const char *a,
         const char *b,
         WbLinkType  type,
         gboolean    unlink)
{
  Job *job = g_new0 (Job, 1);

  job->a = g_strdup (a);
  job->b = g_strdup (b);
  job->type = type;
  job->unlink = unlink;
  return job;
}

static gpointer
list_job (WbStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Job *job = data;
  g_autoptr(GPtrArray) links = wb_records_list_links (store, job->a, error);
  g_autoptr(GPtrArray) items = NULL;

  if (links == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) link_item_free);
  for (guint i = 0; i < links->len; i++)
    {
      const WbLink *link = g_ptr_array_index (links, i);
      const char *other = g_ascii_strcasecmp (link->a, job->a) == 0 ? link->b : link->a;
      g_autoptr(WbSignal) signal = wb_records_get_signal (store, other, NULL);
      LinkItem *item = g_new0 (LinkItem, 1);

      item->other = g_strdup (other);
      item->summary = signal != NULL ? g_strdup (wb_signal_get_summary (signal)) : NULL;
      item->type = link->type;
      g_ptr_array_add (items, item);
    }

  return g_steal_pointer (&items);
}

static gpointer
change_job (WbStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;
  gboolean ok;

  if (job->unlink)
    ok = wb_records_unlink (store, job->a, job->b, job->type, error);
  else
    ok = wb_records_link (store, job->a, job->b, job->type, error);

  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

/* ---- rows ------------------------------------------------------------- */

static void
open_clicked_cb (GtkWidget    *row,
                 WbLinksGroup *self)
{
  const char *other = g_object_get_data (G_OBJECT (row), "wb-other");

  /* The window knows where signals are shown (its list page). */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-signal", "s", other);
}

static void
unlink_clicked_cb (GtkWidget    *button,
                   WbLinksGroup *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
  LinkItem *item = g_object_get_data (G_OBJECT (row), "wb-item");

  wb_links_group_unlink (self, item->other, item->type);
}

/* The empty row is in the tree only while it is shown, as the rows are;
 * the template keeps it alive in between. */
static void
clear_rows (WbLinksGroup *self)
{
  wb_ui_group_clear_rows (ADW_PREFERENCES_GROUP (self), self->rows, self->empty_row);
}

static void
rebuild (WbLinksGroup *self)
{
  clear_rows (self);

  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      LinkItem *item = g_ptr_array_index (self->items, i);
      g_autofree char *label = NULL;
      GtkWidget *row, *button;

      row = adw_action_row_new ();
      gtk_widget_set_name (row, "link-row");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     item->summary != NULL ? item->summary : item->other);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), wb_link_type_get_label (item->type));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Show this signal"));
      g_object_set_data (G_OBJECT (row), "wb-item", item);
      g_object_set_data (G_OBJECT (row), "wb-other", item->other);
      g_signal_connect_object (row, "activated", G_CALLBACK (open_clicked_cb), self, 0);

      button = gtk_button_new_from_icon_name ("edit-delete-symbolic");
      gtk_widget_set_name (button, "unlink-button");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove Link"));
      /* Translators: accessible name of a button, "Remove link to: Threatening messages after …" */
      label = g_strdup_printf (_("Remove link to: %s"), item->summary != NULL ? item->summary : item->other);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_signal_connect_object (button, "clicked", G_CALLBACK (unlink_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  if (self->rows->len == 0 && self->uuid != NULL && self->empty_row != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->empty_row);
}

static void
list_loaded (gpointer owner,
             gpointer result,
             gpointer user_data)
{
  WbLinksGroup *self = owner;

  if (result == NULL)
    return;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_ptr_array_ref (result);
  rebuild (self);
}

static void
reload (WbLinksGroup *self)
{
  /* Only the list loads are cancellable: a link or unlink always ends. */
  wb_ui_jobs_cancel (&self->jobs);

  if (self->store == NULL || self->uuid == NULL)
    {
      g_clear_pointer (&self->items, g_ptr_array_unref);
      rebuild (self);
      return;
    }

  wb_ui_jobs_run (&self->jobs, self->store, list_job, job_new (self->uuid, NULL, 0, FALSE),
                  (GDestroyNotify) job_free, (GDestroyNotify) g_ptr_array_unref,
                  wb_ui_jobs_get_cancellable (&self->jobs), list_loaded, NULL, NULL);
}

/* ---- link / unlink ---------------------------------------------------- */

typedef struct
{
  WbLinksGroup *self;
  WbStore      *store;
  char         *uuid;
  char         *other;
  WbLinkType    type;
  gboolean      unlink;
  gboolean      is_undo;
} ChangeData;

static void
change_data_free (ChangeData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->store);
  g_free (data->uuid);
  g_free (data->other);
  g_free (data);
}

static void start_change (WbLinksGroup *self,
                          WbStore      *store,
                          const char   *uuid,
                          const char   *other,
                          WbLinkType    type,
                          gboolean      unlink,
                          gboolean      is_undo);

static void
undo_cb (AdwToast   *toast,
         ChangeData *data)
{
  /* After a lock the store is closed: nothing to undo into. */
  if (data->self->store != data->store)
    return;

  start_change (data->self, data->store, data->uuid, data->other, data->type,
                !data->unlink, TRUE);
}

static void
changed (gpointer owner,
         gpointer result,
         gpointer user_data)
{
  ChangeData *data = user_data;
  WbLinksGroup *self = owner;

  if (result == NULL)
    {
      change_data_free (data);
      return;
    }

  if (self->store == data->store && g_strcmp0 (self->uuid, data->uuid) == 0)
    reload (self);

  if (data->is_undo)
    change_data_free (data);
  else if (data->unlink)
    {
      AdwToast *toast = wb_ui_toast_new (_("Link removed"));

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_cb), data,
                             (GClosureNotify) change_data_free, 0);
      emit_toast (self, toast);
    }
  else
    {
      AdwToast *toast = wb_ui_toast_new (_("Signals linked"));

      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_cb), data,
                             (GClosureNotify) change_data_free, 0);
      emit_toast (self, toast);
    }
}

static void
start_change (WbLinksGroup *self,
              WbStore      *store,
              const char   *uuid,
              const char   *other,
              WbLinkType    type,
              gboolean      unlink,
              gboolean      is_undo)
{
  ChangeData *data = g_new0 (ChangeData, 1);

  data->self = g_object_ref (self);
  data->store = g_object_ref (store);
  data->uuid = g_strdup (uuid);
  data->other = g_strdup (other);
  data->type = type;
  data->unlink = unlink;
  data->is_undo = is_undo;
  wb_ui_jobs_run (&self->jobs, store, change_job, job_new (uuid, other, type, unlink),
                  (GDestroyNotify) job_free, NULL, NULL,
                  changed, data, (GDestroyNotify) change_data_free);
}

/* ---- the picker: find a signal to link to ------------------------------ */

typedef struct
{
  WbLinksGroup   *self;
  GtkSearchEntry *entry;
  GtkListBox     *results;
  GtkDropDown    *type_dropdown;
  GCancellable   *cancellable;
} Picker;

static void
picker_free (Picker *picker)
{
  if (picker->cancellable != NULL)
    g_cancellable_cancel (picker->cancellable);
  g_clear_object (&picker->cancellable);
  g_clear_object (&picker->self);
  g_free (picker);
}

typedef struct
{
  char *text;
  char *exclude;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_free (job->text);
  g_free (job->exclude);
  g_free (job);
}

static gpointer
search_job (WbStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  SearchJob *job = data;
  WbRecordsFilter filter;
  GPtrArray *rows;

  wb_records_filter_init (&filter);
  filter.limit = PICKER_LIMIT + 1;
  if (job->text == NULL || job->text[0] == '\0')
    {
      filter.sort = WB_RECORDS_SORT_UPDATED;
      rows = wb_records_list_signal_rows (store, &filter, error);
    }
  else
    rows = wb_records_search_rows (store, job->text, &filter, error);

  if (rows == NULL)
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      if (g_strcmp0 (wb_signal_get_uuid (g_ptr_array_index (rows, i)), job->exclude) == 0)
        {
          g_ptr_array_remove_index (rows, i);
          break;
        }
    }
  if (rows->len > PICKER_LIMIT)
    g_ptr_array_set_size (rows, PICKER_LIMIT);

  return rows;
}

/* The picker may be gone when results arrive: it cancels before it goes,
 * and the callback holds its own reference to that cancellable. */
typedef struct
{
  Picker       *picker;
  GCancellable *cancellable;
} PickerCall;

static void
picker_results_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PickerCall *call = user_data;
  Picker *picker = call->picker;
  g_autoptr(GCancellable) cancellable = call->cancellable;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_free (call);
  rows = wb_records_run_finish (result, &error);
  if (g_cancellable_is_cancelled (cancellable))
    return;
  if (rows == NULL)
    {
      wb_ui_jobs_toast_error (&picker->self->jobs, error);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (picker->results))) != NULL)
    gtk_list_box_remove (picker->results, child);

  for (guint i = 0; i < rows->len; i++)
    {
      WbSignal *signal = g_ptr_array_index (rows, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wb_signal_get_summary (signal));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), wb_signal_get_municipality (signal));
      g_object_set_data_full (G_OBJECT (row), "wb-uuid", g_strdup (wb_signal_get_uuid (signal)), g_free);
      gtk_list_box_append (picker->results, row);
    }
}

static void
picker_search (Picker *picker)
{
  SearchJob *job;
  PickerCall *call;

  if (picker->cancellable != NULL)
    g_cancellable_cancel (picker->cancellable);
  g_clear_object (&picker->cancellable);

  if (picker->self->store == NULL)
    return;

  job = g_new0 (SearchJob, 1);
  job->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (picker->entry)));
  job->exclude = g_strdup (picker->self->uuid);
  picker->cancellable = g_cancellable_new ();
  call = g_new0 (PickerCall, 1);
  call->picker = picker;
  call->cancellable = g_object_ref (picker->cancellable);
  wb_records_run_async (picker->self->store, search_job, job, (GDestroyNotify) search_job_free,
                        (GDestroyNotify) g_ptr_array_unref, picker->cancellable,
                        picker_results_cb, call);
}

static void
picker_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Picker           *picker)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (picker->results);
  guint type = gtk_drop_down_get_selected (picker->type_dropdown);

  if (g_strcmp0 (response, "link") == 0 && row != NULL && type < G_N_ELEMENTS (link_types))
    wb_links_group_link (picker->self, g_object_get_data (G_OBJECT (row), "wb-uuid"), link_types[type]);

  /* Results from a search still running land nowhere. */
  if (picker->cancellable != NULL)
    g_cancellable_cancel (picker->cancellable);
}

static void
picker_selection_cb (GtkListBox       *box,
                     GtkListBoxRow    *row,
                     AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "link", row != NULL);
}

static void
link_clicked_cb (WbLinksGroup *self,
                 GtkButton    *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  GtkWidget *dialog, *box, *scrolled, *type_row;
  Picker *picker;

  if (self->store == NULL || self->uuid == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (link_types); i++)
    gtk_string_list_append (types, wb_link_type_get_label (link_types[i]));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Link to Another Signal"),
                                   _("Find the signal, then choose how the two are related."));
  gtk_widget_set_name (dialog, "link-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "link", _("_Link"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "link", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "link", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "link");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  picker = g_new0 (Picker, 1);
  picker->self = g_object_ref (self);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  picker->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (picker->entry), "link-search-entry");
  g_object_set (picker->entry, "placeholder-text", _("Search signals"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picker->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search the signal to link to"),
                                  -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (picker->entry));

  picker->results = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (picker->results), "link-results");
  gtk_list_box_set_selection_mode (picker->results, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (picker->results), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (picker->results),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search results"),
                                  -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (picker->results));
  gtk_box_append (GTK_BOX (box), scrolled);

  type_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (type_row), gtk_label_new_with_mnemonic (_("_Relation")));
  picker->type_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (types)), NULL));
  gtk_widget_set_name (GTK_WIDGET (picker->type_dropdown), "link-type-dropdown");
  gtk_widget_set_hexpand (GTK_WIDGET (picker->type_dropdown), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (gtk_widget_get_first_child (type_row)),
                                 GTK_WIDGET (picker->type_dropdown));
  gtk_accessible_update_property (GTK_ACCESSIBLE (picker->type_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Relation"),
                                  -1);
  gtk_drop_down_set_selected (picker->type_dropdown, 1);
  gtk_box_append (GTK_BOX (type_row), GTK_WIDGET (picker->type_dropdown));
  gtk_box_append (GTK_BOX (box), type_row);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_signal_connect_swapped (picker->entry, "search-changed", G_CALLBACK (picker_search), picker);
  g_signal_connect (picker->results, "row-selected", G_CALLBACK (picker_selection_cb), dialog);
  /* The dialog owns the picker. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (picker_response_cb), picker,
                         (GClosureNotify) picker_free, 0);

  picker_search (picker);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ---------------------------------------------------------- */

static void
wb_links_group_dispose (GObject *object)
{
  WbLinksGroup *self = (WbLinksGroup *)object;

  wb_ui_jobs_cancel (&self->jobs);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_LINKS_GROUP);

  G_OBJECT_CLASS (wb_links_group_parent_class)->dispose (object);
}

static void
wb_links_group_finalize (GObject *object)
{
  WbLinksGroup *self = (WbLinksGroup *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  wb_ui_jobs_clear (&self->jobs);

  G_OBJECT_CLASS (wb_links_group_parent_class)->finalize (object);
}

static void
wb_links_group_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WbLinksGroup *self = WB_LINKS_GROUP (object);

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
wb_links_group_class_init (WbLinksGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_links_group_dispose;
  object_class->finalize = wb_links_group_finalize;
  object_class->get_property = wb_links_group_get_property;

  /* TRUE while a load, link or unlink runs. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WbLinksGroup::add-toast:
   * @toast: the toast to show; handlers take their own reference
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-links-group.ui");
  gtk_widget_class_bind_template_child (widget_class, WbLinksGroup, empty_row);
  gtk_widget_class_bind_template_callback (widget_class, link_clicked_cb);
}

static void
wb_links_group_init (WbLinksGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  wb_ui_jobs_init (&self->jobs, self, properties[PROP_BUSY], wb_ui_describe_error);
}

void
wb_links_group_set_signal (WbLinksGroup *self,
                           WbStore      *store,
                           const char   *uuid)
{
  g_return_if_fail (WB_IS_LINKS_GROUP (self));
  g_return_if_fail (!store || WB_IS_STORE (store));

  if (self->store == store && g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_set_object (&self->store, store);
  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  rebuild (self);
  reload (self);
}

void
wb_links_group_link (WbLinksGroup *self,
                     const char   *other,
                     WbLinkType    type)
{
  g_return_if_fail (WB_IS_LINKS_GROUP (self));
  g_return_if_fail (other != NULL);

  if (self->store == NULL || self->uuid == NULL)
    return;

  start_change (self, self->store, self->uuid, other, type, FALSE, FALSE);
}

void
wb_links_group_unlink (WbLinksGroup *self,
                       const char   *other,
                       WbLinkType    type)
{
  g_return_if_fail (WB_IS_LINKS_GROUP (self));
  g_return_if_fail (other != NULL);

  if (self->store == NULL || self->uuid == NULL)
    return;

  start_change (self, self->store, self->uuid, other, type, TRUE, FALSE);
}

guint
wb_links_group_get_n_links (WbLinksGroup *self)
{
  g_return_val_if_fail (WB_IS_LINKS_GROUP (self), 0);

  return self->items != NULL ? self->items->len : 0;
}

gboolean
wb_links_group_get_busy (WbLinksGroup *self)
{
  g_return_val_if_fail (WB_IS_LINKS_GROUP (self), FALSE);

  return wb_ui_jobs_is_busy (&self->jobs);
}
