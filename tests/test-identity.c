/* test-identity.c — vault identity, fingerprints, contact cards and
 * pinned contacts
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "exchange-common.h"

static void
test_fingerprint_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = exchange_new_store ("Gemeente Utrecht");
  g_autoptr(WbIdentity) id = wb_identity_ensure (store, &error);
  const char *fpr;

  g_assert_no_error (error);
  fpr = wb_identity_get_fingerprint (id);
  g_assert_cmpuint (strlen (fpr), ==, 47);
  for (guint i = 0; i < 47; i++)
    {
      if (i % 6 == 5)
        g_assert_cmpint (fpr[i], ==, ' ');
      else
        g_assert_true (g_ascii_isdigit (fpr[i]));
    }
  g_assert_cmpstr (wb_identity_get_organisation (id), ==, "Gemeente Utrecht");
  g_assert_cmpstr (wb_identity_get_role (id), ==, "liaison-officer");
  /* Created once, audited once. */
  g_assert_cmpint (records_sql_int (store, "SELECT count(*) FROM audit_log WHERE action = 'identity.create'"), ==, 1);
}

static void
test_card_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = exchange_new_store ("Gemeente Utrecht");
  g_autoptr(WbIdentity) id = wb_identity_ensure (store, &error);
  g_autofree char *card = wb_identity_dup_card (id);
  g_autoptr(WbContact) parsed = wb_contact_card_parse (card, strlen (card), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (parsed->name, ==, "Gemeente Utrecht");
  g_assert_cmpstr (parsed->fingerprint, ==, wb_identity_get_fingerprint (id));
  g_assert_cmpmem (parsed->sign_key.key, 32, wb_identity_get_sign_key (id)->key, 32);
  g_assert_cmpmem (parsed->age_key.key, 32, wb_identity_get_age_recipient (id)->key, 32);
  g_assert_false (parsed->verified);
  g_assert_true (g_str_has_prefix (card, "untrusted comment: "));

  /* Any flipped byte is refused. */
  for (gsize i = 0; card[i] != '\0'; i++)
    {
      g_autofree char *bad = g_strdup (card);
      g_autoptr(WbContact) c = NULL;
      g_autoptr(GError) local_error = NULL;

      bad[i] ^= 0x01;
      c = wb_contact_card_parse (bad, strlen (bad), &local_error);
      if (c != NULL)
        g_error ("a card with byte %" G_GSIZE_FORMAT " flipped was accepted", i);
      g_assert_error (local_error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_INVALID_CARD);
    }
}

static void
test_card_organisation_swap (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = exchange_new_store ("Gemeente Utrecht");
  g_autofree char *card = exchange_card (store);
  g_autoptr(GString) forged = g_string_new (card);
  g_autoptr(WbContact) c = NULL;

  g_string_replace (forged, "Gemeente Utrecht", "Gemeente Leiden", 1);
  c = wb_contact_card_parse (forged->str, forged->len, &error);
  g_assert_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_INVALID_CARD);
  g_assert_null (c);
}

static void
test_contacts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) nctv = exchange_new_store ("NCTV");
  g_autoptr(WbStore) utrecht = exchange_new_store ("Gemeente Utrecht");
  g_autoptr(WbStore) impostor = exchange_new_store ("Gemeente Utrecht");
  g_autofree char *card = exchange_card (utrecht);
  g_autofree char *fake = exchange_card (impostor);
  g_autoptr(WbContact) added = wb_contacts_add (nctv, card, strlen (card), FALSE, &error);
  g_autoptr(WbContact) again = NULL;
  g_autoptr(WbContact) other = NULL;
  g_autoptr(WbContact) looked = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_no_error (error);
  g_assert_false (added->verified);
  g_assert_nonnull (added->added_at);

  /* Same card again: fine.  Same name, other keys: refused. */
  again = wb_contacts_add (nctv, card, strlen (card), FALSE, &error);
  g_assert_no_error (error);
  other = wb_contacts_add (nctv, fake, strlen (fake), TRUE, &error);
  g_assert_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_CONTACT_EXISTS);
  g_assert_null (other);
  g_clear_error (&error);

  g_assert_true (wb_contacts_set_verified (nctv, "gemeente utrecht", &error));
  g_assert_no_error (error);
  looked = wb_contacts_lookup (nctv, added->fingerprint, &error);
  g_assert_no_error (error);
  g_assert_true (looked->verified);

  list = wb_contacts_list (nctv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_false (wb_contacts_set_verified (nctv, "Gemeente Nergens", &error));
  g_assert_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_CONTACT_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/identity/fingerprint-format", test_fingerprint_format);
  g_test_add_func ("/identity/card-round-trip", test_card_round_trip);
  g_test_add_func ("/identity/card-organisation-swap", test_card_organisation_swap);
  g_test_add_func ("/identity/contacts", test_contacts);

  return g_test_run ();
}
