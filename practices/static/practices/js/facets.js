// The catalogue's checkboxes and sort order apply as soon as they change (the page says so
// beforehand, WCAG 3.2.2); the search and range fields still wait for "Show practices", which
// is also what works without JavaScript. The page reloads with the new results, so the changed
// control's id is kept for one reload to give it the focus back where the person left it.
(function () {
  "use strict";
  var KEY = "practices-facets-focus";
  var form = document.querySelector("form[data-apply-on-change]");
  if (!form) {
    return;
  }
  var note = document.getElementById(form.getAttribute("data-apply-on-change"));
  if (note) {
    note.hidden = false;
  }

  var storage = null;
  try {
    storage = window.sessionStorage;
  } catch (error) {
    storage = null; // storage blocked: the filters still apply, only the focus is not restored
  }

  if (storage) {
    var id = storage.getItem(KEY);
    storage.removeItem(KEY);
    var control = id && document.getElementById(id);
    if (control && form.contains(control)) {
      control.focus();
    }
  }

  form.addEventListener("change", function (event) {
    var target = event.target;
    var applies = target.type === "checkbox" || target.tagName === "SELECT";
    if (!applies || !target.id) {
      return;
    }
    if (storage) {
      storage.setItem(KEY, target.id);
    }
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  });
})();
