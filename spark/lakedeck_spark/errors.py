"""Errors a job reports as a clear one-line message and a non-zero exit (no stack trace)."""


class LakedeckError(Exception):
    """Base class: an expected failure caused by inputs or arguments, not by a bug."""


class InputError(LakedeckError):
    """Raw or trusted input that cannot be processed as a whole (empty, wrong header, encoding)."""


class UsageError(LakedeckError):
    """Arguments that do not make sense together."""
