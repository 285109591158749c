// What a client sends: an input is the RLP list [path, txs] (SPEC section 3). The path lists
// the ids from the server down to the target machine; step 0 has only the server, so it is
// always empty.

import { encode } from './rlp.js';
import { describeIdsAndTxs } from './txs.js';

export function input(path, txs) {
  return encode([path, txs]);
}

export const describeInput = describeIdsAndTxs('input [path, txs]', 'path', 'id', 'txs');
