/* wb-cli-report.c — weerbaar-cli report: CSV and PDF reports of aggregates
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "weerbaar-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-cli-records.h"

/* report --format pdf|csv -o FILE [--from YYYY-MM] [--to YYYY-MM]
 * (issue #7).  `stats --json` is in wb-cli-signals.c. */
int
wb_cli_verb_report (WbCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autofree char *format_nick = NULL;
  g_autofree char *output = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  WbAggregateQuery query = { NULL, NULL };
  WbReportFormat format;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_nick, N_("Report format: pdf or csv"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the report to FILE"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First month of the period"), N_("YYYY-MM") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last month of the period"), N_("YYYY-MM") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc > 1)
    return wb_cli_usage_error (_("Too many arguments for report"));
  if (format_nick == NULL || !wb_report_format_from_nick (format_nick, &format))
    return wb_cli_usage_error (_("Give --format pdf or --format csv"));
  if (output == NULL)
    return wb_cli_usage_error (_("Give the file to write with -o FILE"));

  query.from_month = from;
  query.to_month = to;
  if (!wb_aggregate_query_validate (&query, &error))
    return wb_cli_usage_error (error->message);

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  if (!wb_report_write (wb_vault_get_store (vault), &query, format, output, NULL, &error))
    {
      wb_vault_lock (vault);
      return wb_cli_records_fail (error);
    }

  wb_vault_lock (vault);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "written");
      json_builder_add_string_value (builder, output);
      json_builder_end_object (builder);
      wb_cli_print_json (builder);
    }
  return WB_CLI_EXIT_OK;
}
