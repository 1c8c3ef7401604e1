/* wb-matches.c — cross-municipality matches: normalising and keyed tokens
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The token of an identifier is BLAKE2b-256 keyed with the coordinator's
 * match key over a kind-specific prefix and the normalised identifier.
 * Without the key nobody can test a guessed name against a token, and
 * the key lives only in the coordinator's and its municipalities' vaults
 * (docs/bundle-format.md §8).  SQL is in wb-store-matches.c.
 */

#define G_LOG_DOMAIN "wb-matches"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "wb-matches.h"

static const char * const kind_nicks[] = { "handle", "organisation", "person" };

const char *
wb_match_kind_to_nick (WbMatchKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_nicks), NULL);

  return kind_nicks[kind];
}

gboolean
wb_match_kind_from_nick (const char  *nick,
                         WbMatchKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (kind_nicks); i++)
    if (g_str_equal (nick, kind_nicks[i]))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

void
wb_match_token_free (WbMatchToken *token)
{
  if (token == NULL)
    return;
  g_free (token->signal_uuid);
  g_free (token->token);
  g_free (token);
}

void
wb_match_sighting_free (WbMatchSighting *sighting)
{
  if (sighting == NULL)
    return;
  g_free (sighting->signal_uuid);
  g_free (sighting->sender);
  g_free (sighting->municipality);
  g_free (sighting->occurred_on);
  g_free (sighting);
}

void
wb_match_free (WbMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->token);
  g_free (match->first_seen);
  g_free (match->last_seen);
  g_clear_pointer (&match->sightings, g_ptr_array_unref);
  g_free (match);
}

/* A string that may hold an identifier: wiped before it is freed. */
typedef char WbSecretText;

static void
wipe_free (WbSecretText *text)
{
  if (text != NULL)
    sodium_memzero (text, strlen (text));
  g_free (text);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbSecretText, wipe_free)

char *
wb_match_normalise (WbMatchKind  kind,
                    const char  *identifier)
{
  g_autoptr(WbSecretText) nfkc = NULL;
  g_autoptr(WbSecretText) folded = NULL;
  g_autoptr(GString) out = NULL;
  const char *p;
  gboolean space = FALSE;

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_nicks), NULL);

  if (identifier == NULL || !g_utf8_validate (identifier, -1, NULL))
    return NULL;

  nfkc = g_utf8_normalize (identifier, -1, G_NORMALIZE_NFKC);
  if (nfkc == NULL)
    return NULL;
  folded = g_utf8_casefold (nfkc, -1);
  /* Case folding may leave text that is not in NFKC: normalise again. */
  g_clear_pointer (&nfkc, wipe_free);
  nfkc = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);
  if (nfkc == NULL)
    return NULL;

  p = nfkc;
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (kind == WB_MATCH_HANDLE)
    while (*p == '@')
      p++;

  out = g_string_new (NULL);
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
wb_match_compute_token (const WbKey  *key,
                        WbMatchKind   kind,
                        const char   *identifier)
{
  g_autoptr(WbSecretText) norm = NULL;
  crypto_generichash_state state;
  guint8 digest[WB_MATCH_TOKEN_BYTES];
  char hex[WB_MATCH_TOKEN_BYTES * 2 + 1];
  const char *nick;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_nicks), NULL);

  norm = wb_match_normalise (kind, identifier);
  if (norm == NULL)
    return NULL;

  nick = kind_nicks[kind];
  crypto_generichash_init (&state, wb_key_get_data (key), WB_MATCH_KEY_BYTES, sizeof digest);
  crypto_generichash_update (&state, (const guint8 *) "weerbaar-match-v1", strlen ("weerbaar-match-v1") + 1);
  crypto_generichash_update (&state, (const guint8 *) nick, strlen (nick) + 1);
  crypto_generichash_update (&state, (const guint8 *) norm, strlen (norm));
  crypto_generichash_final (&state, digest, sizeof digest);
  sodium_memzero (&state, sizeof state);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strdup (hex);
}
