/* wb-cli-records.h — shared plumbing of the record verbs (issue #4)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wb-cli-common.h"

G_BEGIN_DECLS

/* Exit codes of the record verbs, after those of wb-cli-common.h (all in
 * docs/cli.md).  An edit of an outdated revision uses
 * WB_CLI_EXIT_CONFLICT. */
enum
{
  WB_CLI_EXIT_INVALID      = 10,  /* input refused: JSON, code, transition … */
  WB_CLI_EXIT_NOT_FOUND    = 11,  /* no such signal or case */
  WB_CLI_EXIT_REFUSED      = 12,  /* legal hold, already exists */
  WB_CLI_EXIT_AUDIT_BROKEN = 13,  /* audit verify found tampering */
};

/* Verbs: wb-cli-signals.c, wb-cli-ladder.c, wb-cli-cases.c,
 * wb-cli-retention.c, wb-cli-demo.c. */
int   wb_cli_verb_add               (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_list              (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_show              (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_search            (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_edit              (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_stats             (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_escalate          (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_link              (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_case_create       (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_case_add          (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_case_list         (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_retention_overdue (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_retention_hold    (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_retention_purge   (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_audit_verify      (WbCli *cli, int argc, char **argv);
int   wb_cli_verb_demo              (WbCli *cli, int argc, char **argv);
/* wb-cli-report.c */
int   wb_cli_verb_report            (WbCli *cli, int argc, char **argv);

/* wb_cli_fail() with the record kinds above. */
int   wb_cli_records_fail           (const GError  *error);

/* Reads a document from @path, or standard input for NULL or "-". */
char *wb_cli_read_document          (const char    *path,
                                     GError       **error);

/* Options shared by list, search and retention overdue. */
typedef struct
{
  char     *category;
  int       level;
  char     *tlp;
  char     *municipality;
  char     *from;
  char     *to;
  gboolean  overdue;
  char     *today;
  char     *sort;
  int       limit;
} WbCliFilter;

/* Appends the filter options to @entries (a GArray of GOptionEntry). */
void      wb_cli_filter_add_entries (WbCliFilter      *options,
                                     GArray           *entries);
gboolean  wb_cli_filter_resolve     (WbCliFilter      *options,
                                     WbRecordsFilter  *filter,
                                     GError          **error);
void      wb_cli_filter_clear       (WbCliFilter      *options);

/* Signals as one line each, or (--json) a JSON array of documents. */
void      wb_cli_print_signals      (WbCli            *cli,
                                     GPtrArray        *signals);
void      wb_cli_print_signal_json  (WbSignal         *signal);

G_END_DECLS
