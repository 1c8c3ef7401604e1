/* wb-search.h — turning what a person types into a full-text query
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

#define WB_SEARCH_ERROR (wb_search_error_quark ())

typedef enum
{
  WB_SEARCH_ERROR_EMPTY,         /* no word to search for */
  WB_SEARCH_ERROR_TOO_COMPLEX,   /* too many or too long words */
} WbSearchError;

#define WB_SEARCH_MAX_TERMS      16
#define WB_SEARCH_MAX_TERM_CHARS 64

GQuark   wb_search_error_quark     (void);

/* Builds an FTS5 MATCH expression from free text.  Words are runs of
 * letters and digits (anything else separates them, as in the index);
 * every word must occur, as a prefix ("beinv" finds "beïnvloeding"); text
 * in double quotes is an exact phrase.  Case and diacritics never matter:
 * the index and the query share the unicode61 tokenizer with
 * remove_diacritics 2.  FTS5 operators typed by the user (AND, OR, NEAR,
 * column filters, *) are taken as plain words, so any input is safe. */
char    *wb_search_build_match     (const char  *text,
                                    GError     **error);

G_END_DECLS
