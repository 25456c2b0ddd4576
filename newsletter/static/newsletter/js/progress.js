// Refreshes the sending progress in the admin while a dispatch runs.
(function () {
  "use strict";
  var box = document.getElementById("newsletter-progress");
  if (!box || !box.dataset.running) return;
  function refresh() {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        Object.keys(data).forEach(function (key) {
          var cell = box.querySelector('[data-key="' + key + '"]');
          if (cell) cell.textContent = data[key];
        });
        var bar = box.querySelector("progress");
        if (bar) { bar.value = data.percent; bar.textContent = data.percent + "%"; }
        // While the recipients are being frozen there is nothing to count yet.
        var preparing = box.dataset.preparing && data.status === box.dataset.preparing;
        if (data.remaining > 0 || preparing) window.setTimeout(refresh, 3000);
      })
      .catch(function () { window.setTimeout(refresh, 10000); });
  }
  window.setTimeout(refresh, 3000);
})();
