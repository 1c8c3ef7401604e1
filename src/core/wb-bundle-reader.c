/* wb-bundle-reader.c — strict reading of signed, encrypted bundles (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Order of checks (DESIGN §5): size limits → outer tar (exactly three
 * regular members) → signature by a pinned contact → our age stanza and
 * header MAC → whole STREAM to FINAL, nothing trailing → manifest.  The
 * age reader hands out verified chunks before it has seen the end, so
 * the plaintext goes into one buffer that is wiped and dropped on any
 * failure and parsed only after the final chunk authenticated.
 */

#define G_LOG_DOMAIN "wb-bundle-reader"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "wb-age.h"
#include "wb-bundle-reader.h"
#include "wb-bundle-writer.h"
#include "wb-exchange-private.h"
#include "wb-identity.h"
#include "wb-minisign.h"
#include "wb-records.h"
#include "wb-signal-private.h"

#define SIGNATURE_COMMENT "untrusted comment: " WB_BUNDLE_SIGNATURE_COMMENT "\n"

typedef struct archive WbArchiveReader;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbArchiveReader, archive_read_free)

static void
wipe_free (gpointer data)
{
  char *text = data;

  if (text != NULL)
    sodium_memzero (text, strlen (text));
  g_free (text);
}

static void
tombstone_free (WbTombstone *t)
{
  g_free (t->uuid);
  g_free (t);
}

void
wb_bundle_decision_free (WbBundleDecision *decision)
{
  if (decision == NULL)
    return;
  g_free (decision->uuid);
  g_free (decision->signal_uuid);
  g_clear_pointer (&decision->decision, wb_decision_free);
  g_free (decision);
}

void
wb_bundle_attachment_free (WbBundleAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->signal_uuid);
  g_free (attachment->name);
  g_free (attachment->sha256);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
}

/* An attachment file of the payload (format 1.2), by SHA-256. */
typedef struct
{
  guint64  size;
  GBytes  *data;   /* NULL until its member was read */
} File;

static void
file_free (File *f)
{
  g_clear_pointer (&f->data, g_bytes_unref);
  g_free (f);
}

/* Attachment bytes that are wiped when the last reference goes. */
typedef struct
{
  gsize  len;
  guint8 data[];
} Wiped;

static void
wiped_free (gpointer data)
{
  Wiped *w = data;

  sodium_memzero (w->data, w->len);
  g_free (w);
}

void
wb_bundle_free (WbBundle *bundle)
{
  if (bundle == NULL)
    return;
  g_free (bundle->bundle_uuid);
  g_free (bundle->kind);
  g_free (bundle->version);
  g_free (bundle->created_at);
  g_clear_pointer (&bundle->sender, wb_contact_free);
  g_free (bundle->hash);
  g_free (bundle->previous_hash);
  g_clear_pointer (&bundle->signals, g_ptr_array_unref);
  g_clear_pointer (&bundle->canonical, g_ptr_array_unref);
  g_clear_pointer (&bundle->hashes, g_ptr_array_unref);
  g_clear_pointer (&bundle->tombstones, g_ptr_array_unref);
  g_strfreev (bundle->acknowledges);
  g_free (bundle->sender_kind);
  g_clear_pointer (&bundle->decisions, g_ptr_array_unref);
  g_clear_pointer (&bundle->match_key, wb_key_unref);
  g_free (bundle->match_key_id);
  g_clear_pointer (&bundle->match_tokens, g_ptr_array_unref);
  g_clear_pointer (&bundle->attachments, g_ptr_array_unref);
  g_free (bundle);
}

static gpointer
reject (GError     **error,
        int          code,
        const char  *format,
        ...) G_GNUC_PRINTF (3, 4);

static gpointer
reject (GError     **error,
        int          code,
        const char  *format,
        ...)
{
  va_list args;
  g_autofree char *why = NULL;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, WB_EXCHANGE_ERROR, code,
               _("Bundle rejected, nothing was imported: %s"), why);
  return NULL;
}

/* Reads one member's data, exactly archive_entry_size() bytes. */
static gboolean
read_member (struct archive  *a,
             gint64           size,
             guint8          *out)
{
  gint64 done = 0;

  while (done < size)
    {
      la_ssize_t n = archive_read_data (a, out + done, size - done);

      if (n <= 0)
        return FALSE;
      done += n;
    }
  return TRUE;
}

static gboolean
all_zero (const guint8 *p,
          gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (p[i] != 0)
      return FALSE;
  return TRUE;
}

static gboolean
raw_matches (const guint8 *raw,
             gsize         raw_len,
             gint64        offset,
             const guint8 *data,
             gint64        size)
{
  gint64 padded = ((size + 511) / 512) * 512;

  if (offset < 0 || (guint64) (offset + padded) > raw_len)
    return FALSE;
  return memcmp (raw + offset, data, size) == 0 &&
         all_zero (raw + offset + size, padded - size);
}

typedef struct
{
  GBytes *payload;
  GBytes *signature;
  GBytes *card;
} Outer;

static void
outer_clear (Outer *o)
{
  g_clear_pointer (&o->payload, g_bytes_unref);
  g_clear_pointer (&o->signature, g_bytes_unref);
  g_clear_pointer (&o->card, g_bytes_unref);
}

static gboolean
read_outer (GBytes  *bytes,
            Outer   *outer,
            GError **error)
{
  g_autoptr(WbArchiveReader) a = archive_read_new ();
  struct archive_entry *entry;
  const guint8 *raw = g_bytes_get_data (bytes, NULL);
  gsize raw_len = g_bytes_get_size (bytes);
  gint64 end = 0;
  guint n = 0;
  int rc;

  archive_read_support_format_tar (a);
  if (raw_len == 0 || archive_read_open_memory (a, raw, raw_len) != ARCHIVE_OK)
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("it is not a bundle (not a tar archive)")), FALSE;

  while ((rc = archive_read_next_header (a, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      gint64 size = archive_entry_size (entry);
      gint64 pos = archive_read_header_position (a);
      GBytes **slot = NULL;
      gsize limit = WB_BUNDLE_MAX_SMALL_BYTES;
      guint8 *data;

      if (++n > 3)
        return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("it holds more than the three expected files")), FALSE;
      if (g_strcmp0 (name, "payload.age") == 0)
        {
          slot = &outer->payload;
          limit = WB_BUNDLE_MAX_BYTES;
        }
      else if (g_strcmp0 (name, "payload.age.minisig") == 0)
        slot = &outer->signature;
      else if (g_strcmp0 (name, "sender.card") == 0)
        slot = &outer->card;
      if (slot == NULL)
        return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("it holds an unexpected file")), FALSE;
      if (*slot != NULL)
        return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("it holds a file twice")), FALSE;
      if (archive_entry_filetype (entry) != AE_IFREG || archive_entry_hardlink (entry) != NULL ||
          archive_entry_symlink (entry) != NULL || !archive_entry_size_is_set (entry))
        return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("it holds a link or a special file")), FALSE;
      if (size < 0 || (guint64) size > limit)
        return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("a file in it is larger than allowed")), FALSE;

      data = g_malloc (size > 0 ? size : 1);
      if (!read_member (a, size, data))
        {
          g_free (data);
          return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("the file is truncated or damaged")), FALSE;
        }
      /* Plain ustar only, every byte accounted for: one 512-byte header
       * right after the previous member, the data right after it, zero
       * padding.  Then a flipped byte anywhere in the file is caught here
       * or by the signature, not silently ignored. */
      if (pos != end || !raw_matches (raw, raw_len, pos + 512, data, size))
        {
          g_free (data);
          return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("it is not a plain tar archive")), FALSE;
        }
      end = pos + 512 + ((size + 511) / 512) * 512;
      *slot = g_bytes_new_take (data, size);
    }
  if (rc != ARCHIVE_EOF)
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("the file is truncated or damaged")), FALSE;
  if ((gsize) end + 1024 > raw_len || !all_zero (raw + end, raw_len - end))
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("the file is truncated or damaged")), FALSE;
  if (outer->payload == NULL || outer->signature == NULL || outer->card == NULL)
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("a required file is missing from it")), FALSE;
  return TRUE;
}

/* "weerbaar-bundle MAJOR.MINOR UUID" */
static gboolean
parse_comment (const char  *comment,
               char       **version,
               char       **uuid,
               GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (comment, " ", -1);
  guint64 major;
  g_auto(GStrv) v = NULL;

  if (g_strv_length (parts) != 3 || !g_str_equal (parts[0], "weerbaar-bundle"))
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("it is not a Weerbaar bundle")), FALSE;
  v = g_strsplit (parts[1], ".", -1);
  if (g_strv_length (v) != 2 || !g_ascii_string_to_unsigned (v[0], 10, 0, 1000, &major, NULL) ||
      !g_ascii_string_to_unsigned (v[1], 10, 0, 1000, NULL, NULL))
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its format version is malformed")), FALSE;
  if (major != WB_BUNDLE_FORMAT_MAJOR)
    return reject (error, WB_EXCHANGE_ERROR_UNSUPPORTED_VERSION,
                   _("it uses bundle format %s, and this version of Weerbaar reads only format %d.x; update Weerbaar"),
                   parts[1], WB_BUNDLE_FORMAT_MAJOR), FALSE;
  if (!g_uuid_string_is_valid (parts[2]))
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its bundle UUID is malformed")), FALSE;
  *version = g_strdup (parts[1]);
  *uuid = g_ascii_strdown (parts[2], -1);
  return TRUE;
}

/* Decrypts into one buffer of at most the ciphertext's size (plaintext
 * is never longer), wiped on failure. */
static guint8 *
decrypt_payload (GBytes        *payload,
                 WbKey         *identity,
                 gsize         *out_len,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (payload);
  g_autoptr(WbAgeReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize cap = g_bytes_get_size (payload);
  guint8 *buf = g_malloc (cap + 1);
  gsize len = 0;
  WbKey *ids[1] = { identity };

  reader = wb_age_reader_new (in, ids, 1, cancellable, &local_error);
  if (reader != NULL)
    {
      for (;;)
        {
          gssize n = wb_age_reader_read (reader, buf + len, MIN ((gsize) WB_AGE_CHUNK_SIZE, cap + 1 - len),
                                         cancellable, &local_error);

          if (n < 0)
            break;
          if (n == 0)
            {
              *out_len = len;
              return buf;
            }
          len += n;
          if (len > cap)
            {
              g_set_error_literal (&local_error, WB_AGE_ERROR, WB_AGE_ERROR_FAILED, "plaintext too long");
              break;
            }
        }
    }

  sodium_memzero (buf, cap + 1);
  g_free (buf);
  g_debug ("age: %s", local_error->message);
  if (g_error_matches (local_error, WB_AGE_ERROR, WB_AGE_ERROR_NO_MATCH))
    return reject (error, WB_EXCHANGE_ERROR_NOT_FOR_US, _("it is not addressed to this vault"));
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("the encrypted payload is damaged or was changed"));
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gboolean
member_uint (JsonObject *o,
             const char *name,
             guint64     max,
             guint64    *out)
{
  JsonNode *n = json_object_get_member (o, name);
  gint64 v;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  v = json_node_get_int (n);
  if (v < 0 || (guint64) v > max)
    return FALSE;
  *out = v;
  return TRUE;
}

static JsonArray *
member_array (JsonObject *o,
              const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return NULL;
  return json_node_get_array (n);
}

static JsonObject *
element_object (JsonArray *a,
                guint      i)
{
  JsonNode *n = json_array_get_element (a, i);

  return JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

#define BAD_MANIFEST(error) \
  reject ((error), WB_EXCHANGE_ERROR_REJECTED, _("its manifest is malformed"))

typedef struct
{
  char    *uuid;
  guint64  revision;
  char    *hash;
  gboolean seen;
} Listed;

static void
listed_free (Listed *l)
{
  g_free (l->uuid);
  g_free (l->hash);
  g_free (l);
}

/* An optional string member: TRUE if absent or null (*@out NULL) or a
 * string of at most @max characters. */
static gboolean
optional_string (JsonObject  *o,
                 const char  *name,
                 glong        max,
                 char       **out)
{
  JsonNode *n = json_object_get_member (o, name);

  *out = NULL;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING ||
      g_utf8_strlen (json_node_get_string (n), -1) > max)
    return FALSE;
  *out = g_strdup (json_node_get_string (n));
  return TRUE;
}

#define MAX_DECISION_TEXT 8000

static WbBundleDecision *
parse_decision (JsonObject *o)
{
  g_autoptr(WbBundleDecision) bd = g_new0 (WbBundleDecision, 1);
  g_autoptr(GStrvBuilder) sb = g_strv_builder_new ();
  const char *uuid = member_string (o, "uuid");
  const char *signal = member_string (o, "signal");
  const char *kind_nick = member_string (o, "kind");
  const char *date_text = member_string (o, "date");
  JsonArray *instruments = member_array (o, "instruments");
  guint64 revision, from, to;
  int kind;
  GDate date;
  WbDecision *d;

  if (uuid == NULL || !g_uuid_string_is_valid (uuid) || signal == NULL || !g_uuid_string_is_valid (signal) ||
      !member_uint (o, "revision", G_MAXUINT, &revision) || revision == 0 ||
      kind_nick == NULL || !wb_enum_from_nick (WB_TYPE_DECISION_KIND, kind_nick, &kind) ||
      !member_uint (o, "from_level", WB_LADDER_MAX_LEVEL, &from) || !wb_ladder_is_valid_level (from) ||
      !member_uint (o, "to_level", WB_LADDER_MAX_LEVEL, &to) || !wb_ladder_is_valid_level (to) ||
      date_text == NULL || !wb_date_parse_iso (date_text, &date) ||
      instruments == NULL || json_array_get_length (instruments) > 64)
    return NULL;

  d = wb_decision_new (kind, from, to, &date);
  bd->decision = d;
  bd->uuid = g_ascii_strdown (uuid, -1);
  bd->signal_uuid = g_ascii_strdown (signal, -1);
  bd->revision = revision;
  if (!optional_string (o, "deciding_role", 120, &d->deciding_role) || d->deciding_role == NULL ||
      !optional_string (o, "facts", MAX_DECISION_TEXT, &d->facts) || d->facts == NULL ||
      !optional_string (o, "assessment", MAX_DECISION_TEXT, &d->assessment) || d->assessment == NULL ||
      !optional_string (o, "decision", MAX_DECISION_TEXT, &d->decision) || d->decision == NULL ||
      !optional_string (o, "skip_reason", MAX_DECISION_TEXT, &d->skip_reason) ||
      !optional_string (o, "outcome", MAX_DECISION_TEXT, &d->outcome) ||
      !optional_string (o, "measures", MAX_DECISION_TEXT, &d->measures))
    return NULL;
  for (guint i = 0; i < json_array_get_length (instruments); i++)
    {
      JsonNode *n = json_array_get_element (instruments, i);

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING ||
          g_utf8_strlen (json_node_get_string (n), -1) > 200)
        return NULL;
      g_strv_builder_add (sb, json_node_get_string (n));
    }
  d->instruments = g_strv_builder_end (sb);
  return g_steal_pointer (&bd);
}

static gboolean
is_lower_hex (const char *text,
              gsize       len)
{
  if (text == NULL || strlen (text) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

/* Format 1.1 members, each optional (docs/bundle-format.md §4): the
 * sender's vault kind, decisions, the coordinator's match key, match
 * tokens.  Present means checked as strictly as the rest. */
static gboolean
parse_manifest_1_1 (WbBundle    *bundle,
                    JsonObject  *root,
                    JsonObject  *sender,
                    GHashTable  *listed,
                    GError     **error)
{
  JsonArray *decisions = NULL;
  JsonArray *tokens = NULL;
  const char *s;

  if (json_object_has_member (sender, "vault_kind"))
    {
      s = member_string (sender, "vault_kind");
      if (g_strcmp0 (s, "municipality") != 0 && g_strcmp0 (s, "coordinator") != 0)
        return BAD_MANIFEST (error), FALSE;
      bundle->sender_kind = g_strdup (s);
    }

  if (json_object_has_member (root, "decisions"))
    {
      decisions = member_array (root, "decisions");
      if (decisions == NULL || json_array_get_length (decisions) > WB_BUNDLE_MAX_MEMBERS)
        return BAD_MANIFEST (error), FALSE;
      for (guint i = 0; i < json_array_get_length (decisions); i++)
        {
          JsonObject *o = element_object (decisions, i);
          WbBundleDecision *bd = o != NULL ? parse_decision (o) : NULL;

          if (bd == NULL)
            return BAD_MANIFEST (error), FALSE;
          g_ptr_array_add (bundle->decisions, bd);
        }
    }

  if (json_object_has_member (root, "match_key"))
    {
      gsize len = 0;
      guchar *raw;

      s = member_string (root, "match_key");
      if (s == NULL || strlen (s) != 44)
        return BAD_MANIFEST (error), FALSE;
      raw = g_base64_decode (s, &len);
      if (len != WB_MATCH_KEY_BYTES)
        {
          sodium_memzero (raw, len);
          g_free (raw);
          return BAD_MANIFEST (error), FALSE;
        }
      bundle->match_key = wb_key_new_from (raw, len);
      sodium_memzero (raw, len);
      g_free (raw);
    }

  if (json_object_has_member (root, "match_tokens"))
    {
      s = member_string (root, "match_key_id");
      tokens = member_array (root, "match_tokens");
      if (!is_lower_hex (s, 32) || tokens == NULL ||
          json_array_get_length (tokens) > 16 * (guint) WB_BUNDLE_MAX_MEMBERS)
        return BAD_MANIFEST (error), FALSE;
      bundle->match_key_id = g_strdup (s);
      for (guint i = 0; i < json_array_get_length (tokens); i++)
        {
          JsonObject *o = element_object (tokens, i);
          WbMatchToken *t;
          WbMatchKind kind;
          const char *signal;

          if (o == NULL || (signal = member_string (o, "signal")) == NULL ||
              !g_uuid_string_is_valid (signal) ||
              !wb_match_kind_from_nick (member_string (o, "kind"), &kind) ||
              !is_lower_hex (member_string (o, "token"), WB_MATCH_TOKEN_BYTES * 2))
            return BAD_MANIFEST (error), FALSE;
          t = g_new0 (WbMatchToken, 1);
          t->signal_uuid = g_ascii_strdown (signal, -1);
          t->kind = kind;
          t->token = g_strdup (member_string (o, "token"));
          g_ptr_array_add (bundle->match_tokens, t);
          /* Tokens travel only with the signal document they belong to. */
          if (!g_hash_table_contains (listed, t->signal_uuid))
            return BAD_MANIFEST (error), FALSE;
        }
    }
  else if (json_object_has_member (root, "match_key_id"))
    return BAD_MANIFEST (error), FALSE;

  return TRUE;
}

/* The minor version of "1.N" (parse_comment() checked the form). */
static guint64
version_minor (const char *version)
{
  const char *dot = strchr (version, '.');

  return dot != NULL ? g_ascii_strtoull (dot + 1, NULL, 10) : 0;
}

/* Format 1.2: "attachments", optional.  Every entry names a signal
 * document of this bundle, a name, a size within the per-file limit and
 * a SHA-256; the distinct files (@files, by SHA-256) stay within the
 * bundle's limits.  Size limits first: no file is read before this. */
static gboolean
parse_attachments (WbBundle    *bundle,
                   JsonObject  *root,
                   GHashTable  *listed,
                   GHashTable  *files,
                   GError     **error)
{
  g_autoptr(GHashTable) pairs = NULL;
  JsonArray *list;
  guint64 total = 0;

  if (!json_object_has_member (root, "attachments"))
    return TRUE;
  list = member_array (root, "attachments");
  if (list == NULL || version_minor (bundle->version) < 2)
    return BAD_MANIFEST (error), FALSE;
  if (json_array_get_length (list) > WB_BUNDLE_MAX_ATTACHMENTS)
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("it lists more attachments than allowed")), FALSE;

  pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = element_object (list, i);
      const char *signal = o != NULL ? member_string (o, "signal") : NULL;
      const char *name = o != NULL ? member_string (o, "name") : NULL;
      const char *sha256 = o != NULL ? member_string (o, "sha256") : NULL;
      g_autoptr(WbBundleAttachment) att = NULL;
      File *file;
      guint64 size;

      if (signal == NULL || !g_uuid_string_is_valid (signal) || name == NULL ||
          !_wb_signal_check_text ("name", name, WB_SIGNAL_NAME_MAX_CHARS, TRUE, NULL) ||
          !is_lower_hex (sha256, 64) || !member_uint (o, "size", G_MAXINT64, &size))
        return BAD_MANIFEST (error), FALSE;
      if (size > wb_records_get_max_attachment_size ())
        return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("an attachment in it is larger than allowed")), FALSE;

      att = g_new0 (WbBundleAttachment, 1);
      att->signal_uuid = g_ascii_strdown (signal, -1);
      att->name = g_strdup (name);
      att->size = size;
      att->sha256 = g_strdup (sha256);
      /* Attachments travel only with their signal's document, and each
       * file once per signal. */
      if (!g_hash_table_contains (listed, att->signal_uuid) ||
          !g_hash_table_add (pairs, g_strconcat (att->signal_uuid, ":", sha256, NULL)))
        return BAD_MANIFEST (error), FALSE;

      file = g_hash_table_lookup (files, sha256);
      if (file == NULL)
        {
          file = g_new0 (File, 1);
          file->size = size;
          g_hash_table_insert (files, g_strdup (sha256), file);
          total += size;
          if (total > WB_BUNDLE_MAX_ATTACHMENT_BYTES)
            return reject (error, WB_EXCHANGE_ERROR_REJECTED,
                           _("its attachments together are larger than allowed")), FALSE;
        }
      else if (file->size != size)
        return BAD_MANIFEST (error), FALSE;
      g_ptr_array_add (bundle->attachments, g_steal_pointer (&att));
    }
  return TRUE;
}

static gboolean
parse_manifest (WbBundle    *bundle,
                const char  *comment_version,
                const char  *my_fingerprint,
                const char  *text,
                gsize        len,
                GHashTable  *listed,
                GHashTable  *files,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root;
  JsonObject *sender;
  JsonArray *recipients;
  JsonArray *records;
  JsonArray *tombstones;
  JsonArray *acks;
  const char *s;
  gboolean for_us = FALSE;

  if (!json_parser_load_from_data (parser, text, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return BAD_MANIFEST (error), FALSE;
  root = json_node_get_object (json_parser_get_root (parser));

  if (g_strcmp0 (member_string (root, "format"), "weerbaar-bundle") != 0)
    return BAD_MANIFEST (error), FALSE;
  s = member_string (root, "version");
  if (s == NULL)
    return BAD_MANIFEST (error), FALSE;
  if (g_ascii_strtoull (s, NULL, 10) != WB_BUNDLE_FORMAT_MAJOR)
    return reject (error, WB_EXCHANGE_ERROR_UNSUPPORTED_VERSION,
                   _("it uses bundle format %s, and this version of Weerbaar reads only format %d.x; update Weerbaar"),
                   s, WB_BUNDLE_FORMAT_MAJOR), FALSE;
  if (!g_str_equal (s, comment_version))
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its manifest does not match its signature")), FALSE;
  if (g_strcmp0 (member_string (root, "bundle_uuid"), bundle->bundle_uuid) != 0)
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its manifest does not match its signature")), FALSE;

  s = member_string (root, "kind");
  if (g_strcmp0 (s, "signals") != 0 && g_strcmp0 (s, "ack") != 0)
    return BAD_MANIFEST (error), FALSE;
  bundle->kind = g_strdup (s);
  s = member_string (root, "created_at");
  if (s == NULL)
    return BAD_MANIFEST (error), FALSE;
  bundle->created_at = g_strdup (s);

  {
    JsonNode *n = json_object_get_member (root, "sender");

    if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
      return BAD_MANIFEST (error), FALSE;
    sender = json_node_get_object (n);
  }
  if (g_strcmp0 (member_string (sender, "fingerprint"), bundle->sender->fingerprint) != 0)
    return reject (error, WB_EXCHANGE_ERROR_REJECTED,
                   _("the sender named inside is not the contact “%s” who signed it"),
                   bundle->sender->name), FALSE;

  recipients = member_array (root, "recipients");
  records = member_array (root, "records");
  tombstones = member_array (root, "tombstones");
  acks = member_array (root, "acknowledges");
  if (recipients == NULL || records == NULL || tombstones == NULL || acks == NULL)
    return BAD_MANIFEST (error), FALSE;

  for (guint i = 0; i < json_array_get_length (recipients); i++)
    {
      JsonObject *r = element_object (recipients, i);
      guint64 seq;

      if (r == NULL || member_string (r, "fingerprint") == NULL ||
          !member_uint (r, "sequence", G_MAXINT64, &seq))
        return BAD_MANIFEST (error), FALSE;
      if (g_str_equal (member_string (r, "fingerprint"), my_fingerprint))
        {
          for_us = TRUE;
          bundle->sequence = seq;
          g_clear_pointer (&bundle->previous_hash, g_free);
          bundle->previous_hash = g_strdup (member_string (r, "previous_bundle_hash"));
        }
    }
  if (!for_us)
    return reject (error, WB_EXCHANGE_ERROR_NOT_FOR_US, _("this vault is not one of its recipients")), FALSE;

  if (json_array_get_length (records) > WB_BUNDLE_MAX_MEMBERS ||
      json_array_get_length (tombstones) > WB_BUNDLE_MAX_MEMBERS ||
      json_array_get_length (acks) > WB_BUNDLE_MAX_MEMBERS)
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("it lists more records than allowed")), FALSE;

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *r = element_object (records, i);
      Listed *l;
      guint64 rev;

      if (r == NULL || member_string (r, "uuid") == NULL || member_string (r, "hash") == NULL ||
          !member_uint (r, "revision", G_MAXUINT, &rev) || rev == 0 ||
          !g_uuid_string_is_valid (member_string (r, "uuid")))
        return BAD_MANIFEST (error), FALSE;
      l = g_new0 (Listed, 1);
      l->uuid = g_ascii_strdown (member_string (r, "uuid"), -1);
      l->revision = rev;
      l->hash = g_strdup (member_string (r, "hash"));
      if (g_hash_table_contains (listed, l->uuid))
        {
          listed_free (l);
          return BAD_MANIFEST (error), FALSE;
        }
      g_hash_table_insert (listed, l->uuid, l);
    }

  for (guint i = 0; i < json_array_get_length (tombstones); i++)
    {
      JsonObject *t = element_object (tombstones, i);
      WbTombstone *ts;
      guint64 rev;

      if (t == NULL || member_string (t, "uuid") == NULL ||
          !g_uuid_string_is_valid (member_string (t, "uuid")) ||
          !member_uint (t, "revision", G_MAXUINT, &rev))
        return BAD_MANIFEST (error), FALSE;
      ts = g_new0 (WbTombstone, 1);
      ts->uuid = g_ascii_strdown (member_string (t, "uuid"), -1);
      ts->revision = rev;
      g_ptr_array_add (bundle->tombstones, ts);
    }

  {
    g_autoptr(GStrvBuilder) sb = g_strv_builder_new ();

    for (guint i = 0; i < json_array_get_length (acks); i++)
      {
        JsonNode *n = json_array_get_element (acks, i);

        if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING ||
            !g_uuid_string_is_valid (json_node_get_string (n)))
          return BAD_MANIFEST (error), FALSE;
        g_strv_builder_add (sb, json_node_get_string (n));
      }
    bundle->acknowledges = g_strv_builder_end (sb);
  }

  return parse_manifest_1_1 (bundle, root, sender, listed, error) &&
         parse_attachments (bundle, root, listed, files, error);
}

/* One attachments/<sha256> member (format 1.2): listed, once, of the
 * listed size (checked before it is read) and with that SHA-256. */
static gboolean
read_attachment (struct archive  *a,
                 const char      *name,
                 gint64           size,
                 GHashTable      *files,
                 GError         **error)
{
  const char *sha256 = name + strlen ("attachments/");
  g_autofree char *hash = NULL;
  File *file;
  Wiped *w;

  if (size < 0 || (guint64) size > wb_records_get_max_attachment_size ())
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("an attachment in it is larger than allowed")), FALSE;
  file = is_lower_hex (sha256, 64) ? g_hash_table_lookup (files, sha256) : NULL;
  if (file == NULL)
    return reject (error, WB_EXCHANGE_ERROR_REJECTED,
                   _("its payload holds an attachment its manifest does not list")), FALSE;
  if (file->data != NULL)
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its payload holds an attachment twice")), FALSE;
  if ((guint64) size != file->size)
    return reject (error, WB_EXCHANGE_ERROR_REJECTED,
                   _("an attachment in it does not match its manifest entry")), FALSE;

  w = g_malloc (sizeof (Wiped) + size + 1);
  w->len = size;
  if (!read_member (a, size, w->data))
    {
      wiped_free (w);
      return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its payload is truncated")), FALSE;
    }
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, w->data, size);
  if (!g_str_equal (hash, sha256))
    {
      wiped_free (w);
      return reject (error, WB_EXCHANGE_ERROR_REJECTED,
                     _("an attachment in it was changed: its SHA-256 does not match its name")), FALSE;
    }
  file->data = g_bytes_new_with_free_func (w->data, size, wiped_free, w);
  return TRUE;
}

static gboolean
read_inner (WbBundle     *bundle,
            const char   *comment_version,
            const char   *my_fingerprint,
            const guint8 *plain,
            gsize         plain_len,
            GError      **error)
{
  g_autoptr(WbArchiveReader) a = archive_read_new ();
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) listed_free);
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) file_free);
  struct archive_entry *entry;
  gboolean have_manifest = FALSE;
  guint n = 0;
  int rc;

  archive_read_support_format_tar (a);
  if (archive_read_open_memory (a, plain, plain_len) != ARCHIVE_OK)
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its payload is not a tar archive")), FALSE;

  while ((rc = archive_read_next_header (a, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      gint64 size = archive_entry_size (entry);
      g_autofree char *data = NULL;
      gsize limit;

      if (++n > WB_BUNDLE_MAX_MEMBERS + WB_BUNDLE_MAX_ATTACHMENTS + 1)
        return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its payload holds more files than allowed")), FALSE;
      if (name == NULL || archive_entry_filetype (entry) != AE_IFREG ||
          archive_entry_hardlink (entry) != NULL || archive_entry_symlink (entry) != NULL ||
          !archive_entry_size_is_set (entry))
        return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its payload holds a link or a special file")), FALSE;

      if (have_manifest && g_str_has_prefix (name, "attachments/"))
        {
          if (!read_attachment (a, name, size, files, error))
            return FALSE;
          continue;
        }

      limit = !have_manifest ? WB_BUNDLE_MAX_MANIFEST_BYTES : WB_BUNDLE_MAX_SIGNAL_BYTES;
      if (size < 0 || (guint64) size > limit)
        return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("a file in its payload is larger than allowed")), FALSE;
      data = g_malloc (size + 1);
      if (!read_member (a, size, (guint8 *) data))
        return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its payload is truncated")), FALSE;
      data[size] = '\0';

      if (!have_manifest)
        {
          if (!g_str_equal (name, "manifest.json"))
            return BAD_MANIFEST (error), FALSE;
          have_manifest = TRUE;
          if (!parse_manifest (bundle, comment_version, my_fingerprint, data, size, listed, files, error))
            {
              sodium_memzero (data, size);
              return FALSE;
            }
        }
      else
        {
          g_autoptr(WbSignal) signal = NULL;
          g_autoptr(GError) local_error = NULL;
          g_autofree char *hash = NULL;
          g_autofree char *uuid = NULL;
          char *canonical = NULL;
          Listed *l;

          if (!g_str_has_prefix (name, "signals/") || !g_str_has_suffix (name, ".json") ||
              strlen (name) != strlen ("signals/.json") + 36)
            {
              sodium_memzero (data, size);
              if (version_minor (bundle->version) > WB_BUNDLE_FORMAT_MINOR)
                return reject (error, WB_EXCHANGE_ERROR_UNSUPPORTED_VERSION,
                               _("it holds files of bundle format %s, newer than this version of Weerbaar reads (%d.%d); update Weerbaar"),
                               bundle->version, WB_BUNDLE_FORMAT_MAJOR, WB_BUNDLE_FORMAT_MINOR), FALSE;
              return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its payload holds an unexpected file")), FALSE;
            }
          uuid = g_strndup (name + strlen ("signals/"), 36);
          l = g_hash_table_lookup (listed, uuid);
          if (l == NULL || l->seen)
            {
              sodium_memzero (data, size);
              return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its payload holds a signal its manifest does not list")), FALSE;
            }
          l->seen = TRUE;

          signal = wb_signal_new_from_json (data, size, WB_SIGNAL_JSON_NONE, &local_error);
          sodium_memzero (data, size);
          if (signal == NULL)
            return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("a signal in it is invalid (%s)"),
                           local_error->message), FALSE;
          /* One serialisation per signal: merge and storage reuse it. */
          canonical = wb_signal_dup_canonical_json (signal);
          {
            guint8 digest[crypto_generichash_BYTES];
            char hex[crypto_generichash_BYTES * 2 + 1];

            crypto_generichash (digest, sizeof digest, (const guint8 *) canonical, strlen (canonical), NULL, 0);
            sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
            hash = g_strdup (hex);
          }
          if (!g_str_equal (wb_signal_get_uuid (signal), uuid) ||
              wb_signal_get_revision (signal) != l->revision ||
              !g_str_equal (hash, l->hash))
            {
              sodium_memzero (canonical, strlen (canonical));
              return reject (error, WB_EXCHANGE_ERROR_REJECTED,
                             _("a signal in it does not match its manifest entry")), FALSE;
            }
          g_ptr_array_add (bundle->signals, g_steal_pointer (&signal));
          g_ptr_array_add (bundle->canonical, g_steal_pointer (&canonical));
          g_ptr_array_add (bundle->hashes, g_steal_pointer (&hash));
        }
    }
  if (rc != ARCHIVE_EOF)
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its payload is truncated or damaged")), FALSE;
  if (!have_manifest)
    return BAD_MANIFEST (error), FALSE;
  if (bundle->signals->len != g_hash_table_size (listed))
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("a signal its manifest lists is missing")), FALSE;
  for (guint i = 0; i < bundle->attachments->len; i++)
    {
      WbBundleAttachment *att = g_ptr_array_index (bundle->attachments, i);
      File *file = g_hash_table_lookup (files, att->sha256);

      if (file->data == NULL)
        return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("an attachment its manifest lists is missing")), FALSE;
      att->data = g_bytes_ref (file->data);
    }
  if (g_str_equal (bundle->kind, "ack") && bundle->signals->len > 0)
    return BAD_MANIFEST (error), FALSE;
  return TRUE;
}

/* The store is used only through @store or, with @contacts and
 * @identity given, not at all: then this runs in any thread. */
static WbBundle *
read_bytes (WbStore       *store,
            GPtrArray     *contacts,
            WbIdentity    *given_identity,
            GBytes        *bytes,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(WbBundle) bundle = g_new0 (WbBundle, 1);
  g_autoptr(WbContact) card = NULL;
  g_autoptr(WbIdentity) identity = NULL;
  g_autoptr(GInputStream) payload_in = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *version = NULL;
  g_autofree guint8 *plain = NULL;
  gsize plain_len = 0;
  Outer outer = { NULL, NULL, NULL };
  gboolean ok;

  bundle->signals = g_ptr_array_new_with_free_func (g_object_unref);
  bundle->canonical = g_ptr_array_new_with_free_func (wipe_free);
  bundle->hashes = g_ptr_array_new_with_free_func (g_free);
  bundle->tombstones = g_ptr_array_new_with_free_func ((GDestroyNotify) tombstone_free);
  bundle->decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_bundle_decision_free);
  bundle->match_tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_match_token_free);
  bundle->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_bundle_attachment_free);

  /* 1. size */
  if (g_bytes_get_size (bytes) > WB_BUNDLE_MAX_BYTES + 3 * 512 + 10240)
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("it is larger than allowed"));

  /* 2. outer tar */
  if (!read_outer (bytes, &outer, error))
    {
      outer_clear (&outer);
      return NULL;
    }

  /* 3. signature by a pinned contact, before any decryption */
  card = wb_contact_card_parse (g_bytes_get_data (outer.card, NULL), g_bytes_get_size (outer.card), NULL);
  if (card == NULL)
    {
      outer_clear (&outer);
      return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its sender card is invalid"));
    }
  if (contacts != NULL)
    {
      for (guint i = 0; i < contacts->len && bundle->sender == NULL; i++)
        {
          WbContact *c = g_ptr_array_index (contacts, i);

          if (sodium_memcmp (c->sign_key.key, card->sign_key.key, sizeof c->sign_key.key) == 0)
            bundle->sender = wb_contact_copy (c);
        }
    }
  else
    bundle->sender = wb_contacts_find_by_sign_key (store, &card->sign_key, &local_error);
  if (bundle->sender == NULL)
    {
      outer_clear (&outer);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return reject (error, WB_EXCHANGE_ERROR_UNKNOWN_SENDER,
                     _("it is signed by “%s”, who is not among your contacts (fingerprint %s); add and verify their contact card first"),
                     card->name, card->fingerprint);
    }
  /* The untrusted comment is outside minisign's signature; ours is
   * fixed, so a changed one is a changed file. */
  if (g_bytes_get_size (outer.signature) < strlen (SIGNATURE_COMMENT) ||
      memcmp (g_bytes_get_data (outer.signature, NULL), SIGNATURE_COMMENT, strlen (SIGNATURE_COMMENT)) != 0)
    {
      outer_clear (&outer);
      return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("its signature file was changed"));
    }
  payload_in = g_memory_input_stream_new_from_bytes (outer.payload);
  ok = wb_minisign_verify (&bundle->sender->sign_key,
                           g_bytes_get_data (outer.signature, NULL), g_bytes_get_size (outer.signature),
                           payload_in, &comment, cancellable, &local_error);
  if (!ok)
    {
      g_debug ("minisign: %s", local_error->message);
      outer_clear (&outer);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return reject (error, WB_EXCHANGE_ERROR_REJECTED,
                     _("its signature does not verify against the pinned key of “%s”; it was changed or damaged"),
                     bundle->sender->name);
    }
  if (!parse_comment (comment, &version, &bundle->bundle_uuid, error))
    {
      outer_clear (&outer);
      return NULL;
    }
  bundle->version = g_strdup (version);
  bundle->hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, outer.payload);

  /* 4–5. our stanza, header MAC, the whole stream */
  identity = given_identity != NULL ? wb_identity_ref (given_identity) : wb_identity_ensure (store, error);
  if (identity == NULL)
    {
      outer_clear (&outer);
      return NULL;
    }
  plain = decrypt_payload (outer.payload, wb_identity_get_age_secret (identity), &plain_len, cancellable, error);
  outer_clear (&outer);
  if (plain == NULL)
    return NULL;

  /* 6. manifest and records */
  ok = read_inner (bundle, version, wb_identity_get_fingerprint (identity), plain, plain_len, error);
  sodium_memzero (plain, plain_len);
  if (!ok)
    return NULL;

  return g_steal_pointer (&bundle);
}

WbBundle *
wb_bundle_read_bytes (WbStore       *store,
                      GBytes        *bytes,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_bytes (store, NULL, NULL, bytes, cancellable, error);
}

static GBytes *
load_file (const char    *path,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_FAILED,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
      (guint64) g_file_info_get_size (info) > WB_BUNDLE_MAX_BYTES + 3 * 512 + 10240)
    return reject (error, WB_EXCHANGE_ERROR_REJECTED, _("it is larger than allowed or not a regular file"));

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_FAILED,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

WbBundle *
wb_bundle_read (WbStore       *store,
                const char    *path,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = load_file (path, cancellable, error);
  if (bytes == NULL)
    return NULL;
  return read_bytes (store, NULL, NULL, bytes, cancellable, error);
}

WbBundle *
_wb_bundle_read_file_offline (WbIdentity    *identity,
                              GPtrArray     *contacts,
                              const char    *path,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (identity != NULL, NULL);
  g_return_val_if_fail (contacts != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  bytes = load_file (path, cancellable, error);
  if (bytes == NULL)
    return NULL;
  return read_bytes (NULL, contacts, identity, bytes, cancellable, error);
}
