// Cordon pages: occupant rows on the registration form and the known-person look-up, print buttons, the
// directive progress slider and clearing the device on sign-out. Everything works without this script except adding
// rows, the look-up, printing and clearing the device.
(function () {
  'use strict';

  function csrfHeaders() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var h = {};
    if (token && header) { h[header.content] = token.content; }
    return h;
  }

  // Renumber occupants[i].* names and the visible sequence after adding or removing a row.
  function renumber(container) {
    var rows = container.querySelectorAll('fieldset.occupant');
    rows.forEach(function (row, i) {
      row.querySelectorAll('[name^="occupants["]').forEach(function (el) {
        el.name = el.name.replace(/^occupants\[\d+\]/, 'occupants[' + i + ']');
      });
      var seq = row.querySelector('.seq');
      if (seq) { seq.textContent = String(i + 1); }
      var remove = row.querySelector('.remove-occupant');
      if (remove) { remove.hidden = rows.length === 1; }
    });
  }

  function lookup(row) {
    var texts = document.getElementById('known-texts');
    var idInput = row.querySelector('.id-number');
    var known = row.querySelector('.known');
    if (!texts || !idInput || !known) { return; }
    var value = idInput.value.trim();
    known.textContent = '';
    if (value.length < 5) { return; }
    var body = new URLSearchParams();
    body.set('idNumber', value);
    var type = row.querySelector('.id-type');
    if (type) { body.set('idType', type.value); }
    fetch(texts.dataset.lookup, {method: 'POST', headers: Object.assign({'Content-Type': 'application/x-www-form-urlencoded'}, csrfHeaders()),
      body: body, credentials: 'same-origin'})
      .then(function (r) {
        if (r.status === 429) {
          // too many exact searches by ID: say so; registration still works with the details typed in
          return r.json().then(function (limited) {
            var p = document.createElement('p');
            p.className = 'field-error';
            p.setAttribute('role', 'alert');
            p.textContent = limited.message || '';
            known.appendChild(p);
            return null;
          });
        }
        return r.ok ? r.json() : null;
      })
      .then(function (person) {
        if (!person || !person.known) { return; }
        var name = row.querySelector('.name');
        var phone = row.querySelector('.phone');
        if (name && !name.value) { name.placeholder = person.maskedName || ''; }
        if (phone && !phone.value) { phone.placeholder = person.maskedPhone || ''; }
        var p = document.createElement('p');
        p.className = 'known-person';
        p.textContent = texts.dataset.known.replace('{0}', person.maskedName || '')
          .replace('{1}', person.maskedPhone || '—');
        known.appendChild(p);
        if (person.passages && person.passages.length) {
          var ul = document.createElement('ul');
          ul.className = 'earlier';
          person.passages.forEach(function (e) {
            var li = document.createElement('li');
            li.textContent = new Date(e.recordedAt).toLocaleString() + ' · ' + e.checkpointName + ' · ' + e.temperature + ' °C';
            ul.appendChild(li);
          });
          var caption = document.createElement('p');
          caption.className = 'muted small';
          caption.textContent = texts.dataset.passages;
          known.appendChild(caption);
          known.appendChild(ul);
        }
      })
      .catch(function () { /* the look-up is a convenience; registration works without it */ });
  }

  // Behaviour that would otherwise be inline handlers (onclick=, oninput=), which the Content-Security-Policy refuses.
  document.addEventListener('click', function (e) {
    if (e.target.closest && e.target.closest('[data-print]')) { window.print(); }
  });
  // Forms that ask before they are sent (data-confirm="question"), e.g. revoking an API token.
  document.addEventListener('submit', function (e) {
    var question = e.target.getAttribute && e.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) { e.preventDefault(); }
  });

  // Signing out (form[data-sign-out]) deletes what this device keeps for the field app (README "Offline field app"):
  // the records not sent yet (IndexedDB 'cordon-offline', written by offline.js), the pages and files kept by the service
  // worker, and this platform's localStorage (health-code keys and revocations, the last origin and destination). When
  // records wait to be sent (offline.js keeps their number in 'cordon.offline.unsent') it asks first.
  function clearDevice() {
    var done = [];
    try {
      Object.keys(window.localStorage).forEach(function (k) {
        if (k.indexOf('cordon.') === 0) { window.localStorage.removeItem(k); }
      });
      window.sessionStorage.clear();
    } catch (e) { /* no storage */ }
    if (window.indexedDB) {
      done.push(new Promise(function (resolve) {
        var request = window.indexedDB.deleteDatabase('cordon-offline');
        request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
      }));
    }
    if (window.caches) {
      done.push(window.caches.keys().then(function (names) {
        return Promise.all(names.filter(function (n) { return n.indexOf('cordon-') === 0; }).map(function (n) { return window.caches.delete(n); }));
      }).catch(function () { /* nothing kept */ }));
    }
    // never wait long: signing out must work whatever the browser does
    return Promise.race([Promise.all(done), new Promise(function (resolve) { setTimeout(resolve, 3000); })]);
  }
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.hasAttribute || !form.hasAttribute('data-sign-out') || e.defaultPrevented) { return; }
    e.preventDefault();
    var unsent = 0;
    try { unsent = parseInt(window.localStorage.getItem('cordon.offline.unsent') || '0', 10) || 0; } catch (err) { unsent = 0; }
    if (unsent > 0 && !window.confirm((form.getAttribute('data-unsent') || '').replace('{0}', String(unsent)))) { return; }
    clearDevice().then(function () {
      // a session that expired meanwhile has taken its CSRF token along: ask for the current one first
      var session = form.getAttribute('data-session');
      if (!session || !window.fetch) { return null; }
      var controller = window.AbortController ? new AbortController() : null;
      if (controller) { setTimeout(function () { controller.abort(); }, 3000); }
      return fetch(session, {credentials: 'same-origin', cache: 'no-store', signal: controller ? controller.signal : undefined})
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }).then(function (s) {
      if (s && s.signedIn === false && form.getAttribute('data-signed-out')) {
        window.location.assign(form.getAttribute('data-signed-out'));   // signed out already
        return;
      }
      var token = form.querySelector('input[name="_csrf"]');
      if (s && s.csrfToken && token) { token.value = s.csrfToken; }
      HTMLFormElement.prototype.submit.call(form);
    });
  });
  // A directive's progress: the slider and the number field show the same percentage.
  document.addEventListener('input', function (e) {
    var box = e.target.closest && e.target.closest('.cmd-percent');
    if (!box) { return; }
    box.querySelectorAll('input').forEach(function (other) {
      if (other !== e.target) { other.value = e.target.value; }
    });
  });

  // "Go back" links (error pages): back in the history when there is a page to go back to, else the link's address.
  document.addEventListener('click', function (e) {
    var back = e.target.closest && e.target.closest('a[data-back]');
    if (back && window.history.length > 1) {
      e.preventDefault();
      window.history.back();
    }
  });

  // ------------------------------------------------------------------ forms that forgive
  // After a rejected submit (the page came back with messages per field) the first field to correct is scrolled into
  // view and focused; a link of an error summary (href="#FIELD-error") focuses the control that message describes.
  function controlOf(messageId) {
    var all = document.querySelectorAll('[aria-describedby]');
    for (var i = 0; i < all.length; i++) {
      var ids = (all[i].getAttribute('aria-describedby') || '').split(/\s+/);
      if (ids.indexOf(messageId) >= 0 && focusable(all[i])) { return all[i]; }
    }
    return null;
  }
  function focusable(el) {
    if (el.type === 'hidden' || el.disabled) { return false; }
    if (el.tagName === 'FIELDSET') { return !!el.querySelector('input:not([type=hidden]), select, textarea'); }
    return el.offsetParent !== null || el.getClientRects().length > 0;
  }
  function focusControl(el) {
    var target = el.tagName === 'FIELDSET' ? el.querySelector('input:not([type=hidden]), select, textarea') : el;
    if (target.scrollIntoView) { target.scrollIntoView({block: 'center'}); }
    try { target.focus({preventScroll: true}); } catch (e) { target.focus(); }
  }
  function focusFirstError() {
    // the server marks the first invalid control autofocus (FormDialect): centre it, the browser only brings it into view
    var marked = document.querySelector('main [aria-invalid="true"][autofocus]');
    if (marked && focusable(marked)) { focusControl(marked); return; }
    if (document.querySelector('[autofocus]')) { return; }
    var invalid = document.querySelectorAll('main [aria-invalid="true"]');
    for (var i = 0; i < invalid.length; i++) {
      if (focusable(invalid[i])) { focusControl(invalid[i]); return; }
    }
    // a message without a control of its own (a hidden field's): bring the message into view
    var message = document.querySelector('main .field-error');
    if (message && message.scrollIntoView) { message.scrollIntoView({block: 'center'}); }
  }
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('.error-summary a[href^="#"]');
    if (!link) { return; }
    var id = link.getAttribute('href').substring(1);
    var control = controlOf(id);
    if (control) {
      e.preventDefault();
      focusControl(control);
    }
  });
  document.addEventListener('DOMContentLoaded', focusFirstError);

  document.addEventListener('DOMContentLoaded', function () {
    var container = document.getElementById('occupants');
    var template = document.getElementById('occupant-template');
    var add = document.getElementById('add-occupant');
    if (!container) { return; }
    renumber(container);
    if (add && template) {
      add.addEventListener('click', function () {
        var html = template.innerHTML;
        container.insertAdjacentHTML('beforeend', html);
        renumber(container);
        var rows = container.querySelectorAll('fieldset.occupant');
        var input = rows[rows.length - 1].querySelector('.id-number');
        if (input) { input.focus(); }
      });
    }
    // Removing an occupant: a card with details typed in can be put back for some seconds (#undo-bar), nothing lost.
    var undoBar = document.getElementById('undo-bar');
    var undoTimer = null;
    var removed = null;
    function forgetRemoved() {
      removed = null;
      if (undoBar) { undoBar.hidden = true; }
    }
    function filled(row) {
      return Array.prototype.some.call(row.querySelectorAll('input, select'), function (el) {
        if (el.type === 'checkbox' || el.type === 'radio') { return el.checked; }
        if (el.tagName === 'SELECT') { return el.selectedIndex > 0; }
        return el.type !== 'hidden' && el.value.trim() !== '';
      }) || !!(row.querySelector('.health-code') && row.querySelector('.health-code').value);
    }
    container.addEventListener('click', function (e) {
      if (e.target.classList.contains('remove-occupant')) {
        var rows = container.querySelectorAll('fieldset.occupant');
        if (rows.length > 1) {
          var row = e.target.closest('fieldset.occupant');
          var seq = row.querySelector('.seq') ? row.querySelector('.seq').textContent : '';
          var next = row.nextElementSibling;
          var worth = filled(row);
          row.remove();
          renumber(container);
          clearTimeout(undoTimer);
          if (worth && undoBar) {
            removed = {row: row, next: next};
            undoBar.querySelector('.undo-text').textContent = (undoBar.getAttribute('data-removed') || '').replace('{0}', seq);
            undoBar.hidden = false;
            undoTimer = setTimeout(forgetRemoved, 1000 * Number(undoBar.getAttribute('data-seconds') || '8'));
          } else {
            forgetRemoved();
          }
        }
      }
    });
    if (undoBar) {
      undoBar.querySelector('.undo-button').addEventListener('click', function () {
        if (!removed) { return; }
        var next = removed.next && removed.next.parentNode === container ? removed.next : null;
        container.insertBefore(removed.row, next);
        renumber(container);
        var first = removed.row.querySelector('.id-number') || removed.row.querySelector('input:not([type=hidden])');
        clearTimeout(undoTimer);
        forgetRemoved();
        if (first) { first.focus(); }
      });
    }
    container.addEventListener('change', function (e) {
      if (e.target.classList.contains('id-number') || e.target.classList.contains('id-type')) {
        lookup(e.target.closest('fieldset.occupant'));
      }
    });
  });
})();
