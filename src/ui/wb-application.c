/* wb-application.c
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "wb-application.h"
#include "wb-window.h"

struct _WbApplication
{
  AdwApplication  parent_instance;

  char           *vault_dir;
  /* The unlocked vault, followed from the window (R9: the application owns
   * it, so it can lock it on shutdown whatever the windows do). */
  WbVault        *vault;
  /* weerbaar --demo: the throw-away vault's folder, deleted on shutdown */
  gboolean        demo;
  char           *demo_dir;
  GCancellable   *demo_cancellable;
  guint           sigint_source;
  guint           sigterm_source;
};

G_DEFINE_FINAL_TYPE (WbApplication, wb_application, ADW_TYPE_APPLICATION)

/* WEERBAAR_KDF_COST=min is a test and CI knob: the end-to-end tests create
 * and unlock vaults through the real binary, and a MODERATE Argon2id run
 * (128 MiB) per step would dominate them.  It only weakens new
 * passphrases of the process it is set for; never set it for real use.
 * "interactive" and "moderate" are accepted too; anything else is the
 * default. */
static WbVaultCost
kdf_cost_from_environment (void)
{
  const char *env = g_getenv ("WEERBAAR_KDF_COST");

  if (g_strcmp0 (env, "min") == 0)
    {
      g_message ("WEERBAAR_KDF_COST=min: new passphrases get the minimum key-derivation cost (tests only)");
      return WB_VAULT_COST_MIN;
    }
  if (g_strcmp0 (env, "interactive") == 0)
    return WB_VAULT_COST_INTERACTIVE;

  return WB_VAULT_COST_MODERATE;
}

static void
window_vault_changed_cb (WbApplication *self,
                         GParamSpec    *pspec,
                         WbWindow      *window)
{
  g_set_object (&self->vault, wb_window_get_vault (window));
}

static WbWindow *
get_main_window (WbApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (WB_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static WbWindow *
ensure_main_window (WbApplication *self)
{
  WbWindow *window = get_main_window (self);

  if (window == NULL)
    {
      window = wb_window_new (GTK_APPLICATION (self), self->vault_dir,
                              kdf_cost_from_environment ());
      g_signal_connect_object (window, "notify::vault",
                               G_CALLBACK (window_vault_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  return window;
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  WbWindow *window = ensure_main_window (WB_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  WbWindow *window = ensure_main_window (WB_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.about", NULL);
}

static void
lock_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  WbApplication *self = WB_APPLICATION (user_data);

  /* Nobody knows the demo vault's passphrase: locking would end the demo. */
  if (self->demo_dir != NULL)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (WB_IS_WINDOW (l->data))
        wb_window_lock (l->data);
    }

  if (self->vault != NULL)
    wb_vault_lock (self->vault);
  g_clear_object (&self->vault);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_activated },
  { "about", about_activated },
  { "lock", lock_activated },
  { "quit", quit_activated },
};

static int
wb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  WbApplication *self = WB_APPLICATION (app);
  const char *dir = NULL;

  /* Runs in every instance; a second instance only raises the first, which
   * keeps the vault it opened. */
  if (g_variant_dict_lookup (options, "vault", "^&ay", &dir) && dir[0] != '\0')
    {
      g_free (self->vault_dir);
      self->vault_dir = g_canonicalize_filename (dir, NULL);
    }

  /* A demo never joins a running instance: that one owns a real vault.
   * Set before registration, so this process is its own instance. */
  if (g_variant_dict_contains (options, "demo"))
    {
      self->demo = TRUE;
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
wb_application_startup (GApplication *app)
{
  WbApplication *self = WB_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *lock_accels[] = { "<Control>l", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (wb_application_parent_class)->startup (app);

  if (self->vault_dir == NULL)
    {
      const char *env = g_getenv ("WEERBAAR_VAULT");

      if (env != NULL && env[0] != '\0')
        self->vault_dir = g_canonicalize_filename (env, NULL);
      else
        self->vault_dir = wb_vault_dup_default_dir ();
    }

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.lock", lock_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
}

/* Ctrl+C in the terminal or a logout must still delete the demo vault. */
static gboolean
demo_quit_signal_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));

  return G_SOURCE_CONTINUE;
}

static void
demo_created_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WbApplication) self = user_data;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  WbWindow *window;

  vault = wb_demo_create_vault_finish (result, &error);
  g_application_unmark_busy (G_APPLICATION (self));
  g_application_release (G_APPLICATION (self));
  if (vault == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_printerr ("%s: %s\n", _("Could not create the demo vault"), error->message);
      g_application_quit (G_APPLICATION (self));
      return;
    }

  self->demo_dir = g_strdup (wb_vault_get_dir (vault));
  g_free (self->vault_dir);
  self->vault_dir = g_strdup (self->demo_dir);

  window = ensure_main_window (self);
  wb_window_open_demo_vault (window, vault);
  gtk_window_present (GTK_WINDOW (window));
}

static void
wb_application_activate (GApplication *app)
{
  WbApplication *self = WB_APPLICATION (app);
  WbWindow *window;

  if (self->demo && self->demo_dir == NULL)
    {
      /* Creating and filling takes a moment; keep running meanwhile. */
      if (self->demo_cancellable == NULL)
        {
          self->demo_cancellable = g_cancellable_new ();
          g_application_hold (app);
          g_application_mark_busy (app);
          self->sigint_source = g_unix_signal_add (SIGINT, demo_quit_signal_cb, self);
          self->sigterm_source = g_unix_signal_add (SIGTERM, demo_quit_signal_cb, self);
          wb_demo_create_vault_async (WB_APPLICATION_DEMO_SIGNALS, self->demo_cancellable,
                                      demo_created_cb, g_object_ref (self));
        }
      return;
    }

  window = ensure_main_window (self);
  gtk_window_present (GTK_WINDOW (window));
}

static void
wb_application_shutdown (GApplication *app)
{
  WbApplication *self = WB_APPLICATION (app);

  if (self->demo_cancellable != NULL)
    g_cancellable_cancel (self->demo_cancellable);
  g_clear_handle_id (&self->sigint_source, g_source_remove);
  g_clear_handle_id (&self->sigterm_source, g_source_remove);

  /* The demo vault goes with the app: close its windows (which lock it),
   * then delete the folder. */
  if (self->demo_dir != NULL)
    {
      g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

      for (GList *l = windows; l != NULL; l = l->next)
        gtk_window_destroy (l->data);
    }

  if (self->vault != NULL)
    {
      wb_records_jobs_lock ();
      wb_vault_lock (self->vault);
      wb_records_jobs_unlock ();
    }
  g_clear_object (&self->vault);

  if (self->demo_dir != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!wb_demo_delete_vault (self->demo_dir, &error))
        g_warning ("Could not delete the demo vault: %s", error->message);
    }

  G_APPLICATION_CLASS (wb_application_parent_class)->shutdown (app);
}

static void
wb_application_finalize (GObject *object)
{
  WbApplication *self = (WbApplication *)object;

  g_clear_object (&self->vault);
  g_clear_pointer (&self->vault_dir, g_free);
  g_clear_pointer (&self->demo_dir, g_free);
  g_clear_object (&self->demo_cancellable);

  G_OBJECT_CLASS (wb_application_parent_class)->finalize (object);
}

static void
wb_application_class_init (WbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = wb_application_finalize;

  app_class->handle_local_options = wb_application_handle_local_options;
  app_class->startup = wb_application_startup;
  app_class->activate = wb_application_activate;
  app_class->shutdown = wb_application_shutdown;
}

static void
wb_application_init (WbApplication *self)
{
  static const GOptionEntry options[] = {
    { "vault", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the vault in folder DIR instead of the default one"), N_("DIR") },
    { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Try Weerbaar with fictional signals in a throw-away vault, deleted on quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

WbApplication *
wb_application_new (void)
{
  return g_object_new (WB_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/* (nullable) the folder of the demo vault while one is open */
const char *
wb_application_get_demo_dir (WbApplication *self)
{
  g_return_val_if_fail (WB_IS_APPLICATION (self), NULL);

  return self->demo_dir;
}

const char *
wb_application_get_vault_dir (WbApplication *self)
{
  g_return_val_if_fail (WB_IS_APPLICATION (self), NULL);

  return self->vault_dir;
}

/**
 * wb_application_get_vault:
 *
 * Returns: (nullable) (transfer none): the unlocked vault, or %NULL
 */
WbVault *
wb_application_get_vault (WbApplication *self)
{
  g_return_val_if_fail (WB_IS_APPLICATION (self), NULL);

  return self->vault;
}
