#!/usr/bin/env python3
# Copyright 2026 The Weerbaar authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installs the build into a scratch DESTDIR and checks what a distribution
package would ship (TAP).

  check-install.py BUILD_ROOT APP_ID

`meson install --no-rebuild` only reads the finished build (meson test has
already built it), so this runs safely next to the other tests.  The scratch
directory is removed afterwards.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SCHEMA_ID = 'nl.weerbaar.Weerbaar'
# The keys the UI codes against (name: default), exactly.
SCHEMA_DEFAULTS = {
    'window-width': '960',
    'window-height': '680',
    'window-maximized': 'false',
    'auto-lock-minutes': 'uint32 5',
    'retention-months': 'uint32 12',
}
SCHEMA_RANGES = {
    'auto-lock-minutes': 'range u 0 240',
    'retention-months': 'range u 1 120',
}
ENV = dict(os.environ, LC_ALL='C', GSETTINGS_BACKEND='memory')
ENV.pop('LANGUAGE', None)


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, desc, detail=''):
        self.n += 1
        if not ok:
            self.failed += 1
            for line in str(detail).strip().splitlines():
                print('# ' + line)
        print('%s %d - %s' % ('ok' if ok else 'not ok', self.n, desc))
        return ok


def run(args, **kw):
    return subprocess.run(args, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kw)


def tool_check(t, tool, args, desc):
    if shutil.which(tool) is None:
        t.check(False, desc, tool + ' is not installed (.ci/setup installs it)')
        return
    r = run([tool] + args)
    t.check(r.returncode == 0, desc, r.stdout)


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[3], file=sys.stderr)
        return 2
    build, app_id = argv[1], argv[2]
    meson = os.environ.get('MESON', 'meson')
    r = run([meson, 'introspect', build, '--buildoptions'])
    if r.returncode != 0:
        print('Bail out! meson introspect failed: ' + r.stdout.replace('\n', ' '))
        return 1
    opts = {o['name']: o['value'] for o in json.loads(r.stdout)}
    prefix = opts['prefix']

    def under(key, *parts):
        d = opts[key]
        d = d if os.path.isabs(d) else os.path.join(prefix, d)
        return os.path.join(dest, d.lstrip('/'), *parts)

    t = Tap()
    with tempfile.TemporaryDirectory(prefix='weerbaar-install-') as dest:
        r = run([meson, 'install', '-C', build, '--no-rebuild', '--destdir', dest])
        if not t.check(r.returncode == 0, 'meson install into a scratch DESTDIR', r.stdout):
            print('1..%d' % t.n)
            return 1

        for name in ('weerbaar', 'weerbaar-cli'):
            path = under('bindir', name)
            t.check(os.path.isfile(path) and os.access(path, os.X_OK),
                    'binary %s is installed and executable' % name, path + ' missing')

        desktop = under('datadir', 'applications', app_id + '.desktop')
        if t.check(os.path.isfile(desktop), 'desktop entry is installed', desktop + ' missing'):
            tool_check(t, 'desktop-file-validate', [desktop], 'installed desktop entry is valid')
            with open(desktop, encoding='utf-8') as f:
                text = f.read()
            t.check('\nIcon=%s\n' % app_id in text, 'desktop entry names the app icon', text)
            t.check('\nComment[nl]=' in text and '\nKeywords[nl]=' in text,
                    'desktop entry carries the Dutch translation', text)

        metainfo = under('datadir', 'metainfo', app_id + '.metainfo.xml')
        if t.check(os.path.isfile(metainfo), 'metainfo is installed', metainfo + ' missing'):
            tool_check(t, 'appstreamcli', ['validate', '--no-net', '--strict', metainfo],
                       'installed metainfo is valid')
            root = ET.parse(metainfo).getroot()
            t.check(root.findtext('id') == app_id, 'metainfo id is the app id', root.findtext('id'))
            launch = root.find('launchable')
            t.check(launch is not None and launch.text == app_id + '.desktop',
                    'metainfo launches the installed desktop entry')
            lang = '{http://www.w3.org/XML/1998/namespace}lang'
            t.check(any(e.get(lang) == 'nl' for e in root.iter('summary')),
                    'metainfo carries the Dutch translation')
            tool_check(t, 'appstreamcli', ['validate-tree', '--no-net', under('prefix')],
                       'installed tree passes appstreamcli validate-tree')

        schemas = under('datadir', 'glib-2.0', 'schemas')
        schema = os.path.join(schemas, SCHEMA_ID + '.gschema.xml')
        if t.check(os.path.isfile(schema), 'GSettings schema is installed', schema + ' missing'):
            tool_check(t, 'glib-compile-schemas', ['--strict', '--dry-run', schemas],
                       'installed schema compiles strictly')
            compiled = os.path.join(dest, 'compiled-schemas')
            os.mkdir(compiled)
            r = run(['glib-compile-schemas', '--strict', '--targetdir', compiled, schemas])
            if t.check(r.returncode == 0, 'installed schema compiles', r.stdout):
                for key, default in SCHEMA_DEFAULTS.items():
                    r = run(['gsettings', '--schemadir', compiled, 'get', SCHEMA_ID, key])
                    t.check(r.returncode == 0 and r.stdout.strip() == default,
                            'schema key %s defaults to %s' % (key, default), r.stdout)
                for key, rng in SCHEMA_RANGES.items():
                    r = run(['gsettings', '--schemadir', compiled, 'range', SCHEMA_ID, key])
                    t.check(r.returncode == 0 and r.stdout.strip() == rng,
                            'schema key %s has range %s' % (key, rng[len('range '):]), r.stdout)

        for kind, name, size in (('scalable', app_id + '.svg', '128'),
                                 ('symbolic', app_id + '-symbolic.svg', '16')):
            icon = under('datadir', 'icons', 'hicolor', kind, 'apps', name)
            if t.check(os.path.isfile(icon), '%s icon %s is installed' % (kind, name), icon + ' missing'):
                svg = ET.parse(icon).getroot()
                t.check(svg.tag == '{http://www.w3.org/2000/svg}svg'
                        and svg.get('width') == size and svg.get('height') == size,
                        '%s icon is a %sx%s SVG' % (kind, size, size),
                        '%s %sx%s' % (svg.tag, svg.get('width'), svg.get('height')))

        mo = under('localedir', 'nl', 'LC_MESSAGES', 'weerbaar.mo')
        t.check(os.path.isfile(mo), 'Dutch message catalogue is installed', mo + ' missing')

    print('1..%d' % t.n)
    return 1 if t.failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
