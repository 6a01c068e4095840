"""Writes each `run:` step of the given GitHub workflows and composite actions (action.yml) to its
own bash file for shellcheck.

GitHub expressions (${{ ... }}) are replaced by a quoted placeholder, as actionlint does, so that
shellcheck judges the shell around them and not the template syntax.
"""

import pathlib
import re
import sys

import yaml

EXPRESSION = re.compile(r"\$\{\{.*?\}\}")


def main(out_dir: str, workflows: list[str]) -> None:
    out = pathlib.Path(out_dir)
    for workflow in workflows:
        document = yaml.safe_load(pathlib.Path(workflow).read_text(encoding="utf-8"))
        jobs = document.get("jobs") or {}
        if "runs" in document:
            # A composite action: its steps, as if they were one job's.
            jobs = {pathlib.Path(workflow).parent.name: document["runs"]}
        for job_id, job in jobs.items():
            for index, step in enumerate(job.get("steps") or []):
                script = step.get("run")
                if script is None:
                    continue
                name = f"{pathlib.Path(workflow).stem}.{job_id}.{index}.sh"
                if "runs" in document:
                    name = f"action.{job_id}.{index}.sh"
                body = EXPRESSION.sub("GITHUB_EXPRESSION", script)
                # GitHub runs `bash -e {0}` (with pipefail) for `shell: bash` steps.
                header = f"#!/usr/bin/env bash\n# {workflow}: job {job_id}, step {index}\nset -eo pipefail\n"
                (out / name).write_text(header + body, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
