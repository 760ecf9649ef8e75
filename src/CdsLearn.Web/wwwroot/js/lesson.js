// The lesson page's script: "Nghe bài" (read aloud) and "Giải thích từ" (terms opened in place), one file so a
// first visit makes one request for both. "Nghe giọng đọc của Tổ" is loaded by site.js, as on the practice pages.

// "Nghe bài": the phone's own Vietnamese voice reads the lesson, paragraph by paragraph, with pause and resume.
(function () {
  var button = document.getElementById("nghe-bai");
  var text = document.querySelector(".lesson .prose");
  if (!button || !text || !("speechSynthesis" in window)) return;
  var synth = window.speechSynthesis;
  function voice() {
    return synth.getVoices().filter(function (v) { return v.lang && v.lang.toLowerCase().indexOf("vi") === 0; })[0];
  }
  function offer() { if (voice()) button.hidden = false; }
  offer();
  synth.addEventListener("voiceschanged", offer);
  var state = "idle";
  function label() { button.textContent = state === "speaking" ? "Tạm dừng" : state === "paused" ? "Đọc tiếp" : "Nghe bài"; }
  button.addEventListener("click", function () {
    if (state === "speaking") { synth.pause(); state = "paused"; label(); return; }
    if (state === "paused") { synth.resume(); state = "speaking"; label(); return; }
    synth.cancel();
    var parts = Array.prototype.map.call(text.querySelectorAll("h2, h3, p, li"), function (el) { return el.textContent.trim(); })
      .filter(function (t) { return t.length > 0; });
    parts.forEach(function (part, i) {
      var utterance = new SpeechSynthesisUtterance(part);
      utterance.lang = "vi-VN";
      utterance.voice = voice();
      utterance.rate = 0.9;
      if (i === parts.length - 1) utterance.onend = function () { state = "idle"; label(); };
      synth.speak(utterance);
    });
    state = "speaking";
    label();
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });
})();

// "Giải thích từ": a tap on a marked term opens its explanation right after the paragraph; a second tap or Escape
// closes it. Without script the link jumps to the list at the end of the lesson, which is in the page (offline too).
(function () {
  var open = null;
  function close() {
    if (!open) return null;
    var link = open.link;
    open.box.remove();
    link.setAttribute("aria-expanded", "false");
    open = null;
    return link;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.tu");
    var term = link && document.getElementById(link.hash.slice(1));
    if (!term || !term.nextElementSibling) return;
    event.preventDefault();
    var again = open && open.link === link;
    close();
    if (again) return;
    var box = document.createElement("div");
    box.className = "tu-giai";
    box.id = "giai-" + term.id;
    box.setAttribute("role", "note");
    var title = document.createElement("strong");
    title.textContent = term.textContent + ": ";
    box.appendChild(title);
    Array.prototype.forEach.call(term.nextElementSibling.childNodes, function (node) { box.appendChild(node.cloneNode(true)); });
    var block = link.closest("p, li, td, th, blockquote") || link.parentNode;
    if (block.tagName === "LI" || block.tagName === "TD" || block.tagName === "TH") block.appendChild(box); else block.after(box);
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", box.id);
    open = { link: link, box: box };
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) close().focus();
  });
})();
