#!/usr/bin/python3
# test-e2e-officer.py — the officer's day, driven through accessibility
#
# Copyright 2026 The Weerbaar authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Launches the real `weerbaar` binary on a fresh vault and, as a user would,
# finding widgets by role and accessible name only: create a vault -> add a
# signal -> find it by search -> escalate it with a justification -> lock ->
# unlock -> the signal and its decision are there.
#
# Run under `dbus-run-session -- xvfb-run -a meson test --suite e2e` (the
# session bus starts the accessibility bus).  Exits 77 (skip) only when the
# accessibility bus or dogtail is not available at all.
#
# WEERBAAR_KDF_COST=min keeps Argon2id cheap for the test (see
# src/ui/wb-application.c); never set it for real use.
#
# GTK 4.8's AT-SPI support decides what can be driven how: buttons offer a
# "click" action, check boxes and list rows offer none and Component.GrabFocus
# is not implemented, so those get a real (XTest) pointer click at their
# extents.  Set WB_E2E_DUMP=FILE to get the accessible tree of a failed step.

import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

SKIP = 77
PASSPHRASE = "correct horse battery staple"
SUMMARY = "Consular staff pressing students to return"


def tap(msg):
    print(msg, flush=True)


# `dbus-run-session -- xvfb-run` starts the session bus before the X server,
# so the accessibility bus and its registry (activated later through that
# bus) would not know DISPLAY, and the synthetic pointer and key events they
# make (XTest) would go nowhere.  Hand DISPLAY on before anything touches
# AT-SPI.
if os.environ.get("DISPLAY") and shutil.which("dbus-update-activation-environment"):
    subprocess.run(["dbus-update-activation-environment", "DISPLAY", "XAUTHORITY"],
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

try:
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi
    # dogtail refuses to start unless the desktop setting or this variable
    # says accessibility is on; the app does not need either (GTK 4 always
    # talks to the accessibility bus when it is there).
    os.environ["GTK_MODULES"] = "gail:atk-bridge"
    from dogtail import config as dt_config
    dt_config.config.logDebugToStdOut = False
    dt_config.config.logDebugToFile = False
    # GTK 4.8 does not report "showing" reliably.
    dt_config.config.searchShowingOnly = False
    dt_config.config.defaultDelay = 0.2
    dt_config.config.searchCutoffCount = 50
    from dogtail import tree, predicate, rawinput
    import pyatspi
except Exception as e:  # noqa: BLE001 — any import failure means no a11y stack
    tap("1..0 # SKIP dogtail or AT-SPI not available: %s" % e)
    sys.exit(SKIP)


def a11y_bus_works():
    try:
        desktop = Atspi.get_desktop(0)
        desktop.get_child_count()
        return True
    except Exception:  # noqa: BLE001
        return False


def wait_for(what, fn, timeout=60):
    """Poll until fn() is truthy; the cap only stops a hung test."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = fn()
            if last:
                return last
        except Exception:  # noqa: BLE001 — the tree changes under us
            pass
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def find(parent, name, role=None, timeout=30):
    # GTK 4.8 joins a widget's label and its text into one name: an entry
    # row is "Summary Summary", a button "_Unlock Unlock".
    def matches(n):
        label = n.name.replace("_", "")
        return ((label == name or label.startswith(name + " ") or label.endswith(" " + name))
                and (role is None or n.roleName == role))

    def look():
        return parent.findChild(matches, retry=False, requireResult=False)
    return wait_for("%s %r" % (role or "widget", name), look, timeout)


def set_text(node, text):
    """Type into an entry: the node itself or its editable child."""
    candidates = [node] + node.findChildren(lambda n: True, recursive=True)
    for n in candidates:
        try:
            editable = n.queryEditableText()
        except (NotImplementedError, Exception):  # noqa: BLE001
            continue
        editable.setTextContents(text)
        return
    node.grabFocus()
    rawinput.typeText(text)


def click(node):
    """Activate a button or check box with whatever action it offers.

    GTK 4.8 gives check boxes no AT-SPI action and does not implement
    Component.GrabFocus, so those get a real pointer click in the middle of
    their extents (window coordinates; without a window manager the window
    sits at 0,0 of the Xvfb screen)."""
    actions = node.actions
    for action in ("click", "activate", "press", "toggle"):
        if action in actions:
            node.doActionNamed(action)
            return
    x, y, w, h = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    rawinput.click(x + w // 2, y + h // 2)


def listed(signals):
    """The row of the test's signal in the signal list, or None."""
    return signals.findChild(lambda n: n.name.startswith(SUMMARY + ". Level"),
                             retry=False, requireResult=False)


def is_checked(node):
    return node.getState().contains(pyatspi.STATE_CHECKED)


def describe(node, depth=0, out=None):
    """The accessible tree as text, for the log of a failed step."""
    out = [] if out is None else out
    try:
        checked = " [checked]" if is_checked(node) else ""
        out.append("%s%s %r%s" % ("  " * depth, node.roleName, node.name, checked))
        for child in node.children:
            describe(child, depth + 1, out)
    except Exception as e:  # noqa: BLE001 — the tree changes under us
        out.append("%s(gone: %s)" % ("  " * depth, e))
    return out


class Step:
    n = 0
    app = None

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        Step.n += 1
        if kind is None:
            tap("ok %d %s" % (Step.n, self.name))
            return False
        tap("not ok %d %s # %s" % (Step.n, self.name, value))
        for line in traceback.format_exception(kind, value, tb):
            for part in line.rstrip().splitlines():
                tap("# " + part)
        dump = os.environ.get("WB_E2E_DUMP")
        if dump and Step.app is not None:
            with open(dump, "w") as f:
                f.write("\n".join(describe(Step.app)) + "\n")
            tap("# accessible tree written to " + dump)
        return False


def main():
    if not a11y_bus_works():
        tap("1..0 # SKIP the accessibility bus could not start")
        return SKIP

    builddir = os.environ.get("WB_BUILD_ROOT", ".")
    binary = os.path.join(builddir, "src", "weerbaar")
    vault = tempfile.mkdtemp(prefix="weerbaar-e2e-")
    env = dict(os.environ)
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_MODULES", None)
    env["WEERBAAR_KDF_COST"] = "min"
    env["LANGUAGE"] = "C"
    env["LC_ALL"] = "C.UTF-8"
    env["GSETTINGS_BACKEND"] = "memory"

    tap("1..7")
    proc = subprocess.Popen([binary, "--vault", vault], env=env)
    try:
        app = wait_for("the application on the accessibility bus",
                       lambda: next((a for a in tree.root.applications()
                                     if a.name in ("weerbaar", "Weerbaar", "nl.weerbaar.Weerbaar")), None))
        Step.app = app

        with Step("create a vault"):
            set_text(find(app, "Organisation name", "text"), "Gemeente Tilburg")
            set_text(find(app, "Role", "text"), "Liaison officer")
            set_text(find(app, "New passphrase", "text"), PASSPHRASE)
            set_text(find(app, "Repeat the passphrase", "text"), PASSPHRASE)
            click(find(app, "Create Vault", "push button"))
            check = find(app, "I have stored the recovery key in a safe place", "check box", timeout=60)
            click(check)
            wait_for("the check box to be ticked", lambda: is_checked(check), timeout=10)
            click(find(app, "Continue", "push button"))
            find(app, "No Signals Yet", timeout=60)

        with Step("add a signal"):
            click(find(app, "New signal", "push button"))
            editor = wait_for("the editor", lambda: next(
                (w for w in app.children if w.name == "New Signal"), None))
            set_text(find(editor, "Summary", "text"), SUMMARY)
            category = find(editor, "C Coerced return and mobility control")
            click(category)
            click(find(editor, "C1 Coerced return"))
            set_text(find(editor, "Municipality", "text"), "Tilburg")
            click(find(editor, "Save", "push button"))
            wait_for("the editor to close", lambda: all(w.name != "New Signal" for w in app.children))

        with Step("find it by search"):
            search = find(app, "Search signals", "entry")
            signals = find(app, "Signals", "list")
            set_text(search, "embassy")
            wait_for("the list to drop the signal", lambda: listed(signals) is None)
            set_text(search, "students")
            row = wait_for("the signal in the list", lambda: listed(signals))

        with Step("open it and escalate it with a justification"):
            click(row)
            click(find(app, "Escalate…", "push button"))
            dialog = wait_for("the escalation dialog", lambda: next(
                (w for w in app.children if w.name == "Escalate Signal"), None))
            set_text(find(dialog, "Facts (beeldvorming)", "text"), "Three reports from one student association.")
            set_text(find(dialog, "Assessment (oordeelsvorming)", "text"), "A pattern, not an incident.")
            set_text(find(dialog, "Decision (besluitvorming)", "text"), "Escalate to picture-building.")
            click(find(dialog, "Escalate", "push button"))
            wait_for("the dialog to close", lambda: all(w.name != "Escalate Signal" for w in app.children))
            find(app, "Escalate: level 1 → 2")

        with Step("lock"):
            click(find(app, "Lock the vault", "push button"))
            find(app, "The Vault Is Locked")
            # Locking drops the loaded signals, not only the view of them.
            wait_for("the signal to leave the screen", lambda: app.findChild(
                lambda n: SUMMARY in n.name, retry=False, requireResult=False) is None)

        with Step("unlock"):
            set_text(find(app, "Passphrase", "text"), PASSPHRASE)
            click(find(app, "Unlock", "push button"))
            signals = find(app, "Signals", "list")

        with Step("the signal and its decision are there"):
            row = wait_for("the signal in the list", lambda: listed(signals), timeout=60)
            click(row)
            find(app, "Escalate: level 1 → 2", timeout=60)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(vault, ignore_errors=True)

    return 0


if __name__ == "__main__":
    sys.exit(main())
