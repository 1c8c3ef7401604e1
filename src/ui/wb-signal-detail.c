/* wb-signal-detail.c — every field of one signal, and its ladder
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-signal-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-attachments-group.h"
#include "wb-cases-page.h"
#include "wb-ladder-view.h"
#include "wb-links-group.h"
#include "wb-provenance-group.h"
#include "wb-signal-detail.h"
#include "wb-ui-format.h"

struct _WbSignalDetail
{
  AdwBin        parent_instance;

  WbSignal     *signal;
  WbStore      *store;
  /* The store followed from an ancestor that has one (the list page),
   * when nobody set it explicitly. */
  GBinding     *store_binding;

  GtkLabel           *title_label;
  GtkBox             *groups;
  WbAttachmentsGroup *attachments_group;
  WbLinksGroup       *links_group;
  AdwPreferencesGroup *cases_group;
  GPtrArray          *case_rows;
  GCancellable       *cases_cancellable;
  WbStore            *cases_store;
  char               *cases_uuid;
  WbLadderView       *ladder_view;
  /* Where an imported signal came from (issue #6); a weak pointer. */
  GtkWidget          *provenance_group;
};

G_DEFINE_FINAL_TYPE (WbSignalDetail, wb_signal_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  ADD_TOAST,
  CASES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Toasts go up to whoever listens; inside the main window, whose pages do
 * not forward ours, to the nearest toast overlay. */
static void
forward_toast_cb (WbSignalDetail *self,
                  AdwToast       *toast)
{
  GtkWidget *overlay;

  if (g_signal_has_handler_pending (self, signals[ADD_TOAST], 0, FALSE))
    {
      g_signal_emit (self, signals[ADD_TOAST], 0, toast);
      return;
    }

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
}

/* The cases this signal is in.  The core has no "cases of a signal"
 * query; a vault has few cases, so this walks them in a worker. */
static gpointer
signal_cases_job (WbStore       *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GPtrArray) cases = wb_records_list_cases (store, error);
  g_autoptr(GPtrArray) names = NULL;

  if (cases == NULL)
    return NULL;

  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < cases->len; i++)
    {
      const WbCase *kase = g_ptr_array_index (cases, i);
      g_auto(GStrv) members = NULL;

      if (kase->n_signals == 0)
        continue;
      members = wb_records_dup_case_signals (store, kase->uuid, error);
      if (members == NULL)
        return NULL;
      if (g_strv_contains ((const char * const *) members, data))
        g_ptr_array_add (names, g_strdup (kase->name));
    }

  return g_steal_pointer (&names);
}

static void
clear_case_rows (WbSignalDetail *self)
{
  if (self->case_rows == NULL)
    return;

  wb_ui_group_clear_rows (self->cases_group, self->case_rows, NULL);
}

static void
signal_cases_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WbSignalDetail) self = user_data;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;

  names = wb_records_run_finish (result, &error);
  if (names == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not load the signal's cases: %s", error->message);
      return;
    }

  clear_case_rows (self);
  for (guint i = 0; i < names->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      gtk_widget_set_name (row, "signal-case-row");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (names, i));
      adw_preferences_group_add (self->cases_group, row);
      g_ptr_array_add (self->case_rows, row);
    }
  if (names->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      gtk_widget_set_name (row, "signal-cases-empty-row");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not in a case"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->cases_group, row);
      g_ptr_array_add (self->case_rows, row);
    }
}

static void
reload_cases (WbSignalDetail *self)
{
  if (self->cases_cancellable != NULL)
    g_cancellable_cancel (self->cases_cancellable);
  g_clear_object (&self->cases_cancellable);
  clear_case_rows (self);

  if (self->cases_store == NULL || self->cases_uuid == NULL)
    return;

  self->cases_cancellable = g_cancellable_new ();
  wb_records_run_async (self->cases_store, signal_cases_job, g_strdup (self->cases_uuid), g_free,
                        (GDestroyNotify) g_ptr_array_unref, self->cases_cancellable,
                        signal_cases_cb, g_object_ref (self));
}

static void
wb_signal_detail_real_cases_changed (WbSignalDetail *self)
{
  reload_cases (self);
}

static void
update_relations (WbSignalDetail *self)
{
  const char *uuid = self->signal != NULL ? wb_signal_get_uuid (self->signal) : NULL;
  WbStore *store = uuid != NULL ? self->store : NULL;

  wb_attachments_group_set_signal (self->attachments_group, store, uuid);
  wb_links_group_set_signal (self->links_group, store, uuid);
  if (self->provenance_group != NULL)
    wb_provenance_group_set_signal (WB_PROVENANCE_GROUP (self->provenance_group), store, uuid);
  gtk_widget_set_visible (GTK_WIDGET (self->attachments_group), store != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->links_group), store != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->cases_group), store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.add-to-case", store != NULL);

  if (self->cases_store != store || g_strcmp0 (self->cases_uuid, uuid) != 0)
    {
      g_set_object (&self->cases_store, store);
      g_free (self->cases_uuid);
      self->cases_uuid = g_strdup (uuid);
      reload_cases (self);
    }
}

static GtkWidget *
add_group (WbSignalDetail *self,
           const char     *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->groups, group);
  return group;
}

/* Record content is shown as plain text, never as markup. */
static void
add_row (GtkWidget  *group,
         const char *title,
         const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static char *
join_strv (const char * const *strv)
{
  if (strv == NULL || strv[0] == NULL)
    return NULL;

  return g_strjoinv (", ", (char **) strv);
}

static void
clear_groups (WbSignalDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups))) != NULL)
    gtk_box_remove (self->groups, child);
}

static void
rebuild (WbSignalDetail *self)
{
  WbSignal *s = self->signal;
  GtkWidget *group;
  g_autofree char *categories = NULL;
  g_autofree char *occurred = NULL;
  g_autofree char *place = NULL;
  g_autofree char *tlp = NULL;
  g_autofree char *attribution = NULL;
  g_autofree char *community = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *handles = NULL;
  g_autofree char *recorded = NULL;
  g_autofree char *review = NULL;
  g_autoptr(GString) persons = g_string_new (NULL);
  GPtrArray *list;

  clear_groups (self);

  if (s == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      wb_ladder_view_set_decisions (self->ladder_view, NULL);
      return;
    }

  gtk_label_set_text (self->title_label, wb_signal_get_summary (s));

  categories = wb_ui_format_categories (s);
  occurred = wb_ui_format_occurred (s);
  if (wb_signal_get_neighbourhood (s) != NULL)
    place = g_strdup_printf ("%s, %s", wb_signal_get_municipality (s), wb_signal_get_neighbourhood (s));
  else
    place = g_strdup (wb_signal_get_municipality (s));

  group = add_group (self, _("Signal"));
  add_row (group, _("Categories"), categories);
  add_row (group, _("Description"), wb_signal_get_description (s));
  add_row (group, _("Occurred"), occurred);
  add_row (group, _("Date precision"), wb_enum_get_label (WB_TYPE_PRECISION, wb_signal_get_occurred_precision (s)));
  add_row (group, _("Municipality"), place);
  add_row (group, _("Channel"), wb_enum_get_label (WB_TYPE_CHANNEL, wb_signal_get_channel (s)));

  group = add_group (self, _("Source"));
  add_row (group, _("Source type"), wb_enum_get_label (WB_TYPE_SOURCE_TYPE, wb_signal_get_source_type (s)));
  add_row (group, _("Source reliability"), wb_enum_get_label (WB_TYPE_RELIABILITY, wb_signal_get_reliability (s)));
  add_row (group, _("Information credibility"), wb_enum_get_label (WB_TYPE_CREDIBILITY, wb_signal_get_credibility (s)));

  tlp = g_strdup_printf ("%s — %s", wb_enum_get_label (WB_TYPE_TLP, wb_signal_get_tlp (s)),
                         wb_tlp_get_description (wb_signal_get_tlp (s)));
  /* Translators: attribution and its confidence, "State actor (confidence: Low)" */
  attribution = g_strdup_printf (_("%s (confidence: %s)"),
                                 wb_enum_get_label (WB_TYPE_ATTRIBUTION, wb_signal_get_attribution (s)),
                                 wb_enum_get_label (WB_TYPE_CONFIDENCE, wb_signal_get_attribution_confidence (s)));
  group = add_group (self, _("Handling"));
  add_row (group, _("TLP"), tlp);
  add_row (group, _("Attribution"), attribution);
  add_row (group, _("Actor country"), wb_signal_get_actor_country (s));

  community = wb_ui_format_community (wb_signal_get_community_context (s));
  list = wb_signal_get_persons (s);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const WbPerson *person = g_ptr_array_index (list, i);

      if (persons->len > 0)
        g_string_append_c (persons, '\n');
      /* Pseudonyms only: identities never leave the vault's own table. */
      g_string_append_printf (persons, "%s — %s", person->pseudonym,
                              wb_enum_get_label (WB_TYPE_PERSON_ROLE, person->role));
    }
  tags = join_strv (wb_signal_get_tags (s));
  handles = join_strv (wb_signal_get_handles (s));
  group = add_group (self, _("Community and Persons"));
  add_row (group, _("Community context"), community);
  add_row (group, _("Community note"), wb_signal_get_community_note (s));
  add_row (group, _("Persons (pseudonyms)"), persons->str);
  add_row (group, _("Tags"), tags);
  add_row (group, _("Account handles"), handles);

  group = add_group (self, _("Follow-up"));
  add_row (group, _("Referral made"), wb_signal_get_referral_made (s) ? _("Yes") : _("No"));
  add_row (group, _("Criminal complaint"), wb_enum_get_label (WB_TYPE_AANGIFTE, wb_signal_get_aangifte (s)));
  add_row (group, _("Victim consents to sharing"), wb_signal_get_consent_to_share (s) ? _("Yes") : _("No"));
  add_row (group, _("Impact"), wb_signal_get_impact (s));
  add_row (group, _("Protective measures"), wb_signal_get_protective_measures (s));

  /* Translators: "Municipality of Utrecht, liaison officer" */
  recorded = g_strdup_printf (_("%s, %s"), wb_signal_get_organisation (s), wb_signal_get_role (s));
  if (wb_signal_get_legal_hold (s))
    /* Translators: a review date while the signal is on legal hold */
    review = g_strdup_printf (_("%s (legal hold)"), wb_signal_get_review_on (s));
  else if (wb_ui_signal_is_overdue (s, NULL))
    /* Translators: a review date that has passed */
    review = g_strdup_printf (_("%s (overdue)"), wb_signal_get_review_on (s));
  else
    review = g_strdup (wb_signal_get_review_on (s));
  group = add_group (self, _("Record"));
  add_row (group, _("Recorded by"), recorded);
  add_row (group, _("Review date"), review);
  add_row (group, _("Closed on"), wb_signal_get_closed_on (s));

  wb_ladder_view_set_level (self->ladder_view, wb_signal_get_level (s));
}

static void
detail_add_toast (GtkWidget *target,
                  AdwToast  *toast)
{
  forward_toast_cb (WB_SIGNAL_DETAIL (target), toast);
}

static void
add_to_case_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  WbSignalDetail *self = WB_SIGNAL_DETAIL (widget);

  if (self->store == NULL || self->signal == NULL)
    return;

  wb_cases_add_signal_dialog_present (GTK_WIDGET (self), detail_add_toast, self->store,
                                      wb_signal_get_uuid (self->signal));
}

static void
wb_signal_detail_root (GtkWidget *widget)
{
  WbSignalDetail *self = (WbSignalDetail *)widget;

  GTK_WIDGET_CLASS (wb_signal_detail_parent_class)->root (widget);

  if (self->store_binding != NULL || self->store != NULL)
    return;

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (w), "store");

      if (pspec != NULL && pspec->value_type == WB_TYPE_STORE && (pspec->flags & G_PARAM_READABLE))
        {
          self->store_binding = g_object_bind_property (w, "store", self, "store", G_BINDING_SYNC_CREATE);
          /* Gone with the ancestor, whichever goes first. */
          g_object_add_weak_pointer (G_OBJECT (self->store_binding), (gpointer *) &self->store_binding);
          break;
        }
    }
}

static void
wb_signal_detail_unroot (GtkWidget *widget)
{
  WbSignalDetail *self = (WbSignalDetail *)widget;

  if (self->store_binding != NULL)
    {
      GBinding *binding = self->store_binding;

      g_object_remove_weak_pointer (G_OBJECT (binding), (gpointer *) &self->store_binding);
      self->store_binding = NULL;
      g_binding_unbind (binding);
    }

  GTK_WIDGET_CLASS (wb_signal_detail_parent_class)->unroot (widget);
}

static void
wb_signal_detail_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WbSignalDetail *self = WB_SIGNAL_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_signal_detail_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WbSignalDetail *self = WB_SIGNAL_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      wb_signal_detail_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_signal_detail_dispose (GObject *object)
{
  WbSignalDetail *self = (WbSignalDetail *)object;

  if (self->store_binding != NULL)
    {
      GBinding *binding = self->store_binding;

      g_object_remove_weak_pointer (G_OBJECT (binding), (gpointer *) &self->store_binding);
      self->store_binding = NULL;
      g_binding_unbind (binding);
    }
  if (self->cases_cancellable != NULL)
    g_cancellable_cancel (self->cases_cancellable);
  g_clear_object (&self->cases_cancellable);
  g_clear_object (&self->cases_store);
  g_clear_pointer (&self->cases_uuid, g_free);
  g_clear_pointer (&self->case_rows, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->signal);
  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_SIGNAL_DETAIL);

  G_OBJECT_CLASS (wb_signal_detail_parent_class)->dispose (object);
}

static void
wb_signal_detail_class_init (WbSignalDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_signal_detail_dispose;
  object_class->get_property = wb_signal_detail_get_property;
  object_class->set_property = wb_signal_detail_set_property;

  widget_class->root = wb_signal_detail_root;
  widget_class->unroot = wb_signal_detail_unroot;

  /* The store for attachments, links and cases; NULL hides them.  When
   * never set, it follows the nearest ancestor with a "store" property. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         WB_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WbSignalDetail::add-toast:
   * @toast: the toast to show; handlers take their own reference
   *
   * Without a handler, toasts go to the nearest #AdwToastOverlay.
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  /**
   * WbSignalDetail::cases-changed:
   *
   * Emitted (by "Add to case…" and its Undo) when the signal's cases
   * changed; reloads them.
   */
  signals[CASES_CHANGED] =
    g_signal_new_class_handler ("cases-changed",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (wb_signal_detail_real_cases_changed),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-signal-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, WbSignalDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, WbSignalDetail, groups);
  gtk_widget_class_bind_template_child (widget_class, WbSignalDetail, attachments_group);
  gtk_widget_class_bind_template_child (widget_class, WbSignalDetail, links_group);
  gtk_widget_class_bind_template_child (widget_class, WbSignalDetail, cases_group);
  gtk_widget_class_bind_template_child (widget_class, WbSignalDetail, ladder_view);
  gtk_widget_class_bind_template_callback (widget_class, forward_toast_cb);

  gtk_widget_class_install_action (widget_class, "detail.add-to-case", NULL, add_to_case_action);

  g_type_ensure (WB_TYPE_ATTACHMENTS_GROUP);
  g_type_ensure (WB_TYPE_LINKS_GROUP);
  g_type_ensure (WB_TYPE_LADDER_VIEW);
}

static void
wb_signal_detail_init (WbSignalDetail *self)
{
  self->case_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->provenance_group = wb_provenance_group_new ();
  gtk_widget_insert_after (self->provenance_group, gtk_widget_get_parent (GTK_WIDGET (self->links_group)),
                           GTK_WIDGET (self->links_group));
  g_object_add_weak_pointer (G_OBJECT (self->provenance_group), (gpointer *) &self->provenance_group);
  update_relations (self);
}

/**
 * wb_signal_detail_get_store:
 *
 * Returns: (nullable) (transfer none): the store
 */
WbStore *
wb_signal_detail_get_store (WbSignalDetail *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL_DETAIL (self), NULL);

  return self->store;
}

void
wb_signal_detail_set_store (WbSignalDetail *self,
                            WbStore        *store)
{
  g_return_if_fail (WB_IS_SIGNAL_DETAIL (self));
  g_return_if_fail (!store || WB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  update_relations (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * wb_signal_detail_get_signal:
 *
 * Returns: (nullable) (transfer none): the signal shown
 */
WbSignal *
wb_signal_detail_get_signal (WbSignalDetail *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL_DETAIL (self), NULL);

  return self->signal;
}

void
wb_signal_detail_set_signal (WbSignalDetail *self,
                             WbSignal       *signal)
{
  g_return_if_fail (WB_IS_SIGNAL_DETAIL (self));
  g_return_if_fail (!signal || WB_IS_SIGNAL (signal));

  g_set_object (&self->signal, signal);
  wb_ladder_view_set_decisions (self->ladder_view, NULL);
  rebuild (self);
  update_relations (self);
}

void
wb_signal_detail_set_decisions (WbSignalDetail *self,
                                GPtrArray      *decisions)
{
  g_return_if_fail (WB_IS_SIGNAL_DETAIL (self));

  wb_ladder_view_set_decisions (self->ladder_view, decisions);
}

/**
 * wb_signal_detail_get_attachments_group:
 *
 * Returns: (transfer none): the attachments section
 */
WbAttachmentsGroup *
wb_signal_detail_get_attachments_group (WbSignalDetail *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL_DETAIL (self), NULL);

  return self->attachments_group;
}

/**
 * wb_signal_detail_get_links_group:
 *
 * Returns: (transfer none): the links section
 */
WbLinksGroup *
wb_signal_detail_get_links_group (WbSignalDetail *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL_DETAIL (self), NULL);

  return self->links_group;
}
