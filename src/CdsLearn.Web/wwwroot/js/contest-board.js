// The host's screen and the TV: the page is drawn by the server; this keeps the countdown and the counts moving and
// reloads the page when the contest moves on (so a reload is always the truth).
(function () {
  'use strict';
  var board = document.querySelector('[data-board]');
  if (!board) { return; }
  var id = parseInt(board.getAttribute('data-board'), 10);
  var phase = board.getAttribute('data-phase');
  var index = parseInt(board.getAttribute('data-index'), 10);
  var count = board.querySelector('[data-closes-in]');
  if (count) {
    var deadline = Date.now() + parseInt(count.getAttribute('data-closes-in') || '0', 10);
    var left = count.querySelector('[data-left]');
    var timer = setInterval(function () {
      var s = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      left.textContent = s;
      if (s === 0) { clearInterval(timer); count.textContent = 'Hết giờ, đang khoá…'; setTimeout(check, 4000); }
    }, 250);
  }
  function set(sel, value) { var e = board.querySelector(sel); if (e) { e.textContent = value; } }
  function same(b) {
    if (b.phase !== phase || b.index !== index) { location.reload(); return; }
    set('[data-players]', b.players);
    set('[data-answered]', b.answered);
  }
  function check() { location.reload(); }
  if (!window.signalR) { setInterval(function () { location.reload(); }, 5000); return; }
  var connection = new signalR.HubConnectionBuilder().withUrl('/hubs/cuoc-thi')
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: function () { return 2000; } }).build();
  connection.on('board', same);
  connection.on('joined', function (m) { set('[data-players]', m.players); });
  // Counts can overtake each other on the way: keep the highest.
  connection.on('answered', function (m) {
    var e = board.querySelector('[data-answered]');
    if (e && m.index === index && m.count > parseInt(e.textContent, 10)) { e.textContent = m.count; }
  });
  // The big screen's own link watches by its key, with no one signed in; the host's pages by the contest's id.
  var key = board.getAttribute('data-screen');
  function watch() { return (key ? connection.invoke('WatchScreen', key) : connection.invoke('Watch', id)).then(same); }
  connection.onreconnected(watch);
  function start() { connection.start().then(watch).catch(function () { setTimeout(start, 3000); }); }
  start();
})();
