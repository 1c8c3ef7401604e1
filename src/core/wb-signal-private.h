/* wb-signal-private.h — WbSignal's fields, for its JSON codec and the ladder
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined (WB_CORE_COMPILATION)
# error "wb-signal-private.h is private to libweerbaar-core."
#endif

#include "wb-signal.h"

G_BEGIN_DECLS

struct _WbSignal
{
  GObject             parent_instance;

  char               *uuid;
  guint               revision;
  char               *organisation;
  char               *role;
  GDateTime          *created_at;
  GDateTime          *updated_at;
  char               *summary;
  char               *description;
  char              **categories;      /* never NULL; taxonomy order */
  char               *occurred_on;
  WbPrecision         occurred_precision;
  char               *municipality;
  char               *neighbourhood;
  WbChannel           channel;
  WbSourceType        source_type;
  WbReliability       reliability;
  WbCredibility       credibility;
  WbTlp               tlp;
  WbAttribution       attribution;
  WbConfidence        attribution_confidence;
  char               *actor_country;
  WbCommunityContext  community_context;
  char               *community_note;
  GPtrArray          *persons;         /* of WbPerson; never NULL */
  char              **tags;            /* never NULL */
  char              **handles;         /* never NULL */
  gboolean            referral_made;
  WbAangifte          aangifte;
  gboolean            consent_to_share;
  char               *impact;
  char               *protective_measures;
  int                 level;
  char               *closed_on;
  char               *review_on;
  gboolean            legal_hold;
  /* A list row (wb_records_list_signal_rows()): only the fields a list
   * shows are filled in; see wb_signal_is_complete(). */
  gboolean            list_row;
};

GDateTime *_wb_timestamp_normalise        (GDateTime   *dt);
gboolean   _wb_signal_validate            (WbSignal    *self,
                                           gboolean     require_identity,
                                           GError     **error);
WbSignal  *_wb_signal_new_list_row        (void);
gboolean   _wb_signal_check_trusted       (WbSignal    *self,
                                           GError     **error);
gboolean   _wb_signal_check_required_text (const char  *field,
                                           const char  *text,
                                           GError     **error);
gboolean   _wb_signal_check_text          (const char  *field,
                                           const char  *text,
                                           glong        max_chars,
                                           gboolean     free_text,
                                           GError     **error);

G_END_DECLS
