"""A `Pipeline` runs named stages over a `Document`, in order.

A stage is any callable taking a Document and filling part of it. Users list, skip or replace
stages by name:

    >>> from hadath.pipeline import Pipeline
    >>> nlp = Pipeline.default()
    >>> nlp.names
    ['sentences', 'tokens', 'figures', 'dates', 'entities', 'actors', 'quotes', 'events']
    >>> doc = nlp.without("events")("...")
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from importlib import import_module

from .model import Document

Stage = Callable[[Document], None]

# name -> "module:function". Importing a stage is cheap: lexicons and models load on first use.
DEFAULT_STAGES: list[tuple[str, str]] = [
    ("sentences", "hadath.text.sentences:split_sentences"),
    ("tokens", "hadath.text.tokens:tokenize"),
    ("figures", "hadath.figures:find_figures"),
    ("dates", "hadath.dates:find_dates"),
    ("entities", "hadath.entities:find_entities"),
    ("actors", "hadath.actors.resolve:resolve_actors"),
    ("quotes", "hadath.quotes:find_quotes"),
    ("events", "hadath.events.coder:code_events"),
]


def _load(ref: str) -> Stage:
    module, _, name = ref.partition(":")
    return getattr(import_module(module), name)


class Pipeline:
    def __init__(self, stages: Iterable[tuple[str, Stage | str]]):
        self.stages: list[tuple[str, Stage | str]] = list(stages)

    @classmethod
    def default(cls) -> "Pipeline":
        return cls((name, _load(ref)) for name, ref in DEFAULT_STAGES)

    @property
    def names(self) -> list[str]:
        return [n for n, _ in self.stages]

    def without(self, *names: str) -> "Pipeline":
        unknown = set(names) - set(self.names)
        if unknown:
            raise KeyError(f"no stage named {', '.join(sorted(unknown))}; stages: {', '.join(self.names)}")
        return Pipeline((n, s) for n, s in self.stages if n not in names)

    def until(self, name: str) -> "Pipeline":
        """The stages up to and including `name`."""
        i = self.names.index(name)
        return Pipeline(self.stages[: i + 1])

    def replace(self, name: str, stage: Stage) -> "Pipeline":
        if name not in self.names:
            raise KeyError(f"no stage named {name}; stages: {', '.join(self.names)}")
        return Pipeline((n, stage if n == name else s) for n, s in self.stages)

    def add(self, name: str, stage: Stage, after: str | None = None) -> "Pipeline":
        stages = list(self.stages)
        at = self.names.index(after) + 1 if after else len(stages)
        stages.insert(at, (name, stage))
        return Pipeline(stages)

    def __call__(self, doc: Document | str) -> Document:
        if isinstance(doc, str):
            doc = Document(text=doc)
        for _, stage in self.stages:
            stage(doc)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)
