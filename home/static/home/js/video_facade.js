// The sign-language recording embedded from YouTube or Vimeo (home/sign_language.py): until the
// visitor activates the link, nothing is loaded from the host. Activating it (click, Enter)
// puts the privacy-enhanced player in its place and moves the focus there. Without JavaScript
// the link opens the video on the host's site.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-embed-src]") : null;
    if (!link) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.className = "video-facade__frame";
    frame.src = link.getAttribute("data-embed-src");
    frame.title = link.getAttribute("data-embed-title");
    frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
    frame.allowFullscreen = true;
    // The site sends no referrer ("same-origin"); the players refuse to start without one.
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    link.parentNode.replaceChild(frame, link);
    frame.focus();
  });
})();
