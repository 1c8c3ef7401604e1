/* wb-review-page.c — signals past their review date: review, hold, purge
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-review-page"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-review-page.h"
#include "wb-ui-errors.h"
#include "wb-ui-jobs.h"

struct _WbReviewPage
{
  AdwBin         parent_instance;

  WbStore       *store;
  char          *today;
  GCancellable  *load_cancellable;
  WbUiJobs       jobs;
  GPtrArray     *signals;     /* WbSignal, as listed */

  GtkStack      *stack;
  GtkListBox    *list_box;
};

G_DEFINE_FINAL_TYPE (WbReviewPage, wb_review_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TODAY,
  PROP_LOADING,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
toast (WbReviewPage *self,
       AdwToast     *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

/* ---- jobs (worker thread, under the records jobs lock) --------------- */

typedef struct
{
  char     *uuid;
  char     *today;
  gboolean  hold;
} Job;

static void
job_free (Job *job)
{
  g_free (job->uuid);
  g_free (job->today);
  g_free (job);
}

static Job *
job_new (const char *uuid,
         const char *today,
         gboolean    hold)
{
  Job *job = g_new0 (Job, 1);

  job->uuid = g_strdup (uuid);
  job->today = g_strdup (today);
  job->hold = hold;
  return job;
}

static gpointer
list_overdue_job (WbStore       *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Job *job = data;

  return wb_records_list_overdue (store, job->today, error);
}

/* A review keeps the signal for another retention period from today. */
static gpointer
mark_reviewed_job (WbStore       *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Job *job = data;
  g_autoptr(WbSignal) signal = NULL;
  g_autofree char *months_text = NULL;
  g_autofree char *review_on = NULL;
  guint64 months = WB_RETENTION_DEFAULT_MONTHS;
  GDate date;

  signal = wb_records_get_signal (store, job->uuid, error);
  if (signal == NULL)
    return NULL;

  months_text = wb_store_dup_setting (store, WB_RECORDS_SETTING_RETENTION_MONTHS);
  if (months_text == NULL
      || !g_ascii_string_to_unsigned (months_text, 10, 1, 120, &months, NULL))
    months = WB_RETENTION_DEFAULT_MONTHS;

  g_date_clear (&date, 1);
  if (job->today == NULL || !wb_date_parse_iso (job->today, &date))
    g_date_set_time_t (&date, time (NULL));
  g_date_add_months (&date, (guint) months);
  review_on = wb_date_format_iso (&date);
  wb_signal_set_review_on (signal, review_on);

  if (!wb_records_edit_signal (store, signal, error))
    return NULL;

  return g_steal_pointer (&signal);
}

static gpointer
set_hold_job (WbStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Job *job = data;

  if (!wb_records_set_legal_hold (store, job->uuid, job->hold, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static gpointer
purge_job (WbStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Job *job = data;

  if (!wb_records_purge (store, job->uuid, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

/* ---- rows ------------------------------------------------------------ */

static void row_button_clicked_cb (GtkButton *button, WbReviewPage *self);

static GtkWidget *
add_button (GtkWidget    *box,
            WbReviewPage *self,
            const char   *name,
            const char   *icon_name,
            const char   *label,
            WbSignal     *signal)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "signal", g_object_ref (signal), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (row_button_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), button);

  return button;
}

static GtkWidget *
create_row (WbReviewPage *self,
            WbSignal     *signal)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *purge;
  g_autofree char *subtitle = NULL;

  /* Translators: under a signal on the review page: "Review date 2026-03-01 · Tilburg" */
  subtitle = g_strdup_printf (_("Review date %s · %s"),
                              wb_signal_get_review_on (signal) ? wb_signal_get_review_on (signal) : "",
                              wb_signal_get_municipality (signal) ? wb_signal_get_municipality (signal) : "");

  gtk_widget_set_name (row, "review-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wb_signal_get_summary (signal));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  add_button (box, self, "review-reviewed", "object-select-symbolic", _("Mark reviewed"), signal);
  add_button (box, self, "review-hold", "changes-prevent-symbolic", _("Put on legal hold"), signal);
  purge = add_button (box, self, "review-purge", "user-trash-symbolic", _("Purge…"), signal);
  gtk_widget_add_css_class (purge, "error");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  return row;
}

static void
show_signals (WbReviewPage *self,
              GPtrArray    *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  g_clear_pointer (&self->signals, g_ptr_array_unref);
  self->signals = list != NULL ? g_ptr_array_ref (list) : NULL;

  for (guint i = 0; list != NULL && i < list->len; i++)
    gtk_list_box_append (self->list_box, create_row (self, g_ptr_array_index (list, i)));

  gtk_stack_set_visible_child_name (self->stack,
                                    list != NULL && list->len > 0 ? "list" : "empty");
}

/* ---- loading --------------------------------------------------------- */

static void
load_done (gpointer owner,
           gpointer result,
           gpointer user_data)
{
  if (result != NULL)
    show_signals (WB_REVIEW_PAGE (owner), result);
}

void
wb_review_page_reload (WbReviewPage *self)
{
  g_return_if_fail (WB_IS_REVIEW_PAGE (self));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (self->store == NULL)
    {
      show_signals (self, NULL);
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  wb_ui_jobs_run (&self->jobs, self->store, list_overdue_job, job_new (NULL, self->today, FALSE),
                  (GDestroyNotify) job_free, (GDestroyNotify) g_ptr_array_unref,
                  self->load_cancellable, load_done, NULL, NULL);
}

/* ---- actions --------------------------------------------------------- */

/* Failed or not, the list is read again: the signal may have changed. */
static void
reviewed_done (gpointer owner,
               gpointer result,
               gpointer user_data)
{
  WbReviewPage *self = owner;
  WbSignal *signal = result;
  g_autoptr(AdwToast) t = NULL;
  g_autofree char *title = NULL;

  if (signal != NULL)
    {
      /* Translators: toast; %s is the next review date */
      title = g_strdup_printf (_("Reviewed; next review on %s"), wb_signal_get_review_on (signal));
      t = wb_ui_toast_new (title);
      toast (self, t);
    }
  wb_review_page_reload (self);
}

/* What a finished hold needs to know about its request. */
typedef struct
{
  char         *uuid;
  gboolean      hold;
} Request;

static void
request_free (Request *request)
{
  g_free (request->uuid);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static Request *
request_new (const char *uuid,
             gboolean    hold)
{
  Request *request = g_new0 (Request, 1);

  request->uuid = g_strdup (uuid);
  request->hold = hold;
  return request;
}

static void set_hold (WbReviewPage *self, const char *uuid, gboolean hold);

static void
hold_undo_cb (AdwToast     *t,
              WbReviewPage *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (t), "uuid");

  if (self->store != NULL && uuid != NULL)
    set_hold (self, uuid, FALSE);
}

static void
hold_done (gpointer owner,
           gpointer result,
           gpointer user_data)
{
  WbReviewPage *self = owner;
  g_autoptr(Request) request = user_data;
  g_autoptr(AdwToast) t = NULL;

  if (result == NULL)
    return;

  /* The page only sets holds; the toast's Undo lifts it again. */
  if (request->hold)
    {
      t = wb_ui_toast_new (_("Legal hold set"));
      adw_toast_set_button_label (t, _("_Undo"));
      g_object_set_data_full (G_OBJECT (t), "uuid", g_strdup (request->uuid), g_free);
      g_signal_connect_object (t, "button-clicked", G_CALLBACK (hold_undo_cb), self, 0);
    }
  else
    t = wb_ui_toast_new (_("Legal hold lifted"));

  toast (self, t);
  wb_review_page_reload (self);
}

static void
set_hold (WbReviewPage *self,
          const char   *uuid,
          gboolean      hold)
{
  wb_ui_jobs_run (&self->jobs, self->store, set_hold_job, job_new (uuid, NULL, hold),
                  (GDestroyNotify) job_free, NULL, wb_ui_jobs_get_cancellable (&self->jobs),
                  hold_done, request_new (uuid, hold), (GDestroyNotify) request_free);
}

static void
purge_done (gpointer owner,
            gpointer result,
            gpointer user_data)
{
  WbReviewPage *self = owner;

  if (result != NULL)
    {
      g_autoptr(AdwToast) t = wb_ui_toast_new (_("Signal purged"));

      toast (self, t);
    }
  wb_review_page_reload (self);
}

static void
purge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   WbReviewPage     *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), "uuid");

  if (g_strcmp0 (response, "purge") != 0 || self->store == NULL || uuid == NULL)
    return;

  wb_ui_jobs_run (&self->jobs, self->store, purge_job, job_new (uuid, NULL, FALSE),
                  (GDestroyNotify) job_free, NULL, wb_ui_jobs_get_cancellable (&self->jobs),
                  purge_done, NULL, NULL);
}

/* Purging cannot be undone: ask first, with the destructive choice not
 * the default. */
static void
confirm_purge (WbReviewPage *self,
               WbSignal     *signal)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Purge Signal?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” and everything recorded with it — revisions, persons, attachments, links and decisions — will be deleted for good. Only a record that it existed stays in the audit log. This cannot be undone."),
                                  wb_signal_get_summary (signal));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "purge", _("_Purge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "purge",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "uuid", g_strdup (wb_signal_get_uuid (signal)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (purge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_button_clicked_cb (GtkButton    *button,
                       WbReviewPage *self)
{
  WbSignal *signal = g_object_get_data (G_OBJECT (button), "signal");
  const char *name = gtk_widget_get_name (GTK_WIDGET (button));

  g_assert (WB_IS_REVIEW_PAGE (self));

  if (self->store == NULL || signal == NULL)
    return;

  if (g_str_equal (name, "review-reviewed"))
    wb_ui_jobs_run (&self->jobs, self->store, mark_reviewed_job,
                    job_new (wb_signal_get_uuid (signal), self->today, FALSE),
                    (GDestroyNotify) job_free, g_object_unref,
                    wb_ui_jobs_get_cancellable (&self->jobs), reviewed_done, NULL, NULL);
  else if (g_str_equal (name, "review-hold"))
    set_hold (self, wb_signal_get_uuid (signal), TRUE);
  else if (g_str_equal (name, "review-purge"))
    confirm_purge (self, signal);
}

/* ---- GObject --------------------------------------------------------- */

static void
wb_review_page_dispose (GObject *object)
{
  WbReviewPage *self = (WbReviewPage *)object;

  wb_ui_jobs_cancel (&self->jobs);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->signals, g_ptr_array_unref);

  /* AdwBin 1.2 unparents its child again in its own dispose. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_REVIEW_PAGE);

  G_OBJECT_CLASS (wb_review_page_parent_class)->dispose (object);
}

static void
wb_review_page_finalize (GObject *object)
{
  WbReviewPage *self = (WbReviewPage *)object;

  wb_ui_jobs_clear (&self->jobs);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (wb_review_page_parent_class)->finalize (object);
}

static void
wb_review_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WbReviewPage *self = WB_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_TODAY:
      g_value_set_string (value, self->today);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, wb_ui_jobs_is_busy (&self->jobs));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_review_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WbReviewPage *self = WB_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      wb_review_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_TODAY:
      wb_review_page_set_today (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_review_page_class_init (WbReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_review_page_dispose;
  object_class->finalize = wb_review_page_finalize;
  object_class->get_property = wb_review_page_get_property;
  object_class->set_property = wb_review_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         WB_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* YYYY-MM-DD that counts as today; NULL is the real date (tests set it). */
  properties[PROP_TODAY] =
    g_param_spec_string ("today", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WbReviewPage::add-toast:
   * @toast: the toast to show; handlers take their own reference
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WbReviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, WbReviewPage, list_box);
}

static void
wb_review_page_init (WbReviewPage *self)
{
  wb_ui_jobs_init (&self->jobs, self, properties[PROP_LOADING], wb_ui_describe_error);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ------------------------------------------------------ */

GtkWidget *
wb_review_page_new (WbStore *store)
{
  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  return g_object_new (WB_TYPE_REVIEW_PAGE, "store", store, NULL);
}

/**
 * wb_review_page_get_store:
 *
 * Returns: (nullable) (transfer none): the store, %NULL while locked
 */
WbStore *
wb_review_page_get_store (WbReviewPage *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_PAGE (self), NULL);

  return self->store;
}

/**
 * wb_review_page_set_store:
 * @store: (nullable): the unlocked vault's store, or %NULL to forget all
 *
 * Loads the overdue signals off the main thread.
 */
void
wb_review_page_set_store (WbReviewPage *self,
                          WbStore      *store)
{
  g_return_if_fail (WB_IS_REVIEW_PAGE (self));
  g_return_if_fail (!store || WB_IS_STORE (store));

  if (self->store == store)
    return;

  /* Results of a vault that is gone must not arrive in a new one. */
  wb_ui_jobs_cancel (&self->jobs);

  g_set_object (&self->store, store);
  wb_review_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
wb_review_page_get_today (WbReviewPage *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_PAGE (self), NULL);

  return self->today;
}

void
wb_review_page_set_today (WbReviewPage *self,
                          const char   *today)
{
  g_return_if_fail (WB_IS_REVIEW_PAGE (self));

  if (g_strcmp0 (self->today, today) == 0)
    return;

  g_free (self->today);
  self->today = g_strdup (today);
  wb_review_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

gboolean
wb_review_page_get_loading (WbReviewPage *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_PAGE (self), FALSE);

  return wb_ui_jobs_is_busy (&self->jobs);
}

/**
 * wb_review_page_get_n_items:
 *
 * Returns: how many overdue signals are listed
 */
guint
wb_review_page_get_n_items (WbReviewPage *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_PAGE (self), 0);

  return self->signals != NULL ? self->signals->len : 0;
}
