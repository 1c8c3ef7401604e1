/* test-coordinator.c — the national coordinator's picture (issue #7):
 * three municipalities export to one coordinator, which sees the right
 * totals and the matches between them; a decision on a level-6 proposal
 * reaches the proposing municipality and nowhere else; no person's
 * identity is in any payload
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE   /* memmem */

#include "config.h"

#include <string.h>

#include "exchange-common.h"

typedef struct
{
  WbStore *a;      /* Gemeente Amsterdam */
  WbStore *b;      /* Gemeente Breda */
  WbStore *c;      /* Gemeente Zwolle */
  WbStore *k;      /* NCTV, the coordinator */
  char    *a1, *a2, *b1, *b2, *c1;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->a = exchange_new_store ("Gemeente Amsterdam");
  f->b = exchange_new_store ("Gemeente Breda");
  f->c = exchange_new_store ("Gemeente Zwolle");
  f->k = exchange_new_store ("NCTV");
  g_assert_true (wb_store_set_setting (f->k, WB_RECORDS_SETTING_VAULT_KIND, "coordinator", &error));
  g_assert_true (wb_store_set_setting (f->k, WB_RECORDS_SETTING_ROLE, "NCTV", &error));
  g_assert_no_error (error);
  exchange_pin (f->a, f->k);
  exchange_pin (f->b, f->k);
  exchange_pin (f->c, f->k);
  exchange_pin (f->k, f->a);
  exchange_pin (f->k, f->b);
  exchange_pin (f->k, f->c);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  g_clear_object (&f->c);
  g_clear_object (&f->k);
  g_free (f->a1);
  g_free (f->a2);
  g_free (f->b1);
  g_free (f->b2);
  g_free (f->c1);
}

/* Case-insensitive search of the whole decrypted payload. */
static gboolean
payload_contains (GBytes     *bytes,
                  const char *needle)
{
  gsize size = g_bytes_get_size (bytes);
  g_autofree char *text = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  g_autofree char *lower = g_ascii_strdown (needle, -1);

  /* The tar holds NUL bytes: lower-case it byte by byte. */
  for (gsize i = 0; i < size; i++)
    text[i] = g_ascii_tolower (text[i]);

  return memmem (text, size, lower, strlen (lower)) != NULL;
}

static WbMergeReport *
import (WbStore    *store,
        const char *path)
{
  g_autoptr(GError) error = NULL;
  WbMergeReport *report = wb_bundle_import (store, path, FALSE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* @from exports everything to @to_name, and @to imports it. */
static char *
send (WbStore    *from,
      const char *to_name,
      WbStore    *to,
      const char *file,
      guint       expect_signals)
{
  char *path = exchange_export (from, to_name, WB_TLP_AMBER_STRICT, file);
  g_autoptr(WbMergeReport) report = import (to, path);

  g_assert_cmpuint (report->n_added + report->n_updated, ==, expect_signals);
  g_assert_cmpuint (report->n_conflicts, ==, 0);
  return path;
}

static char *
add (WbStore    *store,
     const char *summary,
     const char *categories,
     const char *municipality,
     const char *occurred_on,
     const char *extra)
{
  g_autoptr(WbSignal) s = records_add (store, summary, categories, municipality, occurred_on, extra);

  return g_strdup (wb_signal_get_uuid (s));
}

static void
set_identity (WbStore    *store,
              const char *uuid,
              const char *pseudonym,
              const char *identity)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wb_records_set_identity (store, uuid, pseudonym, identity, &error));
  g_assert_no_error (error);
}

static void
decide (WbStore        *store,
        const char     *uuid,
        WbDecisionKind  kind,
        int             from,
        int             to,
        const char     *role,
        const char     *facts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = records_today_plus_months (0);
  g_autoptr(WbDecision) d = wb_decision_new (kind, from, to, today);
  const char *instruments[] = { "interdepartmental-decision", NULL };

  d->deciding_role = g_strdup (role);
  d->facts = g_strdup (facts);
  d->assessment = g_strdup ("oordeel");
  d->decision = g_strdup ("besluit");
  d->skip_reason = g_strdup ("levensgevaar");
  d->instruments = g_strdupv ((char **) instruments);
  g_assert_true (wb_records_record_decision (store, uuid, d, NULL, &error));
  g_assert_no_error (error);
}

static int
level_of (WbStore    *store,
          const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSignal) s = wb_records_get_signal (store, uuid, &error);

  g_assert_no_error (error);
  return wb_signal_get_level (s);
}

static guint
n_decisions (WbStore    *store,
             const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ds = wb_records_list_decisions (store, uuid, &error);

  g_assert_no_error (error);
  return ds->len;
}

/* The coordinator hands its match key to each municipality. */
static void
distribute_key (Fixture *f)
{
  const struct { const char *name; WbStore *store; } to[] = {
    { "Gemeente Amsterdam", f->a }, { "Gemeente Breda", f->b }, { "Gemeente Zwolle", f->c },
  };

  for (guint i = 0; i < G_N_ELEMENTS (to); i++)
    {
      g_autofree char *file = g_strdup_printf ("key-%u.wbb", i);
      g_autofree char *path = exchange_export (f->k, to[i].name, WB_TLP_AMBER_STRICT, file);
      g_autoptr(WbMergeReport) report = import (to[i].store, path);

      g_assert_true (report->match_key_received);
      g_assert_cmpint (records_sql_int (to[i].store, "SELECT count (*) FROM match_keys"), ==, 1);
    }
}

static void
add_signals (Fixture *f)
{
  /* The same handle in Amsterdam and Zwolle, written differently; one
   * handle only in Breda; one organisation in Amsterdam and Breda; one
   * person in Amsterdam and Zwolle under different pseudonyms. */
  f->a1 = add (f->a, "Intimidatie na demonstratie", "[\"A1\"]", "Amsterdam", "2026-01-10",
               ", \"handles\": [\"@Spotter_X\"], \"persons\": [{\"pseudonym\": \"P-01\", \"role\": \"target\"}]");
  set_identity (f->a, f->a1, "P-01", "Jan de Vries");
  f->a2 = add (f->a, "Campagne tegen vereniging", "[\"G1\"]", "Amsterdam", "2026-02-03",
               ", \"tags\": [\"org:Stichting Brug\"]");
  f->b1 = add (f->b, "Bedreiging via berichten", "[\"A1\"]", "Breda", "2026-01-20",
               ", \"handles\": [\"@only_in_breda\"], \"tags\": [\"org:  stichting   BRUG \"]");
  f->b2 = add (f->b, "Online intimidatie van journalist", "[\"E1\"]", "Breda", "2026-03-01", NULL);
  f->c1 = add (f->c, "Doxing van activist", "[\"E2\"]", "Zwolle", "2026-02-15",
               ", \"handles\": [\"ＳＰＯＴＴＥＲ_x \"], \"persons\": [{\"pseudonym\": \"X-9\", \"role\": \"target\"}]");
  set_identity (f->c, f->c1, "X-9", "JAN  DE VRIES");

  /* Breda: danger to life (1 → 4), then a proposal for level 6. */
  decide (f->b, f->b2, WB_DECISION_ESCALATE, 1, 4, "burgemeester", "feiten Breda");
  decide (f->b, f->b2, WB_DECISION_PROPOSE, 4, 6, "burgemeester", "voorstel Breda");
}

static WbMatch *
find_match (GPtrArray   *matches,
            WbMatchKind  kind)
{
  WbMatch *found = NULL;

  for (guint i = 0; i < matches->len; i++)
    {
      WbMatch *m = g_ptr_array_index (matches, i);

      if (m->kind == kind)
        {
          g_assert_null (found);   /* exactly one of each kind */
          found = m;
        }
    }
  g_assert_nonnull (found);
  return found;
}

static gboolean
sighted (WbMatch    *m,
         const char *uuid,
         const char *sender)
{
  for (guint i = 0; i < m->sightings->len; i++)
    {
      WbMatchSighting *s = g_ptr_array_index (m->sightings, i);

      if (g_str_equal (s->signal_uuid, uuid) && g_str_equal (s->sender, sender))
        return TRUE;
    }
  return FALSE;
}

static gint64
municipality_count (WbAggregate *agg,
                    const char  *name)
{
  for (guint i = 0; i < agg->by_municipality->len; i++)
    {
      WbCount *c = g_ptr_array_index (agg->by_municipality, i);

      if (g_str_equal (c->key, name))
        return c->count;
    }
  return 0;
}

static gint64
category_count (WbAggregate *agg,
                const char  *code)
{
  for (guint i = 0; i < agg->n_categories; i++)
    if (g_str_equal (agg->categories[i], code))
      return agg->by_category[i];
  g_assert_not_reached ();
  return -1;
}

static void
test_picture (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbAggregate) agg = NULL;
  g_autoptr(WbAggregate) after = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GBytes) from_a = NULL;
  g_autoptr(GBytes) from_c = NULL;
  g_autoptr(GBytes) to_a = NULL;
  g_autoptr(GBytes) to_b = NULL;
  g_autoptr(GBytes) to_c = NULL;
  g_autoptr(WbSignal) b2_before = NULL;
  g_autoptr(WbSignal) b2_after = NULL;
  g_autofree char *pa = NULL;
  g_autofree char *pb = NULL;
  g_autofree char *pc = NULL;
  WbMatch *m;

  distribute_key (f);
  add_signals (f);

  pa = send (f->a, "NCTV", f->k, "a.wbb", 2);
  pb = send (f->b, "NCTV", f->k, "b.wbb", 2);
  pc = send (f->c, "NCTV", f->k, "c.wbb", 1);

  /* Totals: per municipality, per category, per level, open proposals. */
  agg = wb_store_dup_aggregate (f->k, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (agg->total, ==, 5);
  g_assert_cmpint (municipality_count (agg, "Amsterdam"), ==, 2);
  g_assert_cmpint (municipality_count (agg, "Breda"), ==, 2);
  g_assert_cmpint (municipality_count (agg, "Zwolle"), ==, 1);
  g_assert_cmpint (category_count (agg, "A"), ==, 2);
  g_assert_cmpint (category_count (agg, "E"), ==, 2);
  g_assert_cmpint (category_count (agg, "G"), ==, 1);
  g_assert_cmpint (agg->by_level[0], ==, 4);
  g_assert_cmpint (agg->by_level[3], ==, 1);
  g_assert_cmpint (agg->open_proposals[0], ==, 0);
  g_assert_cmpint (agg->open_proposals[1], ==, 1);
  /* Breda's decision log came along, in order. */
  g_assert_cmpuint (n_decisions (f->k, f->b2), ==, 2);

  /* Matches: handle A+C, organisation A+B, person A+C; Breda's own
   * handle matches nothing. */
  matches = wb_matches_list (f->k, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 3);
  m = find_match (matches, WB_MATCH_HANDLE);
  g_assert_cmpuint (m->n_senders, ==, 2);
  g_assert_cmpuint (m->sightings->len, ==, 2);
  g_assert_true (sighted (m, f->a1, "Gemeente Amsterdam"));
  g_assert_true (sighted (m, f->c1, "Gemeente Zwolle"));
  g_assert_cmpstr (m->first_seen, ==, "2026-01-10");
  g_assert_cmpstr (m->last_seen, ==, "2026-02-15");
  m = find_match (matches, WB_MATCH_ORGANISATION);
  g_assert_true (sighted (m, f->a2, "Gemeente Amsterdam"));
  g_assert_true (sighted (m, f->b1, "Gemeente Breda"));
  g_assert_cmpstr (((WbMatchSighting *) g_ptr_array_index (m->sightings, 0))->municipality, ==, "Breda");
  m = find_match (matches, WB_MATCH_PERSON);
  g_assert_true (sighted (m, f->a1, "Gemeente Amsterdam"));
  g_assert_true (sighted (m, f->c1, "Gemeente Zwolle"));

  /* No identity of a person left a municipality; tokens did. */
  from_a = exchange_decrypt_payload (f->k, pa);
  from_c = exchange_decrypt_payload (f->k, pc);
  g_assert_true (payload_contains (from_a, "match_tokens"));
  g_assert_false (payload_contains (from_a, "de vries"));
  g_assert_false (payload_contains (from_c, "de vries"));
  g_assert_false (payload_contains (from_c, "de  vries"));

  /* The coordinator decides Breda's proposal. */
  b2_before = wb_records_get_signal (f->b, f->b2, &error);
  g_assert_no_error (error);
  decide (f->k, f->b2, WB_DECISION_DECIDE_PROPOSAL, 4, 6, "NCTV", "besluit-van-de-coordinator");
  g_assert_cmpint (level_of (f->k, f->b2), ==, 6);

  /* It reaches Breda, and only Breda. */
  {
    g_autofree char *path = exchange_export (f->k, "Gemeente Breda", WB_TLP_AMBER_STRICT, "back-b.wbb");
    g_autoptr(WbMergeReport) r = import (f->b, path);

    g_assert_cmpuint (r->n_decisions, ==, 1);
    g_assert_cmpuint (r->n_levels_moved, ==, 1);
    g_assert_cmpuint (r->n_added + r->n_updated, ==, 0);
    to_b = exchange_decrypt_payload (f->b, path);
  }
  g_assert_cmpint (level_of (f->b, f->b2), ==, 6);
  g_assert_cmpuint (n_decisions (f->b, f->b2), ==, 3);
  g_assert_cmpint (wb_records_count_signals (f->b, NULL), ==, 2);
  b2_after = wb_records_get_signal (f->b, f->b2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_signal_get_summary (b2_after), ==, wb_signal_get_summary (b2_before));
  g_assert_cmpuint (wb_signal_get_revision (b2_after), >, wb_signal_get_revision (b2_before));
  /* Breda receives no other municipality's signal. */
  g_assert_false (payload_contains (to_b, f->a1));
  g_assert_false (payload_contains (to_b, f->c1));

  {
    g_autofree char *path = exchange_export (f->k, "Gemeente Amsterdam", WB_TLP_AMBER_STRICT, "back-a.wbb");
    g_autoptr(WbMergeReport) r = import (f->a, path);

    g_assert_cmpuint (r->n_decisions, ==, 0);
    g_assert_cmpuint (r->n_added + r->n_updated, ==, 0);
    to_a = exchange_decrypt_payload (f->a, path);
  }
  {
    g_autofree char *path = exchange_export (f->k, "Gemeente Zwolle", WB_TLP_AMBER_STRICT, "back-c.wbb");
    g_autoptr(WbMergeReport) r = import (f->c, path);

    g_assert_cmpuint (r->n_decisions, ==, 0);
    g_assert_cmpuint (r->n_added + r->n_updated, ==, 0);
    to_c = exchange_decrypt_payload (f->c, path);
  }
  g_assert_false (payload_contains (to_a, f->b2));
  g_assert_false (payload_contains (to_a, "besluit-van-de-coordinator"));
  g_assert_false (payload_contains (to_c, f->b2));
  g_assert_false (payload_contains (to_c, "besluit-van-de-coordinator"));
  g_assert_false (payload_contains (to_a, f->c1));
  g_assert_false (payload_contains (to_c, f->a1));
  g_assert_cmpint (wb_records_count_signals (f->a, NULL), ==, 2);
  g_assert_cmpint (wb_records_count_signals (f->c, NULL), ==, 1);
  g_assert_null (wb_records_get_signal (f->a, f->b2, &error));
  g_assert_error (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Breda's next bundle updates the coordinator's copy without a
   * conflict, and the proposal is settled there. */
  g_free (send (f->b, "NCTV", f->k, "b2.wbb", 1));
  g_assert_cmpint (level_of (f->k, f->b2), ==, 6);
  g_assert_cmpuint (n_decisions (f->k, f->b2), ==, 3);
  after = wb_store_dup_aggregate (f->k, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->open_proposals[1], ==, 0);
  g_assert_cmpint (after->by_level[5], ==, 1);

  g_assert_true (wb_records_verify_audit (f->b, NULL, &error));
  g_assert_true (wb_records_verify_audit (f->k, NULL, &error));
  g_assert_no_error (error);
}

/* Without the coordinator's key a municipality sends no tokens, and the
 * coordinator lists no matches. */
static void
test_no_key_no_tokens (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autofree char *pa = NULL;

  add_signals (f);
  pa = send (f->a, "NCTV", f->k, "a.wbb", 2);
  g_free (send (f->c, "NCTV", f->k, "c.wbb", 1));
  plain = exchange_decrypt_payload (f->k, pa);
  g_assert_false (payload_contains (plain, "match_tokens"));
  g_assert_false (payload_contains (plain, "match_key"));
  g_assert_false (payload_contains (plain, "de vries"));

  matches = wb_matches_list (f->k, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 0);
}

/* A campaign: one case across municipalities, made from a match. */
static void
test_campaign_case (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *case_uuid = NULL;
  g_autofree char *prefix = NULL;
  g_auto(GStrv) members = NULL;
  const char *tokens[2] = { NULL, NULL };
  const char *bad[] = { "zz", NULL };
  const char *extra[2] = { NULL, NULL };
  WbMatch *m;

  distribute_key (f);
  add_signals (f);
  g_free (send (f->a, "NCTV", f->k, "a.wbb", 2));
  g_free (send (f->b, "NCTV", f->k, "b.wbb", 2));
  g_free (send (f->c, "NCTV", f->k, "c.wbb", 1));

  matches = wb_matches_list (f->k, &error);
  g_assert_no_error (error);
  m = find_match (matches, WB_MATCH_HANDLE);
  prefix = g_strndup (m->token, 10);
  tokens[0] = prefix;
  extra[0] = f->b2;
  case_uuid = wb_matches_create_case (f->k, "Campagne Spotter", tokens, extra, &error);
  g_assert_no_error (error);
  g_assert_nonnull (case_uuid);
  members = wb_records_dup_case_signals (f->k, "Campagne Spotter", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (members), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) members, f->a1));
  g_assert_true (g_strv_contains ((const char * const *) members, f->c1));
  g_assert_true (g_strv_contains ((const char * const *) members, f->b2));

  /* A bad token changes nothing. */
  g_assert_null (wb_matches_create_case (f->k, "Andere campagne", bad, NULL, &error));
  g_assert_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (records_sql_int (f->k, "SELECT count (*) FROM cases"), ==, 1);
}

static void
test_normalise (void)
{
  g_autoptr(WbKey) key = wb_key_new_random ();
  g_autoptr(WbKey) other = wb_key_new_random ();
  g_autofree char *n1 = wb_match_normalise (WB_MATCH_HANDLE, "  @Spotter_X ");
  g_autofree char *n2 = wb_match_normalise (WB_MATCH_HANDLE, "ＳＰＯＴＴＥＲ_x");
  g_autofree char *n3 = wb_match_normalise (WB_MATCH_ORGANISATION, " Stichting\t  Brug ");
  g_autofree char *n4 = wb_match_normalise (WB_MATCH_PERSON, "  ");
  g_autofree char *t1 = wb_match_compute_token (key, WB_MATCH_HANDLE, "@spotter_x");
  g_autofree char *t2 = wb_match_compute_token (key, WB_MATCH_HANDLE, "SPOTTER_X");
  g_autofree char *t3 = wb_match_compute_token (other, WB_MATCH_HANDLE, "spotter_x");
  g_autofree char *t4 = wb_match_compute_token (key, WB_MATCH_ORGANISATION, "spotter_x");
  g_autofree char *t5 = wb_match_compute_token (key, WB_MATCH_PERSON, "");

  g_assert_cmpstr (n1, ==, "spotter_x");
  g_assert_cmpstr (n2, ==, "spotter_x");
  g_assert_cmpstr (n3, ==, "stichting brug");
  g_assert_null (n4);
  g_assert_cmpuint (strlen (t1), ==, 64);
  g_assert_cmpstr (t1, ==, t2);
  g_assert_cmpstr (t1, !=, t3);   /* another key: another token */
  g_assert_cmpstr (t1, !=, t4);   /* another kind: another token */
  g_assert_null (t5);
}

/* Decision UUIDs: every decision has one, the same in every vault. */
static void
test_decision_uuids (Fixture       *f,
                     gconstpointer  data)
{
  add_signals (f);
  g_free (send (f->b, "NCTV", f->k, "b.wbb", 2));
  g_assert_cmpint (records_sql_int (f->b, "SELECT count (*) FROM decisions WHERE uuid IS NULL"), ==, 0);
  g_assert_cmpint (records_sql_int (f->k, "SELECT count (*) FROM decisions WHERE origin IS NULL"), ==, 0);
  g_assert_cmpint (records_sql_int (f->k, "SELECT count (*) FROM decisions WHERE uuid IS NULL"), ==, 0);
  /* Importing again (a new bundle with the same decisions) adds nothing. */
  g_free (send (f->b, "NCTV", f->k, "b-again.wbb", 0));
  g_assert_cmpuint (n_decisions (f->k, f->b2), ==, 2);
}

/* ---- format 1.1 members, and 1.0 bundles ---------------------------- */

typedef void (*ManifestEdit) (JsonObject *manifest);

/* Rebuilds @path's payload with its manifest changed by @edit and its
 * version set to @version (manifest and signature), encrypted to the
 * coordinator and signed by Amsterdam: a bundle as another writer would
 * make it. */
static char *
reforge (Fixture      *f,
         const char   *path,
         const char   *version,
         ManifestEdit  edit,
         const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) card = exchange_read_member (path, "sender.card");
  g_autoptr(GBytes) sig = exchange_read_member (path, "payload.age.minisig");
  g_autofree char *comment = exchange_trusted_comment (sig);
  g_auto(GStrv) parts = g_strsplit (comment, " ", -1);
  g_autofree char *new_comment = g_strdup_printf ("weerbaar-bundle %s %s", version, parts[2]);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) datas = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  char *out = exchange_tmp_path (name);
  JsonObject *root;

  exchange_payload_members (f->k, path, &names, &datas);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "manifest.json");
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (g_ptr_array_index (datas, 0), NULL),
                                             g_bytes_get_size (g_ptr_array_index (datas, 0)), &error));
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (root, "version", version);
  edit (root);
  json_generator_set_root (gen, json_parser_get_root (parser));
  {
    gsize len = 0;
    char *manifest = json_generator_to_data (gen, &len);

    g_bytes_unref (g_ptr_array_index (datas, 0));
    g_ptr_array_index (datas, 0) = g_bytes_new_take (manifest, len);
  }

  exchange_repack (f->a, f->k, names, datas, card, new_comment, out);
  return out;
}

static void
strip_1_1 (JsonObject *manifest)
{
  json_object_remove_member (manifest, "decisions");
  json_object_remove_member (manifest, "match_key");
  json_object_remove_member (manifest, "match_key_id");
  json_object_remove_member (manifest, "match_tokens");
  json_object_remove_member (json_object_get_object_member (manifest, "sender"), "vault_kind");
}

static void
no_edit (JsonObject *manifest)
{
}

static void
bad_decision_uuid (JsonObject *manifest)
{
  JsonArray *ds = json_object_get_array_member (manifest, "decisions");
  JsonObject *d = json_array_get_object_element (ds, 0);

  json_object_set_string_member (d, "uuid", "not-a-uuid");
}

static void
bad_decision_level (JsonObject *manifest)
{
  JsonArray *ds = json_object_get_array_member (manifest, "decisions");
  JsonObject *d = json_array_get_object_element (ds, 0);

  json_object_set_int_member (d, "to_level", 9);
}

static void
decisions_not_array (JsonObject *manifest)
{
  json_object_set_int_member (manifest, "decisions", 5);
}

static void
bad_vault_kind (JsonObject *manifest)
{
  json_object_set_string_member (json_object_get_object_member (manifest, "sender"), "vault_kind", "king");
}

static void
token_for_unlisted_signal (JsonObject *manifest)
{
  JsonArray *tokens = json_array_new ();
  JsonObject *t = json_object_new ();

  json_object_set_string_member (t, "signal", "6f1c2f7e-2a4b-4c1d-9e8f-0a1b2c3d4e5f");
  json_object_set_string_member (t, "kind", "handle");
  json_object_set_string_member (t, "token", "0000000000000000000000000000000000000000000000000000000000000000");
  json_array_add_object_element (tokens, t);
  json_object_set_string_member (manifest, "match_key_id", "00000000000000000000000000000000");
  json_object_set_array_member (manifest, "match_tokens", tokens);
}

static void
short_match_key (JsonObject *manifest)
{
  json_object_set_string_member (manifest, "match_key", "AAAA");
}

/* A 1.0 bundle (no 1.1 members) is read as one without decisions or
 * tokens; 1.1 members that are present are checked as strictly as the
 * rest. */
static void
test_format_1_1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *green = add (f->a, "Intimidatie bij bijeenkomst", "[\"A1\"]", "Amsterdam", "2026-03-01",
                                ", \"tlp\": \"GREEN\"");
  g_autofree char *amber = add (f->a, "Druk via familie", "[\"B1\"]", "Amsterdam", "2026-03-02",
                                ", \"tlp\": \"AMBER\"");
  g_autofree char *path = NULL;
  g_autofree char *v10 = NULL;
  g_autofree char *same = NULL;
  g_autoptr(WbMergeReport) report = NULL;
  const ManifestEdit bad[] = {
    bad_decision_uuid, bad_decision_level, decisions_not_array, bad_vault_kind,
    token_for_unlisted_signal, short_match_key,
  };
  g_autoptr(GDate) today = records_today_plus_months (0);
  g_autoptr(WbDecision) d = wb_decision_new (WB_DECISION_ESCALATE, 1, 2, today);

  d->deciding_role = g_strdup ("burgemeester");
  d->facts = g_strdup ("feiten");
  d->assessment = g_strdup ("oordeel");
  d->decision = g_strdup ("besluit");
  g_assert_true (wb_records_record_decision (f->a, green, d, NULL, &error));
  g_assert_no_error (error);
  path = exchange_export (f->a, "NCTV", WB_TLP_AMBER, "v11.wbb");

  /* Reforged without a change, the bundle is accepted (a dry run): the
   * rejections below are the edits' doing. */
  same = reforge (f, path, "1.1", no_edit, "same.wbb");
  report = wb_bundle_import (f->k, same, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_added, ==, 2);
  g_assert_cmpuint (report->n_decisions, ==, 1);
  g_clear_pointer (&report, wb_merge_report_free);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *file = g_strdup_printf ("bad-%u.wbb", i);
      g_autofree char *forged = reforge (f, path, "1.1", bad[i], file);

      exchange_assert_rejected (f->k, forged, WB_EXCHANGE_ERROR_REJECTED);
    }

  v10 = reforge (f, path, "1.0", strip_1_1, "v10.wbb");
  report = wb_bundle_import (f->k, v10, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_added, ==, 2);
  g_assert_cmpuint (report->n_decisions, ==, 0);
  g_assert_cmpint (records_sql_int (f->k, "SELECT count (*) FROM decisions"), ==, 0);
  g_clear_pointer (&report, wb_merge_report_free);

  /* The same bundle as 1.1 (a new one: same UUID was imported) brings
   * the decision log along. */
  g_free (path);
  path = exchange_export (f->a, "NCTV", WB_TLP_AMBER, "v11b.wbb");
  report = wb_bundle_import (f->k, path, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_decisions, ==, 1);
  g_assert_cmpint (records_sql_int (f->k, "SELECT count (*) FROM decisions"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/coordinator/normalise", test_normalise);
#define ADD(name, fn) g_test_add ("/coordinator/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("picture", test_picture);
  ADD ("no-key-no-tokens", test_no_key_no_tokens);
  ADD ("campaign-case", test_campaign_case);
  ADD ("decision-uuids", test_decision_uuids);
  ADD ("format-1.1", test_format_1_1);
#undef ADD

  return g_test_run ();
}
