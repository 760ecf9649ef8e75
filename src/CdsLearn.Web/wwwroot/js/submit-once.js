// Disables a form's submit button once it is sent, so a double tap sends one request.
// The server stores an attempt once even without this (the attempt id is in the form).
document.querySelectorAll("form.quiz").forEach(function (form) {
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    if (button) {
      setTimeout(function () { button.disabled = true; button.textContent = "Đang nộp bài…"; }, 0);
    }
  });
});
