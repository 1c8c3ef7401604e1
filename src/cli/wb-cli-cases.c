/* wb-cli-cases.c — weerbaar-cli link, case create, case add, case list
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-cli-records.h"

int
wb_cli_verb_link (WbCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autofree char *type_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  WbLinkType type;
  GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_text,
      N_("same-actor, same-campaign, same-target or duplicate"), N_("TYPE") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, _("UUID UUID"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc != 3)
    return wb_cli_usage_error (_("link needs two signal UUIDs"));
  if (type_text == NULL || !wb_link_type_from_nick (type_text, &type))
    return wb_cli_usage_error (_("Give the kind of link with --type: same-actor, same-campaign, same-target or duplicate"));

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  if (!wb_records_link (wb_vault_get_store (vault), argv[1], argv[2], type, &error))
    return wb_cli_records_fail (error);

  if (!cli->json)
    g_print ("%s\n", _("Linked"));
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_case_create (WbCli  *cli,
                         int     argc,
                         char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *name = NULL;

  if (!wb_cli_parse (cli, NULL, _("NAME"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc < 2)
    return wb_cli_usage_error (_("case create needs a name"));
  name = g_strjoinv (" ", argv + 1);

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  uuid = wb_records_create_case (wb_vault_get_store (vault), name, &error);
  if (uuid == NULL)
    return wb_cli_records_fail (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, uuid);
      json_builder_end_object (builder);
      wb_cli_print_json (builder);
    }
  else
    g_print ("%s\n", uuid);

  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_case_add (WbCli  *cli,
                      int     argc,
                      char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;

  if (!wb_cli_parse (cli, NULL, _("CASE UUID"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc != 3)
    return wb_cli_usage_error (_("case add needs a case (name or UUID) and a signal UUID"));

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  if (!wb_records_add_to_case (wb_vault_get_store (vault), argv[1], argv[2], &error))
    return wb_cli_records_fail (error);

  if (!cli->json)
    g_print ("%s\n", _("Added to the case"));
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_case_list (WbCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GPtrArray) cases = NULL;

  if (!wb_cli_parse (cli, NULL, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc > 1)
    return wb_cli_usage_error (_("case list takes no arguments"));

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  cases = wb_records_list_cases (wb_vault_get_store (vault), &error);
  if (cases == NULL)
    return wb_cli_records_fail (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < cases->len; i++)
        {
          WbCase *c = g_ptr_array_index (cases, i);
          g_auto(GStrv) members = wb_records_dup_case_signals (wb_vault_get_store (vault), c->uuid, NULL);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, c->uuid);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, c->name);
          json_builder_set_member_name (builder, "created_at");
          json_builder_add_string_value (builder, c->created_at);
          json_builder_set_member_name (builder, "signals");
          json_builder_begin_array (builder);
          for (guint j = 0; members != NULL && members[j] != NULL; j++)
            json_builder_add_string_value (builder, members[j]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      wb_cli_print_json (builder);
    }
  else
    for (guint i = 0; i < cases->len; i++)
      {
        WbCase *c = g_ptr_array_index (cases, i);

        g_print ("%s  %5u  %s\n", c->uuid, c->n_signals, c->name);
      }

  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}
