/* wb-signal-rows.c — list rows packed for lists of 100k signals
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-signal-rows"

#include "config.h"

#include <string.h>
#include <sodium.h>

#include "wb-signal-private.h"
#include "wb-signal-rows-private.h"
#include "wb-taxonomy.h"

/* Strings go into blocks of this size (a longer one gets its own). */
#define BLOCK_SIZE (64 * 1024)

typedef struct
{
  gsize size;
  gsize used;
  char  data[];
} Block;

struct _WbSignalRows
{
  GArray       *rows;     /* of WbSignalRow */
  /* Of Block: UUIDs, summaries and (once each) municipality names. */
  GPtrArray    *blocks;
  GHashTable   *names;    /* municipality names, in the blocks */
};

static void
block_wipe_free (gpointer data)
{
  Block *block = data;

  /* Summaries are record content: none stays behind in freed memory
   * (the list is emptied when the vault locks). */
  sodium_memzero (block->data, block->used);
  g_free (block);
}

WbSignalRows *
_wb_signal_rows_new (guint reserve)
{
  WbSignalRows *rows = g_new0 (WbSignalRows, 1);

  rows->rows = g_array_sized_new (FALSE, FALSE, sizeof (WbSignalRow), reserve);
  rows->blocks = g_ptr_array_new_with_free_func (block_wipe_free);
  rows->names = g_hash_table_new (g_str_hash, g_str_equal);
  return rows;
}

void
_wb_signal_rows_free (WbSignalRows *rows)
{
  if (rows == NULL)
    return;

  sodium_memzero (rows->rows->data, (gsize) rows->rows->len * sizeof (WbSignalRow));
  g_array_unref (rows->rows);
  g_hash_table_unref (rows->names);
  g_ptr_array_unref (rows->blocks);
  g_free (rows);
}

static const char *
add_string (WbSignalRows *rows,
            const char   *text)
{
  gsize len = strlen (text) + 1;
  Block *block = rows->blocks->len > 0 ? g_ptr_array_index (rows->blocks, rows->blocks->len - 1) : NULL;
  char *copy;

  if (block == NULL || block->size - block->used < len)
    {
      gsize size = MAX (BLOCK_SIZE - sizeof (Block), len);

      block = g_malloc (sizeof (Block) + size);
      block->size = size;
      block->used = 0;
      g_ptr_array_add (rows->blocks, block);
    }

  copy = block->data + block->used;
  memcpy (copy, text, len);
  block->used += len;
  return copy;
}

void
_wb_signal_rows_add (WbSignalRows      *rows,
                     const WbSignalRow *row)
{
  WbSignalRow copy = *row;

  copy.uuid = add_string (rows, row->uuid);
  copy.summary = add_string (rows, row->summary);
  copy.municipality = g_hash_table_lookup (rows->names, row->municipality);
  if (copy.municipality == NULL)
    {
      copy.municipality = add_string (rows, row->municipality);
      g_hash_table_add (rows->names, (gpointer) copy.municipality);
    }
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
    {
      sodium_memzero (&g_array_index (rows->rows, WbSignalRow, len),
                      (gsize) (rows->rows->len - len) * sizeof (WbSignalRow));
      g_array_set_size (rows->rows, len);
    }
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
