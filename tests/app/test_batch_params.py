"""`--set` over a folder of specs: a param applies to the specs that declare it, and is an error only when none does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zzreport.app.cli import main
from zzreport.testing import write_files

MONTHLY = """\
zzreport: 1
title: "{params.month} 月报"
params:
  month: {default: "2025-10"}
sections:
  - id: a
    title: 概况
    blocks:
      - paragraph: "{params.month}，经济运行总体平稳。"
"""
PLAIN = """\
zzreport: 1
title: 年报
sections:
  - id: a
    title: 概况
    blocks:
      - paragraph: 经济运行总体平稳。
"""
CITY = """\
zzreport: 1
title: "{slice.城市}简报"
params:
  period: {default: 1—10月}
slices: {file: cities.csv, key: 城市}
sections:
  - id: a
    title: 概况
    blocks:
      - paragraph: "{params.period}，{slice.城市}经济运行总体平稳。"
"""
FILES = {"monthly.yaml": MONTHLY, "plain.yaml": PLAIN, "city.yaml": CITY, "cities.csv": "城市\n甲市\n乙市\n"}


def _params(out: Path, name: str) -> dict[str, str]:
    manifest = json.loads((out / f"{name}.manifest.json").read_text(encoding="utf-8"))
    params: dict[str, str] = manifest["settings"].get("params", {})
    return params


def test_a_set_applies_to_the_specs_that_declare_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(write_files(tmp_path, FILES))
    code = main(
        ["build", "-q", ".", "-o", "out", "--format", "pdf", "--set", "month=2025-11", "--set", "period=1—11月"]
    )
    assert code == 0, capsys.readouterr().err
    assert _params(tmp_path / "out", "monthly") == {"month": "2025-11"}
    assert _params(tmp_path / "out", "city-甲市") == {"period": "1—11月"}
    assert not _params(tmp_path / "out", "plain")
    assert main(["check", "-q", ".", "--set", "month=2025-11"]) == 0
    capsys.readouterr()
    build = ["build", "-q", ".", "-o", "out", "--format", "pdf", "--check", "--set", "month=2025-11"]
    assert main([*build, "--set", "period=1—11月"]) == 0
    capsys.readouterr()
    assert main(build) == 3  # the sliced spec's period is back to its default: stale
    assert "build settings changed" in "".join(capsys.readouterr())


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_set_no_spec_declares_is_one_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    monkeypatch.chdir(write_files(tmp_path, FILES))
    args = ["-o", "out"] if command == "build" else []
    assert main([command, ".", *args, "--set", "mnth=2025-11", "--set", "month=2025-11"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines() == [
        "city.yaml:4:3: params: --set mnth: no spec of the batch declares a param `mnth` (did you mean `month`?); "
        "their params: period (city.yaml), month (monthly.yaml); plain.yaml declares none"
    ]
    assert not (tmp_path / "out").exists()


MONTHLY_CITIES = """\
zzreport: 1
title: "{slice.城市}{params.month}简报"
params:
  month: {default: "2025-10"}
slices: {file: "data/{params.month}/cities.csv", key: 城市}
sections:
  - id: a
    title: 概况
    blocks:
      - paragraph: "{params.month}，{slice.城市}经济运行总体平稳。"
"""


def test_the_slices_file_takes_params(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "r.yaml": MONTHLY_CITIES,
        "data/2025-10/cities.csv": "城市\n甲市\n",
        "data/2025-11/cities.csv": "城市\n乙市\n丙市\n",
    }
    monkeypatch.chdir(write_files(tmp_path, files))
    assert main(["build", "-q", "r.yaml", "-o", "out", "--format", "pdf"]) == 0
    assert main(["build", "-q", "r.yaml", "-o", "out", "--format", "pdf", "--set", "month=2025-11"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == ["r-丙市.pdf", "r-乙市.pdf", "r-甲市.pdf"]
    assert _params(tmp_path / "out", "r-乙市") == {"month": "2025-11"}
    assert main(["check", "-q", "r.yaml", "--set", "month=2025-11", "--slice", "丙市"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_hostile_set_cannot_point_the_slices_file_outside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    project = write_files(tmp_path / "project", {"r.yaml": MONTHLY_CITIES, "data/2025-10/cities.csv": "城市\n甲市\n"})
    write_files(tmp_path / "secret", {"cities.csv": "城市\n泄露\n"})
    monkeypatch.chdir(project)
    args = ["-o", "out"] if command == "build" else []
    assert main([command, "r.yaml", *args, "--set", "month=../../../secret"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "泄露" not in err
    assert err.splitlines()[0] == (
        "r.yaml:5:16: slices.file: `data/../../../secret/cities.csv` is outside the spec's folder; "
        "pass --allow-outside to permit it"
    )
    assert not (project / "out").exists()
