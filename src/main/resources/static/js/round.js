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
//   them; the queue sends them when the network returns, each once (its clientId).
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

  /** The filled rows of the round form as check records of their episodes (what the episode's check form would send). */
  function filledRows(form) {
    var date = form.querySelector('input[name="date"]').value;
    var slot = form.querySelector('input[name="slot"]').value;
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
