// The tick log: one entry per tick, newest first. Only the last MAX_TICKS stay, and each
// shows its first few txs: a busy server makes ten ticks a second with up to a million txs
// each, and the page must stay small.

import { txText } from './txs.js';
import { plural } from './words.js';

export const MAX_TICKS = 50;
const SHOWN_TXS = 3;
const SHOWN_INPUTS = 5; // in an entry's tooltip

/**
 * Keeps the log in `list` (an <ol>). Each entry keeps the inspector's view of its mempool;
 * clicking it hands that view to `onSelect`. While the pointer is on the list, new entries
 * wait (and `waiting` says how many), so that the entry under the pointer stays there.
 */
export function createLog(list, waiting, onSelect) {
  const views = new WeakMap(); // entry -> view; gone when the entry is
  let held = [];
  let heldCount = 0;
  let pointing = false;

  function select(entry) {
    list.querySelector('.selected')?.classList.remove('selected');
    if (entry) {
      entry.classList.add('selected');
      onSelect(views.get(entry));
    }
  }

  function insert(entries) {
    list.prepend(...entries.reverse());
    while (list.children.length > MAX_TICKS) {
      list.lastElementChild.remove();
    }
  }

  function hold(entry) {
    heldCount++;
    held = [...held.slice(1 - MAX_TICKS), entry]; // older ones would not stay in the log anyway
    waiting.textContent = `paused while the pointer is here: ${plural(heldCount, 'new tick')}`;
    waiting.hidden = false;
  }

  list.addEventListener('click', event => select(event.target.closest('li')));
  list.addEventListener('keydown', event => {
    if (event.key === 'Enter') {
      select(event.target.closest('li'));
    }
  });
  list.addEventListener('mouseenter', () => { pointing = true; });
  list.addEventListener('mouseleave', () => {
    pointing = false;
    insert(held);
    held = [];
    heldCount = 0;
    waiting.hidden = true;
  });

  return {
    /** A tick event from the server, and the inspector's view of its mempool. */
    add(tick, view) {
      const entry = document.createElement('li');
      entry.tabIndex = 0;
      entry.dataset.height = tick.height;
      entry.title = inputsText(tick.inputs);
      entry.append(
        span('height', `#${tick.height}`),
        span('time', formatTime(tick.timestamp)),
        txs(tick),
        span('counter', `→ ${tick.counter}`),
        span('badge', ''));
      views.set(entry, view);
      if (pointing) {
        hold(entry);
      } else {
        insert([entry]);
      }
    },
    /** Marks the entry of tick `height`, if it is still there, as holding an input of ours. */
    markMine(height) {
      const entry = [...list.children, ...held].find(e => e.dataset.height === String(height));
      if (entry) {
        entry.classList.add('mine');
        entry.querySelector('.badge').textContent = 'yours';
      }
    },
    /** Forgets the selection (the inspector follows the latest tick again). */
    unselect() {
      select(null);
    },
  };
}

function txs(tick) {
  const shown = tick.mempool.values.slice(0, SHOWN_TXS);
  const part = span('txs', `${plural(tick.txCount, 'tx')}:`);
  for (const tx of shown) {
    part.append(' ', span('tx', txText(tx)));
  }
  if (tick.txCount > shown.length) {
    part.append(` … and ${(tick.txCount - shown.length).toLocaleString('en')} more`);
  }
  return part;
}

/** An entry's tooltip: the inputs the tick took, by the hashes the server answered with. */
function inputsText(hashes) {
  const lines = [`${plural(hashes.length, 'input')}, by hash:`, ...hashes.slice(0, SHOWN_INPUTS)];
  if (hashes.length > SHOWN_INPUTS) {
    lines.push('…');
  }
  return lines.join('\n');
}

function formatTime(millis) {
  return new Date(millis).toLocaleTimeString('en-GB', {
    hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3,
  });
}

function span(className, text) {
  const el = document.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}
