/* wb-signal-list-page.c — find, read and follow up the vault's signals
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-signal-list-page"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-escalation-dialog.h"
#include "wb-ladder-view.h"
#include "wb-signal-detail.h"
#include "wb-signal-editor.h"
#include "wb-signal-list-page.h"
#include "wb-ui-errors.h"
#include "wb-ui-format.h"

struct _WbSignalListPage
{
  AdwBin              parent_instance;

  WbStore            *store;
  WbSignalList       *list;
  GtkSingleSelection *selection;
  GCancellable       *cancellable;
  /* What the user was looking at; survives a lock (a UUID is no content). */
  char               *selected_uuid;
  gboolean            restoring;

  GtkStack           *stack;
  AdwLeaflet         *leaflet;
  GtkWidget          *sidebar;
  GtkWidget          *content;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkStack           *content_stack;
  WbSignalDetail     *detail;
  GtkDropDown        *category_dropdown;
  GtkDropDown        *level_dropdown;
  GtkDropDown        *tlp_dropdown;
  GtkSwitch          *overdue_switch;
  GtkDropDown        *sort_dropdown;
};

G_DEFINE_FINAL_TYPE (WbSignalListPage, wb_signal_list_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const WbRecordsSort sort_orders[] = {
  WB_RECORDS_SORT_LADDER,
  WB_RECORDS_SORT_OCCURRED,
  WB_RECORDS_SORT_UPDATED,
  WB_RECORDS_SORT_REVIEW,
};

static void
emit_toast (WbSignalListPage *self,
            const char       *title)
{
  g_autoptr(AdwToast) toast = wb_ui_toast_new (title);

  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

/* ---- rows ------------------------------------------------------------ */

/* Row tooltips are answered when asked for: in GTK 4.8 setting a
 * tooltip's text asks the display where the pointer is (a round trip to
 * the X server), and a search makes and binds dozens of rows, each with
 * two tooltips (issue #5: a keystroke must update the list in 100 ms). */
static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "wb-tooltip");

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_row_tooltip (GtkWidget  *widget,
                 const char *text)
{
  g_object_set_data_full (G_OBJECT (widget), "wb-tooltip", g_strdup (text), g_free);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box, *top, *bottom, *summary, *level, *codes, *tlp, *place, *date, *overdue;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (box, "wb-signal-row");

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  level = gtk_label_new (NULL);
  gtk_widget_add_css_class (level, "wb-badge");
  gtk_widget_add_css_class (level, "wb-level");
  gtk_widget_set_valign (level, GTK_ALIGN_START);
  gtk_widget_set_has_tooltip (level, TRUE);
  g_signal_connect (level, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (summary), 2);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (summary), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (summary, TRUE);
  gtk_widget_add_css_class (summary, "heading");
  overdue = gtk_image_new_from_icon_name ("alarm-symbolic");
  set_row_tooltip (overdue, _("Review date passed"));
  gtk_widget_set_has_tooltip (overdue, TRUE);
  g_signal_connect (overdue, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_widget_add_css_class (overdue, "warning");
  gtk_widget_set_valign (overdue, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (overdue),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Overdue for review"),
                                  -1);
  gtk_box_append (GTK_BOX (top), level);
  gtk_box_append (GTK_BOX (top), summary);
  gtk_box_append (GTK_BOX (top), overdue);

  bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  codes = gtk_label_new (NULL);
  gtk_widget_add_css_class (codes, "caption-heading");
  tlp = gtk_label_new (NULL);
  gtk_widget_add_css_class (tlp, "wb-badge");
  place = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (place), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (place), 0);
  gtk_widget_set_hexpand (place, TRUE);
  gtk_widget_add_css_class (place, "caption");
  gtk_widget_add_css_class (place, "dim-label");
  date = gtk_label_new (NULL);
  gtk_widget_add_css_class (date, "caption");
  gtk_widget_add_css_class (date, "dim-label");
  gtk_widget_add_css_class (date, "numeric");
  gtk_box_append (GTK_BOX (bottom), codes);
  gtk_box_append (GTK_BOX (bottom), tlp);
  gtk_box_append (GTK_BOX (bottom), place);
  gtk_box_append (GTK_BOX (bottom), date);

  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), bottom);

  g_object_set_data (G_OBJECT (box), "summary", summary);
  g_object_set_data (G_OBJECT (box), "level", level);
  g_object_set_data (G_OBJECT (box), "overdue", overdue);
  g_object_set_data (G_OBJECT (box), "codes", codes);
  g_object_set_data (G_OBJECT (box), "tlp", tlp);
  g_object_set_data (G_OBJECT (box), "place", place);
  g_object_set_data (G_OBJECT (box), "date", date);

  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  WbSignal *signal = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *tlp = g_object_get_data (G_OBJECT (box), "tlp");
  g_autofree char *level = NULL;
  g_autofree char *level_name = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *date = NULL;
  g_autofree char *a11y = NULL;
  static const char *tlp_classes[] = { "wb-tlp-clear", "wb-tlp-green", "wb-tlp-amber", "wb-tlp-red" };
  gboolean overdue;

  level = g_strdup_printf ("%d", wb_signal_get_level (signal));
  level_name = wb_ladder_dup_level_title (wb_signal_get_level (signal));
  codes = wb_ui_format_codes (signal);
  date = wb_ui_format_occurred (signal);
  overdue = wb_ui_signal_is_overdue (signal, NULL);

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "summary"), wb_signal_get_summary (signal));
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "level"), level);
  set_row_tooltip (g_object_get_data (G_OBJECT (box), "level"), level_name);
  if (wb_ladder_level_is_national (wb_signal_get_level (signal)))
    gtk_widget_add_css_class (g_object_get_data (G_OBJECT (box), "level"), "wb-level-national");
  else
    gtk_widget_remove_css_class (g_object_get_data (G_OBJECT (box), "level"), "wb-level-national");
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "codes"), codes);
  gtk_label_set_text (GTK_LABEL (tlp), wb_enum_get_label (WB_TYPE_TLP, wb_signal_get_tlp (signal)));
  for (guint i = 0; i < G_N_ELEMENTS (tlp_classes); i++)
    gtk_widget_remove_css_class (tlp, tlp_classes[i]);
  gtk_widget_add_css_class (tlp, wb_ui_tlp_css_class (wb_signal_get_tlp (signal)));
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "place"), wb_signal_get_municipality (signal));
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "date"), date);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "overdue"), overdue);

  /* One sentence for screen readers instead of seven fragments. */
  /* Translators: a signal in the list, read by a screen reader:
   * summary, level, codes, municipality, date */
  a11y = g_strdup_printf (_("%s. %s. Categories %s. %s, %s."),
                          wb_signal_get_summary (signal), level_name, codes,
                          wb_signal_get_municipality (signal), date);
  if (overdue)
    {
      char *tmp = g_strconcat (a11y, " ", _("Overdue for review"), NULL);

      g_free (a11y);
      a11y = tmp;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
}

/* ---- model state ----------------------------------------------------- */

static void
update_stacks (WbSignalListPage *self)
{
  gint64 total = wb_signal_list_get_n_total (self->list);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  if (self->store != NULL && total == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "signals");

  gtk_stack_set_visible_child_name (self->list_stack,
                                    n == 0 && total > 0 ? "no-results" : "list");
}

static void
decisions_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(WbSignalListPage) self = user_data;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GError) error = NULL;
  WbSignal *shown;

  decisions = wb_records_list_decisions_finish (result, &error);
  if (decisions == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not load decisions: %s", error->message);
      return;
    }

  shown = wb_signal_detail_get_signal (self->detail);
  if (shown == NULL)
    return;

  wb_signal_detail_set_decisions (self->detail, decisions);
}

static void show_signal (WbSignalListPage *self,
                         WbSignal         *signal);

static gpointer
get_signal_job (WbStore       *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return wb_records_get_signal (store, data, error);
}

static void
signal_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WbSignalListPage) self = user_data;
  g_autoptr(WbSignal) signal = NULL;
  g_autoptr(GError) error = NULL;

  signal = wb_records_run_finish (result, &error);
  if (signal == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = wb_ui_describe_error (error);

          emit_toast (self, message);
        }
      return;
    }

  show_signal (self, signal);
}

/* The list holds list rows (wb_signal_is_complete() FALSE): the detail
 * view, the editor and the escalation dialog get the complete signal,
 * loaded in a worker. */
static void
show_signal (WbSignalListPage *self,
             WbSignal         *signal)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (signal != NULL && !wb_signal_is_complete (signal))
    {
      if (self->store == NULL)
        return;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "signal.edit", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "signal.escalate", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "signal.deescalate", FALSE);
      self->cancellable = g_cancellable_new ();
      wb_records_run_async (self->store, get_signal_job, g_strdup (wb_signal_get_uuid (signal)), g_free,
                            g_object_unref, self->cancellable, signal_loaded_cb, g_object_ref (self));
      return;
    }

  wb_signal_detail_set_signal (self->detail, signal);
  gtk_stack_set_visible_child_name (self->content_stack, signal ? "detail" : "none");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signal.edit", signal != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signal.escalate",
                                 signal != NULL && wb_signal_get_level (signal) < WB_LADDER_MAX_LEVEL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signal.deescalate",
                                 signal != NULL && wb_signal_get_closed_on (signal) == NULL);

  if (signal == NULL || self->store == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  wb_records_list_decisions_async (self->store, wb_signal_get_uuid (signal), self->cancellable,
                                   decisions_loaded_cb, g_object_ref (self));
}

static void
selection_changed_cb (WbSignalListPage *self)
{
  WbSignal *signal = gtk_single_selection_get_selected_item (self->selection);

  if (self->restoring)
    return;

  if (signal != NULL)
    {
      g_free (self->selected_uuid);
      self->selected_uuid = g_strdup (wb_signal_get_uuid (signal));
    }

  if (signal != wb_signal_detail_get_signal (self->detail))
    show_signal (self, signal);
}

/* After each query: select the signal the user had, if still listed. */
static void
list_items_changed_cb (WbSignalListPage *self)
{
  guint position = G_MAXUINT;
  WbSignal *shown = wb_signal_detail_get_signal (self->detail);

  update_stacks (self);

  if (self->selected_uuid != NULL)
    position = wb_signal_list_find (self->list, self->selected_uuid);

  self->restoring = TRUE;
  gtk_single_selection_set_selected (self->selection, position == G_MAXUINT ? GTK_INVALID_LIST_POSITION : position);
  self->restoring = FALSE;

  if (position == G_MAXUINT)
    {
      if (shown != NULL)
        show_signal (self, NULL);
    }
  else
    {
      g_autoptr(WbSignal) signal = g_list_model_get_item (G_LIST_MODEL (self->list), position);

      /* A reloaded copy may carry a new revision: show that one. */
      if (shown == NULL || g_strcmp0 (wb_signal_get_uuid (shown), wb_signal_get_uuid (signal)) != 0 ||
          wb_signal_get_revision (shown) != wb_signal_get_revision (signal))
        show_signal (self, signal);
    }
}

static void
list_load_failed_cb (WbSignalListPage *self,
                     GError           *error)
{
  g_autofree char *message = wb_ui_describe_error (error);

  emit_toast (self, message);
}

static void
list_n_total_cb (WbSignalListPage *self)
{
  update_stacks (self);
}

/* ---- template callbacks ---------------------------------------------- */

static void
search_changed_cb (WbSignalListPage *self)
{
  wb_signal_list_set_search_text (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (WbSignalListPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
list_activate_cb (WbSignalListPage *self,
                  guint             position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
filter_changed_cb (WbSignalListPage *self)
{
  WbRecordsFilter filter;
  guint category = gtk_drop_down_get_selected (self->category_dropdown);
  guint level = gtk_drop_down_get_selected (self->level_dropdown);
  guint tlp = gtk_drop_down_get_selected (self->tlp_dropdown);
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);
  g_auto(GStrv) categories = NULL;
  guint n_categories = 0;

  wb_records_filter_init (&filter);

  if (category != GTK_INVALID_LIST_POSITION && category > 0)
    {
      for (guint i = 0; i < wb_taxonomy_get_n_codes (); i++)
        {
          const char *code = wb_taxonomy_get_code (i);

          if (wb_taxonomy_is_category (code) && ++n_categories == category)
            filter.category = code;
        }
    }
  if (level != GTK_INVALID_LIST_POSITION && level > 0)
    filter.level = (int) level;
  if (tlp != GTK_INVALID_LIST_POSITION && tlp > 0)
    filter.tlp = (int) tlp - 1;
  filter.overdue = gtk_switch_get_active (self->overdue_switch);
  if (sort != GTK_INVALID_LIST_POSITION && sort < G_N_ELEMENTS (sort_orders))
    filter.sort = sort_orders[sort];

  wb_signal_list_set_filter (self->list, &filter);
}

/* ---- actions --------------------------------------------------------- */

static GtkWindow *
get_parent_window (WbSignalListPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
edit_undone_cb (gpointer      receiver,
                WbSignal     *restored,
                const GError *error)
{
  WbSignalListPage *self = WB_SIGNAL_LIST_PAGE (receiver);

  if (restored == NULL)
    {
      g_autofree char *message = wb_ui_describe_error (error);

      emit_toast (self, message);
      return;
    }

  g_free (self->selected_uuid);
  self->selected_uuid = g_strdup (wb_signal_get_uuid (restored));
  show_signal (self, restored);
  wb_signal_list_reload (self->list);
  emit_toast (self, _("Edit undone"));
}

static void
signal_saved_cb (WbSignalListPage *self,
                 WbSignal         *signal)
{
  g_autoptr(AdwToast) toast = NULL;

  g_free (self->selected_uuid);
  self->selected_uuid = g_strdup (wb_signal_get_uuid (signal));
  wb_signal_list_reload (self->list);
  toast = wb_signal_editor_create_saved_toast (self->store, signal, G_OBJECT (self), edit_undone_cb);
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
signal_decided_cb (WbSignalListPage *self,
                   WbSignal         *signal)
{
  g_autofree char *title = NULL;
  g_autofree char *level = wb_ladder_dup_level_title (wb_signal_get_level (signal));

  g_free (self->selected_uuid);
  self->selected_uuid = g_strdup (wb_signal_get_uuid (signal));
  /* The detail shows the stored signal at once; the list catches up. */
  show_signal (self, signal);
  wb_signal_list_reload (self->list);

  /* Translators: toast after a decision, "Decision recorded: Level 3 — Local intervention" */
  title = g_strdup_printf (_("Decision recorded: %s"), level);
  emit_toast (self, title);
}

static void
open_editor (WbSignalListPage *self,
             WbSignal         *signal)
{
  GtkWidget *editor;

  if (self->store == NULL)
    return;

  editor = wb_signal_editor_new (get_parent_window (self), self->store, signal);
  g_signal_connect_object (editor, "saved", G_CALLBACK (signal_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
open_escalation (WbSignalListPage *self,
                 gboolean          up)
{
  WbSignal *signal = wb_signal_detail_get_signal (self->detail);
  GtkWidget *dialog;

  if (self->store == NULL || signal == NULL)
    return;

  dialog = wb_escalation_dialog_new (get_parent_window (self), self->store, signal, up);
  g_signal_connect_object (dialog, "decided", G_CALLBACK (signal_decided_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WbSignalListPage *self = WB_SIGNAL_LIST_PAGE (widget);
  WbSignal *signal = wb_signal_detail_get_signal (self->detail);

  if (signal != NULL)
    open_editor (self, signal);
}

static void
escalate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  open_escalation (WB_SIGNAL_LIST_PAGE (widget), TRUE);
}

static void
deescalate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  open_escalation (WB_SIGNAL_LIST_PAGE (widget), FALSE);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  WbSignalListPage *self = WB_SIGNAL_LIST_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  WbSignalListPage *self = WB_SIGNAL_LIST_PAGE (widget);

  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_drop_down_set_selected (self->level_dropdown, 0);
  gtk_drop_down_set_selected (self->tlp_dropdown, 0);
  gtk_switch_set_active (self->overdue_switch, FALSE);
  gtk_drop_down_set_selected (self->sort_dropdown, 0);
}

/* ---- GObject --------------------------------------------------------- */

static void
wb_signal_list_page_dispose (GObject *object)
{
  WbSignalListPage *self = (WbSignalListPage *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->list != NULL)
    wb_signal_list_set_store (self->list, NULL);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_SIGNAL_LIST_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wb_signal_list_page_parent_class)->dispose (object);
}

static void
wb_signal_list_page_finalize (GObject *object)
{
  WbSignalListPage *self = (WbSignalListPage *)object;

  g_clear_pointer (&self->selected_uuid, g_free);

  G_OBJECT_CLASS (wb_signal_list_page_parent_class)->finalize (object);
}

static void
wb_signal_list_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  WbSignalListPage *self = WB_SIGNAL_LIST_PAGE (object);

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
wb_signal_list_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  WbSignalListPage *self = WB_SIGNAL_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      wb_signal_list_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_signal_list_page_class_init (WbSignalListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_signal_list_page_dispose;
  object_class->finalize = wb_signal_list_page_finalize;
  object_class->get_property = wb_signal_list_page_get_property;
  object_class->set_property = wb_signal_list_page_set_property;

  /* The unlocked vault's store, or NULL while locked. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         WB_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WbSignalListPage::add-toast:
   * @toast: the toast to show; handlers take their own reference
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-signal-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WbSignalListPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, WbSignalListPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, WbSignalListPage, content);
  gtk_widget_class_bind_template_child (widget_class, WbSignalListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WbSignalListPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, WbSignalListPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, WbSignalListPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, WbSignalListPage, detail);
  gtk_widget_class_bind_template_child (widget_class, WbSignalListPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WbSignalListPage, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WbSignalListPage, tlp_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WbSignalListPage, overdue_switch);
  gtk_widget_class_bind_template_child (widget_class, WbSignalListPage, sort_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "signal.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "signal.escalate", NULL, escalate_action);
  gtk_widget_class_install_action (widget_class, "signal.deescalate", NULL, deescalate_action);
  gtk_widget_class_install_action (widget_class, "signals.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "signals.clear-filters", NULL, clear_filters_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "signal.edit", NULL);

  g_type_ensure (WB_TYPE_SIGNAL_DETAIL);
}

static void
fill_dropdowns (WbSignalListPage *self)
{
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tlps = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sorts = gtk_string_list_new (NULL);

  gtk_string_list_append (categories, _("All categories"));
  for (guint i = 0; i < wb_taxonomy_get_n_codes (); i++)
    {
      const char *code = wb_taxonomy_get_code (i);

      if (wb_taxonomy_is_category (code))
        {
          g_autofree char *label = g_strdup_printf ("%s %s", code, wb_taxonomy_get_label (code));

          gtk_string_list_append (categories, label);
        }
    }

  gtk_string_list_append (levels, _("All levels"));
  for (int level = WB_LADDER_MIN_LEVEL; level <= WB_LADDER_MAX_LEVEL; level++)
    {
      g_autofree char *label = wb_ladder_dup_level_title (level);

      gtk_string_list_append (levels, label);
    }

  gtk_string_list_append (tlps, _("Any TLP"));
  for (int tlp = WB_TLP_CLEAR; tlp <= WB_TLP_RED; tlp++)
    gtk_string_list_append (tlps, wb_enum_get_label (WB_TYPE_TLP, tlp));

  gtk_string_list_append (sorts, _("Level, highest first"));
  gtk_string_list_append (sorts, _("Date, newest first"));
  gtk_string_list_append (sorts, _("Last changed"));
  gtk_string_list_append (sorts, _("Review date"));

  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (categories));
  gtk_drop_down_set_model (self->level_dropdown, G_LIST_MODEL (levels));
  gtk_drop_down_set_model (self->tlp_dropdown, G_LIST_MODEL (tlps));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sorts));
}

static void
wb_signal_list_page_init (WbSignalListPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: gtk_widget_dispose_template() would
   * unparent it behind AdwBin's back. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  self->list = wb_signal_list_new ();
  g_signal_connect_object (self->list, "notify::n-total",
                           G_CALLBACK (list_n_total_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "load-failed",
                           G_CALLBACK (list_load_failed_cb), self, G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  /* After the selection's own items-changed, and after the list view's:
   * both have caught up with the new items by then. */
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (list_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  fill_dropdowns (self);
  /* Filling the dropdowns fired filter_changed_cb already; start clean. */
  filter_changed_cb (self);

  show_signal (self, NULL);
  update_stacks (self);
}

/**
 * wb_signal_list_page_get_store:
 *
 * Returns: (nullable) (transfer none): the store
 */
WbStore *
wb_signal_list_page_get_store (WbSignalListPage *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL_LIST_PAGE (self), NULL);

  return self->store;
}

void
wb_signal_list_page_set_store (WbSignalListPage *self,
                               WbStore          *store)
{
  g_return_if_fail (WB_IS_SIGNAL_LIST_PAGE (self));
  g_return_if_fail (!store || WB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  if (store == NULL)
    {
      /* Lock: drop every decrypted signal now, including the one shown
       * and what was typed into the search (it may be a name). */
      show_signal (self, NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      wb_signal_list_set_search_text (self->list, NULL);
      adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
    }

  wb_signal_list_set_store (self->list, store);
  update_stacks (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * wb_signal_list_page_get_model:
 *
 * Returns: (transfer none): the list model behind the list
 */
WbSignalList *
wb_signal_list_page_get_model (WbSignalListPage *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL_LIST_PAGE (self), NULL);

  return self->list;
}

/**
 * wb_signal_list_page_get_selected:
 *
 * Returns: (nullable) (transfer none): the signal in the detail view
 */
WbSignal *
wb_signal_list_page_get_selected (WbSignalListPage *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL_LIST_PAGE (self), NULL);

  return wb_signal_detail_get_signal (self->detail);
}

gboolean
wb_signal_list_page_select (WbSignalListPage *self,
                            const char       *uuid)
{
  guint position;

  g_return_val_if_fail (WB_IS_SIGNAL_LIST_PAGE (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  position = wb_signal_list_find (self->list, uuid);
  if (position == G_MAXUINT)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

void
wb_signal_list_page_focus_search (WbSignalListPage *self)
{
  g_return_if_fail (WB_IS_SIGNAL_LIST_PAGE (self));

  gtk_stack_set_visible_child_name (self->stack, "signals");
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
wb_signal_list_page_new_signal (WbSignalListPage *self)
{
  g_return_if_fail (WB_IS_SIGNAL_LIST_PAGE (self));

  open_editor (self, NULL);
}
