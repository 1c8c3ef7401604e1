/* test-core.c — smoke test of libweerbaar-core's foundations
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "wb-core.h"

static void
test_key_random_distinct (void)
{
  g_autoptr(WbKey) a = wb_key_new_random ();
  g_autoptr(WbKey) b = wb_key_new_random ();

  g_assert_false (wb_key_equal (a, b));
}

static void
test_key_derive_deterministic (void)
{
  static const guint8 master_bytes[WB_KEY_BYTES] = { 1, 2, 3 };
  g_autoptr(WbKey) master = wb_key_new_from (master_bytes, sizeof master_bytes);
  g_autoptr(WbKey) a = wb_key_derive (master, 1, "WBtest__");
  g_autoptr(WbKey) b = wb_key_derive (master, 1, "WBtest__");
  g_autoptr(WbKey) c = wb_key_derive (master, 2, "WBtest__");

  g_assert_true (wb_key_equal (a, b));
  g_assert_false (wb_key_equal (a, c));
  g_assert_false (wb_key_equal (a, master));
}

static void
test_key_refcount (void)
{
  WbKey *key = wb_key_new_random ();
  WbKey *other = wb_key_ref (key);

  g_assert_true (key == other);
  wb_key_unref (other);
  /* still alive: reading must not fault */
  g_assert_nonnull (wb_key_get_data (key));
  wb_key_unref (key);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/key/random-distinct", test_key_random_distinct);
  g_test_add_func ("/core/key/derive-deterministic", test_key_derive_deterministic);
  g_test_add_func ("/core/key/refcount", test_key_refcount);

  return g_test_run ();
}
