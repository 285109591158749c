// Byte strings as the page meets them: 0x-hex in JSON, big-endian integers in RLP, ASCII
// method names (SPEC section 2). Counters and amounts can exceed 2^53, so integers are BigInt.

export function toHex(bytes) {
  return '0x' + Array.from(bytes, byteHex).join('');
}

/** One byte as two hex digits, without 0x: how the inspector writes bytes. */
export function byteHex(byte) {
  return byte.toString(16).padStart(2, '0');
}

/** Reads "0x..." hex; `maxBytes` keeps only the first bytes of a long string. */
export function fromHex(text, maxBytes = Infinity) {
  const digits = text.startsWith('0x') ? text.slice(2) : text;
  const length = Math.min(digits.length >> 1, maxBytes);
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    bytes[i] = parseInt(digits.substr(2 * i, 2), 16);
  }
  return bytes;
}

/** Big-endian with no leading zero byte; 0 is the empty string, as RLP wants integers. */
export function fromBigInt(value) {
  if (value < 0n) {
    throw new RangeError(`RLP integers are not negative, got ${value}`);
  }
  const hex = value === 0n ? '' : value.toString(16);
  return fromHex(hex.length % 2 ? '0' + hex : hex);
}

export function toBigInt(bytes) {
  return bytes.length === 0 ? 0n : BigInt(toHex(bytes));
}

export function fromAscii(text) {
  return Uint8Array.from(text, c => c.charCodeAt(0));
}

/** The bytes as text if every one is printable ASCII, else null. */
export function asAscii(bytes) {
  if (bytes.length === 0 || !bytes.every(b => b >= 0x20 && b <= 0x7e)) {
    return null;
  }
  return String.fromCharCode(...bytes);
}

/** A hash in a few characters, "0x3de1a9…": enough to tell the page's blocks apart. */
export function shortHash(hex) {
  return hex.slice(0, 8) + '…';
}
