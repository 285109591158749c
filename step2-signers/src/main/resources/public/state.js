// The state of step 2 as the page keeps it: the server's counter and its signers' counters.
// The page does not take the server's word for it. It follows the chain by applying each
// block's mempool itself, as the server does (SPEC section 3): first each signer named by a key
// applies its own mempool, then the server its own txs. And it checks the result against the
// block's stateHash, which commits to the whole tree by hashes of hashes (SPEC section 4):
//   stateHash(signer) = keccak256(rlp([counter]))
//   stateHash(server) = keccak256(rlp([counter, [[signerId, stateHash(signer)], ...]]))
// A state here is {height, counter, stateHash, signers, ids, checked}: `signers` maps each
// id (0x-hex) to {counter, hash}, `ids` are the ids sorted, `stateHash` is what the server
// said and `checked` whether the page computed the same.

import { fromBigInt, fromHex, toHex } from './bytes.js';
import { keccak256 } from './keccak.js';
import { encode } from './rlp.js';

export function signerHash(counter) {
  return toHex(keccak256(encode([fromBigInt(counter)])));
}

/** The server's state hash; `ids` sorted (lowercase hex of one length sorts as the bytes do). */
export function serverHash(counter, signers, ids) {
  const children = ids.map(id => [fromHex(id), fromHex(signers.get(id).hash)]);
  return toHex(keccak256(encode([fromBigInt(counter), children])));
}

/** A state as the server sends it (GET /api/state, /api/blocks/{h}), its hashes computed here. */
export function stateOf({ height, counter, stateHash, signers }) {
  const map = new Map(signers.map(({ id, counter: its }) =>
    [id, { counter: BigInt(its), hash: signerHash(BigInt(its)) }]));
  return checked(height, BigInt(counter), stateHash, map, [...map.keys()].sort());
}

/**
 * The state after a block event, from `state`, the state after the block before it; or null
 * when the page cannot tell: the event left part of the mempool out (a block can hold a
 * million txs, an event at most 64 values a level), or `state` is not the one before.
 */
export function applyBlock(state, block) {
  const { keys, values, moreKeys, more } = block.mempool;
  if (block.height !== state.height + 1 || moreKeys || more
      || keys.some((id, i) => values[i].more || !state.signers.has(id))) {
    return null;
  }
  const signers = new Map(state.signers);
  keys.forEach((id, i) => { // the children first ...
    let counter = signers.get(id).counter;
    for (const tx of values[i].values) { // a signer knows one method: add
      counter += BigInt(tx.amount);
    }
    signers.set(id, { counter, hash: signerHash(counter) });
  });
  let counter = state.counter;
  let ids = state.ids;
  for (const tx of values.slice(keys.length)) { // ... then the server's own txs
    if (tx.method === 'add') {
      counter += BigInt(tx.amount);
    } else if (tx.method === 'createSigner') {
      signers.set(tx.id, { counter: 0n, hash: signerHash(0n) });
      ids = [...ids, tx.id].sort();
    }
  }
  return checked(block.height, counter, block.stateHash, signers, ids);
}

function checked(height, counter, stateHash, signers, ids) {
  const ok = serverHash(counter, signers, ids) === stateHash;
  return { height, counter, stateHash, signers, ids, checked: ok };
}
