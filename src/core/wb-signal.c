/* wb-signal.c — a signal of foreign interference (DOMAIN.md §3)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-signal"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wb-signal-private.h"
#include "wb-taxonomy.h"

G_DEFINE_FINAL_TYPE (WbSignal, wb_signal, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (WbPerson, wb_person, wb_person_copy, wb_person_free)

G_DEFINE_QUARK (wb-signal-error-quark, wb_signal_error)

enum {
  PROP_0,
  PROP_UUID,
  PROP_REVISION,
  PROP_ORGANISATION,
  PROP_ROLE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_SUMMARY,
  PROP_DESCRIPTION,
  PROP_CATEGORIES,
  PROP_OCCURRED_ON,
  PROP_OCCURRED_PRECISION,
  PROP_MUNICIPALITY,
  PROP_NEIGHBOURHOOD,
  PROP_CHANNEL,
  PROP_SOURCE_TYPE,
  PROP_RELIABILITY,
  PROP_CREDIBILITY,
  PROP_TLP,
  PROP_ATTRIBUTION,
  PROP_ATTRIBUTION_CONFIDENCE,
  PROP_ACTOR_COUNTRY,
  PROP_COMMUNITY_CONTEXT,
  PROP_COMMUNITY_NOTE,
  PROP_N_PERSONS,
  PROP_TAGS,
  PROP_HANDLES,
  PROP_REFERRAL_MADE,
  PROP_AANGIFTE,
  PROP_CONSENT_TO_SHARE,
  PROP_IMPACT,
  PROP_PROTECTIVE_MEASURES,
  PROP_LEVEL,
  PROP_CLOSED_ON,
  PROP_REVIEW_ON,
  PROP_LEGAL_HOLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- WbPerson ---------------------------------------------------------- */

WbPerson *
wb_person_new (const char   *pseudonym,
               WbPersonRole  role)
{
  WbPerson *person = g_new0 (WbPerson, 1);

  person->pseudonym = g_strdup (pseudonym);
  person->role = role;
  return person;
}

WbPerson *
wb_person_copy (const WbPerson *person)
{
  g_return_val_if_fail (person != NULL, NULL);

  return wb_person_new (person->pseudonym, person->role);
}

void
wb_person_free (WbPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->pseudonym);
  g_free (person);
}

/* ---- helpers ----------------------------------------------------------- */

/* Timestamps are kept in UTC at whole seconds, so the JSON form
 * ("YYYY-MM-DDTHH:MM:SSZ") round-trips exactly and hashes stably. */
GDateTime *
_wb_timestamp_normalise (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = NULL;

  if (dt == NULL)
    return NULL;

  utc = g_date_time_to_utc (dt);
  return g_date_time_new_utc (g_date_time_get_year (utc),
                              g_date_time_get_month (utc),
                              g_date_time_get_day_of_month (utc),
                              g_date_time_get_hour (utc),
                              g_date_time_get_minute (utc),
                              g_date_time_get_second (utc));
}

gboolean
wb_date_parse_iso (const char *text,
                   GDate      *date)
{
  int y, m, d;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  y = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100
      + g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
  m = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
  d = g_ascii_digit_value (text[8]) * 10 + g_ascii_digit_value (text[9]);

  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

char *
wb_date_format_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

static gboolean
set_string (WbSignal    *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  /* An empty string means "not recorded": keep one representation. */
  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal (a, b);
}

static int
compare_codes_cb (gconstpointer a,
                  gconstpointer b)
{
  return wb_taxonomy_compare_codes (*(const char * const *) a,
                                    *(const char * const *) b);
}

/* ---- GObject ----------------------------------------------------------- */

static void
wb_signal_finalize (GObject *object)
{
  WbSignal *self = (WbSignal *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->categories, g_strfreev);
  g_clear_pointer (&self->occurred_on, g_free);
  g_clear_pointer (&self->municipality, g_free);
  g_clear_pointer (&self->neighbourhood, g_free);
  g_clear_pointer (&self->actor_country, g_free);
  g_clear_pointer (&self->community_note, g_free);
  g_clear_pointer (&self->persons, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->handles, g_strfreev);
  g_clear_pointer (&self->impact, g_free);
  g_clear_pointer (&self->protective_measures, g_free);
  g_clear_pointer (&self->closed_on, g_free);
  g_clear_pointer (&self->review_on, g_free);

  G_OBJECT_CLASS (wb_signal_parent_class)->finalize (object);
}

static void
wb_signal_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WbSignal *self = WB_SIGNAL (object);

  switch (prop_id)
    {
    case PROP_UUID: g_value_set_string (value, self->uuid); break;
    case PROP_REVISION: g_value_set_uint (value, self->revision); break;
    case PROP_ORGANISATION: g_value_set_string (value, self->organisation); break;
    case PROP_ROLE: g_value_set_string (value, self->role); break;
    case PROP_CREATED_AT: g_value_set_boxed (value, self->created_at); break;
    case PROP_UPDATED_AT: g_value_set_boxed (value, self->updated_at); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_CATEGORIES: g_value_set_boxed (value, self->categories); break;
    case PROP_OCCURRED_ON: g_value_set_string (value, self->occurred_on); break;
    case PROP_OCCURRED_PRECISION: g_value_set_enum (value, self->occurred_precision); break;
    case PROP_MUNICIPALITY: g_value_set_string (value, self->municipality); break;
    case PROP_NEIGHBOURHOOD: g_value_set_string (value, self->neighbourhood); break;
    case PROP_CHANNEL: g_value_set_enum (value, self->channel); break;
    case PROP_SOURCE_TYPE: g_value_set_enum (value, self->source_type); break;
    case PROP_RELIABILITY: g_value_set_enum (value, self->reliability); break;
    case PROP_CREDIBILITY: g_value_set_enum (value, self->credibility); break;
    case PROP_TLP: g_value_set_enum (value, self->tlp); break;
    case PROP_ATTRIBUTION: g_value_set_enum (value, self->attribution); break;
    case PROP_ATTRIBUTION_CONFIDENCE: g_value_set_enum (value, self->attribution_confidence); break;
    case PROP_ACTOR_COUNTRY: g_value_set_string (value, self->actor_country); break;
    case PROP_COMMUNITY_CONTEXT: g_value_set_flags (value, self->community_context); break;
    case PROP_COMMUNITY_NOTE: g_value_set_string (value, self->community_note); break;
    case PROP_N_PERSONS: g_value_set_uint (value, self->persons->len); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    case PROP_HANDLES: g_value_set_boxed (value, self->handles); break;
    case PROP_REFERRAL_MADE: g_value_set_boolean (value, self->referral_made); break;
    case PROP_AANGIFTE: g_value_set_enum (value, self->aangifte); break;
    case PROP_CONSENT_TO_SHARE: g_value_set_boolean (value, self->consent_to_share); break;
    case PROP_IMPACT: g_value_set_string (value, self->impact); break;
    case PROP_PROTECTIVE_MEASURES: g_value_set_string (value, self->protective_measures); break;
    case PROP_LEVEL: g_value_set_int (value, self->level); break;
    case PROP_CLOSED_ON: g_value_set_string (value, self->closed_on); break;
    case PROP_REVIEW_ON: g_value_set_string (value, self->review_on); break;
    case PROP_LEGAL_HOLD: g_value_set_boolean (value, self->legal_hold); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_signal_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  WbSignal *self = WB_SIGNAL (object);

  switch (prop_id)
    {
    case PROP_UUID: wb_signal_set_uuid (self, g_value_get_string (value)); break;
    case PROP_REVISION: wb_signal_set_revision (self, g_value_get_uint (value)); break;
    case PROP_ORGANISATION: wb_signal_set_organisation (self, g_value_get_string (value)); break;
    case PROP_ROLE: wb_signal_set_role (self, g_value_get_string (value)); break;
    case PROP_CREATED_AT: wb_signal_set_created_at (self, g_value_get_boxed (value)); break;
    case PROP_UPDATED_AT: wb_signal_set_updated_at (self, g_value_get_boxed (value)); break;
    case PROP_SUMMARY: wb_signal_set_summary (self, g_value_get_string (value)); break;
    case PROP_DESCRIPTION: wb_signal_set_description (self, g_value_get_string (value)); break;
    case PROP_CATEGORIES: wb_signal_set_categories (self, g_value_get_boxed (value)); break;
    case PROP_OCCURRED_ON: wb_signal_set_occurred_on (self, g_value_get_string (value)); break;
    case PROP_OCCURRED_PRECISION: wb_signal_set_occurred_precision (self, g_value_get_enum (value)); break;
    case PROP_MUNICIPALITY: wb_signal_set_municipality (self, g_value_get_string (value)); break;
    case PROP_NEIGHBOURHOOD: wb_signal_set_neighbourhood (self, g_value_get_string (value)); break;
    case PROP_CHANNEL: wb_signal_set_channel (self, g_value_get_enum (value)); break;
    case PROP_SOURCE_TYPE: wb_signal_set_source_type (self, g_value_get_enum (value)); break;
    case PROP_RELIABILITY: wb_signal_set_reliability (self, g_value_get_enum (value)); break;
    case PROP_CREDIBILITY: wb_signal_set_credibility (self, g_value_get_enum (value)); break;
    case PROP_TLP: wb_signal_set_tlp (self, g_value_get_enum (value)); break;
    case PROP_ATTRIBUTION: wb_signal_set_attribution (self, g_value_get_enum (value)); break;
    case PROP_ATTRIBUTION_CONFIDENCE: wb_signal_set_attribution_confidence (self, g_value_get_enum (value)); break;
    case PROP_ACTOR_COUNTRY: wb_signal_set_actor_country (self, g_value_get_string (value)); break;
    case PROP_COMMUNITY_CONTEXT: wb_signal_set_community_context (self, g_value_get_flags (value)); break;
    case PROP_COMMUNITY_NOTE: wb_signal_set_community_note (self, g_value_get_string (value)); break;
    case PROP_TAGS: wb_signal_set_tags (self, g_value_get_boxed (value)); break;
    case PROP_HANDLES: wb_signal_set_handles (self, g_value_get_boxed (value)); break;
    case PROP_REFERRAL_MADE: wb_signal_set_referral_made (self, g_value_get_boolean (value)); break;
    case PROP_AANGIFTE: wb_signal_set_aangifte (self, g_value_get_enum (value)); break;
    case PROP_CONSENT_TO_SHARE: wb_signal_set_consent_to_share (self, g_value_get_boolean (value)); break;
    case PROP_IMPACT: wb_signal_set_impact (self, g_value_get_string (value)); break;
    case PROP_PROTECTIVE_MEASURES: wb_signal_set_protective_measures (self, g_value_get_string (value)); break;
    case PROP_LEVEL: wb_signal_set_level (self, g_value_get_int (value)); break;
    case PROP_CLOSED_ON: wb_signal_set_closed_on (self, g_value_get_string (value)); break;
    case PROP_REVIEW_ON: wb_signal_set_review_on (self, g_value_get_string (value)); break;
    case PROP_LEGAL_HOLD: wb_signal_set_legal_hold (self, g_value_get_boolean (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static GParamSpec *
string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, RW_FLAGS);
}

static GParamSpec *
enum_pspec (const char *name,
            GType       type,
            int         default_value)
{
  return g_param_spec_enum (name, NULL, NULL, type, default_value, RW_FLAGS);
}

static void
wb_signal_class_init (WbSignalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wb_signal_finalize;
  object_class->get_property = wb_signal_get_property;
  object_class->set_property = wb_signal_set_property;

  properties[PROP_UUID] = string_pspec ("uuid");
  properties[PROP_REVISION] =
    g_param_spec_uint ("revision", NULL, NULL, 1, G_MAXUINT, 1, RW_FLAGS);
  properties[PROP_ORGANISATION] = string_pspec ("organisation");
  properties[PROP_ROLE] = string_pspec ("role");
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, RW_FLAGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, RW_FLAGS);
  properties[PROP_SUMMARY] = string_pspec ("summary");
  properties[PROP_DESCRIPTION] = string_pspec ("description");
  properties[PROP_CATEGORIES] =
    g_param_spec_boxed ("categories", NULL, NULL, G_TYPE_STRV, RW_FLAGS);
  properties[PROP_OCCURRED_ON] = string_pspec ("occurred-on");
  properties[PROP_OCCURRED_PRECISION] =
    enum_pspec ("occurred-precision", WB_TYPE_PRECISION, WB_PRECISION_DAY);
  properties[PROP_MUNICIPALITY] = string_pspec ("municipality");
  properties[PROP_NEIGHBOURHOOD] = string_pspec ("neighbourhood");
  properties[PROP_CHANNEL] = enum_pspec ("channel", WB_TYPE_CHANNEL, WB_CHANNEL_IN_PERSON);
  properties[PROP_SOURCE_TYPE] =
    enum_pspec ("source-type", WB_TYPE_SOURCE_TYPE, WB_SOURCE_VICTIM);
  properties[PROP_RELIABILITY] =
    enum_pspec ("reliability", WB_TYPE_RELIABILITY, WB_RELIABILITY_F);
  properties[PROP_CREDIBILITY] =
    enum_pspec ("credibility", WB_TYPE_CREDIBILITY, WB_CREDIBILITY_6);
  properties[PROP_TLP] = enum_pspec ("tlp", WB_TYPE_TLP, WB_TLP_AMBER_STRICT);
  properties[PROP_ATTRIBUTION] =
    enum_pspec ("attribution", WB_TYPE_ATTRIBUTION, WB_ATTRIBUTION_UNKNOWN);
  properties[PROP_ATTRIBUTION_CONFIDENCE] =
    enum_pspec ("attribution-confidence", WB_TYPE_CONFIDENCE, WB_CONFIDENCE_LOW);
  properties[PROP_ACTOR_COUNTRY] = string_pspec ("actor-country");
  properties[PROP_COMMUNITY_CONTEXT] =
    g_param_spec_flags ("community-context", NULL, NULL, WB_TYPE_COMMUNITY_CONTEXT,
                        WB_COMMUNITY_NONE, RW_FLAGS);
  properties[PROP_COMMUNITY_NOTE] = string_pspec ("community-note");
  properties[PROP_N_PERSONS] =
    g_param_spec_uint ("n-persons", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, RW_FLAGS);
  properties[PROP_HANDLES] = g_param_spec_boxed ("handles", NULL, NULL, G_TYPE_STRV, RW_FLAGS);
  properties[PROP_REFERRAL_MADE] =
    g_param_spec_boolean ("referral-made", NULL, NULL, FALSE, RW_FLAGS);
  properties[PROP_AANGIFTE] = enum_pspec ("aangifte", WB_TYPE_AANGIFTE, WB_AANGIFTE_UNKNOWN);
  properties[PROP_CONSENT_TO_SHARE] =
    g_param_spec_boolean ("consent-to-share", NULL, NULL, FALSE, RW_FLAGS);
  properties[PROP_IMPACT] = string_pspec ("impact");
  properties[PROP_PROTECTIVE_MEASURES] = string_pspec ("protective-measures");
  properties[PROP_LEVEL] = g_param_spec_int ("level", NULL, NULL, 1, 7, 1, RW_FLAGS);
  properties[PROP_CLOSED_ON] = string_pspec ("closed-on");
  properties[PROP_REVIEW_ON] = string_pspec ("review-on");
  properties[PROP_LEGAL_HOLD] =
    g_param_spec_boolean ("legal-hold", NULL, NULL, FALSE, RW_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wb_signal_init (WbSignal *self)
{
  self->revision = 1;
  self->categories = g_new0 (char *, 1);
  self->occurred_precision = WB_PRECISION_DAY;
  self->channel = WB_CHANNEL_IN_PERSON;
  self->source_type = WB_SOURCE_VICTIM;
  self->reliability = WB_RELIABILITY_F;
  self->credibility = WB_CREDIBILITY_6;
  self->tlp = WB_TLP_AMBER_STRICT;
  self->attribution = WB_ATTRIBUTION_UNKNOWN;
  self->attribution_confidence = WB_CONFIDENCE_LOW;
  self->persons = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_person_free);
  self->tags = g_new0 (char *, 1);
  self->handles = g_new0 (char *, 1);
  self->aangifte = WB_AANGIFTE_UNKNOWN;
  self->level = 1;
}

/* ---- public API -------------------------------------------------------- */

WbSignal *
wb_signal_new (void)
{
  WbSignal *self = g_object_new (WB_TYPE_SIGNAL, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) utc = _wb_timestamp_normalise (now);
  g_autofree char *uuid = g_uuid_string_random ();
  GDate today;
  g_autofree char *review_on = NULL;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today,
                  g_date_time_get_day_of_month (utc),
                  g_date_time_get_month (utc),
                  g_date_time_get_year (utc));
  g_date_add_months (&today, WB_RETENTION_DEFAULT_MONTHS);
  review_on = wb_date_format_iso (&today);

  self->uuid = g_steal_pointer (&uuid);
  self->created_at = g_date_time_ref (utc);
  self->updated_at = g_date_time_ref (utc);
  self->review_on = g_steal_pointer (&review_on);

  return self;
}

WbSignal *
wb_signal_copy (WbSignal *self)
{
  WbSignal *copy;

  g_return_val_if_fail (WB_IS_SIGNAL (self), NULL);

  copy = g_object_new (WB_TYPE_SIGNAL, NULL);
  copy->uuid = g_strdup (self->uuid);
  copy->revision = self->revision;
  copy->organisation = g_strdup (self->organisation);
  copy->role = g_strdup (self->role);
  copy->created_at = self->created_at ? g_date_time_ref (self->created_at) : NULL;
  copy->updated_at = self->updated_at ? g_date_time_ref (self->updated_at) : NULL;
  copy->summary = g_strdup (self->summary);
  copy->description = g_strdup (self->description);
  g_strfreev (copy->categories);
  copy->categories = g_strdupv (self->categories);
  copy->occurred_on = g_strdup (self->occurred_on);
  copy->occurred_precision = self->occurred_precision;
  copy->municipality = g_strdup (self->municipality);
  copy->neighbourhood = g_strdup (self->neighbourhood);
  copy->channel = self->channel;
  copy->source_type = self->source_type;
  copy->reliability = self->reliability;
  copy->credibility = self->credibility;
  copy->tlp = self->tlp;
  copy->attribution = self->attribution;
  copy->attribution_confidence = self->attribution_confidence;
  copy->actor_country = g_strdup (self->actor_country);
  copy->community_context = self->community_context;
  copy->community_note = g_strdup (self->community_note);
  for (guint i = 0; i < self->persons->len; i++)
    g_ptr_array_add (copy->persons, wb_person_copy (g_ptr_array_index (self->persons, i)));
  g_strfreev (copy->tags);
  copy->tags = g_strdupv (self->tags);
  g_strfreev (copy->handles);
  copy->handles = g_strdupv (self->handles);
  copy->referral_made = self->referral_made;
  copy->aangifte = self->aangifte;
  copy->consent_to_share = self->consent_to_share;
  copy->impact = g_strdup (self->impact);
  copy->protective_measures = g_strdup (self->protective_measures);
  copy->level = self->level;
  copy->closed_on = g_strdup (self->closed_on);
  copy->review_on = g_strdup (self->review_on);
  copy->legal_hold = self->legal_hold;
  copy->list_row = self->list_row;

  return copy;
}

gboolean
wb_signal_is_complete (WbSignal *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL (self), FALSE);

  return !self->list_row;
}

/* The store fills the fields of a list row directly: it is built from
 * columns of stored, validated rows, 100 000 times when a vault opens. */
WbSignal *
_wb_signal_new_list_row (void)
{
  WbSignal *self = g_object_new (WB_TYPE_SIGNAL, NULL);

  self->list_row = TRUE;
  return self;
}

gboolean
wb_signal_equal (WbSignal *a,
                 WbSignal *b)
{
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  g_return_val_if_fail (WB_IS_SIGNAL (a), FALSE);
  g_return_val_if_fail (WB_IS_SIGNAL (b), FALSE);

  ca = wb_signal_dup_canonical_json (a);
  cb = wb_signal_dup_canonical_json (b);
  return g_strcmp0 (ca, cb) == 0;
}

/* ---- minimisation ------------------------------------------------------ */

static gboolean
passes_elf_proef (const int digits[9])
{
  int sum = 0;

  for (guint i = 0; i < 8; i++)
    sum += (9 - (int) i) * digits[i];
  sum -= digits[8];

  return sum != 0 && sum % 11 == 0;
}

/* A run of digits, optionally grouped by single spaces, dots or hyphens
 * ("123 456 782", "12.34.56.782"), of exactly nine digits that passes the
 * 11-proef looks like a BSN.  Longer runs (IBAN, phone numbers) are not. */
static gboolean
contains_bsn (const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      int digits[9];
      guint n = 0;
      const char *q;

      if (!g_ascii_isdigit (*p) || (p > text && g_ascii_isalnum (p[-1])))
        {
          p++;
          continue;
        }

      q = p;
      for (;;)
        {
          if (g_ascii_isdigit (*q))
            {
              if (n < 9)
                digits[n] = *q - '0';
              n++;
              q++;
            }
          else if ((*q == ' ' || *q == '.' || *q == '-') && g_ascii_isdigit (q[1]))
            q++;
          else
            break;
        }

      if (n == 9 && !g_ascii_isalpha (*q) && passes_elf_proef (digits))
        return TRUE;

      p = q;
    }

  return FALSE;
}

static GRegex *
address_regex (void)
{
  static gsize regex = 0;

  if (g_once_init_enter (&regex))
    {
      /* Dutch postcode (1234 AB; SA, SD and SS are never issued) or a
       * capitalised Dutch street name followed by a house number. */
      GRegex *r = g_regex_new ("\\b[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\\p{L}-])"
                               "|\\b\\p{Lu}[\\p{L}'-]*"
                               "(straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|dreef)"
                               "\\s+[1-9][0-9]{0,3}(\\s?[a-zA-Z])?\\b",
                               G_REGEX_OPTIMIZE, 0, NULL);
      if (r == NULL)
        g_error ("address pattern does not compile");
      g_once_init_leave (&regex, (gsize) r);
    }

  return (GRegex *) regex;
}

gboolean
wb_signal_check_free_text (const char  *field,
                           const char  *text,
                           GError     **error)
{
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    return TRUE;

  if (contains_bsn (text))
    {
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_NOT_MINIMISED,
                   _("Field “%s” seems to contain a citizen service number (BSN); "
                     "leave identity numbers out of the record"),
                   field);
      return FALSE;
    }

  if (g_regex_match (address_regex (), text, 0, NULL))
    {
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_NOT_MINIMISED,
                   _("Field “%s” seems to contain a postcode or street address; "
                     "record only the municipality or neighbourhood"),
                   field);
      return FALSE;
    }

  return TRUE;
}

/* ---- validation -------------------------------------------------------- */

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

gboolean
_wb_signal_check_required_text (const char  *field,
                                const char  *text,
                                GError     **error)
{
  if (is_blank (text))
    {
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD,
                   _("Field “%s” is required"), field);
      return FALSE;
    }
  return TRUE;
}

gboolean
_wb_signal_check_text (const char  *field,
                       const char  *text,
                       glong        max_chars,
                       gboolean     free_text,
                       GError     **error)
{
  if (text == NULL)
    return TRUE;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                   _("Field “%s” is not valid UTF-8 text"), field);
      return FALSE;
    }

  if (g_utf8_strlen (text, -1) > max_chars)
    {
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                   _("Field “%s” is too long (at most %ld characters)"),
                   field, max_chars);
      return FALSE;
    }

  return !free_text || wb_signal_check_free_text (field, text, error);
}

static gboolean
check_date_field (const char  *field,
                  const char  *value,
                  gboolean     required,
                  GError     **error)
{
  GDate date;

  if (value == NULL)
    {
      if (!required)
        return TRUE;
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD,
                   _("Field “%s” is required"), field);
      return FALSE;
    }

  if (!wb_date_parse_iso (value, &date))
    {
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                   _("Field “%s” must be a real date written as YYYY-MM-DD"), field);
      return FALSE;
    }

  return TRUE;
}

gboolean
_wb_signal_validate (WbSignal  *self,
                     gboolean   require_identity,
                     GError   **error)
{
  gboolean has_g = FALSE;
  guint n;

  if (self->uuid == NULL || !g_uuid_string_is_valid (self->uuid))
    {
      g_set_error (error, WB_SIGNAL_ERROR,
                   self->uuid == NULL ? WB_SIGNAL_ERROR_MISSING_FIELD : WB_SIGNAL_ERROR_INVALID_VALUE,
                   self->uuid == NULL ? _("Field “%s” is required")
                                      : _("Field “%s” must be a UUID"),
                   "uuid");
      return FALSE;
    }

  if (require_identity)
    {
      if (!_wb_signal_check_required_text ("organisation", self->organisation, error) ||
          !_wb_signal_check_required_text ("role", self->role, error))
        return FALSE;
    }
  if (!_wb_signal_check_text ("organisation", self->organisation, WB_SIGNAL_NAME_MAX_CHARS, FALSE, error) ||
      !_wb_signal_check_text ("role", self->role, WB_SIGNAL_NAME_MAX_CHARS, FALSE, error))
    return FALSE;

  if (self->created_at == NULL || self->updated_at == NULL)
    {
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD,
                   _("Field “%s” is required"),
                   self->created_at == NULL ? "created_at" : "updated_at");
      return FALSE;
    }
  if (g_date_time_compare (self->updated_at, self->created_at) < 0)
    {
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                   _("Field “%s” must not be earlier than “%s”"),
                   "updated_at", "created_at");
      return FALSE;
    }

  if (!_wb_signal_check_required_text ("summary", self->summary, error) ||
      !_wb_signal_check_text ("summary", self->summary, WB_SIGNAL_SUMMARY_MAX_CHARS, TRUE, error) ||
      !_wb_signal_check_text ("description", self->description, WB_SIGNAL_TEXT_MAX_CHARS, TRUE, error))
    return FALSE;

  n = g_strv_length (self->categories);
  if (n == 0)
    {
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD,
                   _("Field “%s” needs at least one taxonomy code"), "categories");
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      if (!wb_taxonomy_is_valid_code (self->categories[i]))
        {
          g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                       _("“%s[%u]” is not a taxonomy code (A–I or A1–I4)"),
                       "categories", i);
          return FALSE;
        }
      if (g_strcmp0 (wb_taxonomy_get_category (self->categories[i]), WB_TAXONOMY_DISARM_CATEGORY) == 0)
        has_g = TRUE;
    }

  if (!check_date_field ("occurred_on", self->occurred_on, TRUE, error))
    return FALSE;

  if (!_wb_signal_check_required_text ("municipality", self->municipality, error) ||
      !_wb_signal_check_text ("municipality", self->municipality, WB_SIGNAL_NAME_MAX_CHARS, TRUE, error) ||
      !_wb_signal_check_text ("neighbourhood", self->neighbourhood, WB_SIGNAL_NAME_MAX_CHARS, TRUE, error))
    return FALSE;

  if (self->actor_country != NULL &&
      !(strlen (self->actor_country) == 2 &&
        g_ascii_isupper (self->actor_country[0]) &&
        g_ascii_isupper (self->actor_country[1])))
    {
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                   _("Field “%s” must be a two-letter ISO 3166 country code such as “NL”"),
                   "actor_country");
      return FALSE;
    }

  if (!_wb_signal_check_text ("community_note", self->community_note, WB_SIGNAL_NOTE_MAX_CHARS, TRUE, error))
    return FALSE;

  for (guint i = 0; i < self->persons->len; i++)
    {
      const WbPerson *person = g_ptr_array_index (self->persons, i);
      g_autofree char *field = g_strdup_printf ("persons[%u].pseudonym", i);

      if (!_wb_signal_check_required_text (field, person->pseudonym, error) ||
          !_wb_signal_check_text (field, person->pseudonym, WB_SIGNAL_TAG_MAX_CHARS, TRUE, error))
        return FALSE;
    }

  for (guint i = 0; self->tags[i] != NULL; i++)
    {
      g_autofree char *field = g_strdup_printf ("tags[%u]", i);

      if (!_wb_signal_check_required_text (field, self->tags[i], error) ||
          !_wb_signal_check_text (field, self->tags[i], WB_SIGNAL_TAG_MAX_CHARS, TRUE, error))
        return FALSE;

      for (guint j = 0; j < i; j++)
        if (strcmp (self->tags[i], self->tags[j]) == 0)
          {
            g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                         _("“%s” repeats an earlier tag"), field);
            return FALSE;
          }

      if (wb_taxonomy_looks_like_disarm (self->tags[i]))
        {
          if (!wb_taxonomy_is_disarm_tactic (self->tags[i]))
            {
              g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                           _("“%s” is not a DISARM tactic (TA01–TA18)"), field);
              return FALSE;
            }
          if (!has_g)
            {
              g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                           _("“%s” is a DISARM tactic, which is only allowed on "
                             "information-manipulation signals (category G)"),
                           field);
              return FALSE;
            }
        }
    }

  for (guint i = 0; self->handles[i] != NULL; i++)
    {
      g_autofree char *field = g_strdup_printf ("handles[%u]", i);

      if (!_wb_signal_check_required_text (field, self->handles[i], error) ||
          !_wb_signal_check_text (field, self->handles[i], WB_SIGNAL_NAME_MAX_CHARS, FALSE, error))
        return FALSE;
    }

  if (!_wb_signal_check_text ("followup.impact", self->impact, WB_SIGNAL_NOTE_MAX_CHARS, TRUE, error) ||
      !_wb_signal_check_text ("followup.protective_measures", self->protective_measures,
                              WB_SIGNAL_NOTE_MAX_CHARS, TRUE, error))
    return FALSE;

  if (self->level < 1 || self->level > 7)
    {
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                   _("Field “%s” must be a ladder level from 1 to 7"), "level");
      return FALSE;
    }

  if (!check_date_field ("closed_on", self->closed_on, FALSE, error) ||
      !check_date_field ("review_on", self->review_on, TRUE, error))
    return FALSE;

  return TRUE;
}

static gboolean
check_utf8 (const char  *field,
            const char  *text,
            GError     **error)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;

  g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
               _("Field “%s” is not valid UTF-8 text"), field);
  return FALSE;
}

static gboolean
check_utf8_strv (const char          *field,
                 const char * const  *strv,
                 GError             **error)
{
  for (guint i = 0; strv[i] != NULL; i++)
    if (!g_utf8_validate (strv[i], -1, NULL))
      {
        g_autofree char *name = g_strdup_printf ("%s[%u]", field, i);

        return check_utf8 (name, strv[i], error);
      }
  return TRUE;
}

/* For WB_SIGNAL_JSON_TRUSTED: what every user of a WbSignal relies on
 * (required text present, text is UTF-8) without the costly content
 * checks (length limits, minimisation scans, DISARM rules) that the
 * document passed when the store wrote it.  An escaped lone surrogate
 * in a damaged document parses to invalid UTF-8, hence the UTF-8 checks. */
gboolean
_wb_signal_check_trusted (WbSignal  *self,
                          GError   **error)
{
  static const struct {
    const char *name;
    gsize       offset;
  } required[] = {
    { "uuid", G_STRUCT_OFFSET (WbSignal, uuid) },
    { "organisation", G_STRUCT_OFFSET (WbSignal, organisation) },
    { "role", G_STRUCT_OFFSET (WbSignal, role) },
    { "summary", G_STRUCT_OFFSET (WbSignal, summary) },
    { "occurred_on", G_STRUCT_OFFSET (WbSignal, occurred_on) },
    { "municipality", G_STRUCT_OFFSET (WbSignal, municipality) },
    { "review_on", G_STRUCT_OFFSET (WbSignal, review_on) },
  };
  const struct {
    const char *name;
    const char *text;
  } optional[] = {
    { "description", self->description },
    { "neighbourhood", self->neighbourhood },
    { "actor_country", self->actor_country },
    { "community_note", self->community_note },
    { "followup.impact", self->impact },
    { "followup.protective_measures", self->protective_measures },
    { "closed_on", self->closed_on },
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const char *text = G_STRUCT_MEMBER (const char *, self, required[i].offset);

      if (!_wb_signal_check_required_text (required[i].name, text, error) ||
          !check_utf8 (required[i].name, text, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    if (!check_utf8 (optional[i].name, optional[i].text, error))
      return FALSE;

  if (self->created_at == NULL || self->updated_at == NULL)
    {
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD,
                   _("Field “%s” is required"),
                   self->created_at == NULL ? "created_at" : "updated_at");
      return FALSE;
    }
  if (self->categories[0] == NULL)
    {
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD,
                   _("Field “%s” needs at least one taxonomy code"), "categories");
      return FALSE;
    }

  for (guint i = 0; i < self->persons->len; i++)
    {
      const WbPerson *person = g_ptr_array_index (self->persons, i);

      if (!g_utf8_validate (person->pseudonym, -1, NULL))
        {
          g_autofree char *field = g_strdup_printf ("persons[%u].pseudonym", i);

          return check_utf8 (field, person->pseudonym, error);
        }
    }

  return check_utf8_strv ("tags", (const char * const *) self->tags, error) &&
         check_utf8_strv ("handles", (const char * const *) self->handles, error);
}

gboolean
wb_signal_validate (WbSignal  *self,
                    GError   **error)
{
  g_return_val_if_fail (WB_IS_SIGNAL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _wb_signal_validate (self, TRUE, error);
}

/* ---- accessors --------------------------------------------------------- */

#define STRING_ACCESSORS(field, PROP)                                  \
  const char *                                                         \
  wb_signal_get_##field (WbSignal *self)                               \
  {                                                                    \
    g_return_val_if_fail (WB_IS_SIGNAL (self), NULL);                  \
    return self->field;                                                \
  }                                                                    \
                                                                       \
  void                                                                 \
  wb_signal_set_##field (WbSignal   *self,                             \
                         const char *value)                            \
  {                                                                    \
    g_return_if_fail (WB_IS_SIGNAL (self));                            \
    set_string (self, &self->field, value, PROP);                      \
  }

#define SCALAR_ACCESSORS(Type, field, PROP, check)                     \
  Type                                                                 \
  wb_signal_get_##field (WbSignal *self)                               \
  {                                                                    \
    g_return_val_if_fail (WB_IS_SIGNAL (self), 0);                     \
    return self->field;                                                \
  }                                                                    \
                                                                       \
  void                                                                 \
  wb_signal_set_##field (WbSignal *self,                               \
                         Type      value)                              \
  {                                                                    \
    g_return_if_fail (WB_IS_SIGNAL (self));                            \
    g_return_if_fail (check);                                          \
    if (self->field == value)                                          \
      return;                                                          \
    self->field = value;                                               \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);      \
  }

#define ENUM_OK(GTYPE) (wb_enum_to_nick (GTYPE, value) != NULL)

STRING_ACCESSORS (organisation, PROP_ORGANISATION)
STRING_ACCESSORS (role, PROP_ROLE)
STRING_ACCESSORS (summary, PROP_SUMMARY)
STRING_ACCESSORS (description, PROP_DESCRIPTION)
STRING_ACCESSORS (occurred_on, PROP_OCCURRED_ON)
STRING_ACCESSORS (municipality, PROP_MUNICIPALITY)
STRING_ACCESSORS (neighbourhood, PROP_NEIGHBOURHOOD)
STRING_ACCESSORS (actor_country, PROP_ACTOR_COUNTRY)
STRING_ACCESSORS (community_note, PROP_COMMUNITY_NOTE)
STRING_ACCESSORS (impact, PROP_IMPACT)
STRING_ACCESSORS (protective_measures, PROP_PROTECTIVE_MEASURES)
STRING_ACCESSORS (closed_on, PROP_CLOSED_ON)
STRING_ACCESSORS (review_on, PROP_REVIEW_ON)

SCALAR_ACCESSORS (guint, revision, PROP_REVISION, value >= 1)
SCALAR_ACCESSORS (WbPrecision, occurred_precision, PROP_OCCURRED_PRECISION, ENUM_OK (WB_TYPE_PRECISION))
SCALAR_ACCESSORS (WbChannel, channel, PROP_CHANNEL, ENUM_OK (WB_TYPE_CHANNEL))
SCALAR_ACCESSORS (WbSourceType, source_type, PROP_SOURCE_TYPE, ENUM_OK (WB_TYPE_SOURCE_TYPE))
SCALAR_ACCESSORS (WbReliability, reliability, PROP_RELIABILITY, ENUM_OK (WB_TYPE_RELIABILITY))
SCALAR_ACCESSORS (WbCredibility, credibility, PROP_CREDIBILITY, ENUM_OK (WB_TYPE_CREDIBILITY))
SCALAR_ACCESSORS (WbTlp, tlp, PROP_TLP, ENUM_OK (WB_TYPE_TLP))
SCALAR_ACCESSORS (WbAttribution, attribution, PROP_ATTRIBUTION, ENUM_OK (WB_TYPE_ATTRIBUTION))
SCALAR_ACCESSORS (WbConfidence, attribution_confidence, PROP_ATTRIBUTION_CONFIDENCE, ENUM_OK (WB_TYPE_CONFIDENCE))
SCALAR_ACCESSORS (WbCommunityContext, community_context, PROP_COMMUNITY_CONTEXT,
                  (value & ~(WB_COMMUNITY_OTHER * 2 - 1)) == 0)
SCALAR_ACCESSORS (gboolean, referral_made, PROP_REFERRAL_MADE, value == !!value)
SCALAR_ACCESSORS (WbAangifte, aangifte, PROP_AANGIFTE, ENUM_OK (WB_TYPE_AANGIFTE))
SCALAR_ACCESSORS (gboolean, consent_to_share, PROP_CONSENT_TO_SHARE, value == !!value)
SCALAR_ACCESSORS (int, level, PROP_LEVEL, value >= 1 && value <= 7)
SCALAR_ACCESSORS (gboolean, legal_hold, PROP_LEGAL_HOLD, value == !!value)

const char *
wb_signal_get_uuid (WbSignal *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL (self), NULL);
  return self->uuid;
}

void
wb_signal_set_uuid (WbSignal   *self,
                    const char *uuid)
{
  g_autofree char *lower = NULL;

  g_return_if_fail (WB_IS_SIGNAL (self));

  /* One spelling per UUID, so hashes and merges agree. */
  if (uuid != NULL)
    lower = g_ascii_strdown (uuid, -1);
  set_string (self, &self->uuid, lower, PROP_UUID);
}

GDateTime *
wb_signal_get_created_at (WbSignal *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL (self), NULL);
  return self->created_at;
}

GDateTime *
wb_signal_get_updated_at (WbSignal *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL (self), NULL);
  return self->updated_at;
}

static void
set_timestamp (WbSignal   *self,
               GDateTime **field,
               GDateTime  *value,
               guint       prop)
{
  g_autoptr(GDateTime) normalised = _wb_timestamp_normalise (value);

  if (*field == normalised ||
      (*field != NULL && normalised != NULL && g_date_time_equal (*field, normalised)))
    return;

  g_clear_pointer (field, g_date_time_unref);
  *field = g_steal_pointer (&normalised);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
wb_signal_set_created_at (WbSignal  *self,
                          GDateTime *created_at)
{
  g_return_if_fail (WB_IS_SIGNAL (self));
  set_timestamp (self, &self->created_at, created_at, PROP_CREATED_AT);
}

void
wb_signal_set_updated_at (WbSignal  *self,
                          GDateTime *updated_at)
{
  g_return_if_fail (WB_IS_SIGNAL (self));
  set_timestamp (self, &self->updated_at, updated_at, PROP_UPDATED_AT);
}

const char * const *
wb_signal_get_categories (WbSignal *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL (self), NULL);
  return (const char * const *) self->categories;
}

void
wb_signal_set_categories (WbSignal           *self,
                          const char * const *categories)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (WB_IS_SIGNAL (self));

  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < sorted->len; j++)
        seen |= strcmp (g_ptr_array_index (sorted, j), categories[i]) == 0;
      if (!seen)
        g_ptr_array_add (sorted, g_strdup (categories[i]));
    }
  g_ptr_array_sort (sorted, compare_codes_cb);
  g_ptr_array_add (sorted, NULL);

  if (strv_equal0 ((const char * const *) sorted->pdata, (const char * const *) self->categories))
    return;

  g_strfreev (self->categories);
  self->categories = (char **) g_ptr_array_free (g_steal_pointer (&sorted), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORIES]);
}

gboolean
wb_signal_has_category (WbSignal   *self,
                        const char *code)
{
  g_return_val_if_fail (WB_IS_SIGNAL (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->categories, code);
}

GPtrArray *
wb_signal_get_persons (WbSignal *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL (self), NULL);
  return self->persons;
}

void
wb_signal_add_person (WbSignal     *self,
                      const char   *pseudonym,
                      WbPersonRole  role)
{
  g_return_if_fail (WB_IS_SIGNAL (self));
  g_return_if_fail (pseudonym != NULL);
  g_return_if_fail (wb_enum_to_nick (WB_TYPE_PERSON_ROLE, role) != NULL);

  g_ptr_array_add (self->persons, wb_person_new (pseudonym, role));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PERSONS]);
}

void
wb_signal_clear_persons (WbSignal *self)
{
  g_return_if_fail (WB_IS_SIGNAL (self));

  if (self->persons->len == 0)
    return;
  g_ptr_array_set_size (self->persons, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PERSONS]);
}

static void
set_strv (WbSignal            *self,
          char              ***field,
          const char * const  *value,
          guint                prop)
{
  if (strv_equal0 ((const char * const *) *field, value))
    return;

  g_strfreev (*field);
  *field = value != NULL ? g_strdupv ((char **) value) : g_new0 (char *, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char * const *
wb_signal_get_tags (WbSignal *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL (self), NULL);
  return (const char * const *) self->tags;
}

void
wb_signal_set_tags (WbSignal           *self,
                    const char * const *tags)
{
  g_return_if_fail (WB_IS_SIGNAL (self));
  set_strv (self, &self->tags, tags, PROP_TAGS);
}

const char * const *
wb_signal_get_handles (WbSignal *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL (self), NULL);
  return (const char * const *) self->handles;
}

void
wb_signal_set_handles (WbSignal           *self,
                       const char * const *handles)
{
  g_return_if_fail (WB_IS_SIGNAL (self));
  set_strv (self, &self->handles, handles, PROP_HANDLES);
}
