/* wb-cli-vault.c — weerbaar-cli init, check, passphrase change, rekey
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "wb-cli-common.h"

static void
wipe_string (char *s)
{
  if (s == NULL)
    return;
  sodium_memzero (s, strlen (s));
  g_free (s);
}

static void
print_recovery_key (WbCli      *cli,
                    const char *recovery_key,
                    const char *heading)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "vault");
      json_builder_add_string_value (builder, wb_cli_vault_dir (cli));
      json_builder_set_member_name (builder, "recovery_key");
      json_builder_add_string_value (builder, recovery_key);
      json_builder_end_object (builder);
      wb_cli_print_json (builder);
      return;
    }

  g_print ("%s\n\n", heading);
  g_print ("%s\n\n    %s\n\n", _("Recovery key (shown only this once):"), recovery_key);
  g_print ("%s\n",
           _("Write it down or print it, and keep it somewhere safe away from this computer. "
             "It opens the vault when the passphrase is forgotten; anyone who has it can open the vault."));
}

int
wb_cli_verb_init (WbCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autofree char *cost_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autofree char *heading = NULL;
  char *recovery_key = NULL;
  char *passphrase;
  WbVaultCost cost;
  GOptionEntry entries[] = {
    { "kdf-cost", 0, 0, G_OPTION_ARG_STRING, &cost_text,
      N_("Passphrase key derivation cost: min, interactive or moderate (default)"), N_("COST") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc > 1)
    return wb_cli_usage_error (_("init takes no arguments"));
  if (!wb_cli_parse_cost (cost_text, &cost, &error))
    return wb_cli_fail (error);

  if (wb_vault_exists (wb_cli_vault_dir (cli)))
    {
      g_set_error_literal (&error, WB_VAULT_ERROR, WB_VAULT_ERROR_EXISTS,
                           _("There is already a vault in this folder"));
      return wb_cli_fail (error);
    }

  passphrase = wb_cli_read_passphrase (cli, TRUE, &error);
  if (passphrase == NULL)
    return wb_cli_fail (error);

  vault = wb_vault_create (wb_cli_vault_dir (cli), passphrase, cost, &recovery_key, NULL, &error);
  wb_cli_secret_free (passphrase);
  if (vault == NULL)
    return wb_cli_fail (error);

  heading = g_strdup_printf (_("Created a new vault in %s."), wb_cli_vault_dir (cli));
  print_recovery_key (cli, recovery_key, heading);
  wipe_string (recovery_key);
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_check (WbCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;

  if (!wb_cli_parse (cli, NULL, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc > 1)
    return wb_cli_usage_error (_("check takes no arguments"));

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  if (!wb_vault_check (vault, &error))
    return wb_cli_fail (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "vault");
      json_builder_add_string_value (builder, wb_cli_vault_dir (cli));
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "schema_version");
      json_builder_add_int_value (builder, wb_store_get_schema_version (wb_vault_get_store (vault)));
      json_builder_end_object (builder);
      wb_cli_print_json (builder);
    }
  else
    g_print ("%s\n", _("The vault is intact: key header and database passed all checks."));

  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_passphrase_change (WbCli  *cli,
                               int     argc,
                               char  **argv)
{
  g_autofree char *cost_text = NULL;
  g_autofree char *new_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  char *passphrase;
  WbVaultCost cost;
  gboolean ok;
  GOptionEntry entries[] = {
    { "new-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &new_file,
      N_("Read the new passphrase from FILE"), N_("FILE") },
    { "kdf-cost", 0, 0, G_OPTION_ARG_STRING, &cost_text,
      N_("Passphrase key derivation cost: min, interactive or moderate (default)"), N_("COST") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc > 1)
    return wb_cli_usage_error (_("passphrase change takes no arguments"));
  if (!wb_cli_parse_cost (cost_text, &cost, &error))
    return wb_cli_fail (error);

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  passphrase = wb_cli_read_new_passphrase (new_file, &error);
  if (passphrase == NULL)
    return wb_cli_fail (error);

  ok = wb_vault_change_passphrase (vault, passphrase, cost, NULL, &error);
  wb_cli_secret_free (passphrase);
  if (!ok)
    return wb_cli_fail (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
      wb_cli_print_json (builder);
    }
  else
    g_print ("%s\n", _("The passphrase was changed."));

  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_rekey (WbCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autofree char *cost_text = NULL;
  g_autofree char *new_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  char *recovery_key = NULL;
  char *passphrase;
  WbVaultCost cost;
  gboolean ok;
  GOptionEntry entries[] = {
    { "new-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &new_file,
      N_("Set a new passphrase, read from FILE (default: keep the current one)"), N_("FILE") },
    { "kdf-cost", 0, 0, G_OPTION_ARG_STRING, &cost_text,
      N_("Passphrase key derivation cost: min, interactive or moderate (default)"), N_("COST") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc > 1)
    return wb_cli_usage_error (_("rekey takes no arguments"));
  if (!wb_cli_parse_cost (cost_text, &cost, &error))
    return wb_cli_fail (error);

  /* Slot 0 of the rekeyed vault needs a passphrase: the one that unlocks
   * it, or a new one (required when unlocking with the recovery key). */
  if (cli->recovery_key_file != NULL || new_file != NULL ||
      g_getenv ("WEERBAAR_NEW_PASSPHRASE") != NULL)
    {
      vault = wb_cli_unlock (cli, &error);
      if (vault == NULL)
        return wb_cli_fail (error);
      passphrase = wb_cli_read_new_passphrase (new_file, &error);
      if (passphrase == NULL)
        return wb_cli_fail (error);
    }
  else
    {
      if (!wb_vault_exists (wb_cli_vault_dir (cli)))
        {
          g_set_error_literal (&error, WB_VAULT_ERROR, WB_VAULT_ERROR_NOT_FOUND,
                               _("There is no vault in this folder"));
          return wb_cli_fail (error);
        }
      passphrase = wb_cli_read_passphrase (cli, FALSE, &error);
      if (passphrase == NULL)
        return wb_cli_fail (error);
      vault = wb_vault_unlock (wb_cli_vault_dir (cli), passphrase, NULL, &error);
      if (vault == NULL)
        {
          wb_cli_secret_free (passphrase);
          return wb_cli_fail (error);
        }
    }

  ok = wb_vault_rekey (vault, passphrase, cost, &recovery_key, NULL, &error);
  wb_cli_secret_free (passphrase);
  if (!ok)
    return wb_cli_fail (error);

  print_recovery_key (cli, recovery_key,
                      _("The vault was rekeyed: it now has a new data key. "
                        "The old recovery key no longer opens it."));
  wipe_string (recovery_key);
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}
