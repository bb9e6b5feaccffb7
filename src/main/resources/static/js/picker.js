// Place pickers (fragments/picker.html, README "Pickers and forms that forgive"): loaded only by the pages that have one
// (each picker fragment names this file; the second mention does nothing), so pages without a picker, the public
// portal above all, do not carry it. Without this script the fields are plain code fields and the selects work as before.
(function () {
  'use strict';
  if (window.cordonPickers) { return; }
  window.cordonPickers = true;

  // ------------------------------------------------------------------ place pickers (fragments/picker.html)
  // A text field named after the form's field and holding a code becomes a search box: the code moves into a hidden
  // field of that name, the box shows the place's name and, as one types a name or its pinyin initials, the options
  // of GET data-url (?source=&kinds=&q=) under it; a choice puts its code into the hidden field. data-fills names
  // selects (province city county) a choice fills in, one after the other, as htmx loads each next one.
  var pickerSeq = 0;
  function setupPicker(box) {
    if (box.hasAttribute('data-picker-ready')) { return; }
    box.setAttribute('data-picker-ready', '');
    var hidden = document.createElement('input');
    hidden.type = 'hidden';
    hidden.value = box.value;
    hidden.className = 'picker-value';
    if (box.name) {
      hidden.name = box.name;
      box.removeAttribute('name');
      box.parentNode.insertBefore(hidden, box);
    }
    var filler = box.closest('.picker-filler');
    if (filler) { filler.hidden = false; }
    box.value = box.getAttribute('data-label') || box.value;
    box.type = 'search';
    box.removeAttribute('inputmode');
    var list = document.createElement('ul');
    list.className = 'picker-list';
    list.id = (box.id || ('picker-' + (++pickerSeq))) + '-options';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    box.parentNode.insertBefore(list, box.nextSibling);
    box.setAttribute('role', 'combobox');
    box.setAttribute('aria-autocomplete', 'list');
    box.setAttribute('aria-expanded', 'false');
    box.setAttribute('aria-controls', list.id);
    var timer = null;
    var controller = null;
    var active = -1;
    function options() { return list.querySelectorAll('.picker-option'); }
    function close() {
      list.hidden = true;
      box.setAttribute('aria-expanded', 'false');
      box.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function highlight(i) {
      var all = options();
      all.forEach(function (o, j) { o.setAttribute('aria-selected', j === i ? 'true' : 'false'); });
      active = i;
      if (all[i]) {
        if (!all[i].id) { all[i].id = list.id + '-' + i; }
        box.setAttribute('aria-activedescendant', all[i].id);
        if (all[i].scrollIntoView) { all[i].scrollIntoView({block: 'nearest'}); }
      }
    }
    function choose(option) {
      hidden.value = option.getAttribute('data-code');
      box.value = option.getAttribute('data-label');
      box.setAttribute('data-label', box.value);
      box.classList.remove('invalid');
      box.removeAttribute('aria-invalid');
      close();
      hidden.dispatchEvent(new Event('change', {bubbles: true}));
      var fills = box.getAttribute('data-fills');
      if (fills) { fillSelects(fills.split(/\s+/), hidden.value); }
    }
    var pending = null;   // the search under way: leaving the box waits for it
    function search() {
      timer = null;
      var q = box.value.trim();
      if (!q) { list.innerHTML = ''; close(); return Promise.resolve(); }
      var url = box.getAttribute('data-url') + '?source=' + encodeURIComponent(box.getAttribute('data-picker'))
        + (box.getAttribute('data-kinds') ? '&kinds=' + encodeURIComponent(box.getAttribute('data-kinds')) : '')
        + '&q=' + encodeURIComponent(q);
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      // redirect 'manual': a session that expired meanwhile answers with the way to the sign-in page, which must not
      // land in the list (it would cover the form with a password box); the code can still be typed then
      pending = fetch(url, {credentials: 'same-origin', redirect: 'manual', signal: controller ? controller.signal : undefined})
        .then(function (r) { return r.ok && !r.redirected && r.type !== 'opaqueredirect' ? r.text() : ''; })
        .then(function (html) {
          if (box.value.trim() !== q) { return; }
          list.innerHTML = html;
          list.hidden = !html.trim() || document.activeElement !== box;
          box.setAttribute('aria-expanded', list.hidden ? 'false' : 'true');
          if (options().length) { highlight(0); }
        })
        .catch(function () { /* offline or aborted: the code can still be typed */ });
      return pending;
    }
    box.addEventListener('input', function () {
      // the text no longer names the place chosen before
      if (box.value !== box.getAttribute('data-label')) { hidden.value = ''; }
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    box.addEventListener('keydown', function (e) {
      var all = options();
      if (e.key === 'ArrowDown' && all.length) { e.preventDefault(); list.hidden = false; highlight(Math.min(active + 1, all.length - 1)); }
      else if (e.key === 'ArrowUp' && all.length) { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (e.key === 'Enter' && !list.hidden && all[active]) { e.preventDefault(); choose(all[active]); }
      else if (e.key === 'Escape') { close(); }
    });
    // mousedown, not click: the box would lose its focus (and close the list) before the click arrives
    list.addEventListener('mousedown', function (e) {
      var option = e.target.closest && e.target.closest('.picker-option');
      if (option) { e.preventDefault(); choose(option); }
    });
    // Leaving the box without a choice: the place whose name was typed in full, or the only place found, is taken.
    box.addEventListener('blur', function () {
      setTimeout(function () {
        if (document.activeElement === box) { return; }
        var searched = timer ? (clearTimeout(timer), search()) : (pending || Promise.resolve());
        searched.then(function () {
          if (!hidden.value && box.value.trim()) {
            var typed = box.value.trim();
            var all = options();
            var exact = Array.prototype.filter.call(all, function (o) { return o.getAttribute('data-label') === typed; });
            if (exact.length === 1) { choose(exact[0]); } else if (all.length === 1) { choose(all[0]); }
          }
          if (document.activeElement !== box) { close(); }
        });
      }, 150);
    });
    var form = box.form;
    if (form) {
      form.addEventListener('submit', function () {
        if (!hidden.value && box.value.trim()) {
          var typed = box.value.trim();
          var all = options();
          var exact = Array.prototype.filter.call(all, function (o) { return o.getAttribute('data-label') === typed; });
          var only = exact.length === 1 ? exact[0] : (all.length === 1 ? all[0] : null);
          // the place typed in full or the only one found; else what was typed (a code, say): the server says what is wrong
          if (only) { hidden.value = only.getAttribute('data-code'); } else if (box.value !== box.getAttribute('data-label')) { hidden.value = typed; }
        }
        if (!box.value.trim()) { hidden.value = ''; }
      }, true);
    }
  }

  /** Province → city → county (or town → village): picks each prefix of the code in turn, as the officer would. */
  function fillSelects(ids, code) {
    var steps = [];
    if (code.indexOf('ISO') === 0) {
      steps = code === 'ISO' ? ['ISO'] : ['ISO', code];
    } else {
      var first = ids.length === 2 ? 9 : 2;   // area tree: town (9 digits) then the node; divisions: 2, 4, 6
      for (var len = first; len <= code.length; len += (ids.length === 2 ? 100 : 2)) { steps.push(code.substring(0, len)); }
      if (ids.length === 2 && code.length > 9) { steps.push(code); }
    }
    function offered(id, value) {
      return new Promise(function (resolve) {
        var until = Date.now() + 8000;
        (function poll() {
          var s = document.getElementById(id);
          if (s && Array.prototype.some.call(s.options, function (o) { return o.value === value; })) { resolve(true); return; }
          if (Date.now() > until) { resolve(false); return; }
          setTimeout(poll, 40);
        })();
      });
    }
    steps.reduce(function (done, value, i) {
      return done.then(function (ok) {
        if (!ok || i >= ids.length) { return false; }
        return offered(ids[i], value).then(function (there) {
          if (!there) { return false; }
          var s = document.getElementById(ids[i]);
          s.value = value;
          s.dispatchEvent(new Event('change', {bubbles: true}));
          return true;
        });
      });
    }, Promise.resolve(true));
  }

  function setupPickers(root) {
    (root || document).querySelectorAll('input[data-picker]').forEach(setupPicker);
  }
  document.addEventListener('DOMContentLoaded', function () { setupPickers(document); });
  document.addEventListener('htmx:afterSwap', function (e) { setupPickers(e.target); });

})();
