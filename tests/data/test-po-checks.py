#!/usr/bin/env python3
# Copyright 2026 The Weerbaar authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""TAP tests for check-potfiles.py and check-po.py on small fixture trees:
each check must pass on a consistent tree and fail on each kind of drift."""

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
POTFILES_CHECK = os.path.join(HERE, 'check-potfiles.py')
PO_CHECK = os.path.join(HERE, 'check-po.py')

PO_HEADER = '''msgid ""
msgstr ""
"Project-Id-Version: weerbaar\\n"
"PO-Revision-Date: 2026-11-29 11:00+0000\\n"
"Last-Translator: The Weerbaar authors\\n"
"Language-Team: Dutch\\n"
"Language: nl\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
'''

GOOD = {
    'po/LINGUAS': 'nl\n',
    'po/POTFILES.in': 'resources/ui/wb-page.ui\nsrc/core/wb-labels.c\nsrc/ui/wb-window.c\n',
    'po/nl.po': PO_HEADER + '''
msgid "Lock"
msgstr "Vergrendelen"

msgctxt "channel"
msgid "Phone"
msgstr "Telefoon"

msgid "Create Vault"
msgstr "Kluis aanmaken"
''',
    'src/ui/wb-window.c': 'static void f (void) { g_print ("%s", _ ("Lock")); }\n',
    'src/core/wb-labels.c': 'static const char *c = NC_("channel", "Phone");\n',
    'src/core/wb-plain.c': '/* wb_vault_(x) and my_(y) are not markers, nor is this: N_() */\n'
                           'const char *s = "_(";  // nor _("this")\nint x;\n',
    'resources/ui/wb-plain.ui': '<interface><!-- translatable="yes" --></interface>\n',
    'resources/ui/wb-page.ui': '<interface><object class="GtkButton">'
                               '<property name="label" translatable="yes">Create Vault</property>'
                               '</object></interface>\n',
    'data/icon.svg': '<svg/>\n',
}


def make_tree(tmp, changes):
    files = dict(GOOD)
    files.update(changes)
    for rel, text in files.items():
        if text is None:
            continue
        path = os.path.join(tmp, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)


def check(script, changes):
    with tempfile.TemporaryDirectory(prefix='weerbaar-po-test-') as tmp:
        make_tree(tmp, changes)
        r = subprocess.run([sys.executable, script, tmp], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, universal_newlines=True)
        return r.returncode, r.stdout


NEW_STRING = 'static void f (void) { _("Lock"); _("Unlock"); }\n'
CHANGED_STRING = 'static void f (void) { _("Lock now"); }\n'
FORMAT_SOURCE = 'static void f (void) { _("Lock"); g_strdup_printf (_("%s signals"), "x"); }\n'
FORMAT_PO = GOOD['po/nl.po'] + '\n#, c-format\nmsgid "%s signals"\nmsgstr "%d signalen"\n'

CASES = [
    # (description, script, changes to the good tree, None if the check must
    # pass, else a text its failure report must contain)
    ('POTFILES.in check passes on a consistent tree', POTFILES_CHECK, {}, None),
    ('POTFILES.in check fails on an unlisted _( file', POTFILES_CHECK,
     {'src/ui/wb-extra.c': 'const char *s = _("New");\n'},
     'not listed: src/ui/wb-extra.c'),
    ('POTFILES.in check fails on an unlisted N_( file', POTFILES_CHECK,
     {'src/core/wb-extra.c': 'const char *s = N_("New");\n'},
     'not listed: src/core/wb-extra.c'),
    ('POTFILES.in check fails on an unlisted C_( file', POTFILES_CHECK,
     {'src/core/wb-extra.c': 'const char *s = C_("verb", "Open");\n'},
     'not listed: src/core/wb-extra.c'),
    ('POTFILES.in check fails on an unlisted translatable .ui', POTFILES_CHECK,
     {'resources/gtk/help-overlay.ui': '<property name="title" translatable="yes">Lock</property>\n'},
     'not listed: resources/gtk/help-overlay.ui'),
    ('POTFILES.in check fails on an unlisted schema', POTFILES_CHECK,
     {'data/nl.weerbaar.Weerbaar.gschema.xml': '<schemalist/>\n'},
     'not listed: data/nl.weerbaar.Weerbaar.gschema.xml'),
    ('POTFILES.in check fails on an unlisted desktop entry', POTFILES_CHECK,
     {'data/nl.weerbaar.Weerbaar.desktop.in': '[Desktop Entry]\n'},
     'not listed: data/nl.weerbaar.Weerbaar.desktop.in'),
    ('POTFILES.in check fails on a listed file that is missing', POTFILES_CHECK,
     {'src/ui/wb-window.c': None},
     'listed but missing: src/ui/wb-window.c'),
    ('POTFILES.in check fails when unsorted', POTFILES_CHECK,
     {'po/POTFILES.in': 'src/core/wb-labels.c\nresources/ui/wb-page.ui\nsrc/ui/wb-window.c\n'},
     'not sorted: resources/ui/wb-page.ui comes after src/core/wb-labels.c'),
    ('POTFILES.in check fails on a duplicate entry', POTFILES_CHECK,
     {'po/POTFILES.in': GOOD['po/POTFILES.in'] + 'src/ui/wb-window.c\n'},
     'listed twice: src/ui/wb-window.c'),
    ('po check passes on a complete translation', PO_CHECK, {}, None),
    ('po check fails on a new untranslated string', PO_CHECK,
     {'src/ui/wb-window.c': NEW_STRING},
     '1 untranslated message(s):\n  Unlock'),
    ('po check fails on a changed source string (fuzzy after merge)', PO_CHECK,
     {'src/ui/wb-window.c': CHANGED_STRING},
     '1 fuzzy message(s):\n  Lock now'),
    ('po check fails on a fuzzy entry', PO_CHECK,
     {'po/nl.po': GOOD['po/nl.po'].replace('msgid "Lock"', '#, fuzzy\nmsgid "Lock"')},
     '1 fuzzy message(s):\n  Lock'),
    ('po check fails on an empty msgstr', PO_CHECK,
     {'po/nl.po': GOOD['po/nl.po'].replace('"Kluis aanmaken"', '""')},
     '1 untranslated message(s):\n  Create Vault'),
    ('po check fails on a duplicate entry', PO_CHECK,
     {'po/nl.po': GOOD['po/nl.po'] + '\nmsgid "Lock"\nmsgstr "Op slot"\n'},
     'duplicate message definition'),
    ('po check fails on a format mismatch', PO_CHECK,
     {'po/nl.po': FORMAT_PO, 'src/ui/wb-window.c': FORMAT_SOURCE},
     'format specifications'),
    ('po check fails when a LINGUAS language has no .po', PO_CHECK,
     {'po/LINGUAS': 'nl\nfy\n'},
     'po/fy.po is listed in LINGUAS but missing'),
]


def main():
    print('1..%d' % len(CASES))
    failures = 0
    for n, (desc, script, changes, reason) in enumerate(CASES, 1):
        rc, out = check(script, changes)
        if reason is None:
            ok = rc == 0
        else:
            ok = rc == 1 and reason in out
        if not ok:
            failures += 1
            print('\n'.join('# ' + l for l in out.splitlines()))
        print('%s %d - %s' % ('ok' if ok else 'not ok', n, desc))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
