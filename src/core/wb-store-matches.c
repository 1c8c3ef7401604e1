/* wb-store-matches.c — SQL of match keys, match tokens and campaigns
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tables from migration 6 (wb-store.c).  A person's recorded identity is
 * read here only to hash it into a token for an export; it is wiped
 * right after and never leaves this file.
 */

#define G_LOG_DOMAIN "wb-store-matches"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "wb-exchange-private.h"
#include "wb-matches.h"
#include "wb-records-private.h"

gboolean
_wb_matches_load_key (WbStore     *store,
                      const char  *owner,
                      WbKey      **key,
                      GError     **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  int rc;

  *key = NULL;
  stmt = _wb_store_prepare_cached (store, "SELECT key FROM match_keys WHERE owner = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, owner);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      _wb_store_set_sql_error (store, _("Could not read the match key"), error);
      return FALSE;
    }
  if (sqlite3_column_bytes (stmt, 0) != WB_MATCH_KEY_BYTES)
    {
      g_set_error_literal (error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT,
                           _("The vault's match key is damaged"));
      return FALSE;
    }
  *key = wb_key_new_from (sqlite3_column_blob (stmt, 0), WB_MATCH_KEY_BYTES);
  return TRUE;
}

gboolean
_wb_matches_save_key (WbStore      *store,
                      const char   *owner,
                      const WbKey  *key,
                      GError      **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autofree char *now = _wb_exchange_now_string ();

  stmt = _wb_store_prepare_cached (store,
                                   "INSERT INTO match_keys (owner, key, received_at) VALUES (?1, ?2, ?3) "
                                   "ON CONFLICT (owner) DO UPDATE SET key = excluded.key, received_at = excluded.received_at "
                                   "WHERE key IS NOT excluded.key",
                                   error);
  if (stmt == NULL)
    return FALSE;
  _wb_store_bind_text (stmt, 1, owner);
  /* SQLITE_STATIC: the statement is reset before this returns. */
  sqlite3_bind_blob (stmt, 2, wb_key_get_data (key), WB_MATCH_KEY_BYTES, SQLITE_STATIC);
  _wb_store_bind_text (stmt, 3, now);
  return _wb_store_step_done (store, stmt, error);
}

char *
_wb_matches_key_id (const WbKey *key)
{
  guint8 digest[16];
  char hex[sizeof digest * 2 + 1];

  /* Keyed hash of a constant: names the key, reveals nothing of it. */
  crypto_generichash (digest, sizeof digest, (const guint8 *) "weerbaar-match-key-id-v1",
                      strlen ("weerbaar-match-key-id-v1"), wb_key_get_data (key), WB_MATCH_KEY_BYTES);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  return g_strdup (hex);
}

static void
add_token (GPtrArray    *out,
           GHashTable   *seen,
           const WbKey  *key,
           WbSignal     *signal,
           WbMatchKind   kind,
           const char   *identifier)
{
  g_autofree char *token = wb_match_compute_token (key, kind, identifier);
  WbMatchToken *t;

  if (token == NULL || g_hash_table_contains (seen, token))
    return;
  t = g_new0 (WbMatchToken, 1);
  t->signal_uuid = g_strdup (wb_signal_get_uuid (signal));
  t->kind = kind;
  t->token = g_steal_pointer (&token);
  g_hash_table_add (seen, t->token);
  g_ptr_array_add (out, t);
}

GPtrArray *
_wb_matches_signal_tokens (WbStore       *store,
                           const WbKey   *key,
                           WbSignal      *signal,
                           GError       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_match_token_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(WbCachedStmt) stmt = NULL;
  const char * const *handles = wb_signal_get_handles (signal);
  const char * const *tags = wb_signal_get_tags (signal);
  GPtrArray *persons = wb_signal_get_persons (signal);

  for (guint i = 0; handles != NULL && handles[i] != NULL; i++)
    add_token (out, seen, key, signal, WB_MATCH_HANDLE, handles[i]);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (g_ascii_strncasecmp (tags[i], WB_MATCH_ORGANISATION_TAG_PREFIX,
                             strlen (WB_MATCH_ORGANISATION_TAG_PREFIX)) == 0)
      add_token (out, seen, key, signal, WB_MATCH_ORGANISATION,
                 tags[i] + strlen (WB_MATCH_ORGANISATION_TAG_PREFIX));

  if (persons == NULL || persons->len == 0)
    return g_steal_pointer (&out);

  /* A person matches across municipalities by who they are, when this
   * vault knows it; the pseudonym is only a fallback (two municipalities
   * rarely pick the same one). */
  stmt = _wb_store_prepare_cached (store,
                                   "SELECT i.identity FROM identities i JOIN signals s ON s.id = i.signal_id "
                                   "WHERE s.uuid = ?1 AND i.pseudonym = ?2",
                                   error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < persons->len; i++)
    {
      WbPerson *p = g_ptr_array_index (persons, i);
      int rc;

      sqlite3_reset (stmt);
      _wb_store_bind_text (stmt, 1, wb_signal_get_uuid (signal));
      _wb_store_bind_text (stmt, 2, p->pseudonym);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *identity = (const char *) sqlite3_column_text (stmt, 0);

          add_token (out, seen, key, signal, WB_MATCH_PERSON, identity);
        }
      else if (rc == SQLITE_DONE)
        add_token (out, seen, key, signal, WB_MATCH_PERSON, p->pseudonym);
      else
        {
          _wb_store_set_sql_error (store, _("Could not read the vault"), error);
          return NULL;
        }
    }
  return g_steal_pointer (&out);
}

gboolean
_wb_matches_replace_tokens (WbStore     *store,
                            const char  *signal_uuid,
                            const char  *sender,
                            GPtrArray   *tokens,
                            GError     **error)
{
  g_autoptr(WbCachedStmt) del = NULL;

  del = _wb_store_prepare_cached (store, "DELETE FROM match_tokens WHERE signal_uuid = ?1", error);
  if (del == NULL)
    return FALSE;
  _wb_store_bind_text (del, 1, signal_uuid);
  if (!_wb_store_step_done (store, del, error))
    return FALSE;

  for (guint i = 0; tokens != NULL && i < tokens->len; i++)
    {
      WbMatchToken *t = g_ptr_array_index (tokens, i);
      g_autoptr(WbCachedStmt) ins = NULL;

      if (!g_str_equal (t->signal_uuid, signal_uuid))
        continue;
      ins = _wb_store_prepare_cached (store,
                                      "INSERT OR IGNORE INTO match_tokens (token, kind, signal_uuid, sender) "
                                      "VALUES (?1, ?2, ?3, ?4)",
                                      error);
      if (ins == NULL)
        return FALSE;
      _wb_store_bind_text (ins, 1, t->token);
      _wb_store_bind_text (ins, 2, wb_match_kind_to_nick (t->kind));
      _wb_store_bind_text (ins, 3, signal_uuid);
      _wb_store_bind_text (ins, 4, sender);
      if (!_wb_store_step_done (store, ins, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- public API ------------------------------------------------------- */

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const WbMatch *x = *(const WbMatch * const *) a;
  const WbMatch *y = *(const WbMatch * const *) b;
  int c;

  if (x->n_senders != y->n_senders)
    return x->n_senders > y->n_senders ? -1 : 1;
  c = g_strcmp0 (y->last_seen, x->last_seen);
  if (c != 0)
    return c;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return strcmp (x->token, y->token);
}

gboolean
wb_matches_has_key (WbStore   *store,
                    gboolean  *has_key,
                    GError   **error)
{
  g_autoptr(WbKey) key = NULL;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (has_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_wb_matches_load_key (store, "", &key, error))
    return FALSE;
  *has_key = key != NULL;
  return TRUE;
}

static gboolean
ensure_key_txn (WbStore   *store,
                gpointer   user_data,
                GError   **error)
{
  g_autoptr(WbKey) key = NULL;

  if (!_wb_matches_load_key (store, "", &key, error))
    return FALSE;
  if (key != NULL)
    return TRUE;
  key = wb_key_new_random ();
  return _wb_matches_save_key (store, "", key, error) &&
         _wb_records_audit_append (store, NULL, "match-key.create", NULL, error);
}

gboolean
wb_matches_ensure_key (WbStore  *store,
                       GError  **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _wb_store_run_in_transaction (store, ensure_key_txn, NULL, error);
}

GPtrArray *
wb_matches_list (WbStore  *store,
                 GError  **error)
{
  g_autoptr(WbCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_match_free);
  g_autoptr(GHashTable) senders = NULL;
  WbMatch *current = NULL;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _wb_store_prepare_cached (store,
                                   "SELECT t.token, t.kind, t.signal_uuid, t.sender, coalesce (c.name, t.sender), "
                                   "s.municipality, s.occurred_on "
                                   "FROM match_tokens t JOIN signals s ON s.uuid = t.signal_uuid "
                                   "LEFT JOIN contacts c ON c.fingerprint = t.sender "
                                   "WHERE (t.token, t.kind) IN (SELECT token, kind FROM match_tokens "
                                   "  GROUP BY token, kind HAVING count (DISTINCT sender) >= 2) "
                                   "ORDER BY t.kind, t.token, s.occurred_on, t.signal_uuid",
                                   error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *token = (const char *) sqlite3_column_text (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      WbMatchSighting *s = g_new0 (WbMatchSighting, 1);
      WbMatchKind k = WB_MATCH_HANDLE;

      wb_match_kind_from_nick (kind, &k);
      if (current == NULL || current->kind != k || !g_str_equal (current->token, token))
        {
          current = g_new0 (WbMatch, 1);
          current->kind = k;
          current->token = g_strdup (token);
          current->sightings = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_match_sighting_free);
          g_ptr_array_add (out, current);
          g_clear_pointer (&senders, g_hash_table_unref);
          senders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        }
      s->signal_uuid = _wb_store_column_dup (stmt, 2);
      s->sender = _wb_store_column_dup (stmt, 4);
      s->municipality = _wb_store_column_dup (stmt, 5);
      s->occurred_on = _wb_store_column_dup (stmt, 6);
      if (g_hash_table_add (senders, _wb_store_column_dup (stmt, 3)))
        current->n_senders++;
      if (current->first_seen == NULL)
        current->first_seen = g_strdup (s->occurred_on);
      g_free (current->last_seen);
      current->last_seen = g_strdup (s->occurred_on);
      g_ptr_array_add (current->sightings, s);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_sql_error (store, _("Could not read the matches"), error);
      return NULL;
    }

  g_ptr_array_sort (out, compare_matches);
  return g_steal_pointer (&out);
}

static gboolean
is_hex_prefix (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  if (len < 6 || len > WB_MATCH_TOKEN_BYTES * 2)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

char *
wb_matches_create_case (WbStore             *store,
                        const char          *name,
                        const char * const  *tokens,
                        const char * const  *uuids,
                        GError             **error)
{
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *case_uuid = NULL;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  matches = wb_matches_list (store, error);
  if (matches == NULL)
    return NULL;

  for (guint i = 0; tokens != NULL && tokens[i] != NULL; i++)
    {
      g_autofree char *prefix = g_ascii_strdown (tokens[i], -1);
      WbMatch *found = NULL;

      if (!is_hex_prefix (prefix))
        {
          g_set_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_INVALID,
                       _("“%s” is not a match token (at least 6 hexadecimal digits)"), tokens[i]);
          return NULL;
        }
      for (guint j = 0; j < matches->len; j++)
        {
          WbMatch *m = g_ptr_array_index (matches, j);

          if (!g_str_has_prefix (m->token, prefix))
            continue;
          if (found != NULL)
            {
              g_set_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_INVALID,
                           _("The token “%s” names more than one match; give more digits"), tokens[i]);
              return NULL;
            }
          found = m;
        }
      if (found == NULL)
        {
          g_set_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_INVALID,
                       _("No match has the token “%s”"), tokens[i]);
          return NULL;
        }
      for (guint j = 0; j < found->sightings->len; j++)
        {
          WbMatchSighting *s = g_ptr_array_index (found->sightings, j);

          if (g_hash_table_add (seen, s->signal_uuid))
            g_ptr_array_add (members, g_strdup (s->signal_uuid));
        }
    }
  for (guint i = 0; uuids != NULL && uuids[i] != NULL; i++)
    if (g_hash_table_add (seen, (gpointer) uuids[i]))
      g_ptr_array_add (members, g_strdup (uuids[i]));

  if (members->len == 0)
    {
      g_set_error_literal (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_INVALID,
                           _("Name at least one match or signal for the case"));
      return NULL;
    }

  /* One batch: the case with all its signals, or nothing. */
  if (!wb_records_batch_begin (store, error))
    return NULL;
  case_uuid = wb_records_create_case (store, name, error);
  if (case_uuid == NULL)
    {
      wb_records_batch_rollback (store);
      return NULL;
    }
  for (guint i = 0; i < members->len; i++)
    if (!wb_records_add_to_case (store, case_uuid, g_ptr_array_index (members, i), error))
      {
        wb_records_batch_rollback (store);
        return NULL;
      }
  if (!wb_records_batch_commit (store, error))
    return NULL;
  return g_steal_pointer (&case_uuid);
}
