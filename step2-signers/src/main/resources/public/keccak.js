// Keccak-256 as Ethereum uses it (SPEC section 2: the original padding, not SHA3-256), so that
// the page can check a block's hash itself: blockHash = keccak256(rlp(block)).
//
// The state is 25 lanes of 64 bits; JavaScript has no 64-bit integers that are fast, so each
// lane is two 32-bit halves in a Uint32Array: lane i is (state[2i] low, state[2i + 1] high).

const RATE = 136; // bytes absorbed per permutation: 1600 bits minus twice the 256-bit output
const ROUNDS = 24;

export function keccak256(bytes) {
  const state = new Uint32Array(50);
  const padded = new Uint8Array((Math.floor(bytes.length / RATE) + 1) * RATE);
  padded.set(bytes);
  padded[bytes.length] ^= 0x01; // Keccak's padding; SHA3-256 would put 0x06 here
  padded[padded.length - 1] ^= 0x80;
  for (let block = 0; block < padded.length; block += RATE) {
    for (let i = 0; i < RATE / 4; i++) {
      const at = block + 4 * i;
      state[i] ^= padded[at] | padded[at + 1] << 8 | padded[at + 2] << 16 | padded[at + 3] << 24;
    }
    permute(state);
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = state[i >> 2] >>> (8 * (i & 3));
  }
  return out;
}

/** Keccak-f[1600], written as the compact reference code does (no tables but the loop's). */
function permute(state) {
  const c = new Uint32Array(10);
  const row = new Uint32Array(10);
  let lfsr = 1; // makes the round constants, 7 bits a round
  for (let round = 0; round < ROUNDS; round++) {
    // θ: every lane takes in the parity of two nearby columns
    for (let i = 0; i < 10; i++) {
      c[i] = state[i] ^ state[i + 10] ^ state[i + 20] ^ state[i + 30] ^ state[i + 40];
    }
    for (let x = 0; x < 5; x++) {
      const left = 2 * ((x + 4) % 5);
      const right = 2 * ((x + 1) % 5);
      const lo = c[left] ^ (c[right] << 1 | c[right + 1] >>> 31);
      const hi = c[left + 1] ^ (c[right + 1] << 1 | c[right] >>> 31);
      for (let lane = x; lane < 25; lane += 5) {
        state[2 * lane] ^= lo;
        state[2 * lane + 1] ^= hi;
      }
    }
    // ρ and π: lanes move to new places, each rotated by its own amount
    let x = 1;
    let y = 0;
    let lo = state[2];
    let hi = state[3];
    for (let t = 0, shift = 0; t < 24; t++) {
      shift += t + 1;
      [x, y] = [y, (2 * x + 3 * y) % 5];
      const at = 2 * (x + 5 * y);
      const nextLo = state[at];
      const nextHi = state[at + 1];
      let n = shift % 64;
      if (n >= 32) {
        const swap = lo;
        lo = hi;
        hi = swap;
        n -= 32;
      }
      state[at] = n ? lo << n | hi >>> (32 - n) : lo;
      state[at + 1] = n ? hi << n | lo >>> (32 - n) : hi;
      lo = nextLo;
      hi = nextHi;
    }
    // χ: each row of five lanes mixes with itself, the only step that is not linear
    for (let start = 0; start < 50; start += 10) {
      for (let i = 0; i < 10; i++) {
        row[i] = state[start + i];
      }
      for (let i = 0; i < 10; i++) {
        state[start + i] = row[i] ^ (~row[(i + 2) % 10] & row[(i + 4) % 10]);
      }
    }
    // ι: the round constant, bit 2^j - 1 set when the LFSR says so
    for (let j = 0; j < 7; j++) {
      lfsr = ((lfsr << 1) ^ (lfsr & 0x80 ? 0x71 : 0)) & 0xff;
      if (lfsr & 2) {
        const bit = (1 << j) - 1;
        state[bit < 32 ? 0 : 1] ^= 1 << (bit % 32);
      }
    }
  }
}
