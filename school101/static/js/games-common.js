/* Shared helpers of the selection games (no framework). The server decides everything:
   these scripts only show puzzles, collect answers and display the server's verdict. */
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  function format(text, params) {
    return String(text).replace(/%\((\w+)\)s/g, function (all, key) {
      return params && Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : all;
    });
  }

  function request(url, method, body) {
    var options = {
      method: method || 'GET',
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRFToken': csrfToken() }
    };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(url, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    });
  }

  function errorMessage(result) {
    var error = result && result.data && result.data.error;
    return error ? error.message : '';
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'className') { node.className = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function role(root, name) { return root.querySelector('[data-role="' + name + '"]'); }

  window.Games = {
    format: format,
    request: request,
    errorMessage: errorMessage,
    el: el,
    role: role,
    messages: function (root) { return JSON.parse(root.getAttribute('data-messages') || '{}'); },
    wait: function (ms) { return new Promise(function (resolve) { window.setTimeout(resolve, ms); }); }
  };
}());
