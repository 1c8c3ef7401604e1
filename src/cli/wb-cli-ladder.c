/* wb-cli-ladder.c — weerbaar-cli escalate
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-cli-records.h"

int
wb_cli_verb_escalate (WbCli  *cli,
                      int     argc,
                      char  **argv)
{
  g_autofree char *kind_text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *facts = NULL;
  g_autofree char *assessment = NULL;
  g_autofree char *decision_text = NULL;
  g_autofree char *instruments = NULL;
  g_autofree char *role = NULL;
  g_autofree char *skip_reason = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *measures = NULL;
  g_autofree char *vault_kind_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(WbSignal) current = NULL;
  g_autoptr(WbSignal) after = NULL;
  g_autoptr(WbDecision) decision = NULL;
  int to = 0;
  int kind;
  GDate date;
  WbStore *store;
  WbActorKind vault_kind;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_INT, &to,
      N_("The level to move to (1–7; not needed to close)"), N_("N") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_("escalate, de-escalate, close, propose or decide-proposal (default: follows from the levels)"), N_("KIND") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("Date of the decision (default: today)"), N_("YYYY-MM-DD") },
    { "facts", 0, 0, G_OPTION_ARG_STRING, &facts,
      N_("Beeldvorming: the facts"), N_("TEXT") },
    { "assessment", 0, 0, G_OPTION_ARG_STRING, &assessment,
      N_("Oordeelsvorming: the assessment"), N_("TEXT") },
    { "decision", 0, 0, G_OPTION_ARG_STRING, &decision_text,
      N_("Besluitvorming: the decision"), N_("TEXT") },
    { "instruments", 0, 0, G_OPTION_ARG_STRING, &instruments,
      N_("Instruments chosen, separated by commas"), N_("A,B") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("The deciding role (never a person's name)"), N_("ROLE") },
    { "skip-reason", 0, 0, G_OPTION_ARG_STRING, &skip_reason,
      N_("Why more than one level is skipped"), N_("TEXT") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome,
      N_("Outcome, when moving down or closing"), N_("TEXT") },
    { "measures", 0, 0, G_OPTION_ARG_STRING, &measures,
      N_("Measures taken, when moving down or closing"), N_("TEXT") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, _("UUID"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc != 2)
    return wb_cli_usage_error (_("escalate needs one signal UUID"));
  if (kind_text != NULL && !wb_enum_from_nick (WB_TYPE_DECISION_KIND, kind_text, &kind))
    {
      g_autofree char *allowed = wb_enum_dup_nick_list (WB_TYPE_DECISION_KIND);
      g_autofree char *message = g_strdup_printf (_("Unknown kind of decision (use one of: %s)"), allowed);

      return wb_cli_usage_error (message);
    }

  g_date_clear (&date, 1);
  if (date_text != NULL)
    {
      if (!wb_date_parse_iso (date_text, &date))
        return wb_cli_usage_error (_("The date must be a real date written as YYYY-MM-DD"));
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);
  store = wb_vault_get_store (vault);

  current = wb_records_get_signal (store, argv[1], &error);
  if (current == NULL)
    return wb_cli_records_fail (error);

  vault_kind_text = wb_store_dup_setting (store, WB_RECORDS_SETTING_VAULT_KIND);
  vault_kind = g_strcmp0 (vault_kind_text, "coordinator") == 0 ? WB_ACTOR_COORDINATOR : WB_ACTOR_MUNICIPALITY;

  if (kind_text != NULL && kind == WB_DECISION_CLOSE && to == 0)
    to = wb_signal_get_level (current);
  if (to == 0)
    return wb_cli_usage_error (_("Say which level to move to with --to (or close with --kind close)"));
  if (kind_text == NULL)
    kind = wb_ladder_default_kind (wb_signal_get_level (current), to, vault_kind);

  decision = wb_decision_new (kind, wb_signal_get_level (current), to, &date);
  decision->deciding_role = g_steal_pointer (&role);
  decision->facts = g_steal_pointer (&facts);
  decision->assessment = g_steal_pointer (&assessment);
  decision->decision = g_steal_pointer (&decision_text);
  decision->instruments = instruments != NULL ? g_strsplit (instruments, ",", -1) : g_new0 (char *, 1);
  for (guint i = 0; decision->instruments[i] != NULL; i++)
    g_strstrip (decision->instruments[i]);
  decision->skip_reason = g_steal_pointer (&skip_reason);
  decision->outcome = g_steal_pointer (&outcome);
  decision->measures = g_steal_pointer (&measures);

  if (!wb_records_record_decision (store, argv[1], decision, &after, &error))
    return wb_cli_records_fail (error);

  if (cli->json)
    wb_cli_print_signal_json (after);
  else if (wb_signal_get_closed_on (after) != NULL)
    g_print (_("Closed at level %d; review on %s\n"), wb_signal_get_level (after), wb_signal_get_review_on (after));
  else
    g_print (_("Now at level %d (revision %u)\n"), wb_signal_get_level (after), wb_signal_get_revision (after));

  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}
