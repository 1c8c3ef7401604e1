/* wb-ui-format.c — how signal fields read on screen
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-ui-format"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-ui-format.h"

char *
wb_ui_format_codes (WbSignal *signal)
{
  const char * const *codes;

  g_return_val_if_fail (WB_IS_SIGNAL (signal), NULL);

  codes = wb_signal_get_categories (signal);
  return g_strjoinv (", ", (char **) codes);
}

char *
wb_ui_format_categories (WbSignal *signal)
{
  const char * const *codes;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (WB_IS_SIGNAL (signal), NULL);

  codes = wb_signal_get_categories (signal);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const char *label = wb_taxonomy_get_label (codes[i]);

      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s %s", codes[i], label ? label : "");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
wb_ui_format_occurred (WbSignal *signal)
{
  const char *date;

  g_return_val_if_fail (WB_IS_SIGNAL (signal), NULL);

  date = wb_signal_get_occurred_on (signal);
  if (date == NULL)
    return g_strdup ("");

  switch (wb_signal_get_occurred_precision (signal))
    {
    case WB_PRECISION_MONTH:
      return g_strndup (date, 7);
    case WB_PRECISION_YEAR:
      return g_strndup (date, 4);
    case WB_PRECISION_ESTIMATE:
      /* Translators: an estimated date, "≈ 2026-03-14" */
      return g_strdup_printf (_("≈ %s"), date);
    case WB_PRECISION_DAY:
    default:
      return g_strdup (date);
    }
}

gboolean
wb_ui_signal_is_overdue (WbSignal   *signal,
                         const char *today)
{
  g_autofree char *now = NULL;
  const char *review;

  g_return_val_if_fail (WB_IS_SIGNAL (signal), FALSE);

  review = wb_signal_get_review_on (signal);
  if (review == NULL || wb_signal_get_legal_hold (signal))
    return FALSE;

  if (today == NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_now_utc ();

      now = g_date_time_format (dt, "%Y-%m-%d");
      today = now;
    }

  /* ISO dates compare as strings. */
  return strcmp (review, today) < 0;
}

const char *
wb_ui_tlp_css_class (WbTlp tlp)
{
  switch (tlp)
    {
    case WB_TLP_CLEAR: return "wb-tlp-clear";
    case WB_TLP_GREEN: return "wb-tlp-green";
    case WB_TLP_AMBER: return "wb-tlp-amber";
    case WB_TLP_AMBER_STRICT: return "wb-tlp-amber";
    case WB_TLP_RED: return "wb-tlp-red";
    default: return "wb-tlp-clear";
    }
}

char *
wb_ui_format_community (WbCommunityContext context)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint bit = 0; bit < 6; bit++)
    {
      int flag = 1 << bit;

      if ((context & flag) == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, wb_enum_get_label (WB_TYPE_COMMUNITY_CONTEXT, flag));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

GtkStringList *
wb_ui_enum_string_list (GType type,
                        int   first,
                        int   last)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (int value = first; value <= last; value++)
    gtk_string_list_append (list, wb_enum_get_label (type, value));

  return list;
}

void
wb_ui_group_clear_rows (AdwPreferencesGroup *group,
                        GPtrArray           *rows,
                        GtkWidget           *empty_row)
{
  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));
  g_return_if_fail (rows != NULL);

  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);

  if (empty_row != NULL && gtk_widget_get_parent (empty_row) != NULL)
    adw_preferences_group_remove (group, empty_row);
}
