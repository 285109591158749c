// The chain: the latest blocks as cards, oldest on the left, each linked to the one before it.
// The link is the block's prevHash, which must be the hash of the block before it; a hash
// gets a colour from its first byte, so a card's prev has the colour of the hash on its left,
// and a link that does not hold (a server that restarted on another chain) is drawn broken.

import { shortHash } from './bytes.js';
import { plural } from './words.js';

export const SHOWN_BLOCKS = 8;
const SLIDE_MS = 300;
const ZERO_HASH = '0x' + '00'.repeat(32);

/**
 * Keeps the cards in `list` (an <ol>). Clicking a card hands its height to `onSelect`. While
 * the pointer is on the list, new blocks wait (and `waiting` says how many), so that the card
 * under the pointer stays there.
 */
export function createChain(list, waiting, onSelect) {
  let held = [];
  let pointing = false;
  let lastSlide = 0;

  list.addEventListener('click', event => {
    const card = event.target.closest('li');
    if (card) {
      onSelect(Number(card.dataset.height));
    }
  });
  list.addEventListener('keydown', event => {
    if (event.key === 'Enter' && event.target.closest('li')) {
      onSelect(Number(event.target.closest('li').dataset.height));
    }
  });
  list.addEventListener('mouseenter', () => { pointing = true; });
  list.addEventListener('mouseleave', () => {
    pointing = false;
    held.slice(-SHOWN_BLOCKS).forEach(append);
    held = [];
    waiting.hidden = true;
  });

  function append(block) {
    const last = list.lastElementChild;
    const before = last && { height: Number(last.dataset.height), blockHash: last.dataset.hash };
    if (before && block.height <= before.height) {
      list.replaceChildren(); // the server starts again lower: another chain
    }
    list.append(cardOf(block, list.lastElementChild ? before : null));
    if (list.children.length > SHOWN_BLOCKS) {
      slide();
      list.firstElementChild.remove();
      list.firstElementChild.classList.add('first');
    }
  }

  /**
   * Before the oldest card goes: the others move one place to the left, smoothly, unless
   * blocks come too fast to see it.
   */
  function slide() {
    const now = performance.now();
    const quiet = now - lastSlide > 2 * SLIDE_MS;
    lastSlide = now;
    if (!quiet || matchMedia('(prefers-reduced-motion: reduce)').matches) {
      return;
    }
    const [first, second] = list.children;
    const step = second.offsetLeft - first.offsetLeft;
    for (const card of [...list.children].slice(1)) { // the newest too: it fades in (CSS) as well
      card.animate([{ transform: `translateX(${step}px)` }, { transform: 'none' }],
        { duration: SLIDE_MS, easing: 'ease-out' });
    }
  }

  function find(height) {
    return [...list.children].find(card => card.dataset.height === String(height));
  }

  return {
    /** A block event from the server. */
    add(block) {
      if (pointing) {
        held.push(block);
        const count = plural(held.length, 'new block');
        waiting.textContent = `paused while the pointer is here: ${count}`;
        waiting.hidden = false;
      } else {
        append(block);
      }
    },
    /** Marks the card of block `height`, if it is there, as holding an input of ours. */
    markMine(height) {
      find(height)?.classList.add('mine');
    },
    /** Marks the card of the block the inspector shows, or none (`null`). */
    select(height) {
      list.querySelector('.selected')?.classList.remove('selected');
      find(height)?.classList.add('selected');
    },
  };
}

/** A block's card; `before` is the block on its left, if the page has it. */
function cardOf(block, before) {
  const card = document.createElement('li');
  card.tabIndex = 0;
  card.dataset.height = block.height;
  card.dataset.hash = block.blockHash;
  card.className = linkOf(block, before);
  card.title = `block #${block.height}\nhash ${block.blockHash}\nprev ${block.prevHash}`
    + `\nstate ${block.stateHash}`;
  card.append(
    row('top', element('b', 'height', `#${block.height}`), element('span', 'txs',
      plural(block.txCount, 'tx'))),
    row('hash-row', element('span', 'label', 'hash'), ' ', hash(block.blockHash)),
    row('prev-row', element('span', 'label', 'prev'), ' ', hash(block.prevHash)),
    row('state-row', element('span', 'label', 'state'), ' ', hash(block.stateHash, 'state')),
    linkArrow());
  return card;
}

/** How a block links to the card on its left: it is the first block, or the link holds, or not. */
function linkOf(block, before) {
  if (block.height === 1) {
    return block.prevHash === ZERO_HASH ? 'genesis' : 'broken';
  }
  if (!before) {
    return 'first';
  }
  if (block.height !== before.height + 1) {
    return 'gap'; // blocks made while the page was not connected
  }
  return block.prevHash === before.blockHash ? 'linked' : 'broken';
}

/** A hash, short, coloured by its first byte so that equal hashes look alike. */
function hash(hex, kind = 'link') {
  const chip = element('code', `hash ${hex === ZERO_HASH ? 'zero' : kind}`, shortHash(hex));
  chip.dataset.hash = hex;
  // The golden angle apart for each step of the first byte: near bytes get far colours.
  chip.style.setProperty('--hue', Math.round(parseInt(hex.slice(2, 4), 16) * 137.5) % 360);
  return chip;
}

/** The arrow from this card's prev to the hash of the card on its left (see style.css). */
function linkArrow() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'arrow');
  svg.setAttribute('viewBox', '0 0 28 30');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M28 25 H14 V5 H2 M7 1 L2 5 L7 9');
  svg.append(path);
  return svg;
}

function row(className, ...children) {
  const div = element('div', className);
  div.append(...children);
  return div;
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = text;
  return el;
}
