/* test-bundle-interop.c — bundles checked with tools nobody here wrote:
 * Debian's tar, minisign and age, driven through weerbaar-cli
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#define PASS "correct-horse-battery-staple"
#define RED_SUMMARY "Alleen voor genoemde ontvangers"

static char *dir;

/* Runs @argv (NULL-terminated) in @dir; returns the exit status. */
static int
run (char       **out,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autofree char *command = NULL;
  int status = 0;
  const char *arg;
  va_list ap;

  envp = g_environ_unsetenv (envp, "WEERBAAR_VAULT");
  envp = g_environ_setenv (envp, "WEERBAAR_PASSPHRASE", PASS, TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_ptr_array_add (argv, (gpointer) first);
  va_start (ap, first);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (dir, (char **) argv->pdata, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL,
                NULL, NULL, &stdout_text, &stderr_text, &status, &error);
  g_assert_no_error (error);
  command = g_strjoinv (" ", (char **) argv->pdata);
  g_test_message ("%s → %d\n%s%s", command, WEXITSTATUS (status), stdout_text, stderr_text);
  g_assert_true (WIFEXITED (status));
  if (out != NULL)
    {
      g_free (*out);
      *out = g_steal_pointer (&stdout_text);
    }
  return WEXITSTATUS (status);
}

static const char *
cli (void)
{
  static char *path;

  if (path == NULL)
    {
      g_autofree char *relative = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "weerbaar-cli", NULL);

      /* The commands run inside the work folder. */
      path = g_canonicalize_filename (relative, NULL);
    }
  return path;
}

static void
add_signal (const char *vault,
            const char *summary,
            const char *tlp)
{
  g_autofree char *json = g_strdup_printf (
    "{\"summary\": \"%s\", \"categories\": [\"A1\"], \"occurred_on\": \"2026-03-01\","
    " \"occurred_precision\": \"day\", \"municipality\": \"Utrecht\", \"channel\": \"in-person\","
    " \"source_type\": \"victim\", \"reliability\": \"B\", \"credibility\": 2,"
    " \"attribution\": \"unknown\", \"attribution_confidence\": \"low\", \"tlp\": \"%s\"}",
    summary, tlp);
  g_autofree char *file = g_build_filename (dir, "signal.json", NULL);

  g_assert_true (g_file_set_contents (file, json, -1, NULL));
  g_assert_cmpint (run (NULL, cli (), "--vault", vault, "add", "signal.json", NULL), ==, 0);
}

static void
test_interop (void)
{
  g_autofree char *listing = NULL;
  g_autofree char *inner = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *out = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize len;

  g_autofree char *age = g_find_program_in_path ("age");
  g_autofree char *minisign = g_find_program_in_path ("minisign");

  if (age == NULL || minisign == NULL)
    {
      g_test_skip ("Debian's age and minisign are not installed");
      return;
    }

  g_assert_cmpint (run (NULL, cli (), "--vault", "utrecht", "init", "--kdf-cost", "min", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "nctv", "init", "--kdf-cost", "min", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "utrecht", "identity", "set",
                        "--organisation", "Gemeente Utrecht", "--role", "liaison-officer", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "nctv", "identity", "set",
                        "--organisation", "NCTV", "--role", "coordinator", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "utrecht", "identity", "export-card", "-o", "utrecht.card", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "nctv", "identity", "export-card", "-o", "nctv.card", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "utrecht", "contacts", "add", "nctv.card", "--verified", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "nctv", "contacts", "add", "utrecht.card", NULL), ==, 0);
  g_assert_cmpint (run (&out, cli (), "--vault", "nctv", "contacts", "verify", "Gemeente Utrecht", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "verified"));

  add_signal ("utrecht", "Intimidatie bij een bijeenkomst", "AMBER");
  add_signal ("utrecht", RED_SUMMARY, "RED");
  g_assert_cmpint (run (NULL, cli (), "--vault", "utrecht", "export", "--to", "NCTV", "-o", "b.wbb", NULL), ==, 0);

  /* tar lists it: exactly the three members. */
  g_assert_cmpint (run (&listing, "tar", "tf", "b.wbb", NULL), ==, 0);
  g_assert_cmpstr (listing, ==, "payload.age\npayload.age.minisig\nsender.card\n");
  g_assert_cmpint (run (NULL, "tar", "xf", "b.wbb", NULL), ==, 0);

  /* minisign verifies the payload with the sender's public key (the
   * card's first two lines are a minisign public key file). */
  g_assert_cmpint (run (NULL, "sh", "-c", "head -n 2 sender.card > sender.pub", NULL), ==, 0);
  g_assert_cmpint (run (&out, "minisign", "-Vm", "payload.age", "-p", "sender.pub", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "weerbaar-bundle 1.2"));

  /* age decrypts it with the exported identity; tar lists the payload. */
  g_assert_cmpint (run (NULL, cli (), "--vault", "nctv", "identity", "export-age-identity", "-o", "nctv.key", NULL), ==, 0);
  g_assert_cmpint (run (NULL, "age", "-d", "-i", "nctv.key", "-o", "payload.tar", "payload.age", NULL), ==, 0);
  g_assert_cmpint (run (&inner, "tar", "tf", "payload.tar", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (inner, "manifest.json\nsignals/"));
  path = g_build_filename (dir, "payload.tar", NULL);
  g_assert_true (g_file_get_contents (path, &plain, &len, NULL));
  g_assert_null (memmem (plain, len, RED_SUMMARY, strlen (RED_SUMMARY)));
  /* The sender cannot read its own bundle (only the recipients can). */
  g_assert_cmpint (run (NULL, cli (), "--vault", "utrecht", "identity", "export-age-identity", "-o", "utrecht.key", NULL), ==, 0);
  g_assert_cmpint (run (NULL, "age", "-d", "-i", "utrecht.key", "-o", "x.tar", "payload.age", NULL), !=, 0);

  /* weerbaar-cli imports it once. */
  g_assert_cmpint (run (&out, cli (), "--vault", "nctv", "import", "b.wbb", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 added"));
  g_assert_cmpint (run (&out, cli (), "--vault", "nctv", "import", "b.wbb", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "imported before"));

  /* A changed byte: exit code 7, nothing imported. */
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "b.wbb", NULL);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  contents[len / 3] ^= 0x20;
  bad = g_build_filename (dir, "bad.wbb", NULL);
  g_assert_true (g_file_set_contents (bad, contents, len, NULL));
  g_assert_cmpint (run (NULL, cli (), "--vault", "nctv", "import", "bad.wbb", NULL), ==, 7);
  /* Not for us: Utrecht imports its own bundle to the NCTV. */
  g_assert_cmpint (run (NULL, cli (), "--vault", "utrecht", "contacts", "list", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "utrecht", "import", "b.wbb", NULL), ==, 7);
}

/* The coordinator's verbs as docs/cli.md describes them, exit codes
 * included: vault kind, decisions travelling back, matches, campaigns. */
static void
test_coordinator_cli (void)
{
  g_autofree char *out = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *file = g_build_filename (dir, "handle.json", NULL);
  const char *json =
    "{\"summary\": \"Online intimidatie\", \"categories\": [\"E1\"], \"occurred_on\": \"2026-03-01\","
    " \"occurred_precision\": \"day\", \"municipality\": \"Utrecht\", \"channel\": \"online-platform\","
    " \"source_type\": \"victim\", \"reliability\": \"B\", \"credibility\": 2,"
    " \"attribution\": \"unknown\", \"attribution_confidence\": \"low\", \"tlp\": \"AMBER\","
    " \"handles\": [\"@voorbeeld\"]}";

  g_assert_cmpint (run (NULL, cli (), "--vault", "c-u", "init", "--kdf-cost", "min", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-k", "init", "--kdf-cost", "min", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-u", "identity", "set",
                        "--organisation", "Gemeente Utrecht", "--role", "burgemeester", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-k", "identity", "set", "--kind", "king", NULL), ==, 2);
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-k", "identity", "set",
                        "--organisation", "NCTV", "--role", "NCTV", "--kind", "coordinator", NULL), ==, 0);
  g_assert_cmpint (run (&out, cli (), "--vault", "c-k", "--json", "identity", "show", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"coordinator\""));
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-u", "identity", "export-card", "-o", "c-u.card", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-k", "identity", "export-card", "-o", "c-k.card", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-u", "contacts", "add", "c-k.card", "--verified", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-k", "contacts", "add", "c-u.card", "--verified", NULL), ==, 0);

  /* The coordinator's key reaches Utrecht in an (otherwise empty) bundle. */
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-k", "export", "--to", "Gemeente Utrecht", "-o", "key.wbb", NULL), ==, 0);
  g_assert_cmpint (run (&out, cli (), "--vault", "c-u", "--json", "import", "key.wbb", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"match_key_received\" : true"));

  /* Utrecht proposes level 6 and sends it, with its decisions and a token. */
  g_assert_true (g_file_set_contents (file, json, -1, NULL));
  g_assert_cmpint (run (&uuid, cli (), "--vault", "c-u", "add", "handle.json", NULL), ==, 0);
  g_strstrip (uuid);
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-u", "escalate", uuid, "--to", "4", "--role", "burgemeester",
                        "--facts", "f", "--assessment", "a", "--decision", "d", "--skip-reason", "levensgevaar", NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-u", "escalate", uuid, "--to", "6", "--role", "burgemeester",
                        "--facts", "f", "--assessment", "a", "--decision", "d", "--skip-reason", "landelijk", NULL), ==, 0);
  g_assert_cmpint (run (&out, cli (), "--vault", "c-u", "--json", "export", "--to", "NCTV", "-o", "u1.wbb", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"decisions\" : 2"));
  g_assert_nonnull (strstr (out, "\"match_tokens\" : 1"));
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-k", "import", "u1.wbb", NULL), ==, 0);

  /* One municipality: no matches yet. */
  g_assert_cmpint (run (&out, cli (), "--vault", "c-k", "--json", "matches", NULL), ==, 0);
  g_assert_null (strstr (out, "token"));

  /* The coordinator decides; the decision goes back to Utrecht alone. */
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-k", "escalate", uuid, "--to", "6", "--kind", "decide-proposal",
                        "--role", "NCTV", "--facts", "f", "--assessment", "a", "--decision", "d",
                        "--skip-reason", "landelijk", NULL), ==, 0);
  g_assert_cmpint (run (&out, cli (), "--vault", "c-k", "--json", "export", "--to", "Gemeente Utrecht", "-o", "back.wbb", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"decisions\" : 1"));
  g_assert_nonnull (strstr (out, "\"signals\" : 0"));
  g_assert_cmpint (run (&out, cli (), "--vault", "c-u", "--json", "import", "back.wbb", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"levels_moved\" : 1"));
  g_assert_cmpint (run (&out, cli (), "--vault", "c-u", "--json", "show", uuid, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"level\" : 6"));

  /* Campaigns: exit codes of docs/cli.md. */
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-k", "matches", "case", "Campagne", NULL), ==, 2);
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-k", "matches", "case", "Campagne", "zz", NULL), ==, 10);
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-k", "matches", "case", "Campagne",
                        "--uuid", "11111111-1111-4111-8111-111111111111", NULL), ==, 11);
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-k", "matches", "case", "Campagne", "--uuid", uuid, NULL), ==, 0);
  g_assert_cmpint (run (NULL, cli (), "--vault", "c-k", "matches", "case", "Campagne", "--uuid", uuid, NULL), ==, 12);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  dir = g_dir_make_tmp ("weerbaar-interop-XXXXXX", NULL);
  g_assert_nonnull (dir);

  g_test_add_func ("/bundle-interop/tar-minisign-age", test_interop);
  g_test_add_func ("/bundle-interop/coordinator-cli", test_coordinator_cli);
  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    if (system (cmd) != 0)
      g_warning ("could not remove %s", dir);
  }
  g_free (dir);
  return status;
}
