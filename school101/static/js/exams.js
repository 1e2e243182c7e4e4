/* Exam page: a countdown of the server's remaining time, and the grading status.
   The server decides everything (remaining time, waits, verdicts); this script only shows
   them, re-reads the state regularly, and reloads the page when a verdict arrives.
   Without JavaScript the page still works (reload it to see the verdict). */
(function () {
  'use strict';

  var root = document.getElementById('exam');
  if (!root) { return; }
  var countdown = root.querySelector('[data-role="countdown"]');
  var announce = root.querySelector('[data-role="announce"]');
  var button = document.querySelector('[data-role="grademe"]');
  var stateUrl = root.getAttribute('data-state-url');
  var status = root.getAttribute('data-status');
  var current = root.getAttribute('data-current-status');
  var level = root.getAttribute('data-level');
  var clock = window.performance && window.performance.now ? function () { return window.performance.now(); }
    : function () { return Date.now(); };
  var remainingAtLoad = Number(root.getAttribute('data-remaining') || 0);
  var endsAt = clock() + 1000 * remainingAtLoad;
  var waitEndsAt = clock() + 1000 * Number(root.getAttribute('data-wait') || 0);
  var announced = {};
  var reloading = false;

  function say(text) { if (announce && text) { announce.textContent = text; } }
  function format(text, n) { return String(text).replace('{n}', String(n)); }

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function show(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    return (h ? h + ':' + pad(m) : String(m)) + ':' + pad(s);
  }

  function reload(message) {
    if (reloading) { return; }
    reloading = true;
    say(message);
    window.setTimeout(function () { window.location.reload(); }, 800);
  }

  function tick() {
    if (status !== 'in_progress') { return; }
    var left = (endsAt - clock()) / 1000;
    if (countdown) { countdown.textContent = show(left); }
    var minutes = Math.ceil(left / 60);
    [30, 10, 5, 1].forEach(function (mark) {
      if (minutes === mark && !announced[mark]) {
        announced[mark] = true;
        say(format(root.getAttribute('data-msg-minutes'), mark));
      }
    });
    /* time up while on the page: reload once (a grading asked in time is then awaited by polling) */
    if (left <= 0 && remainingAtLoad > 0) { reload(root.getAttribute('data-msg-over')); return; }
    if (current === 'waiting' && waitEndsAt - clock() <= 0) {
      current = 'open';
      if (button) { button.disabled = false; button.removeAttribute('aria-disabled'); }
      say(root.getAttribute('data-msg-ready'));
    }
  }

  function poll() {
    if (reloading || status !== 'in_progress') { return; }
    fetch(stateUrl, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        /* 401: this session was closed (a later login, or logged out): the page says why */
        if (response.status === 401) { reload(''); return null; }
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        var attempt = data && data.attempt;
        if (!attempt) { return; }
        endsAt = clock() + 1000 * attempt.remaining_seconds;  /* the server's clock wins */
        var cur = attempt.current;
        var nowCurrent = cur ? cur.status : '';
        if (attempt.status !== status || String(attempt.level) !== String(level) ||
            (current === 'pending' && nowCurrent !== 'pending')) {
          reload(root.getAttribute('data-msg-changed'));
          return;
        }
        if (cur && cur.status === 'waiting') { waitEndsAt = clock() + 1000 * cur.wait_seconds; }
      })
      .catch(function () { /* offline for a moment: the next poll tries again */ });
  }

  tick();
  window.setInterval(tick, 1000);
  window.setInterval(poll, current === 'pending' ? 3000 : 20000);
  if (current === 'pending') { say(root.getAttribute('data-msg-pending')); }
}());
