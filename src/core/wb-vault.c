/* wb-vault.c — the encrypted vault: create, unlock, lock, recover, rekey
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-vault"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "wb-core-private.h"
#include "wb-cryptvfs.h"
#include "wb-key.h"
#include "wb-store-private.h"
#include "wb-vault-private.h"

/* One header copy (2048 bytes), little-endian:
 *
 *    0  magic (8)            "WBVLT\r\n\x1a": catches text-mode mangling
 *    8  format version (2)
 *   10  cipher id (2)        1 = XChaCha20-Poly1305 pages
 *   12  page size (4)
 *   16  generation (8)       +1 on every header rewrite
 *   24  vault UUID (16)
 *   64  slot 0 (128)         passphrase → Argon2id13 → KEK
 *  192  slot 1 (128)         recovery key → keyed BLAKE2b → KEK
 * 1984  checksum (32)        unkeyed BLAKE2b of 0..1983: accidental damage
 * 2016  MAC (32)             BLAKE2b of 0..2015 keyed from the DEK
 *
 * A slot: kind (1), 7 zero bytes, opslimit (8), memlimit (8), salt (16),
 * nonce (24), wrapped DEK (32 + 16 tag), 16 zero bytes.  The wrap's AAD is
 * bytes 0..15 and 24..39 of the header (everything fixed; not the
 * generation, so a passphrase change need not touch slot 1) followed by
 * slot bytes 0..39 (kind, costs, salt). */

#define COPY_SIZE            WB_VAULT_HEADER_COPY_SIZE
#define HEADER_SIZE          WB_CRYPTVFS_HEADER_SIZE
#define UUID_BYTES           WB_CRYPTVFS_UUID_BYTES

#define OFF_MAGIC            0
#define OFF_VERSION          8
#define OFF_CIPHER           10
#define OFF_PAGE_SIZE        12
#define OFF_GENERATION       16
#define OFF_UUID             24
#define OFF_SLOT0            64
#define OFF_SLOT1            192
#define SLOT_SIZE            128
#define OFF_CHECKSUM         1984
#define OFF_MAC              2016

#define SLOT_KIND            0
#define SLOT_OPSLIMIT        8
#define SLOT_MEMLIMIT        16
#define SLOT_SALT            24
#define SLOT_NONCE           40
#define SLOT_WRAPPED         64
#define SLOT_PARAMS_BYTES    40

#define SALT_BYTES           16
#define NONCE_BYTES          crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define WRAPPED_BYTES        (WB_KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define AAD_BYTES            (32 + SLOT_PARAMS_BYTES)

#define SLOT_KIND_PASSPHRASE 1
#define SLOT_KIND_RECOVERY   2
#define CIPHER_XCHACHA       1

#define MAGIC                "WBVLT\r\n\x1a"
#define MAGIC_BYTES          8

/* crypto_kdf subkeys of the DEK */
#define KDF_CONTEXT          "WBvault_"
#define SUBKEY_PAGE          1
#define SUBKEY_HEADER_MAC    2
#define SUBKEY_WAL_MASK      3

/* Recovery key: 32 key bytes + 3 check bytes = 280 bits = 56 Crockford
 * base32 symbols, printed as 14 groups of 4. */
#define RECOVERY_CHECK_BYTES 3
#define RECOVERY_RAW_BYTES   (WB_KEY_BYTES + RECOVERY_CHECK_BYTES)
#define RECOVERY_SYMBOLS     56
#define RECOVERY_GROUP       4

G_STATIC_ASSERT (SALT_BYTES == crypto_pwhash_SALTBYTES);
G_STATIC_ASSERT (SLOT_WRAPPED + WRAPPED_BYTES <= SLOT_SIZE);
G_STATIC_ASSERT (OFF_SLOT1 + SLOT_SIZE <= OFF_CHECKSUM);
G_STATIC_ASSERT (2 * COPY_SIZE == HEADER_SIZE);
G_STATIC_ASSERT (RECOVERY_RAW_BYTES * 8 == RECOVERY_SYMBOLS * 5);

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static guint64 max_opslimit = 12;
static gsize   max_memlimit = 1024 * 1024 * 1024;

struct _WbVault
{
  GObject  parent_instance;

  char    *dir;
  char    *db_path;

  WbStore *store;
  WbKey   *dek;
  WbKey   *mac_key;

  /* The header as last read or written; not secret (it is on disk). */
  guint8   header[HEADER_SIZE];
  guint    copy;              /* the copy that unlocked: 0 = A, 1 = B */
};

G_DEFINE_FINAL_TYPE (WbVault, wb_vault, G_TYPE_OBJECT)

G_DEFINE_QUARK (wb-vault-error-quark, wb_vault_error)

enum {
  PROP_0,
  PROP_DIR,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- helpers */

static char *
secret_strdup (const char *s)
{
  gsize len = strlen (s);
  char *copy;

  wb_core_ensure_sodium ();
  copy = sodium_malloc (len + 1);
  if (copy == NULL)
    g_error ("sodium_malloc failed: out of memory or mlock limit reached");
  memcpy (copy, s, len + 1);
  return copy;
}

static void
secret_free (char *s)
{
  if (s != NULL)
    sodium_free (s);
}

static guint8 *
secret_alloc (gsize len)
{
  guint8 *p;

  wb_core_ensure_sodium ();
  p = sodium_malloc (len);
  if (p == NULL)
    g_error ("sodium_malloc failed: out of memory or mlock limit reached");
  return p;
}

static void
put_u16 (guint8 *p, guint16 v)
{
  v = GUINT16_TO_LE (v);
  memcpy (p, &v, sizeof v);
}

static void
put_u32 (guint8 *p, guint32 v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, sizeof v);
}

static void
put_u64 (guint8 *p, guint64 v)
{
  v = GUINT64_TO_LE (v);
  memcpy (p, &v, sizeof v);
}

static guint16
get_u16 (const guint8 *p)
{
  guint16 v;

  memcpy (&v, p, sizeof v);
  return GUINT16_FROM_LE (v);
}

static guint32
get_u32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_LE (v);
}

static guint64
get_u64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, sizeof v);
  return GUINT64_FROM_LE (v);
}

static void
cost_limits (WbVaultCost  cost,
             guint64     *ops,
             gsize       *mem)
{
  switch (cost)
    {
    case WB_VAULT_COST_MIN:
      *ops = crypto_pwhash_OPSLIMIT_MIN;
      *mem = crypto_pwhash_MEMLIMIT_MIN;
      break;
    case WB_VAULT_COST_INTERACTIVE:
      *ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      *mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
      break;
    case WB_VAULT_COST_MODERATE:
    default:
      /* libsodium's MODERATE (3 passes over 256 MiB) takes 0.76 s on the
       * 2-core machines this is measured on, most of it first-touching the
       * memory; 4 passes over 128 MiB cost 0.42 s and stay far above
       * OWASP's Argon2id minimums (19–46 MiB).  bench-vault reports it. */
      *ops = 4;
      *mem = 128 * 1024 * 1024;
      break;
    }
}

static gboolean
check_passphrase_strength (const char  *passphrase,
                           GError     **error)
{
  glong chars;

  if (g_utf8_validate (passphrase, -1, NULL))
    chars = g_utf8_strlen (passphrase, -1);
  else
    chars = strlen (passphrase);

  if (chars >= WB_VAULT_MIN_PASSPHRASE_CHARS)
    return TRUE;

  g_set_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_WEAK_PASSPHRASE,
               g_dngettext (GETTEXT_PACKAGE,
                            "The passphrase must be at least %d character long",
                            "The passphrase must be at least %d characters long",
                            WB_VAULT_MIN_PASSPHRASE_CHARS),
               WB_VAULT_MIN_PASSPHRASE_CHARS);
  return FALSE;
}

static void
set_damaged (GError **error)
{
  g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_DAMAGED,
                       _("The vault is damaged: its key header or its data failed the integrity check"));
}

static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *what)
{
  g_set_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_FAILED,
               "%s: %s", what, g_strerror (saved_errno));
}

/* ----------------------------------------------------- recovery key text */

static void
recovery_check_bytes (const guint8 key[WB_KEY_BYTES],
                      guint8       check[RECOVERY_CHECK_BYTES])
{
  guint8 hash[crypto_generichash_BYTES_MIN];

  crypto_generichash (hash, sizeof hash, key, WB_KEY_BYTES, NULL, 0);
  memcpy (check, hash, RECOVERY_CHECK_BYTES);
}

/* Returns a g_malloc'd string; the caller wipes it when done. */
static char *
format_recovery_key (const guint8 key[WB_KEY_BYTES])
{
  guint8 raw[RECOVERY_RAW_BYTES];
  GString *out = g_string_sized_new (RECOVERY_SYMBOLS + RECOVERY_SYMBOLS / RECOVERY_GROUP);
  guint bits = 0;
  guint nbits = 0;
  guint symbols = 0;

  memcpy (raw, key, WB_KEY_BYTES);
  recovery_check_bytes (key, raw + WB_KEY_BYTES);

  for (gsize i = 0; i < sizeof raw; i++)
    {
      bits = (bits << 8) | raw[i];
      nbits += 8;
      while (nbits >= 5)
        {
          if (symbols > 0 && symbols % RECOVERY_GROUP == 0)
            g_string_append_c (out, '-');
          g_string_append_c (out, crockford[(bits >> (nbits - 5)) & 0x1f]);
          nbits -= 5;
          symbols++;
        }
      bits &= 0xff;
    }

  sodium_memzero (raw, sizeof raw);
  bits = 0;
  return g_string_free (out, FALSE);
}

gboolean
_wb_vault_parse_recovery_key (const char *text,
                              guint8      key[32])
{
  guint8 raw[RECOVERY_RAW_BYTES] = { 0 };
  guint8 check[RECOVERY_CHECK_BYTES];
  guint bits = 0;
  guint nbits = 0;
  gsize n = 0;
  guint symbols = 0;
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);
      const char *pos;
      guint value;

      if (c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
        continue;
      if (c == 'O')
        c = '0';
      else if (c == 'I' || c == 'L')
        c = '1';

      pos = strchr (crockford, c);
      if (c == '\0' || pos == NULL || symbols >= RECOVERY_SYMBOLS)
        {
          sodium_memzero (raw, sizeof raw);
          return FALSE;
        }
      value = pos - crockford;
      symbols++;

      bits = (bits << 5) | value;
      nbits += 5;
      if (nbits >= 8)
        {
          raw[n++] = (bits >> (nbits - 8)) & 0xff;
          nbits -= 8;
        }
      bits &= 0xff;
    }

  if (symbols != RECOVERY_SYMBOLS)
    {
      sodium_memzero (raw, sizeof raw);
      return FALSE;
    }

  recovery_check_bytes (raw, check);
  ok = sodium_memcmp (check, raw + WB_KEY_BYTES, RECOVERY_CHECK_BYTES) == 0;
  if (ok)
    memcpy (key, raw, WB_KEY_BYTES);
  sodium_memzero (raw, sizeof raw);
  return ok;
}

void
_wb_vault_set_kdf_limits (guint64 ops,
                          gsize   mem)
{
  max_opslimit = ops;
  max_memlimit = mem;
}

/* ------------------------------------------------------------ the header */

static gboolean
copy_has_magic (const guint8 *copy)
{
  return memcmp (copy + OFF_MAGIC, MAGIC, MAGIC_BYTES) == 0;
}

static void
copy_checksum (const guint8 *copy,
               guint8        out[32])
{
  crypto_generichash (out, 32, copy, OFF_CHECKSUM, NULL, 0);
}

static gboolean
copy_checksum_ok (const guint8 *copy)
{
  guint8 sum[32];

  copy_checksum (copy, sum);
  return sodium_memcmp (sum, copy + OFF_CHECKSUM, sizeof sum) == 0;
}

static void
copy_mac (const guint8 *copy,
          const WbKey  *mac_key,
          guint8        out[32])
{
  crypto_generichash (out, 32, copy, OFF_MAC, wb_key_get_data (mac_key), WB_KEY_BYTES);
}

static gboolean
copy_mac_ok (const guint8 *copy,
             const WbKey  *mac_key)
{
  guint8 mac[32];

  copy_mac (copy, mac_key, mac);
  return sodium_memcmp (mac, copy + OFF_MAC, sizeof mac) == 0;
}

/* Seals a copy after its fields changed: checksum, then MAC over both. */
static void
copy_seal (guint8      *copy,
           const WbKey *mac_key)
{
  copy_checksum (copy, copy + OFF_CHECKSUM);
  copy_mac (copy, mac_key, copy + OFF_MAC);
}

static void
slot_aad (const guint8 *copy,
          const guint8 *slot,
          guint8        aad[AAD_BYTES])
{
  memcpy (aad, copy, 16);
  memcpy (aad + 16, copy + OFF_UUID, UUID_BYTES);
  memcpy (aad + 32, slot, SLOT_PARAMS_BYTES);
}

static gboolean
slot_params_ok (const guint8 *slot,
                guint         kind)
{
  if (slot[SLOT_KIND] != kind)
    return FALSE;

  if (kind == SLOT_KIND_PASSPHRASE)
    {
      guint64 ops = get_u64 (slot + SLOT_OPSLIMIT);
      guint64 mem = get_u64 (slot + SLOT_MEMLIMIT);

      return ops >= crypto_pwhash_OPSLIMIT_MIN && ops <= max_opslimit &&
             mem >= crypto_pwhash_MEMLIMIT_MIN && mem <= max_memlimit;
    }

  return TRUE;
}

/* Derives a slot's KEK into @kek (WB_KEY_BYTES of sodium memory). */
static gboolean
slot_derive_kek (const guint8 *copy,
                 const guint8 *slot,
                 const guint8 *secret,
                 gsize         secret_len,
                 guint8       *kek)
{
  if (slot[SLOT_KIND] == SLOT_KIND_PASSPHRASE)
    return crypto_pwhash (kek, WB_KEY_BYTES, (const char *) secret, secret_len,
                          slot + SLOT_SALT,
                          get_u64 (slot + SLOT_OPSLIMIT),
                          get_u64 (slot + SLOT_MEMLIMIT),
                          crypto_pwhash_ALG_ARGON2ID13) == 0;
  else
    {
      static const char label[] = "Weerbaar recovery KEK v1";
      crypto_generichash_state state;

      /* The recovery key has 256 bits of entropy: no stretching needed. */
      crypto_generichash_init (&state, secret, secret_len, WB_KEY_BYTES);
      crypto_generichash_update (&state, (const guint8 *) label, sizeof label);
      crypto_generichash_update (&state, copy + OFF_UUID, UUID_BYTES);
      crypto_generichash_update (&state, slot + SLOT_SALT, SALT_BYTES);
      crypto_generichash_final (&state, kek, WB_KEY_BYTES);
      sodium_memzero (&state, sizeof state);
      return TRUE;
    }
}

static void
slot_fill (guint8       *copy,
           guint8       *slot,
           guint         kind,
           guint64       ops,
           gsize         mem,
           const guint8 *secret,
           gsize         secret_len,
           const WbKey  *dek)
{
  guint8 aad[AAD_BYTES];
  guint8 *kek = secret_alloc (WB_KEY_BYTES);
  unsigned long long clen;

  memset (slot, 0, SLOT_SIZE);
  slot[SLOT_KIND] = kind;
  put_u64 (slot + SLOT_OPSLIMIT, kind == SLOT_KIND_PASSPHRASE ? ops : 0);
  put_u64 (slot + SLOT_MEMLIMIT, kind == SLOT_KIND_PASSPHRASE ? mem : 0);
  randombytes_buf (slot + SLOT_SALT, SALT_BYTES);
  randombytes_buf (slot + SLOT_NONCE, NONCE_BYTES);

  if (!slot_derive_kek (copy, slot, secret, secret_len, kek))
    g_error ("crypto_pwhash failed: out of memory");

  slot_aad (copy, slot, aad);
  crypto_aead_xchacha20poly1305_ietf_encrypt (slot + SLOT_WRAPPED, &clen,
                                              wb_key_get_data (dek), WB_KEY_BYTES,
                                              aad, sizeof aad, NULL,
                                              slot + SLOT_NONCE, kek);
  sodium_free (kek);
}

static WbKey *
slot_unwrap (const guint8 *copy,
             const guint8 *slot,
             const guint8 *kek)
{
  guint8 aad[AAD_BYTES];
  guint8 *dek = secret_alloc (WB_KEY_BYTES);
  unsigned long long len;
  WbKey *key = NULL;

  slot_aad (copy, slot, aad);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (dek, &len, NULL,
                                                  slot + SLOT_WRAPPED, WRAPPED_BYTES,
                                                  aad, sizeof aad,
                                                  slot + SLOT_NONCE, kek) == 0 &&
      len == WB_KEY_BYTES)
    key = wb_key_new_from (dek, WB_KEY_BYTES);

  sodium_free (dek);
  return key;
}

typedef enum
{
  COPY_NO_MAGIC,
  COPY_DAMAGED,
  COPY_NEWER,
  COPY_OK,
} CopyState;

static CopyState
copy_classify (const guint8 *copy)
{
  if (!copy_has_magic (copy))
    return COPY_NO_MAGIC;
  if (!copy_checksum_ok (copy))
    return COPY_DAMAGED;
  if (get_u16 (copy + OFF_VERSION) > WB_VAULT_FORMAT_VERSION)
    return COPY_NEWER;
  if (get_u16 (copy + OFF_VERSION) != WB_VAULT_FORMAT_VERSION ||
      get_u16 (copy + OFF_CIPHER) != CIPHER_XCHACHA ||
      get_u32 (copy + OFF_PAGE_SIZE) != WB_CRYPTVFS_PAGE_SIZE ||
      !slot_params_ok (copy + OFF_SLOT0, SLOT_KIND_PASSPHRASE) ||
      !slot_params_ok (copy + OFF_SLOT1, SLOT_KIND_RECOVERY))
    return COPY_DAMAGED;
  return COPY_OK;
}

/* Finds the copy that @secret opens: checks format before any KDF, tries
 * intact copies highest generation first, and reuses a KEK when both
 * copies share slot parameters.  On success returns the DEK and sets
 * *copy_index. */
static WbKey *
header_unlock (const guint8  *header,
               const guint8  *secret,
               gsize          secret_len,
               gboolean       recovery,
               guint         *copy_index,
               GCancellable  *cancellable,
               GError       **error)
{
  CopyState state[2];
  guint order[2] = { 0, 1 };
  guint n_ok = 0;
  gboolean wrong_secret = FALSE;
  guint slot_off = recovery ? OFF_SLOT1 : OFF_SLOT0;
  guint8 *kek = NULL;
  guint8 kek_params[SLOT_PARAMS_BYTES];
  gboolean have_kek = FALSE;
  WbKey *dek = NULL;

  for (guint i = 0; i < 2; i++)
    state[i] = copy_classify (header + i * COPY_SIZE);

  if (state[0] == COPY_NO_MAGIC && state[1] == COPY_NO_MAGIC)
    {
      g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_NOT_A_VAULT,
                           _("This file is not a Weerbaar vault"));
      return NULL;
    }

  if (state[0] == COPY_NEWER || state[1] == COPY_NEWER)
    {
      g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_NEWER_FORMAT,
                           _("This vault was made by a newer version of Weerbaar; update Weerbaar to open it"));
      return NULL;
    }

  n_ok = (state[0] == COPY_OK) + (state[1] == COPY_OK);
  if (n_ok == 0)
    {
      set_damaged (error);
      return NULL;
    }

  if (state[0] == COPY_OK && state[1] == COPY_OK &&
      get_u64 (header + COPY_SIZE + OFF_GENERATION) > get_u64 (header + OFF_GENERATION))
    {
      order[0] = 1;
      order[1] = 0;
    }

  kek = secret_alloc (WB_KEY_BYTES);

  for (guint k = 0; k < 2 && dek == NULL; k++)
    {
      const guint8 *copy = header + order[k] * COPY_SIZE;
      const guint8 *slot = copy + slot_off;
      g_autoptr(WbKey) candidate = NULL;
      g_autoptr(WbKey) mac_key = NULL;

      if (state[order[k]] != COPY_OK)
        continue;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sodium_free (kek);
          return NULL;
        }

      if (!have_kek || memcmp (kek_params, slot, SLOT_PARAMS_BYTES) != 0)
        {
          if (!slot_derive_kek (copy, slot, secret, secret_len, kek))
            {
              sodium_free (kek);
              g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_FAILED,
                                   _("Not enough memory to derive the key"));
              return NULL;
            }
          memcpy (kek_params, slot, SLOT_PARAMS_BYTES);
          have_kek = TRUE;
        }

      candidate = slot_unwrap (copy, slot, kek);
      if (candidate == NULL)
        {
          wrong_secret = TRUE;
          continue;
        }

      mac_key = wb_key_derive (candidate, SUBKEY_HEADER_MAC, KDF_CONTEXT);
      if (!copy_mac_ok (copy, mac_key))
        {
          g_debug ("header copy %c: MAC mismatch", 'A' + order[k]);
          continue;
        }

      *copy_index = order[k];
      dek = g_steal_pointer (&candidate);
    }

  sodium_free (kek);

  if (dek != NULL)
    return dek;

  if (wrong_secret)
    {
      if (recovery)
        g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_WRONG_RECOVERY_KEY,
                             _("This recovery key does not open this vault"));
      else
        g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_WRONG_PASSPHRASE,
                             _("Wrong passphrase"));
    }
  else
    set_damaged (error);

  return NULL;
}

/* Builds a fresh two-copy header for @dek. */
static void
header_build (guint8       *header,
              const guint8  uuid[UUID_BYTES],
              guint64       generation,
              const char   *passphrase,
              WbVaultCost   cost,
              const guint8 *recovery_key,
              const WbKey  *dek)
{
  g_autoptr(WbKey) mac_key = wb_key_derive (dek, SUBKEY_HEADER_MAC, KDF_CONTEXT);
  guint8 *copy = header;
  guint64 ops;
  gsize mem;

  cost_limits (cost, &ops, &mem);

  memset (header, 0, HEADER_SIZE);
  memcpy (copy + OFF_MAGIC, MAGIC, MAGIC_BYTES);
  put_u16 (copy + OFF_VERSION, WB_VAULT_FORMAT_VERSION);
  put_u16 (copy + OFF_CIPHER, CIPHER_XCHACHA);
  put_u32 (copy + OFF_PAGE_SIZE, WB_CRYPTVFS_PAGE_SIZE);
  put_u64 (copy + OFF_GENERATION, generation);
  memcpy (copy + OFF_UUID, uuid, UUID_BYTES);

  slot_fill (copy, copy + OFF_SLOT0, SLOT_KIND_PASSPHRASE, ops, mem,
             (const guint8 *) passphrase, strlen (passphrase), dek);
  slot_fill (copy, copy + OFF_SLOT1, SLOT_KIND_RECOVERY, 0, 0,
             recovery_key, WB_KEY_BYTES, dek);
  copy_seal (copy, mac_key);

  memcpy (header + COPY_SIZE, copy, COPY_SIZE);
}

/* ------------------------------------------------------------- file I/O */

static gboolean
fsync_path (const char  *path,
            gboolean     directory,
            GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
  int saved;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved = errno;
      if (fd >= 0)
        close (fd);
      set_io_error (error, saved, _("Could not write the vault to disk"));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Reads bytes 0..4095 of vault.db (zero-filled if shorter) before SQLite
 * opens it, and its size.  Read-only: never changes the file. */
static gboolean
read_header_file (const char  *path,
                  guint8      *header,
                  goffset     *size,
                  GError     **error)
{
  struct stat st;
  gsize done = 0;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_NOT_FOUND,
                             _("There is no vault in this folder"));
      else
        set_io_error (error, saved, _("Could not open the vault"));
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_NOT_A_VAULT,
                           _("This file is not a Weerbaar vault"));
      return FALSE;
    }

  memset (header, 0, HEADER_SIZE);
  while (done < HEADER_SIZE)
    {
      ssize_t n = read (fd, header + done, HEADER_SIZE - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          set_io_error (error, saved, _("Could not read the vault"));
          return FALSE;
        }
      if (n == 0)
        break;
      done += n;
    }

  close (fd);
  *size = st.st_size;
  return TRUE;
}

static gboolean
write_new_file (const char    *path,
                const guint8  *data,
                gsize          len,
                GError       **error)
{
  gsize done = 0;
  int fd;

  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      set_io_error (error, errno, _("Could not create the vault"));
      return FALSE;
    }

  while (done < len)
    {
      ssize_t n = write (fd, data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;

          close (fd);
          g_unlink (path);
          set_io_error (error, saved, _("Could not create the vault"));
          return FALSE;
        }
      done += n;
    }

  if (fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (path);
      set_io_error (error, saved, _("Could not create the vault"));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

static void
remove_db_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-journal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);

      g_unlink (p);
    }
}

/* ------------------------------------------------------------- the store */

static WbCryptKeys *
crypt_keys_for (const guint8 *copy,
                const WbKey  *dek)
{
  g_autoptr(WbKey) page_key = wb_key_derive (dek, SUBKEY_PAGE, KDF_CONTEXT);
  g_autoptr(WbKey) wal_key = wb_key_derive (dek, SUBKEY_WAL_MASK, KDF_CONTEXT);

  return wb_crypt_keys_new (copy + OFF_UUID, page_key, wal_key);
}

static void
set_error_from_open (GError     **error,
                     int          rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_IN_USE,
                           _("The vault is already open in another window or program"));
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM:
    case SQLITE_FULL:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      g_set_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_FAILED,
                   _("Could not open the vault: %s"), sqlite3_errstr (rc));
      break;
    default:
      set_damaged (error);
      break;
    }
}

/* Opens @path through the encrypting VFS and wraps it in a store; @copy
 * is the header copy that unlocked (its UUID is bound into every page).
 * With @file_pages >= 0 the database may declare at most that many pages
 * (see wb_vault_unlock()); checked before the store upgrades the schema,
 * whose writes go to a new WAL and may add pages. */
static WbStore *
store_open (const char    *path,
            const guint8  *copy,
            const WbKey   *dek,
            gboolean       create,
            gint64         file_pages,
            GError       **error)
{
  g_autoptr(WbCryptKeys) keys = crypt_keys_for (copy, dek);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *errmsg = NULL;
  sqlite3 *db = NULL;
  WbStore *store;
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  int rc;

  rc = wb_cryptvfs_open (path, keys, flags, &db, &errmsg);
  if (rc != SQLITE_OK)
    {
      g_debug ("opening the database failed: %s", errmsg ? errmsg : sqlite3_errstr (rc));
      set_error_from_open (error, rc);
      return NULL;
    }

  if (file_pages >= 0)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      gint64 pages = -1;

      rc = sqlite3_prepare_v2 (db, "PRAGMA page_count", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        pages = sqlite3_column_int64 (stmt, 0);
      else
        rc = sqlite3_extended_errcode (db);
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (pages < 1 || pages > file_pages)
        {
          sqlite3_close_v2 (db);
          if (rc == SQLITE_ROW)
            set_damaged (error);
          else
            set_error_from_open (error, rc);
          return NULL;
        }
    }

  store = _wb_store_new_take (db, &local_error);
  if (store != NULL)
    return store;

  g_debug ("opening the store failed: %s", local_error->message);
  if (g_error_matches (local_error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT))
    set_damaged (error);
  else if (g_error_matches (local_error, WB_STORE_ERROR, WB_STORE_ERROR_BUSY))
    set_error_from_open (error, SQLITE_BUSY);
  else if (g_error_matches (local_error, WB_STORE_ERROR, WB_STORE_ERROR_NEWER_SCHEMA))
    g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_NEWER_FORMAT,
                         _("This vault was made by a newer version of Weerbaar; update Weerbaar to open it"));
  else
    g_set_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_FAILED,
                 _("Could not open the vault: %s"), local_error->message);
  return NULL;
}

static gboolean
header_io (WbVault   *self,
           gboolean   write,
           goffset    offset,
           guint8    *data,
           gsize      length,
           GError   **error)
{
  WbCryptvfsHeaderIo io = { write, offset, length, data };
  int rc = wb_cryptvfs_header_io (_wb_store_get_db (self->store), &io);

  if (rc == SQLITE_OK)
    return TRUE;

  g_set_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_FAILED,
               write ? _("Could not write the vault's key header: %s")
                     : _("Could not read the vault's key header: %s"),
               sqlite3_errstr (rc));
  return FALSE;
}

/* --------------------------------------------------------------- object */

static void
vault_set_keys (WbVault      *self,
                WbKey        *dek,
                const guint8 *header,
                guint         copy)
{
  g_clear_pointer (&self->dek, wb_key_unref);
  g_clear_pointer (&self->mac_key, wb_key_unref);
  self->dek = wb_key_ref (dek);
  self->mac_key = wb_key_derive (dek, SUBKEY_HEADER_MAC, KDF_CONTEXT);
  memcpy (self->header, header, HEADER_SIZE);
  self->copy = copy;
}

static WbVault *
vault_new (const char *dir)
{
  return g_object_new (WB_TYPE_VAULT, "dir", dir, NULL);
}

static void
wb_vault_dispose (GObject *object)
{
  WbVault *self = (WbVault *)object;

  if (self->store != NULL)
    _wb_store_close (self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->dek, wb_key_unref);
  g_clear_pointer (&self->mac_key, wb_key_unref);

  G_OBJECT_CLASS (wb_vault_parent_class)->dispose (object);
}

static void
wb_vault_finalize (GObject *object)
{
  WbVault *self = (WbVault *)object;

  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (wb_vault_parent_class)->finalize (object);
}

static void
wb_vault_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  WbVault *self = WB_VAULT (object);

  switch (prop_id)
    {
    case PROP_DIR:
      g_value_set_string (value, self->dir);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, wb_vault_is_locked (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_vault_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  WbVault *self = WB_VAULT (object);

  switch (prop_id)
    {
    case PROP_DIR:
      self->dir = g_value_dup_string (value);
      self->db_path = g_build_filename (self->dir, WB_VAULT_FILE_NAME, NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_vault_class_init (WbVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wb_vault_dispose;
  object_class->finalize = wb_vault_finalize;
  object_class->get_property = wb_vault_get_property;
  object_class->set_property = wb_vault_set_property;

  /**
   * WbVault:dir:
   *
   * The vault folder (holding vault.db).
   */
  properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * WbVault:locked:
   *
   * TRUE once wb_vault_lock() dropped the keys and closed the store.
   */
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wb_vault_init (WbVault *self)
{
}

/* ------------------------------------------------------- sync operations */

char *
wb_vault_dup_default_dir (void)
{
  const char *env = g_getenv ("WEERBAAR_VAULT");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "weerbaar", NULL);
}

gboolean
wb_vault_exists (const char *dir)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (dir != NULL, FALSE);

  path = g_build_filename (dir, WB_VAULT_FILE_NAME, NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

WbVault *
wb_vault_create (const char    *dir,
                 const char    *passphrase,
                 WbVaultCost    cost,
                 char         **recovery_key,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(WbVault) self = NULL;
  g_autoptr(WbKey) dek = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autofree char *tmp_path = NULL;
  guint8 uuid[UUID_BYTES];
  guint8 *recovery = NULL;
  guint8 header[HEADER_SIZE];

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  wb_core_ensure_sodium ();

  if (!check_passphrase_strength (passphrase, error))
    return NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_io_error (error, errno, _("Could not create the vault folder"));
      return NULL;
    }

  self = vault_new (dir);
  if (g_file_test (self->db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_EXISTS,
                           _("There is already a vault in this folder"));
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  dek = wb_key_new_random ();
  randombytes_buf (uuid, sizeof uuid);
  recovery = secret_alloc (WB_KEY_BYTES);
  randombytes_buf (recovery, WB_KEY_BYTES);
  header_build (header, uuid, 1, passphrase, cost, recovery, dek);

  /* Build the vault under a temporary name and link it into place, so a
   * crash never leaves a half-made vault.db behind. */
  tmp_path = g_strconcat (self->db_path, ".new", NULL);
  remove_db_files (tmp_path);
  if (!write_new_file (tmp_path, header, sizeof header, error))
    goto fail;

  store = store_open (tmp_path, header, dek, TRUE, -1, error);
  if (store == NULL)
    goto fail;
  _wb_store_close (store);
  g_clear_object (&store);

  if (!fsync_path (tmp_path, FALSE, error))
    goto fail;

  if (link (tmp_path, self->db_path) != 0)
    {
      if (errno == EEXIST)
        g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_EXISTS,
                             _("There is already a vault in this folder"));
      else
        set_io_error (error, errno, _("Could not create the vault"));
      goto fail;
    }
  remove_db_files (tmp_path);
  if (!fsync_path (dir, TRUE, error))
    goto fail_opened;

  self->store = store_open (self->db_path, header, dek, FALSE, -1, error);
  if (self->store == NULL)
    goto fail_opened;

  vault_set_keys (self, dek, header, 0);
  if (recovery_key != NULL)
    *recovery_key = format_recovery_key (recovery);
  sodium_free (recovery);
  return g_steal_pointer (&self);

fail:
  remove_db_files (tmp_path);
fail_opened:
  sodium_free (recovery);
  return NULL;
}

static WbVault *
vault_unlock (const char    *dir,
              const guint8  *secret,
              gsize          secret_len,
              gboolean       recovery,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(WbVault) self = vault_new (dir);
  g_autoptr(WbKey) dek = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *wal_path = NULL;
  guint8 header[HEADER_SIZE];
  guint8 check[HEADER_SIZE];
  gboolean had_wal;
  goffset size = 0;
  guint copy = 0;

  wb_core_ensure_sodium ();

  if (!read_header_file (self->db_path, header, &size, error))
    return NULL;

  dek = header_unlock (header, secret, secret_len, recovery, &copy, cancellable, error);
  if (dek == NULL)
    return NULL;

  /* SQLite never shrinks a database below one page, and a new vault is
   * checkpointed before it is linked into place: a shorter file was cut
   * off, and SQLite would otherwise take it for a new, empty database. */
  if (size < HEADER_SIZE + WB_CRYPTVFS_PAGE_SIZE)
    {
      set_damaged (error);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  wal_path = g_strconcat (self->db_path, "-wal", NULL);
  had_wal = g_file_test (wal_path, G_FILE_TEST_EXISTS);

  /* SQLite reads pages lazily, so a vault cut short at the end would open
   * and fail later.  Without a WAL to recover from, the file must hold
   * every page page 1 declares. */
  self->store = store_open (self->db_path, header + copy * COPY_SIZE, dek, FALSE,
                            had_wal ? -1 : (size - HEADER_SIZE) / WB_CRYPTVFS_PAGE_SIZE,
                            error);
  if (self->store == NULL)
    return NULL;

  /* Now that SQLite holds the lock, make sure the header is the one we
   * unlocked, and repair a damaged or stale copy from the good one. */
  if (!header_io (self, FALSE, 0, check, sizeof check, error))
    return NULL;
  if (memcmp (check, header, HEADER_SIZE) != 0)
    {
      g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_IN_USE,
                           _("The vault was changed by another program while it was being opened"));
      return NULL;
    }

  vault_set_keys (self, dek, header, copy);

  if (memcmp (header, header + COPY_SIZE, COPY_SIZE) != 0)
    {
      guint other = 1 - copy;

      memcpy (self->header + other * COPY_SIZE, self->header + copy * COPY_SIZE, COPY_SIZE);
      if (header_io (self, TRUE, other * COPY_SIZE, self->header + other * COPY_SIZE,
                     COPY_SIZE, &local_error))
        g_debug ("repaired header copy %c", 'A' + other);
      else
        g_warning ("Could not repair the vault's key header: %s", local_error->message);
    }

  return g_steal_pointer (&self);
}

WbVault *
wb_vault_unlock (const char    *dir,
                 const char    *passphrase,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return vault_unlock (dir, (const guint8 *) passphrase, strlen (passphrase), FALSE,
                       cancellable, error);
}

WbVault *
wb_vault_unlock_with_recovery_key (const char    *dir,
                                   const char    *recovery_key,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  WbVault *self;
  guint8 *key;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (recovery_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = secret_alloc (WB_KEY_BYTES);
  if (!_wb_vault_parse_recovery_key (recovery_key, key))
    {
      sodium_free (key);
      g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_WRONG_RECOVERY_KEY,
                           _("This is not a valid recovery key; check it for typing errors"));
      return NULL;
    }

  self = vault_unlock (dir, key, WB_KEY_BYTES, TRUE, cancellable, error);
  sodium_free (key);
  return self;
}

void
wb_vault_lock (WbVault *self)
{
  g_return_if_fail (WB_IS_VAULT (self));

  if (wb_vault_is_locked (self))
    return;

  _wb_store_close (self->store);
  g_clear_object (&self->store);
  /* sodium_free() inside wb_key_unref wipes the keys. */
  g_clear_pointer (&self->dek, wb_key_unref);
  g_clear_pointer (&self->mac_key, wb_key_unref);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

gboolean
wb_vault_is_locked (WbVault *self)
{
  g_return_val_if_fail (WB_IS_VAULT (self), TRUE);

  return self->dek == NULL;
}

const char *
wb_vault_get_dir (WbVault *self)
{
  g_return_val_if_fail (WB_IS_VAULT (self), NULL);

  return self->dir;
}

WbStore *
wb_vault_get_store (WbVault *self)
{
  g_return_val_if_fail (WB_IS_VAULT (self), NULL);

  return self->store;
}

static gboolean
ensure_unlocked (WbVault  *self,
                 GError  **error)
{
  if (!wb_vault_is_locked (self))
    return TRUE;

  g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_LOCKED,
                       _("The vault is locked"));
  return FALSE;
}

/* Rewrites slot 0 only: stale copy first (generation + 1), fsync, then
 * the copy that unlocked.  A crash in between leaves one intact copy with
 * the old passphrase and one with the new. */
static gboolean
vault_change_passphrase (WbVault       *self,
                         const char    *new_passphrase,
                         WbVaultCost    cost,
                         GCancellable  *cancellable,
                         GError       **error)
{
  guint8 copy[COPY_SIZE];
  guint other = 1 - self->copy;
  guint64 ops;
  gsize mem;

  if (!ensure_unlocked (self, error) ||
      !check_passphrase_strength (new_passphrase, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  cost_limits (cost, &ops, &mem);
  memcpy (copy, self->header + self->copy * COPY_SIZE, COPY_SIZE);
  put_u64 (copy + OFF_GENERATION, get_u64 (copy + OFF_GENERATION) + 1);
  slot_fill (copy, copy + OFF_SLOT0, SLOT_KIND_PASSPHRASE, ops, mem,
             (const guint8 *) new_passphrase, strlen (new_passphrase), self->dek);
  copy_seal (copy, self->mac_key);

  if (!header_io (self, TRUE, other * COPY_SIZE, copy, COPY_SIZE, error))
    return FALSE;

#if WB_TEST_HOOKS
  if (g_strcmp0 (g_getenv (WB_VAULT_TEST_HOOK_ENV), "crash-between-header-writes") == 0)
    _exit (42);
#endif

  if (!header_io (self, TRUE, self->copy * COPY_SIZE, copy, COPY_SIZE, error))
    {
      /* The other copy already holds the new passphrase: use it. */
      memcpy (self->header + other * COPY_SIZE, copy, COPY_SIZE);
      self->copy = other;
      return FALSE;
    }

  memcpy (self->header, copy, COPY_SIZE);
  memcpy (self->header + COPY_SIZE, copy, COPY_SIZE);
  return TRUE;
}

gboolean
wb_vault_change_passphrase (WbVault       *self,
                            const char    *new_passphrase,
                            WbVaultCost    cost,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_return_val_if_fail (WB_IS_VAULT (self), FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return vault_change_passphrase (self, new_passphrase, cost, cancellable, error);
}

gboolean
wb_vault_rekey (WbVault       *self,
                const char    *passphrase,
                WbVaultCost    cost,
                char         **recovery_key,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(WbKey) dek = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autofree char *tmp_path = NULL;
  sqlite3_backup *backup;
  guint8 header[HEADER_SIZE];
  guint8 *recovery = NULL;
  int rc;

  g_return_val_if_fail (WB_IS_VAULT (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_unlocked (self, error) ||
      !check_passphrase_strength (passphrase, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  dek = wb_key_new_random ();
  recovery = secret_alloc (WB_KEY_BYTES);
  randombytes_buf (recovery, WB_KEY_BYTES);
  header_build (header, self->header + OFF_UUID,
                get_u64 (self->header + self->copy * COPY_SIZE + OFF_GENERATION) + 1,
                passphrase, cost, recovery, dek);

  tmp_path = g_strconcat (self->db_path, ".rekey", NULL);
  remove_db_files (tmp_path);
  if (!write_new_file (tmp_path, header, sizeof header, error))
    goto fail;

  store = store_open (tmp_path, header, dek, FALSE, -1, error);
  if (store == NULL)
    goto fail;

  backup = sqlite3_backup_init (_wb_store_get_db (store), "main",
                                _wb_store_get_db (self->store), "main");
  if (backup == NULL)
    {
      _wb_store_set_error (error, sqlite3_extended_errcode (_wb_store_get_db (store)),
                           _("Could not copy the vault"));
      goto fail;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_error (error, rc, _("Could not copy the vault"));
      goto fail;
    }

  _wb_store_close (store);
  g_clear_object (&store);
  if (!fsync_path (tmp_path, FALSE, error))
    goto fail;

  /* Close the old database before the rename so its WAL is checkpointed
   * into the old file and vault.db-wal is gone when the new one opens. */
  _wb_store_close (self->store);
  g_clear_object (&self->store);

  if (g_rename (tmp_path, self->db_path) != 0)
    {
      int saved = errno;

      self->store = store_open (self->db_path, self->header + self->copy * COPY_SIZE,
                                self->dek, FALSE, -1, NULL);
      set_io_error (error, saved, _("Could not replace the vault with its rekeyed copy"));
      goto fail;
    }
  remove_db_files (tmp_path);
  fsync_path (self->dir, TRUE, NULL);

  self->store = store_open (self->db_path, header, dek, FALSE, -1, error);
  if (self->store == NULL)
    {
      g_clear_pointer (&self->dek, wb_key_unref);
      g_clear_pointer (&self->mac_key, wb_key_unref);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
      sodium_free (recovery);
      return FALSE;
    }

  vault_set_keys (self, dek, header, 0);
  if (recovery_key != NULL)
    *recovery_key = format_recovery_key (recovery);
  sodium_free (recovery);
  return TRUE;

fail:
  if (store != NULL)
    _wb_store_close (store);
  remove_db_files (tmp_path);
  sodium_free (recovery);
  if (self->store == NULL)
    {
      g_clear_pointer (&self->dek, wb_key_unref);
      g_clear_pointer (&self->mac_key, wb_key_unref);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
    }
  return FALSE;
}

gboolean
wb_vault_check (WbVault  *self,
                GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  guint8 header[HEADER_SIZE];

  g_return_val_if_fail (WB_IS_VAULT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ensure_unlocked (self, error))
    return FALSE;

  if (!header_io (self, FALSE, 0, header, sizeof header, error))
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      const guint8 *copy = header + i * COPY_SIZE;

      if (copy_classify (copy) != COPY_OK || !copy_mac_ok (copy, self->mac_key))
        {
          g_set_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_DAMAGED,
                       _("Copy %c of the vault's key header is damaged"), 'A' + i);
          return FALSE;
        }
    }

  if (!wb_store_check_integrity (self->store, &local_error))
    {
      if (g_error_matches (local_error, WB_STORE_ERROR, WB_STORE_ERROR_CORRUPT))
        set_damaged (error);
      else
        g_set_error (error, WB_VAULT_ERROR, WB_VAULT_ERROR_FAILED,
                     "%s", local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------ async operations */

typedef struct
{
  char        *dir;
  char        *secret;        /* sodium_malloc'd; wiped by secret_free */
  WbVaultCost  cost;
} TaskData;

typedef struct
{
  WbVault *vault;
  char    *recovery_key;
} CreateResult;

static void
task_data_free (gpointer data)
{
  TaskData *td = data;

  g_free (td->dir);
  secret_free (td->secret);
  g_free (td);
}

static TaskData *
task_data_new (const char  *dir,
               const char  *secret,
               WbVaultCost  cost)
{
  TaskData *td = g_new0 (TaskData, 1);

  td->dir = g_strdup (dir);
  td->secret = secret_strdup (secret);
  td->cost = cost;
  return td;
}

static void
create_result_free (gpointer data)
{
  CreateResult *res = data;

  g_clear_object (&res->vault);
  if (res->recovery_key != NULL)
    {
      sodium_memzero (res->recovery_key, strlen (res->recovery_key));
      g_free (res->recovery_key);
    }
  g_free (res);
}

static void
create_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TaskData *td = task_data;
  GError *error = NULL;
  CreateResult *res = g_new0 (CreateResult, 1);

  res->vault = wb_vault_create (td->dir, td->secret, td->cost, &res->recovery_key,
                                cancellable, &error);
  if (res->vault == NULL)
    {
      create_result_free (res);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, res, create_result_free);
}

void
wb_vault_create_async (const char          *dir,
                       const char          *passphrase,
                       WbVaultCost          cost,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (dir != NULL);
  g_return_if_fail (passphrase != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_vault_create_async);
  g_task_set_task_data (task, task_data_new (dir, passphrase, cost), task_data_free);
  g_task_run_in_thread (task, create_thread_cb);
}

WbVault *
wb_vault_create_finish (GAsyncResult  *result,
                        char         **recovery_key,
                        GError       **error)
{
  CreateResult *res;
  WbVault *vault;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wb_vault_create_async, NULL);

  res = g_task_propagate_pointer (G_TASK (result), error);
  if (res == NULL)
    return NULL;

  vault = g_steal_pointer (&res->vault);
  if (recovery_key != NULL)
    *recovery_key = g_steal_pointer (&res->recovery_key);
  create_result_free (res);
  return vault;
}

static void
unlock_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TaskData *td = task_data;
  GError *error = NULL;
  WbVault *vault;

  vault = wb_vault_unlock (td->dir, td->secret, cancellable, &error);
  if (vault == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, vault, g_object_unref);
}

void
wb_vault_unlock_async (const char          *dir,
                       const char          *passphrase,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (dir != NULL);
  g_return_if_fail (passphrase != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_vault_unlock_async);
  g_task_set_task_data (task, task_data_new (dir, passphrase, 0), task_data_free);
  g_task_run_in_thread (task, unlock_thread_cb);
}

WbVault *
wb_vault_unlock_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wb_vault_unlock_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
change_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TaskData *td = task_data;
  GError *error = NULL;

  /* SQLite serialises use of the handle, and the header is only rewritten
   * here; the caller must not lock the vault until this completes. */
  if (vault_change_passphrase (source_object, td->secret, td->cost, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
wb_vault_change_passphrase_async (WbVault             *self,
                                  const char          *new_passphrase,
                                  WbVaultCost          cost,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WB_IS_VAULT (self));
  g_return_if_fail (new_passphrase != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_vault_change_passphrase_async);
  g_task_set_task_data (task, task_data_new (self->dir, new_passphrase, cost), task_data_free);
  g_task_run_in_thread (task, change_thread_cb);
}

gboolean
wb_vault_change_passphrase_finish (WbVault       *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (WB_IS_VAULT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
