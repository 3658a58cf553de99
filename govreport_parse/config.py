"""Configuration: one frozen :class:`ParseConfig` with per-stage sub-configs.

Anything that accepts a config takes ``None`` (defaults), a ``dict`` (merged
over the defaults, nested dicts for sub-configs) or a ``ParseConfig``.

>>> cfg = resolve_config({"limits": {"max_pages": 50}})
>>> cfg.limits.max_pages
50
>>> resolve_config(None) == ParseConfig()
True
>>> resolve_config({"limits": {"max_page": 5}})  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: unknown limits setting 'max_page'; known: ['max_chars', 'max_input_bytes', ...]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["CleanConfig", "Limits", "ParseConfig", "resolve_config"]

MB = 1024 * 1024
_LIMIT_MAX = float(2**62)
_LIMIT_MAXIMA = {"max_seconds": 1e7, "max_memory_mb": float(2**40)}
"""Upper bounds of the limits: a timer or resource limit beyond them cannot be set
(``--limit max_seconds=1e20`` is refused as a usage error, not a crash in a worker)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """Safety limits. Exceeding one raises :class:`LimitExceededError` naming it.

    Raise a limit with ``parse(path, config={"limits": {"max_pages": 5000}})``
    or on the command line with ``--limit max_pages=5000``.
    """

    max_input_bytes: int = 200 * MB
    max_pages: int = 1000
    max_unpacked_bytes: int = 300 * MB
    max_chars: int = 5_000_000
    max_seconds: float = 120.0
    #: each page read by OCR adds this many seconds to the document's ``max_seconds``
    max_ocr_page_seconds: float = 60.0
    max_memory_mb: int = 2048

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, (int, float)) or value <= 0:
                raise ValueError(f"Limits.{f.name} must be a positive number, got {value!r}")
            top = _LIMIT_MAXIMA.get(f.name, _LIMIT_MAX)
            if not value <= top:  # also NaN and infinity
                raise ValueError(f"Limits.{f.name} must be at most {top:g}, got {value!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanConfig:
    """Which fixers run. ``disabled`` names fixers to skip (see ``govreport_parse.clean.FIXERS``)."""

    disabled: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ParseConfig:
    """Everything that changes how a document is parsed."""

    limits: Limits = field(default_factory=Limits)
    clean: CleanConfig = field(default_factory=CleanConfig)
    extract_labels: bool = True
    pdf_tables: bool = True
    #: OCR of pages without a usable text layer: ``"auto"`` (the pages that need it, when the
    #: ``ocr`` extra is installed), ``"off"`` (never), ``"force"`` (every PDF page)
    ocr: Literal["auto", "off", "force"] = "auto"

    def __post_init__(self) -> None:
        if not isinstance(self.limits, Limits):
            raise TypeError("ParseConfig.limits must be a Limits")
        if not isinstance(self.clean, CleanConfig):
            raise TypeError("ParseConfig.clean must be a CleanConfig")
        if self.ocr not in ("auto", "off", "force"):
            raise ValueError(f"ParseConfig.ocr must be 'auto', 'off' or 'force', got {self.ocr!r}")


_SUB = {"limits": Limits, "clean": CleanConfig}


def resolve_config(config: ParseConfig | Mapping[str, Any] | None) -> ParseConfig:
    """Turn ``None | dict | ParseConfig`` into a validated :class:`ParseConfig`."""
    if config is None:
        return _DEFAULT
    if isinstance(config, ParseConfig):
        return config
    if not isinstance(config, Mapping):
        raise TypeError(f"config must be None, a dict or a ParseConfig, not {type(config).__name__}")
    kwargs: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(ParseConfig)}
    for key, value in config.items():
        if key not in names:
            raise ValueError(f"unknown config key {key!r}; known: {sorted(names)}")
        sub = _SUB.get(key)
        if sub is not None and isinstance(value, Mapping):
            known = {f.name for f in dataclasses.fields(sub)}
            unknown = sorted(set(value) - known)
            if unknown:
                raise ValueError(f"unknown {key} setting {unknown[0]!r}; known: {sorted(known)}")
            value = sub(**{k: tuple(v) if isinstance(v, list) else v for k, v in value.items()})
        kwargs[key] = value
    return ParseConfig(**kwargs)


_DEFAULT = ParseConfig()
