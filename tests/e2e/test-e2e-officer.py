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

import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
PASSPHRASE = "correct horse battery staple"
SUMMARY = "Consular staff pressing students to return"


def tap(msg):
    print(msg, flush=True)


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
    """Activate a button or check box with whatever action it offers."""
    for action in ("click", "activate", "press", "toggle"):
        if action in node.actions:
            node.doActionNamed(action)
            return
    node.grabFocus()
    rawinput.pressKey("space")


class Step:
    n = 0

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

        with Step("create a vault"):
            set_text(find(app, "New passphrase"), PASSPHRASE)
            set_text(find(app, "Repeat the passphrase"), PASSPHRASE)
            click(find(app, "Create Vault", "push button"))
            check = find(app, "I have stored the recovery key in a safe place", "check box", timeout=60)
            click(check)
            click(find(app, "Continue", "push button"))
            find(app, "No Signals Yet", timeout=60)

        with Step("add a signal"):
            click(find(app, "New signal", "push button"))
            editor = wait_for("the editor", lambda: next(
                (w for w in app.children if w.name == "New Signal"), None))
            set_text(find(editor, "Summary"), SUMMARY)
            category = find(editor, "C Coerced return and mobility control")
            click(category)
            click(find(editor, "C1 Coerced return"))
            set_text(find(editor, "Municipality"), "Tilburg")
            click(find(editor, "Save", "push button"))
            wait_for("the editor to close", lambda: all(w.name != "New Signal" for w in app.children))

        with Step("find it by search"):
            search = find(app, "Search signals")
            set_text(search, "students")
            find(app, "Signals", "list")
            row = wait_for("the signal in the list", lambda: app.findChild(
                lambda n: n.name.startswith(SUMMARY), retry=False, requireResult=False))
            assert row is not None

        with Step("open it and escalate it with a justification"):
            row.grabFocus()
            rawinput.pressKey("Return")
            click(find(app, "Escalate…", "push button"))
            dialog = wait_for("the escalation dialog", lambda: next(
                (w for w in app.children if w.name == "Escalate Signal"), None))
            set_text(find(dialog, "Facts (beeldvorming)"), "Three reports from one student association.")
            set_text(find(dialog, "Assessment (oordeelsvorming)"), "A pattern, not an incident.")
            set_text(find(dialog, "Decision (besluitvorming)"), "Escalate to picture-building.")
            click(find(dialog, "Escalate", "push button"))
            wait_for("the dialog to close", lambda: all(w.name != "Escalate Signal" for w in app.children))
            find(app, "Escalate: level 1 → 2")

        with Step("lock"):
            click(find(app, "Lock the vault", "push button"))
            find(app, "The Vault Is Locked")

        with Step("unlock"):
            set_text(find(app, "Passphrase"), PASSPHRASE)
            click(find(app, "Unlock", "push button"))

        with Step("the signal and its decision are there"):
            find(app, SUMMARY, timeout=60)
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
