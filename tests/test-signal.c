/* test-signal.c — the signal model, its JSON and canonical hash
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "wb-core.h"

#define UUID "6f1c2f7e-2a4b-4c1d-9e8f-0a1b2c3d4e5f"

static const char full_doc[] =
  "{\n"
  "  \"uuid\": \"" UUID "\",\n"
  "  \"revision\": 3,\n"
  "  \"organisation\": \"Gemeente Utrecht\",\n"
  "  \"role\": \"liaison-officer\",\n"
  "  \"created_at\": \"2026-11-01T09:30:00Z\",\n"
  "  \"updated_at\": \"2026-11-02T10:00:00Z\",\n"
  "  \"summary\": \"Bezoeker meldt intimidatie na deelname aan demonstratie\",\n"
  "  \"description\": \"Langere beschrijving zonder persoonsgegevens.\",\n"
  "  \"categories\": [\"A1\", \"G1\"],\n"
  "  \"occurred_on\": \"2026-10-28\",\n"
  "  \"occurred_precision\": \"day\",\n"
  "  \"municipality\": \"Utrecht\",\n"
  "  \"neighbourhood\": \"Overvecht\",\n"
  "  \"channel\": \"in-person\",\n"
  "  \"source_type\": \"victim\",\n"
  "  \"reliability\": \"B\",\n"
  "  \"credibility\": 2,\n"
  "  \"tlp\": \"AMBER+STRICT\",\n"
  "  \"attribution\": \"state-affiliated\",\n"
  "  \"attribution_confidence\": \"medium\",\n"
  "  \"actor_country\": null,\n"
  "  \"community_context\": [\"diaspora-organisation\", \"students\"],\n"
  "  \"community_note\": \"Studentenvereniging\",\n"
  "  \"persons\": [{\"pseudonym\": \"P-01\", \"role\": \"target\"},\n"
  "              {\"pseudonym\": \"P-02\", \"role\": \"alleged-perpetrator\"}],\n"
  "  \"tags\": [\"TA10\", \"campagne\"],\n"
  "  \"handles\": [\"@voorbeeld\"],\n"
  "  \"followup\": {\"referral_made\": true, \"aangifte\": \"no\", \"consent_to_share\": true,\n"
  "               \"impact\": \"Zelfcensuur\", \"protective_measures\": null},\n"
  "  \"level\": 2,\n"
  "  \"closed_on\": null,\n"
  "  \"review_on\": \"2027-11-02\",\n"
  "  \"legal_hold\": false\n"
  "}\n";

/* What wb_signal_dup_canonical_json() must give for full_doc: every field,
 * fixed order, no whitespace.  Changing this string changes every hash in
 * every bundle: do not, without a format version bump. */
static const char full_canonical[] =
  "{\"uuid\":\"" UUID "\",\"revision\":3,\"organisation\":\"Gemeente Utrecht\","
  "\"role\":\"liaison-officer\",\"created_at\":\"2026-11-01T09:30:00Z\","
  "\"updated_at\":\"2026-11-02T10:00:00Z\","
  "\"summary\":\"Bezoeker meldt intimidatie na deelname aan demonstratie\","
  "\"description\":\"Langere beschrijving zonder persoonsgegevens.\","
  "\"categories\":[\"A1\",\"G1\"],\"occurred_on\":\"2026-10-28\",\"occurred_precision\":\"day\","
  "\"municipality\":\"Utrecht\",\"neighbourhood\":\"Overvecht\",\"channel\":\"in-person\","
  "\"source_type\":\"victim\",\"reliability\":\"B\",\"credibility\":2,\"tlp\":\"AMBER+STRICT\","
  "\"attribution\":\"state-affiliated\",\"attribution_confidence\":\"medium\","
  "\"actor_country\":null,\"community_context\":[\"diaspora-organisation\",\"students\"],"
  "\"community_note\":\"Studentenvereniging\","
  "\"persons\":[{\"pseudonym\":\"P-01\",\"role\":\"target\"},"
  "{\"pseudonym\":\"P-02\",\"role\":\"alleged-perpetrator\"}],"
  "\"tags\":[\"TA10\",\"campagne\"],\"handles\":[\"@voorbeeld\"],"
  "\"followup\":{\"referral_made\":true,\"aangifte\":\"no\",\"consent_to_share\":true,"
  "\"impact\":\"Zelfcensuur\",\"protective_measures\":null},"
  "\"level\":2,\"closed_on\":null,\"review_on\":\"2027-11-02\",\"legal_hold\":false}";

/* full_doc with one member replaced by @value (JSON text), or removed
 * when @value is NULL. */
static char *
doc_with (const char *member,
          const char *value)
{
  g_autoptr(JsonNode) root = json_from_string (full_doc, NULL);
  JsonObject *object = json_node_get_object (root);

  g_assert_nonnull (root);
  if (value == NULL)
    json_object_remove_member (object, member);
  else
    {
      g_autoptr(GError) error = NULL;
      JsonNode *node = json_from_string (value, &error);

      g_assert_no_error (error);
      json_object_set_member (object, member, node);
    }

  return json_to_string (root, TRUE);
}

static WbSignal *
parse_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  WbSignal *signal = wb_signal_new_from_json (json, -1, WB_SIGNAL_JSON_NONE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (signal);
  return signal;
}

/* Parses @json, expects @code, and checks the message names @field and
 * never echoes @secret (a value from the document). */
static void
assert_refused (const char *json,
                int         code,
                const char *field,
                const char *secret)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) signal = wb_signal_new_from_json (json, -1, WB_SIGNAL_JSON_NONE, &error);

  g_assert_null (signal);
  g_assert_error (error, WB_SIGNAL_ERROR, code);
  if (field != NULL && strstr (error->message, field) == NULL)
    g_error ("message “%s” does not name “%s”", error->message, field);
  if (secret != NULL && strstr (error->message, secret) != NULL)
    g_error ("message “%s” leaks “%s”", error->message, secret);
}

static void
assert_member_refused (const char *member,
                       const char *value,
                       int         code,
                       const char *field)
{
  g_autofree char *json = doc_with (member, value);

  assert_refused (json, code, field, NULL);
}

static void
test_parse_full (void)
{
  g_autoptr(WbSignal) signal = parse_ok (full_doc);
  GPtrArray *persons = wb_signal_get_persons (signal);
  const WbPerson *p1;

  g_assert_cmpstr (wb_signal_get_uuid (signal), ==, UUID);
  g_assert_cmpuint (wb_signal_get_revision (signal), ==, 3);
  g_assert_cmpstrv (wb_signal_get_categories (signal), ((const char * const []) { "A1", "G1", NULL }));
  g_assert_cmpint (wb_signal_get_channel (signal), ==, WB_CHANNEL_IN_PERSON);
  g_assert_cmpint (wb_signal_get_reliability (signal), ==, WB_RELIABILITY_B);
  g_assert_cmpint (wb_signal_get_credibility (signal), ==, WB_CREDIBILITY_2);
  g_assert_cmpint (wb_signal_get_tlp (signal), ==, WB_TLP_AMBER_STRICT);
  g_assert_cmpint (wb_signal_get_attribution (signal), ==, WB_ATTRIBUTION_STATE_AFFILIATED);
  g_assert_cmpint (wb_signal_get_community_context (signal), ==,
                   WB_COMMUNITY_DIASPORA_ORGANISATION | WB_COMMUNITY_STUDENTS);
  g_assert_null (wb_signal_get_actor_country (signal));
  g_assert_cmpuint (persons->len, ==, 2);
  p1 = g_ptr_array_index (persons, 1);
  g_assert_cmpstr (p1->pseudonym, ==, "P-02");
  g_assert_cmpint (p1->role, ==, WB_PERSON_ROLE_ALLEGED_PERPETRATOR);
  g_assert_true (wb_signal_get_referral_made (signal));
  g_assert_cmpint (wb_signal_get_aangifte (signal), ==, WB_AANGIFTE_NO);
  g_assert_null (wb_signal_get_protective_measures (signal));
  g_assert_cmpint (wb_signal_get_level (signal), ==, 2);
  g_assert_cmpstr (wb_signal_get_review_on (signal), ==, "2027-11-02");
  g_assert_false (wb_signal_get_legal_hold (signal));
}

static void
test_round_trip (void)
{
  g_autoptr(WbSignal) first = parse_ok (full_doc);
  g_autofree char *canonical = wb_signal_dup_canonical_json (first);
  g_autofree char *pretty = wb_signal_to_json (first, TRUE);
  g_autoptr(WbSignal) second = parse_ok (pretty);
  g_autofree char *pretty2 = wb_signal_to_json (second, TRUE);
  g_autoptr(WbSignal) third = parse_ok (canonical);
  g_autofree char *canonical3 = wb_signal_dup_canonical_json (third);

  g_assert_cmpstr (canonical, ==, full_canonical);
  g_assert_cmpstr (pretty2, ==, pretty);
  g_assert_cmpstr (canonical3, ==, canonical);
  g_assert_true (wb_signal_equal (first, second));
}

static void
test_malformed_json (void)
{
  static const char * const docs[] = {
    "", "{", "}", "nul", "{\"uuid\": }", "{\"uuid\" \"x\"}", "{\"uuid\": \"x\"",
    "{\"summary\": \"BSN 111222333\",}", NULL
  };

  for (guint i = 0; docs[i] != NULL; i++)
    assert_refused (docs[i], WB_SIGNAL_ERROR_INVALID_JSON, NULL, "111222333");

  assert_refused ("[]", WB_SIGNAL_ERROR_INVALID_JSON, NULL, NULL);
  assert_refused ("\"signal\"", WB_SIGNAL_ERROR_INVALID_JSON, NULL, NULL);
  assert_refused ("42", WB_SIGNAL_ERROR_INVALID_JSON, NULL, NULL);
}

static void
test_unknown_and_forbidden_fields (void)
{
  g_autofree char *extra = doc_with ("colour", "\"blue\"");
  g_autofree char *ethnicity = doc_with ("ethnicity", "\"x\"");
  g_autofree char *religion = doc_with ("religion", "null");
  g_autofree char *dup = NULL;
  g_autofree char *dup_nested = NULL;

  assert_refused (extra, WB_SIGNAL_ERROR_UNKNOWN_FIELD, "colour", "blue");
  assert_refused (ethnicity, WB_SIGNAL_ERROR_FORBIDDEN_FIELD, "ethnicity", NULL);
  assert_refused (religion, WB_SIGNAL_ERROR_FORBIDDEN_FIELD, "religion", NULL);
  assert_member_refused ("followup", "{\"aangifte\": \"yes\", \"victim_name\": \"x\"}",
                         WB_SIGNAL_ERROR_UNKNOWN_FIELD, "followup.victim_name");
  assert_member_refused ("persons", "[{\"pseudonym\": \"P\", \"role\": \"target\", \"name\": \"x\"}]",
                         WB_SIGNAL_ERROR_FORBIDDEN_FIELD, "persons[0].name");
  assert_member_refused ("persons", "[{\"pseudonym\": \"P\", \"role\": \"target\", \"age\": 3}]",
                         WB_SIGNAL_ERROR_UNKNOWN_FIELD, "persons[0].age");

  /* Two values for one field: refuse instead of silently keeping one. */
  dup = g_strdup_printf ("{\"tlp\": \"RED\", %s", strchr (full_doc, '{') + 1);
  assert_refused (dup, WB_SIGNAL_ERROR_DUPLICATE_FIELD, "tlp", NULL);
  {
    g_autoptr(GString) str = g_string_new (full_doc);

    /* full_doc's followup already has "impact" */
    g_string_replace (str, "\"followup\": {", "\"followup\": {\"impact\": null, ", 1);
    dup_nested = g_string_free (g_steal_pointer (&str), FALSE);
    assert_refused (dup_nested, WB_SIGNAL_ERROR_DUPLICATE_FIELD, "impact", NULL);
  }
}

static void
test_missing_required (void)
{
  static const char * const required[] = {
    "uuid", "revision", "organisation", "role", "created_at", "updated_at", "summary",
    "categories", "occurred_on", "occurred_precision", "municipality", "channel",
    "source_type", "reliability", "credibility", "tlp", "attribution",
    "attribution_confidence", "level", "review_on", NULL
  };
  static const char * const optional[] = {
    "description", "neighbourhood", "actor_country", "community_context", "community_note",
    "persons", "tags", "handles", "followup", "closed_on", "legal_hold", NULL
  };

  for (guint i = 0; required[i] != NULL; i++)
    {
      assert_member_refused (required[i], NULL, WB_SIGNAL_ERROR_MISSING_FIELD, required[i]);
      assert_member_refused (required[i], "null", WB_SIGNAL_ERROR_MISSING_FIELD, required[i]);
    }

  /* Dropping "tags" also drops TA10, so the doc stays valid either way. */
  for (guint i = 0; optional[i] != NULL; i++)
    {
      g_autofree char *json = doc_with (optional[i], NULL);
      g_autoptr(WbSignal) signal = parse_ok (json);
    }

  assert_member_refused ("summary", "\"   \"", WB_SIGNAL_ERROR_MISSING_FIELD, "summary");
  assert_member_refused ("categories", "[]", WB_SIGNAL_ERROR_MISSING_FIELD, "categories");
  assert_member_refused ("persons", "[{\"role\": \"target\"}]",
                         WB_SIGNAL_ERROR_MISSING_FIELD, "persons[0].pseudonym");
  assert_member_refused ("persons", "[{\"pseudonym\": \"P-9\"}]",
                         WB_SIGNAL_ERROR_MISSING_FIELD, "persons[0].role");
}

static void
test_wrong_types (void)
{
  assert_member_refused ("summary", "5", WB_SIGNAL_ERROR_WRONG_TYPE, "summary");
  assert_member_refused ("categories", "\"A1\"", WB_SIGNAL_ERROR_WRONG_TYPE, "categories");
  assert_member_refused ("categories", "[\"A1\", 7]", WB_SIGNAL_ERROR_WRONG_TYPE, "categories[1]");
  assert_member_refused ("persons", "{}", WB_SIGNAL_ERROR_WRONG_TYPE, "persons");
  assert_member_refused ("persons", "[\"P-1\"]", WB_SIGNAL_ERROR_WRONG_TYPE, "persons[0]");
  assert_member_refused ("followup", "[]", WB_SIGNAL_ERROR_WRONG_TYPE, "followup");
  assert_member_refused ("followup", "{\"referral_made\": \"yes\"}",
                         WB_SIGNAL_ERROR_WRONG_TYPE, "followup.referral_made");
  assert_member_refused ("legal_hold", "\"no\"", WB_SIGNAL_ERROR_WRONG_TYPE, "legal_hold");
  assert_member_refused ("revision", "\"3\"", WB_SIGNAL_ERROR_WRONG_TYPE, "revision");
  assert_member_refused ("credibility", "\"2\"", WB_SIGNAL_ERROR_WRONG_TYPE, "credibility");
  assert_member_refused ("level", "2.5", WB_SIGNAL_ERROR_WRONG_TYPE, "level");
  assert_member_refused ("level", "true", WB_SIGNAL_ERROR_WRONG_TYPE, "level");
  assert_member_refused ("channel", "1", WB_SIGNAL_ERROR_WRONG_TYPE, "channel");
}

static void
test_invalid_values (void)
{
  /* taxonomy codes */
  assert_member_refused ("categories", "[\"A1\", \"Z9\"]", WB_SIGNAL_ERROR_INVALID_VALUE, "categories[1]");
  assert_member_refused ("categories", "[\"a1\"]", WB_SIGNAL_ERROR_INVALID_VALUE, "categories[0]");
  assert_member_refused ("categories", "[\"A1\", \"A1\"]", WB_SIGNAL_ERROR_INVALID_VALUE, "categories[1]");

  /* enums: the message names the field and lists what is allowed */
  assert_member_refused ("channel", "\"telepathy\"", WB_SIGNAL_ERROR_INVALID_VALUE, "in-person, online-platform");
  assert_member_refused ("channel", "\"telepathy\"", WB_SIGNAL_ERROR_INVALID_VALUE, "channel");
  assert_member_refused ("tlp", "\"amber\"", WB_SIGNAL_ERROR_INVALID_VALUE, "AMBER+STRICT");
  assert_member_refused ("tlp", "\"WHITE\"", WB_SIGNAL_ERROR_INVALID_VALUE, "tlp");
  assert_member_refused ("reliability", "\"G\"", WB_SIGNAL_ERROR_INVALID_VALUE, "reliability");
  assert_member_refused ("source_type", "\"neighbour\"", WB_SIGNAL_ERROR_INVALID_VALUE, "source_type");
  assert_member_refused ("attribution", "\"country\"", WB_SIGNAL_ERROR_INVALID_VALUE, "attribution");
  assert_member_refused ("attribution_confidence", "\"certain\"", WB_SIGNAL_ERROR_INVALID_VALUE,
                         "attribution_confidence");
  assert_member_refused ("occurred_precision", "\"week\"", WB_SIGNAL_ERROR_INVALID_VALUE,
                         "occurred_precision");
  assert_member_refused ("community_context", "[\"ethnic-group\"]", WB_SIGNAL_ERROR_INVALID_VALUE,
                         "community_context[0]");
  assert_member_refused ("persons", "[{\"pseudonym\": \"P\", \"role\": \"victim\"}]",
                         WB_SIGNAL_ERROR_INVALID_VALUE, "persons[0].role");
  assert_member_refused ("followup", "{\"aangifte\": \"maybe\"}", WB_SIGNAL_ERROR_INVALID_VALUE,
                         "followup.aangifte");
  assert_member_refused ("credibility", "7", WB_SIGNAL_ERROR_INVALID_VALUE, "credibility");
  assert_member_refused ("credibility", "0", WB_SIGNAL_ERROR_INVALID_VALUE, "credibility");
  assert_member_refused ("revision", "0", WB_SIGNAL_ERROR_INVALID_VALUE, "revision");

  /* levels */
  assert_member_refused ("level", "0", WB_SIGNAL_ERROR_INVALID_VALUE, "level");
  assert_member_refused ("level", "8", WB_SIGNAL_ERROR_INVALID_VALUE, "level");
  assert_member_refused ("level", "-1", WB_SIGNAL_ERROR_INVALID_VALUE, "level");

  /* dates and times */
  assert_member_refused ("occurred_on", "\"2026-02-30\"", WB_SIGNAL_ERROR_INVALID_VALUE, "occurred_on");
  assert_member_refused ("occurred_on", "\"2026-2-3\"", WB_SIGNAL_ERROR_INVALID_VALUE, "occurred_on");
  assert_member_refused ("occurred_on", "\"yesterday\"", WB_SIGNAL_ERROR_INVALID_VALUE, "occurred_on");
  assert_member_refused ("occurred_on", "\"28-10-2026\"", WB_SIGNAL_ERROR_INVALID_VALUE, "occurred_on");
  assert_member_refused ("review_on", "\"2027-13-01\"", WB_SIGNAL_ERROR_INVALID_VALUE, "review_on");
  assert_member_refused ("closed_on", "\"soon\"", WB_SIGNAL_ERROR_INVALID_VALUE, "closed_on");
  assert_member_refused ("created_at", "\"2026-11-01T10:30:00+01:00\"", WB_SIGNAL_ERROR_INVALID_VALUE,
                         "created_at");
  assert_member_refused ("created_at", "\"2026-11-01 09:30:00Z\"", WB_SIGNAL_ERROR_INVALID_VALUE,
                         "created_at");
  assert_member_refused ("updated_at", "\"2026-10-01T09:30:00Z\"", WB_SIGNAL_ERROR_INVALID_VALUE,
                         "updated_at");
  assert_member_refused ("uuid", "\"not-a-uuid\"", WB_SIGNAL_ERROR_INVALID_VALUE, "uuid");

  /* other rules */
  assert_member_refused ("actor_country", "\"Netherlands\"", WB_SIGNAL_ERROR_INVALID_VALUE,
                         "actor_country");
  assert_member_refused ("actor_country", "\"nl\"", WB_SIGNAL_ERROR_INVALID_VALUE, "actor_country");
  assert_member_refused ("tags", "[\"a\", \"a\"]", WB_SIGNAL_ERROR_INVALID_VALUE, "tags[1]");
  assert_member_refused ("handles", "[\"@x\", \"@x\"]", WB_SIGNAL_ERROR_INVALID_VALUE, "handles[1]");
}

static void
test_disarm_tags (void)
{
  g_autofree char *no_g = doc_with ("categories", "[\"A1\"]");
  g_autofree char *g_sub = doc_with ("categories", "[\"G2\"]");
  g_autofree char *g_cat = doc_with ("categories", "[\"G\"]");
  g_autoptr(WbSignal) a = NULL;
  g_autoptr(WbSignal) b = NULL;

  /* TA10 on a signal without category G */
  assert_refused (no_g, WB_SIGNAL_ERROR_INVALID_VALUE, "tags[0]", NULL);
  a = parse_ok (g_sub);
  b = parse_ok (g_cat);
  assert_member_refused ("tags", "[\"TA19\"]", WB_SIGNAL_ERROR_INVALID_VALUE, "tags[0]");
  assert_member_refused ("tags", "[\"x\", \"TA00\"]", WB_SIGNAL_ERROR_INVALID_VALUE, "tags[1]");
}

static void
test_minimisation (void)
{
  static const struct {
    const char *summary;
    gboolean    ok;
  } cases[] = {
    { "Melding van intimidatie, BSN 111222333 genoemd", FALSE },
    { "BSN 111 222 333 genoemd", FALSE },
    { "BSN 11.12.22.333", FALSE },
    { "Nummer 123456789 voldoet niet aan de elfproef", TRUE },
    { "Telefoon 0612345678 genoemd", TRUE },
    { "IBAN NL91ABNA0417164300", TRUE },
    { "Woont bij 3581 AB", FALSE },
    { "Woont bij 3581AB in de buurt", FALSE },
    { "Gesprek bij Kerkstraat 12", FALSE },
    { "Gesprek bij Van Goghlaan 3a", FALSE },
    { "In 2024 is er een demonstratie geweest", TRUE },
    { "Drie keer gebeld op 12 maart 2026", TRUE },
    { "Ontmoeting in de buurt van de kerk", TRUE },
  };
  g_autofree char *long_summary = g_strnfill (WB_SIGNAL_SUMMARY_MAX_CHARS + 1, 'x');
  g_autofree char *max_summary = g_strnfill (WB_SIGNAL_SUMMARY_MAX_CHARS, 'x');
  g_autofree char *json = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), cases[i].summary);
      g_autofree char *value = json_to_string (node, FALSE);
      g_autofree char *doc = doc_with ("summary", value);
      g_autoptr(GError) error = NULL;
      g_autoptr(WbSignal) signal = wb_signal_new_from_json (doc, -1, WB_SIGNAL_JSON_NONE, &error);

      if (cases[i].ok)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_NOT_MINIMISED);
          g_assert_nonnull (strstr (error->message, "summary"));
          /* the number or address itself must not be repeated */
          g_assert_null (strstr (error->message, "333"));
          g_assert_null (strstr (error->message, "3581"));
          g_assert_null (strstr (error->message, "Kerkstraat"));
        }
    }

  /* the same check guards every free-text field */
  assert_member_refused ("description", "\"BSN: 111222333\"", WB_SIGNAL_ERROR_NOT_MINIMISED, "description");
  assert_member_refused ("community_note", "\"Kerkstraat 12\"", WB_SIGNAL_ERROR_NOT_MINIMISED,
                         "community_note");
  assert_member_refused ("neighbourhood", "\"3581 AB\"", WB_SIGNAL_ERROR_NOT_MINIMISED, "neighbourhood");
  assert_member_refused ("persons", "[{\"pseudonym\": \"111222333\", \"role\": \"target\"}]",
                         WB_SIGNAL_ERROR_NOT_MINIMISED, "persons[0].pseudonym");
  assert_member_refused ("followup", "{\"impact\": \"Verhuisd naar Dorpsweg 4\"}",
                         WB_SIGNAL_ERROR_NOT_MINIMISED, "followup.impact");

  json = g_strdup_printf ("\"%s\"", long_summary);
  assert_member_refused ("summary", json, WB_SIGNAL_ERROR_INVALID_VALUE, "summary");
  g_free (json);
  json = g_strdup_printf ("\"%s\"", max_summary);
  {
    g_autofree char *doc = doc_with ("summary", json);
    g_autoptr(WbSignal) signal = parse_ok (doc);
  }
}

static void
test_allow_new (void)
{
  static const char minimal[] =
    "{\"summary\": \"Intimidatie bij bijeenkomst\", \"categories\": [\"A1\"],"
    " \"occurred_on\": \"2026-10-01\", \"occurred_precision\": \"month\","
    " \"municipality\": \"Utrecht\", \"channel\": \"phone\", \"source_type\": \"witness\","
    " \"reliability\": \"C\", \"credibility\": 3, \"attribution\": \"unknown\","
    " \"attribution_confidence\": \"low\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) strict = wb_signal_new_from_json (minimal, -1, WB_SIGNAL_JSON_NONE, &error);
  g_autoptr(WbSignal) signal = NULL;
  g_autoptr(WbSignal) other = NULL;
  GDate updated, review;
  GDateTime *updated_at;

  g_assert_null (strict);
  g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD);
  g_clear_error (&error);

  signal = wb_signal_new_from_json (minimal, -1, WB_SIGNAL_JSON_ALLOW_NEW, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (wb_signal_get_uuid (signal)));
  g_assert_cmpuint (wb_signal_get_revision (signal), ==, 1);
  g_assert_cmpint (wb_signal_get_level (signal), ==, 1);
  g_assert_cmpint (wb_signal_get_tlp (signal), ==, WB_TLP_AMBER_STRICT);
  g_assert_null (wb_signal_get_organisation (signal));

  updated_at = wb_signal_get_updated_at (signal);
  g_assert_nonnull (updated_at);
  g_assert_true (g_date_time_equal (updated_at, wb_signal_get_created_at (signal)));
  g_date_clear (&updated, 1);
  g_date_set_dmy (&updated, g_date_time_get_day_of_month (updated_at),
                  g_date_time_get_month (updated_at), g_date_time_get_year (updated_at));
  g_assert_true (wb_date_parse_iso (wb_signal_get_review_on (signal), &review));
  g_date_add_months (&updated, WB_RETENTION_DEFAULT_MONTHS);
  g_assert_cmpint (g_date_compare (&updated, &review), ==, 0);

  /* not storable until the vault identity is filled in */
  g_assert_false (wb_signal_validate (signal, &error));
  g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "organisation"));
  g_clear_error (&error);
  wb_signal_set_organisation (signal, "Gemeente Utrecht");
  wb_signal_set_role (signal, "liaison-officer");
  g_assert_true (wb_signal_validate (signal, &error));
  g_assert_no_error (error);

  /* ALLOW_NEW still refuses what is wrong */
  other = wb_signal_new_from_json ("{\"summary\": \"x\", \"colour\": 1}", -1,
                                   WB_SIGNAL_JSON_ALLOW_NEW, &error);
  g_assert_null (other);
  g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);
  other = wb_signal_new_from_json ("{\"summary\": \"x\"}", -1, WB_SIGNAL_JSON_ALLOW_NEW, &error);
  g_assert_null (other);
  g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD);
}

static void
test_new_defaults (void)
{
  g_autoptr(WbSignal) a = wb_signal_new ();
  g_autoptr(WbSignal) b = wb_signal_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_uuid_string_is_valid (wb_signal_get_uuid (a)));
  g_assert_cmpstr (wb_signal_get_uuid (a), !=, wb_signal_get_uuid (b));
  g_assert_cmpint (wb_signal_get_tlp (a), ==, WB_TLP_AMBER_STRICT);
  g_assert_cmpint (wb_signal_get_level (a), ==, 1);
  g_assert_nonnull (wb_signal_get_review_on (a));
  g_assert_null (wb_signal_get_closed_on (a));

  /* a fresh signal is not yet a valid record */
  g_assert_false (wb_signal_validate (a, &error));
  g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_setters (void)
{
  g_autoptr(WbSignal) signal = wb_signal_new ();
  guint count = 0;

  g_signal_connect (signal, "notify::summary", G_CALLBACK (count_notify_cb), &count);
  wb_signal_set_summary (signal, "a");
  wb_signal_set_summary (signal, "a");
  g_object_set (signal, "summary", "a", NULL);
  g_assert_cmpuint (count, ==, 1);
  wb_signal_set_summary (signal, "");
  g_assert_null (wb_signal_get_summary (signal));
  g_assert_cmpuint (count, ==, 2);

  /* categories are a set in taxonomy order */
  wb_signal_set_categories (signal, (const char * const []) { "G1", "A1", "A1", "A", NULL });
  g_assert_cmpstrv (wb_signal_get_categories (signal), ((const char * const []) { "A", "A1", "G1", NULL }));
  g_assert_true (wb_signal_has_category (signal, "G1"));
  g_assert_false (wb_signal_has_category (signal, "G"));

  /* one spelling per UUID */
  wb_signal_set_uuid (signal, "6F1C2F7E-2A4B-4C1D-9E8F-0A1B2C3D4E5F");
  g_assert_cmpstr (wb_signal_get_uuid (signal), ==, UUID);
}

static void
test_copy (void)
{
  g_autoptr(WbSignal) signal = parse_ok (full_doc);
  g_autoptr(WbSignal) copy = wb_signal_copy (signal);
  g_autofree char *h1 = wb_signal_dup_canonical_hash (signal);
  g_autofree char *h2 = wb_signal_dup_canonical_hash (copy);

  g_assert_true (wb_signal_equal (signal, copy));
  g_assert_cmpstr (h1, ==, h2);
  wb_signal_set_summary (copy, "Anders");
  g_assert_false (wb_signal_equal (signal, copy));
  g_assert_cmpstr (wb_signal_get_summary (signal), !=, "Anders");
}

static void
test_hash_stable (void)
{
  g_autoptr(WbSignal) a = parse_ok (full_doc);
  g_autoptr(WbSignal) b = parse_ok (full_canonical);
  g_autofree char *ha = wb_signal_dup_canonical_hash (a);
  g_autofree char *hb = wb_signal_dup_canonical_hash (b);
  g_autofree char *again = wb_signal_dup_canonical_hash (a);
  guint8 digest[32];

  g_assert_cmpuint (strlen (ha), ==, 64);
  for (const char *p = ha; *p != '\0'; p++)
    g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));
  g_assert_cmpstr (ha, ==, hb);
  g_assert_cmpstr (ha, ==, again);

  /* BLAKE2b-256 of the canonical JSON, independently computed */
  g_assert_cmpint (crypto_generichash (digest, sizeof digest, (const guint8 *) full_canonical,
                                       strlen (full_canonical), NULL, 0), ==, 0);
  {
    char hex[65];

    sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
    g_assert_cmpstr (ha, ==, hex);
  }
}

/* Every property of WbSignal feeds the canonical hash: change each one,
 * in turn, and the hash must change.  A field added later without JSON
 * support fails here. */
static void
test_hash_sensitive_to_each_field (void)
{
  g_autoptr(WbSignal) base = parse_ok (full_doc);
  g_autofree char *base_hash = wb_signal_dup_canonical_hash (base);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs, n_checked = 0;

  g_hash_table_add (seen, g_strdup (base_hash));
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (base), &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_autoptr(WbSignal) copy = NULL;
      g_auto(GValue) value = G_VALUE_INIT;
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
      char *hash;

      if (!(pspec->flags & G_PARAM_WRITABLE))
        continue;

      copy = wb_signal_copy (base);
      g_value_init (&value, type);
      g_object_get_property (G_OBJECT (copy), pspec->name, &value);

      if (type == G_TYPE_STRING)
        {
          const char *cur = g_value_get_string (&value);
          g_value_take_string (&value, g_strdup_printf ("%s-x", cur ? cur : ""));
        }
      else if (type == G_TYPE_UINT)
        g_value_set_uint (&value, g_value_get_uint (&value) + 1);
      else if (type == G_TYPE_INT)
        g_value_set_int (&value, g_value_get_int (&value) + 1);
      else if (type == G_TYPE_BOOLEAN)
        g_value_set_boolean (&value, !g_value_get_boolean (&value));
      else if (G_TYPE_IS_ENUM (type))
        {
          GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
          int cur = g_value_get_enum (&value);
          int next = klass->values[0].value == cur ? klass->values[1].value : klass->values[0].value;

          g_value_set_enum (&value, next);
        }
      else if (G_TYPE_IS_FLAGS (type))
        g_value_set_flags (&value, g_value_get_flags (&value) ^ WB_COMMUNITY_JOURNALISTS);
      else if (type == G_TYPE_STRV)
        g_value_set_boxed (&value, (const char * const []) { "H1", NULL });
      else if (type == G_TYPE_DATE_TIME)
        g_value_take_boxed (&value, g_date_time_add_seconds (g_value_get_boxed (&value), 1));
      else
        g_error ("no mutation for property %s", pspec->name);

      g_object_set_property (G_OBJECT (copy), pspec->name, &value);
      hash = wb_signal_dup_canonical_hash (copy);
      if (!g_hash_table_add (seen, hash))
        g_error ("changing “%s” does not change the hash (or collides)", pspec->name);
      n_checked++;
    }

  /* persons are not a writable property: pseudonym, role, count, order */
  {
    g_autoptr(WbSignal) c1 = wb_signal_copy (base);
    g_autoptr(WbSignal) c2 = wb_signal_copy (base);
    g_autoptr(WbSignal) c3 = wb_signal_copy (base);
    g_autoptr(WbSignal) c4 = wb_signal_copy (base);
    WbPerson *p;

    wb_signal_add_person (c1, "P-03", WB_PERSON_ROLE_WITNESS);
    p = g_ptr_array_index (wb_signal_get_persons (c2), 0);
    p->role = WB_PERSON_ROLE_INTERMEDIARY;
    p = g_ptr_array_index (wb_signal_get_persons (c3), 0);
    g_free (p->pseudonym);
    p->pseudonym = g_strdup ("P-99");
    wb_signal_clear_persons (c4);
    wb_signal_add_person (c4, "P-02", WB_PERSON_ROLE_ALLEGED_PERPETRATOR);
    wb_signal_add_person (c4, "P-01", WB_PERSON_ROLE_TARGET);

    g_assert_true (g_hash_table_add (seen, wb_signal_dup_canonical_hash (c1)));
    g_assert_true (g_hash_table_add (seen, wb_signal_dup_canonical_hash (c2)));
    g_assert_true (g_hash_table_add (seen, wb_signal_dup_canonical_hash (c3)));
    g_assert_true (g_hash_table_add (seen, wb_signal_dup_canonical_hash (c4)));
  }

  /* every field of DOMAIN §3 is a property (34 writable) */
  g_assert_cmpuint (n_checked, ==, 34);
}

/* WB_SIGNAL_JSON_TRUSTED (documents the store wrote): the same object as
 * the strict parse for a valid document; structural damage is still an
 * error; only the content checks are skipped. */
static void
test_trusted (void)
{
  static const struct {
    const char    *member;
    const char    *value;   /* NULL: leave the member out */
    WbSignalError  code;
  } broken[] = {
    { "summary", NULL, WB_SIGNAL_ERROR_MISSING_FIELD },
    { "summary", "\"  \"", WB_SIGNAL_ERROR_MISSING_FIELD },
    { "uuid", NULL, WB_SIGNAL_ERROR_MISSING_FIELD },
    { "municipality", "\"\"", WB_SIGNAL_ERROR_MISSING_FIELD },
    { "categories", "[]", WB_SIGNAL_ERROR_MISSING_FIELD },
    { "categories", "[\"Z9\"]", WB_SIGNAL_ERROR_INVALID_VALUE },
    { "level", "9", WB_SIGNAL_ERROR_INVALID_VALUE },
    { "level", "\"2\"", WB_SIGNAL_ERROR_WRONG_TYPE },
    { "tlp", "\"PURPLE\"", WB_SIGNAL_ERROR_INVALID_VALUE },
    { "created_at", "\"yesterday\"", WB_SIGNAL_ERROR_INVALID_VALUE },
    { "persons", "{}", WB_SIGNAL_ERROR_WRONG_TYPE },
    { "colour", "\"blue\"", WB_SIGNAL_ERROR_UNKNOWN_FIELD },
  };
  static const char * const not_json[] = {
    "", "{", "[1, 2]", "{\"uuid\": \"\xff\"}", "null",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) strict = wb_signal_new_from_json (full_doc, -1, WB_SIGNAL_JSON_NONE, &error);
  g_autoptr(WbSignal) trusted = NULL;
  g_autoptr(WbSignal) again = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *bsn = NULL;

  g_assert_no_error (error);
  trusted = wb_signal_new_from_json (full_doc, -1, WB_SIGNAL_JSON_TRUSTED, &error);
  g_assert_no_error (error);
  g_assert_true (wb_signal_equal (strict, trusted));
  g_assert_true (wb_signal_is_complete (trusted));

  /* What the store keeps: the canonical form. */
  canonical = wb_signal_dup_canonical_json (strict);
  again = wb_signal_new_from_json (canonical, -1, WB_SIGNAL_JSON_TRUSTED, &error);
  g_assert_no_error (error);
  g_assert_true (wb_signal_equal (strict, again));

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *doc = doc_with (broken[i].member, broken[i].value);
      g_autoptr(WbSignal) signal = wb_signal_new_from_json (doc, -1, WB_SIGNAL_JSON_TRUSTED, &error);

      g_test_message ("broken %u: %s", i, broken[i].member);
      g_assert_null (signal);
      g_assert_error (error, WB_SIGNAL_ERROR, broken[i].code);
      g_clear_error (&error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_json); i++)
    {
      g_autoptr(WbSignal) signal = wb_signal_new_from_json (not_json[i], -1, WB_SIGNAL_JSON_TRUSTED, &error);

      g_assert_null (signal);
      g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_JSON);
      g_clear_error (&error);
    }

  /* An escaped lone surrogate parses to text that is not UTF-8. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const originals[] = { "\"Zelfcensuur\"", "\"campagne\"", "\"P-02\"" };
      g_auto(GStrv) parts = g_strsplit (full_doc, originals[i], 2);
      g_autofree char *doc = g_strjoin ("\"x\\ud800 y\"", parts[0], parts[1], NULL);
      g_autoptr(WbSignal) signal = wb_signal_new_from_json (doc, -1, WB_SIGNAL_JSON_TRUSTED, &error);

      g_assert_nonnull (parts[1]);
      g_assert_null (signal);
      g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE);
      g_clear_error (&error);
    }

  /* Content checks are what is skipped: the strict parse refuses this. */
  bsn = doc_with ("summary", "\"BSN 111222333 genoemd\"");
  g_assert_null (wb_signal_new_from_json (bsn, -1, WB_SIGNAL_JSON_NONE, &error));
  g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_NOT_MINIMISED);
  g_clear_error (&error);
  g_clear_object (&again);
  again = wb_signal_new_from_json (bsn, -1, WB_SIGNAL_JSON_TRUSTED, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/signal/parse-full", test_parse_full);
  g_test_add_func ("/signal/round-trip", test_round_trip);
  g_test_add_func ("/signal/malformed-json", test_malformed_json);
  g_test_add_func ("/signal/unknown-and-forbidden-fields", test_unknown_and_forbidden_fields);
  g_test_add_func ("/signal/missing-required", test_missing_required);
  g_test_add_func ("/signal/wrong-types", test_wrong_types);
  g_test_add_func ("/signal/invalid-values", test_invalid_values);
  g_test_add_func ("/signal/disarm-tags", test_disarm_tags);
  g_test_add_func ("/signal/minimisation", test_minimisation);
  g_test_add_func ("/signal/allow-new", test_allow_new);
  g_test_add_func ("/signal/new-defaults", test_new_defaults);
  g_test_add_func ("/signal/setters", test_setters);
  g_test_add_func ("/signal/copy", test_copy);
  g_test_add_func ("/signal/hash-stable", test_hash_stable);
  g_test_add_func ("/signal/hash-sensitive-to-each-field", test_hash_sensitive_to_each_field);
  g_test_add_func ("/signal/trusted", test_trusted);

  return g_test_run ();
}
