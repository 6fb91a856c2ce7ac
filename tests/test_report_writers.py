"""The CSV and SARIF writers: real runs over small articles, checked against report.json of the same run."""
import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cptaudit import audit
from cptaudit.audit import run
from cptaudit.cli import main
from cptaudit.csv_report import COLUMNS, CsvWriter, cell
from cptaudit.model import KINDS, ArticleResult, Finding
from cptaudit.report import WRITERS, Summary
from cptaudit.sarif_report import SARIF_SCHEMA, SarifWriter, artifact_location

HOSTILE_SENTENCE = ('=HYPERLINK("https://evil.example/x","click here") CPT 97124 refers to therapeutic exercises, '
                    '"for strength", and balance.')
HOSTILE = (
    "What Is CPT 97124?\n\n"
    f"{HOSTILE_SENTENCE}\n\n"
    "@clinic says CPT 97124 refers to\ntherapeutic exercises.\n\n"
    '+1 tip: CPT 97124, "therapeutic massage", is billed in 15-minute units.\n'
)
CODES = (
    "Coding notes\n\n"
    "The third section of the CPT code denotes modifiers.\n\n"
    "See also 97001 and 97161.\n\n"
    "CPT 97125 is a massage code.\n\n"
    "CPT 97110 is therapeutic exercise.\n"
)
ACCENTS = "Café notes, naïve: CPT 97124 is therapeutic massage — not exercise.\n"
PROBLEMS = {"contradicted", "deleted_code", "unknown_code"}
LEVEL = {"contradicted": "error", "deleted_code": "warning", "unknown_code": "warning"}


def write_inputs(root: Path) -> None:
    folder = root / "in"
    folder.mkdir()
    (folder / "01-hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "02-codes.txt").write_text(CODES, encoding="utf-8")
    (folder / "03-empty.txt").write_bytes(b"")
    (folder / "04-binary.txt").write_bytes(b"\x00\x01\x02PNG" * 50)
    (folder / "05-accents.txt").write_text(ACCENTS, encoding="utf-8")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """One run from the folder above the articles, so that their paths are relative ("in/01-hostile.txt")."""
    root = tmp_path_factory.mktemp("writers")
    write_inputs(root)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        summary = run(["in"], "out", ["json", "csv", "sarif"])
    finally:
        os.chdir(cwd)
    out = root / "out"
    return {"out": out, "summary": summary, "json": json.loads((out / "report.json").read_text(encoding="utf-8"))}


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == COLUMNS
        return list(reader)


def unescape(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] in ("=", "+", "-", "@", "\t", "\r") else value


# ---------------------------------------------------------------- registration and the command line

def test_both_writers_are_registered_and_named_in_the_summary(report):
    assert WRITERS["csv"] is CsvWriter and WRITERS["sarif"] is SarifWriter
    outputs = [Path(p).name for p in report["summary"].outputs]
    assert outputs == ["report.json", "findings.csv", "report.sarif"]


def test_cli_takes_csv_and_sarif_and_keeps_json_and_html_as_the_default(tmp_path):
    write_inputs(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["check", str(tmp_path / "in"), "--out", str(out),
                                       "--format", "csv", "--format", "sarif"])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["findings.csv", "report.sarif"]
    assert f"report: {out / 'findings.csv'}" in result.output and f"report: {out / 'report.sarif'}" in result.output
    default = tmp_path / "default"
    result = CliRunner().invoke(main, ["check", str(tmp_path / "in" / "02-codes.txt"), "--out", str(default)])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in default.iterdir()) == ["articles", "index.html", "report.json"]
    assert "csv" in CliRunner().invoke(main, ["check", "--help"]).output


# ---------------------------------------------------------------- CSV

def test_csv_has_one_row_per_finding_and_per_unreadable_file(report):
    rows = read_csv(report["out"] / "findings.csv")
    expected = []
    for article in report["json"]["articles"]:
        if article["status"] != "ok":
            expected.append({"path": article["path"], "line": "", "code": "", "kind": "", "verdict": "error",
                             "severity": "error", "claim": "", "expected": "", "suggestion": "", "sentence": "",
                             "message": article["error"]})
        for f in article["findings"]:
            expected.append({"path": article["path"], "line": str(f["line"]), "code": f["code"], "kind": f["kind"],
                             "verdict": f["verdict"], "severity": f["severity"], "claim": f["claim"] or "",
                             "expected": f["expected"] or "", "suggestion": " ".join(f["suggestion"]),
                             "sentence": f["sentence"], "message": f["message"]})
    assert [{k: unescape(v) for k, v in row.items()} for row in rows] == expected
    errors = {Path(r["path"]).name: r["message"] for r in rows if r["verdict"] == "error"}
    assert errors["03-empty.txt"] == "empty file" and "binary" in errors["04-binary.txt"]
    assert {r["verdict"] for r in rows} >= {"contradicted", "supported", "deleted_code", "unknown_code", "error"}
    assert all(r["path"].startswith("in/") for r in rows)


def test_csv_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe(report):
    rows = read_csv(report["out"] / "findings.csv")
    hostile = [r for r in rows if "HYPERLINK" in r["sentence"]]
    assert hostile and all(r["sentence"] == "'" + HOSTILE_SENTENCE for r in hostile)
    assert hostile[0]["code"] == "97124" and hostile[0]["verdict"] == "contradicted"
    assert any(r["sentence"].startswith("'@clinic") for r in rows)
    assert any(r["sentence"].startswith("'+1 tip") for r in rows)
    for row in rows:
        for column, value in row.items():
            if column == "code" and value == "-":
                continue
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
    [structure] = [r for r in rows if r["kind"] == "structure"]
    assert structure["code"] == "-" and '"section"' in structure["claim"]     # kept as is, quotes round-trip


def test_csv_quotes_commas_quotes_and_newlines_and_keeps_accents(report):
    path = report["out"] / "findings.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                                  # utf-8-sig: Excel reads UTF-8
    assert raw.count(b"\xef\xbb\xbf") == 1
    rows = read_csv(path)
    two_lines = [r for r in rows if r["sentence"].startswith("'@clinic")]
    assert two_lines and two_lines[0]["sentence"] == "'@clinic says CPT 97124 refers to\ntherapeutic exercises."
    quoted = [r for r in rows if r["sentence"].startswith("'+1 tip")]
    assert quoted[0]["sentence"] == "'" + '+1 tip: CPT 97124, "therapeutic massage", is billed in 15-minute units.'
    assert any("Café notes, naïve" in r["sentence"] and "—" in r["sentence"] for r in rows)
    text = raw.decode("utf-8-sig")
    assert '"=HYPERLINK(' not in text and "\"'=HYPERLINK(\"\"https://evil.example/x\"\"," in text
    header, first = text.split("\r\n")[:2]
    assert header == ",".join(f'"{c}"' for c in COLUMNS) and first.startswith('"in/')


def test_cell_rule_for_every_formula_character():
    for lead in ("=", "+", "-", "@", "\t", "\r"):
        assert cell(lead + "1+2", "sentence") == "'" + lead + "1+2"
        assert cell(lead + "1+2", "code") == "'" + lead + "1+2"
    assert cell("-", "code") == "-"                      # a structure claim's code
    assert cell("-", "claim") == "'-" and cell("--", "code") == "'--" and cell("-5", "code") == "'-5"
    assert cell(None) == "" and cell(12, "line") == "12" and cell("97124", "code") == "97124"
    assert cell(" =1+1") == " =1+1" and cell("a=b") == "a=b"


def test_csv_of_a_run_without_articles_is_a_header(reference, tmp_path):
    writer = CsvWriter(tmp_path, reference)
    path = writer.close(Summary())
    assert path.read_bytes() == ("\ufeff" + ",".join(f'"{c}"' for c in COLUMNS) + "\r\n").encode("utf-8")


# ---------------------------------------------------------------- SARIF

# The parts of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json, OASIS) that this report uses, with every
# property name each object allows: a misspelt or invented key fails as it would against the full schema.
BAG = {"type": "object", "properties": {"tags": {"type": "array", "uniqueItems": True, "items": {"type": "string"}}},
       "additionalProperties": True}
MESSAGE = {"type": "object", "additional": False, "anyOf": [["text"], ["id"]],
           "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}, "id": {"type": "string"},
                          "arguments": {"type": "array", "items": {"type": "string"}}, "properties": BAG}}
MULTIFORMAT = {"type": "object", "additional": False, "required": ["text"],
               "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}, "properties": BAG}}
LEVEL_ENUM = {"enum": ["none", "note", "warning", "error"]}
ARTIFACT_LOCATION = {"type": "object", "additional": False,
                     "properties": {"uri": {"type": "string", "format": "uri-reference"},
                                    "uriBaseId": {"type": "string"},
                                    "index": {"type": "integer", "minimum": -1}, "description": MESSAGE,
                                    "properties": BAG}}
REGION = {"type": "object", "additional": False,
          "properties": {**{k: {"type": "integer", "minimum": 1}
                            for k in ("startLine", "startColumn", "endLine", "endColumn")},
                         **{k: {"type": "integer", "minimum": -1} for k in ("charOffset", "byteOffset")},
                         **{k: {"type": "integer", "minimum": 0} for k in ("charLength", "byteLength")},
                         "snippet": {"type": "object"}, "message": MESSAGE, "sourceLanguage": {"type": "string"},
                         "properties": BAG}}
PHYSICAL = {"type": "object", "additional": False, "anyOf": [["address"], ["artifactLocation"]],
            "properties": {"address": {"type": "object"}, "artifactLocation": ARTIFACT_LOCATION, "region": REGION,
                           "contextRegion": REGION, "properties": BAG}}
LOCATION = {"type": "object", "additional": False,
            "properties": {"id": {"type": "integer", "minimum": -1}, "physicalLocation": PHYSICAL,
                           "logicalLocations": {"type": "array"}, "message": MESSAGE,
                           "annotations": {"type": "array"}, "relationships": {"type": "array"}, "properties": BAG}}
DESCRIPTOR_REF = {"type": "object", "additional": False, "anyOf": [["index"], ["guid"], ["id"]],
                  "properties": {"id": {"type": "string"}, "index": {"type": "integer", "minimum": -1},
                                 "guid": {"type": "string"}, "toolComponent": {"type": "object"},
                                 "properties": BAG}}
CONFIGURATION = {"type": "object", "additional": False,
                 "properties": {"enabled": {"type": "boolean"}, "level": LEVEL_ENUM,
                                "rank": {"type": "number", "minimum": -1}, "parameters": BAG, "properties": BAG}}
DESCRIPTOR = {"type": "object", "additional": False, "required": ["id"],
              "properties": {"id": {"type": "string"}, "deprecatedIds": {"type": "array"},
                             "guid": {"type": "string"}, "deprecatedGuids": {"type": "array"},
                             "name": {"type": "string"}, "deprecatedNames": {"type": "array"},
                             "shortDescription": MULTIFORMAT, "fullDescription": MULTIFORMAT,
                             "messageStrings": {"type": "object"}, "defaultConfiguration": CONFIGURATION,
                             "helpUri": {"type": "string", "format": "uri"}, "help": MULTIFORMAT,
                             "relationships": {"type": "array"}, "properties": BAG}}
TOOL_COMPONENT = {"type": "object", "additional": False, "required": ["name"],
                  "properties": {**{k: {"type": "string"} for k in (
                      "guid", "name", "organization", "product", "productSuite", "fullName", "version",
                      "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "language",
                      "localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion")},
                      "shortDescription": MULTIFORMAT, "fullDescription": MULTIFORMAT,
                      "downloadUri": {"type": "string", "format": "uri"},
                      "informationUri": {"type": "string", "format": "uri"},
                      "globalMessageStrings": {"type": "object"},
                      "notifications": {"type": "array", "uniqueItems": True, "items": DESCRIPTOR},
                      "rules": {"type": "array", "uniqueItems": True, "items": DESCRIPTOR},
                      "taxa": {"type": "array"}, "locations": {"type": "array"}, "contents": {"type": "array"},
                      "isComprehensive": {"type": "boolean"}, "associatedComponent": {"type": "object"},
                      "translationMetadata": {"type": "object"}, "supportedTaxonomies": {"type": "array"},
                      "properties": BAG}}
RESULT = {"type": "object", "additional": False, "required": ["message"],
          "properties": {"ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": -1},
                         "rule": DESCRIPTOR_REF,
                         "kind": {"enum": ["notApplicable", "pass", "fail", "review", "open", "informational"]},
                         "level": LEVEL_ENUM, "message": MESSAGE, "analysisTarget": ARTIFACT_LOCATION,
                         "locations": {"type": "array", "items": LOCATION},
                         "guid": {"type": "string"}, "correlationGuid": {"type": "string"},
                         "occurrenceCount": {"type": "integer", "minimum": 1},
                         "partialFingerprints": {"type": "object"}, "fingerprints": {"type": "object"},
                         **{k: {"type": "array"} for k in (
                             "stacks", "codeFlows", "graphs", "graphTraversals", "relatedLocations",
                             "suppressions", "attachments", "workItemUris", "fixes", "taxa")},
                         "baselineState": {"enum": ["new", "unchanged", "updated", "absent"]},
                         "rank": {"type": "number", "minimum": -1}, "hostedViewerUri": {"type": "string"},
                         "provenance": {"type": "object"}, "webRequest": {"type": "object"},
                         "webResponse": {"type": "object"}, "properties": BAG}}
NOTIFICATION = {"type": "object", "additional": False, "required": ["message"],
                "properties": {"locations": {"type": "array", "uniqueItems": True, "items": LOCATION},
                               "message": MESSAGE, "level": LEVEL_ENUM, "threadId": {"type": "integer"},
                               "timeUtc": {"type": "string"}, "exception": {"type": "object"},
                               "descriptor": DESCRIPTOR_REF, "associatedRule": DESCRIPTOR_REF, "properties": BAG}}
INVOCATION = {"type": "object", "additional": False, "required": ["executionSuccessful"],
              "properties": {"executionSuccessful": {"type": "boolean"},
                             "toolExecutionNotifications": {"type": "array", "items": NOTIFICATION},
                             "toolConfigurationNotifications": {"type": "array", "items": NOTIFICATION},
                             **{k: {"type": "string"} for k in (
                                 "commandLine", "startTimeUtc", "endTimeUtc", "exitCodeDescription",
                                 "exitSignalName", "processStartFailureMessage", "machine", "account")},
                             **{k: {"type": "integer"} for k in ("exitCode", "exitSignalNumber", "processId")},
                             **{k: {"type": "array"} for k in (
                                 "arguments", "responseFiles", "ruleConfigurationOverrides",
                                 "notificationConfigurationOverrides")},
                             **{k: ARTIFACT_LOCATION for k in (
                                 "executableLocation", "workingDirectory", "stdin", "stdout", "stderr",
                                 "stdoutStderr")},
                             "environmentVariables": {"type": "object"}, "properties": BAG}}
RUN = {"type": "object", "additional": False, "required": ["tool"],
       "properties": {"tool": {"type": "object", "additional": False, "required": ["driver"],
                               "properties": {"driver": TOOL_COMPONENT, "extensions": {"type": "array"},
                                              "properties": BAG}},
                      "invocations": {"type": "array", "items": INVOCATION},
                      "results": {"type": "array", "items": RESULT},
                      **{k: {"type": "array"} for k in (
                          "versionControlProvenance", "artifacts", "logicalLocations", "graphs", "runAggregates",
                          "redactionTokens", "newlineSequences", "threadFlowLocations", "taxonomies",
                          "addresses", "translations", "policies", "webRequests", "webResponses")},
                      **{k: {"type": "object"} for k in (
                          "conversion", "originalUriBaseIds", "automationDetails",
                          "externalPropertyFileReferences", "specialLocations")},
                      **{k: {"type": "string"} for k in (
                          "language", "baselineGuid", "defaultEncoding", "defaultSourceLanguage")},
                      "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]}, "properties": BAG}}
SARIF_LOG = {"type": "object", "additional": False, "required": ["version", "runs"],
             "properties": {"$schema": {"type": "string", "format": "uri"}, "version": {"enum": ["2.1.0"]},
                            "runs": {"type": "array", "items": RUN},
                            "inlineExternalProperties": {"type": "array"}, "properties": BAG}}
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "integer": int, "number": (int, float)}
URI_REFERENCE = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")     # RFC 3986 characters only


def check(value, schema: dict, where: str = "$") -> None:
    """A small JSON-schema interpreter for the subset above: type, enum, required, anyOf-required,
    additionalProperties false, items, uniqueItems, minimum, format uri / uri-reference."""
    if "type" in schema:
        expected = TYPES[schema["type"]]
        assert isinstance(value, expected) and not (schema["type"] in ("integer", "number")
                                                    and isinstance(value, bool)), f"{where}: not {schema['type']}"
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    if "minimum" in schema:
        assert value >= schema["minimum"], f"{where}: {value} < {schema['minimum']}"
    if schema.get("format") == "uri-reference":
        assert URI_REFERENCE.match(value), f"{where}: {value!r} is not a URI reference"
    if schema.get("format") == "uri":
        assert URI_REFERENCE.match(value) and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value), f"{where}: {value!r}"
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            assert key in value, f"{where}: missing {key}"
        if "anyOf" in schema:
            assert any(all(k in value for k in keys) for keys in schema["anyOf"]), f"{where}: needs {schema['anyOf']}"
        if schema.get("additional") is False:
            extra = set(value) - set(props)
            assert not extra, f"{where}: properties the schema does not allow: {sorted(extra)}"
        for key, sub in value.items():
            if key in props:
                check(sub, props[key], f"{where}.{key}")
    if isinstance(value, list):
        if schema.get("uniqueItems"):
            dumped = [json.dumps(v, sort_keys=True) for v in value]
            assert len(set(dumped)) == len(dumped), f"{where}: items not unique"
        for i, item in enumerate(value):
            if "items" in schema:
                check(item, schema["items"], f"{where}[{i}]")


def load_sarif(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))       # valid JSON, or this raises


def test_sarif_is_valid_json_against_the_schema(report):
    log = load_sarif(report["out"] / "report.sarif")
    check(log, SARIF_LOG)
    assert log["$schema"] == SARIF_SCHEMA and log["version"] == "2.1.0" and len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "cptaudit" and driver["version"] == report["json"]["tool"]["version"]
    assert "informationUri" not in driver


def test_sarif_has_one_rule_per_kind_with_descriptions(report):
    rules = load_sarif(report["out"] / "report.sarif")["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(KINDS)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["help"]["text"] and rule["fullDescription"]["text"]
        assert re.fullmatch(r"[A-Z][A-Za-z]+", rule["name"])
        assert not re.search(r"\b\d{5}\b|\b[A-Z]\d{4}\b", rule["help"]["text"])      # no code in Python


def test_sarif_results_are_the_problems_of_report_json_with_their_lines(report):
    run_ = load_sarif(report["out"] / "report.sarif")["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    expected = [(a["path"], f) for a in report["json"]["articles"] for f in a["findings"] if f["verdict"] in PROBLEMS]
    assert len(run_["results"]) == len(expected) > 0
    verdicts = set()
    for result, (path, f) in zip(run_["results"], expected):
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": path, "uriBaseId": "%SRCROOT%"}
        assert physical["region"]["startLine"] == f["line"]
        assert result["ruleId"] == f["kind"] and rules[result["ruleIndex"]]["id"] == f["kind"]
        assert result["level"] == LEVEL[f["verdict"]]
        assert result["message"]["text"] == f["message"]
        props = result["properties"]
        assert (props["code"], props["verdict"], props["claim"], props["expected"], props["suggestion"]) == \
            (f["code"], f["verdict"], f["claim"], f["expected"], f["suggestion"])
        verdicts.add(f["verdict"])
    assert verdicts == PROBLEMS
    levels = {r["properties"]["verdict"]: r["level"] for r in run_["results"]}
    assert levels == {"contradicted": "error", "deleted_code": "warning", "unknown_code": "warning"}
    rule_ids = {r["ruleId"] for r in run_["results"]}
    assert {"identity", "status", "structure"} <= rule_ids
    assert not any(r["properties"]["verdict"] in ("supported", "unverifiable") for r in run_["results"])
    hyperlink = [r for r in run_["results"] if r["properties"]["sentence"] == HOSTILE_SENTENCE]
    assert hyperlink and hyperlink[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_sarif_unreadable_files_are_error_notifications(report):
    [invocation] = load_sarif(report["out"] / "report.sarif")["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    notes = invocation["toolExecutionNotifications"]
    errors = {a["path"]: a["error"] for a in report["json"]["articles"] if a["status"] != "ok"}
    assert len(notes) == len(errors) == 2
    for note in notes:
        assert note["level"] == "error"
        [location] = note["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        assert uri in errors and note["message"]["text"] == f"{uri}: {errors[uri]}"
        assert location["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"


def test_sarif_run_properties_carry_the_summary_and_reference(report):
    props = load_sarif(report["out"] / "report.sarif")["runs"][0]["properties"]
    assert props["summary"] == report["json"]["summary"]
    assert props["reference"] == report["json"]["reference"]


def test_artifact_locations_are_uri_references():
    assert artifact_location("docs/a b#1.md") == {"uri": "docs/a%20b%231.md", "uriBaseId": "%SRCROOT%"}
    assert artifact_location("./docs/x.txt") == {"uri": "docs/x.txt", "uriBaseId": "%SRCROOT%"}
    assert artifact_location("docs/café.txt")["uri"] == "docs/caf%C3%A9.txt"
    absolute = artifact_location(str(Path("/srv/docs/a.txt").resolve()))
    assert absolute["uri"].startswith("file:///") and absolute["uri"].endswith("/srv/docs/a.txt")
    assert "uriBaseId" not in absolute                      # a base id only goes with a relative reference


def test_absolute_paths_are_file_uris_in_a_real_run(tmp_path):
    write_inputs(tmp_path)
    run([tmp_path / "in" / "01-hostile.txt"], tmp_path / "out", ["sarif"])
    log = load_sarif(tmp_path / "out" / "report.sarif")
    check(log, SARIF_LOG)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {(tmp_path / "in" / "01-hostile.txt").as_uri()}


def test_sarif_of_a_run_without_articles_is_valid(reference, tmp_path):
    writer = SarifWriter(tmp_path, reference)
    log = load_sarif(writer.close(Summary()))
    check(log, SARIF_LOG)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["invocations"][0]["toolExecutionNotifications"] == []


def test_a_non_utf8_file_name_does_not_break_either_writer(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    try:
        (folder / os.fsdecode(b"caf\xe9.txt")).write_text("CPT 97124 refers to therapeutic exercises.\n")
    except (OSError, UnicodeError):
        pytest.skip("the file system takes only UTF-8 names")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        run(["in"], "out", ["csv", "sarif"])
    finally:
        os.chdir(cwd)
    [row] = read_csv(tmp_path / "out" / "findings.csv")
    assert row["path"] == "in/caf\\xe9.txt" and row["verdict"] == "contradicted"
    log = load_sarif(tmp_path / "out" / "report.sarif")
    check(log, SARIF_LOG)
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "in/caf%E9.txt"


# ---------------------------------------------------------------- streaming, atomicity, determinism

def _result(n: int) -> ArticleResult:
    sentence = "CPT 97124 refers to therapeutic exercises."
    finding = Finding("97124", "contradicted", "identity", sentence, 0, len(sentence), 1,
                      claim="therapeutic exercise", expected="Therapeutic massage", suggestion=["97110"],
                      message="97124 is Therapeutic massage, not therapeutic exercise.", severity="error")
    return ArticleResult(f"corpus/{n:05d}-article.txt", findings=[finding], text=sentence)


def _parts(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("writer_class", [CsvWriter, SarifWriter])
def test_rows_stream_to_a_temporary_file_that_close_renames(writer_class, reference, tmp_path):
    writer = writer_class(tmp_path, reference)
    summary = Summary()
    sizes = []
    for n in range(2000):
        result = _result(n) if n % 100 else ArticleResult(f"corpus/{n:05d}-bad.txt", status="error",
                                                          error="empty file")
        summary.add(result)
        writer.add(result)
        if n in (10, 1999):
            [part] = _parts(tmp_path)
            writer._file.handle.flush()
            sizes.append(part.stat().st_size)
    assert not writer.out.exists()
    assert sizes[0] > 0 and sizes[1] > sizes[0] + 200_000    # written as they arrive, not held until close
    assert not [k for k, v in vars(writer).items() if isinstance(v, list)]      # nothing kept per article
    path = writer.close(summary)
    assert path == writer.out and path.is_file() and not _parts(tmp_path)
    assert path.stat().st_mode & 0o777 == 0o666 & ~audit_umask()
    if writer_class is SarifWriter:
        log = load_sarif(path)
        check(log, SARIF_LOG)
        assert len(log["runs"][0]["results"]) == 1980
        assert len(log["runs"][0]["invocations"][0]["toolExecutionNotifications"]) == 20
    else:
        rows = read_csv(path)
        assert len(rows) == 2000 and sum(r["verdict"] == "error" for r in rows) == 20


def audit_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("writer_class", [CsvWriter, SarifWriter])
def test_an_aborted_writer_leaves_no_file(writer_class, reference, tmp_path):
    writer = writer_class(tmp_path, reference)
    for n in range(5):
        writer.add(_result(n))
    writer.add(ArticleResult("corpus/bad.txt", status="error", error="empty file"))
    assert _parts(tmp_path)
    writer.abort()
    assert list(tmp_path.iterdir()) == []
    idle = writer_class(tmp_path, reference)           # constructed, never written: nothing to remove
    idle.abort()
    assert list(tmp_path.iterdir()) == []


def test_a_failed_run_leaves_no_csv_or_sarif(tmp_path, monkeypatch):
    write_inputs(tmp_path)
    real = audit.audit_paths

    def failing(*args, **kwargs):
        results = real(*args, **kwargs)
        yield next(results)
        yield next(results)
        raise RuntimeError("killed")

    monkeypatch.setattr(audit, "audit_paths", failing)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        run([tmp_path / "in"], out, ["csv", "sarif"])
    assert not out.exists() or list(out.iterdir()) == []


def test_a_failing_close_leaves_no_file(reference, tmp_path, monkeypatch):
    for writer_class in (CsvWriter, SarifWriter):
        writer = writer_class(tmp_path, reference)
        writer.add(_result(1))
        monkeypatch.setattr("cptaudit.report.os.replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
        with pytest.raises(OSError):
            writer.close(Summary(articles=1))
        monkeypatch.undo()
        assert list(tmp_path.iterdir()) == []


def test_same_inputs_give_byte_identical_csv_and_sarif(tmp_path):
    write_inputs(tmp_path)
    runs = []
    for n in range(2):
        out = tmp_path / f"run{n}"
        run([tmp_path / "in"], out, ["csv", "sarif"], jobs=n + 1)
        runs.append(((out / "findings.csv").read_bytes(), (out / "report.sarif").read_bytes()))
    assert runs[0] == runs[1]


def test_csv_parses_back_with_the_csv_module_only(report):
    """No trailing garbage, same number of cells on every line of the file."""
    text = (report["out"] / "findings.csv").read_text(encoding="utf-8-sig")
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert records[0] == list(COLUMNS) and all(len(r) == len(COLUMNS) for r in records)
