// Quiz and assessed practice forms: one request per tap; without signal the answers are kept on the phone and sent later (site.js).
document.querySelectorAll("form.quiz, form[data-submit-once]").forEach(function (form) {
  // A quiz page may come from the phone's saved copy: give this sitting its own attempt id, so it is never taken
  // for an attempt already sent from an earlier copy of the page.
  var attempt = form.querySelector("input[name=AttemptId]");
  if (attempt && window.crypto && crypto.getRandomValues) attempt.value = timeOrderedId();
  form.addEventListener("submit", function (event) {
    var button = form.querySelector("button[type=submit]");
    if (!navigator.onLine && window.cdslearnQueue) {
      event.preventDefault();
      // The saved copy of this page carries the same draw, and a draw grades one attempt: the quiz is not offered
      // again from it (a new draw needs the network). When the form is sent online, the service worker forgets it.
      if ("caches" in window) caches.open("cdslearn-pages-v1").then(function (cache) { return cache.delete(location.pathname); });
      var pairs = [];
      new FormData(form).forEach(function (value, key) { pairs.push([key, value]); });
      window.cdslearnQueue.add({ action: form.action, body: pairs, title: document.title });
      var note = document.getElementById("kept");
      if (note) note.hidden = false;
      if (button) { button.disabled = true; button.textContent = "Đã lưu, chờ gửi"; }
      return;
    }
    if (button) setTimeout(function () { button.disabled = true; button.textContent = "Đang nộp bài…"; }, 0);
  });
});

// A UUID of version 7, as the server's AttemptIds.New makes: the time in milliseconds, then 74 random bits. New attempts
// then go to the end of the database's index instead of a random page of it (a wrong phone clock costs only that).
function timeOrderedId() {
  var b = new Uint8Array(16), t = Date.now(), i;
  crypto.getRandomValues(b);
  for (i = 5; i >= 0; i--) { b[i] = t % 256; t = Math.floor(t / 256); }
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
}
