// Numbers and times in the page's sentences.

/** `plural(3, 'tx')` is "3 txs", `plural(100000, 'byte')` is "100,000 bytes". */
export function plural(count, noun) {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}

/** A timestamp (milliseconds since the epoch) as the time of day, to the millisecond. */
export function formatTime(millis) {
  return new Date(millis).toLocaleTimeString('en-GB', {
    hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3,
  });
}
