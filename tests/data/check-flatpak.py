#!/usr/bin/env python3
# Copyright 2026 The Weerbaar authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifests against STYLE.md R20.

  check-flatpak.py MANIFEST...     check each manifest (TAP)
  check-flatpak.py --self-test MANIFEST
                                   prove each rule fires on a broken copy (TAP)

A manifest must parse with `flatpak-builder --show-manifest`; its id is its
file name without .json and matches the app's development flavour; it runs
`weerbaar`; finish-args are exactly the four R20 permissions (no network);
every source that is not the local checkout is pinned by sha256; the app is
the last module.  Exit 77 (skip) when flatpak-builder is not installed.
"""

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

FINISH_ARGS = ['--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri']
RELEASE_ID = 'nl.weerbaar.Weerbaar'
SHA256 = re.compile(r'^[0-9a-f]{64}$')


def all_modules(modules):
    for m in modules:
        if isinstance(m, dict):
            yield m
            yield from all_modules(m.get('modules', []))


def problems(manifest, expected_id):
    out = []
    app_id = manifest.get('id') or manifest.get('app-id')
    if app_id != expected_id:
        out.append('id is %r, expected %r' % (app_id, expected_id))
    if manifest.get('command') != 'weerbaar':
        out.append('command is %r, expected "weerbaar"' % manifest.get('command'))
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        out.append('runtime/sdk must be org.gnome.Platform/org.gnome.Sdk')
    if not re.match(r'^\d+(\.\d+)?$', str(manifest.get('runtime-version', ''))):
        out.append('runtime-version must be a pinned release, not %r'
                   % manifest.get('runtime-version'))
    finish = manifest.get('finish-args', [])
    if any(a.startswith('--share=network') for a in finish):
        out.append('finish-args grant network access (--share=network)')
    if sorted(finish) != sorted(FINISH_ARGS):
        out.append('finish-args are %r, expected exactly %r' % (finish, FINISH_ARGS))
    if not manifest.get('cleanup'):
        out.append('no cleanup list')

    modules = [m for m in manifest.get('modules', [])]
    for m in all_modules(modules):
        for s in m.get('sources', []):
            if isinstance(s, str):
                out.append('module %s: source %r is an unpinned external file' % (m.get('name'), s))
                continue
            if s.get('type') == 'dir':
                continue
            if not SHA256.match(str(s.get('sha256', ''))):
                out.append('module %s: %s source %s has no sha256'
                           % (m.get('name'), s.get('type'), s.get('url') or s.get('path')))
    if not modules or not isinstance(modules[-1], dict) or modules[-1].get('name') != 'weerbaar':
        out.append('the last module must be the app ("weerbaar")')
    else:
        app = modules[-1]
        if app.get('buildsystem') != 'meson':
            out.append('the app module must build with meson')
        if [s.get('type') for s in app.get('sources', [])] != ['dir']:
            out.append('the app module must build the checkout (one dir source)')
        devel = '-Ddevelopment=true' in app.get('config-opts', [])
        if devel != (expected_id == RELEASE_ID + '.Devel'):
            out.append('-Ddevelopment=true must be set exactly for the .Devel id')
    if not any(m.get('name') == 'libsodium' for m in all_modules(modules)):
        out.append('libsodium is not in the GNOME runtime but has no module')
    return out


def show_manifest(path):
    """The manifest as flatpak-builder parses it (JSON), run in a scratch
    directory because flatpak-builder creates .flatpak-builder/ in its cwd."""
    with tempfile.TemporaryDirectory(prefix='weerbaar-flatpak-') as tmp:
        r = subprocess.run(['flatpak-builder', '--show-manifest', os.path.abspath(path)],
                           cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True)
    if r.returncode != 0:
        raise ValueError('flatpak-builder --show-manifest failed: ' + r.stderr.strip())
    return json.loads(r.stdout)


def expected_id(path):
    return os.path.basename(path)[:-len('.json')]


def check(paths):
    n = 0
    failed = False
    print('1..%d' % (2 * len(paths)))
    for path in paths:
        name = os.path.basename(path)
        n += 1
        try:
            manifest = show_manifest(path)
            print('ok %d - %s parses with flatpak-builder' % (n, name))
        except ValueError as e:
            print('# ' + str(e).replace('\n', '\n# '))
            print('not ok %d - %s parses with flatpak-builder' % (n, name))
            failed = True
            with open(path, encoding='utf-8') as f:
                manifest = json.load(f)
        n += 1
        found = problems(manifest, expected_id(path))
        for p in found:
            print('# ' + p)
        print('%s %d - %s follows R20' % ('not ok' if found else 'ok', n, name))
        failed = failed or bool(found)
    return 1 if failed else 0


def self_test(path):
    good = show_manifest(path)
    app_id = expected_id(path)

    def mutate(fn):
        m = copy.deepcopy(good)
        fn(m)
        return m

    def add_network(m): m['finish-args'].append('--share=network')
    def home_access(m): m['finish-args'].append('--filesystem=home')
    def drop_sha(m): m['modules'][0]['sources'][0].pop('sha256')
    def bad_sha(m): m['modules'][0]['sources'][0]['sha256'] = 'deadbeef'
    def git_unpinned(m): m['modules'].insert(0, {'name': 'x', 'sources': [
        {'type': 'git', 'url': 'https://example.org/x.git', 'branch': 'main'}]})
    def wrong_id(m): m['id'] = 'org.example.Other'
    def wrong_command(m): m['command'] = 'weerbaar-cli'
    def app_not_last(m): m['modules'].reverse()
    def floating_runtime(m): m['runtime-version'] = 'master'
    def flip_devel(m):
        opts = m['modules'][-1]['config-opts']
        m['modules'][-1]['config-opts'] = (
            [o for o in opts if o != '-Ddevelopment=true'] if '-Ddevelopment=true' in opts
            else opts + ['-Ddevelopment=true'])
    def no_sodium(m): m['modules'] = [x for x in m['modules'] if x.get('name') != 'libsodium']

    cases = [
        ('the manifest itself passes', None, True),
        ('--share=network is refused', add_network, False),
        ('extra permissions are refused', home_access, False),
        ('a source without sha256 is refused', drop_sha, False),
        ('a malformed sha256 is refused', bad_sha, False),
        ('an unpinned git source is refused', git_unpinned, False),
        ('a wrong id is refused', wrong_id, False),
        ('a wrong command is refused', wrong_command, False),
        ('the app must be the last module', app_not_last, False),
        ('an unpinned runtime is refused', floating_runtime, False),
        ('-Ddevelopment must match the id', flip_devel, False),
        ('a missing libsodium module is refused', no_sodium, False),
    ]
    print('1..%d' % len(cases))
    failed = False
    for n, (desc, fn, should_pass) in enumerate(cases, 1):
        found = problems(mutate(fn) if fn else good, app_id)
        ok = (not found) == should_pass
        failed = failed or not ok
        print('%s %d - %s' % ('ok' if ok else 'not ok', n, desc))
    return 1 if failed else 0


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    if shutil.which('flatpak-builder') is None:
        print('1..0 # SKIP flatpak-builder is not installed')
        return 77
    if argv[1] == '--self-test':
        return self_test(argv[2])
    return check(argv[1:])


if __name__ == '__main__':
    sys.exit(main(sys.argv))
