"""The JSON Schema of ``khabar.document/1``, shipped as package data."""
from __future__ import annotations

import json
from importlib import resources
from typing import Any


def document_schema() -> dict[str, Any]:
    return json.loads(resources.files("khabar.schema").joinpath("document.schema.json").read_text("utf-8"))


def validate_document(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` is not a valid khabar.document/1."""
    import jsonschema

    jsonschema.validate(data, document_schema())
