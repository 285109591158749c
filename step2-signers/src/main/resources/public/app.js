// The visualizer of step 2: wires the page to the server. It shows the counter and the tree
// of the server and its signers, draws the chain and logs every block the server pushes over
// /ws, shows where each block's mempool went, charts the load, sends inputs (create a signer,
// add to the server or to a signer) as binary frames when it has the API token, and hands
// blocks and inputs to the RLP inspector. Any block can be opened from storage
// (GET /api/blocks/{height}), decoded and checked, and the time machine shows the counter and
// the signers after any block.

import { describeBlock } from './block.js';
import { byteHex, fromHex, shortHash, toHex } from './bytes.js';
import { createChain } from './chain.js';
import { createChart } from './chart.js';
import { connect } from './connection.js';
import { showDecoded } from './decoded.js';
import { describeInput, input } from './inputs.js';
import { createInspector, viewOf } from './inspector.js';
import { createLog } from './log.js';
import { label, parseName, remember } from './signers.js';
import { applyBlock, stateOf } from './state.js';
import { createTargets } from './targets.js';
import { createTimeMachine } from './timemachine.js';
import { token, watchingOnly, withToken } from './token.js';
import { createTree } from './tree.js';
import { add, createSigner, parseAmount } from './txs.js';
import { formatTime } from './words.js';

const $ = id => document.getElementById(id);

const inspector = createInspector({
  title: $('rlp-title'),
  area: $('rlp-bytes'),
  explanation: $('rlp-explain'),
  follow: $('rlp-follow'),
}, () => unselect());
const log = createLog($('log'), $('log-waiting'), openBlock);
const chain = createChain($('chain'), $('chain-waiting'), openBlock);
const chart = createChart($('chart'), $('chart-now'));
const timeMachine = createTimeMachine({ slider: $('history'), back: $('live') }, {
  load: loadBlock,
  onPast: showPast,
  onLive() {
    showCounter(latestState);
    tree.backToLive();
  },
  onError: showError,
});
const tree = createTree({
  card: $('tree-card'),
  root: $('root'),
  own: $('own'),
  list: $('signers'),
  more: $('more-signers'),
  route: $('route'),
}, chooseTarget);
const targets = createTargets($('target'), chooseTarget);

/** Blocks and GET /api/state race each other: only a newer height may change the counter. */
let shownHeight = -1;
/** The latest state, shown unless the time machine shows an older one. */
let latestState = { counter: '0', stateHash: null };
/** The height of the block opened in the inspector, or null when it follows the latest. */
let opened = null;
/**
 * What each input sent was, and the height when it was sent, oldest first: the server answers
 * them in the order it got them.
 */
let unanswered = [];
/** Hashes of our accepted inputs, until a block says it holds them. */
const accepted = new Set();
/** The hash of the last input sent, once accepted: the "last input" line follows it. */
let lastHash = null;
/**
 * The latest block. The server queues an input before it answers, so a block can take the
 * input (and reach us) before the answer does.
 */
let latestBlock = { height: 0, inputs: [] };
/**
 * The latest state of the whole tree (state.js), which the page keeps up to date by applying
 * each block itself; null until GET /api/state answers.
 */
let liveTree = null;
/** Whether GET /api/state is on its way. */
let loadingState = false;
/** A block the page could not apply itself: the tree must reach its height. */
let behind = 0;
/** What the page may do: 'token' send, 'none' (no token) and 'wrong' (refused) only watch. */
let access = token === null ? 'none' : 'token';
let connected = false;

const server = connect(withToken('/ws'), {
  onStatus: showStatus,
  onOpen() {
    shownHeight = -1; // the server may have restarted, maybe on another chain
    liveTree = null;
    behind = 0;
    unanswered = [];
    accepted.clear();
    showAccess(token === null ? 'none' : 'token');
    loadState();
  },
  onMessage(message) {
    switch (message.type) {
      case 'block': return onBlock(message);
      case 'accepted': return onAccepted(message.hash);
      case 'error': return message.status === 401 && unanswered.length === 0
        ? showAccess('wrong', message.error) // said once, as the socket opens
        : onRejected(message.error);
      default: return showError(`unknown message from the server: ${JSON.stringify(message)}`);
    }
  },
});

async function loadState() {
  if (loadingState) {
    return;
  }
  loadingState = true;
  let again = false;
  try {
    const response = await fetch('/api/state');
    const state = await response.json();
    showState(state);
    if (liveTree === null || state.height > liveTree.height) {
      showTree(stateOf(state));
    }
    again = state.height < behind; // a block came while it was on its way
  } catch (e) {
    showError(`cannot read /api/state: ${e.message}`);
  } finally {
    loadingState = false;
  }
  if (again) {
    loadState();
  }
}

/** A block by its height, from the server's storage, with the counter after it. */
async function loadBlock(height) {
  const response = await fetch(`/api/blocks/${height}`);
  const block = await response.json();
  if (!response.ok) {
    throw new Error(block.error);
  }
  return block;
}

function showState({ height, counter, stateHash }) {
  if (height < shownHeight) {
    return;
  }
  shownHeight = height;
  latestState = { counter, stateHash };
  $('height').textContent = height;
  $('now-height').textContent = height;
  timeMachine.reach(height);
  if (timeMachine.isLive()) {
    showCounter(latestState);
  }
}

/** The counter and state hash after a block: the latest, or an older one (null: loading). */
function showCounter({ counter, stateHash }) {
  $('state-card').classList.toggle('past', !timeMachine.isLive());
  $('live-line').hidden = !timeMachine.isLive();
  $('past-line').hidden = timeMachine.isLive();
  // a decimal string, maybe over 2^53
  $('counter').textContent = counter === null ? '…' : BigInt(counter).toString();
  $('state-hash').textContent = stateHash ? shortHash(stateHash) : '–';
  $('state-hash').title = stateHash ?? '';
}

/** The tree as it is now: drawn, and its signers offered as targets. */
function showTree(state) {
  liveTree = state;
  tree.live(state);
  targets.offer(tree.shownIds());
}

/** What the time machine found: the state after block `height`, or nothing yet (`block` null). */
function showPast(height, block) {
  $('past-height').textContent = height;
  $('past-time').textContent = block ? ` (${formatTime(block.timestamp)})` : '';
  showCounter(block ?? { counter: null, stateHash: null });
  tree.past(height, block && stateOf(block), block);
}

function onBlock(block) {
  latestBlock = { height: block.height, inputs: block.inputs };
  showState(block);
  if (liveTree === null || block.height > liveTree.height) {
    // The page applies the block itself; when it cannot (a cut event, a missed block) or gets
    // another state hash than the block's, it asks the server for the state.
    const next = liveTree && applyBlock(liveTree, block);
    if (next?.checked) {
      showTree(next);
    } else {
      behind = block.height;
      loadState();
    }
  }
  tree.routed(block);
  log.add(block);
  chain.add(block);
  chart.add(block);
  inspector.latest(viewOf(`block #${block.height}`, block.rlp, describeBlock, block.rlpLength));
  noteApplied(latestBlock);
}

/** Marks the block if it holds accepted inputs of ours. */
function noteApplied(block) {
  if (block.inputs.filter(hash => accepted.delete(hash)).length > 0) {
    log.markMine(block.height);
    chain.markMine(block.height);
  }
  if (block.inputs.includes(lastHash)) {
    showAnswer(`committed in block #${block.height}`);
  }
}

/** Opens block `height` from storage: decoded above the inspector, its bytes in it. */
async function openBlock(height) {
  opened = height;
  log.select(height);
  chain.select(height);
  try {
    const block = await loadBlock(height);
    if (opened !== height) {
      return; // another block was opened meanwhile
    }
    showDecoded($('opened'), block);
    $('opened').hidden = false;
    inspector.pin(viewOf(`block #${height}, opened`, block.rlp, describeBlock));
  } catch (e) {
    showError(`cannot open block #${height}: ${e.message}`);
  }
}

/** The inspector no longer shows an opened block. */
function unselect() {
  opened = null;
  log.select(null);
  chain.select(null);
  $('opened').hidden = true;
}

// tag::send[]
/** `add(amount)` for the target chosen: the path is [] for the server, [id] for a signer. */
function send(amount) {
  const to = targets.value();
  const what = `add ${amount} to ${to === '' ? 'the server' : `signer ${label(to)}`}`;
  sendInput(what, () => input(to === '' ? [] : [fromHex(to)], [add(amount)]));
}

/** `createSigner(keccak256(name))`, for the server: the path is []. */
function create(name) {
  const id = remember(name); // the same name always gives the same id, so keep it at once
  tree.redraw();
  sendInput(`createSigner ${name}`, () => input([], [createSigner(fromHex(id))]));
}

function sendInput(what, encode) {
  timeMachine.live(); // to see the input change the tree
  try {
    const bytes = encode(); // [path, txs]
    server.send(bytes);
    unanswered.push({ what, after: latestBlock.height });
    showSent(what, bytes);
  } catch (e) {
    showError(`${what}: ${e.message}`);
  }
}
// end::send[]

/** Inputs go to `id` ('' for the server), chosen in the tree or in the dropdown. */
function chooseTarget(id) {
  targets.choose(id);
  tree.select(id);
}

function onAccepted(hash) {
  const sent = unanswered.shift();
  accepted.add(hash);
  hideError();
  if (unanswered.length === 0) { // the answer to the last input sent
    lastHash = hash;
    showAnswer(`accepted as ${hash.slice(0, 10)}…, waiting for the next block`);
  }
  // In case the block was quicker than the answer; an older block may hold the same input (the
  // same bytes have the same hash), but not this one.
  if (sent && latestBlock.height > sent.after) {
    noteApplied(latestBlock);
  }
}

function onRejected(message) {
  const what = unanswered.shift()?.what;
  showError(what ? `${what}: ${message}` : message);
  if (unanswered.length === 0) {
    showAnswer('rejected', true);
  }
}

function showSent(what, bytes) {
  lastHash = null;
  $('sent').hidden = false;
  $('sent-what').textContent = what;
  $('sent-bytes').textContent = Array.from(bytes, byteHex).join(' ');
  $('sent-bytes').onclick = () => {
    unselect();
    inspector.pin(viewOf(`your input ${what}`, toHex(bytes), describeInput));
  };
  showAnswer('sent');
}

function showAnswer(text, rejected = false) {
  $('sent-answer').textContent = text;
  $('sent-answer').classList.toggle('rejected', rejected);
}

function showStatus(status, pauseMs) {
  const pill = $('status');
  pill.dataset.status = status;
  pill.textContent = status === 'reconnecting'
    ? `reconnecting in ${pauseMs / 1000} s…`
    : status === 'connecting' ? 'connecting…' : 'connected';
  connected = status === 'connected';
  enableSending();
}

/** Whether the page may send; without the right token it only watches, and says why. */
function showAccess(now, serverSays) {
  access = now;
  $('access').hidden = access === 'token';
  $('access').replaceChildren(...watchingOnly(access === 'wrong' ? serverSays : null));
  enableSending();
}

function enableSending() {
  for (const control of document.querySelectorAll('#send :is(button, select), #create button')) {
    control.disabled = !connected || access !== 'token';
  }
}

function showError(message) {
  $('error-text').textContent = message;
  $('error').hidden = false;
}

function hideError() {
  $('error').hidden = true;
}

for (const button of document.querySelectorAll('button[data-amount]')) {
  button.addEventListener('click', () => send(BigInt(button.dataset.amount)));
}
$('send').addEventListener('submit', event => {
  event.preventDefault();
  try {
    send(parseAmount($('amount').value));
  } catch (e) {
    showError(e.message);
  }
});
$('create').addEventListener('submit', event => {
  event.preventDefault();
  try {
    create(parseName($('signer-name').value));
    $('signer-name').value = '';
  } catch (e) {
    showError(e.message);
  }
});
$('error-close').addEventListener('click', hideError);
showAccess(access);
