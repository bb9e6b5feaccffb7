// The passage form's health-code check. When qr-scan.js has read a QR code into an occupant card
// ('cordon:code-scanned'), the code is verified here OFFLINE first, in the browser (WebCrypto Ed25519), with what this
// phone keeps in localStorage: this platform's public keys (/.well-known/jwks.json, refreshed after 10 minutes or when a
// code names an unknown key) and the ids of revoked codes (/api/v1/health-codes/revocations, fetched incrementally with
// its cursor every minute while online). Checks, in the server's order (healthcode.CodeVerifier): a compact JWS of
// EdDSA with a key id and the claims iss, jti, col, iat, exp → the issuer is this platform's and the key is known → the
// signature → iat/exp with 5 minutes of clock difference → not revoked. While online the page also asks the server
// (POST /checkpoints/health-code/verify, with the session): its answer is authoritative (other cities' trusted issuers,
// revocations of the last seconds); offline, or when it does not answer in time, the offline result stands and says so.
//
// The result is shown large in the card: the colour in words on its colour, the masked name and birth year from the
// code, its validity and the disposition the rules propose. A valid code of this platform stands in for the occupant's
// identity (the server takes name, ID number and phone from the registry): those inputs are hidden and disabled, with a
// button to type them instead. A refused code is explained, taken out of the form (the hidden input is cleared) and the
// identity inputs stay. A valid code of another city is shown with its issuer but not sent: its holder is not
// registered here, so the officer types the details.
//
// To register a code holder in three inputs (scan, temperature, submit): a scan with no plate typed makes the passage a
// pedestrian's where the vehicle type would otherwise need a plate (typing a plate later puts the type back), and the
// origin and destination of this phone's last passage at this checkpoint (kept for 12 hours in localStorage) are
// filled in, with a note to check them. Texts come from #health-code-texts (rendered from the message bundles).
(function () {
  'use strict';

  var SKEW_SECONDS = 300;                        // HealthCodeManagement.SKEW
  var MAX_TOKEN = 2048;                          // CompactJws.MAX_LENGTH
  var KEYS_FRESH_MS = 10 * 60 * 1000;
  var UNKNOWN_KID_RETRY_MS = 30 * 1000;          // a forged kid must not make every scan fetch the keys
  var REVOCATIONS_EVERY_MS = 60 * 1000;
  var FETCH_TIMEOUT_MS = 4000;
  var ONLINE_TIMEOUT_MS = 5000;
  var SHOW_OFFLINE_AFTER_MS = 600;               // a slow server: show the offline result meanwhile
  var PLACES_KEPT_MS = 12 * 60 * 60 * 1000;      // about a shift
  var MAX_REVOCATION_PAGES = 50;
  var COLORS = ['green', 'yellow', 'red'];
  var STORE_KEYS = 'cordon.healthCode.keys';
  var STORE_REVOKED = 'cordon.healthCode.revoked';
  var STORE_PLACES = 'cordon.passage.places.';
  var PLACE_FIELDS = ['originProvince', 'originCity', 'originCounty', 'destinationTown', 'destinationArea'];

  var config = null;          // #health-code-texts' data attributes
  var texts = {};
  var imported = {};          // kid → Promise<CryptoKey>
  var lastKeyFetch = 0;
  var keysFetching = null;
  var revocationsFetching = null;

  // ------------------------------------------------------------------ small things

  function text(key, arg) {
    var t = texts[key] || '';
    return arg === undefined ? t : t.replace('{0}', arg);
  }

  function load(key) {
    try {
      var v = window.localStorage.getItem(key);
      return v ? JSON.parse(v) : null;
    } catch (e) {
      return null;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* storage full or refused: offline verification then has what it had */ }
  }

  function csrfHeaders() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var h = {};
    if (token && header) { h[header.content] = token.content; }
    return h;
  }

  /** fetch() that gives up after a while: a network that hangs must not hold the offline result back. */
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

  function online() {
    return navigator.onLine !== false;
  }

  function lang() {
    return document.documentElement.lang || undefined;
  }

  function dateTime(millis) {
    try {
      return new Intl.DateTimeFormat(lang(), {year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit'})
        .format(new Date(millis));
    } catch (e) {
      return new Date(millis).toLocaleString();
    }
  }

  function time(millis) {
    try {
      return new Intl.DateTimeFormat(lang(), {hour: '2-digit', minute: '2-digit'}).format(new Date(millis));
    } catch (e) {
      return new Date(millis).toLocaleTimeString();
    }
  }

  // ------------------------------------------------------------------ keys and revocations

  function keysCache() {
    var c = load(STORE_KEYS);
    return c && c.issuer === config.issuer && Array.isArray(c.keys) ? c : null;
  }

  function refreshKeys() {
    if (keysFetching) { return keysFetching; }
    lastKeyFetch = Date.now();
    keysFetching = fetchWithin(config.keys, {cache: 'no-cache', headers: {'Accept': 'application/jwk-set+json, application/json'}}, FETCH_TIMEOUT_MS)
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (set) {
        if (!set || !Array.isArray(set.keys)) { return; }
        var keys = set.keys.filter(function (k) {
          return k && k.kty === 'OKP' && k.crv === 'Ed25519' && typeof k.kid === 'string' && typeof k.x === 'string' && !k.d;
        }).map(function (k) { return {kid: k.kid, x: k.x}; });
        save(STORE_KEYS, {issuer: config.issuer, fetchedAt: Date.now(), keys: keys});
        imported = {};
      })
      .catch(function () { /* offline: the cached keys stay */ })
      .then(function () { keysFetching = null; });
    return keysFetching;
  }

  function importKey(jwk) {
    if (!imported[jwk.kid]) {
      imported[jwk.kid] = window.crypto.subtle.importKey('jwk', {kty: 'OKP', crv: 'Ed25519', x: jwk.x}, {name: 'Ed25519'}, false, ['verify']);
    }
    return imported[jwk.kid];
  }

  /** The key with this id: a CryptoKey, null when the keys are known but this one is not, 'NO_KEYS' when none is kept. */
  function keyFor(kid) {
    var cache = keysCache();
    var known = cache && cache.keys.filter(function (k) { return k.kid === kid; })[0];
    var stale = !cache || Date.now() - cache.fetchedAt > KEYS_FRESH_MS;
    var wait;
    if (known) {
      if (stale && online()) { refreshKeys(); }   // in the background: the key in hand verifies now
      wait = Promise.resolve();
    } else if (online() && (stale || Date.now() - lastKeyFetch > UNKNOWN_KID_RETRY_MS)) {
      wait = refreshKeys();
    } else {
      wait = Promise.resolve();
    }
    return wait.then(function () {
      var c = keysCache();
      if (!c) { return 'NO_KEYS'; }
      var jwk = c.keys.filter(function (k) { return k.kid === kid; })[0];
      return jwk ? importKey(jwk) : null;
    });
  }

  function revocations() {
    var r = load(STORE_REVOKED);
    return r && r.issuer === config.issuer && r.ids && typeof r.ids === 'object' ? r : null;
  }

  /** A duration of the answer (ISO-8601 "PT168H" or seconds): how long a revocation matters. */
  function durationMillis(value) {
    if (typeof value === 'number') { return value * 1000; }
    var m = typeof value === 'string' && /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(value);
    if (!m) { return 8 * 24 * 3600 * 1000; }
    return (((+(m[1] || 0) * 24 + +(m[2] || 0)) * 60 + +(m[3] || 0)) * 60 + +(m[4] || 0)) * 1000;
  }

  /** Fetches the revocations after the kept cursor, page by page; keeps each id with when it was first seen. */
  function syncRevocations() {
    if (revocationsFetching) { return revocationsFetching; }
    var kept = revocations() || {issuer: config.issuer, cursor: 0, ids: {}, syncedAt: 0, windowMs: 0};
    var pages = 0;
    function page() {
      var url = config.revocations + (config.revocations.indexOf('?') < 0 ? '?' : '&') + 'since=' + encodeURIComponent(kept.cursor);
      return fetchWithin(url, {cache: 'no-store', headers: {'Accept': 'application/json'}}, FETCH_TIMEOUT_MS)
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (list) {
          if (!list || list.issuer !== config.issuer || !Array.isArray(list.revoked)) { return false; }
          var now = Date.now();
          list.revoked.forEach(function (id) {
            if (typeof id === 'string' && !kept.ids[id]) { kept.ids[id] = now; }
          });
          var before = kept.cursor;
          if (typeof list.cursor === 'number' && list.cursor >= kept.cursor) { kept.cursor = list.cursor; }
          kept.windowMs = durationMillis(list.window);
          pages++;
          if (list.more && kept.cursor > before && pages < MAX_REVOCATION_PAGES) { return page(); }
          return true;
        });
    }
    revocationsFetching = page()
      .then(function (complete) {
        if (pages > 0) {
          // an id first seen longer ago than any code stays valid belongs to a code that has expired anyway
          var oldest = Date.now() - kept.windowMs - SKEW_SECONDS * 1000;
          Object.keys(kept.ids).forEach(function (id) {
            if (kept.ids[id] < oldest) { delete kept.ids[id]; }
          });
          if (complete) { kept.syncedAt = Date.now(); }
          save(STORE_REVOKED, kept);
        }
      })
      .catch(function () { /* offline: the kept list stays */ })
      .then(function () { revocationsFetching = null; showSync(); });
    return revocationsFetching;
  }

  function markRevoked(codeId) {
    var kept = revocations();
    if (kept && codeId && !kept.ids[codeId]) {
      kept.ids[codeId] = Date.now();
      save(STORE_REVOKED, kept);
    }
  }

  function showSync() {
    var p = document.getElementById('hc-sync');
    var keys = keysCache(), revoked = revocations();
    if (!p || !keys || !revoked || !revoked.syncedAt) { return; }
    p.textContent = text('synced', time(Math.min(keys.fetchedAt, revoked.syncedAt)));
    p.hidden = false;
    p.setAttribute('data-synced', 'true');
  }

  function sync() {
    if (!online()) { return Promise.resolve(); }
    var keys = keysCache();
    var k = !keys || Date.now() - keys.fetchedAt > KEYS_FRESH_MS ? refreshKeys() : Promise.resolve();
    return Promise.all([k, syncRevocations()]).then(showSync);
  }

  // ------------------------------------------------------------------ offline verification

  function bytes(base64url) {
    if (!/^[A-Za-z0-9_-]*$/.test(base64url) || base64url.length % 4 === 1) { throw new Error('not base64url'); }
    var b = base64url.replace(/-/g, '+').replace(/_/g, '/');
    while (b.length % 4) { b += '='; }
    var binary = atob(b);
    var out = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { out[i] = binary.charCodeAt(i); }
    return out;
  }

  function jsonOf(b) {
    return JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(b));
  }

  /** The parts of a compact JWS of EdDSA with a key id and the claims a code needs; null when it is none. */
  function parse(token) {
    if (typeof token !== 'string' || !token || token.length > MAX_TOKEN) { return null; }
    var parts = token.split('.');
    if (parts.length !== 3) { return null; }
    var header, claims, signature;
    try {
      header = jsonOf(bytes(parts[0]));
      claims = jsonOf(bytes(parts[1]));
      signature = bytes(parts[2]);
    } catch (e) {
      return null;
    }
    if (!header || typeof header !== 'object' || header.alg !== 'EdDSA' || typeof header.kid !== 'string' || header.crit !== undefined) {
      return null;
    }
    if (!claims || typeof claims !== 'object' || Array.isArray(claims) || typeof claims.iss !== 'string'
        || typeof claims.jti !== 'string' || claims.jti.length > 64 || COLORS.indexOf(claims.col) < 0
        || typeof claims.exp !== 'number' || typeof claims.iat !== 'number') {
      return null;
    }
    return {kid: header.kid, claims: claims, signature: signature, input: new TextEncoder().encode(parts[0] + '.' + parts[1])};
  }

  function refused(problem, extra) {
    return Object.assign({valid: false, problem: problem, source: 'offline'}, extra || {});
  }

  /** Verifies a token with the kept keys and revocations: {valid, problem, color, name, birthYear, expiresAt, card, ownIssuer, ...}. */
  function verifyOffline(token) {
    var p = parse(token);
    if (!p) { return Promise.resolve(refused('MALFORMED')); }
    var c = p.claims;
    var facts = {
      codeId: c.jti, issuer: c.iss, ownIssuer: c.iss === config.issuer, color: c.col.toUpperCase(),
      name: typeof c.nam === 'string' ? c.nam : null, birthYear: typeof c.yob === 'number' ? c.yob : null,
      expiresAt: c.exp * 1000, card: c.crd !== undefined && c.crd !== null, source: 'offline'
    };
    if (!facts.ownIssuer) {
      // other cities' trusted keys are the server's to know
      return Promise.resolve(refused('FOREIGN_OFFLINE', {issuer: c.iss}));
    }
    if (!window.crypto || !window.crypto.subtle) {
      return Promise.resolve(refused('UNSUPPORTED'));   // not a secure context (https or localhost)
    }
    return keyFor(p.kid).then(function (key) {
      if (key === 'NO_KEYS') { return refused('NO_KEYS'); }
      if (!key) { return refused('UNKNOWN_KEY'); }
      return window.crypto.subtle.verify({name: 'Ed25519'}, key, p.signature, p.input).then(function (ok) {
        if (!ok) { return refused('BAD_SIGNATURE'); }
        var now = Date.now() / 1000;
        if (c.exp + SKEW_SECONDS < now) { return Object.assign({}, facts, {valid: false, problem: 'EXPIRED'}); }
        if (c.iat - SKEW_SECONDS > now) { return Object.assign({}, facts, {valid: false, problem: 'NOT_YET_VALID'}); }
        var kept = revocations();
        if (kept && kept.ids[c.jti]) { return Object.assign({}, facts, {valid: false, problem: 'REVOKED'}); }
        return Object.assign({}, facts, {valid: true, problem: null});
      });
    }).catch(function () {
      return refused('UNSUPPORTED');   // no Ed25519 in this browser's WebCrypto
    });
  }

  // ------------------------------------------------------------------ online verification

  function instant(value) {
    if (typeof value === 'number') { return value * 1000; }
    var t = typeof value === 'string' ? Date.parse(value) : NaN;
    return isNaN(t) ? null : t;
  }

  /** The server's answer, or null when there is none in time (offline, slow, signed out). */
  function verifyOnline(token) {
    var body = new URLSearchParams();
    body.set('token', token);
    return fetchWithin(config.verify, {
      method: 'POST', body: body, cache: 'no-store',
      headers: Object.assign({'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json'}, csrfHeaders())
    }, ONLINE_TIMEOUT_MS)
      .then(function (r) {
        var type = r.headers.get('Content-Type') || '';
        return r.ok && type.indexOf('json') >= 0 ? r.json() : null;   // a sign-in page after a lost session is no answer
      })
      .then(function (v) {
        if (!v || typeof v.valid !== 'boolean') { return null; }
        return {
          valid: v.valid, problem: v.problem || null, message: v.message || null, color: v.color || null,
          name: v.name || null, birthYear: typeof v.birthYear === 'number' ? v.birthYear : null,
          expiresAt: instant(v.expiresAt), card: !!v.card, ownIssuer: !!v.ownIssuer, issuer: v.issuer || null,
          issuerName: v.issuerName || null, source: 'online'
        };
      })
      .catch(function () { return null; });
  }

  // ------------------------------------------------------------------ the occupant card

  function direction() {
    var checked = document.querySelector('#passage-form input[name="direction"]:checked');
    return checked ? checked.value : 'ENTERING';
  }

  /** What the checkpoint's rules propose for a colour (ScreeningRules: yellow only when entering). */
  function proposal(color) {
    if (color === 'RED') { return 'FEVER_REFERRAL'; }
    if (color === 'YELLOW' && direction() === 'ENTERING') { return 'HOME_OBSERVATION'; }
    return 'RELEASED';
  }

  function element(tag, className, content) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (content !== undefined && content !== null) { e.textContent = content; }
    return e;
  }

  function fact(list, label, value) {
    if (value === null || value === undefined || value === '') { return; }
    list.appendChild(element('dt', null, label));
    list.appendChild(element('dd', null, String(value)));
  }

  function resultBox(card) {
    var box = card.querySelector('.hc-result');
    if (!box) {
      box = element('div', 'hc-result');
      var after = card.querySelector('.scan-message');
      after.parentNode.insertBefore(box, after.nextSibling);
    }
    return box;
  }

  function render(card, result, pending) {
    var box = resultBox(card);
    box.textContent = '';
    box.hidden = false;
    var shown = result.valid ? result.color : null;
    box.className = 'hc-result ' + (shown ? 'hc-' + shown : 'hc-refused') + (pending ? ' hc-pending' : '');
    box.setAttribute('role', result.valid ? 'status' : 'alert');
    box.setAttribute('data-valid', String(result.valid));
    box.setAttribute('data-source', result.source);
    if (result.problem) { box.setAttribute('data-problem', result.problem); } else { box.removeAttribute('data-problem'); }

    var head = element('div', 'hc-colour');
    if (shown) { head.appendChild(element('span', 'hc-colour-name', text('color.' + shown))); }
    head.appendChild(element('span', 'hc-verdict', text(result.valid ? 'verified' : 'refused')));
    if (result.valid && !result.ownIssuer) { head.appendChild(element('span', 'hc-tag', text('foreign'))); }
    if (result.card) { head.appendChild(element('span', 'hc-tag', text('card'))); }
    box.appendChild(head);

    var body = element('div', 'hc-body');
    if (result.valid) {
      var p = element('p', 'hc-proposal');
      p.appendChild(element('span', 'hc-proposal-label', text('proposal') + ' '));
      var d = proposal(result.color);
      var strong = element('strong', 'hc-disposition', text('propose.' + d));
      strong.setAttribute('data-disposition', d);
      p.appendChild(strong);
      body.appendChild(p);
      var facts = element('dl', 'hc-facts');
      fact(facts, text('holder'), result.name);
      fact(facts, text('birthYear'), result.birthYear);
      fact(facts, text('validUntil'), result.expiresAt ? dateTime(result.expiresAt) : null);
      if (!result.ownIssuer) { fact(facts, text('issuer'), result.issuerName || result.issuer); }
      body.appendChild(facts);
      if (!result.ownIssuer) { body.appendChild(element('p', 'hc-reason', text('problem.OTHER_ISSUER'))); }
    } else {
      body.appendChild(element('p', 'hc-reason', text('problem.' + result.problem) || result.message || result.problem));
    }
    body.appendChild(element('p', 'hc-source' + (result.source === 'offline' ? ' hc-source-offline' : ''),
      pending ? text('checkingOnline') : text(result.source === 'offline' ? 'offline' : 'online')));
    if (result.valid && result.ownIssuer && !pending) {
      var again = element('button', 'hc-type-instead', text('typeInstead'));
      again.type = 'button';
      body.appendChild(again);
    }
    box.appendChild(body);
  }

  function checking(card) {
    var box = resultBox(card);
    box.textContent = '';
    box.hidden = false;
    box.className = 'hc-result hc-checking';
    box.setAttribute('role', 'status');
    box.removeAttribute('data-valid');
    box.removeAttribute('data-source');
    box.removeAttribute('data-problem');
    box.appendChild(element('div', 'hc-colour', text('checking')));
  }

  function identity(card, shown) {
    var block = card.querySelector('.identity');
    if (!block) { return; }
    block.hidden = !shown;
    block.querySelectorAll('input, select').forEach(function (control) { control.disabled = !shown; });
  }

  function clearServerError(card) {
    card.querySelectorAll('.field-error').forEach(function (p) {
      var field = p.getAttribute('data-field') || '';
      if (/\.healthCode$/.test(field)) { p.remove(); }
    });
  }

  function anyCodeHolder() {
    return Array.prototype.some.call(document.querySelectorAll('#occupants input.health-code'), function (i) { return !!i.value; });
  }

  // ------------------------------------------------------------------ vehicle type: a pedestrian with a code

  function vehicleType() { return document.getElementById('vehicleType'); }
  function plate() { return document.getElementById('plateNumber'); }

  function preferPedestrian() {
    var type = vehicleType(), p = plate();
    if (!type || !p || p.value.trim()) { return; }
    var selected = type.options[type.selectedIndex];
    var walk = type.querySelector('option[value="PEDESTRIAN"]');
    if (!walk || !selected || selected.getAttribute('data-needs-plate') !== 'true') { return; }
    type.setAttribute('data-auto-from', type.value);
    type.value = 'PEDESTRIAN';
  }

  function restoreVehicleType() {
    var type = vehicleType();
    var from = type && type.getAttribute('data-auto-from');
    if (from) {
      type.value = from;
      type.removeAttribute('data-auto-from');
    }
  }

  // ------------------------------------------------------------------ applying a result

  function apply(card, token, result, quiet) {
    card.hcResult = result;
    var input = card.querySelector('input.health-code');
    var holder = result.valid && result.ownIssuer;
    if (input) { input.value = holder ? token : ''; }
    render(card, result, false);
    identity(card, !holder);
    var message = card.querySelector('.scan-message');
    if (message) { message.textContent = ''; }
    clearServerError(card);
    if (holder) {
      preferPedestrian();
      var temperature = card.querySelector('.temperature');
      if (!quiet && temperature && !temperature.value && document.activeElement !== temperature) { temperature.focus(); }
    } else {
      if (!anyCodeHolder()) { restoreVehicleType(); }
      var id = card.querySelector('.id-number');
      if (!quiet && id) { id.focus(); }
    }
  }

  function check(card, token, quiet) {
    var mine = (card.hcCheck || 0) + 1;
    card.hcCheck = mine;
    card.setAttribute('data-checks', String(mine));   // how many codes this card has checked (tests wait on it)
    token = (token || '').trim();
    checking(card);
    // while the check runs the text stays in the form (qr-scan.js put it there): a passage sent meanwhile has the
    // server check it
    var input = card.querySelector('input.health-code');
    if (input && token) { input.value = token; }
    var started = Date.now();
    return verifyOffline(token).then(function (offline) {
      if (card.hcCheck !== mine) { return; }
      card.setAttribute('data-offline-ms', String(Date.now() - started));
      if (!online() || offline.problem === 'MALFORMED') {
        // nothing a server could add: offline, or not a code at all
        apply(card, token, offline, quiet);
        return;
      }
      var answered = false;
      setTimeout(function () {
        if (!answered && card.hcCheck === mine) { render(card, offline, true); }
      }, SHOW_OFFLINE_AFTER_MS);
      return verifyOnline(token).then(function (server) {
        answered = true;
        if (card.hcCheck !== mine) { return; }
        if (server && !server.valid && server.problem === 'REVOKED' && offline.ownIssuer) { markRevoked(offline.codeId); }
        apply(card, token, server || offline, quiet);
      });
    });
  }

  function typeInstead(card) {
    card.hcCheck = (card.hcCheck || 0) + 1;
    card.hcResult = null;
    var input = card.querySelector('input.health-code');
    if (input) { input.value = ''; }
    var box = card.querySelector('.hc-result');
    if (box) { box.remove(); }
    identity(card, true);
    if (!anyCodeHolder()) { restoreVehicleType(); }
    var id = card.querySelector('.id-number');
    if (id) { id.focus(); }
  }

  // ------------------------------------------------------------------ origin and destination of the last passage

  function placesKey() {
    return STORE_PLACES + (config.checkpoint || '');
  }

  function select(name) {
    return document.getElementById(name);
  }

  function rememberPlaces() {
    var places = {at: Date.now()};
    PLACE_FIELDS.forEach(function (f) {
      var s = select(f);
      places[f] = s ? s.value : '';
    });
    if (places.originProvince) { save(placesKey(), places); }
  }

  /** Picks a value in a select (when it is an option) and lets htmx load what depends on it, as if the officer had picked it. */
  function pick(name, value) {
    var s = select(name);
    if (!value || !s) { return false; }
    var has = Array.prototype.some.call(s.options, function (o) { return o.value === value; });
    if (!has) { return false; }
    s.value = value;
    s.dispatchEvent(new Event('change', {bubbles: true}));
    return true;
  }

  /** Waits until a select (found again by id: htmx may replace it) offers a value. */
  function offered(name, value) {
    return new Promise(function (resolve) {
      var until = Date.now() + FETCH_TIMEOUT_MS;
      (function poll() {
        var s = select(name);
        if (s && Array.prototype.some.call(s.options, function (o) { return o.value === value; })) { resolve(true); return; }
        if (Date.now() > until) { resolve(false); return; }
        setTimeout(poll, 40);
      })();
    });
  }

  function chain(steps, state) {
    // steps: [[select, value], ...]; each next select is loaded by the previous choice
    return steps.reduce(function (done, step, i) {
      return done.then(function (ok) {
        if (!ok || state.aborted || !step[1]) { return ok && !state.aborted; }
        var ready = i === 0 ? Promise.resolve(true) : offered(step[0], step[1]);
        return ready.then(function (there) { return there && !state.aborted && pick(step[0], step[1]); });
      });
    }, Promise.resolve(true));
  }

  function restorePlaces() {
    var form0 = document.getElementById('passage-form');
    if (form0 && form0.hasAttribute('data-restoring')) { return; }   // offline.js puts a kept record's places back
    var empty = PLACE_FIELDS.every(function (f) { var s = select(f); return !s || !s.value; });
    var places = load(placesKey());
    if (!empty || !places || !places.at || Date.now() - places.at > PLACES_KEPT_MS) { return; }
    var state = {aborted: false};
    var form = document.getElementById('passage-form');
    function stop(e) {
      if (e.isTrusted && e.target && PLACE_FIELDS.indexOf(e.target.id) >= 0) { state.aborted = true; }
    }
    form.addEventListener('change', stop, true);
    Promise.all([
      chain([['originProvince', places.originProvince], ['originCity', places.originCity], ['originCounty', places.originCounty]], state),
      chain([['destinationTown', places.destinationTown], ['destinationArea', places.destinationArea]], state)
    ]).then(function (done) {
      form.removeEventListener('change', stop, true);
      var note = document.getElementById('places-remembered');
      if (note && done[0] && done[1] && !state.aborted) {
        note.hidden = false;
        form.setAttribute('data-places-restored', 'true');
        // the note goes once the officer changes a place
        form.addEventListener('change', function hide(e) {
          if (e.isTrusted && PLACE_FIELDS.indexOf(e.target.id) >= 0) {
            note.hidden = true;
            form.removeEventListener('change', hide);
          }
        });
      }
    });
  }

  // ------------------------------------------------------------------ wiring

  document.addEventListener('DOMContentLoaded', function () {
    var holder = document.getElementById('health-code-texts');
    var form = document.getElementById('passage-form');
    if (!holder || !form) { return; }
    config = {
      issuer: holder.getAttribute('data-issuer'), keys: holder.getAttribute('data-keys'),
      revocations: holder.getAttribute('data-revocations'), verify: holder.getAttribute('data-verify'),
      checkpoint: holder.getAttribute('data-checkpoint')
    };
    holder.querySelectorAll('[data-key]').forEach(function (e) { texts[e.getAttribute('data-key')] = e.textContent; });

    document.addEventListener('cordon:code-scanned', function (e) {
      var card = e.detail && e.detail.row;
      // quiet: a code put back by offline.js (a record kept on this phone) is checked without moving the focus
      if (card && card.matches && card.matches('fieldset.occupant')) { check(card, e.detail.text, !!e.detail.quiet); }
    });
    form.addEventListener('click', function (e) {
      var button = e.target.closest && e.target.closest('.hc-type-instead');
      if (button) { typeInstead(button.closest('fieldset.occupant')); }
    });
    form.addEventListener('change', function (e) {
      if (e.target.name === 'direction') {
        // the proposal for a yellow code depends on the direction
        document.querySelectorAll('#occupants fieldset.occupant').forEach(function (card) {
          if (card.hcResult) { render(card, card.hcResult, false); }
        });
      } else if (e.target.id === 'vehicleType' && e.isTrusted) {
        e.target.removeAttribute('data-auto-from');   // the officer's choice stands
      }
    });
    form.addEventListener('input', function (e) {
      if (e.target.id === 'plateNumber' && e.target.value.trim()) { restoreVehicleType(); }
    });
    form.addEventListener('submit', rememberPlaces);

    // a form shown again (the server refused something): its scanned codes are checked again, without moving the focus
    document.querySelectorAll('#occupants fieldset.occupant').forEach(function (card) {
      var input = card.querySelector('input.health-code');
      if (input && input.value) { check(card, input.value, true); }
    });
    setTimeout(restorePlaces, 0);
    sync();
    setInterval(function () { if (online() && !document.hidden) { syncRevocations().then(showSync); } }, REVOCATIONS_EVERY_MS);
    window.addEventListener('online', sync);
  });
})();
