"""A memo for functions of short text: a long argument is computed afresh, never kept alive by the cache."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

# Lines, sentences and words are short; a page-sized line (one giant paragraph) is rare, cheap to fold
# again, and cached it would stay in memory for the rest of a batch: 16,384 entries of such lines
# are gigabytes.
MAX_CHARS = 2000


def short_text_cache(maxsize: int) -> Callable[[F], F]:
    """lru_cache(maxsize) for calls whose positional string arguments are all at most MAX_CHARS long."""

    def decorate(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(*args: Any, **kwargs: Any) -> Any:
            for value in args:
                if isinstance(value, str) and len(value) > MAX_CHARS:
                    return function(*args, **kwargs)
            return cached(*args, **kwargs)

        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return decorate
