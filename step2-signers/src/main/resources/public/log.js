// The block log: one entry per block, newest first. Only the last MAX_BLOCKS stay, and each
// shows its first few txs: a busy server makes ten blocks a second with up to a million txs
// each, and the page must stay small.

import { firstTxs } from './routing.js';
import { label } from './signers.js';
import { txText } from './txs.js';
import { formatTime, plural } from './words.js';

export const MAX_BLOCKS = 50;
const SHOWN_TXS = 3;
const SHOWN_INPUTS = 5; // in an entry's tooltip

/**
 * Keeps the log in `list` (an <ol>). Clicking an entry hands its height to `onSelect`: the
 * block itself is in the server's storage, so the log keeps no more than it shows. While the
 * pointer is on the list, new entries wait (and `waiting` says how many), so that the entry
 * under the pointer stays there.
 */
export function createLog(list, waiting, onSelect) {
  let held = [];
  let heldCount = 0;
  let pointing = false;

  function choose(entry) {
    if (entry) {
      onSelect(Number(entry.dataset.height));
    }
  }

  function find(height) {
    return [...list.children, ...held].find(e => e.dataset.height === String(height));
  }

  function insert(entries) {
    list.prepend(...entries.reverse());
    while (list.children.length > MAX_BLOCKS) {
      list.lastElementChild.remove();
    }
  }

  function hold(entry) {
    heldCount++;
    held = [...held.slice(1 - MAX_BLOCKS), entry]; // older ones would not stay in the log anyway
    waiting.textContent = `paused while the pointer is here: ${plural(heldCount, 'new block')}`;
    waiting.hidden = false;
  }

  list.addEventListener('click', event => choose(event.target.closest('li')));
  list.addEventListener('keydown', event => {
    if (event.key === 'Enter') {
      choose(event.target.closest('li'));
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
    /** A block event from the server. */
    add(block) {
      const entry = document.createElement('li');
      entry.tabIndex = 0;
      entry.dataset.height = block.height;
      entry.title = inputsText(block.inputs);
      entry.append(
        span('height', `#${block.height}`),
        span('time', formatTime(block.timestamp)),
        txs(block),
        span('counter', `→ ${block.counter}`),
        span('badge', ''));
      if (pointing) {
        hold(entry);
      } else {
        insert([entry]);
      }
    },
    /** Marks the entry of block `height`, if it is still there, as holding an input of ours. */
    markMine(height) {
      const entry = find(height);
      if (entry) {
        entry.classList.add('mine');
        entry.querySelector('.badge').textContent = 'yours';
      }
    },
    /** Marks the entry of the block the inspector shows, or none (`null`). */
    select(height) {
      list.querySelector('.selected')?.classList.remove('selected');
      find(height)?.classList.add('selected');
    },
  };
}

/**
 * A block's first `count` txs, then how many more: "3 txs: add 2 add 3 … and 1 more". When the
 * block routed txs to signers, each run of txs says whose it is: "alice: add 2 server: add 3".
 */
export function txs(block, count = SHOWN_TXS) {
  const shown = firstTxs(block.mempool, count);
  const routed = block.mempool.keys.length > 0;
  const part = span('txs', `${plural(block.txCount, 'tx')}:`);
  let owner;
  for (const { to, tx } of shown) {
    if (routed && to !== owner) {
      owner = to;
      part.append(' ', span('to', `${to === null ? 'server' : label(to)}:`));
    }
    part.append(' ', span('tx', txText(tx)));
  }
  if (block.txCount > shown.length) {
    part.append(` … and ${(block.txCount - shown.length).toLocaleString('en')} more`);
  }
  return part;
}

/** An entry's tooltip: the inputs the block holds, by the hashes the server answered with. */
function inputsText(hashes) {
  const lines = [`${plural(hashes.length, 'input')}, by hash:`, ...hashes.slice(0, SHOWN_INPUTS)];
  if (hashes.length > SHOWN_INPUTS) {
    lines.push('…');
  }
  return lines.join('\n');
}

function span(className, text) {
  const el = document.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}
