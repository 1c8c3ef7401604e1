/* wb-demo.c — fictional signals for demonstrations, tests and benchmarks
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-demo"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "wb-core-private.h"
#include "wb-demo.h"
#include "wb-ladder.h"
#include "wb-records.h"
#include "wb-signal.h"
#include "wb-store.h"
#include "wb-vault.h"

/* Everything below is invented.  The texts are Dutch because the users
 * are; they are data, not UI, so they are not translated. */

static const char * const municipalities[] = {
  "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen",
  "Tilburg", "Almere", "Breda", "Nijmegen", "Apeldoorn", "Arnhem", "Haarlem",
  "Haarlemmermeer", "Amersfoort", "Zaanstad", "Enschede", "'s-Hertogenbosch",
  "Zwolle", "Zoetermeer", "Leiden", "Maastricht", "Dordrecht", "Ede",
  "Alphen aan den Rijn", "Alkmaar", "Emmen", "Westland", "Delft", "Venlo",
  "Deventer", "Sittard-Geleen", "Helmond", "Oss", "Amstelveen", "Hilversum",
  "Súdwest-Fryslân", "Heerlen", "Leeuwarden", "Purmerend", "Schiedam",
  "Roosendaal", "Lelystad", "Leidschendam-Voorburg", "Gouda", "Vlaardingen",
  "Assen", "Capelle aan den IJssel", "Veenendaal", "Katwijk", "Nieuwegein",
  "Zeist", "Hengelo", "Den Helder", "Middelburg", "Vlissingen", "Terneuzen",
  NULL
};

typedef struct
{
  const char *codes;     /* comma-separated */
  const char *summary;
} Template;

static const Template templates[] = {
  { "A1",    "Bedreigende berichten na deelname aan een demonstratie" },
  { "A1,E1", "Intimidatie van een journalist via sociale media" },
  { "A2",    "Mishandeling na afloop van een bijeenkomst" },
  { "A3",    "Signalen van een gedwongen overbrenging naar het buitenland" },
  { "B1",    "Familie in het herkomstland onder druk gezet vanwege activiteiten hier" },
  { "B2",    "Dreiging met beslag op bezit in het herkomstland" },
  { "B3",    "Sociale druk binnen de gemeenschap om niet deel te nemen aan een debat" },
  { "B4",    "Criminele tussenpersonen benaderen een voorzitter" },
  { "C1",    "Druk om terug te keren naar het herkomstland" },
  { "C2",    "Paspoortverlenging geweigerd na kritische uitlatingen" },
  { "C3",    "Consulaire dienst alleen verleend in ruil voor informatie" },
  { "C5",    "Melding van een mogelijke ongeautoriseerde politiepost" },
  { "D1",    "Vermoeden van informanten binnen een studentenvereniging" },
  { "D2",    "Oproep via een verklik-app om activisten aan te geven" },
  { "D3",    "Bezoekers van een bijeenkomst gefotografeerd en gefilmd" },
  { "D4",    "Tolk deelt vertrouwelijke gesprekken met derden" },
  { "E2",    "Persoonsgegevens van een activist online verspreid" },
  { "E3",    "Verdachte spyware op de telefoon van een studente" },
  { "E4",    "Accounts van een diasporaorganisatie massaal gerapporteerd" },
  { "E5",    "Nepprofiel dat zich voordoet als bestuurslid van een stichting" },
  { "F1",    "Misbruik van een Interpol-signalering tegen een vluchteling" },
  { "F2",    "Politiek gemotiveerde aanklacht tegen een journalist" },
  { "G1",    "Desinformatiecampagne over gemeentelijk beleid" },
  { "G2",    "Trollennetwerk reageert op berichten van een diasporaorganisatie" },
  { "G3",    "Lastercampagne tegen de bestuurder van een stichting" },
  { "H1",    "Campagnebijeenkomst van een buitenlandse politicus aangekondigd" },
  { "H2",    "Mobilisatie voor een demonstratie vanuit het buitenland" },
  { "H3",    "Beïnvloeding van besluitvorming in de gemeenteraad" },
  { "I1",    "Heimelijke financiering van een culturele stichting vermoed" },
  { "I2",    "Invloed van buitenaf op het bestuur van een vereniging" },
  { "I3",    "Gedwongen afdrachten geëist van ondernemers" },
  { "I4",    "Infiltratie van een vereniging door een gelieerde organisatie" },
};

static const char * const details[] = {
  "Gemeld door een wijkwerker na een huisbezoek.",
  "De melder wil anoniem blijven en vreest voor familie in het buitenland.",
  "Meerdere leden van de gemeenschap bevestigen het beeld.",
  "Er is contact gezocht met de Vertrouwenslijn.",
  "Het bericht werd in korte tijd vaak gedeeld in besloten groepen.",
  "Het gaat om een terugkerend patroon rond verkiezingen.",
  "De organisatie overweegt aangifte te doen.",
  "Er is een gesprek gepland met de betrokken stichting.",
  "Bron is een partnerorganisatie met goede contacten in de wijk.",
  "Beeldmateriaal is bewaard als bewijs.",
};

static const char * const tags[] = {
  "verkiezingen", "studenten", "campagne", "diaspora", "jongeren", "subsidie",
  "vereniging", "bijeenkomst", "onderwijs", "media",
};

static const char * const words[] = {
  "bedreiging", "beïnvloeding", "beinvl", "campagne", "demonstratie", "desinformatie",
  "diaspora", "familie", "financiering", "gemeenschap", "gemeenteraad", "intimidatie",
  "journalist", "lastercampagne", "mishandeling", "nepprofiel", "paspoort", "politiepost",
  "spyware", "stichting", "studente", "tolk", "trollennetwerk", "vereniging",
  "verkiezingen", "vluchteling", "wijkwerker", "activist", "interpol", "consulaire",
  "verklik", "ondernemers", "bestuur", "bijeenkomst", "gefotografeerd", "buitenland",
  "herkomstland", "informanten", "accounts", "aangifte",
  NULL
};

static const char * const channels[] = { "in-person", "online-platform", "consular", "phone", "post", "other" };
static const char * const sources[] = { "victim", "witness", "community-worker", "open-source", "partner-organisation" };
static const char * const reliabilities[] = { "A", "B", "C", "D", "E", "F" };
static const char * const tlps[] = { "AMBER+STRICT", "AMBER+STRICT", "AMBER+STRICT", "AMBER", "AMBER", "GREEN", "RED", "CLEAR" };
static const char * const attributions[] = { "state-actor", "state-affiliated", "non-state", "unknown" };
static const char * const confidences[] = { "low", "medium", "high" };
static const char * const person_roles[] = { "target", "alleged-perpetrator", "intermediary", "witness" };

const char * const *
wb_demo_get_words (void)
{
  return words;
}

const char * const *
wb_demo_get_municipalities (void)
{
  return municipalities;
}

#define PICK(rand, array) (array[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static void
add_string_array (JsonBuilder        *builder,
                  const char         *member,
                  const char * const *values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static WbSignal *
make_signal (GRand       *rand,
             guint        index,
             const GDate *today,
             GError     **error)
{
  const Template *t = &templates[g_rand_int_range (rand, 0, G_N_ELEMENTS (templates))];
  const char *municipality = municipalities[g_rand_int_range (rand, 0, G_N_ELEMENTS (municipalities) - 1)];
  g_auto(GStrv) codes = g_strsplit (t->codes, ",", -1);
  g_autoptr(GPtrArray) tag_list = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *occurred = NULL;
  g_autofree char *description = NULL;
  g_autofree char *organisation = g_strdup_printf ("Gemeente %s", municipality);
  GDate date = *today;
  guint n_persons = g_rand_int_range (rand, 0, 3);

  g_date_subtract_days (&date, g_rand_int_range (rand, 0, 3 * 365));
  occurred = wb_date_format_iso (&date);
  description = g_strdup_printf ("%s %s", PICK (rand, details), PICK (rand, details));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "organisation");
  json_builder_add_string_value (builder, organisation);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "liaison-officer");
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, t->summary);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, description);
  add_string_array (builder, "categories", (const char * const *) codes);
  json_builder_set_member_name (builder, "occurred_on");
  json_builder_add_string_value (builder, occurred);
  json_builder_set_member_name (builder, "occurred_precision");
  json_builder_add_string_value (builder, g_rand_int_range (rand, 0, 4) == 0 ? "estimate" : "day");
  json_builder_set_member_name (builder, "municipality");
  json_builder_add_string_value (builder, municipality);
  json_builder_set_member_name (builder, "channel");
  json_builder_add_string_value (builder, PICK (rand, channels));
  json_builder_set_member_name (builder, "source_type");
  json_builder_add_string_value (builder, PICK (rand, sources));
  json_builder_set_member_name (builder, "reliability");
  json_builder_add_string_value (builder, PICK (rand, reliabilities));
  json_builder_set_member_name (builder, "credibility");
  json_builder_add_int_value (builder, g_rand_int_range (rand, 1, 7));
  json_builder_set_member_name (builder, "tlp");
  json_builder_add_string_value (builder, PICK (rand, tlps));
  json_builder_set_member_name (builder, "attribution");
  json_builder_add_string_value (builder, PICK (rand, attributions));
  json_builder_set_member_name (builder, "attribution_confidence");
  json_builder_add_string_value (builder, PICK (rand, confidences));

  json_builder_set_member_name (builder, "persons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_persons; i++)
    {
      g_autofree char *pseudonym = g_strdup_printf ("P-%06u-%u", index, i + 1);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "pseudonym");
      json_builder_add_string_value (builder, pseudonym);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, PICK (rand, person_roles));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  {
    const char *a = PICK (rand, tags);
    const char *b = PICK (rand, tags);

    g_ptr_array_add (tag_list, (gpointer) a);
    if (!g_str_equal (a, b))
      g_ptr_array_add (tag_list, (gpointer) b);
    if (codes[0][0] == 'G')
      g_ptr_array_add (tag_list, (gpointer) "TA10");
    g_ptr_array_add (tag_list, NULL);
    add_string_array (builder, "tags", (const char * const *) tag_list->pdata);
  }

  if (codes[0][0] == 'E' || codes[0][0] == 'G')
    {
      g_autofree char *handle = g_strdup_printf ("@nieuws_%04u", g_rand_int_range (rand, 0, 5000));
      const char *handles[] = { handle, NULL };

      add_string_array (builder, "handles", handles);
    }

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return wb_signal_new_from_json_node (root, WB_SIGNAL_JSON_ALLOW_NEW, error);
}

static WbDecision *
make_decision (WbDecisionKind  kind,
               int             from,
               int             to,
               const GDate    *date)
{
  WbDecision *d = wb_decision_new (kind, from, to, date);

  d->deciding_role = g_strdup (to >= 3 ? "burgemeester" : "liaison-officer");
  d->facts = g_strdup ("Meerdere samenhangende meldingen uit de gemeenschap.");
  d->assessment = g_strdup ("Er is sprake van een patroon dat aandacht vraagt.");
  d->decision = g_strdup ("Opvolgen volgens de ladder.");
  d->instruments = wb_ladder_dup_default_instruments (to);
  if (to - from > 1)
    d->skip_reason = g_strdup ("Gevaar voor leven of vrijheid.");
  if (kind == WB_DECISION_CLOSE || kind == WB_DECISION_DEESCALATE)
    {
      d->outcome = g_strdup ("Geen nieuwe meldingen meer ontvangen.");
      d->measures = g_strdup ("Gesprek gevoerd en weerbaarheidsaanbod gedaan.");
    }
  return d;
}

/* Moves some signals up the ladder, closes a few (in the past, so some
 * become overdue), and links or groups others. */
static gboolean
follow_up (WbStore     *store,
           GRand       *rand,
           WbSignal    *signal,
           const char  *previous,
           const char  *kase,
           const GDate *today,
           GError     **error)
{
  const char *uuid = wb_signal_get_uuid (signal);
  guint roll = g_rand_int_range (rand, 0, 100);
  int level = 1;
  GDate decided;

  /* Decided some days after it happened, never in the future. */
  g_date_clear (&decided, 1);
  if (!wb_date_parse_iso (wb_signal_get_occurred_on (signal), &decided))
    decided = *today;
  g_date_add_days (&decided, g_rand_int_range (rand, 0, 30));
  if (g_date_compare (&decided, today) > 0)
    decided = *today;

  if (roll < 5)
    {
      g_autoptr(WbDecision) d = make_decision (WB_DECISION_ESCALATE, 1, 4, &decided);

      if (!wb_records_record_decision (store, uuid, d, NULL, error))
        return FALSE;
      level = 4;
    }
  else if (roll < 35)
    {
      g_autoptr(WbDecision) d = make_decision (WB_DECISION_ESCALATE, 1, 2, &decided);

      if (!wb_records_record_decision (store, uuid, d, NULL, error))
        return FALSE;
      level = 2;
      if (roll < 13)
        {
          g_autoptr(WbDecision) d3 = make_decision (WB_DECISION_ESCALATE, 2, 3, &decided);

          if (!wb_records_record_decision (store, uuid, d3, NULL, error))
            return FALSE;
          level = 3;
        }
    }

  if (roll >= 95 || (roll >= 30 && roll < 33))
    {
      GDate closed = decided;
      g_autoptr(WbDecision) d = NULL;

      g_date_add_days (&closed, g_rand_int_range (rand, 1, 120));
      if (g_date_compare (&closed, today) > 0)
        closed = *today;
      d = make_decision (WB_DECISION_CLOSE, level, level, &closed);
      if (!wb_records_record_decision (store, uuid, d, NULL, error))
        return FALSE;
    }

  if (previous != NULL && g_rand_int_range (rand, 0, 40) == 0)
    {
      static const WbLinkType types[] = { WB_LINK_SAME_ACTOR, WB_LINK_SAME_CAMPAIGN, WB_LINK_SAME_TARGET };

      if (!wb_records_link (store, uuid, previous, types[g_rand_int_range (rand, 0, 3)], error))
        return FALSE;
    }

  if (kase != NULL && g_rand_int_range (rand, 0, 50) == 0)
    if (!wb_records_add_to_case (store, kase, uuid, error))
      return FALSE;

  return TRUE;
}

gboolean
wb_demo_fill (WbStore     *store,
              guint        count,
              guint32      seed,
              guint        batch_size,
              void       (*progress) (guint    done,
                                      gpointer user_data),
              gpointer     user_data,
              GError     **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *previous = NULL;
  GDate today;
  guint done = 0;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (batch_size == 0)
    batch_size = 5000;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  while (done < count)
    {
      guint end = MIN (count, done + batch_size);

      if (!wb_records_batch_begin (store, error))
        return FALSE;

      /* A few named cases per batch, e.g. one campaign. */
      for (guint c = 0; c < 2 && end - done >= 50; c++)
        {
          g_autofree char *name = g_strdup_printf ("Campagne %s %u", PICK (rand, tags), done + c + 1);
          char *uuid = wb_records_create_case (store, name, error);

          if (uuid == NULL)
            goto fail;
          g_ptr_array_add (cases, uuid);
        }

      for (; done < end; done++)
        {
          g_autoptr(WbSignal) signal = make_signal (rand, done + 1, &today, error);
          const char *kase = cases->len > 0
            ? g_ptr_array_index (cases, g_rand_int_range (rand, 0, cases->len)) : NULL;

          if (signal == NULL ||
              !wb_records_add_signal (store, signal, error) ||
              !follow_up (store, rand, signal, previous, kase, &today, error))
            goto fail;

          g_free (previous);
          previous = g_strdup (wb_signal_get_uuid (signal));
        }

      if (!wb_records_batch_commit (store, error))
        return FALSE;

      if (progress != NULL)
        progress (done, user_data);
    }

  return TRUE;

fail:
  wb_records_batch_rollback (store);
  return FALSE;
}

/* ---- a throw-away vault for `weerbaar --demo` ------------------------- */

#define DEMO_DIR_PREFIX "weerbaar-demo-"
#define DEMO_SEED 20261129
/* g_dir_make_tmp() fills in "XXXXXX" with letters and digits. */
#define DEMO_DIR_RANDOM_LEN 6
/* A demo folder this recent is never swept: it may be between its
 * creation and its lock, or belong to a running demo of a version that
 * did not lock its folder yet (issue #5). */
#define DEMO_SWEEP_MIN_AGE_SECONDS (10 * 60)

/* A running demo holds an exclusive flock() on its folder until it
 * deletes it; the kernel drops the lock when the process dies, however it
 * dies, and it holds across PID namespaces (Flatpak).  Folder → fd. */
G_LOCK_DEFINE_STATIC (demo_locks);
static GHashTable *demo_locks;

static gboolean
hold_demo_lock (const char  *dir,
                GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

  if (fd < 0 || flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the demo vault: %s"), g_strerror (saved));
      return FALSE;
    }

  G_LOCK (demo_locks);
  if (demo_locks == NULL)
    demo_locks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (demo_locks, g_canonicalize_filename (dir, NULL), GINT_TO_POINTER (fd));
  G_UNLOCK (demo_locks);
  return TRUE;
}

static void
release_demo_lock (const char *dir)
{
  g_autofree char *key = g_canonicalize_filename (dir, NULL);
  gpointer stored_key = NULL;
  gpointer fd = NULL;

  G_LOCK (demo_locks);
  if (demo_locks != NULL && g_hash_table_steal_extended (demo_locks, key, &stored_key, &fd))
    {
      close (GPOINTER_TO_INT (fd));
      g_free (stored_key);
    }
  G_UNLOCK (demo_locks);
}

static gboolean
is_demo_dir_name (const char *name)
{
  const char *random;

  if (!g_str_has_prefix (name, DEMO_DIR_PREFIX))
    return FALSE;
  random = name + strlen (DEMO_DIR_PREFIX);
  if (strlen (random) != DEMO_DIR_RANDOM_LEN)
    return FALSE;
  for (const char *p = random; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

WbVault *
wb_demo_create_vault (guint          count,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *recovery_key = NULL;
  unsigned char random[24];
  char *passphrase;
  gsize passphrase_size = 2 * sizeof random + 1;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* What demos killed before they could delete their folder left. */
  wb_demo_sweep_stale_vaults (NULL);

  /* g_dir_make_tmp() creates the folder with mode 0700. */
  dir = g_dir_make_tmp (DEMO_DIR_PREFIX "XXXXXX", error);
  if (dir == NULL)
    return NULL;
  if (!hold_demo_lock (dir, error))
    {
      g_rmdir (dir);
      return NULL;
    }

  /* Nobody ever needs the passphrase again: it lives only in guarded
   * memory for the moment of creation. */
  wb_core_ensure_sodium ();
  passphrase = sodium_malloc (passphrase_size);
  if (passphrase == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("Could not reserve memory for the demo vault"));
      wb_demo_delete_vault (dir, NULL);
      return NULL;
    }
  randombytes_buf (random, sizeof random);
  sodium_bin2hex (passphrase, passphrase_size, random, sizeof random);
  sodium_memzero (random, sizeof random);

  vault = wb_vault_create (dir, passphrase, WB_VAULT_COST_MIN, &recovery_key,
                           cancellable, &local_error);
  sodium_free (passphrase);
  if (recovery_key != NULL)
    sodium_memzero (recovery_key, strlen (recovery_key));

  if (vault != NULL &&
      wb_store_set_setting (wb_vault_get_store (vault), WB_RECORDS_SETTING_ORGANISATION,
                            "Demogemeente", &local_error) &&
      wb_store_set_setting (wb_vault_get_store (vault), WB_RECORDS_SETTING_ROLE,
                            "Contactpersoon", &local_error) &&
      wb_demo_fill (wb_vault_get_store (vault), count, DEMO_SEED, 100,
                    NULL, NULL, &local_error))
    return g_steal_pointer (&vault);

  if (vault != NULL)
    wb_vault_lock (vault);
  wb_demo_delete_vault (dir, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static void
create_vault_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  WbVault *vault;

  vault = wb_demo_create_vault (GPOINTER_TO_UINT (task_data), cancellable, &error);
  if (vault == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, vault, g_object_unref);
}

void
wb_demo_create_vault_async (guint                count,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_demo_create_vault_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (count), NULL);
  g_task_run_in_thread (task, create_vault_thread);
}

WbVault *
wb_demo_create_vault_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
wb_demo_delete_vault (const char  *dir,
                      GError     **error)
{
  g_autofree char *base = NULL;
  g_autoptr(GDir) folder = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  base = g_path_get_basename (dir);
  if (!g_str_has_prefix (base, DEMO_DIR_PREFIX) || !g_path_is_absolute (dir))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This folder is not a demo vault"));
      return FALSE;
    }

  folder = g_dir_open (dir, 0, error);
  if (folder == NULL)
    return FALSE;

  /* Only the vault's own files are there (vault.db, its WAL); no
   * subfolders. */
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_unlink (path) != 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not delete the demo vault: %s"), g_strerror (saved));
          return FALSE;
        }
    }

  if (g_rmdir (dir) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not delete the demo vault: %s"), g_strerror (saved));
      return FALSE;
    }

  release_demo_lock (dir);
  return TRUE;
}

guint
wb_demo_sweep_stale_vaults (const char *tmp_dir)
{
  g_autoptr(GDir) folder = NULL;
  const char *name;
  guint removed = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (tmp_dir == NULL)
    tmp_dir = g_get_tmp_dir ();
  folder = g_dir_open (tmp_dir, 0, NULL);
  if (folder == NULL)
    return 0;

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      GStatBuf st;
      struct stat opened;
      int fd;

      if (!is_demo_dir_name (name))
        continue;
      path = g_build_filename (tmp_dir, name, NULL);

      /* Only a real folder (never a link), ours, private as
       * wb_demo_create_vault() made it, and not too recent. */
      if (g_lstat (path, &st) != 0
          || !S_ISDIR (st.st_mode)
          || st.st_uid != getuid ()
          || (st.st_mode & 07777) != 0700
          || now - (gint64) st.st_mtime < DEMO_SWEEP_MIN_AGE_SECONDS)
        continue;

      /* The same folder, and no running demo holds it.  Our own lock
       * keeps another process's sweep out while this one deletes. */
      fd = open (path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (fstat (fd, &opened) == 0
          && opened.st_dev == st.st_dev
          && opened.st_ino == st.st_ino
          && flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          if (wb_demo_delete_vault (path, &error))
            removed++;
          else
            g_debug ("Stale demo folder %s left: %s", path, error->message);
        }
      close (fd);
    }

  return removed;
}
