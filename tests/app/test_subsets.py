"""The command line's stored font subsets: the bytes fontTools cuts, without cutting when stored."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont, getTableClass

import zzreport
from zzreport.app import subsets
from zzreport.app.cli import main
from zzreport.fonts.bundled import bundled_font_path
from zzreport.fonts.embedding import cut_subset
from zzreport.testing import write_files

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "specs" / "showcase.yaml"
SANS = bundled_font_path("sans")
SAMPLE = "".join(sorted(set("郑州新能源汽车52.9万辆，增长112.9%。")))

#: The command line's build with stored subsets, telling afterwards whether fontTools cut any.
CLI_BUILD = (
    "import sys\n"
    "from zzreport.app import cli\n"
    "import zzreport.fonts.embedding as embedding\n"
    "cuts = []\n"
    "real = embedding.cut_subset\n"
    "cli.subsets.cut_subset = lambda *a: cuts.append(1) or real(*a)\n"
    "cli.subsets.use_stored_subsets()\n"
    "code = cli.main(['build', '-q', sys.argv[1], '-o', sys.argv[2], '--format', 'pptx'])\n"
    "print(code, len(cuts))\n"
)


def test_a_stored_subset_is_what_fonttools_cuts_and_a_damaged_one_is_cut_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path))
    cold = cut_subset(SANS, 0, SAMPLE)
    assert subsets.stored_subset(SANS, 0, SAMPLE) == cold
    [entry] = (tmp_path / "font-subsets").glob("*.subset")
    assert subsets.stored_subset(SANS, 0, SAMPLE) == cold
    entry.write_bytes(entry.read_bytes()[:-100])  # a truncated copy of the cache folder
    assert subsets.stored_subset(SANS, 0, SAMPLE) == cold
    assert TTFont(io.BytesIO(entry.read_bytes()[32:])).getBestCmap().keys() >= {ord(c) for c in SAMPLE}
    assert subsets.stored_subset(SANS, 0, SAMPLE + "洛") != cold
    assert len(list((tmp_path / "font-subsets").glob("*.subset"))) == 2


def test_no_subset_is_stored_with_caches_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("ZZREPORT_CACHE", "off")
    subsets.stored_subset(SANS, 0, SAMPLE)
    assert not (tmp_path / "font-subsets").exists()


def test_stored_subsets_give_the_librarys_deck_and_spare_the_cutting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(cache))
    zzreport.build(SPEC, tmp_path / "library", ["pptx"])
    assert not (cache / "font-subsets").exists()  # the library cuts; it stores no subsets
    env = {**os.environ, "ZZREPORT_CACHE_DIR": str(cache), "ZZREPORT_PARALLEL": "0"}

    def cli(out: Path) -> str:
        done = subprocess.run([sys.executable, "-c", CLI_BUILD, str(SPEC), str(out)], env=env, cwd=ROOT,
                              capture_output=True)  # fmt: skip
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout.decode().strip()

    code, cuts = cli(tmp_path / "cold").split()
    assert code == "0" and int(cuts) >= 2  # both faces cut (from the face or its common subset), and stored
    assert len(list((cache / "font-subsets").glob("*.subset"))) == 2
    assert cli(tmp_path / "warm") == "0 0"  # both stored: nothing cut
    deck = (tmp_path / "library" / "showcase.pptx").read_bytes()
    assert (tmp_path / "cold" / "showcase.pptx").read_bytes() == deck
    assert (tmp_path / "warm" / "showcase.pptx").read_bytes() == deck


#: Texts whose subsets exercise what a cut keeps: Latin kerning pairs, vertical punctuation forms, digits and signs.
CUT_SAMPLES = (
    SAMPLE,
    "AVATAR Today Wo., Ty. LT 1—10月 +3.5% −0.3个百分点",
    "“郑州”（中原）《报告》「要点」，。、；：！？…—·",
    "".join(sorted(set("地区生产总值社会消费品零售总额规上工业增加值进出口固定资产投资"))),
)


@pytest.mark.parametrize("text", CUT_SAMPLES)
def test_a_subset_cut_from_the_stored_common_subset_is_what_the_face_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path))
    characters = "".join(sorted(set(text) | {chr(code) for code in range(0x20, 0x7F)}))
    assert subsets.stored_subset(SANS, 0, characters) == cut_subset(SANS, 0, characters)
    assert len(list((tmp_path / "font-subsets").glob("*.common"))) == 1


def test_the_common_subset_is_cut_once_and_serves_every_character_set_it_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path))
    sources: list[object] = []
    real = subsets.cut_subset
    monkeypatch.setattr(subsets, "cut_subset", lambda source, *a: sources.append(source) or real(source, *a))
    for city in "郑州洛阳开封":  # six character sets, all in GB2312's level 1
        subsets.stored_subset(SANS, 0, SAMPLE + city)
    assert sources.count(SANS) == 1  # the common subset, then every cut from it
    [common] = (tmp_path / "font-subsets").glob("*.common")
    common.write_bytes(common.read_bytes()[:-100])  # damaged: cut afresh, never used
    assert subsets.stored_subset(SANS, 0, SAMPLE + "许") == cut_subset(SANS, 0, SAMPLE + "许")


def test_a_character_outside_the_common_subset_is_cut_from_the_face(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path))
    rare = SAMPLE + "亍"  # GB2312 level 2: not in the common subset
    assert subsets.stored_subset(SANS, 0, rare) == cut_subset(SANS, 0, rare)
    assert TTFont(io.BytesIO(subsets.stored_subset(SANS, 0, rare))).getBestCmap().keys() >= {ord(c) for c in rare}


class _NamePruning:
    """Counts fontTools' pruning of the name table (its walk of every layout table for the name IDs still used)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import fontTools.subset  # noqa: F401  (it gives the table classes their subsetting methods)

        self.calls = 0
        name_table = getTableClass("name")
        real = name_table.prune_post_subset

        def counted(table: object, font: object, options: object) -> object:
            self.calls += 1
            return real(table, font, options)

        monkeypatch.setattr(name_table, "prune_post_subset", counted)


FACES = (SANS, bundled_font_path("sans", 700), bundled_font_path("serif"))


@pytest.mark.parametrize("face", FACES, ids=lambda path: path.stem)
@pytest.mark.parametrize("text", CUT_SAMPLES)
def test_a_cut_from_the_common_subset_skips_the_name_walk_and_gives_the_faces_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, face: Path, text: str
) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path))
    characters = "".join(sorted(set(text) | {chr(code) for code in range(0x20, 0x7F)}))
    expected = cut_subset(face, 0, characters)
    common = subsets.common_subset(face, 0)
    pruning = _NamePruning(monkeypatch)
    assert subsets.cut_from_subset(common, characters) == expected
    assert pruning.calls == 0  # the common subset's name records are all still used: nothing to prune


def test_a_source_whose_name_records_a_cut_would_prune_is_cut_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    # The face itself keeps records (designer, licence, sample text …) a subset drops: the full cut prunes them.
    characters = "".join(sorted(set(SAMPLE)))
    expected = cut_subset(SANS, 0, characters)
    pruning = _NamePruning(monkeypatch)
    assert subsets.cut_from_subset(SANS.read_bytes(), characters) == expected
    assert pruning.calls == 1  # the quick cut found records to prune, so the full cut (with its walk) came after


@pytest.fixture
def no_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process expects no batch (another test's batch must not decide what these cut from)."""
    monkeypatch.setattr(subsets, "_EXPECTED", set())
    monkeypatch.setattr(subsets, "_BATCH", {})
    monkeypatch.setattr(subsets, "_GROWN", {})


def _sources(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the subsets :func:`subsets.cut_from_subset` cuts from, in order."""
    sizes: list[int] = []
    real = subsets.cut_from_subset
    monkeypatch.setattr(
        subsets, "cut_from_subset", lambda source, text: sizes.append(len(source)) or real(source, text)
    )
    return sizes


CITIES = ("郑州市", "洛阳市", "开封市", "许昌市")


@pytest.mark.usefixtures("no_batch")
def test_a_batchs_subsets_are_cut_from_one_subset_of_its_expected_characters_and_give_the_faces_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path))
    subsets.expect(SAMPLE + "".join(CITIES) + "\U0002a6a5")  # a character no subset of the common one can hold
    common = len(subsets.common_subset(SANS, 0))
    sources = _sources(monkeypatch)
    for city in CITIES:
        text = "".join(sorted(set(SAMPLE + city)))
        assert subsets.stored_subset(SANS, 0, text) == cut_subset(SANS, 0, text)
    [batch] = (tmp_path / "font-subsets").glob("*.batch")
    assert sources == [common] + [len(batch.read_bytes()) - 32] * len(CITIES)  # the batch subset once, then from it
    assert len(batch.read_bytes()) < common / 4


@pytest.mark.usefixtures("no_batch")
def test_unforeseen_characters_grow_the_batch_subset_a_few_times_then_are_cut_from_the_common_subset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path))
    subsets.expect(SAMPLE)
    common = len(subsets.common_subset(SANS, 0))
    sources = _sources(monkeypatch)
    for city in (*CITIES, "商丘市"):  # 市 and each city's hanzi unforeseen
        text = "".join(sorted(set(SAMPLE + city)))
        assert subsets.stored_subset(SANS, 0, text) == cut_subset(SANS, 0, text)
    assert len(list((tmp_path / "font-subsets").glob("*.batch"))) == 1 + subsets.BATCH_GROWTH
    assert sources[-1] == common  # grown as often as it may: the last city is cut from the common subset


BRIEFING = """\
zzreport: 1
title: "{slice.城市}简报"
slices: {file: cities.csv, key: 城市}
values:
  gdp: {data: {file: data/gdp.csv, where: {城市: "{slice.城市}"}, column: 生产总值}, unit: 亿元}
sections:
  - id: a
    title: 概况
    blocks:
      - paragraph: "{slice.城市}地区生产总值{gdp}。"
"""


@pytest.mark.usefixtures("no_batch")
def test_a_batch_expects_its_specs_words_its_data_and_its_slices_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "r.yaml": BRIEFING,
        "cities.csv": "城市\n甲市\n乙市\n",
        "data/gdp.csv": "城市,生产总值,备注\n甲市,10,初步核算\n乙市,20,初步核算\n",
        "outside.csv": "遥远",  # a file the spec does not name
    }
    monkeypatch.chdir(write_files(tmp_path, files))
    assert main(["build", "-q", "r.yaml", "-o", "out", "--format", "pdf"]) == 0, capsys.readouterr().err
    assert set("简报甲乙市概况地区生产总值初步核算目录") <= subsets._EXPECTED  # spec, data, keys, labels
    assert not set("遥远") & subsets._EXPECTED
