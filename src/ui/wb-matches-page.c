/* wb-matches-page.c — the same actor seen by several municipalities (issue #7)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists what wb_matches_list() finds: keyed tokens reported by two or
 * more senders, with where and when.  No identifier is ever shown,
 * because none ever reaches this vault.
 */

#define G_LOG_DOMAIN "wb-matches-page"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-exchange-ui.h"
#include "wb-matches-page.h"
#include "wb-ui-jobs.h"

struct _WbMatchesPage
{
  AdwBin         parent_instance;

  WbStore       *store;
  WbUiJobs       jobs;
  GPtrArray     *matches;   /* WbMatch */

  GtkStack      *stack;
  AdwStatusPage *empty_page;
  GtkListBox    *list_box;
};

G_DEFINE_FINAL_TYPE (WbMatchesPage, wb_matches_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  GPtrArray *matches;
  gboolean   coordinator;
} State;

static void
state_free (State *state)
{
  g_clear_pointer (&state->matches, g_ptr_array_unref);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (State, state_free)

static gpointer
list_job (WbStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(State) state = g_new0 (State, 1);
  g_autofree char *kind = wb_store_dup_setting (store, WB_RECORDS_SETTING_VAULT_KIND);

  state->coordinator = g_strcmp0 (kind, "coordinator") == 0;
  state->matches = wb_matches_list (store, error);
  if (state->matches == NULL)
    return NULL;
  return g_steal_pointer (&state);
}

typedef struct
{
  char *name;
  char *token;
} CaseJob;

static void
case_job_free (CaseJob *job)
{
  g_free (job->name);
  g_free (job->token);
  g_free (job);
}

static gpointer
create_case_job (WbStore       *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  CaseJob *job = data;
  const char *tokens[] = { job->token, NULL };
  g_autofree char *uuid = wb_matches_create_case (store, job->name, tokens, NULL, error);

  if (uuid == NULL)
    return NULL;
  return g_strdup (job->name);
}

static const char *
kind_label (WbMatchKind kind)
{
  switch (kind)
    {
    case WB_MATCH_HANDLE:
      return _("Account handle");
    case WB_MATCH_ORGANISATION:
      return _("Organisation");
    case WB_MATCH_PERSON:
      return _("Person (pseudonymised)");
    default:
      return "";
    }
}

static void case_clicked_cb (GtkButton *button, WbMatchesPage *self);

static GtkWidget *
create_row (WbMatchesPage *self,
            const WbMatch *m)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("folder-new-symbolic");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *short_token = g_strndup (m->token, 8);

  /* Translators: "Account handle · 3 municipalities" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u sender", "%s · %u senders", m->n_senders),
                           kind_label (m->kind), m->n_senders);
  /* Translators: first and last date of occurrence, then a short token */
  subtitle = g_strdup_printf (_("From %s to %s · token %s"),
                              m->first_seen != NULL ? m->first_seen : "?",
                              m->last_seen != NULL ? m->last_seen : "?",
                              short_token);
  gtk_widget_set_name (row, "match-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  /* A campaign across municipalities becomes a case of its own. */
  gtk_widget_set_name (button, "match-create-case");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Make a Case of This Match…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Make a case of this match"),
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "token", g_strdup (m->token), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (case_clicked_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

  for (guint i = 0; m->sightings != NULL && i < m->sightings->len; i++)
    {
      const WbMatchSighting *s = g_ptr_array_index (m->sightings, i);
      GtkWidget *sighting = adw_action_row_new ();
      g_autofree char *where = NULL;

      /* Translators: "Utrecht · 2026-03-01" */
      where = g_strdup_printf (_("%s · %s"), s->municipality != NULL ? s->municipality : "",
                               s->occurred_on != NULL ? s->occurred_on : "");
      gtk_widget_set_name (sighting, "match-sighting");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (sighting), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (sighting), s->sender != NULL ? s->sender : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (sighting), where);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), sighting);
    }
  return row;
}

static void
show_state (WbMatchesPage *self,
            State         *state)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_clear_pointer (&self->matches, g_ptr_array_unref);

  if (state != NULL)
    {
      self->matches = g_ptr_array_ref (state->matches);
      for (guint i = 0; i < state->matches->len; i++)
        gtk_list_box_append (self->list_box, create_row (self, g_ptr_array_index (state->matches, i)));
    }
  adw_status_page_set_description (self->empty_page,
                                   state != NULL && !state->coordinator
                                   ? _("Matches across municipalities are found in the national coordinator’s vault, from the bundles of many municipalities.")
                                   : _("Matches appear when two or more municipalities report the same account handle, organisation or person. A municipality adds match tokens to its bundles once it has your match key, which travels in every bundle you send it."));
  gtk_stack_set_visible_child_name (self->stack,
                                    self->matches != NULL && self->matches->len > 0 ? "list" : "empty");
}

static void
list_done (gpointer owner,
           gpointer result,
           gpointer user_data)
{
  if (result != NULL)
    show_state (WB_MATCHES_PAGE (owner), result);
}

static void
case_done (gpointer owner,
           gpointer result,
           gpointer user_data)
{
  const char *name = result;
  g_autofree char *text = NULL;
  g_autoptr(AdwToast) t = NULL;

  if (name == NULL)
    return;
  /* Translators: toast; %s is the name of the new case */
  text = g_strdup_printf (_("Case “%s” made; find it under Cases"), name);
  t = wb_ui_toast_new (text);
  g_signal_emit (owner, signals[ADD_TOAST], 0, t);
}

void
wb_matches_page_create_case (WbMatchesPage *self,
                             const char    *token,
                             const char    *name)
{
  CaseJob *job;
  g_autofree char *trimmed = NULL;

  g_return_if_fail (WB_IS_MATCHES_PAGE (self));
  g_return_if_fail (token != NULL);
  g_return_if_fail (name != NULL);

  trimmed = g_strstrip (g_strdup (name));
  if (self->store == NULL || trimmed[0] == '\0')
    return;
  job = g_new0 (CaseJob, 1);
  job->name = g_steal_pointer (&trimmed);
  job->token = g_strdup (token);
  wb_ui_jobs_run (&self->jobs, self->store, create_case_job, job, (GDestroyNotify) case_job_free,
                  g_free, wb_ui_jobs_get_cancellable (&self->jobs), case_done, NULL, NULL);
}

static void
case_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  WbMatchesPage    *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  const char *token = g_object_get_data (G_OBJECT (dialog), "token");

  if (g_strcmp0 (response, "create") == 0 && entry != NULL && token != NULL)
    wb_matches_page_create_case (self, token, gtk_editable_get_text (entry));
}

static void
case_name_changed_cb (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "create", name[0] != '\0');
}

static void
case_clicked_cb (GtkButton     *button,
                 WbMatchesPage *self)
{
  const char *token = g_object_get_data (G_OBJECT (button), "token");
  GtkWindow *window = wb_exchange_ui_get_window (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = adw_message_dialog_new (window, _("Make a Case?"),
                                   _("The signals of every municipality in this match go into one new case, for example a campaign."));
  gtk_widget_set_name (dialog, "match-case-dialog");
  gtk_widget_set_name (entry, "match-case-name");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name of the case"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the case"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("_Make Case"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "token", g_strdup (token), g_free);
  g_signal_connect_object (entry, "changed", G_CALLBACK (case_name_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (case_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
wb_matches_page_reload (WbMatchesPage *self)
{
  g_return_if_fail (WB_IS_MATCHES_PAGE (self));

  if (self->store == NULL)
    {
      show_state (self, NULL);
      return;
    }
  wb_ui_jobs_run (&self->jobs, self->store, list_job, NULL, NULL, (GDestroyNotify) state_free,
                  wb_ui_jobs_get_cancellable (&self->jobs), list_done, NULL, NULL);
}

static void
wb_matches_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (wb_matches_page_parent_class)->constructed (object);

  wb_matches_page_reload (WB_MATCHES_PAGE (object));
}

static void
wb_matches_page_dispose (GObject *object)
{
  WbMatchesPage *self = (WbMatchesPage *)object;

  wb_ui_jobs_cancel (&self->jobs);
  g_clear_object (&self->store);
  g_clear_pointer (&self->matches, g_ptr_array_unref);

  /* AdwBin 1.2 unparents its child again in its own dispose. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_MATCHES_PAGE);

  G_OBJECT_CLASS (wb_matches_page_parent_class)->dispose (object);
}

static void
wb_matches_page_finalize (GObject *object)
{
  WbMatchesPage *self = (WbMatchesPage *)object;

  wb_ui_jobs_clear (&self->jobs);

  G_OBJECT_CLASS (wb_matches_page_parent_class)->finalize (object);
}

static void
wb_matches_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WbMatchesPage *self = WB_MATCHES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, wb_ui_jobs_is_busy (&self->jobs));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_matches_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WbMatchesPage *self = WB_MATCHES_PAGE (object);

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
wb_matches_page_class_init (WbMatchesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wb_matches_page_constructed;
  object_class->dispose = wb_matches_page_dispose;
  object_class->finalize = wb_matches_page_finalize;
  object_class->get_property = wb_matches_page_get_property;
  object_class->set_property = wb_matches_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         WB_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WbMatchesPage::add-toast:
   * @toast: the toast to show; handlers take their own reference
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-matches-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WbMatchesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, WbMatchesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, WbMatchesPage, list_box);
}

static void
wb_matches_page_init (WbMatchesPage *self)
{
  wb_ui_jobs_init (&self->jobs, self, properties[PROP_LOADING], wb_exchange_ui_describe_error);

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wb_matches_page_new (WbStore *store)
{
  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  return g_object_new (WB_TYPE_MATCHES_PAGE, "store", store, NULL);
}

gboolean
wb_matches_page_get_loading (WbMatchesPage *self)
{
  g_return_val_if_fail (WB_IS_MATCHES_PAGE (self), FALSE);

  return wb_ui_jobs_is_busy (&self->jobs);
}

GPtrArray *
wb_matches_page_get_matches (WbMatchesPage *self)
{
  g_return_val_if_fail (WB_IS_MATCHES_PAGE (self), NULL);

  return self->matches;
}
