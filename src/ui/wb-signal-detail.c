/* wb-signal-detail.c — every field of one signal, and its ladder
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-signal-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-ladder-view.h"
#include "wb-signal-detail.h"
#include "wb-ui-format.h"

struct _WbSignalDetail
{
  AdwBin        parent_instance;

  WbSignal     *signal;

  GtkLabel     *title_label;
  GtkBox       *groups;
  WbLadderView *ladder_view;
};

G_DEFINE_FINAL_TYPE (WbSignalDetail, wb_signal_detail, ADW_TYPE_BIN)

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
wb_signal_detail_dispose (GObject *object)
{
  WbSignalDetail *self = (WbSignalDetail *)object;

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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-signal-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, WbSignalDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, WbSignalDetail, groups);
  gtk_widget_class_bind_template_child (widget_class, WbSignalDetail, ladder_view);

  g_type_ensure (WB_TYPE_LADDER_VIEW);
}

static void
wb_signal_detail_init (WbSignalDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
}

void
wb_signal_detail_set_decisions (WbSignalDetail *self,
                                GPtrArray      *decisions)
{
  g_return_if_fail (WB_IS_SIGNAL_DETAIL (self));

  wb_ladder_view_set_decisions (self->ladder_view, decisions);
}
