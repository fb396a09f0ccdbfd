"""The LLM behind one small interface (`ChatModel`), built by `create_llm(settings)`.

`base` says what every backend does and how it fails; `openai_compatible` is the one backend
(LangChain's `ChatOpenAI` against any OpenAI-compatible server: vLLM, llama.cpp, Ollama, a hosted
API); `resilience` wraps any backend in timeouts, retries with backoff, a deadline and a circuit
breaker; `factory` picks and wires them from settings. Nothing here connects or imports the
OpenAI client until the first question that needs it.
"""

from assistant.llm.base import ChatModel, LLMCircuitOpen, LLMError, LLMTimeout, LLMUnavailable, complete
from assistant.llm.factory import create_llm

__all__ = ["ChatModel", "LLMCircuitOpen", "LLMError", "LLMTimeout", "LLMUnavailable", "complete", "create_llm"]
