// What the server applies at a tick: its mempool, the RLP list [keys, values] (SPEC section
// 3). `keys` are the ids of the child machines with input this tick, and the first
// len(keys) values are their mempools; the other values are the server's own txs. Step 0 has
// no children, so keys is always empty and every value is a tx.

import { describeIdsAndTxs } from './txs.js';

export const describeMempool = describeIdsAndTxs('mempool [keys, values]', 'keys', 'key', 'values');
