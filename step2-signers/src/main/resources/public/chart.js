// The load over the last minute, drawn by hand in SVG: how many txs the blocks carried in each
// second (bars), and how large each block was, in bytes of RLP (dots). Time is when the page
// got each block, so the page's clock and the server's need not agree. Until the page has
// seen a minute of blocks, the chart spans the time since the first one (at least 10 s).

import { formatTime, plural } from './words.js';

const WINDOW_MS = 60_000;
const SHORTEST_MS = 10_000;
const SECOND = 1000;
const WIDTH = 400; // the viewBox of the <svg> in index.html
const TXS = { top: 14, bottom: 62 }; // the bars' panel
const SIZES = { top: 84, bottom: 132 }; // the dots' panel
const SVG = 'http://www.w3.org/2000/svg';

/** Draws into `svg` and says the latest figures in `summary`. */
export function createChart(svg, summary) {
  let blocks = []; // {at, height, txs, bytes}, oldest first
  let first = null; // when the page got its first block
  let drawing = false;

  function draw() {
    drawing = false;
    const now = Date.now();
    const span = Math.min(WINDOW_MS, Math.max(SHORTEST_MS, now - (first ?? now) + SECOND));
    const since = now - span;
    blocks = blocks.filter(block => block.at > since - SECOND);
    const x = time => (time - since) / span * WIDTH;

    const perSecond = new Map(); // second -> txs
    for (const block of blocks) {
      const second = Math.floor(block.at / SECOND);
      perSecond.set(second, (perSecond.get(second) ?? 0) + block.txs);
    }
    const current = Math.floor(now / SECOND);
    const mostTxs = Math.max(1, ...perSecond.values());
    const bars = [...perSecond].map(([second, txs]) => {
      const height = txs / mostTxs * (TXS.bottom - TXS.top);
      const bar = shape('rect', second === current ? 'bar current' : 'bar', {
        x: x(second * SECOND), y: TXS.bottom - height, width: WIDTH * SECOND / span - 1, height,
        'data-txs': txs,
      });
      return titled(bar, `${plural(txs, 'tx')} at ${formatTime(second * SECOND).slice(0, 8)}`);
    });

    const largest = Math.max(1, ...blocks.map(block => block.bytes));
    const dots = blocks.map(block => titled(shape('circle', 'dot', {
      cx: x(block.at), r: 2.5,
      cy: SIZES.bottom - block.bytes / largest * (SIZES.bottom - SIZES.top),
      'data-bytes': block.bytes,
    }), `block #${block.height}: ${plural(block.bytes, 'byte')}`));

    svg.replaceChildren(
      label(2, TXS.top - 4, `${compact(mostTxs)} txs/s`),
      baseline(TXS.bottom), ...bars,
      label(2, SIZES.top - 4, `${compact(largest)} bytes a block`),
      baseline(SIZES.bottom), ...dots,
      label(2, 146, `${Math.round(span / SECOND)} s ago`), label(WIDTH - 2, 146, 'now', 'end'));

    const last = blocks.at(-1);
    summary.textContent = last
      ? `${plural(perSecond.get(current - 1) ?? 0, 'tx')} in the last second;`
        + ` the latest block has ${plural(last.bytes, 'byte')}`
      : 'no blocks in the last minute';
  }

  function redraw() {
    if (!drawing) {
      drawing = true;
      requestAnimationFrame(draw);
    }
  }

  setInterval(redraw, SECOND); // the chart scrolls even when no block comes
  return {
    /** A block event from the server. */
    add(block) {
      const at = Date.now();
      first ??= at;
      blocks.push({ at, height: block.height, txs: block.txCount, bytes: block.rlpLength });
      redraw();
    },
  };
}

function shape(tag, className, attributes) {
  const el = document.createElementNS(SVG, tag);
  el.setAttribute('class', className);
  for (const [name, value] of Object.entries(attributes)) {
    const fraction = typeof value === 'number' && !Number.isInteger(value);
    el.setAttribute(name, fraction ? value.toFixed(1) : value); // a tenth is finer than a pixel
  }
  return el;
}

/** Gives an element a tooltip. */
function titled(el, text) {
  const title = document.createElementNS(SVG, 'title');
  title.textContent = text;
  el.append(title);
  return el;
}

function label(x, y, text, anchor = 'start') {
  const el = shape('text', 'label', { x, y, 'text-anchor': anchor });
  el.textContent = text;
  return el;
}

function baseline(y) {
  return shape('line', 'baseline', { x1: 0, x2: WIDTH, y1: y, y2: y });
}

/** 1234567 as "1.2M": the axis labels are short. */
function compact(number) {
  return number.toLocaleString('en', { notation: 'compact', maximumFractionDigits: 1 });
}
