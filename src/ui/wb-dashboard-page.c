/* wb-dashboard-page.c — the coordinator's picture: counts over time, by level and municipality
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-dashboard-page"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-bar-chart.h"
#include "wb-dashboard-page.h"

enum
{
  CHART_OVER_TIME,
  CHART_LEVEL,
  CHART_MUNICIPALITY,
  CHART_CATEGORY,
  N_CHARTS
};

struct _WbDashboardPage
{
  AdwBin         parent_instance;

  WbStore       *store;
  GCancellable  *cancellable;
  WbAggregate   *aggregate;
  gboolean       loading;
  guint          serial;      /* of the latest load: older results are dropped */

  GtkDropDown   *period;
  GtkSpinner    *spinner;
  GtkLabel      *total_label;
  GtkLabel      *proposals_label;
  GtkBox        *sections;
  WbBarChart    *charts[N_CHARTS];
  GtkGrid       *grids[N_CHARTS];
};

G_DEFINE_FINAL_TYPE (WbDashboardPage, wb_dashboard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char *from_month;
  char *to_month;
} Job;

typedef struct
{
  WbDashboardPage *self;
  guint            serial;
} Load;

static void
job_free (Job *job)
{
  g_free (job->from_month);
  g_free (job->to_month);
  g_free (job);
}

static gpointer
aggregate_job (WbStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Job *job = data;
  WbAggregateQuery query = { job->from_month, job->to_month };

  return wb_store_dup_aggregate (store, &query, error);
}

void
wb_dashboard_period_to_query (WbDashboardPeriod   period,
                              GDateTime          *today,
                              char              **from_month,
                              char              **to_month)
{
  int year, month;

  g_return_if_fail (today != NULL);
  g_return_if_fail (from_month != NULL && to_month != NULL);

  year = g_date_time_get_year (today);
  month = g_date_time_get_month (today);
  *from_month = *to_month = NULL;

  switch (period)
    {
    case WB_DASHBOARD_PERIOD_LAST_12_MONTHS:
      {
        int first = year * 12 + month - 1 - 11;

        *from_month = g_strdup_printf ("%04d-%02d", first / 12, first % 12 + 1);
        *to_month = g_strdup_printf ("%04d-%02d", year, month);
      }
      break;
    case WB_DASHBOARD_PERIOD_THIS_YEAR:
      *from_month = g_strdup_printf ("%04d-01", year);
      *to_month = g_strdup_printf ("%04d-%02d", year, month);
      break;
    case WB_DASHBOARD_PERIOD_LAST_YEAR:
      *from_month = g_strdup_printf ("%04d-01", year - 1);
      *to_month = g_strdup_printf ("%04d-12", year - 1);
      break;
    case WB_DASHBOARD_PERIOD_ALL:
    default:
      break;
    }
}

static void
set_loading (WbDashboardPage *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_aggregate (WbDashboardPage *self)
{
  const WbAggregate *agg = self->aggregate;
  g_autofree char *total = NULL;
  g_autofree char *proposals = NULL;
  g_autofree char **level_labels = NULL;
  g_autofree char **category_labels = NULL;
  g_autofree const char **municipalities = NULL;
  g_autofree gint64 *municipality_counts = NULL;

  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, agg->total);
  total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s signal in this period",
                                        "%s signals in this period", (gulong) MIN (agg->total, 1000000)),
                           number);
  gtk_label_set_text (self->total_label, total);
  level_labels = g_new0 (char *, WB_STATS_N_LEVELS + 1);
  category_labels = g_new0 (char *, agg->n_categories + 1);
  municipalities = g_new0 (const char *, agg->by_municipality->len + 1);
  municipality_counts = g_new0 (gint64, agg->by_municipality->len + 1);
  /* Translators: open proposals per proposed national level */
  proposals = g_strdup_printf (_("Level 5: %d · Level 6: %d · Level 7: %d"),
                               (int) agg->open_proposals[0], (int) agg->open_proposals[1],
                               (int) agg->open_proposals[2]);
  gtk_label_set_text (self->proposals_label, proposals);

  for (guint c = 0; c < agg->n_categories; c++)
    category_labels[c] = g_strdup_printf ("%s %s", agg->categories[c], wb_taxonomy_get_label (agg->categories[c]));
  for (int l = 1; l <= WB_STATS_N_LEVELS; l++)
    level_labels[l - 1] = g_strdup_printf ("%d %s", l, wb_ladder_level_get_name (l));
  for (guint i = 0; i < agg->by_municipality->len; i++)
    {
      const WbCount *count = g_ptr_array_index (agg->by_municipality, i);

      municipalities[i] = count->key;
      municipality_counts[i] = count->count;
    }

  wb_bar_chart_set_data (self->charts[CHART_OVER_TIME], agg->n_months, (const char * const *) agg->months,
                         agg->n_categories, (const char * const *) agg->categories, agg->by_month_category);
  wb_bar_chart_set_data (self->charts[CHART_LEVEL], WB_STATS_N_LEVELS, (const char * const *) level_labels,
                         1, NULL, agg->by_level);
  wb_bar_chart_set_data (self->charts[CHART_MUNICIPALITY], agg->by_municipality->len, municipalities,
                         1, NULL, municipality_counts);
  wb_bar_chart_set_data (self->charts[CHART_CATEGORY], agg->n_categories, (const char * const *) category_labels,
                         1, NULL, agg->by_category);
  for (guint i = 0; i < N_CHARTS; i++)
    wb_bar_chart_fill_grid (self->charts[i], self->grids[i]);

  for (guint c = 0; c < agg->n_categories; c++)
    g_free (category_labels[c]);
  for (int l = 0; l < WB_STATS_N_LEVELS; l++)
    g_free (level_labels[l]);
}

static void
aggregate_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(WbDashboardPage) self = load->self;
  g_autoptr(GError) error = NULL;
  WbAggregate *agg = wb_records_run_finish (result, &error);
  guint serial = load->serial;

  g_free (load);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || serial != self->serial)
    {
      g_clear_pointer (&agg, wb_aggregate_free);
      return;
    }
  set_loading (self, FALSE);
  if (agg == NULL)
    {
      g_warning ("Could not count the signals: %s", error->message);
      gtk_label_set_text (self->total_label, _("Could not count the signals"));
      return;
    }
  g_clear_pointer (&self->aggregate, wb_aggregate_free);
  self->aggregate = agg;
  show_aggregate (self);
}

void
wb_dashboard_page_reload (WbDashboardPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Job *job;
  Load *load;

  g_return_if_fail (WB_IS_DASHBOARD_PAGE (self));

  self->serial++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL)
    {
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  job = g_new0 (Job, 1);
  wb_dashboard_period_to_query (gtk_drop_down_get_selected (self->period), now, &job->from_month, &job->to_month);
  load = g_new0 (Load, 1);
  load->self = g_object_ref (self);
  load->serial = self->serial;
  set_loading (self, TRUE);
  wb_records_run_async (self->store, aggregate_job, job, (GDestroyNotify) job_free,
                        (GDestroyNotify) wb_aggregate_free, self->cancellable,
                        aggregate_ready_cb, load);
}

static void
period_changed_cb (WbDashboardPage *self)
{
  wb_dashboard_page_reload (self);
}

static void
add_section (WbDashboardPage *self,
             guint            index,
             const char      *name,
             const char      *title,
             GtkOrientation   orientation)
{
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *chart = wb_bar_chart_new (orientation);
  GtkWidget *expander = gtk_expander_new (_("Show as a table"));
  GtkWidget *grid = gtk_grid_new ();
  g_autofree char *chart_name = g_strconcat ("chart-", name, NULL);
  g_autofree char *grid_name = g_strconcat ("table-", name, NULL);
  g_autofree char *expander_name = g_strconcat ("show-table-", name, NULL);

  gtk_widget_set_name (chart, chart_name);
  gtk_widget_set_name (grid, grid_name);
  gtk_widget_set_name (expander, expander_name);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (self->sections, heading);

  wb_bar_chart_set_title (WB_BAR_CHART (chart), title);
  gtk_box_append (self->sections, chart);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_margin_top (grid, 6);
  gtk_expander_set_child (GTK_EXPANDER (expander), grid);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (self->sections, expander);

  self->charts[index] = WB_BAR_CHART (chart);
  self->grids[index] = GTK_GRID (grid);
}

static void
wb_dashboard_page_dispose (GObject *object)
{
  WbDashboardPage *self = (WbDashboardPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_DASHBOARD_PAGE);

  G_OBJECT_CLASS (wb_dashboard_page_parent_class)->dispose (object);
}

static void
wb_dashboard_page_finalize (GObject *object)
{
  WbDashboardPage *self = (WbDashboardPage *) object;

  g_clear_pointer (&self->aggregate, wb_aggregate_free);

  G_OBJECT_CLASS (wb_dashboard_page_parent_class)->finalize (object);
}

static void
wb_dashboard_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WbDashboardPage *self = WB_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_dashboard_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WbDashboardPage *self = WB_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      wb_dashboard_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_dashboard_page_class_init (WbDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_dashboard_page_dispose;
  object_class->finalize = wb_dashboard_page_finalize;
  object_class->get_property = wb_dashboard_page_get_property;
  object_class->set_property = wb_dashboard_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, WB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WbDashboardPage, period);
  gtk_widget_class_bind_template_child (widget_class, WbDashboardPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, WbDashboardPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, WbDashboardPage, proposals_label);
  gtk_widget_class_bind_template_child (widget_class, WbDashboardPage, sections);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);

  g_type_ensure (WB_TYPE_BAR_CHART);
}

static void
wb_dashboard_page_init (WbDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_section (self, CHART_OVER_TIME, "over-time", _("Signals over time by category"), GTK_ORIENTATION_VERTICAL);
  add_section (self, CHART_LEVEL, "level", _("Signals by escalation level"), GTK_ORIENTATION_HORIZONTAL);
  add_section (self, CHART_MUNICIPALITY, "municipality", _("Signals by municipality"), GTK_ORIENTATION_HORIZONTAL);
  add_section (self, CHART_CATEGORY, "category", _("Signals by category"), GTK_ORIENTATION_HORIZONTAL);
}

GtkWidget *
wb_dashboard_page_new (WbStore *store)
{
  return g_object_new (WB_TYPE_DASHBOARD_PAGE, "store", store, NULL);
}

WbStore *
wb_dashboard_page_get_store (WbDashboardPage *self)
{
  g_return_val_if_fail (WB_IS_DASHBOARD_PAGE (self), NULL);

  return self->store;
}

void
wb_dashboard_page_set_store (WbDashboardPage *self,
                             WbStore         *store)
{
  g_return_if_fail (WB_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (store == NULL || WB_IS_STORE (store));

  if (self->store == store)
    return;
  g_set_object (&self->store, store);
  wb_dashboard_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
wb_dashboard_page_get_loading (WbDashboardPage *self)
{
  g_return_val_if_fail (WB_IS_DASHBOARD_PAGE (self), FALSE);

  return self->loading;
}

const WbAggregate *
wb_dashboard_page_get_aggregate (WbDashboardPage *self)
{
  g_return_val_if_fail (WB_IS_DASHBOARD_PAGE (self), NULL);

  return self->aggregate;
}
