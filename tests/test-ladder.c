/* test-ladder.c — the escalation ladder, and proof that it is country-neutral
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "wb-core.h"

static GDate
date (int y, int m, int d)
{
  GDate g;

  g_date_clear (&g, 1);
  g_date_set_dmy (&g, d, m, y);
  return g;
}

/* A decision with everything a valid one needs, for @kind from → to. */
static WbDecision *
decision_new (WbDecisionKind kind,
              int            from,
              int            to)
{
  GDate today = date (2026, 11, 29);
  WbDecision *d = wb_decision_new (kind, from, to, &today);

  d->deciding_role = g_strdup ("burgemeester");
  d->facts = g_strdup ("Drie meldingen over dezelfde organisatie.");
  d->assessment = g_strdup ("Patroon van intimidatie, risico voor deelnemers.");
  d->decision = g_strdup ("Gesprek met de organisatie en monitoring.");
  d->instruments = wb_ladder_dup_default_instruments (to);
  d->skip_reason = NULL;
  d->outcome = g_strdup ("Intimidatie gestopt.");
  d->measures = g_strdup ("Gesprek gevoerd, vergunning getoetst.");
  return d;
}

static void
assert_check (int             current,
              const WbDecision *d,
              WbActorKind     vault,
              int             code)     /* -1: allowed */
{
  g_autoptr(GError) error = NULL;
  gboolean ok = wb_ladder_check_transition (current, d, vault, &error);

  if (code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, WB_LADDER_ERROR, code);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static char *
read_domain (void)
{
  const char *shared = g_getenv ("WB_SHARED_DIR");
  g_autofree char *path = NULL;
  char *text = NULL;

  if (shared == NULL)
    return NULL;
  path = g_build_filename (shared, "DOMAIN.md", NULL);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

static void
test_levels (void)
{
  g_autofree char *domain = read_domain ();

  g_assert_false (wb_ladder_is_valid_level (0));
  g_assert_false (wb_ladder_is_valid_level (8));
  g_assert_null (wb_ladder_level_get_name (0));
  g_assert_null (wb_ladder_dup_default_instruments (8));
  g_assert_null (wb_ladder_instrument_get_label ("no-such-instrument"));

  for (int level = 1; level <= 7; level++)
    {
      g_auto(GStrv) instruments = wb_ladder_dup_default_instruments (level);

      g_assert_true (wb_ladder_is_valid_level (level));
      g_assert_cmpint (wb_ladder_level_is_national (level), ==, level >= 5);
      g_assert_nonnull (wb_ladder_level_get_name (level));
      g_assert_nonnull (wb_ladder_level_get_owner (level));
      g_assert_cmpuint (g_strv_length (instruments), >=, 2);
      for (guint i = 0; instruments[i] != NULL; i++)
        g_assert_nonnull (wb_ladder_instrument_get_label (instruments[i]));

      /* names are DOMAIN.md §2's, verbatim */
      if (domain != NULL)
        {
          g_autofree char *row = g_strdup_printf ("| %d | %s | %s |", level,
                                                  wb_ladder_level_get_name_nl (level),
                                                  wb_ladder_level_get_name_en (level));
          if (strstr (domain, row) == NULL)
            g_error ("DOMAIN.md has no row starting “%s”", row);
        }
    }
}

static void
test_valid_transitions (void)
{
  g_autoptr(WbDecision) up = decision_new (WB_DECISION_ESCALATE, 1, 2);
  g_autoptr(WbDecision) down = decision_new (WB_DECISION_DEESCALATE, 3, 1);
  g_autoptr(WbDecision) close = decision_new (WB_DECISION_CLOSE, 2, 2);
  g_autoptr(WbDecision) skip = decision_new (WB_DECISION_ESCALATE, 1, 4);

  assert_check (1, up, WB_ACTOR_MUNICIPALITY, -1);
  assert_check (3, down, WB_ACTOR_MUNICIPALITY, -1);
  assert_check (2, close, WB_ACTOR_MUNICIPALITY, -1);

  /* danger to life: 1 → 4 with a reason */
  skip->skip_reason = g_strdup ("Levensgevaar: dreiging met geweld.");
  assert_check (1, skip, WB_ACTOR_MUNICIPALITY, -1);
}

static void
test_missing_justification (void)
{
  for (guint part = 0; part < 3; part++)
    for (guint blank = 0; blank < 2; blank++)
      {
        g_autoptr(WbDecision) d = decision_new (WB_DECISION_ESCALATE, 1, 2);
        char **field = part == 0 ? &d->facts : part == 1 ? &d->assessment : &d->decision;

        g_free (*field);
        *field = blank ? g_strdup ("  \n\t ") : NULL;
        assert_check (1, d, WB_ACTOR_MUNICIPALITY, WB_LADDER_ERROR_MISSING_JUSTIFICATION);
      }

  {
    g_autoptr(WbDecision) d = decision_new (WB_DECISION_ESCALATE, 1, 2);

    g_clear_pointer (&d->deciding_role, g_free);
    assert_check (1, d, WB_ACTOR_MUNICIPALITY, WB_LADDER_ERROR_MISSING_FIELD);
  }
  {
    g_autoptr(WbDecision) d = decision_new (WB_DECISION_ESCALATE, 1, 2);

    g_date_clear (&d->date, 1);
    assert_check (1, d, WB_ACTOR_MUNICIPALITY, WB_LADDER_ERROR_MISSING_FIELD);
  }
}

static void
test_skip_without_reason (void)
{
  for (int from = 1; from <= 3; from++)
    for (int to = from + 2; to <= 4; to++)
      {
        g_autoptr(WbDecision) d = decision_new (WB_DECISION_ESCALATE, from, to);
        g_autoptr(GError) error = NULL;
        g_autofree char *from_text = g_strdup_printf ("%d", from);

        g_assert_false (wb_ladder_check_transition (from, d, WB_ACTOR_MUNICIPALITY, &error));
        g_assert_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_SKIP_WITHOUT_REASON);
        g_assert_nonnull (strstr (error->message, from_text));

        d->skip_reason = g_strdup ("   ");
        assert_check (from, d, WB_ACTOR_MUNICIPALITY, WB_LADDER_ERROR_SKIP_WITHOUT_REASON);
        g_free (d->skip_reason);
        d->skip_reason = g_strdup ("Acuut gevaar.");
        assert_check (from, d, WB_ACTOR_MUNICIPALITY, -1);
      }

  /* proposals skip too: 3 → 5 */
  {
    g_autoptr(WbDecision) d = decision_new (WB_DECISION_PROPOSE, 3, 5);

    assert_check (3, d, WB_ACTOR_MUNICIPALITY, WB_LADDER_ERROR_SKIP_WITHOUT_REASON);
  }
  /* moving down several levels needs no skip reason */
  {
    g_autoptr(WbDecision) d = decision_new (WB_DECISION_DEESCALATE, 4, 1);

    assert_check (4, d, WB_ACTOR_MUNICIPALITY, -1);
  }
}

static void
test_invalid_transitions (void)
{
  struct {
    WbDecisionKind kind;
    int current, from, to;
    int code;
  } cases[] = {
    { WB_DECISION_ESCALATE, 2, 1, 2, WB_LADDER_ERROR_INVALID_LEVEL },   /* stale from-level */
    { WB_DECISION_ESCALATE, 1, 1, 8, WB_LADDER_ERROR_INVALID_LEVEL },
    { WB_DECISION_DEESCALATE, 1, 1, 0, WB_LADDER_ERROR_INVALID_LEVEL },
    { WB_DECISION_ESCALATE, 0, 0, 1, WB_LADDER_ERROR_INVALID_LEVEL },
    { WB_DECISION_ESCALATE, 9, 9, 9, WB_LADDER_ERROR_INVALID_LEVEL },
    { WB_DECISION_ESCALATE, 2, 2, 2, WB_LADDER_ERROR_NO_CHANGE },
    { WB_DECISION_DEESCALATE, 3, 3, 3, WB_LADDER_ERROR_NO_CHANGE },
    { WB_DECISION_ESCALATE, 3, 3, 2, WB_LADDER_ERROR_WRONG_DIRECTION },
    { WB_DECISION_DEESCALATE, 2, 2, 3, WB_LADDER_ERROR_WRONG_DIRECTION },
    { WB_DECISION_CLOSE, 3, 3, 1, WB_LADDER_ERROR_WRONG_DIRECTION },
    { WB_DECISION_PROPOSE, 4, 4, 3, WB_LADDER_ERROR_WRONG_DIRECTION },
    { WB_DECISION_PROPOSE, 2, 2, 3, WB_LADDER_ERROR_INVALID_LEVEL },    /* local levels: decide */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WbDecision) d = decision_new (cases[i].kind, cases[i].from, cases[i].to);

      assert_check (cases[i].current, d, WB_ACTOR_MUNICIPALITY, cases[i].code);
      assert_check (cases[i].current, d, WB_ACTOR_COORDINATOR, cases[i].code);
    }
}

static void
test_outcome_required (void)
{
  for (guint kind = 0; kind < 2; kind++)
    for (guint part = 0; part < 2; part++)
      {
        WbDecisionKind k = kind == 0 ? WB_DECISION_DEESCALATE : WB_DECISION_CLOSE;
        g_autoptr(WbDecision) d = decision_new (k, 3, k == WB_DECISION_CLOSE ? 3 : 2);

        g_clear_pointer (part == 0 ? &d->outcome : &d->measures, g_free);
        assert_check (3, d, WB_ACTOR_MUNICIPALITY, WB_LADDER_ERROR_MISSING_OUTCOME);
      }

  /* moving up does not need them */
  {
    g_autoptr(WbDecision) d = decision_new (WB_DECISION_ESCALATE, 2, 3);

    g_clear_pointer (&d->outcome, g_free);
    g_clear_pointer (&d->measures, g_free);
    assert_check (2, d, WB_ACTOR_MUNICIPALITY, -1);
  }
}

static void
test_national_levels (void)
{
  for (int to = 5; to <= 7; to++)
    {
      g_autoptr(WbDecision) up = decision_new (WB_DECISION_ESCALATE, to - 1, to);
      g_autoptr(WbDecision) propose = decision_new (WB_DECISION_PROPOSE, to - 1, to);
      g_autoptr(WbDecision) decide = decision_new (WB_DECISION_DECIDE_PROPOSAL, to - 1, to);
      g_autoptr(WbDecision) down = decision_new (WB_DECISION_DEESCALATE, to, to - 1);
      g_autoptr(WbDecision) close = decision_new (WB_DECISION_CLOSE, to, to);

      /* a municipality may not decide a national level … */
      assert_check (to - 1, up, WB_ACTOR_MUNICIPALITY, WB_LADDER_ERROR_NOT_ALLOWED_FOR_ROLE);
      assert_check (to - 1, decide, WB_ACTOR_MUNICIPALITY, WB_LADDER_ERROR_NOT_ALLOWED_FOR_ROLE);
      assert_check (to, down, WB_ACTOR_MUNICIPALITY, WB_LADDER_ERROR_NOT_ALLOWED_FOR_ROLE);
      assert_check (to, close, WB_ACTOR_MUNICIPALITY, WB_LADDER_ERROR_NOT_ALLOWED_FOR_ROLE);
      /* … only propose it */
      assert_check (to - 1, propose, WB_ACTOR_MUNICIPALITY, -1);

      /* a coordinator decides, and does not propose */
      assert_check (to - 1, up, WB_ACTOR_COORDINATOR, -1);
      assert_check (to - 1, decide, WB_ACTOR_COORDINATOR, -1);
      assert_check (to, down, WB_ACTOR_COORDINATOR, -1);
      assert_check (to, close, WB_ACTOR_COORDINATOR, -1);
      assert_check (to - 1, propose, WB_ACTOR_COORDINATOR, WB_LADDER_ERROR_NOT_ALLOWED_FOR_ROLE);
    }

  /* deciding a proposal is for national levels only */
  {
    g_autoptr(WbDecision) d = decision_new (WB_DECISION_DECIDE_PROPOSAL, 2, 3);

    assert_check (2, d, WB_ACTOR_COORDINATOR, WB_LADDER_ERROR_INVALID_LEVEL);
  }
  /* local levels are decided by municipalities */
  {
    g_autoptr(WbDecision) d = decision_new (WB_DECISION_ESCALATE, 3, 4);

    assert_check (3, d, WB_ACTOR_MUNICIPALITY, -1);
  }
}

static WbSignal *
make_signal (int level)
{
  WbSignal *signal = wb_signal_new ();
  g_autoptr(GDateTime) created = g_date_time_new_utc (2026, 1, 5, 8, 0, 0);

  wb_signal_set_uuid (signal, "00000000-0000-4000-8000-000000000001");
  wb_signal_set_created_at (signal, created);
  wb_signal_set_updated_at (signal, created);
  wb_signal_set_organisation (signal, "Gemeente Den Haag");
  wb_signal_set_role (signal, "liaison-officer");
  wb_signal_set_summary (signal, "Signaal");
  wb_signal_set_categories (signal, (const char * const []) { "B1", NULL });
  wb_signal_set_occurred_on (signal, "2026-01-02");
  wb_signal_set_municipality (signal, "Den Haag");
  wb_signal_set_level (signal, level);
  wb_signal_set_review_on (signal, "2027-01-05");
  return signal;
}

static void
test_apply_and_close (void)
{
  g_autoptr(WbSignal) signal = make_signal (2);
  g_autoptr(WbDecision) close = decision_new (WB_DECISION_CLOSE, 2, 2);
  g_autoptr(WbDecision) reopen = decision_new (WB_DECISION_ESCALATE, 2, 3);
  g_autoptr(WbDecision) bad = decision_new (WB_DECISION_ESCALATE, 2, 4);
  g_autoptr(WbDecision) propose = decision_new (WB_DECISION_PROPOSE, 3, 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (wb_signal_validate (signal, &error));
  g_assert_no_error (error);

  /* a refused decision leaves the signal untouched */
  before = wb_signal_dup_canonical_json (signal);
  g_assert_false (wb_ladder_apply_decision (signal, bad, WB_ACTOR_MUNICIPALITY, &error));
  g_assert_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_SKIP_WITHOUT_REASON);
  g_clear_error (&error);
  after = wb_signal_dup_canonical_json (signal);
  g_assert_cmpstr (before, ==, after);

  /* closing starts the retention clock: 12 months after closing */
  close->date = date (2026, 11, 29);
  g_assert_true (wb_ladder_apply_decision (signal, close, WB_ACTOR_MUNICIPALITY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wb_signal_get_level (signal), ==, 2);
  g_assert_cmpstr (wb_signal_get_closed_on (signal), ==, "2026-11-29");
  g_assert_cmpstr (wb_signal_get_review_on (signal), ==, "2027-11-29");
  g_assert_true (wb_signal_validate (signal, NULL));

  g_assert_false (wb_ladder_apply_decision (signal, close, WB_ACTOR_MUNICIPALITY, &error));
  g_assert_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_NO_CHANGE);
  g_clear_error (&error);

  /* moving again reopens */
  g_assert_true (wb_ladder_apply_decision (signal, reopen, WB_ACTOR_MUNICIPALITY, &error));
  g_assert_cmpint (wb_signal_get_level (signal), ==, 3);
  g_assert_null (wb_signal_get_closed_on (signal));

  /* a proposal changes nothing until a coordinator decides */
  propose->skip_reason = g_strdup ("Landelijk patroon.");
  g_assert_true (wb_ladder_apply_decision (signal, propose, WB_ACTOR_MUNICIPALITY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wb_signal_get_level (signal), ==, 3);
  g_assert_cmpint (wb_decision_get_resulting_level (propose), ==, 3);

  propose->kind = WB_DECISION_DECIDE_PROPOSAL;
  g_assert_false (wb_ladder_apply_decision (signal, propose, WB_ACTOR_MUNICIPALITY, &error));
  g_assert_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_NOT_ALLOWED_FOR_ROLE);
  g_clear_error (&error);
  g_assert_true (wb_ladder_apply_decision (signal, propose, WB_ACTOR_COORDINATOR, &error));
  g_assert_cmpint (wb_signal_get_level (signal), ==, 5);
}

static void
test_review_date (void)
{
  struct { GDate closed; const char *review; } cases[] = {
    { date (2026, 11, 29), "2027-11-29" },
    { date (2026, 3, 31), "2027-03-31" },
    { date (2028, 2, 29), "2029-02-28" },
    { date (2026, 12, 31), "2027-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate review;
      g_autofree char *text = NULL;

      wb_ladder_compute_review_date (&cases[i].closed, &review);
      text = wb_date_format_iso (&review);
      g_assert_cmpstr (text, ==, cases[i].review);
    }
}

static void
test_suggestions (void)
{
  g_autoptr(WbSignal) plain = make_signal (1);
  g_autoptr(WbSignal) danger = make_signal (1);
  g_autoptr(WbSignal) top = make_signal (7);
  g_autoptr(WbDecision) suggested = NULL;
  GDate today = date (2026, 11, 29);

  g_assert_cmpint (wb_ladder_suggest_next_level (plain), ==, 2);
  wb_signal_set_categories (danger, (const char * const []) { "A4", NULL });
  g_assert_cmpint (wb_ladder_suggest_next_level (danger), ==, 4);
  wb_signal_set_level (danger, 4);
  g_assert_cmpint (wb_ladder_suggest_next_level (danger), ==, 5);
  g_assert_cmpint (wb_ladder_suggest_next_level (top), ==, 7);

  g_assert_cmpint (wb_ladder_default_kind (4, 5, WB_ACTOR_MUNICIPALITY), ==, WB_DECISION_PROPOSE);
  g_assert_cmpint (wb_ladder_default_kind (4, 5, WB_ACTOR_COORDINATOR), ==, WB_DECISION_ESCALATE);
  g_assert_cmpint (wb_ladder_default_kind (1, 2, WB_ACTOR_MUNICIPALITY), ==, WB_DECISION_ESCALATE);
  g_assert_cmpint (wb_ladder_default_kind (3, 2, WB_ACTOR_MUNICIPALITY), ==, WB_DECISION_DEESCALATE);
  g_assert_cmpint (wb_ladder_default_kind (3, 3, WB_ACTOR_MUNICIPALITY), ==, WB_DECISION_CLOSE);

  /* the suggestion is a valid decision once people add the justification */
  suggested = wb_ladder_dup_suggested_decision (danger, WB_ACTOR_MUNICIPALITY, &today);
  g_assert_cmpint (suggested->kind, ==, WB_DECISION_PROPOSE);
  g_assert_cmpint (suggested->to_level, ==, 5);
  assert_check (4, suggested, WB_ACTOR_MUNICIPALITY, WB_LADDER_ERROR_MISSING_FIELD);
  suggested->deciding_role = g_strdup ("burgemeester");
  suggested->facts = g_strdup ("f");
  suggested->assessment = g_strdup ("a");
  suggested->decision = g_strdup ("d");
  assert_check (4, suggested, WB_ACTOR_MUNICIPALITY, -1);
}

static void
test_resilience_action (void)
{
  GDate today = date (2026, 11, 29);

  for (int level = 1; level <= 7; level++)
    {
      g_autoptr(WbResilienceAction) action =
        wb_resilience_action_new (WB_RESILIENCE_PERSPECTIVE_FOR_ACTION, level, &today);
      g_autoptr(WbResilienceAction) copy = NULL;
      g_autoptr(GError) error = NULL;

      action->role = g_strdup ("weerbaarheidsadviseur");
      action->description = g_strdup ("Voorlichting over de Vertrouwenslijn.");
      action->community = WB_COMMUNITY_STUDENTS;
      g_assert_true (wb_resilience_action_validate (action, &error));
      g_assert_no_error (error);
      copy = wb_resilience_action_copy (action);
      g_assert_cmpstr (copy->description, ==, action->description);
    }

  {
    g_autoptr(WbResilienceAction) action = wb_resilience_action_new (WB_RESILIENCE_TRAINING, 8, &today);
    g_autoptr(GError) error = NULL;

    action->role = g_strdup ("r");
    action->description = g_strdup ("d");
    g_assert_false (wb_resilience_action_validate (action, &error));
    g_assert_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_INVALID_LEVEL);
    g_clear_error (&error);

    action->level = 3;
    g_clear_pointer (&action->description, g_free);
    g_assert_false (wb_resilience_action_validate (action, &error));
    g_assert_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_MISSING_FIELD);
    g_clear_error (&error);

    action->description = g_strdup ("Gesprek op Kerkstraat 12");
    g_assert_false (wb_resilience_action_validate (action, &error));
    g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_NOT_MINIMISED);
  }
}

static void
test_order (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  static const struct { int level; const char *occurred; const char *uuid; } rows[] = {
    { 2, "2026-01-01", "00000000-0000-4000-8000-000000000001" },
    { 5, "2025-06-01", "00000000-0000-4000-8000-000000000002" },
    { 2, "2026-03-01", "00000000-0000-4000-8000-000000000003" },
    { 2, "2026-03-01", "00000000-0000-4000-8000-000000000004" },
    { 7, "2024-01-01", "00000000-0000-4000-8000-000000000005" },
  };
  static const guint expected[] = { 4, 1, 2, 3, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      WbSignal *signal = make_signal (rows[i].level);

      wb_signal_set_occurred_on (signal, rows[i].occurred);
      wb_signal_set_uuid (signal, rows[i].uuid);
      g_ptr_array_add (list, signal);
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    for (guint j = 0; j < G_N_ELEMENTS (expected); j++)
      {
        int r = wb_ladder_compare_signals (list->pdata[expected[i]], list->pdata[expected[j]], NULL);

        g_assert_cmpint (i < j ? -1 : i > j ? 1 : 0, ==, (r > 0) - (r < 0));
      }
}

/* ---- country neutrality ------------------------------------------------ */

static const char * const countries[] = {
  NULL, "NL", "CN", "RU", "TR", "IR", "ER", "MA", "SA", "IN", "RW", "US", "ZZ",
};

static WbSignal *
random_signal (GRand *rand,
               guint  n)
{
  static const char * const pool[] = { "A1", "A3", "A4", "B1", "C5", "E2", "G1", "H1", "I3" };
  WbSignal *signal = make_signal (g_rand_int_range (rand, 1, 8));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-%012u", n);
  g_autofree char *occurred = g_strdup_printf ("2026-%02d-%02d", g_rand_int_range (rand, 1, 4),
                                               g_rand_int_range (rand, 1, 4));
  g_autoptr(GDateTime) updated = g_date_time_new_utc (2026, 6, 1, 0, 0, g_rand_int_range (rand, 0, 3));

  g_strv_builder_add (builder, pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))]);
  if (g_rand_boolean (rand))
    g_strv_builder_add (builder, pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))]);
  codes = g_strv_builder_end (builder);

  wb_signal_set_uuid (signal, uuid);
  wb_signal_set_categories (signal, (const char * const *) codes);
  wb_signal_set_occurred_on (signal, occurred);
  wb_signal_set_updated_at (signal, updated);
  wb_signal_set_attribution (signal, g_rand_int_range (rand, 0, 4));
  wb_signal_set_tlp (signal, g_rand_int_range (rand, 0, 5));
  return signal;
}

static WbSignal *
with_country (WbSignal   *base,
              const char *country)
{
  WbSignal *copy = wb_signal_copy (base);

  wb_signal_set_actor_country (copy, country);
  g_assert_cmpstr (wb_signal_get_actor_country (copy), ==, country);
  return copy;
}

/* The outcome of applying @d: ok, error code and message, and the
 * resulting ladder state. */
static char *
describe_apply (WbSignal         *base,
                const WbDecision *d,
                WbActorKind       vault)
{
  g_autoptr(WbSignal) signal = wb_signal_copy (base);
  g_autoptr(GError) error = NULL;
  gboolean ok = wb_ladder_apply_decision (signal, d, vault, &error);

  return g_strdup_printf ("%d/%d/%s/%d/%s/%s", ok, error ? error->code : -1,
                          error ? error->message : "", wb_signal_get_level (signal),
                          wb_signal_get_closed_on (signal), wb_signal_get_review_on (signal));
}

static char *
describe_suggestion (WbSignal    *signal,
                     WbActorKind  vault)
{
  GDate today = date (2026, 11, 29);
  g_autoptr(WbDecision) d = wb_ladder_dup_suggested_decision (signal, vault, &today);
  g_autofree char *instruments = g_strjoinv (",", d->instruments);
  g_autoptr(GError) error = NULL;
  gboolean valid = wb_signal_validate (signal, &error);

  return g_strdup_printf ("%d/%d>%d/%d/%s/%d/%d", d->kind, d->from_level, d->to_level,
                          wb_ladder_suggest_next_level (signal), instruments,
                          valid, error ? error->code : -1);
}

static int
sort_cb (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  return wb_ladder_compare_signals (*(WbSignal * const *) a, *(WbSignal * const *) b, user_data);
}

static void
test_country_neutral (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);
  g_autoptr(GPtrArray) bases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) variants = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) base_sorted = NULL;
  guint n_bases = 24, n_countries = G_N_ELEMENTS (countries);
  guint n_checked = 0;

  for (guint i = 0; i < n_bases; i++)
    g_ptr_array_add (bases, random_signal (rand, i));

  for (guint i = 0; i < n_bases; i++)
    {
      WbSignal *base = bases->pdata[i];
      g_autofree char *base_muni = describe_suggestion (base, WB_ACTOR_MUNICIPALITY);
      g_autofree char *base_coord = describe_suggestion (base, WB_ACTOR_COORDINATOR);
      g_autoptr(GPtrArray) decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_decision_free);
      g_autoptr(GPtrArray) base_outcomes = g_ptr_array_new_with_free_func (g_free);

      for (int kind = WB_DECISION_ESCALATE; kind <= WB_DECISION_DECIDE_PROPOSAL; kind++)
        for (int to = 0; to <= 8; to++)
          for (guint bits = 0; bits < 4; bits++)
            {
              WbDecision *d = decision_new (kind, wb_signal_get_level (base), to);

              if (bits & 1)
                d->skip_reason = g_strdup ("reden");
              if (bits & 2)
                g_clear_pointer (&d->outcome, g_free);
              g_ptr_array_add (decisions, d);
              for (int vault = WB_ACTOR_MUNICIPALITY; vault <= WB_ACTOR_COORDINATOR; vault++)
                g_ptr_array_add (base_outcomes, describe_apply (base, d, vault));
            }

      for (guint c = 0; c < n_countries; c++)
        {
          g_autoptr(WbSignal) variant = with_country (base, countries[c]);
          g_autofree char *muni = describe_suggestion (variant, WB_ACTOR_MUNICIPALITY);
          g_autofree char *coord = describe_suggestion (variant, WB_ACTOR_COORDINATOR);

          /* suggestion, default kind, default instruments, validity */
          g_assert_cmpstr (muni, ==, base_muni);
          g_assert_cmpstr (coord, ==, base_coord);

          /* every decision of every kind to every level, by both vault
           * kinds, with and without each optional part */
          for (guint k = 0; k < decisions->len; k++)
            for (int vault = WB_ACTOR_MUNICIPALITY; vault <= WB_ACTOR_COORDINATOR; vault++)
              {
                g_autofree char *got = describe_apply (variant, decisions->pdata[k], vault);

                g_assert_cmpstr (got, ==, g_ptr_array_index (base_outcomes, k * 2 + vault));
                n_checked++;
              }

          /* ordering against every other signal, whatever its country */
          for (guint j = 0; j < n_bases; j++)
            {
              g_autoptr(WbSignal) other = with_country (bases->pdata[j], countries[(c + j) % n_countries]);
              int expected = wb_ladder_compare_signals (base, bases->pdata[j], NULL);
              int got = wb_ladder_compare_signals (variant, other, NULL);

              g_assert_cmpint ((expected > 0) - (expected < 0), ==, (got > 0) - (got < 0));
            }
        }
    }

  /* Sorting a list of every variant gives the same sequence of signals
   * as sorting the country-less bases. */
  for (guint i = 0; i < n_bases; i++)
    for (guint c = 0; c < n_countries; c++)
      g_ptr_array_add (variants, with_country (bases->pdata[(i * 7 + c) % n_bases],
                                               countries[(i + c) % n_countries]));
  base_sorted = g_ptr_array_copy (bases, (GCopyFunc) g_object_ref, NULL);
  g_ptr_array_set_free_func (base_sorted, g_object_unref);
  g_ptr_array_sort_with_data (variants, sort_cb, NULL);
  g_ptr_array_sort_with_data (base_sorted, sort_cb, NULL);
  for (guint k = 0; k < variants->len; k++)
    g_assert_cmpstr (wb_signal_get_uuid (variants->pdata[k]), ==,
                     wb_signal_get_uuid (base_sorted->pdata[k / n_countries]));

  g_test_message ("%u decision outcomes compared", n_checked);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ladder/levels", test_levels);
  g_test_add_func ("/ladder/valid-transitions", test_valid_transitions);
  g_test_add_func ("/ladder/missing-justification", test_missing_justification);
  g_test_add_func ("/ladder/skip-without-reason", test_skip_without_reason);
  g_test_add_func ("/ladder/invalid-transitions", test_invalid_transitions);
  g_test_add_func ("/ladder/outcome-required", test_outcome_required);
  g_test_add_func ("/ladder/national-levels", test_national_levels);
  g_test_add_func ("/ladder/apply-and-close", test_apply_and_close);
  g_test_add_func ("/ladder/review-date", test_review_date);
  g_test_add_func ("/ladder/suggestions", test_suggestions);
  g_test_add_func ("/ladder/resilience-action", test_resilience_action);
  g_test_add_func ("/ladder/order", test_order);
  g_test_add_func ("/ladder/country-neutral", test_country_neutral);

  return g_test_run ();
}
