// The RLP inspector: the bytes of one RLP value as hex, one line per item, each nested list
// indented one level more, and what every byte means when the pointer is on it.

import { asAscii, byteHex, fromHex, toBigInt, toHex } from './bytes.js';
import { explain, lookup, parse } from './rlp.js';
import { formatTime, plural } from './words.js';

/** Bytes drawn at most: a block can take megabytes, but the page must stay small. */
export const MAX_BYTES = 512;
const DEPTH_COLOURS = 4;
const LONGEST_VALUE = 32;
const HINT = 'Point at a byte to see what it means.';

/**
 * What the inspector can show: a title, the first MAX_BYTES of the value's bytes (given as
 * 0x-hex), how many there are in all (`total`: the hex may be only the first part, as in a
 * block event), and `describe(path, at)`, which names each part by its path; `at` reads other
 * parts (rlp.js lookup), since a name can depend on them: key 0 names signer alice.
 */
export function viewOf(title, hex, describe, total = (hex.length - 2) / 2) {
  return { title, bytes: fromHex(hex, MAX_BYTES), total, describe };
}

/**
 * Draws into the given elements. The newest value (`latest`) is shown unless the user pinned
 * another one (`pin`, e.g. a block opened from the chain) or is pointing at the bytes, so that
 * what they read does not change under them.
 */
export function createInspector({ title, area, explanation, follow }, onFollow) {
  let latest = null;
  let pinned = null;
  let shown = null;
  let pointing = false;

  area.addEventListener('mouseover', event => {
    const byte = event.target.closest('.byte');
    if (byte) {
      point(byte);
    }
  });
  area.addEventListener('mouseenter', () => { pointing = true; });
  area.addEventListener('mouseleave', () => {
    pointing = false;
    if (!pinned && latest) {
      show(latest);
    }
  });
  follow.addEventListener('click', () => {
    pinned = null;
    onFollow();
    if (latest) {
      show(latest);
    }
  });

  function show(view) {
    title.textContent = view.title;
    follow.hidden = !pinned;
    if (shown && sameBytes(shown, view)) {
      shown = view;
      return; // the same bytes again (the latest block, opened): keep the drawing and the pointer
    }
    shown = view;
    area.replaceChildren(draw(view));
    explanation.replaceChildren(HINT);
  }

  function point(byte) {
    area.querySelector('.active')?.classList.remove('active');
    byte.closest('.item').classList.add('active');
    const hex = document.createElement('code');
    hex.className = byte.className;
    hex.textContent = byte.textContent;
    const where = document.createElement('div');
    where.className = 'where';
    where.textContent = 'in ' + byte.dataset.where;
    explanation.replaceChildren(hex, ' ' + byte.dataset.explain, where);
  }

  return {
    latest(view) {
      latest = view;
      if (!pinned && !pointing) {
        show(view);
      }
    },
    pin(view) {
      pinned = view;
      show(view);
    },
  };
}

function sameBytes(a, b) {
  return a.total === b.total && a.describe === b.describe
    && a.bytes.length === b.bytes.length && a.bytes.every((byte, i) => byte === b.bytes[i]);
}

function draw(view) {
  const tree = element('div', 'tree');
  const root = parse(view.bytes);
  const at = lookup(view.bytes, root);
  tree.append(block({ ...view, describe: path => view.describe(path, at) }, root, [], 0));
  if (view.total > view.bytes.length) {
    tree.append(element('div', 'cut',
      `… showing the first ${view.bytes.length} of ${plural(view.total, 'byte')}`));
  }
  return tree;
}

/**
 * One line for an item; a list that holds lists gets its header on that line and its items
 * below it, indented. Lists of strings (a tx) fit on one line.
 */
function block(view, node, path, depth) {
  const flat = node.kind !== 'list' || node.items.every(item => item.kind !== 'list');
  const line = element('div', 'line');
  const hex = element('span', 'hex');
  line.append(hex, note(view, node, path));
  if (flat) {
    hex.append(inline(view, node, path));
    return wrap(element('div', `block depth-${depth % DEPTH_COLOURS}`), line);
  }
  hex.append(...ownBytes(view, node, path));
  const items = element('div', 'items');
  node.items.forEach((item, i) => items.append(block(view, item, [...path, i], depth + 1)));
  return wrap(element('div', `block item list depth-${depth % DEPTH_COLOURS}`), line, items);
}

/** An item and everything in it as one run of bytes, for the hover highlight. */
function inline(view, node, path) {
  const span = element('span', `item ${node.kind}`);
  span.append(...ownBytes(view, node, path));
  node.items?.forEach((item, i) => span.append(inline(view, item, [...path, i])));
  return span;
}

/** The bytes that belong to the item itself: its header, and a string's payload. */
function ownBytes(view, node, path) {
  const end = Math.min(node.kind === 'list' ? node.payloadStart : node.end, view.bytes.length);
  const shown = node.kind === 'list' ? '' : value(view, node, path);
  const where = names(view, path).join(' › ');
  const spans = [];
  for (let offset = node.start; offset < end; offset++) {
    const text = explain(view.bytes, node, offset, shown);
    const span = element('span', `byte ${role(node, offset)}`, byteHex(view.bytes[offset]));
    span.title = `${text}\nin ${where}`;
    span.dataset.explain = text;
    span.dataset.where = where;
    spans.push(span);
  }
  return spans;
}

function role(node, offset) {
  if (node.kind === 'single') {
    return 'single';
  }
  if (offset === node.start) {
    return `${node.kind}-header`;
  }
  return offset < node.payloadStart ? 'length' : 'payload';
}

function note(view, node, path) {
  const { name } = view.describe(path);
  let summary;
  if (node.kind !== 'list') {
    summary = value(view, node, path);
  } else if (node.items.every(item => item.kind !== 'list')) {
    summary = `[${node.items.map((item, i) => value(view, item, [...path, i])).join(', ')}]`;
  } else {
    summary = plural(node.items.length, 'item');
  }
  if (node.end > view.bytes.length) {
    summary += ' … continues past the bytes shown';
  }
  return element('span', 'note', name ? `${name}: ${summary}` : summary);
}

/** A string's value the way its place in the structure says to read it. */
function value(view, node, path) {
  const bytes = view.bytes.subarray(node.payloadStart, Math.min(node.end, view.bytes.length));
  const complete = node.end <= view.bytes.length;
  const { as } = view.describe(path);
  if (complete && as === 'integer') {
    return toBigInt(bytes).toString();
  }
  if (complete && as === 'time') { // milliseconds since the epoch
    return `${toBigInt(bytes)} (${formatTime(Number(toBigInt(bytes)))})`;
  }
  const text = complete && as === 'text' ? asAscii(bytes) : null;
  if (text !== null) {
    return `'${text}'`;
  }
  if (complete && bytes.length === 0) {
    return "''";
  }
  // Written out in full up to an id's length: every byte's tooltip repeats it.
  const cut = !complete || bytes.length > LONGEST_VALUE;
  return toHex(bytes.subarray(0, LONGEST_VALUE)) + (cut ? '…' : '');
}

function names(view, path) {
  return [[], ...path.map((_, i) => path.slice(0, i + 1))].map(part => view.describe(part).name);
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) {
    el.textContent = text;
  }
  return el;
}

function wrap(parent, ...children) {
  parent.append(...children);
  return parent;
}
