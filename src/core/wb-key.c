/* wb-key.c — secret key material in guarded (sodium_malloc) memory
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-key"

#include "config.h"

#include <sodium.h>

#include "wb-core-private.h"
#include "wb-key.h"

struct _WbKey
{
  /* The struct itself lives in sodium_malloc() memory; the refcount is the
   * only field that changes after construction, so the page is flipped to
   * read-write only around refcount updates. */
  gint   ref_count;
  guint8 data[WB_KEY_BYTES];
};

static WbKey *
wb_key_alloc (void)
{
  WbKey *key;

  wb_core_ensure_sodium ();

  key = sodium_malloc (sizeof *key);
  if (key == NULL)
    g_error ("sodium_malloc failed: out of memory or mlock limit reached");
  key->ref_count = 1;
  return key;
}

static WbKey *
wb_key_seal (WbKey *key)
{
  sodium_mprotect_readonly (key);
  return key;
}

WbKey *
wb_key_new_random (void)
{
  WbKey *key = wb_key_alloc ();

  randombytes_buf (key->data, sizeof key->data);
  return wb_key_seal (key);
}

WbKey *
wb_key_new_from (const guint8 *bytes,
                 gsize         len)
{
  WbKey *key;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (len == WB_KEY_BYTES, NULL);

  key = wb_key_alloc ();
  memcpy (key->data, bytes, WB_KEY_BYTES);
  return wb_key_seal (key);
}

WbKey *
wb_key_derive (const WbKey *master,
               guint64      subkey_id,
               const char   context[8])
{
  WbKey *key;

  g_return_val_if_fail (master != NULL, NULL);
  g_return_val_if_fail (context != NULL, NULL);

  key = wb_key_alloc ();
  crypto_kdf_derive_from_key (key->data, WB_KEY_BYTES, subkey_id, context, master->data);
  return wb_key_seal (key);
}

/* Keys are shared between the main thread and GTask workers, so the
 * refcount must be atomic; G_LOCK keeps the mprotect flip and the update
 * one step. */
G_LOCK_DEFINE_STATIC (key_refs);

WbKey *
wb_key_ref (WbKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  G_LOCK (key_refs);
  sodium_mprotect_readwrite (key);
  key->ref_count++;
  sodium_mprotect_readonly (key);
  G_UNLOCK (key_refs);

  return key;
}

void
wb_key_unref (WbKey *key)
{
  gboolean last;

  if (key == NULL)
    return;

  G_LOCK (key_refs);
  sodium_mprotect_readwrite (key);
  last = --key->ref_count == 0;
  if (!last)
    sodium_mprotect_readonly (key);
  G_UNLOCK (key_refs);

  /* sodium_free() zeroes the whole allocation before unmapping it. */
  if (last)
    sodium_free (key);
}

const guint8 *
wb_key_get_data (const WbKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->data;
}

gboolean
wb_key_equal (const WbKey *a,
              const WbKey *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return sodium_memcmp (a->data, b->data, WB_KEY_BYTES) == 0;
}
