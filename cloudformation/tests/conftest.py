"""Fixtures of the CloudFormation suite: the parsed template and definition, a moto server."""
import json
import os

import pytest

from stackkit import ASL, AWS_TEST_ENV, Scanners, load_template


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

    saved = {k: os.environ.get(k) for k in AWS_TEST_ENV}
    os.environ.update(AWS_TEST_ENV)
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


@pytest.fixture(scope="session", autouse=True)
def scanners(request, tmp_path_factory):
    """cfn-lint and checkov take most of this suite's time: when their tests are selected, start
    them with the session so they run while the other tests do."""
    if not any(item.path.name == "test_cfn_lint.py" for item in request.session.items):
        yield None
        return
    started = Scanners(tmp_path_factory.mktemp("scanners"))
    try:
        yield started
    finally:
        started.stop()
