"""Where Samtale's bundled files live, in a source tree, an editable install or a wheel.

A wheel carries templates/, static/ and question_banks/ inside the package (see
pyproject.toml, force-include); a source tree or editable install keeps them beside it.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder `name` (templates, static or question_banks)."""
    inside = PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / name


TRANSLATIONS_DIR = PACKAGE_DIR / "translations"
REFERENCE_DIR = PACKAGE_DIR / "reference"
