/* wb-enums.c — the controlled vocabularies of a signal, and their strings
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-enums"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-enums.h"

/* The value nicks are the JSON strings: never change one, add a new value
 * instead (docs/signal-json.md). */

#define WB_DEFINE_ENUM(TypeName, type_name, register_func)                   \
  GType                                                                     \
  type_name##_get_type (void)                                               \
  {                                                                         \
    static gsize gtype = 0;                                                 \
                                                                            \
    if (g_once_init_enter (&gtype))                                         \
      g_once_init_leave (&gtype,                                            \
                         register_func (g_intern_static_string (#TypeName), \
                                        type_name##_values));               \
    return gtype;                                                           \
  }

static const GEnumValue wb_precision_values[] = {
  { WB_PRECISION_DAY, "WB_PRECISION_DAY", "day" },
  { WB_PRECISION_MONTH, "WB_PRECISION_MONTH", "month" },
  { WB_PRECISION_YEAR, "WB_PRECISION_YEAR", "year" },
  { WB_PRECISION_ESTIMATE, "WB_PRECISION_ESTIMATE", "estimate" },
  { 0, NULL, NULL }
};
WB_DEFINE_ENUM (WbPrecision, wb_precision, g_enum_register_static)

static const GEnumValue wb_channel_values[] = {
  { WB_CHANNEL_IN_PERSON, "WB_CHANNEL_IN_PERSON", "in-person" },
  { WB_CHANNEL_ONLINE_PLATFORM, "WB_CHANNEL_ONLINE_PLATFORM", "online-platform" },
  { WB_CHANNEL_CONSULAR, "WB_CHANNEL_CONSULAR", "consular" },
  { WB_CHANNEL_PHONE, "WB_CHANNEL_PHONE", "phone" },
  { WB_CHANNEL_POST, "WB_CHANNEL_POST", "post" },
  { WB_CHANNEL_OTHER, "WB_CHANNEL_OTHER", "other" },
  { 0, NULL, NULL }
};
WB_DEFINE_ENUM (WbChannel, wb_channel, g_enum_register_static)

static const GEnumValue wb_source_type_values[] = {
  { WB_SOURCE_VICTIM, "WB_SOURCE_VICTIM", "victim" },
  { WB_SOURCE_WITNESS, "WB_SOURCE_WITNESS", "witness" },
  { WB_SOURCE_COMMUNITY_WORKER, "WB_SOURCE_COMMUNITY_WORKER", "community-worker" },
  { WB_SOURCE_OPEN_SOURCE, "WB_SOURCE_OPEN_SOURCE", "open-source" },
  { WB_SOURCE_PARTNER_ORGANISATION, "WB_SOURCE_PARTNER_ORGANISATION", "partner-organisation" },
  { 0, NULL, NULL }
};
WB_DEFINE_ENUM (WbSourceType, wb_source_type, g_enum_register_static)

static const GEnumValue wb_reliability_values[] = {
  { WB_RELIABILITY_A, "WB_RELIABILITY_A", "A" },
  { WB_RELIABILITY_B, "WB_RELIABILITY_B", "B" },
  { WB_RELIABILITY_C, "WB_RELIABILITY_C", "C" },
  { WB_RELIABILITY_D, "WB_RELIABILITY_D", "D" },
  { WB_RELIABILITY_E, "WB_RELIABILITY_E", "E" },
  { WB_RELIABILITY_F, "WB_RELIABILITY_F", "F" },
  { 0, NULL, NULL }
};
WB_DEFINE_ENUM (WbReliability, wb_reliability, g_enum_register_static)

static const GEnumValue wb_credibility_values[] = {
  { WB_CREDIBILITY_1, "WB_CREDIBILITY_1", "1" },
  { WB_CREDIBILITY_2, "WB_CREDIBILITY_2", "2" },
  { WB_CREDIBILITY_3, "WB_CREDIBILITY_3", "3" },
  { WB_CREDIBILITY_4, "WB_CREDIBILITY_4", "4" },
  { WB_CREDIBILITY_5, "WB_CREDIBILITY_5", "5" },
  { WB_CREDIBILITY_6, "WB_CREDIBILITY_6", "6" },
  { 0, NULL, NULL }
};
WB_DEFINE_ENUM (WbCredibility, wb_credibility, g_enum_register_static)

static const GEnumValue wb_tlp_values[] = {
  { WB_TLP_CLEAR, "WB_TLP_CLEAR", "CLEAR" },
  { WB_TLP_GREEN, "WB_TLP_GREEN", "GREEN" },
  { WB_TLP_AMBER, "WB_TLP_AMBER", "AMBER" },
  { WB_TLP_AMBER_STRICT, "WB_TLP_AMBER_STRICT", "AMBER+STRICT" },
  { WB_TLP_RED, "WB_TLP_RED", "RED" },
  { 0, NULL, NULL }
};
WB_DEFINE_ENUM (WbTlp, wb_tlp, g_enum_register_static)

static const GEnumValue wb_attribution_values[] = {
  { WB_ATTRIBUTION_STATE_ACTOR, "WB_ATTRIBUTION_STATE_ACTOR", "state-actor" },
  { WB_ATTRIBUTION_STATE_AFFILIATED, "WB_ATTRIBUTION_STATE_AFFILIATED", "state-affiliated" },
  { WB_ATTRIBUTION_NON_STATE, "WB_ATTRIBUTION_NON_STATE", "non-state" },
  { WB_ATTRIBUTION_UNKNOWN, "WB_ATTRIBUTION_UNKNOWN", "unknown" },
  { 0, NULL, NULL }
};
WB_DEFINE_ENUM (WbAttribution, wb_attribution, g_enum_register_static)

static const GEnumValue wb_confidence_values[] = {
  { WB_CONFIDENCE_LOW, "WB_CONFIDENCE_LOW", "low" },
  { WB_CONFIDENCE_MEDIUM, "WB_CONFIDENCE_MEDIUM", "medium" },
  { WB_CONFIDENCE_HIGH, "WB_CONFIDENCE_HIGH", "high" },
  { 0, NULL, NULL }
};
WB_DEFINE_ENUM (WbConfidence, wb_confidence, g_enum_register_static)

static const GFlagsValue wb_community_context_values[] = {
  { WB_COMMUNITY_DIASPORA_ORGANISATION, "WB_COMMUNITY_DIASPORA_ORGANISATION", "diaspora-organisation" },
  { WB_COMMUNITY_RELIGIOUS_INSTITUTION, "WB_COMMUNITY_RELIGIOUS_INSTITUTION", "religious-institution" },
  { WB_COMMUNITY_STUDENTS, "WB_COMMUNITY_STUDENTS", "students" },
  { WB_COMMUNITY_JOURNALISTS, "WB_COMMUNITY_JOURNALISTS", "journalists" },
  { WB_COMMUNITY_EXILED_ACTIVISTS, "WB_COMMUNITY_EXILED_ACTIVISTS", "exiled-activists" },
  { WB_COMMUNITY_OTHER, "WB_COMMUNITY_OTHER", "other" },
  { 0, NULL, NULL }
};
WB_DEFINE_ENUM (WbCommunityContext, wb_community_context, g_flags_register_static)

static const GEnumValue wb_person_role_values[] = {
  { WB_PERSON_ROLE_TARGET, "WB_PERSON_ROLE_TARGET", "target" },
  { WB_PERSON_ROLE_ALLEGED_PERPETRATOR, "WB_PERSON_ROLE_ALLEGED_PERPETRATOR", "alleged-perpetrator" },
  { WB_PERSON_ROLE_INTERMEDIARY, "WB_PERSON_ROLE_INTERMEDIARY", "intermediary" },
  { WB_PERSON_ROLE_WITNESS, "WB_PERSON_ROLE_WITNESS", "witness" },
  { 0, NULL, NULL }
};
WB_DEFINE_ENUM (WbPersonRole, wb_person_role, g_enum_register_static)

static const GEnumValue wb_aangifte_values[] = {
  { WB_AANGIFTE_UNKNOWN, "WB_AANGIFTE_UNKNOWN", "unknown" },
  { WB_AANGIFTE_YES, "WB_AANGIFTE_YES", "yes" },
  { WB_AANGIFTE_NO, "WB_AANGIFTE_NO", "no" },
  { 0, NULL, NULL }
};
WB_DEFINE_ENUM (WbAangifte, wb_aangifte, g_enum_register_static)

static const GEnumValue wb_actor_kind_values[] = {
  { WB_ACTOR_MUNICIPALITY, "WB_ACTOR_MUNICIPALITY", "municipality" },
  { WB_ACTOR_COORDINATOR, "WB_ACTOR_COORDINATOR", "coordinator" },
  { 0, NULL, NULL }
};
WB_DEFINE_ENUM (WbActorKind, wb_actor_kind, g_enum_register_static)

static const GEnumValue wb_decision_kind_values[] = {
  { WB_DECISION_ESCALATE, "WB_DECISION_ESCALATE", "escalate" },
  { WB_DECISION_DEESCALATE, "WB_DECISION_DEESCALATE", "de-escalate" },
  { WB_DECISION_CLOSE, "WB_DECISION_CLOSE", "close" },
  { WB_DECISION_PROPOSE, "WB_DECISION_PROPOSE", "propose" },
  { WB_DECISION_DECIDE_PROPOSAL, "WB_DECISION_DECIDE_PROPOSAL", "decide-proposal" },
  { 0, NULL, NULL }
};
WB_DEFINE_ENUM (WbDecisionKind, wb_decision_kind, g_enum_register_static)

static const GEnumValue wb_resilience_kind_values[] = {
  { WB_RESILIENCE_AWARENESS, "WB_RESILIENCE_AWARENESS", "awareness" },
  { WB_RESILIENCE_PERSPECTIVE_FOR_ACTION, "WB_RESILIENCE_PERSPECTIVE_FOR_ACTION", "perspective-for-action" },
  { WB_RESILIENCE_TRAINING, "WB_RESILIENCE_TRAINING", "training" },
  { WB_RESILIENCE_COMMUNITY_DIALOGUE, "WB_RESILIENCE_COMMUNITY_DIALOGUE", "community-dialogue" },
  { WB_RESILIENCE_OTHER, "WB_RESILIENCE_OTHER", "other" },
  { 0, NULL, NULL }
};
WB_DEFINE_ENUM (WbResilienceKind, wb_resilience_kind, g_enum_register_static)

/* Labels, in the same order as the value tables above.  Each vocabulary
 * has its own gettext context so that short words ("Other", "Unknown")
 * can be translated differently per field without clashing. */
typedef struct
{
  const char *context;
  const char *msgid;
} WbLabel;

static const WbLabel precision_labels[] = {
  { "precision", NC_("precision", "Exact day") },
  { "precision", NC_("precision", "Month known, day unknown") },
  { "precision", NC_("precision", "Year known only") },
  { "precision", NC_("precision", "Estimate") },
};

static const WbLabel channel_labels[] = {
  { "channel", NC_("channel", "In person") },
  { "channel", NC_("channel", "Online platform") },
  { "channel", NC_("channel", "Consular") },
  { "channel", NC_("channel", "Phone") },
  { "channel", NC_("channel", "Post") },
  { "channel", NC_("channel", "Other") },
};

static const WbLabel source_type_labels[] = {
  { "source type", NC_("source type", "Victim") },
  { "source type", NC_("source type", "Witness") },
  { "source type", NC_("source type", "Community worker") },
  { "source type", NC_("source type", "Open source") },
  { "source type", NC_("source type", "Partner organisation") },
};

static const WbLabel reliability_labels[] = {
  { "source reliability", NC_("source reliability", "A — Completely reliable") },
  { "source reliability", NC_("source reliability", "B — Usually reliable") },
  { "source reliability", NC_("source reliability", "C — Fairly reliable") },
  { "source reliability", NC_("source reliability", "D — Not usually reliable") },
  { "source reliability", NC_("source reliability", "E — Unreliable") },
  { "source reliability", NC_("source reliability", "F — Reliability cannot be judged") },
};

static const WbLabel credibility_labels[] = {
  { "information credibility", NC_("information credibility", "1 — Confirmed by other sources") },
  { "information credibility", NC_("information credibility", "2 — Probably true") },
  { "information credibility", NC_("information credibility", "3 — Possibly true") },
  { "information credibility", NC_("information credibility", "4 — Doubtful") },
  { "information credibility", NC_("information credibility", "5 — Improbable") },
  { "information credibility", NC_("information credibility", "6 — Truth cannot be judged") },
};

/* TLP labels are not translated (TLP 2.0): no context, no msgid. */
static const WbLabel tlp_labels[] = {
  { NULL, "TLP:CLEAR" },
  { NULL, "TLP:GREEN" },
  { NULL, "TLP:AMBER" },
  { NULL, "TLP:AMBER+STRICT" },
  { NULL, "TLP:RED" },
};

static const WbLabel attribution_labels[] = {
  { "attribution", NC_("attribution", "State actor") },
  { "attribution", NC_("attribution", "State-affiliated proxy") },
  { "attribution", NC_("attribution", "Non-state") },
  { "attribution", NC_("attribution", "Unknown") },
};

static const WbLabel confidence_labels[] = {
  { "confidence", NC_("confidence", "Low") },
  { "confidence", NC_("confidence", "Medium") },
  { "confidence", NC_("confidence", "High") },
};

static const WbLabel community_context_labels[] = {
  { "community context", NC_("community context", "Diaspora organisation") },
  { "community context", NC_("community context", "Religious institution") },
  { "community context", NC_("community context", "Students") },
  { "community context", NC_("community context", "Journalists") },
  { "community context", NC_("community context", "Exiled activists") },
  { "community context", NC_("community context", "Other") },
};

static const WbLabel person_role_labels[] = {
  { "person role", NC_("person role", "Target") },
  { "person role", NC_("person role", "Alleged perpetrator") },
  { "person role", NC_("person role", "Intermediary") },
  { "person role", NC_("person role", "Witness") },
};

static const WbLabel aangifte_labels[] = {
  { "criminal complaint", NC_("criminal complaint", "Unknown") },
  { "criminal complaint", NC_("criminal complaint", "Yes") },
  { "criminal complaint", NC_("criminal complaint", "No") },
};

static const WbLabel actor_kind_labels[] = {
  { "vault kind", NC_("vault kind", "Municipality") },
  { "vault kind", NC_("vault kind", "National coordinator") },
};

static const WbLabel decision_kind_labels[] = {
  { "decision kind", NC_("decision kind", "Escalate") },
  { "decision kind", NC_("decision kind", "De-escalate") },
  { "decision kind", NC_("decision kind", "Close") },
  { "decision kind", NC_("decision kind", "Propose") },
  { "decision kind", NC_("decision kind", "Decide on proposal") },
};

static const WbLabel resilience_kind_labels[] = {
  { "resilience action", NC_("resilience action", "Awareness") },
  { "resilience action", NC_("resilience action", "Perspective for action") },
  { "resilience action", NC_("resilience action", "Training") },
  { "resilience action", NC_("resilience action", "Community dialogue") },
  { "resilience action", NC_("resilience action", "Other") },
};

static const WbLabel tlp_descriptions[] = {
  { "tlp", NC_("tlp", "No restriction on disclosure.") },
  { "tlp", NC_("tlp", "Limited to the community; not for public channels.") },
  { "tlp", NC_("tlp", "Limited to the recipient’s organisation and those it must inform, on a need-to-know basis.") },
  { "tlp", NC_("tlp", "Limited to the recipient’s own organisation only.") },
  { "tlp", NC_("tlp", "For named recipients only.") },
};

static const WbLabel *
labels_for_type (GType  type,
                 guint *n_labels)
{
#define LABELS(get_type, table) \
  if (type == get_type ()) { *n_labels = G_N_ELEMENTS (table); return table; }

  LABELS (wb_precision_get_type, precision_labels);
  LABELS (wb_channel_get_type, channel_labels);
  LABELS (wb_source_type_get_type, source_type_labels);
  LABELS (wb_reliability_get_type, reliability_labels);
  LABELS (wb_credibility_get_type, credibility_labels);
  LABELS (wb_tlp_get_type, tlp_labels);
  LABELS (wb_attribution_get_type, attribution_labels);
  LABELS (wb_confidence_get_type, confidence_labels);
  LABELS (wb_community_context_get_type, community_context_labels);
  LABELS (wb_person_role_get_type, person_role_labels);
  LABELS (wb_aangifte_get_type, aangifte_labels);
  LABELS (wb_actor_kind_get_type, actor_kind_labels);
  LABELS (wb_decision_kind_get_type, decision_kind_labels);
  LABELS (wb_resilience_kind_get_type, resilience_kind_labels);

#undef LABELS
  *n_labels = 0;
  return NULL;
}

static const char *
label_translate (const WbLabel *label)
{
  if (label->context == NULL)
    return label->msgid;
  return g_dpgettext2 (GETTEXT_PACKAGE, label->context, label->msgid);
}

/* Index of @value in the type's value table, or -1. */
static int
value_index (GType type,
             int   value)
{
  int index = -1;

  if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);

      for (guint i = 0; i < klass->n_values; i++)
        if (klass->values[i].value == value)
          index = i;
    }
  else if (G_TYPE_IS_FLAGS (type))
    {
      g_autoptr(GFlagsClass) klass = g_type_class_ref (type);

      for (guint i = 0; i < klass->n_values; i++)
        if (klass->values[i].value == (guint) value)
          index = i;
    }

  return index;
}

static const char *
nick_at (GType type,
         int   index)
{
  /* The value tables are static, so the nick outlives the class ref. */
  if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      return klass->values[index].value_nick;
    }
  else
    {
      g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
      return klass->values[index].value_nick;
    }
}

const char *
wb_enum_to_nick (GType type,
                 int   value)
{
  int index;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type) || G_TYPE_IS_FLAGS (type), NULL);

  index = value_index (type, value);
  if (index < 0)
    return NULL;
  return nick_at (type, index);
}

gboolean
wb_enum_from_nick (GType       type,
                   const char *nick,
                   int        *value)
{
  g_return_val_if_fail (G_TYPE_IS_ENUM (type) || G_TYPE_IS_FLAGS (type), FALSE);

  if (nick == NULL)
    return FALSE;

  /* Exact, case-sensitive match: these are stable identifiers. */
  if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      const GEnumValue *v = g_enum_get_value_by_nick (klass, nick);

      if (v == NULL)
        return FALSE;
      if (value != NULL)
        *value = v->value;
    }
  else
    {
      g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
      const GFlagsValue *v = g_flags_get_value_by_nick (klass, nick);

      if (v == NULL)
        return FALSE;
      if (value != NULL)
        *value = (int) v->value;
    }

  return TRUE;
}

const char *
wb_enum_get_label (GType type,
                   int   value)
{
  const WbLabel *labels;
  guint n_labels;
  int index;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type) || G_TYPE_IS_FLAGS (type), NULL);

  index = value_index (type, value);
  labels = labels_for_type (type, &n_labels);
  if (index < 0 || labels == NULL || (guint) index >= n_labels)
    return NULL;

  return label_translate (&labels[index]);
}

char *
wb_enum_dup_nick_list (GType type)
{
  g_autoptr(GString) str = g_string_new (NULL);
  guint n_values;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type) || G_TYPE_IS_FLAGS (type), NULL);

  if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      n_values = klass->n_values;
    }
  else
    {
      g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
      n_values = klass->n_values;
    }

  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append (str, ", ");
      g_string_append (str, nick_at (type, i));
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

const char *
wb_tlp_get_description (WbTlp tlp)
{
  g_return_val_if_fail (tlp >= WB_TLP_CLEAR && tlp <= WB_TLP_RED, NULL);

  return label_translate (&tlp_descriptions[tlp]);
}
