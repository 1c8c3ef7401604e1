/* wb-signal-editor.c — record a new signal or edit one
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-signal-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-attachments-group.h"
#include "wb-signal-editor.h"
#include "wb-ui-errors.h"
#include "wb-ui-format.h"

#define N_COMMUNITY_FLAGS 6

struct _WbSignalEditor
{
  AdwWindow        parent_instance;

  WbStore         *store;
  WbSignal        *original;
  gboolean         is_new;
  gboolean         saving;
  char            *problem;
  GCancellable    *cancellable;
  GPtrArray       *category_checks;   /* GtkCheckButton, taxonomy order */
  GPtrArray       *community_checks;  /* GtkCheckButton, flag order */
  GPtrArray       *person_rows;       /* AdwEntryRow with "role" dropdown */

  AdwWindowTitle  *window_title;
  GtkWidget       *save_button;
  GtkSpinner      *spinner;
  GtkLabel        *error_label;
  AdwPreferencesPage *page;
  AdwToastOverlay    *toast_overlay;

  AdwEntryRow     *summary_row;
  GtkTextView     *description_view;
  AdwEntryRow     *occurred_row;
  AdwComboRow     *precision_row;
  AdwEntryRow     *municipality_row;
  AdwEntryRow     *neighbourhood_row;
  AdwComboRow     *channel_row;
  AdwComboRow     *source_row;
  AdwComboRow     *reliability_row;
  AdwComboRow     *credibility_row;
  AdwComboRow     *tlp_row;
  AdwComboRow     *attribution_row;
  AdwComboRow     *confidence_row;
  AdwEntryRow     *country_row;
  AdwEntryRow     *community_note_row;
  AdwPreferencesGroup *persons_group;
  AdwEntryRow     *tags_row;
  AdwEntryRow     *handles_row;
  GtkSwitch       *referral_switch;
  AdwComboRow     *aangifte_row;
  GtkSwitch       *consent_switch;
  AdwEntryRow     *impact_row;
  AdwEntryRow     *measures_row;
};

G_DEFINE_FINAL_TYPE (WbSignalEditor, wb_signal_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SIGNAL,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void validate (WbSignalEditor *self);

static void
changed_cb (WbSignalEditor *self)
{
  validate (self);
}

/* ---- building the form ----------------------------------------------- */

static AdwPreferencesGroup *
add_group (WbSignalEditor *self,
           const char     *title,
           const char     *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

static AdwEntryRow *
add_entry (WbSignalEditor      *self,
           AdwPreferencesGroup *group,
           const char          *name,
           const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect_object (row, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
add_combo (WbSignalEditor      *self,
           AdwPreferencesGroup *group,
           const char          *name,
           const char          *title,
           GType                type,
           int                  first,
           int                  last)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = wb_ui_enum_string_list (type, first, last);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

static GtkSwitch *
add_switch (WbSignalEditor      *self,
            AdwPreferencesGroup *group,
            const char          *name,
            const char          *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (sw, name);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  adw_preferences_group_add (group, row);
  return GTK_SWITCH (sw);
}

static GtkWidget *
add_check_row (GtkWidget  *expander,
               const char *name,
               const char *title,
               gpointer    self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_name (check, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  return check;
}

static void
tlp_changed_cb (WbSignalEditor *self)
{
  guint tlp = adw_combo_row_get_selected (self->tlp_row);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->tlp_row), wb_tlp_get_description ((WbTlp) tlp));
}

static void remove_person_cb (GtkButton *button, WbSignalEditor *self);

static AdwEntryRow *
add_person_row (WbSignalEditor *self,
                const char     *pseudonym,
                WbPersonRole    role)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *dropdown;
  GtkWidget *remove;
  g_autoptr(GtkStringList) roles = wb_ui_enum_string_list (WB_TYPE_PERSON_ROLE,
                                                           WB_PERSON_ROLE_TARGET,
                                                           WB_PERSON_ROLE_WITNESS);

  gtk_widget_set_name (row, "person-pseudonym");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Pseudonym"));
  gtk_editable_set_text (GTK_EDITABLE (row), pseudonym ? pseudonym : "");

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (roles)), NULL);
  gtk_widget_set_name (dropdown, "person-role");
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), role);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Role"), -1);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), dropdown);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_name (remove, "person-remove");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Person"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove person"), -1);
  g_object_set_data (G_OBJECT (remove), "row", row);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_person_cb), self, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

  g_object_set_data (G_OBJECT (row), "role", dropdown);
  g_signal_connect_object (row, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->persons_group, row);
  g_ptr_array_add (self->person_rows, row);

  return ADW_ENTRY_ROW (row);
}

static void
remove_person_cb (GtkButton      *button,
                  WbSignalEditor *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");

  g_ptr_array_remove (self->person_rows, row);
  adw_preferences_group_remove (self->persons_group, row);
  validate (self);
}

static void
add_person_clicked_cb (WbSignalEditor *self)
{
  AdwEntryRow *row = add_person_row (self, NULL, WB_PERSON_ROLE_TARGET);

  gtk_widget_grab_focus (GTK_WIDGET (row));
  validate (self);
}

static void
build_form (WbSignalEditor *self)
{
  AdwPreferencesGroup *group;
  GtkWidget *frame, *scrolled, *expander, *button;

  /* What happened */
  group = add_group (self, _("What Happened"),
                     _("Keep it short and minimised: no names, addresses or ID numbers. Use pseudonyms for persons."));
  self->summary_row = add_entry (self, group, "editor-summary", _("Summary"));

  self->description_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_widget_set_name (GTK_WIDGET (self->description_view), "editor-description");
  gtk_text_view_set_wrap_mode (self->description_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->description_view, 8);
  gtk_text_view_set_bottom_margin (self->description_view, 8);
  gtk_text_view_set_left_margin (self->description_view, 8);
  gtk_text_view_set_right_margin (self->description_view, 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->description_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Description"), -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 96);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->description_view));
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  gtk_widget_set_margin_top (frame, 12);
  adw_preferences_group_add (group, frame);

  /* Categories: every code a check, grouped by category. */
  group = add_group (self, _("Categories"), _("Choose every code that applies."));
  expander = NULL;
  for (guint i = 0; i < wb_taxonomy_get_n_codes (); i++)
    {
      const char *code = wb_taxonomy_get_code (i);
      g_autofree char *name = g_strdup_printf ("category-%s", code);
      g_autofree char *title = NULL;
      GtkWidget *check;

      if (wb_taxonomy_is_category (code))
        {
          g_autofree char *heading = g_strdup_printf ("%s %s", code, wb_taxonomy_get_label (code));

          expander = adw_expander_row_new ();
          gtk_widget_set_name (expander, name);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), heading);
          adw_preferences_group_add (group, expander);
          /* Translators: the check for a category as a whole, "A — in general" */
          title = g_strdup_printf (_("%s — in general"), code);
        }
      else
        title = g_strdup_printf ("%s %s", code, wb_taxonomy_get_label (code));

      check = add_check_row (expander, name, title, self);
      g_object_set_data (G_OBJECT (check), "code", (gpointer) code);
      g_object_set_data (G_OBJECT (check), "expander", expander);
      g_ptr_array_add (self->category_checks, check);
    }

  /* When and where */
  group = add_group (self, _("When and Where"), _("Municipality level is enough; never an address."));
  self->occurred_row = add_entry (self, group, "editor-occurred", _("Date (YYYY-MM-DD)"));
  self->precision_row = add_combo (self, group, "editor-precision", _("Date precision"),
                                   WB_TYPE_PRECISION, WB_PRECISION_DAY, WB_PRECISION_ESTIMATE);
  self->municipality_row = add_entry (self, group, "editor-municipality", _("Municipality"));
  self->neighbourhood_row = add_entry (self, group, "editor-neighbourhood", _("Neighbourhood (optional)"));
  self->channel_row = add_combo (self, group, "editor-channel", _("Channel"),
                                 WB_TYPE_CHANNEL, WB_CHANNEL_IN_PERSON, WB_CHANNEL_OTHER);

  /* Source */
  group = add_group (self, _("Source"), _("Grade the source and the information separately (Admiralty scale)."));
  self->source_row = add_combo (self, group, "editor-source-type", _("Source type"),
                                WB_TYPE_SOURCE_TYPE, WB_SOURCE_VICTIM, WB_SOURCE_PARTNER_ORGANISATION);
  self->reliability_row = add_combo (self, group, "editor-reliability", _("Source reliability"),
                                     WB_TYPE_RELIABILITY, WB_RELIABILITY_A, WB_RELIABILITY_F);
  self->credibility_row = add_combo (self, group, "editor-credibility", _("Information credibility"),
                                     WB_TYPE_CREDIBILITY, WB_CREDIBILITY_1, WB_CREDIBILITY_6);

  /* Handling */
  group = add_group (self, _("Handling"), NULL);
  self->tlp_row = add_combo (self, group, "editor-tlp", _("Sharing (TLP)"),
                             WB_TYPE_TLP, WB_TLP_CLEAR, WB_TLP_RED);
  g_signal_connect_object (self->tlp_row, "notify::selected", G_CALLBACK (tlp_changed_cb), self, G_CONNECT_SWAPPED);
  self->attribution_row = add_combo (self, group, "editor-attribution", _("Attribution"),
                                     WB_TYPE_ATTRIBUTION, WB_ATTRIBUTION_STATE_ACTOR, WB_ATTRIBUTION_UNKNOWN);
  self->confidence_row = add_combo (self, group, "editor-confidence", _("Confidence in attribution"),
                                    WB_TYPE_CONFIDENCE, WB_CONFIDENCE_LOW, WB_CONFIDENCE_HIGH);
  self->country_row = add_entry (self, group, "editor-actor-country", _("Actor country (optional, e.g. XX)"));

  /* Community and persons */
  group = add_group (self, _("Community"), _("No ethnicity, religion or political opinion: only the context."));
  expander = adw_expander_row_new ();
  gtk_widget_set_name (expander, "editor-community");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Affected community context"));
  adw_preferences_group_add (group, expander);
  for (guint bit = 0; bit < N_COMMUNITY_FLAGS; bit++)
    {
      int flag = 1 << bit;
      g_autofree char *name = g_strdup_printf ("community-%s", wb_enum_to_nick (WB_TYPE_COMMUNITY_CONTEXT, flag));
      GtkWidget *check = add_check_row (expander, name, wb_enum_get_label (WB_TYPE_COMMUNITY_CONTEXT, flag), self);

      g_ptr_array_add (self->community_checks, check);
    }
  self->community_note_row = add_entry (self, group, "editor-community-note", _("Community note (optional)"));

  self->persons_group = add_group (self, _("Persons"),
                                   _("Pseudonyms only; a real identity never belongs here."));
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_name (button, "person-add");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Add Person"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add person"), -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (add_person_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (self->persons_group, button);

  group = add_group (self, _("Tags and Accounts"), _("Separate several with commas."));
  self->tags_row = add_entry (self, group, "editor-tags", _("Modus operandi tags"));
  self->handles_row = add_entry (self, group, "editor-handles", _("Perpetrator account handles"));

  /* Follow-up */
  group = add_group (self, _("Follow-up"), NULL);
  self->referral_switch = add_switch (self, group, "editor-referral", _("Referral made"));
  self->aangifte_row = add_combo (self, group, "editor-aangifte", _("Criminal complaint filed"),
                                  WB_TYPE_AANGIFTE, WB_AANGIFTE_UNKNOWN, WB_AANGIFTE_NO);
  self->consent_switch = add_switch (self, group, "editor-consent", _("Victim consents to sharing"));
  self->impact_row = add_entry (self, group, "editor-impact", _("Impact (e.g. self-censorship)"));
  self->measures_row = add_entry (self, group, "editor-measures", _("Protective measures"));
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
set_entry_strv (AdwEntryRow        *row,
                const char * const *strv)
{
  g_autofree char *text = strv ? g_strjoinv (", ", (char **) strv) : NULL;

  set_entry (row, text);
}

static void
load_signal (WbSignalEditor *self)
{
  WbSignal *s = self->original;
  GPtrArray *persons;

  set_entry (self->summary_row, wb_signal_get_summary (s));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            wb_signal_get_description (s) ? wb_signal_get_description (s) : "", -1);

  for (guint i = 0; i < self->category_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->category_checks, i);
      const char *code = g_object_get_data (G_OBJECT (check), "code");
      gboolean active = wb_signal_has_category (s, code);

      gtk_check_button_set_active (check, active);
      if (active)
        adw_expander_row_set_expanded (g_object_get_data (G_OBJECT (check), "expander"), TRUE);
    }

  if (wb_signal_get_occurred_on (s) != NULL)
    set_entry (self->occurred_row, wb_signal_get_occurred_on (s));
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      set_entry (self->occurred_row, today);
    }
  adw_combo_row_set_selected (self->precision_row, wb_signal_get_occurred_precision (s));
  set_entry (self->municipality_row, wb_signal_get_municipality (s));
  set_entry (self->neighbourhood_row, wb_signal_get_neighbourhood (s));
  adw_combo_row_set_selected (self->channel_row, wb_signal_get_channel (s));
  adw_combo_row_set_selected (self->source_row, wb_signal_get_source_type (s));
  adw_combo_row_set_selected (self->reliability_row, wb_signal_get_reliability (s));
  adw_combo_row_set_selected (self->credibility_row, wb_signal_get_credibility (s) - WB_CREDIBILITY_1);
  adw_combo_row_set_selected (self->tlp_row, wb_signal_get_tlp (s));
  tlp_changed_cb (self);
  adw_combo_row_set_selected (self->attribution_row, wb_signal_get_attribution (s));
  adw_combo_row_set_selected (self->confidence_row, wb_signal_get_attribution_confidence (s));
  set_entry (self->country_row, wb_signal_get_actor_country (s));

  for (guint bit = 0; bit < N_COMMUNITY_FLAGS; bit++)
    gtk_check_button_set_active (g_ptr_array_index (self->community_checks, bit),
                                 (wb_signal_get_community_context (s) & (1 << bit)) != 0);
  set_entry (self->community_note_row, wb_signal_get_community_note (s));

  persons = wb_signal_get_persons (s);
  for (guint i = 0; persons != NULL && i < persons->len; i++)
    {
      const WbPerson *person = g_ptr_array_index (persons, i);

      add_person_row (self, person->pseudonym, person->role);
    }

  set_entry_strv (self->tags_row, wb_signal_get_tags (s));
  set_entry_strv (self->handles_row, wb_signal_get_handles (s));
  gtk_switch_set_active (self->referral_switch, wb_signal_get_referral_made (s));
  adw_combo_row_set_selected (self->aangifte_row, wb_signal_get_aangifte (s));
  gtk_switch_set_active (self->consent_switch, wb_signal_get_consent_to_share (s));
  set_entry (self->impact_row, wb_signal_get_impact (s));
  set_entry (self->measures_row, wb_signal_get_protective_measures (s));
}

/* ---- reading the form ------------------------------------------------ */

/* Empty or blank text is "not given". */
static char *
dup_entry (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static GStrv
dup_entry_list (AdwEntryRow *row)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (row)), ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

WbSignal *
wb_signal_editor_dup_signal (WbSignalEditor *self)
{
  g_autoptr(WbSignal) s = NULL;
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_auto(GStrv) categories = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) handles = NULL;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *occurred = NULL;
  g_autofree char *municipality = NULL;
  g_autofree char *neighbourhood = NULL;
  g_autofree char *country = NULL;
  g_autofree char *note = NULL;
  g_autofree char *impact = NULL;
  g_autofree char *measures = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  int community = 0;

  g_return_val_if_fail (WB_IS_SIGNAL_EDITOR (self), NULL);

  s = wb_signal_copy (self->original);

  summary = dup_entry (self->summary_row);
  wb_signal_set_summary (s, summary);

  buffer = gtk_text_view_get_buffer (self->description_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  wb_signal_set_description (s, *text != '\0' ? text : NULL);

  for (guint i = 0; i < self->category_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->category_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (codes, g_object_get_data (G_OBJECT (check), "code"));
    }
  categories = g_strv_builder_end (codes);
  wb_signal_set_categories (s, (const char * const *) categories);

  occurred = dup_entry (self->occurred_row);
  wb_signal_set_occurred_on (s, occurred);
  wb_signal_set_occurred_precision (s, adw_combo_row_get_selected (self->precision_row));
  municipality = dup_entry (self->municipality_row);
  wb_signal_set_municipality (s, municipality);
  neighbourhood = dup_entry (self->neighbourhood_row);
  wb_signal_set_neighbourhood (s, neighbourhood);
  wb_signal_set_channel (s, adw_combo_row_get_selected (self->channel_row));
  wb_signal_set_source_type (s, adw_combo_row_get_selected (self->source_row));
  wb_signal_set_reliability (s, adw_combo_row_get_selected (self->reliability_row));
  wb_signal_set_credibility (s, WB_CREDIBILITY_1 + (int) adw_combo_row_get_selected (self->credibility_row));
  wb_signal_set_tlp (s, adw_combo_row_get_selected (self->tlp_row));
  wb_signal_set_attribution (s, adw_combo_row_get_selected (self->attribution_row));
  wb_signal_set_attribution_confidence (s, adw_combo_row_get_selected (self->confidence_row));
  country = dup_entry (self->country_row);
  if (country != NULL)
    {
      char *upper = g_ascii_strup (country, -1);

      g_free (country);
      country = upper;
    }
  wb_signal_set_actor_country (s, country);

  for (guint bit = 0; bit < N_COMMUNITY_FLAGS; bit++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->community_checks, bit)))
      community |= 1 << bit;
  wb_signal_set_community_context (s, community);
  note = dup_entry (self->community_note_row);
  wb_signal_set_community_note (s, note);

  wb_signal_clear_persons (s);
  for (guint i = 0; i < self->person_rows->len; i++)
    {
      AdwEntryRow *row = g_ptr_array_index (self->person_rows, i);
      GtkDropDown *role = g_object_get_data (G_OBJECT (row), "role");
      g_autofree char *pseudonym = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

      g_strstrip (pseudonym);
      wb_signal_add_person (s, pseudonym, gtk_drop_down_get_selected (role));
    }

  tags = dup_entry_list (self->tags_row);
  wb_signal_set_tags (s, (const char * const *) tags);
  handles = dup_entry_list (self->handles_row);
  wb_signal_set_handles (s, (const char * const *) handles);

  wb_signal_set_referral_made (s, gtk_switch_get_active (self->referral_switch));
  wb_signal_set_aangifte (s, adw_combo_row_get_selected (self->aangifte_row));
  wb_signal_set_consent_to_share (s, gtk_switch_get_active (self->consent_switch));
  impact = dup_entry (self->impact_row);
  wb_signal_set_impact (s, impact);
  measures = dup_entry (self->measures_row);
  wb_signal_set_protective_measures (s, measures);

  return g_steal_pointer (&s);
}

/* ---- validation ------------------------------------------------------ */

static void
mark_row (GtkWidget *row,
          gboolean   bad)
{
  if (bad)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
set_problem (WbSignalEditor *self,
             const char     *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);

  gtk_label_set_text (self->error_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), problem != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", problem == NULL && !self->saving);
}

static void
validate (WbSignalEditor *self)
{
  g_autoptr(WbSignal) s = NULL;
  g_autoptr(GError) error = NULL;
  GDate date;
  const char *problem = NULL;
  gboolean bad_summary, bad_categories, bad_date, bad_municipality;

  /* Called while the form is being built, before everything exists. */
  if (self->measures_row == NULL || self->original == NULL)
    return;

  s = wb_signal_editor_dup_signal (self);

  /* The fields a person fills in first get their own sentence; the rest
   * comes from the core's own validation. */
  bad_summary = wb_signal_get_summary (s) == NULL;
  bad_categories = wb_signal_get_categories (s)[0] == NULL;
  bad_date = wb_signal_get_occurred_on (s) == NULL
             || !wb_date_parse_iso (wb_signal_get_occurred_on (s), &date);
  bad_municipality = wb_signal_get_municipality (s) == NULL;

  mark_row (GTK_WIDGET (self->summary_row), bad_summary);
  mark_row (GTK_WIDGET (self->occurred_row), bad_date);
  mark_row (GTK_WIDGET (self->municipality_row), bad_municipality);

  if (bad_summary)
    problem = _("Write a short summary of what happened.");
  else if (bad_categories)
    problem = _("Choose at least one category.");
  else if (bad_date)
    problem = _("Enter the date it happened as YYYY-MM-DD, for example 2026-03-14.");
  else if (bad_municipality)
    problem = _("Enter the municipality where it happened.");

  if (problem != NULL)
    {
      set_problem (self, problem);
      return;
    }

  /* The store fills in organisation and role of a new signal. */
  if (wb_signal_get_organisation (s) == NULL)
    wb_signal_set_organisation (s, "-");
  if (wb_signal_get_role (s) == NULL)
    wb_signal_set_role (s, "-");

  if (!wb_signal_validate (s, &error))
    {
      set_problem (self, error->message);
      return;
    }

  set_problem (self, NULL);
}

/* ---- saving ---------------------------------------------------------- */

static void
set_saving (WbSignalEditor *self,
            gboolean        saving)
{
  self->saving = saving;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), saving);
  gtk_spinner_set_spinning (self->spinner, saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !saving && self->problem == NULL);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WbSignalEditor) self = user_data;
  g_autoptr(WbSignal) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = wb_records_save_signal_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_saving (self, FALSE);

  if (stored == NULL)
    {
      g_autofree char *message = wb_ui_describe_error (error);

      set_problem (self, message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, stored);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WbSignalEditor *self = WB_SIGNAL_EDITOR (widget);
  g_autoptr(WbSignal) s = NULL;

  validate (self);
  if (self->problem != NULL || self->saving)
    return;

  s = wb_signal_editor_dup_signal (self);
  set_saving (self, TRUE);
  wb_records_save_signal_async (self->store, s, self->is_new, self->cancellable,
                                save_done_cb, g_object_ref (self));
}

/* ---- GObject --------------------------------------------------------- */

static void
attachments_toast_cb (WbSignalEditor *self,
                      AdwToast       *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

static void
wb_signal_editor_constructed (GObject *object)
{
  WbSignalEditor *self = (WbSignalEditor *)object;

  G_OBJECT_CLASS (wb_signal_editor_parent_class)->constructed (object);

  if (self->original == NULL)
    {
      self->is_new = TRUE;
      self->original = wb_signal_new ();
    }

  adw_window_title_set_title (self->window_title, self->is_new ? _("New Signal") : _("Edit Signal"));
  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("New Signal") : _("Edit Signal"));

  load_signal (self);
  validate (self);

  /* Attachments are stored at once, not with the form: they are not part
   * of a revision, so Cancel does not take them back (the detail view
   * lists the same ones).  A new signal gets them once it is saved. */
  if (!self->is_new && self->store != NULL)
    {
      GtkWidget *attachments = wb_attachments_group_new ();

      gtk_widget_set_name (attachments, "editor-attachments-group");
      g_signal_connect_object (attachments, "add-toast", G_CALLBACK (attachments_toast_cb),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (attachments));
      wb_attachments_group_set_signal (WB_ATTACHMENTS_GROUP (attachments), self->store,
                                       wb_signal_get_uuid (self->original));
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->summary_row));
}

static void
wb_signal_editor_dispose (GObject *object)
{
  WbSignalEditor *self = (WbSignalEditor *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_SIGNAL_EDITOR);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->original);

  G_OBJECT_CLASS (wb_signal_editor_parent_class)->dispose (object);
}

static void
wb_signal_editor_finalize (GObject *object)
{
  WbSignalEditor *self = (WbSignalEditor *)object;

  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->category_checks, g_ptr_array_unref);
  g_clear_pointer (&self->community_checks, g_ptr_array_unref);
  g_clear_pointer (&self->person_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (wb_signal_editor_parent_class)->finalize (object);
}

static void
wb_signal_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WbSignalEditor *self = WB_SIGNAL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SIGNAL:
      {
        WbSignal *signal = g_value_get_object (value);

        g_clear_object (&self->original);
        self->original = signal ? wb_signal_copy (signal) : NULL;
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_signal_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WbSignalEditor *self = WB_SIGNAL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SIGNAL:
      g_value_set_object (value, self->is_new ? NULL : self->original);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_signal_editor_class_init (WbSignalEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wb_signal_editor_constructed;
  object_class->dispose = wb_signal_editor_dispose;
  object_class->finalize = wb_signal_editor_finalize;
  object_class->get_property = wb_signal_editor_get_property;
  object_class->set_property = wb_signal_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         WB_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The signal to edit; NULL (the default) records a new one. */
  properties[PROP_SIGNAL] =
    g_param_spec_object ("signal", NULL, NULL,
                         WB_TYPE_SIGNAL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WbSignalEditor::saved:
   * @signal: the signal as stored
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, WB_TYPE_SIGNAL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-signal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, WbSignalEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, WbSignalEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, WbSignalEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, WbSignalEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, WbSignalEditor, page);
  gtk_widget_class_bind_template_child (widget_class, WbSignalEditor, toast_overlay);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wb_signal_editor_init (WbSignalEditor *self)
{
  self->category_checks = g_ptr_array_new ();
  self->community_checks = g_ptr_array_new ();
  self->person_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  build_form (self);
}

GtkWidget *
wb_signal_editor_new (GtkWindow *parent,
                      WbStore   *store,
                      WbSignal  *signal)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (!signal || WB_IS_SIGNAL (signal), NULL);

  return g_object_new (WB_TYPE_SIGNAL_EDITOR,
                       "transient-for", parent,
                       "store", store,
                       "signal", signal,
                       NULL);
}

const char *
wb_signal_editor_get_problem (WbSignalEditor *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL_EDITOR (self), NULL);

  return self->problem;
}

/* ---- Undo of a saved edit --------------------------------------------- */

typedef struct
{
  char  *uuid;
  guint  revision;
} UndoJob;

static void
undo_job_free (UndoJob *job)
{
  g_free (job->uuid);
  g_free (job);
}

static gpointer
undo_edit_job (WbStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  UndoJob *job = data;
  g_autoptr(WbSignal) current = wb_records_get_signal (store, job->uuid, error);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(WbSignal) restored = NULL;
  WbSignal *previous = NULL;

  if (current == NULL)
    return NULL;
  if (wb_signal_get_revision (current) != job->revision)
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_CONFLICT,
                           _("The signal changed again since; nothing was undone"));
      return NULL;
    }

  revisions = wb_records_list_revisions (store, job->uuid, error);
  if (revisions == NULL)
    return NULL;
  for (guint i = 0; i < revisions->len; i++)
    if (wb_signal_get_revision (g_ptr_array_index (revisions, i)) + 1 == job->revision)
      previous = g_ptr_array_index (revisions, i);
  if (previous == NULL)
    {
      g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND,
                           _("There is no earlier version to go back to"));
      return NULL;
    }

  /* The earlier content as the next revision; what only decisions and
   * holds may change stays as it is now. */
  restored = wb_signal_copy (previous);
  wb_signal_set_revision (restored, wb_signal_get_revision (current));
  wb_signal_set_level (restored, wb_signal_get_level (current));
  wb_signal_set_closed_on (restored, wb_signal_get_closed_on (current));
  wb_signal_set_legal_hold (restored, wb_signal_get_legal_hold (current));
  if (!wb_records_edit_signal (store, restored, error))
    return NULL;

  return g_steal_pointer (&restored);
}

void
wb_signal_editor_undo_edit_async (WbStore             *store,
                                  const char          *uuid,
                                  guint                revision,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  UndoJob *job;

  g_return_if_fail (WB_IS_STORE (store));
  g_return_if_fail (uuid != NULL);

  job = g_new0 (UndoJob, 1);
  job->uuid = g_strdup (uuid);
  job->revision = revision;
  wb_records_run_async (store, undo_edit_job, job, (GDestroyNotify) undo_job_free,
                        g_object_unref, cancellable, callback, user_data);
}

WbSignal *
wb_signal_editor_undo_edit_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return wb_records_run_finish (result, error);
}

typedef struct
{
  WbStore              *store;
  char                 *uuid;
  guint                 revision;
  GWeakRef              receiver;
  WbSignalRestoredFunc  func;
} SavedToast;

static void
saved_toast_free (SavedToast *data)
{
  g_clear_object (&data->store);
  g_free (data->uuid);
  g_weak_ref_clear (&data->receiver);
  g_free (data);
}

static void
undone_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SavedToast *data = user_data;
  g_autoptr(WbSignal) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) receiver = NULL;

  restored = wb_signal_editor_undo_edit_finish (result, &error);
  receiver = g_weak_ref_get (&data->receiver);
  if (receiver != NULL && data->func != NULL)
    data->func (receiver, restored, error);

  saved_toast_free (data);
}

static void
saved_undo_cb (AdwToast   *toast,
               SavedToast *data)
{
  SavedToast *copy = g_new0 (SavedToast, 1);
  g_autoptr(GObject) receiver = g_weak_ref_get (&data->receiver);

  copy->store = g_object_ref (data->store);
  copy->uuid = g_strdup (data->uuid);
  copy->revision = data->revision;
  copy->func = data->func;
  g_weak_ref_init (&copy->receiver, receiver);
  wb_signal_editor_undo_edit_async (data->store, data->uuid, data->revision, NULL,
                                    undone_cb, copy);
}

AdwToast *
wb_signal_editor_create_saved_toast (WbStore              *store,
                                     WbSignal             *saved,
                                     GObject              *receiver,
                                     WbSignalRestoredFunc  func)
{
  AdwToast *toast;
  SavedToast *data;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (WB_IS_SIGNAL (saved), NULL);
  g_return_val_if_fail (!receiver || G_IS_OBJECT (receiver), NULL);

  toast = wb_ui_toast_new (_("Signal saved"));
  if (wb_signal_get_revision (saved) <= 1)
    return toast;

  data = g_new0 (SavedToast, 1);
  data->store = g_object_ref (store);
  data->uuid = g_strdup (wb_signal_get_uuid (saved));
  data->revision = wb_signal_get_revision (saved);
  data->func = func;
  g_weak_ref_init (&data->receiver, receiver);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (saved_undo_cb), data,
                         (GClosureNotify) saved_toast_free, 0);
  return toast;
}
