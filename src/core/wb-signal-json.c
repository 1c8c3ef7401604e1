/* wb-signal-json.c — WbSignal ⇄ JSON (docs/signal-json.md), canonical hash
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-signal"

#include "config.h"

#include <string.h>
#include <sodium.h>
#include <glib/gi18n-lib.h>

#include "wb-core-private.h"
#include "wb-signal-private.h"
#include "wb-taxonomy.h"

/* Messages name fields and positions, never values: a value may be
 * personal data, and errors end up in logs and on terminals. */

typedef gboolean (*WbFieldParser) (WbSignal    *self,
                                   JsonNode    *node,
                                   const char  *field,
                                   GError     **error);

typedef enum
{
  REQUIRED     = 1 << 0,  /* in every document */
  REQUIRED_NEW = 1 << 1,  /* also with WB_SIGNAL_JSON_ALLOW_NEW */
} WbFieldFlags;

typedef struct
{
  const char    *name;
  WbFieldParser  parse;
  WbFieldFlags   flags;
} WbFieldSpec;

/* Fields a signal must never carry (DOMAIN.md §3, §4). */
static const char * const forbidden_fields[] = {
  "ethnicity", "ethnic_origin", "race", "religion", "belief",
  "political_opinion", "political_opinions", "sexual_orientation", "health",
  "bsn", "national_id", "address", "street", "postcode", "name", "full_name",
  NULL
};

/* ---- node helpers ------------------------------------------------------ */

static gboolean
node_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
wrong_type (const char  *field,
            const char  *expected,
            GError     **error)
{
  /* expected is one of the translated phrases below */
  g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_WRONG_TYPE,
               _("Field “%s” must be %s"), field, expected);
  return FALSE;
}

static gboolean
get_string (JsonNode     *node,
            const char   *field,
            const char  **out,
            GError      **error)
{
  if (node_is_null (node))
    {
      *out = NULL;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (field, _("a string"), error);

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_int (JsonNode    *node,
         const char  *field,
         gint64       min,
         gint64       max,
         gint64      *out,
         GError     **error)
{
  gint64 v;

  if (node_is_null (node) || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (field, _("a whole number"), error);

  v = json_node_get_int (node);
  if (v < min || v > max)
    {
      g_autofree char *min_text = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                   _("Field “%s” must be a number from %s to %s"),
                   field, min_text, max_text);
      return FALSE;
    }

  *out = v;
  return TRUE;
}

static gboolean
get_bool (JsonNode    *node,
          const char  *field,
          gboolean    *out,
          GError     **error)
{
  if (node_is_null (node) || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (field, _("true or false"), error);

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_enum (JsonNode    *node,
          const char  *field,
          GType        type,
          int         *out,
          GError     **error)
{
  const char *nick;

  if (node_is_null (node))
    {
      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD,
                   _("Field “%s” is required"), field);
      return FALSE;
    }
  if (!get_string (node, field, &nick, error))
    return FALSE;

  if (!wb_enum_from_nick (type, nick, out))
    {
      g_autofree char *allowed = wb_enum_dup_nick_list (type);

      g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                   _("Field “%s” must be one of: %s"), field, allowed);
      return FALSE;
    }

  return TRUE;
}

/* An array of strings (null or absent is an empty list). */
static gboolean
get_strv (JsonNode     *node,
          const char   *field,
          GStrv        *out,
          GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node_is_null (node))
    {
      *out = g_strv_builder_end (builder);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (field, _("a list"), error);

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *name = g_strdup_printf ("%s[%u]", field, i);
      const char *s;

      if (node_is_null (element))
        return wrong_type (name, _("a string"), error);
      if (!get_string (element, name, &s, error))
        return FALSE;
      g_strv_builder_add (builder, s);
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* ---- field parsers ----------------------------------------------------- */

#define STRING_FIELD(field)                                            \
  static gboolean                                                      \
  parse_##field (WbSignal    *self,                                    \
                 JsonNode    *node,                                    \
                 const char  *name,                                    \
                 GError     **error)                                   \
  {                                                                    \
    const char *s;                                                     \
                                                                       \
    if (!get_string (node, name, &s, error))                           \
      return FALSE;                                                    \
    wb_signal_set_##field (self, s);                                   \
    return TRUE;                                                       \
  }

#define ENUM_FIELD(field, GTYPE)                                       \
  static gboolean                                                      \
  parse_##field (WbSignal    *self,                                    \
                 JsonNode    *node,                                    \
                 const char  *name,                                    \
                 GError     **error)                                   \
  {                                                                    \
    int v;                                                             \
                                                                       \
    if (!get_enum (node, name, GTYPE, &v, error))                      \
      return FALSE;                                                    \
    wb_signal_set_##field (self, v);                                   \
    return TRUE;                                                       \
  }

#define BOOL_FIELD(field)                                              \
  static gboolean                                                      \
  parse_##field (WbSignal    *self,                                    \
                 JsonNode    *node,                                    \
                 const char  *name,                                    \
                 GError     **error)                                   \
  {                                                                    \
    gboolean v;                                                        \
                                                                       \
    if (!get_bool (node, name, &v, error))                             \
      return FALSE;                                                    \
    wb_signal_set_##field (self, v);                                   \
    return TRUE;                                                       \
  }

STRING_FIELD (uuid)
STRING_FIELD (organisation)
STRING_FIELD (role)
STRING_FIELD (summary)
STRING_FIELD (description)
STRING_FIELD (occurred_on)
STRING_FIELD (municipality)
STRING_FIELD (neighbourhood)
STRING_FIELD (actor_country)
STRING_FIELD (community_note)
STRING_FIELD (impact)
STRING_FIELD (protective_measures)
STRING_FIELD (closed_on)
STRING_FIELD (review_on)

ENUM_FIELD (occurred_precision, WB_TYPE_PRECISION)
ENUM_FIELD (channel, WB_TYPE_CHANNEL)
ENUM_FIELD (source_type, WB_TYPE_SOURCE_TYPE)
ENUM_FIELD (reliability, WB_TYPE_RELIABILITY)
ENUM_FIELD (tlp, WB_TYPE_TLP)
ENUM_FIELD (attribution, WB_TYPE_ATTRIBUTION)
ENUM_FIELD (attribution_confidence, WB_TYPE_CONFIDENCE)
ENUM_FIELD (aangifte, WB_TYPE_AANGIFTE)

BOOL_FIELD (referral_made)
BOOL_FIELD (consent_to_share)
BOOL_FIELD (legal_hold)

static gboolean
parse_revision (WbSignal    *self,
                JsonNode    *node,
                const char  *name,
                GError     **error)
{
  gint64 v;

  if (!get_int (node, name, 1, G_MAXUINT, &v, error))
    return FALSE;
  wb_signal_set_revision (self, (guint) v);
  return TRUE;
}

static gboolean
parse_credibility (WbSignal    *self,
                   JsonNode    *node,
                   const char  *name,
                   GError     **error)
{
  gint64 v;

  if (!get_int (node, name, WB_CREDIBILITY_1, WB_CREDIBILITY_6, &v, error))
    return FALSE;
  wb_signal_set_credibility (self, (WbCredibility) v);
  return TRUE;
}

static gboolean
parse_level (WbSignal    *self,
             JsonNode    *node,
             const char  *name,
             GError     **error)
{
  gint64 v;

  if (!get_int (node, name, 1, 7, &v, error))
    return FALSE;
  wb_signal_set_level (self, (int) v);
  return TRUE;
}

/* Only "YYYY-MM-DDTHH:MM:SSZ": one spelling per instant keeps the
 * canonical form, and so the hash, stable across vaults. */
static gboolean
parse_timestamp (JsonNode    *node,
                 const char  *name,
                 GDateTime  **out,
                 GError     **error)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
  const char *s;

  if (!get_string (node, name, &s, error))
    return FALSE;

  if (s == NULL || strlen (s) != strlen (pattern))
    goto invalid;
  for (guint i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (s[i]) : s[i] != pattern[i])
      goto invalid;

  *out = g_date_time_new_from_iso8601 (s, NULL);
  if (*out == NULL)
    goto invalid;
  return TRUE;

invalid:
  g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
               _("Field “%s” must be a UTC time written as YYYY-MM-DDTHH:MM:SSZ"), name);
  return FALSE;
}

static gboolean
parse_created_at (WbSignal    *self,
                  JsonNode    *node,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;

  if (!parse_timestamp (node, name, &dt, error))
    return FALSE;
  wb_signal_set_created_at (self, dt);
  return TRUE;
}

static gboolean
parse_updated_at (WbSignal    *self,
                  JsonNode    *node,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;

  if (!parse_timestamp (node, name, &dt, error))
    return FALSE;
  wb_signal_set_updated_at (self, dt);
  return TRUE;
}

static gboolean
refuse_repeat (const char * const *values,
               guint               i,
               const char         *field,
               GError            **error)
{
  for (guint j = 0; j < i; j++)
    if (strcmp (values[i], values[j]) == 0)
      {
        g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                     _("“%s[%u]” repeats an earlier entry"), field, i);
        return FALSE;
      }
  return TRUE;
}

static gboolean
parse_categories (WbSignal    *self,
                  JsonNode    *node,
                  const char  *name,
                  GError     **error)
{
  g_auto(GStrv) codes = NULL;

  if (!get_strv (node, name, &codes, error))
    return FALSE;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (!wb_taxonomy_is_valid_code (codes[i]))
        {
          g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                       _("“%s[%u]” is not a taxonomy code (A–I or A1–I4)"), name, i);
          return FALSE;
        }
      if (!refuse_repeat ((const char * const *) codes, i, name, error))
        return FALSE;
    }

  wb_signal_set_categories (self, (const char * const *) codes);
  return TRUE;
}

static gboolean
parse_tags (WbSignal    *self,
            JsonNode    *node,
            const char  *name,
            GError     **error)
{
  g_auto(GStrv) tags = NULL;

  if (!get_strv (node, name, &tags, error))
    return FALSE;
  wb_signal_set_tags (self, (const char * const *) tags);
  return TRUE;
}

static gboolean
parse_handles (WbSignal    *self,
               JsonNode    *node,
               const char  *name,
               GError     **error)
{
  g_auto(GStrv) handles = NULL;

  if (!get_strv (node, name, &handles, error))
    return FALSE;
  for (guint i = 0; handles[i] != NULL; i++)
    if (!refuse_repeat ((const char * const *) handles, i, name, error))
      return FALSE;
  wb_signal_set_handles (self, (const char * const *) handles);
  return TRUE;
}

static gboolean
parse_community_context (WbSignal    *self,
                         JsonNode    *node,
                         const char  *name,
                         GError     **error)
{
  g_auto(GStrv) nicks = NULL;
  guint flags = 0;

  if (!get_strv (node, name, &nicks, error))
    return FALSE;

  for (guint i = 0; nicks[i] != NULL; i++)
    {
      int flag;

      if (!wb_enum_from_nick (WB_TYPE_COMMUNITY_CONTEXT, nicks[i], &flag))
        {
          g_autofree char *allowed = wb_enum_dup_nick_list (WB_TYPE_COMMUNITY_CONTEXT);

          g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_VALUE,
                       _("“%s[%u]” must be one of: %s"), name, i, allowed);
          return FALSE;
        }
      if (!refuse_repeat ((const char * const *) nicks, i, name, error))
        return FALSE;
      flags |= (guint) flag;
    }

  wb_signal_set_community_context (self, flags);
  return TRUE;
}

static gboolean
refuse_member (const char  *field,
               GError     **error)
{
  /* field is the full path, e.g. "persons[0].ethnicity" */
  const char *leaf = strrchr (field, '.');

  leaf = leaf ? leaf + 1 : field;
  if (g_strv_contains (forbidden_fields, leaf))
    g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_FORBIDDEN_FIELD,
                 _("Field “%s” is not allowed: Weerbaar never records identities, "
                   "addresses, ethnicity, religion, political opinion or other "
                   "special-category details"),
                 field);
  else
    g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_UNKNOWN_FIELD,
                 _("Unknown field “%s”"), field);
  return FALSE;
}

/* Walks an object whose members must all be in @known; calls @func for
 * each.  Unknown members are refused by name. */
static gboolean
check_members (JsonObject          *object,
               const char          *prefix,
               const char * const  *known,
               GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *field = g_strdup_printf ("%s.%s", prefix, (const char *) l->data);
        return refuse_member (field, error);
      }

  return TRUE;
}

static gboolean
parse_persons (WbSignal    *self,
               JsonNode    *node,
               const char  *name,
               GError     **error)
{
  static const char * const known[] = { "pseudonym", "role", NULL };
  JsonArray *array;

  wb_signal_clear_persons (self);
  if (node_is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (name, _("a list"), error);

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *prefix = g_strdup_printf ("%s[%u]", name, i);
      g_autofree char *pseudonym_field = g_strdup_printf ("%s.pseudonym", prefix);
      g_autofree char *role_field = g_strdup_printf ("%s.role", prefix);
      JsonObject *object;
      const char *pseudonym = NULL;
      int role;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return wrong_type (prefix, _("an object"), error);
      object = json_node_get_object (element);
      if (!check_members (object, prefix, known, error))
        return FALSE;

      if (!get_string (json_object_get_member (object, "pseudonym"), pseudonym_field,
                       &pseudonym, error))
        return FALSE;
      if (pseudonym == NULL || pseudonym[0] == '\0')
        {
          g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD,
                       _("Field “%s” is required"), pseudonym_field);
          return FALSE;
        }
      if (!get_enum (json_object_get_member (object, "role"), role_field,
                     WB_TYPE_PERSON_ROLE, &role, error))
        return FALSE;

      wb_signal_add_person (self, pseudonym, role);
    }

  return TRUE;
}

static gboolean
parse_followup (WbSignal    *self,
                JsonNode    *node,
                const char  *name,
                GError     **error)
{
  static const struct {
    const char    *name;
    WbFieldParser  parse;
  } fields[] = {
    { "referral_made", parse_referral_made },
    { "aangifte", parse_aangifte },
    { "consent_to_share", parse_consent_to_share },
    { "impact", parse_impact },
    { "protective_measures", parse_protective_measures },
  };
  static const char * const known[] = {
    "referral_made", "aangifte", "consent_to_share", "impact", "protective_measures", NULL
  };
  JsonObject *object;

  if (node_is_null (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (name, _("an object"), error);

  object = json_node_get_object (node);
  if (!check_members (object, name, known, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *field = g_strdup_printf ("%s.%s", name, fields[i].name);
      JsonNode *member = json_object_get_member (object, fields[i].name);

      if (!node_is_null (member) && !fields[i].parse (self, member, field, error))
        return FALSE;
    }

  return TRUE;
}

/* Document order of docs/signal-json.md; the serialiser follows it too. */
static const WbFieldSpec field_specs[] = {
  { "uuid", parse_uuid, REQUIRED },
  { "revision", parse_revision, REQUIRED },
  { "organisation", parse_organisation, REQUIRED },
  { "role", parse_role, REQUIRED },
  { "created_at", parse_created_at, REQUIRED },
  { "updated_at", parse_updated_at, REQUIRED },
  { "summary", parse_summary, REQUIRED | REQUIRED_NEW },
  { "description", parse_description, 0 },
  { "categories", parse_categories, REQUIRED | REQUIRED_NEW },
  { "occurred_on", parse_occurred_on, REQUIRED | REQUIRED_NEW },
  { "occurred_precision", parse_occurred_precision, REQUIRED | REQUIRED_NEW },
  { "municipality", parse_municipality, REQUIRED | REQUIRED_NEW },
  { "neighbourhood", parse_neighbourhood, 0 },
  { "channel", parse_channel, REQUIRED | REQUIRED_NEW },
  { "source_type", parse_source_type, REQUIRED | REQUIRED_NEW },
  { "reliability", parse_reliability, REQUIRED | REQUIRED_NEW },
  { "credibility", parse_credibility, REQUIRED | REQUIRED_NEW },
  { "tlp", parse_tlp, REQUIRED },
  { "attribution", parse_attribution, REQUIRED | REQUIRED_NEW },
  { "attribution_confidence", parse_attribution_confidence, REQUIRED | REQUIRED_NEW },
  { "actor_country", parse_actor_country, 0 },
  { "community_context", parse_community_context, 0 },
  { "community_note", parse_community_note, 0 },
  { "persons", parse_persons, 0 },
  { "tags", parse_tags, 0 },
  { "handles", parse_handles, 0 },
  { "followup", parse_followup, 0 },
  { "level", parse_level, REQUIRED },
  { "closed_on", parse_closed_on, 0 },
  { "review_on", parse_review_on, REQUIRED },
  { "legal_hold", parse_legal_hold, 0 },
};

static int
field_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    if (strcmp (field_specs[i].name, name) == 0)
      return i;
  return -1;
}

/* ---- parse ------------------------------------------------------------- */

static void
fill_new_defaults (WbSignal *self,
                   guint64   present)
{
  g_autoptr(WbSignal) fresh = wb_signal_new ();

#define PRESENT(name) ((present >> field_index (name)) & 1)
  if (!PRESENT ("uuid"))
    wb_signal_set_uuid (self, fresh->uuid);
  if (!PRESENT ("created_at"))
    wb_signal_set_created_at (self, fresh->created_at);
  if (!PRESENT ("updated_at"))
    wb_signal_set_updated_at (self, self->created_at);
  if (!PRESENT ("review_on"))
    {
      GDate date;
      g_autofree char *review_on = NULL;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date,
                      g_date_time_get_day_of_month (self->updated_at),
                      g_date_time_get_month (self->updated_at),
                      g_date_time_get_year (self->updated_at));
      g_date_add_months (&date, WB_RETENTION_DEFAULT_MONTHS);
      review_on = wb_date_format_iso (&date);
      wb_signal_set_review_on (self, review_on);
    }
#undef PRESENT
}

WbSignal *
wb_signal_new_from_json_node (JsonNode           *node,
                              WbSignalJsonFlags   flags,
                              GError            **error)
{
  g_autoptr(WbSignal) self = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  gboolean allow_new = (flags & WB_SIGNAL_JSON_ALLOW_NEW) != 0;
  gboolean trusted = (flags & WB_SIGNAL_JSON_TRUSTED) != 0;
  guint64 present = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (field_specs) <= 64);

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (!(allow_new && trusted), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_JSON,
                           _("A signal must be a JSON object"));
      return NULL;
    }

  object = json_node_get_object (node);
  self = g_object_new (WB_TYPE_SIGNAL, NULL);

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      int index = field_index (name);

      if (index < 0)
        {
          refuse_member (name, error);
          return NULL;
        }
      /* null is the same as leaving the field out */
      if (node_is_null (json_object_get_member (object, name)))
        continue;
      if (!field_specs[index].parse (self, json_object_get_member (object, name), name, error))
        return NULL;
      present |= G_GUINT64_CONSTANT (1) << index;
    }

  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    {
      WbFieldFlags needed = allow_new ? REQUIRED_NEW : REQUIRED;

      if ((field_specs[i].flags & needed) && !((present >> i) & 1))
        {
          g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD,
                       _("Field “%s” is required"), field_specs[i].name);
          return NULL;
        }
    }

  if (allow_new)
    fill_new_defaults (self, present);

  if (trusted ? !_wb_signal_check_trusted (self, error)
              : !_wb_signal_validate (self, !allow_new, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* JsonParser silently keeps the last of two members with the same name;
 * a signal with two different "tlp" values must be refused instead. */
typedef struct
{
  GHashTable *seen;        /* "object-address/name" */
  char       *duplicate;   /* first duplicate name, if any */
} WbDuplicateCheck;

static void
object_member_cb (JsonParser       *parser,
                  JsonObject       *object,
                  const char       *name,
                  WbDuplicateCheck *check)
{
  char *key = g_strdup_printf ("%p/%s", (void *) object, name);

  if (!g_hash_table_add (check->seen, key) && check->duplicate == NULL)
    check->duplicate = g_strdup (name);
}

WbSignal *
wb_signal_new_from_json (const char         *json,
                         gssize              length,
                         WbSignalJsonFlags   flags,
                         GError            **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  WbDuplicateCheck check = { NULL, NULL };
  WbSignal *signal = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (json);

  parser = json_parser_new ();
  /* The store writes each member once (wb_signal_to_json_node()). */
  if (!(flags & WB_SIGNAL_JSON_TRUSTED))
    {
      check.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_signal_connect (parser, "object-member", G_CALLBACK (object_member_cb), &check);
    }

  if (length == 0)
    g_set_error_literal (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_JSON,
                         _("The signal is empty: expected a JSON object"));
  else if (!json_parser_load_from_data (parser, json, length, &local_error))
    /* json-glib's message may quote the input, so give only the place. */
    g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_INVALID_JSON,
                 _("The signal is not valid JSON (error at line %u, column %u)"),
                 json_parser_get_current_line (parser),
                 json_parser_get_current_pos (parser));
  else if (check.duplicate != NULL)
    g_set_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_DUPLICATE_FIELD,
                 _("Field “%s” appears more than once"), check.duplicate);
  else
    signal = wb_signal_new_from_json_node (json_parser_get_root (parser), flags, error);

  g_signal_handlers_disconnect_by_data (parser, &check);
  g_clear_pointer (&check.seen, g_hash_table_unref);
  g_free (check.duplicate);

  return signal;
}

/* ---- serialise --------------------------------------------------------- */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_enum (JsonBuilder *builder,
          const char  *name,
          GType        type,
          int          value)
{
  add_string (builder, name, wb_enum_to_nick (type, value));
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_timestamp (JsonBuilder *builder,
               const char  *name,
               GDateTime   *value)
{
  g_autofree char *text = NULL;

  if (value != NULL)
    text = g_date_time_format (value, "%Y-%m-%dT%H:%M:%SZ");
  add_string (builder, name, text);
}

JsonNode *
wb_signal_to_json_node (WbSignal *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GFlagsClass) community_class = NULL;

  g_return_val_if_fail (WB_IS_SIGNAL (self), NULL);

  json_builder_begin_object (builder);
  add_string (builder, "uuid", self->uuid);
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, self->revision);
  add_string (builder, "organisation", self->organisation);
  add_string (builder, "role", self->role);
  add_timestamp (builder, "created_at", self->created_at);
  add_timestamp (builder, "updated_at", self->updated_at);
  add_string (builder, "summary", self->summary);
  add_string (builder, "description", self->description);
  add_strv (builder, "categories", (const char * const *) self->categories);
  add_string (builder, "occurred_on", self->occurred_on);
  add_enum (builder, "occurred_precision", WB_TYPE_PRECISION, self->occurred_precision);
  add_string (builder, "municipality", self->municipality);
  add_string (builder, "neighbourhood", self->neighbourhood);
  add_enum (builder, "channel", WB_TYPE_CHANNEL, self->channel);
  add_enum (builder, "source_type", WB_TYPE_SOURCE_TYPE, self->source_type);
  add_enum (builder, "reliability", WB_TYPE_RELIABILITY, self->reliability);
  json_builder_set_member_name (builder, "credibility");
  json_builder_add_int_value (builder, self->credibility);
  add_enum (builder, "tlp", WB_TYPE_TLP, self->tlp);
  add_enum (builder, "attribution", WB_TYPE_ATTRIBUTION, self->attribution);
  add_enum (builder, "attribution_confidence", WB_TYPE_CONFIDENCE, self->attribution_confidence);
  add_string (builder, "actor_country", self->actor_country);

  /* Flags in declaration order: a set has one canonical spelling. */
  json_builder_set_member_name (builder, "community_context");
  json_builder_begin_array (builder);
  community_class = g_type_class_ref (WB_TYPE_COMMUNITY_CONTEXT);
  for (guint i = 0; i < community_class->n_values; i++)
    if (self->community_context & community_class->values[i].value)
      json_builder_add_string_value (builder, community_class->values[i].value_nick);
  json_builder_end_array (builder);

  add_string (builder, "community_note", self->community_note);

  json_builder_set_member_name (builder, "persons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->persons->len; i++)
    {
      const WbPerson *person = g_ptr_array_index (self->persons, i);

      json_builder_begin_object (builder);
      add_string (builder, "pseudonym", person->pseudonym);
      add_enum (builder, "role", WB_TYPE_PERSON_ROLE, person->role);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_strv (builder, "tags", (const char * const *) self->tags);
  add_strv (builder, "handles", (const char * const *) self->handles);

  json_builder_set_member_name (builder, "followup");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "referral_made");
  json_builder_add_boolean_value (builder, self->referral_made);
  add_enum (builder, "aangifte", WB_TYPE_AANGIFTE, self->aangifte);
  json_builder_set_member_name (builder, "consent_to_share");
  json_builder_add_boolean_value (builder, self->consent_to_share);
  add_string (builder, "impact", self->impact);
  add_string (builder, "protective_measures", self->protective_measures);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "level");
  json_builder_add_int_value (builder, self->level);
  add_string (builder, "closed_on", self->closed_on);
  add_string (builder, "review_on", self->review_on);
  json_builder_set_member_name (builder, "legal_hold");
  json_builder_add_boolean_value (builder, self->legal_hold);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
wb_signal_to_json (WbSignal *self,
                   gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (WB_IS_SIGNAL (self), NULL);

  root = wb_signal_to_json_node (self);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

char *
wb_signal_dup_canonical_json (WbSignal *self)
{
  g_return_val_if_fail (WB_IS_SIGNAL (self), NULL);

  return wb_signal_to_json (self, FALSE);
}

char *
wb_signal_dup_canonical_hash (WbSignal *self)
{
  g_autofree char *canonical = NULL;
  guint8 hash[crypto_generichash_BYTES];
  char hex[crypto_generichash_BYTES * 2 + 1];

  g_return_val_if_fail (WB_IS_SIGNAL (self), NULL);

  wb_core_ensure_sodium ();
  canonical = wb_signal_dup_canonical_json (self);
  crypto_generichash (hash, sizeof hash, (const guint8 *) canonical, strlen (canonical), NULL, 0);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);

  return g_strdup (hex);
}
