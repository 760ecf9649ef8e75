// On every page: register the service worker, show when the phone is offline, send quiz answers kept while offline,
// and offer the teams' voices where a page has them.
(function () {
  // "Chữ to" and "Tương phản cao": two cookies that the server reads too (DisplayOptions.cs), so pages arrive drawn
  // that way and the buttons work without script; here they switch at once. A page saved for offline may carry an
  // older choice, so the cookies win.
  var root = document.documentElement;
  function cookie(name) { var m = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)")); return m ? m[1] : null; }
  function keep(name, on) {
    document.cookie = name + "=" + (on ? "1" : "0") + "; path=/; max-age=34560000; samesite=lax" + (location.protocol === "https:" ? "; secure" : "");
  }
  ["large", "contrast"].forEach(function (name) {
    var key = "cdslearn-" + name;
    // Phones that switched before the cookies existed kept the choice in localStorage.
    if (cookie(key) === null && localStorage.getItem(key) === "1") keep(key, true);
    var on = cookie(key) === "1";
    var buttons = document.querySelectorAll("[data-toggle=" + name + "]");
    function show() {
      root.classList.toggle(name, on);
      buttons.forEach(function (button) { button.setAttribute("aria-pressed", String(on)); });
    }
    buttons.forEach(function (button) {
      button.addEventListener("click", function (event) { event.preventDefault(); on = !on; keep(key, on); show(); });
    });
    show();
  });
  // The menu closes with Escape or a tap elsewhere, as menus do.
  var menu = document.querySelector("details.menu");
  if (menu) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) { menu.open = false; menu.querySelector("summary").focus(); }
    });
    document.addEventListener("click", function (event) { if (menu.open && !menu.contains(event.target)) menu.open = false; });
  }

  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js");
  var banner = document.getElementById("offline");
  function show() {
    if (!banner) return;
    banner.hidden = navigator.onLine;
    if (navigator.onLine || !("caches" in window)) return;
    caches.open("cdslearn-pages-v1").then(function (cache) { return cache.keys(); }).then(function (keys) {
      var lessons = keys.filter(function (k) { return new URL(k.url).pathname.indexOf("/bai-hoc/") === 0; }).length;
      banner.textContent = "Bạn đang không có mạng. Máy đã lưu " + lessons + " bài học để đọc.";
    });
  }
  window.addEventListener("online", function () { show(); flush(); });
  window.addEventListener("offline", show);
  show();

  // Kept answers: localStorage "cdslearn-queue" = [{ action, body: [[name, value]…], title }]. The server stores an attempt once
  // (its id is in the body), so sending twice is harmless; an answer leaves the queue once it is graded, or once the
  // server says (409) that another attempt already graded its draw: a draw grades one attempt, so it never will be.
  var KEY = "cdslearn-queue";
  function queue() { try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; } }
  function save(items) { localStorage.setItem(KEY, JSON.stringify(items)); render(); }
  function render() {
    var box = document.getElementById("queued");
    if (!box) return;
    var items = queue();
    box.hidden = items.length === 0;
    box.textContent = items.length ? "Có " + items.length + " bài kiểm tra đang chờ gửi. Khi có mạng, máy sẽ tự gửi." : "";
  }
  function flush() {
    if (!navigator.onLine) return;
    function idOf(item) { var pair = item.body.filter(function (p) { return p[0] === "AttemptId"; })[0]; return pair && pair[1]; }
    queue().forEach(function (item) {
      fetch(item.action, { method: "POST", body: new URLSearchParams(item.body), credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" } })
        .then(function (response) {
          // 409: the page's draw already graded an attempt (a quiz, an assessed practice task); sending again cannot help.
          var refused = response.status === 409;
          if (!refused && (!response.ok || !/\/(kiem-tra|lam-thu)\/ket-qua\//.test(response.url))) return;
          save(queue().filter(function (other) { return idOf(other) !== idOf(item); }));
          var done = document.getElementById("graded");
          if (!done) return;
          var title = item.title.replace(/[<>&]/g, "");
          done.hidden = false;
          done.innerHTML = refused
            ? "Bài “" + title + "” đã được chấm từ trước nên không chấm lại. <a href=\"" + new URL(item.action, location.href).pathname + "\">Làm lại với bộ câu hỏi mới</a>"
            : "Đã chấm bài “" + title + "”. <a href=\"" + response.url + "\">Xem kết quả</a>";
        })
        .catch(function () { /* still offline: try again later */ });
    });
  }
  window.cdslearnQueue = { add: function (item) { save(queue().concat([item])); }, flush: flush };
  render();
  flush();
})();

// "Nghe giọng đọc của Tổ" (a lesson, a practice task), drawn only where some section has an approved reading: the
// player (voices.js) and the list load on the first tap, or at once on a phone that chose a language before, never
// with a first visit.
(function () {
  var box = document.getElementById("giong-doc");
  if (!box || !window.fetch) return;
  function load() {
    if (document.getElementById("giong-doc-js")) return;
    var script = document.createElement("script");
    script.id = "giong-doc-js";
    script.src = box.getAttribute("data-script");
    document.head.appendChild(script);
  }
  box.hidden = false;
  box.querySelector("button").addEventListener("click", load);
  try { if (localStorage.getItem("giong-doc")) load(); } catch (e) { /* storage off: wait for a tap */ }
})();
