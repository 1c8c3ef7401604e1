/* test-records.c — signals, revisions, links, cases, decisions, retention
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "records-common.h"
#include "wb-records-private.h"

#define CATS_A1 "[\"A1\"]"

static WbDecision *
make_decision (WbDecisionKind kind,
               int            from,
               int            to)
{
  g_autoptr(GDate) today = records_today_plus_months (0);
  WbDecision *d = wb_decision_new (kind, from, to, today);

  d->deciding_role = g_strdup ("burgemeester");
  d->facts = g_strdup ("Drie meldingen in twee weken");
  d->assessment = g_strdup ("Patroon van intimidatie");
  d->decision = g_strdup ("Opschalen naar beeldvorming");
  d->instruments = g_strsplit ("link-signals,look-for-patterns", ",", -1);
  return d;
}

static void
assert_unchanged (WbStore    *store,
                  const char *before)
{
  g_autofree char *after = records_snapshot (store);

  g_assert_cmpstr (after, ==, before);
}

static void
test_add_get (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) signal = NULL;
  g_autoptr(WbSignal) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) review = records_today_plus_months (12);
  g_autofree char *review_text = wb_date_format_iso (review);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_cmpint (wb_records_count_signals (store, NULL), ==, 0);
  signal = records_add (store, "Intimidatie na demonstratie", "[\"A1\", \"G1\"]", "Utrecht", "2026-10-01",
                        ", \"persons\": [{\"pseudonym\": \"P-01\", \"role\": \"target\"}]");

  g_assert_cmpint (wb_records_count_signals (store, NULL), ==, 1);
  g_assert_cmpuint (wb_signal_get_revision (signal), ==, 1);
  g_assert_cmpstr (wb_signal_get_organisation (signal), ==, "Gemeente Utrecht");
  g_assert_cmpstr (wb_signal_get_role (signal), ==, "liaison-officer");
  g_assert_true (g_date_time_equal (wb_signal_get_created_at (signal), wb_signal_get_updated_at (signal)));
  g_assert_cmpstr (wb_signal_get_review_on (signal), ==, review_text);
  g_assert_cmpint (records_audit_count (store), ==, 1);

  got = wb_records_get_signal (store, wb_signal_get_uuid (signal), &error);
  g_assert_no_error (error);
  a = wb_signal_to_json (signal, FALSE);
  b = wb_signal_to_json (got, FALSE);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM persons"), ==, 1);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM signal_categories"), ==, 2);

  /* Upper-case UUIDs find the same signal. */
  {
    g_autofree char *upper = g_ascii_strup (wb_signal_get_uuid (signal), -1);
    g_autoptr(WbSignal) again = wb_records_get_signal (store, upper, &error);

    g_assert_no_error (error);
    g_assert_nonnull (again);
  }

  g_assert_null (wb_records_get_signal (store, "6f1c2f7e-2a4b-4c1d-9e8f-0a1b2c3d4e5f", &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (wb_records_get_signal (store, "not-a-uuid", &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_INVALID);
}

static void
test_retention_setting (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) signal = NULL;
  g_autoptr(GDate) review = records_today_plus_months (6);
  g_autofree char *review_text = wb_date_format_iso (review);

  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_RETENTION_MONTHS, "6", NULL));
  signal = records_add (store, "Doxing van activist", "[\"E2\"]", "Utrecht", "2026-10-01", NULL);
  g_assert_cmpstr (wb_signal_get_review_on (signal), ==, review_text);
}

static void
test_add_refused (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) first = records_add (store, "Eerste melding", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(WbSignal) again = wb_signal_copy (first);
  g_autoptr(WbSignal) no_identity = records_make_signal ("Melding", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(WbSignal) bad_text = records_make_signal ("Melding", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = records_snapshot (store);
  const char *bad_uuid;

  /* Same UUID twice. */
  g_assert_false (wb_records_add_signal (store, again, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_EXISTS);
  g_clear_error (&error);
  assert_unchanged (store, before);

  /* No recording organisation anywhere. */
  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ORGANISATION, NULL, NULL));
  g_assert_false (wb_records_add_signal (store, no_identity, &error));
  g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD);
  g_clear_error (&error);
  assert_unchanged (store, before);
  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ORGANISATION, "Gemeente Utrecht", NULL));

  /* An invalid object (set through the API, bypassing the parser). */
  wb_signal_set_summary (bad_text, "Woont op 3511 AB");
  g_assert_false (wb_records_add_signal (store, bad_text, &error));
  g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_NOT_MINIMISED);
  g_assert_null (strstr (error->message, "3511"));
  g_clear_error (&error);
  assert_unchanged (store, before);

  /* A batch is all or nothing, and leaves the caller's objects alone. */
  g_ptr_array_add (batch, records_make_signal ("Goed", CATS_A1, "Utrecht", "2026-10-01", NULL));
  g_ptr_array_add (batch, g_object_ref (bad_text));
  bad_uuid = wb_signal_get_uuid (g_ptr_array_index (batch, 0));
  g_assert_false (wb_records_add_signals (store, batch, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_unchanged (store, before);
  g_assert_null (wb_records_get_signal (store, bad_uuid, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND);
}

static void
test_edit_history (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) signal = records_add (store, "Eerste versie", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(WbSignal) stale = wb_signal_copy (signal);
  g_autoptr(WbSignal) relevel = NULL;
  g_autoptr(WbSignal) hold = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *hash1 = wb_signal_dup_canonical_hash (signal);

  wb_signal_set_summary (signal, "Tweede versie");
  g_assert_true (wb_records_edit_signal (store, signal, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wb_signal_get_revision (signal), ==, 2);

  history = wb_records_list_revisions (store, wb_signal_get_uuid (signal), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (wb_signal_get_summary (g_ptr_array_index (history, 0)), ==, "Eerste versie");
  g_assert_cmpstr (wb_signal_get_summary (g_ptr_array_index (history, 1)), ==, "Tweede versie");
  g_assert_cmpuint (wb_signal_get_revision (g_ptr_array_index (history, 0)), ==, 1);
  {
    g_autofree char *h = wb_signal_dup_canonical_hash (g_ptr_array_index (history, 0));

    g_assert_cmpstr (h, ==, hash1);
  }
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM signal_revisions"), ==, 2);
  g_assert_cmpint (records_audit_count (store), ==, 2);

  before = records_snapshot (store);

  /* A stale revision is a conflict, not a silent overwrite. */
  wb_signal_set_summary (stale, "Verouderde wijziging");
  g_assert_false (wb_records_edit_signal (store, stale, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_CONFLICT);
  g_clear_error (&error);
  assert_unchanged (store, before);

  /* The level moves only by decision, the hold only by retention. */
  relevel = wb_signal_copy (signal);
  wb_signal_set_level (relevel, 4);
  g_assert_false (wb_records_edit_signal (store, relevel, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_READ_ONLY);
  g_clear_error (&error);
  hold = wb_signal_copy (signal);
  wb_signal_set_legal_hold (hold, TRUE);
  g_assert_false (wb_records_edit_signal (store, hold, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_READ_ONLY);
  g_clear_error (&error);
  assert_unchanged (store, before);
}

static void
test_edit_review_date (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) lone = records_add (store, "Los signaal", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(WbSignal) linked = records_add (store, "Gekoppeld", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(WbSignal) other = records_add (store, "Ander", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) review = records_today_plus_months (12);
  g_autofree char *review_text = wb_date_format_iso (review);

  g_assert_true (wb_records_link (store, wb_signal_get_uuid (linked), wb_signal_get_uuid (other),
                                  WB_LINK_SAME_ACTOR, &error));
  g_assert_no_error (error);

  /* Unlinked: 12 months after the last change.  Linked: kept. */
  wb_signal_set_review_on (lone, "2020-01-01");
  wb_signal_set_review_on (linked, "2030-01-01");
  g_assert_true (wb_records_edit_signal (store, lone, &error));
  g_assert_true (wb_records_edit_signal (store, linked, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (wb_signal_get_review_on (lone), ==, review_text);
  g_assert_cmpstr (wb_signal_get_review_on (linked), ==, "2030-01-01");
}

static void
test_edit_json (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) signal = records_add (store, "Origineel", CATS_A1, "Utrecht", "2026-10-01",
                                            ", \"description\": \"Lange tekst\"");
  g_autofree char *uuid = g_strdup (wb_signal_get_uuid (signal));
  g_autoptr(WbSignal) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *full = NULL;
  struct { const char *patch; GQuark domain; int code; } bad[] = {
    { "{\"summary\": ", WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_JSON },
    { "[1, 2]", WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_JSON },
    { "{\"victim_name\": \"X\"}", WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_UNKNOWN_FIELD },
    { "{\"categories\": [\"Z9\"]}", WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE },
    { "{\"summary\": null}", WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD },
    { "{\"religion\": \"x\"}", WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_FORBIDDEN_FIELD },
    { "{\"uuid\": \"6f1c2f7e-2a4b-4c1d-9e8f-0a1b2c3d4e5f\"}", WB_RECORDS_ERROR, WB_RECORDS_ERROR_READ_ONLY },
    { "{\"level\": 3}", WB_RECORDS_ERROR, WB_RECORDS_ERROR_READ_ONLY },
    { "{\"revision\": 7}", WB_RECORDS_ERROR, WB_RECORDS_ERROR_CONFLICT },
  };

  edited = wb_records_edit_signal_json (store, uuid,
                                        "{\"summary\": \"Aangepast\", \"description\": null,"
                                        " \"followup\": {\"aangifte\": \"yes\"}}",
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_signal_get_summary (edited), ==, "Aangepast");
  g_assert_null (wb_signal_get_description (edited));
  g_assert_cmpint (wb_signal_get_aangifte (edited), ==, WB_AANGIFTE_YES);
  g_assert_cmpuint (wb_signal_get_revision (edited), ==, 2);

  before = records_snapshot (store);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(WbSignal) none = wb_records_edit_signal_json (store, uuid, bad[i].patch, &error);

      g_test_message ("patch %s", bad[i].patch);
      g_assert_null (none);
      g_assert_error (error, bad[i].domain, bad[i].code);
      g_clear_error (&error);
      assert_unchanged (store, before);
    }

  /* A full document (as `show --json` prints it) is a patch too. */
  wb_signal_set_summary (edited, "Volledig document");
  full = wb_signal_to_json (edited, TRUE);
  g_clear_object (&signal);
  signal = wb_records_edit_signal_json (store, uuid, full, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_signal_get_summary (signal), ==, "Volledig document");
  g_assert_cmpuint (wb_signal_get_revision (signal), ==, 3);
}

static GPtrArray *
list_with (WbStore               *store,
           const WbRecordsFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = wb_records_list_signals (store, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static void
test_list_filters (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) s1 = records_add (store, "Een", "[\"A1\"]", "Utrecht", "2026-01-10", NULL);
  g_autoptr(WbSignal) s2 = records_add (store, "Twee", "[\"A2\", \"G1\"]", "Den Haag", "2026-03-10", ", \"tlp\": \"RED\"");
  g_autoptr(WbSignal) s3 = records_add (store, "Drie", "[\"G2\"]", "Utrecht", "2026-05-10", ", \"tlp\": \"GREEN\"");
  g_autoptr(WbDecision) up = make_decision (WB_DECISION_ESCALATE, 1, 2);
  g_autoptr(GError) error = NULL;
  WbRecordsFilter f;

#define ASSERT_LIST(n) G_STMT_START { g_autoptr(GPtrArray) l = list_with (store, &f); \
    g_assert_cmpuint (l->len, ==, (n)); } G_STMT_END

  g_assert_true (wb_records_record_decision (store, wb_signal_get_uuid (s3), up, NULL, &error));
  g_assert_no_error (error);

  wb_records_filter_init (&f);
  {
    g_autoptr(GPtrArray) all = list_with (store, &f);

    g_assert_cmpuint (all->len, ==, 3);
    /* Ladder order: level 2 first, then the most recent occurrence. */
    g_assert_cmpstr (wb_signal_get_uuid (g_ptr_array_index (all, 0)), ==, wb_signal_get_uuid (s3));
    g_assert_cmpstr (wb_signal_get_uuid (g_ptr_array_index (all, 1)), ==, wb_signal_get_uuid (s2));
    g_assert_cmpstr (wb_signal_get_uuid (g_ptr_array_index (all, 2)), ==, wb_signal_get_uuid (s1));
  }

  f.sort = WB_RECORDS_SORT_OCCURRED;
  {
    g_autoptr(GPtrArray) all = list_with (store, &f);

    g_assert_cmpstr (wb_signal_get_uuid (g_ptr_array_index (all, 0)), ==, wb_signal_get_uuid (s3));
    g_assert_cmpstr (wb_signal_get_uuid (g_ptr_array_index (all, 2)), ==, wb_signal_get_uuid (s1));
  }
  f.limit = 2;
  ASSERT_LIST (2);

  wb_records_filter_init (&f);
  f.category = "A";
  ASSERT_LIST (2);
  f.category = "A2";
  ASSERT_LIST (1);
  f.category = "G";
  ASSERT_LIST (2);
  f.category = "H";
  ASSERT_LIST (0);

  wb_records_filter_init (&f);
  f.level = 2;
  ASSERT_LIST (1);
  f.level = 1;
  ASSERT_LIST (2);

  wb_records_filter_init (&f);
  f.tlp = WB_TLP_RED;
  ASSERT_LIST (1);
  f.tlp = WB_TLP_AMBER_STRICT;
  ASSERT_LIST (1);

  wb_records_filter_init (&f);
  f.municipality = "utrecht";
  ASSERT_LIST (2);
  f.municipality = "den haag";
  ASSERT_LIST (1);

  wb_records_filter_init (&f);
  f.occurred_from = "2026-03-10";
  ASSERT_LIST (2);
  f.occurred_to = "2026-03-10";
  ASSERT_LIST (1);
  f.municipality = "Utrecht";
  ASSERT_LIST (0);

  /* Overdue: the review date (12 months ahead) has passed in 2030. */
  wb_records_filter_init (&f);
  f.overdue = TRUE;
  ASSERT_LIST (0);
  f.today = "2030-01-01";
  ASSERT_LIST (3);

  /* Bad filters are refused, not ignored. */
  wb_records_filter_init (&f);
  f.category = "Z9";
  g_assert_null (wb_records_list_signals (store, &f, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  wb_records_filter_init (&f);
  f.occurred_from = "2026-02-30";
  g_assert_null (wb_records_list_signals (store, &f, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  wb_records_filter_init (&f);
  f.level = 9;
  g_assert_null (wb_records_list_signals (store, &f, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_INVALID);
#undef ASSERT_LIST
}

static void
test_links (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) a = records_add (store, "A", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(WbSignal) b = records_add (store, "B", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  const char *ua = wb_signal_get_uuid (a);
  const char *ub = wb_signal_get_uuid (b);
  WbLinkType type;

  g_assert_true (wb_link_type_from_nick ("same-campaign", &type));
  g_assert_cmpint (type, ==, WB_LINK_SAME_CAMPAIGN);
  g_assert_false (wb_link_type_from_nick ("friends", &type));

  g_assert_true (wb_records_link (store, ub, ua, WB_LINK_SAME_CAMPAIGN, &error));
  g_assert_no_error (error);
  g_assert_true (wb_records_link (store, ua, ub, WB_LINK_DUPLICATE, &error));
  g_assert_no_error (error);

  links = wb_records_list_links (store, ua, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 2);
  g_clear_pointer (&links, g_ptr_array_unref);
  links = wb_records_list_links (store, ub, &error);
  g_assert_cmpuint (links->len, ==, 2);

  before = records_snapshot (store);
  g_assert_false (wb_records_link (store, ua, ub, WB_LINK_SAME_CAMPAIGN, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (wb_records_link (store, ua, ua, WB_LINK_SAME_ACTOR, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wb_records_link (store, ua, "6f1c2f7e-2a4b-4c1d-9e8f-0a1b2c3d4e5f", WB_LINK_SAME_ACTOR, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (wb_records_link (store, ua, ub, (WbLinkType) 42, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_INVALID);
  assert_unchanged (store, before);
}

static void
test_cases (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) a = records_add (store, "A", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(WbSignal) b = records_add (store, "B", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) members = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *before = NULL;

  uuid = wb_records_create_case (store, "  Campagne Noord  ", &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (uuid));
  g_assert_true (wb_records_add_to_case (store, "campagne noord", wb_signal_get_uuid (a), &error));
  g_assert_true (wb_records_add_to_case (store, uuid, wb_signal_get_uuid (b), &error));
  g_assert_no_error (error);

  cases = wb_records_list_cases (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpstr (((WbCase *) g_ptr_array_index (cases, 0))->name, ==, "Campagne Noord");
  g_assert_cmpuint (((WbCase *) g_ptr_array_index (cases, 0))->n_signals, ==, 2);
  members = wb_records_dup_case_signals (store, "Campagne Noord", &error);
  g_assert_cmpuint (g_strv_length (members), ==, 2);

  before = records_snapshot (store);
  g_assert_null (wb_records_create_case (store, "CAMPAGNE NOORD", &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (wb_records_create_case (store, "   ", &error));
  g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD);
  g_clear_error (&error);
  g_assert_null (wb_records_create_case (store, "Kerkstraat 12", &error));
  g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_NOT_MINIMISED);
  g_clear_error (&error);
  g_assert_false (wb_records_add_to_case (store, uuid, wb_signal_get_uuid (a), &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (wb_records_add_to_case (store, "Bestaat niet", wb_signal_get_uuid (a), &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_unchanged (store, before);
}

static void
test_decisions (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) s = records_add (store, "Escalatie", CATS_A1, "Utrecht", "2026-10-01", NULL);
  const char *uuid = wb_signal_get_uuid (s);
  g_autoptr(WbDecision) up = make_decision (WB_DECISION_ESCALATE, 1, 2);
  g_autoptr(WbDecision) skip = make_decision (WB_DECISION_ESCALATE, 2, 4);
  g_autoptr(WbDecision) unjustified = make_decision (WB_DECISION_ESCALATE, 2, 3);
  g_autoptr(WbDecision) national = make_decision (WB_DECISION_ESCALATE, 2, 5);
  g_autoptr(WbDecision) wrong_from = make_decision (WB_DECISION_ESCALATE, 1, 2);
  g_autoptr(WbDecision) close = make_decision (WB_DECISION_CLOSE, 2, 2);
  g_autoptr(WbSignal) after = NULL;
  g_autoptr(WbSignal) closed = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *expected_review = NULL;
  char *message = NULL;

  g_assert_true (wb_records_record_decision (store, uuid, up, &after, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wb_signal_get_level (after), ==, 2);
  g_assert_cmpuint (wb_signal_get_revision (after), ==, 2);

  before = records_snapshot (store);
  g_assert_false (wb_records_record_decision (store, uuid, skip, NULL, &error));
  g_assert_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_SKIP_WITHOUT_REASON);
  g_clear_error (&error);
  g_clear_pointer (&unjustified->assessment, g_free);
  g_assert_false (wb_records_record_decision (store, uuid, unjustified, NULL, &error));
  g_assert_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_MISSING_JUSTIFICATION);
  g_clear_error (&error);
  g_assert_false (wb_records_record_decision (store, uuid, national, NULL, &error));
  g_assert_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_NOT_ALLOWED_FOR_ROLE);
  g_clear_error (&error);
  g_assert_false (wb_records_record_decision (store, uuid, wrong_from, NULL, &error));
  g_assert_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_INVALID_LEVEL);
  g_clear_error (&error);
  g_assert_false (wb_records_record_decision (store, uuid, close, NULL, &error));
  g_assert_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_MISSING_OUTCOME);
  g_clear_error (&error);
  assert_unchanged (store, before);

  /* A skip with a reason is fine. */
  skip->skip_reason = g_strdup ("Gevaar voor leven");
  g_assert_true (wb_records_record_decision (store, uuid, skip, NULL, &error));
  g_assert_no_error (error);

  /* Closing starts the retention clock with the vault's period. */
  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_RETENTION_MONTHS, "3", NULL));
  close->from_level = close->to_level = 4;
  close->outcome = g_strdup ("Dreiging weggenomen");
  close->measures = g_strdup ("Gesprek en toezicht");
  g_assert_true (wb_records_record_decision (store, uuid, close, &closed, &error));
  g_assert_no_error (error);
  {
    GDate review = close->date;

    g_date_add_months (&review, 3);
    expected_review = wb_date_format_iso (&review);
  }
  g_assert_nonnull (wb_signal_get_closed_on (closed));
  g_assert_cmpstr (wb_signal_get_review_on (closed), ==, expected_review);

  decisions = wb_records_list_decisions (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decisions->len, ==, 3);
  g_assert_cmpint (((WbDecision *) g_ptr_array_index (decisions, 1))->to_level, ==, 4);
  g_assert_cmpstr (((WbDecision *) g_ptr_array_index (decisions, 1))->skip_reason, ==, "Gevaar voor leven");
  g_assert_cmpstr (((WbDecision *) g_ptr_array_index (decisions, 0))->instruments[1], ==, "look-for-patterns");
  g_assert_cmpint (((WbDecision *) g_ptr_array_index (decisions, 2))->kind, ==, WB_DECISION_CLOSE);

  /* Append-only, even below the API. */
  g_assert_cmpint (sqlite3_exec (_wb_store_get_db (store), "UPDATE decisions SET facts = 'x'", NULL, NULL, &message),
                   !=, SQLITE_OK);
  sqlite3_free (message);
  message = NULL;
  g_assert_cmpint (sqlite3_exec (_wb_store_get_db (store), "DELETE FROM decisions", NULL, NULL, &message),
                   !=, SQLITE_OK);
  sqlite3_free (message);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM decisions"), ==, 3);
}

static void
test_coordinator_decides (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) s = records_add (store, "Nationaal", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(WbDecision) to5 = make_decision (WB_DECISION_ESCALATE, 1, 5);
  g_autoptr(WbSignal) after = NULL;
  g_autoptr(GError) error = NULL;

  to5->skip_reason = g_strdup ("Landelijk patroon");
  g_assert_false (wb_records_record_decision (store, wb_signal_get_uuid (s), to5, NULL, &error));
  g_assert_error (error, WB_LADDER_ERROR, WB_LADDER_ERROR_NOT_ALLOWED_FOR_ROLE);
  g_clear_error (&error);

  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_VAULT_KIND, "coordinator", NULL));
  g_assert_true (wb_records_record_decision (store, wb_signal_get_uuid (s), to5, &after, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wb_signal_get_level (after), ==, 5);
}

static void
test_resilience (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) s = records_add (store, "Weerbaarheid", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(GDate) today = records_today_plus_months (0);
  g_autoptr(WbResilienceAction) action = wb_resilience_action_new (WB_RESILIENCE_AWARENESS, 7, today);
  g_autoptr(WbResilienceAction) bad = wb_resilience_action_new (WB_RESILIENCE_TRAINING, 1, NULL);
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  action->role = g_strdup ("community-worker");
  action->description = g_strdup ("Voorlichting in buurthuis");
  action->community = WB_COMMUNITY_STUDENTS | WB_COMMUNITY_JOURNALISTS;
  g_assert_true (wb_records_add_resilience_action (store, wb_signal_get_uuid (s), action, &error));
  g_assert_no_error (error);

  actions = wb_records_list_resilience_actions (store, wb_signal_get_uuid (s), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 1);
  /* Recorded at the signal's level, and it never moves the signal. */
  g_assert_cmpint (((WbResilienceAction *) g_ptr_array_index (actions, 0))->level, ==, 1);
  g_assert_cmpint (((WbResilienceAction *) g_ptr_array_index (actions, 0))->community, ==,
                   WB_COMMUNITY_STUDENTS | WB_COMMUNITY_JOURNALISTS);
  g_assert_cmpint (records_sql_int (store, "SELECT max(revision) FROM signals"), ==, 1);

  before = records_snapshot (store);
  g_assert_false (wb_records_add_resilience_action (store, wb_signal_get_uuid (s), bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_unchanged (store, before);
}

static void
test_purge (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) keep = records_add (store, "Blijft staan", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(WbSignal) s = records_add (store, "Verwijderbaar zeldzaamwoord", CATS_A1, "Utrecht", "2026-10-01",
                                       ", \"persons\": [{\"pseudonym\": \"P-01\", \"role\": \"target\"}]");
  g_autoptr(WbSignal) again = NULL;
  g_autoptr(WbDecision) up = make_decision (WB_DECISION_ESCALATE, 1, 2);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("bewijs", 6);
  g_autoptr(WbAttachment) attachment = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *kase = NULL;
  const char *uuid = wb_signal_get_uuid (s);
  guint revision = 0;
  gint64 audit;

  g_assert_true (wb_records_set_identity (store, uuid, "P-01", "Jan Jansen", &error));
  attachment = wb_records_add_attachment (store, uuid, "foto.jpg", bytes, &error);
  g_assert_no_error (error);
  g_assert_true (wb_records_link (store, uuid, wb_signal_get_uuid (keep), WB_LINK_SAME_TARGET, &error));
  kase = wb_records_create_case (store, "Casus", &error);
  g_assert_true (wb_records_add_to_case (store, kase, uuid, &error));
  g_assert_true (wb_records_record_decision (store, uuid, up, NULL, &error));
  g_assert_no_error (error);

  overdue = wb_records_list_overdue (store, "2099-01-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overdue->len, ==, 2);
  g_clear_pointer (&overdue, g_ptr_array_unref);

  /* Under legal hold: not overdue, not purgeable. */
  g_assert_true (wb_records_set_legal_hold (store, uuid, TRUE, &error));
  g_assert_no_error (error);
  overdue = wb_records_list_overdue (store, "2099-01-01", &error);
  g_assert_cmpuint (overdue->len, ==, 1);
  before = records_snapshot (store);
  g_assert_false (wb_records_purge (store, uuid, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_LEGAL_HOLD);
  g_clear_error (&error);
  assert_unchanged (store, before);

  g_assert_true (wb_records_set_legal_hold (store, uuid, FALSE, &error));
  audit = records_audit_count (store);
  g_assert_true (wb_records_purge (store, uuid, &error));
  g_assert_no_error (error);

  g_assert_cmpint (wb_records_count_signals (store, NULL), ==, 1);
  g_assert_cmpint (records_audit_count (store), ==, audit + 1);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM signal_revisions WHERE signal_id NOT IN (SELECT id FROM signals)"), ==, 0);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM persons"), ==, 0);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM identities"), ==, 0);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM attachments"), ==, 0);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM links"), ==, 0);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM case_members"), ==, 0);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM decisions"), ==, 0);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM signals_fts"), ==, 1);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM signals_fts_content"), ==, 1);
  found = wb_records_search (store, "zeldzaamwoord", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM audit_log WHERE action = 'signal.purge'"), ==, 1);

  g_assert_true (wb_records_is_tombstoned (store, uuid, &revision, &error));
  g_assert_cmpuint (revision, ==, 4);
  g_assert_null (wb_records_get_signal (store, uuid, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A purged UUID never comes back (e.g. from an old bundle). */
  again = records_make_signal ("Terug", CATS_A1, "Utrecht", "2026-10-01", NULL);
  wb_signal_set_uuid (again, uuid);
  g_assert_false (wb_records_add_signal (store, again, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_false (wb_records_purge (store, uuid, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND);
}

static void
assert_no_identity (WbSignal *signal)
{
  g_autofree char *json = wb_signal_to_json (signal, FALSE);

  g_assert_null (strstr (json, "Jansen"));
}

static void
test_identities (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) s = records_add (store, "Doelwit benaderd", CATS_A1, "Utrecht", "2026-10-01",
                                       ", \"persons\": [{\"pseudonym\": \"P-01\", \"role\": \"target\"}]");
  const char *uuid = wb_signal_get_uuid (s);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(WbSignal) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *identity = NULL;
  g_autofree char *before = NULL;

  g_assert_true (wb_records_set_identity (store, uuid, "P-01", "Jan Jansen", &error));
  g_assert_no_error (error);

  list = wb_records_list_signals (store, NULL, &error);
  found = wb_records_search (store, "doelwit", NULL, &error);
  none = wb_records_search (store, "Jansen", NULL, &error);
  history = wb_records_list_revisions (store, uuid, &error);
  got = wb_records_get_signal (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (none->len, ==, 0);
  assert_no_identity (g_ptr_array_index (list, 0));
  assert_no_identity (g_ptr_array_index (found, 0));
  assert_no_identity (g_ptr_array_index (history, 0));
  assert_no_identity (got);

  identity = wb_records_dup_identity (store, uuid, "P-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (identity, ==, "Jan Jansen");

  /* Audit entries name the action, never the identity. */
  audit = wb_records_list_audit (store, &error);
  for (guint i = 0; i < audit->len; i++)
    {
      WbAuditEntry *e = g_ptr_array_index (audit, i);

      g_assert_null (strstr (e->action, "Jansen"));
      g_assert_null (strstr (e->actor_role, "Jansen"));
    }
  g_assert_cmpstr (((WbAuditEntry *) g_ptr_array_index (audit, audit->len - 1))->action, ==, "identity.read");

  before = records_snapshot (store);
  g_assert_false (wb_records_set_identity (store, uuid, "P-99", "Piet", &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (wb_records_set_identity (store, uuid, "P-01", "  ", &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  assert_unchanged (store, before);

  /* Dropping the person from the record drops the identity. */
  g_clear_object (&got);
  got = wb_records_edit_signal_json (store, uuid, "{\"persons\": []}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM identities"), ==, 0);
}

static void
test_attachments (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) s = records_add (store, "Met bewijs", CATS_A1, "Utrecht", "2026-10-01", NULL);
  g_autoptr(GBytes) data = g_bytes_new_static ("abc", 3);
  g_autoptr(WbAttachment) a = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  a = wb_records_add_attachment (store, wb_signal_get_uuid (s), "screenshot.png", data, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->sha256, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpint (a->size, ==, 3);

  list = wb_records_list_attachments (store, wb_signal_get_uuid (s), &error);
  g_assert_cmpuint (list->len, ==, 1);
  back = wb_records_dup_attachment_data (store, a->id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, data));

  /* Nothing is written beside the database. */
  dir = g_dir_open (g_get_user_data_dir (), 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_str_has_prefix (name, "records-"));
      n_files++;
    }
  g_assert_cmpuint (n_files, >=, 1);

  g_assert_null (wb_records_add_attachment (store, wb_signal_get_uuid (s), "1234 AB.png", data, &error));
  g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_NOT_MINIMISED);
}

static WbCount *
count_for (GPtrArray  *counts,
           const char *key)
{
  for (guint i = 0; i < counts->len; i++)
    if (g_str_equal (((WbCount *) g_ptr_array_index (counts, i))->key, key))
      return g_ptr_array_index (counts, i);
  return NULL;
}

static void
test_stats (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) s1 = records_add (store, "Een", "[\"A1\", \"A2\", \"G1\"]", "Utrecht", "2026-01-10", NULL);
  g_autoptr(WbSignal) s2 = records_add (store, "Twee", "[\"A2\"]", "Den Haag", "2026-03-10", ", \"tlp\": \"RED\"");
  g_autoptr(WbSignal) s3 = records_add (store, "Drie", "[\"G2\"]", "Utrecht", "2026-05-10", NULL);
  g_autoptr(WbStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  stats = wb_records_dup_stats (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stats->total, ==, 3);
  /* A signal counts once per top-level category. */
  g_assert_cmpint (count_for (stats->by_category, "A")->count, ==, 2);
  g_assert_cmpint (count_for (stats->by_category, "G")->count, ==, 2);
  g_assert_null (count_for (stats->by_category, "B"));
  g_assert_cmpint (count_for (stats->by_level, "1")->count, ==, 3);
  g_assert_cmpint (count_for (stats->by_tlp, "RED")->count, ==, 1);
  g_assert_cmpint (count_for (stats->by_tlp, "AMBER+STRICT")->count, ==, 2);
  g_assert_cmpstr (((WbCount *) g_ptr_array_index (stats->by_municipality, 0))->key, ==, "Utrecht");
  g_assert_cmpint (((WbCount *) g_ptr_array_index (stats->by_municipality, 0))->count, ==, 2);
}

/* Stored documents are read in trusted mode and as list rows: the same
 * signals as a strict parse of the same documents, and a damaged
 * document is an error (CORRUPT), never a crash. */
static void
assert_row_matches (WbSignal *row,
                    WbSignal *full)
{
  g_assert_false (wb_signal_is_complete (row));
  g_assert_true (wb_signal_is_complete (full));
  g_assert_cmpstr (wb_signal_get_uuid (row), ==, wb_signal_get_uuid (full));
  g_assert_cmpuint (wb_signal_get_revision (row), ==, wb_signal_get_revision (full));
  g_assert_cmpstr (wb_signal_get_summary (row), ==, wb_signal_get_summary (full));
  g_assert_true (g_strv_equal (wb_signal_get_categories (row), wb_signal_get_categories (full)));
  g_assert_cmpstr (wb_signal_get_occurred_on (row), ==, wb_signal_get_occurred_on (full));
  g_assert_cmpint (wb_signal_get_occurred_precision (row), ==, wb_signal_get_occurred_precision (full));
  g_assert_cmpstr (wb_signal_get_municipality (row), ==, wb_signal_get_municipality (full));
  g_assert_cmpint (wb_signal_get_tlp (row), ==, wb_signal_get_tlp (full));
  g_assert_cmpint (wb_signal_get_level (row), ==, wb_signal_get_level (full));
  g_assert_cmpstr (wb_signal_get_closed_on (row), ==, wb_signal_get_closed_on (full));
  g_assert_cmpstr (wb_signal_get_review_on (row), ==, wb_signal_get_review_on (full));
  g_assert_cmpint (wb_signal_get_legal_hold (row), ==, wb_signal_get_legal_hold (full));
  g_assert_true (g_date_time_equal (wb_signal_get_created_at (row), wb_signal_get_created_at (full)));
  g_assert_true (g_date_time_equal (wb_signal_get_updated_at (row), wb_signal_get_updated_at (full)));
  g_assert_null (wb_signal_get_description (row));
  g_assert_null (wb_signal_get_organisation (row));
}

#define UNLISTED_ROWS \
  "SELECT count (*) FROM signals WHERE summary IS NULL OR occurred_precision IS NULL OR category_codes IS NULL"

static void
test_stored_reads (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(WbSignal) a = records_add (store, "Intimidatie na demonstratie", "[\"G1\", \"A1\"]", "Utrecht",
                                       "2026-10-01", ", \"description\": \"Lang verhaal\"");
  g_autoptr(WbSignal) b = records_add (store, "Druk op student", CATS_A1, "Zwolle", "2026-09-01", NULL);
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_true (wb_records_set_legal_hold (store, wb_signal_get_uuid (b), TRUE, &error));
  g_assert_no_error (error);

  /* Trusted reads = strict parse of the stored documents. */
  full = wb_records_list_signals (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (full->len, ==, 2);
  g_assert_cmpint (sqlite3_prepare_v2 (_wb_store_get_db (store), "SELECT json FROM signal_docs", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(WbSignal) strict = wb_signal_new_from_json ((const char *) sqlite3_column_text (stmt, 0), -1,
                                                            WB_SIGNAL_JSON_NONE, &error);
      g_autoptr(WbSignal) got = NULL;
      gboolean listed = FALSE;

      g_assert_no_error (error);
      got = wb_records_get_signal (store, wb_signal_get_uuid (strict), &error);
      g_assert_no_error (error);
      g_assert_true (wb_signal_equal (strict, got));
      for (guint i = 0; i < full->len; i++)
        listed |= wb_signal_equal (strict, g_ptr_array_index (full, i));
      g_assert_true (listed);
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, 2);

  /* List rows: same order, the listed fields equal, the rest left out;
   * the records writer stored what they show in the narrow row. */
  g_assert_cmpint (records_sql_int (store, UNLISTED_ROWS), ==, 0);
  rows = wb_records_list_signal_rows (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, full->len);
  for (guint i = 0; i < rows->len; i++)
    assert_row_matches (g_ptr_array_index (rows, i), g_ptr_array_index (full, i));
  found = wb_records_search_rows (store, "student", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  {
    g_autoptr(WbSignal) current = wb_records_get_signal (store, wb_signal_get_uuid (b), &error);

    g_assert_no_error (error);
    g_assert_true (wb_signal_get_legal_hold (current));
    assert_row_matches (g_ptr_array_index (found, 0), current);
  }
  g_clear_pointer (&found, g_ptr_array_unref);

  /* An edit changes the listed summary, categories and precision too. */
  {
    g_autoptr(WbSignal) edited = wb_records_edit_signal_json (store, wb_signal_get_uuid (a),
                                                              "{\"summary\": \"Bedreiging na demonstratie\","
                                                              " \"categories\": [\"B2\", \"A1\", \"C1\"],"
                                                              " \"occurred_precision\": \"month\"}",
                                                              &error);

    g_assert_no_error (error);
    g_assert_nonnull (edited);
    found = wb_records_search_rows (store, "bedreiging", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (wb_signal_get_summary (g_ptr_array_index (found, 0)), ==, "Bedreiging na demonstratie");
    assert_row_matches (g_ptr_array_index (found, 0), edited);
    g_clear_pointer (&found, g_ptr_array_unref);
  }

  /* A damaged document: an error from every reader, no crash. */
  {
    static const char * const damage[] = {
      "UPDATE signal_docs SET json = substr (json, 1, 40)",
      "UPDATE signal_docs SET json = replace (json, '\"tlp\":', '\"colour\":')",
      "UPDATE signal_docs SET json = replace (json, '\"occurred_precision\":\"day\"', '\"occurred_precision\":7')",
      "UPDATE signal_docs SET json = replace (json, '\"summary\":\"Druk op student\"', '\"summary\":\"\"')",
    };

    for (guint i = 0; i < G_N_ELEMENTS (damage); i++)
      {
        g_autoptr(WbStore) damaged = records_new_store ();
        g_autoptr(WbSignal) s = records_add (damaged, "Druk op student", CATS_A1, "Zwolle", "2026-09-01", NULL);
        g_autoptr(GPtrArray) none = NULL;
        g_autoptr(WbSignal) got = NULL;

        g_test_message ("damage %u", i);
        g_assert_cmpint (sqlite3_exec (_wb_store_get_db (damaged), damage[i], NULL, NULL, NULL), ==, SQLITE_OK);
        g_assert_cmpint (records_sql_int (damaged, UNLISTED_ROWS), ==, 1);

        none = wb_records_list_signals (damaged, NULL, &error);
        g_assert_null (none);
        g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT);
        g_clear_error (&error);
        got = wb_records_get_signal (damaged, wb_signal_get_uuid (s), &error);
        g_assert_null (got);
        g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT);
        g_clear_error (&error);
        none = wb_records_search (damaged, "student", NULL, &error);
        g_assert_null (none);
        g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT);
        g_clear_error (&error);
        /* Rows read a document only when it was written by something
         * else than the records writer, as here: then its summary and
         * precision. */
        none = wb_records_list_signal_rows (damaged, NULL, &error);
        if (i == 1)
          {
            g_assert_no_error (error);
            g_assert_cmpuint (none->len, ==, 1);
            g_clear_pointer (&none, g_ptr_array_unref);
          }
        else
          {
            g_assert_null (none);
            g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT);
            g_clear_error (&error);
          }
      }
  }

  /* Damage to the listed columns themselves: the rows refuse it, the
   * documents are still read as they were. */
  {
    static const char * const damage[] = {
      "UPDATE signals SET summary = ''",
      "UPDATE signals SET occurred_precision = 'week'",
      "UPDATE signals SET category_codes = ''",
      "UPDATE signals SET category_codes = 'A1 Z9'",
    };

    for (guint i = 0; i < G_N_ELEMENTS (damage); i++)
      {
        g_autoptr(WbStore) damaged = records_new_store ();
        g_autoptr(WbSignal) s = records_add (damaged, "Druk op student", CATS_A1, "Zwolle", "2026-09-01", NULL);
        g_autoptr(GPtrArray) none = NULL;
        g_autoptr(GPtrArray) docs = NULL;

        g_test_message ("row damage %u", i);
        g_assert_cmpint (sqlite3_exec (_wb_store_get_db (damaged), damage[i], NULL, NULL, NULL), ==, SQLITE_OK);

        none = wb_records_list_signal_rows (damaged, NULL, &error);
        g_assert_null (none);
        g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT);
        g_clear_error (&error);
        none = wb_records_search_rows (damaged, "student", NULL, &error);
        g_assert_null (none);
        g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT);
        g_clear_error (&error);
        docs = wb_records_list_signals (damaged, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (docs->len, ==, 1);
        g_assert_cmpstr (wb_signal_get_uuid (g_ptr_array_index (docs, 0)), ==, wb_signal_get_uuid (s));
      }
  }

  /* Documents written by another writer (bundle import): the rows are
   * read from them, and are the same; the other writer can then store
   * the list columns itself. */
  g_clear_pointer (&full, g_ptr_array_unref);
  g_clear_pointer (&rows, g_ptr_array_unref);
  full = wb_records_list_signals (store, NULL, &error);
  g_assert_no_error (error);
  records_sql_exec (store, "UPDATE signal_docs SET json = json");
  g_assert_cmpint (records_sql_int (store, UNLISTED_ROWS), ==, 2);
  rows = wb_records_list_signal_rows (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, full->len);
  for (guint i = 0; i < rows->len; i++)
    assert_row_matches (g_ptr_array_index (rows, i), g_ptr_array_index (full, i));
  g_clear_pointer (&rows, g_ptr_array_unref);
  for (guint i = 0; i < full->len; i++)
    {
      WbSignal *signal = g_ptr_array_index (full, i);
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM signals WHERE uuid = '%s'", wb_signal_get_uuid (signal));

      g_assert_true (_wb_records_write_list_columns (store, signal, records_sql_int (store, sql), &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (records_sql_int (store, UNLISTED_ROWS), ==, 0);
  rows = wb_records_list_signal_rows (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    assert_row_matches (g_ptr_array_index (rows, i), g_ptr_array_index (full, i));
}

/* Schema 5 copied the summary, date precision and category codes of each
 * document into the narrow row.  A vault of schema 4 with signals in it:
 * after the upgrade its list rows equal its complete signals, and a
 * document that is not JSON does not stop the upgrade (its row is then
 * reported damaged). */
#define SCHEMA_BEFORE_LIST_COLUMNS 4

static sqlite3 *
open_schema_before_list_columns (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_wb_store_migrate_to (db, SCHEMA_BEFORE_LIST_COLUMNS, &error));
  g_assert_no_error (error);
  return db;
}

static void
copy_signals_into (sqlite3    *db,
                   WbStore    *from)
{
  g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS src",
                                             sqlite3_db_filename (_wb_store_get_db (from), "main"));
  static const char copy[] =
    "INSERT INTO settings SELECT * FROM src.settings;"
    "INSERT INTO signals (id, uuid, revision, level, tlp, municipality, occurred_on, review_on,"
    " closed_on, legal_hold, created_at, updated_at, search_key)"
    " SELECT id, uuid, revision, level, tlp, municipality, occurred_on, review_on,"
    " closed_on, legal_hold, created_at, updated_at, search_key FROM src.signals;"
    "INSERT INTO signal_docs SELECT * FROM src.signal_docs;"
    "INSERT INTO signal_revisions SELECT * FROM src.signal_revisions;"
    "INSERT INTO signal_categories SELECT * FROM src.signal_categories;"
    "INSERT INTO signals_fts (rowid, summary, description, tags, handles, cases)"
    " SELECT rowid, summary, description, tags, handles, cases FROM src.signals_fts;"
    "DETACH src;";

  g_assert_cmpint (sqlite3_exec (db, attach, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, copy, NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_migrate_list_columns (void)
{
  g_autoptr(WbStore) source = records_new_store ();
  g_autoptr(WbSignal) a = records_add (source, "Intimidatie na demonstratie", "[\"G1\", \"A1\"]", "Utrecht",
                                       "2026-10-01", NULL);
  g_autoptr(WbSignal) b = records_add (source, "Druk op student", CATS_A1, "Zwolle", "2026-09-01", NULL);
  g_autoptr(WbSignal) c = records_add (source, "Benadering van raadslid", "[\"C1\", \"B2\", \"A1\"]",
                                       "Deventer", "2026-08-01", NULL);
  g_autoptr(WbSignal) edited = NULL;
  g_autoptr(GPtrArray) full = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "list-columns.db", NULL);
  g_autofree char *damaged_path = g_build_filename (g_get_user_data_dir (), "list-columns-damaged.db", NULL);
  sqlite3 *db;

  g_assert_cmpint (SCHEMA_BEFORE_LIST_COLUMNS, <, wb_store_get_latest_version ());
  edited = wb_records_edit_signal_json (source, wb_signal_get_uuid (c), "{\"occurred_precision\": \"year\"}", &error);
  g_assert_no_error (error);
  g_assert_true (wb_records_set_legal_hold (source, wb_signal_get_uuid (b), TRUE, &error));
  g_assert_no_error (error);
  full = wb_records_list_signals (source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (full->len, ==, 3);

  db = open_schema_before_list_columns ("list-columns.db");
  copy_signals_into (db, source);
  sqlite3_close (db);

  store = records_open_store_at (path);
  g_assert_cmpint (wb_store_get_schema_version (store), ==, wb_store_get_latest_version ());
  g_assert_cmpint (records_sql_int (store, UNLISTED_ROWS), ==, 0);
  rows = wb_records_list_signal_rows (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, full->len);
  for (guint i = 0; i < rows->len; i++)
    assert_row_matches (g_ptr_array_index (rows, i), g_ptr_array_index (full, i));
  g_assert_cmpint (wb_signal_get_occurred_precision (g_ptr_array_index (rows, 2)), ==, WB_PRECISION_YEAR);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Written after the upgrade: the rows follow. */
  g_clear_object (&edited);
  edited = wb_records_edit_signal_json (store, wb_signal_get_uuid (a), "{\"summary\": \"Intimidatie op het plein\"}",
                                        &error);
  g_assert_no_error (error);
  rows = wb_records_search_rows (store, "plein", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_row_matches (g_ptr_array_index (rows, 0), edited);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_object (&store);

  db = open_schema_before_list_columns ("list-columns-damaged.db");
  copy_signals_into (db, source);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE signal_docs SET json = substr (json, 1, 40)"
                                 " WHERE id = (SELECT min (id) FROM signal_docs)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = records_open_store_at (damaged_path);
  g_assert_cmpint (wb_store_get_schema_version (store), ==, wb_store_get_latest_version ());
  g_assert_cmpint (records_sql_int (store, UNLISTED_ROWS), ==, 1);
  rows = wb_records_list_signal_rows (store, NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT);
}

static void
test_migrate_with_data (void)
{
  int latest = wb_store_get_latest_version ();

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  for (int v = 0; v < latest; v++)
    {
      g_autofree char *name = g_strdup_printf ("migrate-%d.db", v);
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
      g_autoptr(WbStore) store = NULL;
      g_autoptr(WbSignal) s = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *org = NULL;
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_true (_wb_store_migrate_to (db, v, &error));
      g_assert_no_error (error);
      if (v >= 1)
        g_assert_cmpint (sqlite3_exec (db,
                                       "INSERT INTO settings VALUES ('organisation-name', 'Gemeente Zwolle'),"
                                       " ('organisation-role', 'liaison-officer')",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = records_open_store_at (path);
      g_assert_cmpint (wb_store_get_schema_version (store), ==, latest);
      if (v >= 1)
        {
          org = wb_store_dup_setting (store, WB_RECORDS_SETTING_ORGANISATION);
          g_assert_cmpstr (org, ==, "Gemeente Zwolle");
        }
      else
        {
          g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ORGANISATION, "Gemeente Zwolle", NULL));
          g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ROLE, "liaison-officer", NULL));
        }

      s = records_add (store, "Na migratie", CATS_A1, "Zwolle", "2026-10-01", NULL);
      g_assert_cmpstr (wb_signal_get_organisation (s), ==, "Gemeente Zwolle");
      found = wb_records_search (store, "migratie", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_true (wb_records_verify_audit (store, NULL, &error));
      g_assert_no_error (error);
    }
}

/* The same on a real encrypted vault: FTS5, triggers and secure delete
 * work under the hardened connection, and nothing readable reaches disk. */
static void
test_encrypted_vault (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "kluis", NULL);
  g_autofree char *file = g_build_filename (dir, WB_VAULT_FILE_NAME, NULL);
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(WbSignal) s = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *key = NULL;
  gsize len = 0;
  WbStore *store;

  vault = wb_vault_create (dir, "correct horse battery", WB_VAULT_COST_MIN, &key, NULL, &error);
  g_assert_no_error (error);
  store = wb_vault_get_store (vault);
  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ORGANISATION, "Gemeente Utrecht", NULL));
  g_assert_true (wb_store_set_setting (store, WB_RECORDS_SETTING_ROLE, "liaison-officer", NULL));

  s = records_add (store, "Geheimzinnigewoordenreeks beïnvloeding", CATS_A1, "Utrecht", "2026-10-01", NULL);
  found = wb_records_search (store, "beinvloeding", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (wb_records_set_legal_hold (store, wb_signal_get_uuid (s), FALSE, &error));
  g_assert_true (wb_records_purge (store, wb_signal_get_uuid (s), &error));
  g_assert_no_error (error);
  g_assert_true (wb_records_verify_audit (store, NULL, &error));
  g_assert_no_error (error);
  wb_vault_lock (vault);

  g_assert_true (g_file_get_contents (file, &contents, &len, &error));
  g_assert_null (g_strstr_len (contents, len, "Geheimzinnigewoordenreeks"));
  g_assert_null (g_strstr_len (contents, len, "signal.purge"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/records/add-get", test_add_get);
  g_test_add_func ("/records/retention-setting", test_retention_setting);
  g_test_add_func ("/records/add-refused", test_add_refused);
  g_test_add_func ("/records/edit-history", test_edit_history);
  g_test_add_func ("/records/edit-review-date", test_edit_review_date);
  g_test_add_func ("/records/edit-json", test_edit_json);
  g_test_add_func ("/records/list-filters", test_list_filters);
  g_test_add_func ("/records/links", test_links);
  g_test_add_func ("/records/cases", test_cases);
  g_test_add_func ("/records/decisions", test_decisions);
  g_test_add_func ("/records/coordinator-decides", test_coordinator_decides);
  g_test_add_func ("/records/resilience", test_resilience);
  g_test_add_func ("/records/purge", test_purge);
  g_test_add_func ("/records/identities", test_identities);
  g_test_add_func ("/records/attachments", test_attachments);
  g_test_add_func ("/records/stats", test_stats);
  g_test_add_func ("/records/stored-reads", test_stored_reads);
  g_test_add_func ("/records/migrate-with-data", test_migrate_with_data);
  g_test_add_func ("/records/migrate-list-columns", test_migrate_list_columns);
  g_test_add_func ("/records/encrypted-vault", test_encrypted_vault);

  return g_test_run ();
}
