/* wb-ladder-view.c — a signal's level and its decisions as a timeline
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-ladder-view"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-ladder-view.h"

struct _WbLadderView
{
  AdwBin      parent_instance;

  guint       n_decisions;

  AdwActionRow *level_row;
  GtkWidget    *empty_label;
  GtkListBox   *timeline;
};

G_DEFINE_FINAL_TYPE (WbLadderView, wb_ladder_view, ADW_TYPE_BIN)

char *
wb_ladder_dup_level_title (int level)
{
  if (!wb_ladder_is_valid_level (level))
    return g_strdup ("");

  /* Translators: "Level 3 — Local intervention" */
  return g_strdup_printf (_("Level %d — %s"), level, wb_ladder_level_get_name (level));
}

static void
add_text_row (AdwExpanderRow *expander,
              const char     *title,
              const char     *text)
{
  GtkWidget *row;

  if (text == NULL || *text == '\0')
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Justifications are long: show them whole. */
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_expander_row_add_row (expander, row);
}

static GtkWidget *
create_decision_row (const WbDecision *decision)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GString) instruments = g_string_new (NULL);
  const char *kind = wb_enum_get_label (WB_TYPE_DECISION_KIND, decision->kind);
  GtkWidget *row;

  if (decision->kind == WB_DECISION_CLOSE)
    /* Translators: a closing decision on the timeline, at "Level 2" */
    title = g_strdup_printf (_("Closed at level %d"), decision->from_level);
  else if (decision->kind == WB_DECISION_PROPOSE)
    /* Translators: levels 5–7 are proposed by a municipality */
    title = g_strdup_printf (_("Proposal: level %d → %d"), decision->from_level, decision->to_level);
  else
    /* Translators: "Escalate: level 1 → 3" */
    title = g_strdup_printf (_("%s: level %d → %d"), kind, decision->from_level, decision->to_level);

  if (g_date_valid (&decision->date))
    date = wb_date_format_iso (&decision->date);
  subtitle = g_strdup_printf ("%s · %s", date ? date : "", decision->deciding_role ? decision->deciding_role : "");

  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_set_name (row, "decision-row");

  if (decision->kind == WB_DECISION_PROPOSE)
    {
      GtkWidget *badge = gtk_label_new (_("Proposal"));

      gtk_widget_add_css_class (badge, "wb-badge");
      gtk_widget_add_css_class (badge, "wb-proposal");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), badge);
    }

  for (guint i = 0; decision->instruments != NULL && decision->instruments[i] != NULL; i++)
    {
      const char *label = wb_ladder_instrument_get_label (decision->instruments[i]);

      if (instruments->len > 0)
        g_string_append (instruments, "\n");
      g_string_append (instruments, label ? label : decision->instruments[i]);
    }

  add_text_row (ADW_EXPANDER_ROW (row), _("Facts"), decision->facts);
  add_text_row (ADW_EXPANDER_ROW (row), _("Assessment"), decision->assessment);
  add_text_row (ADW_EXPANDER_ROW (row), _("Decision"), decision->decision);
  add_text_row (ADW_EXPANDER_ROW (row), _("Instruments"), instruments->str);
  add_text_row (ADW_EXPANDER_ROW (row), _("Reason for skipping levels"), decision->skip_reason);
  add_text_row (ADW_EXPANDER_ROW (row), _("Outcome"), decision->outcome);
  add_text_row (ADW_EXPANDER_ROW (row), _("Measures taken"), decision->measures);

  return row;
}

static void
wb_ladder_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_LADDER_VIEW);

  G_OBJECT_CLASS (wb_ladder_view_parent_class)->dispose (object);
}

static void
wb_ladder_view_class_init (WbLadderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_ladder_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-ladder-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WbLadderView, level_row);
  gtk_widget_class_bind_template_child (widget_class, WbLadderView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, WbLadderView, timeline);
}

static void
wb_ladder_view_init (WbLadderView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->timeline), FALSE);
}

GtkWidget *
wb_ladder_view_new (void)
{
  return g_object_new (WB_TYPE_LADDER_VIEW, NULL);
}

void
wb_ladder_view_set_level (WbLadderView *self,
                          int           level)
{
  g_autofree char *title = NULL;

  g_return_if_fail (WB_IS_LADDER_VIEW (self));

  title = wb_ladder_dup_level_title (level);
  adw_action_row_set_subtitle (self->level_row, title);
}

void
wb_ladder_view_set_decisions (WbLadderView *self,
                              GPtrArray    *decisions)
{
  GtkWidget *child;

  g_return_if_fail (WB_IS_LADDER_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline))) != NULL)
    gtk_list_box_remove (self->timeline, child);

  self->n_decisions = decisions != NULL ? decisions->len : 0;

  /* Newest first: the latest decision explains the current level. */
  for (guint i = self->n_decisions; i > 0; i--)
    gtk_list_box_append (self->timeline,
                         create_decision_row (g_ptr_array_index (decisions, i - 1)));

  gtk_widget_set_visible (GTK_WIDGET (self->timeline), self->n_decisions > 0);
  gtk_widget_set_visible (self->empty_label, self->n_decisions == 0);
}

guint
wb_ladder_view_get_n_decisions (WbLadderView *self)
{
  g_return_val_if_fail (WB_IS_LADDER_VIEW (self), 0);

  return self->n_decisions;
}
