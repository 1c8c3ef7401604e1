/* wb-escalation-dialog.c — move a signal up or down the ladder, with reasons
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-escalation-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-escalation-dialog.h"
#include "wb-ladder-view.h"
#include "wb-ui-errors.h"

/* The "close" choice of a de-escalation, in the levels list. */
#define CLOSE_CHOICE 0

struct _WbEscalationDialog
{
  AdwWindow            parent_instance;

  WbStore             *store;
  WbSignal            *signal;
  gboolean             escalate;
  gboolean             busy;
  WbActorKind          vault_kind;
  GArray              *choices;       /* int: level, or CLOSE_CHOICE */
  GPtrArray           *instrument_checks;
  GCancellable        *cancellable;

  AdwWindowTitle      *window_title;
  GtkButton           *record_button;
  GtkSpinner          *spinner;
  GtkLabel            *error_label;
  AdwPreferencesPage  *page;
  AdwComboRow         *level_row;
  AdwEntryRow         *skip_row;
  AdwEntryRow         *role_row;
  GtkWidget           *proposal_label;
  AdwPreferencesGroup *justification_group;
  AdwPreferencesGroup *instruments_group;
  GtkWidget           *outcome_group;
  AdwEntryRow         *outcome_row;
  AdwEntryRow         *measures_row;
  GtkTextView         *facts_view;
  GtkTextView         *assessment_view;
  GtkTextView         *decision_view;
  GtkWidget           *instruments_holder;
  GtkWidget           *instruments_box;
  AdwEntryRow         *other_row;
};

G_DEFINE_FINAL_TYPE (WbEscalationDialog, wb_escalation_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SIGNAL,
  PROP_ESCALATE,
  N_PROPS
};

enum {
  DECIDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkTextView *
add_text_area (WbEscalationDialog *self,
               const char         *name,
               const char         *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_widget_set_margin_top (box, 12);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_name (view, name);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  adw_preferences_group_add (self->justification_group, box);

  return GTK_TEXT_VIEW (view);
}

static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static char *
dup_entry (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static int
selected_choice (WbEscalationDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->level_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->choices->len)
    return -1;

  return g_array_index (self->choices, int, selected);
}

static void
set_error (WbEscalationDialog *self,
           const char         *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
rebuild_instruments (WbEscalationDialog *self,
                     int                 level)
{
  g_auto(GStrv) ids = NULL;

  g_ptr_array_set_size (self->instrument_checks, 0);
  if (self->instruments_box != NULL)
    gtk_box_remove (GTK_BOX (self->instruments_holder), self->instruments_box);

  self->instruments_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->instruments_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->instruments_box, "boxed-list");
  gtk_widget_set_margin_bottom (self->instruments_box, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->instruments_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Typical instruments"), -1);

  ids = wb_ladder_dup_default_instruments (level);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *label = wb_ladder_instrument_get_label (ids[i]);
      g_autofree char *name = g_strdup_printf ("instrument-%s", ids[i]);

      gtk_widget_set_name (check, name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label ? label : ids[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label ? label : ids[i], -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (check), "id", g_strdup (ids[i]), g_free);
      gtk_list_box_append (GTK_LIST_BOX (self->instruments_box), row);
      g_ptr_array_add (self->instrument_checks, check);
    }

  gtk_box_append (GTK_BOX (self->instruments_holder), self->instruments_box);
}

static void
level_changed_cb (WbEscalationDialog *self)
{
  int choice = selected_choice (self);
  int current = wb_signal_get_level (self->signal);
  int target = choice == CLOSE_CHOICE ? current : choice;
  gboolean proposal;

  if (choice < 0)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->skip_row), self->escalate && target - current > 1);
  gtk_widget_set_visible (self->outcome_group, !self->escalate);

  proposal = self->escalate
             && wb_ladder_default_kind (current, target, self->vault_kind) == WB_DECISION_PROPOSE;
  gtk_widget_set_visible (self->proposal_label, proposal);

  if (!self->escalate)
    gtk_button_set_label (self->record_button, choice == CLOSE_CHOICE ? _("C_lose Signal") : _("_De-escalate"));
  else
    gtk_button_set_label (self->record_button, proposal ? _("_Propose") : _("E_scalate"));

  rebuild_instruments (self, target);
  set_error (self, NULL);
}

WbDecision *
wb_escalation_dialog_dup_decision (WbEscalationDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GStrvBuilder) instruments = g_strv_builder_new ();
  g_autofree char *other = NULL;
  WbDecision *decision;
  GDate today;
  int current, choice, target;
  WbDecisionKind kind;

  g_return_val_if_fail (WB_IS_ESCALATION_DIALOG (self), NULL);

  current = wb_signal_get_level (self->signal);
  choice = selected_choice (self);
  target = choice <= 0 ? current : choice;

  if (choice == CLOSE_CHOICE && !self->escalate)
    kind = WB_DECISION_CLOSE;
  else
    kind = wb_ladder_default_kind (current, target, self->vault_kind);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));

  decision = wb_decision_new (kind, current, target, &today);
  decision->deciding_role = dup_entry (self->role_row);
  decision->facts = dup_text (self->facts_view);
  decision->assessment = dup_text (self->assessment_view);
  decision->decision = dup_text (self->decision_view);
  if (gtk_widget_get_visible (GTK_WIDGET (self->skip_row)))
    decision->skip_reason = dup_entry (self->skip_row);
  if (!self->escalate)
    {
      decision->outcome = dup_entry (self->outcome_row);
      decision->measures = dup_entry (self->measures_row);
    }

  for (guint i = 0; i < self->instrument_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->instrument_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (instruments, g_object_get_data (G_OBJECT (check), "id"));
    }
  other = dup_entry (self->other_row);
  if (other != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (other, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i] != '\0')
            g_strv_builder_add (instruments, parts[i]);
        }
    }
  decision->instruments = g_strv_builder_end (instruments);

  return decision;
}

static void
set_busy (WbEscalationDialog *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "decision.record", !busy);
}

static void
record_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WbEscalationDialog) self = user_data;
  g_autoptr(WbSignal) after = NULL;
  g_autoptr(GError) error = NULL;

  after = wb_records_record_decision_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (after == NULL)
    {
      g_autofree char *message = wb_ui_describe_error (error);

      set_error (self, message);
      return;
    }

  g_signal_emit (self, signals[DECIDED], 0, after);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  WbEscalationDialog *self = WB_ESCALATION_DIALOG (widget);
  g_autoptr(WbDecision) decision = NULL;
  g_autoptr(GError) error = NULL;

  if (self->busy)
    return;

  decision = wb_escalation_dialog_dup_decision (self);

  /* The ladder's own rules, checked before anything is written; the store
   * checks them again inside its transaction. */
  if (!wb_ladder_check_transition (wb_signal_get_level (self->signal), decision,
                                   self->vault_kind, &error))
    {
      set_error (self, error->message);
      return;
    }

  set_error (self, NULL);
  set_busy (self, TRUE);
  wb_records_record_decision_async (self->store, wb_signal_get_uuid (self->signal), decision,
                                    self->cancellable, record_done_cb, g_object_ref (self));
}

static void
fill_levels (WbEscalationDialog *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  int current = wb_signal_get_level (self->signal);

  g_array_set_size (self->choices, 0);

  if (self->escalate)
    {
      for (int level = current + 1; level <= WB_LADDER_MAX_LEVEL; level++)
        {
          g_autofree char *title = wb_ladder_dup_level_title (level);

          gtk_string_list_append (model, title);
          g_array_append_val (self->choices, level);
        }
    }
  else
    {
      int close = CLOSE_CHOICE;

      for (int level = current - 1; level >= WB_LADDER_MIN_LEVEL; level--)
        {
          g_autofree char *title = wb_ladder_dup_level_title (level);

          gtk_string_list_append (model, title);
          g_array_append_val (self->choices, level);
        }
      /* Translators: de-escalation choice that ends the follow-up */
      gtk_string_list_append (model, _("Close the signal"));
      g_array_append_val (self->choices, close);
    }

  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (model));
}

static void
load_settings (WbEscalationDialog *self)
{
  g_autofree char *kind = NULL;
  g_autofree char *role = NULL;

  /* Two small settings read on the main thread; held against workers. */
  wb_records_jobs_lock ();
  if (wb_store_is_open (self->store))
    {
      kind = wb_store_dup_setting (self->store, WB_RECORDS_SETTING_VAULT_KIND);
      role = wb_store_dup_setting (self->store, WB_RECORDS_SETTING_ROLE);
    }
  wb_records_jobs_unlock ();

  self->vault_kind = g_strcmp0 (kind, "coordinator") == 0 ? WB_ACTOR_COORDINATOR : WB_ACTOR_MUNICIPALITY;
  gtk_editable_set_text (GTK_EDITABLE (self->role_row), role ? role : "");
}

static void
wb_escalation_dialog_constructed (GObject *object)
{
  WbEscalationDialog *self = (WbEscalationDialog *)object;
  g_autofree char *from = NULL;
  const char *title;
  int suggested;

  G_OBJECT_CLASS (wb_escalation_dialog_parent_class)->constructed (object);

  load_settings (self);

  title = self->escalate ? _("Escalate Signal") : _("De-escalate Signal");
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  from = wb_ladder_dup_level_title (wb_signal_get_level (self->signal));
  /* Translators: subtitle of the escalation dialog, "Now at Level 2 — …" */
  {
    g_autofree char *subtitle = g_strdup_printf (_("Now at %s"), from);

    adw_window_title_set_subtitle (self->window_title, subtitle);
  }

  fill_levels (self);

  /* Offer the ladder's suggestion: one up, or straight to 4 for danger to life. */
  suggested = wb_ladder_suggest_next_level (self->signal);
  if (!self->escalate || !wb_escalation_dialog_set_to_level (self, suggested))
    adw_combo_row_set_selected (self->level_row, 0);
  level_changed_cb (self);
}

static void
wb_escalation_dialog_dispose (GObject *object)
{
  WbEscalationDialog *self = (WbEscalationDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_ESCALATION_DIALOG);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->signal);

  G_OBJECT_CLASS (wb_escalation_dialog_parent_class)->dispose (object);
}

static void
wb_escalation_dialog_finalize (GObject *object)
{
  WbEscalationDialog *self = (WbEscalationDialog *)object;

  g_clear_pointer (&self->choices, g_array_unref);
  g_clear_pointer (&self->instrument_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (wb_escalation_dialog_parent_class)->finalize (object);
}

static void
wb_escalation_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  WbEscalationDialog *self = WB_ESCALATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SIGNAL:
      g_value_set_object (value, self->signal);
      break;

    case PROP_ESCALATE:
      g_value_set_boolean (value, self->escalate);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_escalation_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  WbEscalationDialog *self = WB_ESCALATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SIGNAL:
      self->signal = wb_signal_copy (g_value_get_object (value));
      break;

    case PROP_ESCALATE:
      self->escalate = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_escalation_dialog_class_init (WbEscalationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wb_escalation_dialog_constructed;
  object_class->dispose = wb_escalation_dialog_dispose;
  object_class->finalize = wb_escalation_dialog_finalize;
  object_class->get_property = wb_escalation_dialog_get_property;
  object_class->set_property = wb_escalation_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         WB_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SIGNAL] =
    g_param_spec_object ("signal", NULL, NULL,
                         WB_TYPE_SIGNAL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ESCALATE] =
    g_param_spec_boolean ("escalate", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WbEscalationDialog::decided:
   * @signal: the signal after the decision
   */
  signals[DECIDED] =
    g_signal_new ("decided",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, WB_TYPE_SIGNAL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-escalation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WbEscalationDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, WbEscalationDialog, record_button);
  gtk_widget_class_bind_template_child (widget_class, WbEscalationDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, WbEscalationDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, WbEscalationDialog, page);
  gtk_widget_class_bind_template_child (widget_class, WbEscalationDialog, level_row);
  gtk_widget_class_bind_template_child (widget_class, WbEscalationDialog, skip_row);
  gtk_widget_class_bind_template_child (widget_class, WbEscalationDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, WbEscalationDialog, proposal_label);
  gtk_widget_class_bind_template_child (widget_class, WbEscalationDialog, justification_group);
  gtk_widget_class_bind_template_child (widget_class, WbEscalationDialog, instruments_group);
  gtk_widget_class_bind_template_child (widget_class, WbEscalationDialog, outcome_group);
  gtk_widget_class_bind_template_child (widget_class, WbEscalationDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, WbEscalationDialog, measures_row);
  gtk_widget_class_bind_template_callback (widget_class, level_changed_cb);

  gtk_widget_class_install_action (widget_class, "decision.record", NULL, record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "decision.record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wb_escalation_dialog_init (WbEscalationDialog *self)
{
  GtkWidget *other_list;

  self->choices = g_array_new (FALSE, FALSE, sizeof (int));
  self->instrument_checks = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->escalate = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->facts_view = add_text_area (self, "decision-facts", _("Facts (beeldvorming)"));
  self->assessment_view = add_text_area (self, "decision-assessment", _("Assessment (oordeelsvorming)"));
  self->decision_view = add_text_area (self, "decision-decision", _("Decision (besluitvorming)"));

  /* The checks change with the level; the free-text row stays last. */
  self->instruments_holder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_preferences_group_add (self->instruments_group, self->instruments_holder);
  other_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (other_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (other_list, "boxed-list");
  adw_preferences_group_add (self->instruments_group, other_list);
  self->other_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->other_row), "decision-other-instruments");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->other_row),
                                 _("Other instruments (separate with commas)"));
  gtk_list_box_append (GTK_LIST_BOX (other_list), GTK_WIDGET (self->other_row));
}

GtkWidget *
wb_escalation_dialog_new (GtkWindow *parent,
                          WbStore   *store,
                          WbSignal  *signal,
                          gboolean   escalate)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (WB_IS_SIGNAL (signal), NULL);

  return g_object_new (WB_TYPE_ESCALATION_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "signal", signal,
                       "escalate", escalate,
                       NULL);
}

int
wb_escalation_dialog_get_to_level (WbEscalationDialog *self)
{
  int choice;

  g_return_val_if_fail (WB_IS_ESCALATION_DIALOG (self), -1);

  choice = selected_choice (self);
  return choice == CLOSE_CHOICE ? wb_signal_get_level (self->signal) : choice;
}

gboolean
wb_escalation_dialog_set_to_level (WbEscalationDialog *self,
                                   int                 level)
{
  g_return_val_if_fail (WB_IS_ESCALATION_DIALOG (self), FALSE);

  for (guint i = 0; i < self->choices->len; i++)
    if (g_array_index (self->choices, int, i) == level)
      {
        adw_combo_row_set_selected (self->level_row, i);
        return TRUE;
      }

  return FALSE;
}
