"""``zzreport init [DIR]``: a small working project to start from, as ``quarto create`` or ``typst init`` give.

It writes a spec that uses the common block kinds (paragraph, KPI cards, a
chart and a table read from a CSV file), the CSV, and the JSON Schema the
spec's first line points editors at. Nothing is overwritten: when any of
these files exists, nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zzreport.output import write_atomic

SPEC_NAME = "report.yaml"
DATA_NAME = "data/indicators.csv"
SCHEMA_NAME = "zzreport.schema.json"

SPEC = f"""# yaml-language-server: $schema=./{SCHEMA_NAME}
#
# A zzreport spec: one report, built into a print-ready PDF and an editable deck.
#
#   zzreport build {SPEC_NAME}            writes output/report.pdf and output/report.pptx
#   zzreport watch {SPEC_NAME}            rebuilds on every save
#   zzreport preview {SPEC_NAME}          writes thumbnails of every page and slide
#   zzreport check {SPEC_NAME}            checks the spec and its files, writes nothing
#
# Numbers are written in base units and formatted on output (529000 with scale 万 prints 52.9万).
# Editors that speak the YAML language server complete keys from {SCHEMA_NAME};
# every key is described in the zzreport README ("Spec reference").
zzreport: 1
title: 年度工作报告
subtitle: 示例：从这里开始写你的报告
author: 办公室
date: 2025-01-20
lead: 这是由 zzreport init 生成的示例报告。改写标题、各节和数据后重新构建即可。
sections:
  - id: overview
    tag: 关键词
    title: 总体情况
    takeaway: 主要指标稳步增长
    blocks:
      - paragraph: 全年经济运行总体平稳，**主要指标**好于预期。
      - kpis:
          - {{label: 地区生产总值, value: 1250000000000, unit: 元, format: {{scale: 亿}}, change: 5.3}}
          - {{label: 新增就业, value: 120000, unit: 人, format: {{scale: 万}}, qualifier: 超}}
          - {{label: 重点项目, value: 300, unit: 个, qualifier: 以上, target: true}}
      - figure:
          kind: column
          title: 主要指标（2022—2024年）
          data: {{file: {DATA_NAME}, categories: 年份, series: [产值]}}
          unit: 亿元
          source: 示例数据
      - table:
          title: 主要指标
          data: {{file: {DATA_NAME}, columns: [年份, 产值, 增速]}}
          source: 示例数据
"""

DATA = "年份,产值,增速\n2022,1080,4.1\n2023,1150,6.5\n2024,1250,8.7\n"


@dataclass(frozen=True)
class Scaffold:
    """What ``init`` wrote (or would have, had nothing been in the way)."""

    files: list[Path]


def scaffold_files(schema_text: str) -> dict[str, str]:
    """The files of a new project by their path inside it."""
    return {SPEC_NAME: SPEC, DATA_NAME: DATA, SCHEMA_NAME: schema_text}


def existing(folder: Path, files: dict[str, str]) -> list[Path]:
    """Those of ``files`` already in ``folder`` (init writes none of them then)."""
    return [folder / name for name in files if (folder / name).exists()]


def write_scaffold(folder: Path, files: dict[str, str]) -> Scaffold:
    """Write ``files`` into ``folder`` (created as needed), each atomically."""
    written = []
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text.encode("utf-8"))
        written.append(target)
    return Scaffold(written)
