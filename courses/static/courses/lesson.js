// When an exercise completes the lesson (the H5P script sends `mwf:lesson-completed`), the
// lesson's status and the course progress are brought up to date from the server's own page,
// so the participant sees them change without reloading and nothing is computed twice.
(function () {
  'use strict';

  function refresh() {
    fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        ['.lesson-state', '.lesson-completion'].forEach(function (selector) {
          var current = document.querySelector(selector);
          var updated = fresh.querySelector(selector);
          if (current && updated) {
            current.replaceWith(updated);
          }
        });
      })
      .catch(function () { /* the next page load shows it anyway */ });
  }

  document.addEventListener('mwf:lesson-completed', refresh);
})();
