"""hadath (حدث): Arabic news to structured, verifiable political event data.

    >>> import hadath
    >>> doc = hadath.analyze(text, published="2021-02-08")
    >>> doc.to_dict()      # the contract object (contract/document.schema.json)
"""
from .api import analyze, analyze_many
from .model import Document, Span
from .pipeline import Pipeline

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_many", "Document", "Span", "Pipeline", "__version__"]
