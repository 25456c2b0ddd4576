"""Accessibility preferences ("Ułatwienia dostępu") travel in a cookie so the server renders the
right class on <html> at once (no flash of the default look, and it works without JavaScript)."""

from django.utils.functional import SimpleLazyObject

from cms.chrome import site_chrome as build

A11Y_COOKIE = "a11y"
TEXT_SIZES = ("normal", "large", "larger")


def parse_a11y_cookie(value):
    contrast = False
    size = "normal"
    for part in (value or "").split("-"):
        if part == "contrast":
            contrast = True
        elif part in TEXT_SIZES:
            size = part
    return contrast, size


def accessibility(request):
    contrast, size = parse_a11y_cookie(request.COOKIES.get(A11Y_COOKIE))
    classes = []
    if contrast:
        classes.append("a11y-contrast")
    if size != "normal":
        classes.append(f"a11y-text-{size}")
    return {"a11y_contrast": contrast, "a11y_text_size": size, "a11y_classes": " ".join(classes)}


def site_chrome(request):
    """`chrome`: menu, footer and legal links as plain values (cms/chrome.py), built only when
    a template uses it (the admin never does)."""
    return {"chrome": SimpleLazyObject(lambda: build(request))}
