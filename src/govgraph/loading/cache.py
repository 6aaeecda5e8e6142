"""Models already read, kept between runs, so that the work of reading a file is paid once per version of it.

Reading a model file is most of a command's start-up: importing pydantic, building the file's schema, parsing
and validating the YAML and building the model took 0.30 s of the 0.50 s `govgraph check` took on the London
model, where reading the kept model back takes 1 ms. Whole commands on the London model, processor time, medians
of runs in alternation with the code before this: `govgraph check` 0.46 s to 0.24 s (10 pairs, ratio 0.52), a
`govgraph build` with nothing to do 0.84 s to 0.61 s (8 pairs, ratio 0.74); with keeping off, `check` is as
before (ratio 0.98). A model that
read without a problem is kept, keyed by everything its reading depends on: the file's bytes, the name its
locations carry, the vocabulary, and the govgraph code that read it (each module's size and time of change, so
an edited or upgraded govgraph never reuses a model read by another). A file with problems is never kept: its
findings are worked out, and shown, every time.

Where and how it is kept: `govgraph.kept` (`GOVGRAPH_CACHE=off` turns keeping off): one file per model file read,
replaced when that file changes, so the folder holds as many files as there are model files. One that cannot be
read back for any reason is read from its file again, as if nothing had been kept.
"""

from __future__ import annotations

import hashlib
import pickle

from govgraph import kept, vocabulary
from govgraph.memory import collector_paused
from govgraph.model import Model

#: Changes when what is kept changes shape.
_FORMAT = b"govgraph-model-cache-1\n"


def _key(data: bytes, file: str) -> bytes:
    digest = hashlib.sha256()
    for part in (_FORMAT, data, file.encode("utf-8", "surrogatepass"), vocabulary.fingerprint(), kept.code()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest().encode()


def _entry(file: str) -> str:
    return hashlib.sha256(file.encode("utf-8", "surrogatepass")).hexdigest()[:32] + ".model"


def recall(data: bytes, file: str) -> Model | None:
    """The model kept from reading exactly `data` as `file` with this govgraph, or None."""
    found = kept.read(_entry(file))
    if found is None:
        return None
    head = _FORMAT + _key(data, file) + b"\n"
    if not found.startswith(head):
        return None
    try:
        # A file this user's govgraph wrote, in a folder only they can write to (see `govgraph.kept`). Unpickling
        # makes every object of the model at once, as building it does (see `govgraph.memory`): 10,000 bodies
        # were read back in 2.0-2.4 s with the collector running, 0.47-0.52 s with it paused (4 runs in turns).
        with collector_paused():
            model = pickle.loads(found[len(head) :])
    except Exception:
        return None  # anything that cannot be read back is read from the model file again
    return model if isinstance(model, Model) else None


def keep(data: bytes, file: str, model: Model) -> None:
    """Keep `model`, read from `data` as `file`, for the next run; silently not, if the folder cannot be written."""
    if kept.folder() is None:
        return
    try:
        payload = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, RecursionError):
        return
    kept.write(_entry(file), _FORMAT + _key(data, file) + b"\n" + payload)
