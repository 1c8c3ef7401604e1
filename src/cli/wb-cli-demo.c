/* wb-cli-demo.c — weerbaar-cli demo: fill a vault with fictional signals
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-cli-records.h"

#define MAX_DEMO_COUNT 1000000

static void
progress_cb (guint    done,
             gpointer user_data)
{
  guint count = GPOINTER_TO_UINT (user_data);

  g_printerr ("\r%u / %u", done, count);
  if (done == count)
    g_printerr ("\n");
}

int
wb_cli_verb_demo (WbCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  int count = 100;
  int seed = 1;
  gboolean quiet = FALSE;
  WbStore *store;
  GOptionEntry entries[] = {
    { "count", 0, 0, G_OPTION_ARG_INT, &count,
      N_("How many fictional signals to add (default 100)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed,
      N_("Seed for the invented texts (default 1)"), N_("N") },
    { "quiet", 0, 0, G_OPTION_ARG_NONE, &quiet,
      N_("Do not show progress"), NULL },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc > 1)
    return wb_cli_usage_error (_("demo takes no arguments"));
  if (count < 1 || count > MAX_DEMO_COUNT)
    {
      g_autofree char *message = g_strdup_printf (_("The count must be 1 to %d"), MAX_DEMO_COUNT);

      return wb_cli_usage_error (message);
    }

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);
  store = wb_vault_get_store (vault);

  if (!wb_demo_fill (store, count, (guint32) seed, 0,
                     quiet || cli->json ? NULL : progress_cb, GUINT_TO_POINTER (count), &error))
    return wb_cli_records_fail (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "added");
      json_builder_add_int_value (builder, count);
      json_builder_end_object (builder);
      wb_cli_print_json (builder);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Added %d fictional signal.\n",
                          "Added %d fictional signals.\n", count),
             count);

  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}
