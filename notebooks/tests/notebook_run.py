"""Runs queries.ipynb headless in a fresh kernel and reads what it printed and drew."""
import pathlib

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOK = NOTEBOOKS / "queries.ipynb"


def execute_notebook(env, extra_cells=()):
    """Execute every cell (cwd = notebooks/, as Jupyter does); returns the executed copy."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.cells.extend(nbformat.v4.new_code_cell(source) for source in extra_cells)
    client = NotebookClient(notebook, kernel_name="python3", timeout=300,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute(env=env)
    return notebook


def outputs(notebook):
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]


def stream_text(notebook):
    return "".join(o.get("text", "") for o in outputs(notebook) if o.get("output_type") == "stream")


def png_count(notebook):
    return sum("image/png" in o.get("data", {}) for o in outputs(notebook))
