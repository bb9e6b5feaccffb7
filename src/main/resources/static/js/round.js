// The grid worker's round (README "Grid worker's round"): the work list's and the round's search box, the call button
// and the round form offline. Texts come from #call-texts (message bundles); everything works without this script
// except the search as you type, dialling in one tap and keeping the round on the device without network.
//
// * Search: input.live-search[data-list] filters the list's rows by what each row shows (its data-search: the masked
//   name, the village or compound, the day of observation); nothing is asked of the server.
// * Call: form.call-form posts to its data-phone address (the audited reveal, one entry per call) and dials tel:;
//   without an answer it says so. Without the script the form opens the episode's revealed view.
// * Round offline: a submit of #round-form without network keeps every filled row in the device's queue
//   (window.cordonOffline of static/js/offline.js) for its episode's check address, marks the rows kept and clears
//   them; the queue sends them when the network returns, each once (its clientId). Each opening of the page gives its
//   rows new ids (a copy kept on the phone is opened again and again); a copy of an earlier day records today's check
//   of the slot the phone's clock says, in the city's time zone (data-zone; morning until data-morning-until).
(function () {
  'use strict';

  function texts() {
    return document.getElementById('call-texts') || {getAttribute: function () { return ''; }};
  }

  function csrfHeaders() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var h = {'Accept': 'application/json'};
    if (token && header) { h[header.content] = token.content; }
    return h;
  }

  function normalise(s) {
    return (s || '').toLowerCase().replace(/\s+/g, ' ').trim();
  }

  function search(input) {
    var list = document.getElementById(input.getAttribute('data-list'));
    if (!list) { return; }
    var words = normalise(input.value).split(' ').filter(Boolean);
    var shown = 0;
    Array.prototype.forEach.call(list.querySelectorAll('[data-search]'), function (row) {
      var hay = normalise(row.getAttribute('data-search'));
      var match = words.every(function (w) { return hay.indexOf(w) >= 0; });
      row.hidden = !match;
      if (match) { shown++; }
    });
    var count = input.parentNode.querySelector('.search-count');
    if (count) { count.textContent = words.length ? count.getAttribute('data-text').replace('{0}', String(shown)) : ''; }
  }

  /** Asks the audited reveal for the phone and dials it; form is the call form (or the button's span in the round form). */
  function call(form, address) {
    var button = form.querySelector('button');
    button.disabled = true;
    fetch(address, {method: 'POST', headers: csrfHeaders(), credentials: 'same-origin', cache: 'no-store'})
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (answer) {
        var note = form.querySelector('.call-note') || document.createElement('span');
        note.className = 'call-note small';
        if (!answer.phone) {
          note.textContent = ' ' + texts().getAttribute('data-none');
          form.appendChild(note);
          return;
        }
        var link = document.createElement('a');
        link.className = 'button small-button tel';
        link.href = 'tel:' + answer.phone;
        link.textContent = answer.phone;
        link.setAttribute('aria-label', texts().getAttribute('data-calling').replace('{0}', answer.phone));
        form.parentNode.replaceChild(link, form);
        link.click();
      })
      .catch(function () {
        button.disabled = false;
        var note = form.querySelector('.call-note') || document.createElement('span');
        note.className = 'call-note small field-error';
        note.textContent = ' ' + texts().getAttribute('data-failed');
        form.appendChild(note);
      });
  }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).substring(1); }).join('');
    return h.substring(0, 8) + '-' + h.substring(8, 12) + '-' + h.substring(12, 16) + '-' + h.substring(16, 20) + '-' + h.substring(20);
  }

  /** Now in the city's time zone (data-zone), whatever zone the phone is set to: {day: 'yyyy-mm-dd', minutes}. */
  function cityNow(zone) {
    var parts = {};
    try {
      new Intl.DateTimeFormat('en-GB', {timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}).formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    } catch (e) {
      var d = new Date();
      parts = {year: String(d.getFullYear()), month: String(d.getMonth() + 1).padStart(2, '0'), day: String(d.getDate()).padStart(2, '0'),
        hour: String(d.getHours()), minute: String(d.getMinutes())};
    }
    return {day: parts.year + '-' + parts.month + '-' + parts.day, minutes: (+parts.hour) * 60 + (+parts.minute)};
  }

  /** The filled rows of the round form as check records of their episodes (what the episode's check form would send). */
  function filledRows(form) {
    var date = form.querySelector('input[name="date"]').value;
    var slot = form.querySelector('input[name="slot"]').value;
    var now = cityNow(form.getAttribute('data-zone'));
    if (date !== now.day) {
      // a copy of the round kept on an earlier day: today's check, of the slot the phone's clock says (city time)
      date = now.day;
      var until = (form.getAttribute('data-morning-until') || '12:00').split(':');
      slot = now.minutes < (+until[0]) * 60 + (+until[1] || 0) ? 'MORNING' : 'EVENING';
    }
    var records = [];
    Array.prototype.forEach.call(form.querySelectorAll('li.round-row[data-episode]'), function (row) {
      var id = row.getAttribute('data-episode');
      var t = row.querySelector('input[name="t.' + id + '"]');
      var c = row.querySelector('input[name="c.' + id + '"]');
      if (!t || !c) { return; }
      var symptoms = Array.prototype.filter.call(row.querySelectorAll('input[name="s.' + id + '"]'), function (i) { return i.checked; })
        .map(function (i) { return i.value; });
      if (!t.value.trim() && !symptoms.length) { return; }
      var fields = [['date', date], ['slot', slot], ['temperature', t.value.trim()]];
      symptoms.forEach(function (s) { fields.push(['symptoms', s]); });
      records.push({row: row, clientId: c.value, target: id, url: row.getAttribute('data-queued'), page: row.getAttribute('data-page'),
        fields: fields, labels: {slot: form.getAttribute('data-slot-label') || slot}});
    });
    return records;
  }

  function keepOffline(form) {
    var records = filledRows(form);
    if (!records.length || !window.cordonOffline) { return false; }
    window.cordonOffline.keep(records).then(function (n) {
      records.forEach(function (r) {
        r.row.classList.add('queued');
        var entry = r.row.querySelector('.round-entry');
        if (entry) { entry.remove(); }
      });
      if (!form.querySelector('.round-entry')) {
        var submit = form.querySelector('.round-submit');
        if (submit) { submit.hidden = true; }   // nothing left to fill in on this page
      }
      var note = document.getElementById('round-queued');
      if (note) {
        note.textContent = texts().getAttribute('data-queued').replace('{0}', String(n));
        note.hidden = false;
        note.scrollIntoView({block: 'start'});
      }
    }, function () {
      // this browser keeps nothing: the form goes as it always did
      HTMLFormElement.prototype.submit.call(form);
    });
    return true;
  }

  document.addEventListener('DOMContentLoaded', function () {
    // each opening of the page (also of the copy kept on the phone) has rows of its own ids; a form sent twice keeps them
    Array.prototype.forEach.call(document.querySelectorAll('#round-form input[type="hidden"][name^="c."]'), function (c) {
      c.value = uuid();
    });
    Array.prototype.forEach.call(document.querySelectorAll('input.live-search[data-list]'), function (input) {
      input.addEventListener('input', function () { search(input); });
      if (input.value) { search(input); }
    });
    document.addEventListener('submit', function (e) {
      var form = e.target;
      if (form.matches && form.matches('form.call-form[data-phone]') && window.fetch) {
        e.preventDefault();
        call(form, form.getAttribute('data-phone'));
        return;
      }
      // a call button inside the round form (e.submitter; without it the form is sent to the full view)
      var by = e.submitter;
      if (by && by.hasAttribute('data-phone') && window.fetch) {
        e.preventDefault();
        call(by.parentNode, by.getAttribute('data-phone'));
        return;
      }
      if (form.id === 'round-form' && navigator.onLine === false && !e.defaultPrevented) {
        if (keepOffline(form)) { e.preventDefault(); }
      }
    });
  });
})();
