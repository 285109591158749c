// A block opened from the chain or the log, as GET /api/blocks/{height} returns it: its
// fields decoded, and its two hashes checked here, in the browser. The block's hash must be
// keccak256 of its RLP, and its stateHash the hash of the state after it, the server's counter
// and every signer's [id, hash] (SPEC section 4, state.js): the page trusts neither, it
// computes both, from the counters up.

import { fromHex, toHex } from './bytes.js';
import { keccak256 } from './keccak.js';
import { txs } from './log.js';
import { routeText, routesOf } from './routing.js';
import { label } from './signers.js';
import { stateOf } from './state.js';
import { formatTime, plural } from './words.js';

const SHOWN_TXS = 8;
const SHOWN_SIGNERS = 8;

/** Fills `list` (a <dl>) with the fields of `block`. */
export function showDecoded(list, block) {
  const hashOk = toHex(keccak256(fromHex(block.rlp))) === block.blockHash;
  const stateOk = stateOf(block).checked;
  const day = new Date(block.timestamp).toLocaleDateString('en-CA'); // 2026-11-21
  list.replaceChildren(
    ...field('height', `#${block.height}`),
    ...field('time', `${day} ${formatTime(block.timestamp)} (timestamp ${block.timestamp})`),
    ...field('hash', hex(block.blockHash), check(hashOk, 'keccak256 of the RLP below')),
    ...field('prev', hex(block.prevHash), block.height === 1
      ? ' 32 zero bytes: no block comes before block #1'
      : ` = the hash of block #${block.height - 1}`),
    ...field('state', hex(block.stateHash), check(stateOk, 'keccak256(rlp([counter,'
      + ' [[id, keccak256(rlp([its counter]))], …]])) of the state after it: the counter'
      + ` ${block.counter} and ${plural(block.signers.length, 'signer')}`)),
    ...field('routing', routeText(routesOf(block.mempool))),
    ...field('txs', txs(block, SHOWN_TXS)),
    ...field('counter', `${block.counter} after this block`),
    ...field('signers', signers(block.signers)),
    ...field('size', `${plural(block.rlpLength, 'byte')} of RLP`));
}

/** The signers after the block, with their counters: "2 after this block: alice 5, bob 0". */
function signers(all) {
  const shown = all.slice(0, SHOWN_SIGNERS).map(({ id, counter }) => `${label(id)} ${counter}`);
  const rest = all.length - shown.length;
  return `${all.length.toLocaleString('en')} after this block${all.length ? ': ' : ''}`
    + shown.join(', ') + (rest > 0 ? ` … and ${rest.toLocaleString('en')} more` : '');
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
