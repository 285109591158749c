// Signers (SPEC section 3, step 2): the server's children, each named by a 32-byte id. People
// would rather use names, so the page makes an id from a name, keccak256 of its UTF-8 bytes,
// and this browser remembers which name gave which id (in localStorage), so that names
// survive a reload. An id the page has no name for (another client made it) shows as short hex.

import { shortHash, toHex } from './bytes.js';
import { keccak256 } from './keccak.js';

const STORE = 'machines.signerNames';
const LONGEST_NAME = 64;
const names = load();

/** The id a name stands for: keccak256(utf8(name)), always 32 bytes. */
export function idOf(name) {
  return toHex(keccak256(new TextEncoder().encode(name)));
}

/** Reads a name typed into the page. */
export function parseName(text) {
  const name = text.trim();
  if (name === '' || name.length > LONGEST_NAME) {
    throw new Error(`a signer's name has 1 to ${LONGEST_NAME} characters, got '${name}'`);
  }
  return name;
}

/** Remembers a name (for good: the same name always gives the same id) and returns its id. */
export function remember(name) {
  const id = idOf(name);
  names.set(id, name);
  try {
    localStorage.setItem(STORE, JSON.stringify(Object.fromEntries(names)));
  } catch {
    // no storage (a private window, a full disk): the name lasts until the page reloads
  }
  return id;
}

/** The name this browser gave the signer `id` (0x-hex), or null. */
export function nameOf(id) {
  return names.get(id) ?? null;
}

/** A signer in a few characters: its name, or its id in short. */
export function label(id) {
  return nameOf(id) ?? shortHash(id);
}

/** The signer whose id is the string at `path`, for the inspector (`at`: see rlp.js lookup). */
export function labelAt(at, path) {
  const { bytes } = at(path);
  return bytes?.length === 32 ? label(toHex(bytes)) : '…';
}

function load() {
  try {
    return new Map(Object.entries(JSON.parse(localStorage.getItem(STORE) ?? '{}')));
  } catch {
    return new Map();
  }
}
