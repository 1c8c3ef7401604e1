/* wb-cli-signals.c — weerbaar-cli add, list, show, search, edit, stats
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "wb-cli-records.h"

/* A signal document is small; this only stops a runaway pipe. */
#define MAX_DOCUMENT_BYTES (16 * 1024 * 1024)

/* ---- shared helpers ---------------------------------------------------- */

int
wb_cli_records_fail (const GError *error)
{
  int status;

  if (error->domain == WB_SIGNAL_ERROR || error->domain == WB_LADDER_ERROR ||
      error->domain == WB_SEARCH_ERROR)
    status = WB_CLI_EXIT_INVALID;
  else if (error->domain == WB_AUDIT_ERROR)
    status = WB_CLI_EXIT_AUDIT_BROKEN;
  else if (error->domain == WB_RECORDS_ERROR)
    switch ((WbRecordsError) error->code)
      {
      case WB_RECORDS_ERROR_NOT_FOUND:
        status = WB_CLI_EXIT_NOT_FOUND;
        break;
      case WB_RECORDS_ERROR_EXISTS:
      case WB_RECORDS_ERROR_LEGAL_HOLD:
        status = WB_CLI_EXIT_REFUSED;
        break;
      case WB_RECORDS_ERROR_CONFLICT:
        status = WB_CLI_EXIT_CONFLICT;
        break;
      case WB_RECORDS_ERROR_INVALID:
      case WB_RECORDS_ERROR_READ_ONLY:
      default:
        status = WB_CLI_EXIT_INVALID;
        break;
      }
  else
    return wb_cli_fail (error);

  g_printerr ("weerbaar-cli: %s\n", error->message);
  return status;
}

char *
wb_cli_read_document (const char  *path,
                      GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[8192];
  size_t n;

  if (path != NULL && !g_str_equal (path, "-"))
    {
      g_autoptr(GError) local_error = NULL;
      char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, &local_error))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, local_error->message);
          return NULL;
        }
      if (len > MAX_DOCUMENT_BYTES)
        {
          g_free (contents);
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s is too large for a signal document"), path);
          return NULL;
        }
      return contents;
    }

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    {
      g_string_append_len (text, buffer, n);
      if (text->len > MAX_DOCUMENT_BYTES)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("The standard input is too large for a signal document"));
          return NULL;
        }
    }
  if (ferror (stdin))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read the standard input"));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
wb_cli_filter_add_entries (WbCliFilter *options,
                           GArray      *entries)
{
  GOptionEntry filter_entries[] = {
    { "category", 0, 0, G_OPTION_ARG_STRING, &options->category,
      N_("Only signals with this category code (A matches A1–A4 too)"), N_("CODE") },
    { "level", 0, 0, G_OPTION_ARG_INT, &options->level,
      N_("Only signals at this level (1–7)"), N_("N") },
    { "tlp", 0, 0, G_OPTION_ARG_STRING, &options->tlp,
      N_("Only signals with this TLP label"), N_("LABEL") },
    { "municipality", 0, 0, G_OPTION_ARG_STRING, &options->municipality,
      N_("Only signals from this municipality"), N_("NAME") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &options->from,
      N_("Only signals that occurred on or after this date"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &options->to,
      N_("Only signals that occurred on or before this date"), N_("YYYY-MM-DD") },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &options->overdue,
      N_("Only signals whose review date has passed"), NULL },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &options->sort,
      N_("Order: ladder (default), occurred, updated or review"), N_("ORDER") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &options->limit,
      N_("Show at most N signals"), N_("N") },
  };

  options->level = WB_RECORDS_ANY;
  g_array_append_vals (entries, filter_entries, G_N_ELEMENTS (filter_entries));
}

gboolean
wb_cli_filter_resolve (WbCliFilter      *options,
                       WbRecordsFilter  *filter,
                       GError          **error)
{
  wb_records_filter_init (filter);
  filter->category = options->category;
  filter->level = options->level;
  filter->municipality = options->municipality;
  filter->occurred_from = options->from;
  filter->occurred_to = options->to;
  filter->overdue = options->overdue;
  filter->today = options->today;

  if (options->tlp != NULL)
    {
      int tlp;

      if (!wb_enum_from_nick (WB_TYPE_TLP, options->tlp, &tlp))
        {
          g_autofree char *allowed = wb_enum_dup_nick_list (WB_TYPE_TLP);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown TLP label (use one of: %s)"), allowed);
          return FALSE;
        }
      filter->tlp = tlp;
    }

  if (options->sort == NULL || g_str_equal (options->sort, "ladder"))
    filter->sort = WB_RECORDS_SORT_LADDER;
  else if (g_str_equal (options->sort, "occurred"))
    filter->sort = WB_RECORDS_SORT_OCCURRED;
  else if (g_str_equal (options->sort, "updated"))
    filter->sort = WB_RECORDS_SORT_UPDATED;
  else if (g_str_equal (options->sort, "review"))
    filter->sort = WB_RECORDS_SORT_REVIEW;
  else
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Unknown order (use ladder, occurred, updated or review)"));
      return FALSE;
    }

  if (options->limit < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The limit cannot be negative"));
      return FALSE;
    }
  filter->limit = options->limit;
  return TRUE;
}

void
wb_cli_filter_clear (WbCliFilter *options)
{
  g_clear_pointer (&options->category, g_free);
  g_clear_pointer (&options->tlp, g_free);
  g_clear_pointer (&options->municipality, g_free);
  g_clear_pointer (&options->from, g_free);
  g_clear_pointer (&options->to, g_free);
  g_clear_pointer (&options->today, g_free);
  g_clear_pointer (&options->sort, g_free);
}

static void
print_node (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
wb_cli_print_signal_json (WbSignal *signal)
{
  g_autoptr(JsonNode) node = wb_signal_to_json_node (signal);

  print_node (node);
}

/* One line: control characters in free text must not forge lines. */
static char *
one_line (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  for (char *p = copy; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return copy;
}

void
wb_cli_print_signals (WbCli     *cli,
                      GPtrArray *signals)
{
  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (signals->len);

      for (guint i = 0; i < signals->len; i++)
        json_array_add_element (array, wb_signal_to_json_node (g_ptr_array_index (signals, i)));
      json_node_take_array (root, array);
      print_node (root);
      return;
    }

  for (guint i = 0; i < signals->len; i++)
    {
      WbSignal *s = g_ptr_array_index (signals, i);
      g_autofree char *summary = one_line (wb_signal_get_summary (s));
      g_autofree char *municipality = one_line (wb_signal_get_municipality (s));
      g_autofree char *codes = g_strjoinv (",", (char **) wb_signal_get_categories (s));

      g_print ("%s  %d  %s  %-12s  %-12s  %-8s  %s\n",
               wb_signal_get_uuid (s), wb_signal_get_level (s), wb_signal_get_occurred_on (s),
               wb_enum_to_nick (WB_TYPE_TLP, wb_signal_get_tlp (s)), municipality, codes, summary);
    }
}

static int
usage_extra_arguments (const char *verb)
{
  g_autofree char *message = g_strdup_printf (_("Too many arguments for %s"), verb);

  return wb_cli_usage_error (message);
}

/* ---- add --------------------------------------------------------------- */

int
wb_cli_verb_add (WbCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autofree char *organisation = NULL;
  g_autofree char *role = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(WbSignal) signal = NULL;
  GOptionEntry entries[] = {
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation,
      N_("Recording organisation (default: the vault's setting)"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("Recording role, never a person's name (default: the vault's setting)"), N_("ROLE") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, _("[FILE]"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc > 2)
    return usage_extra_arguments ("add");

  /* Parse before unlocking: bad input never opens the vault. */
  text = wb_cli_read_document (argc == 2 ? argv[1] : NULL, &error);
  if (text == NULL)
    return wb_cli_records_fail (error);
  signal = wb_signal_new_from_json (text, -1, WB_SIGNAL_JSON_ALLOW_NEW, &error);
  if (signal == NULL)
    return wb_cli_records_fail (error);
  if (organisation != NULL)
    wb_signal_set_organisation (signal, organisation);
  if (role != NULL)
    wb_signal_set_role (signal, role);

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  if (wb_signal_get_organisation (signal) == NULL || wb_signal_get_role (signal) == NULL)
    {
      g_autofree char *org_setting = wb_store_dup_setting (wb_vault_get_store (vault), WB_RECORDS_SETTING_ORGANISATION);
      g_autofree char *role_setting = wb_store_dup_setting (wb_vault_get_store (vault), WB_RECORDS_SETTING_ROLE);

      if ((wb_signal_get_organisation (signal) == NULL && org_setting == NULL) ||
          (wb_signal_get_role (signal) == NULL && role_setting == NULL))
        {
          g_set_error_literal (&error, WB_SIGNAL_ERROR, WB_SIGNAL_ERROR_MISSING_FIELD,
                               _("The vault has no recording organisation and role yet: set them in Preferences, or give --organisation and --role"));
          return wb_cli_records_fail (error);
        }
    }

  if (!wb_records_add_signal (wb_vault_get_store (vault), signal, &error))
    return wb_cli_records_fail (error);

  if (cli->json)
    wb_cli_print_signal_json (signal);
  else
    g_print ("%s\n", wb_signal_get_uuid (signal));

  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

/* ---- list and search --------------------------------------------------- */

static int
list_or_search (WbCli       *cli,
                int          argc,
                char       **argv,
                gboolean     search)
{
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GPtrArray) signals = NULL;
  g_autofree char *text = NULL;
  WbRecordsFilter filter;
  WbCliFilter options = { 0 };
  int status = WB_CLI_EXIT_OK;

  wb_cli_filter_add_entries (&options, entries);
  if (!wb_cli_parse (cli, (GOptionEntry *) entries->data, search ? _("TEXT") : NULL, &argc, &argv))
    {
      wb_cli_filter_clear (&options);
      return WB_CLI_EXIT_USAGE;
    }

  if (search && argc < 2)
    status = wb_cli_usage_error (_("search needs the text to look for"));
  else if (!search && argc > 1)
    status = usage_extra_arguments ("list");
  else if (!wb_cli_filter_resolve (&options, &filter, &error))
    status = wb_cli_fail (error);
  if (status != WB_CLI_EXIT_OK)
    {
      wb_cli_filter_clear (&options);
      return status;
    }

  /* Several arguments are one text: `search geld stichting`. */
  if (search)
    text = g_strjoinv (" ", argv + 1);

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    status = wb_cli_fail (error);
  else
    {
      if (search)
        signals = wb_records_search (wb_vault_get_store (vault), text, &filter, &error);
      else
        signals = wb_records_list_signals (wb_vault_get_store (vault), &filter, &error);

      if (signals == NULL)
        status = wb_cli_records_fail (error);
      else
        wb_cli_print_signals (cli, signals);
      wb_vault_lock (vault);
    }

  wb_cli_filter_clear (&options);
  return status;
}

int
wb_cli_verb_list (WbCli  *cli,
                  int     argc,
                  char  **argv)
{
  return list_or_search (cli, argc, argv, FALSE);
}

int
wb_cli_verb_search (WbCli  *cli,
                    int     argc,
                    char  **argv)
{
  return list_or_search (cli, argc, argv, TRUE);
}

/* ---- show -------------------------------------------------------------- */

static void
print_decisions (GPtrArray *decisions)
{
  for (guint i = 0; i < decisions->len; i++)
    {
      WbDecision *d = g_ptr_array_index (decisions, i);
      g_autofree char *date = wb_date_format_iso (&d->date);
      g_autofree char *role = one_line (d->deciding_role);

      g_print ("  %s  %s  %d → %d  %s\n", date,
               wb_enum_to_nick (WB_TYPE_DECISION_KIND, d->kind), d->from_level, d->to_level, role);
    }
}

int
wb_cli_verb_show (WbCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(WbSignal) signal = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GPtrArray) links = NULL;
  gboolean history = FALSE;
  WbStore *store;
  GOptionEntry entries[] = {
    { "history", 0, 0, G_OPTION_ARG_NONE, &history,
      N_("Show every revision, oldest first"), NULL },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, _("UUID"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc != 2)
    return wb_cli_usage_error (_("show needs one signal UUID"));

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);
  store = wb_vault_get_store (vault);

  signal = wb_records_get_signal (store, argv[1], &error);
  if (signal == NULL)
    return wb_cli_records_fail (error);

  if (history)
    {
      revisions = wb_records_list_revisions (store, argv[1], &error);
      if (revisions == NULL)
        return wb_cli_records_fail (error);

      if (cli->json)
        wb_cli_print_signals (cli, revisions);
      else
        for (guint i = 0; i < revisions->len; i++)
          {
            WbSignal *r = g_ptr_array_index (revisions, i);
            g_autofree char *updated = g_date_time_format (wb_signal_get_updated_at (r), "%Y-%m-%dT%H:%M:%SZ");
            g_autofree char *hash = wb_signal_dup_canonical_hash (r);
            g_autofree char *summary = one_line (wb_signal_get_summary (r));

            g_print ("%u  %s  %d  %s  %s\n", wb_signal_get_revision (r), updated,
                     wb_signal_get_level (r), hash, summary);
          }
      wb_vault_lock (vault);
      return WB_CLI_EXIT_OK;
    }

  if (cli->json)
    {
      wb_cli_print_signal_json (signal);
      wb_vault_lock (vault);
      return WB_CLI_EXIT_OK;
    }

  decisions = wb_records_list_decisions (store, argv[1], &error);
  links = decisions != NULL ? wb_records_list_links (store, argv[1], &error) : NULL;
  if (links == NULL)
    return wb_cli_records_fail (error);

  {
    g_autofree char *text = wb_signal_to_json (signal, TRUE);

    g_print ("%s\n", text);
  }
  if (decisions->len > 0)
    {
      g_print ("\n%s\n", _("Decisions:"));
      print_decisions (decisions);
    }
  if (links->len > 0)
    {
      g_print ("\n%s\n", _("Links:"));
      for (guint i = 0; i < links->len; i++)
        {
          WbLink *link = g_ptr_array_index (links, i);
          const char *other = g_str_equal (link->a, wb_signal_get_uuid (signal)) ? link->b : link->a;

          g_print ("  %s  %s\n", wb_link_type_to_nick (link->type), other);
        }
    }

  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

/* ---- edit -------------------------------------------------------------- */

int
wb_cli_verb_edit (WbCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autofree char *file = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(WbSignal) signal = NULL;
  GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("Read the change (a JSON merge patch or a full document) from FILE instead of standard input"),
      N_("FILE") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, _("UUID"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc != 2)
    return wb_cli_usage_error (_("edit needs one signal UUID"));

  text = wb_cli_read_document (file, &error);
  if (text == NULL)
    return wb_cli_records_fail (error);

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  signal = wb_records_edit_signal_json (wb_vault_get_store (vault), argv[1], text, &error);
  if (signal == NULL)
    return wb_cli_records_fail (error);

  if (cli->json)
    wb_cli_print_signal_json (signal);
  else
    g_print (_("Saved revision %u of %s\n"), wb_signal_get_revision (signal), wb_signal_get_uuid (signal));

  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

/* ---- stats ------------------------------------------------------------- */

static void
add_counts (JsonBuilder *builder,
            const char  *member,
            GPtrArray   *counts)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  for (guint i = 0; i < counts->len; i++)
    {
      WbCount *c = g_ptr_array_index (counts, i);

      json_builder_set_member_name (builder, c->key);
      json_builder_add_int_value (builder, c->count);
    }
  json_builder_end_object (builder);
}

static void
print_counts (const char *heading,
              GPtrArray  *counts)
{
  g_print ("\n%s\n", heading);
  for (guint i = 0; i < counts->len; i++)
    {
      WbCount *c = g_ptr_array_index (counts, i);
      g_autofree char *key = one_line (c->key);

      g_print ("  %-28s %8" G_GINT64_FORMAT "\n", key, c->count);
    }
}

int
wb_cli_verb_stats (WbCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(WbStats) stats = NULL;

  if (!wb_cli_parse (cli, NULL, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc > 1)
    return usage_extra_arguments ("stats");

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  stats = wb_records_dup_stats (wb_vault_get_store (vault), &error);
  if (stats == NULL)
    return wb_cli_records_fail (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, stats->total);
      add_counts (builder, "by_category", stats->by_category);
      add_counts (builder, "by_level", stats->by_level);
      add_counts (builder, "by_tlp", stats->by_tlp);
      add_counts (builder, "by_municipality", stats->by_municipality);
      json_builder_end_object (builder);
      wb_cli_print_json (builder);
    }
  else
    {
      g_print (_("Signals: %lld\n"), (long long) stats->total);
      print_counts (_("By category:"), stats->by_category);
      print_counts (_("By level:"), stats->by_level);
      print_counts (_("By TLP:"), stats->by_tlp);
      print_counts (_("By municipality:"), stats->by_municipality);
    }

  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}
