/* wb-matches.h — cross-municipality matches and campaigns (issue #7)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_INSIDE) && !defined (WB_CORE_COMPILATION)
# error "Only <wb-core.h> can be included directly."
#endif

#include <gio/gio.h>

#include "wb-types.h"
#include "wb-key.h"

G_BEGIN_DECLS

/* A coordinator vault makes a random match key and sends it inside its
 * bundles; a municipality vault that holds the key of its recipient adds
 * to each exported signal keyed BLAKE2b tokens of its normalised handles,
 * organisations and persons.  The coordinator lists tokens reported by
 * two or more municipalities.  Identifiers themselves never leave a
 * vault; without the key a token cannot be tested against a guess.
 * Errors are in WB_EXCHANGE_ERROR.  See docs/bundle-format.md §8. */

#define WB_MATCH_KEY_BYTES   32
#define WB_MATCH_TOKEN_BYTES 32
/* Organisations are the signal's tags written "org:NAME". */
#define WB_MATCH_ORGANISATION_TAG_PREFIX "org:"

typedef enum
{
  WB_MATCH_HANDLE,
  WB_MATCH_ORGANISATION,
  WB_MATCH_PERSON,
} WbMatchKind;

/* One token of one signal, as it travels in a bundle. */
typedef struct
{
  char        *signal_uuid;
  WbMatchKind  kind;
  char        *token;          /* 64 lower-case hex digits */
} WbMatchToken;

/* Where a matching token was seen. */
typedef struct
{
  char *signal_uuid;
  char *sender;                /* the sending contact's name */
  char *municipality;          /* the signal's municipality */
  char *occurred_on;           /* YYYY-MM-DD */
} WbMatchSighting;

typedef struct
{
  WbMatchKind  kind;
  char        *token;
  guint        n_senders;      /* ≥ 2 */
  char        *first_seen;     /* earliest occurred_on */
  char        *last_seen;      /* latest occurred_on */
  GPtrArray   *sightings;      /* of WbMatchSighting, oldest first */
} WbMatch;

const char   *wb_match_kind_to_nick        (WbMatchKind          kind);
gboolean      wb_match_kind_from_nick      (const char          *nick,
                                            WbMatchKind         *kind);
void          wb_match_token_free          (WbMatchToken        *token);
void          wb_match_sighting_free       (WbMatchSighting     *sighting);
void          wb_match_free                (WbMatch             *match);

/* The form that is hashed: trimmed, NFKC, case-folded, inner white space
 * as single spaces; handles also lose leading '@'.  NULL when nothing is
 * left. */
char         *wb_match_normalise           (WbMatchKind          kind,
                                            const char          *identifier);
/* Keyed BLAKE2b-256 of the normalised identifier (domain-separated by
 * kind), as hex; NULL when wb_match_normalise() gives NULL. */
char         *wb_match_compute_token       (const WbKey         *key,
                                            WbMatchKind          kind,
                                            const char          *identifier);

/* TRUE if this vault has a match key of its own (a coordinator's). */
gboolean      wb_matches_has_key           (WbStore             *store,
                                            gboolean            *has_key,
                                            GError             **error);
/* Makes this vault's own match key if it has none.  Coordinator vaults
 * get one on their first export. */
gboolean      wb_matches_ensure_key        (WbStore             *store,
                                            GError             **error);
/* Tokens seen in signals from two or more senders (GPtrArray of
 * WbMatch): most senders first, then the most recent. */
GPtrArray    *wb_matches_list              (WbStore             *store,
                                            GError             **error);
/* A case (a campaign across municipalities) named @name holding every
 * signal of the matches whose token starts with one of @tokens (at least
 * 6 hex digits, and naming exactly one match), plus the signals @uuids
 * (may be NULL).  All or nothing; returns the case UUID. */
char         *wb_matches_create_case       (WbStore             *store,
                                            const char          *name,
                                            const char * const  *tokens,
                                            const char * const  *uuids,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbMatchToken, wb_match_token_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbMatchSighting, wb_match_sighting_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbMatch, wb_match_free)

G_END_DECLS
