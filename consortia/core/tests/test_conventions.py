"""House rules that hold for every app, so the next app keeps them too (STYLE.md):

- every public service and selector (`<app>/services.py`, `<app>/selectors.py`) has a
  docstring saying what it guarantees, or what it returns and at what query cost;
- every module-level function there and in `<app>/access.py` and `<app>/rules.py` has
  every parameter and its return annotated, `actor` included.

mypy holds the modules it lists as strict (pyproject.toml); these tests hold the rule
for a module before anyone remembers to list it. Read with `ast`, so nothing is
imported and no database is needed.
"""

import ast
from pathlib import Path

import pytest

import consortia

ROOT = Path(consortia.__file__).parent
DOCUMENTED = ("services.py", "selectors.py")
ANNOTATED = (*DOCUMENTED, "access.py", "rules.py")


def modules(names: tuple[str, ...]) -> list[Path]:
    return sorted(path for name in names for path in ROOT.glob(f"*/{name}"))


def functions(source: str) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    tree = ast.parse(source)
    return [node for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]


def undocumented(source: str) -> list[str]:
    """Public module-level functions without a docstring."""
    return [f.name for f in functions(source) if not f.name.startswith("_") and ast.get_docstring(f) is None]


def unannotated(source: str) -> list[str]:
    """'function(parameter)' for each parameter without an annotation, and
    'function -> ?' for each function without a return annotation."""
    found = []
    for f in functions(source):
        arguments = f.args
        parameters = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        parameters += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
        found += [f"{f.name}({p.arg})" for p in parameters if p.annotation is None]
        if f.returns is None:
            found.append(f"{f.name} -> ?")
    return found


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", modules(DOCUMENTED), ids=relative)
def test_every_public_service_and_selector_has_a_docstring(path):
    assert undocumented(path.read_text()) == [], f"{relative(path)}: say what each of these guarantees"


@pytest.mark.parametrize("path", modules(ANNOTATED), ids=relative)
def test_every_function_in_services_selectors_access_and_rules_is_fully_annotated(path):
    assert unannotated(path.read_text()) == [], f"{relative(path)}: annotate these"


def test_the_modules_checked_include_every_apps_services_and_selectors():
    checked = {relative(path) for path in modules(ANNOTATED)}
    assert {
        "canvas/services.py",
        "consultations/services.py",
        "decisions/selectors.py",
        "partnerships/access.py",
    } <= checked


def test_the_checks_find_a_missing_docstring_and_a_missing_annotation():
    source = '''
def thing_update(*, actor, thing: int) -> None:
    pass


def thing_list(thing: int, *rest: int, **options):
    """Documented."""


def _helper(value):
    pass
'''
    assert undocumented(source) == ["thing_update"]
    assert unannotated(source) == [
        "thing_update(actor)",
        "thing_list(options)",
        "thing_list -> ?",
        "_helper(value)",
        "_helper -> ?",
    ]
