// The teams' voices on a lesson or a practice task: the language is chosen once on this phone (kept in localStorage and
// a cookie); each section with an approved recording gets a play button, "Nghe cả bài" plays them in order, with the
// lock screen's controls (Media Session) where the phone has them. The box (Pages/Voices/_PlayerBox.cshtml) says
// where the buttons go: section 0 at the start of data-opening, section n after the n-th of data-sections (a lesson's
// headings, a task's steps). Without a recording the phone's own voice ("Nghe bài") stays on offer.
(function () {
  var box = document.getElementById("giong-doc");
  if (!box) return;
  var opening = box.getAttribute("data-opening") ? document.querySelector(box.getAttribute("data-opening")) : null;
  var places = document.querySelectorAll(box.getAttribute("data-sections"));
  var item = box.getAttribute("data-item");
  var title = (document.querySelector("main h1") || {}).textContent || "";
  var audio = new Audio();
  var voices = [], buttons = [], current = -1, playingAll = false;
  box.textContent = "";
  var label = document.createElement("label");
  label.textContent = "Nghe bằng ";
  var select = document.createElement("select");
  select.id = "giong-doc-ngon-ngu";
  label.htmlFor = select.id;
  var all = document.createElement("button");
  all.type = "button";
  all.className = "button";
  all.textContent = "Nghe cả bài";
  all.hidden = true;
  var status = document.createElement("span");
  status.className = "meta";
  status.setAttribute("role", "status");
  box.append(label, select, " ", all, " ", status);

  function chosen() { try { return localStorage.getItem("giong-doc") || ""; } catch (e) { return ""; } }
  function remember(code) {
    try { localStorage.setItem("giong-doc", code); } catch (e) { /* the cookie still remembers */ }
    document.cookie = "giong-doc=" + encodeURIComponent(code) + "; path=/; max-age=31536000; samesite=lax";
  }

  function load(code) {
    status.textContent = "Đang tải…";
    return fetch("/giong-doc/bai/" + encodeURIComponent(item) + "?ngon-ngu=" + encodeURIComponent(code), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (!select.options.length) {
          data.languages.forEach(function (l) { select.add(new Option(l.label, l.code, false, l.code === code)); });
        }
        render(data.voices);
      }, function () { status.textContent = "Chưa tải được giọng đọc. Hãy thử lại khi có mạng."; });
  }

  function render(list) {
    buttons.forEach(function (b) { b.parentNode.remove(); });
    audio.pause();
    voices = list;
    buttons = list.map(function (voice, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "button voice-play";
      // Whose voice it is goes under the button, not in it: the button says only what a tap does.
      var part = document.createElement("p");
      part.className = "voice-part";
      part.append(b);
      if (voice.credit) {
        var credit = document.createElement("span");
        credit.className = "meta";
        credit.textContent = voice.credit;
        part.append(credit);
      }
      // The same button pauses and goes on: an elderly listener stops to try a step on the phone, then resumes.
      b.addEventListener("click", function () {
        playingAll = false;
        if (current !== i) play(i);
        else if (audio.paused) start();
        else audio.pause();
      });
      if (voice.section === 0) { if (opening) opening.insertBefore(part, opening.firstChild); }
      else if (places[voice.section - 1]) places[voice.section - 1].after(part);
      return b;
    });
    current = -1;
    show();
    all.hidden = list.length === 0;
    var name = select.options[select.selectedIndex] ? select.options[select.selectedIndex].text : "";
    status.textContent = list.length ? "" : "Bài này chưa có giọng đọc " + name.replace(/^Tiếng /, "tiếng ") + ". Bấm “Nghe bài” để điện thoại đọc tiếng Việt.";
  }

  // Each button says what a tap does now: "Tạm dừng" while its section plays.
  function show() {
    buttons.forEach(function (b, i) { b.textContent = i === current && !audio.paused ? "❚❚ Tạm dừng" : "▶ Nghe phần này"; });
  }
  function start() {
    audio.play().catch(function () { status.textContent = "Chưa phát được. Hãy thử lại khi có mạng."; });
  }
  function play(i) {
    if (!voices[i]) { playingAll = false; return; }
    current = i;
    audio.src = voices[i].url;
    start();
    if ("mediaSession" in navigator) {
      navigator.mediaSession.metadata = new MediaMetadata({ title: title, artist: voices[i].credit || "", album: "CdsLearn" });
    }
  }
  audio.addEventListener("play", show);
  audio.addEventListener("pause", show);
  audio.addEventListener("ended", function () { if (playingAll) play(current + 1); });
  all.addEventListener("click", function () { playingAll = true; play(0); });
  if ("mediaSession" in navigator) {
    navigator.mediaSession.setActionHandler("play", function () { audio.play(); });
    navigator.mediaSession.setActionHandler("pause", function () { audio.pause(); });
    navigator.mediaSession.setActionHandler("nexttrack", function () { play(current + 1); });
    navigator.mediaSession.setActionHandler("previoustrack", function () { play(Math.max(0, current - 1)); });
  }
  select.addEventListener("change", function () { remember(select.value); load(select.value); });
  // The languages this page has readings in (the box names them): the phone's choice when it is one of them, else the
  // first that is not Vietnamese. A phone's first choice is remembered; picking another in the list changes it.
  var offered = (box.getAttribute("data-languages") || "").split(" ").filter(Boolean);
  var wanted = chosen();
  var first = offered.indexOf(wanted) >= 0 ? wanted : offered.filter(function (code) { return code !== "vi"; })[0] || offered[0] || "";
  if (!wanted && first) remember(first);
  load(first);
})();
