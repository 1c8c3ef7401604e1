/* test-taxonomy.c — the signal taxonomy and the controlled vocabularies
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "wb-core.h"

/* Rows "| code | nl | en |" of DOMAIN.md §1. */
static GPtrArray *
read_domain_taxonomy (void)
{
  const char *shared = g_getenv ("WB_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows;
  gboolean in_section = FALSE;

  if (shared == NULL)
    return NULL;
  path = g_build_filename (shared, "DOMAIN.md", NULL);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;

      if (g_str_has_prefix (lines[i], "## "))
        in_section = g_str_has_prefix (lines[i], "## 1.");
      if (!in_section || !g_str_has_prefix (lines[i], "| "))
        continue;

      cells = g_strsplit (lines[i], "|", -1);
      if (g_strv_length (cells) != 5)
        continue;
      for (guint j = 0; cells[j] != NULL; j++)
        g_strstrip (cells[j]);
      if (g_str_equal (cells[1], "Code") || g_str_has_prefix (cells[1], "---"))
        continue;
      g_ptr_array_add (rows, g_steal_pointer (&cells));
    }

  return rows;
}

static void
test_matches_domain_md (void)
{
  g_autoptr(GPtrArray) rows = read_domain_taxonomy ();

  if (rows == NULL)
    {
      g_test_skip ("DOMAIN.md not found (WB_SHARED_DIR)");
      return;
    }

  g_assert_cmpuint (rows->len, ==, wb_taxonomy_get_n_codes ());
  for (guint i = 0; i < rows->len; i++)
    {
      char **cells = g_ptr_array_index (rows, i);

      g_assert_cmpstr (wb_taxonomy_get_code (i), ==, cells[1]);
      g_assert_cmpstr (wb_taxonomy_get_label_nl (cells[1]), ==, cells[2]);
      g_assert_cmpstr (wb_taxonomy_get_label_en (cells[1]), ==, cells[3]);
    }
}

static void
test_lookup (void)
{
  static const char * const invalid[] = {
    "", "a1", "A0", "A5", "C6", "J", "J1", "A1 ", " A1", "A11", "AA", "G4", "TA10", NULL
  };
  g_auto(GStrv) subcodes = NULL;

  g_assert_cmpuint (wb_taxonomy_get_n_codes (), ==, 9 + 35);

  g_assert_true (wb_taxonomy_is_valid_code ("A"));
  g_assert_true (wb_taxonomy_is_valid_code ("A4"));
  g_assert_true (wb_taxonomy_is_valid_code ("I4"));
  g_assert_false (wb_taxonomy_is_valid_code (NULL));
  for (guint i = 0; invalid[i] != NULL; i++)
    {
      g_assert_false (wb_taxonomy_is_valid_code (invalid[i]));
      g_assert_null (wb_taxonomy_get_category (invalid[i]));
      g_assert_null (wb_taxonomy_get_label (invalid[i]));
      g_assert_cmpint (wb_taxonomy_get_index (invalid[i]), ==, -1);
    }

  g_assert_true (wb_taxonomy_is_category ("E"));
  g_assert_false (wb_taxonomy_is_category ("E2"));
  g_assert_false (wb_taxonomy_is_category ("Q"));
  g_assert_cmpstr (wb_taxonomy_get_category ("E2"), ==, "E");
  g_assert_cmpstr (wb_taxonomy_get_category ("E"), ==, "E");
  g_assert_cmpstr (wb_taxonomy_get_category ("I4"), ==, "I");

  subcodes = wb_taxonomy_dup_subcodes ("C");
  g_assert_cmpstrv (subcodes, ((const char * const []) { "C1", "C2", "C3", "C4", "C5", NULL }));
  g_assert_null (wb_taxonomy_dup_subcodes ("C1"));
  g_assert_null (wb_taxonomy_dup_subcodes ("Z"));

  /* Untranslated in this process: the label is the English msgid. */
  g_assert_cmpstr (wb_taxonomy_get_label ("D2"), ==, "Denunciation apps and channels");
  g_assert_cmpstr (wb_taxonomy_get_label_nl ("D2"), ==, "Verklik-apps en meldkanalen");
}

static void
test_iteration_order (void)
{
  const char *category = NULL;
  guint n_categories = 0;

  for (guint i = 0; i < wb_taxonomy_get_n_codes (); i++)
    {
      const char *code = wb_taxonomy_get_code (i);

      g_assert_cmpint (wb_taxonomy_get_index (code), ==, i);
      if (wb_taxonomy_is_category (code))
        {
          category = code;
          n_categories++;
        }
      else
        g_assert_cmpstr (wb_taxonomy_get_category (code), ==, category);

      if (i > 0)
        {
          g_assert_cmpint (wb_taxonomy_compare_codes (wb_taxonomy_get_code (i - 1), code), <, 0);
          g_assert_cmpint (wb_taxonomy_compare_codes (code, wb_taxonomy_get_code (i - 1)), >, 0);
        }
      g_assert_cmpint (wb_taxonomy_compare_codes (code, code), ==, 0);
      g_assert_cmpint (wb_taxonomy_compare_codes (code, "Z9"), <, 0);
    }

  g_assert_cmpuint (n_categories, ==, 9);
}

static void
test_disarm (void)
{
  static const char * const valid[] = { "TA01", "TA03", "TA10", "TA18", NULL };
  static const char * const out_of_range[] = { "TA00", "TA19", "TA99", NULL };
  static const char * const not_disarm[] = { "TA1", "ta01", "TA001", "TB01", "TA0x", "", NULL };

  for (guint i = 0; valid[i] != NULL; i++)
    {
      g_assert_true (wb_taxonomy_looks_like_disarm (valid[i]));
      g_assert_true (wb_taxonomy_is_disarm_tactic (valid[i]));
    }
  for (guint i = 0; out_of_range[i] != NULL; i++)
    {
      g_assert_true (wb_taxonomy_looks_like_disarm (out_of_range[i]));
      g_assert_false (wb_taxonomy_is_disarm_tactic (out_of_range[i]));
    }
  for (guint i = 0; not_disarm[i] != NULL; i++)
    {
      g_assert_false (wb_taxonomy_looks_like_disarm (not_disarm[i]));
      g_assert_false (wb_taxonomy_is_disarm_tactic (not_disarm[i]));
    }
  g_assert_false (wb_taxonomy_is_disarm_tactic (NULL));
}

/* Every vocabulary: nick ⇄ value round-trips, every value has a label,
 * unknown nicks are refused. */
static void
test_enum_strings (void)
{
  GType types[] = {
    WB_TYPE_PRECISION, WB_TYPE_CHANNEL, WB_TYPE_SOURCE_TYPE, WB_TYPE_RELIABILITY,
    WB_TYPE_CREDIBILITY, WB_TYPE_TLP, WB_TYPE_ATTRIBUTION, WB_TYPE_CONFIDENCE,
    WB_TYPE_COMMUNITY_CONTEXT, WB_TYPE_PERSON_ROLE, WB_TYPE_AANGIFTE,
    WB_TYPE_ACTOR_KIND, WB_TYPE_DECISION_KIND, WB_TYPE_RESILIENCE_KIND,
  };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autofree char *list = wb_enum_dup_nick_list (types[t]);
      g_auto(GStrv) nicks = g_strsplit (list, ", ", -1);
      int value;

      g_assert_cmpuint (g_strv_length (nicks), >=, 2);
      for (guint i = 0; nicks[i] != NULL; i++)
        {
          g_assert_true (wb_enum_from_nick (types[t], nicks[i], &value));
          g_assert_cmpstr (wb_enum_to_nick (types[t], value), ==, nicks[i]);
          g_assert_nonnull (wb_enum_get_label (types[t], value));
        }

      g_assert_false (wb_enum_from_nick (types[t], "no-such-value", &value));
      g_assert_false (wb_enum_from_nick (types[t], NULL, &value));
      g_assert_null (wb_enum_to_nick (types[t], 4242));
      g_assert_null (wb_enum_get_label (types[t], 4242));
    }

  /* The JSON spellings are part of the format. */
  g_assert_cmpstr (wb_enum_to_nick (WB_TYPE_TLP, WB_TLP_AMBER_STRICT), ==, "AMBER+STRICT");
  g_assert_cmpstr (wb_enum_to_nick (WB_TYPE_CHANNEL, WB_CHANNEL_ONLINE_PLATFORM), ==, "online-platform");
  g_assert_cmpstr (wb_enum_to_nick (WB_TYPE_CREDIBILITY, WB_CREDIBILITY_6), ==, "6");
  g_assert_cmpstr (wb_enum_to_nick (WB_TYPE_DECISION_KIND, WB_DECISION_DEESCALATE), ==, "de-escalate");
  g_assert_false (wb_enum_from_nick (WB_TYPE_TLP, "amber", NULL));
  g_assert_cmpstr (wb_enum_get_label (WB_TYPE_TLP, WB_TLP_RED), ==, "TLP:RED");

  for (int tlp = WB_TLP_CLEAR; tlp <= WB_TLP_RED; tlp++)
    g_assert_nonnull (wb_tlp_get_description (tlp));
}

static const char *
po_dir (void)
{
  static char *dir = NULL;

  if (dir == NULL)
    dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  return dir;
}

/* With LANGUAGE=nl the UI shows exactly DOMAIN.md's Dutch labels, and the
 * vocabularies and errors are Dutch.  Runs in a child process: gettext
 * decides once per process. */
static void
test_translations_nl (void)
{
  g_autofree char *mo = g_build_filename (po_dir (), "nl", "LC_MESSAGES", "weerbaar.mo", NULL);

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("weerbaar.mo not built");
      return;
    }

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WbSignal) signal = NULL;

      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, po_dir ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

      for (guint i = 0; i < wb_taxonomy_get_n_codes (); i++)
        {
          const char *code = wb_taxonomy_get_code (i);

          g_assert_cmpstr (wb_taxonomy_get_label (code), ==, wb_taxonomy_get_label_nl (code));
        }

      g_assert_cmpstr (wb_enum_get_label (WB_TYPE_CHANNEL, WB_CHANNEL_OTHER), ==, "Anders");
      g_assert_cmpstr (wb_enum_get_label (WB_TYPE_AANGIFTE, WB_AANGIFTE_YES), ==, "Ja");
      g_assert_cmpstr (wb_enum_get_label (WB_TYPE_TLP, WB_TLP_AMBER_STRICT), ==, "TLP:AMBER+STRICT");
      for (int level = 1; level <= 7; level++)
        g_assert_cmpstr (wb_ladder_level_get_name (level), ==, wb_ladder_level_get_name_nl (level));

      signal = wb_signal_new_from_json ("{\"uuid\": \"6f1c2f7e-2a4b-4c1d-9e8f-0a1b2c3d4e5f\"}", -1,
                                        WB_SIGNAL_JSON_NONE, &error);
      g_assert_null (signal);
      g_assert_error (error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD);
      g_assert_cmpstr (error->message, ==, "Veld ‘revision’ is verplicht");
      return;
    }

  g_setenv ("LANGUAGE", "nl", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LC_ALL");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/taxonomy/matches-domain-md", test_matches_domain_md);
  g_test_add_func ("/taxonomy/lookup", test_lookup);
  g_test_add_func ("/taxonomy/iteration-order", test_iteration_order);
  g_test_add_func ("/taxonomy/disarm", test_disarm);
  g_test_add_func ("/taxonomy/enum-strings", test_enum_strings);
  g_test_add_func ("/taxonomy/translations-nl", test_translations_nl);

  return g_test_run ();
}
