// The transactions of this step (SPEC section 3, "Methods"): a tx is the RLP list
// [method, arg...]. Step 0 has one method, add(amount), for the server.

import { fromAscii, fromBigInt } from './bytes.js';

export function add(amount) {
  return [fromAscii('add'), fromBigInt(amount)];
}

/**
 * Reads an amount typed into the page. Only what cannot be encoded is refused here; the
 * bounds (1 <= amount < 2^64) are the server's to check, so 0 goes out and the page shows
 * the server's answer.
 */
export function parseAmount(text) {
  if (!/^\s*\d+\s*$/.test(text)) {
    throw new Error(`an amount is a whole number like 42, got '${text}'`);
  }
  return BigInt(text.trim());
}

/** A tx as the server's JSON shows it, `{"method": "add", "amount": "5"}`, in a few words. */
export function txText(tx) {
  const { method, ...args } = tx;
  return [method, ...Object.values(args)].join(' ');
}

/**
 * Names the parts of the two-item lists [ids, txs] that both inputs ([path, txs]) and step 0's
 * mempools ([keys, values]) are, for the inspector. It returns a function from a path
 * (indexes from the top) to `{name, as}`. RLP itself has no types: only the position says
 * that a method is text and an amount a number.
 */
export function describeIdsAndTxs(whole, ids, id, txs) {
  return path => {
    const [part, index, arg] = path;
    switch (path.length) {
      case 0:
        return { name: whole };
      case 1:
        return { name: part === 0 ? ids : txs };
      case 2:
        return { name: part === 0 ? `${id} ${index}` : `tx ${index}` };
      case 3:
        return arg === 0 ? { name: 'method', as: 'text' } : { name: 'amount', as: 'integer' };
      default:
        return { name: '' };
    }
  };
}
