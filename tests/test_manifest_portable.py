"""A manifest holds no path of the machine: another install, or the project moved elsewhere, agrees it is up to date.

Two real installs: two venvs made here, each with its own copy of zzreport
installed from a wheel of this checkout (non-editable), the dependencies
borrowed from the running venv through a ``.pth`` file so that nothing is
downloaded. One builds, the other runs ``build --check``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
SPEC = "showcase.yaml"  # the smaller example: every kind of input (CSV, image, bundled fonts) at a cold build's cost

#: An absolute path on POSIX (``/…``) or Windows (``C:\\…``, ``C:/…``, ``\\\\server``).
ABSOLUTE = re.compile(r"^(/|[A-Za-z]:[\\/]|\\\\)")


def strings(value: object) -> Iterator[str]:
    """Every string of a JSON value, object keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def assert_portable(manifest: Path, *machine_paths: Path) -> dict[str, object]:
    data = json.loads(manifest.read_text(encoding="utf-8"))
    for text in strings(data):
        assert not ABSOLUTE.match(text), text
        assert "site-packages" not in text, text
        for path in machine_paths:
            assert str(path) not in text, text
    return data


def make_install(wheel: Path, folder: Path) -> Path:
    """A venv in ``folder`` with its own copy of zzreport; returns its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The dependencies of the running venv, after the install's own packages (so its zzreport comes first).
    Path(site, "_zzreport_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python


@pytest.fixture(scope="module")
def installs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("installs")
    wheels = base / "wheels"
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index"]
    subprocess.run([*pip_wheel, "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    (wheel,) = wheels.glob("zzreport-*.whl")
    return make_install(wheel, base / "venv a"), make_install(wheel, base / "venv b")


def isolated_env(cwd: Path) -> dict[str, str]:
    """The environment of one install: no checkout on the path (``PYTHONPATH`` would make every
    install import it) and a cache of its own."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "SOURCE_DATE_EPOCH")}
    env["XDG_CACHE_HOME"] = str(cwd / "cache")
    env.pop("ZZREPORT_CACHE_DIR", None)
    return env


def zzreport(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command line of one install, run where no checkout of zzreport is importable."""
    return subprocess.run(
        [str(python), "-m", "zzreport", *args],
        cwd=cwd,
        env=isolated_env(cwd),
        capture_output=True,
        text=True,
        timeout=120,
    )


def package_file(python: Path, cwd: Path) -> Path:
    code = "import zzreport; print(zzreport.__file__)"
    run = subprocess.run([str(python), "-c", code], cwd=cwd, env=isolated_env(cwd), capture_output=True, text=True)
    return Path(run.stdout.strip())


def project(folder: Path) -> Path:
    """A copy of the showcase spec with the data and image it reads; returns the spec."""
    folder.mkdir(parents=True)
    shutil.copy2(SPECS / SPEC, folder / SPEC)
    shutil.copytree(SPECS / "data", folder / "data")
    shutil.copytree(SPECS / "images", folder / "images")
    return folder / SPEC


def test_a_build_from_one_install_is_up_to_date_for_another_and_after_a_move(
    installs: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = installs
    copies = {package_file(a, tmp_path), package_file(b, tmp_path)}
    assert len(copies) == 2 and all(ROOT not in p.parents for p in copies), copies  # two installs, neither the checkout

    spec = project(tmp_path / "x" / "report")
    out = spec.parent / "out"
    built = zzreport(a, "build", "-q", str(spec), "-o", str(out), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    manifest = out / "showcase.manifest.json"
    data = assert_portable(manifest, tmp_path, *copies)
    inputs = data["inputs"]
    assert isinstance(inputs, dict)
    assert (
        inputs["data/showcase-trend.csv"]
        == hashlib.sha256((spec.parent / "data/showcase-trend.csv").read_bytes()).hexdigest()
    )
    assert {k for k in inputs if k.startswith("bundled:")} >= {"bundled:NotoSansSC-Regular.ttf"}

    checked = zzreport(b, "build", "--check", str(spec), "-o", str(out), cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "up to date" in checked.stderr

    moved = tmp_path / "elsewhere" / "deeper" / "report"
    moved.parent.mkdir(parents=True)
    shutil.move(str(spec.parent), str(moved))
    for python in (a, b):
        checked = zzreport(python, "build", "--check", str(moved / SPEC), "-o", str(moved / "out"), cwd=tmp_path)
        assert checked.returncode == 0, checked.stderr

    # The check can still fail: the same names with other bytes are stale.
    csv = moved / "data" / "showcase-trend.csv"
    csv.write_bytes(csv.read_bytes() + b"\n")
    checked = zzreport(b, "build", "--check", str(moved / SPEC), "-o", str(moved / "out"), cwd=tmp_path)
    assert checked.returncode == 3
    assert "  data/showcase-trend.csv changed" in checked.stderr.splitlines()


def test_an_input_outside_the_spec_folder_is_named_relative_to_it(installs: tuple[Path, Path], tmp_path: Path) -> None:
    """``--allow-outside`` files are named with ``..``: moving the project as a whole keeps the names."""
    a, b = installs
    root = tmp_path / "one" / "project"
    (root / "shared").mkdir(parents=True)
    shutil.copy2(SPECS / "data" / "showcase-trend.csv", root / "shared" / "trend.csv")
    (root / "reports").mkdir()
    spec = root / "reports" / "s.yaml"
    spec.write_text(
        "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一\n    blocks:\n"
        "      - table: {data: ../shared/trend.csv}\n",
        encoding="utf-8",
    )
    built = zzreport(a, "build", "-q", "--allow-outside", str(spec), "-o", str(root / "out"), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    data = assert_portable(root / "out" / "s.manifest.json", tmp_path)
    inputs = data["inputs"]
    assert isinstance(inputs, dict) and "../shared/trend.csv" in inputs and "s.yaml" in inputs

    shutil.move(str(root), str(tmp_path / "project-moved"))
    moved = tmp_path / "project-moved"
    args = ["build", "--check", "--allow-outside", str(moved / "reports" / "s.yaml"), "-o", str(moved / "out")]
    checked = zzreport(b, *args, cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr


def test_a_manifest_of_an_older_format_is_stale_with_its_reason(installs: tuple[Path, Path], tmp_path: Path) -> None:
    """Format 1 named bundled fonts by absolute path: comparing its names would list every font as changed."""
    a, _ = installs
    spec = project(tmp_path / "report")
    out = spec.parent / "out"
    assert zzreport(a, "build", "-q", str(spec), "-o", str(out), cwd=tmp_path).returncode == 0
    manifest = out / "showcase.manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["manifest"] = 1
    data["inputs"] = {str(Path("/opt/venv/site-packages/zzreport/_fonts/NotoSansSC-Regular.ttf")): "0" * 64}
    manifest.write_text(json.dumps(data), encoding="utf-8")
    checked = zzreport(a, "build", "--check", str(spec), "-o", str(out), cwd=tmp_path)
    assert checked.returncode == 3
    assert checked.stderr.splitlines()[1:] == [
        "  manifest showcase.manifest.json is of format 1, this zzreport writes format 3"
    ]
    del data["manifest"]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    checked = zzreport(a, "build", "--check", str(spec), "-o", str(out), cwd=tmp_path)
    assert checked.returncode == 3
    assert checked.stderr.splitlines()[1:] == [
        "  manifest showcase.manifest.json has no format number, this zzreport writes format 3"
    ]
