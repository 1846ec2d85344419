"""Imported by the fork server that `hadath ingest` forks its analysis workers from: loads the
pipeline (less the stages named in $HADATH_INGEST_SKIP) before any worker exists, so that all
workers share its models and lexicons."""
import os

from .ingest import SKIP_ENV, warm

warm(tuple(s for s in os.environ.get(SKIP_ENV, "").split(",") if s))
