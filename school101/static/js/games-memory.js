/* Memory game: the server keeps the sequence of the current level and reveals it one cell at a
   time (each step asked for once the previous one has been shown: the server refuses earlier
   requests), checks the answer and measures the time. */
(function () {
  'use strict';
  var G = window.Games;
  var root = document.getElementById('memory-game');
  if (!root || !G) { return; }
  var M = G.messages(root);
  var grid = G.role(root, 'grid');
  var feedback = G.role(root, 'feedback');
  var showButton = G.role(root, 'show');
  var resetButton = G.role(root, 'reset');
  var levelLabel = G.role(root, 'level');
  var progress = G.role(root, 'progress');
  var state = null;
  var answer = [];
  var accepting = false;
  var buttons = [];

  function say(text) { feedback.textContent = text; }

  function finish(text) {
    // The cells are dead once the game is over: a keyboard focus left on them (or lost) goes
    // to the way out instead.
    var stranded = grid.contains(document.activeElement) || document.activeElement === document.body;
    accepting = false;
    setEnabled(false);
    showButton.hidden = true;
    resetButton.hidden = true;
    say(text);
    G.role(root, 'end').hidden = false;
    if (stranded) { G.role(root, 'end').querySelector('a').focus(); }
  }

  function cellText(index, side, puzzle) {
    return G.format(M.cell, {
      n: index + 1, row: Math.floor(index / side) + 1, col: (index % side) + 1,
      colour: M.colours[puzzle.colours[index]] || puzzle.colours[index]
    });
  }

  function setEnabled(on) {
    buttons.forEach(function (b) { b.setAttribute('aria-disabled', on ? 'false' : 'true'); });
  }

  function buildGrid(puzzle) {
    grid.innerHTML = '';
    buttons = [];
    grid.className = 'memory-grid side-' + puzzle.side;
    for (var i = 0; i < puzzle.side * puzzle.side; i += 1) {
      var b = G.el('button', {
        type: 'button', className: 'cell c-' + puzzle.colours[i], 'data-cell': String(i),
        'aria-label': cellText(i, puzzle.side, puzzle), 'aria-disabled': 'true',
        tabindex: i === 0 ? '0' : '-1'
      });
      b.addEventListener('click', onCell);
      b.addEventListener('keydown', onKey);
      grid.appendChild(b);
      buttons.push(b);
    }
  }

  function onKey(event) {
    var side = state.level.puzzle.side;
    var index = Number(event.currentTarget.getAttribute('data-cell'));
    var next = null;
    if (event.key === 'ArrowRight' && index % side < side - 1) { next = index + 1; }
    if (event.key === 'ArrowLeft' && index % side > 0) { next = index - 1; }
    if (event.key === 'ArrowDown' && index + side < side * side) { next = index + side; }
    if (event.key === 'ArrowUp' && index - side >= 0) { next = index - side; }
    if (next !== null) {
      event.preventDefault();
      buttons.forEach(function (b) { b.setAttribute('tabindex', '-1'); });
      buttons[next].setAttribute('tabindex', '0');
      buttons[next].focus();
    }
  }

  function flash(index, ms) {
    var b = buttons[index];
    b.classList.add('lit');
    return G.wait(ms).then(function () { b.classList.remove('lit'); });
  }

  function onCell(event) {
    if (!accepting) { return; }
    var index = Number(event.currentTarget.getAttribute('data-cell'));
    var level = state.level;
    answer.push(index);
    flash(index, 200);
    progress.textContent = G.format(M.progress, { k: answer.length, n: level.puzzle.length });
    if (answer.length >= level.puzzle.length) {
      submit();
    }
  }

  function submit() {
    accepting = false;
    setEnabled(false);
    resetButton.hidden = true;
    say(M.sending);
    G.request(root.getAttribute('data-answer-url'), 'POST', { level: state.level.number, cells: answer })
      .then(function (result) {
        if (!result.ok) { return problem(result); }
        var data = result.data;
        state = data.state;
        if (!data.correct) {
          return finish(M.wrong + ' ' + G.format(M.finished, { n: state.levels_solved }));
        }
        if (data.finished) {
          return finish(G.format(M.correct, { n: data.level }) + ' ' + G.format(M.finished, { n: state.levels_solved }));
        }
        say(G.format(M.correct, { n: data.level }) + ' ' + M.next_soon);
        return G.wait(1500).then(function () { showLevel(true); });
      })
      .catch(function () { say(M.network); reloadButton(); });
  }

  function problem(result) {
    say(G.format(M.error, { message: G.errorMessage(result) || result.status }));
    reloadButton();
  }

  function reloadButton() {
    if (G.role(root, 'reload')) { return; }
    var b = G.el('button', { type: 'button', 'data-role': 'reload', className: 'secondary' }, M.reload);
    b.addEventListener('click', function () { window.location.reload(); });
    feedback.parentNode.insertBefore(b, feedback.nextSibling);
  }

  /* Ask the server for step `step`, light its cell, then go on with the next step. */
  function revealFrom(step) {
    var puzzle = state.level.puzzle;
    var body = { level: state.level.number, step: step };
    return G.request(root.getAttribute('data-reveal-url'), 'POST', body).then(function (result) {
      if (!result.ok) { throw result; }
      var index = result.data.cell;
      say(G.format(M.lit, {
        row: Math.floor(index / puzzle.side) + 1, col: (index % puzzle.side) + 1,
        colour: M.colours[puzzle.colours[index]] || puzzle.colours[index]
      }));
      // The server gives the next step only after this one's display time: wait it out.
      return flash(index, result.data.show_ms).then(function () { return G.wait(250); })
        .then(function () { return result.data.last ? null : revealFrom(step + 1); });
    });
  }

  function play() {
    var puzzle = state.level.puzzle;
    var reveal = state.level.reveal || { steps_revealed: 0, next_step: 0, wait_ms: 0 };
    var pressedShow = document.activeElement === showButton;
    showButton.hidden = true;
    // The button pressed is gone: keep the keyboard focus in the game, on the grid.
    if (pressedShow) { buttons[0].focus(); }
    accepting = false;
    setEnabled(false);
    answer = [];
    progress.textContent = '';
    var chain;
    if (reveal.steps_revealed > 0) {
      say(M.resumed);
      chain = G.wait(reveal.wait_ms + 250);
    } else {
      say(G.format(M.watch, { n: puzzle.length }));
      chain = G.wait(900);
    }
    if (reveal.next_step !== null) {
      chain = chain.then(function () { return revealFrom(reveal.next_step); });
    }
    return chain.then(function () {
      state.level.reveal = { steps_revealed: puzzle.length, next_step: null, wait_ms: 0 };
      accepting = true;
      setEnabled(true);
      resetButton.hidden = false;
      progress.textContent = G.format(M.progress, { k: 0, n: puzzle.length });
      say(G.format(M.your_turn, { n: puzzle.length }));
      buttons[0].focus();
    }).catch(function (result) {
      if (result && result.data) { return problem(result); }
      say(M.network);
      reloadButton();
      return null;
    });
  }

  function showLevel(autoplay) {
    if (state.status !== 'in_progress' || !state.level) {
      return finish(G.format(M.finished, { n: state.levels_solved }));
    }
    levelLabel.textContent = G.format(M.level, { n: state.level.number, total: state.levels_total });
    var inGrid = grid.contains(document.activeElement);
    buildGrid(state.level.puzzle);
    // The next level's grid replaces the cells: the focus goes to its first cell, not the page.
    if (inGrid) { buttons[0].focus(); }
    if (autoplay) { return play(); }
    if (state.level.reveal && state.level.reveal.steps_revealed > 0) {
      showButton.textContent = M.resume;
    }
    showButton.hidden = false;
    showButton.focus();
    return null;
  }

  showButton.addEventListener('click', function () { play(); });
  resetButton.addEventListener('click', function () {
    if (!accepting) { return; }
    answer = [];
    progress.textContent = G.format(M.progress, { k: 0, n: state.level.puzzle.length });
    say(G.format(M.your_turn, { n: state.level.puzzle.length }));
  });

  say(M.loading);
  G.request(root.getAttribute('data-state-url'), 'GET').then(function (result) {
    if (!result.ok) { return problem(result); }
    state = result.data;
    say('');
    return showLevel(false);
  }).catch(function () { say(M.network); reloadButton(); });
}());
