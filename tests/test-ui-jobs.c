/* test-ui-jobs.c — what every page's records jobs share: busy, toasts, cancel
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-ui-common.h"

#include "wb-core.h"
#include "wb-ui-jobs.h"

#define PASSPHRASE "correct horse battery staple"

/* ---- an owner like the pages: a "busy" property and ::add-toast -------- */

#define TEST_TYPE_OWNER (test_owner_get_type ())
G_DECLARE_FINAL_TYPE (TestOwner, test_owner, TEST, OWNER, GObject)

struct _TestOwner
{
  GObject   parent_instance;
  WbUiJobs  jobs;
};

G_DEFINE_FINAL_TYPE (TestOwner, test_owner, G_TYPE_OBJECT)

enum { PROP_0, PROP_BUSY, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
test_owner_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TestOwner *self = TEST_OWNER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, wb_ui_jobs_is_busy (&self->jobs));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_owner_finalize (GObject *object)
{
  wb_ui_jobs_clear (&TEST_OWNER (object)->jobs);

  G_OBJECT_CLASS (test_owner_parent_class)->finalize (object);
}

static void
test_owner_class_init (TestOwnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_owner_get_property;
  object_class->finalize = test_owner_finalize;
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
}

static char *
describe (const GError *error)
{
  return g_strdup_printf ("Described <%s>", error->message);
}

static void
test_owner_init (TestOwner *self)
{
  wb_ui_jobs_init (&self->jobs, self, properties[PROP_BUSY], describe);
}

/* ---- fixture --------------------------------------------------------- */

typedef struct
{
  WbVault   *vault;
  TestOwner *owner;
  GPtrArray *busy_seen;   /* the "busy" value at each notification */
  GPtrArray *toasts;      /* titles */
  guint      n_done;
  guint      n_freed;
  gboolean   done_with_result;
  char      *done_result;
} Fixture;

static void
busy_cb (TestOwner  *owner,
         GParamSpec *pspec,
         Fixture    *f)
{
  g_ptr_array_add (f->busy_seen, GINT_TO_POINTER (wb_ui_jobs_is_busy (&owner->jobs)));
}

static void
toast_cb (TestOwner *owner,
          AdwToast  *toast,
          Fixture   *f)
{
  g_ptr_array_add (f->toasts, g_strdup (adw_toast_get_title (toast)));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "vault", NULL);
  g_autoptr(GError) error = NULL;

  f->vault = wb_vault_create (dir, PASSPHRASE, WB_VAULT_COST_MIN, NULL, NULL, &error);
  g_assert_no_error (error);
  f->owner = g_object_new (TEST_TYPE_OWNER, NULL);
  f->busy_seen = g_ptr_array_new ();
  f->toasts = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->owner, "notify::busy", G_CALLBACK (busy_cb), f);
  g_signal_connect (f->owner, "add-toast", G_CALLBACK (toast_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->owner);
  g_clear_pointer (&f->busy_seen, g_ptr_array_unref);
  g_clear_pointer (&f->toasts, g_ptr_array_unref);
  g_clear_pointer (&f->done_result, g_free);
  wb_vault_lock (f->vault);
  g_clear_object (&f->vault);
}

/* ---- jobs and callbacks ---------------------------------------------- */

static gpointer
ok_job (WbStore       *store,
        gpointer       data,
        GCancellable  *cancellable,
        GError       **error)
{
  return g_strdup (data);
}

static gpointer
failing_job (WbStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_set_error_literal (error, WB_RECORDS_ERROR, WB_RECORDS_ERROR_NOT_FOUND, "No such signal");
  return NULL;
}

static void
user_data_free (gpointer user_data)
{
  Fixture *f = user_data;

  f->n_freed++;
}

static void
done (gpointer owner,
      gpointer result,
      gpointer user_data)
{
  Fixture *f = user_data;

  g_assert_true (owner == (gpointer) f->owner);
  f->n_done++;
  f->done_with_result = result != NULL;
  g_free (f->done_result);
  f->done_result = g_strdup (result);
  /* The callback owns @user_data. */
  user_data_free (f);
}

static void
run (Fixture          *f,
     WbRecordsJobFunc  func,
     GCancellable     *cancellable)
{
  wb_ui_jobs_run (&f->owner->jobs, wb_vault_get_store (f->vault), func,
                  g_strdup ("result"), g_free, g_free, cancellable,
                  done, f, user_data_free);
}

/* ---- tests ----------------------------------------------------------- */

static void
test_success (Fixture       *f,
              gconstpointer  data)
{
  run (f, ok_job, wb_ui_jobs_get_cancellable (&f->owner->jobs));
  g_assert_true (wb_ui_jobs_is_busy (&f->owner->jobs));
  WB_WAIT_FOR (f->n_done > 0);

  g_assert_cmpuint (f->n_done, ==, 1);
  g_assert_true (f->done_with_result);
  g_assert_cmpstr (f->done_result, ==, "result");
  g_assert_cmpuint (f->n_freed, ==, 1);
  g_assert_cmpuint (f->toasts->len, ==, 0);
  /* Busy from the start to the end, told once each way. */
  g_assert_cmpuint (f->busy_seen->len, ==, 2);
  g_assert_true (GPOINTER_TO_INT (f->busy_seen->pdata[0]));
  g_assert_false (GPOINTER_TO_INT (f->busy_seen->pdata[1]));
}

static void
test_failure (Fixture       *f,
              gconstpointer  data)
{
  run (f, failing_job, NULL);
  WB_WAIT_FOR (f->n_done > 0);

  /* The failure is shown as the owner words it, as text (not markup)… */
  g_assert_cmpuint (f->toasts->len, ==, 1);
  g_assert_cmpstr (f->toasts->pdata[0], ==, "Described &lt;No such signal&gt;");
  /* …and the callback still runs, without a result, to tidy up. */
  g_assert_cmpuint (f->n_done, ==, 1);
  g_assert_false (f->done_with_result);
  g_assert_cmpuint (f->n_freed, ==, 1);
  g_assert_false (wb_ui_jobs_is_busy (&f->owner->jobs));
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  /* The owner going away (dispose) or showing another store cancels. */
  run (f, ok_job, wb_ui_jobs_get_cancellable (&f->owner->jobs));
  run (f, failing_job, wb_ui_jobs_get_cancellable (&f->owner->jobs));
  wb_ui_jobs_cancel (&f->owner->jobs);
  WB_WAIT_FOR (!wb_ui_jobs_is_busy (&f->owner->jobs));

  g_assert_cmpuint (f->n_done, ==, 0);
  g_assert_cmpuint (f->toasts->len, ==, 0);
  g_assert_cmpuint (f->n_freed, ==, 2);

  /* Later jobs run again. */
  run (f, ok_job, wb_ui_jobs_get_cancellable (&f->owner->jobs));
  WB_WAIT_FOR (f->n_done > 0);
  g_assert_true (f->done_with_result);
}

static void
test_hold (Fixture       *f,
           gconstpointer  data)
{
  /* Work around a job (reading a file first) nests: busy is told once. */
  wb_ui_jobs_hold (&f->owner->jobs);
  run (f, ok_job, NULL);
  wb_ui_jobs_release (&f->owner->jobs);
  g_assert_true (wb_ui_jobs_is_busy (&f->owner->jobs));
  WB_WAIT_FOR (f->n_done > 0);

  g_assert_false (wb_ui_jobs_is_busy (&f->owner->jobs));
  g_assert_cmpuint (f->busy_seen->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  if (!wb_test_ui_init (&argc, &argv))
    return 0;

  g_test_add ("/ui/jobs/success", Fixture, NULL, fixture_setup, test_success, fixture_teardown);
  g_test_add ("/ui/jobs/failure", Fixture, NULL, fixture_setup, test_failure, fixture_teardown);
  g_test_add ("/ui/jobs/cancelled", Fixture, NULL, fixture_setup, test_cancelled, fixture_teardown);
  g_test_add ("/ui/jobs/hold", Fixture, NULL, fixture_setup, test_hold, fixture_teardown);

  return g_test_run ();
}
