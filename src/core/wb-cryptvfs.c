/* wb-cryptvfs.c — SQLite VFS shim that encrypts every page
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Format and rationale: docs/storage.md and DESIGN.md §4.  Every numbered
 * "requirement" below refers to the list in DESIGN.md §4.
 */

#define G_LOG_DOMAIN "wb-cryptvfs"

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "wb-core-private.h"
#include "wb-key.h"
#include "wb-cryptvfs.h"

#define PAGE            WB_CRYPTVFS_PAGE_SIZE
#define HEADER          WB_CRYPTVFS_HEADER_SIZE
#define BODY            (PAGE - WB_CRYPTVFS_RESERVE)          /* encrypted part */
#define NONCE_AT        BODY
#define TAG_AT          (BODY + WB_CRYPTVFS_NONCE_BYTES)
#define AAD_BYTES       (WB_CRYPTVFS_UUID_BYTES + 8)
#define WAL_HDR         32
#define FRAME_HDR       24
#define FRAME           (FRAME_HDR + PAGE)
#define MASK_BYTES      16
#define URI_TOKEN_PARAM "wbkeys"

G_STATIC_ASSERT (crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == WB_CRYPTVFS_NONCE_BYTES);
G_STATIC_ASSERT (crypto_aead_xchacha20poly1305_ietf_ABYTES == WB_CRYPTVFS_TAG_BYTES);
G_STATIC_ASSERT (crypto_aead_xchacha20poly1305_ietf_KEYBYTES == WB_KEY_BYTES);

/* Domain separation of the checksum masks. */
enum
{
  MASK_WAL_HEADER = 1,
  MASK_WAL_FRAME  = 2,
  MASK_JOURNAL    = 3,
};

struct _WbCryptKeys
{
  gint    ref_count;
  guint8  uuid[WB_CRYPTVFS_UUID_BYTES];
  WbKey  *page_key;
  WbKey  *wal_mask_key;
};

typedef enum
{
  WB_FILE_MAIN,
  WB_FILE_WAL,
  WB_FILE_JOURNAL,
} WbFileKind;

typedef struct _WbCryptFile WbCryptFile;

struct _WbCryptFile
{
  sqlite3_file   base;
  sqlite3_file  *real;
  WbFileKind     kind;
  WbCryptKeys   *keys;
  WbCryptFile   *main;            /* WAL/journal: the main database (borrowed) */

  guint8         nonce_prefix[16];
  guint64        nonce_counter;
  guint8        *scratch;         /* FRAME bytes */

  /* WAL/journal: page number announced by the header write just before */
  sqlite3_int64  pending_off;
  guint32        pending_pgno;
  /* WAL: that header, masked, not written yet (see wal_write) */
  gboolean       pending_header;
  guint8         header[FRAME_HDR];

  /* journal: the last page record, whose checksum follows it */
  gboolean       last_valid;
  sqlite3_int64  last_page_end;
  guint8         last_nonce[WB_CRYPTVFS_NONCE_BYTES];

  /* main: the last page read from the WAL, for checkpoint reuse (req. 6) */
  gboolean       in_checkpoint;
  gboolean       reuse_is_cipher;
  gboolean       reuse_valid;
  guint32        reuse_pgno;
  guint8        *reuse_plain;     /* PAGE bytes */
  guint8        *reuse_cipher;    /* PAGE bytes */
};

#define REAL_OFFSET ((sizeof (WbCryptFile) + 15) & ~(gsize) 15)

static sqlite3_vfs  wb_vfs;
static sqlite3_vfs *real_vfs;
static const sqlite3_io_methods wb_io_methods;

G_LOCK_DEFINE_STATIC (registry);
static GHashTable *registry;      /* one-shot token → WbCryptKeys (owned) */

/* Keys ------------------------------------------------------------------ */

WbCryptKeys *
wb_crypt_keys_new (const guint8  uuid[WB_CRYPTVFS_UUID_BYTES],
                   WbKey        *page_key,
                   WbKey        *wal_mask_key)
{
  WbCryptKeys *keys;

  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (page_key != NULL, NULL);
  g_return_val_if_fail (wal_mask_key != NULL, NULL);

  keys = g_new0 (WbCryptKeys, 1);
  keys->ref_count = 1;
  memcpy (keys->uuid, uuid, WB_CRYPTVFS_UUID_BYTES);
  keys->page_key = wb_key_ref (page_key);
  keys->wal_mask_key = wb_key_ref (wal_mask_key);
  return keys;
}

WbCryptKeys *
wb_crypt_keys_ref (WbCryptKeys *keys)
{
  g_return_val_if_fail (keys != NULL, NULL);

  g_atomic_int_inc (&keys->ref_count);
  return keys;
}

void
wb_crypt_keys_unref (WbCryptKeys *keys)
{
  if (keys == NULL)
    return;

  if (g_atomic_int_dec_and_test (&keys->ref_count))
    {
      wb_key_unref (keys->page_key);
      wb_key_unref (keys->wal_mask_key);
      g_free (keys);
    }
}

/* Page crypto ----------------------------------------------------------- */

static inline guint32
get_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
make_aad (const WbCryptKeys *keys,
          guint32            pgno,
          guint8             aad[AAD_BYTES])
{
  guint64 le = GUINT64_TO_LE ((guint64) pgno);

  memcpy (aad, keys->uuid, WB_CRYPTVFS_UUID_BYTES);
  memcpy (aad + WB_CRYPTVFS_UUID_BYTES, &le, sizeof le);
}

static gboolean
reserved_is_zero (const guint8 *page)
{
  guint8 acc = 0;

  for (gsize i = BODY; i < PAGE; i++)
    acc |= page[i];
  return acc == 0;
}

/* Requirement 1: a page whose reserved bytes are not zero is refused, so
 * that the plaintext SQLite checksums is the plaintext it reads back. */
static int
encrypt_page (WbCryptFile  *f,
              guint32       pgno,
              const guint8 *plain,
              guint8       *out)
{
  guint8 aad[AAD_BYTES];
  guint8 *nonce = out + NONCE_AT;
  guint64 counter;

  if (pgno == 0 || !reserved_is_zero (plain))
    {
      g_debug ("refusing to encrypt a page with non-zero reserved bytes");
      return SQLITE_IOERR_WRITE;
    }

  /* 128 random bits per open file + a counter: unique without a
   * getrandom() system call per page. */
  counter = GUINT64_TO_LE (++f->nonce_counter);
  memcpy (nonce, f->nonce_prefix, sizeof f->nonce_prefix);
  memcpy (nonce + sizeof f->nonce_prefix, &counter, sizeof counter);

  make_aad (f->keys, pgno, aad);
  crypto_aead_xchacha20poly1305_ietf_encrypt_detached (out, out + TAG_AT, NULL,
                                                       plain, BODY,
                                                       aad, sizeof aad,
                                                       NULL, nonce,
                                                       wb_key_get_data (f->keys->page_key));
  return SQLITE_OK;
}

/* @cipher and @out may be the same buffer.  On failure @out is zeroed. */
static gboolean
decrypt_page (const WbCryptKeys *keys,
              guint32            pgno,
              const guint8      *cipher,
              guint8            *out)
{
  guint8 aad[AAD_BYTES];
  guint8 nonce[WB_CRYPTVFS_NONCE_BYTES];
  guint8 tag[WB_CRYPTVFS_TAG_BYTES];
  int rc;

  memcpy (nonce, cipher + NONCE_AT, sizeof nonce);
  memcpy (tag, cipher + TAG_AT, sizeof tag);
  make_aad (keys, pgno, aad);

  rc = crypto_aead_xchacha20poly1305_ietf_decrypt_detached (out, NULL, cipher, BODY,
                                                            tag, aad, sizeof aad, nonce,
                                                            wb_key_get_data (keys->page_key));
  if (rc != 0 || pgno == 0)
    {
      memset (out, 0, PAGE);
      return FALSE;
    }

  memset (out + BODY, 0, WB_CRYPTVFS_RESERVE);
  return TRUE;
}

/* WAL and journal checksums are a linear function of the plaintext, so on
 * disk they are XORed with a keyed hash of (domain, salt, file offset). */
static void
apply_mask (const WbCryptKeys *keys,
            guint8             domain,
            const guint8      *salt,
            gsize              salt_len,
            sqlite3_int64      offset,
            guint8            *data,
            gsize              len)
{
  guint8 in[1 + 32 + 8];
  guint8 mask[MASK_BYTES];
  guint64 le = GUINT64_TO_LE ((guint64) offset);
  gsize n = 0;

  g_assert (salt_len <= 32 && len <= MASK_BYTES);

  in[n++] = domain;
  memcpy (in + n, salt, salt_len);
  n += salt_len;
  memcpy (in + n, &le, sizeof le);
  n += sizeof le;

  crypto_generichash (mask, sizeof mask, in, n,
                      wb_key_get_data (keys->wal_mask_key), WB_KEY_BYTES);
  for (gsize i = 0; i < len; i++)
    data[i] ^= mask[i];
}

/* Word-wise, constant time: sodium_memcmp over 4 KiB is byte-wise and
 * slow (requirement 6). */
static gboolean
pages_equal (const guint8 *a,
             const guint8 *b)
{
  guint64 diff = 0;

  for (gsize i = 0; i < PAGE; i += sizeof (guint64))
    {
      guint64 x, y;

      memcpy (&x, a + i, sizeof x);
      memcpy (&y, b + i, sizeof y);
      diff |= x ^ y;
    }
  return diff == 0;
}

static gboolean
is_all_zero (const guint8 *p,
             gsize         len)
{
  guint8 acc = 0;

  for (gsize i = 0; i < len; i++)
    acc |= p[i];
  return acc == 0;
}

static inline int
real_read (WbCryptFile   *f,
           void          *buf,
           int            amt,
           sqlite3_int64  off)
{
  return f->real->pMethods->xRead (f->real, buf, amt, off);
}

static inline int
real_write (WbCryptFile   *f,
            const void    *buf,
            int            amt,
            sqlite3_int64  off)
{
  return f->real->pMethods->xWrite (f->real, buf, amt, off);
}

/* Main database --------------------------------------------------------- */

/* SQLite's offset o lives at o + HEADER on disk. */
static int
main_read (WbCryptFile   *f,
           guint8        *buf,
           int            amt,
           sqlite3_int64  off)
{
  int result = SQLITE_OK;

  /* A checkpoint never reads the main file: if one did not end cleanly,
   * stop handing out WAL ciphertext right here. */
  f->in_checkpoint = FALSE;

  while (amt > 0)
    {
      sqlite3_int64 page_start = off - off % PAGE;
      guint32 pgno = (guint32) (page_start / PAGE) + 1;
      gsize within = (gsize) (off - page_start);
      gsize n = MIN ((gsize) amt, PAGE - within);
      gboolean whole = within == 0 && n == PAGE;
      guint8 *dst = whole ? buf : f->scratch;
      int rc;

      rc = real_read (f, dst, PAGE, page_start + HEADER);
      if (rc == SQLITE_IOERR_SHORT_READ && is_all_zero (dst, PAGE))
        {
          /* Entirely beyond the end of the file: SQLite wants zeros. */
          memset (buf, 0, n);
          result = SQLITE_IOERR_SHORT_READ;
        }
      else if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
        {
          return rc;
        }
      else
        {
          /* A page cut short by truncation fails authentication too. */
          if (!decrypt_page (f->keys, pgno, dst, dst))
            {
              memset (buf, 0, n);
              return SQLITE_IOERR_DATA;
            }
          if (!whole)
            memcpy (buf, f->scratch + within, n);
        }

      buf += n;
      off += n;
      amt -= (int) n;
    }

  return result;
}

static int
main_write (WbCryptFile   *f,
            const guint8  *buf,
            int            amt,
            sqlite3_int64  off)
{
  guint32 pgno;
  int rc;

  /* SQLite writes whole, aligned pages to the main file; anything else
   * would be a change of page size and is refused. */
  if (amt != PAGE || off % PAGE != 0)
    return SQLITE_IOERR_WRITE;

  pgno = (guint32) (off / PAGE) + 1;

  /* Requirement 6: a checkpoint writes the page it has just read from the
   * WAL; reuse that ciphertext instead of encrypting a second time.  Inside
   * SQLITE_FCNTL_CKPT_START … CKPT_DONE the WAL handed SQLite the
   * ciphertext itself (see wal_read); otherwise it handed the plaintext. */
  if (f->reuse_valid && f->reuse_pgno == pgno
      && pages_equal (f->reuse_is_cipher ? f->reuse_cipher : f->reuse_plain, buf))
    {
      f->reuse_valid = FALSE;
      return real_write (f, f->reuse_cipher, PAGE, off + HEADER);
    }

  rc = encrypt_page (f, pgno, buf, f->scratch);
  if (rc != SQLITE_OK)
    return rc;
  return real_write (f, f->scratch, PAGE, off + HEADER);
}

/* WAL -------------------------------------------------------------------
 *
 * [0, 32) WAL header; frame k at 32 + k·FRAME: a 24-byte frame header
 * (page number, commit size, salts, checksums) and the page. */

static void
wal_mask_header (const WbCryptKeys *keys,
                 guint8             hdr[WAL_HDR])
{
  apply_mask (keys, MASK_WAL_HEADER, hdr + 16, 8, 0, hdr + 24, 8);
}

static void
wal_mask_frame_header (const WbCryptKeys *keys,
                       sqlite3_int64      frame_off,
                       guint8             hdr[FRAME_HDR])
{
  apply_mask (keys, MASK_WAL_FRAME, hdr + 8, 8, frame_off, hdr + 16, 8);
}

static int
wal_read (WbCryptFile   *f,
          guint8        *buf,
          int            amt,
          sqlite3_int64  off)
{
  sqlite3_int64 within = off >= WAL_HDR ? (off - WAL_HDR) % FRAME : -1;
  int rc;

  /* Requirement 2: a whole-frame read is recovery.  A frame that fails
   * authentication (torn write) reads as zeros: the end of the log. */
  if (within == 0 && amt == FRAME)
    {
      rc = real_read (f, buf, FRAME, off);
      if (rc != SQLITE_OK)
        return rc;
      wal_mask_frame_header (f->keys, off, buf);
      if (!decrypt_page (f->keys, get_be32 (buf), buf + FRAME_HDR, buf + FRAME_HDR))
        memset (buf, 0, FRAME);
      return SQLITE_OK;
    }

  /* A page-only read (a query or a checkpoint): failure is an error. */
  if (within == FRAME_HDR && amt == PAGE)
    {
      WbCryptFile *m = f->main;
      guint32 pgno;

      rc = real_read (f, f->scratch, FRAME, off - FRAME_HDR);
      if (rc == SQLITE_IOERR_SHORT_READ)
        rc = SQLITE_IOERR_DATA;
      if (rc != SQLITE_OK)
        {
          memset (buf, 0, PAGE);
          return rc;
        }
      pgno = get_be32 (f->scratch);

      /* A checkpoint only copies the frame to the database file; it never
       * looks inside.  Hand it the ciphertext, which main_write() then
       * writes as is: one decryption and one encryption saved per page.
       * The page is authenticated whenever it is read from the database,
       * with the same AAD (UUID ‖ page number). */
      if (m->in_checkpoint && pgno != 0)
        {
          memcpy (buf, f->scratch + FRAME_HDR, PAGE);
          memcpy (m->reuse_cipher, buf, PAGE);
          m->reuse_is_cipher = TRUE;
          m->reuse_pgno = pgno;
          m->reuse_valid = TRUE;
          return SQLITE_OK;
        }

      if (!decrypt_page (f->keys, pgno, f->scratch + FRAME_HDR, buf))
        return SQLITE_IOERR_DATA;

      memcpy (m->reuse_plain, buf, PAGE);
      memcpy (m->reuse_cipher, f->scratch + FRAME_HDR, PAGE);
      m->reuse_is_cipher = FALSE;
      m->reuse_pgno = pgno;
      m->reuse_valid = TRUE;
      return SQLITE_OK;
    }

  /* Anything else, piece by piece (e.g. the 8-byte checksum read of the
   * previous frame when SQLite rewrites checksums). */
  while (amt > 0)
    {
      guint8 hdr[WAL_HDR];
      gsize n;

      if (off < WAL_HDR)
        {
          n = MIN ((gsize) amt, (gsize) (WAL_HDR - off));
          rc = real_read (f, hdr, WAL_HDR, 0);
          if (rc != SQLITE_OK)
            return rc;
          wal_mask_header (f->keys, hdr);
          memcpy (buf, hdr + off, n);
        }
      else
        {
          sqlite3_int64 w = (off - WAL_HDR) % FRAME;
          sqlite3_int64 frame_off = off - w;

          rc = real_read (f, f->scratch, FRAME, frame_off);
          if (w >= FRAME_HDR && rc == SQLITE_IOERR_SHORT_READ)
            rc = SQLITE_IOERR_DATA;
          if (rc != SQLITE_OK)
            return rc;

          if (w < FRAME_HDR)
            {
              n = MIN ((gsize) amt, (gsize) (FRAME_HDR - w));
              wal_mask_frame_header (f->keys, frame_off, f->scratch);
              memcpy (buf, f->scratch + w, n);
            }
          else
            {
              guint8 *page = f->scratch + FRAME_HDR;

              n = MIN ((gsize) amt, (gsize) (FRAME - w));
              if (!decrypt_page (f->keys, get_be32 (f->scratch), page, page))
                return SQLITE_IOERR_DATA;
              memcpy (buf, page + (w - FRAME_HDR), n);
            }
        }

      buf += n;
      off += n;
      amt -= (int) n;
    }

  return SQLITE_OK;
}

/* A WAL frame header is held back until its page comes, so that the
 * frame goes out in one write instead of two (a system call per page of a
 * bundle import, issue #6).  Anything else done to the file first writes
 * it out, so the file always reads as if it had been written at once.  A
 * crash in between loses a header without its page: a frame that fails
 * authentication either way, the end of the log. */
static int
wal_flush_header (WbCryptFile *f)
{
  if (!f->pending_header)
    return SQLITE_OK;
  f->pending_header = FALSE;
  return real_write (f, f->header, FRAME_HDR, f->pending_off - FRAME_HDR);
}

static int
wal_write (WbCryptFile   *f,
           const guint8  *buf,
           int            amt,
           sqlite3_int64  off)
{
  sqlite3_int64 within = off >= WAL_HDR ? (off - WAL_HDR) % FRAME : -1;
  guint8 *s = f->scratch;
  int rc;

  if (f->pending_header)
    {
      if (within == FRAME_HDR && amt == PAGE && off == f->pending_off)
        {
          f->pending_header = FALSE;
          memcpy (s, f->header, FRAME_HDR);
          rc = encrypt_page (f, f->pending_pgno, buf, s + FRAME_HDR);
          if (rc != SQLITE_OK)
            return rc;
          return real_write (f, s, FRAME, off - FRAME_HDR);
        }
      rc = wal_flush_header (f);
      if (rc != SQLITE_OK)
        return rc;
    }

  if (off == 0 && amt == WAL_HDR)
    {
      memcpy (s, buf, WAL_HDR);
      if (get_be32 (s + 8) != PAGE)
        return SQLITE_IOERR_WRITE;
      wal_mask_header (f->keys, s);
      return real_write (f, s, WAL_HDR, 0);
    }

  if (within == 0 && (amt == FRAME_HDR || amt == FRAME))
    {
      memcpy (s, buf, FRAME_HDR);
      wal_mask_frame_header (f->keys, off, s);
      if (amt == FRAME)
        {
          rc = encrypt_page (f, get_be32 (buf), buf + FRAME_HDR, s + FRAME_HDR);
          if (rc != SQLITE_OK)
            return rc;
        }
      else
        {
          f->pending_off = off + FRAME_HDR;
          f->pending_pgno = get_be32 (buf);
          memcpy (f->header, s, FRAME_HDR);
          f->pending_header = TRUE;
          return SQLITE_OK;
        }
      return real_write (f, s, amt, off);
    }

  if (within == FRAME_HDR && amt == PAGE)
    {
      guint32 pgno;

      if (f->pending_off == off)
        {
          pgno = f->pending_pgno;
        }
      else
        {
          /* An overwrite of a frame in the same transaction: its header
           * (page number in clear) is already on disk. */
          guint8 be[4];

          rc = real_read (f, be, sizeof be, off - FRAME_HDR);
          if (rc != SQLITE_OK)
            return SQLITE_IOERR_WRITE;
          pgno = get_be32 (be);
        }

      rc = encrypt_page (f, pgno, buf, s);
      if (rc != SQLITE_OK)
        return rc;
      return real_write (f, s, PAGE, off);
    }

  return SQLITE_IOERR_WRITE;
}

/* Rollback journal ------------------------------------------------------
 *
 * Page records are pgno (4) ‖ page ‖ checksum (4) after a sector-aligned
 * journal header, so a record's page always starts at an offset ≡ 4
 * (mod 8) while headers start at multiples of 512.  SQLite reads and
 * writes a record's three parts one after the other; the checksum is
 * recognised as the 4 bytes right after the page just handled. */

static int
journal_read (WbCryptFile   *f,
              guint8        *buf,
              int            amt,
              sqlite3_int64  off)
{
  int rc;

  if (amt == PAGE && off % 8 == 4)
    {
      rc = real_read (f, f->scratch, 4 + PAGE, off - 4);
      if (rc != SQLITE_OK)
        {
          memset (buf, 0, PAGE);
          return rc;
        }
      /* A torn record reads as zeros; its checksum then fails and
       * SQLite stops the playback there, as it would for a plain torn
       * record. */
      f->last_valid = decrypt_page (f->keys, get_be32 (f->scratch), f->scratch + 4, buf);
      f->last_page_end = off + PAGE;
      memcpy (f->last_nonce, f->scratch + 4 + NONCE_AT, sizeof f->last_nonce);
      return SQLITE_OK;
    }

  rc = real_read (f, buf, amt, off);
  if (rc == SQLITE_OK && amt == 4 && f->last_valid && off == f->last_page_end)
    apply_mask (f->keys, MASK_JOURNAL, f->last_nonce, sizeof f->last_nonce, off, buf, 4);
  return rc;
}

static int
journal_write (WbCryptFile   *f,
               const guint8  *buf,
               int            amt,
               sqlite3_int64  off)
{
  int rc;

  if (amt == PAGE && off % 8 == 4)
    {
      guint32 pgno;

      if (f->pending_off == off)
        {
          pgno = f->pending_pgno;
        }
      else
        {
          guint8 be[4];

          rc = real_read (f, be, sizeof be, off - 4);
          if (rc != SQLITE_OK)
            return SQLITE_IOERR_WRITE;
          pgno = get_be32 (be);
        }

      rc = encrypt_page (f, pgno, buf, f->scratch);
      if (rc != SQLITE_OK)
        return rc;
      f->last_valid = TRUE;
      f->last_page_end = off + PAGE;
      memcpy (f->last_nonce, f->scratch + NONCE_AT, sizeof f->last_nonce);
      return real_write (f, f->scratch, PAGE, off);
    }

  if (amt == 4 && f->last_valid && off == f->last_page_end)
    {
      guint8 masked[4];

      memcpy (masked, buf, sizeof masked);
      apply_mask (f->keys, MASK_JOURNAL, f->last_nonce, sizeof f->last_nonce, off, masked, 4);
      f->last_valid = FALSE;
      return real_write (f, masked, sizeof masked, off);
    }

  if (amt == 4)
    {
      f->pending_off = off + 4;
      f->pending_pgno = get_be32 (buf);
    }

  /* Journal header, record page numbers: no content. */
  return real_write (f, buf, amt, off);
}

/* io methods ------------------------------------------------------------ */

/* Every method but a WAL write starts here (wal_flush_header). */
static int
flush_pending (WbCryptFile *f)
{
  return f->kind == WB_FILE_WAL ? wal_flush_header (f) : SQLITE_OK;
}

static int
wb_file_close (sqlite3_file *file)
{
  WbCryptFile *f = (WbCryptFile *) file;
  int flushed = flush_pending (f);
  int rc;

  rc = f->real->pMethods->xClose (f->real);
  if (rc == SQLITE_OK)
    rc = flushed;

  if (f->scratch != NULL)
    sodium_memzero (f->scratch, FRAME);
  if (f->reuse_plain != NULL)
    sodium_memzero (f->reuse_plain, PAGE);
  g_clear_pointer (&f->scratch, g_free);
  g_clear_pointer (&f->reuse_plain, g_free);
  g_clear_pointer (&f->reuse_cipher, g_free);
  g_clear_pointer (&f->keys, wb_crypt_keys_unref);
  f->reuse_valid = FALSE;

  return rc;
}

static int
wb_file_read (sqlite3_file  *file,
              void          *buf,
              int            amt,
              sqlite3_int64  off)
{
  WbCryptFile *f = (WbCryptFile *) file;
  int rc = flush_pending (f);

  if (rc != SQLITE_OK)
    return rc;
  switch (f->kind)
    {
    case WB_FILE_MAIN:
      return main_read (f, buf, amt, off);
    case WB_FILE_WAL:
      return wal_read (f, buf, amt, off);
    case WB_FILE_JOURNAL:
      return journal_read (f, buf, amt, off);
    default:
      g_assert_not_reached ();
    }
  return SQLITE_IOERR_READ;
}

static int
wb_file_write (sqlite3_file  *file,
               const void    *buf,
               int            amt,
               sqlite3_int64  off)
{
  WbCryptFile *f = (WbCryptFile *) file;

  switch (f->kind)
    {
    case WB_FILE_MAIN:
      return main_write (f, buf, amt, off);
    case WB_FILE_WAL:
      return wal_write (f, buf, amt, off);
    case WB_FILE_JOURNAL:
      return journal_write (f, buf, amt, off);
    default:
      g_assert_not_reached ();
    }
  return SQLITE_IOERR_WRITE;
}

static int
wb_file_truncate (sqlite3_file  *file,
                  sqlite3_int64  size)
{
  WbCryptFile *f = (WbCryptFile *) file;
  int rc = flush_pending (f);

  if (rc != SQLITE_OK)
    return rc;
  if (f->kind == WB_FILE_MAIN)
    size += HEADER;
  return f->real->pMethods->xTruncate (f->real, size);
}

static int
wb_file_sync (sqlite3_file *file,
              int           flags)
{
  WbCryptFile *f = (WbCryptFile *) file;
  int rc = flush_pending (f);

  if (rc != SQLITE_OK)
    return rc;
  return f->real->pMethods->xSync (f->real, flags);
}

static int
wb_file_size (sqlite3_file  *file,
              sqlite3_int64 *size)
{
  WbCryptFile *f = (WbCryptFile *) file;
  int rc = flush_pending (f);

  if (rc != SQLITE_OK)
    return rc;
  rc = f->real->pMethods->xFileSize (f->real, size);
  if (rc == SQLITE_OK && f->kind == WB_FILE_MAIN)
    *size = MAX (*size - HEADER, 0);
  return rc;
}

static int
wb_file_lock (sqlite3_file *file,
              int           level)
{
  WbCryptFile *f = (WbCryptFile *) file;
  int rc = flush_pending (f);

  if (rc != SQLITE_OK)
    return rc;
  return f->real->pMethods->xLock (f->real, level);
}

static int
wb_file_unlock (sqlite3_file *file,
                int           level)
{
  WbCryptFile *f = (WbCryptFile *) file;
  int rc = flush_pending (f);

  if (rc != SQLITE_OK)
    return rc;
  return f->real->pMethods->xUnlock (f->real, level);
}

static int
wb_file_check_reserved_lock (sqlite3_file *file,
                             int          *out)
{
  WbCryptFile *f = (WbCryptFile *) file;
  int rc = flush_pending (f);

  if (rc != SQLITE_OK)
    return rc;
  return f->real->pMethods->xCheckReservedLock (f->real, out);
}

static int
header_io (WbCryptFile        *f,
           WbCryptvfsHeaderIo *io)
{
  int rc;

  if (f->kind != WB_FILE_MAIN || io == NULL || io->data == NULL
      || io->offset < 0 || io->length > HEADER
      || (gsize) io->offset > HEADER - io->length)
    return SQLITE_MISUSE;

  if (!io->write)
    return real_read (f, io->data, (int) io->length, io->offset);

  rc = real_write (f, io->data, (int) io->length, io->offset);
  if (rc == SQLITE_OK)
    rc = f->real->pMethods->xSync (f->real, SQLITE_SYNC_FULL);
  return rc;
}

static int
wb_file_control (sqlite3_file *file,
                 int           op,
                 void         *arg)
{
  WbCryptFile *f = (WbCryptFile *) file;
  int rc = flush_pending (f);

  if (rc != SQLITE_OK)
    return rc;
  switch (op)
    {
    case WB_CRYPTVFS_FCNTL_HEADER:
      return header_io (f, arg);

    case SQLITE_FCNTL_SIZE_HINT:
      if (f->kind == WB_FILE_MAIN)
        {
          sqlite3_int64 hint = *(sqlite3_int64 *) arg + HEADER;
          return f->real->pMethods->xFileControl (f->real, op, &hint);
        }
      break;

    case SQLITE_FCNTL_CKPT_START:
    case SQLITE_FCNTL_CKPT_DONE:
      if (f->kind == WB_FILE_MAIN)
        {
          f->in_checkpoint = op == SQLITE_FCNTL_CKPT_START;
          f->reuse_valid = FALSE;
        }
      break;

    case SQLITE_FCNTL_VFSNAME:
      *(char **) arg = sqlite3_mprintf ("%s", WB_CRYPTVFS_NAME);
      return SQLITE_OK;

    /* Nothing of ours may hand out a temp file name or map the file. */
    case SQLITE_FCNTL_TEMPFILENAME:
    case SQLITE_FCNTL_MMAP_SIZE:
      return SQLITE_NOTFOUND;

    default:
      break;
    }

  return f->real->pMethods->xFileControl (f->real, op, arg);
}

static int
wb_file_sector_size (sqlite3_file *file)
{
  WbCryptFile *f = (WbCryptFile *) file;

  return f->real->pMethods->xSectorSize (f->real);
}

static int
wb_file_device_characteristics (sqlite3_file *file)
{
  WbCryptFile *f = (WbCryptFile *) file;

  /* Batch-atomic writes would bypass the journal format above. */
  return f->real->pMethods->xDeviceCharacteristics (f->real) & ~SQLITE_IOCAP_BATCH_ATOMIC;
}

/* Version 1: no xShm (WAL needs locking_mode=EXCLUSIVE, so there is never
 * a -shm file) and no xFetch (no mmap of ciphertext). */
static const sqlite3_io_methods wb_io_methods = {
  1,
  wb_file_close,
  wb_file_read,
  wb_file_write,
  wb_file_truncate,
  wb_file_sync,
  wb_file_size,
  wb_file_lock,
  wb_file_unlock,
  wb_file_check_reserved_lock,
  wb_file_control,
  wb_file_sector_size,
  wb_file_device_characteristics,
  NULL, NULL, NULL, NULL, NULL, NULL,
};

/* vfs methods ----------------------------------------------------------- */

static WbCryptKeys *
registry_take (const char *token)
{
  WbCryptKeys *keys = NULL;
  char *stolen = NULL;

  if (token == NULL)
    return NULL;

  G_LOCK (registry);
  if (registry != NULL)
    g_hash_table_steal_extended (registry, token, (gpointer *) &stolen, (gpointer *) &keys);
  G_UNLOCK (registry);

  g_free (stolen);
  return keys;
}

static int
wb_vfs_open (sqlite3_vfs  *vfs,
             const char   *name,
             sqlite3_file *file,
             int           flags,
             int          *out_flags)
{
  WbCryptFile *f = (WbCryptFile *) file;
  WbCryptKeys *keys = NULL;
  WbCryptFile *main_file = NULL;
  WbFileKind kind;
  int rc;

  memset (f, 0, sizeof *f);
  f->real = (sqlite3_file *) ((char *) f + REAL_OFFSET);

  /* Requirement 4: fail closed.  Only the main database (with its keys),
   * its WAL and its rollback journal are opened; temp databases, statement
   * journals, super-journals and transient files are refused outright. */
  if ((flags & SQLITE_OPEN_MAIN_DB) && name != NULL)
    {
      kind = WB_FILE_MAIN;
      keys = registry_take (sqlite3_uri_parameter (name, URI_TOKEN_PARAM));
    }
  else if ((flags & (SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)) && name != NULL)
    {
      sqlite3_file *db_file = sqlite3_database_file_object (name);

      kind = (flags & SQLITE_OPEN_WAL) ? WB_FILE_WAL : WB_FILE_JOURNAL;
      if (db_file != NULL && db_file->pMethods == &wb_io_methods)
        {
          main_file = (WbCryptFile *) db_file;
          if (main_file->keys != NULL)
            keys = wb_crypt_keys_ref (main_file->keys);
        }
    }
  else
    {
      return SQLITE_CANTOPEN;
    }

  if (keys == NULL)
    return SQLITE_CANTOPEN;

  rc = real_vfs->xOpen (real_vfs, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      wb_crypt_keys_unref (keys);
      return rc;
    }

  f->kind = kind;
  f->keys = keys;
  f->main = main_file;
  f->pending_off = -1;
  f->last_page_end = -1;
  f->scratch = g_malloc0 (FRAME);
  if (kind == WB_FILE_MAIN)
    {
      f->reuse_plain = g_malloc0 (PAGE);
      f->reuse_cipher = g_malloc0 (PAGE);
    }
  randombytes_buf (f->nonce_prefix, sizeof f->nonce_prefix);

  f->base.pMethods = &wb_io_methods;
  return SQLITE_OK;
}

static int
wb_vfs_delete (sqlite3_vfs *vfs,
               const char  *name,
               int          sync_dir)
{
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
wb_vfs_access (sqlite3_vfs *vfs,
               const char  *name,
               int          flags,
               int         *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
wb_vfs_full_pathname (sqlite3_vfs *vfs,
                      const char  *name,
                      int          n_out,
                      char        *out)
{
  return real_vfs->xFullPathname (real_vfs, name, n_out, out);
}

/* Extension loading is off; the VFS refuses it too. */
static void *
wb_vfs_dl_open (sqlite3_vfs *vfs,
                const char  *name)
{
  return NULL;
}

static void
wb_vfs_dl_error (sqlite3_vfs *vfs,
                 int          n,
                 char        *out)
{
  sqlite3_snprintf (n, out, "extension loading is disabled");
}

static void (*
wb_vfs_dl_sym (sqlite3_vfs *vfs,
               void        *handle,
               const char  *symbol)) (void)
{
  return NULL;
}

static void
wb_vfs_dl_close (sqlite3_vfs *vfs,
                 void        *handle)
{
}

static int
wb_vfs_randomness (sqlite3_vfs *vfs,
                   int          n,
                   char        *out)
{
  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
wb_vfs_sleep (sqlite3_vfs *vfs,
              int          usec)
{
  return real_vfs->xSleep (real_vfs, usec);
}

static int
wb_vfs_current_time (sqlite3_vfs *vfs,
                     double      *out)
{
  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
wb_vfs_get_last_error (sqlite3_vfs *vfs,
                       int          n,
                       char        *out)
{
  return real_vfs->xGetLastError (real_vfs, n, out);
}

static int
wb_vfs_current_time_int64 (sqlite3_vfs   *vfs,
                           sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

int
wb_cryptvfs_register (void)
{
  static gsize once = 0;
  static int result = SQLITE_OK;

  if (g_once_init_enter (&once))
    {
      wb_core_ensure_sodium ();

      /* SQLite's memory statistics take a process-wide mutex around
       * every allocation and free: about 4% of a bundle import's merge
       * thread (issue #6).  Nothing here reads them (no soft heap limit,
       * no sqlite3_memory_used).  Only possible before SQLite starts; if
       * something in this process started it already, the call changes
       * nothing and is harmless. */
      if (sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        g_debug ("SQLite was already initialised; its memory statistics stay on");
      result = sqlite3_initialize ();
      if (result == SQLITE_OK)
        {
          real_vfs = sqlite3_vfs_find (NULL);
          if (real_vfs == NULL || real_vfs->iVersion < 2)
            result = SQLITE_ERROR;
        }

      if (result == SQLITE_OK)
        {
          wb_vfs.iVersion = 2;
          wb_vfs.szOsFile = (int) REAL_OFFSET + real_vfs->szOsFile;
          wb_vfs.mxPathname = real_vfs->mxPathname;
          wb_vfs.zName = WB_CRYPTVFS_NAME;
          wb_vfs.xOpen = wb_vfs_open;
          wb_vfs.xDelete = wb_vfs_delete;
          wb_vfs.xAccess = wb_vfs_access;
          wb_vfs.xFullPathname = wb_vfs_full_pathname;
          wb_vfs.xDlOpen = wb_vfs_dl_open;
          wb_vfs.xDlError = wb_vfs_dl_error;
          wb_vfs.xDlSym = wb_vfs_dl_sym;
          wb_vfs.xDlClose = wb_vfs_dl_close;
          wb_vfs.xRandomness = wb_vfs_randomness;
          wb_vfs.xSleep = wb_vfs_sleep;
          wb_vfs.xCurrentTime = wb_vfs_current_time;
          wb_vfs.xGetLastError = wb_vfs_get_last_error;
          wb_vfs.xCurrentTimeInt64 = wb_vfs_current_time_int64;
          result = sqlite3_vfs_register (&wb_vfs, 0);
        }

      if (result != SQLITE_OK)
        g_warning ("could not register the %s VFS: %s", WB_CRYPTVFS_NAME, sqlite3_errstr (result));

      g_once_init_leave (&once, 1);
    }

  return result;
}

/* The hardened opener --------------------------------------------------- */

static gboolean
value_is (const char *value,
          const char *expected)
{
  return value != NULL && g_ascii_strcasecmp (value, expected) == 0;
}

/* Requirement 4.  Queries (no value) are always allowed; settings that
 * would undo a hardening pragma, change the page format or map the file
 * are denied.  Plain VACUUM attaches '' and keeps working; VACUUM INTO and
 * ATTACH of any named file (a route to a plaintext copy) are denied. */
static int
authorizer_cb (void       *user_data,
               int         action,
               const char *arg1,
               const char *arg2,
               const char *db_name,
               const char *trigger)
{
  static const char * const frozen[] = {
    "page_size", "mmap_size", "temp_store", "temp_store_directory",
    "data_store_directory", "writable_schema", "cell_size_check",
    "secure_delete", "trusted_schema", "schema_version", "legacy_alter_table",
  };

  switch (action)
    {
    case SQLITE_ATTACH:
      return (arg1 != NULL && arg1[0] != '\0') ? SQLITE_DENY : SQLITE_OK;

    case SQLITE_PRAGMA:
      if (arg1 == NULL || arg2 == NULL)
        return SQLITE_OK;
      if (g_ascii_strcasecmp (arg1, "journal_mode") == 0)
        return value_is (arg2, "wal") ? SQLITE_OK : SQLITE_DENY;
      if (g_ascii_strcasecmp (arg1, "locking_mode") == 0)
        return value_is (arg2, "exclusive") ? SQLITE_OK : SQLITE_DENY;
      for (gsize i = 0; i < G_N_ELEMENTS (frozen); i++)
        if (g_ascii_strcasecmp (arg1, frozen[i]) == 0)
          return SQLITE_DENY;
      return SQLITE_OK;

    default:
      return SQLITE_OK;
    }
}

static int
exec_text (sqlite3     *db,
           const char  *sql,
           char       **text)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (text != NULL)
        *text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    {
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc;
}

static int
harden (sqlite3  *db,
        char    **errmsg)
{
  static const char * const pragmas[] = {
    "PRAGMA temp_store=MEMORY",
    "PRAGMA secure_delete=ON",
    "PRAGMA cell_size_check=ON",
    "PRAGMA trusted_schema=OFF",
    /* Every page fetched from disk costs a decryption, so a cache hit saves
     * more here than in plain SQLite: 64 MiB holds the whole index of a
     * 100k-signal vault and stays well inside the memory budget. */
    "PRAGMA cache_size=-65536",
    /* In WAL mode NORMAL syncs at checkpoints, not at every commit: a
     * crash of the program (kill -9) still loses no committed transaction
     * and the vault stays consistent; only a power cut may roll back the
     * last few commits.  FULL made each single-signal save wait for the
     * disk (p95 15 ms against 5 ms). */
    "PRAGMA synchronous=NORMAL",
  };
  g_autofree char *mode = NULL;
  g_autofree char *page_size = NULL;
  int reserve = WB_CRYPTVFS_RESERVE;
  int rc;

  sqlite3_extended_result_codes (db, 1);

  /* Before anything is written: a new database gets the page format,
   * an existing one keeps what page 1 says (checked below). */
  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  rc = exec_text (db, "PRAGMA page_size=4096", NULL);
  if (rc == SQLITE_OK)
    rc = exec_text (db, "PRAGMA locking_mode=EXCLUSIVE", NULL);
  if (rc != SQLITE_OK)
    goto fail;

  /* Reads page 1 (and recovers the WAL): a wrong key fails here with
   * SQLITE_IOERR_DATA, not at some later query. */
  rc = exec_text (db, "SELECT count(*) FROM sqlite_schema", NULL);
  if (rc != SQLITE_OK)
    goto fail;

  reserve = -1;
  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  rc = exec_text (db, "PRAGMA page_size", &page_size);
  if (rc != SQLITE_OK)
    goto fail;
  if (reserve != WB_CRYPTVFS_RESERVE || g_strcmp0 (page_size, "4096") != 0)
    {
      if (errmsg != NULL)
        *errmsg = g_strdup ("database does not use the encrypted page format");
      return SQLITE_NOTADB;
    }

  rc = exec_text (db, "PRAGMA journal_mode=WAL", &mode);
  if (rc != SQLITE_OK)
    goto fail;
  if (g_strcmp0 (mode, "wal") != 0)
    {
      if (errmsg != NULL)
        *errmsg = g_strdup ("could not switch the database to WAL mode");
      return SQLITE_CANTOPEN;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (pragmas); i++)
    {
      rc = exec_text (db, pragmas[i], NULL);
      if (rc != SQLITE_OK)
        goto fail;
    }

  if (sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL) != SQLITE_OK
      || sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL) != SQLITE_OK
      || sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL) != SQLITE_OK)
    {
      rc = SQLITE_ERROR;
      goto fail;
    }

  rc = sqlite3_set_authorizer (db, authorizer_cb, NULL);
  if (rc != SQLITE_OK)
    goto fail;

  return SQLITE_OK;

fail:
  if (errmsg != NULL)
    *errmsg = g_strdup (sqlite3_errmsg (db));
  return rc;
}

int
wb_cryptvfs_open (const char   *path,
                  WbCryptKeys  *keys,
                  int           flags,
                  sqlite3     **db,
                  char        **errmsg)
{
  g_autofree char *token = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  guint8 raw[16];
  sqlite3 *handle = NULL;
  WbCryptKeys *leftover = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);
  *db = NULL;
  if (errmsg != NULL)
    *errmsg = NULL;
  g_return_val_if_fail (path != NULL, SQLITE_MISUSE);
  g_return_val_if_fail (keys != NULL, SQLITE_MISUSE);

  rc = wb_cryptvfs_register ();
  if (rc != SQLITE_OK)
    {
      if (errmsg != NULL)
        *errmsg = g_strdup ("the encrypting VFS is not available");
      return rc;
    }

  randombytes_buf (raw, sizeof raw);
  token = g_malloc (sizeof raw * 2 + 1);
  sodium_bin2hex (token, sizeof raw * 2 + 1, raw, sizeof raw);

  G_LOCK (registry);
  if (registry == NULL)
    registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (registry, g_strdup (token), wb_crypt_keys_ref (keys));
  G_UNLOCK (registry);

  escaped = g_uri_escape_string (path, "/", FALSE);
  uri = g_strdup_printf ("file:%s%s?vfs=%s&%s=%s",
                         path[0] == '/' ? "//" : "", escaped,
                         WB_CRYPTVFS_NAME, URI_TOKEN_PARAM, token);

  rc = sqlite3_open_v2 (uri, &handle,
                        (flags & ~SQLITE_OPEN_MEMORY) | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE,
                        WB_CRYPTVFS_NAME);

  /* One-shot: whatever happened, the token is dead now. */
  leftover = registry_take (token);
  g_clear_pointer (&leftover, wb_crypt_keys_unref);

  if (rc == SQLITE_OK)
    rc = harden (handle, errmsg);
  else if (errmsg != NULL)
    *errmsg = g_strdup (handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));

  if (rc != SQLITE_OK)
    {
      sqlite3_close_v2 (handle);
      return rc;
    }

  *db = handle;
  return SQLITE_OK;
}

int
wb_cryptvfs_header_io (sqlite3            *db,
                       WbCryptvfsHeaderIo *io)
{
  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);
  g_return_val_if_fail (io != NULL, SQLITE_MISUSE);

  return sqlite3_file_control (db, "main", WB_CRYPTVFS_FCNTL_HEADER, io);
}
