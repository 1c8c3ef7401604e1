/* wb-identity.c — the vault's own identity for bundles (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-identity"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "wb-core-private.h"
#include "wb-exchange-private.h"
#include "wb-identity.h"
#include "wb-key.h"
#include "wb-records.h"

struct _WbIdentity
{
  gatomicrefcount      ref_count;
  char                *organisation;
  char                *role;
  WbKey               *sign_secret;
  WbKey               *age_secret;
  WbMinisignPublicKey  sign_key;
  WbAgeRecipient       age_recipient;
  char                 fingerprint[WB_FINGERPRINT_STRING_SIZE];
};

G_DEFINE_QUARK (wb-exchange-error-quark, wb_exchange_error)

void
wb_fingerprint_compute (const WbMinisignPublicKey *sign_key,
                        const WbAgeRecipient      *age_key,
                        char                       out[WB_FINGERPRINT_STRING_SIZE])
{
  static const char context[] = "weerbaar-fingerprint-v1";
  crypto_generichash_state state;
  guint8 hash[40];
  char *p = out;

  g_return_if_fail (sign_key != NULL);
  g_return_if_fail (age_key != NULL);

  wb_core_ensure_sodium ();
  crypto_generichash_init (&state, NULL, 0, sizeof hash);
  crypto_generichash_update (&state, (const guint8 *) context, sizeof context);
  crypto_generichash_update (&state, sign_key->key, sizeof sign_key->key);
  crypto_generichash_update (&state, age_key->key, sizeof age_key->key);
  crypto_generichash_final (&state, hash, sizeof hash);

  /* 8 groups of 5 digits, each from 5 hash bytes (40 bits mod 10^5 has a
   * negligible bias): about 133 bits to read out. */
  for (guint g = 0; g < 8; g++)
    {
      guint64 v = 0;

      for (guint i = 0; i < 5; i++)
        v = (v << 8) | hash[g * 5 + i];
      g_snprintf (p, 7, g < 7 ? "%05u " : "%05u", (guint) (v % 100000));
      p += 6;
    }
  out[WB_FINGERPRINT_STRING_SIZE - 1] = '\0';
}

static WbIdentity *
identity_new (WbKey        *sign_secret,
              const guint8  key_id[WB_MINISIGN_KEY_ID_BYTES],
              WbKey        *age_secret,
              const char   *organisation,
              const char   *role)
{
  WbIdentity *self = g_new0 (WbIdentity, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->organisation = g_strdup (organisation);
  self->role = g_strdup (role != NULL ? role : "");
  self->sign_secret = wb_key_ref (sign_secret);
  self->age_secret = wb_key_ref (age_secret);
  wb_minisign_public_key_from_secret (sign_secret, key_id, &self->sign_key);
  wb_age_identity_to_recipient (age_secret, &self->age_recipient);
  wb_fingerprint_compute (&self->sign_key, &self->age_recipient, self->fingerprint);
  return self;
}

static gboolean
ensure_txn (WbStore   *store,
            gpointer   user_data,
            GError   **error)
{
  WbIdentity **out = user_data;
  g_autoptr(WbKey) sign_secret = NULL;
  g_autoptr(WbKey) age_secret = NULL;
  g_autofree char *organisation = wb_store_dup_setting (store, WB_RECORDS_SETTING_ORGANISATION);
  g_autofree char *role = wb_store_dup_setting (store, WB_RECORDS_SETTING_ROLE);
  guint8 key_id[WB_MINISIGN_KEY_ID_BYTES];
  gboolean found = FALSE;

  if (organisation == NULL || *organisation == '\0')
    {
      g_set_error_literal (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_NO_IDENTITY,
                           _("Set the organisation name of this vault before exchanging bundles"));
      return FALSE;
    }

  if (!_wb_exchange_load_identity (store, &sign_secret, key_id, &age_secret, &found, error))
    return FALSE;

  if (!found)
    {
      sign_secret = wb_key_new_random ();
      age_secret = wb_age_identity_new ();
      randombytes_buf (key_id, sizeof key_id);
      if (!_wb_exchange_save_identity (store, sign_secret, key_id, age_secret, error) ||
          !_wb_exchange_audit (store, "identity.create", NULL, error))
        return FALSE;
    }

  *out = identity_new (sign_secret, key_id, age_secret, organisation, role);
  return TRUE;
}

WbIdentity *
wb_identity_ensure (WbStore  *store,
                    GError  **error)
{
  WbIdentity *identity = NULL;
  sqlite3 *db;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = _wb_store_get_db (store);
  /* Inside a caller's transaction (a merge) just read. */
  if (db != NULL && !sqlite3_get_autocommit (db))
    {
      if (!ensure_txn (store, &identity, error))
        return NULL;
      return identity;
    }

  if (!_wb_store_run_in_transaction (store, ensure_txn, &identity, error))
    return NULL;
  return identity;
}

WbIdentity *
wb_identity_ref (WbIdentity *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
wb_identity_unref (WbIdentity *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->organisation);
  g_free (self->role);
  wb_key_unref (self->sign_secret);
  wb_key_unref (self->age_secret);
  g_free (self);
}

const char *
wb_identity_get_organisation (WbIdentity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->organisation;
}

const char *
wb_identity_get_role (WbIdentity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->role;
}

const char *
wb_identity_get_fingerprint (WbIdentity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->fingerprint;
}

const WbMinisignPublicKey *
wb_identity_get_sign_key (WbIdentity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->sign_key;
}

const WbAgeRecipient *
wb_identity_get_age_recipient (WbIdentity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->age_recipient;
}

WbKey *
wb_identity_get_sign_secret (WbIdentity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sign_secret;
}

WbKey *
wb_identity_get_age_secret (WbIdentity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->age_secret;
}

char *
wb_identity_dup_card (WbIdentity *self)
{
  g_autofree char *body = NULL;
  g_autofree char *sig_b64 = NULL;
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 sig[crypto_sign_BYTES];
  guint8 *sk;

  g_return_val_if_fail (self != NULL, NULL);

  body = _wb_contact_card_body (&self->sign_key, &self->age_recipient, self->organisation, self->role);

  sk = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  if (sk == NULL)
    g_error ("sodium_malloc failed: out of memory or mlock limit reached");
  crypto_sign_seed_keypair (pk, sk, wb_key_get_data (self->sign_secret));
  crypto_sign_detached (sig, NULL, (const guint8 *) body, strlen (body), sk);
  sodium_free (sk);

  sig_b64 = g_base64_encode (sig, sizeof sig);
  return g_strdup_printf ("%ssignature: %s\n", body, sig_b64);
}
