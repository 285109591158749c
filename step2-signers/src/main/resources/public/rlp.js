// RLP, Ethereum's Recursive Length Prefix encoding (SPEC section 2), for the page: `encode`
// builds the inputs it sends, `parse` and `explain` let the inspector say what every byte of
// the server's RLP means.
//
// A value is a string of bytes (a Uint8Array) or a list of values. Every item starts with a
// prefix byte that says which and how long:
//   00–7f  a single byte below 0x80 is its own encoding
//   80–b7  a string of 0–55 bytes follows
//   b8–bf  the string's length follows in 1–8 bytes, then the string
//   c0–f7  a list whose items take the next 0–55 bytes
//   f8–ff  the list's length follows in 1–8 bytes, then its items

import { toHex } from './bytes.js';
import { plural } from './words.js';

const STRING = 0x80;
const LIST = 0xc0;
const SHORT_MAX = 55;

export function encode(value) {
  if (value instanceof Uint8Array) {
    if (value.length === 1 && value[0] < 0x80) {
      return value;
    }
    return concat([header(STRING, value.length), value]);
  }
  const payload = concat(value.map(encode));
  return concat([header(LIST, payload.length), payload]);
}

function header(offset, length) {
  if (length <= SHORT_MAX) {
    return Uint8Array.of(offset + length);
  }
  const lengthBytes = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
    lengthBytes.unshift(rest % 256);
  }
  return Uint8Array.of(offset + SHORT_MAX + lengthBytes.length, ...lengthBytes);
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Reads the item at `at` into a node that keeps the offsets of its parts:
 * `{kind: 'single' | 'string' | 'list', start, lengthBytes, payloadStart, length, end, items}`.
 * `bytes` may be only the first part of a longer encoding (the inspector shows a few hundred
 * bytes of a mempool that can hold megabytes): items are read as far as the bytes go, and an
 * item that runs past them keeps its full `end`. The server sends canonical RLP, so this does
 * not check it; the Java decoder is the strict one.
 */
export function parse(bytes, at = 0) {
  const prefix = bytes[at];
  if (prefix < STRING) {
    return { kind: 'single', start: at, lengthBytes: 0, payloadStart: at, length: 1, end: at + 1 };
  }
  const kind = prefix < LIST ? 'string' : 'list';
  const short = prefix - (kind === 'list' ? LIST : STRING);
  const lengthBytes = short > SHORT_MAX ? short - SHORT_MAX : 0;
  const payloadStart = at + 1 + lengthBytes;
  const length = lengthBytes ? readLength(bytes, at + 1, lengthBytes) : short;
  const node = { kind, start: at, lengthBytes, payloadStart, length, end: payloadStart + length };
  if (kind === 'list') {
    node.items = [];
    for (let item = payloadStart; item < Math.min(node.end, bytes.length); ) {
      const child = parse(bytes, item);
      node.items.push(child);
      item = child.end;
    }
  }
  return node;
}

/** A big-endian length, or Infinity when the bytes stop before it does. */
function readLength(bytes, at, count) {
  if (at + count > bytes.length) {
    return Infinity;
  }
  let length = 0;
  for (let i = 0; i < count; i++) {
    length = length * 256 + bytes[at + i];
  }
  return length;
}

/**
 * What the byte at `offset` means, where `offset` is in `node`'s own bytes (its header, or a
 * string's payload). `shown` is how the inspector shows the string's value, e.g. `'add'`.
 */
export function explain(bytes, node, offset, shown) {
  if (node.kind === 'single') {
    return `${toHex([bytes[offset]])}: a single byte below 0x80 is its own encoding: ${shown}`;
  }
  const isList = node.kind === 'list';
  const what = isList
    ? (node.length === 0 ? 'the empty list' : `a list whose items take the next ${node.length} bytes`)
    : (node.length === 0 ? 'the empty string (also the integer 0)'
        : `a string of ${node.length} bytes: ${shown}`);
  const kind = isList ? 'list' : 'string';
  if (offset === node.start && !node.lengthBytes) {
    return `${kind} header: ${toHex([isList ? LIST : STRING])} + ${node.length} → ${what}`;
  }
  if (offset === node.start) {
    const base = (isList ? LIST : STRING) + SHORT_MAX;
    return `long ${kind} header: ${toHex([base])} + ${node.lengthBytes} → the length follows`
      + ` in the next ${plural(node.lengthBytes, 'byte')}, big-endian`;
  }
  if (offset < node.payloadStart) {
    const which = node.lengthBytes === 1 ? 'length byte'
      : `length byte ${offset - node.start} of ${node.lengthBytes}`;
    const value = Number.isFinite(node.length)
      ? `${toHex(bytes.subarray(node.start + 1, node.payloadStart))} = ${node.length} → ${what}`
      : 'the rest of the length is past the bytes shown';
    return `${which}: ${value}`;
  }
  const byte = bytes[offset];
  return `byte ${offset - node.payloadStart + 1} of the ${node.length} bytes of ${shown}`
    + (byte >= 0x20 && byte <= 0x7e ? `: '${String.fromCharCode(byte)}'` : '');
}

/**
 * Reads the parts of a parsed value by their paths, for names that depend on other parts (a
 * key names a signer; a tx's method says what its arguments are): `at(path)` is `{bytes,
 * count}`, a string's bytes or a list's number of items, as far as `bytes` go (else null).
 */
export function lookup(bytes, root) {
  return path => {
    let node = root;
    for (const index of path) {
      node = node?.items?.[index];
    }
    const complete = node !== undefined && node.end <= bytes.length;
    return {
      bytes: complete && node.kind !== 'list' ? bytes.subarray(node.payloadStart, node.end) : null,
      count: node?.kind === 'list' ? node.items.length : null,
    };
  };
}

/** `at` (see lookup) for the part at `prefix`: paths from there down. */
export function within(at, prefix) {
  return path => at([...prefix, ...path]);
}
