import pytest

from cptaudit.audit import Auditor
from cptaudit.ingest import parse_text
from cptaudit.link import link
from cptaudit.nlp import analyse
from cptaudit.reference import load_reference


@pytest.fixture(scope="session")
def reference():
    return load_reference()


@pytest.fixture(scope="session")
def auditor(reference):
    return Auditor(reference)


@pytest.fixture(scope="session")
def analyse_text(auditor):
    def run(text, markdown=False):
        return next(analyse(auditor.nlp, [parse_text("t.txt", text, markdown)]))
    return run


@pytest.fixture(scope="session")
def claims(analyse_text, auditor):
    """(code, concept, polarity) of every service claim in a text."""
    def run(text):
        return [(c.code, c.value, c.polarity) for c in link(analyse_text(text), auditor.grammar) if c.value is not None]
    return run


@pytest.fixture(scope="session")
def verdicts(auditor):
    """(code, verdict, claim) of every finding in a text."""
    def run(text):
        return [(f.code, f.verdict, f.claim) for f in auditor.audit_text(text).findings]
    return run


@pytest.fixture(scope="session")
def contradicted(auditor):
    def run(text):
        return [(f.code, f.claim) for f in auditor.audit_text(text).findings if f.verdict == "contradicted"]
    return run


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_the_work_tree(tmp_path_factory):
    """`cptaudit check` caches results in ./.cptaudit-cache by default: tests keep theirs in a temporary folder."""
    import os
    old = os.environ.get("CPTAUDIT_CACHE_DIR")
    os.environ["CPTAUDIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("CPTAUDIT_CACHE_DIR", None)
    else:
        os.environ["CPTAUDIT_CACHE_DIR"] = old
