// What the server applies at a tick: its mempool, the RLP list [keys, values] (SPEC section
// 3). `keys` are the ids of the signers with input this tick, sorted, and the first len(keys)
// values are their mempools, value i for key i, each the same shape one level down; the other
// values are the server's own txs, applied after the children.

import { labelAt } from './signers.js';
import { describeIdsAndTxs, txItem } from './txs.js';

export const describeMempool = describeIdsAndTxs('mempool [keys, values]', 'keys', 'key', 'values',
  (index, at) => {
    const keys = at([0]).count ?? 0;
    if (index >= keys) {
      return txItem(index - keys);
    }
    return { name: `value ${index}: mempool of signer ${labelAt(at, [0, index])}`,
      describe: describeMempool };
  });
