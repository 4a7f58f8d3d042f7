"""The pages people use render in a real browser: Swagger UI (with Authorize and a call made
from it), ReDoc, and the Django admin (log in, search, edit a copy inline, save).

Headless Chromium from the Debian packages (`chromium`, `chromium-driver`; `.ci/run` installs
them), driven by Selenium against pytest-django's live server, with no network: every file
the pages load comes from this application. Each step waits for what the page must show, and
a screenshot of it is saved under the test's tmp_path. A Chromium that cannot start fails the
tests.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from accounts.serializers import token_pair
from accounts.tests.factories import PASSWORD, make_user
from movies.models import MovieCopy
from movies.tests.factories import make_copy, make_movie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,900",
)
WAIT_SECONDS = 20

# Every stylesheet the page has, loaded from this server and with rules in it.
STYLESHEETS = """
return [...document.styleSheets].filter(s => s.href).map(s => {
  let rules = -1;
  try { rules = s.cssRules.length; } catch (e) {}
  return [s.href, rules];
});
"""
RESOURCES = "return performance.getEntriesByType('resource').map(e => e.name);"


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator[WebDriver]:
    options = Options()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except WebDriverException as error:
        pytest.fail(f"Chromium could not start (apt-get install chromium chromium-driver): {error}")
    driver.set_page_load_timeout(WAIT_SECONDS)
    yield driver
    driver.quit()


class Page:
    """The browser on one page of the live server: waits, reads, and screenshots."""

    def __init__(self, driver: WebDriver, base_url: str, shots: Path) -> None:
        self.driver, self.base_url, self.shots = driver, base_url, shots
        self.wait = WebDriverWait(driver, WAIT_SECONDS)

    def open(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    def shown(self, css: str) -> WebElement:
        return self.wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def clickable(self, css: str) -> WebElement:
        return self.wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, css)))

    def text_in(self, css: str, text: str) -> None:
        self.wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))

    def scroll_to(self, css: str) -> None:
        element = self.driver.find_element(By.CSS_SELECTOR, css)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)

    def screenshot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        assert self.driver.save_screenshot(str(path)), name
        assert path.stat().st_size > 10_000, f"{name}: the screenshot is nearly empty"
        return path

    def assert_styled_from_here(self, css_file: str) -> None:
        sheets = self.driver.execute_script(STYLESHEETS)
        loaded = [href for href, rules in sheets if css_file in href and rules > 0]
        assert loaded, f"{css_file} did not load: {sheets}"

    def assert_nothing_loaded_from_elsewhere(self) -> None:
        """Whatever the page asked of another host, the browser refused to ask for: the
        Content-Security-Policy blocks it before any request is made."""
        resources = self.driver.execute_script(RESOURCES)
        assert resources
        foreign = [url for url in resources if not url.startswith(self.base_url)]
        console = [entry["message"] for entry in self.driver.get_log("browser")]
        refused = [m for m in console if "Content Security Policy" in m and "blocked" in m]
        assert all(any(url in m for m in refused) for url in foreign), (foreign, console)


@pytest.fixture
def page(browser, live_server, tmp_path) -> Iterator[Page]:
    browser.delete_all_cookies()
    yield Page(browser, live_server.url, tmp_path)
    browser.get("about:blank")


def test_swagger_ui_renders_every_operation_and_authorizes_with_a_bearer_token(page):
    user = make_user("ada")

    page.open("/api/docs/")

    page.shown('.opblock-summary-path[data-path="/api/v1/movies/"]')
    paths = {
        element.get_attribute("data-path")
        for element in page.driver.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
    }
    assert {"/accounts/me/", "/api/v1/movies/{id}/", "/api/v1/movies/search/"} <= paths
    page.text_in(".information-container .title", "MyColl API")
    page.assert_styled_from_here("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css")
    page.screenshot("swagger")

    page.clickable(".auth-wrapper button.authorize").click()
    page.shown(".modal-ux input[type=text]").send_keys(token_pair(user)["access"])
    page.clickable(".modal-ux .auth-btn-wrapper button.authorize").click()
    page.clickable(".modal-ux .auth-btn-wrapper button.btn-done").click()
    page.shown(".auth-wrapper button.authorize.locked")

    page.clickable("#operations-accounts-accounts_me .opblock-summary").click()
    page.clickable("#operations-accounts-accounts_me .try-out__btn").click()
    page.clickable("#operations-accounts-accounts_me .execute").click()
    page.text_in(
        "#operations-accounts-accounts_me .live-responses-table tbody .response-col_status", "200"
    )
    page.text_in("#operations-accounts-accounts_me .live-responses-table tbody pre", '"ada"')
    page.scroll_to("#operations-accounts-accounts_me .live-responses-table")
    page.screenshot("swagger-authorized-call")
    page.assert_nothing_loaded_from_elsewhere()


def test_redoc_renders_the_api(page):
    page.open("/api/redoc/")

    page.text_in(".api-info h1", "MyColl API")
    page.text_in("[role=main], .api-content", "Search TMDb")
    body = page.driver.find_element(By.TAG_NAME, "body").text
    assert "The collection" in body and "Log in" in body
    page.screenshot("redoc")
    page.assert_nothing_loaded_from_elsewhere()


def test_the_admin_finds_a_movie_and_saves_a_copy_edited_inline(page):
    make_user("root", is_staff=True, is_superuser=True)
    owner = make_user("ada")
    sphere = make_movie(owner, title="Sphere")
    copy = make_copy(sphere, platform="Shelf", form="DVD")
    make_movie(owner, title="The Matrix", release_year=1999)

    page.open("/admin/login/?next=/admin/")
    page.shown("#id_username").send_keys("root")
    page.shown("#id_password").send_keys(PASSWORD)
    page.clickable("input[type=submit]").click()
    page.text_in("#user-tools", "ROOT")
    page.assert_styled_from_here("/static/admin/css/base.css")
    header = page.driver.find_element(By.ID, "header").value_of_css_property("background-color")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent"), header

    page.open("/admin/movies/movie/")
    page.shown("#searchbar").send_keys("sph")
    page.clickable("#changelist-search input[type=submit]").click()
    page.text_in("#result_list", "Sphere")
    results = page.driver.find_element(By.ID, "result_list").text
    assert "The Matrix" not in results
    page.text_in(".paginator", "1 movie")
    page.screenshot("admin-search")

    page.driver.find_element(By.LINK_TEXT, "Sphere").click()
    platform = page.shown("input[name='copies-0-platform']")
    assert platform.get_attribute("value") == "Shelf"
    platform.clear()
    platform.send_keys("Living-room shelf")
    form = page.shown("input[name='copies-0-form']")
    form.clear()
    form.send_keys("Blu-ray")
    page.scroll_to("#copies-group")
    page.screenshot("admin-edit")
    page.clickable("input[name='_continue']").click()

    page.text_in(".messagelist .success", "was changed successfully")
    assert page.shown("input[name='copies-0-platform']").get_attribute("value") == (
        "Living-room shelf"
    )
    assert page.shown("input[name='copies-0-form']").get_attribute("value") == "Blu-ray"
    page.scroll_to("#copies-group")
    page.screenshot("admin-saved")
    copy.refresh_from_db()
    assert (copy.platform, copy.form, copy.owner) == ("Living-room shelf", "Blu-ray", owner)
    assert MovieCopy.objects.filter(movie=sphere).count() == 1


def test_the_statistics_page_signs_in_and_draws_its_charts(page):
    owner = make_user("ada")
    sphere = make_movie(owner, title="Sphere", release_year=1998)
    make_copy(sphere, medium="uhd_bluray", price="39.99", currency="EUR", acquired_on="2024-06-01")
    make_copy(make_movie(owner, title="Alien", release_year=1979), medium="dvd")

    page.open("/stats/")
    page.shown("#id_username").send_keys("ada")
    page.shown("#id_password").send_keys(PASSWORD)
    page.clickable("button[type=submit]").click()

    page.wait.until(ec.url_to_be(f"{page.base_url}/stats/"))
    page.text_in("h1", "ada's collection")
    captions = [e.text for e in page.driver.find_elements(By.CSS_SELECTOR, "figcaption")]
    assert captions == ["Copies by medium", "Titles by decade", "Spending by year", "Copies in 4K"]
    labels = [e.text for e in page.driver.find_elements(By.CSS_SELECTOR, "svg text")]
    assert {"uhd_bluray", "dvd", "1970", "1990", "2024 EUR", "39.99 EUR"} <= set(labels)
    page.text_in("figure:last-child .value", "1 of 2 copies (50%)")
    page.assert_styled_from_here("/static/stats/stats.css")
    page.screenshot("stats")
    page.assert_nothing_loaded_from_elsewhere()
