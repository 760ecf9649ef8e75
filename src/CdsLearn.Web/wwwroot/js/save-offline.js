// "Lưu cả kỹ năng": fetches the skill page, its lessons (with their pictures) and practice tasks into the service
// worker's caches, showing progress.
(function () {
  var box = document.querySelector(".save-offline");
  if (!box || !("caches" in window) || !("serviceWorker" in navigator)) return;
  var pages = box.getAttribute("data-pages").split(" ");
  var button = box.querySelector("button");
  var bar = box.querySelector("progress");
  var status = box.querySelector("[role=status]");
  box.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    bar.hidden = false;
    caches.open("cdslearn-pages-v1").then(function (cache) {
      var done = 0;
      return pages.reduce(function (previous, path) {
        return previous.then(function () {
          return fetch(path, { credentials: "same-origin" }).then(function (response) {
            if (!response.ok) return;
            // A page needs its scripts, styles and a lesson its pictures offline: fetching them lets the service worker keep them.
            var copy = response.clone();
            return cache.put(path, response).then(function () { return copy.text(); }).then(function (html) {
              var assets = html.match(/(?:src|href)="\/(?:js|css|noi-dung)\/[^"]+"/g) || [];
              return Promise.all(assets.map(function (a) { return fetch(a.slice(a.indexOf('"') + 1, -1)).catch(function () {}); }));
            });
          }).then(function () { done++; bar.value = done; status.textContent = "Đã lưu " + done + " / " + pages.length; });
        });
      }, Promise.resolve()).then(function () { status.textContent = "Đã lưu " + done + " trang. Bạn có thể đọc khi không có mạng."; });
    }).catch(function () { status.textContent = "Chưa lưu được: hãy thử lại khi có mạng."; button.disabled = false; });
  });
})();
