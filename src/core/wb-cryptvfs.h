/* wb-cryptvfs.h — SQLite VFS shim that encrypts every page (core-private)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not part of the umbrella header: only wb-store, wb-vault and tests use it.
 */

#pragma once

#if !defined (WB_CORE_COMPILATION)
# error "wb-cryptvfs.h is private to libweerbaar-core."
#endif

#include <glib.h>
#include <sqlite3.h>

#include "wb-types.h"

G_BEGIN_DECLS

#define WB_CRYPTVFS_NAME         "wb-crypt"
#define WB_CRYPTVFS_HEADER_SIZE  4096  /* bytes 0..4095 of vault.db: key header */
#define WB_CRYPTVFS_PAGE_SIZE    4096
#define WB_CRYPTVFS_NONCE_BYTES  24
#define WB_CRYPTVFS_TAG_BYTES    16
#define WB_CRYPTVFS_RESERVE      (WB_CRYPTVFS_NONCE_BYTES + WB_CRYPTVFS_TAG_BYTES)
#define WB_CRYPTVFS_UUID_BYTES   16

/* Custom file-control opcode: read/write raw bytes of the key header
 * through the VFS's own handle (a second open()+close() of vault.db would
 * drop SQLite's POSIX locks).  Writes are followed by fsync. */
#define WB_CRYPTVFS_FCNTL_HEADER 0x57420001

typedef struct
{
  gboolean  write;
  goffset   offset;   /* 0 <= offset, offset + length <= HEADER_SIZE */
  gsize     length;
  guint8   *data;
} WbCryptvfsHeaderIo;

/* The secrets one open database needs: the vault UUID (bound into every
 * page's AAD), the page key and the WAL-checksum mask key.  Refcounted;
 * the VFS keeps a reference for as long as a file of that database is open. */
typedef struct _WbCryptKeys WbCryptKeys;

WbCryptKeys *wb_crypt_keys_new          (const guint8  uuid[WB_CRYPTVFS_UUID_BYTES],
                                         WbKey        *page_key,
                                         WbKey        *wal_mask_key);
WbCryptKeys *wb_crypt_keys_ref          (WbCryptKeys  *keys);
void         wb_crypt_keys_unref        (WbCryptKeys  *keys);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbCryptKeys, wb_crypt_keys_unref)

/* Registers the "wb-crypt" VFS (not as default).  Idempotent, thread-safe. */
int          wb_cryptvfs_register       (void);

/* Opens @path through the VFS with @keys.  The keys are handed to xOpen
 * through a one-shot token in the URI, never through a global default, so
 * two vaults can be open at once.  Returns an SQLite result code; on error
 * *db is NULL and @errmsg (if non-NULL) receives a g_strdup'd message. */
int          wb_cryptvfs_open           (const char   *path,
                                         WbCryptKeys  *keys,
                                         int           flags,
                                         sqlite3     **db,
                                         char        **errmsg);

/* Reads or writes raw key-header bytes of an open database through the
 * VFS's own file handle (WB_CRYPTVFS_FCNTL_HEADER). */
int          wb_cryptvfs_header_io      (sqlite3            *db,
                                         WbCryptvfsHeaderIo *io);

G_END_DECLS
