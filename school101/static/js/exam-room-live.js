/* The staff's live view of an exam room: who is connected, from where, last seen.
 * Markup (exams/staff_room_session.html): one [data-room-live] element carrying data-url (the
 * JSON endpoint), data-interval (seconds) and data-text-* (translated words), holding a
 * [data-live-rows] table body and a [data-live-status] line. The table body is rebuilt from the
 * JSON (text only, never HTML). Without JavaScript the page has a "Refresh" link.
 * Polls pause while the tab is hidden; a refusal (401/403) stops them with a message.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-room-live]");
  if (!root) { return; }
  var body = root.querySelector("[data-live-rows]");
  var status = root.querySelector("[data-live-status]");
  var empty = root.querySelector("[data-live-empty]");
  var interval = 1000 * Number(root.getAttribute("data-interval") || 10);
  var timer = null;

  function text(name) { return root.getAttribute("data-text-" + name) || ""; }
  function cell(row, value, strong) {
    var td = document.createElement("td");
    if (strong) {
      var b = document.createElement("strong");
      b.textContent = value;
      td.appendChild(b);
    } else {
      td.textContent = value;
    }
    row.appendChild(td);
    return td;
  }
  // A time of day as the server writes it ("8 h 35", "8:35 AM"), in Paris time, no seconds.
  function clock(iso) {
    var date = new Date(iso);
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
      return iso;
    }
  }

  function render(data) {
    while (body.firstChild) { body.removeChild(body.firstChild); }
    data.people.forEach(function (p) {
      var row = document.createElement("tr");
      var who = cell(row, "");
      var link = document.createElement("a");
      link.href = "/exams/staff/attempts/" + encodeURIComponent(p.attempt_id);
      link.textContent = p.name;
      who.appendChild(link);
      var email = document.createElement("small");
      email.className = "muted";
      email.textContent = " " + p.email;
      who.appendChild(email);
      cell(row, p.connected ? text(p.kind === "web" ? "web" : "api") : text("none"));
      cell(row, p.address || "—");
      if (p.in_room === null) { cell(row, "—"); } else { cell(row, p.in_room ? text("yes") : text("no"), !p.in_room); }
      cell(row, p.seconds_since_seen === null ? "—" : text("ago").replace("{n}", String(p.seconds_since_seen)));
      cell(row, String(p.ended_sessions));
      cell(row, p.status);
      body.appendChild(row);
    });
    var table = body.parentNode;
    table.hidden = data.people.length === 0;
    if (empty) { empty.hidden = data.people.length > 0; }
    if (status) { status.textContent = text("updated").replace("{time}", clock(data.server_time)); }
  }

  function poll() {
    timer = null;
    if (document.hidden) { schedule(); return; }
    fetch(root.getAttribute("data-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          if (status) { status.textContent = text("login"); }
          return null;
        }
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json().then(function (data) { render(data); schedule(); });
      })
      .catch(function () { if (status) { status.textContent = text("failed"); } schedule(); });
  }
  function schedule() { if (!timer) { timer = window.setTimeout(poll, interval); } }
  schedule();
})();
