"""array-api-strict adapter: the standard's minimal reference namespace, through DLPack."""

from __future__ import annotations

from typing import Any, ClassVar

import array_api_strict

from conformance.adapters.base import ARRAY_API, Adapter


class ArrayAPIStrictAdapter(Adapter):
    """No ``.base``, no ``shares_memory``, no flags: only the witnesses can speak."""

    name: ClassVar[str] = "array_api_strict"
    library: ClassVar[str] = "array-api-strict"
    alias: ClassVar[str] = "xp"

    def namespace(self, api: str) -> Any | None:
        return array_api_strict if api == ARRAY_API else None

    def repro_imports(self) -> list[str]:
        return ["import array_api_strict as xp"]


adapter = ArrayAPIStrictAdapter()
