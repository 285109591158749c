// Routing (SPEC section 3): a mempool [keys, values] gives its first len(keys) values to the
// children its keys name, one each and in key order: value i is the mempool of the signer in
// key i. The values after them stay with the server: its own txs, applied after the children.
// Here for the page: what a block (in JSON) sent where, for the tree, the log and the opened
// block.

import { label } from './signers.js';
import { plural } from './words.js';

const SHOWN_ROUTES = 3;

/**
 * `{children: [{id, index, count}], own: {index, count, txs}, moreKeys}`: `index` is the
 * value's place in `values`, `count` how many txs went there. A block event carries at most 64
 * keys and values a level; `moreKeys` and `more` say how many it left out.
 */
export function routesOf(mempool) {
  const { keys, values } = mempool;
  const children = keys.map((id, index) => {
    const child = values[index];
    return { id, index, count: child.values.length + (child.more ?? 0) };
  });
  const moreKeys = mempool.moreKeys ?? 0;
  const txs = values.slice(keys.length);
  // `more` counts the values left out: the mempools of the keys left out, then own txs
  const count = txs.length + (mempool.more ?? 0) - moreKeys;
  return { children, own: { index: keys.length + moreKeys, count, txs }, moreKeys };
}

/**
 * Where a block's values went, in a line: "value 0 → alice (2 txs) · value 1 → the server
 * itself (1 tx)".
 */
export function routeText(routes) {
  const { children, own, moreKeys } = routes;
  const parts = children.slice(0, SHOWN_ROUTES)
    .map(({ id, index, count }) => `value ${index} → ${label(id)} (${plural(count, 'tx')})`);
  const hidden = children.length - parts.length + moreKeys;
  if (hidden > 0) {
    parts.push(`${plural(hidden, 'more value')} → as many more signers`);
  }
  if (own.count > 0) {
    const which = own.count === 1 ? `value ${own.index}`
      : `values ${own.index}–${own.index + own.count - 1}`;
    parts.push(`${which} → the server itself (${plural(own.count, 'tx')})`);
  }
  return parts.join(' · ');
}

/**
 * A mempool's first `count` txs in the order they are applied, each with the signer it went to
 * (null: the server's own): the children's in key order, then the server's.
 */
export function firstTxs(mempool, count) {
  const { keys, values } = mempool;
  const txs = [];
  for (let i = 0; i < keys.length && txs.length < count; i++) {
    txs.push(...values[i].values.slice(0, count - txs.length).map(tx => ({ to: keys[i], tx })));
  }
  for (const tx of values.slice(keys.length, keys.length + count - txs.length)) {
    txs.push({ to: null, tx });
  }
  return txs;
}
