// Live figures: when the server says the numbers of this page changed, fetch the page again and swap in its
// [data-live] parts. Without SignalR (or when it cannot connect) the parts are refreshed every minute instead.
(function () {
  'use strict';
  var pending = null;
  var stamp = document.getElementById('live-stamp');

  function refresh() {
    pending = null;
    fetch(location.href, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        document.querySelectorAll('[data-live]').forEach(function (part) {
          var next = fresh.querySelector('[data-live="' + part.getAttribute('data-live') + '"]');
          if (next) { part.replaceWith(document.importNode(next, true)); }
        });
        if (stamp) { stamp.textContent = 'Cập nhật lúc ' + new Date().toLocaleTimeString('vi-VN'); }
      })
      .catch(function () { /* the next change or tick tries again */ });
  }

  function soon() { if (!pending && document.querySelector('[data-live]')) { pending = setTimeout(refresh, 1500); } }

  function poll() { setInterval(refresh, 60000); }

  if (!window.signalR) { poll(); return; }
  var connection = new signalR.HubConnectionBuilder().withUrl('/hubs/so-lieu').withAutomaticReconnect().build();
  connection.on('figures', soon);
  connection.on('done', function (message) {
    var box = document.getElementById('live-notice');
    if (box) { box.textContent = message.text; box.hidden = false; }
    soon();
  });
  connection.onreconnected(soon);
  connection.start().catch(poll);
})();
