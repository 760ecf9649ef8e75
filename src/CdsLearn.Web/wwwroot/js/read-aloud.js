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
