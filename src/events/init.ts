/** Every pex-* event bubbles and is composed (it crosses shadow roots); requests are cancelable. */
export const eventInit = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });
