/* wb-ladder.c — the country-neutral escalation ladder (DOMAIN.md §2)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-ladder"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wb-ladder.h"
#include "wb-signal-private.h"

/* Nothing in this file may read actor_country (DOMAIN.md §2: the ladder is
 * country-neutral).  tests/test-ladder.c checks every entry point. */

G_DEFINE_QUARK (wb-ladder-error-quark, wb_ladder_error)

G_DEFINE_BOXED_TYPE (WbDecision, wb_decision, wb_decision_copy, wb_decision_free)
G_DEFINE_BOXED_TYPE (WbResilienceAction, wb_resilience_action,
                     wb_resilience_action_copy, wb_resilience_action_free)

typedef struct
{
  const char *name_nl;                 /* DOMAIN.md, verbatim */
  const char *name_en;                 /* msgid, context "ladder level" */
  const char *owner;                   /* msgid, context "ladder owner" */
} WbLevelInfo;

static const WbLevelInfo levels[WB_LADDER_MAX_LEVEL] = {
  { "Registratie",
    NC_("ladder level", "Registration"),
    NC_("ladder owner", "Municipal liaison officer") },
  { "Beeldvorming en monitoring",
    NC_("ladder level", "Picture-building and monitoring"),
    NC_("ladder owner", "Municipality (public order and safety)") },
  { "Lokaal interveniëren",
    NC_("ladder level", "Local intervention"),
    NC_("ladder owner", "Mayor and aldermen") },
  { "Openbare orde en veiligheid (driehoek)",
    NC_("ladder level", "Public order and safety (mayor–police–prosecutor)"),
    NC_("ladder owner", "Mayor, police and public prosecutor") },
  { "Nationale beeldvorming",
    NC_("ladder level", "National picture"),
    NC_("ladder owner", "National coordinator (NCTV)") },
  { "Gecoördineerde actie en opschaling",
    NC_("ladder level", "Coordinated action and upscaling"),
    NC_("ladder owner", "NCTV with the ministries") },
  { "Diplomatieke respons",
    NC_("ladder level", "Diplomatic response"),
    NC_("ladder owner", "Foreign Affairs") },
};

typedef struct
{
  const char *id;      /* stable; stored in decisions */
  int         level;
  const char *label;   /* msgid, context "instrument" */
} WbInstrument;

static const WbInstrument instruments[] = {
  { "log-signal", 1, NC_("instrument", "Log the signal") },
  { "refer-vertrouwenslijn", 1, NC_("instrument", "Refer the person to the Vertrouwenslijn") },
  { "refer-police", 1, NC_("instrument", "Refer the person to the police") },
  { "call-112", 1, NC_("instrument", "Call 112 (danger to life)") },
  { "link-signals", 2, NC_("instrument", "Link signals") },
  { "look-for-patterns", 2, NC_("instrument", "Look for patterns") },
  { "inform-concerned", 2, NC_("instrument", "Inform those concerned") },
  { "firm-conversation", 3, NC_("instrument", "Firm conversation with the organisation") },
  { "subsidy-permit-check", 3, NC_("instrument", "Check subsidies and permits") },
  { "resilience-offer", 3, NC_("instrument", "Resilience offer to the community") },
  { "meeting-conditions", 4, NC_("instrument", "Conditions on a meeting (public-order grounds only)") },
  { "public-order-ban", 4, NC_("instrument", "Ban on public-order grounds only") },
  { "aangifte", 4, NC_("instrument", "Criminal complaint (aangifte)") },
  { "investigation", 4, NC_("instrument", "Criminal investigation") },
  { "collect-across-municipalities", 5, NC_("instrument", "Collect signals across municipalities") },
  { "trend-analysis", 5, NC_("instrument", "Trend and phenomenon analysis") },
  { "interdepartmental-decision", 6, NC_("instrument", "Interdepartmental decision") },
  { "communication", 6, NC_("instrument", "Communication") },
  { "dialogue-with-country", 7, NC_("instrument", "Dialogue with the country of concern") },
  { "summon-ambassador", 7, NC_("instrument", "Summon the ambassador") },
  { "persona-non-grata", 7, NC_("instrument", "Declare persona non grata") },
  { "closure-order", 7, NC_("instrument", "Closure order") },
  { "eu-sanctions", 7, NC_("instrument", "EU sanctions") },
};

/* Categories that signal danger to life: from level 1 straight to 4. */
static const char * const danger_to_life_codes[] = { "A3", "A4", NULL };

/* ---- records ----------------------------------------------------------- */

WbDecision *
wb_decision_new (WbDecisionKind  kind,
                 int             from_level,
                 int             to_level,
                 const GDate    *date)
{
  WbDecision *decision = g_new0 (WbDecision, 1);

  decision->kind = kind;
  decision->from_level = from_level;
  decision->to_level = to_level;
  g_date_clear (&decision->date, 1);
  if (date != NULL)
    decision->date = *date;

  return decision;
}

WbDecision *
wb_decision_copy (const WbDecision *decision)
{
  WbDecision *copy;

  g_return_val_if_fail (decision != NULL, NULL);

  copy = g_memdup2 (decision, sizeof *decision);
  copy->deciding_role = g_strdup (decision->deciding_role);
  copy->facts = g_strdup (decision->facts);
  copy->assessment = g_strdup (decision->assessment);
  copy->decision = g_strdup (decision->decision);
  copy->instruments = g_strdupv (decision->instruments);
  copy->skip_reason = g_strdup (decision->skip_reason);
  copy->outcome = g_strdup (decision->outcome);
  copy->measures = g_strdup (decision->measures);

  return copy;
}

void
wb_decision_free (WbDecision *decision)
{
  if (decision == NULL)
    return;

  g_free (decision->deciding_role);
  g_free (decision->facts);
  g_free (decision->assessment);
  g_free (decision->decision);
  g_strfreev (decision->instruments);
  g_free (decision->skip_reason);
  g_free (decision->outcome);
  g_free (decision->measures);
  g_free (decision);
}

int
wb_decision_get_resulting_level (const WbDecision *decision)
{
  g_return_val_if_fail (decision != NULL, 0);

  if (decision->kind == WB_DECISION_PROPOSE || decision->kind == WB_DECISION_CLOSE)
    return decision->from_level;
  return decision->to_level;
}

WbResilienceAction *
wb_resilience_action_new (WbResilienceKind  kind,
                          int               level,
                          const GDate      *date)
{
  WbResilienceAction *action = g_new0 (WbResilienceAction, 1);

  action->kind = kind;
  action->level = level;
  g_date_clear (&action->date, 1);
  if (date != NULL)
    action->date = *date;

  return action;
}

WbResilienceAction *
wb_resilience_action_copy (const WbResilienceAction *action)
{
  WbResilienceAction *copy;

  g_return_val_if_fail (action != NULL, NULL);

  copy = g_memdup2 (action, sizeof *action);
  copy->role = g_strdup (action->role);
  copy->description = g_strdup (action->description);

  return copy;
}

void
wb_resilience_action_free (WbResilienceAction *action)
{
  if (action == NULL)
    return;

  g_free (action->role);
  g_free (action->description);
  g_free (action);
}

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

gboolean
wb_resilience_action_validate (const WbResilienceAction  *action,
                               GError                   **error)
{
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (wb_enum_to_nick (WB_TYPE_RESILIENCE_KIND, action->kind) == NULL)
    {
      g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_MISSING_FIELD,
                           _("Choose what kind of resilience work this was"));
      return FALSE;
    }
  if (!wb_ladder_is_valid_level (action->level))
    {
      g_set_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_INVALID_LEVEL,
                   _("Level %d is not on the escalation ladder (levels 1–7)"),
                   action->level);
      return FALSE;
    }
  if (!g_date_valid (&action->date))
    {
      g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_MISSING_FIELD,
                           _("The resilience action needs a date"));
      return FALSE;
    }
  if (is_blank (action->role))
    {
      g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_MISSING_FIELD,
                           _("Record who did the work as a role, not a person’s name"));
      return FALSE;
    }
  if (is_blank (action->description))
    {
      g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_MISSING_FIELD,
                           _("Describe the resilience work"));
      return FALSE;
    }

  return _wb_signal_check_text ("description", action->description,
                                WB_SIGNAL_NOTE_MAX_CHARS, TRUE, error);
}

/* ---- levels and instruments -------------------------------------------- */

gboolean
wb_ladder_is_valid_level (int level)
{
  return level >= WB_LADDER_MIN_LEVEL && level <= WB_LADDER_MAX_LEVEL;
}

gboolean
wb_ladder_level_is_national (int level)
{
  return wb_ladder_is_valid_level (level) && level >= WB_LADDER_FIRST_NATIONAL_LEVEL;
}

const char *
wb_ladder_level_get_name (int level)
{
  if (!wb_ladder_is_valid_level (level))
    return NULL;
  return g_dpgettext2 (GETTEXT_PACKAGE, "ladder level", levels[level - 1].name_en);
}

const char *
wb_ladder_level_get_name_nl (int level)
{
  return wb_ladder_is_valid_level (level) ? levels[level - 1].name_nl : NULL;
}

const char *
wb_ladder_level_get_name_en (int level)
{
  return wb_ladder_is_valid_level (level) ? levels[level - 1].name_en : NULL;
}

const char *
wb_ladder_level_get_owner (int level)
{
  if (!wb_ladder_is_valid_level (level))
    return NULL;
  return g_dpgettext2 (GETTEXT_PACKAGE, "ladder owner", levels[level - 1].owner);
}

GStrv
wb_ladder_dup_default_instruments (int level)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  if (!wb_ladder_is_valid_level (level))
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < G_N_ELEMENTS (instruments); i++)
    if (instruments[i].level == level)
      g_strv_builder_add (builder, instruments[i].id);

  return g_strv_builder_end (builder);
}

const char *
wb_ladder_instrument_get_label (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (instruments); i++)
    if (strcmp (instruments[i].id, id) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "instrument", instruments[i].label);

  return NULL;
}

/* ---- rules ------------------------------------------------------------- */

static gboolean
refuse_for_role (WbDecisionKind   kind,
                 GError         **error)
{
  if (kind == WB_DECISION_PROPOSE)
    g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_NOT_ALLOWED_FOR_ROLE,
                         _("Only a municipality proposes a national level; "
                           "a national coordinator decides it directly"));
  else
    g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_NOT_ALLOWED_FOR_ROLE,
                         _("Levels 5–7 are national: a municipality can propose them, "
                           "and only a national coordinator decides them"));
  return FALSE;
}

gboolean
wb_ladder_check_transition (int                current_level,
                            const WbDecision  *d,
                            WbActorKind        vault_kind,
                            GError           **error)
{
  gboolean national;

  g_return_val_if_fail (d != NULL, FALSE);
  g_return_val_if_fail (wb_enum_to_nick (WB_TYPE_DECISION_KIND, d->kind) != NULL, FALSE);
  g_return_val_if_fail (wb_enum_to_nick (WB_TYPE_ACTOR_KIND, vault_kind) != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!wb_ladder_is_valid_level (current_level) || !wb_ladder_is_valid_level (d->to_level))
    {
      g_set_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_INVALID_LEVEL,
                   _("Level %d is not on the escalation ladder (levels 1–7)"),
                   wb_ladder_is_valid_level (current_level) ? d->to_level : current_level);
      return FALSE;
    }
  if (d->from_level != current_level)
    {
      g_set_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_INVALID_LEVEL,
                   _("The decision starts at level %d, but the signal is at level %d"),
                   d->from_level, current_level);
      return FALSE;
    }

  switch (d->kind)
    {
    case WB_DECISION_ESCALATE:
    case WB_DECISION_DECIDE_PROPOSAL:
    case WB_DECISION_PROPOSE:
      if (d->to_level == d->from_level)
        {
          g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_NO_CHANGE,
                               _("The signal is already at this level"));
          return FALSE;
        }
      if (d->to_level < d->from_level)
        {
          g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_WRONG_DIRECTION,
                               _("Escalating must move the signal to a higher level; "
                                 "choose “De-escalate” to move it down"));
          return FALSE;
        }
      break;

    case WB_DECISION_DEESCALATE:
      if (d->to_level == d->from_level)
        {
          g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_NO_CHANGE,
                               _("The signal is already at this level"));
          return FALSE;
        }
      if (d->to_level > d->from_level)
        {
          g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_WRONG_DIRECTION,
                               _("De-escalating must move the signal to a lower level; "
                                 "choose “Escalate” to move it up"));
          return FALSE;
        }
      break;

    case WB_DECISION_CLOSE:
      if (d->to_level != d->from_level)
        {
          g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_WRONG_DIRECTION,
                               _("Closing keeps the signal at its current level"));
          return FALSE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  if ((d->kind == WB_DECISION_PROPOSE || d->kind == WB_DECISION_DECIDE_PROPOSAL) &&
      !wb_ladder_level_is_national (d->to_level))
    {
      g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_INVALID_LEVEL,
                           _("Only the national levels 5–7 go by proposal; "
                             "decide levels 1–4 directly"));
      return FALSE;
    }

  /* Who may act.  Moving into, within or out of levels 5–7 is a national
   * decision; a municipality can only propose moving up into them. */
  national = wb_ladder_level_is_national (d->from_level) || wb_ladder_level_is_national (d->to_level);
  if (d->kind == WB_DECISION_PROPOSE)
    {
      if (vault_kind != WB_ACTOR_MUNICIPALITY)
        return refuse_for_role (d->kind, error);
    }
  else if (national && vault_kind != WB_ACTOR_COORDINATOR)
    return refuse_for_role (d->kind, error);

  if (!g_date_valid (&d->date))
    {
      g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_MISSING_FIELD,
                           _("The decision needs a date"));
      return FALSE;
    }
  if (is_blank (d->deciding_role))
    {
      g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_MISSING_FIELD,
                           _("Record the deciding role (a role, not a person’s name)"));
      return FALSE;
    }

  if (is_blank (d->facts))
    {
      g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_MISSING_JUSTIFICATION,
                           _("Describe the facts (beeldvorming) behind this decision"));
      return FALSE;
    }
  if (is_blank (d->assessment))
    {
      g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_MISSING_JUSTIFICATION,
                           _("Give the assessment (oordeelsvorming) behind this decision"));
      return FALSE;
    }
  if (is_blank (d->decision))
    {
      g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_MISSING_JUSTIFICATION,
                           _("State the decision itself (besluitvorming)"));
      return FALSE;
    }

  if (d->to_level - d->from_level > 1 && is_blank (d->skip_reason))
    {
      g_set_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_SKIP_WITHOUT_REASON,
                   _("Going from level %d to level %d skips a level: give the reason for the skip"),
                   d->from_level, d->to_level);
      return FALSE;
    }

  if (d->kind == WB_DECISION_DEESCALATE || d->kind == WB_DECISION_CLOSE)
    {
      if (is_blank (d->outcome))
        {
          g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_MISSING_OUTCOME,
                               _("Record the outcome before moving down or closing"));
          return FALSE;
        }
      if (is_blank (d->measures))
        {
          g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_MISSING_OUTCOME,
                               _("Record the measures taken before moving down or closing"));
          return FALSE;
        }
    }

  return TRUE;
}

void
wb_ladder_compute_review_date (const GDate *closed_on,
                               GDate       *review_on)
{
  g_return_if_fail (closed_on != NULL && g_date_valid (closed_on));
  g_return_if_fail (review_on != NULL);

  *review_on = *closed_on;
  g_date_add_months (review_on, WB_RETENTION_DEFAULT_MONTHS);
}

gboolean
wb_ladder_apply_decision (WbSignal          *signal,
                          const WbDecision  *decision,
                          WbActorKind        vault_kind,
                          GError           **error)
{
  g_return_val_if_fail (WB_IS_SIGNAL (signal), FALSE);
  g_return_val_if_fail (decision != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (decision->kind == WB_DECISION_CLOSE && signal->closed_on != NULL)
    {
      g_set_error_literal (error, WB_LADDER_ERROR, WB_LADDER_ERROR_NO_CHANGE,
                           _("The signal is already closed"));
      return FALSE;
    }

  if (!wb_ladder_check_transition (signal->level, decision, vault_kind, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (signal));
  wb_signal_set_level (signal, wb_decision_get_resulting_level (decision));
  if (decision->kind == WB_DECISION_CLOSE)
    {
      GDate review_on;
      g_autofree char *closed_text = wb_date_format_iso (&decision->date);
      g_autofree char *review_text = NULL;

      wb_ladder_compute_review_date (&decision->date, &review_on);
      review_text = wb_date_format_iso (&review_on);
      wb_signal_set_closed_on (signal, closed_text);
      wb_signal_set_review_on (signal, review_text);
    }
  else if (decision->kind != WB_DECISION_PROPOSE)
    wb_signal_set_closed_on (signal, NULL);
  g_object_thaw_notify (G_OBJECT (signal));

  return TRUE;
}

/* ---- suggestions, defaults, order ------------------------------------- */

int
wb_ladder_suggest_next_level (WbSignal *signal)
{
  int level;

  g_return_val_if_fail (WB_IS_SIGNAL (signal), WB_LADDER_MIN_LEVEL);

  level = signal->level;
  if (level < WB_LADDER_DANGER_TO_LIFE_LEVEL)
    for (guint i = 0; danger_to_life_codes[i] != NULL; i++)
      if (wb_signal_has_category (signal, danger_to_life_codes[i]))
        return WB_LADDER_DANGER_TO_LIFE_LEVEL;

  return MIN (level + 1, WB_LADDER_MAX_LEVEL);
}

WbDecisionKind
wb_ladder_default_kind (int         current,
                        int         target,
                        WbActorKind vault_kind)
{
  if (target > current)
    return wb_ladder_level_is_national (target) && vault_kind == WB_ACTOR_MUNICIPALITY
           ? WB_DECISION_PROPOSE : WB_DECISION_ESCALATE;
  if (target < current)
    return WB_DECISION_DEESCALATE;
  return WB_DECISION_CLOSE;
}

WbDecision *
wb_ladder_dup_suggested_decision (WbSignal    *signal,
                                  WbActorKind  vault_kind,
                                  const GDate *today)
{
  WbDecision *decision;
  int target;

  g_return_val_if_fail (WB_IS_SIGNAL (signal), NULL);

  target = wb_ladder_suggest_next_level (signal);
  decision = wb_decision_new (wb_ladder_default_kind (signal->level, target, vault_kind),
                              signal->level, target, today);
  decision->instruments = wb_ladder_dup_default_instruments (target);

  return decision;
}

static int
cmp0_desc (const char *a,
           const char *b)
{
  /* Unknown dates sort after known ones. */
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return -strcmp (a, b);
}

int
wb_ladder_compare_signals (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  WbSignal *sa = (WbSignal *) a;
  WbSignal *sb = (WbSignal *) b;
  int r;

  g_assert (WB_IS_SIGNAL (sa));
  g_assert (WB_IS_SIGNAL (sb));

  if (sa->level != sb->level)
    return sa->level > sb->level ? -1 : 1;
  if ((r = cmp0_desc (sa->occurred_on, sb->occurred_on)) != 0)
    return r;
  if (sa->updated_at != NULL && sb->updated_at != NULL &&
      (r = g_date_time_compare (sb->updated_at, sa->updated_at)) != 0)
    return r;
  return g_strcmp0 (sa->uuid, sb->uuid);
}
