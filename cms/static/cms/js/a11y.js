// "Ułatwienia dostępu": high contrast and text size. The choice is stored in a cookie that the
// server also reads (cms/context_processors.py), so every next page renders with it at once.
(function () {
  "use strict";
  var COOKIE = "a11y";
  function read() {
    var m = document.cookie.match(/(?:^|; )a11y=([^;]*)/);
    var parts = m ? decodeURIComponent(m[1]).split("-") : [];
    return {
      contrast: parts.indexOf("contrast") !== -1,
      size: parts.indexOf("larger") !== -1 ? "larger" : parts.indexOf("large") !== -1 ? "large" : "normal",
    };
  }
  function write(state) {
    var value = [state.contrast ? "contrast" : "", state.size].filter(Boolean).join("-");
    document.cookie = COOKIE + "=" + encodeURIComponent(value) + "; path=/; max-age=31536000; SameSite=Lax";
  }
  function apply(state) {
    var root = document.documentElement;
    root.classList.toggle("a11y-contrast", state.contrast);
    root.classList.toggle("a11y-text-large", state.size === "large");
    root.classList.toggle("a11y-text-larger", state.size === "larger");
    document.querySelectorAll("[data-a11y-contrast]").forEach(function (b) {
      b.setAttribute("aria-pressed", state.contrast ? "true" : "false");
    });
    document.querySelectorAll("[data-a11y-size]").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-a11y-size") === state.size ? "true" : "false");
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-a11y-contrast], [data-a11y-size]");
    if (!button) return;
    var state = read();
    if (button.hasAttribute("data-a11y-contrast")) state.contrast = !state.contrast;
    else state.size = button.getAttribute("data-a11y-size");
    write(state);
    apply(state);
  });
})();
