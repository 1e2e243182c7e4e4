/* Back office keyboard and list helpers (no inline JS: CSP script-src 'self').
   j / k follow the page's next / previous links, / focuses the first search field, ? shows the
   shortcut help; "select all" checkboxes; the element named by the URL fragment gets the focus
   (pages redirect there after an action so people stay where they were); the side navigation
   folds up on narrow screens. */
(function () {
  "use strict";

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function showHelp() {
    var dialog = document.getElementById("shortcut-help");
    if (dialog && typeof dialog.showModal === "function" && !dialog.open) dialog.showModal();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var dialog = document.getElementById("shortcut-help");
    if (dialog && dialog.open) return;
    if (event.key === "?") {
      event.preventDefault();
      showHelp();
    } else if (event.key === "j" || event.key === "k") {
      var link = document.querySelector('a[data-shortcut="' + event.key + '"]');
      if (link) {
        event.preventDefault();
        window.location.assign(link.href);
      }
    } else if (event.key === "/") {
      var field = document.querySelector('main form[role="search"] input:not([type=hidden]), main input[type="search"]');
      if (field) {
        event.preventDefault();
        var bar = field.closest("details");
        if (bar) bar.open = true;
        field.focus();
      }
    }
  });

  document.querySelectorAll("[data-shortcut-help]").forEach(function (button) {
    button.addEventListener("click", showHelp);
  });

  function updateCount(form, name) {
    var checked = form.querySelectorAll('input[type=checkbox][name="' + name + '"]:checked').length;
    form.querySelectorAll("[data-selected-count]").forEach(function (out) {
      out.textContent = String(checked);
    });
  }

  document.querySelectorAll("[data-select-all]").forEach(function (all) {
    var name = all.getAttribute("data-select-all");
    var form = all.form || all.closest("form") || document;
    all.addEventListener("change", function () {
      form.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (box) {
        box.checked = all.checked;
      });
      updateCount(form, name);
    });
    form.addEventListener("change", function (event) {
      if (event.target.name === name) updateCount(form, name);
    });
    updateCount(form, name);
  });

  // Focus kept after an action: the page came back with #the-place-the-person-was.
  if (window.location.hash.length > 1) {
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target) {
      // A table row gives the focus to its first link (the person goes on down the list); a
      // section takes it itself, so that j/k still work (they are off while a field has it).
      var focusable = target.matches("a, button, input, select, textarea, [tabindex]")
        ? target
        : (target.tagName === "TR" && target.querySelector("a, input:not([type=hidden])")) || target;
      if (focusable === target && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      focusable.focus({ preventScroll: false });
    }
  }

  // A table wider than the screen scrolls inside its own box (reachable by keyboard, named for
  // screen readers) instead of pushing the whole page sideways.
  function labelScrollBox(box) {
    if (box.scrollWidth <= box.clientWidth + 1 && box.scrollHeight <= box.clientHeight + 1) return;
    if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    if (!box.hasAttribute("role")) {
      var caption = box.querySelector("caption");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", (caption && caption.textContent.trim()) || document.title);
    }
  }
  function fitWideTables() {
    document.querySelectorAll("main table").forEach(function (table) {
      if (table.closest(".table-scroll, .table-wide, .overflow-auto")) return;
      if (table.scrollWidth <= table.parentElement.clientWidth + 1) return;
      var box = document.createElement("div");
      box.className = "table-wide";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
    document.querySelectorAll("main .table-scroll, main .table-wide, main .overflow-auto").forEach(labelScrollBox);
  }
  fitWideTables();
  window.addEventListener("resize", fitWideTables);  // a phone turned, a window narrowed

  // Focus not hidden: the sticky bulk bar stays at the bottom of the window, over the end of the
  // table's scroll box, and a table's sticky header row over the top of its box. When the
  // keyboard reaches an element under either, scroll by the overlap.
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    window.requestAnimationFrame(function () {
      if (document.activeElement !== target) return;
      var table = target.closest("tbody") && target.closest("table");
      var head = table && table.tHead && table.tHead.querySelector("th"); // the sticky cells
      var scroller = target.closest(".table-scroll, .table-wide, .overflow-auto");
      if (head && scroller) {
        var over = head.getBoundingClientRect().bottom - target.getBoundingClientRect().top;
        if (over > 0) scroller.scrollBy(0, -(over + 4));
      }
      var box = target.getBoundingClientRect();
      document.querySelectorAll(".bulk-bar").forEach(function (bar) {
        if (bar.contains(target)) return;
        var edge = bar.getBoundingClientRect();
        if (box.bottom > edge.top && box.top < edge.bottom) window.scrollBy(0, box.bottom - edge.top + 8);
      });
    });
  });

  // The side navigation folds up on narrow screens (open by default, so it works without JS).
  document.querySelectorAll("details[data-collapse-below]").forEach(function (details) {
    var width = parseInt(details.getAttribute("data-collapse-below"), 10);
    if (window.matchMedia("(max-width: " + width + "px)").matches) details.open = false;
  });
})();
