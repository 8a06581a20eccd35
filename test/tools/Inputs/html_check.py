"""Reads an HTML page written by tmreport html with Python's html.parser
and prints what a reader sees in it, for FileCheck: the title, the
headings, each table's rows (cells joined by " | "), the text of the
paragraphs that have an id, and how many <svg> and <script> elements it
has; not the text inside the graphs.

It fails (exit status 1, the reason on stderr) when the page is not
well-formed (an end tag that closes another element, an element left open)
or not self-contained: an element that loads something (link, img, iframe,
...), an attribute that names a resource (src, href, ...) other than a
fragment, a style that imports or fetches, or an http(s) URL anywhere but
the SVG namespace.

usage: html_check.py PAGE.html
"""
import html.parser
import re
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
LOADING = {"link", "img", "iframe", "frame", "object", "embed", "audio",
           "video", "source", "base", "image", "use", "feimage"}
RESOURCE_ATTRIBUTES = {"src", "href", "xlink:href", "srcset", "action",
                       "data", "poster", "background", "formaction"}
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
URL = re.compile(r"https?://|url\s*\(|@import", re.I)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []     # the elements open now
        self.errors = []
        self.lines = []    # what the page shows, for FileCheck
        self.counts = {"svg": 0, "script": 0}
        self.text = None   # the text of the element being collected
        self.collecting = None
        self.row = None
        self.cell = None

    def error_at(self, message):
        line, column = self.getpos()
        self.errors.append("line %d, column %d: %s" % (line, column + 1,
                                                        message))

    def check_self_contained(self, tag, attrs):
        if tag in LOADING:
            self.error_at("<%s> loads a resource" % tag)
        for name, value in attrs:
            value = value or ""
            if name in RESOURCE_ATTRIBUTES and not value.startswith("#"):
                self.error_at("%s=%r names a resource" % (name, value))
            elif name == "xmlns" and value == SVG_NAMESPACE:
                continue
            elif URL.search(value):
                self.error_at("%s=%r refers to the network" % (name, value))

    def handle_starttag(self, tag, attrs):
        self.check_self_contained(tag, attrs)
        if tag in self.counts:
            self.counts[tag] += 1
        if tag not in VOID:
            self.open.append(tag)
        ident = dict(attrs).get("id")
        if "svg" in self.open:  # the graphs' own titles and texts
            return
        if tag in ("title", "h1", "h2", "caption") or (
                ident and tag in ("p", "table")):
            if tag == "table":
                self.lines.append("table %s" % ident)
            else:
                self.collecting = (tag, ident)
                self.text = []
        if tag == "tr":
            self.row = []
        if tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_startendtag(self, tag, attrs):
        self.check_self_contained(tag, attrs)

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.error_at("</%s> closes <%s>" % (
                tag, self.open[-1] if self.open else "nothing"))
            return
        self.open.pop()
        if self.collecting and self.collecting[0] == tag:
            name, ident = self.collecting
            label = name if name != "p" else "p#%s" % ident
            self.lines.append("%s: %s" % (label, "".join(self.text).strip()))
            self.collecting = self.text = None
        if tag in ("td", "th") and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        if tag == "tr" and self.row is not None:
            self.lines.append("  " + " | ".join(self.row))
            self.row = None

    def handle_data(self, data):
        if self.open and self.open[-1] in ("script", "style"):
            if URL.search(data) and self.open[-1] == "style":
                self.error_at("the style sheet refers to the network")
            return
        if self.text is not None:
            self.text.append(data)
        if self.cell is not None:
            self.cell.append(data)

    def handle_decl(self, decl):
        self.lines.append("<!%s>" % decl)


def main():
    page = Page()
    with open(sys.argv[1], encoding="utf-8") as f:
        page.feed(f.read())
    page.close()
    if page.open:
        page.errors.append("left open: " + " ".join(page.open))
    for line in page.lines:
        print(line)
    print("svg elements: %d, scripts: %d" % (page.counts["svg"],
                                             page.counts["script"]))
    if page.errors:
        for e in page.errors:
            print("html_check: %s: %s" % (sys.argv[1], e), file=sys.stderr)
        return 1
    print("well-formed and self-contained")
    return 0


if __name__ == "__main__":
    sys.exit(main())
