/* wb-cli-exchange.h — identity, contacts, export, import, conflicts (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wb-cli-common.h"

G_BEGIN_DECLS

int  wb_cli_verb_identity_show          (WbCli *cli, int argc, char **argv);
int  wb_cli_verb_identity_set           (WbCli *cli, int argc, char **argv);
int  wb_cli_verb_identity_export_card   (WbCli *cli, int argc, char **argv);
int  wb_cli_verb_identity_export_age    (WbCli *cli, int argc, char **argv);
int  wb_cli_verb_contacts_add           (WbCli *cli, int argc, char **argv);
int  wb_cli_verb_contacts_list          (WbCli *cli, int argc, char **argv);
int  wb_cli_verb_contacts_verify        (WbCli *cli, int argc, char **argv);
int  wb_cli_verb_export                 (WbCli *cli, int argc, char **argv);
int  wb_cli_verb_import                 (WbCli *cli, int argc, char **argv);
int  wb_cli_verb_acknowledge            (WbCli *cli, int argc, char **argv);
int  wb_cli_verb_conflicts              (WbCli *cli, int argc, char **argv);
int  wb_cli_verb_conflicts_resolve      (WbCli *cli, int argc, char **argv);
int  wb_cli_verb_matches                (WbCli *cli, int argc, char **argv);
int  wb_cli_verb_matches_case           (WbCli *cli, int argc, char **argv);

/* Prints @error and returns the exit code for its kind (docs/cli.md). */
int  wb_cli_exchange_fail               (const GError *error);

G_END_DECLS
