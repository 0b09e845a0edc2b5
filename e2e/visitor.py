"""One person in their own browser context, whose every page is audited."""

from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from .a11y import Audit


@dataclass
class Visitor:
    page: Page
    base_url: str
    audit: Audit

    def open(self, path_or_url: str, *, heading: str) -> None:
        """Go to a page as if typing its address, check its <h1>, audit it."""
        url = path_or_url if path_or_url.startswith("http") else self.base_url + path_or_url
        response = self.page.goto(url)
        assert response is not None and response.ok, f"GET {url} answered {response and response.status}"
        self._arrived(heading)

    def sign_in(self, email: str, password: str, *, lands_on: str) -> None:
        """Sign in through the real sign-in page, as the person would."""
        self.open("/accounts/login/", heading="Sign in")
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.follow(self.page.get_by_role("button", name="Sign in"), heading=lands_on)

    def follow(self, control: Locator, *, heading: str) -> None:
        """Click a link or button that loads a new page, check its <h1>, audit it."""
        main_frame = self.page.main_frame
        with self.page.expect_event("framenavigated", predicate=lambda frame: frame == main_frame):
            control.click()
        self._arrived(heading)

    def press(self, key: str, *, heading: str) -> None:
        """Press a key that loads a new page (Enter in a form), check its <h1>, audit it."""
        main_frame = self.page.main_frame
        with self.page.expect_event("framenavigated", predicate=lambda frame: frame == main_frame):
            self.page.keyboard.press(key)
        self._arrived(heading)

    def _arrived(self, heading: str) -> None:
        self.page.wait_for_load_state("load")
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        self.audit.check(self.page)
