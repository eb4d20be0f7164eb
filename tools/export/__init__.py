"""ONNX exporter for BLIP (caption, VQA) and CLIP in the folder layout of DESIGN §3."""
