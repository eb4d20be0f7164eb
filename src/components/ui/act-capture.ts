/**
 * Props that tell the store where the user is acting, before the action itself runs. Pointer-down and
 * key-down, not a click's capture phase: a store update there re-renders before a checkbox's own click
 * handler, React then puts the controlled box back to its old value, and the click is lost.
 */
export function actCapture(onAct: (() => void) | undefined): { onPointerDownCapture?: () => void; onKeyDownCapture?: () => void } {
  return onAct ? { onPointerDownCapture: onAct, onKeyDownCapture: onAct } : {};
}
