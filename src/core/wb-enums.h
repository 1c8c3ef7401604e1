/* wb-enums.h — the controlled vocabularies of a signal, and their strings
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

G_BEGIN_DECLS

/* Every enum below is a registered GEnum (or GFlags) type whose value
 * nicks ARE the strings of the JSON format (docs/signal-json.md), so JSON,
 * UI and CLI share one table: wb_enum_to_nick() / wb_enum_from_nick()
 * convert, wb_enum_get_label() gives the translated label for the UI. */

typedef enum
{
  WB_PRECISION_DAY,
  WB_PRECISION_MONTH,
  WB_PRECISION_YEAR,
  WB_PRECISION_ESTIMATE,
} WbPrecision;

typedef enum
{
  WB_CHANNEL_IN_PERSON,
  WB_CHANNEL_ONLINE_PLATFORM,
  WB_CHANNEL_CONSULAR,
  WB_CHANNEL_PHONE,
  WB_CHANNEL_POST,
  WB_CHANNEL_OTHER,
} WbChannel;

typedef enum
{
  WB_SOURCE_VICTIM,
  WB_SOURCE_WITNESS,
  WB_SOURCE_COMMUNITY_WORKER,
  WB_SOURCE_OPEN_SOURCE,
  WB_SOURCE_PARTNER_ORGANISATION,
} WbSourceType;

/* Admiralty scale, graded separately from credibility. */
typedef enum
{
  WB_RELIABILITY_A,
  WB_RELIABILITY_B,
  WB_RELIABILITY_C,
  WB_RELIABILITY_D,
  WB_RELIABILITY_E,
  WB_RELIABILITY_F,
} WbReliability;

typedef enum
{
  WB_CREDIBILITY_1 = 1,
  WB_CREDIBILITY_2,
  WB_CREDIBILITY_3,
  WB_CREDIBILITY_4,
  WB_CREDIBILITY_5,
  WB_CREDIBILITY_6,
} WbCredibility;

/* TLP 2.0.  Labels stay untranslated; see wb_tlp_get_description(). */
typedef enum
{
  WB_TLP_CLEAR,
  WB_TLP_GREEN,
  WB_TLP_AMBER,
  WB_TLP_AMBER_STRICT,
  WB_TLP_RED,
} WbTlp;

typedef enum
{
  WB_ATTRIBUTION_STATE_ACTOR,
  WB_ATTRIBUTION_STATE_AFFILIATED,
  WB_ATTRIBUTION_NON_STATE,
  WB_ATTRIBUTION_UNKNOWN,
} WbAttribution;

typedef enum
{
  WB_CONFIDENCE_LOW,
  WB_CONFIDENCE_MEDIUM,
  WB_CONFIDENCE_HIGH,
} WbConfidence;

/* A set: a signal may concern several community contexts. */
typedef enum /*< flags >*/
{
  WB_COMMUNITY_NONE                  = 0,
  WB_COMMUNITY_DIASPORA_ORGANISATION = 1 << 0,
  WB_COMMUNITY_RELIGIOUS_INSTITUTION = 1 << 1,
  WB_COMMUNITY_STUDENTS              = 1 << 2,
  WB_COMMUNITY_JOURNALISTS           = 1 << 3,
  WB_COMMUNITY_EXILED_ACTIVISTS      = 1 << 4,
  WB_COMMUNITY_OTHER                 = 1 << 5,
} WbCommunityContext;

typedef enum
{
  WB_PERSON_ROLE_TARGET,
  WB_PERSON_ROLE_ALLEGED_PERPETRATOR,
  WB_PERSON_ROLE_INTERMEDIARY,
  WB_PERSON_ROLE_WITNESS,
} WbPersonRole;

typedef enum
{
  WB_AANGIFTE_UNKNOWN,
  WB_AANGIFTE_YES,
  WB_AANGIFTE_NO,
} WbAangifte;

/* What kind of vault is acting: decides who may propose or decide the
 * national ladder levels 5–7. */
typedef enum
{
  WB_ACTOR_MUNICIPALITY,
  WB_ACTOR_COORDINATOR,
} WbActorKind;

typedef enum
{
  WB_DECISION_ESCALATE,
  WB_DECISION_DEESCALATE,
  WB_DECISION_CLOSE,
  WB_DECISION_PROPOSE,
  WB_DECISION_DECIDE_PROPOSAL,
} WbDecisionKind;

typedef enum
{
  WB_RESILIENCE_AWARENESS,
  WB_RESILIENCE_PERSPECTIVE_FOR_ACTION,
  WB_RESILIENCE_TRAINING,
  WB_RESILIENCE_COMMUNITY_DIALOGUE,
  WB_RESILIENCE_OTHER,
} WbResilienceKind;

#define WB_TYPE_PRECISION          (wb_precision_get_type ())
#define WB_TYPE_CHANNEL            (wb_channel_get_type ())
#define WB_TYPE_SOURCE_TYPE        (wb_source_type_get_type ())
#define WB_TYPE_RELIABILITY        (wb_reliability_get_type ())
#define WB_TYPE_CREDIBILITY        (wb_credibility_get_type ())
#define WB_TYPE_TLP                (wb_tlp_get_type ())
#define WB_TYPE_ATTRIBUTION        (wb_attribution_get_type ())
#define WB_TYPE_CONFIDENCE         (wb_confidence_get_type ())
#define WB_TYPE_COMMUNITY_CONTEXT  (wb_community_context_get_type ())
#define WB_TYPE_PERSON_ROLE        (wb_person_role_get_type ())
#define WB_TYPE_AANGIFTE           (wb_aangifte_get_type ())
#define WB_TYPE_ACTOR_KIND         (wb_actor_kind_get_type ())
#define WB_TYPE_DECISION_KIND      (wb_decision_kind_get_type ())
#define WB_TYPE_RESILIENCE_KIND    (wb_resilience_kind_get_type ())

GType        wb_precision_get_type          (void) G_GNUC_CONST;
GType        wb_channel_get_type            (void) G_GNUC_CONST;
GType        wb_source_type_get_type        (void) G_GNUC_CONST;
GType        wb_reliability_get_type        (void) G_GNUC_CONST;
GType        wb_credibility_get_type        (void) G_GNUC_CONST;
GType        wb_tlp_get_type                (void) G_GNUC_CONST;
GType        wb_attribution_get_type        (void) G_GNUC_CONST;
GType        wb_confidence_get_type         (void) G_GNUC_CONST;
GType        wb_community_context_get_type  (void) G_GNUC_CONST;
GType        wb_person_role_get_type        (void) G_GNUC_CONST;
GType        wb_aangifte_get_type           (void) G_GNUC_CONST;
GType        wb_actor_kind_get_type         (void) G_GNUC_CONST;
GType        wb_decision_kind_get_type      (void) G_GNUC_CONST;
GType        wb_resilience_kind_get_type    (void) G_GNUC_CONST;

/* For a GFlags type, @value is a single flag.  Nicks and labels are static;
 * labels are translated.  Unknown values give NULL / FALSE. */
const char  *wb_enum_to_nick                (GType        type,
                                             int          value);
gboolean     wb_enum_from_nick              (GType        type,
                                             const char  *nick,
                                             int         *value);
const char  *wb_enum_get_label              (GType        type,
                                             int          value);
/* "a, b, c": the accepted nicks, for error messages and --help. */
char        *wb_enum_dup_nick_list          (GType        type);

/* Translated help text of a TLP label (the labels themselves stay as they
 * are, as TLP 2.0 requires). */
const char  *wb_tlp_get_description         (WbTlp        tlp);

G_END_DECLS
