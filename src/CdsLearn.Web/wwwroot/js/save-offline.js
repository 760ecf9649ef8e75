// "Lưu cả kỹ năng": fetches the skill page, its lessons (with their pictures) and practice tasks into the service
// worker's caches, showing progress. With "Lưu cả giọng đọc" ticked, also each lesson's list of the team's readings in
// that language (the address voices.js asks), each file whole and the player itself, so the readings play offline.
(function () {
  var box = document.querySelector(".save-offline");
  if (!box || !("caches" in window) || !("serviceWorker" in navigator)) return;
  var pages = box.getAttribute("data-pages").split(" ");
  var button = box.querySelector("button");
  var choices = [].slice.call(box.querySelectorAll("input[type=checkbox]"));
  var bar = box.querySelector("progress");
  var status = box.querySelector("[role=status]");
  var done = 0;
  box.hidden = false;

  function sequence(list, each) {
    return list.reduce(function (previous, x) { return previous.then(function () { return each(x); }); }, Promise.resolve());
  }
  function step() { done++; bar.value = done; status.textContent = "Đã lưu " + done + " / " + bar.max; }

  // One page after another (3G). A page needs its scripts, styles and a lesson its pictures offline: fetching them lets
  // the service worker keep them; with voices, the player a lesson loads (its data-script) too.
  function savePages(withPlayer) {
    var linked = withPlayer ? /(?:src|href|data-script)="\/(?:js|css|noi-dung)\/[^"]+"/g : /(?:src|href)="\/(?:js|css|noi-dung)\/[^"]+"/g;
    return caches.open("cdslearn-pages-v1").then(function (cache) {
      return sequence(pages, function (path) {
        return fetch(path, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) return;
          var copy = response.clone();
          return cache.put(path, response).then(function () { return copy.text(); }).then(function (html) {
            return Promise.all((html.match(linked) || []).map(function (a) { return fetch(a.slice(a.indexOf('"') + 1, -1)).catch(function () {}); }));
          });
        }).then(step);
      });
    });
  }

  function saveVoices(languages) {
    if (!languages.length) return Promise.resolve();
    var lists = [], files = [];
    languages.forEach(function (choice) {
      choice.getAttribute("data-items").split(" ").forEach(function (item) {
        lists.push("/giong-doc/bai/" + encodeURIComponent(item) + "?ngon-ngu=" + encodeURIComponent(choice.value));
      });
    });
    bar.max += lists.length;
    return caches.open("cdslearn-voices-v1").then(function (cache) {
      return sequence(lists, function (url) {
        return fetch(url, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) throw new Error(url);
          return cache.put(url, response.clone()).then(function () { return response.json(); });
        }).then(function (data) {
          data.voices.forEach(function (v) { if (files.indexOf(v.url) < 0) files.push(v.url); });
          step();
        });
      }).then(function () {
        bar.max += files.length;
        return sequence(files, function (url) {
          return cache.match(url).then(function (hit) {
            return hit || fetch(url).then(function (response) {
              // Whole (200), never a part (206): the service worker cuts from it the parts a player asks for.
              if (response.status !== 200) throw new Error(url);
              return cache.put(url, response);
            });
          }).then(step);
        });
      });
    });
  }

  // Lessons opened offline play the phone's chosen language: a phone that chose none, or another than those saved,
  // now listens in the first one saved.
  function remember(languages) {
    var stored = "";
    try { stored = localStorage.getItem("giong-doc") || ""; } catch (e) { /* the cookie still remembers */ }
    if (!languages.length || languages.some(function (c) { return c.value === stored; })) return;
    try { localStorage.setItem("giong-doc", languages[0].value); } catch (e) { /* the cookie still remembers */ }
    document.cookie = "giong-doc=" + encodeURIComponent(languages[0].value) + "; path=/; max-age=31536000; samesite=lax";
  }

  button.addEventListener("click", function () {
    var languages = choices.filter(function (c) { return c.checked; });
    button.disabled = true;
    choices.forEach(function (c) { c.disabled = true; });
    bar.hidden = false;
    savePages(languages.length > 0)
      .then(function () { return saveVoices(languages); })
      .then(function () {
        remember(languages);
        status.textContent = "Đã lưu " + pages.length + " trang" + (languages.length ? " và giọng đọc" : "") + ". Bạn có thể đọc"
          + (languages.length ? " và nghe" : "") + " khi không có mạng.";
      })
      .catch(function () {
        status.textContent = "Chưa lưu được: hãy thử lại khi có mạng.";
        button.disabled = false;
        choices.forEach(function (c) { c.disabled = false; });
      });
  });
})();
