// The person's health code page: a live clock (a screenshot shows a frozen one), the code's own expiry, and an
// "offline" note when the refresh (htmx, every minute) cannot reach the platform. The code itself is the server's.
(function () {
  'use strict';

  function pad(n) { return n < 10 ? '0' + n : String(n); }

  function tick() {
    var clock = document.getElementById('live-clock');
    var code = document.getElementById('health-code');
    if (!clock || !code) { return; }
    var now = new Date();
    try {
      // the city's time, as the code's validity is shown
      clock.textContent = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {hour: '2-digit', minute: '2-digit',
        second: '2-digit', hour12: false, timeZone: code.dataset.zone || undefined}).format(now);
    } catch (e) {
      clock.textContent = pad(now.getHours()) + ':' + pad(now.getMinutes()) + ':' + pad(now.getSeconds());
    }
    var until = Number(code.dataset.validUntil || 0);
    var state = document.getElementById('code-state');
    if (until && now.getTime() > until) {
      code.classList.add('hc-expired');
      if (state) { state.textContent = code.dataset.expired || ''; }
    } else if (state && code.classList.contains('hc-offline')) {
      state.textContent = code.dataset.offline || '';
    } else if (state) {
      state.textContent = '';
    }
  }

  document.addEventListener('htmx:sendError', function (e) {
    var code = document.getElementById('health-code');
    if (code && e.target === code) { code.classList.add('hc-offline'); tick(); }
  });
  document.addEventListener('htmx:responseError', function (e) {
    var code = document.getElementById('health-code');
    if (code && e.target === code) { code.classList.add('hc-offline'); tick(); }
  });
  document.addEventListener('htmx:afterSwap', tick);
  // back online, or the phone shows the page again: fetch a fresh code now rather than at the next minute
  function refresh() {
    var code = document.getElementById('health-code');
    if (code && window.htmx) { window.htmx.trigger(code, 'refresh'); }
  }
  window.addEventListener('online', refresh);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'visible') { refresh(); } });
  document.addEventListener('DOMContentLoaded', tick);
  setInterval(tick, 1000);
})();
