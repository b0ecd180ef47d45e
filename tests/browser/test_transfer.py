"""The import and export page in a real browser: the dry-run comparison and a refused file,
with axe-core at phone and laptop size. Nothing here saves (dry runs and a broken file)."""

import pytest

from .support import VIEWPORTS, axe_violations, combo_name, log_in, run_axe, screenshot
from conftest import PASSWORD

BROKEN_XML = b'<?xml version="1.0"?>\n<quiz>\n<question type="truefalse">\n<name><text>Half'


def _check(page, name: str, viewport: str) -> list[str]:
    combo = combo_name(viewport, "light")
    run_axe(page, name, combo)  # records the counts for the summary
    screenshot(page, name, combo)
    found = axe_violations(page)
    return [f"{name} ({combo}): {v['id']} ({v['impact']}) {v['nodes']}" for v in found]


def _upload(page, name: str, data: bytes, mimetype: str) -> None:
    page.locator("input#file").set_input_files({"name": name, "mimeType": mimetype, "buffer": data})
    with page.expect_navigation():
        page.get_by_role("button", name="Upload").click()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_dry_run_and_refused_file_have_no_axe_violations(
    open_page, make_user, axe_available, viewport
):
    page = open_page(viewport)
    log_in(page, make_user("teacher"), PASSWORD)
    page.goto("/admin/gift")
    failures = _check(page, "transfer", viewport)

    # One section keeps the page short; the whole bank's comparison is tested without a browser.
    slug = page.locator("select#topic option").nth(1).get_attribute("value")
    bank = page.request.get(f"/admin/gift/export?format=xml&topic={slug}").body()
    page.get_by_label("Leave them as they are").check()
    page.get_by_label("Check only").check()
    _upload(page, "bank.xml", bank, "application/xml")
    status = page.get_by_role("status").inner_text()
    assert "Compared with the bank:" in status and "0 changed, 0 new" in status, status
    assert page.get_by_label("Leave them as they are").is_checked()
    failures += _check(page, "transfer-dry-run", viewport)

    _upload(page, "broken.xml", BROKEN_XML, "application/xml")
    assert "not well-formed XML" in page.locator("main").inner_text()
    failures += _check(page, "transfer-refused", viewport)
    width = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert width <= 1, f"the page scrolls sideways by {width}px"
    assert not failures, "\n".join(failures)
