/* wb-stats.c — aggregates for the dashboard and reports, and small-cell suppression
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-stats"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wb-records.h"
#include "wb-stats.h"
#include "wb-taxonomy.h"

#define MAX_CATEGORIES 32
/* Stands for "no upper bound" in the interval arithmetic below. */
#define UNBOUNDED (G_GINT64_CONSTANT (1) << 40)

typedef struct
{
  gint64 total;
  gint64 by_category[MAX_CATEGORIES];
} MonthRow;

struct _WbAggregateBuilder
{
  int         from_key;           /* year * 12 + month - 1; -1 = open */
  int         to_key;
  int         min_key;            /* months seen, for open periods */
  int         max_key;
  GHashTable *months;             /* GINT_TO_POINTER (key + 1) → MonthRow */
  int         last_key;
  MonthRow   *last_row;
  char        last_month[8];
  gint64      total;
  gint64      by_level[WB_STATS_N_LEVELS];
  gint64      by_category[MAX_CATEGORIES];
  GHashTable *municipalities;     /* name (see add_municipality ()) → gint64 * */
  gint64      proposals[WB_STATS_N_PROPOSAL_LEVELS];
};

G_DEFINE_QUARK (wb-stats-error-quark, wb_stats_error)

static GPtrArray *categories_cache;

static void
ensure_categories (void)
{
  GPtrArray *list;

  if (g_once_init_enter (&categories_cache))
    {
      list = g_ptr_array_new ();
      for (guint i = 0; i < wb_taxonomy_get_n_codes (); i++)
        {
          const char *code = wb_taxonomy_get_code (i);

          if (wb_taxonomy_is_category (code))
            g_ptr_array_add (list, (gpointer) code);
        }
      g_assert (list->len <= MAX_CATEGORIES);
      g_once_init_leave (&categories_cache, list);
    }
}

guint
wb_stats_get_n_categories (void)
{
  ensure_categories ();
  return categories_cache->len;
}

const char *
wb_stats_get_category (guint index)
{
  ensure_categories ();
  g_return_val_if_fail (index < categories_cache->len, NULL);
  return g_ptr_array_index (categories_cache, index);
}

int
wb_stats_category_index (const char *code)
{
  const char *category;

  g_return_val_if_fail (code != NULL, -1);

  ensure_categories ();
  category = wb_taxonomy_get_category (code);
  if (category == NULL)
    return -1;
  for (guint i = 0; i < categories_cache->len; i++)
    if (strcmp (g_ptr_array_index (categories_cache, i), category) == 0)
      return (int) i;
  return -1;
}

/* ---- periods ------------------------------------------------------------ */

static int
month_key_from_text (const char *text)
{
  int year, month;

  /* Fast path for the store's YYYY-MM-DD (or YYYY-MM) strings. */
  if (text == NULL ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[2]) || !g_ascii_isdigit (text[3]) ||
      text[4] != '-' || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]) ||
      (text[7] != '\0' && text[7] != '-'))
    return -1;

  year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  month = (text[5] - '0') * 10 + (text[6] - '0');
  if (month < 1 || month > 12 || year < 1)
    return -1;
  return year * 12 + month - 1;
}

static char *
month_key_to_text (int key)
{
  return g_strdup_printf ("%04d-%02d", key / 12, key % 12 + 1);
}

gboolean
wb_stats_parse_month (const char  *text,
                      guint       *year,
                      guint       *month,
                      GError     **error)
{
  int key;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  key = (text != NULL && strlen (text) == 7) ? month_key_from_text (text) : -1;
  if (key < 0)
    {
      g_set_error_literal (error, WB_STATS_ERROR, WB_STATS_ERROR_INVALID_PERIOD,
                           _("A month must be written as YYYY-MM"));
      return FALSE;
    }
  if (year != NULL)
    *year = key / 12;
  if (month != NULL)
    *month = key % 12 + 1;
  return TRUE;
}

gboolean
wb_aggregate_query_validate (const WbAggregateQuery  *query,
                             GError                 **error)
{
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((query->from_month != NULL && !wb_stats_parse_month (query->from_month, NULL, NULL, error)) ||
      (query->to_month != NULL && !wb_stats_parse_month (query->to_month, NULL, NULL, error)))
    return FALSE;
  if (query->from_month != NULL && query->to_month != NULL &&
      strcmp (query->from_month, query->to_month) > 0)
    {
      g_set_error_literal (error, WB_STATS_ERROR, WB_STATS_ERROR_INVALID_PERIOD,
                           _("The period ends before it starts"));
      return FALSE;
    }
  return TRUE;
}

/* ---- building ----------------------------------------------------------- */

/* Municipalities group case-insensitively (ASCII), as the store's
 * COLLATE NOCASE index does. */
static guint
ascii_case_hash (gconstpointer key)
{
  const char *p = key;
  guint32 h = 5381;

  for (; *p != '\0'; p++)
    h = (h << 5) + h + (guint32) g_ascii_tolower (*p);
  return h;
}

static gboolean
ascii_case_equal (gconstpointer a,
                  gconstpointer b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

WbAggregateBuilder *
wb_aggregate_builder_new (const WbAggregateQuery *query)
{
  WbAggregateBuilder *self = g_new0 (WbAggregateBuilder, 1);

  self->from_key = -1;
  self->to_key = -1;
  if (query != NULL && query->from_month != NULL)
    self->from_key = month_key_from_text (query->from_month);
  if (query != NULL && query->to_month != NULL)
    self->to_key = month_key_from_text (query->to_month);
  self->min_key = G_MAXINT;
  self->max_key = -1;
  self->last_key = -1;
  self->months = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->municipalities = g_hash_table_new_full (ascii_case_hash, ascii_case_equal, g_free, g_free);
  return self;
}

void
wb_aggregate_builder_free (WbAggregateBuilder *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->months, g_hash_table_unref);
  g_clear_pointer (&self->municipalities, g_hash_table_unref);
  g_free (self);
}

/* The row of the month of @occurred_on ("YYYY-MM-DD" or "YYYY-MM"), or
 * NULL when the date is malformed or outside the period. */
static MonthRow *
month_row (WbAggregateBuilder *self,
           const char         *occurred_on)
{
  MonthRow *row;
  int key;

  /* Rows arrive in date order: most share the previous row's month. */
  if (occurred_on != NULL && self->last_row != NULL && strncmp (occurred_on, self->last_month, 7) == 0)
    return self->last_row;

  key = month_key_from_text (occurred_on);
  if (key < 0)
    {
      g_debug ("skipping a signal with a malformed date");
      return NULL;
    }
  if ((self->from_key >= 0 && key < self->from_key) ||
      (self->to_key >= 0 && key > self->to_key))
    return NULL;
  row = g_hash_table_lookup (self->months, GINT_TO_POINTER (key + 1));
  if (row == NULL)
    {
      row = g_new0 (MonthRow, 1);
      g_hash_table_insert (self->months, GINT_TO_POINTER (key + 1), row);
    }
  self->last_key = key;
  self->last_row = row;
  memcpy (self->last_month, occurred_on, 7);
  self->last_month[7] = '\0';
  self->min_key = MIN (self->min_key, key);
  self->max_key = MAX (self->max_key, key);
  return row;
}

/* Names that differ only in case are one municipality, shown with the
 * spelling that sorts first (strcmp): the same whatever order the
 * signals or tallies arrive in, so a recount and the running tallies
 * (migration 7) agree. */
static void
add_municipality (WbAggregateBuilder *self,
                  const char         *municipality,
                  gint64              n)
{
  gpointer key = NULL;
  gpointer value = NULL;
  gint64 *count;

  if (!g_hash_table_lookup_extended (self->municipalities, municipality, &key, &value))
    {
      count = g_new0 (gint64, 1);
      g_hash_table_insert (self->municipalities, g_strdup (municipality), count);
    }
  else
    {
      count = value;
      if (strcmp (municipality, key) < 0)
        {
          g_hash_table_steal (self->municipalities, key);
          g_free (key);
          g_hash_table_insert (self->municipalities, g_strdup (municipality), count);
        }
    }
  *count += n;
}

void
wb_aggregate_builder_add (WbAggregateBuilder *self,
                          const char         *occurred_on,
                          int                 level,
                          const char         *municipality,
                          guint32             category_mask)
{
  MonthRow *row;

  g_return_if_fail (self != NULL);
  g_return_if_fail (municipality != NULL);

  row = month_row (self, occurred_on);
  if (row == NULL)
    return;

  self->total++;
  row->total++;
  if (level >= 1 && level <= WB_STATS_N_LEVELS)
    self->by_level[level - 1]++;
  for (guint i = 0; category_mask != 0 && i < MAX_CATEGORIES; i++, category_mask >>= 1)
    if (category_mask & 1)
      {
        row->by_category[i]++;
        self->by_category[i]++;
      }

  add_municipality (self, municipality, 1);
}

void
wb_aggregate_builder_add_level_count (WbAggregateBuilder *self,
                                      const char         *month,
                                      int                 level,
                                      gint64              n)
{
  MonthRow *row;

  g_return_if_fail (self != NULL);

  row = month_row (self, month);
  if (row == NULL)
    return;
  self->total += n;
  row->total += n;
  if (level >= 1 && level <= WB_STATS_N_LEVELS)
    self->by_level[level - 1] += n;
}

void
wb_aggregate_builder_add_municipality_count (WbAggregateBuilder *self,
                                             const char         *month,
                                             const char         *municipality,
                                             gint64              n)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (municipality != NULL);

  if (month_row (self, month) != NULL)
    add_municipality (self, municipality, n);
}

void
wb_aggregate_builder_add_category_count (WbAggregateBuilder *self,
                                         const char         *month,
                                         const char         *category,
                                         gint64              n)
{
  MonthRow *row;
  int i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (category != NULL);

  i = wb_stats_category_index (category);
  if (i < 0 || (row = month_row (self, month)) == NULL)
    return;
  row->by_category[i] += n;
  self->by_category[i] += n;
}

void
wb_aggregate_builder_add_proposal (WbAggregateBuilder *self,
                                   int                 proposed_level)
{
  g_return_if_fail (self != NULL);

  if (proposed_level >= 5 && proposed_level <= 7)
    self->proposals[proposed_level - 5]++;
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const WbCount *x = *(WbCount * const *) a;
  const WbCount *y = *(WbCount * const *) b;
  int c;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if ((c = g_ascii_strcasecmp (x->key, y->key)) != 0)
    return c;
  return strcmp (x->key, y->key);
}

WbAggregate *
wb_aggregate_builder_finish (WbAggregateBuilder *self)
{
  g_autoptr(WbAggregateBuilder) builder = self;
  WbAggregate *agg;
  GHashTableIter iter;
  gpointer key, value;
  guint n_cat;
  int first, last;

  g_return_val_if_fail (self != NULL, NULL);

  n_cat = wb_stats_get_n_categories ();
  agg = g_new0 (WbAggregate, 1);

  first = self->from_key >= 0 ? self->from_key : self->min_key;
  last = self->to_key >= 0 ? self->to_key : self->max_key;
  if (self->from_key < 0 && self->to_key >= 0 && self->min_key > self->to_key)
    first = self->to_key;
  if (self->to_key < 0 && self->from_key >= 0 && self->max_key < self->from_key)
    last = self->from_key;
  if (first == G_MAXINT || last < 0 || last < first)
    agg->n_months = 0;
  else
    agg->n_months = (guint) (last - first + 1);

  agg->total = self->total;
  agg->months = g_new0 (char *, agg->n_months + 1);
  agg->by_month = g_new0 (gint64, agg->n_months);
  agg->by_month_category = g_new0 (gint64, (gsize) agg->n_months * n_cat);
  for (guint m = 0; m < agg->n_months; m++)
    {
      MonthRow *row = g_hash_table_lookup (self->months, GINT_TO_POINTER (first + (int) m + 1));

      agg->months[m] = month_key_to_text (first + (int) m);
      if (row == NULL)
        continue;
      agg->by_month[m] = row->total;
      memcpy (&agg->by_month_category[(gsize) m * n_cat], row->by_category, n_cat * sizeof (gint64));
    }
  if (agg->n_months > 0)
    {
      agg->from_month = g_strdup (agg->months[0]);
      agg->to_month = g_strdup (agg->months[agg->n_months - 1]);
    }

  agg->n_categories = n_cat;
  agg->categories = g_new0 (char *, n_cat + 1);
  agg->by_category = g_new0 (gint64, n_cat);
  for (guint i = 0; i < n_cat; i++)
    {
      agg->categories[i] = g_strdup (wb_stats_get_category (i));
      agg->by_category[i] = self->by_category[i];
    }

  memcpy (agg->by_level, self->by_level, sizeof agg->by_level);
  memcpy (agg->open_proposals, self->proposals, sizeof agg->open_proposals);

  agg->by_municipality = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_count_free);
  g_hash_table_iter_init (&iter, self->municipalities);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      WbCount *count = g_new0 (WbCount, 1);

      count->key = g_strdup (key);
      count->count = *(gint64 *) value;
      g_ptr_array_add (agg->by_municipality, count);
    }
  g_ptr_array_sort (agg->by_municipality, compare_counts);

  return agg;
}

void
wb_aggregate_free (WbAggregate *agg)
{
  if (agg == NULL)
    return;
  g_free (agg->from_month);
  g_free (agg->to_month);
  g_strfreev (agg->months);
  g_free (agg->by_month);
  g_strfreev (agg->categories);
  g_free (agg->by_category);
  g_free (agg->by_month_category);
  g_clear_pointer (&agg->by_municipality, g_ptr_array_unref);
  g_free (agg);
}

/* ---- suppression -------------------------------------------------------- */

static void
cell_bounds (const gint64 *counts,
             WbCellState  *states,
             guint         i,
             gint64       *lo,
             gint64       *hi)
{
  switch (states[i])
    {
    case WB_CELL_SMALL:
      *lo = 1;
      *hi = WB_STATS_SMALL_MAX;
      break;
    case WB_CELL_HIDDEN:
      *lo = WB_STATS_SMALL_MAX + 1;
      *hi = UNBOUNDED;
      break;
    case WB_CELL_SHOWN:
    default:
      *lo = *hi = counts[i];
      break;
    }
}

/* A reader who knows the rules sees each small cell only as 1–4, each
 * hidden one as ≥ 5, and the group's sum.  The group is safe when no
 * suppressed cell in it (member or total) is pinned to one value: a
 * pinned hidden cell would give a small one away through another group.
 * For one sum with per-cell bounds, the projection below is exact; for
 * groups that are only "at least" sums it is conservative.  Combining
 * several groups at once can say more than each alone; docs/stats.md. */
static gboolean
group_is_safe (const gint64       *counts,
               WbCellState        *states,
               const WbStatsGroup *group)
{
  gint64 sum_lo = 0, sum_hi = 0, bounded_hi = 0;
  guint n_unbounded = 0;
  gint64 t_lo, t_hi;

  for (guint k = 0; k < group->n_members; k++)
    {
      gint64 lo, hi;

      cell_bounds (counts, states, group->members[k], &lo, &hi);
      sum_lo += lo;
      if (hi >= UNBOUNDED)
        n_unbounded++;
      else
        bounded_hi += hi;
    }
  sum_hi = n_unbounded > 0 ? UNBOUNDED : bounded_hi;
  cell_bounds (counts, states, group->total, &t_lo, &t_hi);

  if (states[group->total] != WB_CELL_SHOWN &&
      MIN (t_hi, sum_hi) <= MAX (t_lo, sum_lo))
    return FALSE;

  for (guint k = 0; k < group->n_members; k++)
    {
      guint i = group->members[k];
      gint64 lo, hi, others_lo, others_hi, feasible_lo, feasible_hi;

      if (states[i] == WB_CELL_SHOWN)
        continue;
      cell_bounds (counts, states, i, &lo, &hi);
      others_lo = sum_lo - lo;
      if (hi >= UNBOUNDED)
        others_hi = n_unbounded > 1 ? UNBOUNDED : bounded_hi;
      else
        others_hi = n_unbounded > 0 ? UNBOUNDED : bounded_hi - hi;
      feasible_lo = MAX (lo, others_hi >= UNBOUNDED ? lo : t_lo - others_hi);
      feasible_hi = MIN (hi, t_hi >= UNBOUNDED ? hi : t_hi - others_lo);
      if (feasible_hi <= feasible_lo)
        return FALSE;
    }
  return TRUE;
}

static gboolean
group_has_suppressed (WbCellState        *states,
                      const WbStatsGroup *group)
{
  if (states[group->total] != WB_CELL_SHOWN)
    return TRUE;
  for (guint k = 0; k < group->n_members; k++)
    if (states[group->members[k]] != WB_CELL_SHOWN)
      return TRUE;
  return FALSE;
}

void
wb_stats_suppress (const gint64       *counts,
                   guint               n_counts,
                   const WbStatsGroup *groups,
                   guint               n_groups,
                   WbCellState        *states)
{
  gboolean changed = TRUE;

  g_return_if_fail (n_counts == 0 || (counts != NULL && states != NULL));
  g_return_if_fail (n_groups == 0 || groups != NULL);

  for (guint i = 0; i < n_counts; i++)
    states[i] = (counts[i] >= 1 && counts[i] <= WB_STATS_SMALL_MAX) ? WB_CELL_SMALL : WB_CELL_SHOWN;

  /* Complementary suppression: hide the smallest shown count of an unsafe
   * group (least information lost), its total last.  Cells only ever get
   * hidden, so this ends. */
  while (changed)
    {
      changed = FALSE;
      for (guint g = 0; g < n_groups; g++)
        {
          const WbStatsGroup *group = &groups[g];

          if (!group_has_suppressed (states, group))
            continue;
          while (!group_is_safe (counts, states, group))
            {
              guint best = G_MAXUINT;

              for (guint k = 0; k < group->n_members; k++)
                {
                  guint i = group->members[k];

                  if (states[i] == WB_CELL_SHOWN && counts[i] > 0 &&
                      (best == G_MAXUINT || counts[i] < counts[best]))
                    best = i;
                }
              if (best == G_MAXUINT && states[group->total] == WB_CELL_SHOWN && counts[group->total] > 0)
                best = group->total;
              if (best == G_MAXUINT)
                break;
              states[best] = WB_CELL_HIDDEN;
              changed = TRUE;
            }
        }
    }
}

WbSuppression *
wb_aggregate_suppress (const WbAggregate *agg)
{
  WbSuppression *s;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GArray) members = NULL;
  g_autoptr(GArray) groups = NULL;
  g_autofree WbCellState *states = NULL;
  guint n_mun, n_cat, n_mon, i_level, i_cat, i_mun, i_mon, i_mc;
  gsize member_offset;

  g_return_val_if_fail (agg != NULL, NULL);

  n_mun = agg->by_municipality->len;
  n_cat = agg->n_categories;
  n_mon = agg->n_months;

  /* One flat list of every published count … */
  counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (counts, agg->total);
  i_level = counts->len;
  g_array_append_vals (counts, agg->by_level, WB_STATS_N_LEVELS);
  i_cat = counts->len;
  g_array_append_vals (counts, agg->by_category, n_cat);
  i_mun = counts->len;
  for (guint k = 0; k < n_mun; k++)
    g_array_append_val (counts, ((WbCount *) g_ptr_array_index (agg->by_municipality, k))->count);
  i_mon = counts->len;
  g_array_append_vals (counts, agg->by_month, n_mon);
  i_mc = counts->len;
  g_array_append_vals (counts, agg->by_month_category, (guint) (n_mon * n_cat));

  /* … and every sum a reader can form from them: levels, municipalities
   * and months each add up to the total; each category's months add up
   * to the category; and each month's categories add up to at least the
   * month (a signal may carry several categories). */
  members = g_array_sized_new (FALSE, FALSE, sizeof (guint), 64);
  groups = g_array_new (FALSE, TRUE, sizeof (WbStatsGroup));
#define ADD_GROUP(total_index, n, index_expr)                                 \
  G_STMT_START {                                                              \
    WbStatsGroup group_ = { (total_index), (n), NULL };                       \
    group_.members = GUINT_TO_POINTER (members->len);                         \
    for (guint k = 0; k < (n); k++)                                           \
      {                                                                       \
        guint index_ = (index_expr);                                          \
        g_array_append_val (members, index_);                                 \
      }                                                                       \
    g_array_append_val (groups, group_);                                      \
  } G_STMT_END
  ADD_GROUP (0, WB_STATS_N_LEVELS, i_level + k);
  ADD_GROUP (0, n_mun, i_mun + k);
  ADD_GROUP (0, n_mon, i_mon + k);
  for (guint c = 0; c < n_cat; c++)
    ADD_GROUP (i_cat + c, n_mon, i_mc + k * n_cat + c);
  for (guint m = 0; m < n_mon; m++)
    ADD_GROUP (i_mon + m, n_cat, i_mc + m * n_cat + k);
#undef ADD_GROUP
  /* The member array may have moved while growing: offsets become
   * pointers only now. */
  for (guint g = 0; g < groups->len; g++)
    {
      WbStatsGroup *group = &g_array_index (groups, WbStatsGroup, g);

      member_offset = GPOINTER_TO_UINT (group->members);
      group->members = &g_array_index (members, guint, member_offset);
    }

  states = g_new0 (WbCellState, counts->len);
  wb_stats_suppress ((const gint64 *) (gpointer) counts->data, counts->len,
                     (const WbStatsGroup *) (gpointer) groups->data, groups->len, states);

  s = g_new0 (WbSuppression, 1);
  s->total = states[0];
  memcpy (s->by_level, &states[i_level], sizeof s->by_level);
  s->by_category = g_memdup2 (&states[i_cat], n_cat * sizeof (WbCellState));
  s->by_municipality = g_memdup2 (&states[i_mun], n_mun * sizeof (WbCellState));
  s->by_month = g_memdup2 (&states[i_mon], n_mon * sizeof (WbCellState));
  s->by_month_category = g_memdup2 (&states[i_mc], (gsize) n_mon * n_cat * sizeof (WbCellState));
  return s;
}

void
wb_suppression_free (WbSuppression *s)
{
  if (s == NULL)
    return;
  g_free (s->by_month);
  g_free (s->by_category);
  g_free (s->by_month_category);
  g_free (s->by_municipality);
  g_free (s);
}

const char *
wb_stats_format_count (gint64       count,
                       WbCellState  state,
                       char         buf[32])
{
  switch (state)
    {
    case WB_CELL_SMALL:
      return "<5";
    case WB_CELL_HIDDEN:
      return "x";
    case WB_CELL_SHOWN:
    default:
      g_snprintf (buf, 32, "%" G_GINT64_FORMAT, count);
      return buf;
    }
}
