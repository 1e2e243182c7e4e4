/* Live countdowns to piscine deadlines (no inline JS: CSP script-src 'self').
 *
 * Markup: <time class="countdown" data-deadline="ISO-UTC" data-server-now="ISO-UTC"
 *               data-ended="text shown at zero" data-days="{days} d">server-rendered fallback</time>
 * Shown as "2 d 03:12:45" ("{days}" replaced; the unit comes translated from the page).
 * The offset between the server clock (data-server-now, when the page was made) and this
 * browser's clock is measured once, so a wrong local clock does not shift the deadline.
 */
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function format(ms, daysLabel) {
    var total = Math.floor(ms / 1000);
    var days = Math.floor(total / 86400);
    var h = Math.floor((total % 86400) / 3600);
    var m = Math.floor((total % 3600) / 60);
    var s = total % 60;
    var clock = pad(h) + ":" + pad(m) + ":" + pad(s);
    if (days <= 0) { return clock; }
    return (daysLabel || "{days} d").replace("{days}", String(days)) + " " + clock;
  }

  function start() {
    var nodes = Array.prototype.slice.call(document.querySelectorAll("time.countdown[data-deadline]"));
    if (!nodes.length) { return; }
    var loadedAt = Date.now();
    var items = nodes.map(function (node) {
      var deadline = Date.parse(node.getAttribute("data-deadline"));
      var serverNow = Date.parse(node.getAttribute("data-server-now"));
      var offset = isNaN(serverNow) ? 0 : serverNow - loadedAt;
      return { node: node, deadline: deadline, offset: offset, done: isNaN(deadline),
               daysLabel: node.getAttribute("data-days") };
    });

    function tick() {
      var pending = 0;
      items.forEach(function (item) {
        if (item.done) { return; }
        var left = item.deadline - (Date.now() + item.offset);
        if (left <= 0) {
          item.node.textContent = item.node.getAttribute("data-ended") || "00:00:00";
          item.node.classList.add("countdown-ended");
          item.done = true;
          return;
        }
        pending += 1;
        item.node.textContent = format(left, item.daysLabel);
        item.node.classList.toggle("countdown-soon", left < 3600 * 1000);
      });
      if (pending) { window.setTimeout(tick, 1000 - (Date.now() % 1000) + 5); }
    }
    tick();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
