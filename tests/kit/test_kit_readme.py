"""The README's example of the testing kit runs, as written, in a pytest process of its own."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_example() -> str:
    """The first Python block of the README's "Testing your own flows" section."""
    section = README.read_text(encoding="utf-8").split("## Testing your own flows\n", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_the_readme_example_is_about_twenty_lines():
    lines = readme_example().strip().splitlines()
    assert 15 <= len(lines) <= 25, len(lines)


def test_the_readme_example_passes(pytester):
    pytester.makepyfile(test_readme_example=readme_example())
    result = pytester.runpytest_subprocess("-p", "gckey_tui.testing.plugin", "-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=1)
