/* wb-signal-rows.c — list rows packed for lists of 100k signals
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-signal-rows"

#include "config.h"

#include "wb-signal-private.h"
#include "wb-signal-rows-private.h"
#include "wb-taxonomy.h"

struct _WbSignalRows
{
  GArray       *rows;     /* of WbSignalRow */
  /* UUIDs, summaries and (once each) municipality names. */
  GStringChunk *strings;
};

WbSignalRows *
_wb_signal_rows_new (guint reserve)
{
  WbSignalRows *rows = g_new0 (WbSignalRows, 1);

  rows->rows = g_array_sized_new (FALSE, FALSE, sizeof (WbSignalRow), reserve);
  rows->strings = g_string_chunk_new (64 * 1024);
  return rows;
}

void
_wb_signal_rows_free (WbSignalRows *rows)
{
  if (rows == NULL)
    return;

  g_array_unref (rows->rows);
  g_string_chunk_free (rows->strings);
  g_free (rows);
}

void
_wb_signal_rows_add (WbSignalRows      *rows,
                     const WbSignalRow *row)
{
  WbSignalRow copy = *row;

  copy.uuid = g_string_chunk_insert (rows->strings, row->uuid);
  copy.summary = g_string_chunk_insert (rows->strings, row->summary);
  copy.municipality = g_string_chunk_insert_const (rows->strings, row->municipality);
  g_array_append_val (rows->rows, copy);
}

guint
_wb_signal_rows_get_len (const WbSignalRows *rows)
{
  return rows->rows->len;
}

void
_wb_signal_rows_truncate (WbSignalRows *rows,
                          guint         len)
{
  if (len < rows->rows->len)
    g_array_set_size (rows->rows, len);
}

const WbSignalRow *
_wb_signal_rows_get (const WbSignalRows *rows,
                     guint               index)
{
  g_return_val_if_fail (index < rows->rows->len, NULL);

  return &g_array_index (rows->rows, WbSignalRow, index);
}

static char *
dup_date (guint32 julian)
{
  GDate date;

  if (julian == 0)
    return NULL;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return wb_date_format_iso (&date);
}

static char **
dup_categories (guint64 mask)
{
  char **codes = g_new0 (char *, 65);
  guint n = 0;

  for (guint i = 0; i < 64; i++)
    if ((mask & (G_GUINT64_CONSTANT (1) << i)) != 0)
      codes[n++] = g_strdup (wb_taxonomy_get_code (i));
  return g_renew (char *, codes, n + 1);
}

WbSignal *
_wb_signal_rows_dup_signal (const WbSignalRows *rows,
                            guint               index)
{
  const WbSignalRow *row = _wb_signal_rows_get (rows, index);
  WbSignal *signal;

  g_return_val_if_fail (row != NULL, NULL);

  signal = _wb_signal_new_list_row ();
  signal->uuid = g_strdup (row->uuid);
  signal->revision = row->revision;
  signal->level = row->level;
  signal->tlp = row->tlp;
  signal->municipality = g_strdup (row->municipality);
  signal->occurred_on = dup_date (row->occurred_on);
  signal->occurred_precision = row->precision;
  signal->review_on = dup_date (row->review_on);
  signal->closed_on = dup_date (row->closed_on);
  signal->legal_hold = row->legal_hold != 0;
  signal->summary = g_strdup (row->summary);
  signal->created_at = g_date_time_new_from_unix_utc (row->created_at);
  signal->updated_at = g_date_time_new_from_unix_utc (row->updated_at);
  g_strfreev (signal->categories);
  signal->categories = dup_categories (row->categories);
  return signal;
}

GPtrArray *
_wb_signal_rows_dup_all (const WbSignalRows *rows)
{
  GPtrArray *signals = g_ptr_array_new_full (rows->rows->len, g_object_unref);

  for (guint i = 0; i < rows->rows->len; i++)
    g_ptr_array_add (signals, _wb_signal_rows_dup_signal (rows, i));
  return signals;
}
