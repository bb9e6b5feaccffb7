// The field pages' offline side (README "Offline field app"): the officer's passage form and the grid worker's check
// form go on working without network and through an expired session, and send what they kept exactly once.
//
// * The service worker (/sw.js) is registered here; the page asks it to keep this page, the field pages it links to
//   and the files it loads, so that they open without network (#field-status data-offline-ready once done).
// * A submit of a form[data-offline-form] ("passage", "check") is kept first, in IndexedDB (through idb, the global
//   `idb` of /vendor/idb/umd.js), with its clientId, then sent to the page's JSON address (data-queued) with the
//   session and CSRF token. 201/200 (stored now, or stored before under that clientId): removed from the device and the
//   page goes to the stored record. 400 (rejected): kept, marked for correction with the server's message per field
//   (a passage is then posted as a form so that the server shows its messages in place; a check shows them here).
//   No network, a timeout, 429 or 5xx: kept as waiting; the form is cleared for the next one. 401, 403 without a
//   session, a redirect to the sign-in page (an expired session): kept, and the page asks to sign in again — the link
//   returns to the form (?offline=<clientId>), which restores the record into the form and sends it.
// * Waiting records are sent when the page opens, when the network returns ('online'), every data-retry milliseconds
//   and with "send now" — one page at a time (Web Locks), in the order captured, each once: the server answers a
//   clientId it has stored with what it stored. Before sending, the page asks /offline/session who is signed in
//   (records are sent only by the account that entered them), for a fresh CSRF token and for the server's clock: a
//   passage sent later carries its capture time (recordedAt) on the server's clock, whatever the phone's clock says.
// * The status bar says online/offline, whether the page is a copy kept on the device, and how many records wait; the
//   day's list and the check page list this device's waiting records ("waiting (N)"), with "correct" and "delete" for
//   the rejected ones. Records older than data-keep milliseconds are deleted, with a message; so are kept pages.
//   Signing out deletes everything this device keeps (static/js/cordon.js, which asks first when records wait:
//   localStorage 'cordon.offline.unsent' tells it how many).
// Texts come from #field-status .fs-texts (rendered from the message bundles).
(function () {
  'use strict';

  var DB_NAME = 'cordon-offline';
  var STORE = 'records';
  var UNSENT = 'cordon.offline.unsent';
  var FLASH = 'cordon.offline.flash';
  var SEND_TIMEOUT_MS = 15000;
  var SESSION_TIMEOUT_MS = 8000;
  var SENDING_FOR_MS = SEND_TIMEOUT_MS + 5000;   // a record 'sending' longer than this lost its page meanwhile
  var OPTION_WAIT_MS = 3000;
  var CASCADES = [['originProvince', 'originCity', 'originCounty'], ['destinationTown', 'destinationArea']];
  var ERROR_CONTROLS = {originAreaCode: 'originProvince', destinationAreaCode: 'destinationTown'};
  var FIELD_PAGES = [/\/checkpoints$/, /\/checkpoints\/[^/]+\/passages\/new$/, /\/checkpoints\/[^/]+\/passages$/,
    /\/observation$/, /\/observation\/round$/, /\/observation\/episodes\/\d+$/];

  var bar = null;
  var config = {};
  var texts = {};
  var opening = null;
  var syncing = null;
  var lastSession = null;      // {signedIn, user, csrfHeader, csrfToken, now, at}
  var storageFailed = false;

  // ------------------------------------------------------------------ small things

  function text(key) {
    var t = texts[key] || '';
    for (var i = 1; i < arguments.length; i++) { t = t.split('{' + (i - 1) + '}').join(String(arguments[i])); }
    return t;
  }

  function online() {
    return navigator.onLine !== false;
  }

  function lang() {
    return document.documentElement.lang || undefined;
  }

  function time(millis) {
    try {
      var d = new Date(millis);
      var today = new Date().toDateString() === d.toDateString();
      return new Intl.DateTimeFormat(lang(), today ? {hour: '2-digit', minute: '2-digit'}
        : {month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit'}).format(d);
    } catch (e) {
      return new Date(millis).toLocaleString();
    }
  }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var b = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).substring(1); }).join('');
    return h.substring(0, 8) + '-' + h.substring(8, 12) + '-' + h.substring(12, 16) + '-' + h.substring(16, 20) + '-' + h.substring(20);
  }

  function pageCsrf() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? {csrfHeader: header.content, csrfToken: token.content} : {};
  }

  function fetchWithin(url, options, millis) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, millis) : null;
    var o = Object.assign({credentials: 'same-origin'}, options || {});
    if (controller) { o.signal = controller.signal; }
    return fetch(url, o).then(function (r) {
      if (timer) { clearTimeout(timer); }
      return r;
    }, function (e) {
      if (timer) { clearTimeout(timer); }
      throw e;
    });
  }

  function flash(message) {
    try { window.sessionStorage.setItem(FLASH, message); } catch (e) { /* the next page just does not say it */ }
  }

  function fieldPage(path) {
    return FIELD_PAGES.some(function (p) { return p.test(path); });
  }

  // ------------------------------------------------------------------ the device's records (IndexedDB)

  function db() {
    if (!opening) {
      if (!window.idb || !window.indexedDB) {
        opening = Promise.reject(new Error('IndexedDB unavailable'));
      } else {
        opening = window.idb.openDB(DB_NAME, 1, {
          upgrade: function (d) {
            d.createObjectStore(STORE, {keyPath: 'clientId'}).createIndex('captured', 'captured');
          },
          // signing out in another tab deletes the database: let it
          blocking: function (current, blocked, event) {
            event.target.close();
            opening = null;
          }
        });
      }
      opening.catch(function () { storageFailed = true; });
    }
    return opening;
  }

  function all() {
    return db().then(function (d) { return d.getAllFromIndex(STORE, 'captured'); });
  }

  function get(id) {
    return db().then(function (d) { return d.get(STORE, id); });
  }

  function put(record) {
    return db().then(function (d) { return d.put(STORE, record); });
  }

  function remove(id) {
    return db().then(function (d) { return d.delete(STORE, id); });
  }

  // ------------------------------------------------------------------ a form into a record and back

  function summary(kind, fields, labels) {
    var values = {};
    var occupants = {};
    fields.forEach(function (f) {
      if (values[f[0]] === undefined) { values[f[0]] = f[1]; }
      var m = /^occupants\[(\d+)]\./.exec(f[0]);
      if (m) { occupants[m[1]] = true; }
    });
    if (kind === 'passage') {
      return {plate: values.plateNumber || '', vehicle: labels.vehicleType || '', people: Object.keys(occupants).length || 1,
        origin: labels.originCounty || labels.originCity || labels.originProvince || ''};
    }
    return {date: values.date || '', slot: labels.slot || values.slot || '', temperature: values.temperature || ''};
  }

  function capture(form) {
    var kind = form.getAttribute('data-offline-form');
    var fields = [];
    var labels = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== '_csrf' && typeof value === 'string') { fields.push([name, value]); }
    });
    Array.prototype.forEach.call(form.querySelectorAll('select[name]'), function (s) {
      if (!s.disabled && s.value && s.selectedIndex >= 0) { labels[s.name] = s.options[s.selectedIndex].text.trim(); }
    });
    var id = form.querySelector('input[name="clientId"]');
    return {
      clientId: id.value, kind: kind, target: form.getAttribute('data-target'), url: form.getAttribute('data-queued'),
      page: form.getAttribute('data-page') || location.pathname, user: config.user, fields: fields, labels: labels,
      summary: summary(kind, fields, labels), captured: Date.now(), started: Date.now(), queued: false, state: 'sending',
      errors: null, message: null
    };
  }

  function optionFor(select, value, label) {
    var has = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    if (!has) {
      // the list of a picker not loaded on this device: the choice made, as it was labelled
      var o = document.createElement('option');
      o.value = value;
      o.textContent = label || value;
      select.appendChild(o);
    }
    select.value = value;
  }

  /** Waits until a select (found again by id: htmx replaces some) offers a value, its list request failed, or a while. */
  function offered(id, value, trigger) {
    return new Promise(function (resolve) {
      var until = Date.now() + OPTION_WAIT_MS;
      var failed = false;
      function onAfter(e) {
        if (e.detail && e.detail.elt === trigger && !e.detail.successful) { failed = true; }
      }
      document.body.addEventListener('htmx:afterRequest', onAfter);
      document.body.addEventListener('htmx:sendError', onAfter);
      (function poll() {
        var s = document.getElementById(id);
        var there = s && Array.prototype.some.call(s.options, function (o) { return o.value === value; });
        if (there || failed || Date.now() > until) {
          document.body.removeEventListener('htmx:afterRequest', onAfter);
          document.body.removeEventListener('htmx:sendError', onAfter);
          resolve(!!there);
          return;
        }
        setTimeout(poll, 40);
      })();
    });
  }

  /** Restores a chain of pickers, each loading the next one's list (htmx) as if picked; a list that cannot load gets the kept choice. */
  function restoreCascade(ids, values, labels) {
    return ids.reduce(function (done, id, i) {
      return done.then(function (previous) {
        var value = values[id];
        if (!value) { return null; }
        var ready = i === 0 || !previous ? Promise.resolve() : offered(id, value, previous);
        return ready.then(function () {
          var s = document.getElementById(id);
          if (!s) { return null; }
          optionFor(s, value, labels[id]);
          s.dispatchEvent(new Event('change', {bubbles: true}));
          return s;
        });
      });
    }, Promise.resolve(null)).then(function () {
      // a list that arrives late replaces the options: pick the kept value again
      function again(e) {
        var target = e.detail && e.detail.target;
        if (target && ids.indexOf(target.id) >= 0 && values[target.id] && target.value !== values[target.id]) {
          optionFor(target, values[target.id], labels[target.id]);
        }
      }
      document.body.addEventListener('htmx:afterSwap', again);
      setTimeout(function () { document.body.removeEventListener('htmx:afterSwap', again); }, 30000);
    });
  }

  /** Puts a kept record back into its form: the occupants, every field, the pickers and the scanned codes. */
  function fill(form, record) {
    var values = {};
    record.fields.forEach(function (f) { (values[f[0]] = values[f[0]] || []).push(f[1]); });
    if (record.kind === 'passage') {
      var wanted = Math.max(1, record.summary.people || 1);
      record.fields.forEach(function (f) {
        var m = /^occupants\[(\d+)]\./.exec(f[0]);
        if (m) { wanted = Math.max(wanted, +m[1] + 1); }
      });
      var add = document.getElementById('add-occupant');
      var rows = function () { return form.querySelectorAll('#occupants fieldset.occupant').length; };
      for (var guard = 0; add && rows() < wanted && guard < 50; guard++) { add.click(); }
    }
    var cascaded = [].concat.apply([], CASCADES);
    Array.prototype.forEach.call(form.elements, function (c) {
      if (!c.name || c.name === '_csrf' || c.name === 'clientId' || cascaded.indexOf(c.name) >= 0) { return; }
      var v = values[c.name] || [];
      if (c.type === 'checkbox' || c.type === 'radio') {
        c.checked = v.indexOf(c.value) >= 0;
      } else if (c.tagName === 'SELECT') {
        if (v.length) { optionFor(c, v[0], record.labels[c.name]); }
      } else if (c.type !== 'submit' && c.type !== 'button') {
        c.value = v.length ? v[0] : '';
      }
    });
    form.querySelector('input[name="clientId"]').value = record.clientId;
    var firsts = {};
    Object.keys(values).forEach(function (k) { firsts[k] = values[k][0]; });
    var restoring = CASCADES.filter(function (ids) { return document.getElementById(ids[0]); })
      .map(function (ids) { return restoreCascade(ids, firsts, record.labels); });
    // a scanned code is checked again (health-code-scan.js), which hides the identity inputs it stands in for
    Array.prototype.forEach.call(form.querySelectorAll('#occupants fieldset.occupant'), function (card) {
      var code = card.querySelector('input.health-code');
      if (code && code.value) {
        document.dispatchEvent(new CustomEvent('cordon:code-scanned', {detail: {row: card, text: code.value, quiet: true}}));
      }
    });
    return Promise.all(restoring);
  }

  function errorId(field) {
    return field.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-$/, '') + '-error';
  }

  /** The server's messages per field, next to the fields (as fragments/field :: error shows them), the rest on top. */
  function showErrors(form, errors, message) {
    Array.prototype.forEach.call(form.querySelectorAll('.field-error[data-client]'), function (p) { p.remove(); });
    Array.prototype.forEach.call(form.querySelectorAll('[data-client-invalid]'), function (c) {
      c.classList.remove('invalid');
      c.removeAttribute('aria-invalid');
      c.removeAttribute('data-client-invalid');
    });
    var general = [];
    Object.keys(errors || {}).forEach(function (field) {
      var name = ERROR_CONTROLS[field] || field;
      var control = null;
      Array.prototype.some.call(form.elements, function (c) {
        if (c.name === name) { control = c; return true; }
        return false;
      });
      if (!control) { general.push(errors[field]); return; }
      var p = document.createElement('p');
      p.className = 'field-error';
      p.id = errorId(field);
      p.setAttribute('data-field', field);
      p.setAttribute('data-client', 'true');
      p.textContent = errors[field];
      var anchor = control.closest('.row3, .chips, .segmented') || control;
      anchor.parentNode.insertBefore(p, anchor.nextSibling);
      if (control.type !== 'hidden' && control.type !== 'checkbox') {
        control.classList.add('invalid');
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('data-client-invalid', 'true');
        var described = (control.getAttribute('aria-describedby') || '').split(' ').filter(function (x) { return x && x !== p.id; });
        described.push(p.id);
        control.setAttribute('aria-describedby', described.join(' '));
      }
    });
    var alert = document.getElementById('form-errors');
    if (!alert) {
      alert = document.createElement('p');
      alert.id = 'form-errors';
      alert.className = 'alert error';
      form.parentNode.insertBefore(alert, form);
    }
    alert.setAttribute('role', 'alert');
    alert.textContent = [message || text('fixErrors')].concat(general).join(' ');
    alert.hidden = false;
  }

  /** The form, empty again for the next record, with a new clientId. */
  function clearForm(form) {
    var kind = form.getAttribute('data-offline-form');
    if (kind === 'check') {
      Array.prototype.forEach.call(form.querySelectorAll('input[name="temperature"], input[name="note"]'), function (i) { i.value = ''; });
      Array.prototype.forEach.call(form.querySelectorAll('input[type="checkbox"]'), function (i) { i.checked = false; });
    } else {
      var rows = form.querySelectorAll('#occupants fieldset.occupant');
      for (var i = rows.length - 1; i > 0; i--) { rows[i].remove(); }
      form.reset();
      Array.prototype.forEach.call(form.querySelectorAll('.hc-result, .field-error'), function (e) { e.remove(); });
      Array.prototype.forEach.call(form.querySelectorAll('.identity'), function (block) {
        block.hidden = false;
        Array.prototype.forEach.call(block.querySelectorAll('input, select'), function (c) { c.disabled = false; });
      });
      Array.prototype.forEach.call(form.querySelectorAll('input.health-code'), function (c) { c.value = ''; });
    }
    form.querySelector('input[name="clientId"]').value = uuid();
  }

  // ------------------------------------------------------------------ sending

  /** Who is signed in, with a fresh CSRF token and the server's clock; null without an answer. */
  function session() {
    return fetchWithin(config.session, {cache: 'no-store', headers: {'Accept': 'application/json'}}, SESSION_TIMEOUT_MS)
      .then(function (r) {
        return r.ok && (r.headers.get('Content-Type') || '').indexOf('json') >= 0 ? r.json() : null;
      })
      .then(function (s) {
        if (!s || typeof s.signedIn !== 'boolean') { return null; }
        s.at = Date.now();
        lastSession = s;
        return s;
      })
      .catch(function () { return null; });
  }

  /** The capture time on the server's clock: the phone's clock may be wrong, the time elapsed on it is right. */
  function recordedAt(record, s) {
    var at = s.now - Math.max(0, s.at - record.captured);
    return new Date(Math.min(at, s.now)).toISOString();
  }

  /** Posts a record; resolves what came of it: stored, rejected, waiting, signin, denied (403) or forbidden. */
  function post(record, s) {
    var body = new URLSearchParams();
    record.fields.forEach(function (f) { body.append(f[0], f[1]); });
    body.set('clientId', record.clientId);
    if (record.kind === 'passage' && record.queued && s && typeof s.now === 'number') { body.set('recordedAt', recordedAt(record, s)); }
    var headers = {'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', 'Accept': 'application/json'};
    var csrf = s && s.csrfHeader ? s : pageCsrf();
    if (csrf.csrfHeader) { headers[csrf.csrfHeader] = csrf.csrfToken; }
    return fetchWithin(record.url, {method: 'POST', headers: headers, body: body, cache: 'no-store'}, SEND_TIMEOUT_MS)
      .then(function (r) {
        var json = (r.headers.get('Content-Type') || '').indexOf('json') >= 0;
        return (json ? r.json().catch(function () { return null; }) : Promise.resolve(null)).then(function (answer) {
          if (r.redirected && /\/login(\?|$)/.test(r.url)) { return {state: 'signin'}; }
          if (r.status === 200 || r.status === 201) {
            // a page instead of the answer: the sign-in page after a lost session
            return answer && answer.url ? {state: 'stored', url: answer.url, abnormal: !!answer.abnormal} : {state: 'signin'};
          }
          if (r.status === 400) {
            return {state: 'rejected', errors: (answer && answer.errors) || {}, message: (answer && answer.message) || text('fixErrors')};
          }
          if (r.status === 401) { return {state: 'signin'}; }
          if (r.status === 403) { return {state: 'denied', token: csrf.csrfToken}; }
          if (r.status === 404) { return {state: 'forbidden', message: text('notFound')}; }
          if (r.status === 429 || r.status >= 500) { return {state: 'waiting'}; }
          return {state: 'rejected', errors: {}, message: text('refused', r.status)};
        });
      }, function () {
        return {state: 'waiting'};   // no network, or no answer in time: the clientId makes a later try safe
      });
  }

  /** A 403: the CSRF token of a session that has expired (sign in again), of a session renewed meanwhile (try once more), or a refusal. */
  function denied(record, first) {
    return session().then(function (s) {
      if (!s) { return {state: 'waiting'}; }
      if (!s.signedIn) { return {state: 'signin'}; }
      if (s.user !== record.user) { return {state: 'signin'}; }
      if (s.csrfToken && s.csrfToken !== first.token) {
        return post(record, s).then(function (o) {
          return o.state === 'denied' ? {state: 'forbidden', message: text('forbidden')} : o;
        });
      }
      return {state: 'forbidden', message: text('forbidden')};
    });
  }

  /** Keeps what came of a record: removed when stored, else its state and the server's messages. */
  function settle(record, outcome) {
    if (outcome.state === 'stored') {
      return remove(record.clientId).then(function () { return outcome; });
    }
    record.state = outcome.state;
    record.errors = outcome.errors || null;
    record.message = outcome.message || null;
    if (outcome.state === 'waiting' || outcome.state === 'signin') { record.queued = true; }
    record.tried = Date.now();
    return put(record).then(function () { return outcome; });
  }

  function send(record, s) {
    record.started = Date.now();
    return post(record, s).then(function (o) {
      return o.state === 'denied' ? denied(record, o) : o;
    }).then(function (o) { return settle(record, o); });
  }

  function withLock(work) {
    if (navigator.locks && navigator.locks.request) {
      return navigator.locks.request('cordon-offline-send', work);
    }
    return work();
  }

  function due(record) {
    return record.state === 'waiting' || record.state === 'signin'
      || (record.state === 'sending' && !(Date.now() - (record.started || 0) < SENDING_FOR_MS));
  }

  /** Sends the waiting records of the signed-in account, oldest first; stops at the first that finds no network or no session. */
  function sync() {
    if (syncing) { return syncing; }
    syncing = withLock(function () {
      return all().then(function (records) {
        var waiting = records.filter(due);
        if (!waiting.length || !online()) { return {sent: 0}; }
        showMessage(text('sending'));
        return session().then(function (s) {
          if (!s) { return {sent: 0}; }
          if (!s.signedIn) {
            return Promise.all(waiting.map(function (r) {
              if (r.state === 'signin') { return null; }
              r.state = 'signin';
              r.queued = true;
              return put(r);
            })).then(function () { return {sent: 0}; });
          }
          var sent = 0;
          var results = {};
          var stop = false;
          return waiting.filter(function (r) { return r.user === s.user; }).reduce(function (chain, r) {
            return chain.then(function () {
              if (stop) { return null; }
              return send(r, s).then(function (o) {
                results[r.clientId] = o;
                if (o.state === 'stored') { sent++; }
                if (o.state === 'waiting' || o.state === 'signin') { stop = true; }
              });
            });
          }, Promise.resolve()).then(function () { return {sent: sent, results: results}; });
        });
      });
    }).catch(function () {
      return {sent: 0};
    }).then(function (result) {
      syncing = null;
      return render().then(function () {
        if (result && result.sent) {
          showMessage(text('sent', result.sent));
          document.dispatchEvent(new CustomEvent('cordon:offline-sent', {detail: result}));
        } else {
          showMessage(null);
        }
        return result;
      });
    });
    return syncing;
  }

  // ------------------------------------------------------------------ the forms

  function nativeSubmit(form, record) {
    form.setAttribute('data-native', 'true');
    var token = form.querySelector('input[name="_csrf"]');
    if (token && lastSession && lastSession.signedIn && lastSession.csrfToken) { token.value = lastSession.csrfToken; }
    if (record && record.queued && record.kind === 'passage' && lastSession && lastSession.signedIn) {
      var at = document.createElement('input');
      at.type = 'hidden';
      at.name = 'recordedAt';
      at.value = recordedAt(record, lastSession);
      form.appendChild(at);
    }
    HTMLFormElement.prototype.submit.call(form);
  }

  function signInLink(record) {
    var back = record ? record.page + '?offline=' + encodeURIComponent(record.clientId) : location.pathname;
    return config.login + '?next=' + encodeURIComponent(back);
  }

  function afterSubmit(form, record, outcome) {
    form.busy = false;
    switch (outcome.state) {
      case 'stored':
        var url = outcome.url;
        if (record.kind === 'check') { url += (url.indexOf('?') < 0 ? '?' : '&') + (outcome.abnormal ? 'abnormal' : 'saved'); }
        location.assign(url);
        return;
      case 'rejected':
        if (record.kind === 'passage' && online()) {
          // the server shows its messages in the form, and checks the scanned codes again; the record stays kept
          nativeSubmit(form, record);
          return;
        }
        showErrors(form, outcome.errors, outcome.message);
        return render();
      case 'signin':
        showMessage(text('savedSignIn'), true);
        return render();
      case 'forbidden':
        showMessage(outcome.message || text('forbidden'), true);
        return render();
      default:
        return all().then(function (records) {
          var saved = text('saved', records.filter(mine).length);
          if (record.kind === 'passage' && navigator.serviceWorker && navigator.serviceWorker.controller) {
            // the next passage on a new form (the kept copy while offline); the origin and destination are filled in again
            flash(saved);
            location.assign(record.page);
            return;
          }
          clearForm(form);
          showMessage(saved, true);
          return render();
        });
    }
  }

  function onSubmit(e) {
    var form = e.target;
    if (!form.matches || !form.matches('form[data-offline-form]') || e.defaultPrevented || form.getAttribute('data-native') === 'true') {
      return;
    }
    e.preventDefault();
    if (form.busy) { return; }
    form.busy = true;
    var record = capture(form);
    get(record.clientId).then(function (earlier) {
      if (earlier) {
        // a correction, or a record brought back after signing in: it keeps when it was captured
        record.captured = earlier.captured;
        record.queued = earlier.queued;
      }
      return put(record);
    }).then(function () {
      if (!online()) { return settle(record, {state: 'waiting'}); }
      var ask = record.queued ? session() : Promise.resolve(null);
      return ask.then(function (s) {
        if (record.queued && !s) { return settle(record, {state: 'waiting'}); }
        if (s && !s.signedIn) { return settle(record, {state: 'signin'}); }
        return send(record, s);
      });
    }).then(function (outcome) {
      return afterSubmit(form, record, outcome);
    }, function () {
      // this browser keeps nothing (private mode, storage full): the form goes as it always did
      form.busy = false;
      nativeSubmit(form, null);
    });
  }

  /** ?offline=<clientId>: the record kept on this device, back in its form — to correct it, or to send it after signing in. */
  function restore(form, id) {
    return get(id).then(function (record) {
      if (history.replaceState) { history.replaceState(null, '', location.pathname); }
      if (!record || record.kind !== form.getAttribute('data-offline-form') || record.target !== form.getAttribute('data-target')) {
        form.removeAttribute('data-restoring');
        return null;
      }
      return fill(form, record).then(function () {
        form.removeAttribute('data-restoring');
        form.setAttribute('data-restored', record.clientId);
        if (record.state === 'rejected' || record.state === 'forbidden') {
          showErrors(form, record.errors || {}, record.message);
          showMessage(text('correcting', time(record.captured)), true);
          var first = form.querySelector('[data-client-invalid]');
          if (first) { first.focus(); }
          return null;
        }
        if (online() && form.requestSubmit) {
          showMessage(text('restored', time(record.captured)), true);
          form.requestSubmit();
        }
        return null;
      });
    }).catch(function () { form.removeAttribute('data-restoring'); });
  }

  // ------------------------------------------------------------------ what the page shows

  function mine(record) {
    return record.user === config.user;
  }

  function showMessage(message, important) {
    if (!bar) { return; }
    var p = bar.querySelector('.fs-message');
    if (!message) {
      if (!p.hasAttribute('data-important')) { p.hidden = true; p.textContent = ''; }
      return;
    }
    p.textContent = message;
    p.hidden = false;
    if (important) {
      p.setAttribute('data-important', 'true');
      // the officer is at the submit button, far below: bring the message (and a sign-in prompt) into view
      if (bar.scrollIntoView) { bar.scrollIntoView({block: 'start'}); }
    } else {
      p.removeAttribute('data-important');
    }
  }

  function describe(record) {
    var s = record.summary || {};
    if (record.kind === 'passage') {
      return [s.plate || s.vehicle || text('pedestrian'), text('people', s.people || 1), s.origin].filter(Boolean).join(' · ');
    }
    return [s.date, s.slot, s.temperature ? text('temperature') + ' ' + s.temperature : ''].filter(Boolean).join(' · ');
  }

  function renderQueue(records) {
    var section = document.getElementById('offline-queue');
    if (!section) { return; }
    var list = records.filter(function (r) {
      return mine(r) && r.kind === section.getAttribute('data-kind') && r.target === section.getAttribute('data-target');
    });
    var ul = section.querySelector('.oq-list');
    ul.textContent = '';
    list.forEach(function (r) {
      var li = document.createElement('li');
      li.className = 'oq-item oq-' + r.state;
      li.setAttribute('data-client-id', r.clientId);
      li.setAttribute('data-state', r.state);
      var state = document.createElement('span');
      state.className = 'badge oq-state';
      state.textContent = text('state.' + r.state);
      li.appendChild(state);
      var what = document.createElement('span');
      what.className = 'oq-what';
      what.textContent = ' ' + describe(r) + ' ';
      li.appendChild(what);
      var when = document.createElement('small');
      when.className = 'muted';
      when.textContent = text('captured', time(r.captured));
      li.appendChild(when);
      if (r.state === 'rejected' || r.state === 'forbidden') {
        if (r.message) {
          var why = document.createElement('p');
          why.className = 'oq-why';
          why.textContent = [r.message].concat(Object.keys(r.errors || {}).map(function (k) { return r.errors[k]; })).join(' ');
          li.appendChild(why);
        }
        var correct = document.createElement('a');
        correct.className = 'button small-button oq-correct';
        correct.href = r.page + '?offline=' + encodeURIComponent(r.clientId);
        correct.textContent = text('correct');
        li.appendChild(correct);
        var discard = document.createElement('button');
        discard.type = 'button';
        discard.className = 'link oq-discard';
        discard.textContent = text('discard');
        li.appendChild(discard);
      }
      ul.appendChild(li);
    });
    section.querySelector('.count').textContent = String(list.length);
    section.setAttribute('data-count', String(list.length));
    section.hidden = list.length === 0;
  }

  function render() {
    if (!bar) { return Promise.resolve(); }
    return all().catch(function () { return []; }).then(function (records) {
      try { window.localStorage.setItem(UNSENT, String(records.length)); } catch (e) { /* the sign-out then asks nothing */ }
      var own = records.filter(mine);
      var others = records.filter(function (r) { return !mine(r); });
      var net = bar.querySelector('.fs-network');
      var up = online();
      // without network, say that the page is the copy kept on the phone (and how old it is)
      net.textContent = up ? text('online') : text('offline') + (config.copy ? ' · ' + text('copy', time(config.rendered)) : '');
      net.setAttribute('data-state', up ? 'online' : 'offline');
      bar.setAttribute('data-online', String(up));
      bar.classList.toggle('is-offline', !up);
      var count = bar.querySelector('.fs-count');
      count.textContent = own.length ? text('waiting', own.length) : (storageFailed ? text('noStorage') : text('nothing'));
      bar.setAttribute('data-waiting', String(own.length));
      bar.classList.toggle('has-waiting', own.length > 0);
      var rejected = own.filter(function (r) { return r.state === 'rejected' || r.state === 'forbidden'; });
      bar.setAttribute('data-rejected', String(rejected.length));
      var send = bar.querySelector('.fs-send');
      send.hidden = !(up && own.some(due));
      var signIn = bar.querySelector('.fs-signin');
      var waitingSignIn = own.filter(function (r) { return r.state === 'signin'; });
      signIn.hidden = waitingSignIn.length === 0;
      if (waitingSignIn.length) { signIn.querySelector('a').href = signInLink(waitingSignIn[0]); }
      var notes = [];
      if (others.length) {
        var users = others.map(function (r) { return r.user; }).filter(function (u, i, a) { return a.indexOf(u) === i; });
        notes.push(text('otherUser', others.length, users.join(', ')));
      }
      var note = bar.querySelector('.fs-notes');
      if (!note) {
        note = document.createElement('p');
        note.className = 'fs-notes';
        bar.appendChild(note);
      }
      note.textContent = notes.join(' ');
      if (rejected.length) {
        // the first to correct, one tap away (the lists show them all)
        var fix = document.createElement('a');
        fix.className = 'fs-correct';
        fix.href = rejected[0].page + '?offline=' + encodeURIComponent(rejected[0].clientId);
        fix.textContent = text('correct');
        note.insertBefore(document.createTextNode(text('rejected', rejected.length) + ' '), note.firstChild);
        note.insertBefore(fix, note.childNodes[1]);
        if (notes.length) { note.insertBefore(document.createTextNode(' '), note.childNodes[2]); }
      }
      note.hidden = notes.length === 0 && rejected.length === 0;
      bar.hidden = false;
      renderQueue(records);
    });
  }

  // ------------------------------------------------------------------ keeping and forgetting

  /** Deletes records and kept pages older than data-keep, and says so. */
  function forgetOld() {
    var oldest = Date.now() - config.keep;
    var pages = window.caches ? caches.open('cordon-pages-v1').then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.map(function (request) {
          return cache.match(request).then(function (response) {
            var date = response && Date.parse(response.headers.get('Date') || '');
            if (date && date < oldest) { return cache.delete(request); }
            return null;
          });
        }));
      });
    }).catch(function () { /* nothing kept */ }) : Promise.resolve();
    var records = all().then(function (list) {
      var old = list.filter(function (r) { return r.captured < oldest; });
      return Promise.all(old.map(function (r) { return remove(r.clientId); })).then(function () {
        if (old.length) { showMessage(text('expired', old.length, texts.keepDays || ''), true); }
      });
    }).catch(function () { /* no storage */ });
    return Promise.all([pages, records]);
  }

  /** Whether the service worker answered this page with the copy it kept (no network, or none in time). */
  function servedAsCopy() {
    var worker = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (!worker || !window.MessageChannel) { return Promise.resolve(false); }
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      var timer = setTimeout(function () { resolve(false); }, 1000);
      channel.port1.onmessage = function (e) {
        clearTimeout(timer);
        resolve(!!(e.data && e.data.copy));
      };
      worker.postMessage({type: 'copy?'}, [channel.port2]);
    });
  }

  /** Registers the service worker and asks it to keep this page, the field pages it links to and the files it loads. */
  function installApp() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) { return; }
    var controlled = !!navigator.serviceWorker.controller;
    var scope = config.sw.replace(/sw\.js$/, '');
    navigator.serviceWorker.register(config.sw, {scope: scope, updateViaCache: 'none'}).catch(function () { return null; });
    navigator.serviceWorker.ready.then(function (registration) {
      var worker = registration.active;
      if (!worker || navigator.serviceWorker.controller) { return worker; }
      // a page that loaded while the worker was installing: the worker takes it over (its lists' requests are then kept too)
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        var timer = setTimeout(function () { resolve(worker); }, 3000);
        channel.port1.onmessage = function () { clearTimeout(timer); resolve(worker); };
        worker.postMessage({type: 'claim'}, [channel.port2]);
      });
    }).then(function (worker) {
      if (!worker || !online()) { return; }
      var here = location.pathname;
      var pages = [];
      function addPage(href) {
        try {
          var u = new URL(href, location.href);
          if (u.origin === location.origin && fieldPage(u.pathname) && pages.indexOf(u.pathname) < 0 && u.pathname !== here) {
            pages.push(u.pathname);
          }
        } catch (e) { /* not an address */ }
      }
      Array.prototype.forEach.call(document.querySelectorAll('.nav a[href], a[data-offline-keep], a.episode-link'), function (a) {
        addPage(a.getAttribute('href'));
      });
      Array.prototype.forEach.call(document.querySelectorAll('form[data-offline-form]'), function (f) {
        if (f.getAttribute('data-list')) { addPage(f.getAttribute('data-list')); }
        if (f.getAttribute('data-page')) { addPage(f.getAttribute('data-page')); }
      });
      var files = [config.offlinePage];
      Array.prototype.forEach.call(document.querySelectorAll('script[src], link[rel="stylesheet"][href], link[rel="icon"][href], '
        + 'link[rel="apple-touch-icon"][href], link[rel="manifest"][href]'), function (e) {
        files.push(e.getAttribute('src') || e.getAttribute('href'));
      });
      // the destination pickers' lists of the city's towns (small), so that a destination can be picked offline
      var town = document.getElementById('destinationTown');
      if (town && town.getAttribute('hx-get')) {
        Array.prototype.forEach.call(town.options, function (o) {
          if (o.value) { files.push(town.getAttribute('hx-get') + '?destinationTown=' + encodeURIComponent(o.value)); }
        });
      }
      var refresh = controlled || !fieldPage(here) || document.querySelector('form[data-offline-form][data-rejected="true"]')
        ? [] : [here];
      var channel = new MessageChannel();
      channel.port1.onmessage = function () { bar.setAttribute('data-offline-ready', 'true'); };
      worker.postMessage({type: 'keep', refresh: refresh, pages: pages, files: files.filter(Boolean)}, [channel.port2]);
    });
  }

  // ------------------------------------------------------------------ the round's rows (static/js/round.js)

  /**
   * Keeps checks entered offline on the round page, one record per row, as the check form of the row's episode would
   * (kind "check", its clientId, its queued address and page): sent with the rest when the network returns. Each
   * record: {clientId, target (episode id), url, page, fields: [[name, value]...], labels}. Resolves how many wait.
   */
  window.cordonOffline = {
    keep: function (records) {
      var now = Date.now();
      return records.reduce(function (done, r) {
        return done.then(function () {
          return put({
            clientId: r.clientId, kind: 'check', target: String(r.target), url: r.url, page: r.page, user: config.user,
            fields: r.fields, labels: r.labels || {}, summary: summary('check', r.fields, r.labels || {}), captured: now,
            started: now, queued: true, state: 'waiting', errors: null, message: null
          });
        });
      }, Promise.resolve()).then(function () {
        return render().then(function () { return records.length; });
      });
    }
  };

  // ------------------------------------------------------------------ wiring

  document.addEventListener('DOMContentLoaded', function () {
    bar = document.getElementById('field-status');
    if (!bar) { return; }
    config = {
      user: bar.getAttribute('data-user') || '', keep: +bar.getAttribute('data-keep') || 7 * 24 * 3600 * 1000,
      retry: Math.max(5000, +bar.getAttribute('data-retry') || 30000), rendered: +bar.getAttribute('data-rendered') || Date.now(),
      session: bar.getAttribute('data-session'), login: bar.getAttribute('data-login'), sw: bar.getAttribute('data-sw'),
      offlinePage: bar.getAttribute('data-offline-page')
    };
    Array.prototype.forEach.call(bar.querySelectorAll('.fs-texts [data-key]'), function (e) {
      texts[e.getAttribute('data-key')] = e.textContent;
    });
    var restoreId = new URLSearchParams(location.search).get('offline');
    Array.prototype.forEach.call(document.querySelectorAll('form[data-offline-form]'), function (form) {
      if (!form.getAttribute('data-page')) { form.setAttribute('data-page', location.pathname); }
      if (restoreId) {
        // health-code-scan.js leaves the origin and destination to the record
        form.setAttribute('data-restoring', 'true');
      } else if (form.getAttribute('data-rejected') !== 'true') {
        // a form the server has not refused gets a new id here: a copy kept on the device is shown again and again
        form.querySelector('input[name="clientId"]').value = uuid();
      }
    });
    servedAsCopy().then(function (copy) {
      if (!copy) { return; }
      config.copy = true;
      render();
      Array.prototype.forEach.call(document.querySelectorAll('form[data-offline-form]'), function (form) {
        var day = form.querySelector('input[type="date"][name="date"]');
        if (day && form.getAttribute('data-today') === day.value) {
          // a copy made on an earlier day says "today" of that day
          var now = new Date();
          day.value = now.getFullYear() + '-' + String(now.getMonth() + 1).padStart(2, '0') + '-' + String(now.getDate()).padStart(2, '0');
        }
      });
    });
    document.addEventListener('submit', onSubmit);
    bar.querySelector('.fs-send').addEventListener('click', function () { sync(); });
    document.addEventListener('click', function (e) {
      var discard = e.target.closest && e.target.closest('.oq-discard');
      if (!discard) { return; }
      if (!window.confirm(text('discardConfirm'))) { return; }
      remove(discard.closest('li').getAttribute('data-client-id')).then(render);
    });
    window.addEventListener('online', function () { render().then(sync); });
    window.addEventListener('offline', render);
    document.addEventListener('visibilitychange', function () { if (!document.hidden) { sync(); } });
    setInterval(function () { if (online() && !document.hidden) { sync(); } }, config.retry);
    // a list with this device's waiting records (the day's passages) shows the ones just sent, from the server
    document.addEventListener('cordon:offline-sent', function () {
      if (document.getElementById('offline-queue') && !document.querySelector('form[data-offline-form]')) { location.reload(); }
    });
    try {
      var message = window.sessionStorage.getItem(FLASH);
      if (message) {
        window.sessionStorage.removeItem(FLASH);
        showMessage(message, true);
      }
    } catch (e) { /* no session storage */ }

    installApp();
    forgetOld().then(function () {
      var form = restoreId && document.querySelector('form[data-offline-form]');
      return form ? restore(form, restoreId) : null;
    }).then(render).then(function () {
      if (!document.querySelector('form[data-restored]')) { sync(); }
    });
  });
})();
