/* wb-cli-common.h — shared plumbing of weerbaar-cli's verbs
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "wb-core.h"

G_BEGIN_DECLS

/* Exit codes, one per kind of failure (documented in docs/cli.md). */
typedef enum
{
  WB_CLI_EXIT_OK              = 0,
  WB_CLI_EXIT_FAILURE         = 1,
  WB_CLI_EXIT_USAGE           = 2,
  WB_CLI_EXIT_WRONG_SECRET    = 3,  /* wrong passphrase or recovery key */
  WB_CLI_EXIT_NO_VAULT        = 4,  /* no vault, or not a vault */
  WB_CLI_EXIT_DAMAGED         = 5,
  WB_CLI_EXIT_NEWER_FORMAT    = 6,
  WB_CLI_EXIT_BUNDLE_REJECTED = 7,  /* reserved for import */
  WB_CLI_EXIT_CONFLICT        = 8,  /* reserved for import */
  WB_CLI_EXIT_IN_USE          = 9,
} WbCliExit;

/* Global options, accepted before or after the verb. */
typedef struct
{
  char     *vault_dir;
  char     *passphrase_file;
  char     *recovery_key_file;
  gboolean  json;
} WbCli;

/* A verb gets argv with argv[0] = "weerbaar-cli VERB" and only its own
 * arguments after it, and returns a WbCliExit. */
typedef int (*WbCliVerbFunc) (WbCli  *cli,
                              int     argc,
                              char  **argv);

typedef struct
{
  const char    *name;
  const char    *subverb;   /* "change" for "passphrase change", or NULL */
  const char    *summary;   /* N_() */
  WbCliVerbFunc  run;
} WbCliVerb;

/* Verbs (one file each: wb-cli-<verb>.c). */
int          wb_cli_verb_init               (WbCli *cli, int argc, char **argv);
int          wb_cli_verb_check              (WbCli *cli, int argc, char **argv);
int          wb_cli_verb_passphrase_change  (WbCli *cli, int argc, char **argv);
int          wb_cli_verb_rekey              (WbCli *cli, int argc, char **argv);

/* Parses a verb's own options plus the global ones.  On a usage error
 * prints it and returns FALSE (exit with WB_CLI_EXIT_USAGE). */
gboolean     wb_cli_parse                   (WbCli         *cli,
                                             GOptionEntry  *entries,
                                             const char    *parameter_string,
                                             int           *argc,
                                             char        ***argv);
GOptionGroup *wb_cli_global_group           (WbCli         *cli);

const char  *wb_cli_vault_dir               (WbCli         *cli);

/* Secrets come from a file, an environment variable or a no-echo prompt on
 * a terminal, never from an argument.  Returned strings live in
 * sodium_malloc memory: free them with wb_cli_secret_free(). */
char        *wb_cli_read_passphrase         (WbCli         *cli,
                                             gboolean       confirm,
                                             GError       **error);
char        *wb_cli_read_new_passphrase     (const char    *file,
                                             GError       **error);
void         wb_cli_secret_free             (char          *secret);

/* Unlocks the vault with the recovery key file if one was given, else
 * with the passphrase. */
WbVault     *wb_cli_unlock                  (WbCli         *cli,
                                             GError       **error);

gboolean     wb_cli_parse_cost              (const char    *text,
                                             WbVaultCost   *cost,
                                             GError       **error);

/* Prints "weerbaar-cli: MESSAGE" on stderr and returns the exit code for
 * the error's kind. */
int          wb_cli_fail                    (const GError  *error);
int          wb_cli_exit_code_for           (const GError  *error);
int          wb_cli_usage_error             (const char    *message);

/* Prints @builder's document on stdout. */
void         wb_cli_print_json              (JsonBuilder   *builder);

G_END_DECLS
