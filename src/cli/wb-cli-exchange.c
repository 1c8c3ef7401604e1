/* wb-cli-exchange.c — weerbaar-cli identity, contacts, export, import,
 * acknowledge, conflicts (issue #6)
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "wb-cli-exchange.h"
#include "wb-cli-records.h"

static int
exchange_fail (const GError *error)
{
  int status;

  if (error->domain != WB_EXCHANGE_ERROR)
    return wb_cli_records_fail (error);

  switch ((WbExchangeError) error->code)
    {
    case WB_EXCHANGE_ERROR_REJECTED:
    case WB_EXCHANGE_ERROR_UNKNOWN_SENDER:
    case WB_EXCHANGE_ERROR_NOT_FOR_US:
    case WB_EXCHANGE_ERROR_UNSUPPORTED_VERSION:
      status = WB_CLI_EXIT_BUNDLE_REJECTED;
      break;
    case WB_EXCHANGE_ERROR_CONTACT_NOT_FOUND:
    case WB_EXCHANGE_ERROR_CONFLICT_NOT_FOUND:
      status = WB_CLI_EXIT_NOT_FOUND;
      break;
    case WB_EXCHANGE_ERROR_CONTACT_EXISTS:
      status = WB_CLI_EXIT_REFUSED;
      break;
    case WB_EXCHANGE_ERROR_INVALID_CARD:
    case WB_EXCHANGE_ERROR_INVALID:
    case WB_EXCHANGE_ERROR_NO_IDENTITY:
      status = WB_CLI_EXIT_INVALID;
      break;
    case WB_EXCHANGE_ERROR_FAILED:
    default:
      status = WB_CLI_EXIT_FAILURE;
      break;
    }

  g_printerr ("weerbaar-cli: %s\n", error->message);
  return status;
}

static WbIdentity *
unlock_identity (WbCli     *cli,
                 WbVault  **vault,
                 int       *status)
{
  g_autoptr(GError) error = NULL;
  WbIdentity *identity;

  *vault = wb_cli_unlock (cli, &error);
  if (*vault == NULL)
    {
      *status = wb_cli_fail (error);
      return NULL;
    }
  identity = wb_identity_ensure (wb_vault_get_store (*vault), &error);
  if (identity == NULL)
    *status = exchange_fail (error);
  return identity;
}

static gboolean
write_output (const char  *path,
              const char  *text,
              int          mode,
              GError     **error)
{
  if (path == NULL || g_str_equal (path, "-"))
    {
      g_print ("%s", text);
      return TRUE;
    }
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, mode, error);
}

int
wb_cli_exchange_fail (const GError *error)
{
  return exchange_fail (error);
}

/* ---- identity ---------------------------------------------------------- */

int
wb_cli_verb_identity_show (WbCli  *cli,
                           int     argc,
                           char  **argv)
{
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(WbIdentity) identity = NULL;
  g_autofree char *age = NULL;
  g_autofree char *sign = NULL;
  g_autofree char *kind_text = NULL;
  WbActorKind kind;
  int status = WB_CLI_EXIT_OK;

  if (!wb_cli_parse (cli, NULL, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  identity = unlock_identity (cli, &vault, &status);
  if (identity == NULL)
    return status;

  age = wb_age_recipient_encode (wb_identity_get_age_recipient (identity));
  sign = wb_minisign_public_key_to_base64 (wb_identity_get_sign_key (identity));
  kind_text = wb_store_dup_setting (wb_vault_get_store (vault), WB_RECORDS_SETTING_VAULT_KIND);
  kind = g_strcmp0 (kind_text, "coordinator") == 0 ? WB_ACTOR_COORDINATOR : WB_ACTOR_MUNICIPALITY;
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "organisation");
      json_builder_add_string_value (b, wb_identity_get_organisation (identity));
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, wb_identity_get_role (identity));
      json_builder_set_member_name (b, "fingerprint");
      json_builder_add_string_value (b, wb_identity_get_fingerprint (identity));
      json_builder_set_member_name (b, "age_recipient");
      json_builder_add_string_value (b, age);
      json_builder_set_member_name (b, "minisign_public_key");
      json_builder_add_string_value (b, sign);
      json_builder_set_member_name (b, "vault_kind");
      json_builder_add_string_value (b, wb_enum_to_nick (WB_TYPE_ACTOR_KIND, kind));
      json_builder_end_object (b);
      wb_cli_print_json (b);
    }
  else
    {
      g_print (_("Organisation: %s\n"), wb_identity_get_organisation (identity));
      g_print (_("Role: %s\n"), wb_identity_get_role (identity));
      g_print (_("Fingerprint: %s\n"), wb_identity_get_fingerprint (identity));
      g_print (_("Encryption key (age): %s\n"), age);
      g_print (_("Signing key (minisign): %s\n"), sign);
      g_print (_("Vault kind: %s\n"), wb_enum_get_label (WB_TYPE_ACTOR_KIND, kind));
    }
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_identity_set (WbCli  *cli,
                          int     argc,
                          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *role = NULL;
  g_autofree char *kind = NULL;
  WbStore *store;
  int kind_value;
  GOptionEntry entries[] = {
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation, N_("Name of the organisation (shown to contacts)"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("Role within it, not a person's name"), N_("ROLE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("What this vault is: municipality or coordinator"), N_("KIND") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc > 1 || (organisation == NULL && role == NULL && kind == NULL))
    return wb_cli_usage_error (_("identity set needs --organisation NAME, --role ROLE and/or --kind KIND"));
  if (kind != NULL && !wb_enum_from_nick (WB_TYPE_ACTOR_KIND, kind, &kind_value))
    return wb_cli_usage_error (_("Unknown vault kind; use municipality or coordinator"));
  if ((organisation != NULL && (g_strstrip (organisation)[0] == '\0' || strchr (organisation, '\n') != NULL)) ||
      (role != NULL && strchr (role, '\n') != NULL))
    return wb_cli_usage_error (_("The organisation and role are one line of text each"));

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);
  store = wb_vault_get_store (vault);
  if ((organisation != NULL && !wb_store_set_setting (store, WB_RECORDS_SETTING_ORGANISATION, organisation, &error)) ||
      (role != NULL && !wb_store_set_setting (store, WB_RECORDS_SETTING_ROLE, role, &error)) ||
      (kind != NULL && !wb_store_set_setting (store, WB_RECORDS_SETTING_VAULT_KIND, kind, &error)))
    return wb_cli_fail (error);
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_identity_export_card (WbCli  *cli,
                                  int     argc,
                                  char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(WbIdentity) identity = NULL;
  g_autofree char *output = NULL;
  g_autofree char *card = NULL;
  int status = WB_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the card to FILE (default: standard output)"), N_("FILE") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  identity = unlock_identity (cli, &vault, &status);
  if (identity == NULL)
    return status;

  card = wb_identity_dup_card (identity);
  if (!write_output (output, card, 0644, &error))
    return wb_cli_fail (error);
  if (output != NULL)
    g_printerr (_("Fingerprint to compare by phone: %s\n"), wb_identity_get_fingerprint (identity));
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_identity_export_age (WbCli  *cli,
                                 int     argc,
                                 char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(WbIdentity) identity = NULL;
  g_autofree char *output = NULL;
  char secret[WB_AGE_IDENTITY_STRING_SIZE + 1];
  int status = WB_CLI_EXIT_OK;
  gboolean ok;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the secret key to FILE (created with mode 0600)"), N_("FILE") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (output == NULL || g_str_equal (output, "-"))
    return wb_cli_usage_error (_("identity export-age-identity needs -o FILE; the secret key is never printed"));

  /* Unlocking asks for the passphrase: whoever has the vault open
   * without it cannot take the key out. */
  identity = unlock_identity (cli, &vault, &status);
  if (identity == NULL)
    return status;

  g_printerr ("%s\n", _("Warning: this file holds the secret key that decrypts every bundle sent to this vault. "
                        "Keep it only as long as you need it to check a bundle with age, then delete it."));
  wb_age_identity_encode (wb_identity_get_age_secret (identity), secret);
  secret[WB_AGE_IDENTITY_STRING_SIZE - 1] = '\n';
  secret[WB_AGE_IDENTITY_STRING_SIZE] = '\0';
  ok = g_file_set_contents_full (output, secret, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  sodium_memzero (secret, sizeof secret);
  if (!ok)
    return wb_cli_fail (error);
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

/* ---- contacts ---------------------------------------------------------- */

static void
print_contact (WbContact *c)
{
  g_print ("%s\t%s\t%s\t%s\n", c->name, c->role, c->fingerprint,
           c->verified ? _("verified") : _("not verified"));
}

int
wb_cli_verb_contacts_add (WbCli  *cli,
                          int     argc,
                          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(WbContact) contact = NULL;
  g_autofree char *text = NULL;
  gboolean verified = FALSE;
  gsize len;
  GOptionEntry entries[] = {
    { "verified", 0, 0, G_OPTION_ARG_NONE, &verified, N_("The fingerprint was already compared with the sender"), NULL },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, _("FILE"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc != 2)
    return wb_cli_usage_error (_("contacts add needs one contact card file"));
  if (!g_file_get_contents (argv[1], &text, &len, &error))
    return wb_cli_fail (error);

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);
  contact = wb_contacts_add (wb_vault_get_store (vault), text, len, verified, &error);
  if (contact == NULL)
    return exchange_fail (error);

  print_contact (contact);
  if (!contact->verified)
    g_printerr (_("Compare the fingerprint with %s by phone, then run: weerbaar-cli contacts verify \"%s\"\n"),
                contact->name, contact->name);
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_contacts_list (WbCli  *cli,
                           int     argc,
                           char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GPtrArray) contacts = NULL;

  if (!wb_cli_parse (cli, NULL, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);
  contacts = wb_contacts_list (wb_vault_get_store (vault), &error);
  if (contacts == NULL)
    return exchange_fail (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < contacts->len; i++)
        {
          WbContact *c = g_ptr_array_index (contacts, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, c->name);
          json_builder_set_member_name (b, "role");
          json_builder_add_string_value (b, c->role);
          json_builder_set_member_name (b, "fingerprint");
          json_builder_add_string_value (b, c->fingerprint);
          json_builder_set_member_name (b, "verified");
          json_builder_add_boolean_value (b, c->verified);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      wb_cli_print_json (b);
    }
  else
    for (guint i = 0; i < contacts->len; i++)
      print_contact (g_ptr_array_index (contacts, i));
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_contacts_verify (WbCli  *cli,
                             int     argc,
                             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(WbContact) contact = NULL;
  g_autofree char *name = NULL;

  if (!wb_cli_parse (cli, NULL, _("NAME"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc < 2)
    return wb_cli_usage_error (_("contacts verify needs the contact's name"));
  name = g_strjoinv (" ", argv + 1);

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);
  if (!wb_contacts_set_verified (wb_vault_get_store (vault), name, &error))
    return exchange_fail (error);
  contact = wb_contacts_lookup (wb_vault_get_store (vault), name, &error);
  if (contact == NULL)
    return exchange_fail (error);
  print_contact (contact);
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

/* ---- export ------------------------------------------------------------ */

int
wb_cli_verb_export (WbCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(WbExportReport) report = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  g_autofree char *tlp_max = NULL;
  g_autofree char *kase = NULL;
  g_autofree char *search = NULL;
  g_auto(GStrv) uuids = NULL;
  g_auto(GStrv) recipients = NULL;
  gboolean since_last = FALSE;
  gboolean dry_run = FALSE;
  gboolean with_attachments = FALSE;
  gboolean filtered;
  WbCliFilter filter_options = { 0 };
  WbRecordsFilter filter;
  WbBundleExportOptions options;
  int tlp = WB_TLP_AMBER;
  int status = WB_CLI_EXIT_OK;
  GOptionEntry own[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Recipients: pinned contacts, separated by commas"), N_("NAME[,NAME…]") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the bundle to FILE"), N_("FILE") },
    { "tlp-max", 0, 0, G_OPTION_ARG_STRING, &tlp_max, N_("Send nothing above this TLP label (default AMBER)"), N_("LABEL") },
    { "uuid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &uuids, N_("Only this signal (repeatable)"), N_("UUID") },
    { "case", 0, 0, G_OPTION_ARG_STRING, &kase, N_("Only the signals of this case"), N_("CASE") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only signals matching this text"), N_("TEXT") },
    { "since-last", 0, 0, G_OPTION_ARG_NONE, &since_last, N_("Only what changed since the last bundle to these recipients"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Show what would be sent and what withheld; write and record nothing"), NULL },
    { "with-attachments", 0, 0, G_OPTION_ARG_NONE, &with_attachments, N_("Also send the attachments of the signals sent, as they are (not pseudonymised)"), NULL },
  };

  g_array_append_vals (entries, own, G_N_ELEMENTS (own));
  wb_cli_filter_add_entries (&filter_options, entries);
  /* The filters' --to (a date) would shadow the recipients' --to: the
   * end of the date range is --until here. */
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (g_array_index (entries, GOptionEntry, i).long_name, "to") == 0 &&
        g_array_index (entries, GOptionEntry, i).arg_data != (gpointer) &to)
      {
        g_array_index (entries, GOptionEntry, i).long_name = "until";
        break;
      }
  if (!wb_cli_parse (cli, (GOptionEntry *) entries->data, NULL, &argc, &argv))
    {
      wb_cli_filter_clear (&filter_options);
      return WB_CLI_EXIT_USAGE;
    }

  if (to == NULL || (output == NULL && !dry_run))
    status = wb_cli_usage_error (_("export needs --to NAME and -o FILE"));
  else if (argc > 1)
    status = wb_cli_usage_error (_("export takes no arguments besides its options"));
  else if (tlp_max != NULL && !wb_enum_from_nick (WB_TYPE_TLP, tlp_max, &tlp))
    status = wb_cli_usage_error (_("Unknown TLP label for --tlp-max; use CLEAR, GREEN, AMBER, AMBER+STRICT or RED"));
  else if (!wb_cli_filter_resolve (&filter_options, &filter, &error))
    status = wb_cli_fail (error);
  if (status != WB_CLI_EXIT_OK)
    {
      wb_cli_filter_clear (&filter_options);
      return status;
    }

  filtered = filter_options.category != NULL || filter_options.level != WB_RECORDS_ANY ||
             filter_options.tlp != NULL || filter_options.municipality != NULL ||
             filter_options.from != NULL || filter_options.to != NULL || filter_options.overdue;
  recipients = g_strsplit (to, ",", -1);
  for (guint i = 0; recipients[i] != NULL; i++)
    g_strstrip (recipients[i]);

  wb_bundle_export_options_init (&options);
  options.recipients = (const char * const *) recipients;
  options.uuids = (const char * const *) uuids;
  options.case_name = kase;
  options.search = search;
  options.filter = filtered || search != NULL ? &filter : NULL;
  options.since_last = since_last;
  options.tlp_max = tlp;
  options.with_attachments = with_attachments;

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    status = wb_cli_fail (error);
  else
    {
      if (dry_run)
        report = wb_bundle_export_preview (wb_vault_get_store (vault), &options, NULL, &error);
      else
        report = wb_bundle_export (wb_vault_get_store (vault), &options, output, NULL, &error);
      if (report == NULL)
        status = exchange_fail (error);
    }
  wb_cli_filter_clear (&filter_options);
  if (report == NULL)
    return status;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "bundle_uuid");
      if (report->bundle_uuid != NULL)
        json_builder_add_string_value (b, report->bundle_uuid);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "dry_run");
      json_builder_add_boolean_value (b, dry_run);
      json_builder_set_member_name (b, "recipients");
      json_builder_begin_array (b);
      for (guint i = 0; i < report->recipients->len; i++)
        {
          WbExportRecipient *r = g_ptr_array_index (report->recipients, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, r->name);
          json_builder_set_member_name (b, "fingerprint");
          json_builder_add_string_value (b, r->fingerprint);
          json_builder_set_member_name (b, "sequence");
          json_builder_add_int_value (b, (gint64) r->sequence);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "signals");
      json_builder_add_int_value (b, report->n_signals);
      json_builder_set_member_name (b, "tombstones");
      json_builder_add_int_value (b, report->n_tombstones);
      json_builder_set_member_name (b, "decisions");
      json_builder_add_int_value (b, report->n_decisions);
      json_builder_set_member_name (b, "match_tokens");
      json_builder_add_int_value (b, report->n_match_tokens);
      json_builder_set_member_name (b, "match_key_sent");
      json_builder_add_boolean_value (b, report->match_key_sent);
      json_builder_set_member_name (b, "not_forwarded");
      json_builder_add_int_value (b, report->n_not_forwarded);
      json_builder_set_member_name (b, "attachments");
      json_builder_add_int_value (b, report->n_attachments);
      json_builder_set_member_name (b, "attachment_bytes");
      json_builder_add_int_value (b, (gint64) report->attachment_bytes);
      json_builder_set_member_name (b, "withheld");
      json_builder_begin_array (b);
      for (guint i = 0; i < report->withheld->len; i++)
        {
          WbWithheld *w = g_ptr_array_index (report->withheld, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "uuid");
          json_builder_add_string_value (b, w->uuid);
          json_builder_set_member_name (b, "reason");
          json_builder_add_string_value (b, w->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      wb_cli_print_json (b);
    }
  else
    {
      if (dry_run)
        {
          g_print (_("Dry run: nothing was written or recorded as sent\n"));
          for (guint i = 0; i < report->recipients->len; i++)
            {
              WbExportRecipient *r = g_ptr_array_index (report->recipients, i);
              g_autofree char *seq = g_strdup_printf ("%" G_GUINT64_FORMAT, r->sequence);

              /* Translators: "  to NCTV: bundle 3" (its sequence number) */
              g_print (_("  to %s: bundle %s\n"), r->name, seq);
            }
          g_print (g_dngettext (GETTEXT_PACKAGE, "Would send %u signal, ", "Would send %u signals, ", report->n_signals),
                   report->n_signals);
        }
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "Bundle %s: %u signal, ", "Bundle %s: %u signals, ", report->n_signals),
                 report->bundle_uuid, report->n_signals);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u retraction, ", "%u retractions, ", report->n_tombstones),
               report->n_tombstones);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u withheld\n", "%u withheld\n", report->withheld->len),
               report->withheld->len);
      if (report->n_decisions > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "  %u decision\n", "  %u decisions\n", report->n_decisions),
                 report->n_decisions);
      if (report->n_match_tokens > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "  %u match token\n", "  %u match tokens\n", report->n_match_tokens),
                 report->n_match_tokens);
      if (report->match_key_sent)
        g_print (_("  with this coordinator's match key\n"));
      if (report->n_attachments > 0)
        {
          g_autofree char *size = g_format_size (report->attachment_bytes);

          /* Translators: "  2 attachments (1.2 MB), as they are" */
          g_print (g_dngettext (GETTEXT_PACKAGE, "  %u attachment (%s), as it is\n",
                                "  %u attachments (%s), as they are\n", report->n_attachments),
                   report->n_attachments, size);
        }
      if (report->n_not_forwarded > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "  %u received signal not forwarded (only decisions go back to its sender)\n",
                              "  %u received signals not forwarded (only decisions go back to their sender)\n",
                              report->n_not_forwarded),
                 report->n_not_forwarded);
      for (guint i = 0; i < report->withheld->len; i++)
        {
          WbWithheld *w = g_ptr_array_index (report->withheld, i);

          g_print (_("  withheld %s: %s\n"), w->uuid, w->reason);
        }
    }
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

/* ---- import ------------------------------------------------------------ */

static void
print_report (const char          *file,
              const WbMergeReport *r)
{
  if (r->already_imported)
    {
      g_print (_("%s: bundle %s from %s was imported before; nothing changed\n"), file, r->bundle_uuid, r->sender);
      return;
    }
  if (r->dry_run)
    g_print (_("%s: would import bundle %s from %s: %u added, %u updated, %u unchanged, %u older kept, %u conflicts, %u retracted, %u skipped\n"),
             file, r->bundle_uuid, r->sender,
             r->n_added, r->n_updated, r->n_unchanged, r->n_older, r->n_conflicts, r->n_purged, r->n_skipped);
  else
    g_print (_("%s: imported bundle %s from %s: %u added, %u updated, %u unchanged, %u older kept, %u conflicts, %u retracted, %u skipped\n"),
             file, r->bundle_uuid, r->sender,
             r->n_added, r->n_updated, r->n_unchanged, r->n_older, r->n_conflicts, r->n_purged, r->n_skipped);
  if (r->n_decisions > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u decision added\n", "  %u decisions added\n", r->n_decisions),
             r->n_decisions);
  if (r->n_levels_moved > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u of our signals moved on the ladder by a decision sent back\n",
                          "  %u of our signals moved on the ladder by decisions sent back\n", r->n_levels_moved),
             r->n_levels_moved);
  if (r->n_match_tokens > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u match token stored\n", "  %u match tokens stored\n", r->n_match_tokens),
             r->n_match_tokens);
  if (r->match_key_received)
    g_print (_("  match key received: exports to this sender will carry match tokens\n"));
  for (guint i = 0; i < r->conflicts->len; i++)
    g_print (_("  conflict: %s (same revision, other content; see weerbaar-cli conflicts)\n"),
             (const char *) g_ptr_array_index (r->conflicts, i));
  for (guint i = 0; i < r->notes->len; i++)
    g_print ("  %s\n", (const char *) g_ptr_array_index (r->notes, i));
}

typedef struct
{
  WbCli       *cli;
  JsonBuilder *builder;
  guint        total;
  gboolean     rejected;
  gboolean     failed;
  gboolean     conflicts;
} ImportState;

static void
import_one_cb (guint                index,
               const char          *path,
               const WbMergeReport *r,
               const GError        *error,
               gpointer             user_data)
{
  ImportState *state = user_data;
  JsonBuilder *b = state->builder;

  g_printerr (_("[%u/%u] %s\n"), index + 1, state->total, path);
  if (r == NULL)
    {
      g_printerr ("weerbaar-cli: %s: %s\n", path, error->message);
      if (g_error_matches (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_REJECTED) ||
          g_error_matches (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_UNKNOWN_SENDER) ||
          g_error_matches (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_NOT_FOR_US) ||
          g_error_matches (error, WB_EXCHANGE_ERROR, WB_EXCHANGE_ERROR_UNSUPPORTED_VERSION))
        state->rejected = TRUE;
      else
        state->failed = TRUE;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, path);
      json_builder_set_member_name (b, "rejected");
      json_builder_add_string_value (b, error->message);
      json_builder_end_object (b);
      return;
    }

  if (r->n_conflicts > 0)
    state->conflicts = TRUE;
  if (!state->cli->json)
    {
      print_report (path, r);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "bundle_uuid");
  json_builder_add_string_value (b, r->bundle_uuid);
  json_builder_set_member_name (b, "sender");
  json_builder_add_string_value (b, r->sender);
  json_builder_set_member_name (b, "already_imported");
  json_builder_add_boolean_value (b, r->already_imported);
  json_builder_set_member_name (b, "dry_run");
  json_builder_add_boolean_value (b, r->dry_run);
  json_builder_set_member_name (b, "added");
  json_builder_add_int_value (b, r->n_added);
  json_builder_set_member_name (b, "updated");
  json_builder_add_int_value (b, r->n_updated);
  json_builder_set_member_name (b, "unchanged");
  json_builder_add_int_value (b, r->n_unchanged);
  json_builder_set_member_name (b, "older");
  json_builder_add_int_value (b, r->n_older);
  json_builder_set_member_name (b, "conflicts");
  json_builder_add_int_value (b, r->n_conflicts);
  json_builder_set_member_name (b, "retracted");
  json_builder_add_int_value (b, r->n_purged);
  json_builder_set_member_name (b, "decisions");
  json_builder_add_int_value (b, r->n_decisions);
  json_builder_set_member_name (b, "levels_moved");
  json_builder_add_int_value (b, r->n_levels_moved);
  json_builder_set_member_name (b, "match_tokens");
  json_builder_add_int_value (b, r->n_match_tokens);
  json_builder_set_member_name (b, "match_key_received");
  json_builder_add_boolean_value (b, r->match_key_received);
  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint j = 0; j < r->notes->len; j++)
    json_builder_add_string_value (b, g_ptr_array_index (r->notes, j));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

int
wb_cli_verb_import (WbCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean dry_run = FALSE;
  ImportState state = { 0 };
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Show what would be added, changed and in conflict; change nothing"), NULL },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, _("FILE…"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc < 2)
    return wb_cli_usage_error (_("import needs at least one bundle file"));

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);

  state.cli = cli;
  state.builder = b;
  state.total = argc - 1;
  json_builder_begin_array (b);
  if (!wb_bundle_import_files (wb_vault_get_store (vault), (const char * const *) argv + 1, dry_run,
                               import_one_cb, &state, NULL, &error))
    return exchange_fail (error);
  json_builder_end_array (b);
  if (cli->json)
    wb_cli_print_json (b);
  wb_vault_lock (vault);

  if (state.rejected)
    return WB_CLI_EXIT_BUNDLE_REJECTED;
  if (state.failed)
    return WB_CLI_EXIT_FAILURE;
  if (state.conflicts)
    return WB_CLI_EXIT_CONFLICT;
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_acknowledge (WbCli  *cli,
                         int     argc,
                         char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(WbExportReport) report = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The contact who sent the bundles"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the acknowledgement bundle to FILE"), N_("FILE") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, _("BUNDLE-UUID…"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (to == NULL || output == NULL || argc < 2)
    return wb_cli_usage_error (_("acknowledge needs --to NAME, -o FILE and at least one bundle UUID"));

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);
  report = wb_bundle_export_ack (wb_vault_get_store (vault), to, (const char * const *) argv + 1, output, NULL, &error);
  if (report == NULL)
    return exchange_fail (error);
  if (!cli->json)
    g_print (_("Acknowledgement bundle %s written\n"), report->bundle_uuid);
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

/* ---- conflicts --------------------------------------------------------- */

int
wb_cli_verb_conflicts (WbCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  if (!wb_cli_parse (cli, NULL, NULL, &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc > 1)
    return wb_cli_usage_error (_("Use “conflicts” to list and “conflicts resolve ID --take theirs|ours” to resolve"));
  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);
  conflicts = wb_merge_list_conflicts (wb_vault_get_store (vault), &error);
  if (conflicts == NULL)
    return exchange_fail (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < conflicts->len; i++)
        {
          WbConflict *c = g_ptr_array_index (conflicts, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, c->id);
          json_builder_set_member_name (b, "uuid");
          json_builder_add_string_value (b, c->uuid);
          json_builder_set_member_name (b, "revision");
          json_builder_add_int_value (b, c->revision);
          json_builder_set_member_name (b, "sender");
          json_builder_add_string_value (b, c->sender);
          json_builder_set_member_name (b, "bundle_uuid");
          json_builder_add_string_value (b, c->bundle_uuid);
          json_builder_set_member_name (b, "theirs");
          json_builder_add_value (b, wb_signal_to_json_node (c->theirs));
          json_builder_set_member_name (b, "ours");
          if (c->ours != NULL)
            json_builder_add_value (b, wb_signal_to_json_node (c->ours));
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      wb_cli_print_json (b);
    }
  else
    for (guint i = 0; i < conflicts->len; i++)
      {
        WbConflict *c = g_ptr_array_index (conflicts, i);

        g_print ("%" G_GINT64_FORMAT "\t", c->id);
        g_print (_("%s\trevision %u\tfrom %s\n"), c->uuid, c->revision, c->sender);
        g_print (_("  ours:   %s\n"), c->ours != NULL ? wb_signal_get_summary (c->ours) : _("(gone)"));
        g_print (_("  theirs: %s\n"), wb_signal_get_summary (c->theirs));
      }
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}

int
wb_cli_verb_conflicts_resolve (WbCli  *cli,
                               int     argc,
                               char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbVault) vault = NULL;
  g_autofree char *take = NULL;
  guint64 id;
  GOptionEntry entries[] = {
    { "take", 0, 0, G_OPTION_ARG_STRING, &take, N_("Whose version to keep: theirs or ours"), N_("SIDE") },
    { NULL }
  };

  if (!wb_cli_parse (cli, entries, _("ID"), &argc, &argv))
    return WB_CLI_EXIT_USAGE;
  if (argc != 2 || !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return wb_cli_usage_error (_("conflicts resolve needs the number of one conflict"));
  if (g_strcmp0 (take, "theirs") != 0 && g_strcmp0 (take, "ours") != 0)
    return wb_cli_usage_error (_("Say whose version to keep with --take theirs or --take ours"));

  vault = wb_cli_unlock (cli, &error);
  if (vault == NULL)
    return wb_cli_fail (error);
  if (!wb_merge_resolve_conflict (wb_vault_get_store (vault), id, g_str_equal (take, "theirs"), &error))
    return exchange_fail (error);
  if (!cli->json)
    g_print ("%s\n", _("Resolved"));
  wb_vault_lock (vault);
  return WB_CLI_EXIT_OK;
}
