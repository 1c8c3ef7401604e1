/* wb-new-passphrase.c — choose a passphrase: enter twice, strength, checks
 *
 * Copyright 2026 The Weerbaar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wb-new-passphrase"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "wb-core.h"
#include "wb-new-passphrase.h"

struct _WbNewPassphrase
{
  AdwBin       parent_instance;

  AdwEntryRow *first_row;
  AdwEntryRow *second_row;
  GtkLevelBar *strength_bar;
  GtkLabel    *strength_label;
  GtkLabel    *hint_label;
  GtkLabel    *problem_label;
};

G_DEFINE_FINAL_TYPE (WbNewPassphrase, wb_new_passphrase, ADW_TYPE_BIN)

enum {
  ACTIVATE,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
text_changed_cb (WbNewPassphrase *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->first_row));
  WbPassphraseStrength strength;
  g_autofree char *label = NULL;

  g_assert (WB_IS_NEW_PASSPHRASE (self));

  g_signal_emit (self, signals[CHANGED], 0);

  /* A message about the previous attempt is stale once the user types. */
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);

  if (text[0] == '\0')
    {
      gtk_level_bar_set_value (self->strength_bar, 0);
      gtk_label_set_text (self->strength_label, "");
      return;
    }

  strength = wb_passphrase_estimate_strength (text);
  gtk_level_bar_set_value (self->strength_bar, strength);
  /* Translators: %s is a strength such as "Weak" or "Strong". */
  label = g_strdup_printf (_("Strength: %s"), wb_passphrase_strength_label (strength));
  gtk_label_set_text (self->strength_label, label);
}

static void
first_activated_cb (WbNewPassphrase *self)
{
  g_assert (WB_IS_NEW_PASSPHRASE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->second_row));
}

static void
second_activated_cb (WbNewPassphrase *self)
{
  g_assert (WB_IS_NEW_PASSPHRASE (self));

  g_signal_emit (self, signals[ACTIVATE], 0);
}

static void
wb_new_passphrase_dispose (GObject *object)
{
  /* AdwBin 1.2 unparents its child again in its own dispose: detach it
   * first so the template teardown does not leave it a dangling pointer. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), WB_TYPE_NEW_PASSPHRASE);

  G_OBJECT_CLASS (wb_new_passphrase_parent_class)->dispose (object);
}

static void
wb_new_passphrase_class_init (WbNewPassphraseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_new_passphrase_dispose;

  /**
   * WbNewPassphrase::activate:
   *
   * Emitted when the user presses Enter in the second entry, meaning
   * "go ahead"; the page decides what that is.
   */
  signals[ACTIVATE] =
    g_signal_new ("activate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * WbNewPassphrase::changed:
   *
   * Emitted when the text of either entry changes.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/wb-new-passphrase.ui");
  gtk_widget_class_bind_template_child (widget_class, WbNewPassphrase, first_row);
  gtk_widget_class_bind_template_child (widget_class, WbNewPassphrase, second_row);
  gtk_widget_class_bind_template_child (widget_class, WbNewPassphrase, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, WbNewPassphrase, strength_label);
  gtk_widget_class_bind_template_child (widget_class, WbNewPassphrase, hint_label);
  gtk_widget_class_bind_template_child (widget_class, WbNewPassphrase, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, first_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, second_activated_cb);
}

static void
wb_new_passphrase_init (WbNewPassphrase *self)
{
  g_autofree char *hint = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Use at least %d character. A few unrelated words make a passphrase that is strong and easy to remember.",
                                       "Use at least %d characters. A few unrelated words make a passphrase that is strong and easy to remember.",
                                       WB_VAULT_MIN_PASSPHRASE_CHARS),
                          WB_VAULT_MIN_PASSPHRASE_CHARS);
  gtk_label_set_text (self->hint_label, hint);

  /* Discrete blocks, one per strength step above "too short". */
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_LOW, WB_PASSPHRASE_WEAK);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_HIGH, WB_PASSPHRASE_GOOD);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_FULL, WB_PASSPHRASE_STRONG);
}

/**
 * wb_passphrase_estimate_strength:
 * @passphrase: UTF-8 text
 *
 * A deliberately simple, honest estimate: length times the bits per
 * character of the character classes used, with repeated characters counted
 * once per run.  It cannot see dictionary words, so it never claims more than
 * the text could give at best.
 */
WbPassphraseStrength
wb_passphrase_estimate_strength (const char *passphrase)
{
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, symbol = FALSE, other = FALSE;
  guint pool = 0;
  glong n_chars = 0;
  glong n_counted = 0;
  gunichar prev = 0;
  double bits;

  g_return_val_if_fail (passphrase != NULL, WB_PASSPHRASE_TOO_SHORT);

  for (const char *p = passphrase; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      n_chars++;
      if (c != prev)
        n_counted++;
      prev = c;

      if (c >= 'a' && c <= 'z')
        lower = TRUE;
      else if (c >= 'A' && c <= 'Z')
        upper = TRUE;
      else if (c >= '0' && c <= '9')
        digit = TRUE;
      else if (c < 128)
        symbol = TRUE;
      else
        other = TRUE;
    }

  if (n_chars < WB_VAULT_MIN_PASSPHRASE_CHARS)
    return WB_PASSPHRASE_TOO_SHORT;

  pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0)
         + (symbol ? 33 : 0) + (other ? 100 : 0);
  bits = n_counted * log2 (MAX (pool, 2));

  if (bits < 45)
    return WB_PASSPHRASE_WEAK;
  if (bits < 60)
    return WB_PASSPHRASE_FAIR;
  if (bits < 80)
    return WB_PASSPHRASE_GOOD;
  return WB_PASSPHRASE_STRONG;
}

const char *
wb_passphrase_strength_label (WbPassphraseStrength strength)
{
  switch (strength)
    {
    case WB_PASSPHRASE_TOO_SHORT:
      return C_("passphrase strength", "Too short");
    case WB_PASSPHRASE_WEAK:
      return C_("passphrase strength", "Weak");
    case WB_PASSPHRASE_FAIR:
      return C_("passphrase strength", "Fair");
    case WB_PASSPHRASE_GOOD:
      return C_("passphrase strength", "Good");
    case WB_PASSPHRASE_STRONG:
      return C_("passphrase strength", "Strong");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * wb_passphrase_dup_problem:
 * @passphrase: the new passphrase
 * @repeated: the same, typed again
 *
 * Returns: (nullable) (transfer full): a translated sentence saying what is
 *   wrong, or %NULL when the pair can be used.
 */
char *
wb_passphrase_dup_problem (const char *passphrase,
                           const char *repeated)
{
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (repeated != NULL, NULL);

  if (g_utf8_strlen (passphrase, -1) < WB_VAULT_MIN_PASSPHRASE_CHARS)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The passphrase must be at least %d character long.",
                                         "The passphrase must be at least %d characters long.",
                                         WB_VAULT_MIN_PASSPHRASE_CHARS),
                            WB_VAULT_MIN_PASSPHRASE_CHARS);

  if (g_strcmp0 (passphrase, repeated) != 0)
    return g_strdup (_("The two passphrases are not the same."));

  return NULL;
}

const char *
wb_new_passphrase_get_text (WbNewPassphrase *self)
{
  g_return_val_if_fail (WB_IS_NEW_PASSPHRASE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->first_row));
}

/**
 * wb_new_passphrase_is_acceptable:
 *
 * Returns: %TRUE if the entered pair can be used; shows nothing
 */
gboolean
wb_new_passphrase_is_acceptable (WbNewPassphrase *self)
{
  g_autofree char *problem = NULL;

  g_return_val_if_fail (WB_IS_NEW_PASSPHRASE (self), FALSE);

  problem = wb_passphrase_dup_problem (gtk_editable_get_text (GTK_EDITABLE (self->first_row)),
                                       gtk_editable_get_text (GTK_EDITABLE (self->second_row)));

  return problem == NULL;
}

/**
 * wb_new_passphrase_validate:
 *
 * Shows what is wrong with the entered pair, if anything, and moves the
 * focus to the entry to fix.
 *
 * Returns: %TRUE if the passphrase can be used
 */
gboolean
wb_new_passphrase_validate (WbNewPassphrase *self)
{
  const char *first;
  const char *second;
  g_autofree char *problem = NULL;

  g_return_val_if_fail (WB_IS_NEW_PASSPHRASE (self), FALSE);

  first = gtk_editable_get_text (GTK_EDITABLE (self->first_row));
  second = gtk_editable_get_text (GTK_EDITABLE (self->second_row));
  problem = wb_passphrase_dup_problem (first, second);

  if (problem == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
      return TRUE;
    }

  gtk_label_set_text (self->problem_label, problem);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->problem_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem,
                                  -1);

  if (g_utf8_strlen (first, -1) < WB_VAULT_MIN_PASSPHRASE_CHARS)
    gtk_widget_grab_focus (GTK_WIDGET (self->first_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->second_row));

  return FALSE;
}

void
wb_new_passphrase_clear (WbNewPassphrase *self)
{
  g_return_if_fail (WB_IS_NEW_PASSPHRASE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->first_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->second_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
}

void
wb_new_passphrase_grab_focus (WbNewPassphrase *self)
{
  g_return_if_fail (WB_IS_NEW_PASSPHRASE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->first_row));
}
