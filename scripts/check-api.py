#!/usr/bin/env python3
"""The public headers are the contract; everything that repeats them by hand is checked here.

include/ltvcrm/*.h is read (every LTV_API prototype, every enum value and #define, the version
macros) and compared with:

- abi/*.symbols: the exported names, both ways;
- the Python ctypes declarations (bindings/python/ltvcrm/*.py: the (restype, [argtypes])
  tables of _PROTOTYPES and register({...})): every function, its result and each argument;
- the Ruby FFI declarations (bindings/ruby/lib/**/*.rb: `ltv_x: [[args], ret]` tables and
  attach_function lines): the same;
- the enum mirrors of the bindings: Python IntEnum/IntFlag classes and name->number dicts,
  Ruby %i[...] lists (index = value) and {name: number} hashes, matched to the C enum whose
  names they spell (State.FAN and %i[... fan ...] to LTV_STATE_FAN);
- the version: CMakeLists.txt, LTV_VERSION_* in common.h, pyproject.toml, __version__, the
  gem's VERSION, and ABI_MAJOR in both bindings.

Every difference is printed as one line saying where and what to write, and the exit status
is 1. A function that is deliberately not bound goes in NOT_BOUND below, with the reason.

Usage: python3 scripts/check-api.py [--verbose] [ROOT]     (run by scripts/test.sh; --verbose lists
the enum mirrors it found)
"""

from __future__ import annotations

import ast
import glob
import os
import re
import sys

# Functions the bindings leave out on purpose: name -> why.
NOT_BOUND = {
    "ltv_set_allocator": "C function pointers called from every thread of the library; a Python or Ruby "
                         "allocator would run under the GIL/GVL from C threads",
}

_ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
ROOT = os.path.abspath(_ARGS[0] if _ARGS else os.path.join(os.path.dirname(__file__), ".."))
problems: list[str] = []


def rel(path: str) -> str:
    return os.path.relpath(path, ROOT)


def problem(text: str) -> None:
    problems.append(text)


# ---- the headers ----------------------------------------------------------------------------

SCALARS = {"int", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t",
           "size_t", "double", "float", "char", "void", "unsigned", "bool", "_Bool"}


class CType:
    """A C type as (base, pointer depth): `const char *` is ("char", 1)."""

    def __init__(self, base: str, depth: int):
        self.base, self.depth = base, depth

    def __str__(self) -> str:
        return self.base + (" " + "*" * self.depth if self.depth else "")


class Function:
    def __init__(self, name: str, ret: CType, params: list[tuple[CType, str]], header: str, text: str):
        self.name, self.ret, self.params, self.header, self.text = name, ret, params, header, text


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


ENUM_TYPEDEFS: set[str] = set()
FN_TYPEDEFS: set[str] = set()


def parse_type(text: str) -> CType:
    depth = text.count("*") + text.count("[")
    words = [w for w in re.findall(r"[A-Za-z_]\w*", text) if w not in ("const", "volatile", "restrict", "struct",
                                                                      "enum")]
    words = [w for w in words if not re.fullmatch(r"LTV_[A-Z0-9_]+", w)]  # LTV_API, attribute macros
    base = " ".join(words) or "int"
    if base in ENUM_TYPEDEFS:
        base = "int"
    if base in ("unsigned int", "unsigned"):
        base = "unsigned"
    return CType(base, depth)


def parse_param(text: str) -> tuple[CType, str]:
    text = text.strip()
    m = re.match(r"^(.*?)([A-Za-z_]\w*)\s*(\[[^\]]*\])?$", text)
    if m and m.group(1).strip() and m.group(1).strip() not in ("const", "struct", "enum", "unsigned"):
        return parse_type(m.group(1) + (m.group(3) or "")), m.group(2)
    return parse_type(text), ""


def eval_c(expr: str, names: dict[str, int]) -> int | None:
    expr = re.sub(r"\(\s*(?:u?int\d+_t|int|unsigned|size_t|long|long long)\s*\)", "", expr)
    expr = re.sub(r"\b(0[xX][0-9a-fA-F]+|\d+)[uUlL]+\b", r"\1", expr)

    def name(m: re.Match) -> str:
        return str(names[m.group(0)]) if m.group(0) in names else m.group(0)

    expr = re.sub(r"[A-Za-z_]\w*", name, expr)
    if not re.fullmatch(r"[0-9xXa-fA-F\s()+\-*/<>|&~]*", expr) or not expr.strip():
        return None
    try:
        return int(eval(expr.replace("/", "//"), {"__builtins__": {}}))  # digits and operators only
    except Exception:
        return None


def read_headers():
    functions: dict[str, Function] = {}
    constants: dict[str, int] = {}
    blocks: list[list[str]] = []  # the names of each enum, in order
    macros: dict[str, str] = {}
    headers = sorted(glob.glob(os.path.join(ROOT, "include", "ltvcrm", "*.h")))
    texts = {h: strip_comments(open(h, encoding="utf-8").read()) for h in headers}
    for text in texts.values():
        ENUM_TYPEDEFS.update(re.findall(r"typedef\s+enum\s+\w*\s*\{[^}]*\}\s*(\w+)\s*;", text))
        FN_TYPEDEFS.update(re.findall(r"typedef[^;{}]*\(\s*\*\s*(\w+)\s*\)\s*\(", text))
    for header, text in texts.items():
        for m in re.finditer(r"^[ \t]*#[ \t]*define[ \t]+(LTV_\w+)[ \t]+([^\n]+)", text, flags=re.M):
            macros[m.group(1)] = m.group(2).strip()
        for m in re.finditer(r"\benum\s*\w*\s*\{([^}]*)\}", text):
            names, value = [], -1
            for item in m.group(1).split(","):
                item = item.strip()
                if not item:
                    continue
                nm = re.match(r"(\w+)\s*(?:=\s*(.+))?$", item, flags=re.S)
                if not nm:
                    continue
                if nm.group(2) is not None:
                    v = eval_c(nm.group(2), constants)
                    value = v if v is not None else value + 1
                else:
                    value += 1
                constants[nm.group(1)] = value
                names.append(nm.group(1))
            blocks.append(names)
        for m in re.finditer(r"\bLTV_API\b([^;{}()]*?)\b(ltv_\w+)\s*\(([^)]*)\)\s*;", text):
            params = [] if m.group(3).strip() in ("", "void") else [parse_param(p) for p in m.group(3).split(",")]
            line = text[:m.start()].count("\n") + 1
            functions[m.group(2)] = Function(m.group(2), parse_type(m.group(1)), params,
                                             f"{rel(header)}:{line}", " ".join(m.group(0).split()))
    for _ in range(3):  # macros that name other macros
        for name, body in macros.items():
            if name not in constants:
                v = eval_c(body, constants)
                if v is not None:
                    constants[name] = v
    return functions, constants, blocks, macros


FUNCTIONS, CONSTANTS, BLOCKS, MACROS = read_headers()


def c_signature(fn: Function) -> str:
    return f"{fn.text}  ({fn.header})"


# ---- abi/*.symbols ---------------------------------------------------------------------------

def check_symbols() -> None:
    listed: dict[str, str] = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "abi", "*.symbols"))):
        for line in open(path, encoding="utf-8"):
            name = line.split("#")[0].strip()
            if name:
                if name in listed:
                    problem(f"abi: {name} is listed twice ({listed[name]} and {rel(path)})")
                listed[name] = rel(path)
    for name, fn in sorted(FUNCTIONS.items()):
        if name not in listed:
            problem(f"abi: {name} is declared LTV_API in {fn.header} but listed in no abi/*.symbols "
                    f"(add it to abi/<module>.symbols)")
    for name, path in sorted(listed.items()):
        if name not in FUNCTIONS:
            problem(f"abi: {path} lists {name}, which no public header declares with LTV_API")


# ---- binding type checks --------------------------------------------------------------------
# A binding type is ("scalar", c-name), ("void",), ("any-ptr",), ("char-ptr",), ("fn-ptr",),
# ("ptr", inner binding type) or ("status",).

def same_scalar(c: CType, scalar: str) -> bool:
    if c.depth:
        return False
    if c.base == scalar:
        return True
    return {c.base, scalar} <= {"int", "int32_t"}  # int is 32 bits on every platform we build for


def fits(c: CType, b: tuple, result: bool = False) -> bool:
    kind = b[0]
    if kind == "status":  # an int that is a status when negative (a count otherwise, maybe)
        return same_scalar(c, "int")
    if kind == "void":
        return c.depth == 0 and c.base == "void"
    if kind == "scalar":
        return same_scalar(c, b[1])
    if kind == "fn-ptr":
        return c.depth == 0 and c.base in FN_TYPEDEFS
    if kind == "any-ptr":
        return c.depth >= 1 or c.base in FN_TYPEDEFS
    if kind == "char-ptr":
        return c.depth == 1 and c.base == "char"
    if kind == "ptr":
        return c.depth >= 1 and fits(CType(c.base, c.depth - 1), b[1])
    return False


def show(b: tuple) -> str:
    if b[0] == "scalar":
        return b[1]
    if b[0] == "ptr":
        return f"pointer to {show(b[1])}"
    return {"status": "int (status)", "void": "void", "any-ptr": "pointer", "char-ptr": "char *",
            "fn-ptr": "function pointer"}[b[0]]


def check_binding(lang: str, decls: dict[str, tuple[tuple, list[tuple], str]], how: str) -> None:
    for name, (ret, args, where) in sorted(decls.items()):
        fn = FUNCTIONS.get(name)
        if not fn:
            problem(f"{lang}: {where} declares {name}, which no public header declares with LTV_API")
            continue
        if not fits(fn.ret, ret, result=True):
            problem(f"{lang}: {where} {name} returns {show(ret)}, the header says {fn.ret}: {c_signature(fn)}")
        if len(args) != len(fn.params):
            problem(f"{lang}: {where} {name} has {len(args)} arguments, the header {len(fn.params)}: "
                    f"{c_signature(fn)}")
            continue
        for i, (b, (c, pname)) in enumerate(zip(args, fn.params)):
            if not fits(c, b):
                problem(f"{lang}: {where} {name} argument {i + 1} ({pname or 'unnamed'}) is {show(b)}, "
                        f"the header says {c}: {c_signature(fn)}")
    for name, fn in sorted(FUNCTIONS.items()):
        if name not in decls and name not in NOT_BOUND:
            problem(f"{lang}: {name} is not declared ({how}); header: {c_signature(fn)}")


# ---- Python ----------------------------------------------------------------------------------

CTYPES = {"c_int": "int", "c_int8": "int8_t", "c_uint8": "uint8_t", "c_int16": "int16_t", "c_uint16": "uint16_t",
          "c_int32": "int32_t", "c_uint32": "uint32_t", "c_int64": "int64_t", "c_uint64": "uint64_t",
          "c_size_t": "size_t", "c_double": "double", "c_float": "float", "c_bool": "bool", "c_char": "char",
          "c_uint": "unsigned"}


def python_type(node: ast.AST, env: dict[str, ast.AST], depth: int = 0) -> tuple:
    if depth > 20:
        return ("?",)
    if isinstance(node, ast.Constant):
        if node.value is None:
            return ("void",)
        if node.value in ("status", "status_or_bufsize"):
            return ("status",)
    if isinstance(node, ast.Attribute):  # ctypes.c_int
        node = ast.Name(id=node.attr)
    if isinstance(node, ast.Name):
        if node.id in CTYPES:
            return ("scalar", CTYPES[node.id])
        if node.id == "c_void_p":
            return ("any-ptr",)
        if node.id == "c_char_p":
            return ("char-ptr",)
        if node.id.endswith("_FN"):
            return ("fn-ptr",)
        if node.id in env:
            return python_type(env[node.id], env, depth + 1)
    if isinstance(node, ast.Call) and node.args:
        fn = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if fn == "POINTER" or env.get(fn) is not None and python_type(env[fn], env, depth + 1) == ("POINTER",):
            return ("ptr", python_type(node.args[0], env, depth + 1))
    if isinstance(node, ast.Name) and node.id == "POINTER":
        return ("POINTER",)
    return ("?", ast.unparse(node))


def module_env(tree: ast.Module) -> dict[str, ast.AST]:
    env: dict[str, ast.AST] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                env[target.id] = stmt.value
            elif isinstance(target, ast.Tuple) and isinstance(stmt.value, ast.Tuple):
                for t, v in zip(target.elts, stmt.value.elts):
                    if isinstance(t, ast.Name):
                        env[t.id] = v
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            env[stmt.target.id] = stmt.value
    return env


def python_decls() -> dict[str, tuple[tuple, list[tuple], str]]:
    decls: dict[str, tuple[tuple, list[tuple], str]] = {}
    files = sorted(glob.glob(os.path.join(ROOT, "bindings", "python", "ltvcrm", "*.py")))
    lib_env = {}
    for path in files:
        if path.endswith("_lib.py"):
            lib_env = module_env(ast.parse(open(path, encoding="utf-8").read()))
    for path in files:
        tree = ast.parse(open(path, encoding="utf-8").read())
        env = dict(lib_env)
        env.update(module_env(tree))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Dict):
                continue
            for key, value in zip(node.keys, node.values):
                if not (isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value.startswith("ltv_")):
                    continue
                if not (isinstance(value, ast.Tuple) and len(value.elts) == 2 and isinstance(value.elts[1], ast.List)):
                    continue
                where = f"{rel(path)}:{key.lineno}"
                if key.value in decls:
                    problem(f"python: {where} declares {key.value} again (first at {decls[key.value][2]})")
                decls[key.value] = (python_type(value.elts[0], env),
                                    [python_type(a, env) for a in value.elts[1].elts], where)
    return decls


# ---- Ruby ------------------------------------------------------------------------------------

FFI = {":int": "int", ":int8": "int8_t", ":uint8": "uint8_t", ":int16": "int16_t", ":uint16": "uint16_t",
       ":int32": "int32_t", ":uint32": "uint32_t", ":int64": "int64_t", ":uint64": "uint64_t",
       ":size_t": "size_t", ":double": "double", ":float": "float", ":bool": "bool", ":uint": "unsigned",
       ":char": "char"}


def ruby_type(token: str, callbacks: set[str]) -> tuple:
    token = token.strip()
    if token.startswith("Native::"):
        token = token[len("Native::"):]
    if token in ("P", ":pointer", ":buffer_in", ":buffer_out", ":buffer_inout"):
        return ("any-ptr",)
    if token == ":string":
        return ("char-ptr",)
    if token in (":status", ":status_or_bufsize"):
        return ("status",)
    if token == ":void":
        return ("void",)
    if token in FFI:
        return ("scalar", FFI[token])
    if token.lstrip(":") in callbacks:
        return ("fn-ptr",)
    return ("?", token)


def ruby_args(text: str, callbacks: set[str]) -> list[tuple]:
    text = text.strip()
    if text.startswith("%i["):
        return [ruby_type(":" + w, callbacks) for w in text[3:-1].split()]
    inner = text[1:-1].strip()
    return [ruby_type(t, callbacks) for t in inner.split(",")] if inner else []


def ruby_decls() -> dict[str, tuple[tuple, list[tuple], str]]:
    decls: dict[str, tuple[tuple, list[tuple], str]] = {}
    files = sorted(glob.glob(os.path.join(ROOT, "bindings", "ruby", "lib", "**", "*.rb"), recursive=True))
    texts = {p: open(p, encoding="utf-8").read() for p in files}
    callbacks = {m for t in texts.values() for m in re.findall(r"\bcallback\s+:(\w+)", t)}
    entry = re.compile(r"\b(ltv_\w+):\s*\[\s*(%i\[[^\]]*\]|\[[^\]]*\])\s*,\s*([:\w]+)\s*\]")
    attach = re.compile(r"attach_function\s+:(ltv_\w+)\s*,\s*(%i\[[^\]]*\]|\[[^\]]*\])\s*,\s*([:\w]+)")
    for path, text in texts.items():
        for m in list(entry.finditer(text)) + list(attach.finditer(text)):
            name = m.group(1)
            where = f"{rel(path)}:{text[:m.start()].count(chr(10)) + 1}"
            decl = (ruby_type(m.group(3), callbacks), ruby_args(m.group(2), callbacks), where)
            if name in decls and m.re is entry:
                problem(f"ruby: {where} declares {name} again (first at {decls[name][2]})")
            if name not in decls or m.re is entry:
                decls[name] = decl
    return decls


# ---- enum mirrors ----------------------------------------------------------------------------

MIRRORS: list[str] = []  # what was matched, for --verbose


def block_of(name: str) -> list[str]:
    for names in BLOCKS:
        if name in names:
            return names
    return []


def check_mirror(lang: str, where: str, what: str, members: dict[str, int]) -> None:
    """members: the binding's NAME (upper case) -> value. Finds the C prefix they spell."""
    if not members:
        return
    counts: dict[str, int] = {}
    for member in members:
        for c in CONSTANTS:
            if c.endswith("_" + member) and c.startswith("LTV_"):
                prefix = c[:len(c) - len(member)]
                counts[prefix] = counts.get(prefix, 0) + 1
    if not counts:
        return
    # the enum whose values agree wins over one that only shares the names
    agree = {p: sum(CONSTANTS.get(p + m) == v for m, v in members.items()) for p in counts}
    prefix = max(counts, key=lambda p: (agree[p], counts[p], -len(p)))
    if counts[prefix] * 2 < len(members) or counts[prefix] < 2 and len(members) > 1:
        return  # not a mirror of a C enum
    for member, value in members.items():
        c = prefix + member
        if c not in CONSTANTS:
            problem(f"{lang}: {where} {what} has {member.lower()} = {value}, but no {c} is in the headers")
        elif CONSTANTS[c] != value:
            problem(f"{lang}: {where} {what} has {member.lower()} = {value}, the header says {c} = {CONSTANTS[c]}")
    MIRRORS.append(f"{lang} {what} = {prefix}*")
    mirrored = {prefix + m for m in members}
    for c in block_of(next(iter(mirrored & set(CONSTANTS)), "")):
        if c.startswith(prefix) and c not in mirrored and not c.endswith("_COUNT") and CONSTANTS[c] >= 0:
            problem(f"{lang}: {where} {what} lacks {c[len(prefix):].lower()} = {CONSTANTS[c]} ({c}); "
                    f"add it to the binding")


def python_mirrors() -> None:
    for path in sorted(glob.glob(os.path.join(ROOT, "bindings", "python", "ltvcrm", "*.py"))):
        tree = ast.parse(open(path, encoding="utf-8").read())
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and any(ast.unparse(b).endswith(("IntEnum", "IntFlag"))
                                                      for b in node.bases):
                members = {}
                for stmt in node.body:
                    if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
                        try:
                            members[stmt.targets[0].id] = int(eval(compile(ast.Expression(stmt.value), "", "eval"),
                                                                   {"__builtins__": {}}))
                        except Exception:
                            pass
                check_mirror("python", f"{rel(path)}:{node.lineno}", f"class {node.name}", members)
            elif (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
                  and isinstance(node.value, ast.Dict) and node.value.keys
                  and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.value.keys)
                  and all(isinstance(v, ast.Constant) and isinstance(v.value, int) for v in node.value.values)):
                members = {k.value.upper(): v.value for k, v in zip(node.value.keys, node.value.values)}
                check_mirror("python", f"{rel(path)}:{node.lineno}", node.targets[0].id, members)


def ruby_mirrors() -> None:
    for path in sorted(glob.glob(os.path.join(ROOT, "bindings", "ruby", "lib", "**", "*.rb"), recursive=True)):
        text = open(path, encoding="utf-8").read()
        lines = text.split("\n")
        for m in re.finditer(r"^[ \t]*([A-Z][A-Z0-9_]*)\s*=\s*%i\[([^\]]*)\](?:\.freeze)?[ \t]*(#[^\n]*)?", text, flags=re.M):
            line = text[:m.start(1)].count("\n") + 1
            # a list that starts at 1 says so: "# ... from 1" after it or on the line above
            above = lines[line - 2] if line >= 2 and lines[line - 2].strip().startswith("#") else ""
            first = re.search(r"from (\d+)", (m.group(3) or "") + " " + above)
            base = int(first.group(1)) if first else 0
            members = {w.upper(): base + i for i, w in enumerate(m.group(2).split())}
            check_mirror("ruby", f"{rel(path)}:{line}", m.group(1), members)
        for m in re.finditer(r"^[ \t]*([A-Z][A-Z0-9_]*)\s*=\s*\{([^}]*)\}", text, flags=re.M):
            pairs = re.findall(r"(\w+):\s*(-?\d+)\s*(?:,|$)", m.group(2))
            if pairs and len(pairs) == len(re.findall(r"\w+:", m.group(2))):
                check_mirror("ruby", f"{rel(path)}:{text[:m.start(1)].count(chr(10)) + 1}", m.group(1),
                             {k.upper(): int(v) for k, v in pairs})


# ---- versions --------------------------------------------------------------------------------

def find(path: str, pattern: str) -> str | None:
    try:
        m = re.search(pattern, open(os.path.join(ROOT, path), encoding="utf-8").read(), flags=re.M)
    except OSError:
        return None
    return m.group(1) if m else None


def check_versions() -> None:
    major, minor, patch = (CONSTANTS.get(f"LTV_VERSION_{p}") for p in ("MAJOR", "MINOR", "PATCH"))
    header = f"{major}.{minor}.{patch}"
    where = "include/ltvcrm/common.h LTV_VERSION_MAJOR/MINOR/PATCH"
    string = (MACROS.get("LTV_VERSION_STRING") or "").strip('"')
    if string != header:
        problem(f"version: include/ltvcrm/common.h LTV_VERSION_STRING is \"{string}\", {where} make {header}")
    for path, pattern in [("CMakeLists.txt", r"project\(\s*ltvcrm\s+VERSION\s+([0-9.]+)"),
                          ("bindings/python/pyproject.toml", r'^version\s*=\s*"([^"]+)"'),
                          ("bindings/python/ltvcrm/__init__.py", r'^__version__\s*=\s*"([^"]+)"'),
                          ("bindings/ruby/lib/ltvcrm/version.rb", r'VERSION\s*=\s*"([^"]+)"')]:
        found = find(path, pattern)
        if found != header:
            problem(f"version: {path} says {found}, {where} make {header}")
    for path, pattern in [("bindings/python/ltvcrm/_lib.py", r"^ABI_MAJOR\s*=\s*(\d+)"),
                          ("bindings/ruby/lib/ltvcrm/version.rb", r"ABI_MAJOR\s*=\s*(\d+)")]:
        found = find(path, pattern)
        if found != str(major):
            problem(f"version: {path} ABI_MAJOR is {found}, LTV_VERSION_MAJOR is {major}")


def main() -> int:
    if not FUNCTIONS:
        print(f"check-api: no LTV_API prototypes found under {ROOT}/include/ltvcrm", file=sys.stderr)
        return 1
    for name in NOT_BOUND:
        if name not in FUNCTIONS:
            problem(f"check-api: NOT_BOUND names {name}, which no header declares; remove it from scripts/check-api.py")
    check_symbols()
    check_binding("python", python_decls(),
                  "add it to a register({...}) table in bindings/python/ltvcrm/<module>.py, "
                  "or to NOT_BOUND in scripts/check-api.py with the reason")
    check_binding("ruby", ruby_decls(),
                  "add `name: [[args], ret]` to an Ltvcrm.bind table in bindings/ruby/lib/ltvcrm/<module>.rb, "
                  "or to NOT_BOUND in scripts/check-api.py with the reason")
    python_mirrors()
    ruby_mirrors()
    check_versions()
    if "--verbose" in sys.argv:
        print("\n".join(MIRRORS))
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"check-api: {len(problems)} differences between include/ltvcrm/*.h and its copies", file=sys.stderr)
        return 1
    print(f"check-api: {len(FUNCTIONS)} functions, {len(CONSTANTS)} constants and the version agree with "
          "abi/*.symbols, the Python and Ruby bindings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
