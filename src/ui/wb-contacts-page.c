/* wb-contacts-page.c — our identity and the pinned contacts (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-contacts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-contacts-page.h"
#include "wb-exchange-ui.h"
#include "wb-ui-jobs.h"

struct _WbContactsPage
{
  AdwBin         parent_instance;

  WbStore       *store;
  WbUiJobs       jobs;
  char          *card;        /* ours, public */
  GPtrArray     *contacts;    /* WbContact */

  AdwActionRow  *organisation_row;
  AdwActionRow  *role_row;
  AdwActionRow  *kind_row;
  AdwBin        *fingerprint_bin;
  GtkWidget     *export_card_button;
  GtkStack      *stack;
  GtkListBox    *list_box;
};

G_DEFINE_FINAL_TYPE (WbContactsPage, wb_contacts_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
toast_text (WbContactsPage *self,
            const char     *text)
{
  g_autoptr(AdwToast) t = wb_ui_toast_new (text);

  g_signal_emit (self, signals[ADD_TOAST], 0, t);
}

/* ---- jobs (worker thread, under the records jobs lock) --------------- */

typedef struct
{
  char      *organisation;
  char      *role;
  char      *fingerprint;
  char      *card;
  char      *kind;
  GError    *identity_error;
  GPtrArray *contacts;
} State;

static void
state_free (State *state)
{
  g_free (state->organisation);
  g_free (state->role);
  g_free (state->fingerprint);
  g_free (state->card);
  g_free (state->kind);
  g_clear_error (&state->identity_error);
  g_clear_pointer (&state->contacts, g_ptr_array_unref);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (State, state_free)

static gpointer
load_job (WbStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(State) state = g_new0 (State, 1);
  g_autoptr(WbIdentity) identity = NULL;

  /* Without an organisation name there is no identity yet: the page
   * still lists the contacts and says what to do. */
  identity = wb_identity_ensure (store, &state->identity_error);
  if (identity != NULL)
    {
      state->organisation = g_strdup (wb_identity_get_organisation (identity));
      state->role = g_strdup (wb_identity_get_role (identity));
      state->fingerprint = g_strdup (wb_identity_get_fingerprint (identity));
      state->card = wb_identity_dup_card (identity);
    }
  state->kind = wb_store_dup_setting (store, WB_RECORDS_SETTING_VAULT_KIND);
  state->contacts = wb_contacts_list (store, error);
  if (state->contacts == NULL)
    return NULL;
  return g_steal_pointer (&state);
}

typedef struct
{
  char     *name;
  GBytes   *card;
} Job;

static void
job_free (Job *job)
{
  g_free (job->name);
  g_clear_pointer (&job->card, g_bytes_unref);
  g_free (job);
}

static gpointer
pin_job (WbStore       *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  Job *job = data;
  gsize len;
  const char *card = g_bytes_get_data (job->card, &len);

  return wb_contacts_add (store, card, len, FALSE, error);
}

static gpointer
verify_job (WbStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;

  if (!wb_contacts_set_verified (store, job->name, error))
    return NULL;
  return g_strdup (job->name);
}

/* ---- rows ------------------------------------------------------------ */

static void
compare_clicked_cb (GtkButton      *button,
                    WbContactsPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "contact-name");

  wb_contacts_page_compare (self, name);
}

static GtkWidget *
create_row (WbContactsPage  *self,
            const WbContact *contact)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Compare…"));
  GtkWidget *status = gtk_image_new_from_icon_name (contact->verified ? "emblem-ok-symbolic"
                                                                      : "dialog-warning-symbolic");
  g_autofree char *subtitle = NULL;
  g_autofree char *button_label = NULL;

  /* Translators: under a contact: "liaison officer · Verified" */
  subtitle = g_strdup_printf (_("%s · %s"), contact->role,
                              contact->verified ? _("Verified") : _("Not verified"));
  gtk_widget_set_name (row, "contact-row");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), contact->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_accessible_update_property (GTK_ACCESSIBLE (status),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  contact->verified ? _("Verified") : _("Not verified"),
                                  -1);
  gtk_widget_add_css_class (status, contact->verified ? "success" : "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), status);

  /* Translators: accessible name of the button on a contact's row */
  button_label = g_strdup_printf (_("Compare the fingerprint of %s"), contact->name);
  gtk_widget_set_name (button, "contact-compare");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, button_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "contact-name", g_strdup (contact->name), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (compare_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "coordinator") == 0)
    return _("National coordinator");
  return _("Municipality");
}

static void
show_state (WbContactsPage *self,
            State          *state)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->card, g_free);

  if (state == NULL)
    {
      adw_bin_set_child (self->fingerprint_bin, NULL);
      gtk_widget_set_sensitive (self->export_card_button, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->contacts = g_ptr_array_ref (state->contacts);
  self->card = g_strdup (state->card);
  adw_action_row_set_subtitle (self->organisation_row, state->organisation ? state->organisation : "");
  adw_action_row_set_subtitle (self->role_row, state->role ? state->role : "");
  adw_action_row_set_subtitle (self->kind_row, kind_label (state->kind));
  if (state->fingerprint != NULL)
    {
      GtkWidget *label = wb_exchange_ui_fingerprint_label (state->fingerprint);

      gtk_widget_set_name (label, "contacts-fingerprint");
      adw_bin_set_child (self->fingerprint_bin, label);
    }
  else
    {
      g_autofree char *message = wb_exchange_ui_describe_error (state->identity_error);
      GtkWidget *label = gtk_label_new (message);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      adw_bin_set_child (self->fingerprint_bin, label);
    }
  gtk_widget_set_sensitive (self->export_card_button, self->card != NULL);

  for (guint i = 0; i < state->contacts->len; i++)
    gtk_list_box_append (self->list_box, create_row (self, g_ptr_array_index (state->contacts, i)));
  gtk_stack_set_visible_child_name (self->stack, state->contacts->len > 0 ? "list" : "empty");
}

static void
load_done (gpointer owner,
           gpointer result,
           gpointer user_data)
{
  if (result != NULL)
    show_state (WB_CONTACTS_PAGE (owner), result);
}

void
wb_contacts_page_reload (WbContactsPage *self)
{
  g_return_if_fail (WB_IS_CONTACTS_PAGE (self));

  if (self->store == NULL)
    {
      show_state (self, NULL);
      return;
    }
  wb_ui_jobs_run (&self->jobs, self->store, load_job, NULL, NULL, (GDestroyNotify) state_free,
                  wb_ui_jobs_get_cancellable (&self->jobs), load_done, NULL, NULL);
}

/* ---- pinning ----------------------------------------------------------- */

static void
pin_done (gpointer owner,
          gpointer result,
          gpointer user_data)
{
  WbContactsPage *self = owner;
  const WbContact *contact = result;
  g_autofree char *text = NULL;

  if (contact == NULL)
    return;
  /* Translators: toast; %s is an organisation */
  text = g_strdup_printf (_("%s added; compare the fingerprint to verify it"), contact->name);
  toast_text (self, text);
  wb_contacts_page_reload (self);
}

static void
pin_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 WbContactsPage   *self)
{
  GBytes *card = g_object_get_data (G_OBJECT (dialog), "card");
  Job *job;

  if (g_strcmp0 (response, "pin") != 0 || self->store == NULL || card == NULL)
    return;

  job = g_new0 (Job, 1);
  job->card = g_bytes_ref (card);
  wb_ui_jobs_run (&self->jobs, self->store, pin_job, job, (GDestroyNotify) job_free,
                  (GDestroyNotify) wb_contact_free, wb_ui_jobs_get_cancellable (&self->jobs),
                  pin_done, NULL, NULL);
}

static void
ask_to_pin (WbContactsPage *self,
            GBytes         *card)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbContact) contact = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  gsize len;
  const char *text = g_bytes_get_data (card, &len);

  /* Parsing checks the card's self-signature; it touches no vault. */
  contact = wb_contact_card_parse (text, len, &error);
  if (contact == NULL)
    {
      wb_ui_jobs_toast_error (&self->jobs, error);
      return;
    }

  dialog = adw_message_dialog_new (wb_exchange_ui_get_window (GTK_WIDGET (self)),
                                   _("Add Contact?"), NULL);
  /* Translators: %s is an organisation, then its role */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("This card belongs to “%s” (%s). Once added, you can send bundles to them and accept bundles signed by them. It is added as not verified: call them and compare this fingerprint first."),
                                  contact->name, contact->role);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), wb_exchange_ui_fingerprint_label (contact->fingerprint));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "pin", _("_Add Contact"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "pin",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "pin");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_widget_set_name (dialog, "contacts-pin-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "card", g_bytes_ref (card), (GDestroyNotify) g_bytes_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (pin_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
card_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WbContactsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &len, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_text (self, _("Could not read the contact card"));
      return;
    }
  bytes = g_bytes_new_take (contents, len);
  if (len > WB_CONTACT_CARD_MAX_BYTES)
    {
      toast_text (self, _("This file is too large to be a contact card"));
      return;
    }
  ask_to_pin (self, bytes);
}

void
wb_contacts_page_add_card_file (WbContactsPage *self,
                                GFile          *file)
{
  g_return_if_fail (WB_IS_CONTACTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, wb_ui_jobs_get_cancellable (&self->jobs),
                              card_loaded_cb, g_object_ref (self));
}

static void
open_response_cb (GtkNativeDialog *native,
                  int              response,
                  WbContactsPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        wb_contacts_page_add_card_file (self, file);
    }
  g_object_unref (native);
}

static void
add_card_clicked_cb (WbContactsPage *self)
{
  GtkFileChooserNative *native;

  g_assert (WB_IS_CONTACTS_PAGE (self));

  native = gtk_file_chooser_native_new (_("Add Contact Card"),
                                        wb_exchange_ui_get_window (GTK_WIDGET (self)),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- our card ---------------------------------------------------------- */

static void
card_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WbContactsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_text (self, _("Could not save the contact card"));
      return;
    }
  toast_text (self, _("Contact card saved"));
}

void
wb_contacts_page_export_card_file (WbContactsPage *self,
                                   GFile          *file)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (WB_IS_CONTACTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->card == NULL)
    return;
  bytes = g_bytes_new (self->card, strlen (self->card));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       wb_ui_jobs_get_cancellable (&self->jobs),
                                       card_saved_cb, g_object_ref (self));
}

static void
save_response_cb (GtkNativeDialog *native,
                  int              response,
                  WbContactsPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        wb_contacts_page_export_card_file (self, file);
    }
  g_object_unref (native);
}

static void
export_card_clicked_cb (WbContactsPage *self)
{
  GtkFileChooserNative *native;

  g_assert (WB_IS_CONTACTS_PAGE (self));

  native = gtk_file_chooser_native_new (_("Export Contact Card"),
                                        wb_exchange_ui_get_window (GTK_WIDGET (self)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* Translators: suggested file name of our contact card */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("contact-card.txt"));
  g_signal_connect_object (native, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- fingerprint comparison ------------------------------------------- */

static void
verify_done (gpointer owner,
             gpointer result,
             gpointer user_data)
{
  WbContactsPage *self = owner;
  const char *name = result;
  g_autofree char *text = NULL;

  if (name == NULL)
    return;
  /* Translators: toast; %s is an organisation */
  text = g_strdup_printf (_("%s is verified"), name);
  toast_text (self, text);
  wb_contacts_page_reload (self);
}

static void
compare_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     WbContactsPage   *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "contact-name");
  Job *job;

  if (g_strcmp0 (response, "verify") != 0 || self->store == NULL || name == NULL)
    return;

  job = g_new0 (Job, 1);
  job->name = g_strdup (name);
  wb_ui_jobs_run (&self->jobs, self->store, verify_job, job, (GDestroyNotify) job_free, g_free,
                  wb_ui_jobs_get_cancellable (&self->jobs), verify_done, NULL, NULL);
}

void
wb_contacts_page_compare (WbContactsPage *self,
                          const char     *name)
{
  const WbContact *contact = NULL;
  GtkWidget *dialog;

  g_return_if_fail (WB_IS_CONTACTS_PAGE (self));

  for (guint i = 0; self->contacts != NULL && i < self->contacts->len; i++)
    {
      const WbContact *c = g_ptr_array_index (self->contacts, i);

      if (g_strcmp0 (c->name, name) == 0)
        contact = c;
    }
  if (contact == NULL)
    return;

  dialog = adw_message_dialog_new (wb_exchange_ui_get_window (GTK_WIDGET (self)),
                                   _("Compare Fingerprint"), NULL);
  if (contact->verified)
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("You verified the fingerprint of “%s” before."),
                                    contact->name);
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("Call “%s” on a phone number you already know — not one from the card — and read the fingerprint aloud, group by group. Mark it verified only if every group matches what they see on their screen."),
                                    contact->name);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      wb_exchange_ui_fingerprint_label (contact->fingerprint));
  if (contact->verified)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
    }
  else
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Not Now"),
                                        "verify", _("_Fingerprints Match"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "verify",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    }
  gtk_widget_set_name (dialog, "contacts-compare-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "contact-name", g_strdup (contact->name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (compare_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject --------------------------------------------------------- */

static void
wb_contacts_page_dispose (GObject *object)
{
  WbContactsPage *self = (WbContactsPage *)object;

  wb_ui_jobs_cancel (&self->jobs);
  g_clear_object (&self->store);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);

  /* AdwBin 1.2 unparents its child again in its own dispose. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_CONTACTS_PAGE);

  G_OBJECT_CLASS (wb_contacts_page_parent_class)->dispose (object);
}

static void
wb_contacts_page_finalize (GObject *object)
{
  WbContactsPage *self = (WbContactsPage *)object;

  wb_ui_jobs_clear (&self->jobs);
  g_clear_pointer (&self->card, g_free);

  G_OBJECT_CLASS (wb_contacts_page_parent_class)->finalize (object);
}

static void
wb_contacts_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WbContactsPage *self = WB_CONTACTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, wb_ui_jobs_is_busy (&self->jobs));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_contacts_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WbContactsPage *self = WB_CONTACTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_contacts_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (wb_contacts_page_parent_class)->constructed (object);

  wb_contacts_page_reload (WB_CONTACTS_PAGE (object));
}

static void
wb_contacts_page_class_init (WbContactsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = wb_contacts_page_constructed;
  object_class->dispose = wb_contacts_page_dispose;
  object_class->finalize = wb_contacts_page_finalize;
  object_class->get_property = wb_contacts_page_get_property;
  object_class->set_property = wb_contacts_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         WB_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * WbContactsPage::add-toast:
   * @toast: the toast to show; handlers take their own reference
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-contacts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WbContactsPage, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, WbContactsPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, WbContactsPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, WbContactsPage, fingerprint_bin);
  gtk_widget_class_bind_template_child (widget_class, WbContactsPage, export_card_button);
  gtk_widget_class_bind_template_child (widget_class, WbContactsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, WbContactsPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, add_card_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_card_clicked_cb);
}

static void
wb_contacts_page_init (WbContactsPage *self)
{
  wb_ui_jobs_init (&self->jobs, self, properties[PROP_LOADING], wb_exchange_ui_describe_error);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public API ------------------------------------------------------ */

GtkWidget *
wb_contacts_page_new (WbStore *store)
{
  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  return g_object_new (WB_TYPE_CONTACTS_PAGE, "store", store, NULL);
}

WbStore *
wb_contacts_page_get_store (WbContactsPage *self)
{
  g_return_val_if_fail (WB_IS_CONTACTS_PAGE (self), NULL);

  return self->store;
}

gboolean
wb_contacts_page_get_loading (WbContactsPage *self)
{
  g_return_val_if_fail (WB_IS_CONTACTS_PAGE (self), FALSE);

  return wb_ui_jobs_is_busy (&self->jobs);
}

GPtrArray *
wb_contacts_page_get_contacts (WbContactsPage *self)
{
  g_return_val_if_fail (WB_IS_CONTACTS_PAGE (self), NULL);

  return self->contacts;
}
