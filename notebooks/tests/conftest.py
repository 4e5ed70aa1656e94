"""Fixtures for the notebook suite: the sample lake (built once), a moto server, a notebook runner."""
import os
import pathlib
import sys

import nbformat
import pyarrow.parquet as pq
import pytest
from nbclient import NotebookClient

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOK = NOTEBOOKS / "queries.ipynb"
sys.path.insert(0, str(NOTEBOOKS))
sys.path.insert(0, str(NOTEBOOKS / "tests"))

from sample_lake import build_sample_lake  # noqa: E402

# Variables of the developer's shell that would point the notebook elsewhere than the test says.
SETTINGS_VARS = ("LAKEDECK_BACKEND", "LAKEDECK_LAKE", "LAKEDECK_STACK", "LAKEDECK_CONFIG",
                 "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION")


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
               MPLCONFIGDIR=str(home / "mpl"))
    return env


def execute_notebook(env, extra_cells=()):
    """Run queries.ipynb headless in a fresh kernel (cwd = notebooks/); returns the executed copy."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.cells.extend(nbformat.v4.new_code_cell(source) for source in extra_cells)
    client = NotebookClient(notebook, kernel_name="python3", timeout=300,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute(env=env)
    return notebook


def stream_text(notebook):
    return "".join(o.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                   for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def png_count(notebook):
    return sum("image/png" in o.get("data", {}) for cell in notebook.cells
               if cell.cell_type == "code" for o in cell.get("outputs", []))
