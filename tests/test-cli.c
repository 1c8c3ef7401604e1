/* test-cli.c — drives the real weerbaar-cli binary: verbs and exit codes
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sodium.h>

#include "wb-core.h"

#define PASS     "correct horse battery"
#define NEW_PASS "another horse battery"

/* Exit codes from docs/cli.md */
enum { OK = 0, FAILURE = 1, USAGE = 2, WRONG_SECRET = 3, NO_VAULT = 4,
       DAMAGED = 5, NEWER_FORMAT = 6, IN_USE = 9 };

typedef struct
{
  char *dir;
  char *vault;
  char *pass_file;
  char *new_pass_file;
  char *wrong_pass_file;
} Fixture;

static char *
write_temp (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_strdup (g_get_user_data_dir ());
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  f->vault = g_build_filename (f->dir, "kluis", NULL);
  f->pass_file = write_temp (f->dir, "pass", PASS "\n");
  f->new_pass_file = write_temp (f->dir, "new-pass", NEW_PASS "\n");
  f->wrong_pass_file = write_temp (f->dir, "wrong-pass", "wrong wrong wrong\n");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->dir);
  g_free (f->vault);
  g_free (f->pass_file);
  g_free (f->new_pass_file);
  g_free (f->wrong_pass_file);
}

/* Runs weerbaar-cli with @args (NULL-terminated), stdin from /dev/null,
 * no WEERBAAR_* variables except those in @env ("NAME=value" or NULL). */
static int
run_cli (char        **out,
         char        **err,
         const char   *env,
         ...)
{
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "weerbaar-cli", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  int wait_status = 0;
  const char *arg;
  va_list ap;

  envp = g_environ_unsetenv (envp, "WEERBAAR_VAULT");
  envp = g_environ_unsetenv (envp, "WEERBAAR_PASSPHRASE");
  envp = g_environ_unsetenv (envp, "WEERBAAR_NEW_PASSPHRASE");
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  if (env != NULL)
    {
      g_auto(GStrv) kv = g_strsplit (env, "=", 2);

      envp = g_environ_setenv (envp, kv[0], kv[1], TRUE);
    }

  g_ptr_array_add (argv, cli);
  va_start (ap, env);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL,
                NULL, NULL, &stdout_text, &stderr_text, &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("weerbaar-cli %s → %d\n%s%s", (char *) argv->pdata[1],
                  WEXITSTATUS (wait_status), stdout_text, stderr_text);
  g_assert_true (WIFEXITED (wait_status));

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  return WEXITSTATUS (wait_status);
}

static char *
init_vault (Fixture *f)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *obj;

  g_assert_cmpint (run_cli (&out, NULL, NULL, "--vault", f->vault, "init", "--kdf-cost", "min",
                            "--passphrase-file", f->pass_file, "--json", NULL), ==, OK);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  obj = json_node_get_object (json_parser_get_root (parser));
  return g_strdup (json_object_get_string_member (obj, "recovery_key"));
}

static char *
vault_db (Fixture *f)
{
  return g_build_filename (f->vault, "vault.db", NULL);
}

static void
test_cli_init_and_check (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *vault_env = g_strconcat ("WEERBAAR_VAULT=", f->vault, NULL);
  g_autofree char *recovery = NULL;

  g_assert_cmpint (run_cli (&out, NULL, NULL, "--vault", f->vault, "init", "--kdf-cost", "min",
                            "--passphrase-file", f->pass_file, NULL), ==, OK);
  /* The human form shows the key and tells the user to keep it safe. */
  g_assert_nonnull (strstr (out, "Recovery key"));
  g_assert_true (g_regex_match_simple ("([0-9A-Z]{4}-){13}[0-9A-Z]{4}", out, 0, 0));
  g_assert_nonnull (strstr (out, "safe"));
  g_clear_pointer (&out, g_free);

  /* A second init refuses to overwrite. */
  g_assert_cmpint (run_cli (NULL, &err, NULL, "--vault", f->vault, "init", "--kdf-cost", "min",
                            "--passphrase-file", f->pass_file, NULL), ==, FAILURE);
  g_assert_nonnull (strstr (err, "already"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, NULL, NULL, "check", "--vault", f->vault,
                            "--passphrase-file", f->pass_file, NULL), ==, OK);
  g_clear_pointer (&out, g_free);

  /* Vault from WEERBAAR_VAULT, passphrase from WEERBAAR_PASSPHRASE is
   * covered below; here the passphrase comes from the environment. */
  g_assert_cmpint (run_cli (&out, NULL, "WEERBAAR_PASSPHRASE=" PASS, "check", "--vault", f->vault,
                            "--json", NULL), ==, OK);
  g_assert_nonnull (strstr (out, "\"ok\" : true"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (NULL, NULL, vault_env, "check", "--passphrase-file", f->pass_file, NULL),
                   ==, OK);

  g_assert_cmpint (run_cli (NULL, &err, NULL, "check", "--vault", f->vault,
                            "--passphrase-file", f->wrong_pass_file, NULL), ==, WRONG_SECRET);
  /* one line on stderr */
  g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
  g_assert_null (strstr (err, "wrong wrong"));
}

static void
test_cli_passphrase_change (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *recovery = init_vault (f);

  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "passphrase", "change",
                            "--passphrase-file", f->pass_file,
                            "--new-passphrase-file", f->new_pass_file,
                            "--kdf-cost", "min", NULL), ==, OK);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "check",
                            "--passphrase-file", f->pass_file, NULL), ==, WRONG_SECRET);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "check",
                            "--passphrase-file", f->new_pass_file, NULL), ==, OK);

  /* New passphrase from the environment */
  g_assert_cmpint (run_cli (NULL, NULL, "WEERBAAR_NEW_PASSPHRASE=" PASS,
                            "--vault", f->vault, "passphrase", "change",
                            "--passphrase-file", f->new_pass_file, "--kdf-cost", "min", NULL), ==, OK);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "check",
                            "--passphrase-file", f->pass_file, NULL), ==, OK);

  /* Too short */
  g_assert_cmpint (run_cli (NULL, NULL, "WEERBAAR_NEW_PASSPHRASE=short",
                            "--vault", f->vault, "passphrase", "change",
                            "--passphrase-file", f->pass_file, "--kdf-cost", "min", NULL), ==, FAILURE);
}

static void
test_cli_recovery_key (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *recovery = init_vault (f);
  g_autofree char *key_file = write_temp (f->dir, "recovery", recovery);
  g_autofree char *bad_file = NULL;
  g_autofree char *bad = g_strdup (recovery);

  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "check",
                            "--recovery-key-file", key_file, NULL), ==, OK);

  /* Forgotten passphrase: the recovery key sets a new one. */
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "passphrase", "change",
                            "--recovery-key-file", key_file,
                            "--new-passphrase-file", f->new_pass_file, "--kdf-cost", "min", NULL), ==, OK);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "check",
                            "--passphrase-file", f->new_pass_file, NULL), ==, OK);

  bad[5] = bad[5] == 'Z' ? 'Y' : 'Z';
  bad_file = write_temp (f->dir, "bad-recovery", bad);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "check",
                            "--recovery-key-file", bad_file, NULL), ==, WRONG_SECRET);
}

static void
test_cli_rekey (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *recovery = init_vault (f);
  g_autofree char *key_file = write_temp (f->dir, "recovery", recovery);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *new_key_file = NULL;
  const char *new_recovery;

  g_assert_cmpint (run_cli (&out, NULL, NULL, "--vault", f->vault, "rekey", "--json",
                            "--passphrase-file", f->pass_file, "--kdf-cost", "min", NULL), ==, OK);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  new_recovery = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                "recovery_key");
  g_assert_cmpstr (new_recovery, !=, recovery);
  new_key_file = write_temp (f->dir, "new-recovery", new_recovery);

  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "check",
                            "--passphrase-file", f->pass_file, NULL), ==, OK);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "check",
                            "--recovery-key-file", key_file, NULL), ==, WRONG_SECRET);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "check",
                            "--recovery-key-file", new_key_file, NULL), ==, OK);

  /* Rekey after recovery: needs a new passphrase. */
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "rekey",
                            "--recovery-key-file", new_key_file,
                            "--new-passphrase-file", f->new_pass_file, "--kdf-cost", "min", NULL), ==, OK);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "check",
                            "--passphrase-file", f->new_pass_file, NULL), ==, OK);
}

static void
assert_refused_untouched (Fixture    *f,
                          const char *path,
                          int         expected)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  gsize before_len = 0, after_len = 0;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  g_assert_cmpint (run_cli (NULL, &err, NULL, "--vault", f->vault, "check",
                            "--passphrase-file", f->pass_file, NULL), ==, expected);
  g_assert_cmpuint (strlen (err), >, 15);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_cli_bad_input (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *recovery = NULL;
  g_autofree char *path = vault_db (f);
  g_autofree char *whole = NULL;
  gsize len = 0;
  char junk[8192];

  /* No vault */
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "check",
                            "--passphrase-file", f->pass_file, NULL), ==, NO_VAULT);

  /* Random file, empty file */
  g_assert_cmpint (g_mkdir_with_parents (f->vault, 0700), ==, 0);
  for (gsize i = 0; i < sizeof junk; i++)
    junk[i] = g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (path, junk, sizeof junk, NULL));
  assert_refused_untouched (f, path, NO_VAULT);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  assert_refused_untouched (f, path, NO_VAULT);
  g_assert_cmpint (g_unlink (path), ==, 0);

  /* Truncated */
  recovery = init_vault (f);
  g_assert_true (g_file_get_contents (path, &whole, &len, NULL));
  g_assert_true (g_file_set_contents (path, whole, len - 4096, NULL));
  assert_refused_untouched (f, path, DAMAGED);

  /* Newer format: version field of both copies, checksums fixed up */
  whole[8] = whole[2048 + 8] = 2;
  crypto_generichash ((guint8 *) whole + 1984, 32, (guint8 *) whole, 1984, NULL, 0);
  crypto_generichash ((guint8 *) whole + 2048 + 1984, 32, (guint8 *) whole + 2048, 1984, NULL, 0);
  g_assert_true (g_file_set_contents (path, whole, len, NULL));
  assert_refused_untouched (f, path, NEWER_FORMAT);
}

static void
test_cli_in_use (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *recovery = init_vault (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = wb_vault_unlock (f->vault, PASS, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "check",
                            "--passphrase-file", f->pass_file, NULL), ==, IN_USE);
  wb_vault_lock (vault);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "check",
                            "--passphrase-file", f->pass_file, NULL), ==, OK);
}

static void
test_cli_usage (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *recovery = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, NULL, NULL), ==, USAGE);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "frobnicate", NULL), ==, USAGE);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "passphrase", NULL), ==, USAGE);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "check", "--no-such-option", NULL), ==, USAGE);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "init", "--vault", f->vault, "--kdf-cost", "cheap",
                            "--passphrase-file", f->pass_file, NULL), ==, USAGE);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "check", "extra-argument", NULL), ==, USAGE);

  /* No passphrase source and stdin is not a terminal */
  recovery = init_vault (f);
  g_assert_cmpint (run_cli (NULL, NULL, NULL, "--vault", f->vault, "check", NULL), ==, USAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/cli/init-and-check", test_cli_init_and_check);
  ADD ("/cli/passphrase-change", test_cli_passphrase_change);
  ADD ("/cli/recovery-key", test_cli_recovery_key);
  ADD ("/cli/rekey", test_cli_rekey);
  ADD ("/cli/bad-input", test_cli_bad_input);
  ADD ("/cli/in-use", test_cli_in_use);
  ADD ("/cli/usage", test_cli_usage);
#undef ADD

  return g_test_run ();
}
