/* wb-bundle-writer.c — export of signed, encrypted bundles (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The payload tar is streamed straight into the age writer, so plaintext
 * never exists as a whole outside the vault process, and never on disk.
 */

#define G_LOG_DOMAIN "wb-bundle-writer"

#include "config.h"

#include <errno.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "wb-age.h"
#include "wb-bundle-writer.h"
#include "wb-contacts.h"
#include "wb-exchange-private.h"
#include "wb-identity.h"
#include "wb-minisign.h"

typedef struct archive WbArchive;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbArchive, archive_write_free)

void
wb_bundle_export_options_init (WbBundleExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->tlp_max = WB_TLP_AMBER;
}

static void
withheld_free (WbWithheld *w)
{
  g_free (w->uuid);
  g_free (w->reason);
  g_free (w);
}

void
wb_export_report_free (WbExportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->bundle_uuid);
  g_clear_pointer (&report->withheld, g_ptr_array_unref);
  g_clear_pointer (&report->recipients, g_ptr_array_unref);
  g_free (report);
}

/* ---- the payload tar, streamed into age ------------------------------- */

typedef struct
{
  WbAgeWriter  *age;
  GCancellable *cancellable;
  GError       *error;
} SinkData;

static la_ssize_t
sink_write_cb (struct archive *a,
               void           *user_data,
               const void     *buffer,
               size_t          length)
{
  SinkData *sink = user_data;

  if (sink->error != NULL)
    return -1;
  if (!wb_age_writer_write (sink->age, buffer, length, sink->cancellable, &sink->error))
    {
      archive_set_error (a, EIO, "age writer failed");
      return -1;
    }
  return length;
}

static gboolean
archive_fail (struct archive  *a,
              GError         **error)
{
  g_debug ("libarchive: %s", archive_error_string (a));
  g_set_error_literal (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_FAILED,
                       _("Could not write the bundle"));
  return FALSE;
}

static gboolean
tar_add (struct archive  *a,
         const char      *name,
         const void      *data,
         gsize            len,
         gint64           mtime,
         GError         **error)
{
  struct archive_entry *entry = archive_entry_new ();
  gboolean ok;

  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, len);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, mtime, 0);
  ok = archive_write_header (a, entry) == ARCHIVE_OK &&
       (len == 0 || archive_write_data (a, data, len) == (la_ssize_t) len);
  archive_entry_free (entry);
  if (!ok)
    return archive_fail (a, error);
  return TRUE;
}

static struct archive *
tar_writer_new (void)
{
  struct archive *a = archive_write_new ();

  archive_write_set_format_ustar (a);
  archive_write_add_filter_none (a);
  /* Pad the last block only to 512 bytes: smaller bundles, same tar. */
  archive_write_set_bytes_in_last_block (a, 1);
  return a;
}

/* ---- selection -------------------------------------------------------- */

static GPtrArray *
select_signals (WbStore                      *store,
                const WbBundleExportOptions  *options,
                GError                      **error)
{
  if (options->uuids != NULL)
    {
      g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; options->uuids[i] != NULL; i++)
        {
          WbSignal *s = wb_records_get_signal (store, options->uuids[i], error);

          if (s == NULL)
            return NULL;
          g_ptr_array_add (out, s);
        }
      return g_steal_pointer (&out);
    }

  if (options->case_name != NULL)
    {
      g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
      g_auto(GStrv) uuids = wb_records_dup_case_signals (store, options->case_name, error);

      if (uuids == NULL)
        return NULL;
      for (guint i = 0; uuids[i] != NULL; i++)
        {
          WbSignal *s = wb_records_get_signal (store, uuids[i], error);

          if (s == NULL)
            return NULL;
          g_ptr_array_add (out, s);
        }
      return g_steal_pointer (&out);
    }

  if (options->search != NULL)
    return wb_records_search (store, options->search, options->filter, error);

  if (options->filter != NULL)
    return wb_records_list_signals (store, options->filter, error);

  {
    WbRecordsFilter all;

    wb_records_filter_init (&all);
    all.sort = WB_RECORDS_SORT_UPDATED;
    return wb_records_list_signals (store, &all, error);
  }
}

/* ---- writing ---------------------------------------------------------- */

typedef struct
{
  WbContact *contact;
  guint64    seq;
  char      *prev_hash;
  char      *last_time;
} Recipient;

static void
recipient_free (Recipient *r)
{
  wb_contact_free (r->contact);
  g_free (r->prev_hash);
  g_free (r->last_time);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Recipient, recipient_free)

static char *
sha256_hex (const guint8 *data,
            gsize         len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
}

typedef struct
{
  GPtrArray  *recipients;   /* of Recipient */
  const char *bundle_uuid;
  const char *hash;
} RecordData;

static gboolean
record_sent_txn (WbStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  RecordData *data = user_data;

  for (guint i = 0; i < data->recipients->len; i++)
    {
      Recipient *r = g_ptr_array_index (data->recipients, i);

      if (!_wb_exchange_record_sent (store, data->bundle_uuid, r->contact->fingerprint,
                                     r->seq, data->hash, error))
        return FALSE;
    }
  return _wb_exchange_audit (store, "bundle.export", data->bundle_uuid, error);
}

/* An attachment going out (format 1.2). */
typedef struct
{
  char         *signal_uuid;
  WbAttachment *attachment;
} Outgoing;

static void
outgoing_free (Outgoing *o)
{
  g_free (o->signal_uuid);
  wb_attachment_free (o->attachment);
  g_free (o);
}

/* Format 1.1 and 1.2 members of the manifest (all may be NULL). */
typedef struct
{
  const char *sender_kind;
  GPtrArray  *decisions;     /* of WbBundleDecision */
  WbKey      *match_key;     /* ours, for our contacts */
  const char *match_key_id;  /* of the key @tokens use */
  GPtrArray  *tokens;        /* of WbMatchToken */
  GPtrArray  *attachments;   /* of Outgoing; NULL: none, not even listed */
} Extras;

static void
add_nullable_string (JsonBuilder *b,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_extras (JsonBuilder   *b,
            const Extras  *x)
{
  json_builder_set_member_name (b, "decisions");
  json_builder_begin_array (b);
  for (guint i = 0; x->decisions != NULL && i < x->decisions->len; i++)
    {
      WbBundleDecision *bd = g_ptr_array_index (x->decisions, i);
      const WbDecision *d = bd->decision;
      g_autofree char *date = wb_date_format_iso (&d->date);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "uuid");
      json_builder_add_string_value (b, bd->uuid);
      json_builder_set_member_name (b, "signal");
      json_builder_add_string_value (b, bd->signal_uuid);
      json_builder_set_member_name (b, "revision");
      json_builder_add_int_value (b, bd->revision);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, wb_enum_to_nick (WB_TYPE_DECISION_KIND, d->kind));
      json_builder_set_member_name (b, "from_level");
      json_builder_add_int_value (b, d->from_level);
      json_builder_set_member_name (b, "to_level");
      json_builder_add_int_value (b, d->to_level);
      json_builder_set_member_name (b, "date");
      json_builder_add_string_value (b, date);
      add_nullable_string (b, "deciding_role", d->deciding_role != NULL ? d->deciding_role : "");
      add_nullable_string (b, "facts", d->facts != NULL ? d->facts : "");
      add_nullable_string (b, "assessment", d->assessment != NULL ? d->assessment : "");
      add_nullable_string (b, "decision", d->decision != NULL ? d->decision : "");
      json_builder_set_member_name (b, "instruments");
      json_builder_begin_array (b);
      for (guint j = 0; d->instruments != NULL && d->instruments[j] != NULL; j++)
        json_builder_add_string_value (b, d->instruments[j]);
      json_builder_end_array (b);
      add_nullable_string (b, "skip_reason", d->skip_reason);
      add_nullable_string (b, "outcome", d->outcome);
      add_nullable_string (b, "measures", d->measures);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  if (x->match_key != NULL)
    {
      g_autofree char *b64 = g_base64_encode (wb_key_get_data (x->match_key), WB_MATCH_KEY_BYTES);

      json_builder_set_member_name (b, "match_key");
      json_builder_add_string_value (b, b64);
      sodium_memzero (b64, strlen (b64));
    }

  if (x->match_key_id != NULL)
    {
      json_builder_set_member_name (b, "match_key_id");
      json_builder_add_string_value (b, x->match_key_id);
      json_builder_set_member_name (b, "match_tokens");
      json_builder_begin_array (b);
      for (guint i = 0; x->tokens != NULL && i < x->tokens->len; i++)
        {
          WbMatchToken *t = g_ptr_array_index (x->tokens, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "signal");
          json_builder_add_string_value (b, t->signal_uuid);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, wb_match_kind_to_nick (t->kind));
          json_builder_set_member_name (b, "token");
          json_builder_add_string_value (b, t->token);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  if (x->attachments != NULL)
    {
      json_builder_set_member_name (b, "attachments");
      json_builder_begin_array (b);
      for (guint i = 0; i < x->attachments->len; i++)
        {
          Outgoing *o = g_ptr_array_index (x->attachments, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "signal");
          json_builder_add_string_value (b, o->signal_uuid);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, o->attachment->name);
          json_builder_set_member_name (b, "size");
          json_builder_add_int_value (b, o->attachment->size);
          json_builder_set_member_name (b, "sha256");
          json_builder_add_string_value (b, o->attachment->sha256);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
}

/* The files of @attachments, each once, as attachments/<sha256>; each is
 * hashed again so the name the receiver checks is the content's. */
static gboolean
tar_add_attachments (WbStore         *store,
                     struct archive  *a,
                     GPtrArray       *attachments,
                     gint64           mtime,
                     GError         **error)
{
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      Outgoing *o = g_ptr_array_index (attachments, i);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *name = NULL;
      g_autofree char *hash = NULL;
      gsize len = 0;
      guint8 *data;
      gboolean ok;

      if (!g_hash_table_add (done, o->attachment->sha256))
        continue;
      bytes = wb_records_dup_attachment_data (store, o->attachment->id, error);
      if (bytes == NULL)
        return FALSE;
      data = g_bytes_unref_to_data (g_steal_pointer (&bytes), &len);
      hash = sha256_hex (data, len);
      if (!g_str_equal (hash, o->attachment->sha256) || len != o->attachment->size)
        {
          sodium_memzero (data, len);
          g_free (data);
          g_set_error_literal (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_FAILED,
                               _("An attachment in the vault does not match its recorded SHA-256"));
          return FALSE;
        }
      name = g_strdup_printf ("attachments/%s", hash);
      ok = tar_add (a, name, data, len, mtime, error);
      sodium_memzero (data, len);
      g_free (data);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* The common part of exports and acknowledgements: @signals (already
 * filtered), @tombstones ("uuid:rev"), @acks, @extras. */
static gboolean
write_bundle (WbStore       *store,
              WbIdentity    *identity,
              GPtrArray     *recipients,
              const char    *kind,
              WbTlp          tlp_max,
              GPtrArray     *signals,
              GPtrArray     *tombstones,
              const char * const *acks,
              const Extras  *extras,
              const char    *bundle_uuid,
              const char    *path,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *manifest = NULL;
  g_autofree char *version = g_strdup_printf ("%d.%d", WB_BUNDLE_FORMAT_MAJOR, WB_BUNDLE_FORMAT_MINOR);
  g_autofree WbAgeRecipient *age_recipients = g_new0 (WbAgeRecipient, recipients->len);
  g_autoptr(GOutputStream) cipher = g_memory_output_stream_new_resizable ();
  g_autoptr(GPtrArray) jsons = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(WbArchive) inner = NULL;
  g_autoptr(WbArchive) outer = NULL;
  g_autoptr(GInputStream) cipher_in = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *card = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *comment = NULL;
  gint64 mtime = g_date_time_to_unix (now);
  SinkData sink = { NULL, cancellable, NULL };
  RecordData record;

  /* Manifest */
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "weerbaar-bundle");
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, version);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind);
  json_builder_set_member_name (b, "bundle_uuid");
  json_builder_add_string_value (b, bundle_uuid);
  json_builder_set_member_name (b, "created_at");
  json_builder_add_string_value (b, created);
  json_builder_set_member_name (b, "sender");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "fingerprint");
  json_builder_add_string_value (b, wb_identity_get_fingerprint (identity));
  json_builder_set_member_name (b, "organisation");
  json_builder_add_string_value (b, wb_identity_get_organisation (identity));
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, wb_identity_get_role (identity));
  json_builder_set_member_name (b, "vault_kind");
  json_builder_add_string_value (b, extras->sender_kind);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "recipients");
  json_builder_begin_array (b);
  for (guint i = 0; i < recipients->len; i++)
    {
      Recipient *r = g_ptr_array_index (recipients, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "fingerprint");
      json_builder_add_string_value (b, r->contact->fingerprint);
      json_builder_set_member_name (b, "organisation");
      json_builder_add_string_value (b, r->contact->name);
      json_builder_set_member_name (b, "sequence");
      json_builder_add_int_value (b, r->seq);
      json_builder_set_member_name (b, "previous_bundle_hash");
      if (r->prev_hash != NULL)
        json_builder_add_string_value (b, r->prev_hash);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      age_recipients[i] = r->contact->age_key;
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "tlp_max");
  json_builder_add_string_value (b, wb_enum_to_nick (WB_TYPE_TLP, tlp_max));
  json_builder_set_member_name (b, "records");
  json_builder_begin_array (b);
  for (guint i = 0; i < signals->len; i++)
    {
      WbSignal *s = g_ptr_array_index (signals, i);
      g_autofree char *h = wb_signal_dup_canonical_hash (s);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "uuid");
      json_builder_add_string_value (b, wb_signal_get_uuid (s));
      json_builder_set_member_name (b, "revision");
      json_builder_add_int_value (b, wb_signal_get_revision (s));
      json_builder_set_member_name (b, "hash");
      json_builder_add_string_value (b, h);
      json_builder_end_object (b);
      g_ptr_array_add (jsons, wb_signal_to_json (s, TRUE));
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "tombstones");
  json_builder_begin_array (b);
  for (guint i = 0; tombstones != NULL && i < tombstones->len; i++)
    {
      const char *t = g_ptr_array_index (tombstones, i);
      const char *colon = strchr (t, ':');
      g_autofree char *uuid = g_strndup (t, colon - t);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "uuid");
      json_builder_add_string_value (b, uuid);
      json_builder_set_member_name (b, "revision");
      json_builder_add_int_value (b, g_ascii_strtoll (colon + 1, NULL, 10));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "acknowledges");
  json_builder_begin_array (b);
  for (guint i = 0; acks != NULL && acks[i] != NULL; i++)
    json_builder_add_string_value (b, acks[i]);
  json_builder_end_array (b);
  add_extras (b, extras);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  manifest = json_generator_to_data (gen, NULL);

  /* Payload: tar → age → memory (ciphertext only). */
  sink.age = wb_age_writer_new (cipher, age_recipients, recipients->len, cancellable, error);
  if (sink.age == NULL)
    return FALSE;
  inner = tar_writer_new ();
  if (archive_write_open2 (inner, &sink, NULL, sink_write_cb, NULL, NULL) != ARCHIVE_OK)
    {
      wb_age_writer_free (sink.age);
      return archive_fail (inner, error);
    }
  {
    gboolean ok = tar_add (inner, "manifest.json", manifest, strlen (manifest), mtime, error);

    for (guint i = 0; ok && i < signals->len; i++)
      {
        WbSignal *s = g_ptr_array_index (signals, i);
        const char *json = g_ptr_array_index (jsons, i);
        g_autofree char *name = g_strdup_printf ("signals/%s.json", wb_signal_get_uuid (s));

        ok = tar_add (inner, name, json, strlen (json), mtime, error);
      }
    if (ok)
      ok = tar_add_attachments (store, inner, extras->attachments, mtime, error);
    if (ok && archive_write_close (inner) != ARCHIVE_OK)
      ok = archive_fail (inner, error);
    if (ok && sink.error == NULL)
      ok = wb_age_writer_finish (sink.age, cancellable, error);
    wb_age_writer_free (sink.age);
    for (guint i = 0; i < jsons->len; i++)
      {
        char *json = g_ptr_array_index (jsons, i);

        sodium_memzero (json, strlen (json));
      }
    sodium_memzero (manifest, strlen (manifest));
    if (sink.error != NULL)
      {
        g_clear_error (error);
        g_propagate_error (error, g_steal_pointer (&sink.error));
        return FALSE;
      }
    if (!ok)
      return FALSE;
  }
  if (!g_output_stream_close (cipher, cancellable, error))
    return FALSE;
  payload = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (cipher));
  hash = sha256_hex (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));

  /* Signature over the encrypted payload. */
  comment = g_strdup_printf ("weerbaar-bundle %s %s", version, bundle_uuid);
  cipher_in = g_memory_input_stream_new_from_bytes (payload);
  sig = wb_minisign_sign (wb_identity_get_sign_secret (identity),
                          wb_identity_get_sign_key (identity)->key_id,
                          cipher_in, WB_BUNDLE_SIGNATURE_COMMENT, comment,
                          cancellable, error);
  if (sig == NULL)
    return FALSE;
  card = wb_identity_dup_card (identity);

  /* The outer tar, written beside @path and renamed over it. */
  tmp = g_strdup_printf ("%s.part", path);
  outer = tar_writer_new ();
  if (archive_write_open_filename (outer, tmp) != ARCHIVE_OK)
    {
      g_set_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_FAILED,
                   _("Could not create the bundle file “%s”"), path);
      return FALSE;
    }
  if (!tar_add (outer, "payload.age", g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), mtime, error) ||
      !tar_add (outer, "payload.age.minisig", sig, strlen (sig), mtime, error) ||
      !tar_add (outer, "sender.card", card, strlen (card), mtime, error) ||
      (archive_write_close (outer) != ARCHIVE_OK && !archive_fail (outer, error)))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_FAILED,
                   _("Could not write the bundle file “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }

  record.recipients = recipients;
  record.bundle_uuid = bundle_uuid;
  record.hash = hash;
  if (!_wb_store_run_in_transaction (store, record_sent_txn, &record, error))
    {
      /* Not recorded as sent: do not leave a bundle that would break the
       * sequence. */
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
resolve_recipients (WbStore             *store,
                    const char * const  *names,
                    GError             **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) recipient_free);

  if (names == NULL || names[0] == NULL)
    {
      g_set_error_literal (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_INVALID,
                           _("Name at least one recipient"));
      return NULL;
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(Recipient) r = g_new0 (Recipient, 1);

      r->contact = wb_contacts_lookup (store, names[i], error);
      if (r->contact == NULL)
        return NULL;
      for (guint j = 0; j < out->len; j++)
        if (g_str_equal (((Recipient *) g_ptr_array_index (out, j))->contact->fingerprint,
                         r->contact->fingerprint))
          {
            g_set_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_INVALID,
                         _("The recipient “%s” is named twice"), names[i]);
            return NULL;
          }
      if (!_wb_exchange_last_sent (store, r->contact->fingerprint, &r->seq, &r->prev_hash,
                                   &r->last_time, error))
        return NULL;
      r->seq++;
      g_ptr_array_add (out, g_steal_pointer (&r));
    }
  return g_steal_pointer (&out);
}

/* The match key the recipients gave us, if they all gave the same one:
 * tokens are only of use to the coordinator whose key made them. */
static gboolean
recipients_match_key (WbStore    *store,
                      GPtrArray  *recipients,
                      WbKey     **key,
                      GError    **error)
{
  g_autoptr(WbKey) first = NULL;

  *key = NULL;
  for (guint i = 0; i < recipients->len; i++)
    {
      Recipient *r = g_ptr_array_index (recipients, i);
      g_autoptr(WbKey) k = NULL;

      if (!_wb_matches_load_key (store, r->contact->fingerprint, &k, error))
        return FALSE;
      if (k == NULL || (first != NULL && !wb_key_equal (first, k)))
        return TRUE;
      if (first == NULL)
        first = g_steal_pointer (&k);
    }
  *key = g_steal_pointer (&first);
  return TRUE;
}

static void
withhold (GPtrArray  *withheld,
          WbSignal   *s,
          char       *reason)
{
  WbWithheld *w = g_new0 (WbWithheld, 1);

  w->uuid = g_strdup (wb_signal_get_uuid (s));
  w->reason = reason;
  g_ptr_array_add (withheld, w);
}

static void
export_recipient_free (WbExportRecipient *r)
{
  g_free (r->name);
  g_free (r->fingerprint);
  g_free (r);
}

static WbExportReport *
report_new (GPtrArray *recipients)
{
  WbExportReport *report = g_new0 (WbExportReport, 1);

  report->withheld = g_ptr_array_new_with_free_func ((GDestroyNotify) withheld_free);
  report->recipients = g_ptr_array_new_with_free_func ((GDestroyNotify) export_recipient_free);
  for (guint i = 0; i < recipients->len; i++)
    {
      Recipient *r = g_ptr_array_index (recipients, i);
      WbExportRecipient *er = g_new0 (WbExportRecipient, 1);

      er->name = g_strdup (r->contact->name);
      er->fingerprint = g_strdup (r->contact->fingerprint);
      er->sequence = r->seq;
      g_ptr_array_add (report->recipients, er);
    }
  return report;
}

/* What an export sends and what it holds back, decided once for both the
 * real export and its preview (issue #6). */
typedef struct
{
  GPtrArray      *recipients;   /* of Recipient */
  GPtrArray      *outgoing;     /* of WbSignal, minimised */
  GPtrArray      *tombstones;   /* "uuid:rev" */
  GPtrArray      *decisions;    /* of WbBundleDecision */
  GPtrArray      *tokens;       /* of WbMatchToken */
  GPtrArray      *attachments;  /* of Outgoing, or NULL */
  WbKey          *own_key;
  char           *their_key_id;
  WbActorKind     vault_kind;
  WbExportReport *report;
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->recipients, g_ptr_array_unref);
  g_clear_pointer (&plan->outgoing, g_ptr_array_unref);
  g_clear_pointer (&plan->tombstones, g_ptr_array_unref);
  g_clear_pointer (&plan->decisions, g_ptr_array_unref);
  g_clear_pointer (&plan->tokens, g_ptr_array_unref);
  g_clear_pointer (&plan->attachments, g_ptr_array_unref);
  g_clear_pointer (&plan->own_key, wb_key_unref);
  g_clear_pointer (&plan->their_key_id, g_free);
  g_clear_pointer (&plan->report, wb_export_report_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

/* Fills @plan.  A @preview only reads: it makes no coordinator match key,
 * and reports the one the export would make. */
static gboolean
plan_export (WbStore                      *store,
             const WbBundleExportOptions  *options,
             gboolean                      preview,
             Plan                         *plan,
             GCancellable                 *cancellable,
             GError                      **error)
{
  g_autoptr(GPtrArray) selected = NULL;
  g_autoptr(WbKey) their_key = NULL;
  g_autoptr(GHashTable) files = NULL;
  WbExportReport *report;
  const char *since = NULL;
  const char *max_nick;
  const char *only_recipient = NULL;
  gboolean explicit_selection;

  max_nick = wb_enum_to_nick (WB_TYPE_TLP, options->tlp_max);
  if (max_nick == NULL)
    {
      g_set_error_literal (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_INVALID,
                           _("Unknown TLP ceiling"));
      return FALSE;
    }

  plan->recipients = resolve_recipients (store, options->recipients, error);
  if (plan->recipients == NULL)
    return FALSE;

  if (options->since_last)
    {
      /* The earliest last export among the recipients: nobody misses a
       * change (one who got it already sees a no-op). */
      for (guint i = 0; i < plan->recipients->len; i++)
        {
          Recipient *r = g_ptr_array_index (plan->recipients, i);

          if (r->last_time == NULL)
            {
              since = NULL;
              break;
            }
          if (since == NULL || strcmp (r->last_time, since) < 0)
            since = r->last_time;
        }
    }

  plan->vault_kind = _wb_exchange_vault_kind (store);
  if (plan->vault_kind == WB_ACTOR_COORDINATOR &&
      ((!preview && !wb_matches_ensure_key (store, error)) ||
       !_wb_matches_load_key (store, "", &plan->own_key, error)))
    return FALSE;
  if (!recipients_match_key (store, plan->recipients, &their_key, error))
    return FALSE;
  if (their_key != NULL)
    plan->their_key_id = _wb_matches_key_id (their_key);
  if (plan->recipients->len == 1)
    only_recipient = ((Recipient *) g_ptr_array_index (plan->recipients, 0))->contact->fingerprint;
  explicit_selection = options->uuids != NULL || options->case_name != NULL;

  selected = select_signals (store, options, error);
  if (selected == NULL)
    return FALSE;
  plan->tombstones = _wb_exchange_list_tombstones (store, since, error);
  if (plan->tombstones == NULL)
    return FALSE;

  plan->outgoing = g_ptr_array_new_with_free_func (g_object_unref);
  plan->decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_bundle_decision_free);
  plan->tokens = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_match_token_free);
  plan->report = report = report_new (plan->recipients);
  if (options->with_attachments)
    {
      plan->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) outgoing_free);
      files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  for (guint i = 0; i < selected->len; i++)
    {
      WbSignal *s = g_ptr_array_index (selected, i);
      WbTlp tlp = wb_signal_get_tlp (s);
      g_autoptr(WbSignal) out = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (since != NULL)
        {
          g_autofree char *updated = g_date_time_format (wb_signal_get_updated_at (s), "%Y-%m-%dT%H:%M:%SZ");

          if (strcmp (updated, since) < 0)
            continue;
        }

      /* A received signal is its origin's to share, never ours to
       * forward; what we decided on it goes back to that origin alone. */
      {
        g_autofree char *origin = NULL;

        if (!_wb_exchange_signal_origin (store, wb_signal_get_uuid (s), &origin, error))
          return FALSE;
        if (origin != NULL)
          {
            report->n_not_forwarded++;
            if (g_strcmp0 (origin, only_recipient) == 0)
              {
                g_autoptr(GPtrArray) ds = _wb_exchange_list_decisions (store, wb_signal_get_uuid (s), TRUE, error);

                if (ds == NULL)
                  return FALSE;
                for (guint j = 0; j < ds->len; j++)
                  g_ptr_array_add (plan->decisions, g_steal_pointer (&g_ptr_array_index (ds, j)));
              }
            else if (explicit_selection)
              withhold (report->withheld, s,
                        g_strdup (_("Received from another vault: only its sender gets back the decisions made here")));
            continue;
          }
      }

      /* TLP 2.0 order: CLEAR < GREEN < AMBER < AMBER+STRICT < RED. */
      if (tlp > options->tlp_max)
        {
          withhold (report->withheld, s,
                    g_strdup_printf (_("TLP:%s is above the ceiling TLP:%s for these recipients"),
                                     wb_enum_to_nick (WB_TYPE_TLP, tlp), max_nick));
          continue;
        }

      /* Pseudonymised by construction: a WbSignal carries persons as
       * pseudonyms only; identities live in a table no export reads.
       * The actor's country does not leave for GREEN and CLEAR. */
      out = wb_signal_copy (s);
      if (tlp <= WB_TLP_GREEN)
        wb_signal_set_actor_country (out, NULL);

      /* Its decision log travels with it (append-only, merged by UUID). */
      {
        g_autoptr(GPtrArray) ds = _wb_exchange_list_decisions (store, wb_signal_get_uuid (s), FALSE, error);

        if (ds == NULL)
          return FALSE;
        for (guint j = 0; j < ds->len; j++)
          g_ptr_array_add (plan->decisions, g_steal_pointer (&g_ptr_array_index (ds, j)));
      }
      if (their_key != NULL)
        {
          g_autoptr(GPtrArray) ts = _wb_matches_signal_tokens (store, their_key, s, error);

          if (ts == NULL)
            return FALSE;
          for (guint j = 0; j < ts->len; j++)
            g_ptr_array_add (plan->tokens, g_steal_pointer (&g_ptr_array_index (ts, j)));
        }
      /* Only the files of a signal that is sent; once per SHA-256 per
       * signal (the receiver keeps one). */
      if (plan->attachments != NULL)
        {
          g_autoptr(GPtrArray) list = wb_records_list_attachments (store, wb_signal_get_uuid (s), error);
          g_autoptr(GHashTable) mine = g_hash_table_new (g_str_hash, g_str_equal);

          if (list == NULL)
            return FALSE;
          for (guint j = 0; j < list->len; j++)
            {
              WbAttachment *a = g_ptr_array_index (list, j);
              Outgoing *o;

              if (!g_hash_table_add (mine, a->sha256))
                continue;
              if (g_hash_table_add (files, g_strdup (a->sha256)))
                report->attachment_bytes += a->size;
              o = g_new0 (Outgoing, 1);
              o->signal_uuid = g_strdup (wb_signal_get_uuid (s));
              o->attachment = g_steal_pointer (&g_ptr_array_index (list, j));
              g_ptr_array_add (plan->attachments, o);
            }
        }
      g_ptr_array_add (plan->outgoing, g_steal_pointer (&out));
    }

  report->n_signals = plan->outgoing->len;
  report->n_tombstones = plan->tombstones->len;
  report->n_decisions = plan->decisions->len;
  report->n_match_tokens = plan->tokens->len;
  report->match_key_sent = plan->vault_kind == WB_ACTOR_COORDINATOR;
  report->n_attachments = plan->attachments != NULL ? plan->attachments->len : 0;
  return TRUE;
}

WbExportReport *
wb_bundle_export (WbStore                      *store,
                  const WbBundleExportOptions  *options,
                  const char                   *path,
                  GCancellable                 *cancellable,
                  GError                      **error)
{
  g_autoptr(WbIdentity) identity = NULL;
  g_auto(Plan) plan = { 0 };
  Extras extras = { 0 };

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  identity = wb_identity_ensure (store, error);
  if (identity == NULL)
    return NULL;
  if (!plan_export (store, options, FALSE, &plan, cancellable, error))
    return NULL;

  /* What the receiver would refuse is not written at all. */
  if (plan.report->n_attachments > WB_BUNDLE_MAX_ATTACHMENTS ||
      plan.report->attachment_bytes > WB_BUNDLE_MAX_ATTACHMENT_BYTES)
    {
      g_set_error (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_INVALID,
                   _("The attachments are more than a bundle may carry (at most %u files and %u MiB); select fewer signals or leave the attachments out"),
                   (guint) WB_BUNDLE_MAX_ATTACHMENTS, (guint) (WB_BUNDLE_MAX_ATTACHMENT_BYTES / (1024 * 1024)));
      return NULL;
    }

  plan.report->bundle_uuid = g_uuid_string_random ();
  extras.sender_kind = wb_enum_to_nick (WB_TYPE_ACTOR_KIND, plan.vault_kind);
  extras.decisions = plan.decisions;
  extras.match_key = plan.own_key;
  extras.match_key_id = plan.their_key_id;
  extras.tokens = plan.tokens;
  extras.attachments = plan.attachments;
  if (!write_bundle (store, identity, plan.recipients, "signals", options->tlp_max, plan.outgoing,
                     plan.tombstones, NULL, &extras, plan.report->bundle_uuid, path, cancellable, error))
    return NULL;

  return g_steal_pointer (&plan.report);
}

WbExportReport *
wb_bundle_export_preview (WbStore                      *store,
                          const WbBundleExportOptions  *options,
                          GCancellable                 *cancellable,
                          GError                      **error)
{
  g_auto(Plan) plan = { 0 };

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!plan_export (store, options, TRUE, &plan, cancellable, error))
    return NULL;
  return g_steal_pointer (&plan.report);
}

WbExportReport *
wb_bundle_export_ack (WbStore             *store,
                      const char          *recipient,
                      const char * const  *bundle_uuids,
                      const char          *path,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr(WbIdentity) identity = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(WbExportReport) report = NULL;
  const char *names[] = { recipient, NULL };
  Extras extras = { 0 };

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (recipient != NULL, NULL);
  g_return_val_if_fail (bundle_uuids != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  identity = wb_identity_ensure (store, error);
  if (identity == NULL)
    return NULL;
  recipients = resolve_recipients (store, names, error);
  if (recipients == NULL)
    return NULL;

  report = report_new (recipients);
  report->bundle_uuid = g_uuid_string_random ();
  extras.sender_kind = wb_enum_to_nick (WB_TYPE_ACTOR_KIND, _wb_exchange_vault_kind (store));
  if (!write_bundle (store, identity, recipients, "ack", WB_TLP_CLEAR, none, NULL, bundle_uuids,
                     &extras, report->bundle_uuid, path, cancellable, error))
    return NULL;
  return g_steal_pointer (&report);
}
