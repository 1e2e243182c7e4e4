/* The staff piscine board refreshes its figures by itself (no inline JS: CSP script-src 'self').
 *
 * Markup (piscine/staff/board.html): one element [data-board-live] carrying
 *   data-url            the JSON endpoint (piscine.staff_board_live)
 *   data-interval       seconds between polls (15); data-max-interval the back-off ceiling (120)
 *   data-generated-at   when the page was made (ISO UTC); data-graded / data-open-days: the
 *                       graded results count and open days the page was rendered with
 *   data-text-*         translated texts, with {time}, {seconds}, {label}, {value} placeholders
 * and inside it [data-live-status], [data-live-toggle], [data-live-note], [data-live-stale],
 * [data-live-announce] (aria-live="polite"). Every element of the page with data-live="a.b"
 * shows the JSON value at that path; those with data-live-label are announced when they change.
 *
 * Without JavaScript the page keeps its server-rendered figures. Polls stop while the tab is
 * hidden or paused; after a failure the interval doubles up to the ceiling, and a refusal
 * (401/403, session over) stops polling with a message.
 */
(function () {
  "use strict";

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // A time of day as the server writes it ("8 h 35", "8:35 AM"), in Paris time, no seconds.
  function clock(date) {
    var lang = document.documentElement.lang || "fr";
    try {
      if (lang.indexOf("fr") === 0) {
        var parts = {};
        new Intl.DateTimeFormat("fr", { timeZone: "Europe/Paris", hour: "numeric", minute: "2-digit", hour12: false })
          .formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
        return String(Number(parts.hour)) + "\u00a0h\u00a0" + parts.minute;
      }
      return new Intl.DateTimeFormat(lang, { timeZone: "Europe/Paris", hour: "numeric", minute: "2-digit" }).format(date);
    } catch (e) {
      return pad(date.getHours()) + ":" + pad(date.getMinutes());
    }
  }

  function lookup(data, path) {
    var parts = path.split(".");
    var value = data;
    for (var i = 0; i < parts.length; i += 1) {
      if (value === null || typeof value !== "object" || !(parts[i] in value)) { return undefined; }
      value = value[parts[i]];
    }
    return value;
  }

  function flatten(data) {
    /* not_submitted arrives as [{day_id, count}]: reachable as not_submitted.<day_id> */
    var copy = {};
    Object.keys(data).forEach(function (key) { copy[key] = data[key]; });
    var days = {};
    (data.not_submitted || []).forEach(function (row) { days[row.day_id] = row.count; });
    copy.not_submitted = days;
    return copy;
  }

  function start(root) {
    var q = function (selector) { return root.querySelector(selector); };
    var status = q("[data-live-status]");
    var toggle = q("[data-live-toggle]");
    var stale = q("[data-live-stale]");
    var staleText = q("[data-live-stale-text]");
    var announcer = q("[data-live-announce]");
    var note = q("[data-live-note]");
    var url = root.getAttribute("data-url");
    var base = Math.max(0.2, parseFloat(root.getAttribute("data-interval")) || 15) * 1000;
    var ceiling = Math.max(base, (parseFloat(root.getAttribute("data-max-interval")) || 120) * 1000);
    var graded = root.getAttribute("data-graded");
    var openDays = (root.getAttribute("data-open-days") || "").split(" ").filter(Boolean).sort().join(" ");
    var text = function (name) { return root.getAttribute("data-text-" + name) || ""; };
    var delay = base, timer = null, inFlight = false, paused = false, stopped = false;
    var failing = false, lastSuccess = Date.now(), lastUpdated = status.textContent;

    function setStatus(message, isError) {
      status.textContent = message;
      status.classList.toggle("board-live-error", !!isError);
    }

    function stop() {
      window.clearTimeout(timer);
      timer = null;
    }

    function announce(message) {
      if (!message) { return; }
      announcer.textContent = "";
      window.setTimeout(function () { announcer.textContent = message; }, 50);
    }

    function schedule(ms) {
      stop();
      if (stopped || paused || document.hidden) { return; }
      timer = window.setTimeout(poll, ms);
    }

    function apply(data) {
      var flat = flatten(data);
      var changes = [];
      Array.prototype.forEach.call(document.querySelectorAll("[data-live]"), function (node) {
        var value = lookup(flat, node.getAttribute("data-live"));
        var shown = value === undefined || value === null ? "—" : String(value);
        if (node.textContent.trim() === shown) { return; }
        node.textContent = shown;
        var label = node.getAttribute("data-live-label");
        if (label) { changes.push(fill(text("change"), { label: label, value: shown })); }
      });
      var days = (data.not_submitted || []).map(function (row) { return row.day_id; }).sort().join(" ");
      var staleMessage = "";
      if (String(data.graded_results) !== graded) {
        staleMessage = text("graded");
      } else if (days !== openDays) {
        staleMessage = text("days");
      }
      if (staleMessage && stale.hidden) {
        staleText.textContent = staleMessage;
        stale.hidden = false;
        changes.push(staleMessage);
      }
      var when = new Date(Date.parse(data.generated_at) || Date.now());
      lastUpdated = fill(text("updated"), { time: clock(when) });
      setStatus(lastUpdated, false);
      announce(changes.join(" · "));
    }

    function fail(refused) {
      if (refused) {
        stopped = true;
        setStatus(text("session"), true);
        announce(text("session"));
        toggle.hidden = true;
        return;
      }
      delay = Math.min(delay * 2, ceiling);
      var message = fill(text("error"), { seconds: Math.round(delay / 1000) });
      setStatus(message, true);
      if (!failing) { announce(message); } /* once per run of failures, not at every retry */
      failing = true;
      schedule(delay);
    }

    function poll() {
      timer = null;
      if (inFlight || stopped || paused || document.hidden) { return; }
      inFlight = true;
      var controller = window.AbortController ? new AbortController() : null;
      var guard = controller ? window.setTimeout(function () { controller.abort(); }, 10000) : null;
      window.fetch(url, {
        credentials: "same-origin", cache: "no-store", redirect: "manual",
        headers: { "Accept": "application/json" }, signal: controller ? controller.signal : undefined
      }).then(function (response) {
        if (response.status === 401 || response.status === 403 || response.type === "opaqueredirect") {
          return { refused: true };
        }
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json().then(function (data) { return { data: data }; });
      }).then(function (result) {
        if (result.refused) { fail(true); return; }
        apply(result.data);
        failing = false;
        delay = base;
        lastSuccess = Date.now();
        schedule(delay);
      }).catch(function () {
        fail(false);
      }).then(function () {
        inFlight = false;
        if (guard) { window.clearTimeout(guard); }
      });
    }

    function resume() {
      /* back in view or un-paused: poll now if the figures are older than one interval */
      if (stopped || paused || document.hidden) { return; }
      schedule(Math.max(0, base - (Date.now() - lastSuccess)));
    }

    toggle.addEventListener("click", function () {
      paused = !paused;
      toggle.setAttribute("aria-pressed", paused ? "true" : "false");
      if (paused) {
        stop();
        setStatus(lastUpdated + " " + text("paused"), false);
      } else {
        delay = base;
        schedule(0);
      }
    });
    document.addEventListener("visibilitychange", function () {
      if (document.hidden) { stop(); } else { resume(); }
    });
    window.addEventListener("pageshow", function (event) { if (event.persisted) { schedule(0); } });

    toggle.hidden = false;
    if (note) { note.hidden = false; }
    var rendered = Date.parse(root.getAttribute("data-generated-at"));
    if (!isNaN(rendered)) {  /* the server-rendered figures are fresh: next poll in one interval */
      lastUpdated = fill(text("updated"), { time: clock(new Date(rendered)) });
      setStatus(lastUpdated, false);
    }
    resume();
  }

  function init() {
    var root = document.querySelector("[data-board-live]");
    if (root && window.fetch) { start(root); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
