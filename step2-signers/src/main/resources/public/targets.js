// Where an `add` from the page goes (SPEC section 3, "Inputs"): to the server, path [], or to
// a signer, path [signerId]. The dropdown offers the server and the signers the tree shows;
// clicking a node in the tree chooses it too.

import { label } from './signers.js';

/** Drives `select`; `onChange(id)` hears every change ('' for the server). */
export function createTargets(select, onChange) {
  let offered = '';
  select.addEventListener('change', () => onChange(select.value));

  return {
    /** The target: '' for the server, or a signer's id. */
    value() {
      return select.value;
    },
    /** The signers one may choose, by id; a chosen one that is gone falls back to the server. */
    offer(ids) {
      const options = [['', 'the server'], ...ids.map(id => [id, `signer ${label(id)}`])];
      const key = options.flat().join(' ');
      if (key === offered) {
        return;
      }
      offered = key;
      const chosen = select.value;
      select.replaceChildren(...options.map(([id, text]) => new Option(text, id)));
      select.value = ids.includes(chosen) ? chosen : '';
      if (select.value !== chosen) {
        onChange(select.value);
      }
    },
    choose(id) {
      select.value = id;
    },
  };
}
