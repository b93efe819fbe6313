#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Sharokey for GNOME, driven through its accessibility tree (AT-SPI) on Xvfb.

Run inside dbus-run-session (the AT-SPI bus is started on it). Against a
real sharokey-server:
  1. the Files extension attaches a file: the real extension module, loaded
     with the Nautilus 4.0 typelib, launches the running application through
     its desktop entry (D-Bus activation), and the file shows on Share;
  2. the strongest-protection rule shows which protection applies;
  3. a secret is typed, Share pressed, the link read from the window and
     opened in headless Chromium, where the text is found;
  4. Your Secrets: the opened secret shows as expired; a second one is
     revoked, undone, revoked again: its status changes, and the server
     agrees;
  5. Requests lists a request; an answer sealed to this computer, sent from
     Chromium, opens with Open Answer; Preferences are shown.
A screenshot of each page lands in SHAROKEY_APP_SCREENSHOT_DIR.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from sharokey_test_server import TOKEN, Server
from virtual_display import VirtualDisplay

STEP_TIMEOUT = 45  # bounds, not expectations: a loaded machine is slow
HERE = os.path.dirname(os.path.abspath(__file__))
SCREENSHOTS = os.environ["SHAROKEY_APP_SCREENSHOT_DIR"]


T0 = time.monotonic()


def say(line):
    """A TAP line, with the time since the start (to see where the time goes)."""
    print(f"{line} # {time.monotonic() - T0:.1f} s", flush=True)


def skip(reason):
    print(f"SKIP: {reason}")
    sys.exit(77)


for tool in ("Xvfb", "import", "node"):
    if shutil.which(tool) is None:
        skip(f"{tool} is missing")
if "DBUS_SESSION_BUS_ADDRESS" not in os.environ:
    sys.exit("test-app-ui.py: run it inside dbus-run-session")

work = tempfile.mkdtemp(prefix="sharokey-app-ui-")
children = []
server = None


def cleanup():
    for child in reversed(children):
        if child.stdin is not None:  # the browser ends when its input does
            child.stdin.close()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                pass
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
            try:
                child.wait(5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    if server is not None:
        server.close()
    shutil.rmtree(work, ignore_errors=True)


def api(method, path, body=None):
    """One API call to the server, as the account of TOKEN; its JSON answer."""
    status, _, answer = server.call(method, path, body)
    assert 200 <= status < 300, (method, path, status, answer)
    return answer


server = Server()
API_URL = server.api_url
display = VirtualDisplay()
children.append(display.process)
os.environ["DISPLAY"] = display.name
# The desktop entry, where Gio.DesktopAppInfo (the Files extension) finds it.
sys.path.insert(0, HERE)
from installed_app import install_app  # noqa: E402

LAUNCHER = install_app(work)
os.environ["XDG_DATA_DIRS"] = os.path.join(work, "share") + ":" + os.environ.get(
    "XDG_DATA_DIRS", "/usr/local/share:/usr/share")

# Only now: these read DISPLAY and XDG_DATA_DIRS once.
import gi  # noqa: E402
import pyatspi  # noqa: E402

from nautilus_file_info import FileInfo, load_extension  # noqa: E402


def walk(root, predicate, breadth_first):
    """The first node under ROOT for which PREDICATE holds, level by level when BREADTH_FIRST."""
    pending = [root]
    while pending:
        node = pending.pop(0) if breadth_first else pending.pop()
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
        for child in children:
            if child is not None and predicate(child):
                return child
        pending.extend(children if breadth_first else reversed(children))
    return None


def find(root, predicate, what, timeout=STEP_TIMEOUT, breadth_first=False):
    """The first visible accessible under ROOT for which PREDICATE holds, waited for."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = walk(root, lambda a: predicate(a) and a.getState().contains(pyatspi.STATE_VISIBLE),
                         breadth_first)
        except Exception:  # a node went away while walking the tree
            found = None
        if found is not None:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        # Each walk is many D-Bus calls answered by the application's main loop.
        time.sleep(0.4)


def named(role, name):
    return lambda a: a.getRoleName() == role and a.name == name


def status_of(slug, status):
    """A predicate: the status label STATUS of the list row of SLUG (a row is
    a box: [title, details], status, actions)."""
    def predicate(accessible):
        if accessible.getRoleName() != "label" or accessible.name != status:
            return False
        texts = accessible.parent.getChildAtIndex(0)
        return any(slug in texts.getChildAtIndex(i).name for i in range(texts.childCount))
    return predicate


def wait_until(predicate, what, timeout=STEP_TIMEOUT):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def press(accessible):
    """Activates a button (its first action, "click")."""
    action = accessible.queryAction()
    action.doAction(0)


def type_into(accessible, text):
    """Puts TEXT in an editable text, as an assistive technology does (its
    insertText() takes a length that GTK 4.8 reads as bytes: not that one)."""
    assert accessible.queryEditableText().setTextContents(text)


def screenshot(name):
    path = os.path.join(SCREENSHOTS, f"app-{name}.png")
    time.sleep(0.5)  # let the last frame reach the screen
    subprocess.run(["import", "-window", "root", "-trim", "+repage", path], check=True,
                   timeout=STEP_TIMEOUT)
    print(f"# screenshot {path}")


class Browser:
    """browser.mjs: one headless Chromium for the test, asked one JSON line at a time."""

    def __init__(self):
        self.process = subprocess.Popen(["node", os.path.join(HERE, "browser.mjs")],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        children.append(self.process)

    def ask(self, **request):
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line and self.process.wait() == 77:
            skip("Chromium or playwright-core is missing")
        answer = json.loads(line)
        assert answer["ok"], answer["error"]
        return answer["result"]


def open_preferences(app, window):
    """Opens Preferences from the main menu; returns its window."""
    # (GTK 4.8 exposes the menu button twice; the inner one has the action.)
    press(find(window, lambda a: a.getRoleName() == "push button" and a.name == "Main Menu"
               and a.parent.getRoleName() == "push button", "the main menu"))
    press(find(app, named("menu item", "Preferences"), "the Preferences item"))
    preferences = find(app, named("frame", "Preferences"), "the Preferences window")
    find(preferences, lambda a: a.name == "API URL", "the API URL field")
    return preferences


def save_token_in_keyring(preferences):
    """Types the token in Preferences and saves it: the keyring holds it, the
    application uses it."""
    field = find(preferences, lambda a: a.name == "API token"
                 and "EditableText" in a.get_interfaces(), "the token field")
    type_into(field, TOKEN)
    press(find(preferences, named("push button", "Save Token"), "the Save Token button"))
    find(preferences, named("label", "From the keyring"), "the token's source: the keyring")
    gi.require_version("Sharokey", "1")
    from gi.repository import Sharokey
    assert Sharokey.keyring_lookup_token_sync(API_URL, None) == TOKEN
    say("ok - Preferences stores the token in the keyring, and the application uses it")


def main():
    # keyring-session.sh runs a gnome-keyring-daemon: the token goes there through Preferences.
    use_keyring = "SHAROKEY_KEYRING_TEST_ROOT" in os.environ
    env = dict(os.environ, SHAROKEY_API_URL=API_URL, GTK_A11Y="atspi",
               GSETTINGS_BACKEND="memory", LANGUAGE="en")
    if not use_keyring:
        env["SHAROKEY_TOKEN"] = TOKEN
    env.pop("NO_AT_BRIDGE", None)  # the accessibility bridge is the point
    log = open(os.path.join(work, "app.log"), "ab")
    app_process = subprocess.Popen([LAUNCHER], env=env,
                                   stdout=log, stderr=log)
    children.append(app_process)
    # Chromium starts while the application does.
    browser = Browser()

    desktop = pyatspi.Registry.getDesktop(0)
    deadline = time.monotonic() + 2 * STEP_TIMEOUT  # Python, GTK and libadwaita start
    app = None
    while app is None:
        apps = [desktop.getChildAtIndex(i) for i in range(desktop.childCount)]
        app = next((a for a in apps if a is not None and a.name == "org.sharokey.Sharokey"), None)
        if app is None:
            assert time.monotonic() < deadline, "the application never showed on the AT-SPI bus"
            time.sleep(0.1)
    window = find(app, named("frame", "Sharokey"), "the main window")
    say("ok 1 - the window is on the accessibility bus")
    if use_keyring:
        preferences = open_preferences(app, window)
        save_token_in_keyring(preferences)
        screenshot("preferences")
        press(find(preferences, named("push button", "Close"), "the Preferences' Close button"))

    # 1. The Files extension attaches a file to the running application.
    attachment = os.path.join(work, "notes.txt")
    with open(attachment, "w") as f:
        f.write("attached\n")
    extension = load_extension()
    items = extension.SharokeyMenuProvider().get_file_items([FileInfo.for_path(attachment)])
    assert [i.props.label for i in items] == ["Share as a self-destructing link…"], items
    items[0].activate()
    find(window, named("label", "notes.txt"), "the attached file's row")
    say("ok 2 - the Files extension opens the application with the file attached")

    # 2. The strongest protection is the one shown as applied.
    applied = find(window, lambda a: a.getRoleName() == "label"
                   and a.name.startswith("Applied protection:"), "the applied protection")
    assert applied.name == "Applied protection: None: anyone with the link can open it", applied.name
    captcha = find(window, lambda a: a.getRoleName() in ("check box", "toggle button", "switch")
                   and "Captcha" in a.name, "the captcha switch")
    press(captcha)
    wait_until(lambda: applied.name == "Applied protection: Captcha", "captcha applied")
    press(captcha)
    wait_until(lambda: applied.name.startswith("Applied protection: None"), "no protection")
    say("ok 3 - the applied protection follows the form")

    # 3. Type, share, read the link, open it in Chromium.
    plaintext = "Grüße from the desktop: 🔐 VPN pass 4ever"
    text = find(window, named("text", "Secret text"), "the secret's text view")
    description = find(window, lambda a: a.name == "Description (only you see it)"
                       and "EditableText" in a.get_interfaces(), "the description field")
    type_into(description, "VPN password")
    type_into(text, plaintext)
    find(window, named("label", f"{len(plaintext)} / 255"), "the live counter")
    remove = find(window, named("push button", "Remove notes.txt"), "the file's remove button")
    press(remove)
    share = find(window, named("push button", "Share"), "the Share button")
    press(share)
    # The link's label is named by its text.
    link = find(window, lambda a: a.getRoleName() == "label" and a.name.startswith("http"),
                "the link").name
    assert link.startswith(API_URL.rsplit("/api/", 1)[0]) and "#" in link, link
    find(window, named("image", "QR code of the link"), "the QR code")
    screenshot("share")
    assert browser.ask(mode="reveal", link=link) == plaintext
    say("ok 4 - the shared text opens in Chromium from the link read in the window")

    # A second secret, to revoke.
    type_into(description, "Wi-Fi guest code")
    type_into(text, "to be revoked")
    press(share)
    second_link = find(window, lambda a: a.getRoleName() == "label" and a.name.startswith("http")
                       and a.name != link, "the second link").name
    second_slug = second_link.split("#")[0].rstrip("/").rsplit("/", 1)[1]
    first_slug = link.split("#")[0].rstrip("/").rsplit("/", 1)[1]

    # A request, so that the Requests page has one.
    api("POST", "/requests", {"message": "Send me the Wi-Fi key",
                                       "description": "Wi-Fi key", "maximum_views": 1,
                                       "secret_expiration_hours": 24})

    # 4. Your Secrets: statuses, revoke with undo.
    press(find(window, named("page tab", "Your Secrets"), "the Your Secrets tab"))
    find(window, status_of(first_slug, "Expired"), "the opened secret shown as expired")
    revoke = find(window, named("push button", "Revoke “Wi-Fi guest code”"), "the Revoke button")
    press(revoke)
    # The toast is near the top of the tree, and lasts seconds: look there first.
    # (libadwaita 1.2 names it "Undo Undo": its label twice.)
    undo = find(window, lambda a: a.getRoleName() == "push button" and a.name.startswith("Undo"),
                "the undo toast", breadth_first=True)
    press(undo)
    revoke = find(window, named("push button", "Revoke “Wi-Fi guest code”"), "Revoke again after Undo")
    assert api("GET", f"/secrets/{second_slug}")["data"]["status"] == "active"
    screenshot("secrets")
    say("ok 5 - Undo keeps the secret")
    press(revoke)
    # Only when the toast goes away without Undo is the secret revoked: close
    # it (its unnamed close button, next to Undo), or let it time out.
    try:
        toast = find(window, named("filler", "AdwToastWidget"), "the toast", timeout=5,
                     breadth_first=True)
        press(find(toast, lambda a: a.getRoleName() == "push button"
                   and not a.name.startswith("Undo"), "the toast's close button", timeout=2))
    except Exception:  # gone already: it timed out
        pass
    find(window, status_of(second_slug, "Expired"), "the revoked secret shown as expired",
         timeout=30)
    assert api("GET", f"/secrets/{second_slug}")["data"]["status"] == "expired"
    say("ok 6 - a revoked secret changes status, on the page and on the server")

    # 5. Requests and Preferences.
    press(find(window, named("page tab", "Requests"), "the Requests tab"))
    find(window, named("label", "Wi-Fi key"), "the request's row")
    find(window, named("label", "Waiting for an answer"), "the request's status")
    screenshot("requests")
    say("ok 7 - the Requests page lists the request")

    # (GTK 4.8 exposes the menu button twice; the inner one has the action.)
    # An answer sealed to this computer: the request is created by the library
    # here (its key kept in XDG_DATA_HOME, which the application shares),
    # answered in Chromium, then opened in the application.
    gi.require_version("Sharokey", "1")
    from gi.repository import Sharokey
    client = Sharokey.Client(token=TOKEN, api_url=API_URL)
    request = client.create_request_sync(
        Sharokey.RequestOptions(message="The door code, please", description="Door code",
                                maximum_views=1, secret_expiration_hours=24), None)
    answer = "door: 4711 ✓"
    assert browser.ask(mode="answer", link=request.props.url, text=answer) == "sealed"
    press(find(window, named("push button", "Refresh"), "the Refresh button"))
    press(find(window, named("push button", "Open the answer to “Door code”"), "Open Answer"))
    dialog = find(app, lambda a: a.getRoleName() in ("dialog", "alert", "frame") and a.name == "Answer",
                  "the answer's window")
    find(dialog, named("label", answer), "the answer's text")
    screenshot("answer")
    say("ok 8 - an answer sealed to this computer opens in the application")

    if not use_keyring:
        preferences = open_preferences(app, window)
        find(preferences, lambda a: a.name == "From the SHAROKEY_TOKEN environment variable",
             "where the token comes from")
        screenshot("preferences")
    say("ok 9 - Preferences shows the API URL and where the token comes from")

    assert app_process.poll() is None, "the application exited"
    print("1..9")


try:
    main()
except (AssertionError, Exception) as error:
    print(f"not ok - {error}")
    try:
        screenshot("failure")
    except Exception:  # the display itself may be what failed
        pass
    for name, path in (("app.log", os.path.join(work, "app.log")), ("server.log", server.log)):
        if os.path.exists(path):
            with open(path, errors="replace") as f:
                print(f"# {name}:\n" + "".join("# " + line for line in f.readlines()[-40:]))
    cleanup()
    sys.exit(1)
cleanup()
