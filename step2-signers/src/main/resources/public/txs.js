// The transactions of this step (SPEC section 3, "Methods"): a tx is the RLP list
// [method, arg...]. The server knows add(amount) and createSigner(id); a signer knows add.

import { asAscii, fromAscii, fromBigInt } from './bytes.js';
import { within } from './rlp.js';
import { label, labelAt } from './signers.js';

export function add(amount) {
  return [fromAscii('add'), fromBigInt(amount)];
}

/** `id`: the new signer's 32 bytes. */
export function createSigner(id) {
  return [fromAscii('createSigner'), id];
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

/**
 * A tx as the server's JSON shows it, `{"method": "add", "amount": "5"}`, in a few words; a
 * signer's id by its name, if the page has one.
 */
export function txText(tx) {
  const { method, ...args } = tx;
  const values = Object.entries(args).map(([arg, value]) => arg === 'id' ? label(value) : value);
  return [method, ...values].join(' ');
}

/**
 * Names the parts of one tx for the inspector, by their paths from the tx down; `at` reads the
 * tx's parts (rlp.js lookup). RLP itself has no types: only the position says that a method is
 * text, and only the method says whether its argument is an amount or a signer's id.
 */
export function describeTx(path, at) {
  if (path.length !== 1) {
    return { name: '' };
  }
  if (path[0] === 0) {
    return { name: 'method', as: 'text' };
  }
  const { bytes } = at([0]);
  switch (bytes && asAscii(bytes)) {
    case 'add':
      return { name: 'amount', as: 'integer' };
    case 'createSigner':
      return { name: `id (signer ${labelAt(at, path)})` };
    default:
      return { name: `argument ${path[0]}` };
  }
}

/** An item that is a tx: "tx 3", its parts named by describeTx. */
export function txItem(index) {
  return { name: `tx ${index}`, describe: describeTx };
}

/**
 * Names the parts of the two-item lists [ids, items] that both inputs ([path, txs]) and
 * mempools ([keys, values]) are, for the inspector. It returns a function from a path (indexes
 * from the top) and `at` (rlp.js lookup) to `{name, as}`. Every id is a signer's; `item(index,
 * at)` names an item and gives the function that names the parts inside it.
 */
export function describeIdsAndTxs(whole, ids, id, items, item = txItem) {
  return (path, at) => {
    const [part, index, ...rest] = path;
    if (path.length <= 1) {
      return { name: path.length === 0 ? whole : part === 0 ? ids : items };
    }
    if (part === 0) {
      return { name: path.length === 2 ? `${id} ${index} (signer ${labelAt(at, path)})` : '' };
    }
    const { name, describe } = item(index, at);
    return path.length === 2 ? { name } : describe(rest, within(at, [1, index]));
  };
}
