// The passage form's QR-code scanner. Each occupant card has a "scan code" button: it opens the rear camera in the
// #qr-scanner panel, reads frames with jsQR (/vendor/jsqr/jsQR.js, loaded before this file), and once a code is read
// stops the camera, puts the text as read into the card's hidden occupants[i].healthCode input and dispatches
// CustomEvent('cordon:code-scanned', {bubbles: true, detail: {text, row}}) on the card. What the text means is for
// whoever listens to that event; nothing here interprets it. Without a camera API (an insecure page, an old browser)
// or without jsQR the buttons stay hidden and the form is typed as before.
(function () {
  'use strict';

  var SCAN_EVERY_MS = 150;
  // frames are scaled down to this longer side before decoding: fast enough on a phone, and a code held at arm's
  // length still has several pixels per module
  var MAX_DECODE_SIDE = 800;

  var panel, video, canvas, context, status;
  var stream = null;
  var row = null;          // the occupant card being scanned for; null while the panel is closed
  var session = 0;         // tells a late camera answer (after a cancel) from the current one
  var timer = null;

  function supported() {
    return !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia) && typeof window.jsQR === 'function';
  }

  function text(key) {
    return (panel && panel.dataset[key]) || '';
  }

  function message(card, value, read) {
    var p = card && card.querySelector('.scan-message');
    if (!p) { return; }
    p.textContent = value || '';
    p.classList.toggle('scan-read', !!read);
    p.setAttribute('role', value && !read ? 'alert' : 'status');
  }

  function stopCamera() {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
    if (video) {
      video.pause();
      video.srcObject = null;
    }
  }

  function close() {
    session++;
    stopCamera();
    var card = row;
    row = null;
    if (panel) { panel.hidden = true; }
    var button = card && card.querySelector('.scan-code');
    if (button && document.body.contains(button)) { button.focus(); }
  }

  function refused(card, error) {
    var name = error && error.name;
    var key = name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError' ? 'denied'
      : name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError' ? 'absent'
        : 'failed';
    close();
    message(card, text(key), false);
    // typing stays the way: the ID number is where the officer goes next
    var id = card && card.querySelector('.id-number');
    if (id) { id.focus(); }
  }

  function read(card, value) {
    close();
    var input = card.querySelector('input.health-code');
    if (input) { input.value = value; }
    message(card, text('read'), true);
    card.dispatchEvent(new CustomEvent('cordon:code-scanned', {bubbles: true, detail: {text: value, row: card}}));
    // a scanned occupant needs only the temperature next
    var temperature = card.querySelector('.temperature');
    if (temperature && document.activeElement !== temperature && !temperature.value) { temperature.focus(); }
  }

  function decodeFrame(mine) {
    timer = null;
    if (mine !== session || !row) { return; }
    var w = video.videoWidth, h = video.videoHeight;
    if (video.readyState >= 2 && w > 0 && h > 0) {
      var scale = Math.min(1, MAX_DECODE_SIDE / Math.max(w, h));
      var cw = Math.round(w * scale), ch = Math.round(h * scale);
      if (canvas.width !== cw || canvas.height !== ch) {
        canvas.width = cw;
        canvas.height = ch;
      }
      context.drawImage(video, 0, 0, cw, ch);
      var code = window.jsQR(context.getImageData(0, 0, cw, ch).data, cw, ch);
      if (code && code.data) {
        read(row, code.data);
        return;
      }
    }
    timer = setTimeout(function () { decodeFrame(mine); }, SCAN_EVERY_MS);
  }

  function open(card) {
    if (row) { return; }
    row = card;
    var mine = ++session;
    message(card, '', false);
    status.textContent = text('starting');
    panel.hidden = false;
    panel.querySelector('.qr-cancel').focus();
    navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}, audio: false})
      .then(function (camera) {
        if (mine !== session) {
          // cancelled while the browser was asking: give the camera straight back
          camera.getTracks().forEach(function (track) { track.stop(); });
          return;
        }
        stream = camera;
        video.srcObject = camera;
        var playing = video.play();
        if (playing && playing.catch) { playing.catch(function () { /* stopped before it started: nothing to do */ }); }
        status.textContent = '';
        decodeFrame(mine);
      })
      .catch(function (error) {
        if (mine === session) { refused(card, error); }
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    panel = document.getElementById('qr-scanner');
    if (!panel || !supported()) { return; }
    video = panel.querySelector('video');
    canvas = panel.querySelector('canvas');
    status = panel.querySelector('.qr-status');
    context = canvas.getContext('2d', {willReadFrequently: true});
    // shows the buttons, those of occupant cards added later included (static/css/cordon.css)
    document.documentElement.classList.add('can-scan');

    document.addEventListener('click', function (e) {
      var button = e.target.closest && e.target.closest('.scan-code');
      if (button) {
        var card = button.closest('fieldset.occupant');
        if (card) { open(card); }
      }
    });
    panel.querySelector('.qr-cancel').addEventListener('click', close);
    panel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { close(); }
    });
    // never keep the camera on while the page is not shown
    document.addEventListener('visibilitychange', function () {
      if (document.hidden && row) { close(); }
    });
    window.addEventListener('pagehide', function () {
      if (row) { close(); }
    });
  });
})();
