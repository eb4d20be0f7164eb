"""The texts the pipeline validates with and the tokenizer goldens use: what the app sends by default
(src/store/clip-slice.ts DEFAULT_LABELS, src/shared/prompt-template.ts, src/features/blip/vqa-view.tsx EXAMPLES)."""

CLIP_TEMPLATE = "a photo of a {}"
CLIP_LABELS = ["cat", "dog", "coffee cup", "astronaut", "rocket", "coins", "camera", "galaxy"]
CAPTION_PROMPT = "a picture of"
VQA_QUESTIONS = ["What is in the picture?", "What color is it?", "How many are there?", "Is this indoors?",
                 "What is the person doing?"]
