"""StreamField values for the demo courses, written as short calls (Polish and English texts)."""


def p(*paragraphs):
    return [("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))]


def ul(*items):
    return [("paragraph", "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")]


def h(text):
    return [("heading", text)]


def callout(kind, title, text):
    return [("callout", {"kind": kind, "title": title, "text": f"<p>{text}</p>"})]
