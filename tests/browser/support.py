"""What the browser tests share: launch options, page watching, axe runs, keyboard moves."""

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("QUIZAPP_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = ROOT / ".browser-deps" / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "/__axe-core/axe.min.js"  # never a route of the app
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# Debian's Chromium, never a browser Playwright downloads. Without the background-networking
# flags Chromium keeps trying to reach Google's services, which an offline machine refuses.
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "laptop": {"width": 1366, "height": 768}}
SCHEMES = ("light", "dark")
COMBOS = [(viewport, scheme) for scheme in SCHEMES for viewport in VIEWPORTS]
IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = ("critical", "serious")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# page name -> "phone-light" etc. -> impact -> number of rules violated; filled by run_axe and
# printed by the terminal summary in conftest.py.
AXE_COUNTS: dict[str, dict[str, dict[str, int]]] = defaultdict(dict)
# rule id -> (help text, pages) for every violation below "serious": the README lists them.
AXE_LESSER: dict[str, tuple[str, set[str]]] = {}

_RUN_AXE = """async tags => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary),
  }));
}"""

_FOCUS = """selector => {
  const e = document.activeElement;
  if (!e || e === document.body) return {matches: false, where: 'body'};
  const rgb = text => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const lin = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  let behind = e.parentElement, background = [255, 255, 255];
  for (; behind; behind = behind.parentElement) {
    const colour = rgb(getComputedStyle(behind).backgroundColor);
    if (colour.length === 3 || colour[3] > 0) { background = colour; break; }
  }
  const style = getComputedStyle(e);
  const [a, b] = [luminance(rgb(style.outlineColor)), luminance(background)];
  const box = e.getBoundingClientRect();
  return {
    matches: e.matches(selector),
    where: e.outerHTML.slice(0, 120),
    outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
  };
}"""
FOCUS_CONTRAST = 3  # WCAG 1.4.11: a focus indicator needs 3:1 against what is behind it


@dataclass
class Watch:
    """What a page said that a test should hear about: CSP refusals, script errors, dialogs."""

    csp: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return self.csp + self.errors + [f"dialog: {d}" for d in self.dialogs]


def watch(page) -> Watch:
    seen = Watch()
    page.on("console", lambda m: _console(seen, m))
    page.on("pageerror", lambda error: seen.errors.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    return seen


def _console(seen: Watch, message) -> None:
    if "Content Security Policy" in message.text:
        seen.csp.append(f"CSP: {message.text}")


def serve_axe(context) -> None:
    """Answer AXE_URL with the local axe.min.js in this browser context.

    add_script_tag(path=...) inlines the file, which the app's CSP (script-src 'self') rightly
    refuses; a same-origin URL keeps the CSP on while axe runs.
    """
    context.route(f"**{AXE_URL}", lambda route: route.fulfill(path=AXE_JS))


def combo_name(viewport: str, scheme: str) -> str:
    return f"{viewport}-{scheme}"


def axe_violations(page) -> list[dict]:
    """Every axe-core violation on the page as it is now: id, impact, help, first nodes."""
    if not page.evaluate("() => typeof axe === 'object'"):
        page.add_script_tag(url=AXE_URL)
    return page.evaluate(_RUN_AXE, AXE_TAGS)


def run_axe(page, name: str, combo: str) -> list[dict]:
    """Run axe-core on the page, record the counts, return the serious and critical violations."""
    violations = axe_violations(page)
    counts = dict.fromkeys(IMPACTS, 0)
    for violation in violations:
        counts[violation["impact"]] += 1
        if violation["impact"] not in BLOCKING:
            help_text, pages = AXE_LESSER.setdefault(violation["id"], (violation["help"], set()))
            pages.add(name)
    AXE_COUNTS[name][combo] = counts
    return [v for v in violations if v["impact"] in BLOCKING]


def screenshot(page, name: str, combo: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}-{combo}.png"
    page.screenshot(path=path, full_page=True)
    return path


def log_in(page, username: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    # On a phone the Log out button sits in the closed Menu, so look for its form.
    assert page.locator("form[action$='/logout'] button").count(), page.url


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until an element matching `selector` has focus; every stop must show focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS, selector)
        if focus["where"] == "body":
            continue
        _assert_focus_visible(page, focus)
        if focus["matches"]:
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def tab_through(page, limit: int = 600) -> int:
    """Tab from the top of the page to its end; every stop must show focus. Returns the stops."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for stops in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS, "a.skip-link")
        if focus["where"] == "body" or (stops and focus["matches"]):
            return stops
        _assert_focus_visible(page, focus)
    raise AssertionError(f"more than {limit} tab stops on {page.url}")


def _assert_focus_visible(page, focus: dict) -> None:
    assert focus["outlined"], f"no visible focus indicator on {focus['where']} ({page.url})"
    assert focus["onScreen"], f"focused element is off screen: {focus['where']} ({page.url})"
    assert focus["contrast"] >= FOCUS_CONTRAST, f"faint focus indicator: {focus} ({page.url})"


def press_and_wait(page, key: str = "Enter") -> None:
    """Press a key that submits a form or follows a link, and wait for the new page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def answer_with_keyboard(page, text: str = "Torkham", number: str = "1893") -> None:
    """Answer the question on screen with the keyboard alone (any answer will do), then save."""
    tab_to(page, "form.question :is(input:not([type=hidden]), select)")
    control = page.evaluate(
        "() => ({type: document.activeElement.type, name: document.activeElement.name,"
        " mode: document.activeElement.inputMode})"
    )
    if control["type"] == "radio":
        page.keyboard.press("Space")
    elif control["type"] == "checkbox":
        page.keyboard.press("Space")
    elif control["type"].startswith("select"):
        _choose_in_selects(page)
    else:
        page.keyboard.type(number if control["mode"] == "decimal" else text)
    tab_to(page, "form.question button[type=submit]")
    press_and_wait(page)


def _choose_in_selects(page) -> None:
    count = page.locator("form.question select").count()
    for index in range(count):
        name = page.evaluate("() => document.activeElement.name")
        if name.startswith("rank-"):
            page.keyboard.type(str(index + 1))  # typing a label picks that option
        else:
            for _ in range(index + 1):
                page.keyboard.press("ArrowDown")
        if index + 1 < count:
            page.keyboard.press("Tab")


def answer_by_pointer(page) -> None:
    """Answer the question on screen with clicks and typing (any answer will do), then save."""
    form = page.locator("form.question")
    controls = form.locator("input[type=radio], input[type=checkbox]")
    if controls.count():
        controls.first.check()
    elif form.locator("select").count():
        selects = form.locator("select")
        for index in range(selects.count()):
            selects.nth(index).select_option(index=index + 1)
    else:
        field = form.locator("input[name=answer]")
        field.fill("1893" if field.get_attribute("inputmode") == "decimal" else "Torkham")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def question_kind(page) -> str:
    """The kind of question on screen, read from its controls as a student would see it."""
    form = page.locator("form.question")
    for selector, kind in (
        ("input[type=checkbox]", "multiple"),
        ("input[type=radio]", "choice"),
        ("select[name^=rank-]", "ordering"),
        ("select[name^=match-]", "matching"),
        ("input[name=answer][inputmode=decimal]", "numeric"),
    ):
        if form.locator(selector).count():
            return kind
    return "text"
