"""Packages whose names load on first use, so a process that needs one light name (an ingest
worker needs `Record`) does not import every heavy library behind the others."""
from __future__ import annotations

from importlib import import_module


def lazy_names(package: str, where: dict[str, str]):
    """A module `__getattr__` for `package` that imports `name` from `package.where[name]`."""
    def __getattr__(name: str):
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = import_module(f"{package}.{where[name]}")
        value = getattr(module, name)
        setattr(import_module(package), name, value)
        return value
    return __getattr__
