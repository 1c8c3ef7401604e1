#!/usr/bin/env python3
# Copyright 2026 The Weerbaar authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a translation in po/ is incomplete for the CURRENT sources.

  check-po.py SOURCE_ROOT [LANG...]

Extracts a fresh template from po/POTFILES.in with the same xgettext options
as meson's 'glib' preset, merges each po/LANG.po (default: every language in
po/LINGUAS) against it in a temporary directory, and requires
`msgfmt --check` to pass with 0 untranslated and 0 fuzzy messages.  The
source tree is never written to.
"""

import os
import re
import subprocess
import sys
import tempfile

# meson's i18n 'glib' preset (mesonbuild/modules/i18n.py), so the check sees
# exactly what the weerbaar-pot target would extract.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format', '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format', '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format', '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format', '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

# The tools' messages are parsed: keep them in English whatever the caller's
# locale (the ui tests run with LANGUAGE=nl).
ENV = dict(os.environ, LC_ALL='C', LANG='C')
ENV.pop('LANGUAGE', None)


def run(args):
    return subprocess.run(args, env=ENV, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)


def listed(path):
    with open(path, encoding='utf-8') as f:
        return [l.strip() for l in f if l.strip() and not l.strip().startswith('#')]


def msgids(po):
    """The msgids (with context) of the entries in a msgattrib output."""
    out = []
    for m in re.finditer(r'^(?:msgctxt "(.*)"\n)?msgid ((?:".*"\n)+)', po, re.M):
        text = ''.join(re.findall(r'"(.*)"', m.group(2)))
        out.append((m.group(1) + ' | ' if m.group(1) else '') + text)
    return [i for i in out if i]


def check_language(root, lang, pot, tmp):
    po = os.path.join(root, 'po', lang + '.po')
    if not os.path.isfile(po):
        return ['po/%s.po is listed in LINGUAS but missing' % lang]

    problems = []
    r = run(['msgfmt', '--check', '-o', os.devnull, po])
    if r.returncode != 0:
        problems.append('po/%s.po is not valid:\n%s' % (lang, r.stderr.rstrip()))
        return problems

    merged = os.path.join(tmp, lang + '.po')
    r = run(['msgmerge', '--quiet', '--no-wrap', '-o', merged, po, pot])
    if r.returncode != 0:
        return ['msgmerge failed for po/%s.po:\n%s' % (lang, r.stderr.rstrip())]

    r = run(['msgfmt', '--check', '--statistics', '-o', os.devnull, merged])
    if r.returncode != 0:
        return ['po/%s.po does not compile against the current sources:\n%s'
                % (lang, r.stderr.rstrip())]
    stats = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ''
    fuzzy = re.search(r'(\d+) fuzzy', stats)
    untranslated = re.search(r'(\d+) untranslated', stats)
    print('po/%s.po: %s' % (lang, stats))

    for count, flag, what in ((untranslated, '--untranslated', 'untranslated'),
                              (fuzzy, '--only-fuzzy', 'fuzzy')):
        if count and int(count.group(1)) > 0:
            listing = run(['msgattrib', flag, '--no-obsolete', '--no-wrap', merged])
            ids = msgids(listing.stdout)
            problems.append('po/%s.po: %s %s message(s):\n  %s'
                            % (lang, count.group(1), what, '\n  '.join(ids)))
    return problems


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])
    langs = argv[2:] or listed(os.path.join(root, 'po', 'LINGUAS'))
    sources = listed(os.path.join(root, 'po', 'POTFILES.in'))
    if not sources:
        print('po/POTFILES.in lists no files: nothing to translate')
        return 0

    problems = []
    with tempfile.TemporaryDirectory(prefix='weerbaar-po-') as tmp:
        pot = os.path.join(tmp, 'weerbaar.pot')
        files_from = os.path.join(tmp, 'POTFILES')
        with open(files_from, 'w', encoding='utf-8') as f:
            f.write('\n'.join(sources) + '\n')
        r = run(['xgettext', '--package-name=weerbaar', '--directory=' + root,
                 '--files-from=' + files_from, '-o', pot] + XGETTEXT_ARGS)
        if r.returncode != 0:
            print('xgettext failed:\n' + r.stderr.rstrip())
            return 1
        if not os.path.exists(pot):
            print('no translatable strings in the files of po/POTFILES.in')
            return 0
        for lang in langs:
            problems += check_language(root, lang, pot, tmp)

    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
