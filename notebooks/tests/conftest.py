"""Fixtures for the notebook suite: the sample lake (built once per session), a clean kernel env."""
import os
import pathlib
import sys

import pyarrow.parquet as pq
import pytest

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(NOTEBOOKS))
sys.path.insert(0, str(NOTEBOOKS / "tests"))

from sample_lake import build_sample_lake  # noqa: E402

# Variables of the developer's shell that would point the notebook elsewhere than the test says.
SETTINGS_VARS = ("LAKEDECK_BACKEND", "LAKEDECK_LAKE", "LAKEDECK_STACK", "LAKEDECK_CONFIG",
                 "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION",
                 "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")


@pytest.fixture(scope="session")
def sample_lake(tmp_path_factory):
    """raw -> trusted -> refined from the real sample, through the project's spark-submit jobs."""
    return build_sample_lake(tmp_path_factory.mktemp("notebook-lake"))


@pytest.fixture(scope="session")
def trusted_cases(sample_lake):
    return pq.ParquetDataset(str(sample_lake / "trusted" / "covid_cases")).read().to_pandas()


@pytest.fixture(scope="session")
def kernel_env(tmp_path_factory):
    """A clean environment for the kernel: no user config file, no stray AWS or lake settings."""
    home = tmp_path_factory.mktemp("kernel-home")
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARS}
    env.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               MPLCONFIGDIR=str(home / "mpl"), AWS_CONFIG_FILE=str(home / "aws-config"),
               AWS_SHARED_CREDENTIALS_FILE=str(home / "aws-credentials"))
    return env

