"""The HTML report in a real browser: Debian's Chromium driven by Selenium and ChromeDriver.

Run when ``chromium`` and ``chromedriver`` are installed (``.ci/run`` installs them); skipped
otherwise, except in CI, where a missing browser is a failure. Screenshots are kept in
``out/artifacts/`` (or ``$ARGMAP_ARTIFACTS``) as the run's artifacts.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from argmap.cli import main

from .conftest import EXAMPLE, ROOT

ARTIFACTS = Path(os.environ.get("ARGMAP_ARTIFACTS", ROOT / "out" / "artifacts"))


def _browser_missing() -> str | None:
    for program in ("chromium", "chromedriver"):
        if shutil.which(program) is None:
            return f"{program} is not installed (Debian: apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install 'argmap[test]')"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "johnson-lavrov.html"
    result = CliRunner().invoke(main, ["report", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _in_view(driver: Any, element: Any) -> bool:
    script = (
        "const r = arguments[0].getBoundingClientRect();"
        "return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;"
    )
    return bool(driver.execute_script(script, element))


@pytest.mark.needs_dot
def test_the_report_loads_without_errors_and_shows_map_and_article(
    browser: Any, report: Path
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(report.as_uri())
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    svg = browser.find_element(By.CSS_SELECTOR, "#map svg")
    assert svg.is_displayed()
    assert svg.size["width"] > 300
    assert len(browser.find_elements(By.CSS_SELECTOR, 'g.node[id^="statement-"]')) == 26
    marks = browser.find_elements(By.CSS_SELECTOR, "#article mark")
    assert len(marks) >= 20
    background = marks[0].value_of_css_property("background-color")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "report-top.png"))
    browser.execute_script("arguments[0].scrollIntoView()", marks[0])
    assert browser.save_screenshot(str(ARTIFACTS / "report-article.png"))


@pytest.mark.needs_dot
def test_clicking_a_node_brings_its_quote_into_view(browser: Any, report: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(report.as_uri())
    statement = "lavrov-few-kopecks"
    quote = browser.find_element(By.CSS_SELECTOR, f'mark[data-statements~="{statement}"]')
    assert not _in_view(browser, quote)  # the article is below the map and the table
    node = browser.find_element(By.ID, f"statement-{statement}")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", node)
    browser.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node
    )
    assert _in_view(browser, quote)
    assert "selected" in (quote.get_attribute("class") or "")
    row = browser.find_element(By.ID, f"row-{statement}")
    assert "selected" in (row.get_attribute("class") or "")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "report-after-click.png"))


@pytest.mark.needs_dot
def test_clicking_a_quote_marks_its_node_and_keys_work(browser: Any, report: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(report.as_uri())
    statement = "johnson-abundant-evidence"
    quote = browser.find_element(By.CSS_SELECTOR, f'mark[data-statements~="{statement}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", quote)
    quote.click()
    node = browser.find_element(By.ID, f"statement-{statement}")
    assert "selected" in (node.get_attribute("class") or "")
    # Keyboard: a node takes the focus and Enter selects it.
    other = browser.find_element(By.ID, "statement-lavrov-denies-interference")
    assert other.get_attribute("tabindex") == "0"
    browser.execute_script("arguments[0].focus()", other)
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert "selected" in (other.get_attribute("class") or "")
    # Zoom buttons change the map's size.
    svg = browser.find_element(By.CSS_SELECTOR, "#map svg")
    before = svg.size["width"]
    browser.find_element(By.CSS_SELECTOR, '[data-zoom="in"]').click()
    assert svg.size["width"] > before


@pytest.mark.needs_dot
def test_hostile_text_is_shown_as_text_in_the_browser(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        "article:\n"
        "  title: \"<script>document.title='pwned'</script> & «Правда»\"\n"
        '  text: Иван said "<img src=x onerror=alert(1)>" & left.\n'
        'speakers: {ivan: {name: "Иван <b>Петров</b>"}}\n'
        'topics: {t: "Topic & <i>co</i>"}\n'
        "statements:\n"
        "  - id: s1\n"
        "    speaker: ivan\n"
        "    topic: t\n"
        "    kind: claim\n"
        '    text: "</script><script>window.pwned=1</script> \\"quoted\\" & \'single\'"\n'
        "    quote: <img src=x onerror=alert(1)>\n",
        encoding="utf-8",
    )
    out = tmp_path / "hostile.html"
    result = CliRunner().invoke(main, ["report", str(hostile), "-o", str(out)])
    assert result.exit_code == 0, result.output
    browser.get(out.as_uri())
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.title.startswith("<script>document.title='pwned'</script> & «Правда»")
    assert browser.find_elements(By.CSS_SELECTOR, "main img") == []
    assert browser.find_elements(By.CSS_SELECTOR, "main b, main i") == []
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "</script><script>window.pwned=1</script> \"quoted\" & 'single'" in body
    assert "Иван <b>Петров</b>" in body
    assert "<img src=x onerror=alert(1)>" in body


AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.needs_dot
@pytest.mark.parametrize("theme", ["default", "print", "dark"])
def test_the_report_passes_axe_accessibility_checks(
    browser: Any, report: Path, theme: str, tmp_path: Path
) -> None:
    """axe-core's WCAG 2 A and AA rules: names and alternatives, contrast, landmarks."""
    if not AXE.exists():
        missing = f"{AXE} is missing: scripts/test installs axe-core into .tools"
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    if theme != "default":
        report = tmp_path / f"report-{theme}.html"
        result = CliRunner().invoke(
            main, ["report", str(EXAMPLE), "-o", str(report), "--theme", theme]
        )
        assert result.exit_code == 0, result.output
    browser.get(report.as_uri())
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    results = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e)}]));"
    )
    assert results == []


@pytest.mark.needs_dot
def test_the_report_prints_without_its_controls(browser: Any, report: Path) -> None:
    import base64
    import subprocess

    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (Debian: poppler-utils) is not installed")
    from selenium.webdriver.common.print_page_options import PrintOptions

    browser.get(report.as_uri())
    pdf = base64.b64decode(browser.print_page(PrintOptions()))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "report-printed.pdf").write_bytes(pdf)
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert "Statements" in text
    assert "a few kopecks" in text  # the table and the article are printed
    assert "Skip to the statements" not in text
    assert "Fit" not in text.split()  # the zoom controls are not
