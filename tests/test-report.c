/* test-report.c — CSV and PDF reports: aggregates only, small counts hidden, Dutch
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs with LANGUAGE=nl (tests/meson.build): the PDF must come out Dutch.
 */

#include "records-common.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#define SECRET_SUMMARY   "Geheimzinnige samenvatting Q7X"
#define SECRET_PSEUDONYM "PSEUDO-Q7X"
#define SECRET_HANDLE    "@handle_q7x"

/* Utrecht 12 (A), Zwolle 3 (B: small), Arnhem 6 (A and G), in two months;
 * every signal carries a summary, a pseudonym and a handle that no report
 * may contain. */
static WbStore *
seeded_store (void)
{
  WbStore *store = records_new_store ();
  const char *extra = ", \"persons\": [{\"pseudonym\": \"" SECRET_PSEUDONYM "\", \"role\": \"target\"}],"
                      " \"handles\": [\"" SECRET_HANDLE "\"]";

  for (int i = 0; i < 12; i++)
    g_object_unref (records_add (store, SECRET_SUMMARY, "[\"A1\"]", "Utrecht",
                                 i < 6 ? "2025-01-10" : "2025-02-10", extra));
  for (int i = 0; i < 3; i++)
    g_object_unref (records_add (store, SECRET_SUMMARY, "[\"B2\"]", "Zwolle", "2025-02-11", extra));
  for (int i = 0; i < 6; i++)
    g_object_unref (records_add (store, SECRET_SUMMARY, "[\"A2\", \"G1\"]", "Arnhem", "2025-01-12", extra));
  return store;
}

static void
assert_no_secrets (const char *text)
{
  g_assert_null (strstr (text, "Q7X"));
  g_assert_null (strstr (text, "q7x"));
  g_assert_null (strstr (text, SECRET_SUMMARY));
}

/* A count as published: 0, ≥ 5, "<5" or "x" — nothing else. */
static void
assert_published_count (const char *field)
{
  guint64 n = 0;

  if (strcmp (field, "<5") == 0 || strcmp (field, "x") == 0)
    return;
  g_assert_true (g_ascii_string_to_unsigned (field, 10, 0, G_MAXINT64, &n, NULL));
  g_assert_true (n == 0 || n >= 5);
}

/* A strict RFC 4180 reader: CRLF records, quoted fields, doubled quotes. */
static GPtrArray *
parse_csv (const char *data,
           gsize       length)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  gsize i = 0;

  g_assert_true (g_utf8_validate (data, length, NULL));
  while (i < length)
    {
      if (data[i] == '"')
        {
          i++;
          for (;;)
            {
              g_assert_cmpuint (i, <, length);
              if (data[i] == '"' && i + 1 < length && data[i + 1] == '"')
                {
                  g_string_append_c (field, '"');
                  i += 2;
                }
              else if (data[i] == '"')
                {
                  i++;
                  break;
                }
              else
                g_string_append_c (field, data[i++]);
            }
        }
      else
        while (i < length && data[i] != ',' && data[i] != '\r')
          {
            g_assert_cmpint (data[i], !=, '"');
            g_assert_cmpint (data[i], !=, '\n');
            g_string_append_c (field, data[i++]);
          }

      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);
      g_assert_cmpuint (i, <, length);
      if (data[i] == ',')
        i++;
      else
        {
          g_assert_cmpint (data[i], ==, '\r');
          g_assert_cmpint (data[i + 1], ==, '\n');
          i += 2;
          g_ptr_array_add (row, NULL);
          g_ptr_array_add (rows, g_ptr_array_steal (row, NULL));
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }
  return rows;
}

static const char *
find_count (GPtrArray  *rows,
            const char *table,
            guint       key_column,
            const char *key)
{
  for (guint i = 1; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      if (strcmp (row[0], table) == 0 && (key == NULL || strcmp (row[key_column], key) == 0))
        return row[6];
    }
  g_error ("no row %s %s", table, key);
  return NULL;
}

static void
test_csv (void)
{
  g_autoptr(WbStore) store = seeded_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WbAggregate) agg = wb_store_dup_aggregate (store, NULL, &error);
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  g_autofree char *python3 = g_find_program_in_path ("python3");
  gsize length;
  const char *data;

  g_assert_no_error (error);
  csv = wb_report_render_csv (agg, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (csv, &length);
  text = g_strndup (data, length);
  assert_no_secrets (text);

  rows = parse_csv (data, length);
  g_assert_cmpstrv (g_ptr_array_index (rows, 0),
                    ((const char * const[]) { "table", "month", "category", "level", "municipality",
                                              "label", "count", NULL }));
  for (guint i = 1; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      g_assert_cmpuint (g_strv_length (row), ==, 7);
      assert_published_count (row[6]);
    }

  g_assert_cmpstr (find_count (rows, "total", 0, NULL), ==, "21");
  g_assert_cmpstr (find_count (rows, "municipality", 4, "Utrecht"), ==, "12");
  g_assert_cmpstr (find_count (rows, "municipality", 4, "Zwolle"), ==, "<5");
  /* 21 − 12 − 6 would give Zwolle's 3 away. */
  g_assert_cmpstr (find_count (rows, "municipality", 4, "Arnhem"), ==, "x");
  g_assert_cmpstr (find_count (rows, "category", 2, "A"), ==, "18");
  g_assert_cmpstr (find_count (rows, "category", 2, "B"), ==, "<5");
  g_assert_cmpstr (find_count (rows, "level", 3, "1"), ==, "21");

  /* And a standard tool reads it the same way. */
  if (python3 != NULL)
    {
      g_autofree char *expected = g_strdup_printf ("%u <5", rows->len - 1);
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), "report.csv", NULL);
      g_autofree char *out = NULL;
      const char *argv[] = {
        "python3", "-c",
        "import csv,sys\n"
        "rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8'), strict=True))\n"
        "print(len(rows), [r['count'] for r in rows if r['municipality'] == 'Zwolle'][0])\n",
        path, NULL
      };
      int status = -1;

      g_assert_true (g_file_set_contents (path, data, length, &error));
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_cmpstr (g_strstrip (out), ==, expected);
    }
}

static void
test_csv_quoting (void)
{
  WbAggregateBuilder *b = wb_aggregate_builder_new (NULL);
  g_autoptr(WbAggregate) agg = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;
  gboolean seen_comma = FALSE, seen_formula = FALSE;

  for (int i = 0; i < 5; i++)
    {
      wb_aggregate_builder_add (b, "2025-01-01", 1, "Noord, \"Oost\"", 1);
      wb_aggregate_builder_add (b, "2025-01-01", 1, "=HYPERLINK(\"x\")", 1);
    }
  agg = wb_aggregate_builder_finish (b);
  csv = wb_report_render_csv (agg, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (csv, &length);
  rows = parse_csv (data, length);
  for (guint i = 1; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      seen_comma |= g_strcmp0 (row[4], "Noord, \"Oost\"") == 0;
      /* A spreadsheet must not take a name for a formula. */
      seen_formula |= g_strcmp0 (row[4], "'=HYPERLINK(\"x\")") == 0;
      g_assert_false (row[4][0] == '=');
    }
  g_assert_true (seen_comma);
  g_assert_true (seen_formula);
}

static char *
run_capture (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_pdf (void)
{
  g_autoptr(WbStore) store = seeded_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 3, 14, 9, 0, 0);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "report.pdf", NULL);
  g_autofree char *png_base = g_build_filename (g_get_user_data_dir (), "page", NULL);
  g_autofree char *png = g_strconcat (png_base, "-1.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *header = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  WbAggregateQuery q = { "2025-01", "2025-02" };
  GStatBuf st;

  if (pdftotext == NULL || pdftoppm == NULL)
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }

  g_assert_true (wb_report_write (store, &q, WB_REPORT_FORMAT_PDF, path, when, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &header, NULL, NULL));
  g_assert_true (g_str_has_prefix (header, "%PDF-"));

  /* It renders … */
  g_free (run_capture ((const char * const[]) { "pdftoppm", "-r", "20", "-f", "1", "-l", "1", "-png",
                                                path, png_base, NULL }));
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));

  /* … its text is Dutch, the small count is hidden, and nothing about a
   * signal but counts is in it. */
  text = run_capture ((const char * const[]) { "pdftotext", "-enc", "UTF-8", path, "-", NULL });
  g_assert_nonnull (strstr (text, "Rapportage"));
  g_assert_nonnull (strstr (text, "Periode: 2025-01 t/m 2025-02"));
  g_assert_nonnull (strstr (text, "2026-03-14"));
  g_assert_nonnull (strstr (text, "Signalen per categorie"));
  g_assert_nonnull (strstr (text, "Signalen per gemeente"));
  g_assert_nonnull (strstr (text, "Bedreiging en geweld"));
  g_assert_nonnull (strstr (text, "<5"));
  g_assert_null (strstr (text, "Signals per"));
  assert_no_secrets (text);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 n;

      /* Table cells come out one per line: every bare number is a count. */
      if (g_ascii_string_to_unsigned (g_strstrip (lines[i]), 10, 0, G_MAXINT64, &n, NULL))
        g_assert_true (n == 0 || n >= 5);
    }
}

static void
test_pdf_empty (void)
{
  g_autoptr(WbAggregate) agg = wb_aggregate_builder_finish (wb_aggregate_builder_new (NULL));
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 3, 14, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = wb_report_render_pdf (agg, when, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpuint (g_bytes_get_size (pdf), >, 1000);
}

static void
test_write_errors (void)
{
  g_autoptr(WbStore) store = records_new_store ();
  g_autoptr(GError) error = NULL;
  WbAggregateQuery bad = { "2025-13", NULL };
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "none.csv", NULL);
  WbReportFormat format;

  g_assert_false (wb_report_write (store, &bad, WB_REPORT_FORMAT_CSV, path, NULL, &error));
  g_assert_error (error, WB_STATS_ERROR, WB_STATS_ERROR_INVALID_PERIOD);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (wb_report_write (store, NULL, WB_REPORT_FORMAT_CSV, "/nonexistent/dir/r.csv", NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  g_assert_true (wb_report_format_from_nick ("pdf", &format));
  g_assert_cmpint (format, ==, WB_REPORT_FORMAT_PDF);
  g_assert_false (wb_report_format_from_nick ("docx", &format));
}

int
main (int   argc,
      char *argv[])
{
  const char *builddir = g_getenv ("WB_BUILD_ROOT");
  g_autofree char *podir = g_build_filename (builddir ? builddir : ".", "po", NULL);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, podir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report/csv", test_csv);
  g_test_add_func ("/report/csv-quoting", test_csv_quoting);
  g_test_add_func ("/report/pdf", test_pdf);
  g_test_add_func ("/report/pdf-empty", test_pdf_empty);
  g_test_add_func ("/report/write-errors", test_write_errors);

  return g_test_run ();
}
