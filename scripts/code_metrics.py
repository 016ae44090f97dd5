"""Measures of the code's shape, for the architecture notes (no dependencies):

    .venv/bin/python scripts/code_metrics.py [--json]

lines per module (median, p90; migrations and tests apart), functions over 60 lines
(named), imports of project code inside functions, the apps that import each other in a
cycle (strongly connected components of the app import graph), and tests per app.
"""

import ast
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "thermometer"
LONG = 60


def _app(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "migrations" in parts:
            continue
        yield path, "tests" in parts


def _top_level_imports(tree) -> list:
    """Imports that run when the module is imported (also under a top-level if or try)."""
    found, todo = [], list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If | ast.Try):
            todo += node.body + node.orelse + getattr(node, "finalbody", [])
            todo += [n for handler in getattr(node, "handlers", []) for n in handler.body]
    return found


def _imported_apps(node) -> set[str]:
    names = []
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        names.append(node.module)
    elif isinstance(node, ast.Import):
        names += [alias.name for alias in node.names]
    return {n.split(".")[1] for n in names if n.startswith("thermometer.") and n.count(".") >= 1}


def measure() -> dict:
    code_lines, long_functions, inner_imports = [], [], []
    graph: dict[str, set[str]] = defaultdict(set)  # every import of another app
    top_graph: dict[str, set[str]] = defaultdict(set)  # imports at module level only
    tests: dict[str, int] = defaultdict(int)
    for path, is_test in _modules():
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        app = _app(path)
        if is_test:
            tests[app] += sum(
                1
                for node in ast.walk(tree)
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                and node.name.startswith("test_")
            )
            continue
        code_lines.append(len(text.splitlines()))
        top_level = {id(n) for n in _top_level_imports(tree)}
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LONG:
                    long_functions.append((f"{path.relative_to(ROOT)}:{node.name}", length))
            others = _imported_apps(node) - {app}
            if not others:
                continue
            if id(node) in top_level:
                top_graph[app] |= others
            else:
                inner_imports.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            graph[app] |= others
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tests["(cross-cutting)"] += sum(
            1
            for n in ast.walk(tree)
            if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")
        )
    ordered = sorted(code_lines)
    cycles = [sorted(c) for c in _components(graph) if len(c) > 1]
    top_cycles = [sorted(c) for c in _components(top_graph) if len(c) > 1]
    return {
        "modules": len(code_lines),
        "lines": sum(code_lines),
        "lines_per_module_median": statistics.median(ordered),
        "lines_per_module_p90": ordered[int(0.9 * (len(ordered) - 1))],
        "functions_over_60_lines": len(long_functions),
        "longest_functions": sorted(long_functions, key=lambda f: -f[1])[:15],
        "project_imports_inside_functions": len(inner_imports),
        "project_imports_inside_functions_at": inner_imports,
        "apps_in_import_cycles": sum(len(c) for c in cycles),
        "import_cycles": cycles,
        "apps_in_module_level_import_cycles": sum(len(c) for c in top_cycles),
        "module_level_import_cycles": top_cycles,
        "tests_per_app": dict(sorted(tests.items())),
    }


def _components(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's strongly connected components."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]
    nodes = set(graph) | {n for targets in graph.values() for n in targets}

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            found.append(component)

    sys.setrecursionlimit(10_000)
    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return found


if __name__ == "__main__":
    result = measure()
    if "--json" in sys.argv:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
