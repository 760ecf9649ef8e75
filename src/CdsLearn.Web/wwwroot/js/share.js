// Share buttons: the phone's own share sheet (Zalo, Messenger…) where there is one, else copy the link.
document.querySelectorAll("[data-share]").forEach(function (button) {
  var url = button.getAttribute("data-share");
  var title = button.getAttribute("data-title");
  if (!navigator.share && !(navigator.clipboard && navigator.clipboard.writeText)) return;
  button.hidden = false;
  if (!navigator.share) button.textContent = "Sao chép liên kết";
  button.addEventListener("click", function () {
    if (navigator.share) { navigator.share({ title: title, url: url }).catch(function () {}); return; }
    navigator.clipboard.writeText(url).then(function () { button.textContent = "Đã sao chép liên kết"; });
  });
});
