"""Types shared by the stubs and the package, without importing pandas."""

from __future__ import annotations

from typing import Any, Iterable, Protocol


class _Rows(Protocol):
    """A pandas DataFrame, as far as yanxiu uses one (pandas stays optional)."""

    def iterrows(self) -> Iterable[tuple[Any, Any]]: ...
