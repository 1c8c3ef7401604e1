/* wb-cli-common.c — shared plumbing of weerbaar-cli's verbs
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "wb-cli-common.h"

#define MAX_SECRET_BYTES 4096

GOptionGroup *
wb_cli_global_group (WbCli *cli)
{
  GOptionEntry entries[] = {
    { "vault", 0, 0, G_OPTION_ARG_FILENAME, &cli->vault_dir,
      N_("Vault folder (default: $WEERBAAR_VAULT or ~/.local/share/weerbaar)"), N_("DIR") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->passphrase_file,
      N_("Read the passphrase from FILE"), N_("FILE") },
    { "recovery-key-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->recovery_key_file,
      N_("Unlock with the recovery key in FILE instead of the passphrase"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json,
      N_("Print the result as JSON"), NULL },
    { NULL }
  };
  GOptionGroup *group;

  group = g_option_group_new ("global", _("Global options"), _("Show global options"), NULL, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

gboolean
wb_cli_parse (WbCli         *cli,
              GOptionEntry  *entries,
              const char    *parameter_string,
              int           *argc,
              char        ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, wb_cli_global_group (cli));

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      wb_cli_usage_error (error->message);
      return FALSE;
    }

  return TRUE;
}

const char *
wb_cli_vault_dir (WbCli *cli)
{
  if (cli->vault_dir == NULL)
    cli->vault_dir = wb_vault_dup_default_dir ();
  return cli->vault_dir;
}

static char *
secret_alloc (gsize len)
{
  char *s = sodium_malloc (len);

  if (s == NULL)
    g_error ("sodium_malloc failed");
  return s;
}

void
wb_cli_secret_free (char *secret)
{
  if (secret != NULL)
    sodium_free (secret);
}

static char *
secret_from (const char *text,
             gsize       len)
{
  char *s;

  /* A file usually ends in one newline that is not part of the secret. */
  if (len > 0 && text[len - 1] == '\n')
    len--;
  if (len > 0 && text[len - 1] == '\r')
    len--;

  s = secret_alloc (len + 1);
  memcpy (s, text, len);
  s[len] = '\0';
  return s;
}

static char *
secret_from_file (const char  *path,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize len = 0;
  char *s;

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", local_error->message);
      return NULL;
    }

  if (len > MAX_SECRET_BYTES)
    {
      sodium_memzero (contents, len);
      g_free (contents);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s is too large to hold a passphrase or recovery key"), path);
      return NULL;
    }

  s = secret_from (contents, len);
  sodium_memzero (contents, len);
  g_free (contents);
  return s;
}

static char *
prompt_no_echo (const char  *prompt,
                GError     **error)
{
  struct termios old, quiet;
  char *buf = secret_alloc (MAX_SECRET_BYTES);
  gboolean restore;
  char *s = NULL;

  fprintf (stderr, "%s", prompt);
  fflush (stderr);

  restore = tcgetattr (STDIN_FILENO, &old) == 0;
  if (restore)
    {
      quiet = old;
      quiet.c_lflag &= ~ECHO;
      quiet.c_lflag |= ECHONL;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  if (fgets (buf, MAX_SECRET_BYTES, stdin) != NULL)
    s = secret_from (buf, strlen (buf));

  if (restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);

  sodium_free (buf);

  if (s == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No passphrase was entered"));
  return s;
}

static char *
prompt_twice (const char  *first,
              GError     **error)
{
  char *a = prompt_no_echo (first, error);
  char *b;

  if (a == NULL)
    return NULL;

  b = prompt_no_echo (_("Repeat the passphrase: "), error);
  if (b == NULL)
    {
      wb_cli_secret_free (a);
      return NULL;
    }

  if (strcmp (a, b) != 0)
    {
      wb_cli_secret_free (a);
      wb_cli_secret_free (b);
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The passphrases do not match"));
      return NULL;
    }

  wb_cli_secret_free (b);
  return a;
}

static char *
read_secret (const char  *file,
             const char  *env,
             gboolean     confirm,
             const char  *prompt,
             GError     **error)
{
  const char *value;

  if (file != NULL)
    return secret_from_file (file, error);

  value = g_getenv (env);
  if (value != NULL)
    return secret_from (value, strlen (value));

  if (isatty (STDIN_FILENO))
    return confirm ? prompt_twice (prompt, error) : prompt_no_echo (prompt, error);

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
               _("No passphrase given: use a passphrase file, the %s environment variable or a terminal"),
               env);
  return NULL;
}

char *
wb_cli_read_passphrase (WbCli     *cli,
                        gboolean   confirm,
                        GError   **error)
{
  return read_secret (cli->passphrase_file, "WEERBAAR_PASSPHRASE", confirm,
                      _("Passphrase: "), error);
}

char *
wb_cli_read_new_passphrase (const char  *file,
                            GError     **error)
{
  return read_secret (file, "WEERBAAR_NEW_PASSPHRASE", TRUE,
                      _("New passphrase: "), error);
}

WbVault *
wb_cli_unlock (WbCli   *cli,
               GError **error)
{
  WbVault *vault;
  char *secret;

  if (cli->recovery_key_file != NULL)
    {
      secret = secret_from_file (cli->recovery_key_file, error);
      if (secret == NULL)
        return NULL;
      vault = wb_vault_unlock_with_recovery_key (wb_cli_vault_dir (cli), secret, NULL, error);
    }
  else
    {
      /* Fail on a missing vault before asking for a passphrase. */
      if (!wb_vault_exists (wb_cli_vault_dir (cli)))
        {
          g_set_error_literal (error, WB_VAULT_ERROR, WB_VAULT_ERROR_NOT_FOUND,
                               _("There is no vault in this folder"));
          return NULL;
        }

      secret = wb_cli_read_passphrase (cli, FALSE, error);
      if (secret == NULL)
        return NULL;
      vault = wb_vault_unlock (wb_cli_vault_dir (cli), secret, NULL, error);
    }

  wb_cli_secret_free (secret);
  return vault;
}

gboolean
wb_cli_parse_cost (const char   *text,
                   WbVaultCost  *cost,
                   GError      **error)
{
  if (text == NULL || g_str_equal (text, "moderate"))
    *cost = WB_VAULT_COST_MODERATE;
  else if (g_str_equal (text, "interactive"))
    *cost = WB_VAULT_COST_INTERACTIVE;
  else if (g_str_equal (text, "min"))
    *cost = WB_VAULT_COST_MIN;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown key derivation cost “%s” (use min, interactive or moderate)"), text);
      return FALSE;
    }

  return TRUE;
}

int
wb_cli_exit_code_for (const GError *error)
{
  if (error->domain == WB_VAULT_ERROR)
    {
      switch ((WbVaultError) error->code)
        {
        case WB_VAULT_ERROR_WRONG_PASSPHRASE:
        case WB_VAULT_ERROR_WRONG_RECOVERY_KEY:
          return WB_CLI_EXIT_WRONG_SECRET;
        case WB_VAULT_ERROR_NOT_FOUND:
        case WB_VAULT_ERROR_NOT_A_VAULT:
          return WB_CLI_EXIT_NO_VAULT;
        case WB_VAULT_ERROR_DAMAGED:
          return WB_CLI_EXIT_DAMAGED;
        case WB_VAULT_ERROR_NEWER_FORMAT:
          return WB_CLI_EXIT_NEWER_FORMAT;
        case WB_VAULT_ERROR_IN_USE:
          return WB_CLI_EXIT_IN_USE;
        case WB_VAULT_ERROR_FAILED:
        case WB_VAULT_ERROR_EXISTS:
        case WB_VAULT_ERROR_LOCKED:
        case WB_VAULT_ERROR_WEAK_PASSPHRASE:
        default:
          return WB_CLI_EXIT_FAILURE;
        }
    }

  if (error->domain == WB_STORE_ERROR)
    {
      switch ((WbStoreError) error->code)
        {
        case WB_STORE_ERROR_CORRUPT:
          return WB_CLI_EXIT_DAMAGED;
        case WB_STORE_ERROR_NEWER_SCHEMA:
          return WB_CLI_EXIT_NEWER_FORMAT;
        case WB_STORE_ERROR_BUSY:
          return WB_CLI_EXIT_IN_USE;
        case WB_STORE_ERROR_FAILED:
        case WB_STORE_ERROR_FULL:
        case WB_STORE_ERROR_DENIED:
        case WB_STORE_ERROR_CLOSED:
        default:
          return WB_CLI_EXIT_FAILURE;
        }
    }

  if (error->domain == G_OPTION_ERROR)
    return WB_CLI_EXIT_USAGE;

  return WB_CLI_EXIT_FAILURE;
}

int
wb_cli_fail (const GError *error)
{
  g_printerr ("weerbaar-cli: %s\n", error->message);
  return wb_cli_exit_code_for (error);
}

int
wb_cli_usage_error (const char *message)
{
  g_printerr ("weerbaar-cli: %s\n", message);
  return WB_CLI_EXIT_USAGE;
}

void
wb_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}
