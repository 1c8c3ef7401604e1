/* wb-signal.h — a signal of foreign interference (DOMAIN.md §3) and its JSON
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_INSIDE) && !defined (WB_CORE_COMPILATION)
# error "Only <wb-core.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "wb-types.h"
#include "wb-enums.h"

G_BEGIN_DECLS

#define WB_SIGNAL_ERROR (wb_signal_error_quark ())

/* Messages name the JSON field (e.g. "persons[1].role") and never quote
 * the record's content. */
typedef enum
{
  WB_SIGNAL_ERROR_INVALID_JSON,     /* not JSON, or not a JSON object */
  WB_SIGNAL_ERROR_UNKNOWN_FIELD,
  WB_SIGNAL_ERROR_FORBIDDEN_FIELD,  /* ethnicity, religion, political opinion … */
  WB_SIGNAL_ERROR_DUPLICATE_FIELD,
  WB_SIGNAL_ERROR_WRONG_TYPE,
  WB_SIGNAL_ERROR_MISSING_FIELD,
  WB_SIGNAL_ERROR_INVALID_VALUE,    /* bad code, enum, date, level, length … */
  WB_SIGNAL_ERROR_NOT_MINIMISED,    /* looks like a BSN or a street address */
} WbSignalError;

/* Minimisation limits, in characters. */
#define WB_SIGNAL_SUMMARY_MAX_CHARS  280
#define WB_SIGNAL_TEXT_MAX_CHARS     4000
#define WB_SIGNAL_NOTE_MAX_CHARS     1000
#define WB_SIGNAL_NAME_MAX_CHARS     120
#define WB_SIGNAL_TAG_MAX_CHARS      64

/* Default review date of a signal: this many months after its last change
 * (DOMAIN.md §4), and after closing (wb_ladder_compute_review_date()). */
#define WB_RETENTION_DEFAULT_MONTHS  12

typedef enum
{
  WB_SIGNAL_JSON_NONE      = 0,
  /* Input written by a person (weerbaar-cli add): uuid, revision,
   * created_at, updated_at, level, review_on, tlp, organisation and role
   * may be left out and get the defaults of wb_signal_new().  The caller
   * fills organisation and role from the vault identity and must then
   * call wb_signal_validate(). */
  WB_SIGNAL_JSON_ALLOW_NEW = 1 << 0,
  /* A document this vault's store wrote itself (the canonical JSON of a
   * signal that passed wb_signal_validate() when it was stored): skips
   * the duplicate-member check, the length limits and the minimisation
   * scans, which cost most of the parse.  Structure is still checked —
   * not JSON or not UTF-8, unknown fields, wrong types, bad enum nicks,
   * numbers out of range, required fields missing or empty — and refused
   * with an error, never trusted blindly.  Never use it for text from
   * outside the vault (people, bundles, imports). */
  WB_SIGNAL_JSON_TRUSTED   = 1 << 1,
} WbSignalJsonFlags;

typedef struct _WbPerson WbPerson;

/* A person linked to a signal: pseudonym and role only; identities never
 * leave the vault and are not part of this record. */
struct _WbPerson
{
  char         *pseudonym;
  WbPersonRole  role;
};

#define WB_TYPE_PERSON (wb_person_get_type ())

GType        wb_person_get_type  (void) G_GNUC_CONST;
WbPerson    *wb_person_new       (const char     *pseudonym,
                                  WbPersonRole    role);
WbPerson    *wb_person_copy      (const WbPerson *person);
void         wb_person_free      (WbPerson       *person);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbPerson, wb_person_free)

#define WB_TYPE_SIGNAL (wb_signal_get_type ())

G_DECLARE_FINAL_TYPE (WbSignal, wb_signal, WB, SIGNAL, GObject)

GQuark              wb_signal_error_quark              (void);

/* A new signal: fresh UUID, revision 1, created and updated now, level 1,
 * TLP AMBER+STRICT, review date 12 months ahead.  Not yet valid: summary,
 * categories, occurrence date and the recording identity must be set. */
WbSignal           *wb_signal_new                      (void);
WbSignal           *wb_signal_copy                     (WbSignal           *self);
/* FALSE for a list row from wb_records_list_signal_rows() or
 * wb_records_search_rows(): it carries only uuid, revision, summary,
 * categories, occurred_on and its precision, municipality, tlp, level,
 * closed_on, review_on, legal_hold, created_at and updated_at; every
 * other field has its default.  Load the signal with
 * wb_records_get_signal() before showing its details, editing or
 * exporting it; the store refuses to save a list row. */
gboolean            wb_signal_is_complete              (WbSignal           *self);

/* Parsing is strict: see docs/signal-json.md.  The result is validated
 * (wb_signal_validate()), except for organisation and role with
 * WB_SIGNAL_JSON_ALLOW_NEW, and only structurally with
 * WB_SIGNAL_JSON_TRUSTED. */
WbSignal           *wb_signal_new_from_json            (const char         *json,
                                                        gssize              length,
                                                        WbSignalJsonFlags   flags,
                                                        GError            **error);
WbSignal           *wb_signal_new_from_json_node       (JsonNode           *node,
                                                        WbSignalJsonFlags   flags,
                                                        GError            **error);
/* Every field, always, in the documented order. */
JsonNode           *wb_signal_to_json_node             (WbSignal           *self);
char               *wb_signal_to_json                  (WbSignal           *self,
                                                        gboolean            pretty);
/* Compact form of wb_signal_to_json(); its BLAKE2b-256 (lowercase hex) is
 * what bundles compare when merging. */
char               *wb_signal_dup_canonical_json       (WbSignal           *self);
char               *wb_signal_dup_canonical_hash       (WbSignal           *self);
gboolean            wb_signal_equal                    (WbSignal           *a,
                                                        WbSignal           *b);

gboolean            wb_signal_validate                 (WbSignal           *self,
                                                        GError            **error);
/* The pragmatic minimisation check applied to every free-text field: no
 * BSN (9 digits passing the 11-proef), no postcode, no street + number. */
gboolean            wb_signal_check_free_text          (const char         *field,
                                                        const char         *text,
                                                        GError            **error);

/* Dates are "YYYY-MM-DD"; helpers shared with the ladder and the UI. */
gboolean            wb_date_parse_iso                  (const char         *text,
                                                        GDate              *date);
char               *wb_date_format_iso                 (const GDate        *date);

const char         *wb_signal_get_uuid                 (WbSignal           *self);
void                wb_signal_set_uuid                 (WbSignal           *self,
                                                        const char         *uuid);
guint               wb_signal_get_revision             (WbSignal           *self);
void                wb_signal_set_revision             (WbSignal           *self,
                                                        guint               revision);
const char         *wb_signal_get_organisation         (WbSignal           *self);
void                wb_signal_set_organisation         (WbSignal           *self,
                                                        const char         *organisation);
const char         *wb_signal_get_role                 (WbSignal           *self);
void                wb_signal_set_role                 (WbSignal           *self,
                                                        const char         *role);
GDateTime          *wb_signal_get_created_at           (WbSignal           *self);
void                wb_signal_set_created_at           (WbSignal           *self,
                                                        GDateTime          *created_at);
GDateTime          *wb_signal_get_updated_at           (WbSignal           *self);
void                wb_signal_set_updated_at           (WbSignal           *self,
                                                        GDateTime          *updated_at);
const char         *wb_signal_get_summary              (WbSignal           *self);
void                wb_signal_set_summary              (WbSignal           *self,
                                                        const char         *summary);
const char         *wb_signal_get_description          (WbSignal           *self);
void                wb_signal_set_description          (WbSignal           *self,
                                                        const char         *description);
/* Kept in taxonomy order without duplicates. */
const char * const *wb_signal_get_categories           (WbSignal           *self);
void                wb_signal_set_categories           (WbSignal           *self,
                                                        const char * const *categories);
gboolean            wb_signal_has_category             (WbSignal           *self,
                                                        const char         *code);
const char         *wb_signal_get_occurred_on          (WbSignal           *self);
void                wb_signal_set_occurred_on          (WbSignal           *self,
                                                        const char         *occurred_on);
WbPrecision         wb_signal_get_occurred_precision   (WbSignal           *self);
void                wb_signal_set_occurred_precision   (WbSignal           *self,
                                                        WbPrecision         precision);
const char         *wb_signal_get_municipality         (WbSignal           *self);
void                wb_signal_set_municipality         (WbSignal           *self,
                                                        const char         *municipality);
const char         *wb_signal_get_neighbourhood        (WbSignal           *self);
void                wb_signal_set_neighbourhood        (WbSignal           *self,
                                                        const char         *neighbourhood);
WbChannel           wb_signal_get_channel              (WbSignal           *self);
void                wb_signal_set_channel              (WbSignal           *self,
                                                        WbChannel           channel);
WbSourceType        wb_signal_get_source_type          (WbSignal           *self);
void                wb_signal_set_source_type          (WbSignal           *self,
                                                        WbSourceType        source_type);
WbReliability       wb_signal_get_reliability          (WbSignal           *self);
void                wb_signal_set_reliability          (WbSignal           *self,
                                                        WbReliability       reliability);
WbCredibility       wb_signal_get_credibility          (WbSignal           *self);
void                wb_signal_set_credibility          (WbSignal           *self,
                                                        WbCredibility       credibility);
WbTlp               wb_signal_get_tlp                  (WbSignal           *self);
void                wb_signal_set_tlp                  (WbSignal           *self,
                                                        WbTlp               tlp);
WbAttribution       wb_signal_get_attribution          (WbSignal           *self);
void                wb_signal_set_attribution          (WbSignal           *self,
                                                        WbAttribution       attribution);
WbConfidence        wb_signal_get_attribution_confidence (WbSignal         *self);
void                wb_signal_set_attribution_confidence (WbSignal         *self,
                                                          WbConfidence      confidence);
/* ISO 3166-1 alpha-2 or NULL.  Never used for scoring, suggestions,
 * defaults or sorting (tests/test-ladder.c proves it). */
const char         *wb_signal_get_actor_country        (WbSignal           *self);
void                wb_signal_set_actor_country        (WbSignal           *self,
                                                        const char         *actor_country);
WbCommunityContext  wb_signal_get_community_context    (WbSignal           *self);
void                wb_signal_set_community_context    (WbSignal           *self,
                                                        WbCommunityContext  context);
const char         *wb_signal_get_community_note       (WbSignal           *self);
void                wb_signal_set_community_note       (WbSignal           *self,
                                                        const char         *note);
/* Borrowed array of WbPerson; add/clear to change it. */
GPtrArray          *wb_signal_get_persons              (WbSignal           *self);
void                wb_signal_add_person               (WbSignal           *self,
                                                        const char         *pseudonym,
                                                        WbPersonRole        role);
void                wb_signal_clear_persons            (WbSignal           *self);
const char * const *wb_signal_get_tags                 (WbSignal           *self);
void                wb_signal_set_tags                 (WbSignal           *self,
                                                        const char * const *tags);
const char * const *wb_signal_get_handles              (WbSignal           *self);
void                wb_signal_set_handles              (WbSignal           *self,
                                                        const char * const *handles);
gboolean            wb_signal_get_referral_made        (WbSignal           *self);
void                wb_signal_set_referral_made        (WbSignal           *self,
                                                        gboolean            referral_made);
WbAangifte          wb_signal_get_aangifte             (WbSignal           *self);
void                wb_signal_set_aangifte             (WbSignal           *self,
                                                        WbAangifte          aangifte);
gboolean            wb_signal_get_consent_to_share     (WbSignal           *self);
void                wb_signal_set_consent_to_share     (WbSignal           *self,
                                                        gboolean            consent);
const char         *wb_signal_get_impact               (WbSignal           *self);
void                wb_signal_set_impact               (WbSignal           *self,
                                                        const char         *impact);
const char         *wb_signal_get_protective_measures  (WbSignal           *self);
void                wb_signal_set_protective_measures  (WbSignal           *self,
                                                        const char         *measures);
int                 wb_signal_get_level                (WbSignal           *self);
void                wb_signal_set_level                (WbSignal           *self,
                                                        int                 level);
/* Set when a CLOSE decision is applied (wb_ladder_apply_decision()). */
const char         *wb_signal_get_closed_on            (WbSignal           *self);
void                wb_signal_set_closed_on            (WbSignal           *self,
                                                        const char         *closed_on);
const char         *wb_signal_get_review_on            (WbSignal           *self);
void                wb_signal_set_review_on            (WbSignal           *self,
                                                        const char         *review_on);
gboolean            wb_signal_get_legal_hold           (WbSignal           *self);
void                wb_signal_set_legal_hold           (WbSignal           *self,
                                                        gboolean            legal_hold);

G_END_DECLS
