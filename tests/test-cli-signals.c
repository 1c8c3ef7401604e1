/* test-cli-signals.c — drives the real weerbaar-cli: the record verbs,
 * their exit codes, and that refused input writes nothing
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "wb-core.h"
#include "wb-store-private.h"

#define PASS "correct horse battery"

/* Exit codes from docs/cli.md */
enum { OK = 0, USAGE = 2, NO_VAULT = 4, CONFLICT = 8, INVALID = 10, NOT_FOUND = 11,
       REFUSED = 12, AUDIT_BROKEN = 13 };

#define SIGNAL_JSON \
  "{\"summary\": \"Beïnvloeding van de gemeenteraad\", \"categories\": [\"H3\"]," \
  " \"occurred_on\": \"2026-10-01\", \"occurred_precision\": \"day\"," \
  " \"municipality\": \"Utrecht\", \"channel\": \"phone\", \"source_type\": \"witness\"," \
  " \"reliability\": \"C\", \"credibility\": 3, \"attribution\": \"unknown\"," \
  " \"attribution_confidence\": \"low\"}"

typedef struct
{
  char *dir;
  char *vault;
} Fixture;

static char *
write_temp (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

/* Runs weerbaar-cli --vault DIR @args…, stdin from @stdin_file (or
 * /dev/null), the passphrase from the environment. */
static int
run_cli (Fixture     *f,
         char       **out,
         char       **err,
         const char  *stdin_file,
         ...)
{
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "weerbaar-cli", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autofree char *command = NULL;
  int wait_status = 0;
  const char *arg;
  va_list ap;

  envp = g_environ_unsetenv (envp, "WEERBAAR_VAULT");
  envp = g_environ_setenv (envp, "WEERBAAR_PASSPHRASE", PASS, TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);

  g_ptr_array_add (argv, (gpointer) "/bin/sh");
  g_ptr_array_add (argv, (gpointer) "-c");
  g_ptr_array_add (argv, (gpointer) "exec \"$0\" \"$@\" < \"$WB_STDIN\"");
  g_ptr_array_add (argv, cli);
  g_ptr_array_add (argv, (gpointer) "--vault");
  g_ptr_array_add (argv, f->vault);
  va_start (ap, stdin_file);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "WB_STDIN", stdin_file != NULL ? stdin_file : "/dev/null", TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT,
                NULL, NULL, &stdout_text, &stderr_text, &wait_status, &error);
  g_assert_no_error (error);
  command = g_strjoinv (" ", (char **) argv->pdata + 6);
  g_test_message ("weerbaar-cli %s → %d\n%s%s", command, WEXITSTATUS (wait_status), stdout_text, stderr_text);
  g_assert_true (WIFEXITED (wait_status));

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  return WEXITSTATUS (wait_status);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Signals in the vault and audit entries, as the CLI reports them. */
static char *
state (Fixture *f)
{
  g_autofree char *list = NULL;
  g_autofree char *audit = NULL;
  g_autoptr(JsonNode) l = NULL;
  g_autoptr(JsonNode) a = NULL;
  GString *s = g_string_new (NULL);
  JsonArray *array;

  g_assert_cmpint (run_cli (f, &list, NULL, NULL, "list", "--json", NULL), ==, OK);
  g_assert_cmpint (run_cli (f, &audit, NULL, NULL, "audit", "verify", "--json", NULL), ==, OK);
  l = parse_json (list);
  a = parse_json (audit);
  array = json_node_get_array (l);
  g_string_append_printf (s, "signals=%u entries=%" G_GINT64_FORMAT,
                          json_array_get_length (array),
                          json_object_get_int_member (json_node_get_object (a), "entries"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      g_string_append_printf (s, " %s@%" G_GINT64_FORMAT "/L%" G_GINT64_FORMAT,
                              json_object_get_string_member (o, "uuid"),
                              json_object_get_int_member (o, "revision"),
                              json_object_get_int_member (o, "level"));
    }
  return g_string_free (s, FALSE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = NULL;

  f->dir = g_strdup (g_get_user_data_dir ());
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  f->vault = g_build_filename (f->dir, "kluis", NULL);
  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "init", "--kdf-cost", "min", NULL), ==, OK);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->dir);
  g_free (f->vault);
}

static char *
add_signal (Fixture *f)
{
  g_autofree char *file = write_temp (f, "signal.json", SIGNAL_JSON);
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "add", file,
                            "--organisation", "Gemeente Utrecht", "--role", "liaison-officer", NULL), ==, OK);
  g_strstrip (out);
  g_assert_true (g_uuid_string_is_valid (out));
  return g_steal_pointer (&out);
}

static void
test_flow (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *uuid = add_signal (f);
  g_autofree char *stdin_file = write_temp (f, "stdin.json", SIGNAL_JSON);
  g_autofree char *patch = write_temp (f, "patch.json", "{\"summary\": \"Aangepaste samenvatting\"}");
  g_autofree char *out = NULL;
  g_autofree char *second = NULL;
  g_autoptr(JsonNode) node = NULL;

  /* From standard input too. */
  g_assert_cmpint (run_cli (f, &second, NULL, stdin_file, "add", "--organisation", "Gemeente Utrecht",
                            "--role", "liaison-officer", NULL), ==, OK);

  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "show", uuid, "--json", NULL), ==, OK);
  node = parse_json (out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "summary"), ==,
                   "Beïnvloeding van de gemeenteraad");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "search", "beinvloeding", "--municipality", "utrecht", NULL), ==, OK);
  g_assert_nonnull (strstr (out, uuid));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "search", "beinvloeding", "--municipality", "Zwolle", "--json", NULL), ==, OK);
  g_clear_pointer (&node, json_node_unref);
  node = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "edit", uuid, "--file", patch, NULL), ==, OK);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "show", uuid, "--history", "--json", NULL), ==, OK);
  g_clear_pointer (&node, json_node_unref);
  node = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "escalate", uuid, "--to", "2", "--facts", "Feiten",
                            "--assessment", "Oordeel", "--decision", "Besluit",
                            "--instruments", "link-signals, look-for-patterns", "--role", "burgemeester", NULL), ==, OK);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "list", "--level", "2", "--json", NULL), ==, OK);
  g_clear_pointer (&node, json_node_unref);
  node = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "link", uuid, g_strstrip (second), "--type", "same-campaign", NULL), ==, OK);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "case", "create", "Campagne", "Noord", NULL), ==, OK);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "case", "add", "Campagne Noord", uuid, NULL), ==, OK);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "case", "list", "--json", NULL), ==, OK);
  g_clear_pointer (&node, json_node_unref);
  node = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "search", "noord", NULL), ==, OK);
  g_assert_nonnull (strstr (out, uuid));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "retention", "overdue", "--today", "2099-01-01", "--json", NULL), ==, OK);
  g_clear_pointer (&node, json_node_unref);
  node = parse_json (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "stats", "--json", NULL), ==, OK);
  g_clear_pointer (&node, json_node_unref);
  node = parse_json (out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "total"), ==, 2);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "retention", "purge", uuid, "--yes", NULL), ==, OK);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "show", uuid, NULL), ==, NOT_FOUND);
  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "audit", "verify", NULL), ==, OK);
}

typedef struct
{
  int         expected;
  const char *args[16];
} BadCase;

static void
test_refused_writes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *uuid = add_signal (f);
  g_autofree char *held = add_signal (f);
  g_autofree char *malformed = write_temp (f, "malformed.json", "{\"summary\": \"x\",");
  g_autofree char *unknown_code = NULL;
  g_autofree char *unknown_field = NULL;
  g_autofree char *stale = write_temp (f, "stale.json", "{\"revision\": 9, \"summary\": \"Oud\"}");
  g_autofree char *before = NULL;
  g_autofree char *text = g_strdup (SIGNAL_JSON);
  const char *missing = "6f1c2f7e-2a4b-4c1d-9e8f-0a1b2c3d4e5f";

  {
    g_autofree char *doc = g_strdup (SIGNAL_JSON);
    char *p = strstr (doc, "\"H3\"");

    p[1] = 'Z';
    p[2] = '9';
    unknown_code = write_temp (f, "unknown-code.json", doc);
  }
  text[strlen (text) - 1] = '\0';
  {
    g_autofree char *doc = g_strconcat (text, ", \"victim_name\": \"X\"}", NULL);

    unknown_field = write_temp (f, "unknown-field.json", doc);
  }

  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "retention", "hold", held, NULL), ==, OK);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "link", uuid, held, "--type", "duplicate", NULL), ==, OK);
  before = state (f);

  {
    BadCase cases[] = {
      { INVALID, { "add", malformed, "--organisation", "O", "--role", "r" } },
      { INVALID, { "add", unknown_code, "--organisation", "O", "--role", "r" } },
      { INVALID, { "add", unknown_field, "--organisation", "O", "--role", "r" } },
      /* No recording organisation anywhere. */
      { INVALID, { "add", unknown_code } },
      { INVALID, { "add", malformed } },
      /* Skipping levels without a reason. */
      { INVALID, { "escalate", uuid, "--to", "3", "--facts", "F", "--assessment", "A",
                   "--decision", "D", "--role", "burgemeester" } },
      /* Missing justification. */
      { INVALID, { "escalate", uuid, "--to", "2", "--facts", "F", "--decision", "D", "--role", "burgemeester" } },
      /* A municipality cannot escalate into the national levels. */
      { INVALID, { "escalate", uuid, "--to", "5", "--kind", "escalate", "--facts", "F", "--assessment", "A",
                   "--decision", "D", "--role", "burgemeester", "--skip-reason", "S" } },
      { INVALID, { "edit", uuid, "--file", unknown_code } },
      { INVALID, { "search", "  ?! " } },
      { INVALID, { "list", "--category", "Z9" } },
      { CONFLICT, { "edit", uuid, "--file", stale } },
      { NOT_FOUND, { "show", missing } },
      { NOT_FOUND, { "escalate", missing, "--to", "2" } },
      { NOT_FOUND, { "case", "add", "Bestaat niet", uuid } },
      { REFUSED, { "retention", "purge", held, "--yes" } },
      { REFUSED, { "link", uuid, held, "--type", "duplicate" } },
      { USAGE, { "retention", "purge", uuid } },
      { USAGE, { "link", uuid, held } },
      { USAGE, { "link", uuid, held, "--type", "friends" } },
      { USAGE, { "escalate", uuid } },
      { USAGE, { "escalate", uuid, "--to", "2", "--kind", "sideways" } },
      { USAGE, { "list", "--tlp", "PURPLE" } },
      { USAGE, { "show" } },
      { USAGE, { "demo", "--count", "0" } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        const char * const *a = cases[i].args;
        g_autofree char *err = NULL;
        g_autofree char *after = NULL;
        int status = run_cli (f, NULL, &err, NULL, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7],
                              a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15], NULL);

        g_assert_cmpint (status, ==, cases[i].expected);
        /* One clear line on stderr. */
        g_assert_true (g_str_has_prefix (err, "weerbaar-cli: "));
        after = state (f);
        g_assert_cmpstr (after, ==, before);
      }
  }
}

static void
test_no_vault (Fixture       *f,
               gconstpointer  data)
{
  g_free (f->vault);
  f->vault = g_build_filename (f->dir, "leeg", NULL);
  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "list", NULL), ==, NO_VAULT);
}

static void
test_audit_tampered (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *uuid = add_signal (f);
  g_autofree char *second = add_signal (f);
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  sqlite3 *db;

  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "audit", "verify", NULL), ==, OK);

  /* Below the API: someone with the passphrase edits the log. */
  vault = wb_vault_unlock (f->vault, PASS, NULL, &error);
  g_assert_no_error (error);
  db = _wb_store_get_db (wb_vault_get_store (vault));
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_log_no_update;"
                                     "UPDATE audit_log SET actor_role = 'someone-else' WHERE seq = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  wb_vault_lock (vault);

  g_assert_cmpint (run_cli (f, NULL, NULL, NULL, "audit", "verify", NULL), ==, AUDIT_BROKEN);
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonArray *array;

  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "demo", "--count", "300", "--quiet", NULL), ==, OK);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "stats", "--json", NULL), ==, OK);
  node = parse_json (out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "total"), ==, 300);
  /* Varied: more than one level and municipality. */
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (json_node_get_object (node), "by_level")), >, 1);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (json_node_get_object (node), "by_municipality")), >, 10);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "list", "--json", "--limit", "5", NULL), ==, OK);
  list = parse_json (out);
  array = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (array), ==, 5);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, &out, NULL, NULL, "audit", "verify", NULL), ==, OK);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli-signals/flow", Fixture, NULL, fixture_setup, test_flow, fixture_teardown);
  g_test_add ("/cli-signals/refused-writes-nothing", Fixture, NULL, fixture_setup,
              test_refused_writes_nothing, fixture_teardown);
  g_test_add ("/cli-signals/no-vault", Fixture, NULL, fixture_setup, test_no_vault, fixture_teardown);
  g_test_add ("/cli-signals/audit-tampered", Fixture, NULL, fixture_setup, test_audit_tampered, fixture_teardown);
  g_test_add ("/cli-signals/demo", Fixture, NULL, fixture_setup, test_demo, fixture_teardown);

  return g_test_run ();
}
