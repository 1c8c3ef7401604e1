/* wb-search.c — turning what a person types into a full-text query
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-search"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-search.h"

G_DEFINE_QUARK (wb-search-error-quark, wb_search_error)

static gboolean
is_word_char (gunichar c)
{
  /* Marks too, so a decomposed "ï" (i + U+0308) stays inside its word. */
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Appends the words of [start, end) to @words. */
static gboolean
split_words (const char  *start,
             const char  *end,
             GPtrArray   *words,
             GError     **error)
{
  const char *p = start;

  while (p < end)
    {
      const char *word_start;

      while (p < end && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p >= end)
        break;

      word_start = p;
      while (p < end && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (g_utf8_strlen (word_start, p - word_start) > WB_SEARCH_MAX_TERM_CHARS)
        {
          g_set_error (error, WB_SEARCH_ERROR, WB_SEARCH_ERROR_TOO_COMPLEX,
                       _("A search word may be at most %d characters long"),
                       WB_SEARCH_MAX_TERM_CHARS);
          return FALSE;
        }

      g_ptr_array_add (words, g_strndup (word_start, p - word_start));
    }

  return TRUE;
}

char *
wb_search_build_match (const char  *text,
                       GError     **error)
{
  g_autoptr(GString) match = g_string_new (NULL);
  const char *p;
  guint n_terms = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, WB_SEARCH_ERROR, WB_SEARCH_ERROR_EMPTY,
                           _("The search text is not valid UTF-8"));
      return NULL;
    }

  p = text;
  while (*p != '\0')
    {
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
      const char *quote = strchr (p, '"');
      const char *end = quote != NULL ? quote : p + strlen (p);
      gboolean phrase = FALSE;

      /* Plain words before the next quote. */
      if (!split_words (p, end, words, error))
        return NULL;

      for (guint i = 0; i < words->len; i++)
        {
          if (match->len > 0)
            g_string_append (match, " AND ");
          g_string_append_printf (match, "\"%s\"*", (const char *) g_ptr_array_index (words, i));
          n_terms++;
        }

      if (quote == NULL)
        break;

      /* A quoted phrase runs to the closing quote (or the end). */
      p = quote + 1;
      end = strchr (p, '"');
      if (end == NULL)
        end = p + strlen (p);

      g_ptr_array_set_size (words, 0);
      if (!split_words (p, end, words, error))
        return NULL;

      for (guint i = 0; i < words->len; i++)
        {
          if (!phrase)
            {
              if (match->len > 0)
                g_string_append (match, " AND ");
              g_string_append_c (match, '"');
              phrase = TRUE;
              n_terms++;
            }
          else
            g_string_append_c (match, ' ');
          g_string_append (match, g_ptr_array_index (words, i));
        }
      if (phrase)
        g_string_append_c (match, '"');

      p = *end == '"' ? end + 1 : end;
    }

  if (n_terms == 0)
    {
      g_set_error_literal (error, WB_SEARCH_ERROR, WB_SEARCH_ERROR_EMPTY,
                           _("Type at least one word to search for"));
      return NULL;
    }

  if (n_terms > WB_SEARCH_MAX_TERMS)
    {
      g_set_error (error, WB_SEARCH_ERROR, WB_SEARCH_ERROR_TOO_COMPLEX,
                   _("Search for at most %d words at a time"), WB_SEARCH_MAX_TERMS);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&match), FALSE);
}
