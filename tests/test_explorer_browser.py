"""The explorer in a real browser (issue 23): Debian's chromium, driven by Playwright, against the
app served on a free port. It opens the page, switches the language, plays a year, moves a
control and plays again: the policy's figures and charts change, the baseline's stay put. Also
the download of the charts and keeping the settings as a policy file; and no request leaves the
machine. It saves a screenshot into its temporary folder (the path is printed with `-s`); with
EXPLORER_SCREENSHOT=docs/explorer.png it writes the one the README shows, so a plain test run
leaves the repository as it was.

Without chromium or Playwright it skips with a reason, except in CI (CI=true), where it fails.
Timings of the first chart and of a played year are printed (`-s`), never asserted.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOT = os.environ.get("EXPLORER_SCREENSHOT")  # e.g. docs/explorer.png, for the README


def _missing(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser test must run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
        import solara  # noqa: F401
    except ImportError as error:
        _missing(f"{error.name} is not installed: pip install -e '.[explorer,test]'")
    path = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")
    if not path:
        _missing("no chromium: apt-get install chromium (or set CHROMIUM to its path)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app, as the README starts it, on a free port, with a config folder of one's own."""
    folder = tmp_path_factory.mktemp("my_scenarios")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "SIM_CONFIG_DIR": str(folder), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "solara", "run", "app.py", "--host", "127.0.0.1", "--port",
         str(port), "--production"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(url, process)
        yield url, folder
    finally:
        process.terminate()
        process.wait(timeout=20)


def _wait_for(url: str, process, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if process.poll() is not None:
            raise AssertionError(f"the app stopped: {process.stderr.read()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"the app did not answer at {url} within {seconds} s")


def _figures(page) -> dict[str, tuple[str, str]]:
    """The key-figure panel: figure -> (policy, baseline), as shown."""
    rows = page.locator(".explorer-figures tr").all_inner_texts()[1:]
    return {cells[0]: (cells[1], cells[2]) for cells in (r.split("\t") for r in rows)}


def _play_year(page) -> float:
    """Press play and wait for the last day: the seconds it took in the browser."""
    started = page.evaluate("performance.now()")
    page.click(".explorer-play")
    page.wait_for_selector(".explorer-restart", timeout=60_000)
    return (page.evaluate("performance.now()") - started) / 1000


def test_the_explorer_in_a_browser(browser, server, tmp_path):
    url, folder = server
    page = browser.new_page(viewport={"width": 1400, "height": 1050}, accept_downloads=True)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    page.wait_for_selector(".solara-echarts canvas", timeout=60_000)
    first_chart = page.evaluate("performance.now()") / 1000
    page.get_by_role("button", name="en", exact=True).click()
    page.wait_for_selector("text=Share of patients reached")
    year = _play_year(page)
    before = _figures(page)
    chart = page.locator(".solara-echarts").nth(1)
    chart_before = chart.screenshot()
    assert float(before["No-show rate"][0].rstrip(" %")) < float(before["No-show rate"][1].rstrip(" %"))
    screenshot = ROOT / SCREENSHOT if SCREENSHOT else tmp_path / "explorer.png"
    page.screenshot(path=str(screenshot))  # the README's: a year of SMS reminders to everyone
    assert screenshot.read_bytes().startswith(b"\x89PNG")

    slider = page.locator(".v-input", has_text="Share of patients reached").locator(".v-slider")
    box = slider.bounding_box()
    page.mouse.click(box["x"] + 0.2 * box["width"], box["y"] + box["height"] / 2)
    page.wait_for_selector(".explorer-play")  # a new pair of runs, at day 0
    _play_year(page)
    after = _figures(page)
    assert after["No-show rate"][0] != before["No-show rate"][0]  # the policy's effect changed
    assert {k: v[1] for k, v in after.items()} == {k: v[1] for k, v in before.items()}
    assert chart.screenshot() != chart_before

    with page.expect_download() as download:
        page.get_by_text("Download the charts (PNG)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"\x89PNG")
    page.get_by_label("Name of the policy file").fill("sms_reach_test")
    page.get_by_role("button", name="Save as a policy").click()
    page.wait_for_selector("text=Saved", timeout=20_000)
    assert "reach: 0." in (folder / "policy" / "sms_reach_test.yaml").read_text(encoding="utf-8")
    assert all(r.startswith(url) or r.startswith(("blob:", "data:")) for r in requests), \
        [r for r in requests if not r.startswith(url)][:3]
    print(f"\nexplorer: first chart {first_chart:.2f} s after opening; a year played in "
          f"{year:.2f} s; screenshot {screenshot}")
