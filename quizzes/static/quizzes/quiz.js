/* Optional enhancements of the quiz page; the quiz works without them.
   - Timer: shows the time left (the server enforces the limit; this only informs).
   - Autosave: each change is sent to the server in the background, so answers survive a
     lost connection even before the participant presses Save. */
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  if (!form) { return; }
  var status = document.getElementById("quiz-autosave");
  var lang = document.documentElement.lang || "pl";
  var texts = {
    pl: { left: "Pozostały czas: ", over: "Czas minął – odpowiedzi zostaną wysłane.", failed: "Nie udało się zapisać automatycznie; użyj przycisku Zapisz." },
    en: { left: "Time left: ", over: "Time is up – your answers are being sent.", failed: "Could not save automatically; use the Save button." }
  }[lang.slice(0, 2)] || null;
  if (!texts) { texts = { left: "", over: "", failed: "" }; }

  var timer = document.getElementById("quiz-timer");
  if (timer) {
    var left = parseInt(timer.getAttribute("data-seconds-left"), 10);
    var out = timer.querySelector(".quiz-timer__left");
    var endAt = Date.now() + left * 1000;
    var tick = function () {
      var s = Math.max(0, Math.round((endAt - Date.now()) / 1000));
      var m = Math.floor(s / 60);
      out.textContent = texts.left + m + ":" + String(s % 60).padStart(2, "0");
      if (s <= 60) { timer.classList.add("quiz-timer--low"); }
      if (s === 0) {
        clearInterval(handle);
        if (status) { status.textContent = texts.over; }
        var finish = document.getElementById("quiz-finish");
        if (finish && form.requestSubmit) { form.requestSubmit(finish); }
      }
    };
    var handle = setInterval(tick, 1000);
    tick();
  }

  var url = form.getAttribute("data-autosave-url");
  var pending = null;
  var send = function () {
    pending = null;
    var data = new FormData(form);
    data.delete("action");
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(function (body) {
        if (body.result_url && response.status === 409) { window.location.href = body.result_url; return; }
        if (status) { status.textContent = body.message || body.error || ""; }
      });
    }).catch(function () {
      if (status) { status.textContent = texts.failed; }
    });
  };
  form.addEventListener("change", function () {
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(send, 600);
  });
})();
