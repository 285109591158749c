// What a client sends: an input is the RLP list [path, txs] (SPEC section 3). The path lists
// the ids from the server down to the target machine: [] for the server, [signerId] for a
// signer.

import { encode } from './rlp.js';
import { describeIdsAndTxs } from './txs.js';

/** `path`: the ids, as bytes, from the server down; `txs`: the txs for that machine. */
export function input(path, txs) {
  return encode([path, txs]);
}

export const describeInput = describeIdsAndTxs('input [path, txs]', 'path', 'id', 'txs');
