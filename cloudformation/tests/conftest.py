"""Shared fixtures for the CloudFormation suite: paths, the parsed template, a moto server."""
import json
import os
import pathlib
import sys

import pytest

CFN_DIR = pathlib.Path(__file__).resolve().parents[1]
REPO = CFN_DIR.parent
TEMPLATE = CFN_DIR / "lakedeck.yaml"
ASL = CFN_DIR / "statemachine" / "pipeline.asl.json"
VENV_BIN = REPO / ".venv" / "bin"
CHECKOV = REPO / ".venv-checkov" / "bin" / "checkov"

sys.path.insert(0, str(CFN_DIR / "tools"))


def load_template(path=TEMPLATE):
    """The template as plain data, short-form tags expanded (!Ref -> {"Ref": ...})."""
    from cfnlint.decode import cfn_yaml

    # Round-trip through JSON so the tests see plain dicts, lists and strings.
    return json.loads(json.dumps(cfn_yaml.load(str(path))))


@pytest.fixture(scope="session")
def template():
    return load_template()


@pytest.fixture(scope="session")
def asl():
    return json.loads(ASL.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def moto_endpoint():
    """A moto server on a free loopback port, with fake credentials that cannot reach AWS."""
    from moto.server import ThreadedMotoServer

    saved = {k: os.environ.get(k) for k in _AWS_ENV}
    os.environ.update(_AWS_ENV)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


_AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    # Keep a developer's profile or config file from leaking into the tests.
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}
