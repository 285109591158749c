// The tree (SPEC section 1): the server at the root, its signers below it, each with its
// counter and its state hash. A signer shows the name this browser gave it, if any, and its id
// in short. When a block comes, the tree shows where its mempool went (routing.js): a signer
// named by a key got one value, its own mempool, so its node pulses and its edge says how many
// txs, from which block; the rest stays at the root, the server's own txs. The list scrolls,
// and shows the first SHOWN_SIGNERS by id, the order of a mempool's keys.

import { shortHash } from './bytes.js';
import { routesOf, routeText } from './routing.js';
import { nameOf } from './signers.js';
import { txText } from './txs.js';
import { plural } from './words.js';

export const SHOWN_SIGNERS = 100;
const SHOWN_OWN_TXS = 3;
const PULSE_MS = 900;

/**
 * Draws into the given elements. Clicking a node hands its id to `onSelect` ('' for the
 * server). It shows the latest state (`live`) and marks where each signer's last input came
 * from, unless the time machine shows an older block (`past`).
 */
export function createTree({ card, root, own, list, more, route }, onSelect) {
  let live = null;
  let past = null; // {height, state, block}; state and block are null while they load
  /** The last block that sent each signer input, live: id → {height, count}. */
  const delivered = new Map();
  let ownDelivered = null; // {height, count, txs}: the last block with txs for the server
  let latest = { height: 0, text: '' }; // the latest block routed
  let target = '';
  const rows = new Map(); // id → <li>, for the signers drawn

  root.addEventListener('click', () => onSelect(''));
  list.addEventListener('click', event => {
    const row = event.target.closest('li');
    if (row) {
      onSelect(row.dataset.id);
    }
  });

  /** Where input went: the live deliveries, or those of the block the past shows. */
  function routing() {
    if (!past) {
      return { height: latest.height, text: latest.text, children: delivered, own: ownDelivered };
    }
    if (!past.block) {
      return { height: past.height, text: 'loading…', children: new Map(), own: null };
    }
    const routes = routesOf(past.block.mempool);
    const children = new Map(routes.children.map(({ id, count }) =>
      [id, { height: past.height, count }]));
    const own = routes.own.count > 0 ? { height: past.height, ...routes.own } : null;
    return { height: past.height, text: routeText(routes), children, own };
  }

  function draw() {
    const state = past ? past.state : live;
    card.classList.toggle('past', past !== null);
    card.classList.toggle('loading', past !== null && past.state === null);
    if (!state) {
      return;
    }
    const where = routing();
    route.textContent = where.height === 0 ? 'waiting for the next block'
      : `${past ? 'in the past, ' : ''}block #${where.height}: ${where.text || 'no txs'}`;
    drawRoot(state, where);
    const ids = state.ids.slice(0, SHOWN_SIGNERS);
    const shown = new Set(ids);
    for (const [id, row] of rows) {
      if (!shown.has(id)) {
        row.remove();
        rows.delete(id);
      }
    }
    let next = list.firstElementChild;
    for (const id of ids) {
      const row = rows.get(id) ?? newRow(id);
      if (row === next) {
        next = next.nextElementSibling;
      } else {
        list.insertBefore(row, next); // moves only rows out of place, which restarts no pulse
      }
      drawSigner(row, state.signers.get(id), where.children.get(id), where.height);
    }
    more.textContent = state.ids.length === 0
      ? 'no signers yet: create one by name, on the right'
      : state.ids.length > ids.length
        ? `and ${plural(state.ids.length - ids.length, 'more signer')}, not shown` : '';
  }

  function drawRoot(state, where) {
    root.classList.toggle('target', target === '');
    change(root.querySelector('.counter'), state.counter.toString());
    const hash = root.querySelector('.hash');
    hash.textContent = shortHash(state.stateHash);
    hash.title = state.stateHash;
    const check = root.querySelector('.check');
    check.textContent = state.checked ? '✓' : '✗';
    check.classList.toggle('bad', !state.checked);
    check.title = state.checked
      ? 'computed by this page: keccak256(rlp([counter, [[id, signer hash], …]]))'
      : 'this page computes another hash from the counters: the state is wrong';
    const txs = where.own;
    own.classList.toggle('latest', txs !== null && txs.height === where.height);
    if (txs === null) {
      own.textContent = 'own txs: none yet';
      return;
    }
    const shown = txs.txs.slice(0, SHOWN_OWN_TXS).map(txText).join(', ');
    const rest = txs.count - Math.min(txs.count, SHOWN_OWN_TXS);
    own.textContent = `own txs, #${txs.height}: ${shown}${rest > 0 ? ` … and ${rest} more` : ''}`;
  }

  function newRow(id) {
    const row = document.createElement('li');
    row.dataset.id = id;
    row.innerHTML = '<span class="edge"><span class="edge-label"></span></span>'
      + '<button type="button" class="node signer"><span class="name"></span>'
      + ' <code class="id"></code> <span class="label">counter</span> <b class="counter"></b>'
      + ' <span class="label">state</span> <code class="hash"></code></button>';
    row.querySelector('.id').textContent = shortHash(id);
    rows.set(id, row);
    return row;
  }

  function drawSigner(row, signer, delivery, height) {
    const id = row.dataset.id;
    row.querySelector('.name').textContent = nameOf(id) ?? '';
    change(row.querySelector('.counter'), signer.counter.toString());
    row.querySelector('.hash').textContent = shortHash(signer.hash);
    row.querySelector('.node').title = `signer ${id}\nstate hash ${signer.hash}`
      + ' = keccak256(rlp([counter]))';
    row.querySelector('.edge-label').textContent = delivery
      ? `${plural(delivery.count, 'tx')} · #${delivery.height}` : '';
    row.dataset.fed = delivery?.height ?? '';
    row.classList.toggle('latest', delivery !== undefined && delivery.height === height);
    row.classList.toggle('target', id === target);
  }

  return {
    /** The latest state (state.js). */
    live(state) {
      live = state;
      if (!past) {
        draw();
      }
    },
    /** A block event: remembers where its mempool went, and shows it when live. */
    routed(block) {
      const routes = routesOf(block.mempool);
      for (const { id, count } of routes.children) {
        delivered.set(id, { height: block.height, count });
      }
      if (routes.own.count > 0) {
        ownDelivered = { height: block.height, ...routes.own };
      }
      latest = { height: block.height, text: routeText(routes) };
      if (!past) {
        draw();
        routes.children.forEach(({ id }) => pulse(rows.get(id)?.querySelector('.node')));
        if (routes.own.count > 0) {
          pulse(root);
        }
      }
    },
    /** The state after block `height` and the block itself, or null for both while they load. */
    past(height, state, block) {
      past = { height, state, block };
      draw();
    },
    /** Back from the past. */
    backToLive() {
      past = null;
      draw();
    },
    /** Marks the node that inputs go to: '' for the server, or a signer's id. */
    select(id) {
      target = id;
      draw();
    },
    /** The signers drawn, in order. */
    shownIds() {
      return live ? live.ids.slice(0, SHOWN_SIGNERS) : [];
    },
    /** Names may have changed. */
    redraw: draw,
  };
}

/** Sets a counter's text; a new value flashes, so that the eye finds what changed. */
function change(element, text) {
  if (element.textContent !== text && element.textContent !== '') {
    animate(element, [{ background: '#fde68a' }, { background: 'transparent' }]);
  }
  element.textContent = text;
}

/** A node that got input this block glows for a moment. */
function pulse(node) {
  if (node) {
    animate(node, [{ boxShadow: '0 0 0 6px rgb(37 99 235 / 0.45)' },
      { boxShadow: '0 0 0 0 rgb(37 99 235 / 0)' }]);
  }
}

function animate(element, keyframes) {
  if (!matchMedia('(prefers-reduced-motion: reduce)').matches) {
    element.animate(keyframes, { duration: PULSE_MS, easing: 'ease-out' });
  }
}
