/* weerbaar-cli.c — headless commands over libweerbaar-core
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <sodium.h>

#include "wb-cli-common.h"
#include "wb-cli-exchange.h"
#include "wb-cli-records.h"

/* Adding a verb is one entry here plus its wb-cli-<verb>.c. */
static const WbCliVerb verbs[] = {
  { "init",       NULL,     N_("Create a new vault and print its recovery key"), wb_cli_verb_init },
  { "check",      NULL,     N_("Verify the key header and the database"),        wb_cli_verb_check },
  { "passphrase", "change", N_("Set a new passphrase"),                          wb_cli_verb_passphrase_change },
  { "rekey",      NULL,     N_("Re-encrypt the vault with a new data key"),      wb_cli_verb_rekey },
  { "add",        NULL,     N_("Add a signal from JSON (a file or standard input)"), wb_cli_verb_add },
  { "list",       NULL,     N_("List signals"),                                  wb_cli_verb_list },
  { "show",       NULL,     N_("Show one signal"),                               wb_cli_verb_show },
  { "search",     NULL,     N_("Search signals by text"),                        wb_cli_verb_search },
  { "edit",       NULL,     N_("Change a signal (JSON merge patch or full document)"), wb_cli_verb_edit },
  { "escalate",   NULL,     N_("Record an escalation ladder decision"),          wb_cli_verb_escalate },
  { "link",       NULL,     N_("Link two signals"),                              wb_cli_verb_link },
  { "case",       "create", N_("Create a case"),                                 wb_cli_verb_case_create },
  { "case",       "add",    N_("Add a signal to a case"),                        wb_cli_verb_case_add },
  { "case",       "list",   N_("List cases"),                                    wb_cli_verb_case_list },
  { "retention",  "overdue", N_("List signals past their review date"),          wb_cli_verb_retention_overdue },
  { "retention",  "hold",   N_("Set or lift a legal hold"),                      wb_cli_verb_retention_hold },
  { "retention",  "purge",  N_("Delete a signal for good"),                      wb_cli_verb_retention_purge },
  { "audit",      "verify", N_("Verify the audit log's hash chain"),             wb_cli_verb_audit_verify },
  { "stats",      NULL,     N_("Count signals by category, level, TLP and municipality"), wb_cli_verb_stats },
  { "report",     NULL,     N_("Write a report of counts (PDF or CSV) with small counts hidden"), wb_cli_verb_report },
  { "demo",       NULL,     N_("Fill the vault with fictional signals"),         wb_cli_verb_demo },
  { "identity",   "show",   N_("Show this vault's identity and fingerprint"),    wb_cli_verb_identity_show },
  { "identity",   "set",    N_("Set the organisation name and role"),            wb_cli_verb_identity_set },
  { "identity",   "export-card", N_("Write this vault's contact card"),          wb_cli_verb_identity_export_card },
  { "identity",   "export-age-identity", N_("Write the secret decryption key in age's format"), wb_cli_verb_identity_export_age },
  { "contacts",   "add",    N_("Pin a contact from their contact card"),         wb_cli_verb_contacts_add },
  { "contacts",   "list",   N_("List pinned contacts"),                          wb_cli_verb_contacts_list },
  { "contacts",   "verify", N_("Mark a contact's fingerprint as compared"),      wb_cli_verb_contacts_verify },
  { "export",     NULL,     N_("Write a signed, encrypted bundle for contacts"), wb_cli_verb_export },
  { "import",     NULL,     N_("Import bundles (all or nothing per bundle)"),    wb_cli_verb_import },
  { "acknowledge", NULL,    N_("Write a bundle acknowledging received bundles"), wb_cli_verb_acknowledge },
  { "conflicts",  "resolve", N_("Resolve an import conflict"),                   wb_cli_verb_conflicts_resolve },
  { "conflicts",  NULL,     N_("List import conflicts"),                         wb_cli_verb_conflicts },
  { "matches",    "case",   N_("Make a case of matches across municipalities"),  wb_cli_verb_matches_case },
  { "matches",    NULL,     N_("List handles, organisations and persons reported by several municipalities"), wb_cli_verb_matches },
};

static char *
verbs_summary (void)
{
  GString *s = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_autofree char *name = verbs[i].subverb != NULL
        ? g_strdup_printf ("%s %s", verbs[i].name, verbs[i].subverb)
        : g_strdup (verbs[i].name);

      g_string_append_printf (s, "\n  %-20s %s", name, _(verbs[i].summary));
    }

  return g_string_free (s, FALSE);
}

static void
wb_cli_clear (WbCli *cli)
{
  g_clear_pointer (&cli->vault_dir, g_free);
  g_clear_pointer (&cli->passphrase_file, g_free);
  g_clear_pointer (&cli->recovery_key_file, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *verb_argv0 = NULL;
  g_auto(GStrv) args = NULL;
  WbCli cli = { 0 };
  const WbCliVerb *verb = NULL;
  int n_args;
  int skip;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Secrets are read into sodium_malloc memory before core starts. */
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  /* Global options may come before the verb; parsing stops at the verb so
   * its own options are left for it. */
  context = g_option_context_new (_("COMMAND [OPTIONS]"));
  summary = verbs_summary ();
  g_option_context_set_summary (context, summary);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, wb_cli_global_group (&cli));

  args = g_strdupv (argv);
  n_args = argc;
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      status = wb_cli_usage_error (error->message);
      wb_cli_clear (&cli);
      return status;
    }
  n_args = g_strv_length (args);

  if (n_args < 2)
    {
      g_printerr ("%s\n%s\n", _("Usage: weerbaar-cli COMMAND [OPTIONS]"), summary);
      wb_cli_clear (&cli);
      return WB_CLI_EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (verbs) && verb == NULL; i++)
    {
      if (!g_str_equal (args[1], verbs[i].name))
        continue;
      if (verbs[i].subverb == NULL ||
          (n_args > 2 && g_str_equal (args[2], verbs[i].subverb)))
        verb = &verbs[i];
    }

  if (verb == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), args[1]);

      g_printerr ("weerbaar-cli: %s\n%s\n", message, summary);
      wb_cli_clear (&cli);
      return WB_CLI_EXIT_USAGE;
    }

  /* Hand the verb its own argv: "weerbaar-cli VERB" then its arguments. */
  skip = verb->subverb != NULL ? 2 : 1;
  verb_argv0 = verb->subverb != NULL
    ? g_strdup_printf ("weerbaar-cli %s %s", verb->name, verb->subverb)
    : g_strdup_printf ("weerbaar-cli %s", verb->name);
  g_free (args[skip]);
  args[skip] = g_steal_pointer (&verb_argv0);

  {
    char **verb_argv = g_memdup2 (args + skip, (n_args - skip + 1) * sizeof (char *));
    int verb_argc = n_args - skip;

    status = verb->run (&cli, verb_argc, verb_argv);
    g_free (verb_argv);
  }

  wb_cli_clear (&cli);
  return status;
}
