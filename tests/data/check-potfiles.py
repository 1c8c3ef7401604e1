#!/usr/bin/env python3
# Copyright 2026 The Weerbaar authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when po/POTFILES.in is out of step with the sources (STYLE.md R19).

  check-potfiles.py SOURCE_ROOT

Every file under src/, resources/ or data/ that marks strings for translation
(_( N_( C_( NC_( or translatable="yes"), and every desktop entry, metainfo
file and GSettings schema under data/, must be listed; every listed file must
exist; the list must be sorted (byte order, as `LC_ALL=C sort`) without
duplicates.  A string that is not listed is never extracted, so it silently
stays English for Dutch users.
"""

import os
import re
import sys

SCANNED_DIRS = ('src', 'resources', 'data')
MARKERS = re.compile(rb'(?<![A-Za-z0-9_])(?:NC_|C_|N_|_)\s*\(|translatable\s*=\s*"yes"')
# Formats whose strings xgettext extracts without any marker.
ALWAYS_TRANSLATABLE = re.compile(
    r'^data/.*\.(?:desktop\.in|metainfo\.xml\.in|appdata\.xml\.in|gschema\.xml)$')


C_TOKENS = re.compile(rb'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|/\*.*?\*/|//[^\n]*', re.S)
XML_COMMENT = re.compile(rb'<!--.*?-->', re.S)


def without_comments(rel, data):
    """Comments and string literals may contain the markers (`/* N_() */`)
    without marking anything; keep only code."""
    if rel.endswith(('.c', '.h')):
        return C_TOKENS.sub(lambda m: b'""' if m.group(0)[:1] in b'"\'' else b' ', data)
    if rel.endswith(('.ui', '.xml', '.in')):
        return XML_COMMENT.sub(b' ', data)
    return data


def read_potfiles(path):
    entries = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


def translatable_files(root):
    found = []
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith('.'))
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root).replace(os.sep, '/')
                if ALWAYS_TRANSLATABLE.match(rel):
                    found.append(rel)
                    continue
                try:
                    with open(path, 'rb') as f:
                        data = f.read()
                except OSError:
                    continue
                if b'\0' in data:
                    continue
                if MARKERS.search(without_comments(rel, data)):
                    found.append(rel)
    return found


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = argv[1]
    potfiles = os.path.join(root, 'po', 'POTFILES.in')
    entries = read_potfiles(potfiles)
    problems = []

    seen = set()
    for entry in entries:
        if entry in seen:
            problems.append('listed twice: %s' % entry)
        seen.add(entry)
        if not os.path.isfile(os.path.join(root, entry)):
            problems.append('listed but missing: %s' % entry)

    encoded = [e.encode('utf-8') for e in entries]
    if encoded != sorted(encoded):
        for prev, cur in zip(entries, entries[1:]):
            if prev.encode('utf-8') > cur.encode('utf-8'):
                problems.append('not sorted: %s comes after %s' % (cur, prev))

    for rel in translatable_files(root):
        if rel not in seen:
            problems.append('has translatable strings but is not listed: %s' % rel)

    for p in problems:
        print('po/POTFILES.in: ' + p)
    if problems:
        print('%d problem(s) in po/POTFILES.in' % len(problems))
        return 1
    print('po/POTFILES.in lists %d files, all present, sorted and complete' % len(entries))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
