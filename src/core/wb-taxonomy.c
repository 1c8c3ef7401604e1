/* wb-taxonomy.c — the signal taxonomy (DOMAIN.md §1) and DISARM tags
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-taxonomy"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wb-taxonomy.h"

typedef struct
{
  const char *code;
  const char *label_nl;   /* DOMAIN.md's Dutch label, verbatim */
  const char *label_en;   /* msgid; po/nl.po maps it to label_nl */
} WbTaxonomyEntry;

/* Must match DOMAIN.md §1 exactly; tests/test-taxonomy.c reads that table
 * and compares. */
static const WbTaxonomyEntry taxonomy[] = {
  { "A",  "Bedreiging en geweld", N_("Threats and violence") },
  { "A1", "Bedreiging, intimidatie", N_("Threats, intimidation") },
  { "A2", "Mishandeling", N_("Assault") },
  { "A3", "Ontvoering, gedwongen overbrenging", N_("Abduction, rendition") },
  { "A4", "(Poging tot) liquidatie", N_("(Attempted) assassination") },
  { "B",  "Dwang via derden", N_("Coercion by proxy") },
  { "B1", "Druk via familie in herkomstland", N_("Pressure via family abroad") },
  { "B2", "Druk via bezit in herkomstland", N_("Pressure via assets abroad") },
  { "B3", "Sociale druk vanuit eigen gemeenschap", N_("Pressure from within the community") },
  { "B4", "Criminele tussenpersonen", N_("Criminal proxies") },
  { "C",  "Terugkeerdwang en mobiliteitscontrole", N_("Coerced return and mobility control") },
  { "C1", "Terugkeerdwang", N_("Coerced return") },
  { "C2", "Paspoort of documenten intrekken", N_("Document control") },
  { "C3", "Consulaire dienst weigeren of voorwaardelijk maken", N_("Denial or conditioning of consular services") },
  { "C4", "Reisverbod, arrestatie bij inreis", N_("Travel ban, arrest on entry") },
  { "C5", "Ongeautoriseerde politieposten", N_("Unauthorised overseas police stations") },
  { "D",  "Heimelijke informatievergaring", N_("Covert surveillance") },
  { "D1", "Informanten", N_("Informants") },
  { "D2", "Verklik-apps en meldkanalen", N_("Denunciation apps and channels") },
  { "D3", "Observatie", N_("Physical surveillance") },
  { "D4", "Infiltratie (bijv. via tolken)", N_("Infiltration (e.g. via interpreters)") },
  { "E",  "Digitale repressie", N_("Digital repression") },
  { "E1", "Online intimidatie", N_("Online harassment") },
  { "E2", "Doxing", N_("Doxing") },
  { "E3", "Spyware en hacking", N_("Spyware and hacking") },
  { "E4", "Massaal rapporteren van accounts", N_("Mass-reporting takedowns") },
  { "E5", "Nepprofielen, imitatie", N_("Fake profiles, impersonation") },
  { "F",  "Juridisch misbruik", N_("Legal abuse") },
  { "F1", "Misbruik Interpol-signalering", N_("Interpol notice abuse") },
  { "F2", "Politieke aanklacht of uitlevering", N_("Politically motivated charges or extradition") },
  { "F3", "Beslag op bezit", N_("Asset seizure") },
  { "G",  "Informatiemanipulatie", N_("Information manipulation") },
  { "G1", "Desinformatiecampagne", N_("Disinformation campaign") },
  { "G2", "Trollennetwerk", N_("Troll network") },
  { "G3", "Lastercampagne", N_("Smear campaign") },
  { "H",  "Politieke campagne en mobilisatie", N_("Political campaigning and mobilisation") },
  { "H1", "Campagne door buitenlandse politici", N_("Campaigning by foreign politicians") },
  { "H2", "Mobiliseren van demonstraties", N_("Mobilising rallies") },
  { "H3", "Beïnvloeding van Nederlandse besluitvorming", N_("Targeting Dutch decision-making") },
  { "I",  "Financiering en institutionele invloed", N_("Financing and institutional capture") },
  { "I1", "(Heimelijke) financiering van instellingen", N_("(Covert) financing of institutions") },
  { "I2", "Invloed op bestuur of personeel", N_("Control of boards or staff") },
  { "I3", "Gedwongen afdrachten (diasporabelasting)", N_("Coercive levies (diaspora tax)") },
  { "I4", "Infiltratie van verenigingen of religieuze instellingen", N_("Infiltration of associations or religious bodies") },
};

/* Signal list rows keep their categories as a 64-bit mask
 * (wb-signal-rows-private.h). */
G_STATIC_ASSERT (G_N_ELEMENTS (taxonomy) <= 64);

#define WB_DISARM_FIRST 1
#define WB_DISARM_LAST  18

static const WbTaxonomyEntry *
lookup (const char *code)
{
  int index = wb_taxonomy_get_index (code);

  return index < 0 ? NULL : &taxonomy[index];
}

guint
wb_taxonomy_get_n_codes (void)
{
  return G_N_ELEMENTS (taxonomy);
}

const char *
wb_taxonomy_get_code (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (taxonomy), NULL);

  return taxonomy[index].code;
}

int
wb_taxonomy_get_index (const char *code)
{
  if (code == NULL)
    return -1;

  for (guint i = 0; i < G_N_ELEMENTS (taxonomy); i++)
    if (strcmp (taxonomy[i].code, code) == 0)
      return i;

  return -1;
}

gboolean
wb_taxonomy_is_valid_code (const char *code)
{
  return lookup (code) != NULL;
}

gboolean
wb_taxonomy_is_category (const char *code)
{
  return lookup (code) != NULL && code[1] == '\0';
}

const char *
wb_taxonomy_get_category (const char *code)
{
  int index = wb_taxonomy_get_index (code);

  if (index < 0)
    return NULL;

  /* Categories precede their subcodes in the table. */
  while (taxonomy[index].code[1] != '\0')
    index--;

  return taxonomy[index].code;
}

GStrv
wb_taxonomy_dup_subcodes (const char *category)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  if (!wb_taxonomy_is_category (category))
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = wb_taxonomy_get_index (category) + 1;
       i < G_N_ELEMENTS (taxonomy) && taxonomy[i].code[1] != '\0';
       i++)
    g_strv_builder_add (builder, taxonomy[i].code);

  return g_strv_builder_end (builder);
}

const char *
wb_taxonomy_get_label (const char *code)
{
  const WbTaxonomyEntry *entry = lookup (code);

  return entry ? _(entry->label_en) : NULL;
}

const char *
wb_taxonomy_get_label_nl (const char *code)
{
  const WbTaxonomyEntry *entry = lookup (code);

  return entry ? entry->label_nl : NULL;
}

const char *
wb_taxonomy_get_label_en (const char *code)
{
  const WbTaxonomyEntry *entry = lookup (code);

  return entry ? entry->label_en : NULL;
}

int
wb_taxonomy_compare_codes (const char *a,
                           const char *b)
{
  int ia = wb_taxonomy_get_index (a);
  int ib = wb_taxonomy_get_index (b);

  if (ia >= 0 && ib >= 0)
    return (ia > ib) - (ia < ib);
  if (ia >= 0)
    return -1;
  if (ib >= 0)
    return 1;
  return g_strcmp0 (a, b);
}

gboolean
wb_taxonomy_looks_like_disarm (const char *tag)
{
  return tag != NULL
         && tag[0] == 'T' && tag[1] == 'A'
         && g_ascii_isdigit (tag[2]) && g_ascii_isdigit (tag[3])
         && tag[4] == '\0';
}

gboolean
wb_taxonomy_is_disarm_tactic (const char *tag)
{
  int n;

  if (!wb_taxonomy_looks_like_disarm (tag))
    return FALSE;

  n = (tag[2] - '0') * 10 + (tag[3] - '0');
  return n >= WB_DISARM_FIRST && n <= WB_DISARM_LAST;
}
