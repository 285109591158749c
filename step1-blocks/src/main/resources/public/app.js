// The visualizer of step 1: wires the page to the server. It shows the counter, draws the
// chain and logs every block the server pushes over /ws, charts the load, sends `add` inputs
// as binary frames, and hands blocks and inputs to the RLP inspector. Any block can be opened
// from storage (GET /api/blocks/{height}), decoded and checked, and the time machine shows the
// counter after any block.

import { describeBlock } from './block.js';
import { byteHex, shortHash, toHex } from './bytes.js';
import { createChain } from './chain.js';
import { createChart } from './chart.js';
import { connect } from './connection.js';
import { showDecoded } from './decoded.js';
import { describeInput, input } from './inputs.js';
import { createInspector, viewOf } from './inspector.js';
import { createLog } from './log.js';
import { createTimeMachine } from './timemachine.js';
import { add, parseAmount } from './txs.js';
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
  onLive: () => showCounter(latestState),
  onError: showError,
});

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

const server = connect('/ws', {
  onStatus: showStatus,
  onOpen() {
    shownHeight = -1; // the server may have restarted, maybe on another chain
    unanswered = [];
    accepted.clear();
    loadState();
  },
  onMessage(message) {
    switch (message.type) {
      case 'block': return onBlock(message);
      case 'accepted': return onAccepted(message.hash);
      case 'error': return onRejected(message.error);
      default: return showError(`unknown message from the server: ${JSON.stringify(message)}`);
    }
  },
});

async function loadState() {
  try {
    const response = await fetch('/api/state');
    const state = await response.json();
    showState(state);
  } catch (e) {
    showError(`cannot read /api/state: ${e.message}`);
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

/** What the time machine found: the state after block `height`, or nothing yet (`block` null). */
function showPast(height, block) {
  $('past-height').textContent = height;
  $('past-time').textContent = block ? ` (${formatTime(block.timestamp)})` : '';
  showCounter(block ?? { counter: null, stateHash: null });
}

function onBlock(block) {
  latestBlock = { height: block.height, inputs: block.inputs };
  showState(block);
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
function send(amount) {
  const what = `add ${amount}`;
  timeMachine.live(); // to see the input change the counter
  try {
    const bytes = input([], [add(amount)]); // [path, txs]: empty path, for the server
    server.send(bytes);
    unanswered.push({ what, after: latestBlock.height });
    showSent(what, bytes);
  } catch (e) {
    showError(`${what}: ${e.message}`);
  }
}
// end::send[]

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
  const label = $('status');
  label.dataset.status = status;
  label.textContent = status === 'reconnecting'
    ? `reconnecting in ${pauseMs / 1000} s…`
    : status === 'connecting' ? 'connecting…' : 'connected';
  for (const button of document.querySelectorAll('#send button')) {
    button.disabled = status !== 'connected';
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
$('error-close').addEventListener('click', hideError);
