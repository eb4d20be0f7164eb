import { fireEvent } from '@testing-library/react';

/** A person's click: the pointer goes down first (panels note where the user acts on pointer-down, act-capture.ts). */
export function press(element: Element): void {
  fireEvent.pointerDown(element);
  fireEvent.click(element);
}
