"""The documentation stays true to the code: a short README, links that resolve, every setting listed."""

from __future__ import annotations

import re

from assistant.settings import PROJECT_ROOT, _variable_owners

DOCS = PROJECT_ROOT / "docs"
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_the_readme_is_short():
    assert len((PROJECT_ROOT / "README.md").read_text("utf-8").splitlines()) <= 300


def test_every_relative_link_of_the_readme_and_the_docs_resolves():
    for page in [PROJECT_ROOT / "README.md", *DOCS.glob("*.md")]:
        for target in _LINK.findall(page.read_text("utf-8")):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.name} links to a missing {target}"


def test_every_setting_is_documented_with_its_variable():
    documented = (DOCS / "settings.md").read_text("utf-8")
    for variable in _variable_owners():
        assert f"`ASSISTANT_{variable.upper()}`" in documented, f"ASSISTANT_{variable.upper()} is not in docs/settings.md"
