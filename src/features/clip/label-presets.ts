/** Starting label sets; users edit from there. */
export const LABEL_PRESETS: Record<string, string[]> = {
  animals: ['cat', 'dog', 'horse', 'bird', 'fish', 'elephant', 'lion', 'rabbit'],
  scenes: ['a beach', 'a forest', 'a city street', 'a kitchen', 'outer space', 'a mountain', 'an office', 'a night sky'],
  objects: ['coffee cup', 'camera', 'coins', 'rocket', 'bicycle', 'laptop', 'book', 'chair'],
};
