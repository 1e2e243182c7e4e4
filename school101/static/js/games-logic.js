/* Logic game: the candidate builds a program; the server runs it, decides solved or not and
   sends back the robot's moves, which this script only replays. */
(function () {
  'use strict';
  var G = window.Games;
  var root = document.getElementById('logic-game');
  if (!root || !G) { return; }
  var M = G.messages(root);
  var ARROWS = ['\u25B2', '\u25B6', '\u25BC', '\u25C0'];
  var OP_SYMBOLS = { forward: '\u2191', left: '\u21B6', right: '\u21B7', light: '\u2600', f1: 'F1', f2: 'F2' };
  var PROCS = ['main', 'f1', 'f2'];
  var board = G.role(root, 'board').querySelector('tbody');
  var procsBox = G.role(root, 'procs');
  var palette = G.role(root, 'palette');
  var editor = G.role(root, 'editor');
  var feedback = G.role(root, 'feedback');
  var runButton = G.role(root, 'run');
  var clearButton = G.role(root, 'clear');
  var skipButton = G.role(root, 'skip');
  var nextButton = G.role(root, 'next');
  var storageKey = root.getAttribute('data-storage-key');
  var state = null;
  var puzzle = null;
  var program = { main: [], f1: [], f2: [] };
  var editing = 'main';
  var busy = false;
  var pending = null;

  function say(text) { feedback.textContent = text; }
  function key() { return storageKey + '-' + state.level.number; }

  function save() {
    try { window.localStorage.setItem(key(), JSON.stringify(program)); } catch (e) { /* private mode */ }
  }

  function load() {
    program = { main: [], f1: [], f2: [] };
    try {
      var saved = JSON.parse(window.localStorage.getItem(key()) || 'null');
      if (saved) {
        PROCS.forEach(function (p) {
          program[p] = (saved[p] || []).slice(0, puzzle.slots[p]);
        });
      }
    } catch (e) { /* ignore */ }
  }

  function targetsSet() {
    var set = {};
    puzzle.targets.forEach(function (t) { set[t[0] + ',' + t[1]] = true; });
    return set;
  }

  function drawBoard(robot, lit) {
    var targets = targetsSet();
    board.innerHTML = '';
    for (var r = 0; r < puzzle.rows; r += 1) {
      var tr = G.el('tr');
      for (var c = 0; c < puzzle.cols; c += 1) {
        var id = r + ',' + c;
        var floor = puzzle.floor[r].charAt(c) === '1';
        var classes = ['cell', floor ? 'floor' : 'wall'];
        var what = [floor ? M.cell_floor : M.cell_wall];
        if (targets[id]) {
          classes.push(lit[id] ? 'lit' : 'target');
          what = [lit[id] ? M.cell_lit : M.cell_target];
        }
        var td = G.el('td', { className: classes.join(' ') });
        if (robot.row === r && robot.col === c) {
          td.appendChild(G.el('span', { className: 'robot', 'aria-hidden': 'true' }, ARROWS[robot.dir]));
          what.push(G.format(M.cell_robot, { dir: M.dirs[robot.dir] }));
        }
        td.appendChild(G.el('span', { className: 'visually-hidden' },
          G.format(M.cell_label, { row: r + 1, col: c + 1, what: what.join(', ') })));
        tr.appendChild(td);
      }
      board.appendChild(tr);
    }
  }

  function describe() {
    var cells = puzzle.targets.map(function (t) { return '(' + (t[0] + 1) + ', ' + (t[1] + 1) + ')'; });
    G.role(root, 'summary').textContent =
      G.format(M.summary, { rows: puzzle.rows, cols: puzzle.cols, n: puzzle.targets.length, cells: cells.join(', ') }) + ' ' +
      G.format(M.robot, { row: puzzle.start.row + 1, col: puzzle.start.col + 1, dir: M.dirs[puzzle.start.dir] });
  }

  function available(op) {
    if (op === 'f1') { return puzzle.slots.f1 > 0; }
    if (op === 'f2') { return puzzle.slots.f2 > 0; }
    return true;
  }

  function markEditing() {
    procsBox.querySelectorAll('.proc').forEach(function (row) {
      var p = row.getAttribute('data-proc');
      row.classList.toggle('editing', p === editing);
      row.querySelector('input[type=radio]').checked = p === editing;
    });
  }

  /* Rebuild the editor; `focus` puts the keyboard focus back on the edited procedure's
     instruction list ('list') or its radio button ('radio'). */
  function drawEditor(focus) {
    var legend = procsBox.querySelector('legend');
    procsBox.innerHTML = '';
    procsBox.appendChild(legend);
    PROCS.forEach(function (p) {
      if (puzzle.slots[p] === 0) { return; }
      var row = G.el('div', { className: 'proc' + (p === editing ? ' editing' : ''), 'data-proc': p });
      var label = G.el('label', {});
      var radio = G.el('input', { type: 'radio', name: 'proc', value: p });
      radio.checked = p === editing;
      radio.addEventListener('change', function () {
        editing = p;
        drawEditor('radio');
        say(G.format(M.editing, { proc: M.procs[p] }));
      });
      label.appendChild(radio);
      label.appendChild(document.createTextNode(' ' + M.procs[p] + ' (' + program[p].length + '/' + puzzle.slots[p] + ')'));
      row.appendChild(label);
      var list = G.el('ol', { className: 'slots', tabindex: '0', 'data-proc': p,
        'aria-label': M.procs[p] + ' (' + program[p].length + '/' + puzzle.slots[p] + ')' });
      list.addEventListener('focus', function () {
        if (editing !== p) { editing = p; markEditing(); say(G.format(M.editing, { proc: M.procs[p] })); }
      });
      for (var i = 0; i < puzzle.slots[p]; i += 1) {
        var li = G.el('li', {});
        if (i < program[p].length) {
          var op = program[p][i];
          var b = G.el('button', {
            type: 'button', className: 'slot op-' + op, 'data-proc': p, 'data-index': String(i),
            'aria-label': G.format(M.slot_remove, { op: M.ops[op], k: i + 1, proc: M.procs[p] }),
            title: M.ops[op]
          }, OP_SYMBOLS[op]);
          b.addEventListener('click', removeAt);
          li.appendChild(b);
        } else {
          li.appendChild(G.el('span', { className: 'slot empty' }, '\u00B7'));
          li.lastChild.appendChild(G.el('span', { className: 'visually-hidden' }, M.slot_empty));
        }
        list.appendChild(li);
      }
      row.appendChild(list);
      procsBox.appendChild(row);
    });
    if (focus === 'list' || focus === 'radio') {
      var target = procsBox.querySelector(focus === 'list' ? 'ol[data-proc="' + editing + '"]'
        : 'input[value="' + editing + '"]');
      if (target) { target.focus(); }
    }
  }

  function focusInEditor() { return procsBox.contains(document.activeElement) ? 'list' : null; }

  function drawPalette() {
    palette.innerHTML = '';
    ['forward', 'left', 'right', 'light', 'f1', 'f2'].forEach(function (op) {
      if (!available(op)) { return; }
      var b = G.el('button', { type: 'button', className: 'op op-' + op, 'data-op': op }, OP_SYMBOLS[op] + ' ' + M.ops[op]);
      b.addEventListener('click', function () { add(op); });
      palette.appendChild(b);
    });
  }

  function add(op) {
    if (busy || !available(op)) { return; }
    var body = program[editing];
    if (body.length >= puzzle.slots[editing]) {
      say(G.format(M.full, { proc: M.procs[editing] }));
      return;
    }
    body.push(op);
    save();
    drawEditor(focusInEditor());
    say(G.format(M.added, { op: M.ops[op], proc: M.procs[editing], k: body.length, max: puzzle.slots[editing] }));
  }

  function removeAt(event) {
    if (busy) { return; }
    var p = event.currentTarget.getAttribute('data-proc');
    var i = Number(event.currentTarget.getAttribute('data-index'));
    var op = program[p].splice(i, 1)[0];
    save();
    drawEditor();
    say(G.format(M.removed, { op: M.ops[op], proc: M.procs[p] }));
    var focusable = procsBox.querySelector('button[data-proc="' + p + '"][data-index="' + Math.max(0, i - 1) + '"]') ||
      palette.querySelector('button');
    if (focusable) { focusable.focus(); }
  }

  editor.addEventListener('keydown', function (event) {
    if (busy || !puzzle || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var map = { ArrowUp: 'forward', ArrowLeft: 'left', ArrowRight: 'right', l: 'light', L: 'light', 1: 'f1', 2: 'f2' };
    if (event.target.type === 'radio' && /^Arrow/.test(event.key)) { return; }
    if (Object.prototype.hasOwnProperty.call(map, event.key)) {
      event.preventDefault();
      add(map[event.key]);
    } else if (event.key === 'Backspace') {
      event.preventDefault();
      var body = program[editing];
      if (body.length) {
        var op = body.pop();
        save();
        drawEditor(focusInEditor());
        say(G.format(M.removed, { op: M.ops[op], proc: M.procs[editing] }));
      }
    }
  });

  /* Disabling the focused button drops the keyboard focus on the page's body: remember which
     button held it, and give it back when the buttons are enabled again. */
  var heldFocus = null;

  function focusLost() { return !document.activeElement || document.activeElement === document.body; }

  function setBusy(on) {
    var buttons = [runButton, clearButton, skipButton];
    if (on && buttons.indexOf(document.activeElement) >= 0) { heldFocus = document.activeElement; }
    busy = on;
    buttons.forEach(function (b) { b.disabled = on; });
    if (!on && heldFocus && focusLost()) { heldFocus.focus(); }
    if (!on) { heldFocus = null; }
  }

  function showEnd() {
    var end = G.role(root, 'end');
    end.hidden = false;
    if (focusLost()) { end.querySelector('a').focus(); }
  }

  function replay(data) {
    var lit = {};
    var steps = data.trace || [];
    var robot = { row: puzzle.start.row, col: puzzle.start.col, dir: puzzle.start.dir };
    var delay = steps.length > 120 ? 20 : 140;
    var chain = Promise.resolve();
    steps.slice(0, 400).forEach(function (s) {
      chain = chain.then(function () {
        robot = { row: s.row, col: s.col, dir: s.dir };
        if (s.op === 'light') {
          (puzzle.targets || []).forEach(function (t) { if (t[0] === s.row && t[1] === s.col) { lit[s.row + ',' + s.col] = true; } });
        }
        drawBoard(robot, lit);
        return G.wait(delay);
      });
    });
    return chain.then(function () {
      (data.lit || []).forEach(function (t) { lit[t[0] + ',' + t[1]] = true; });
      drawBoard(robot, lit);
    });
  }

  function run() {
    if (busy) { return; }
    if (!program.main.length) { say(M.empty_main); return; }
    setBusy(true);
    say(M.running);
    G.request(root.getAttribute('data-answer-url'), 'POST',
      { level: state.level.number, action: 'run', program: program })
      .then(function (result) {
        if (!result.ok) { setBusy(false); return problem(result); }
        var data = result.data;
        return replay(data).then(function () { verdict(data); });
      })
      .catch(function () { setBusy(false); say(M.network); reloadButton(); });
  }

  function verdict(data) {
    G.role(root, 'tries').textContent = G.format(M.tries, { n: data.tries });
    if (data.correct) {
      var count = program.main.length + program.f1.length + program.f2.length;
      try { window.localStorage.removeItem(key()); } catch (e) { /* ignore */ }
      return advance(data, G.format(M.solved, { n: count }));
    }
    setBusy(false);
    var dark = puzzle.targets.length - (data.lit || []).length;
    var reason = data.outcome === 'step_limit' ? M.step_limit
      : data.outcome === 'depth_limit' ? M.depth_limit : G.format(M.ended, { n: dark });
    say(reason);
    return null;
  }

  function advance(data, text) {
    state = data.state;
    if (data.finished) {
      setBusy(true);
      say(text + ' ' + G.format(M.finished, { n: state.levels_solved }));
      showEnd();
      return null;
    }
    pending = state;
    say(text);
    nextButton.hidden = false;
    nextButton.focus();
    return null;
  }

  function skip() {
    if (busy || !window.confirm(M.skip_confirm)) { return; }
    setBusy(true);
    G.request(root.getAttribute('data-answer-url'), 'POST', { level: state.level.number, action: 'skip' })
      .then(function (result) {
        if (!result.ok) { setBusy(false); return problem(result); }
        try { window.localStorage.removeItem(key()); } catch (e) { /* ignore */ }
        return advance(result.data, M.skipped);
      })
      .catch(function () { setBusy(false); say(M.network); reloadButton(); });
  }

  function problem(result) {
    say(G.format(M.error, { message: G.errorMessage(result) || result.status }));
    if (result.status === 409) { reloadButton(); }
  }

  function reloadButton() {
    if (G.role(root, 'reload')) { return; }
    var b = G.el('button', { type: 'button', 'data-role': 'reload', className: 'secondary' }, M.reload);
    b.addEventListener('click', function () { window.location.reload(); });
    feedback.parentNode.insertBefore(b, feedback.nextSibling);
  }

  function showLevel() {
    nextButton.hidden = true;
    if (state.status !== 'in_progress' || !state.level) {
      setBusy(true);
      say(G.format(M.finished, { n: state.levels_solved }));
      showEnd();
      return;
    }
    puzzle = state.level.puzzle;
    editing = 'main';
    load();
    G.role(root, 'level').textContent = G.format(M.level, { n: state.level.number, total: state.levels_total });
    G.role(root, 'tries').textContent = G.format(M.tries, { n: state.level.tries });
    drawBoard({ row: puzzle.start.row, col: puzzle.start.col, dir: puzzle.start.dir }, {});
    describe();
    drawEditor();
    drawPalette();
    setBusy(false);
  }

  runButton.addEventListener('click', run);
  skipButton.addEventListener('click', skip);
  clearButton.addEventListener('click', function () {
    if (busy) { return; }
    program = { main: [], f1: [], f2: [] };
    save();
    drawEditor();
    say(M.cleared);
  });
  nextButton.addEventListener('click', function () {
    if (pending) { state = pending; pending = null; }
    showLevel();
    say('');
    var first = palette.querySelector('button');
    if (first) { first.focus(); }
  });

  setBusy(true);
  say(M.loading);
  G.request(root.getAttribute('data-state-url'), 'GET').then(function (result) {
    if (!result.ok) { return problem(result); }
    state = result.data;
    say('');
    return showLevel();
  }).catch(function () { say(M.network); reloadButton(); });
}());
