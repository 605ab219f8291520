"""A `date` param: ISO `YYYY-MM-DD` or `YYYY-MM`, checked where given, used in texts, paths and the report's date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from zzreport import SpecError, check
from zzreport.app.cli import main
from zzreport.testing import write_files

SPEC = """\
zzreport: 1
title: "{params.month} 月报"
date: "{params.day}"
params:
  month: {type: date, default: 2025-10}
  day: {type: date, default: 2025-11-05}
sections:
  - id: a
    title: 概况
    blocks:
      - paragraph: "{params.month}，制造业PMI见图。"
      - figure:
          kind: line
          title: PMI
          data: {file: "data/{params.month}.csv", categories: 月份}
"""
DATA = {"data/2025-10.csv": "月份,PMI\n9月,49.8\n10月,50.8\n", "data/2025-11.csv": "月份,PMI\n10月,50.8\n11月,51.7\n"}


def _spec(folder: Path, text: str = SPEC) -> Path:
    return write_files(folder, {"r.yaml": text, **DATA}) / "r.yaml"


def test_a_date_param_fills_texts_paths_and_the_report_date(tmp_path: Path) -> None:
    default = check(_spec(tmp_path)).document
    assert default.meta.title == "2025-10 月报"
    assert default.meta.date == dt.date(2025, 11, 5)
    assert default.meta.date_text == "2025年11月5日"
    assert default.sections[0].blocks[0].spans[0].text == "2025-10，制造业PMI见图。"
    chosen = check(tmp_path / "r.yaml", params={"month": "2025-11", "day": "2025-12-01"}).document
    assert chosen.meta.title == "2025-11 月报"
    assert chosen.meta.date == dt.date(2025, 12, 1)
    assert chosen.sections[0].blocks[1].data.series[0].values == (50.8, 51.7)
    assert chosen.params == {"month": "2025-11", "day": "2025-12-01"}


@pytest.mark.parametrize("given", ["2025-13", "2025-02-30", "25-11", "2025/11", "下月", "2025-11-05T00:00"])
def test_a_set_that_is_not_an_iso_date_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], given: str
) -> None:
    monkeypatch.chdir(_spec(tmp_path).parent)
    assert main(["build", "r.yaml", "-o", "out", "--set", f"month={given}"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert (
        f"r.yaml:5:10: params.month: --set month: param `month` is a date (YYYY-MM-DD or YYYY-MM), got {given!r}"
        in err.splitlines()
    )
    assert not (tmp_path / "out").exists()


def test_a_default_that_is_not_an_iso_date_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_spec(tmp_path, SPEC.replace("default: 2025-10}", "default: 2025-10-32}")).parent)
    with pytest.raises(SpecError) as raised:
        check(Path("r.yaml"))
    found = [str(problem) for problem in raised.value.problems]
    assert found[0] == (
        "r.yaml:5:10: params.month: the default of a date param must be YYYY-MM-DD or YYYY-MM, got '2025-10-32'"
    )
    assert not any("no param named" in problem for problem in found)  # its placeholders are not reported again


def test_the_report_date_needs_a_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_spec(tmp_path, SPEC.replace('date: "{params.day}"', 'date: "{params.month}"')).parent)
    with pytest.raises(SpecError) as raised:
        check(Path("r.yaml"))
    [problem] = raised.value.problems
    assert str(problem) == (
        "r.yaml:3:7: date: the report's date is a day (YYYY-MM-DD), but `{params.month}` is 2025-10"
    )


def test_the_report_date_names_a_param_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_spec(tmp_path, SPEC.replace('date: "{params.day}"', 'date: "{day}"')).parent)
    with pytest.raises(SpecError) as raised:
        check(Path("r.yaml"))
    assert [str(problem) for problem in raised.value.problems] == [
        """r.yaml:3:7: date: expected a day (YYYY-MM-DD) or "{params.name}" naming a param, got '{day}'"""
    ]
