/* wb-cli-retention.c — weerbaar-cli retention overdue/hold/purge, audit verify
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-cli-records.h"

int
wb_cli_verb_retention_overdue (WbCli  *cli,
                               int     argc,
                               char  **argv)
{
  g_autofree char *today = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GPtrArray) signals = NULL;
  GOptionEntry entries[] = {
    { "today", 0, 0, G_OPTION_ARG_STRING, &today,
      N_("Count as overdue what is overdue on this date (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc > 1)
    return wb_cli_usage_error (_("retention overdue takes no arguments"));

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  signals = wb_records_list_overdue (wb_vault_get_store (vault), today, &error);
  if (signals == NULL)
    return wb_cli_records_fail (error);

  wb_cli_print_signals (cli, signals);
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_retention_hold (WbCli  *cli,
                            int     argc,
                            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  gboolean off = FALSE;
  GOptionEntry entries[] = {
    { "off", 0, 0, G_OPTION_ARG_NONE, &off,
      N_("Lift the legal hold instead of setting it"), NULL },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, _("UUID"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc != 2)
    return wb_cli_usage_error (_("retention hold needs one signal UUID"));

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  if (!wb_records_set_legal_hold (wb_vault_get_store (vault), argv[1], !off, &error))
    return wb_cli_records_fail (error);

  if (!cli->json)
    g_print ("%s\n", off ? _("The legal hold is lifted") : _("The signal is under legal hold"));
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_retention_purge (WbCli  *cli,
                             int     argc,
                             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("Confirm: delete the signal and all that belongs to it for good"), NULL },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, _("UUID"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc != 2)
    return wb_cli_usage_error (_("retention purge needs one signal UUID"));
  if (!yes)
    return wb_cli_usage_error (_("Purging cannot be undone; add --yes to confirm"));

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  if (!wb_records_purge (wb_vault_get_store (vault), argv[1], &error))
    return wb_cli_records_fail (error);

  if (!cli->json)
    g_print ("%s\n", _("Purged; a tombstone and an audit entry remain"));
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_audit_verify (WbCli  *cli,
                          int     argc,
                          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  gint64 n = 0;

  if (!wb_cli_parse (cli, NULL, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc > 1)
    return wb_cli_usage_error (_("audit verify takes no arguments"));

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  if (!wb_records_verify_audit (wb_vault_get_store (vault), &n, &error))
    {
      if (cli->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "ok");
          json_builder_add_boolean_value (builder, FALSE);
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, error->message);
          json_builder_end_object (builder);
          wb_cli_print_json (builder);
        }
      return wb_cli_records_fail (error);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "entries");
      json_builder_add_int_value (builder, n);
      json_builder_end_object (builder);
      wb_cli_print_json (builder);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "The audit log is intact (%lld entry).\n",
                          "The audit log is intact (%lld entries).\n", n),
             (long long) n);

  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}
