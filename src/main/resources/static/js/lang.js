// The language switch (fragments/layout.html, #lang-zh / #lang-en) keeps the page, its query (filters) and what was typed
// in its forms: before switching, the forms' values go to this tab's sessionStorage; the page in the other language puts
// them back and deletes them at once, so nothing typed is kept longer than the switch. Passwords, files and hidden fields
// (CSRF tokens, ids the page writes itself) are never kept. Without JavaScript the links still switch the language.
(function () {
  'use strict';
  var KEY = 'cordon.langSwitch';
  var SKIPPED = { password: true, file: true, hidden: true, submit: true, button: true, reset: true, image: true };

  function kept(field) {
    return field.name && !field.disabled && !SKIPPED[field.type] && field.autocomplete !== 'one-time-code';
  }

  function changed(field) {
    if (field.type === 'checkbox' || field.type === 'radio') { return field.checked !== field.defaultChecked; }
    if (field.tagName === 'SELECT') {
      for (var i = 0; i < field.options.length; i++) {
        if (field.options[i].selected !== field.options[i].defaultSelected) { return true; }
      }
      return false;
    }
    return field.value !== field.defaultValue;
  }

  /** What was typed: per form (by its position on the page), per field name and position among fields of that name. */
  function typed() {
    var forms = [];
    for (var f = 0; f < document.forms.length; f++) {
      var seen = {};
      var fields = [];
      var elements = document.forms[f].elements;
      for (var e = 0; e < elements.length; e++) {
        var field = elements[e];
        if (!field.name) { continue; }
        var index = seen[field.name] = (seen[field.name] === undefined ? 0 : seen[field.name] + 1);
        if (!kept(field) || !changed(field)) { continue; }
        var value = field.type === 'checkbox' || field.type === 'radio' ? field.checked
          : field.tagName === 'SELECT' && field.multiple ? Array.prototype.filter.call(field.options, function (o) { return o.selected; })
            .map(function (o) { return o.value; })
          : field.value;
        fields.push([field.name, index, value]);
      }
      if (fields.length) { forms.push([f, fields]); }
    }
    return forms;
  }

  function restore(forms) {
    forms.forEach(function (entry) {
      var form = document.forms[entry[0]];
      if (!form) { return; }
      entry[1].forEach(function (saved) {
        var named = Array.prototype.filter.call(form.elements, function (el) { return el.name === saved[0]; });
        var field = named[saved[1]];
        if (!field || !kept(field)) { return; }
        if (field.type === 'checkbox' || field.type === 'radio') {
          field.checked = saved[2] === true;
        } else if (field.tagName === 'SELECT' && field.multiple && Array.isArray(saved[2])) {
          Array.prototype.forEach.call(field.options, function (o) { o.selected = saved[2].indexOf(o.value) >= 0; });
        } else {
          field.value = saved[2];
        }
        field.dispatchEvent(new Event('input', { bubbles: true }));
        field.dispatchEvent(new Event('change', { bubbles: true }));
      });
    });
  }

  /** The link's language on this page with this page's query and fragment (a page answering a POST names its own page). */
  function target(link) {
    var url = new URL(link.href, window.location.href);
    if (url.pathname === window.location.pathname || link.getAttribute('href').charAt(0) === '?') {
      var query = new URLSearchParams(window.location.search);
      query.set('lang', url.searchParams.get('lang'));
      url = new URL(window.location.href);
      url.search = query.toString();
    }
    return url;
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('#lang-zh, #lang-en');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) { return; }
    var url = target(link);
    try {
      var forms = typed();
      if (forms.length) {
        sessionStorage.setItem(KEY, JSON.stringify({ path: url.pathname, forms: forms }));
      } else {
        sessionStorage.removeItem(KEY);
      }
    } catch (e) { /* storage refused: the switch still keeps the page and its query */ }
    event.preventDefault();
    window.location.assign(url.href);
  });

  function restoreSaved() {
    var saved;
    try {
      saved = sessionStorage.getItem(KEY);
      // once read, gone: nothing typed stays in storage after the switch
      sessionStorage.removeItem(KEY);
    } catch (e) { return; }
    if (!saved) { return; }
    try {
      var data = JSON.parse(saved);
      if (data.path === window.location.pathname && Array.isArray(data.forms)) { restore(data.forms); }
    } catch (e) { /* not ours: ignored */ }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', restoreSaved);
  } else {
    restoreSaved();
  }
}());
