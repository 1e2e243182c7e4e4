"""Basic accessibility checks of one HTML page (stdlib only), used by the crawl test."""

from html.parser import HTMLParser


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.title = ""
        self._in_title = False
        self.label_for = set()
        self.fields = []
        self.imgs_without_alt = 0
        self.label_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "label":
            self.label_depth += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag == "img" and "alt" not in a:
            self.imgs_without_alt += 1
        elif tag in ("input", "select", "textarea"):
            if tag == "input" and a.get("type") in ("hidden", "submit", "button", "reset", "image"):
                return
            named = bool(a.get("aria-label") or a.get("aria-labelledby") or a.get("title"))
            self.fields.append((a.get("id"), a.get("name"), named or self.label_depth > 0))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "label":
            self.label_depth = max(0, self.label_depth - 1)

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def problems(page: str) -> list[str]:
    """What a screen-reader user would miss on this page."""
    scan = _Scan()
    scan.feed(page)
    found = []
    if scan.h1 != 1:
        found.append(f"{scan.h1} <h1> (want exactly 1)")
    if not scan.title.strip():
        found.append("empty <title>")
    if scan.imgs_without_alt:
        found.append(f"{scan.imgs_without_alt} <img> without alt")
    for fid, name, named in scan.fields:
        if not named and (not fid or fid not in scan.label_for):
            found.append(f"form field without a label: id={fid} name={name}")
    return found
