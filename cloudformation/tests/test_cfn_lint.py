"""cfn-lint and checkov over the template, each run once per session."""
import json
import re

import pytest

from stackkit import REPO, TEMPLATE


@pytest.fixture(scope="module")
def started(scanners):
    """cfn-lint and checkov outputs; both were started at session start by conftest.py."""
    return scanners.results()


@pytest.fixture(scope="module")
def lint(started):
    inline, broken = started["inline"], started["broken"]
    findings = json.loads(started["lint"][0] or "[]")
    by_file = {"source": [], "inline": [], "broken": []}
    for f in findings:
        key = {str(TEMPLATE): "source", str(inline): "inline", str(broken): "broken"}.get(
            f["Filename"], "source" if f["Filename"].endswith("lakedeck.yaml") else None)
        by_file[key].append(f)
    return by_file


def test_cfn_lint_clean(lint):
    assert lint["source"] == []


def test_cfn_lint_state_machine_schema_clean_and_active(lint):
    assert lint["inline"] == []
    # The same check flags a broken copy, so the clean result above is a real one.
    assert [f["Rule"]["Id"] for f in lint["broken"]] == ["E3601"]


def test_cfn_lint_suppressions_are_only_the_packaging_warning(template):
    ignored = {name: res["Metadata"]["cfn-lint"]["config"]["ignore_checks"]
               for name, res in template["Resources"].items()
               if "cfn-lint" in res.get("Metadata", {})}
    assert ignored == {"PipelineStateMachine": ["W3002"]}


@pytest.fixture(scope="module")
def checkov(started):
    """One checkov run over the template and over a copy without its skip annotations."""
    stdout, stderr = started["checkov"]
    assert stdout.strip(), stderr[-2000:]
    report = json.loads(stdout)
    report = report if isinstance(report, list) else [report]
    results = {"checked": [], "skipped": [], "failed": [], "bare_failed": [], "parsing_errors": 0}
    for part in report:
        results["parsing_errors"] += part["summary"]["parsing_errors"]
        for kind in ("passed_checks", "failed_checks", "skipped_checks"):
            for check in part["results"][kind]:
                bare_file = check["file_path"].endswith("bare.json")
                if kind == "failed_checks":
                    results["bare_failed" if bare_file else "failed"].append(check)
                elif kind == "skipped_checks" and not bare_file:
                    results["skipped"].append(check)
                if not bare_file:
                    results["checked"].append(check)
    return results


def test_checkov_clean(checkov):
    assert checkov["parsing_errors"] == 0
    assert [(c["check_id"], c["resource"]) for c in checkov["failed"]] == []
    assert len(checkov["checked"]) > 100


def test_every_checkov_skip_is_justified_and_needed(checkov):
    for check in checkov["skipped"]:
        comment = check["check_result"].get("suppress_comment", "")
        assert len(comment.split()) >= 8, f"{check['check_id']} on {check['resource']}: '{comment}'"
    skipped = sorted((c["check_id"], c["resource"].split(".")[-1]) for c in checkov["skipped"])
    # Without the annotations exactly these fail: no finding is hidden without a reason, and no
    # annotation silences a check that would pass anyway.
    would_fail = sorted((c["check_id"], c["resource"].split(".")[-1]) for c in checkov["bare_failed"])
    assert skipped == would_fail


def test_readme_lists_exactly_the_skipped_checkov_findings(template):
    readme = (REPO / "cloudformation" / "README.md").read_text(encoding="utf-8")
    skipped = {skip["id"] for res in template["Resources"].values()
               for skip in res.get("Metadata", {}).get("checkov", {}).get("skip", [])}
    assert set(re.findall(r"`(CKV2?_AWS_\d+)`", readme)) == skipped
