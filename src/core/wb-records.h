/* wb-records.h — signals, cases, links, decisions and retention in the vault
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
#include "wb-audit.h"
#include "wb-ladder.h"
#include "wb-signal.h"

G_BEGIN_DECLS

/* Persistence of the domain (issue #4), implemented in wb-store-signals.c.
 * Every call that changes something is one transaction together with its
 * audit log entry: when it fails (GError set) nothing at all was written.
 * Messages never quote a record's content.  See docs/records.md. */

#define WB_RECORDS_ERROR (wb_records_error_quark ())

typedef enum
{
  WB_RECORDS_ERROR_NOT_FOUND,     /* no signal or case with that UUID/name */
  WB_RECORDS_ERROR_EXISTS,        /* UUID, link or case name already there */
  WB_RECORDS_ERROR_INVALID,       /* bad argument: link to itself, bad date … */
  WB_RECORDS_ERROR_CONFLICT,      /* edit of an outdated revision */
  WB_RECORDS_ERROR_READ_ONLY,     /* edit tried to change level, closing or hold */
  WB_RECORDS_ERROR_LEGAL_HOLD,    /* purge refused under legal hold */
} WbRecordsError;

/* Vault settings (wb_store_set_setting()) read by this module. */
#define WB_RECORDS_SETTING_ORGANISATION     "organisation-name"
#define WB_RECORDS_SETTING_ROLE             "organisation-role"
#define WB_RECORDS_SETTING_RETENTION_MONTHS "retention-months"
/* "municipality" (default) or "coordinator": who may decide levels 5–7. */
#define WB_RECORDS_SETTING_VAULT_KIND       "vault-kind"

typedef enum
{
  WB_LINK_SAME_ACTOR,
  WB_LINK_SAME_CAMPAIGN,
  WB_LINK_SAME_TARGET,
  WB_LINK_DUPLICATE,
} WbLinkType;

typedef enum
{
  WB_RECORDS_SORT_LADDER,        /* wb_ladder_compare_signals() order */
  WB_RECORDS_SORT_OCCURRED,      /* newest occurrence first */
  WB_RECORDS_SORT_UPDATED,       /* most recently changed first */
  WB_RECORDS_SORT_REVIEW,        /* earliest review date first */
} WbRecordsSort;

#define WB_RECORDS_ANY (-1)

/* Filters of wb_records_list_signals() and wb_records_search().  Strings
 * are borrowed; start from wb_records_filter_init(). */
typedef struct
{
  const char    *category;      /* "A1", or "A" for A and all of A1–A4 */
  int            level;         /* 1–7 or WB_RECORDS_ANY */
  int            tlp;           /* a WbTlp or WB_RECORDS_ANY */
  const char    *municipality;  /* exact, case-insensitive */
  const char    *occurred_from; /* YYYY-MM-DD, inclusive */
  const char    *occurred_to;   /* YYYY-MM-DD, inclusive */
  gboolean       overdue;       /* review date passed, not on legal hold */
  const char    *today;         /* YYYY-MM-DD for "overdue"; NULL = today (UTC) */
  WbRecordsSort  sort;
  guint          limit;         /* 0 = no limit */
} WbRecordsFilter;

typedef struct
{
  char       *a;
  char       *b;
  WbLinkType  type;
  char       *created_at;
} WbLink;

typedef struct
{
  char   *uuid;
  char   *name;
  char   *created_at;
  guint   n_signals;
} WbCase;

typedef struct
{
  gint64  id;
  char   *name;
  gint64  size;
  char   *sha256;     /* 64 lower-case hex digits */
  char   *added_at;
} WbAttachment;

/* One bar of a statistic: a key (code, level, TLP nick, municipality) and
 * the number of signals. */
typedef struct
{
  char   *key;
  gint64  count;
} WbCount;

typedef struct
{
  gint64     total;
  GPtrArray *by_category;      /* of WbCount; top-level codes A–I */
  GPtrArray *by_level;         /* "1" … "7" */
  GPtrArray *by_tlp;           /* TLP nicks */
  GPtrArray *by_municipality;  /* most signals first */
} WbStats;

GQuark        wb_records_error_quark          (void);

const char   *wb_link_type_to_nick            (WbLinkType          type);
gboolean      wb_link_type_from_nick          (const char         *nick,
                                               WbLinkType         *type);
void          wb_link_free                    (WbLink             *link);
void          wb_case_free                    (WbCase             *kase);
void          wb_attachment_free              (WbAttachment       *attachment);
void          wb_count_free                   (WbCount            *count);
void          wb_stats_free                   (WbStats            *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbLink, wb_link_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbCase, wb_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbAttachment, wb_attachment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbStats, wb_stats_free)

void          wb_records_filter_init          (WbRecordsFilter    *filter);

/* Many operations in one transaction (bulk loading: `demo`, import).
 * Each operation inside still writes all or nothing (a savepoint); the
 * batch becomes durable at _commit, and _rollback drops all of it. */
gboolean      wb_records_batch_begin          (WbStore            *store,
                                               GError            **error);
gboolean      wb_records_batch_commit         (WbStore            *store,
                                               GError            **error);
void          wb_records_batch_rollback       (WbStore            *store);

/* ---- signals ------------------------------------------------------- */

/* Stores a new signal, which must be open at level 1 (else READ_ONLY):
 * revision 1, created and updated now, organisation and role from the
 * vault settings when unset, and the review date "retention-months"
 * (default 12) from now.  @signal is updated to what was stored.  Its
 * UUID must not be in use or purged (EXISTS). */
gboolean      wb_records_add_signal           (WbStore            *store,
                                               WbSignal           *signal,
                                               GError            **error);
/* The same for many signals in one transaction (all or none). */
gboolean      wb_records_add_signals          (WbStore            *store,
                                               GPtrArray          *signals,
                                               GError            **error);
/* The complete signal (wb_signal_is_complete() TRUE), for showing its
 * details, editing and exporting. */
WbSignal     *wb_records_get_signal           (WbStore            *store,
                                               const char         *uuid,
                                               GError            **error);
/* Stores @signal as the next revision.  Its revision must be the current
 * one (else CONFLICT); level, closed_on and legal_hold change only
 * through decisions and holds (else READ_ONLY); created_at, organisation
 * and role are kept.  An unlinked open signal's review date moves to
 * "retention-months" after this change.  @signal is updated. */
gboolean      wb_records_edit_signal          (WbStore            *store,
                                               WbSignal           *signal,
                                               GError            **error);
/* Applies a JSON merge patch (RFC 7396; a full document works too) to
 * the current revision and stores the result as with _edit_signal(). */
WbSignal     *wb_records_edit_signal_json     (WbStore            *store,
                                               const char         *uuid,
                                               const char         *patch,
                                               GError            **error);
/* Every revision, oldest first (GPtrArray of WbSignal). */
GPtrArray    *wb_records_list_revisions       (WbStore            *store,
                                               const char         *uuid,
                                               GError            **error);
/* GPtrArray of WbSignal (current revisions), complete. */
GPtrArray    *wb_records_list_signals         (WbStore            *store,
                                               const WbRecordsFilter *filter,
                                               GError            **error);
/* The same signals in the same order as list rows: wb_signal_is_complete()
 * is FALSE and only the fields a list shows are filled in (see there).
 * Several times faster than _list_signals(), as no document is parsed:
 * what a list of the whole vault should load.  Fetch the complete signal
 * with wb_records_get_signal() when one is opened; the store refuses to
 * add or edit a list row. */
GPtrArray    *wb_records_list_signal_rows     (WbStore            *store,
                                               const WbRecordsFilter *filter,
                                               GError            **error);
/* wb_search_build_match() over summary, description, tags, handles and
 * the names of the signal's cases, plus @filter (may be NULL).  In ladder
 * order with a limit, only about that many matches are read, however
 * many there are. */
GPtrArray    *wb_records_search               (WbStore            *store,
                                               const char         *text,
                                               const WbRecordsFilter *filter,
                                               GError            **error);
/* wb_records_search() returning list rows, as wb_records_list_signal_rows(). */
GPtrArray    *wb_records_search_rows          (WbStore            *store,
                                               const char         *text,
                                               const WbRecordsFilter *filter,
                                               GError            **error);
gint64        wb_records_count_signals        (WbStore            *store,
                                               GError            **error);

/* ---- persons' identities (never listed, searched or exported) ------ */

gboolean      wb_records_set_identity         (WbStore            *store,
                                               const char         *uuid,
                                               const char         *pseudonym,
                                               const char         *identity,
                                               GError            **error);
char         *wb_records_dup_identity         (WbStore            *store,
                                               const char         *uuid,
                                               const char         *pseudonym,
                                               GError            **error);

/* ---- attachments (inside the vault, SHA-256 recorded) -------------- */

WbAttachment *wb_records_add_attachment       (WbStore            *store,
                                               const char         *uuid,
                                               const char         *name,
                                               GBytes             *data,
                                               GError            **error);
GPtrArray    *wb_records_list_attachments     (WbStore            *store,
                                               const char         *uuid,
                                               GError            **error);
GBytes       *wb_records_dup_attachment_data  (WbStore            *store,
                                               gint64              id,
                                               GError            **error);

/* ---- links and cases ----------------------------------------------- */

gboolean      wb_records_link                 (WbStore            *store,
                                               const char         *a,
                                               const char         *b,
                                               WbLinkType          type,
                                               GError            **error);
GPtrArray    *wb_records_list_links           (WbStore            *store,
                                               const char         *uuid,
                                               GError            **error);
/* Returns the new case's UUID. */
char         *wb_records_create_case          (WbStore            *store,
                                               const char         *name,
                                               GError            **error);
/* @kase is a case UUID or name. */
gboolean      wb_records_add_to_case          (WbStore            *store,
                                               const char         *kase,
                                               const char         *uuid,
                                               GError            **error);
GPtrArray    *wb_records_list_cases           (WbStore            *store,
                                               GError            **error);
GStrv         wb_records_dup_case_signals     (WbStore            *store,
                                               const char         *kase,
                                               GError            **error);

/* ---- removals (each one transaction with its audit entry) ---------- */

/* The largest attachment wb_records_add_attachment() accepts, in bytes. */
gsize         wb_records_get_max_attachment_size (void);
/* Securely deletes one attachment (NOT_FOUND if there is none). */
gboolean      wb_records_remove_attachment    (WbStore            *store,
                                               gint64              id,
                                               GError            **error);
/* Removes one link, in either order of @a and @b (NOT_FOUND if absent). */
gboolean      wb_records_unlink               (WbStore            *store,
                                               const char         *a,
                                               const char         *b,
                                               WbLinkType          type,
                                               GError            **error);
/* @kase is a case UUID or name (NOT_FOUND if the signal is not in it). */
gboolean      wb_records_remove_from_case     (WbStore            *store,
                                               const char         *kase,
                                               const char         *uuid,
                                               GError            **error);

/* ---- the ladder ---------------------------------------------------- */

/* Checks @decision with wb_ladder_apply_decision() (vault kind from the
 * settings), stores it append-only and the signal's next revision.
 * Closing starts the retention clock.  @signal may be NULL. */
gboolean      wb_records_record_decision      (WbStore            *store,
                                               const char         *uuid,
                                               const WbDecision   *decision,
                                               WbSignal          **signal,
                                               GError            **error);
/* GPtrArray of WbDecision, oldest first. */
GPtrArray    *wb_records_list_decisions       (WbStore            *store,
                                               const char         *uuid,
                                               GError            **error);
/* The action's level is set to the signal's current level. */
gboolean      wb_records_add_resilience_action (WbStore           *store,
                                                const char        *uuid,
                                                const WbResilienceAction *action,
                                                GError           **error);
GPtrArray    *wb_records_list_resilience_actions (WbStore         *store,
                                                  const char      *uuid,
                                                  GError         **error);

/* ---- retention ----------------------------------------------------- */

/* Signals whose review date is before @today (NULL = today), not on hold. */
GPtrArray    *wb_records_list_overdue         (WbStore            *store,
                                               const char         *today,
                                               GError            **error);
gboolean      wb_records_set_legal_hold       (WbStore            *store,
                                               const char         *uuid,
                                               gboolean            hold,
                                               GError            **error);
/* Securely deletes the signal, its revisions, persons, identities,
 * attachments, links, memberships, decisions, resilience actions and
 * index entries, leaving a tombstone and an audit entry.  Refused under
 * legal hold. */
gboolean      wb_records_purge                (WbStore            *store,
                                               const char         *uuid,
                                               GError            **error);
/* TRUE with the last revision when @uuid was purged; else NOT_FOUND. */
gboolean      wb_records_is_tombstoned        (WbStore            *store,
                                               const char         *uuid,
                                               guint              *revision,
                                               GError            **error);

/* ---- audit log and statistics -------------------------------------- */

/* Walks the whole chain; @n_entries gets the number verified. */
gboolean      wb_records_verify_audit         (WbStore            *store,
                                               gint64             *n_entries,
                                               GError            **error);
/* GPtrArray of WbAuditEntry, oldest first. */
GPtrArray    *wb_records_list_audit           (WbStore            *store,
                                               GError            **error);
WbStats      *wb_records_dup_stats            (WbStore            *store,
                                               GError            **error);

G_END_DECLS
