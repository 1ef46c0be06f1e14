"""Exports of a resident's plan: pure functions from a plan dict (docs/plan.schema.json)
to bytes or text, and `export_plan`, the one entry point that also writes the audit log.
See docs/exports.md.

`to_pdf` is imported on first use: WeasyPrint takes about half a second to import, which
every worker and CLI command would otherwise pay at start.
"""

from samtale.export.exporter import FORMATS, Export, export_plan, filename, pdf_picture
from samtale.export.fhir import to_fhir, to_fhir_json
from samtale.export.jsondoc import to_json
from samtale.export.markdown import to_markdown
from samtale.export.schema import SCHEMA_PATH, SCHEMA_VERSION, validate_plan
from samtale.export.text import TextBlock, text_blocks, to_text
from samtale.export.udredning import ThemeGroup, ThemeItem, udredning_summary, udredning_text

__all__ = [
    "FORMATS", "SCHEMA_PATH", "SCHEMA_VERSION", "Export", "TextBlock", "ThemeGroup",
    "ThemeItem", "export_plan", "filename", "pdf_picture", "text_blocks", "to_fhir",
    "to_fhir_json", "to_json", "to_markdown", "to_pdf", "to_text", "udredning_summary",
    "udredning_text", "validate_plan",
]


def __getattr__(name: str):
    if name == "to_pdf":
        from samtale.export.pdf import to_pdf

        return to_pdf
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
