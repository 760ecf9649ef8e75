// "Làm thử": plays a practice task on its drawn screens. Practice mode checks each tap here and shows the step's hint;
// the assessed mode only records the taps (random ids) for the server to grade, moving on after every one.
(function () {
  var root = document.querySelector(".practice");
  if (!root) return;
  var assessed = root.getAttribute("data-mode") === "assessed";
  var steps = [].slice.call(root.querySelectorAll(".step"));
  var screens = [].slice.call(root.querySelectorAll(".screen"));
  var status = root.querySelector(".status");
  var restartBox = root.querySelector(".restart-box");
  var form = document.querySelector("form.practice-form");
  var out = form && form.querySelector(".actions-out");
  var submit = form && form.querySelector("button[type=submit]");
  var current = 0;

  // A page from the phone's saved copy may already have been sent: its token grades one attempt only.
  var USED = "cdslearn-practice-used";
  var token = form && form.querySelector("input[name=Token]");
  var mark = token ? token.value.slice(-40) : "";
  function used() { try { return JSON.parse(localStorage.getItem(USED)) || []; } catch (e) { return []; } }
  if (mark && used().indexOf(mark) >= 0) {
    root.hidden = true;
    form.hidden = true;
    var note = document.createElement("p");
    note.className = "errors";
    note.textContent = "Bạn đã nộp bài này rồi. Khi có mạng, hãy mở lại trang để làm lần mới.";
    form.parentNode.insertBefore(note, form);
    return;
  }
  if (form) form.addEventListener("submit", function () {
    restartBox.hidden = true;
    localStorage.setItem(USED, JSON.stringify(used().concat([mark]).slice(-50)));
  });

  // As PracticeAnswer.Normalize on the server: case, blanks, composition, where the tone sits in an open oa, oe or uy
  // ("hòa" or "hoà") and a full stop or comma at the end do not matter.
  // Not \p{L}: old phones' browsers cannot parse it. After NFD and lower case a Vietnamese letter is a-z, đ or a mark.
  var TONE_ON_FIRST = /(o)([\u0300\u0301\u0303\u0309\u0323])([ae])(?![a-z\u0111\u0300-\u036f])|(u)([\u0300\u0301\u0303\u0309\u0323])(y)(?![a-z\u0111\u0300-\u036f])/g;
  function norm(s) {
    return (s || "").normalize("NFD").toLocaleLowerCase("vi")
      .replace(TONE_ON_FIRST, function (m, o, t1, v1, u, t2, y) { return o ? o + v1 + t1 : u + y + t2; })
      .normalize("NFC").trim().split(/\s+/).join(" ").replace(/[., ]+$/, "");
  }
  function number(s) { return /^[\d. ]*\d[\d. ]*$/.test(s); }
  function same(typed, expected) {
    var a = norm(typed), b = norm(expected);
    return a === b || (number(a) && number(b) && a.replace(/\D/g, "") === b.replace(/\D/g, ""));
  }

  function show(i, focus) {
    current = i;
    steps.forEach(function (s, j) { s.hidden = j !== i; });
    var screen = i < steps.length ? steps[i].getAttribute("data-screen") : steps[steps.length - 1].getAttribute("data-screen");
    screens.forEach(function (s) { s.hidden = s.getAttribute("data-screen") !== screen; });
    if (i >= steps.length) {
      if (assessed) {
        status.textContent = "Bạn đã làm xong các bước. Bấm \u201cNộp bài\u201d để máy chủ chấm.";
        submit.hidden = false;
        submit.focus();
      } else {
        status.textContent = "Giỏi lắm! Bạn đã làm đúng tất cả các bước.";
      }
      return;
    }
    if (focus) steps[i].querySelector(".instruction").focus();
  }

  function act(element, value) {
    if (current >= steps.length) return;
    var step = steps[current];
    if (assessed) {
      [["Target", element], ["Value", value]].forEach(function (pair) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = pair[0]; input.value = pair[1];
        out.appendChild(input);
      });
      status.textContent = "";
      show(current + 1, true);
      return;
    }
    var hint = step.querySelector(".step-hint");
    var right = element === step.getAttribute("data-target") &&
      (!step.hasAttribute("data-value") || same(value, step.getAttribute("data-value")));
    // The hint shows under the step; the status line repeats it for screen readers only.
    status.classList.toggle("visually-hidden", !right);
    if (right) {
      hint.hidden = true;
      status.textContent = "Đúng rồi.";
      show(current + 1, true);
    } else {
      hint.hidden = false;
      status.textContent = hint.textContent;
    }
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-el]");
    if (button && !button.closest("[hidden]")) act(button.getAttribute("data-el"), "");
  });
  root.addEventListener("change", function (event) {
    var field = event.target.closest("input[data-el]");
    if (field) act(field.getAttribute("data-el"), field.value);
  });
  root.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("input[data-el]")) event.target.blur();
  });
  root.querySelector(".restart").addEventListener("click", function () {
    root.querySelectorAll("input[data-el]").forEach(function (f) { f.value = ""; });
    root.querySelectorAll(".step-hint").forEach(function (h) { h.hidden = true; });
    if (out) out.textContent = "";
    if (submit) submit.hidden = true;
    status.textContent = "";
    status.classList.remove("visually-hidden");
    show(0, true);
  });
  root.classList.add("playing");
  restartBox.hidden = false;
  show(0, false);
})();
