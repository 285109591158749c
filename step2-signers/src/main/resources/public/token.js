// The API token (SPEC section 6, step 2 on): inputs for the server or a signer need it. The
// server prints a link with it at start-up, http://HOST:PORT/?token=TOKEN; the page reads the
// token from its own address and passes it on the WebSocket's URL, /ws?token=TOKEN. Without
// it the page can still watch: block events and GET requests need no token.

export const token = new URLSearchParams(location.search).get('token') || null;

/**
 * Why the page only watches, and where to find the token: without one (`serverSays` null), or
 * in the server's own words when it refused the page's.
 */
export function watchingOnly(serverSays = null) {
  const why = serverSays === null ? 'Watching only: inputs need the API token.'
    : `The server says: ${serverSays}.`;
  const code = document.createElement('code');
  code.textContent = '?token=…';
  return [`${why} Open the link the server printed at start-up: it ends in `, code];
}

/** A WebSocket path with the token on it, when the page has one. */
export function withToken(path) {
  return token === null ? path : `${path}?token=${encodeURIComponent(token)}`;
}
