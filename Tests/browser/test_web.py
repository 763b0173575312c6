"""End-to-end in Chromium: what a district officer and a viewer do, with and without JavaScript,
screenshots of every main page at office and phone widths, and axe-core on the main pages."""
import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import OUTPUT, PASSWORD, make_driver

MAIN_PAGES = {"tong-quan": "/", "ke-hoach": "/ke-hoach", "nhiem-vu": "/nhiem-vu", "nhiem-vu-III.4.(2)": "/nhiem-vu/III.4.(2)",
              "don-vi": "/don-vi", "don-vi-huyen-193": "/don-vi/huyen/193", "chi-tieu": "/chi-tieu", "dang-nhap": "/dang-nhap",
              "ho-gia-dinh": "/ho-gia-dinh", "chuong-trinh": "/chuong-trinh?ban-do=2025-07-01&don-vi=06652",
              "nguon-von": "/nguon-von", "cong-trinh": "/cong-trinh/III.4.(1).1"}


def wait_for_url(driver, fragment):
    WebDriverWait(driver, 10).until(lambda d: fragment in d.current_url)


def element(driver, by, value):
    """The element once the page that holds it has loaded: a URL can change before its document is parsed."""
    return WebDriverWait(driver, 10).until(lambda d: d.find_element(by, value))


def sign_in(driver, base, user):
    driver.get(base + "/dang-nhap?next=/nhiem-vu")
    driver.find_element(By.ID, "f-username").send_keys(user)
    driver.find_element(By.ID, "f-password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith("/nhiem-vu"))


def district_row(driver, base):
    driver.get(base + "/")
    cells = driver.find_elements(By.XPATH, "//a[text()='UBND thành phố Hạ Long']/ancestor::tr/td")
    return [cell.text for cell in cells]


def report_as_district_officer(driver, base, note, task="III.4.(2)"):
    before = district_row(driver, base)
    sign_in(driver, base, "halong")
    Select(element(driver, By.ID, "f-huyen")).select_by_value("193")
    if "huyen=193" not in driver.current_url:          # without JavaScript the button applies the filter
        driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    wait_for_url(driver, "huyen=193")
    element(driver, By.LINK_TEXT, task).click()
    wait_for_url(driver, f"/nhiem-vu/{task}")
    Select(element(driver, By.ID, "f-status")).select_by_value("in_progress")
    progress = driver.find_element(By.ID, "f-progress")
    progress.clear()
    progress.send_keys("50")
    driver.find_element(By.ID, "f-note").send_keys(note)
    driver.find_element(By.CSS_SELECTOR, "form[action$='/cap-nhat'] button[type=submit]").click()
    wait_for_url(driver, "da-gui=1")
    assert note in element(driver, By.CSS_SELECTOR, "ol.timeline").text
    after = district_row(driver, base)
    assert after != before, (before, after)
    return before, after


def test_district_officer_reports_and_home_changes(server, browser):
    before, after = report_as_district_officer(browser, server, "Đã sửa chữa 2 phòng học (có JavaScript)")
    assert int(after[2]) == int(before[2]) + 1   # tasks Hạ Long leads that have an update from it


def test_the_same_flow_without_javascript(server, browser_without_js):
    assert browser_without_js.execute_script("return 1") == 1   # webdriver itself still runs; the page's own script does not
    # Another task Hạ Long leads (through "UBND các huyện"): a second update on the same task is not a new task reported.
    before, after = report_as_district_officer(browser_without_js, server, "Đã nghiệm thu (không JavaScript)", task="III.2.(3)")
    assert int(after[2]) == int(before[2]) + 1


def test_viewer_sees_no_form_and_a_forged_post_is_refused(server, browser):
    sign_in(browser, server, "nguoixem")
    browser.get(server + "/nhiem-vu/III.4.(2)")
    assert not browser.find_elements(By.CSS_SELECTOR, "form[action$='/cap-nhat']")
    browser.get(server + "/tai-khoan")
    csrf = browser.find_element(By.NAME, "csrf_token").get_attribute("value")
    cookie = browser.get_cookie("tiendo_session")["value"]
    body = urllib.parse.urlencode({"csrf_token": csrf, "unit": "193", "status": "done", "progress": "100", "note": "giả mạo"})
    request = urllib.request.Request(server + "/nhiem-vu/III.4.(2)/cap-nhat", data=body.encode(), method="POST",
                                     headers={"Cookie": f"tiendo_session={cookie}",
                                              "Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 403
    browser.get(server + "/nhiem-vu/III.4.(2)")
    assert "giả mạo" not in browser.page_source


def test_finance_officer_enters_capital_on_the_page(server):
    """Without JavaScript, at phone width: open a line, decide its plan, record a month; each form comes back with what
    was stored, and /nguon-von shows the rate."""
    driver = make_driver(javascript=False, width=360)
    try:
        sign_in(driver, server, "taichinh")
        driver.get(server + "/nguon-von/nhap")
        element(driver, By.ID, "f-id").send_keys("2024-DA4-THU")
        Select(driver.find_element(By.ID, "f-project")).select_by_value("4")
        driver.find_element(By.ID, "f-holder").send_keys("Sở Giao thông vận tải")
        driver.find_element(By.CSS_SELECTOR, "form[action$='/dong-von'] button[type=submit]").click()
        wait_for_url(driver, "da-ghi=dong-von")
        Select(element(driver, By.ID, "f-decisionLine")).select_by_value("2024-DA4-THU")
        driver.find_element(By.ID, "f-amount").send_keys("1.000.000.000")
        driver.find_element(By.ID, "f-number").send_keys("7/QĐ-UBND")
        driver.find_element(By.CSS_SELECTOR, "form[action$='/quyet-dinh'] button[type=submit]").click()
        wait_for_url(driver, "da-ghi=quyet-dinh")
        Select(element(driver, By.ID, "f-line")).select_by_value("2024-DA4-THU")
        driver.find_element(By.ID, "f-disbursed").send_keys("250.000.000")
        driver.find_element(By.CSS_SELECTOR, "form[action$='/giai-ngan'] button[type=submit]").click()
        wait_for_url(driver, "da-ghi=giai-ngan")
        assert "Đã ghi số liệu giải ngân" in driver.find_element(By.TAG_NAME, "main").text
        overflow = driver.execute_script("return document.documentElement.scrollWidth")
        assert overflow <= 361, overflow
        folder = OUTPUT / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(360, min(max(height, 900), 6000))
        driver.save_screenshot(str(folder / "nguon-von-nhap-360.png"))
        driver.get(server + "/nguon-von?nam=2024")
        assert "250/1.000 triệu đồng (25,00 %)" in driver.find_element(By.TAG_NAME, "main").text
    finally:
        driver.quit()
    driver = make_driver()
    try:
        sign_in(driver, server, "taichinh")
        driver.get(server + "/nguon-von/nhap")
        axe = Axe(driver)
        axe.inject()
        serious = [v for v in axe.run()["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious]
    finally:
        driver.quit()


@pytest.mark.parametrize("width", [1366, 360])
def test_screenshots_of_every_main_page(server, width):
    folder = OUTPUT / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    driver = make_driver(width=width)
    try:
        for name, path in MAIN_PAGES.items():
            driver.get(server + path)
            assert driver.find_element(By.TAG_NAME, "h1").text
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(width, min(max(height, 900), 6000))
            # Nothing but wide tables (which scroll in their own box) may be wider than the screen.
            overflow = driver.execute_script("return document.documentElement.scrollWidth")
            assert overflow <= width + 1, f"{path} is {overflow}px wide at {width}px"
            driver.save_screenshot(str(folder / f"{name}-{width}.png"))
            driver.set_window_size(width, 900)
    finally:
        driver.quit()


def test_axe_reports_no_serious_or_critical_violation(server, browser):
    report = {}
    pages = list(MAIN_PAGES.values())
    for signed_in, path in [(False, p) for p in pages] + [(True, "/nhiem-vu/III.4.(2)"), (True, "/tai-khoan"), (True, "/viec-cua-toi")]:
        if signed_in and "halong" not in browser.page_source:
            sign_in(browser, server, "halong")
        browser.get(server + path)
        if signed_in:
            path += " (đã đăng nhập)"
            assert browser.find_elements(By.CSS_SELECTOR, "main form") or "viec-cua-toi" in path
        axe = Axe(browser)
        axe.inject()
        results = axe.run()
        serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
        report[path] = {"violations": [(v["id"], v["impact"], len(v["nodes"])) for v in results["violations"]],
                        "passes": len(results["passes"])}
        assert not serious, f"{path}: {[(v['id'], v['help'], [n['target'] for n in v['nodes'][:3]]) for v in serious]}"
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "axe.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))


def test_no_request_leaves_the_origin(server, browser):
    browser.get(server + "/")
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources, "the page loads its stylesheet and script"
    assert all(url.startswith(server) for url in resources), resources
