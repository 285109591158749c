// A block opened from the chain or the log, as GET /api/blocks/{height} returns it: its
// fields decoded, and its two hashes checked here, in the browser. The block's hash must be
// keccak256 of its RLP, and its stateHash keccak256(rlp([counter])) of the counter after it
// (SPEC section 4): the page trusts neither, it computes both.

import { fromBigInt, fromHex, toHex } from './bytes.js';
import { keccak256 } from './keccak.js';
import { txs } from './log.js';
import { encode } from './rlp.js';
import { formatTime, plural } from './words.js';

const SHOWN_TXS = 8;

/** Fills `list` (a <dl>) with the fields of `block`. */
export function showDecoded(list, block) {
  const hashOk = toHex(keccak256(fromHex(block.rlp))) === block.blockHash;
  const state = encode([fromBigInt(BigInt(block.counter))]); // the server's state: [counter]
  const stateOk = toHex(keccak256(state)) === block.stateHash;
  const day = new Date(block.timestamp).toLocaleDateString('en-CA'); // 2026-11-21
  list.replaceChildren(
    ...field('height', `#${block.height}`),
    ...field('time', `${day} ${formatTime(block.timestamp)} (timestamp ${block.timestamp})`),
    ...field('hash', hex(block.blockHash), check(hashOk, 'keccak256 of the RLP below')),
    ...field('prev', hex(block.prevHash), block.height === 1
      ? ' 32 zero bytes: no block comes before block #1'
      : ` = the hash of block #${block.height - 1}`),
    ...field('state', hex(block.stateHash),
      check(stateOk, `keccak256(rlp([counter])) of the counter after it, ${block.counter}`)),
    ...field('txs', txs(block, SHOWN_TXS)),
    ...field('counter', `${block.counter} after this block`),
    ...field('size', `${plural(block.rlpLength, 'byte')} of RLP`));
}

function field(name, ...value) {
  const term = document.createElement('dt');
  term.textContent = name;
  const description = document.createElement('dd');
  description.append(...value);
  return [term, description];
}

function hex(text) {
  const code = document.createElement('code');
  code.className = 'hex';
  code.textContent = text;
  return code;
}

/** What the page found when it computed a hash itself. */
function check(ok, what) {
  const line = document.createElement('div');
  line.className = ok ? 'check ok' : 'check bad';
  line.textContent = ok ? `✓ = ${what}, computed by this page` : `✗ ≠ ${what}: the block is wrong`;
  return line;
}
