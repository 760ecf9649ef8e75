// A player's phone in a live contest. The server keeps the state and decides what is in time; this page only
// shows it. The seat comes from the seat cookie, so a reload or a dropped connection returns to the same seat.
(function () {
  'use strict';
  var root = document.querySelector('.play[data-code]');
  if (!root || !window.signalR) { return; }
  var code = root.getAttribute('data-code');
  var box = root.querySelector('[data-view]');
  var statusBox = document.getElementById('play-status');
  var scoreBox = root.querySelector('[data-score]');
  var view = null, me = null, deadline = 0, timer = null, pending = null;
  var letters = 'ABCDEFGH';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text != null) { e.textContent = text; }
    return e;
  }
  function say(text, bad) { statusBox.textContent = text || ''; statusBox.className = 'play-status' + (bad ? ' bad' : ''); }

  function render() {
    clearInterval(timer);
    box.textContent = '';
    if (!view || !me) { return; }
    scoreBox.textContent = view.mode === 'points' ? me.score + ' điểm' : me.right + ' câu đúng';
    if (view.phase === 'lobby') {
      box.appendChild(el('p', 'big-text', 'Bạn đã vào cuộc thi. Chờ người dẫn bắt đầu…'));
      return;
    }
    if (view.phase === 'finished') {
      box.appendChild(el('h1', null, 'Cuộc thi đã kết thúc'));
      if (view.winners && view.winners.length) { box.appendChild(el('p', null, 'Người thắng: ' + view.winners.join(', '))); }
      box.appendChild(el('p', 'big-text', 'Kết quả của bạn: ' + (view.mode === 'points' ? me.score + ' điểm, ' : '') + me.right + ' câu đúng.'));
      return;
    }
    box.appendChild(el('p', 'meta', 'Câu ' + (view.index + 1) + '/' + view.total));
    box.appendChild(el('h1', 'play-question', view.text));
    var open = view.phase === 'question';
    var count = open ? el('p', 'countdown', '') : null;
    if (count) { count.setAttribute('role', 'timer'); box.appendChild(count); }
    var list = el('div', 'play-options');
    view.options.forEach(function (text, i) {
      var b = el('button', 'option', null);
      b.type = 'button';
      b.appendChild(el('span', 'letter', letters[i]));
      b.appendChild(el('span', null, text));
      b.setAttribute('aria-pressed', String(me.answer === i));
      b.disabled = !open || me.eliminated || me.answer != null;
      if (view.correct != null) { b.className += i === view.correct ? ' correct' : (me.answer === i ? ' wrong' : ''); }
      if (view.correct === i) { b.appendChild(el('strong', 'right-mark', 'Đáp án đúng')); }
      b.addEventListener('click', function () { answer(view.index, i); });
      list.appendChild(b);
    });
    box.appendChild(list);
    if (me.eliminated) {
      box.appendChild(el('p', 'out', 'Bạn đã bị loại. Hãy theo dõi tiếp và chờ vòng cứu trợ.'));
    }
    if (open) {
      tick(count);
      timer = setInterval(function () { tick(count); }, 250);
      if (me.answer != null) { say('Đã nhận câu trả lời.'); }
    } else {
      var verdict = me.answer == null ? 'Bạn không trả lời câu này.' : me.answer === view.correct ? 'Bạn trả lời đúng!' : 'Bạn trả lời sai.';
      say('Hết giờ. ' + verdict, me.answer !== view.correct);
      if (view.explanation) { box.appendChild(el('p', 'explanation', view.explanation)); }
    }
  }

  function tick(count) {
    var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    count.textContent = left > 0 ? 'Còn ' + left + ' giây' : 'Hết giờ';
    if (left === 0) {
      clearInterval(timer);
      box.querySelectorAll('button.option').forEach(function (b) { b.disabled = true; });
      if (me.answer == null) { say('Hết giờ. Đang chờ đáp án…'); }
    }
  }

  function show(v, m) {
    view = v;
    if (m) { me = m; }
    if (v.closesInMs != null) { deadline = Date.now() + v.closesInMs; }
    render();
  }

  function enter() {
    return connection.invoke('Enter', code).then(function (r) {
      if (!r.ok) { say(r.message, true); setTimeout(function () { location.reload(); }, 2000); return; }
      say('');
      show(r.view, r.me);
      if (pending && r.view.phase === 'question' && r.view.index === pending.index && r.me.answer == null) { answer(pending.index, pending.option); }
    });
  }

  function answer(index, option) {
    pending = { index: index, option: option };
    box.querySelectorAll('button.option').forEach(function (b) { b.disabled = true; });
    say('Đang gửi…');
    connection.invoke('Answer', index, option).then(function (r) {
      pending = null;
      if (r.ok && view.index === index) { me.answer = option; render(); }
      say(r.message, !r.ok);
    }).catch(function () { say('Mất kết nối. Câu trả lời sẽ được gửi lại khi có mạng.', true); });
  }

  var connection = new signalR.HubConnectionBuilder().withUrl('/hubs/cuoc-thi')
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: function () { return 2000; } }).build();
  connection.on('state', function (v) {
    var fresh = !view || v.index !== view.index;
    if (v.phase === 'question' && fresh) {
      // A new question: show it at once; the player's own standing does not change until the lock.
      if (me) { me.answer = null; }
      say('');
      show(v, null);
    } else {
      show(v, null);
      enter();
    }
  });
  connection.onreconnecting(function () { say('Mất kết nối, đang kết nối lại…', true); });
  connection.onreconnected(enter);
  connection.onclose(function () { setTimeout(start, 3000); });
  function start() {
    connection.start().then(enter).catch(function () { say('Chưa kết nối được, đang thử lại…', true); setTimeout(start, 3000); });
  }
  start();
})();
