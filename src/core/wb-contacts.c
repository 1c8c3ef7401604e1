/* wb-contacts.c — contact cards and pinned contacts (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card is seven text lines (docs/bundle-format.md §2).  Its first two
 * lines are a minisign public key file, so `minisign -V -p CARD` works
 * on it as it is.
 */

#define G_LOG_DOMAIN "wb-contacts"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "wb-core-private.h"
#include "wb-contacts.h"
#include "wb-exchange-private.h"

#define CARD_COMMENT "untrusted comment: weerbaar contact card v1"
#define NAME_MAX_CHARS 120

void
wb_contact_free (WbContact *contact)
{
  if (contact == NULL)
    return;
  g_free (contact->name);
  g_free (contact->role);
  g_free (contact->added_at);
  g_free (contact);
}

WbContact *
wb_contact_copy (const WbContact *contact)
{
  WbContact *copy;

  g_return_val_if_fail (contact != NULL, NULL);

  copy = g_memdup2 (contact, sizeof *contact);
  copy->name = g_strdup (contact->name);
  copy->role = g_strdup (contact->role);
  copy->added_at = g_strdup (contact->added_at);
  return copy;
}

char *
_wb_contact_card_body (const WbMinisignPublicKey *sign_key,
                       const WbAgeRecipient      *age_key,
                       const char                *name,
                       const char                *role)
{
  g_autofree char *pk = wb_minisign_public_key_to_base64 (sign_key);
  g_autofree char *age = wb_age_recipient_encode (age_key);
  char fingerprint[WB_FINGERPRINT_STRING_SIZE];

  wb_fingerprint_compute (sign_key, age_key, fingerprint);
  return g_strdup_printf (CARD_COMMENT "\n%s\nage-recipient: %s\norganisation: %s\nrole: %s\nfingerprint: %s\n",
                          pk, age, name, role, fingerprint);
}

static gboolean
text_is_valid (const char *text,
               gboolean    allow_empty)
{
  glong n;

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  n = g_utf8_strlen (text, -1);
  if (n > NAME_MAX_CHARS || (n == 0 && !allow_empty))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
bad_card (GError     **error,
          const char  *why)
{
  g_set_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_INVALID_CARD,
               _("This is not a valid Weerbaar contact card: %s"), why);
  return FALSE;
}

WbContact *
wb_contact_card_parse (const char  *text,
                       gsize        len,
                       GError     **error)
{
  static const char * const prefixes[] = {
    NULL, NULL, "age-recipient: ", "organisation: ", "role: ", "fingerprint: ", "signature: ",
  };
  g_autoptr(WbContact) contact = g_new0 (WbContact, 1);
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *pk_text = NULL;
  g_autofree char *body = NULL;
  g_autofree guint8 *sig = NULL;
  gsize sig_len = 0;
  const char *values[G_N_ELEMENTS (prefixes)];
  guint n;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > WB_CONTACT_CARD_MAX_BYTES || memchr (text, '\0', len) != NULL)
    return bad_card (error, _("it is too long or not text")), NULL;

  copy = g_strndup (text, len);
  if (!g_utf8_validate (copy, -1, NULL))
    return bad_card (error, _("it is not UTF-8 text")), NULL;
  if (len > 0 && copy[len - 1] == '\n')
    copy[len - 1] = '\0';
  lines = g_strsplit (copy, "\n", -1);
  n = g_strv_length (lines);
  if (n != G_N_ELEMENTS (prefixes) || !g_str_equal (lines[0], CARD_COMMENT))
    return bad_card (error, _("the lines are not those of a card")), NULL;

  for (guint i = 2; i < n; i++)
    {
      if (!g_str_has_prefix (lines[i], prefixes[i]))
        return bad_card (error, _("the lines are not those of a card")), NULL;
      values[i] = lines[i] + strlen (prefixes[i]);
    }

  pk_text = g_strdup_printf ("%s\n", lines[1]);
  if (!wb_minisign_public_key_parse (pk_text, &contact->sign_key, NULL))
    return bad_card (error, _("the signing key is malformed")), NULL;
  if (!wb_age_recipient_parse (values[2], &contact->age_key, NULL))
    return bad_card (error, _("the encryption key is malformed")), NULL;
  if (!text_is_valid (values[3], FALSE) || !text_is_valid (values[4], TRUE) ||
      values[3][0] == ' ' || values[3][strlen (values[3]) - 1] == ' ')
    return bad_card (error, _("the organisation or role is not a short line of text")), NULL;

  contact->name = g_strdup (values[3]);
  contact->role = g_strdup (values[4]);
  wb_fingerprint_compute (&contact->sign_key, &contact->age_key, contact->fingerprint);
  if (!g_str_equal (values[5], contact->fingerprint))
    return bad_card (error, _("the fingerprint does not match the keys")), NULL;

  body = _wb_contact_card_body (&contact->sign_key, &contact->age_key, contact->name, contact->role);
  sig = g_base64_decode (values[6], &sig_len);
  wb_core_ensure_sodium ();
  /* g_base64_decode() skips junk and ignores unused bits: insist on the
   * one canonical spelling, so a card has exactly one valid form. */
  if (sig_len == crypto_sign_BYTES)
    {
      g_autofree char *again = g_base64_encode (sig, sig_len);

      if (!g_str_equal (again, values[6]))
        sig_len = 0;
    }
  if (sig_len != crypto_sign_BYTES ||
      crypto_sign_verify_detached (sig, (const guint8 *) body, strlen (body), contact->sign_key.key) != 0)
    return bad_card (error, _("its signature does not verify")), NULL;

  return g_steal_pointer (&contact);
}

typedef struct
{
  WbContact  *card;
  const char *text;
  gboolean    verified;
} AddData;

static gboolean
add_txn (WbStore   *store,
         gpointer   user_data,
         GError   **error)
{
  AddData *data = user_data;
  g_autoptr(GPtrArray) by_name = NULL;
  g_autoptr(GPtrArray) by_key = NULL;

  by_name = _wb_exchange_select_contacts (store, data->card->name, NULL, error);
  if (by_name == NULL)
    return FALSE;
  by_key = _wb_exchange_select_contacts (store, NULL, data->card->sign_key.key, error);
  if (by_key == NULL)
    return FALSE;

  for (guint i = 0; i < by_name->len; i++)
    {
      WbContact *c = g_ptr_array_index (by_name, i);

      if (!g_str_equal (c->fingerprint, data->card->fingerprint))
        {
          g_set_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_CONTACT_EXISTS,
                       _("A contact named “%s” is already pinned with other keys; compare fingerprints before replacing it"),
                       c->name);
          return FALSE;
        }
    }
  if (by_key->len > 0)
    {
      WbContact *c = g_ptr_array_index (by_key, 0);

      if (!g_str_equal (c->fingerprint, data->card->fingerprint) ||
          g_utf8_collate (c->name, data->card->name) != 0)
        {
          g_set_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_CONTACT_EXISTS,
                       _("This signing key is already pinned for the contact “%s”"), c->name);
          return FALSE;
        }
      /* The same card again: at most it becomes verified. */
      if (data->verified && !c->verified)
        return _wb_exchange_set_verified (store, c->fingerprint, error) &&
               _wb_exchange_audit (store, "contact.verify", NULL, error);
      return TRUE;
    }

  data->card->verified = data->verified;
  return _wb_exchange_insert_contact (store, data->card, data->text, error) &&
         _wb_exchange_audit (store, "contact.add", NULL, error);
}

WbContact *
wb_contacts_add (WbStore     *store,
                 const char  *card,
                 gsize        len,
                 gboolean     verified,
                 GError     **error)
{
  g_autoptr(WbContact) contact = NULL;
  g_autofree char *text = NULL;
  AddData data;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (card != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  contact = wb_contact_card_parse (card, len, error);
  if (contact == NULL)
    return NULL;

  text = g_strndup (card, len);
  data.card = contact;
  data.text = text;
  data.verified = verified;
  if (!_wb_store_run_in_transaction (store, add_txn, &data, error))
    return NULL;

  return wb_contacts_lookup (store, contact->fingerprint, error);
}

GPtrArray *
wb_contacts_list (WbStore  *store,
                  GError  **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _wb_exchange_select_contacts (store, NULL, NULL, error);
}

WbContact *
wb_contacts_lookup (WbStore     *store,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found = _wb_exchange_select_contacts (store, name, NULL, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_CONTACT_NOT_FOUND,
                   _("There is no contact “%s”; add their contact card first"), name);
      return NULL;
    }
  return g_steal_pointer (&g_ptr_array_index (found, 0));
}

WbContact *
wb_contacts_find_by_sign_key (WbStore                   *store,
                              const WbMinisignPublicKey *sign_key,
                              GError                   **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (sign_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found = _wb_exchange_select_contacts (store, NULL, sign_key->key, error);
  if (found == NULL || found->len == 0)
    return NULL;
  return g_steal_pointer (&g_ptr_array_index (found, 0));
}

typedef struct
{
  const char *fingerprint;
} VerifyData;

static gboolean
verify_txn (WbStore   *store,
            gpointer   user_data,
            GError   **error)
{
  VerifyData *data = user_data;

  return _wb_exchange_set_verified (store, data->fingerprint, error) &&
         _wb_exchange_audit (store, "contact.verify", NULL, error);
}

gboolean
wb_contacts_set_verified (WbStore     *store,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(WbContact) contact = NULL;
  VerifyData data;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  contact = wb_contacts_lookup (store, name, error);
  if (contact == NULL)
    return FALSE;
  data.fingerprint = contact->fingerprint;
  return _wb_store_run_in_transaction (store, verify_txn, &data, error);
}
