import type { ModelTask } from './model-registry';

/** What each task's model is called on screen: the Models panel, the tools and the messages that name a failed load. */
export const TASK_LABELS: Record<ModelTask, string> = {
  clip: 'CLIP',
  caption: 'BLIP captioning',
  vqa: 'BLIP VQA',
  itm: 'BLIP retrieval',
};
