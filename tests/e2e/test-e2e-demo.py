#!/usr/bin/python3
# test-e2e-demo.py — `weerbaar --demo`, driven through accessibility
#
# Copyright 2026 The Weerbaar authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Launches the real binary with --demo (in a private TMPDIR) and checks, as a
# user would see it: the window says it is a demo, lists fictional signals
# and offers no lock; a case and a signal's attachments, links and cases are
# reachable; quitting deletes the throw-away vault.  Same harness and skip
# rules as test-e2e-officer.py (its helpers are reused).

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("officer", os.path.join(here, "test-e2e-officer.py"))
officer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(officer)

tap, find, wait_for, click, Step = officer.tap, officer.find, officer.wait_for, officer.click, officer.Step
BANNER = "Demo vault — fictional data, deleted when you quit"


def main():
    if not officer.a11y_bus_works():
        tap("1..0 # SKIP the accessibility bus could not start")
        return officer.SKIP

    builddir = os.environ.get("WB_BUILD_ROOT", ".")
    binary = os.path.join(builddir, "src", "weerbaar")
    tmpdir = tempfile.mkdtemp(prefix="weerbaar-e2e-tmp-")
    env = dict(os.environ)
    for name in ("GTK_A11Y", "NO_AT_BRIDGE", "GTK_MODULES", "WEERBAAR_VAULT"):
        env.pop(name, None)
    env["TMPDIR"] = tmpdir
    env["LANGUAGE"] = "C"
    env["LC_ALL"] = "C.UTF-8"
    env["GSETTINGS_BACKEND"] = "memory"

    tap("1..4")
    proc = subprocess.Popen([binary, "--demo"], env=env)
    try:
        app = wait_for("the application on the accessibility bus",
                       lambda: next((a for a in officer.tree.root.applications()
                                     if a.name in ("weerbaar", "Weerbaar", "nl.weerbaar.Weerbaar")), None))
        Step.app = app

        with Step("the window is marked as a demo"):
            find(app, BANNER, timeout=120)
            dirs = [d for d in os.listdir(tmpdir) if d.startswith("weerbaar-demo-")]
            assert len(dirs) == 1, "one demo folder in TMPDIR, found %r" % dirs
            assert (os.stat(os.path.join(tmpdir, dirs[0])).st_mode & 0o777) == 0o700

        with Step("it lists fictional signals and offers no lock"):
            signals = find(app, "Signals", "list")
            wait_for("signals in the list", lambda: signals.childCount > 0, timeout=120)
            lock = app.findChild(lambda n: n.name == "Lock the vault" and n.roleName == "push button",
                                 retry=False, requireResult=False)
            assert lock is None or not lock.getState().contains(officer.pyatspi.STATE_VISIBLE), \
                "a lock button is shown for a vault nobody can unlock"

        with Step("a signal shows its attachments, links and cases"):
            row = signals.children[0]
            officer.click(row)
            find(app, "Add attachment", "push button", timeout=60)
            find(app, "Link to another signal", "push button")
            find(app, "Add to case", "push button")

        with Step("quitting deletes the demo vault"):
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
            left = [d for d in os.listdir(tmpdir) if d.startswith("weerbaar-demo-")]
            assert left == [], "demo folder left behind: %r" % left
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmpdir, ignore_errors=True)

    return 0


if __name__ == "__main__":
    sys.exit(main())
