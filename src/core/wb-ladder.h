/* wb-ladder.h — the country-neutral escalation ladder (DOMAIN.md §2)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_INSIDE) && !defined (WB_CORE_COMPILATION)
# error "Only <wb-core.h> can be included directly."
#endif

#include <glib-object.h>

#include "wb-types.h"
#include "wb-enums.h"
#include "wb-signal.h"

G_BEGIN_DECLS

/* Pure rules, no I/O.  Nothing here reads a signal's actor_country: the
 * ladder is country-neutral by construction, and tests/test-ladder.c
 * proves every outcome, suggestion, default and ordering independent of
 * it.  See docs/ladder.md. */

#define WB_LADDER_ERROR (wb_ladder_error_quark ())

typedef enum
{
  WB_LADDER_ERROR_INVALID_LEVEL,          /* not 1–7, or not where the signal is */
  WB_LADDER_ERROR_NO_CHANGE,              /* escalate/de-escalate to the same level */
  WB_LADDER_ERROR_WRONG_DIRECTION,        /* kind does not match the move */
  WB_LADDER_ERROR_MISSING_FIELD,          /* date or deciding role */
  WB_LADDER_ERROR_MISSING_JUSTIFICATION,  /* facts, assessment or decision */
  WB_LADDER_ERROR_SKIP_WITHOUT_REASON,
  WB_LADDER_ERROR_MISSING_OUTCOME,        /* de-escalate/close: outcome, measures */
  WB_LADDER_ERROR_NOT_ALLOWED_FOR_ROLE,   /* national levels: who proposes/decides */
} WbLadderError;

#define WB_LADDER_MIN_LEVEL            1
#define WB_LADDER_MAX_LEVEL            7
#define WB_LADDER_FIRST_NATIONAL_LEVEL 5
/* Danger to life goes straight to this level (with a skip reason). */
#define WB_LADDER_DANGER_TO_LIFE_LEVEL 4

typedef struct _WbDecision WbDecision;

/* One rung change, recorded append-only.  The deciding role is a role
 * ("burgemeester", "NCTV"), never a person's name. */
struct _WbDecision
{
  WbDecisionKind  kind;
  int             from_level;
  int             to_level;      /* PROPOSE: the proposed level; CLOSE: = from_level */
  GDate           date;
  char           *deciding_role;
  char           *facts;         /* beeldvorming */
  char           *assessment;    /* oordeelsvorming */
  char           *decision;      /* besluitvorming */
  GStrv           instruments;   /* ids (wb_ladder_instrument_get_label) or free text */
  char           *skip_reason;   /* needed when moving up more than one level */
  char           *outcome;       /* needed when moving down or closing */
  char           *measures;      /* idem */
};

#define WB_TYPE_DECISION (wb_decision_get_type ())

GType        wb_decision_get_type               (void) G_GNUC_CONST;
/* A decision dated @date (copied; NULL leaves it unset). */
WbDecision  *wb_decision_new                    (WbDecisionKind      kind,
                                                 int                 from_level,
                                                 int                 to_level,
                                                 const GDate        *date);
WbDecision  *wb_decision_copy                   (const WbDecision   *decision);
void         wb_decision_free                   (WbDecision         *decision);
/* The signal's level once the decision is applied (a proposal changes
 * nothing until a coordinator decides it). */
int          wb_decision_get_resulting_level    (const WbDecision   *decision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbDecision, wb_decision_free)

/* Resilience work (awareness, handelingsperspectief …): a parallel track
 * that can be recorded at any level; it never moves the signal. */
typedef struct _WbResilienceAction WbResilienceAction;

struct _WbResilienceAction
{
  WbResilienceKind    kind;
  GDate               date;
  int                 level;      /* the signal's level when recorded */
  char               *role;       /* who did it: a role, not a name */
  char               *description;
  WbCommunityContext  community;
};

#define WB_TYPE_RESILIENCE_ACTION (wb_resilience_action_get_type ())

GType                wb_resilience_action_get_type (void) G_GNUC_CONST;
WbResilienceAction  *wb_resilience_action_new      (WbResilienceKind           kind,
                                                    int                        level,
                                                    const GDate               *date);
WbResilienceAction  *wb_resilience_action_copy     (const WbResilienceAction  *action);
void                 wb_resilience_action_free     (WbResilienceAction        *action);
gboolean             wb_resilience_action_validate (const WbResilienceAction  *action,
                                                    GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbResilienceAction, wb_resilience_action_free)

GQuark       wb_ladder_error_quark              (void);

gboolean     wb_ladder_is_valid_level           (int                 level);
gboolean     wb_ladder_level_is_national        (int                 level);
/* Translated level name, DOMAIN.md's Dutch and English names, and the
 * translated typical owner.  NULL for an invalid level. */
const char  *wb_ladder_level_get_name           (int                 level);
const char  *wb_ladder_level_get_name_nl        (int                 level);
const char  *wb_ladder_level_get_name_en        (int                 level);
const char  *wb_ladder_level_get_owner          (int                 level);

/* The typical instruments of a level, as stable ids; NULL if invalid. */
GStrv        wb_ladder_dup_default_instruments  (int                 level);
/* Translated label of an instrument id; NULL if the id is not known. */
const char  *wb_ladder_instrument_get_label     (const char         *id);

gboolean     wb_ladder_check_transition         (int                 current_level,
                                                 const WbDecision   *decision,
                                                 WbActorKind         vault_kind,
                                                 GError            **error);
/* Checks, then moves the signal: level, and for CLOSE closed_on and the
 * review date (wb_ladder_compute_review_date()); any later move reopens
 * it.  Revision and updated_at are the store's business. */
gboolean     wb_ladder_apply_decision           (WbSignal           *signal,
                                                 const WbDecision   *decision,
                                                 WbActorKind         vault_kind,
                                                 GError            **error);

/* Closing starts the retention clock: review WB_RETENTION_DEFAULT_MONTHS
 * after @closed_on (31 March + 12 months = 31 March; 29 February → 28th). */
void         wb_ladder_compute_review_date      (const GDate        *closed_on,
                                                 GDate              *review_on);

/* The level the UI offers next: one up, or straight to level 4 when a
 * category signals danger to life (A3, A4), capped at 7. */
int          wb_ladder_suggest_next_level       (WbSignal           *signal);
/* The kind of decision that moves from @current to @target for this
 * vault (PROPOSE for a municipality reaching a national level). */
WbDecisionKind wb_ladder_default_kind           (int                 current,
                                                 int                 target,
                                                 WbActorKind         vault_kind);
/* A decision pre-filled for the UI: kind, levels, date, and the default
 * instruments of the target level.  Justification is left to people. */
WbDecision  *wb_ladder_dup_suggested_decision   (WbSignal           *signal,
                                                 WbActorKind         vault_kind,
                                                 const GDate        *today);

/* GCompareDataFunc for GtkCustomSorter (items are WbSignal pointers): highest
 * level first, then most recent occurrence, then most recently updated,
 * then UUID. */
int          wb_ladder_compare_signals          (gconstpointer       a,
                                                 gconstpointer       b,
                                                 gpointer            user_data);

G_END_DECLS
