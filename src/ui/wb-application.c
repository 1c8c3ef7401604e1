/* wb-application.c
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-application.h"
#include "wb-window.h"

struct _WbApplication
{
  AdwApplication  parent_instance;

  char           *vault_dir;
  /* The unlocked vault, followed from the window (R9: the application owns
   * it, so it can lock it on shutdown whatever the windows do). */
  WbVault        *vault;
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

static void
wb_application_activate (GApplication *app)
{
  WbWindow *window = ensure_main_window (WB_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
}

static void
wb_application_shutdown (GApplication *app)
{
  WbApplication *self = WB_APPLICATION (app);

  if (self->vault != NULL)
    wb_vault_lock (self->vault);
  g_clear_object (&self->vault);

  G_APPLICATION_CLASS (wb_application_parent_class)->shutdown (app);
}

static void
wb_application_finalize (GObject *object)
{
  WbApplication *self = (WbApplication *)object;

  g_clear_object (&self->vault);
  g_clear_pointer (&self->vault_dir, g_free);

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
