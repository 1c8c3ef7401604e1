/* wb-conflicts-page.c — imported versions that differ from ours (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same revision with other content is never merged silently: the
 * two versions are compared field by field here, and the user decides.
 */

#define G_LOG_DOMAIN "wb-conflicts-page"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wb-conflicts-page.h"
#include "wb-exchange-ui.h"
#include "wb-ui-jobs.h"

struct _WbConflictsPage
{
  AdwBin         parent_instance;

  WbStore       *store;
  WbUiJobs       jobs;
  GPtrArray     *conflicts;   /* WbConflict */

  GtkStack      *stack;
  GtkBox        *conflicts_box;
};

G_DEFINE_FINAL_TYPE (WbConflictsPage, wb_conflicts_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

enum {
  ADD_TOAST,
  RESOLVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
toast_text (WbConflictsPage *self,
            const char      *text)
{
  g_autoptr(AdwToast) t = wb_ui_toast_new (text);

  g_signal_emit (self, signals[ADD_TOAST], 0, t);
}

/* ---- jobs ----------------------------------------------------------------- */

static gpointer
list_job (WbStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return wb_merge_list_conflicts (store, error);
}

typedef struct
{
  gint64   id;
  gboolean take_theirs;
} Resolve;

static gpointer
resolve_job (WbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Resolve *r = data;

  if (!wb_merge_resolve_conflict (store, r->id, r->take_theirs, error))
    return NULL;
  return g_memdup2 (r, sizeof *r);
}

/* ---- comparison ----------------------------------------------------------- */

static const struct {
  const char *key;
  const char *label;
} field_labels[] = {
  { "summary", N_("Summary") },
  { "description", N_("Description") },
  { "categories", N_("Categories") },
  { "occurred_on", N_("Occurred") },
  { "occurred_precision", N_("Date precision") },
  { "municipality", N_("Municipality") },
  { "neighbourhood", N_("Neighbourhood") },
  { "channel", N_("Channel") },
  { "source_type", N_("Source type") },
  { "reliability", N_("Source reliability") },
  { "credibility", N_("Information credibility") },
  { "tlp", N_("TLP") },
  { "attribution", N_("Attribution") },
  { "attribution_confidence", N_("Attribution confidence") },
  { "actor_country", N_("Actor country") },
  { "level", N_("Escalation level") },
  { "community_context", N_("Community context") },
  { "community_note", N_("Community note") },
  { "persons", N_("Persons (pseudonyms)") },
  { "tags", N_("Tags") },
  { "handles", N_("Account handles") },
  { "followup", N_("Follow-up") },
  { "review_on", N_("Review date") },
  { "closed_on", N_("Closed on") },
  { "organisation", N_("Recorded by") },
  { "role", N_("Role") },
  { "updated_at", N_("Last changed") },
};

/* Bookkeeping that always differs or never does: not worth a row. */
static gboolean
skip_field (const char *key)
{
  return g_str_equal (key, "uuid") || g_str_equal (key, "revision") || g_str_equal (key, "created_at");
}

static const char *
field_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_str_equal (field_labels[i].key, key))
      return _(field_labels[i].label);
  return key;
}

static char *
node_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static GtkWidget *
cell (const char *text,
      gboolean    differs,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  gtk_widget_set_hexpand (label, TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (differs)
    {
      gtk_widget_add_css_class (label, "warning");
      gtk_widget_add_css_class (label, "heading");
    }
  return label;
}

/* Every field, ours beside theirs; those that differ in bold and colour,
 * and said so for screen readers. */
static GtkWidget *
compare_grid (WbConflict *c,
              guint      *n_differ)
{
  GtkWidget *grid = gtk_grid_new ();
  g_autoptr(JsonNode) theirs = wb_signal_to_json_node (c->theirs);
  g_autoptr(JsonNode) ours = c->ours != NULL ? wb_signal_to_json_node (c->ours) : NULL;
  JsonObject *t = json_node_get_object (theirs);
  JsonObject *o = ours != NULL ? json_node_get_object (ours) : NULL;
  g_autoptr(GList) members = json_object_get_members (t);
  int y = 1;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Field"), FALSE, TRUE), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Ours"), FALSE, TRUE), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Theirs"), FALSE, TRUE), 2, 0, 1, 1);

  /* Two passes: what differs first, so it is seen without scrolling;
   * then the rest, dimmed. */
  *n_differ = 0;
  for (int pass = 0; pass < 2; pass++)
    for (GList *l = members; l != NULL; l = l->next)
      {
        const char *key = l->data;
        g_autofree char *a = NULL;
        g_autofree char *b = NULL;
        g_autofree char *name = NULL;
        gboolean differs;
        GtkWidget *name_label;

        if (skip_field (key))
          continue;
        a = node_text (o != NULL ? json_object_get_member (o, key) : NULL);
        b = node_text (json_object_get_member (t, key));
        differs = g_strcmp0 (a, b) != 0;
        if (differs != (pass == 0))
          continue;
        if (differs)
          {
            (*n_differ)++;
            /* Translators: a field whose two versions differ */
            name = g_strdup_printf (_("%s (differs)"), field_label (key));
          }
        else
          name = g_strdup (field_label (key));
        name_label = cell (name, differs, FALSE);
        gtk_label_set_selectable (GTK_LABEL (name_label), FALSE);
        if (differs)
          gtk_widget_set_name (name_label, "conflict-differs");
        gtk_grid_attach (GTK_GRID (grid), name_label, 0, y, 1, 1);
        gtk_grid_attach (GTK_GRID (grid), cell (a, differs, FALSE), 1, y, 1, 1);
        gtk_grid_attach (GTK_GRID (grid), cell (b, differs, FALSE), 2, y, 1, 1);
        if (!differs)
          for (int x = 0; x < 3; x++)
            gtk_widget_add_css_class (gtk_grid_get_child_at (GTK_GRID (grid), x, y), "dim-label");
        y++;
      }
  return grid;
}

static void
resolve_clicked_cb (GtkButton       *button,
                    WbConflictsPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "conflict-id");
  gboolean take_theirs = g_str_equal (gtk_widget_get_name (GTK_WIDGET (button)), "conflict-take-theirs");

  if (id != NULL)
    wb_conflicts_page_resolve (self, *id, take_theirs);
}

static GtkWidget *
add_button (WbConflictsPage *self,
            GtkWidget       *box,
            const char      *name,
            const char      *label,
            gint64           id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  g_object_set_data_full (G_OBJECT (button), "conflict-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (resolve_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

static GtkWidget *
create_conflict (WbConflictsPage *self,
                 WbConflict      *c)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *grid;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *take;
  g_autofree char *when = wb_exchange_ui_format_time (c->recorded_at);
  g_autofree char *description = NULL;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  guint n_differ;

  grid = compare_grid (c, &n_differ);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_frame_set_child (GTK_FRAME (frame), grid);

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field differs", "%u fields differ", n_differ), n_differ);
  /* Translators: "Revision 3 from Gemeente Utrecht, received 2026-11-29 13:45. 2 fields differ." */
  description = g_strdup_printf (_("Revision %u from %s, received %s. %s."), c->revision, c->sender, when, count);
  /* A group's title and description are markup in libadwaita 1.2;
   * record content and names are text. */
  title = g_markup_escape_text (wb_signal_get_summary (c->ours != NULL ? c->ours : c->theirs), -1);
  escaped = g_markup_escape_text (description, -1);
  gtk_widget_set_name (group, "conflict");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  add_button (self, buttons, "conflict-keep-ours", _("_Keep Ours"), c->id);
  take = add_button (self, buttons, "conflict-take-theirs", _("_Take Theirs"), c->id);
  gtk_widget_add_css_class (take, "suggested-action");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);
  return group;
}

static void
show_conflicts (WbConflictsPage *self,
                GPtrArray       *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->conflicts_box))) != NULL)
    gtk_box_remove (self->conflicts_box, child);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  self->conflicts = list != NULL ? g_ptr_array_ref (list) : NULL;

  for (guint i = 0; list != NULL && i < list->len; i++)
    gtk_box_append (self->conflicts_box, create_conflict (self, g_ptr_array_index (list, i)));
  gtk_stack_set_visible_child_name (self->stack, list != NULL && list->len > 0 ? "list" : "empty");
}

static void
list_done (gpointer owner,
           gpointer result,
           gpointer user_data)
{
  if (result != NULL)
    show_conflicts (WB_CONFLICTS_PAGE (owner), result);
}

void
wb_conflicts_page_reload (WbConflictsPage *self)
{
  g_return_if_fail (WB_IS_CONFLICTS_PAGE (self));

  if (self->store == NULL)
    {
      show_conflicts (self, NULL);
      return;
    }
  wb_ui_jobs_run (&self->jobs, self->store, list_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                  wb_ui_jobs_get_cancellable (&self->jobs), list_done, NULL, NULL);
}

/* Failed or not, the list is read again: the conflict may be gone. */
static void
resolve_done (gpointer owner,
              gpointer result,
              gpointer user_data)
{
  WbConflictsPage *self = owner;
  const Resolve *r = result;

  if (r != NULL)
    {
      toast_text (self, r->take_theirs ? _("Their version is now the current one")
                                       : _("Your version stays; theirs was set aside"));
      g_signal_emit (self, signals[RESOLVED], 0);
    }
  wb_conflicts_page_reload (self);
}

void
wb_conflicts_page_resolve (WbConflictsPage *self,
                           gint64           id,
                           gboolean         take_theirs)
{
  Resolve *r;

  g_return_if_fail (WB_IS_CONFLICTS_PAGE (self));

  if (self->store == NULL)
    return;
  /* One decision per conflict: the buttons wait for the reload. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->conflicts_box), FALSE);
  r = g_new0 (Resolve, 1);
  r->id = id;
  r->take_theirs = take_theirs;
  wb_ui_jobs_run (&self->jobs, self->store, resolve_job, r, g_free, g_free,
                  wb_ui_jobs_get_cancellable (&self->jobs), resolve_done, NULL, NULL);
}

/* ---- GObject ------------------------------------------------------------ */

static void
loading_changed_cb (WbConflictsPage *self)
{
  if (!wb_ui_jobs_is_busy (&self->jobs))
    gtk_widget_set_sensitive (GTK_WIDGET (self->conflicts_box), TRUE);
}

static void
wb_conflicts_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (wb_conflicts_page_parent_class)->constructed (object);

  wb_conflicts_page_reload (WB_CONFLICTS_PAGE (object));
}

static void
wb_conflicts_page_dispose (GObject *object)
{
  WbConflictsPage *self = (WbConflictsPage *)object;

  wb_ui_jobs_cancel (&self->jobs);
  g_clear_object (&self->store);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);

  /* AdwBin 1.2 unparents its child again in its own dispose. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_CONFLICTS_PAGE);

  G_OBJECT_CLASS (wb_conflicts_page_parent_class)->dispose (object);
}

static void
wb_conflicts_page_finalize (GObject *object)
{
  WbConflictsPage *self = (WbConflictsPage *)object;

  wb_ui_jobs_clear (&self->jobs);

  G_OBJECT_CLASS (wb_conflicts_page_parent_class)->finalize (object);
}

static void
wb_conflicts_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WbConflictsPage *self = WB_CONFLICTS_PAGE (object);

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
wb_conflicts_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WbConflictsPage *self = WB_CONFLICTS_PAGE (object);

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
wb_conflicts_page_class_init (WbConflictsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wb_conflicts_page_constructed;
  object_class->dispose = wb_conflicts_page_dispose;
  object_class->finalize = wb_conflicts_page_finalize;
  object_class->get_property = wb_conflicts_page_get_property;
  object_class->set_property = wb_conflicts_page_set_property;

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
   * WbConflictsPage::add-toast:
   * @toast: the toast to show; handlers take their own reference
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  /**
   * WbConflictsPage::resolved:
   *
   * A conflict was resolved: views of the signals may load again.
   */
  signals[RESOLVED] =
    g_signal_new ("resolved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-conflicts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WbConflictsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, WbConflictsPage, conflicts_box);
}

static void
wb_conflicts_page_init (WbConflictsPage *self)
{
  wb_ui_jobs_init (&self->jobs, self, properties[PROP_LOADING], wb_exchange_ui_describe_error);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::loading", G_CALLBACK (loading_changed_cb), NULL);
}

GtkWidget *
wb_conflicts_page_new (WbStore *store)
{
  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  return g_object_new (WB_TYPE_CONFLICTS_PAGE, "store", store, NULL);
}

gboolean
wb_conflicts_page_get_loading (WbConflictsPage *self)
{
  g_return_val_if_fail (WB_IS_CONFLICTS_PAGE (self), FALSE);

  return wb_ui_jobs_is_busy (&self->jobs);
}

GPtrArray *
wb_conflicts_page_get_conflicts (WbConflictsPage *self)
{
  g_return_val_if_fail (WB_IS_CONFLICTS_PAGE (self), NULL);

  return self->conflicts;
}
