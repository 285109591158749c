// The time machine: a slider over the heights of the chain, to see the state after any block.
// The server stores only the latest state; it rebuilds an older one by replaying the blocks
// from the start (History.java), so looking back costs a request. While the slider moves, the
// page asks only once it rests, and shows only the answer to its latest question.

const REST_MS = 150;

/**
 * Drives `slider` (an <input type=range>) and the `back` button. `load(height)` fetches a
 * block; `onPast(height, block)` shows the state after it (`block` is null while it loads);
 * `onLive()` shows the present again.
 */
export function createTimeMachine({ slider, back }, { load, onPast, onLive, onError }) {
  let now = 0; // the chain's height
  let past = null; // the height looked at, or null: the present
  let resting = null;
  let question = 0;

  slider.addEventListener('input', () => travel(Number(slider.value)));
  back.addEventListener('click', () => live());

  function travel(height) {
    clearTimeout(resting);
    if (height >= now) {
      live();
      return;
    }
    past = height;
    onPast(height, null);
    resting = setTimeout(() => ask(height), REST_MS);
  }

  async function ask(height) {
    const asked = ++question;
    try {
      const block = await load(height);
      if (asked === question) {
        onPast(height, block);
      }
    } catch (e) {
      if (asked === question) {
        onError(`cannot go back to block #${height}: ${e.message}`);
      }
    }
  }

  function live() {
    clearTimeout(resting);
    question++; // an answer still on its way is no longer wanted
    const wasPast = past !== null;
    past = null;
    slider.value = now;
    if (wasPast) {
      onLive();
    }
  }

  return {
    /** The chain grew to `height`: the slider reaches it, and follows it when live. */
    reach(height) {
      now = height;
      slider.max = Math.max(height, 1);
      slider.disabled = height < 2; // one block or none: no past to go to
      if (past === null) {
        slider.value = height;
      }
    },
    /** Whether the page shows the present. */
    isLive() {
      return past === null;
    },
    live,
  };
}
