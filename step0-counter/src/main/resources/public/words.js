// Numbers in the page's sentences.

/** `plural(3, 'tx')` is "3 txs", `plural(100000, 'byte')` is "100,000 bytes". */
export function plural(count, noun) {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}
