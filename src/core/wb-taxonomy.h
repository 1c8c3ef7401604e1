/* wb-taxonomy.h — the signal taxonomy (DOMAIN.md §1) and DISARM tags
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_INSIDE) && !defined (WB_CORE_COMPILATION)
# error "Only <wb-core.h> can be included directly."
#endif

#include <glib.h>

#include "wb-types.h"

G_BEGIN_DECLS

/* Codes ("A", "A1" … "I4") are stable identifiers: stored, exported and
 * compared exactly (case-sensitive).  Labels are UI text.  Iterate with
 * an index in [0, wb_taxonomy_get_n_codes()); the order is the table
 * order of DOMAIN.md (each category followed by its subcodes), which is
 * also the canonical sort order of codes. */

#define WB_TAXONOMY_DISARM_CATEGORY "G"

guint        wb_taxonomy_get_n_codes          (void);
const char  *wb_taxonomy_get_code             (guint        index);
int          wb_taxonomy_get_index            (const char  *code);

gboolean     wb_taxonomy_is_valid_code        (const char  *code);
gboolean     wb_taxonomy_is_category          (const char  *code);
/* "A" for "A1"; the code itself for a category; NULL if not valid. */
const char  *wb_taxonomy_get_category         (const char  *code);
/* The subcodes of a category, in table order; NULL if not a category. */
GStrv        wb_taxonomy_dup_subcodes         (const char  *category);

/* Translated label (English msgid), and the two reference labels. */
const char  *wb_taxonomy_get_label            (const char  *code);
const char  *wb_taxonomy_get_label_nl         (const char  *code);
const char  *wb_taxonomy_get_label_en         (const char  *code);

/* Orders codes by table position; invalid codes sort last, by strcmp. */
int          wb_taxonomy_compare_codes        (const char  *a,
                                               const char  *b);

/* DISARM tactic IDs TA01–TA18, allowed as tags on category G signals.
 * _looks_like_ is true for anything shaped "TA" + two digits, so callers
 * can refuse out-of-range IDs such as TA19 instead of taking them as a
 * free tag. */
gboolean     wb_taxonomy_is_disarm_tactic     (const char  *tag);
gboolean     wb_taxonomy_looks_like_disarm    (const char  *tag);

G_END_DECLS
