// The WebSocket to the server (SPEC section 6, /ws), kept open: when it closes, it opens it
// again after a pause that doubles after every failed try, so that a server that is down is
// not flooded with attempts, and a restarted one is found again within seconds.

const FIRST_PAUSE_MS = 500;
const LONGEST_PAUSE_MS = 8000;

/**
 * Connects to `path` on the page's own host. `onStatus(status, pauseMs)` hears 'connecting',
 * 'connected' and 'reconnecting'; `onOpen` runs on every (re)connection; `onMessage` gets
 * each JSON message the server sends.
 */
export function connect(path, { onStatus, onOpen, onMessage }) {
  const url = new URL(path, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  let socket;
  let pause = FIRST_PAUSE_MS;

  function open() {
    onStatus('connecting');
    socket = new WebSocket(url);
    socket.onopen = () => {
      pause = FIRST_PAUSE_MS;
      onStatus('connected');
      onOpen();
    };
    socket.onmessage = event => onMessage(JSON.parse(event.data));
    socket.onclose = () => { // also after a failed attempt
      onStatus('reconnecting', pause);
      setTimeout(open, pause);
      pause = Math.min(2 * pause, LONGEST_PAUSE_MS);
    };
  }

  open();
  return {
    /** Sends bytes as one binary frame: one RLP input. */
    send(bytes) {
      if (socket.readyState !== WebSocket.OPEN) {
        throw new Error('not connected to the server; the page reconnects by itself');
      }
      socket.send(bytes);
    },
  };
}
