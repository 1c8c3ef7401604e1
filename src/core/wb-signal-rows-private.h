/* wb-signal-rows-private.h — list rows packed for lists of 100k signals
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_COMPILATION)
# error "wb-signal-rows-private.h is private to libweerbaar-core."
#endif

#include "wb-signal.h"

G_BEGIN_DECLS

/* Issue #5: a vault of 100k signals must list in at most 250 MB.  A list
 * row as a WbSignal is a GObject with a dozen allocations, about 1 KiB;
 * packed it is one WbSignalRow in an array plus its summary and UUID in
 * 64 KiB string blocks, about 200 bytes, made and freed in a few
 * allocations (and wiped when freed).  WbSignalList keeps its rows packed
 * and makes a WbSignal only for an item a view asks for. */
typedef struct
{
  const char *uuid;
  const char *summary;
  const char *municipality;
  gint64      created_at;   /* Unix time, UTC */
  gint64      updated_at;
  guint64     categories;   /* bit i: wb_taxonomy_get_code (i) */
  guint32     revision;
  guint32     occurred_on;  /* GDate Julian days */
  guint32     review_on;
  guint32     closed_on;    /* 0: not closed */
  guint8      level;
  guint8      tlp;          /* WbTlp */
  guint8      precision;    /* WbPrecision */
  guint8      legal_hold;
} WbSignalRow;

typedef struct _WbSignalRows WbSignalRows;

WbSignalRows      *_wb_signal_rows_new        (guint               reserve);
void               _wb_signal_rows_free       (WbSignalRows       *rows);
/* Copies @row and its strings. */
void               _wb_signal_rows_add        (WbSignalRows       *rows,
                                               const WbSignalRow  *row);
guint              _wb_signal_rows_get_len    (const WbSignalRows *rows);
/* Drops the rows from @len on. */
void               _wb_signal_rows_truncate   (WbSignalRows       *rows,
                                               guint               len);
const WbSignalRow *_wb_signal_rows_get        (const WbSignalRows *rows,
                                               guint               index);
/* A new list row (wb_signal_is_complete() FALSE) for row @index. */
WbSignal          *_wb_signal_rows_dup_signal (const WbSignalRows *rows,
                                               guint               index);
/* All rows as a GPtrArray of list rows. */
GPtrArray         *_wb_signal_rows_dup_all    (const WbSignalRows *rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbSignalRows, _wb_signal_rows_free)

G_END_DECLS
