/* wb-age.h — the age v1 file format (X25519 recipients only)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_INSIDE) && !defined (WB_CORE_COMPILATION)
# error "Only <wb-core.h> can be included directly."
#endif

#include <gio/gio.h>

#include "wb-types.h"

G_BEGIN_DECLS

#define WB_AGE_ERROR (wb_age_error_quark ())

/* The kinds a bundle importer tells apart.  HEADER_INVALID and
 * UNSUPPORTED_VERSION are header failures, PAYLOAD_* and TRAILING_DATA are
 * payload failures (C2SP CCTV "expect" classes).  I/O errors of the
 * underlying streams are passed on unchanged (G_IO_ERROR). */
typedef enum
{
  WB_AGE_ERROR_FAILED,
  WB_AGE_ERROR_INVALID_KEY,          /* not an age1… / AGE-SECRET-KEY-1… string */
  WB_AGE_ERROR_HEADER_INVALID,       /* not an age file, or a malformed header */
  WB_AGE_ERROR_UNSUPPORTED_VERSION,  /* age-encryption.org/v2 or later */
  WB_AGE_ERROR_NO_MATCH,             /* none of our identities opens a stanza */
  WB_AGE_ERROR_HEADER_MAC,           /* header MAC does not verify */
  WB_AGE_ERROR_PAYLOAD_CORRUPT,      /* a chunk fails authentication */
  WB_AGE_ERROR_PAYLOAD_TRUNCATED,    /* the stream ends before the final chunk */
  WB_AGE_ERROR_TRAILING_DATA,        /* bytes after the final chunk */
} WbAgeError;

#define WB_AGE_PUBLIC_KEY_BYTES    32
/* "AGE-SECRET-KEY-1" + 52 data + 6 checksum characters, plus NUL */
#define WB_AGE_IDENTITY_STRING_SIZE 75
#define WB_AGE_CHUNK_SIZE          (64 * 1024)

/* An X25519 recipient: the public half of an identity.  An identity is a
 * WbKey holding the 32-byte X25519 secret. */
typedef struct
{
  guint8 key[WB_AGE_PUBLIC_KEY_BYTES];
} WbAgeRecipient;

typedef struct _WbAgeReader WbAgeReader;
typedef struct _WbAgeWriter WbAgeWriter;

GQuark       wb_age_error_quark             (void);

/* Keys */
WbKey       *wb_age_identity_new            (void);
WbKey       *wb_age_identity_parse          (const char            *text,
                                             GError               **error);
void         wb_age_identity_encode         (const WbKey           *identity,
                                             char                   out[WB_AGE_IDENTITY_STRING_SIZE]);
void         wb_age_identity_to_recipient   (const WbKey           *identity,
                                             WbAgeRecipient        *recipient);
gboolean     wb_age_recipient_parse         (const char            *text,
                                             WbAgeRecipient        *recipient,
                                             GError               **error);
char        *wb_age_recipient_encode        (const WbAgeRecipient  *recipient);

/* Streaming encryption: the header is written by _new, the payload by
 * _write in 64 KiB chunks, the final chunk by _finish.  The output stream
 * is not closed. */
WbAgeWriter *wb_age_writer_new              (GOutputStream         *output,
                                             const WbAgeRecipient  *recipients,
                                             guint                  n_recipients,
                                             GCancellable          *cancellable,
                                             GError               **error);
gboolean     wb_age_writer_write            (WbAgeWriter           *writer,
                                             const void            *data,
                                             gsize                  len,
                                             GCancellable          *cancellable,
                                             GError               **error);
gboolean     wb_age_writer_finish           (WbAgeWriter           *writer,
                                             GCancellable          *cancellable,
                                             GError               **error);
void         wb_age_writer_free             (WbAgeWriter           *writer);

/* Streaming decryption: _new reads and checks the header (stanzas, our
 * recipient stanza, header MAC, payload nonce); _read returns verified
 * plaintext, one chunk at a time, and 0 only after the final chunk was
 * authenticated and the input is at EOF.  Once _read fails it keeps
 * failing with the same error.  Plaintext already returned before a
 * failure must be discarded by the caller. */
WbAgeReader *wb_age_reader_new              (GInputStream          *input,
                                             WbKey * const         *identities,
                                             guint                  n_identities,
                                             GCancellable          *cancellable,
                                             GError               **error);
gssize       wb_age_reader_read             (WbAgeReader           *reader,
                                             void                  *buffer,
                                             gsize                  count,
                                             GCancellable          *cancellable,
                                             GError               **error);
void         wb_age_reader_free             (WbAgeReader           *reader);

/* Whole streams, still in bounded memory.  Neither closes its streams. */
gboolean     wb_age_encrypt                 (GInputStream          *input,
                                             GOutputStream         *output,
                                             const WbAgeRecipient  *recipients,
                                             guint                  n_recipients,
                                             GCancellable          *cancellable,
                                             GError               **error);
gboolean     wb_age_decrypt                 (GInputStream          *input,
                                             GOutputStream         *output,
                                             WbKey * const         *identities,
                                             guint                  n_identities,
                                             GCancellable          *cancellable,
                                             GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbAgeReader, wb_age_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbAgeWriter, wb_age_writer_free)

G_END_DECLS
