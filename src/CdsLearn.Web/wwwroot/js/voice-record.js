// "Ghi giọng đọc": records each section with the phone's microphone (Opus in WebM or Ogg), plays it back, and saves
// it with a resumable upload (tus-like): the server keeps what arrived, so after a dropped line the phone asks how much
// it has (HEAD) and sends only the rest; the same recording is never stored twice.
(function () {
  var root = document.querySelector("[data-voice-record]");
  if (!root) return;
  var types = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus"];
  var type = window.MediaRecorder && navigator.mediaDevices && types.filter(function (t) { return MediaRecorder.isTypeSupported(t); })[0];
  var chunkBytes = parseInt(root.getAttribute("data-chunk"), 10);
  var maxMs = 180000;
  // One microphone, one section at a time: the other sections' "Ghi" wait until this one stops.
  function others(disabled) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-act=record]"), function (b) { b.disabled = disabled; });
  }
  Array.prototype.forEach.call(root.querySelectorAll(".voice-section"), function (section) {
    var controls = section.querySelector(".voice-controls");
    var status = controls.querySelector("[role=status]");
    function button(act) { return controls.querySelector("[data-act=" + act + "]"); }
    var audio = controls.querySelector("audio"), bar = controls.querySelector("progress");
    controls.hidden = false;
    if (!type) { button("record").hidden = true; status.textContent = "Trình duyệt này chưa ghi âm được. Hãy mở trang bằng Chrome."; return; }
    var recorder = null, blob = null, clientId = null, timer = null, ticker = null, started = 0;
    // The time read so far, on the "Dừng" button: the reader sees the microphone is on and how near 3 minutes they are.
    function tick() {
      var s = Math.floor((Date.now() - started) / 1000);
      button("stop").textContent = "■ Dừng " + Math.floor(s / 60) + ":" + ("0" + s % 60).slice(-2);
    }
    function show(state) {
      button("record").hidden = state !== "idle";
      button("stop").hidden = state !== "recording";
      audio.hidden = button("redo").hidden = button("save").hidden = state !== "recorded";
    }
    button("record").addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        var parts = [];
        recorder = new MediaRecorder(stream, { mimeType: type, audioBitsPerSecond: 32000 });
        recorder.ondataavailable = function (e) { if (e.data.size) parts.push(e.data); };
        recorder.onstop = function () {
          clearTimeout(timer);
          clearInterval(ticker);
          others(false);
          stream.getTracks().forEach(function (t) { t.stop(); });
          blob = new Blob(parts, { type: type.split(";")[0] });
          clientId = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
          audio.src = URL.createObjectURL(blob);
          status.textContent = "Nghe lại, rồi bấm “Lưu” hoặc “Ghi lại”.";
          show("recorded");
        };
        recorder.start();
        others(true);
        started = Date.now();
        tick();
        ticker = setInterval(tick, 500);
        timer = setTimeout(function () { recorder.stop(); }, maxMs);
        status.textContent = "Đang ghi… Đọc xong thì bấm “Dừng”.";
        show("recording");
      }, function () { status.textContent = "Chưa dùng được micrô. Hãy cho phép trang dùng micrô rồi thử lại."; });
    });
    button("stop").addEventListener("click", function () { if (recorder && recorder.state === "recording") recorder.stop(); });
    button("redo").addEventListener("click", function () { blob = null; audio.removeAttribute("src"); status.textContent = ""; show("idle"); });
    button("save").addEventListener("click", function () {
      button("save").disabled = button("redo").disabled = true;
      bar.hidden = false;
      upload(blob, clientId, section.getAttribute("data-section"), function (done) { bar.value = done / blob.size; })
        .then(function () {
          status.textContent = "Đã lưu. Bản ghi đang chờ cán bộ duyệt.";
          section.querySelector(".voice-state").textContent = "Chờ duyệt";
          button("redo").hidden = false;
          button("save").hidden = true;
        }, function (reason) { status.textContent = reason; button("save").disabled = false; })
        .then(function () { button("redo").disabled = false; bar.hidden = true; });
    });
  });

  var tus = { "Tus-Resumable": "1.0.0" };
  function headers(extra) { var h = {}; Object.keys(tus).forEach(function (k) { h[k] = tus[k]; }); Object.keys(extra).forEach(function (k) { h[k] = extra[k]; }); return h; }
  function refusal(response) {
    return response.json().then(function (body) { return body.loi; }, function () { return "Chưa lưu được. Hãy thử lại."; })
      .then(function (text) { throw text; });
  }
  function wait(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  // Create (or find again, by the recording's own id), then send from the server's offset until it has everything.
  function upload(file, clientId, sectionKey, progress) {
    var tries = 0;
    return fetch("/giong-doc/tai-len", {
      method: "POST", credentials: "same-origin",
      headers: headers({ "Content-Type": "application/json" }),
      body: JSON.stringify({ clientId: clientId, item: root.getAttribute("data-item"), section: sectionKey, language: root.getAttribute("data-language"), team: parseInt(root.getAttribute("data-team"), 10) || null, length: file.size }),
    }).then(function (response) {
      if (!response.ok) return refusal(response);
      return response.json().then(function (created) { return send(created.id, created.offset); });
    }, function () { return wait(2000).then(function () { return upload(file, clientId, sectionKey, progress); }); });

    function send(id, offset) {
      progress(offset);
      if (offset >= file.size) return Promise.resolve();
      var url = "/giong-doc/tai-len/" + id;
      return fetch(url, {
        method: "PATCH", credentials: "same-origin",
        headers: headers({ "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" }),
        body: file.slice(offset, offset + chunkBytes),
      }).then(function (response) {
        if (response.status === 204 || response.status === 409) {
          tries = 0;
          if (response.headers.get("Voice-Recording")) { progress(file.size); return; }
          return send(id, parseInt(response.headers.get("Upload-Offset"), 10));
        }
        return refusal(response);
      }, function () {
        // The line dropped: wait a little longer each time, ask the server how much it kept, and go on from there.
        tries++;
        return wait(Math.min(30000, 1000 * tries * tries)).then(function () { return resume(id); });
      });
    }
    function resume(id) {
      return fetch("/giong-doc/tai-len/" + id, { method: "HEAD", credentials: "same-origin", headers: headers({}) }).then(function (response) {
        if (!response.ok) throw "Lần tải lên đã hết hạn. Hãy bấm “Lưu” lần nữa.";
        if (response.headers.get("Voice-Recording")) { progress(file.size); return; }
        return send(id, parseInt(response.headers.get("Upload-Offset"), 10));
      }, function () { tries++; return wait(Math.min(30000, 1000 * tries * tries)).then(function () { return resume(id); }); });
    }
  }
})();
