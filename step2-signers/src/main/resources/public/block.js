// A block (SPEC section 4): the RLP list [prevHash, height, timestamp, mempool, stateHash].
// It names the block before it by that block's hash, so that blocks form a chain, holds the
// mempool the server applied, and commits to the state after it by the state's hash. Its own
// hash, keccak256(rlp(block)), names it in the chain and in storage.

import { describeMempool } from './mempool.js';
import { within } from './rlp.js';

const MEMPOOL = 3;
const FIELDS = [
  { name: 'prevHash' },
  { name: 'height', as: 'integer' },
  { name: 'timestamp', as: 'time' },
  { name: 'mempool' }, // named by describeMempool
  { name: 'stateHash' },
];

/** Names the parts of a block for the inspector; the mempool inside it as mempool.js does. */
export function describeBlock(path, at) {
  const [field, ...rest] = path;
  if (path.length === 0) {
    return { name: 'block [prevHash, height, timestamp, mempool, stateHash]' };
  }
  if (field === MEMPOOL) {
    return describeMempool(rest, within(at, [MEMPOOL]));
  }
  return rest.length === 0 ? FIELDS[field] ?? { name: '' } : { name: '' };
}
