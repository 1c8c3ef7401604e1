/* wb-cli-matches.c — weerbaar-cli matches, matches case (issue #7)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-cli-exchange.h"

/* Tokens are shown shortened: enough to tell them apart and to name one
 * in `matches case`, which takes any unique prefix of 6 or more digits. */
#define SHORT_TOKEN 12

static const char *
kind_label (WbMatchKind kind)
{
  switch (kind)
    {
    case WB_MATCH_HANDLE:
      return _("handle");
    case WB_MATCH_ORGANISATION:
      return _("organisation");
    case WB_MATCH_PERSON:
      return _("person");
    default:
      return "";
    }
}

int
wb_cli_verb_matches (WbCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GPtrArray) matches = NULL;

  if (!wb_cli_parse (cli, NULL, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc > 1)
    return wb_cli_usage_error (_("Use “matches” to list and “matches case NAME TOKEN…” to make a case"));
  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);
  matches = wb_matches_list (wb_vault_get_store (vault), &error);
  if (matches == NULL)
    return wb_cli_exchange_fail (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < matches->len; i++)
        {
          WbMatch *m = g_ptr_array_index (matches, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, wb_match_kind_to_nick (m->kind));
          json_builder_set_member_name (b, "token");
          json_builder_add_string_value (b, m->token);
          json_builder_set_member_name (b, "senders");
          json_builder_add_int_value (b, m->n_senders);
          json_builder_set_member_name (b, "first_seen");
          json_builder_add_string_value (b, m->first_seen);
          json_builder_set_member_name (b, "last_seen");
          json_builder_add_string_value (b, m->last_seen);
          json_builder_set_member_name (b, "signals");
          json_builder_begin_array (b);
          for (guint j = 0; j < m->sightings->len; j++)
            {
              WbMatchSighting *s = g_ptr_array_index (m->sightings, j);

              json_builder_begin_object (b);
              json_builder_set_member_name (b, "uuid");
              json_builder_add_string_value (b, s->signal_uuid);
              json_builder_set_member_name (b, "sender");
              json_builder_add_string_value (b, s->sender);
              json_builder_set_member_name (b, "municipality");
              json_builder_add_string_value (b, s->municipality);
              json_builder_set_member_name (b, "occurred_on");
              json_builder_add_string_value (b, s->occurred_on);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      wb_cli_print_json (b);
    }
  else if (matches->len == 0)
    g_print (_("No matches: nothing was reported by two or more municipalities\n"));
  else
    for (guint i = 0; i < matches->len; i++)
      {
        WbMatch *m = g_ptr_array_index (matches, i);
        g_autofree char *token = g_strndup (m->token, SHORT_TOKEN);

        /* Translators: "a1b2c3d4e5f6  handle  3 senders  2026-01-10 – 2026-02-15" */
        g_print (g_dngettext (GETTEXT_PACKAGE, "%s  %s  %u sender  %s – %s\n", "%s  %s  %u senders  %s – %s\n",
                              m->n_senders),
                 token, kind_label (m->kind), m->n_senders, m->first_seen, m->last_seen);
        for (guint j = 0; j < m->sightings->len; j++)
          {
            WbMatchSighting *s = g_ptr_array_index (m->sightings, j);

            g_print ("    %s  %s  %s (%s)\n", s->occurred_on, s->signal_uuid, s->sender, s->municipality);
          }
      }

  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_matches_case (WbCli  *cli,
                          int     argc,
                          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autofree char *case_uuid = NULL;
  g_auto(GStrv) uuids = NULL;
  GOptionEntry entries[] = {
    { "uuid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &uuids, N_("Also this signal (repeatable)"), N_("UUID") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, _("NAME TOKEN…"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc < 2 || (argc < 3 && uuids == NULL))
    return wb_cli_usage_error (_("matches case needs a case NAME and at least one match TOKEN (or --uuid)"));

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);
  case_uuid = wb_matches_create_case (wb_vault_get_store (vault), argv[1], (const char * const *) argv + 2,
                                      (const char * const *) uuids, &error);
  if (case_uuid == NULL)
    return wb_cli_exchange_fail (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "case");
      json_builder_add_string_value (b, case_uuid);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, argv[1]);
      json_builder_end_object (b);
      wb_cli_print_json (b);
    }
  else
    g_print (_("Case “%s” created: %s\n"), argv[1], case_uuid);
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}
