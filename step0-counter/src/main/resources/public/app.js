// The visualizer of step 0: wires the page to the server. It shows the counter, logs every
// tick the server pushes over /ws, sends `add` inputs as binary frames, and hands mempools
// and inputs to the RLP inspector.

import { byteHex, toHex } from './bytes.js';
import { connect } from './connection.js';
import { describeInput, input } from './inputs.js';
import { createInspector, viewOf } from './inspector.js';
import { createLog } from './log.js';
import { describeMempool } from './mempool.js';
import { add, parseAmount } from './txs.js';

const $ = id => document.getElementById(id);

const inspector = createInspector({
  title: $('rlp-title'),
  area: $('rlp-bytes'),
  explanation: $('rlp-explain'),
  follow: $('rlp-follow'),
}, () => log.unselect());
const log = createLog($('log'), $('log-waiting'), view => inspector.pin(view));

/** Ticks and GET /api/state race each other: only a newer height may change the counter. */
let shownHeight = -1;
/**
 * What each input sent was, and the height when it was sent, oldest first: the server answers
 * them in the order it got them.
 */
let unanswered = [];
/** Hashes of our accepted inputs, until a tick says it applied them. */
const accepted = new Set();
/** The hash of the last input sent, once accepted: the "last input" line follows it. */
let lastHash = null;
/**
 * The latest tick. The server queues an input before it answers, so a tick can take the
 * input (and reach us) before the answer does.
 */
let latestTick = { height: 0, inputs: [] };

const server = connect('/ws', {
  onStatus: showStatus,
  onOpen() {
    shownHeight = -1; // the server may have restarted from zero
    unanswered = [];
    accepted.clear();
    loadState();
  },
  onMessage(message) {
    switch (message.type) {
      case 'tick': return onTick(message);
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
    showState(state.height, state.counter);
  } catch (e) {
    showError(`cannot read /api/state: ${e.message}`);
  }
}

function showState(height, counter) {
  if (height < shownHeight) {
    return;
  }
  shownHeight = height;
  $('counter').textContent = BigInt(counter).toString(); // a decimal string, maybe over 2^53
  $('height').textContent = height;
}

function onTick(tick) {
  latestTick = { height: tick.height, inputs: tick.inputs };
  showState(tick.height, tick.counter);
  const view = viewOf(`mempool of tick #${tick.height}`, tick.rlp, describeMempool, tick.rlpLength);
  log.add(tick, view);
  inspector.latest(view);
  noteApplied(latestTick);
}

/** Marks the tick if it applied accepted inputs of ours. */
function noteApplied(tick) {
  if (tick.inputs.filter(hash => accepted.delete(hash)).length > 0) {
    log.markMine(tick.height);
  }
  if (tick.inputs.includes(lastHash)) {
    showAnswer(`applied at tick #${tick.height}`);
  }
}

// tag::send[]
function send(amount) {
  const what = `add ${amount}`;
  try {
    const bytes = input([], [add(amount)]); // [path, txs]: empty path, for the server
    server.send(bytes);
    unanswered.push({ what, after: latestTick.height });
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
    showAnswer(`accepted as ${hash.slice(0, 10)}…, waiting for the next tick`);
  }
  // In case the tick was quicker than the answer; an older tick may hold the same input (the
  // same bytes have the same hash), but not this one.
  if (sent && latestTick.height > sent.after) {
    noteApplied(latestTick);
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
    log.unselect();
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
