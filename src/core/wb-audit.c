/* wb-audit.c — the hash chain of the audit log (pure: no SQL, no I/O)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-audit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "wb-audit.h"
#include "wb-core-private.h"

G_DEFINE_QUARK (wb-audit-error-quark, wb_audit_error)

G_DEFINE_BOXED_TYPE (WbAuditEntry, wb_audit_entry, wb_audit_entry_copy, wb_audit_entry_free)

/* Bumping this changes every hash: only with a migration that re-chains. */
static const char domain_tag[] = "weerbaar-audit-v1";

WbAuditEntry *
wb_audit_entry_copy (const WbAuditEntry *entry)
{
  WbAuditEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_new0 (WbAuditEntry, 1);
  copy->seq = entry->seq;
  copy->time = g_strdup (entry->time);
  copy->actor_role = g_strdup (entry->actor_role);
  copy->action = g_strdup (entry->action);
  copy->object_uuid = g_strdup (entry->object_uuid);
  copy->result = g_strdup (entry->result);
  copy->prev_hash = g_strdup (entry->prev_hash);
  copy->hash = g_strdup (entry->hash);
  return copy;
}

void
wb_audit_entry_free (WbAuditEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->time);
  g_free (entry->actor_role);
  g_free (entry->action);
  g_free (entry->object_uuid);
  g_free (entry->result);
  g_free (entry->prev_hash);
  g_free (entry->hash);
  g_free (entry);
}

static void
hash_u64 (crypto_generichash_state *state,
          guint64                   value)
{
  guint8 bytes[8];

  for (guint i = 0; i < 8; i++)
    bytes[i] = (value >> (8 * i)) & 0xff;
  crypto_generichash_update (state, bytes, sizeof bytes);
}

/* Length-prefixed, so no two different entries encode the same; NULL is
 * distinct from "". */
static void
hash_field (crypto_generichash_state *state,
            const char               *text)
{
  if (text == NULL)
    {
      hash_u64 (state, G_MAXUINT64);
      return;
    }

  hash_u64 (state, strlen (text));
  crypto_generichash_update (state, (const guint8 *) text, strlen (text));
}

char *
wb_audit_compute_hash (const WbAuditEntry *entry)
{
  crypto_generichash_state state;
  guint8 digest[32];
  char hex[2 * sizeof digest + 1];

  g_return_val_if_fail (entry != NULL, NULL);

  wb_core_ensure_sodium ();

  crypto_generichash_init (&state, NULL, 0, sizeof digest);
  hash_field (&state, domain_tag);
  hash_u64 (&state, (guint64) entry->seq);
  hash_field (&state, entry->time);
  hash_field (&state, entry->actor_role);
  hash_field (&state, entry->action);
  hash_field (&state, entry->object_uuid);
  hash_field (&state, entry->result);
  hash_field (&state, entry->prev_hash);
  crypto_generichash_final (&state, digest, sizeof digest);

  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strdup (hex);
}

void
wb_audit_verifier_init (WbAuditVerifier *verifier)
{
  g_return_if_fail (verifier != NULL);

  verifier->n_entries = 0;
  g_strlcpy (verifier->last_hash, WB_AUDIT_GENESIS_HASH, sizeof verifier->last_hash);
}

gboolean
wb_audit_verifier_add (WbAuditVerifier     *verifier,
                       const WbAuditEntry  *entry,
                       GError             **error)
{
  g_autofree char *hash = NULL;
  gint64 expected = verifier->n_entries + 1;

  g_return_val_if_fail (verifier != NULL, FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (entry->seq != expected)
    {
      g_set_error (error, WB_AUDIT_ERROR, WB_AUDIT_ERROR_BROKEN,
                   _("The audit log is broken: entry %lld is missing or out of order"),
                   (long long) expected);
      return FALSE;
    }

  if (g_strcmp0 (entry->prev_hash, verifier->last_hash) != 0)
    {
      g_set_error (error, WB_AUDIT_ERROR, WB_AUDIT_ERROR_BROKEN,
                   _("The audit log is broken: entry %lld does not follow the entry before it (an entry was removed or moved)"),
                   (long long) entry->seq);
      return FALSE;
    }

  hash = wb_audit_compute_hash (entry);
  if (g_strcmp0 (hash, entry->hash) != 0)
    {
      g_set_error (error, WB_AUDIT_ERROR, WB_AUDIT_ERROR_BROKEN,
                   _("The audit log is broken: entry %lld was altered"),
                   (long long) entry->seq);
      return FALSE;
    }

  verifier->n_entries = entry->seq;
  g_strlcpy (verifier->last_hash, hash, sizeof verifier->last_hash);
  return TRUE;
}

gboolean
wb_audit_verifier_finish (WbAuditVerifier  *verifier,
                          gint64            head_seq,
                          const char       *head_hash,
                          GError          **error)
{
  g_return_val_if_fail (verifier != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (head_seq != verifier->n_entries ||
      (head_seq > 0 && g_strcmp0 (head_hash, verifier->last_hash) != 0))
    {
      g_set_error (error, WB_AUDIT_ERROR, WB_AUDIT_ERROR_BROKEN,
                   _("The audit log is broken: it ends at entry %lld but entry %lld was the last one written"),
                   (long long) verifier->n_entries, (long long) head_seq);
      return FALSE;
    }

  return TRUE;
}
